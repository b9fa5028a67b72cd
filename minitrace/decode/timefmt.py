"""Time values every family prints: the timespec/timeval layouts of each ABI (which calls use
64-bit fields) and strace's date comment (`/* 2026-05-20T16:27:29+0000 */`). Imports no family
module, so clock.py, file.py and stat.py can all import it."""
import time

from minitrace.arch import long_bits
from minitrace.decode.layout import Struct, named

# struct __kernel_timespec: the *_time64 calls of 32-bit ABIs, every call of 64-bit ABIs and x32
TIMESPEC64 = named("timespec64", Struct("timespec64", [("tv_sec", "s64"), ("tv_nsec", "s64")]))
# struct old_timespec32: the other calls of i386 and arm
TIMESPEC32 = Struct("timespec", [("tv_sec", "s32"), ("tv_nsec", "s32")])
ITIMERSPEC64 = named("itimerspec64", Struct("itimerspec64", [("it_interval", TIMESPEC64),
                                                             ("it_value", TIMESPEC64)]))
ITIMERSPEC32 = Struct("itimerspec", [("it_interval", TIMESPEC32), ("it_value", TIMESPEC32)])
# struct __kernel_old_timeval: __kernel_long_t fields (x32: 64-bit)
TIMEVAL = named("timeval", Struct("timeval", [("tv_sec", "klong"), ("tv_usec", "klong")]))


def wide_time(abi):
    """True when the non-time64 calls of `abi` use 64-bit time fields (64-bit ABIs, x32)."""
    return long_bits(abi) == 64 or abi == "x32"


@named("timespec")
def timespec_layout(abi):
    """The struct timespec of the ABI's non-time64 calls."""
    return TIMESPEC64 if wide_time(abi) else TIMESPEC32


@named("itimerspec")
def itimerspec_layout(abi):
    return ITIMERSPEC64 if wide_time(abi) else ITIMERSPEC32


def _wide(call):
    """True for the 64-bit time fields of __kernel_timespec (every 64-bit ABI, *_time64)."""
    return wide_time(call.abi) or call.name.endswith("time64")


_timespecs = {}


def timespec_of(call):
    """The Compiled timespec this call reads (the *_time64 calls: __kernel_timespec)."""
    key = (call.abi, call.name)
    c = _timespecs.get(key)
    if c is None:
        c = _timespecs[key] = (TIMESPEC64 if _wide(call) else TIMESPEC32).on(call.abi)
    return c


def ts_text(sec, nsec, nsec_bits=64):
    """strace's print_timespec_t: tv_sec signed, tv_nsec unsigned in its own width (PRINT_VAL_U
    of the field: `tv_nsec=18446744073709551615` for -1 in __kernel_timespec, 4294967295 in
    old_timespec32)."""
    return "{tv_sec=%d, tv_nsec=%d}" % (sec, nsec & ((1 << nsec_bits) - 1))


def ts_layout_text(values, layout):
    """ts_text of a (tv_sec, tv_nsec) pair unpacked with the Compiled timespec `layout`."""
    return ts_text(values[0], values[1], layout.size * 4)


def tv_text(sec, usec, usec_bits=None):
    """strace's print_timeval_t: tv_usec unsigned in its own width when usec_bits is given
    (PRINT_FIELD_U: `tv_usec=18446744073709551615` for -1 in a 64-bit timeval)."""
    if usec_bits is not None:
        usec &= (1 << usec_bits) - 1
    return "{tv_sec=%d, tv_usec=%d}" % (sec, usec)


def sprinttime(sec, nsec=0):
    """strace's sprinttime_nsec: `2026-05-20T16:27:29.654277259+0000` in local time."""
    try:
        tm = time.localtime(sec)
        text = time.strftime("%Y-%m-%dT%H:%M:%S", tm)
    except (OverflowError, ValueError, OSError):
        return None
    if nsec:
        text += ".%09d" % nsec
    return text + time.strftime("%z", tm)


def usec_comment(sec, usec):
    """` /* 2017-04-16T16:03:27.345678+0000 */` (strace's sprinttime_usec); nothing for 0/0, an
    out-of-range tv_usec or a time localtime cannot take."""
    if (sec == 0 and usec == 0) or not 0 <= usec <= 999999:
        return ""
    t = sprinttime(sec)
    if not t:
        return ""
    if usec:
        t = t[:-5] + ".%06d" % usec + t[-5:]
    return " /* %s */" % t


def time_comment(sec, nsec=0):
    t = sprinttime(sec, nsec)
    return " /* %s */" % t if t else ""
