"""Decoders of the desc family: read/write and their vector forms, lseek, _llseek, close, dup,
pipes, eventfd, memfd, flock (fcntl is in fcntl.py).

Shared helpers (fds, open flags, tables with libc-only constants) come from file.py.
"""
import struct

from minitrace import printers
from minitrace.decode import register
from minitrace.decode.array import print_array
from minitrace.decode.common import (endian, enum_text, failed, fd, flag_text, lbits, lmask, pid_arg,
                                     slong, uint, ulong)
from minitrace.decode.file import (in_string, open_flags_only, out_string, read_int64,
                                   read_int_pair)
from minitrace.decode.generic import Decoder, cstring_arg
from minitrace.decode.layout import Struct, named


def offset64(call, lo_index):
    """A loff_t argument: one register on 64-bit ABIs; on 32-bit ones the low and high halves
    in two (i386 pread64: lo, hi)."""
    a = call.args
    if lbits(call) == 64:
        return printers.to_signed(a[lo_index], 64)
    return printers.to_signed((a[lo_index] & 0xffffffff) | ((a[lo_index + 1] & 0xffffffff) << 32), 64)


# ---------------------------------------------------------------------------------------------
# read / write

@register("read")
class Read(Decoder):
    enter_while_running = True     # the descriptor only

    def enter(self, ctx, call):
        return fd(ctx, call, call.args[0]) + ", "

    def exit(self, ctx, call):
        a = call.args
        return "%s, %s" % (out_string(ctx, call, a[1], call.ret or 0), ulong(call, a[2]))


@register("write")
class Write(Decoder):
    enter_while_running = True     # the buffer written

    def enter(self, ctx, call):
        a = call.args
        n = a[2] & lmask(call)              # the count, as ulong() prints it
        return "%s, %s, %d" % (fd(ctx, call, a[0]), in_string(ctx, call, a[1], n), n)


@register("pread64")
class Pread64(Decoder):
    enter_while_running = True     # the descriptor only

    def enter(self, ctx, call):
        return fd(ctx, call, call.args[0]) + ", "

    def exit(self, ctx, call):
        a = call.args
        return "%s, %s, %d" % (out_string(ctx, call, a[1], call.ret or 0), ulong(call, a[2]),
                               offset64(call, 3))


@register("pwrite64")
class Pwrite64(Decoder):
    enter_while_running = True     # the buffer written

    def enter(self, ctx, call):
        a = call.args
        n = a[2] & lmask(call)
        return "%s, %s, %s, %d" % (fd(ctx, call, a[0]), in_string(ctx, call, a[1], n), ulong(call, a[2]),
                                   offset64(call, 3))


# ---------------------------------------------------------------------------------------------
# vectors

MAX_IOV = 1024     # UIO_MAXIOV


# struct iovec (linux/uio.h)
IOVEC = named("iovec", Struct("iovec", [("iov_base", "ptr"), ("iov_len", "ulong")]))


def iovec_array(ctx, call, addr, count, data_size=None, contents=True):
    """`[{iov_base="...", iov_len=6}, ...]` as strace's print_array prints it (also when the
    call failed); data_size limits the bytes shown (readv: ret); contents=False prints the
    buffers' addresses (a failed readv, process_vm_readv's remote side)."""
    iov = IOVEC.on(call.abi)
    left = [data_size]

    def element(values):
        base, length = values
        want = length if left[0] is None else min(length, left[0])
        if left[0] is not None:
            left[0] -= want
        text = in_string(ctx, call, base, want) if contents else printers.ptr(base)
        return "{iov_base=%s, iov_len=%d}" % (text, length)

    return print_array(ctx, call, addr, count, iov.size, iov.unpack, element)


def _iov_in(ctx, call):
    a = call.args
    return "%s, %s, %s" % (fd(ctx, call, a[0]), iovec_array(ctx, call, a[1], a[2]), ulong(call, a[2]))


def _iov_out(ctx, call):
    a = call.args
    if failed(call):
        buf = iovec_array(ctx, call, a[1], a[2], None, contents=False)
    else:
        buf = iovec_array(ctx, call, a[1], a[2], call.ret)
    return "%s, %s" % (buf, ulong(call, a[2]))


RWF_FLAGS = ("RWF_HIPRI", "RWF_DSYNC", "RWF_SYNC", "RWF_NOWAIT", "RWF_APPEND")


def _pos(call):
    """preadv/pwritev position: pos_l (and pos_h on 32-bit ABIs)."""
    a = call.args
    if lbits(call) == 64:
        return "%d" % printers.to_signed(a[3], 64)
    return "%d" % printers.to_signed((a[3] & 0xffffffff) | ((a[4] & 0xffffffff) << 32), 64)


