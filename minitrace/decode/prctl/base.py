"""What every prctl command group shares: the option names, the Option interface and the
printers of strace's prctl.c (trailing hex arguments, the `(...)` annotation of a result).

An Option prints what follows the option name: `enter()` (starting with ", " when it prints an
argument), `exit()` for what the kernel wrote, `result()` the text after `= `.
"""
from minitrace import printers
from minitrace.decode.common import failed, lmask

# xlat/prctl_options.in (linux/prctl.h), in strace's order
PRCTL_NAMES = ("PR_SET_PDEATHSIG", "PR_GET_PDEATHSIG", "PR_GET_DUMPABLE", "PR_SET_DUMPABLE",
               "PR_GET_UNALIGN", "PR_SET_UNALIGN", "PR_GET_KEEPCAPS", "PR_SET_KEEPCAPS",
               "PR_GET_FPEMU", "PR_SET_FPEMU", "PR_GET_FPEXC", "PR_SET_FPEXC", "PR_GET_TIMING",
               "PR_SET_TIMING", "PR_SET_NAME", "PR_GET_NAME", "PR_GET_ENDIAN", "PR_SET_ENDIAN",
               "PR_GET_SECCOMP", "PR_SET_SECCOMP", "PR_CAPBSET_READ", "PR_CAPBSET_DROP",
               "PR_GET_TSC", "PR_SET_TSC", "PR_GET_SECUREBITS", "PR_SET_SECUREBITS",
               "PR_SET_TIMERSLACK", "PR_GET_TIMERSLACK", "PR_TASK_PERF_EVENTS_DISABLE",
               "PR_TASK_PERF_EVENTS_ENABLE", "PR_MCE_KILL", "PR_MCE_KILL_GET", "PR_SET_MM",
               "PR_SET_CHILD_SUBREAPER", "PR_GET_CHILD_SUBREAPER", "PR_SET_NO_NEW_PRIVS",
               "PR_GET_NO_NEW_PRIVS", "PR_GET_TID_ADDRESS", "PR_SET_THP_DISABLE",
               "PR_GET_THP_DISABLE", "PR_MPX_ENABLE_MANAGEMENT", "PR_MPX_DISABLE_MANAGEMENT",
               "PR_SET_FP_MODE", "PR_GET_FP_MODE", "PR_CAP_AMBIENT", "PR_SVE_SET_VL",
               "PR_SVE_GET_VL", "PR_GET_SPECULATION_CTRL", "PR_SET_SPECULATION_CTRL",
               "PR_PAC_RESET_KEYS", "PR_SET_TAGGED_ADDR_CTRL", "PR_GET_TAGGED_ADDR_CTRL",
               "PR_SET_IO_FLUSHER", "PR_GET_IO_FLUSHER", "PR_SET_SYSCALL_USER_DISPATCH",
               "PR_PAC_SET_ENABLED_KEYS", "PR_PAC_GET_ENABLED_KEYS", "PR_SCHED_CORE",
               "PR_SME_SET_VL", "PR_SME_GET_VL", "PR_SET_VMA", "PR_SET_PTRACER")
PRCTL_NARGS = 5


def hexargs(call, first):
    """strace's print_prctl_args: `, 0x...` for each argument from `first` to the fifth."""
    mask = lmask(call)
    return "".join(", " + printers.hexnum(a & mask) for a in call.args[first:PRCTL_NARGS])


def aux_flags(ctx, call, value, names):
    """The `(A|B)` annotation of a result (sprintflags_ex in SPFF_AUXSTR_MODE): the names, any
    unknown bits after them; None with -X raw or when no name matches. `names` is a tuple of
    constant names or a printers.FlagTable (for values the uapi headers do not define)."""
    if ctx.style.const_style == "raw":
        return None
    table = names if isinstance(names, printers.FlagTable) else ctx.flag_table(call.abi, names)
    if not value:
        return table.zero
    found = []
    for name, bits in table.pairs:
        if value & bits == bits:
            found.append(name)
            value &= ~bits
    if not found:
        return None
    if value:
        found.append("%#x" % value)
    return "|".join(found)


def with_aux(text, aux):
    return text if aux is None else "%s (%s)" % (text, aux)


def hex_result(ctx, call, base):
    """RVAL_HEX: the value in hex (`0x2a`), errors as usual."""
    if failed(call):
        return base
    return printers.hexnum(call.ret & lmask(call))


class Option(object):
    """An option strace decodes by its default: every other argument in hex (RVAL_DECODED)."""

    def enter(self, ctx, call):
        return hexargs(call, 1)

    def exit(self, ctx, call):
        return ""

    def result(self, ctx, call, base):
        """`base` is the plain result text (`0`, `-1 EINVAL (...)`)."""
        return base


class NoArgs(Option):
    """Options taking no argument: the option alone."""

    def enter(self, ctx, call):
        return ""


class OutArg(Option):
    """Options whose second argument the kernel fills: printed at exit by `out(ctx, call)`."""

    def enter(self, ctx, call):
        return ", "

    def exit(self, ctx, call):
        if failed(call):
            return printers.ptr(call.args[1])
        return self.out(ctx, call)

    def out(self, ctx, call):
        raise NotImplementedError
