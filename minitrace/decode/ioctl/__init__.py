"""ioctl: the command named as strace names it (names.py, from the generated tables of every ABI)
and its argument decoded by the family module of the command's _IOC_TYPE (terminal.py, ...),
as strace's ioctl_decode dispatches; an argument no family decodes prints as a number.

A family module has `TYPES` and `enter`/`exit` (see base.py); add one to FAMILIES and run
tools/gen_decoder_index.py (index.IOCTL_FAMILIES_OF_TYPE: the families of each type byte, each
module imported the first time a command of its types is seen).
"""
import importlib

from minitrace import printers
from minitrace.decode import register
from minitrace.decode.common import fd, lmask
from minitrace.decode.generic import Decoder
from minitrace.decode.index import IOCTL_FAMILIES_OF_TYPE
from minitrace.decode.ioctl.base import ioc_type
from minitrace.decode.ioctl.names import request_text

# (module, attribute) of each family in dispatch order (attribute None: the module itself is the
# family); each is imported the first time a command of one of its TYPES is seen, from
# index.IOCTL_FAMILIES_OF_TYPE, which tools/gen_decoder_index.py writes from this list
FAMILIES = (  # one family a line
    ("terminal", None),
    ("block", "BLOCK"),
    ("evdev", None),
    ("fs", "FS_0X94"),
    ("fs", "FS_X"),
    ("fs", "FS_F"),
    ("btrfs", "BTRFS"),
    ("simple", "WATCHDOG"),
    ("simple", "INOTIFY"),
    ("simple", "RANDOM"),
    ("counter", "COUNTER"),
    ("hdio", "HDIO"),
    ("nbd", "NBD"),
    ("nsfs", "NSFS"),
    ("loop", "LOOP"),
    ("gpio", "GPIO"),
    ("ptp", "PTP"),
    ("rtc", "RTC"),
    ("seccomp", "SECCOMP"),
    ("uffdio", "UFFDIO"),
    ("kd", "KD"),
    ("v4l2", None),
    ("scsi", "SCSI"),
    ("kvm", "KVM"),
    ("tee", "TEE"),
    ("perf", "PERF"),
    ("sock", "SOCK"),
    ("lirc", "LIRC"),
    ("mtd", "MTD"),
    ("ubi", "UBI"),
    ("dm", "DM"),
)
# powerpc's terminal commands are _IO*('t', ...), and its FIO* _IO*('f', ...) (strace: POWERPC):
# (families, after the type's own ones?)
_TERMINAL = ("terminal", None)
ABI_TYPES = {"ppc64le": {0x74: ((_TERMINAL,), False), 0x66: ((_TERMINAL,), True)}}


def family(module, attribute):
    """The family object of a FAMILIES row (its module imported)."""
    mod = importlib.import_module("minitrace.decode.ioctl." + module)
    return mod if attribute is None else getattr(mod, attribute)


def load_all():
    """Every family module (tests: the layout registry)."""
    return [family(*row) for row in FAMILIES]


_BY_TYPE = {}        # _IOC_TYPE, or (abi, _IOC_TYPE) for an abi of ABI_TYPES -> its families


def _load(abi, typ):
    rows = IOCTL_FAMILIES_OF_TYPE.get(typ, ())
    extra = ABI_TYPES.get(abi, {}).get(typ)
    if extra is not None:
        rows = rows + extra[0] if extra[1] else extra[0]
    return tuple(family(*row) for row in rows)


def families(abi, typ):
    """The families that decode commands of _IOC_TYPE `typ` on `abi`, in dispatch order (their
    modules imported the first time)."""
    key = (abi, typ) if abi in ABI_TYPES else typ
    fams = _BY_TYPE.get(key)
    if fams is None:
        fams = _BY_TYPE[key] = _load(abi, typ)
    return fams


# The _IOC_TYPE values of the command families strace 6.1 has a decoder for (its ioctl.c,
# ioctl_decode): a command of those families that no decoder claims has its argument printed at
# entry; a command of any other family at exit (`ioctl(3, _IOC(...) <unfinished ...>`, then
# `<... ioctl resumed>, 0x...)`).
DECODED_TYPES = frozenset([0x03, 0x12, 0x21, 0x22, 0x24, 0x3d, 0x3e] +
                          [ord(c) for c in "EIKLMORTVWXfiop"] +
                          [0x89, 0x94, 0xa4, 0xaa, 0xab, 0xae, 0xb4, 0xb7, 0xfd])
_AT_EXIT = object()           # call.saved: an undecoded argument printed at exit


@register("ioctl")
class Ioctl(Decoder):
    def enter(self, ctx, call):
        a = call.args
        code = a[1] & 0xffffffff
        arg = a[2] & lmask(call)
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
        arg = call.args[2] & lmask(call)
        if fam is _AT_EXIT:
            text = None
        else:
            text = fam.exit(ctx, call, call.args[1] & 0xffffffff, arg)
        text = printers.hexnum(arg) if text is None else text
        return ", " + text if comma else text
