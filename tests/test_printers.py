"""Offline tests of minitrace.printers, plus one check against the real strace.

Every expected string below is one strace 6.1 printed on Debian 12 x86_64; the comment next to
it gives the C call (or option) that produced it.
"""

import os
import shutil
import struct
import subprocess

import pytest

from minitrace import printers as P
from minitrace.printers import Style

D = Style()
X = Style(hex_strings="non-ascii")
XX = Style(hex_strings="all")
XC = Style(hex_strings="non-ascii-chars")
RAW = Style(const_style="raw")
VERB = Style(const_style="verbose")

# x86_64 values (asm-generic/fcntl.h, asm-generic/mman-common.h, linux/mman.h,
# linux/net.h, unistd.h, linux/fs.h); the real decoders take them from syscalls.constants().
C = {
    "O_RDONLY": 0, "O_WRONLY": 1, "O_RDWR": 2, "O_ACCMODE": 3, "O_CREAT": 0o100,
    "O_EXCL": 0o200, "O_NOCTTY": 0o400, "O_TRUNC": 0o1000, "O_APPEND": 0o2000,
    "O_NONBLOCK": 0o4000, "O_SYNC": 0o4010000, "O_DSYNC": 0o10000, "O_DIRECTORY": 0o200000,
    "O_LARGEFILE": 0o100000, "O_TMPFILE": 0o20200000, "O_CLOEXEC": 0o2000000,
    "PROT_NONE": 0, "PROT_READ": 1, "PROT_WRITE": 2, "PROT_EXEC": 4,
    "MAP_SHARED": 1, "MAP_PRIVATE": 2, "MAP_SHARED_VALIDATE": 3, "MAP_TYPE": 0xf,
    "MAP_FILE": 0, "MAP_FIXED": 0x10, "MAP_ANONYMOUS": 0x20,
    "SOCK_NONBLOCK": 0o4000, "SOCK_CLOEXEC": 0o2000000,
    "F_OK": 0, "X_OK": 1, "W_OK": 2, "R_OK": 4,
    "SEEK_SET": 0, "SEEK_CUR": 1, "SEEK_END": 2, "SEEK_DATA": 3, "SEEK_HOLE": 4,
    "F_DUPFD": 0, "F_GETFD": 1, "F_SETFD": 2, "F_GETFL": 3,
    "MNT_FORCE": 1, "MNT_DETACH": 2, "MNT_EXPIRE": 4, "UMOUNT_NOFOLLOW": 8,
}
# The generated errno table of x86_64 (canonical names: EDEADLK, not EDEADLOCK).
ERRNO = {1: "EPERM", 2: "ENOENT", 4: "EINTR", 9: "EBADF", 11: "EAGAIN", 14: "EFAULT",
         22: "EINVAL", 35: "EDEADLK", 95: "EOPNOTSUPP", 133: "EHWPOISON"}

OPEN = P.flag_table(
    ["O_CREAT", "O_EXCL", "O_NOCTTY", "O_TRUNC", "O_APPEND", "O_NONBLOCK", "O_SYNC", "O_DSYNC",
     "O_LARGEFILE", "O_TMPFILE", "O_DIRECTORY", "O_CLOEXEC", "O_NOT_ON_THIS_ABI"], C,
    enum_mask="O_ACCMODE", enum_names=["O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE"])
PROT = P.flag_table(["PROT_NONE", "PROT_READ", "PROT_WRITE", "PROT_EXEC"], C)
MAP = P.flag_table(["MAP_FIXED", "MAP_ANONYMOUS"], C, enum_mask="MAP_TYPE",
                   enum_names=["MAP_FILE", "MAP_SHARED", "MAP_PRIVATE", "MAP_SHARED_VALIDATE"])
SOCK = P.flag_table(["SOCK_CLOEXEC", "SOCK_NONBLOCK"], C)
ACCESS = P.flag_table(["F_OK", "R_OK", "W_OK", "X_OK"], C)
UMOUNT = P.flag_table(["MNT_FORCE", "MNT_DETACH", "MNT_EXPIRE", "UMOUNT_NOFOLLOW"], C)
SEEK = P.enum_table(["SEEK_SET", "SEEK_CUR", "SEEK_END", "SEEK_DATA", "SEEK_HOLE"], C)
FCNTL = P.enum_table(["F_DUPFD", "F_GETFD", "F_SETFD", "F_GETFL"], C)


# ---------------------------------------------------------------------------- strings

