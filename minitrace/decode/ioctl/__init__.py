"""ioctl: the command named as strace names it (names.py, from the generated tables of every ABI)
and its argument decoded by the family module of the command's _IOC_TYPE (terminal.py, ...),
as strace's ioctl_decode dispatches; an argument no family decodes prints as a number.

A family module has `TYPES` and `enter`/`exit` (see base.py); add one to FAMILIES.
"""
from minitrace import printers
from minitrace.decode import register
from minitrace.decode.common import fd, lbits
from minitrace.decode.generic import Decoder
from minitrace.decode.ioctl import (  # one family a line
    block,
    btrfs,
    counter,
    dm,
    evdev,
    fs,
    gpio,
    hdio,
    kd,
    kvm,
    lirc,
    loop,
    mtd,
    nbd,
    nsfs,
    perf,
    ptp,
    rtc,
    scsi,
    seccomp,
    simple,
    sock,
    tee,
    terminal,
    ubi,
    uffdio,
    v4l2,
)
from minitrace.decode.ioctl.base import ioc_type
from minitrace.decode.ioctl.names import request_text

FAMILIES = (  # one family a line
    terminal,
    block.BLOCK,
    evdev,
    fs.FS_0X94,
    fs.FS_X,
    fs.FS_F,
    btrfs.BTRFS,
    simple.WATCHDOG,
    simple.INOTIFY,
    simple.RANDOM,
    counter.COUNTER,
    hdio.HDIO,
    nbd.NBD,
    nsfs.NSFS,
    loop.LOOP,
    gpio.GPIO,
    ptp.PTP,
    rtc.RTC,
    seccomp.SECCOMP,
    uffdio.UFFDIO,
    kd.KD,
    v4l2,
    scsi.SCSI,
    kvm.KVM,
    tee.TEE,
    perf.PERF,
    sock.SOCK,
    lirc.LIRC,
    mtd.MTD,
    ubi.UBI,
    dm.DM,
)
BY_TYPE = {}
for _fam in FAMILIES:
    for _t in _fam.TYPES:
        BY_TYPE[_t] = BY_TYPE.get(_t, ()) + (_fam,)
# powerpc's terminal commands are _IO*('t', ...), and its FIO* _IO*('f', ...) (strace: POWERPC)
ABI_TYPES = {"ppc64le": {0x74: (terminal,), 0x66: BY_TYPE.get(0x66, ()) + (terminal,)}}


# The _IOC_TYPE values of the command families strace 6.1 has a decoder for (its ioctl.c,
# ioctl_decode): a command of those families that no decoder claims has its argument printed at
# entry; a command of any other family at exit (`ioctl(3, _IOC(...) <unfinished ...>`, then
# `<... ioctl resumed>, 0x...)`).
DECODED_TYPES = frozenset([0x03, 0x12, 0x21, 0x22, 0x24, 0x3d, 0x3e] +
                          [ord(c) for c in "EIKLMORTVWXfiop"] +
                          [0x89, 0x94, 0xa4, 0xaa, 0xab, 0xae, 0xb4, 0xb7, 0xfd])
_AT_EXIT = object()           # call.saved: an undecoded argument printed at exit


def families(abi, typ):
    extra = ABI_TYPES.get(abi)
    if extra is not None and typ in extra:
        return extra[typ]
    return BY_TYPE.get(typ, ())


@register("ioctl")
class Ioctl(Decoder):
    def enter(self, ctx, call):
        a = call.args
        code = a[1] & 0xffffffff
        arg = a[2] & ((1 << lbits(call)) - 1)
        head = "%s, %s" % (fd(ctx, call, a[0]), request_text(ctx, call, code))
        res = fam = None
        for fam in families(call.abi, ioc_type(code)):
            res = fam.enter(ctx, call, code, arg)
            if res is not None:
                break
        if res is None:
            if ioc_type(code) in DECODED_TYPES:
                return "%s, %s" % (head, printers.hexnum(arg))
            call.saved = (_AT_EXIT, True, None)
            return head
        text, more = res[0], res[1]
        if more:
            # an argument the kernel fills in: strace ends the entry part before its `, `
            # (`ioctl(3, TCGETS <unfinished ...>`) unless part of it is printed at entry
            call.saved = (fam, not text, res[2] if len(res) > 2 else None)
            return head if not text else "%s, %s" % (head, text)
        return head if text == "" else "%s, %s" % (head, text)

    def result(self, ctx, call):
        code = call.args[1] & 0xffffffff
        for fam in families(call.abi, ioc_type(code)):
            show = getattr(fam, "result", None)
            text = show(ctx, call, code) if show is not None else None
            if text is not None:
                return text
        return Decoder.result(self, ctx, call)

    def exit(self, ctx, call):
        if call.saved is None:
            return ""
        fam, comma = call.saved[:2]
        arg = call.args[2] & ((1 << lbits(call)) - 1)
        if fam is _AT_EXIT:
            text = None
        else:
            text = fam.exit(ctx, call, call.args[1] & 0xffffffff, arg)
        text = printers.hexnum(arg) if text is None else text
        return ", " + text if comma else text
