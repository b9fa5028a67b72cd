"""ioctl: the command named as strace names it (names.py, from the generated tables of every ABI)
and its argument decoded by the family module of the command's _IOC_TYPE (terminal.py, ...),
as strace's ioctl_decode dispatches; an argument no family decodes prints as a number.

A family module has `TYPES` and `enter`/`exit` (see base.py); add one to FAMILIES.
"""
from minitrace import printers
from minitrace.decode import register
from minitrace.decode.common import fd, lbits
from minitrace.decode.generic import Decoder
from minitrace.decode.ioctl import block, evdev, fs, simple, terminal
from minitrace.decode.ioctl.base import ioc_type
from minitrace.decode.ioctl.names import request_text

FAMILIES = (terminal, block.BLOCK, evdev, fs.FS_0X94, fs.FS_X, fs.FS_F, simple.WATCHDOG, simple.INOTIFY,
            simple.RANDOM)
BY_TYPE = {}
for _fam in FAMILIES:
    for _t in _fam.TYPES:
        BY_TYPE[_t] = BY_TYPE.get(_t, ()) + (_fam,)
# powerpc's terminal commands are _IO*('t', ...), and its FIO* _IO*('f', ...) (strace: POWERPC)
ABI_TYPES = {"ppc64le": {0x74: (terminal,), 0x66: BY_TYPE.get(0x66, ()) + (terminal,)}}


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
            return "%s, %s" % (head, printers.hexnum(arg))
        text, more = res
        if more:
            call.saved = fam
            return head + ", " + (text or "")
        return head if text == "" else "%s, %s" % (head, text)

    def exit(self, ctx, call):
        fam = call.saved
        if fam is None:
            return ""
        arg = call.args[2] & ((1 << lbits(call)) - 1)
        text = fam.exit(ctx, call, call.args[1] & 0xffffffff, arg)
        return printers.hexnum(arg) if text is None else text