@pytest.mark.parametrize("data, expected", [
    # write(1, "hello\tworld\n\"q\" \\ \x01\x7f\xff\r\v\f", 25)
    (b"hello\tworld\n\"q\" \\ \x01\x7f\xff\r\v\f\0", r'"hello\tworld\n\"q\" \\ \1\177\377\r\v\f\0"'),
    # write(1, "exactly-32-bytes-long-string-xx\n", 32): exactly -s bytes, no ellipsis
    (b"exactly-32-bytes-long-string-xx\n", r'"exactly-32-bytes-long-string-xx\n"'),
    # write(1, "0123456789abcdefghijklmnopqrstuvwxyz0123456", 43)
    (b"0123456789abcdefghijklmnopqrstuvwxyz0123456", '"0123456789abcdefghijklmnopqrstuv"...'),
    (b"abc\0def", r'"abc\0def"'),                               # write(1, "abc\0def", 7)
    (b"\x01" b"8\x01" b"9\x01" b"a\x1b[0m\x00" b"7\x00", r'"\18\19\1a\33[0m\0007\0"'),
    (b"a\0001b\0017c\x7f", r'"a\0001b\0017c\177"'),            # write(1, "a\0001b\0017c\x7f", 8)
    (b"caf\xc3\xa9\n", r'"caf\303\251\n"'),                       # write(1, "café\n", 6)
    (b"\t\n\v\f\r\"\\", r'"\t\n\v\f\r\"\\"'),                   # write(1, "\t\n\v\f\r\"\\", 7)
    (b"\x01" b"7", r'"\0017"'),                                   # write(1, "\1" "7", 2)
    (b"\xff" b"0", r'"\3770"'),                                   # write(1, "\377" "0", 2)
    (b"\x80\x9f\xa0", r'"\200\237\240"'),                         # write(1, "\x80\x9f\xa0", 3)
    (b"", '""'),                                                  # write(1, "", 0)
    # write(1, "0123456789abcdefghijklmnopqrstu\1" "7", 33): the follower past -s is not looked at
    (b"0123456789abcdefghijklmnopqrstu\x01" b"7", r'"0123456789abcdefghijklmnopqrstu\1"...'),
    (b"0123456789abcdefghijklmnopqrst\x01" b"7", r'"0123456789abcdefghijklmnopqrst\0017"'),
])
def test_quote_bytes_default(data, expected):
    assert P.quote_bytes(data, D) == expected


@pytest.mark.parametrize("style, data, expected", [
    # strace -x: the whole string is hex if any byte needs a numeric escape (NUL included)
    (X, b"a\0001b\0017c\x7f", r'"\x61\x00\x31\x62\x01\x37\x63\x7f"'),
    (X, b"mostly text\x01", r'"\x6d\x6f\x73\x74\x6c\x79\x20\x74\x65\x78\x74\x01"'),
    (X, b"caf\xc3\xa9\n", r'"\x63\x61\x66\xc3\xa9\x0a"'),
    (X, b"plain\n", r'"plain\n"'),
    (X, b"\t\n\v\f\r\"\\", r'"\t\n\v\f\r\"\\"'),                  # \v \f do not force hex
    (X, b"a\0b", r'"\x61\x00\x62"'),
    # strace -xx: every byte
    (XX, b"plain\n", r'"\x70\x6c\x61\x69\x6e\x0a"'),
    (XX, b"a\tb", r'"\x61\x09\x62"'),
    # --strings-in-hex=non-ascii-chars: only numeric escapes, 2 digits even before a digit
    (XC, b"a\0001b\0017c\x7f", r'"a\x001b\x017c\x7f"'),
    (XC, b"caf\xc3\xa9\n", r'"caf\xc3\xa9\n"'),
    (XC, b"\xff" b"0", r'"\xff0"'),
    (XC, b"\t\n\v\f\r\"\\", r'"\t\n\v\f\r\"\\"'),
    # -s 0: `""...` unless empty
    (Style(string_limit=0), b"\t\n", '""...'),
    (Style(string_limit=0), b"", '""'),
    # -s 1 -x: the hex decision looks at the printed part only
    (Style(string_limit=1, hex_strings="non-ascii"), b"a\0b", '"a"...'),
    (Style(string_limit=1, hex_strings="non-ascii"), b"\x01" b"7", r'"\x01"...'),
    (Style(string_limit=1, hex_strings="non-ascii"), b"\x7f", r'"\x7f"'),
])
def test_quote_bytes_styles(style, data, expected):
    assert P.quote_bytes(data, style) == expected


