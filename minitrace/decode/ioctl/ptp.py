"""PTP hardware clock ioctls (type '=' 0x3d, linux/ptp_clock.h), as strace's ptp_ioctl: the
clock capabilities and the precise cross-timestamp at exit, the external timestamp and periodic
output requests at entry, PTP_ENABLE_PPS's number, the sample sets of PTP_SYS_OFFSET{,_EXTENDED}
(the sample count at entry, the timestamps at exit), the pin descriptors. Each command has a
second form (PTP_*2) which prints the reserved words of the request it reads too. With
`-e verbose=none` nothing is decoded: the argument prints as a number.

A timestamp is `{sec=S, nsec=N}` (`, reserved=0x..` when that word is set), followed by its
date for the fields holding a wall-clock time (not with -X raw)."""
from minitrace import printers
from minitrace.decode.array import local_array
from minitrace.decode.common import const, enum_text, failed, flag_text, read_struct
from minitrace.decode.ioctl.base import TableFamily
from minitrace.decode.layout import Struct, Union, named
from minitrace.decode.sockaddr.fields import cstring
from minitrace.decode.timefmt import time_comment

EXTTS_FLAGS = ("PTP_ENABLE_FEATURE", "PTP_RISING_EDGE", "PTP_FALLING_EDGE", "PTP_STRICT_FLAGS")
PEROUT_FLAGS = ("PTP_PEROUT_ONE_SHOT", "PTP_PEROUT_DUTY_CYCLE", "PTP_PEROUT_PHASE")
PIN_FUNCTIONS = ("PTP_PF_NONE", "PTP_PF_EXTTS", "PTP_PF_PEROUT", "PTP_PF_PHYSYNC")
CAPS_FIELDS = ("max_adj", "n_alarm", "n_ext_ts", "n_per_out", "pps", "n_pins",
               "cross_timestamping", "adjust_phase")

MAX_SAMPLES = 25              # PTP_MAX_SAMPLES: the length of the sample arrays
NSEC_MAX = 999999999

CLOCK_TIME = named("ptp_clock_time", Struct("ptp_clock_time", [
    ("sec", "s64"), ("nsec", "u32"), ("reserved", "u32")]))
CLOCK_CAPS = named("ptp_clock_caps", Struct("ptp_clock_caps", [
    (f, "s32") for f in CAPS_FIELDS] + [("rsv", ("u32", 12))]))
EXTTS_REQUEST = named("ptp_extts_request", Struct("ptp_extts_request", [
    ("index", "u32"), ("flags", "u32"), ("rsv", ("u32", 2))]))
# start and phase share their place, as on and rsv do
PEROUT_REQUEST = named("ptp_perout_request", Struct("ptp_perout_request", [
    ("start", CLOCK_TIME), ("period", CLOCK_TIME), ("index", "u32"), ("flags", "u32"),
    ("", Union("ptp_perout_on", [("on", CLOCK_TIME), ("rsv", ("u32", 4))]))]))
# the timestamps as bytes, each unpacked with CLOCK_TIME
SYS_OFFSET = named("ptp_sys_offset", Struct("ptp_sys_offset", [
    ("n_samples", "u32"), ("rsv", ("u32", 3)), ("ts", ("u8", 16 * (2 * MAX_SAMPLES + 1)))]))
SYS_OFFSET_EXTENDED = named("ptp_sys_offset_extended", Struct("ptp_sys_offset_extended", [
    ("n_samples", "u32"), ("rsv", ("u32", 3)), ("ts", ("u8", 16 * 3 * MAX_SAMPLES))]))
SYS_OFFSET_PRECISE = named("ptp_sys_offset_precise", Struct("ptp_sys_offset_precise", [
    ("device", CLOCK_TIME), ("sys_realtime", CLOCK_TIME), ("sys_monoraw", CLOCK_TIME),
    ("rsv", ("u32", 4))]))
PIN_DESC = named("ptp_pin_desc", Struct("ptp_pin_desc", [
    ("name", ("u8", 64)), ("index", "u32"), ("func", "u32"), ("chan", "u32"),
    ("rsv", ("u32", 5))]))



