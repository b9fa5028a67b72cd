"""Offline tests of decode/ioctl/fs.py's 'X' and 'f' commands: struct fsxattr, the inode flags of
FS_IOC_[GS]ETFLAGS (and their 32-bit twins), FS_IOC_FIEMAP at entry and exit (fake tracee memory
in, strace's text out)."""
import struct

from minitrace import printers
from decodertest import call_line

A = 0x10000
EBADF = -9
RAW, VERBOSE = printers.Style(const_style="raw"), printers.Style(const_style="verbose")
FULL = printers.Style(verbose=True)
FSSETXATTR, FSGETXATTR = 0x401c5820, 0x801c581f
GETFLAGS, SETFLAGS, GETFLAGS32 = 0x80086601, 0x40086602, 0x80046601
FIEMAP = 0xc020660b


def fsxattr(xflags, extsize, nextents, projid, cowextsize):
    return struct.pack("=5I8x", xflags, extsize, nextents, projid, cowextsize)


def test_fsxattr_set_at_entry_get_at_exit():
    # FS_XFLAG_IMMUTABLE 0x8 | FS_XFLAG_APPEND 0x10, and a bit no flag names
    mem = {A: fsxattr(0x18, 4096, 7, 0x2a, 3)}
    assert call_line("ioctl", [3, FSSETXATTR, A], 0, mem) == \
        "ioctl(3, FS_IOC_FSSETXATTR, {fsx_xflags=FS_XFLAG_IMMUTABLE|FS_XFLAG_APPEND, " \
        "fsx_extsize=4096, fsx_projid=0x2a, fsx_cowextsize=3}) = 0"
    assert call_line("ioctl", [3, FSGETXATTR, A], 0, mem) == \
        "ioctl(3, FS_IOC_FSGETXATTR, {fsx_xflags=FS_XFLAG_IMMUTABLE|FS_XFLAG_APPEND, " \
        "fsx_extsize=4096, fsx_nextents=7, fsx_projid=0x2a, fsx_cowextsize=3}) = 0"
    assert call_line("ioctl", [3, FSSETXATTR, A], 0, {A: fsxattr(0x40000000, 0, 0, 0, 0)}) == \
        "ioctl(3, FS_IOC_FSSETXATTR, {fsx_xflags=0x40000000 /* FS_XFLAG_??? */, " \
        "fsx_extsize=0, fsx_projid=0, fsx_cowextsize=0}) = 0"
    assert call_line("ioctl", [3, FSGETXATTR, 0], EBADF) == \
        "ioctl(3, FS_IOC_FSGETXATTR, NULL) = -1 EBADF (Bad file descriptor)"
    assert call_line("ioctl", [3, FSSETXATTR, A], EBADF) == \
        "ioctl(3, FS_IOC_FSSETXATTR, 0x10000) = -1 EBADF (Bad file descriptor)"


def test_inode_flags():
    mem = {A: struct.pack("=I", 0x30)}           # FS_IMMUTABLE_FL | FS_APPEND_FL
    assert call_line("ioctl", [3, SETFLAGS, A], 0, mem) == \
        "ioctl(3, FS_IOC_SETFLAGS, [FS_IMMUTABLE_FL|FS_APPEND_FL]) = 0"
    assert call_line("ioctl", [3, GETFLAGS, A], 0, mem) == \
        "ioctl(3, FS_IOC_GETFLAGS, [FS_IMMUTABLE_FL|FS_APPEND_FL]) = 0"
    assert call_line("ioctl", [3, GETFLAGS32, A], 0, mem, style=VERBOSE) == \
        "ioctl(3, 0x80046601 /* FS_IOC32_GETFLAGS */, [0x30 /* FS_IMMUTABLE_FL|FS_APPEND_FL */])" \
        " = 0"
    assert call_line("ioctl", [3, SETFLAGS, A], 0, {A: struct.pack("=I", 0x01000000)}) == \
        "ioctl(3, FS_IOC_SETFLAGS, [0x1000000 /* FS_???_FL */]) = 0"
    assert call_line("ioctl", [3, GETFLAGS, A], EBADF, mem) == \
        "ioctl(3, FS_IOC_GETFLAGS, 0x10000) = -1 EBADF (Bad file descriptor)"
    # i386: FS_IOC_GETFLAGS is the 4-byte number, named as strace's 32-bit personality names it
    assert call_line("ioctl", [3, GETFLAGS32, A], 0, mem, abi="i386") == \
        "ioctl(3, FS_IOC32_GETFLAGS, [FS_IMMUTABLE_FL|FS_APPEND_FL]) = 0"