def test_quote_bytes_pre_cut():
    # a reader that read only buffer_read_size() bytes of a 43-byte write: -s + 1 of them
    # (strace's printstr_ex fetches one more than it shows), all of a buffer up to -s
    n = P.buffer_read_size(43, D)
    assert n == 33 and P.buffer_read_size(5, D) == 5 and P.buffer_read_size(32, D) == 32
    assert P.buffer_read_size(33, D) == 33 and P.buffer_read_size(5, Style(string_limit=0)) == 1
    data = b"0123456789abcdefghijklmnopqrstuvwxyz0123456"[:n]
    assert P.quote_bytes(data, D, truncated=True) == '"0123456789abcdefghijklmnopqrstuv"...'
    assert P.quote_bytes(bytearray(b"ab"), D) == '"ab"'
    assert P.quote_bytes(b"abcdef", D, limit=3) == '"abc"...'


def _escaped_one_by_one(data):
    """The default style's quoting, byte by byte (what the translate table must give)."""
    out = []
    for i, c in enumerate(data):
        follower = data[i + 1] if i + 1 < len(data) else None
        if c in P._NUMERIC and follower is not None and 0x30 <= follower <= 0x37:
            out.append("\\%03o" % c)
        else:
            out.append(P._ESC_SHORT[c])
    return '"' + "".join(out) + '"'


def test_quote_short_texts_are_remembered_and_the_same():
    import random
    rng = random.Random(7)
    alphabet = [0, 7, 9, 10, 0x1b, 0x22, 0x30, 0x37, 0x38, 0x41, 0x5c, 0x7f, 0xc8]
    for hex_strings in ("none", "non-ascii", "non-ascii-chars", "all"):
        for _ in range(3000):
            data = bytes(rng.choice(alphabet) for _ in range(rng.randint(0, 2 * P.SHORT_QUOTED)))
            text = P._quote(data, hex_strings)
            assert text == P._quote_any(data, hex_strings)
            assert P._quote(data, hex_strings) == text          # the remembered one
            if hex_strings == "none":
                assert text == _escaped_one_by_one(data), data
            elif hex_strings == "all" or (hex_strings == "non-ascii" and
                                          any(c in P._NUMERIC for c in data)):
                assert text == '"' + "".join(P._ESC_HEXALL[c] for c in data) + '"', data
            elif hex_strings == "non-ascii-chars" and data.translate(None, P._PLAIN):
                assert text == '"' + "".join(P._ESC_HEXCHARS[c] for c in data) + '"', data
    assert P._quote(b"\0", "none") == '"\\0"' and P._quote(b"\0", "all") == '"\\x00"'
    kept = P._quote_short.cache_info()
    assert kept.hits > 0 and 0 < kept.currsize <= P.TEXTS_KEPT


def test_quote_cstring():
    # execve("/nonexistent", ["/nonexistent", "0123...xyz", "0123...uv" (32), "a\1" "7b", ...])
    assert P.quote_cstring(b"/nonexistent\0", D) == '"/nonexistent"'
    assert P.quote_cstring(b"0123456789abcdefghijklmnopqrstuvw", D, terminated=False) == \
        '"0123456789abcdefghijklmnopqrstuv"...'
    assert P.quote_cstring(b"0123456789abcdefghijklmnopqrstuv\0", D) == \
        '"0123456789abcdefghijklmnopqrstuv"'
    assert P.quote_cstring(b"a\x01" b"7b\0junk", D) == r'"a\0017b"'
    # strace -s 5 -e trace=execve /bin/true aaaaaaaaaa bbbbbbb
    s5 = Style(string_limit=5)
    assert P.quote_cstring(b"aaaaaaaaaa\0", s5) == '"aaaaa"...'
    assert P.quote_cstring(b"/bin/true\0", Style(string_limit=4)) == '"/bin"...'
    assert P.quote_cstring(b"1\0", Style(string_limit=4)) == '"1"'
    assert P.quote_cstring(b"", D) == '""'                      # execve(.., ["", "x"], ..)
    assert P.cstring_read_size(D) == 33
    # strace -x / -xx -s 4 on execve("/nonexistent", ["/nonexistent", "0123...", "a\1" "7b"], NULL)
    assert P.quote_cstring(b"a\x01" b"7b\0", X) == r'"\x61\x01\x37\x62"'
    assert P.quote_cstring(b"0123456789abcdefghijklmnopqrstuvw", X, terminated=False) == \
        '"0123456789abcdefghijklmnopqrstuv"...'
    xx4 = Style(string_limit=4, hex_strings="all")
    assert P.quote_cstring(b"/nonexistent\0", xx4) == r'"\x2f\x6e\x6f\x6e"...'
    assert P.quote_cstring(b"a\x01" b"7b\0", xx4) == r'"\x61\x01\x37\x62"'
    assert P.quote_path(b"/nonexistent\0", xx4) == \
        r'"\x2f\x6e\x6f\x6e\x65\x78\x69\x73\x74\x65\x6e\x74"'
    assert P.cstring_read_size(s5) == 6