def _rwf(ctx, call):
    return flag_text(ctx, call, call.args[5] & 0xffffffff, RWF_FLAGS, "RWF_???")


@register("readv")
class Readv(Decoder):
    enter_while_running = True     # the descriptor only

    def enter(self, ctx, call):
        return fd(ctx, call, call.args[0]) + ", "

    def exit(self, ctx, call):
        return _iov_out(ctx, call)


@register("writev")
class Writev(Decoder):
    enter_while_running = True     # the vectors written

    def enter(self, ctx, call):
        return _iov_in(ctx, call)


@register("preadv")
class Preadv(Readv):
    enter_while_running = True     # the descriptor only

    def exit(self, ctx, call):
        return "%s, %s" % (_iov_out(ctx, call), _pos(call))


@register("pwritev")
class Pwritev(Decoder):
    enter_while_running = True     # the vectors written

    def enter(self, ctx, call):
        return "%s, %s" % (_iov_in(ctx, call), _pos(call))


@register("preadv2")
class Preadv2(Readv):
    enter_while_running = True     # the descriptor only

    def exit(self, ctx, call):
        return "%s, %s, %s" % (_iov_out(ctx, call), _pos(call), _rwf(ctx, call))


@register("pwritev2")
class Pwritev2(Decoder):
    enter_while_running = True     # the vectors written

    def enter(self, ctx, call):
        return "%s, %s, %s" % (_iov_in(ctx, call), _pos(call), _rwf(ctx, call))


# process_vm_readv / process_vm_writev: the local iovecs with their data, the remote ones with
# addresses only (the pid is a tgid, translated with --pidns-translation)

@register("process_vm_readv")
class ProcessVmReadv(Decoder):
    def enter(self, ctx, call):
        return pid_arg(ctx, call, call.args[0]) + ", "

    def exit(self, ctx, call):
        a = call.args
        if failed(call):
            local = iovec_array(ctx, call, a[1], a[2], None, contents=False)
        else:
            local = iovec_array(ctx, call, a[1], a[2], call.ret)
        return "%s, %s, %s, %s, %s" % (local, ulong(call, a[2]),
                                       iovec_array(ctx, call, a[3], a[4], contents=False),
                                       ulong(call, a[4]), ulong(call, a[5]))


@register("process_vm_writev")
class ProcessVmWritev(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s, %s, %s, %s" % (
            pid_arg(ctx, call, a[0]), iovec_array(ctx, call, a[1], a[2]), ulong(call, a[2]),
            iovec_array(ctx, call, a[3], a[4], contents=False), ulong(call, a[4]),
            ulong(call, a[5]))


# ---------------------------------------------------------------------------------------------
# seek, close, dup

WHENCE = ("SEEK_SET", "SEEK_CUR", "SEEK_END", "SEEK_DATA", "SEEK_HOLE")


@register("lseek")
class Lseek(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s" % (fd(ctx, call, a[0]), slong(call, a[1]),
                               enum_text(ctx, call, a[2] & 0xffffffff, WHENCE, "SEEK_???"))


@register("_llseek")
class Llseek(Decoder):
    """32-bit ABIs (arm) and ppc64le: the offset in two longs, the new one written to a loff_t:
    `_llseek(3, 0, [0], SEEK_CUR)`."""
    def enter(self, ctx, call):
        a = call.args
        offset = ((a[1] & 0xffffffff) << 32) | (a[2] & 0xffffffff)
        return "%s, %d, " % (fd(ctx, call, a[0]), offset - (1 << 64) if offset >> 63 else offset)

    def exit(self, ctx, call):
        a = call.args
        result = printers.ptr(a[3]) if failed(call) else read_int64(ctx, call, a[3])
        return "%s, %s" % (result, enum_text(ctx, call, a[4] & 0xffffffff, WHENCE, "SEEK_???"))


@register("close", "fsync", "fdatasync", "dup")
class OneFd(Decoder):
    enter_while_running = True     # the descriptor only

    def enter(self, ctx, call):
        return fd(ctx, call, call.args[0])


CLOSE_RANGE_FLAGS = ("CLOSE_RANGE_UNSHARE", "CLOSE_RANGE_CLOEXEC")


@register("close_range")
class CloseRange(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s" % (uint(a[0]), uint(a[1]),
                               flag_text(ctx, call, a[2] & 0xffffffff, CLOSE_RANGE_FLAGS,
                                      "CLOSE_RANGE_???"))


@register("dup2")
class Dup2(Decoder):
    def enter(self, ctx, call):
        return "%s, %s" % (fd(ctx, call, call.args[0]), fd(ctx, call, call.args[1]))


