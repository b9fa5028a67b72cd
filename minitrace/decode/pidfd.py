"""pidfd_open, pidfd_getfd, pidfd_send_signal, process_mrelease (strace's pidfd_open.c,
pidfd_getfd.c, signal.c, process_mrelease.c)."""
from minitrace import printers
from minitrace.decode import register
from minitrace.decode.common import fd, flag_text, pid_arg, sig
from minitrace.decode.generic import Decoder
from minitrace.decode.sigcalls import siginfo_arg

PIDFD_OPEN_NAMES = ("PIDFD_NONBLOCK",)          # xlat/pidfd_open_flags.in (linux/pidfd.h)


def pidfd_pid(pid, pidfd):
    """The pid a pidfd of process `pid` refers to (its fdinfo's `Pid:` line), or None."""
    try:
        with open("/proc/%d/fdinfo/%d" % (pid, pidfd)) as f:
            for line in f:
                if line.startswith("Pid:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


@register("pidfd_open")
class PidfdOpen(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s" % (pid_arg(ctx, call, a[0], "tgid"),
                           flag_text(ctx, call, a[1] & 0xffffffff, PIDFD_OPEN_NAMES, "PIDFD_???"))


@register("pidfd_getfd")
class PidfdGetfd(Decoder):
    def enter(self, ctx, call):
        a = call.args
        pidfd = printers.to_signed(a[0], 32)
        target = printers.to_signed(a[1], 32)
        text = str(target)
        if ctx.fds is not None and pidfd >= 0 and target >= 0:
            pid = pidfd_pid(call.pid, pidfd)
            if pid is not None and pid > 0:
                what = ctx.fds.decoration(pid, target)
                if what is not None:
                    text = str(target) + what
        return "%s, %s, %s" % (fd(ctx, call, a[0]), text, printers.hexnum(a[2] & 0xffffffff))


@register("pidfd_send_signal")
class PidfdSendSignal(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s, %s" % (fd(ctx, call, a[0]), sig(ctx, call, a[1] & 0xffffffff),
                                   siginfo_arg(ctx, call, a[2]),
                                   printers.hexnum(a[3] & 0xffffffff))


@register("process_mrelease")
class ProcessMrelease(Decoder):
    """The pidfd and the (reserved) flags in hex."""

    def enter(self, ctx, call):
        a = call.args
        return "%s, %s" % (fd(ctx, call, a[0]), printers.hexnum(a[1] & 0xffffffff))