def test_quote_path():
    # openat(AT_FDCWD, "/tmp/na\tme\1\"x\"", O_RDONLY)
    assert P.quote_path(b'/tmp/na\tme\x01"x"\0', D) == r'"/tmp/na\tme\1\"x\""'
    long = b"/tmp/a-very-long-path-name-that-is-much-longer-than-thirty-two-characters/file"
    assert P.quote_path(long, D) == '"%s"' % long.decode()      # never cut by -s
    assert P.quote_path(long, Style(string_limit=0)) == '"%s"' % long.decode()
    assert P.quote_path(b"", D) == '""'                         # openat(AT_FDCWD, "", ..)
    # openat(AT_FDCWD, "/aaa...", 0) for strings of 4094, 4095, 4096, 5000 characters
    for n, shown, dots in ((4094, 4094, ""), (4095, 4095, ""), (4096, 4095, "..."),
                           (5000, 4095, "...")):
        path = b"/" + b"a" * (n - 1)
        read = (path + b"\0")[:P.path_read_size()]
        assert P.quote_path(read, D, terminated=b"\0" in read) == \
            '"%s"%s' % (path[:shown].decode(), dots)
    # -x: openat(AT_FDCWD, "/tmp/café", O_RDONLY)
    assert P.quote_path(b"/tmp/caf\xc3\xa9", X) == r'"\x2f\x74\x6d\x70\x2f\x63\x61\x66\xc3\xa9"'


def test_array_limit():
    # execve with 40 args: 32 elements then `...`; -v: all; -s 0: `[...]`
    assert P.array_limit(40, D) == 32
    assert P.array_limit(40, Style(verbose=True)) == 40
    assert P.array_limit(3, Style(string_limit=0)) == 0


# ---------------------------------------------------------------------------- numbers

def test_numbers():
    assert P.ptr(0) == "NULL"                                   # read(0, NULL, 5)
    assert P.ptr(0x10) == "0x10"                                # write(1, (char*)0x10, 5)
    assert P.ptr(0x7FFDCAB3E950) == "0x7ffdcab3e950"
    assert P.hexnum(0) == "0" and P.hexnum(0x1234) == "0x1234"
    assert P.sdec(0xffffffff, 32) == "-1"                       # close(-1), close(0xffffffff)
    assert P.sdec(0x1ffffffff, 32) == "-1"                      # close(0x1ffffffff)
    assert P.sdec(0xffffffffffffffff) == "-1"                   # lseek(0, -1L, SEEK_SET)
    assert P.udec(0xffffffffffffffff) == "18446744073709551615"  # read(99, 1, -1L)
    assert P.sdec(0x7fffffff, 32) == "2147483647"               # kill(0x7fffffff, 0)
    # -e raw=openat,mmap: openat(0xffffff9c, ...), mmap(0, 0x1000, .., 0xffffffff, 0)
    assert P.raw_arg(P.to_unsigned(-100, 32), 32) == "0xffffff9c"
    assert P.raw_arg(0) == "0" and P.raw_arg(-1, 32) == "0xffffffff"


def test_fd_or_atfdcwd():
    # openat(AT_FDCWD, ...) under -X abbrev/raw/verbose; openat(0x1ffffff9c, ...) too
    for v in (-100, 0xffffff9c, 0x1ffffff9c):
        assert P.fd_or_atfdcwd(v, D) == "AT_FDCWD"
        assert P.fd_or_atfdcwd(v, RAW) == "-100"
        assert P.fd_or_atfdcwd(v, VERB) == "-100 /* AT_FDCWD */"
    assert P.fd_or_atfdcwd(0xffffffff, VERB) == "-1"             # openat(-1, "x", 0)
    assert P.fd_or_atfdcwd(5, D) == "5"


