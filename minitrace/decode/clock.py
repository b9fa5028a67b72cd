"""Decoders of time syscalls: nanosleep, clock_*, gettimeofday, time, timerfd_*, itimers,
timer_*, adjtimex, restart_syscall. Structs in the tracee ABI's layout (the *_time64 calls
of 32-bit ABIs use 64-bit fields); text only, no ptrace, no printing."""
import struct

import syscalls

from minitrace import printers
from minitrace.decode import register
from minitrace.decode.common import (endian, enum_text, failed, fd, flag_text, indirect_int,
                                     lbits, sint)
from minitrace.decode.file import time_comment, sprinttime
from minitrace.decode.generic import Decoder
from minitrace.decode.signals import signal_text

CLOCKS = ("CLOCK_REALTIME", "CLOCK_MONOTONIC", "CLOCK_PROCESS_CPUTIME_ID",
          "CLOCK_THREAD_CPUTIME_ID", "CLOCK_MONOTONIC_RAW", "CLOCK_REALTIME_COARSE",
          "CLOCK_MONOTONIC_COARSE", "CLOCK_BOOTTIME", "CLOCK_REALTIME_ALARM",
          "CLOCK_BOOTTIME_ALARM", "CLOCK_SGI_CYCLE", "CLOCK_TAI")
TIMER_FLAGS = ("TIMER_ABSTIME",)
TFD_CREATE_FLAGS = ("TFD_CLOEXEC", "TFD_NONBLOCK")
TFD_SETTIME_FLAGS = ("TFD_TIMER_ABSTIME", "TFD_TIMER_CANCEL_ON_SET")
ITIMERS = ("ITIMER_REAL", "ITIMER_VIRTUAL", "ITIMER_PROF")
SIGEV = ("SIGEV_SIGNAL", "SIGEV_NONE", "SIGEV_THREAD", "SIGEV_THREAD_ID")
# xlat/adjtimex_modes.in, xlat/adjtimex_status.in, xlat/adjtimex_state.in (linux/timex.h)
ADJ_MODES = ("ADJ_OFFSET_SS_READ", "ADJ_OFFSET_SINGLESHOT", "ADJ_OFFSET", "ADJ_FREQUENCY",
             "ADJ_MAXERROR", "ADJ_ESTERROR", "ADJ_STATUS", "ADJ_TIMECONST", "ADJ_TAI",
             "ADJ_SETOFFSET", "ADJ_MICRO", "ADJ_NANO", "ADJ_TICK")
STA_FLAGS = ("STA_PLL", "STA_PPSFREQ", "STA_PPSTIME", "STA_FLL", "STA_INS", "STA_DEL",
             "STA_UNSYNC", "STA_FREQHOLD", "STA_PPSSIGNAL", "STA_PPSJITTER", "STA_PPSWANDER",
             "STA_PPSERROR", "STA_CLOCKERR", "STA_NANO", "STA_MODE", "STA_CLK")
TIME_STATES = ("TIME_OK", "TIME_INS", "TIME_DEL", "TIME_OOP", "TIME_WAIT", "TIME_ERROR")

# is_erestart(): the kernel-internal restart codes (include/linux/errno.h)
ERESTART = frozenset((512, 513, 514, 516))
ERESTART_RESTARTBLOCK = 516

# ---------------------------------------------------------------------------------------------
# struct readers


def _wide(call):
    """True for the 64-bit time fields of __kernel_timespec (every 64-bit ABI, *_time64)."""
    return _klong_wide(call) or call.name.endswith("time64")


def _klong_wide(call):
    """__kernel_long_t is 64-bit on 64-bit ABIs and on x32."""
    return lbits(call) == 64 or call.abi == "x32"


def _read(ctx, call, addr, code):
    fmt = endian(call) + code
    size = struct.calcsize(fmt)
    data = ctx.read(call, addr, size) if addr else None
    if data is None or len(data) < size:
        return None
    return struct.unpack(fmt, data)


def _pair_code(call, count=1):
    return ("qq" if _wide(call) else "ii") * count


def ts_text(sec, nsec):
    return "{tv_sec=%d, tv_nsec=%d}" % (sec, nsec)


def tv_text(sec, usec):
    return "{tv_sec=%d, tv_usec=%d}" % (sec, usec)


