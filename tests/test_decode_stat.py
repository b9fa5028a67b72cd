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