# ---------------------------------------------------------------------------- flags

def test_flag_table_drops_absent_names():
    assert all(name != "O_NOT_ON_THIS_ABI" for name, _ in OPEN.pairs)
    assert PROT.zero == "PROT_NONE" and ACCESS.zero == "F_OK" and UMOUNT.zero is None
    # a flag worth 0 on some ABI that is not listed first does not name the value 0
    t = P.flag_table(["A", "B"], {"A": 1, "B": 0})
    assert t.zero is None and t.pairs == (("A", 1),)
    assert P.flags(0, t, D) == "0"


@pytest.mark.parametrize("value, table, prefix, abbrev, raw, verbose", [
    # open(f, O_WRONLY|O_CREAT|O_TRUNC|O_APPEND, 0644)
    (0o3101, OPEN, "O_???", "O_WRONLY|O_CREAT|O_TRUNC|O_APPEND", "0x641",
     "0x641 /* O_WRONLY|O_CREAT|O_TRUNC|O_APPEND */"),
    # openat(.., O_RDONLY|0x40000000)
    (0x40000000, OPEN, "O_???", "O_RDONLY|0x40000000", "0x40000000",
     "0x40000000 /* O_RDONLY|0x40000000 */"),
    (0, OPEN, "O_???", "O_RDONLY", "0", "0 /* O_RDONLY */"),            # openat(.., O_RDONLY)
    (3, OPEN, "O_???", "O_ACCMODE", "0x3", "0x3 /* O_ACCMODE */"),      # openat(.., 3)
    (0x101001, OPEN, "O_???", "O_WRONLY|O_SYNC", "0x101001", "0x101001 /* O_WRONLY|O_SYNC */"),
    (0x1002, OPEN, "O_???", "O_RDWR|O_DSYNC", "0x1002", "0x1002 /* O_RDWR|O_DSYNC */"),
    (0x410002, OPEN, "O_???", "O_RDWR|O_TMPFILE", "0x410002", "0x410002 /* O_RDWR|O_TMPFILE */"),
    (0x40, OPEN, "O_???", "O_RDONLY|O_CREAT", "0x40", "0x40 /* O_RDONLY|O_CREAT */"),
    # mmap(NULL, 4096, PROT_READ|PROT_WRITE|0x40, ..), PROT_NONE, 0x40 only
    (0x43, PROT, "PROT_???", "PROT_READ|PROT_WRITE|0x40", "0x43", "0x43 /* PROT_READ|PROT_WRITE|0x40 */"),
    (0, PROT, "PROT_???", "PROT_NONE", "0", "0 /* PROT_NONE */"),
    (0x40, PROT, "PROT_???", "0x40 /* PROT_??? */", "0x40", "0x40 /* PROT_??? */"),
    (1, PROT, "PROT_???", "PROT_READ", "0x1", "0x1 /* PROT_READ */"),
    # mmap flags: MAP_PRIVATE|MAP_ANONYMOUS, 0 (MAP_FILE), 0x20, 0x24, 0x4, 0x3
    (0x22, MAP, "MAP_???", "MAP_PRIVATE|MAP_ANONYMOUS", "0x22", "0x22 /* MAP_PRIVATE|MAP_ANONYMOUS */"),
    (0, MAP, "MAP_???", "MAP_FILE", "0", "0 /* MAP_FILE */"),
    (0x20, MAP, "MAP_???", "MAP_FILE|MAP_ANONYMOUS", "0x20", "0x20 /* MAP_FILE|MAP_ANONYMOUS */"),
    (0x24, MAP, "MAP_???", "0x4 /* MAP_??? */|MAP_ANONYMOUS", "0x24",
     "0x24 /* 0x4 /* MAP_??? */|MAP_ANONYMOUS */"),
    (0x4, MAP, "MAP_???", "0x4 /* MAP_??? */", "0x4", "0x4 /* 0x4 /* MAP_??? */ */"),
    (0x3, MAP, "MAP_???", "MAP_SHARED_VALIDATE", "0x3", "0x3 /* MAP_SHARED_VALIDATE */"),
    # accept4(0, NULL, NULL, 0 / 0x40000000 / SOCK_CLOEXEC|0x40000000)
    (0, SOCK, "SOCK_???", "0", "0", "0"),
    (0x40000000, SOCK, "SOCK_???", "0x40000000 /* SOCK_??? */", "0x40000000",
     "0x40000000 /* SOCK_??? */"),
    (0x40080000, SOCK, "SOCK_???", "SOCK_CLOEXEC|0x40000000", "0x40080000",
     "0x40080000 /* SOCK_CLOEXEC|0x40000000 */"),
    # umount2(p, 0), umount2(p, 0x100)
    (0, UMOUNT, "MNT_???", "0", "0", "0"),
    (0x100, UMOUNT, "MNT_???", "0x100 /* MNT_??? */", "0x100", "0x100 /* MNT_??? */"),
    # access(p, F_OK), access(p, 0x10), access(p, 0x11), access(p, R_OK|W_OK|X_OK)
    (0, ACCESS, "?_OK", "F_OK", "0", "0 /* F_OK */"),
    (0x10, ACCESS, "?_OK", "0x10 /* ?_OK */", "0x10", "0x10 /* ?_OK */"),
    (0x11, ACCESS, "?_OK", "X_OK|0x10", "0x11", "0x11 /* X_OK|0x10 */"),
    (7, ACCESS, "?_OK", "R_OK|W_OK|X_OK", "0x7", "0x7 /* R_OK|W_OK|X_OK */"),
])
def test_flags(value, table, prefix, abbrev, raw, verbose):
    assert P.flags(value, table, D, prefix) == abbrev
    assert P.flags(value, table, None, prefix) == abbrev
    assert P.flags(value, table, RAW, prefix) == raw
    assert P.flags(value, table, VERB, prefix) == verbose


