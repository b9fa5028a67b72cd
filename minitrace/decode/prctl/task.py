"""prctl options about the task itself (strace's prctl.c): death signal, dumpable, name,
timing, TSC, unaligned access, FP emulation and exceptions, endianness, timer slack, child
subreaper, no_new_privs, THP, I/O flusher, TID address, ptracer, perf events, MCE kill policy,
FP mode, VMA names and syscall user dispatch."""
from minitrace import printers
from minitrace.decode.common import (bounded_cstring, enum_text, failed, flag_text,
                                     indirect_int, indirect_ptr, lmask, pid_arg, sig)
from minitrace.decode.generic import cstring_arg
from minitrace.decode.prctl.base import (NoArgs, Option, OutArg, aux_flags, hex_result, hexargs,
                                         with_aux)

TASK_COMM_LEN = 16          # linux/sched.h

# xlat/pr_dumpable.in (the kernel's include/linux/sched/coredump.h)
SUID_DUMP_NAMES = ("SUID_DUMP_DISABLE", "SUID_DUMP_USER", "SUID_DUMP_ROOT")
PR_TSC_NAMES = ("PR_TSC_ENABLE", "PR_TSC_SIGSEGV")                      # xlat/pr_tsc.in
PR_UNALIGN_NAMES = ("PR_UNALIGN_NOPRINT", "PR_UNALIGN_SIGBUS")          # xlat/pr_unalign_flags.in
PR_FP_MODE_NAMES = ("PR_FP_MODE_FR", "PR_FP_MODE_FRE")                  # xlat/pr_fp_mode.in
PR_MCE_KILL_NAMES = ("PR_MCE_KILL_CLEAR", "PR_MCE_KILL_SET")            # xlat/pr_mce_kill.in
PR_MCE_KILL_POLICY_NAMES = ("PR_MCE_KILL_LATE", "PR_MCE_KILL_EARLY",    # pr_mce_kill_policy.in
                            "PR_MCE_KILL_DEFAULT")
PR_SET_VMA_NAMES = ("PR_SET_VMA_ANON_NAME",)                            # xlat/pr_set_vma.in
PR_SUD_NAMES = ("PR_SYS_DISPATCH_OFF", "PR_SYS_DISPATCH_ON")            # xlat/pr_sud_cmds.in


class Unsigned(Option):
    """`PR_SET_KEEPCAPS, 1`: the argument in unsigned decimal, nothing after it."""

    def enter(self, ctx, call):
        return ", " + printers.udec(call.args[1] & lmask(call))


class UnsignedThenHex(Option):
    """`PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0`."""

    def enter(self, ctx, call):
        return ", " + printers.udec(call.args[1] & lmask(call)) + hexargs(call, 2)


class OutUnsigned(OutArg):
    def out(self, ctx, call):
        return indirect_int(ctx, call, call.args[1], lambda v: str(v & 0xffffffff))


class GetDumpable(NoArgs):
    def result(self, ctx, call, base):
        if failed(call):
            return base
        return with_aux(base, ctx.enum_table(call.abi, SUID_DUMP_NAMES).get(call.ret))


class SetDumpable(Option):
    def enter(self, ctx, call):
        return ", " + enum_text(ctx, call, call.args[1] & lmask(call), SUID_DUMP_NAMES,
                                "SUID_DUMP_???")


class SetName(Option):
    def enter(self, ctx, call):
        return ", " + bounded_cstring(ctx, call, call.args[1], TASK_COMM_LEN - 1)


class GetName(OutArg):
    def out(self, ctx, call):
        return bounded_cstring(ctx, call, call.args[1], TASK_COMM_LEN)


class SetPdeathsig(Option):
    def enter(self, ctx, call):
        arg = call.args[1] & lmask(call)
        return ", " + (str(arg) if arg > 128 else sig(ctx, call, arg))


class GetPdeathsig(OutArg):
    def out(self, ctx, call):
        return indirect_int(ctx, call, call.args[1], lambda v: sig(ctx, call, v & 0xffffffff))


class SetTsc(Option):
    def enter(self, ctx, call):
        return ", " + enum_text(ctx, call, call.args[1] & 0xffffffff, PR_TSC_NAMES, "PR_TSC_???")


class GetTsc(OutArg):
    def out(self, ctx, call):
        return indirect_int(ctx, call, call.args[1], lambda v: enum_text(
            ctx, call, v & 0xffffffff, PR_TSC_NAMES, "PR_TSC_???"))


class SetUnalign(Option):
    def enter(self, ctx, call):
        return ", " + flag_text(ctx, call, call.args[1] & 0xffffffff, PR_UNALIGN_NAMES,
                                "PR_UNALIGN_???")


class GetUnalign(OutArg):
    def out(self, ctx, call):
        return indirect_int(ctx, call, call.args[1], lambda v: flag_text(
            ctx, call, v & 0xffffffff, PR_UNALIGN_NAMES, "PR_UNALIGN_???"))


class SetTimerslack(Option):
    def enter(self, ctx, call):
        return ", " + printers.sdec(call.args[1], lmask(call).bit_length())


class GetTidAddress(OutArg):
    def out(self, ctx, call):
        return indirect_ptr(ctx, call, call.args[1])


