"""An ioctl command as strace prints it: its name(s) from the generated tables
(`syscalls.ioctl_names`), the forms strace builds from a number (`EVIOCGNAME(64)`,
`MIXER_READ(13)`...), else `_IOC(dir, type, nr, size)`; `-X raw` and `-X verbose` forms."""
import syscalls

from minitrace import printers
from minitrace.decode.ioctl.base import (IOC_READ, IOC_WRITE, ioc_dir, ioc_nr, ioc_size,
                                         ioc_type)

_DIR_NAMES = ((IOC_READ, "_IOC_READ"), (IOC_WRITE, "_IOC_WRITE"))

# evdev.h's event types and absolute axes, by the number strace builds names from
EV_TYPES = ("EV_SYN", "EV_KEY", "EV_REL", "EV_ABS", "EV_MSC", "EV_SW", "EV_LED", "EV_SND",
            "EV_REP", "EV_FF", "EV_PWR", "EV_FF_STATUS")
ABS_AXES = ("ABS_X", "ABS_Y", "ABS_Z", "ABS_RX", "ABS_RY", "ABS_RZ", "ABS_THROTTLE",
            "ABS_RUDDER", "ABS_WHEEL", "ABS_GAS", "ABS_BRAKE", "ABS_HAT0X", "ABS_HAT0Y",
            "ABS_HAT1X", "ABS_HAT1Y", "ABS_HAT2X", "ABS_HAT2Y", "ABS_HAT3X", "ABS_HAT3Y",
            "ABS_PRESSURE", "ABS_DISTANCE", "ABS_TILT_X", "ABS_TILT_Y", "ABS_TOOL_WIDTH",
            "ABS_VOLUME", "ABS_PROFILE", "ABS_MISC", "ABS_RESERVED", "ABS_MT_SLOT",
            "ABS_MT_TOUCH_MAJOR", "ABS_MT_TOUCH_MINOR", "ABS_MT_WIDTH_MAJOR",
            "ABS_MT_WIDTH_MINOR", "ABS_MT_ORIENTATION", "ABS_MT_POSITION_X",
            "ABS_MT_POSITION_Y", "ABS_MT_TOOL_TYPE", "ABS_MT_BLOB_ID", "ABS_MT_TRACKING_ID",
            "ABS_MT_PRESSURE", "ABS_MT_DISTANCE", "ABS_MT_TOOL_X", "ABS_MT_TOOL_Y")

# (type, direction, nr) -> name of a command whose size is its argument: `NAME(size)`
_SIZED = {
    (0x45, IOC_READ, 0x06): "EVIOCGNAME", (0x45, IOC_READ, 0x07): "EVIOCGPHYS",
    (0x45, IOC_READ, 0x08): "EVIOCGUNIQ", (0x45, IOC_READ, 0x09): "EVIOCGPROP",
    (0x45, IOC_READ, 0x0a): "EVIOCGMTSLOTS", (0x45, IOC_READ, 0x18): "EVIOCGKEY",
    (0x45, IOC_READ, 0x19): "EVIOCGLED", (0x45, IOC_READ, 0x1a): "EVIOCGSND",
    (0x45, IOC_READ, 0x1b): "EVIOCGSW",
    (0x48, IOC_READ, 0x04): "HIDIOCGRAWNAME", (0x48, IOC_READ, 0x05): "HIDIOCGRAWPHYS",
    (0x48, IOC_READ, 0x06): "HIDIOCSFEATURE", (0x48, IOC_READ, 0x08): "HIDIOCGRAWUNIQ",
    (0x48, IOC_READ, 0x12): "HIDIOCGPHYS",
    (0x48, IOC_READ | IOC_WRITE, 0x06): "HIDIOCSFEATURE",
    (0x48, IOC_READ | IOC_WRITE, 0x07): "HIDIOCGFEATURE",
    (0x55, IOC_READ, 0x2c): "UI_GET_SYSNAME", (0x6a, IOC_READ, 0x13): "JSIOCGNAME",
    (0x6b, IOC_WRITE, 0x00): "SPI_IOC_MESSAGE",
}


def _named_arg(ctx, call, value, names, unknown):
    """An evdev table entry inside a command name: the name alone (with -X verbose too), an
    unknown value as a number (commented with -X abbrev)."""
    name = ctx.enum_table(call.abi, names).get(value)
    if name:
        return name
    if ctx.style.const_style == "verbose":
        return printers.hexnum(value)
    return "%s /* %s */" % (printers.hexnum(value), unknown)


def built_name(ctx, call, code):
    """strace's ioctl_decode_command_number: a name made from the number, or None."""
    typ, d, nr = ioc_type(code), ioc_dir(code, call.abi), ioc_nr(code)
    size = ioc_size(code, call.abi)
    if typ == 0x21 and d == IOC_READ and nr == 2 and size == 8:
        return "SECCOMP_IOCTL_NOTIF_ID_VALID_WRONG_DIR"
    if typ == 0x45:
        if d == IOC_WRITE and 0xc0 <= nr <= 0xff:
            return "EVIOCSABS(%s)" % _named_arg(ctx, call, nr - 0xc0, ABS_AXES, "ABS_???")
        if d == IOC_READ and 0x20 <= nr <= 0x3f:
            ev = "0" if nr == 0x20 else _named_arg(ctx, call, nr - 0x20, EV_TYPES, "EV_???")
            return "EVIOCGBIT(%s, %d)" % (ev, size)
        if d == IOC_READ and 0x40 <= nr <= 0x7f:
            return "EVIOCGABS(%s)" % _named_arg(ctx, call, nr - 0x40, ABS_AXES, "ABS_???")
    if typ == 0x4d and d in (IOC_READ, IOC_WRITE):
        return "%s(%d)" % ("MIXER_READ" if d == IOC_READ else "MIXER_WRITE", nr)
    name = _SIZED.get((typ, d, nr))
    if name is not None:
        return "%s(%d)" % (name, size)
    return None


def ioc_text(code, verbose, abi=None):
    """strace's `_IOC(_IOC_READ, 0x12, 0x34, 0x8)` of a command number."""
    d = ioc_dir(code, abi)
    names = [n for bit, n in _DIR_NAMES if d & bit]
    left = d & ~3
    if not d:
        dirs = "_IOC_NONE"
    else:
        dirs = "|".join(names + (["%#x" % left] if left else []))
        if not names and not verbose:
            dirs += " /* _IOC_??? */"
    return "_IOC(%s, %s, %s, %s)" % (dirs, printers.hexnum(ioc_type(code)),
                                      printers.hexnum(ioc_nr(code)),
                                      printers.hexnum(ioc_size(code, abi)))


def request_text(ctx, call, code):
    """The command as strace prints it: `TCGETS`, `A or B`, `EVIOCGNAME(8)`, `_IOC(...)`,
    `0x5401` (-X raw), `0x5401 /* TCGETS */` (-X verbose)."""
    cstyle = ctx.style.const_style
    if cstyle == "raw":
        return printers.hexnum(code)
    parts = []
    built = built_name(ctx, call, code)
    if built is not None:
        parts.append(built)
    named = syscalls.ioctl_names(call.abi).get(code)
    if named is not None:
        parts.append(named)
    text = " or ".join(parts) if parts else ioc_text(code, cstyle == "verbose", call.abi)
    if cstyle == "verbose":
        return "%s /* %s */" % (printers.hexnum(code), text)
    return text
