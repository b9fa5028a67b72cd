"""prctl options of capabilities (strace's prctl.c): the bounding set, the ambient set and the
securebits."""
from minitrace.decode.common import enum_text, failed, flag_text, lmask
from minitrace.decode.prctl.base import NoArgs, Option, aux_flags, hex_result, hexargs, with_aux

# xlat/cap.in (linux/capability.h)
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
# xlat/pr_cap_ambient.in (linux/prctl.h)
PR_CAP_AMBIENT_NAMES = ("PR_CAP_AMBIENT_IS_SET", "PR_CAP_AMBIENT_RAISE", "PR_CAP_AMBIENT_LOWER",
                        "PR_CAP_AMBIENT_CLEAR_ALL")
# the ambient commands whose third argument is a capability
_CAP_ARG = ("PR_CAP_AMBIENT_IS_SET", "PR_CAP_AMBIENT_RAISE", "PR_CAP_AMBIENT_LOWER")
# xlat/secbits.in (linux/securebits.h)
SECBIT_NAMES = ("SECBIT_NOROOT", "SECBIT_NOROOT_LOCKED", "SECBIT_NO_SETUID_FIXUP",
                "SECBIT_NO_SETUID_FIXUP_LOCKED", "SECBIT_KEEP_CAPS", "SECBIT_KEEP_CAPS_LOCKED",
                "SECBIT_NO_CAP_AMBIENT_RAISE", "SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED")


def cap_text(ctx, call, value):
    return enum_text(ctx, call, value, CAP_NAMES, "CAP_???")


class Capbset(Option):
    def enter(self, ctx, call):
        return ", " + cap_text(ctx, call, call.args[1] & lmask(call))


class CapAmbient(Option):
    def enter(self, ctx, call):
        mask = lmask(call)
        cmd = call.args[1] & mask
        text = ", " + enum_text(ctx, call, cmd, PR_CAP_AMBIENT_NAMES, "PR_CAP_AMBIENT_???")
        if ctx.enum_table(call.abi, PR_CAP_AMBIENT_NAMES).get(cmd) in _CAP_ARG:
            return text + ", " + cap_text(ctx, call, call.args[2] & mask) + hexargs(call, 3)
        return text + hexargs(call, 2)


class SetSecurebits(Option):
    def enter(self, ctx, call):
        return ", " + flag_text(ctx, call, call.args[1] & lmask(call), SECBIT_NAMES,
                                "SECBIT_???")


class GetSecurebits(NoArgs):
    def result(self, ctx, call, base):
        if failed(call) or call.ret == 0:
            return base
        return with_aux(hex_result(ctx, call, base),
                        aux_flags(ctx, call, call.ret & lmask(call), SECBIT_NAMES))


OPTIONS = {
    "PR_CAPBSET_READ": Capbset(), "PR_CAPBSET_DROP": Capbset(), "PR_CAP_AMBIENT": CapAmbient(),
    "PR_SET_SECUREBITS": SetSecurebits(), "PR_GET_SECUREBITS": GetSecurebits(),
}