def test_flags_plain_pairs():
    pairs = [("PROT_NONE", 0), ("PROT_READ", 1), ("PROT_WRITE", 2)]
    assert P.flags(0, pairs, D) == "PROT_NONE"
    assert P.flags(3, pairs, D) == "PROT_READ|PROT_WRITE"
    # fcntl(0, F_GETFL) = 0x8000 (flags O_RDONLY|O_LARGEFILE): annotations keep the names with -X
    assert P.flags(0x8000, OPEN) == "O_RDONLY|O_LARGEFILE"


@pytest.mark.parametrize("value, table, comment, abbrev, raw, verbose", [
    # lseek(0, 0, SEEK_SET / SEEK_CUR / 7 / 0x7fffffff / 0xffffffff)
    (0, SEEK, "SEEK_???", "SEEK_SET", "0", "0 /* SEEK_SET */"),
    (1, SEEK, "SEEK_???", "SEEK_CUR", "0x1", "0x1 /* SEEK_CUR */"),
    (7, SEEK, "SEEK_???", "0x7 /* SEEK_??? */", "0x7", "0x7 /* SEEK_??? */"),
    (0x7fffffff, SEEK, "SEEK_???", "0x7fffffff /* SEEK_??? */", "0x7fffffff",
     "0x7fffffff /* SEEK_??? */"),
    (0xffffffff, SEEK, "SEEK_???", "0xffffffff /* SEEK_??? */", "0xffffffff",
     "0xffffffff /* SEEK_??? */"),
    # fcntl(0, F_GETFL), fcntl(0, 1000)
    (3, FCNTL, "F_???", "F_GETFL", "0x3", "0x3 /* F_GETFL */"),
    (1000, FCNTL, "F_???", "0x3e8 /* F_??? */", "0x3e8", "0x3e8 /* F_??? */"),
])
def test_enum(value, table, comment, abbrev, raw, verbose):
    assert P.enum(value, table, D, comment) == abbrev
    assert P.enum(value, table, RAW, comment) == raw
    assert P.enum(value, table, VERB, comment) == verbose


def test_enum_decimal():
    # kill(999999, SIGTERM), kill(999999, 99) under -X abbrev/raw/verbose
    sigs = {15: "SIGTERM", 40: "SIGRT_8"}
    assert P.enum(15, sigs, D, None, decimal=True) == "SIGTERM"
    assert P.enum(15, sigs, RAW, None, decimal=True) == "15"
    assert P.enum(15, sigs, VERB, None, decimal=True) == "15 /* SIGTERM */"
    for style in (D, RAW, VERB):
        assert P.enum(99, sigs, style, None, decimal=True) == "99"


# ---------------------------------------------------------------------------- modes

