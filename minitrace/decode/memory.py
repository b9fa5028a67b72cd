"""Decoders of the memory family: mmap, mmap2, munmap, mprotect, madvise, process_madvise,
mremap, brk, msync, mlock/mlock2/munlock/mlockall/munlockall, mincore, membarrier (strace
6.1's mem.c, membarrier.c).

Flag tables are constant NAMES in strace's print order (its xlat/*.in files); the values come
from the tracee ABI's generated constants. Nothing here prints or calls ptrace.
"""
import struct

from minitrace import printers
from minitrace.arch import long_bits, long_mask
from minitrace.decode import register
from minitrace.decode.common import endian, fd, flag_text, ulong
from minitrace.decode.desc import iovec_array
from minitrace.decode.generic import Decoder

PAGE_SIZE = 4096        # mmap2's offset unit and mincore's page (strace uses the host's)

# xlat/mmap_prot.in
PROT_NAMES = ("PROT_NONE", "PROT_READ", "PROT_WRITE", "PROT_EXEC", "PROT_SEM", "PROT_GROWSDOWN",
              "PROT_GROWSUP", "PROT_SAO", "PROT_BTI", "PROT_MTE")
# xlat/mmap_flags.in: the MAP_TYPE part (MAP_FILE is the 0 type), then the flags in strace's order
MAP_TYPES = ("MAP_SHARED", "MAP_PRIVATE", "MAP_SHARED_VALIDATE", "MAP_FILE")
MAP_FLAGS = ("MAP_FIXED", "MAP_ANONYMOUS", "MAP_32BIT", "MAP_RENAME", "MAP_NORESERVE",
             "MAP_POPULATE", "MAP_NONBLOCK", "MAP_GROWSDOWN", "MAP_GROWSUP", "MAP_DENYWRITE",
             "MAP_EXECUTABLE", "MAP_INHERIT", "MAP_LOCKED", "MAP_STACK", "MAP_HUGETLB", "MAP_SYNC",
             "MAP_UNINITIALIZED", "MAP_FIXED_NOREPLACE")
# xlat/madvise_cmds.in
MADV_NAMES = ("MADV_NORMAL", "MADV_RANDOM", "MADV_SEQUENTIAL", "MADV_WILLNEED", "MADV_DONTNEED",
              "MADV_FREE", "MADV_REMOVE", "MADV_DONTFORK", "MADV_DOFORK", "MADV_MERGEABLE",
              "MADV_UNMERGEABLE", "MADV_HUGEPAGE", "MADV_NOHUGEPAGE", "MADV_DONTDUMP",
              "MADV_DODUMP", "MADV_WIPEONFORK", "MADV_KEEPONFORK", "MADV_COLD", "MADV_PAGEOUT",
              "MADV_POPULATE_READ", "MADV_POPULATE_WRITE", "MADV_DONTNEED_LOCKED",
              "MADV_COLLAPSE", "MADV_HWPOISON", "MADV_SOFT_OFFLINE")
MS_NAMES = ("MS_ASYNC", "MS_INVALIDATE", "MS_SYNC")                  # xlat/msync_flags.in
MLOCK_NAMES = ("MLOCK_ONFAULT",)                                      # xlat/mlock_flags.in
MCL_NAMES = ("MCL_CURRENT", "MCL_FUTURE", "MCL_ONFAULT")              # xlat/mlockall_flags.in
MREMAP_NAMES = ("MREMAP_MAYMOVE", "MREMAP_FIXED", "MREMAP_DONTUNMAP")  # xlat/mremap_flags.in
# xlat/membarrier_cmds.in (QUERY is 0; SHARED is an alias of GLOBAL and comes after it)
MEMBARRIER_NAMES = ("MEMBARRIER_CMD_QUERY", "MEMBARRIER_CMD_GLOBAL",
                    "MEMBARRIER_CMD_GLOBAL_EXPEDITED", "MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED",
                    "MEMBARRIER_CMD_PRIVATE_EXPEDITED",
                    "MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED",
                    "MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE",
                    "MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE",
                    "MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ",
                    "MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ", "MEMBARRIER_CMD_SHARED")
MEMBARRIER_FLAG_NAMES = ("MEMBARRIER_CMD_FLAG_CPU",)


def prot(ctx, call, value):
    return flag_text(ctx, call, value & 0xffffffff if long_bits(call.abi) == 32 else value,
                   PROT_NAMES, "PROT_???")


