"""Real-time clock ioctls (type 'p' 0x70, linux/rtc.h), as strace's rtc_ioctl: struct rtc_time
(its last three fields as `...` without -v) of the alarm and time commands, struct rtc_wkalrm,
struct rtc_pll_info, the periodic interrupt rate and the epoch (a number set, an unsigned long
read), RTC_VL_READ's voltage-low flags, struct rtc_param (the parameter and its index at entry;
RTC_PARAM_GET's value at exit after ` => `), the interrupt switches without an argument. The
structures print as their address with `-e verbose=none`."""
from minitrace import printers
from minitrace.decode.common import (const, enum_text, failed, flag_text, read_ints,
                                     read_longs, read_struct, ulong)
from minitrace.decode.ioctl.base import TableFamily
from minitrace.decode.layout import Struct, named

VL_FLAGS = ("RTC_VL_DATA_INVALID", "RTC_VL_BACKUP_LOW", "RTC_VL_BACKUP_EMPTY",
            "RTC_VL_ACCURACY_LOW", "RTC_VL_BACKUP_SWITCH")
PARAMS = ("RTC_PARAM_FEATURES", "RTC_PARAM_CORRECTION", "RTC_PARAM_BACKUP_SWITCH_MODE")
BACKUP_SWITCH_MODES = ("RTC_BSM_DISABLED", "RTC_BSM_DIRECT", "RTC_BSM_LEVEL", "RTC_BSM_STANDBY")
# RTC_PARAM_FEATURES' value is a set of (1 << RTC_FEATURE_*) bits
FEATURE_BITS = ("RTC_FEATURE_ALARM", "RTC_FEATURE_ALARM_RES_MINUTE", "RTC_FEATURE_NEED_WEEK_DAY",
                "RTC_FEATURE_ALARM_RES_2S", "RTC_FEATURE_UPDATE_INTERRUPT",
                "RTC_FEATURE_CORRECTION", "RTC_FEATURE_BACKUP_SWITCH_MODE",
                "RTC_FEATURE_ALARM_WAKEUP_ONLY")
TIME_FIELDS = ("tm_sec", "tm_min", "tm_hour", "tm_mday", "tm_mon", "tm_year")
TIME_FIELDS_VERBOSE = ("tm_wday", "tm_yday", "tm_isdst")
PLL_FIELDS = ("pll_ctrl", "pll_value", "pll_max", "pll_min", "pll_posmult", "pll_negmult",
              "pll_clock")

RTC_TIME = named("rtc_time", Struct("rtc_time", [
    (f, "s32") for f in TIME_FIELDS + TIME_FIELDS_VERBOSE]))
RTC_WKALRM = named("rtc_wkalrm", Struct("rtc_wkalrm", [
    ("enabled", "u8"), ("pending", "u8"), ("time", RTC_TIME)]))
RTC_PLL_INFO = named("rtc_pll_info", Struct("rtc_pll_info", [
    (f, "s32") for f in PLL_FIELDS[:-1]] + [("pll_clock", "long")]))
# the value is a union of __u64 uvalue, __s64 svalue and __u64 ptr
RTC_PARAM = named("rtc_param", Struct("rtc_param", [
    ("param", "u64"), ("uvalue", "u64"), ("index", "u32"), ("__pad", "u32")]))


def _read(ctx, call, arg, layout):
    """The struct at arg, or None (also with -e verbose=none: strace prints the address)."""
    if not ctx.style.deref:
        return None
    return read_struct(ctx, call, arg, layout.on(call.abi))


def _time_text(ctx, v, prefix=""):
    shown = TIME_FIELDS if not ctx.style.verbose else TIME_FIELDS + TIME_FIELDS_VERBOSE
    parts = ["%s=%d" % (f, v[prefix + f]) for f in shown]
    if not ctx.style.verbose:
        parts.append("...")
    return "{%s}" % ", ".join(parts)


def _time(ctx, call, arg):
    v = _read(ctx, call, arg, RTC_TIME)
    return printers.ptr(arg) if v is None else _time_text(ctx, v)


def _wkalrm(ctx, call, arg):
    v = _read(ctx, call, arg, RTC_WKALRM)
    if v is None:
        return printers.ptr(arg)
    return "{enabled=%d, pending=%d, time=%s}" % (v["enabled"], v["pending"],
                                                  _time_text(ctx, v, "time."))