def test_mode():
    # mkdir(p, 01777); openat(.., O_CREAT, 0644 / 0 / 07 / 0177777 / 0x7fffffff / 0x12345);
    # umask(0) = 022 ... umask(000); the same under -X raw and -X verbose
    assert P.mode(0o644) == "0644"
    assert P.mode(0o1777) == "01777"
    assert P.mode(0) == "000"
    assert P.mode(7) == "007"
    assert P.mode(0o22) == "022"
    assert P.mode(0o177777) == "0177777"
    assert P.mode(0x7fffffff) == "0177777"
    assert P.mode(0x12345) == "021505"


@pytest.mark.parametrize("value, abbrev, raw, verbose", [
    # mknodat(AT_FDCWD, p, MODE, ..) for each MODE
    (0o100644, "S_IFREG|0644", "0100644", "0100644 /* S_IFREG|0644 */"),
    (0o20666, "S_IFCHR|0666", "020666", "020666 /* S_IFCHR|0666 */"),
    (0o47777, "S_IFDIR|S_ISUID|S_ISGID|S_ISVTX|0777", "047777",
     "047777 /* S_IFDIR|S_ISUID|S_ISGID|S_ISVTX|0777 */"),
    (0o100000, "S_IFREG|000", "0100000", "0100000 /* S_IFREG|000 */"),
    (0, "000", "000", "000 /* 000 */"),
    (0o644, "0644", "0644", "0644 /* 0644 */"),
    (0o170644, "0170644", "0170644", "0170644"),                  # unknown type: no comment
    (0o30644, "030644", "030644", "030644"),
])
def test_file_type_mode(value, abbrev, raw, verbose):
    assert P.file_type_mode(value, D) == abbrev
    assert P.file_type_mode(value, RAW) == raw
    assert P.file_type_mode(value, VERB) == verbose


# ---------------------------------------------------------------------------- return values

@pytest.mark.parametrize("err, expected", [
    (2, "-1 ENOENT (No such file or directory)"),
    (11, "-1 EAGAIN (Resource temporarily unavailable)"),
    (35, "-1 EDEADLK (Resource deadlock avoided)"),
    (95, "-1 EOPNOTSUPP (Operation not supported)"),
    (133, "-1 EHWPOISON (Memory page has hardware error)"),
    (41, "-1 (errno 41)"),                                       # no name on x86_64
    (134, "-1 (errno 134)"),
    (600, "-1 (errno 600)"),
    (4095, "-1 (errno 4095)"),
    (512, "? ERESTARTSYS (To be restarted if SA_RESTART is set)"),
    (513, "? ERESTARTNOINTR (To be restarted)"),
    (514, "? ERESTARTNOHAND (To be restarted if no handler)"),
    (515, "-1 ENOIOCTLCMD (Unknown error 515)"),
    (516, "? ERESTART_RESTARTBLOCK (Interrupted by signal)"),
    (517, "-1 EPROBE_DEFER (Unknown error 517)"),
    (519, "-1 (errno 519)"),
    (524, "-1 ENOTSUPP (Unknown error 524)"),
    (530, "-1 ERECALLCONFLICT (Unknown error 530)"),
    (531, "-1 (errno 531)"),
])
def test_errno_text(err, expected):
    # getppid() with strace -e inject=getppid:error=ERR (glibc's strerror texts)
    if expected.endswith(")") and "(errno" not in expected and not expected.startswith("?"):
        if os.strerror(err) != expected[expected.index("(") + 1:-1]:
            pytest.skip("host libc has other strerror texts")
    assert P.errno_text(err, ERRNO) == expected
    assert P.retval(-err, ERRNO) == expected


def test_retval_kinds():
    assert P.retval(3, ERRNO) == "3"                               # openat(...) = 3
    assert P.retval(0x7F76A47C6000, ERRNO, "x") == "0x7f76a47c6000"  # mmap(...) = 0x7f...
    assert P.retval(0, ERRNO, "x") == "0"
    assert P.retval(0o22, ERRNO, "o") == "022"                      # umask(000) = 022
    assert P.retval(0, ERRNO, "o") == "000"                         # umask(022) = 000
    assert P.retval(0xfffffffe, ERRNO, "d", bits=32) == "-1 ENOENT (No such file or directory)"
    assert P.retval(-2, ERRNO, "x") == "-1 ENOENT (No such file or directory)"
    assert P.retval(-4096, ERRNO, "d") == "-4096"
    assert P.is_error(-1) and not P.is_error(-4096) and not P.is_error(0)


# ---------------------------------------------------------------------------- against strace