class SetPtracer(Option):
    def enter(self, ctx, call):
        pid = printers.to_signed(call.args[1], 32)
        if pid != -1:
            return ", " + pid_arg(ctx, call, pid, "tgid")
        cstyle = ctx.style.const_style
        if cstyle == "raw":
            return ", -1"
        return ", -1 /* PR_SET_PTRACER_ANY */" if cstyle == "verbose" else ", PR_SET_PTRACER_ANY"


class MceKill(Option):
    def enter(self, ctx, call):
        mask = lmask(call)
        a = call.args
        text = ", " + enum_text(ctx, call, a[1] & mask, PR_MCE_KILL_NAMES, "PR_MCE_KILL_???")
        if (a[1] & mask) == ctx.constants(call.abi).get("PR_MCE_KILL_SET"):
            text += ", " + enum_text(ctx, call, a[2] & mask, PR_MCE_KILL_POLICY_NAMES,
                                     "PR_MCE_KILL_???")
        else:
            text += ", " + printers.hexnum(a[2] & mask)
        return text + hexargs(call, 3)


class MceKillGet(Option):
    def result(self, ctx, call, base):
        if failed(call):
            return base
        return with_aux(base, ctx.enum_table(call.abi, PR_MCE_KILL_POLICY_NAMES).get(call.ret))


class SetFpMode(Option):
    def enter(self, ctx, call):
        return ", " + flag_text(ctx, call, call.args[1] & 0xffffffff, PR_FP_MODE_NAMES,
                                "PR_FP_MODE_???")


class GetFpMode(NoArgs):
    def result(self, ctx, call, base):
        if failed(call) or call.ret == 0:
            return base
        return with_aux(hex_result(ctx, call, base),
                        aux_flags(ctx, call, call.ret & lmask(call), PR_FP_MODE_NAMES))


class SetVma(Option):
    def enter(self, ctx, call):
        mask = lmask(call)
        a = call.args
        text = ", " + enum_text(ctx, call, a[1] & mask, PR_SET_VMA_NAMES, "PR_SET_VMA_???")
        if (a[1] & mask) != ctx.constants(call.abi).get("PR_SET_VMA_ANON_NAME"):
            return text + hexargs(call, 2)
        return "%s, %s, %s, %s" % (text, printers.ptr(a[2] & mask), printers.udec(a[3] & mask),
                                   cstring_arg(ctx, call, a[4] & mask))


class SyscallUserDispatch(Option):
    def enter(self, ctx, call):
        mask = lmask(call)
        a = call.args
        return ", %s, %s, %s, %s" % (
            enum_text(ctx, call, a[1] & mask, PR_SUD_NAMES, "PR_SYS_DISPATCH_???"),
            printers.hexnum(a[2] & mask), printers.hexnum(a[3] & mask),
            printers.ptr(a[4] & mask))


OPTIONS = {
    "PR_GET_KEEPCAPS": NoArgs(), "PR_GET_TIMERSLACK": NoArgs(), "PR_GET_TIMING": NoArgs(),
    "PR_TASK_PERF_EVENTS_DISABLE": NoArgs(), "PR_TASK_PERF_EVENTS_ENABLE": NoArgs(),
    "PR_GET_CHILD_SUBREAPER": OutUnsigned(), "PR_GET_ENDIAN": OutUnsigned(),
    "PR_GET_FPEMU": OutUnsigned(), "PR_GET_FPEXC": OutUnsigned(),
    "PR_GET_DUMPABLE": GetDumpable(), "PR_SET_DUMPABLE": SetDumpable(),
    "PR_GET_NAME": GetName(), "PR_SET_NAME": SetName(),
    "PR_GET_PDEATHSIG": GetPdeathsig(), "PR_SET_PDEATHSIG": SetPdeathsig(),
    "PR_GET_TID_ADDRESS": GetTidAddress(),
    "PR_GET_TSC": GetTsc(), "PR_SET_TSC": SetTsc(),
    "PR_GET_UNALIGN": GetUnalign(), "PR_SET_UNALIGN": SetUnalign(),
    "PR_GET_FP_MODE": GetFpMode(), "PR_SET_FP_MODE": SetFpMode(),
    "PR_SET_CHILD_SUBREAPER": Unsigned(), "PR_SET_ENDIAN": Unsigned(),
    "PR_SET_FPEMU": Unsigned(), "PR_SET_FPEXC": Unsigned(), "PR_SET_KEEPCAPS": Unsigned(),
    "PR_SET_TIMING": Unsigned(),
    "PR_SET_NO_NEW_PRIVS": UnsignedThenHex(), "PR_SET_THP_DISABLE": UnsignedThenHex(),
    "PR_SET_IO_FLUSHER": UnsignedThenHex(),
    "PR_SET_TIMERSLACK": SetTimerslack(), "PR_SET_PTRACER": SetPtracer(),
    "PR_MCE_KILL": MceKill(), "PR_MCE_KILL_GET": MceKillGet(),
    "PR_SET_VMA": SetVma(), "PR_SET_SYSCALL_USER_DISPATCH": SyscallUserDispatch(),
}