def fiemap(start, length, flags, mapped, count):
    return struct.pack("=QQIII4x", start, length, flags, mapped, count)


def extent(logical, physical, length, flags):
    return struct.pack("=QQQ16xI12x", logical, physical, length, flags)


def test_fiemap_entry_and_exit():
    head = fiemap(0, 1 << 20, 1, 2, 4)              # FIEMAP_FLAG_SYNC
    ext = extent(0, 8192, 4096, 0) + extent(4096, 16384, 4096, 0x2001)
    mem = {A: head + ext}
    assert call_line("ioctl", [3, FIEMAP, A], 0, mem) == \
        "ioctl(3, FS_IOC_FIEMAP, {fm_start=0, fm_length=1048576, fm_flags=FIEMAP_FLAG_SYNC, " \
        "fm_extent_count=4} => {fm_flags=FIEMAP_FLAG_SYNC, fm_mapped_extents=2, ...}) = 0"
    assert call_line("ioctl", [3, FIEMAP, A], 0, mem, style=FULL) == \
        "ioctl(3, FS_IOC_FIEMAP, {fm_start=0, fm_length=1048576, fm_flags=FIEMAP_FLAG_SYNC, " \
        "fm_extent_count=4} => {fm_flags=FIEMAP_FLAG_SYNC, fm_mapped_extents=2, fm_extents=[" \
        "{fe_logical=0, fe_physical=8192, fe_length=4096, fe_flags=0}, {fe_logical=4096, " \
        "fe_physical=16384, fe_length=4096, fe_flags=FIEMAP_EXTENT_LAST|FIEMAP_EXTENT_SHARED}]})" \
        " = 0"
    # the extents past the readable memory: `... /* address */` of the first one not read,
    # the bare address (no brackets) when even the first is unreadable (print_array)
    assert call_line("ioctl", [3, FIEMAP, A], 0, {A: head + ext[:56]}, style=FULL).endswith(
        "fm_extents=[{fe_logical=0, fe_physical=8192, fe_length=4096, fe_flags=0}, "
        "... /* %#x */]}) = 0" % (A + 32 + 56))
    assert call_line("ioctl", [3, FIEMAP, A], 0, {A: head}, style=FULL).endswith(
        "fm_mapped_extents=2, fm_extents=%#x}) = 0" % (A + 32))
    assert call_line("ioctl", [3, FIEMAP, A], EBADF, {A: fiemap(1, 2, 0xf0, 0, 0)}) == \
        "ioctl(3, FS_IOC_FIEMAP, {fm_start=1, fm_length=2, fm_flags=0xf0 /* FIEMAP_FLAG_??? */, " \
        "fm_extent_count=0}) = -1 EBADF (Bad file descriptor)"
    assert call_line("ioctl", [3, FIEMAP, A], EBADF) == \
        "ioctl(3, FS_IOC_FIEMAP, 0x10000) = -1 EBADF (Bad file descriptor)"
    assert call_line("ioctl", [3, FIEMAP, A], 0, mem, style=RAW).startswith(
        "ioctl(3, 0xc020660b, {fm_start=0, fm_length=1048576, fm_flags=0x1, ")