STRACE = "/usr/bin/strace"
PROG = os.path.join(os.path.dirname(os.path.abspath(__file__)), "progs", "printers_writes.c")


def _records():
    recs = [b""]
    allbytes = bytes(range(256))
    recs += [allbytes[i:i + 8] for i in range(0, 256, 8)]
    recs += [bytes([c]) + b"7" + bytes([c]) + b"8" + bytes([c]) + b"0" + bytes([c]) for c in range(256)]
    recs += [b"\t\n\v\f\r\"\\ plain", b"plain text only", b"caf\xc3\xa9\n", b"a\0b"]
    for n in (4, 5, 6, 31, 32, 33, 100):
        recs.append(b"x" * (n - 1) + b"\x01")
        recs.append(b"y" * (n - 2) + b"\x01" b"7")
        recs.append(b"\x1b" + b"z" * (n - 1))
    recs.append(allbytes)
    return recs


@pytest.fixture(scope="module")
def writes_prog(tmp_path_factory):
    if not os.path.exists(STRACE) or shutil.which("gcc") is None:
        pytest.skip("needs /usr/bin/strace and gcc")
    out = str(tmp_path_factory.mktemp("printers") / "printers_writes")
    subprocess.check_call(["gcc", "-O2", "-static", "-o", out, PROG])
    return out


@pytest.mark.parametrize("opts, style", [
    ([], D),
    (["-x"], X),
    (["-xx"], XX),
    (["--strings-in-hex=non-ascii-chars"], XC),
    (["-s", "0"], Style(string_limit=0)),
    (["-s", "5"], Style(string_limit=5)),
    (["-s", "5", "-x"], Style(string_limit=5, hex_strings="non-ascii")),
    (["-s", "300"], Style(string_limit=300)),
])
def test_against_strace(writes_prog, tmp_path, opts, style):
    recs = _records()
    data = b"".join(struct.pack("<I", len(r)) + r for r in recs)
    log = str(tmp_path / "trace")
    with open(os.devnull, "wb") as devnull:
        proc = subprocess.Popen([STRACE, "-qq", "-e", "trace=write", "-o", log] + opts + [writes_prog],
                                stdin=subprocess.PIPE, stdout=devnull)
        proc.communicate(data)
    assert proc.returncode == 0
    with open(log, encoding="ascii") as f:
        lines = [line.rstrip("\n") for line in f if line.startswith("write(1, ")]
    assert len(lines) == len(recs)
    for rec, line in zip(recs, lines):
        expected = "write(1, %s, %d)" % (P.quote_bytes(rec, style), len(rec))
        assert line.startswith(expected + " "), (rec, line)


def test_quote_unquoted_escapes_angle_brackets_like_strace():
    q = P.quote_unquoted
    assert q(b"/a\nb<c>1", "none", b"<>") == "/a\\nb\\74c\\0761"
    assert q(b'/x"\\', "none", b"<>") == '/x\\"\\\\'
    assert q(b"/a\nb<c>1", "non-ascii", b"<>") == "/a\\nb\\74c\\0761"      # no hex: only \n
    assert q(b"/\xff<", "non-ascii", b"<>") == "\\x2f\\xff\\x3c"
    assert q(b"<\x01", "non-ascii-chars", b"<>") == "\\x3c\\x01"
    assert q(b"/ab", "all", b"<>") == "\\x2f\\x61\\x62"
    assert q(b"/ab\x01", "none") == "/ab\\1"


def test_flags_keeps_its_texts_per_style_and_prefix(monkeypatch):
    """flags() gives the text it made before for the same value, style and unknown prefix, a
    new one when any of them differs, and forgets them all past printers.TEXTS_KEPT."""
    table = P.FlagTable([("A", 1), ("B", 2)], "NONE")
    verbose = P.Style()
    verbose.const_style = "verbose"
    assert P.flags(3, table) == "A|B"
    assert P.flags(3, table, verbose) == "0x3 /* A|B */"
    assert P.flags(3, table) == "A|B"
    assert P.flags(4, table, None, "X_???") == "0x4 /* X_??? */"
    assert P.flags(4, table) == "0x4"
    assert P.flags(0, table) == "NONE"
    assert len(table.texts) == 5
    monkeypatch.setattr(P, "TEXTS_KEPT", 2)
    assert [P.flags(v, table) for v in (1, 2, 5)] == ["A", "B", "A|0x4"]
    assert len(table.texts) <= 2
