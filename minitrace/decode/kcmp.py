"""kcmp(2) (strace's kcmp.c): the type, then the descriptors of KCMP_FILE / KCMP_EPOLL_TFD."""
from minitrace import printers
from minitrace.arch import long_mask
from minitrace.decode import register
from minitrace.decode.common import enum_text, pid_arg, pid_in_ours, read_struct
from minitrace.decode.generic import Decoder
from minitrace.decode.layout import Struct, named

KCMP_NAMES = ("KCMP_FILE", "KCMP_VM", "KCMP_FILES", "KCMP_FS", "KCMP_SIGHAND", "KCMP_IO",
              "KCMP_SYSVSEM", "KCMP_EPOLL_TFD")          # xlat/kcmp_types.in (linux/kcmp.h)
_NO_IDX = ("KCMP_FILES", "KCMP_FS", "KCMP_IO", "KCMP_SIGHAND", "KCMP_SYSVSEM", "KCMP_VM")

# struct kcmp_epoll_slot (linux/kcmp.h): __u32 efd, tfd, toff
KCMP_EPOLL_SLOT = named("kcmp_epoll_slot", Struct("kcmp_epoll_slot", [
    ("efd", "u32"), ("tfd", "u32"), ("toff", "u32")]))


def pid_fd(ctx, pid, value):
    """A descriptor of another process (strace's printfd_pid): decorated with -y."""
    n = printers.to_signed(value, 32)
    if ctx.fds is not None and n >= 0 and pid > 0:
        what = ctx.fds.decoration(pid, n)
        if what is not None:
            return str(n) + what
    return str(n)


@register("kcmp")
class Kcmp(Decoder):
    def enter(self, ctx, call):
        a = call.args
        # the descriptors are looked up in /proc by the pids of our namespace
        pid1 = pid_in_ours(ctx, call, printers.to_signed(a[0], 32))
        pid2 = pid_in_ours(ctx, call, printers.to_signed(a[1], 32))
        kind = a[2] & 0xffffffff
        text = "%s, %s, %s" % (pid_arg(ctx, call, a[0], "tgid"), pid_arg(ctx, call, a[1], "tgid"),
                               enum_text(ctx, call, kind, KCMP_NAMES, "KCMP_???"))
        name = ctx.enum_table(call.abi, KCMP_NAMES).get(kind)
        mask = long_mask(call.abi)
        if name in _NO_IDX:
            return text
        if name == "KCMP_FILE":
            return "%s, %s, %s" % (text, pid_fd(ctx, pid1, a[3]), pid_fd(ctx, pid2, a[4]))
        if name == "KCMP_EPOLL_TFD":
            v = read_struct(ctx, call, a[4] & mask, KCMP_EPOLL_SLOT.on(call.abi))
            slot = printers.ptr(a[4] & mask) if v is None else "{efd=%s, tfd=%s, toff=%d}" % (
                pid_fd(ctx, pid2, v["efd"]), pid_fd(ctx, pid2, v["tfd"]), v["toff"])
            return "%s, %s, %s" % (text, pid_fd(ctx, pid1, a[3]), slot)
        return "%s, %s, %s" % (text, printers.hexnum(a[3] & mask), printers.hexnum(a[4] & mask))
