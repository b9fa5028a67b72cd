"""arch_prctl (x86, strace's prctl.c) and arm's set_tls."""

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