def timespec_arg(ctx, call, addr):
    """`{tv_sec=0, tv_nsec=1000000}`, NULL, or the address."""
    if not addr:
        return "NULL"
    v = _read(ctx, call, addr, _pair_code(call))
    return printers.ptr(addr) if v is None else ts_text(*v)


def timeval_arg(ctx, call, addr):
    """struct timeval (tv_usec is a long on every ABI; 64-bit fields on 64-bit ABIs)."""
    if not addr:
        return "NULL"
    v = _read(ctx, call, addr, "qq" if _klong_wide(call) else "ii")
    return printers.ptr(addr) if v is None else tv_text(*v)


def itimerspec_arg(ctx, call, addr):
    if not addr:
        return "NULL"
    v = _read(ctx, call, addr, _pair_code(call, 2))
    if v is None:
        return printers.ptr(addr)
    return "{it_interval=%s, it_value=%s}" % (ts_text(v[0], v[1]), ts_text(v[2], v[3]))


def itimerval_arg(ctx, call, addr):
    if not addr:
        return "NULL"
    v = _read(ctx, call, addr, "qqqq" if _klong_wide(call) else "iiii")
    if v is None:
        return printers.ptr(addr)
    return "{it_interval=%s, it_value=%s}" % (tv_text(v[0], v[1]), tv_text(v[2], v[3]))


def out_arg(ctx, call, addr, reader):
    """An OUT struct: the address on failure."""
    return printers.ptr(addr) if failed(call) else reader(ctx, call, addr)


def clockid(ctx, call, value):
    return enum_text(ctx, call, value & 0xffffffff, CLOCKS, "CLOCK_???")


def is_erestart(call):
    return call.ret is not None and call.error in ERESTART


# ---------------------------------------------------------------------------------------------
# restart_syscall: which call it resumes (strace's s_prev_ent)



def note_interrupted(ctx, call):
    """Record the call a later restart_syscall of this tracee resumes (from result())."""
    if call.error == ERESTART_RESTARTBLOCK:
        ctx.interrupted[call.pid] = call.name


class Sleeping(Decoder):
    def result(self, ctx, call):
        note_interrupted(ctx, call)
        return Decoder.result(self, ctx, call)


# strace 6.1's text when it never saw the interrupted call (after -p) names the number it reads
# at the attach stop, an artefact we reproduce: 0 on most ABIs (x86_64 "read", aarch64
# "io_setup", arm and ppc64le "restart_syscall"); on s390x the number register gpr2, which then
# holds the interrupted call's -ERESTART_RESTARTBLOCK ("syscall_0xfffffffffffffdfc"). Seen
# under qemu (tools/qemu_proof.py); strace 6.12 prints the real name (strace issue #322).
ATTACH_STOP_NR = {"s390x": (1 << 64) - ERESTART_RESTARTBLOCK}


@register("restart_syscall")
class RestartSyscall(Decoder):
    def enter(self, ctx, call):
        name = ctx.interrupted.get(call.pid)
        if name is None:
            nr = ATTACH_STOP_NR.get(call.abi, 0)
            try:
                name = syscalls.table(call.abi).names.get(nr)
            except ValueError:
                name = None
            if name is None:
                name = "syscall_%#x" % nr if nr else "system call"
        return "<... resuming interrupted %s ...>" % name


# ---------------------------------------------------------------------------------------------
# sleeping


@register("nanosleep", "nanosleep_time64")
class Nanosleep(Sleeping):
    def enter(self, ctx, call):
        return timespec_arg(ctx, call, call.args[0]) + ", "

    def exit(self, ctx, call):
        addr = call.args[1]
        # the remaining time is written only when interrupted
        return timespec_arg(ctx, call, addr) if is_erestart(call) else printers.ptr(addr)


@register("clock_nanosleep", "clock_nanosleep_time64")
class ClockNanosleep(Sleeping):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s, " % (clockid(ctx, call, a[0]),
                                 flag_text(ctx, call, a[1] & 0xffffffff, TIMER_FLAGS, "TIMER_???"),
                                 timespec_arg(ctx, call, a[2]))

    def exit(self, ctx, call):
        a = call.args
        if not a[1] and is_erestart(call):
            return timespec_arg(ctx, call, a[3])
        return printers.ptr(a[3])


# ---------------------------------------------------------------------------------------------
# clocks


