"""Decoders of prctl, arch_prctl and arm's set_tls (strace's prctl.c): the common options by name,
others in hex."""

from minitrace import printers
from minitrace.decode import register
from minitrace.arch import long_bits
from minitrace.decode.common import const, enum_text, failed, indirect_int, indirect_ptr, sig
from minitrace.decode.generic import Decoder


# ---------------------------------------------------------------------------------------------
# arch_prctl (x86)

ARCH_NAMES = ("ARCH_SET_GS", "ARCH_SET_FS", "ARCH_GET_FS", "ARCH_GET_GS", "ARCH_GET_CPUID",
              "ARCH_SET_CPUID", "ARCH_GET_XCOMP_SUPP", "ARCH_GET_XCOMP_PERM",
              "ARCH_REQ_XCOMP_PERM", "ARCH_GET_XCOMP_GUEST_PERM", "ARCH_REQ_XCOMP_GUEST_PERM",
              "ARCH_MAP_VDSO_X32", "ARCH_MAP_VDSO_32", "ARCH_MAP_VDSO_64")


@register("arch_prctl")
class ArchPrctl(Decoder):
    """x86 only: ARCH_SET_FS's address; ARCH_GET_FS/GS write `[0x...]` at exit."""
    def _gets(self, ctx, call):
        c = ctx.constants(call.abi)
        return (c.get("ARCH_GET_FS"), c.get("ARCH_GET_GS"))

    def enter(self, ctx, call):
        option = call.args[0] & 0xffffffff
        text = enum_text(ctx, call, option, ARCH_NAMES, "ARCH_???")
        if option == const(ctx, call, "ARCH_GET_CPUID"):
            return text
        if option in self._gets(ctx, call):
            return text + ", "
        return text + ", " + printers.hexnum(call.args[1] & ((1 << long_bits(call.abi)) - 1))

    def exit(self, ctx, call):
        if (call.args[0] & 0xffffffff) not in self._gets(ctx, call):
            return ""
        if failed(call):
            return printers.ptr(call.args[1])
        return indirect_ptr(ctx, call, call.args[1])


# ---------------------------------------------------------------------------------------------
# set_tls (arm's private __ARM_NR_set_tls): the thread pointer, an address

@register("set_tls")
class SetTls(Decoder):
    def enter(self, ctx, call):
        return printers.ptr(call.args[0])


# ---------------------------------------------------------------------------------------------
# prctl (strace's prctl.c: the common options; others print their arguments in hex)

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
SUID_DUMP_NAMES = ("SUID_DUMP_DISABLE", "SUID_DUMP_USER", "SUID_DUMP_ROOT")
CAP_NAMES = ("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER",
             "CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP",
             "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST",
             "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE",
             "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT",
             "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE",
             "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE",
             "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN",
             "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ",
             "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE")
SECCOMP_MODE_NAMES = ("SECCOMP_MODE_DISABLED", "SECCOMP_MODE_STRICT", "SECCOMP_MODE_FILTER")
PR_TSC_NAMES = ("PR_TSC_ENABLE", "PR_TSC_SIGSEGV")
PR_SET_MM_NAMES = ("PR_SET_MM_START_CODE", "PR_SET_MM_END_CODE", "PR_SET_MM_START_DATA",
                   "PR_SET_MM_END_DATA", "PR_SET_MM_START_STACK", "PR_SET_MM_START_BRK",
                   "PR_SET_MM_BRK", "PR_SET_MM_ARG_START", "PR_SET_MM_ARG_END",
                   "PR_SET_MM_ENV_START", "PR_SET_MM_ENV_END", "PR_SET_MM_AUXV",
                   "PR_SET_MM_EXE_FILE", "PR_SET_MM_MAP", "PR_SET_MM_MAP_SIZE")
TASK_COMM_LEN = 16      # linux/sched.h


def _hexargs(call, first):
    mask = (1 << long_bits(call.abi)) - 1
    return "".join(", " + printers.hexnum(a & mask) for a in call.args[first:5])