def _rsv(ctx, v, count):
    """`, rsv=[...]` when a reserved word is set."""
    words = [v["rsv[%d]" % i] for i in range(count)]
    if not any(words):
        return ""
    return ", rsv=" + local_array(ctx, [printers.hexnum(w) for w in words])


def _time(ctx, sec, nsec, reserved, dated):
    text = "{sec=%d, nsec=%d%s}" % (sec, nsec, ", reserved=%#x" % reserved if reserved else "")
    if dated and ctx.style.const_style != "raw" and (sec or nsec) and nsec <= NSEC_MAX:
        text += time_comment(sec, nsec)
    return text


def _time_field(ctx, v, name, dated, label=None):
    """`name={...}` of the struct's timestamp `name` (printed as `label` if given)."""
    return "%s=%s" % (label or name, _time(ctx, v[name + ".sec"], v[name + ".nsec"],
                                           v[name + ".reserved"], dated))


def _times(ctx, call, data, first, count, dated=True):
    """`count` timestamps from byte `first` of data, each as _time prints it."""
    layout = CLOCK_TIME.on(call.abi)
    out = []
    for i in range(count):
        t = layout.dict(data, first + i * layout.size)
        out.append(_time(ctx, t["sec"], t["nsec"], t["reserved"], dated))
    return out


def _caps(ctx, call, arg):
    v = read_struct(ctx, call, arg, CLOCK_CAPS.on(call.abi))
    if v is None:
        return printers.ptr(arg)
    return "{%s%s}" % (", ".join("%s=%d" % (f, v[f]) for f in CAPS_FIELDS), _rsv(ctx, v, 12))


def _extts(v2):
    def show(ctx, call, arg):
        v = read_struct(ctx, call, arg, EXTTS_REQUEST.on(call.abi))
        if v is None:
            return printers.ptr(arg)
        return "{index=%d, flags=%s%s}" % (
            v["index"], flag_text(ctx, call, v["flags"], EXTTS_FLAGS, "PTP_???"),
            _rsv(ctx, v, 2) if v2 else "")
    return show


def _perout(v2):
    def show(ctx, call, arg):
        v = read_struct(ctx, call, arg, PEROUT_REQUEST.on(call.abi))
        if v is None:
            return printers.ptr(arg)
        flags = v["flags"]
        if flags & const(ctx, call, "PTP_PEROUT_PHASE"):
            head = _time_field(ctx, v, "start", False, "phase")
        else:
            head = _time_field(ctx, v, "start", True)
        if flags & const(ctx, call, "PTP_PEROUT_DUTY_CYCLE"):
            tail = ", " + _time_field(ctx, v, "on", False)
        else:
            tail = _rsv(ctx, v, 4) if v2 else ""
        return "{%s, %s, index=%d, flags=%s%s}" % (
            head, _time_field(ctx, v, "period", False), v["index"],
            flag_text(ctx, call, flags, PEROUT_FLAGS, "PTP_PEROUT_???"), tail)
    return show


def _pps(ctx, call, arg):
    return printers.hexnum(arg)


def _samples_enter(layout):
    """`{n_samples=N` (and the reserved words) of a sample request; the rest comes at exit."""
    def show(ctx, call, arg):
        v = read_struct(ctx, call, arg, layout.on(call.abi))
        if v is None:
            return printers.ptr(arg), False
        return "{n_samples=%d%s" % (v["n_samples"], _rsv(ctx, v, 3)), True
    return show


def _samples_exit(layout, per_sample):
    """`, ts=[...]}` of the samples the kernel wrote: per_sample timestamps for each of
    n_samples (PTP_SYS_OFFSET: one more, the last reading of the system clock)."""
    def show(ctx, call, arg):
        if failed(call):
            return "}"
        compiled = layout.on(call.abi)
        data = ctx.read(call, arg, compiled.size)
        if data is None or len(data) < compiled.size:
            return ", ???}"
        data = bytes(data)
        v = compiled.dict(data)
        first = compiled.fields["ts"][0]
        n = min(v["n_samples"], MAX_SAMPLES)
        size = CLOCK_TIME.on(call.abi).size
        if per_sample == 1:
            def item(i):
                return _times(ctx, call, data, first + i * size, 1)[0]
            count = 2 * n + 1
        else:
            def item(i):
                return "[%s]" % ", ".join(_times(ctx, call, data, first + i * per_sample * size,
                                                 per_sample))
            count = n
        return ", ts=%s}" % local_array(ctx, [item(i) for i in range(count)])
    return show