def map_flags(ctx, call, value):
    """`MAP_PRIVATE|MAP_ANONYMOUS|21<<MAP_HUGE_SHIFT`; an unknown type `0xf /* MAP_??? */`.
    The texts are kept per ABI (ctx.memo): a program maps with the same few flag sets."""
    return printers.remembered(ctx.memo(call.abi, "map flags"), (value, ctx.style.const_style),
                               _map_flags, ctx, call, value)


def _map_flags(ctx, call, value):
    style = ctx.style
    if style.const_style == "raw":
        return printers.hexnum(value)
    consts = ctx.constants(call.abi)
    mtype = consts.get("MAP_TYPE", 0xf)
    shift = consts.get("MAP_HUGE_SHIFT", 26)
    huge_mask = consts.get("MAP_HUGE_MASK", 0x3f) << shift
    types = ctx.enum_table(call.abi, MAP_TYPES)
    text = printers.enum(value & mtype, types, None, "MAP_???")
    rest = value & ~mtype & ~huge_mask
    if rest:
        text += "|" + printers.flags(rest, ctx.flag_table(call.abi, MAP_FLAGS))
    if value & huge_mask:
        text += "|%u<<MAP_HUGE_SHIFT" % ((value & huge_mask) >> shift)
    if style.const_style == "verbose":
        return "%s /* %s */" % (printers.hexnum(value), text)
    return text


def mmap_args(ctx, call, args, offset):
    """The six mmap arguments: addr, len, prot, flags, fd, offset (already in bytes)."""
    return "%s, %s, %s, %s, %s, %s" % (
        printers.ptr(args[0]), ulong(call, args[1]), prot(ctx, call, args[2]),
        map_flags(ctx, call, args[3]), fd(ctx, call, args[4]), printers.hexnum(offset))


@register("brk")
class Brk(Decoder):
    enter_while_running = True     # numbers only
    ret_kind = "x"

    def enter(self, ctx, call):
        return printers.ptr(call.args[0])


OLD_MMAP_ABIS = ("i386", "arm", "s390x")


@register("mmap", "mmap2")
class Mmap(Decoder):
    """mmap(addr, len, prot, flags, fd, off); mmap2's offset is in 4096-byte pages; the i386,
    arm and s390x mmap is old_mmap, which reads its six arguments (longs) from a struct
    (strace's old_mmap; s390x: sys_old_mmap in arch/s390/kernel/syscall.c)."""
    enter_while_running = True     # numbers (old_mmap: its struct, passed in)
    ret_kind = "x"

    def enter(self, ctx, call):
        args = call.args
        bits = long_bits(call.abi)
        if self.name == "mmap" and call.abi in OLD_MMAP_ABIS:
            size = 6 * bits // 8
            data = ctx.read(call, args[0], size)
            if data is None or len(data) < size:
                return printers.ptr(args[0])
            args = struct.unpack(endian(call) + ("6Q" if bits == 64 else "6I"), data)
            return mmap_args(ctx, call, args, args[5])
        offset = args[5] & ((1 << bits) - 1)
        if self.name == "mmap2":
            offset *= PAGE_SIZE
        return mmap_args(ctx, call, args, offset)


@register("munmap", "mlock", "munlock")
class AddrLen(Decoder):
    enter_while_running = True     # numbers only

    def enter(self, ctx, call):
        return "%s, %s" % (printers.ptr(call.args[0]), ulong(call, call.args[1]))


@register("mprotect", "pkey_mprotect")
class Mprotect(Decoder):
    enter_while_running = True     # numbers only

    def enter(self, ctx, call):
        a = call.args
        text = "%s, %s, %s" % (printers.ptr(a[0]), ulong(call, a[1]), prot(ctx, call, a[2]))
        if self.name == "pkey_mprotect":
            text += ", " + printers.sdec(a[3], 32)
        return text


# xlat/pkey_access.in
PKEY_ACCESS = ("PKEY_DISABLE_ACCESS", "PKEY_DISABLE_WRITE", "PKEY_DISABLE_EXECUTE")


@register("pkey_alloc")
class PkeyAlloc(Decoder):
    """flags (none defined: hex), then the access rights as a flag set of the whole long."""

    def enter(self, ctx, call):
        mask = long_mask(call.abi)
        a = call.args
        return "%s, %s" % (printers.hexnum(a[0] & mask),
                           flag_text(ctx, call, a[1] & mask, PKEY_ACCESS, "PKEY_???"))


def madvise_advice(ctx, call, value):
    return printers.enum(value & 0xffffffff, ctx.enum_table(call.abi, MADV_NAMES), ctx.style,
                         "MADV_???")