@register("prctl")
class Prctl(Decoder):
    # options whose argument strace reads at exit: name -> printer of (ctx, call)
    def _opt(self, ctx, call):
        option = call.args[0] & 0xffffffff
        table = ctx.enum_table(call.abi, PRCTL_NAMES)
        return table.get(option), option

    def enter(self, ctx, call):
        name, option = self._opt(ctx, call)
        head = enum_text(ctx, call, option, PRCTL_NAMES, "PR_???")
        a = call.args
        mask = (1 << long_bits(call.abi)) - 1
        if name in ("PR_GET_KEEPCAPS", "PR_GET_SECCOMP", "PR_GET_TIMERSLACK", "PR_GET_TIMING",
                    "PR_GET_DUMPABLE", "PR_TASK_PERF_EVENTS_DISABLE",
                    "PR_TASK_PERF_EVENTS_ENABLE", "PR_GET_SECUREBITS", "PR_GET_FP_MODE"):
            return head
        if name in ("PR_GET_CHILD_SUBREAPER", "PR_GET_ENDIAN", "PR_GET_FPEMU", "PR_GET_FPEXC",
                    "PR_GET_NAME", "PR_GET_PDEATHSIG", "PR_GET_TID_ADDRESS", "PR_GET_TSC",
                    "PR_GET_UNALIGN"):
            return head + ", "
        if name in ("PR_SET_CHILD_SUBREAPER", "PR_SET_ENDIAN", "PR_SET_FPEMU", "PR_SET_FPEXC",
                    "PR_SET_KEEPCAPS", "PR_SET_TIMING"):
            return "%s, %s" % (head, printers.udec(a[1] & mask))
        if name == "PR_SET_DUMPABLE":
            return "%s, %s" % (head, enum_text(ctx, call, a[1] & mask, SUID_DUMP_NAMES,
                                             "SUID_DUMP_???"))
        if name in ("PR_CAPBSET_READ", "PR_CAPBSET_DROP"):
            return "%s, %s" % (head, enum_text(ctx, call, a[1] & mask, CAP_NAMES, "CAP_???"))
        if name == "PR_SET_NAME":
            return "%s, %s" % (head, self._comm(ctx, call, a[1], TASK_COMM_LEN - 1))
        if name == "PR_SET_PDEATHSIG":
            arg = a[1] & mask
            return "%s, %s" % (head, str(arg) if arg > 128 else sig(ctx, call, arg))
        if name == "PR_SET_PTRACER":
            arg = printers.to_signed(a[1], 32)
            return "%s, %s" % (head, "PR_SET_PTRACER_ANY" if arg == -1 else str(arg))
        if name == "PR_SET_SECCOMP":
            mode = a[1] & mask
            text = "%s, %s" % (head, enum_text(ctx, call, mode, SECCOMP_MODE_NAMES,
                                             "SECCOMP_MODE_???"))
            if mode == const(ctx, call, "SECCOMP_MODE_STRICT"):
                return text
            if mode == const(ctx, call, "SECCOMP_MODE_FILTER"):
                return text + ", " + printers.ptr(a[2])
            return text + _hexargs(call, 2)
        if name == "PR_SET_TIMERSLACK":
            return "%s, %s" % (head, printers.sdec(a[1], long_bits(call.abi)))
        if name == "PR_SET_TSC":
            return "%s, %s" % (head, enum_text(ctx, call, a[1] & 0xffffffff, PR_TSC_NAMES,
                                             "PR_TSC_???"))
        if name == "PR_SET_MM":
            return "%s, %s%s" % (head, enum_text(ctx, call, a[1] & 0xffffffff, PR_SET_MM_NAMES,
                                               "PR_SET_MM_???"), _hexargs(call, 2))
        if name in ("PR_SET_NO_NEW_PRIVS", "PR_SET_THP_DISABLE", "PR_SET_IO_FLUSHER"):
            return "%s, %s%s" % (head, printers.udec(a[1] & mask), _hexargs(call, 2))
        return head + _hexargs(call, 1)

    def _comm(self, ctx, call, addr, limit):
        if not addr:
            return "NULL"
        data = ctx.read_data(call, addr, limit + 1)
        if data is None:
            data, _ = ctx.read_cstring(call, addr, limit + 1)
            if data is None:
                return printers.ptr(addr)
        return printers.quote_cstring(data, ctx.style, limit, b"\0" in data[:limit + 1])

    def exit(self, ctx, call):
        name, option = self._opt(ctx, call)
        addr = call.args[1]
        if name in ("PR_GET_CHILD_SUBREAPER", "PR_GET_ENDIAN", "PR_GET_FPEMU", "PR_GET_FPEXC"):
            return printers.ptr(addr) if failed(call) else indirect_int(
                ctx, call, addr, lambda v: str(v & 0xffffffff))
        if name == "PR_GET_NAME":
            return printers.ptr(addr) if failed(call) else self._comm(ctx, call, addr,
                                                                        TASK_COMM_LEN)
        if name == "PR_GET_PDEATHSIG":
            return indirect_int(ctx, call, addr, lambda v: sig(ctx, call, v & 0xffffffff)) \
                if not failed(call) else printers.ptr(addr)
        if name == "PR_GET_TID_ADDRESS":
            return printers.ptr(addr) if failed(call) else indirect_ptr(ctx, call, addr)
        if name == "PR_GET_TSC":
            return indirect_int(ctx, call, addr, lambda v: enum_text(
                ctx, call, v & 0xffffffff, PR_TSC_NAMES, "PR_TSC_???")) \
                if not failed(call) else printers.ptr(addr)
        return ""

    def result(self, ctx, call):
        text = Decoder.result(self, ctx, call)
        name = self._opt(ctx, call)[0]
        if name == "PR_GET_DUMPABLE" and not failed(call):
            aux = ctx.enum_table(call.abi, SUID_DUMP_NAMES).get(call.ret)
            if aux:
                text += " (%s)" % aux
        return text