@register("dup3")
class Dup3(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s" % (fd(ctx, call, a[0]), fd(ctx, call, a[1]), open_flags_only(ctx, call, a[2]))


# ---------------------------------------------------------------------------------------------
# pipes and the rest

@register("pipe")
class Pipe(Decoder):
    def exit(self, ctx, call):
        if failed(call):
            return printers.ptr(call.args[0])
        return read_int_pair(ctx, call, call.args[0])


@register("pipe2")
class Pipe2(Pipe):
    def exit(self, ctx, call):
        return "%s, %s" % (Pipe.exit(self, ctx, call), open_flags_only(ctx, call, call.args[1]))


# the ABIs whose `sendfile` is strace's sendfile64 (a 64-bit offset); elsewhere it is the old
# sendfile, whose offset is an unsigned long and which is shown at entry when count is 0
SENDFILE64_ABIS = ("x86_64", "x32", "aarch64", "riscv64")


def _unsigned_num(ctx, call, addr, size):
    """`[N]` of an unsigned number of `size` bytes (strace's printnum_ulong/_int64 with
    %llu), or None when NULL or unreadable."""
    if not addr:
        return None
    data = ctx.read(call, addr, size)
    if not data or len(data) < size:
        return None
    return "[%d]" % struct.unpack(endian(call) + ("Q" if size == 8 else "I"), data)[0]


@register("sendfile", "sendfile64")
class Sendfile(Decoder):
    def _offset_size(self, call):
        if self.name == "sendfile64" or call.abi in SENDFILE64_ABIS:
            return 8, False
        return lbits(call) // 8, True

    def enter(self, ctx, call):
        a = call.args
        size, old = self._offset_size(call)
        offset = _unsigned_num(ctx, call, a[2], size)
        text = "%s, %s, %s" % (fd(ctx, call, a[0]), fd(ctx, call, a[1]),
                               offset or printers.ptr(a[2]))
        call.saved = offset is not None and not (old and not a[3])
        return text if call.saved else text + ", " + ulong(call, a[3])

    def exit(self, ctx, call):
        a = call.args
        if not call.saved:
            return ""
        text = ""
        if not failed(call) and call.ret:
            offset = _unsigned_num(ctx, call, a[2], self._offset_size(call)[0])
            text = " => " + (offset or printers.ptr(a[2]))
        return text + ", " + ulong(call, a[3])


SPLICE_FLAGS = ("SPLICE_F_MOVE", "SPLICE_F_NONBLOCK", "SPLICE_F_MORE", "SPLICE_F_GIFT")


@register("splice")
class Splice(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s, %s, %s, %s" % (
            fd(ctx, call, a[0]), read_int64(ctx, call, a[1]), fd(ctx, call, a[2]), read_int64(ctx, call, a[3]),
            ulong(call, a[4]), flag_text(ctx, call, a[5] & 0xffffffff, SPLICE_FLAGS, "SPLICE_F_???"))


@register("tee")
class Tee(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s, %s" % (fd(ctx, call, a[0]), fd(ctx, call, a[1]), ulong(call, a[2]),
                                   flag_text(ctx, call, a[3] & 0xffffffff, SPLICE_FLAGS,
                                          "SPLICE_F_???"))


@register("copy_file_range")
class CopyFileRange(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s, %s, %s, %s" % (
            fd(ctx, call, a[0]), read_int64(ctx, call, a[1]), fd(ctx, call, a[2]), read_int64(ctx, call, a[3]),
            ulong(call, a[4]), uint(a[5]))


EFD_FLAGS = ("EFD_SEMAPHORE", "EFD_CLOEXEC", "EFD_NONBLOCK")


@register("eventfd2")
class Eventfd2(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s" % (uint(a[0]), flag_text(ctx, call, a[1] & 0xffffffff, EFD_FLAGS, "EFD_???"))


@register("eventfd")
class Eventfd(Decoder):
    def enter(self, ctx, call):
        return uint(call.args[0])


@register("vmsplice")
class Vmsplice(Decoder):
    """fd, the iovec array (as writev's), nr_segs, the splice flags."""

    def enter(self, ctx, call):
        return "%s, %s" % (_iov_in(ctx, call), flag_text(ctx, call, call.args[3] & 0xffffffff,
                                                        SPLICE_FLAGS, "SPLICE_F_???"))


# xlat/uffd_flags.in's order: the userfaultfd bit, then the two open flags it accepts
UFFD_FLAGS = ("UFFD_USER_MODE_ONLY", "O_NONBLOCK", "O_CLOEXEC")


@register("userfaultfd")
class Userfaultfd(Decoder):
    def enter(self, ctx, call):
        return flag_text(ctx, call, call.args[0] & 0xffffffff, UFFD_FLAGS, "UFFD_???")


MFD_NAME_MAX_LEN = 249    # linux/mm/memfd.c: NAME_MAX - strlen("memfd:")


def memfd_name(ctx, call, addr):
    """memfd_create's name: at most MFD_NAME_MAX_LEN + 1 bytes are read (strace's printstr_ex
    with QUOTE_0_TERMINATED): no NUL in them prints them with `...`; memory ending before the
    NUL or that length prints the address."""
    if not addr:
        return "NULL"
    style = ctx.style
    size = min(style.string_limit + 1, MFD_NAME_MAX_LEN + 1)
    data = ctx.read_data(call, addr, size)
    if data is None:
        return printers.ptr(addr)
    nul = data.find(b"\0")
    if nul < 0 and len(data) < size:
        return printers.ptr(addr)
    if nul >= 0:
        return printers.quote_cstring(data[:nul], style)
    return printers.quote_cstring(data, style, min(len(data), style.string_limit), False)


MFD_FLAGS = ("MFD_CLOEXEC", "MFD_ALLOW_SEALING", "MFD_HUGETLB")


@register("memfd_create")
class MemfdCreate(Decoder):
    def enter(self, ctx, call):
        a = call.args
        c = ctx.constants(call.abi)
        flags = a[1] & 0xffffffff
        hmask = c.get("MFD_HUGE_MASK", 0x3f) << c.get("MFD_HUGE_SHIFT", 26)
        text = flag_text(ctx, call, flags & ~hmask, MFD_FLAGS, "MFD_???")
        if flags & hmask:
            # strace prints the whole set as one: raw `0x54000004`,
            # verbose `0x54000004 /* MFD_HUGETLB|21<<MFD_HUGE_SHIFT */`
            huge = "%d<<MFD_HUGE_SHIFT" % ((flags & hmask) >> c.get("MFD_HUGE_SHIFT", 26))
            abbrev = printers.flags(flags & ~hmask, ctx.flag_table(call.abi, MFD_FLAGS))
            abbrev = huge if abbrev == "0" else abbrev + "|" + huge
            cstyle = ctx.style.const_style
            text = (abbrev if cstyle == "abbrev" else printers.hexnum(flags) if cstyle == "raw"
                    else "%s /* %s */" % (printers.hexnum(flags), abbrev))
        return "%s, %s" % (memfd_name(ctx, call, a[0]), text)


LOCK_OPS = ("LOCK_SH", "LOCK_EX", "LOCK_NB", "LOCK_UN", "LOCK_MAND", "LOCK_READ", "LOCK_WRITE",
            "LOCK_RW")


@register("flock")
class Flock(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s" % (fd(ctx, call, a[0]), flag_text(ctx, call, a[1] & 0xffffffff, LOCK_OPS, "LOCK_???"))


FADVISE = ("POSIX_FADV_NORMAL", "POSIX_FADV_RANDOM", "POSIX_FADV_SEQUENTIAL",
           "POSIX_FADV_WILLNEED", "POSIX_FADV_DONTNEED", "POSIX_FADV_NOREUSE")


@register("fadvise64")
class Fadvise64(Decoder):
    def enter(self, ctx, call):
        a = call.args
        if lbits(call) == 64:
            return "%s, %d, %s, %s" % (fd(ctx, call, a[0]), printers.to_signed(a[1], 64), ulong(call, a[2]),
                                       enum_text(ctx, call, a[3] & 0xffffffff, FADVISE, "POSIX_FADV_???"))
        return "%s, %d, %s, %s" % (fd(ctx, call, a[0]), offset64(call, 1), ulong(call, a[3]),
                                   enum_text(ctx, call, a[4] & 0xffffffff, FADVISE, "POSIX_FADV_???"))


FALLOC_FLAGS = ("FALLOC_FL_KEEP_SIZE", "FALLOC_FL_PUNCH_HOLE", "FALLOC_FL_NO_HIDE_STALE",
                "FALLOC_FL_COLLAPSE_RANGE", "FALLOC_FL_ZERO_RANGE", "FALLOC_FL_INSERT_RANGE",
                "FALLOC_FL_UNSHARE_RANGE")


@register("fallocate")
class Fallocate(Decoder):
    def enter(self, ctx, call):
        a = call.args
        mode = flag_text(ctx, call, a[1] & 0xffffffff, FALLOC_FLAGS, "FALLOC_FL_???")
        if lbits(call) == 64:
            return "%s, %s, %d, %d" % (fd(ctx, call, a[0]), mode, printers.to_signed(a[2], 64),
                                       printers.to_signed(a[3], 64))
        return "%s, %s, %d, %d" % (fd(ctx, call, a[0]), mode, offset64(call, 2), offset64(call, 4))


MEMFD_SECRET_FLAGS = ("O_CLOEXEC",)      # xlat/memfd_secret_flags.in


@register("memfd_secret")
class MemfdSecret(Decoder):
    def enter(self, ctx, call):
        return flag_text(ctx, call, call.args[0] & 0xffffffff, MEMFD_SECRET_FLAGS)
