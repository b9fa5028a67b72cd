"""Decoders of time syscalls: nanosleep, clock_*, gettimeofday, time, timerfd_*, itimers,
timer_*, adjtimex, restart_syscall. Structs in the tracee ABI's layout (the *_time64 calls
of 32-bit ABIs use 64-bit fields); text only, no ptrace, no printing."""
import struct

import syscalls

from minitrace import printers
from minitrace.decode import register
from minitrace.decode.common import (endian, enum_text, failed, fd, flag_text, indirect_int,
                                     lbits, read_struct, read_values, sint)
from minitrace.decode.generic import Decoder
from minitrace.decode.layout import Struct, Union, named
from minitrace.decode.signals import signal_text
from minitrace.decode.timefmt import (ITIMERSPEC32, ITIMERSPEC64, TIMEVAL,  # noqa: F401
                                      _wide, sprinttime, time_comment, timespec_of, ts_layout_text,
                                      ts_text,
                                      tv_text, wide_time)

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
# struct layouts (linux/time_types.h, linux/time.h, linux/timex.h, asm-generic/siginfo.h)

ITIMERVAL = named("itimerval", Struct("itimerval", [("it_interval", TIMEVAL),
                                                    ("it_value", TIMEVAL)]))
TIMEZONE = named("timezone", Struct("timezone", [("tz_minuteswest", "s32"),
                                                 ("tz_dsttime", "s32")]))
# struct __kernel_timex (64-bit ABIs, x32) and the 32-bit ABIs' struct timex: the same
# declaration in __kernel_long_t
TIMEX = named("timex", Struct("timex", [
    ("modes", "u32"), ("offset", "klong"), ("freq", "klong"), ("maxerror", "klong"),
    ("esterror", "klong"), ("status", "s32"), ("constant", "klong"), ("precision", "klong"),
    ("tolerance", "klong"), ("time", TIMEVAL), ("tick", "klong"), ("ppsfreq", "klong"),
    ("jitter", "klong"), ("shift", "s32"), ("stabil", "klong"), ("jitcnt", "klong"),
    ("calcnt", "klong"), ("errcnt", "klong"), ("stbcnt", "klong"), ("tai", "s32"),
    (None, ("s32", 11))]))
# struct sigevent (asm-generic/siginfo.h): 64 bytes, a union after signo and notify
SIGVAL = Union("sigval", [("sival_int", "s32"), ("sival_ptr", "ptr")])
SIGEVENT = named("sigevent", Struct("sigevent", [
    ("sigev_value", SIGVAL), ("sigev_signo", "s32"), ("sigev_notify", "s32"),
    ("", Union("_sigev_un", [
        ("sigev_notify_thread_id", "s32"),
        ("", Struct("_sigev_thread", [("sigev_notify_function", "ptr"),
                                       ("sigev_notify_attributes", "ptr")]))]))], size=64))
# what strace reads of it (its struct_sigevent: no tail padding), so a sigevent at the end of a
# page is still printed
SIGEVENT_READ = Struct("struct_sigevent", SIGEVENT.fields)


def timespec_arg(ctx, call, addr):
    """`{tv_sec=0, tv_nsec=1000000}`, NULL, or the address."""
    if not addr:
        return "NULL"
    layout = timespec_of(call)
    v = read_values(ctx, call, addr, layout)
    return printers.ptr(addr) if v is None else ts_layout_text(v, layout)


def timeval_arg(ctx, call, addr):
    """struct timeval (__kernel_old_timeval)."""
    if not addr:
        return "NULL"
    layout = TIMEVAL.on(call.abi)
    v = read_values(ctx, call, addr, layout)
    return printers.ptr(addr) if v is None else tv_text(v[0], v[1], layout.size * 4)


def itimerspec_arg(ctx, call, addr):
    if not addr:
        return "NULL"
    layout = (ITIMERSPEC64 if _wide(call) else ITIMERSPEC32).on(call.abi)
    v = read_struct(ctx, call, addr, layout)
    if v is None:
        return printers.ptr(addr)
    bits = layout.size * 2
    return "{it_interval=%s, it_value=%s}" % (
        ts_text(v["it_interval.tv_sec"], v["it_interval.tv_nsec"], bits),
        ts_text(v["it_value.tv_sec"], v["it_value.tv_nsec"], bits))


