"""Offline tests of sync_file_range(2) (decode/file.py) and the xattr values (decode/dirs.py) in
strace 6.1's text: flags named, offsets as loff_t, a value past XATTR_SIZE_MAX as its address,
a trailing NUL left out (QUOTE_OMIT_TRAILING_0). Our own inputs."""
from minitrace import printers

from decodertest import call_line

NAME, VAL = 0x10000, 0x20000


def test_sync_file_range():
    assert call_line("sync_file_range", [3, 2 ** 64 - 1, 4096, 0xffffffff], -9) == (
        "sync_file_range(3, -1, 4096, SYNC_FILE_RANGE_WAIT_BEFORE|SYNC_FILE_RANGE_WRITE|"
        "SYNC_FILE_RANGE_WAIT_AFTER|0xfffffff8) = -1 EBADF (Bad file descriptor)")
    assert call_line("sync_file_range", [3, 0, 0, 0], 0) == "sync_file_range(3, 0, 0, 0) = 0"
    # i386: each loff_t in two registers
    assert call_line("sync_file_range", [3, 1, 1, 2, 0, 2], 0, abi="i386") == (
        "sync_file_range(3, 4294967297, 2, SYNC_FILE_RANGE_WRITE) = 0")


def test_xattr_values():
    mem = {NAME: b"user.x\0", VAL: b"foo\0bar\0"}
    assert call_line("fsetxattr", [-1, NAME, VAL, 8, 2], -9, mem) == (
        'fsetxattr(-1, "user.x", "foo\\0bar", 8, XATTR_REPLACE) = -1 EBADF (Bad file descriptor)')
    assert call_line("fsetxattr", [-1, NAME, VAL, 7, 1], -9, mem) == (
        'fsetxattr(-1, "user.x", "foo\\0bar", 7, XATTR_CREATE) = -1 EBADF (Bad file descriptor)')
    assert call_line("fsetxattr", [-1, NAME, VAL, 65537, 1], -7, mem) == (
        'fsetxattr(-1, "user.x", 0x20000, 65537, XATTR_CREATE) = -1 E2BIG (Argument list too long)')
    # -s 4: the fourth byte is the NUL: no `...`
    assert call_line("fsetxattr", [-1, NAME, VAL, 8, 1], -9, mem,
                     style=printers.Style(string_limit=4)) == (
        'fsetxattr(-1, "user"..., "foo", 8, XATTR_CREATE) = -1 EBADF (Bad file descriptor)')
    assert call_line("fsetxattr", [-1, NAME, VAL, 8, 1], -9, mem,
                     style=printers.Style(hex_strings="all")).split(", ")[2] == (
        '"\\x66\\x6f\\x6f\\x00\\x62\\x61\\x72\\x00"')