@register("clock_gettime", "clock_getres", "clock_gettime64", "clock_getres_time64")
class ClockGettime(Decoder):
    def enter(self, ctx, call):
        return clockid(ctx, call, call.args[0]) + ", "

    def exit(self, ctx, call):
        return out_arg(ctx, call, call.args[1], timespec_arg)


@register("clock_settime", "clock_settime64")
class ClockSettime(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s" % (clockid(ctx, call, a[0]), timespec_arg(ctx, call, a[1]))


def timezone_arg(ctx, call, addr):
    if not addr:
        return "NULL"
    v = _read(ctx, call, addr, "ii")
    if v is None:
        return printers.ptr(addr)
    return "{tz_minuteswest=%d, tz_dsttime=%d}" % v


@register("gettimeofday")
class Gettimeofday(Decoder):
    def exit(self, ctx, call):
        a = call.args
        return "%s, %s" % (out_arg(ctx, call, a[0], timeval_arg),
                           out_arg(ctx, call, a[1], timezone_arg))


@register("settimeofday")
class Settimeofday(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s" % (timeval_arg(ctx, call, a[0]), timezone_arg(ctx, call, a[1]))


@register("time")
class Time(Decoder):
    def exit(self, ctx, call):
        addr = call.args[0]
        if not addr or failed(call):
            return printers.ptr(addr)
        v = _read(ctx, call, addr, "q" if _klong_wide(call) else "i")
        if v is None:
            return printers.ptr(addr)
        return "[%d%s]" % (v[0], time_comment(v[0]))

    def result(self, ctx, call):
        text = Decoder.result(self, ctx, call)
        if call.ret is not None and not failed(call):
            t = sprinttime(printers.to_signed(call.ret, lbits(call)))
            if t:
                text += " (%s)" % t
        return text


# ---------------------------------------------------------------------------------------------
# interval timers


def which_timer(ctx, call, value):
    return enum_text(ctx, call, value & 0xffffffff, ITIMERS, "ITIMER_???")


@register("getitimer")
class Getitimer(Decoder):
    def enter(self, ctx, call):
        return which_timer(ctx, call, call.args[0]) + ", "

    def exit(self, ctx, call):
        return out_arg(ctx, call, call.args[1], itimerval_arg)


@register("setitimer")
class Setitimer(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, " % (which_timer(ctx, call, a[0]), itimerval_arg(ctx, call, a[1]))

    def exit(self, ctx, call):
        return out_arg(ctx, call, call.args[2], itimerval_arg)


# ---------------------------------------------------------------------------------------------
# POSIX timers


def sigevent_arg(ctx, call, addr):
    """struct sigevent: sigval (a pointer-sized union), signo, notify, then the union."""
    if not addr:
        return "NULL"
    wide = lbits(call) == 64
    v = _read(ctx, call, addr, "QiiQQ" if wide else "IiiII")
    if v is None:
        return printers.ptr(addr)
    value, signo, notify, u1, u2 = v
    consts = ctx.constants(call.abi)
    sival_int = printers.to_signed(value, 32)
    text = "{sigev_value={sival_int=%d, sival_ptr=%s}, sigev_signo=" % (sival_int,
                                                                       printers.ptr(value))
    if notify in (consts.get("SIGEV_SIGNAL"), consts.get("SIGEV_THREAD"),
                  consts.get("SIGEV_THREAD_ID")):
        text += signal_text(consts, signo, ctx.style)
    else:
        text += str(signo & 0xffffffff)
    text += ", sigev_notify=" + enum_text(ctx, call, notify & 0xffffffff, SIGEV, "SIGEV_???")
    if notify == consts.get("SIGEV_THREAD_ID"):
        text += ", sigev_notify_thread_id=%d" % printers.to_signed(u1, 32)
    elif notify == consts.get("SIGEV_THREAD"):
        text += ", sigev_notify_function=%s, sigev_notify_attributes=%s" % (
            printers.ptr(u1), printers.ptr(u2))
    return text + "}"


@register("timer_create")
class TimerCreate(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, " % (clockid(ctx, call, a[0]), sigevent_arg(ctx, call, a[1]))

    def exit(self, ctx, call):
        addr = call.args[2]
        return printers.ptr(addr) if failed(call) else indirect_int(ctx, call, addr)


@register("timer_settime", "timer_settime64")
class TimerSettime(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s, " % (sint(a[0]),
                                 flag_text(ctx, call, a[1] & 0xffffffff, TIMER_FLAGS, "TIMER_???"),
                                 itimerspec_arg(ctx, call, a[2]))

    def exit(self, ctx, call):
        return out_arg(ctx, call, call.args[3], itimerspec_arg)


@register("timer_gettime", "timer_gettime64")
class TimerGettime(Decoder):
    def enter(self, ctx, call):
        return sint(call.args[0]) + ", "

    def exit(self, ctx, call):
        return out_arg(ctx, call, call.args[1], itimerspec_arg)


@register("timer_delete", "timer_getoverrun")
class TimerId(Decoder):
    def enter(self, ctx, call):
        return sint(call.args[0])


# ---------------------------------------------------------------------------------------------
# timerfd


@register("timerfd_create")
class TimerfdCreate(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s" % (clockid(ctx, call, a[0]),
                           flag_text(ctx, call, a[1] & 0xffffffff, TFD_CREATE_FLAGS, "TFD_???"))


@register("timerfd_settime", "timerfd_settime64")
class TimerfdSettime(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s, " % (fd(ctx, call, a[0]), flag_text(ctx, call, a[1] & 0xffffffff,
                                                     TFD_SETTIME_FLAGS, "TFD_???"),
                                 itimerspec_arg(ctx, call, a[2]))

    def exit(self, ctx, call):
        return out_arg(ctx, call, call.args[3], itimerspec_arg)


@register("timerfd_gettime", "timerfd_gettime64")
class TimerfdGettime(Decoder):
    def enter(self, ctx, call):
        return fd(ctx, call, call.args[0]) + ", "

    def exit(self, ctx, call):
        return out_arg(ctx, call, call.args[1], itimerspec_arg)


# ---------------------------------------------------------------------------------------------
# adjtimex

_TIMEX_LONGS1 = ("offset", "freq", "maxerror", "esterror")
_TIMEX_LONGS2 = ("constant", "precision", "tolerance")
_TIMEX_LONGS3 = ("tick", "ppsfreq", "jitter")
_TIMEX_LONGS4 = ("stabil", "jitcnt", "calcnt", "errcnt", "stbcnt")


def timex_arg(ctx, call, addr):
    """struct timex of linux/timex.h (longs are the ABI's; x32 uses 64-bit ones)."""
    if not addr:
        return "NULL"
    wide = _klong_wide(call)
    l, p = ("q", "4x") if wide else ("i", "")
    code = "I" + p + l * 4 + "i" + p + l * 3 + l * 2 + l * 3 + "i" + p + l * 5 + "i"
    v = _read(ctx, call, addr, code)
    if v is None:
        return printers.ptr(addr)
    parts = ["modes=" + flag_text(ctx, call, v[0], ADJ_MODES, "ADJ_???")]
    parts += ["%s=%d" % (n, x) for n, x in zip(_TIMEX_LONGS1, v[1:5])]
    parts.append("status=" + flag_text(ctx, call, v[5] & 0xffffffff, STA_FLAGS, "STA_???"))
    parts += ["%s=%d" % (n, x) for n, x in zip(_TIMEX_LONGS2, v[6:9])]
    parts.append("time=" + tv_text(v[9], v[10]))
    parts += ["%s=%d" % (n, x) for n, x in zip(_TIMEX_LONGS3, v[11:14])]
    parts.append("shift=%d" % v[14])
    parts += ["%s=%d" % (n, x) for n, x in zip(_TIMEX_LONGS4, v[15:20])]
    parts.append("tai=%d" % v[20])
    return "{" + ", ".join(parts) + "}"


@register("adjtimex")
class Adjtimex(Decoder):
    def exit(self, ctx, call):
        return out_arg(ctx, call, call.args[0], timex_arg)

    def result(self, ctx, call):
        text = Decoder.result(self, ctx, call)
        if call.ret is not None and not failed(call):
            name = ctx.enum_table(call.abi, TIME_STATES).get(call.ret)
            if name:
                text += " (%s)" % name
        return text


@register("clock_adjtime", "clock_adjtime64")
class ClockAdjtime(Adjtimex):
    def enter(self, ctx, call):
        return clockid(ctx, call, call.args[0]) + ", "

    def exit(self, ctx, call):
        return out_arg(ctx, call, call.args[1], timex_arg)