def itimerval_arg(ctx, call, addr):
    if not addr:
        return "NULL"
    layout = ITIMERVAL.on(call.abi)
    v = read_struct(ctx, call, addr, layout)
    if v is None:
        return printers.ptr(addr)
    bits = layout.size * 2          # four longs
    return "{it_interval=%s, it_value=%s}" % (
        tv_text(v["it_interval.tv_sec"], v["it_interval.tv_usec"], bits),
        tv_text(v["it_value.tv_sec"], v["it_value.tv_usec"], bits))


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
    # not while running: the time left may be written over the time asked (req == rem,
    # the loop that sleeps again after a signal)
    enter_while_running = False

    def enter(self, ctx, call):
        return timespec_arg(ctx, call, call.args[0]) + ", "

    def exit(self, ctx, call):
        addr = call.args[1]
        # the remaining time is written only when interrupted
        return timespec_arg(ctx, call, addr) if is_erestart(call) else printers.ptr(addr)


@register("clock_nanosleep", "clock_nanosleep_time64")
class ClockNanosleep(Sleeping):
    # not while running: the time left may be written over the time asked (req == rem)
    enter_while_running = False

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
    enter_while_running = True     # the clock only

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
    v = read_struct(ctx, call, addr, TIMEZONE.on(call.abi))
    if v is None:
        return printers.ptr(addr)
    return "{tz_minuteswest=%d, tz_dsttime=%d}" % (v["tz_minuteswest"], v["tz_dsttime"])


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
        data = ctx.read(call, addr, 8 if wide_time(call.abi) else 4)
        if data is None or len(data) < (8 if wide_time(call.abi) else 4):
            return printers.ptr(addr)
        t = struct.unpack(endian(call) + ("q" if wide_time(call.abi) else "i"), data)[0]
        return "[%d%s]" % (t, time_comment(t))

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
    v = read_struct(ctx, call, addr, SIGEVENT_READ.on(call.abi))
    if v is None:
        return printers.ptr(addr)
    signo, notify = v["sigev_signo"], v["sigev_notify"]
    consts = ctx.constants(call.abi)
    text = "{"
    if v["sigev_value.sival_ptr"]:
        text += "sigev_value={sival_int=%d, sival_ptr=%s}, " % (
            v["sigev_value.sival_int"], printers.ptr(v["sigev_value.sival_ptr"]))
    text += "sigev_signo="
    if notify in (consts.get("SIGEV_SIGNAL"), consts.get("SIGEV_THREAD"),
                  consts.get("SIGEV_THREAD_ID")):
        text += signal_text(consts, signo, ctx.style)
    else:
        text += str(signo & 0xffffffff)
    text += ", sigev_notify=" + enum_text(ctx, call, notify & 0xffffffff, SIGEV, "SIGEV_???")
    if notify == consts.get("SIGEV_THREAD_ID"):
        text += ", sigev_notify_thread_id=%d" % v["sigev_notify_thread_id"]
    elif notify == consts.get("SIGEV_THREAD"):
        text += ", sigev_notify_function=%s, sigev_notify_attributes=%s" % (
            printers.ptr(v["sigev_notify_function"]), printers.ptr(v["sigev_notify_attributes"]))
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
    v = read_struct(ctx, call, addr, TIMEX.on(call.abi))
    if v is None:
        return printers.ptr(addr)
    parts = ["modes=" + flag_text(ctx, call, v["modes"], ADJ_MODES, "ADJ_???")]
    parts += ["%s=%d" % (n, v[n]) for n in _TIMEX_LONGS1]
    parts.append("status=" + flag_text(ctx, call, v["status"] & 0xffffffff, STA_FLAGS, "STA_???"))
    parts += ["%s=%d" % (n, v[n]) for n in _TIMEX_LONGS2]
    parts.append("time=" + tv_text(v["time.tv_sec"], v["time.tv_usec"]))
    parts += ["%s=%d" % (n, v[n]) for n in _TIMEX_LONGS3]
    parts.append("shift=%d" % v["shift"])
    parts += ["%s=%d" % (n, v[n]) for n in _TIMEX_LONGS4]
    parts.append("tai=%d" % v["tai"])
    return "{" + ", ".join(parts) + "}"


@register("adjtimex")
class Adjtimex(Decoder):
    def exit(self, ctx, call):
        return out_arg(ctx, call, call.args[0], timex_arg)

    def result(self, ctx, call):
        text = Decoder.result(self, ctx, call)
        if call.ret is not None and not failed(call) and ctx.style.deref:
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
