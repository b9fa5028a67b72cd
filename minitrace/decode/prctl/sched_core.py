"""prctl's PR_SCHED_CORE (strace's prctl.c): the command, the pid, its type and the cookie."""
import struct

from minitrace import printers
from minitrace.decode.common import endian, enum_text, failed, lmask, pid_arg
from minitrace.decode.prctl.base import Option

PR_SCHED_CORE_CMD_NAMES = ("PR_SCHED_CORE_GET", "PR_SCHED_CORE_CREATE",  # pr_sched_core_cmds.in
                           "PR_SCHED_CORE_SHARE_TO", "PR_SCHED_CORE_SHARE_FROM")
# enum pid_type of the kernel's include/linux/pid.h (6.1), not in the uapi headers; strace's
# xlat/pr_sched_core_pidtypes.in names arg4 with it
PIDTYPES = {0: "PIDTYPE_PID", 1: "PIDTYPE_TGID", 2: "PIDTYPE_PGID", 3: "PIDTYPE_SID"}
PIDTYPE_KINDS = {0: "tid", 1: "tgid", 2: "pgid", 3: "sid"}       # the pid arg3 is


def pidtype(ctx, value):
    """Always in the verbose form but with -X raw: `0 /* PIDTYPE_PID */`."""
    raw = ctx.style.const_style == "raw"
    number = printers.hexnum(value)
    if raw:
        return number
    name = PIDTYPES.get(value)
    return "%s /* %s */" % (number, name or "PIDTYPE_???")


class SchedCore(Option):
    def _is_get(self, ctx, call):
        return (call.args[1] & 0xffffffff) == ctx.constants(call.abi).get("PR_SCHED_CORE_GET")

    def enter(self, ctx, call):
        a = call.args
        text = ", %s, %s, %s, " % (
            enum_text(ctx, call, a[1] & 0xffffffff, PR_SCHED_CORE_CMD_NAMES,
                      "PR_SCHED_CORE_???"),
            pid_arg(ctx, call, a[2], PIDTYPE_KINDS.get(a[3] & 0xffffffff)),
            pidtype(ctx, a[3] & 0xffffffff))
        if self._is_get(ctx, call):
            return text
        return text + printers.ptr(a[4] & lmask(call))

    def exit(self, ctx, call):
        if not self._is_get(ctx, call):
            return ""
        addr = call.args[4] & lmask(call)
        data = None if failed(call) else ctx.read(call, addr, 8)
        if data is None or len(data) < 8:
            return printers.ptr(addr)
        return "[%s]" % printers.hexnum(struct.unpack(endian(call) + "Q", data)[0])


OPTIONS = {"PR_SCHED_CORE": SchedCore()}
