"""Offline tests of struct stat's number forms and statx's flags (decode/stat.py), as strace
6.1's fetch_struct_stat and statx.c print them: sizes unsigned, times signed with their date,
the two statx sync bits as two names. Our own inputs (x86_64)."""
import struct

from minitrace import printers

from decodertest import call_line

V = printers.Style(verbose=True)
PATH, BUF = 0x10000, 0x20000


def stat_x86_64(size=0, atime=0, mode=0o100644):
    return struct.pack("<3Q3IIQ3q6q3q", 0x801, 12, 1, mode, 0, 0, 0, 0, size, 4096, 8,
                       atime, 5, 0, 0, 0, 0, 0, 0, 0)


def test_stat_times_signed_sizes_unsigned():
    mem = {PATH: b"f\0", BUF: stat_x86_64(size=-2, atime=-10843)}
    line = call_line("stat", [PATH, BUF], 0, mem, style=V)
    assert "st_size=18446744073709551614" in line
    assert "st_atime=-10843 /* 1969-12-31T20:59:17.000000005+0000 */, st_atime_nsec=5" in line
    assert call_line("fstat", [3, BUF], 0, mem) == (
        "fstat(3, {st_mode=S_IFREG|0644, st_size=18446744073709551614, ...}) = 0")


def test_statx_sync_flags():
    mem = {PATH: b"f\0"}
    assert call_line("statx", [-100, PATH, 0x6000, 0x7ff, BUF], -22, mem) == (
        'statx(AT_FDCWD, "f", AT_STATX_FORCE_SYNC|AT_STATX_DONT_SYNC, STATX_BASIC_STATS, '
        "0x20000) = -1 EINVAL (Invalid argument)")
    assert call_line("statx", [-100, PATH, 0x4100, 0x7ff, BUF], -22, mem) == (
        'statx(AT_FDCWD, "f", AT_STATX_DONT_SYNC|AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, '
        "0x20000) = -1 EINVAL (Invalid argument)")
    assert call_line("statx", [-100, PATH, 0, 0x7ff, BUF], -22, mem) == (
        'statx(AT_FDCWD, "f", AT_STATX_SYNC_AS_STAT, STATX_BASIC_STATS, '
        "0x20000) = -1 EINVAL (Invalid argument)")


def test_utime_utimes_futimesat():
    mem = {PATH: b"f\0", BUF: struct.pack("<2q", 1492350678, 0)}
    line = call_line("utime", [PATH, BUF], -2, mem)
    assert line.startswith('utime("f", {actime=1492350678 /* 2017-04-')
    assert line.endswith(", modtime=0}) = -1 ENOENT (No such file or directory)")
    mem = {PATH: b"\0", BUF: struct.pack("<4q", 1492358607, 345678, -1, -1)}
    line = call_line("utimes", [PATH, BUF], -2, mem)
    assert line.startswith('utimes("", [{tv_sec=1492358607, tv_usec=345678} /* 2017-04-')
    assert ".345678+" in line
    assert line.endswith("{tv_sec=-1, tv_usec=18446744073709551615}]) = "
                         "-1 ENOENT (No such file or directory)")
    mem = {PATH: b"f\0", BUF: struct.pack("<4q", 0, 0, 5, 1000000)}
    assert call_line("futimesat", [-100, PATH, BUF], -22, mem) == (
        'futimesat(AT_FDCWD, "f", [{tv_sec=0, tv_usec=0}, {tv_sec=5, tv_usec=1000000}]) = '
        "-1 EINVAL (Invalid argument)")
    assert call_line("futimesat", [-100, PATH, BUF + 8], -14, mem) == (
        'futimesat(AT_FDCWD, "f", 0x20008) = -1 EFAULT (Bad address)')


def test_timeval_usec_unsigned():
    mem = {BUF: struct.pack("<2q", -3, -5)}
    assert call_line("settimeofday", [BUF, 0], -22, mem) == (
        "settimeofday({tv_sec=-3, tv_usec=18446744073709551611}, NULL) = "
        "-1 EINVAL (Invalid argument)")


def test_ustat_device_and_counts():
    buf = 0x10000
    ust = struct.pack("<i4xQ6s6s4x", -1, 5, b"", b"")
    assert call_line("ustat", [0xffffffff, 0], -22) == (
        "ustat(makedev(0xfff, 0xfffff), NULL) = -1 EINVAL (Invalid argument)")
    assert call_line("ustat", [0x801, buf], -22, {buf: ust}) == (
        "ustat(makedev(0x8, 0x1), 0x10000) = -1 EINVAL (Invalid argument)")
    assert call_line("ustat", [0x801, buf], 0, {buf: ust}) == (
        "ustat(makedev(0x8, 0x1), {f_tfree=4294967295, f_tinode=5}) = 0")