def _pll(ctx, call, arg):
    v = _read(ctx, call, arg, RTC_PLL_INFO)
    if v is None:
        return printers.ptr(arg)
    return "{%s}" % ", ".join("%s=%d" % (f, v[f]) for f in PLL_FIELDS)


def _unsigned(ctx, call, arg):
    return ulong(call, arg)


def _ulong_read(ctx, call, arg):
    """`[N]` of the unsigned long the kernel wrote."""
    vals = read_longs(ctx, call, arg, 1) if arg and ctx.style.deref else None
    return printers.ptr(arg) if vals is None else "[%d]" % vals[0]


def _vl(ctx, call, arg):
    """`[flags]` of the unsigned int the kernel wrote."""
    vals = read_ints(ctx, call, arg, 1, "I") if arg and ctx.style.deref else None
    if vals is None:
        return printers.ptr(arg)
    return "[%s]" % flag_text(ctx, call, vals[0], VL_FLAGS, "RTC_VL_???")


def _features(ctx, call, value):
    pairs = [("1<<" + n, 1 << const(ctx, call, n)) for n in FEATURE_BITS
             if const(ctx, call, n) is not None]
    return printers.flags(value, pairs, ctx.style, "1<<RTC_FEATURE_???")


def _param_value(ctx, call, v):
    """The value field as the parameter types it."""
    param, value = v["param"], v["uvalue"]
    if param == const(ctx, call, "RTC_PARAM_FEATURES"):
        return "uvalue=" + _features(ctx, call, value)
    if param == const(ctx, call, "RTC_PARAM_CORRECTION"):
        return "svalue=%d" % printers.to_signed(value)
    if param == const(ctx, call, "RTC_PARAM_BACKUP_SWITCH_MODE"):
        return "uvalue=" + enum_text(ctx, call, value, BACKUP_SWITCH_MODES, "RTC_BSM_???")
    return "uvalue=" + printers.hexnum(value)


def _param_text(ctx, call, v, with_value):
    """`{param=P[, value], index=N[, __pad=0x..]}` as read at entry."""
    parts = ["param=" + enum_text(ctx, call, v["param"], PARAMS, "RTC_PARAM_???")]
    if with_value:
        parts.append(_param_value(ctx, call, v))
    parts.append("index=%d" % v["index"])
    return "{%s%s}" % (", ".join(parts), _pad(v))


def _pad(v):
    return ", __pad=%#x" % v["__pad"] if v["__pad"] else ""


def _param_set(ctx, call, arg):
    v = _read(ctx, call, arg, RTC_PARAM)
    return printers.ptr(arg) if v is None else _param_text(ctx, call, v, True)


def _param_get_enter(ctx, call, arg):
    v = _read(ctx, call, arg, RTC_PARAM)
    if v is None:
        return printers.ptr(arg), False
    return _param_text(ctx, call, v, False), True


def _param_get_exit(ctx, call, arg):
    v = None if failed(call) else _read(ctx, call, arg, RTC_PARAM)
    if v is None:
        return " => " + printers.ptr(arg)
    return " => {%s%s}" % (_param_value(ctx, call, v), _pad(v))


RTC = TableFamily(
    (0x70,),
    inp={"RTC_ALM_SET": _time, "RTC_SET_TIME": _time, "RTC_WKALM_SET": _wkalrm,
         "RTC_PLL_SET": _pll, "RTC_IRQP_SET": _unsigned, "RTC_EPOCH_SET": _unsigned,
         "RTC_PARAM_SET": _param_set},
    out={"RTC_ALM_READ": _time, "RTC_RD_TIME": _time, "RTC_WKALM_RD": _wkalrm,
         "RTC_PLL_GET": _pll, "RTC_IRQP_READ": _ulong_read, "RTC_EPOCH_READ": _ulong_read,
         "RTC_VL_READ": _vl},
    no_arg=("RTC_AIE_ON", "RTC_AIE_OFF", "RTC_UIE_ON", "RTC_UIE_OFF", "RTC_PIE_ON",
            "RTC_PIE_OFF", "RTC_WIE_ON", "RTC_WIE_OFF", "RTC_VL_CLR"),
    both={"RTC_PARAM_GET": (_param_get_enter, _param_get_exit)})
