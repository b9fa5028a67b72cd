"""Decoders of the NUMA memory-policy calls: set_mempolicy, get_mempolicy, mbind (modes with
their optional flags, node masks as arrays of the tracee's longs)."""
from minitrace import printers
from minitrace.decode import register
from minitrace.decode.common import (enum_text, failed, flag_text, lbits, read_longs, read_ints,
                                     ulong)
from minitrace.decode.generic import Decoder

MPOL_MODES = ("MPOL_DEFAULT", "MPOL_PREFERRED", "MPOL_BIND", "MPOL_INTERLEAVE", "MPOL_LOCAL",
              "MPOL_PREFERRED_MANY")
MPOL_MODE_FLAGS = ("MPOL_F_STATIC_NODES", "MPOL_F_RELATIVE_NODES", "MPOL_F_NUMA_BALANCING")
GET_FLAGS = ("MPOL_F_NODE", "MPOL_F_ADDR", "MPOL_F_MEMS_ALLOWED")
MBIND_FLAGS = ("MPOL_MF_STRICT", "MPOL_MF_MOVE", "MPOL_MF_MOVE_ALL", "MPOL_MF_LAZY")


def mode_text(ctx, call, mode):
    """`MPOL_BIND`, `MPOL_BIND|MPOL_F_STATIC_NODES`, unknown `0x9 /* MPOL_??? */`."""
    mask = ctx.constants(call.abi).get("MPOL_MODE_FLAGS", 0)
    flags = mode & mask
    text = enum_text(ctx, call, mode & ~mask if flags else mode, MPOL_MODES, "MPOL_???")
    if flags:
        text += "|" + flag_text(ctx, call, flags, MPOL_MODE_FLAGS)
    return text


def nodemask(ctx, call, addr, maxnode):
    """`[0x00000000000001, 0000000000000000]`: maxnode - 1 bits in longs, each printed as C's
    `%#0*lx` with twice the long's size as width (so 0 has no `0x`)."""
    bits = lbits(call)
    nbits = max(maxnode - 1, 0) if maxnode else 0
    count = (nbits + bits - 1) // bits
    if not addr:
        return "NULL"
    if not count or (call.ret is not None and failed(call)):
        return printers.ptr(addr)
    shown = printers.array_limit(count, ctx.style)
    words = read_longs(ctx, call, addr, shown)
    if words is None:
        return printers.ptr(addr)
    width = bits // 4
    parts = ["%#0*x" % (width, w) if w else "0" * width for w in words]
    if shown < count:
        parts.append("...")
    return "[" + ", ".join(parts) + "]"


@register("set_mempolicy")
class SetMempolicy(Decoder):
    def enter(self, ctx, call):
        a = call.args
        maxnode = a[2] & ((1 << lbits(call)) - 1)
        return "%s, %s, %d" % (mode_text(ctx, call, a[0] & 0xffffffff),
                               nodemask(ctx, call, a[1], maxnode), maxnode)


@register("get_mempolicy")
class GetMempolicy(Decoder):
    def exit(self, ctx, call):
        a = call.args
        mode = None if failed(call) or not a[0] else read_ints(ctx, call, a[0], 1, "I")
        maxnode = a[2] & ((1 << lbits(call)) - 1)
        return "%s, %s, %d, %s, %s" % (
            printers.ptr(a[0]) if mode is None else "[%s]" % mode_text(ctx, call, mode[0]),
            nodemask(ctx, call, a[1], maxnode), maxnode, printers.ptr(a[3]),
            flag_text(ctx, call, a[4] & ((1 << lbits(call)) - 1), GET_FLAGS, "MPOL_???"))


@register("mbind")
class Mbind(Decoder):
    def enter(self, ctx, call):
        a = call.args
        maxnode = a[4] & ((1 << lbits(call)) - 1)
        return "%s, %s, %s, %s, %d, %s" % (
            printers.ptr(a[0]), ulong(call, a[1]), mode_text(ctx, call, a[2] & 0xffffffff),
            nodemask(ctx, call, a[3], maxnode), maxnode,
            flag_text(ctx, call, a[5] & 0xffffffff, MBIND_FLAGS, "MPOL_???"))