@register("madvise")
class Madvise(Decoder):
    enter_while_running = True     # numbers only

    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s" % (printers.ptr(a[0]), ulong(call, a[1]),
                               madvise_advice(ctx, call, a[2]))


@register("process_madvise")
class ProcessMadvise(Decoder):
    """process_madvise(pidfd, iovec, vlen, advice, flags): the iovecs' addresses only, the
    flags in hex (strace's mem.c)."""

    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s, %s, %s" % (
            fd(ctx, call, a[0]), iovec_array(ctx, call, a[1], a[2], contents=False),
            ulong(call, a[2]), madvise_advice(ctx, call, a[3]),
            printers.hexnum(a[4] & 0xffffffff))


@register("msync")
class Msync(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s" % (printers.ptr(a[0]), ulong(call, a[1]),
                               flag_text(ctx, call, a[2] & 0xffffffff, MS_NAMES, "MS_???"))


@register("mlock2")
class Mlock2(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s" % (printers.ptr(a[0]), ulong(call, a[1]),
                               flag_text(ctx, call, a[2] & 0xffffffff, MLOCK_NAMES, "MLOCK_???"))


@register("mlockall")
class Mlockall(Decoder):
    def enter(self, ctx, call):
        return flag_text(ctx, call, call.args[0] & 0xffffffff, MCL_NAMES, "MCL_???")


@register("munlockall")
class NoArgs(Decoder):
    pass


@register("mremap")
class Mremap(Decoder):
    ret_kind = "x"

    def enter(self, ctx, call):
        a = call.args
        consts = ctx.constants(call.abi)
        text = "%s, %s, %s, %s" % (printers.ptr(a[0]), ulong(call, a[1]), ulong(call, a[2]),
                                   flag_text(ctx, call, a[3], MREMAP_NAMES, "MREMAP_???"))
        both = consts.get("MREMAP_MAYMOVE", 1) | consts.get("MREMAP_FIXED", 2)
        if a[3] & both == both:
            text += ", " + printers.ptr(a[4])
        return text


@register("mincore")
class Mincore(Decoder):
    def enter(self, ctx, call):
        return "%s, %s, " % (printers.ptr(call.args[0]), ulong(call, call.args[1]))

    def exit(self, ctx, call):
        addr = call.args[2]
        if call.error or not addr:
            return printers.ptr(addr)
        length = call.args[1] & long_mask(call.abi)
        pages = (length + PAGE_SIZE - 1) // PAGE_SIZE
        shown = printers.array_limit(pages, ctx.style)
        data = ctx.read(call, addr, shown)
        if data is None or len(data) < shown:
            return printers.ptr(addr)
        parts = [str(b) for b in bytearray(data)]
        if shown < pages:
            parts.append("...")
        return "[" + ", ".join(parts) + "]"


@register("membarrier")
class Membarrier(Decoder):
    def enter(self, ctx, call):
        a = call.args
        cmd = printers.to_signed(a[0], 32)
        table = ctx.enum_table(call.abi, MEMBARRIER_NAMES)
        text = "%s, %s" % (printers.enum(cmd & 0xffffffff, table, ctx.style,
                                         "MEMBARRIER_CMD_???"),
                           flag_text(ctx, call, a[1] & 0xffffffff, MEMBARRIER_FLAG_NAMES,
                                   "MEMBARRIER_CMD_FLAG_???"))
        consts = ctx.constants(call.abi)
        if (cmd == consts.get("MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ")
                and a[1] & consts.get("MEMBARRIER_CMD_FLAG_CPU", 1)):
            text += ", " + printers.sdec(a[2], 32)
        return text

    def result(self, ctx, call):
        if (call.ret is None or call.error or printers.to_signed(call.args[0], 32) != 0):
            return Decoder.result(self, ctx, call)
        text = printers.flags(call.ret, ctx.flag_table(call.abi, MEMBARRIER_NAMES))
        return "%s (%s)" % (printers.hexnum(call.ret), text)


@register("remap_file_pages")
class RemapFilePages(Decoder):
    """remap_file_pages(addr, size, prot, pgoff, flags): prot and flags as mmap's, in the
    whole unsigned long (strace's printflags64 / print_mmap_flags)."""

    def enter(self, ctx, call):
        a = call.args
        mask = long_mask(call.abi)
        return "%s, %s, %s, %s, %s" % (
            printers.ptr(a[0]), ulong(call, a[1]),
            flag_text(ctx, call, a[2] & mask, PROT_NAMES, "PROT_???"), ulong(call, a[3]),
            map_flags(ctx, call, a[4] & mask))