def _pin_fields(ctx, call, v, with_name):
    name = ", name=" + cstring(ctx, v["name"], 0, 64) if with_name else ""
    return "%s, func=%s, chan=%d" % (
        name, enum_text(ctx, call, v["func"], PIN_FUNCTIONS, "PTP_PF_???"), v["chan"])


def _pin_get_enter(v2):
    def show(ctx, call, arg):
        v = read_struct(ctx, call, arg, PIN_DESC.on(call.abi))
        if v is None:
            return printers.ptr(arg), False
        return "{index=%d%s" % (v["index"], _rsv(ctx, v, 5) if v2 else ""), True
    return show


def _pin_get_exit(ctx, call, arg):
    if failed(call):
        return "}"
    v = read_struct(ctx, call, arg, PIN_DESC.on(call.abi))
    if v is None:
        return ", ???}"
    return _pin_fields(ctx, call, v, True) + "}"


def _pin_set(v2):
    def show(ctx, call, arg):
        v = read_struct(ctx, call, arg, PIN_DESC.on(call.abi))
        if v is None:
            return printers.ptr(arg)
        return "{index=%d%s%s}" % (v["index"], _pin_fields(ctx, call, v, False),
                                  _rsv(ctx, v, 5) if v2 else "")
    return show


def _precise(ctx, call, arg):
    v = read_struct(ctx, call, arg, SYS_OFFSET_PRECISE.on(call.abi))
    if v is None:
        return printers.ptr(arg)
    return "{%s, %s, %s%s}" % (
        _time_field(ctx, v, "device", True), _time_field(ctx, v, "sys_realtime", True),
        _time_field(ctx, v, "sys_monoraw", False), _rsv(ctx, v, 4))


class _Ptp(TableFamily):
    """strace decodes none of these unless the call's structures are to be printed."""

    def enter(self, ctx, call, code, arg):
        if not ctx.style.deref:
            return None
        return TableFamily.enter(self, ctx, call, code, arg)


def _both_forms(name, first, second):
    """[(name, first), (name + "2", second)]: a command and its second form."""
    return [(name, first), (name + "2", second)]


_SYS_OFFSET = (_samples_enter(SYS_OFFSET), _samples_exit(SYS_OFFSET, 1))
_SYS_OFFSET_EXTENDED = (_samples_enter(SYS_OFFSET_EXTENDED),
                        _samples_exit(SYS_OFFSET_EXTENDED, 3))

PTP = _Ptp(
    (0x3d,),
    inp=dict(_both_forms("PTP_EXTTS_REQUEST", _extts(False), _extts(True))
             + _both_forms("PTP_PEROUT_REQUEST", _perout(False), _perout(True))
             + _both_forms("PTP_ENABLE_PPS", _pps, _pps)
             + _both_forms("PTP_PIN_SETFUNC", _pin_set(False), _pin_set(True))),
    out=dict(_both_forms("PTP_CLOCK_GETCAPS", _caps, _caps)
             + _both_forms("PTP_SYS_OFFSET_PRECISE", _precise, _precise)),
    both=dict(_both_forms("PTP_SYS_OFFSET", _SYS_OFFSET, _SYS_OFFSET)
              + _both_forms("PTP_SYS_OFFSET_EXTENDED", _SYS_OFFSET_EXTENDED, _SYS_OFFSET_EXTENDED)
              + _both_forms("PTP_PIN_GETFUNC", (_pin_get_enter(False), _pin_get_exit),
                            (_pin_get_enter(True), _pin_get_exit))))
