"""arch_prctl (x86, strace's prctl.c) and arm's set_tls."""

from minitrace import printers
from minitrace.decode import register
from minitrace.arch import long_mask
from minitrace.decode.common import enum_text, failed, indirect_ptr, read_struct
from minitrace.decode.generic import Decoder
from minitrace.decode.layout import Struct
from minitrace.decode.prctl.base import aux_flags, hex_result, with_aux


# ---------------------------------------------------------------------------------------------
# arch_prctl (x86)

ARCH_NAMES = ("ARCH_SET_GS", "ARCH_SET_FS", "ARCH_GET_FS", "ARCH_GET_GS", "ARCH_GET_CPUID",
              "ARCH_SET_CPUID", "ARCH_GET_XCOMP_SUPP", "ARCH_GET_XCOMP_PERM",
              "ARCH_REQ_XCOMP_PERM", "ARCH_GET_XCOMP_GUEST_PERM", "ARCH_REQ_XCOMP_GUEST_PERM",
              "ARCH_MAP_VDSO_X32", "ARCH_MAP_VDSO_32", "ARCH_MAP_VDSO_64")
ARCH_GET_ADDR = ("ARCH_GET_FS", "ARCH_GET_GS")
ARCH_GET_XFEATURES = ("ARCH_GET_XCOMP_SUPP", "ARCH_GET_XCOMP_PERM", "ARCH_GET_XCOMP_GUEST_PERM")
ARCH_REQ_XFEATURE = ("ARCH_REQ_XCOMP_PERM", "ARCH_REQ_XCOMP_GUEST_PERM")

# enum xfeature of the kernel's arch/x86/include/asm/fpu/types.h (linux 6.1; not a uapi
# header, so these bit numbers are written here). 11-14 and 16 are reserved, unnamed.
XFEATURE_BITS = (("XFEATURE_FP", 0), ("XFEATURE_SSE", 1), ("XFEATURE_YMM", 2),
                 ("XFEATURE_BNDREGS", 3), ("XFEATURE_BNDCSR", 4), ("XFEATURE_OPMASK", 5),
                 ("XFEATURE_ZMM_Hi256", 6), ("XFEATURE_Hi16_ZMM", 7),
                 ("XFEATURE_PT_UNIMPLEMENTED_SO_FAR", 8), ("XFEATURE_PKRU", 9),
                 ("XFEATURE_PASID", 10), ("XFEATURE_LBR", 15), ("XFEATURE_XTILE_CFG", 17),
                 ("XFEATURE_XTILE_DATA", 18))
XFEATURE_NAMES = dict((bit, name) for name, bit in XFEATURE_BITS)
_BIT = dict(XFEATURE_BITS)

# XFEATURE_MASK_* of the same header, in the order strace prints them (a group before its
# members): name -> the xfeatures it covers (XFEATURE_MASK_PT is XFEATURE_PT_UNIMPLEMENTED_SO_FAR)
XFEATURE_MASKS = (
    ("XFEATURE_MASK_FPSSE", ("FP", "SSE")), ("XFEATURE_MASK_FP", ("FP",)),
    ("XFEATURE_MASK_SSE", ("SSE",)), ("XFEATURE_MASK_YMM", ("YMM",)),
    ("XFEATURE_MASK_BNDREGS", ("BNDREGS",)), ("XFEATURE_MASK_BNDCSR", ("BNDCSR",)),
    ("XFEATURE_MASK_AVX512", ("OPMASK", "ZMM_Hi256", "Hi16_ZMM")),
    ("XFEATURE_MASK_OPMASK", ("OPMASK",)), ("XFEATURE_MASK_ZMM_Hi256", ("ZMM_Hi256",)),
    ("XFEATURE_MASK_Hi16_ZMM", ("Hi16_ZMM",)),
    ("XFEATURE_MASK_PT", ("PT_UNIMPLEMENTED_SO_FAR",)), ("XFEATURE_MASK_PKRU", ("PKRU",)),
    ("XFEATURE_MASK_PASID", ("PASID",)), ("XFEATURE_MASK_LBR", ("LBR",)),
    ("XFEATURE_MASK_XTILE", ("XTILE_DATA", "XTILE_CFG")),
    ("XFEATURE_MASK_XTILE_CFG", ("XTILE_CFG",)), ("XFEATURE_MASK_XTILE_DATA", ("XTILE_DATA",)))
XFEATURE_MASK_TABLE = printers.FlagTable(
    (name, sum(1 << _BIT["XFEATURE_" + f] for f in features)) for name, features in XFEATURE_MASKS)

U64 = Struct("u64", [("value", "u64")])


def _xlat_style(ctx):
    """strace prints the xfeature names as comments unless -X raw (they are no uapi constants)."""
    return ctx.style.replace(const_style="raw" if ctx.style.const_style == "raw" else "verbose")


@register("arch_prctl")
class ArchPrctl(Decoder):
    """x86 only: ARCH_SET_FS's address; ARCH_GET_FS/GS write `[0x...]` at exit, the
    ARCH_GET_XCOMP_* commands an xfeature mask; ARCH_REQ_XCOMP_* take an xfeature number and
    return a mask."""

    def _group(self, ctx, call):
        name = ctx.enum_table(call.abi, ARCH_NAMES).get(call.args[0] & 0xffffffff)
        if name in ARCH_GET_ADDR:
            return "get"
        if name in ARCH_GET_XFEATURES:
            return "xget"
        if name in ARCH_REQ_XFEATURE:
            return "xreq"
        return "cpuid" if name == "ARCH_GET_CPUID" else None

    def enter(self, ctx, call):
        text = enum_text(ctx, call, call.args[0] & 0xffffffff, ARCH_NAMES, "ARCH_???")
        group = self._group(ctx, call)
        addr = call.args[1] & long_mask(call.abi)
        if group == "cpuid":
            return text
        if group in ("get", "xget"):
            return text + ", "
        if group == "xreq":
            return text + ", " + printers.enum(addr, XFEATURE_NAMES, _xlat_style(ctx),
                                                "XFEATURE_???")
        return text + ", " + printers.hexnum(addr)

    def exit(self, ctx, call):
        group = self._group(ctx, call)
        if group == "get":
            if failed(call):
                return printers.ptr(call.args[1])
            return indirect_ptr(ctx, call, call.args[1])
        if group == "xget":
            v = None if failed(call) else read_struct(ctx, call, call.args[1], U64.on(call.abi))
            if v is None:
                return printers.ptr(call.args[1])
            return "[%s]" % printers.flags(v["value"], XFEATURE_MASK_TABLE, _xlat_style(ctx),
                                           "XFEATURE_MASK_???")
        return ""

    def result(self, ctx, call):
        base = Decoder.result(self, ctx, call)
        if self._group(ctx, call) != "xreq" or failed(call) or call.ret <= 0:
            return base
        return with_aux(hex_result(ctx, call, base),
                        aux_flags(ctx, call, call.ret, XFEATURE_MASK_TABLE))


# ---------------------------------------------------------------------------------------------
# set_tls (arm's private __ARM_NR_set_tls): the thread pointer, an address

@register("set_tls")
class SetTls(Decoder):
    def enter(self, ctx, call):
        return printers.ptr(call.args[0])
