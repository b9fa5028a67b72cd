"""Decoders of the NUMA memory-policy calls: set_mempolicy, get_mempolicy, mbind (modes with
their optional flags, node masks as arrays of the tracee's longs)."""
from minitrace import printers
from minitrace.decode import register
from minitrace.decode.array import print_array, unpacker
from minitrace.decode.common import (enum_text, failed, flag_text, lbits, lmask, pid_arg,
                                     read_ints, sint, ulong)
from minitrace.decode.generic import Decoder

MPOL_MODES = ("MPOL_DEFAULT", "MPOL_PREFERRED", "MPOL_BIND", "MPOL_INTERLEAVE", "MPOL_LOCAL",
              "MPOL_PREFERRED_MANY")
MPOL_MODE_FLAGS = ("MPOL_F_STATIC_NODES", "MPOL_F_RELATIVE_NODES", "MPOL_F_NUMA_BALANCING")
GET_FLAGS = ("MPOL_F_NODE", "MPOL_F_ADDR", "MPOL_F_MEMS_ALLOWED")
# xlat/mbind_flags.in: MPOL_MF_LAZY (uapi, "unsupported") is not named by strace 6.1
MBIND_FLAGS = ("MPOL_MF_STRICT", "MPOL_MF_MOVE", "MPOL_MF_MOVE_ALL")


def mode_text(ctx, call, mode):
    """A mode with its optional flags (strace's print_mode): `MPOL_BIND`,
    `MPOL_BIND|MPOL_F_STATIC_NODES` (-X raw `0x8002`, -X verbose `0x8002 /* ... */`); an
    unknown mode with flags is printed as a flag set, `MPOL_F_STATIC_NODES|0xffff1fff`."""
    mask = 0
    consts = ctx.constants(call.abi)
    for name in MPOL_MODE_FLAGS:
        mask |= consts.get(name, 0)
    flags = mode & mask
    if not flags:
        return enum_text(ctx, call, mode, MPOL_MODES, "MPOL_???")
    name = ctx.enum_table(call.abi, MPOL_MODES).get(mode & ~mask)
    if name is None:
        return flag_text(ctx, call, mode, MPOL_MODE_FLAGS, "MPOL_???")
    text = name + "|" + printers.flags(flags, ctx.flag_table(call.abi, MPOL_MODE_FLAGS))
    cstyle = ctx.style.const_style
    if cstyle == "raw":
        return printers.hexnum(mode)
    if cstyle == "verbose":
        return "%s /* %s */" % (printers.hexnum(mode), text)
    return text


def nodemask(ctx, call, addr, maxnode, fetch=True):
    """`[0x00000000000001, 0000000000000000]`: maxnode - 1 bits in longs (strace's
    print_nodemask), each printed as C's `%#0*lx` with twice the long's size as width (so 0
    has no `0x`); a count that overflows prints the address."""
    bits = lbits(call)
    mask = (1 << bits) - 1
    maxnode &= mask
    count = ((maxnode + bits - 2) & mask) // bits
    if count < maxnode // bits or (maxnode and not count):
        return printers.ptr(addr)
    width = bits // 4
    return print_array(ctx, call, addr, count, bits // 8, unpacker(call, "L"),
                       lambda w: "%#0*x" % (width, w) if w else "0" * width, fetch)


@register("set_mempolicy")
class SetMempolicy(Decoder):
    def enter(self, ctx, call):
        a = call.args
        maxnode = a[2] & lmask(call)
        return "%s, %s, %d" % (mode_text(ctx, call, a[0] & 0xffffffff),
                               nodemask(ctx, call, a[1], maxnode), maxnode)


@register("get_mempolicy")
class GetMempolicy(Decoder):
    def exit(self, ctx, call):
        a = call.args
        mode = None if failed(call) or not a[0] else read_ints(ctx, call, a[0], 1, "I")
        maxnode = a[2] & lmask(call)
        return "%s, %s, %d, %s, %s" % (
            printers.ptr(a[0]) if mode is None else "[%s]" % mode_text(ctx, call, mode[0]),
            nodemask(ctx, call, a[1], maxnode, not failed(call)), maxnode, printers.ptr(a[3]),
            flag_text(ctx, call, a[4] & lmask(call), GET_FLAGS, "MPOL_???"))


@register("mbind")
class Mbind(Decoder):
    def enter(self, ctx, call):
        a = call.args
        maxnode = a[4] & lmask(call)
        return "%s, %s, %s, %s, %d, %s" % (
            printers.ptr(a[0]), ulong(call, a[1]),
            mode_text(ctx, call, a[2] & lmask(call)),
            nodemask(ctx, call, a[3], maxnode), maxnode,
            flag_text(ctx, call, a[5] & 0xffffffff, MBIND_FLAGS, "MPOL_???"))


@register("migrate_pages")
class MigratePages(Decoder):
    def enter(self, ctx, call):
        a = call.args
        maxnode = a[1] & lmask(call)
        return "%s, %d, %s, %s" % (pid_arg(ctx, call, a[0], "tgid"), maxnode,
                                   nodemask(ctx, call, a[2], maxnode),
                                   nodemask(ctx, call, a[3], maxnode))


# xlat/move_pages_flags.in
MOVE_PAGES_FLAGS = ("MPOL_MF_MOVE", "MPOL_MF_MOVE_ALL")


def page_status(ctx, call, value):
    """A status of move_pages: a node number, or a negated errno (strace's print_err):
    `-EFAULT`, -X raw `-14`, -X verbose `-14 /* -EFAULT */`."""
    name = ctx.errno_names(call.abi).get(-value) if value < 0 else None
    cstyle = ctx.style.const_style
    if name is None or cstyle == "raw":
        return str(value)
    return "-" + name if cstyle == "abbrev" else "%d /* -%s */" % (value, name)


@register("move_pages")
class MovePages(Decoder):
    """move_pages(pid, count, pages, nodes, status, flags): status is the kernel's."""

    def enter(self, ctx, call):
        a = call.args
        count = a[1] & lmask(call)
        return "%s, %d, %s, %s, " % (
            pid_arg(ctx, call, a[0], "tgid"), count,
            print_array(ctx, call, a[2], count, lbits(call) // 8, unpacker(call, "L"),
                        printers.ptr),
            print_array(ctx, call, a[3], count, 4, unpacker(call, "i"), str))

    def exit(self, ctx, call):
        a = call.args
        count = a[1] & lmask(call)
        return "%s, %s" % (
            print_array(ctx, call, a[4], count, 4, unpacker(call, "i"),
                        lambda v: page_status(ctx, call, v), fetch=not failed(call)),
            flag_text(ctx, call, a[5] & 0xffffffff, MOVE_PAGES_FLAGS, "MPOL_???"))


@register("set_mempolicy_home_node")
class SetMempolicyHomeNode(Decoder):
    """start, len, home_node, flags (no flag is defined: printed in hex)."""

    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s, %s" % (printers.ptr(a[0]), ulong(call, a[1]), ulong(call, a[2]),
                                   printers.hexnum(a[3] & lmask(call)))
