"""Offline tests of the file-family decoders: bytes in a fake tracee memory, a hand-built
Syscall, and the line strace 6.1 printed for the same call (tests/progs/decode_file.c, x86_64)."""
import struct

import pytest

from minitrace import printers

from decodertest import call_line


def line(name, args, mem=None, ret=0, style=None, abi="x86_64"):
    """call_line with this file's argument order."""
    return call_line(name, args, ret, mem, abi, style)


AT_FDCWD = (1 << 64) - 100
P1, P2, BUF = 0x10000, 0x20000, 0x30000
ENOENT, EFAULT, EINVAL = -2, -14, -22


def s(text):
    return text.encode() + b"\0"


def test_open_family():
    m = {P1: s("f.txt"), P2: s(".")}
    assert line("openat", [AT_FDCWD, P1, 0o2101, 0o644], m, 3) == \
        'openat(AT_FDCWD, "f.txt", O_WRONLY|O_CREAT|O_APPEND, 0644) = 3'
    assert line("openat", [AT_FDCWD, P1, 0x40000000], m, 5) == \
        'openat(AT_FDCWD, "f.txt", O_RDONLY|0x40000000) = 5'
    # O_TMPFILE prints the mode; O_SYNC before O_DSYNC; O_PATH before O_DIRECTORY
    assert line("openat", [AT_FDCWD, P2, 0o20200002, 0o600], m, 6) == \
        'openat(AT_FDCWD, ".", O_RDWR|O_TMPFILE, 0600) = 6'
    assert line("openat", [AT_FDCWD, P1, 0o4010001], m, 7) == \
        'openat(AT_FDCWD, "f.txt", O_WRONLY|O_SYNC) = 7'
    assert line("openat", [AT_FDCWD, P2, 0o10200000], m, 9) == \
        'openat(AT_FDCWD, ".", O_RDONLY|O_PATH|O_DIRECTORY) = 9'
    assert line("open", [P1, 0o2000000], m, 3) == 'open("f.txt", O_RDONLY|O_CLOEXEC) = 3'
    assert line("open", [1, 0], m, EFAULT) == 'open(0x1, O_RDONLY) = -1 EFAULT (Bad address)'
    assert line("open", [0, 0], m, EFAULT) == 'open(NULL, O_RDONLY) = -1 EFAULT (Bad address)'
    assert line("creat", [P1, 0o600], m, 13) == 'creat("f.txt", 0600) = 13'


def test_openat2():
    m = {P1: s("f.txt"), BUF: struct.pack("<QQQ", 0o2000000, 0, 8),
         BUF + 0x100: struct.pack("<QQQ", 0o101, 0o640, 0)}
    assert line("openat2", [9, P1, BUF, 24], m, 11) == \
        'openat2(9, "f.txt", {flags=O_RDONLY|O_CLOEXEC, resolve=RESOLVE_BENEATH}, 24) = 11'
    assert line("openat2", [AT_FDCWD, P1, BUF + 0x100, 24], m, 12) == \
        'openat2(AT_FDCWD, "f.txt", {flags=O_WRONLY|O_CREAT, mode=0640, resolve=0}, 24) = 12'
    assert line("openat2", [AT_FDCWD, P1, BUF, 8], m, EINVAL) == \
        'openat2(AT_FDCWD, "f.txt", 0x30000, 8) = -1 EINVAL (Invalid argument)'


def test_access():
    m = {P1: s("f.txt")}
    assert line("access", [P1, 0], m) == 'access("f.txt", F_OK) = 0'
    assert line("access", [P1, 6], m) == 'access("f.txt", R_OK|W_OK) = 0'
    assert line("access", [P1, 0x10], m, EINVAL) == \
        'access("f.txt", 0x10 /* ?_OK */) = -1 EINVAL (Invalid argument)'
    assert line("faccessat2", [AT_FDCWD, P1, 4, 0x300], m) == \
        'faccessat2(AT_FDCWD, "f.txt", R_OK, AT_SYMLINK_NOFOLLOW|AT_EACCESS) = 0'
    verbose = printers.Style(const_style="verbose")
    assert line("access", [P1, 0], m, 0, verbose) == 'access("f.txt", 0 /* F_OK */) = 0'


def _stat_bytes(mode, size=6, rdev=0, ino=2147106, nsec=417773840):
    t = 1795706611
    return struct.pack("<QQQIII4xQqqqQQQQQQ24x", 0xfe00, ino, 1, mode, 0, 0, rdev, size, 4096,
                       8, t, nsec, t, nsec, t, nsec)


def test_stat_family():
    m = {P1: s("f.txt"), P2: s("/dev/null"), BUF: _stat_bytes(0o100644),
         BUF + 0x1000: _stat_bytes(0o20666, 0, 0x103)}
    assert line("newfstatat", [AT_FDCWD, P1, BUF, 0x100], m) == \
        'newfstatat(AT_FDCWD, "f.txt", {st_mode=S_IFREG|0644, st_size=6, ...}, ' \
        'AT_SYMLINK_NOFOLLOW) = 0'
    assert line("stat", [P2, BUF + 0x1000], m) == \
        'stat("/dev/null", {st_mode=S_IFCHR|0666, st_rdev=makedev(0x1, 0x3), ...}) = 0'
    assert line("fstat", [99, BUF], m, -9) == \
        'fstat(99, 0x30000) = -1 EBADF (Bad file descriptor)'
    assert line("stat", [P1, 0x1234], m, EFAULT) == \
        'stat("f.txt", 0x1234) = -1 EFAULT (Bad address)'
    assert line("newfstatat", [AT_FDCWD, P1, BUF, 0x12345], m, EINVAL) == \
        'newfstatat(AT_FDCWD, "f.txt", 0x30000, AT_SYMLINK_NOFOLLOW|AT_REMOVEDIR|0x12045) ' \
        '= -1 EINVAL (Invalid argument)'
    v = printers.Style(verbose=True)
    assert line("stat", [P1, BUF], m, 0, v) == (
        'stat("f.txt", {st_dev=makedev(0xfe, 0), st_ino=2147106, st_mode=S_IFREG|0644, '
        'st_nlink=1, st_uid=0, st_gid=0, st_blksize=4096, st_blocks=8, st_size=6, '
        'st_atime=1795706611 /* 2026-11-26T15:23:31.417773840+0000 */, st_atime_nsec=417773840, '
        'st_mtime=1795706611 /* 2026-11-26T15:23:31.417773840+0000 */, st_mtime_nsec=417773840, '
        'st_ctime=1795706611 /* 2026-11-26T15:23:31.417773840+0000 */, st_ctime_nsec=417773840})'
        ' = 0')
    xv = printers.Style(const_style="verbose")
    assert line("fstat", [0, BUF + 0x1000], m, 0, xv) == \
        'fstat(0, {st_mode=020666 /* S_IFCHR|0666 */, st_rdev=0x103 /* makedev(0x1, 0x3) */, ...}) = 0'


@pytest.mark.parametrize("abi,fmt,order", [
    ("ppc64le", "<QQQIII4xQqQQQQQQQQ24x", "dev ino nlink mode uid gid rdev size blksize blocks "
     "atime atime_nsec mtime mtime_nsec ctime ctime_nsec"),
    ("s390x", ">QQQIII4xQQQQQQQQQq24x", "dev ino nlink mode uid gid rdev size atime atime_nsec "
     "mtime mtime_nsec ctime ctime_nsec blksize blocks")])
def test_stat_ppc64le_s390x(abi, fmt, order):
    """struct stat of asm/stat.h on ppc64 and s390x (newfstatat's, as strace printed it under
    qemu): each field in its place, -v shows them all."""
    t = 1795706611
    values = dict(dev=0xfe00, ino=77, nlink=1, mode=0o100644, uid=0, gid=0, rdev=0, size=6,
                  blksize=4096, blocks=8, atime=t, atime_nsec=1, mtime=t, mtime_nsec=2, ctime=t,
                  ctime_nsec=3)
    m = {P1: s("f.txt"), BUF: struct.pack(fmt, *[values[k] for k in order.split()])}
    assert line("newfstatat", [AT_FDCWD, P1, BUF, 0], m, abi=abi) == \
        'newfstatat(AT_FDCWD, "f.txt", {st_mode=S_IFREG|0644, st_size=6, ...}, 0) = 0'
    v = line("newfstatat", [AT_FDCWD, P1, BUF, 0], m, 0, printers.Style(verbose=True), abi)
    assert ("st_ino=77, st_mode=S_IFREG|0644, st_nlink=1, st_uid=0, st_gid=0, st_blksize=4096, "
            "st_blocks=8, st_size=6") in v, v
    assert "st_atime_nsec=1" in v and "st_mtime_nsec=2" in v and "st_ctime_nsec=3" in v, v


def test_stat64_i386():
    t = 1795706611
    data = struct.pack("<Q4x4xIIIIQ4xqIQIIIIIIQ", 0xfe00, 0o100644, 1, 0, 0, 0, 6, 4096, 8,
                       t, 0, t, 0, t, 0, 77)
    m = {P1: s("f.txt"), BUF: data}
    assert line("stat64", [P1, BUF], m, abi="i386") == \
        'stat64("f.txt", {st_mode=S_IFREG|0644, st_size=6, ...}) = 0'


def test_statx():
    stx = struct.pack("<IIQIIIH2xQQQQ", 0x17ff, 4096, 0, 1, 0, 0, 0o100644, 5, 6, 8, 0x200074)
    stx += b"\0" * (256 - len(stx))
    m = {P1: s("f.txt"), BUF: stx}
    assert line("statx", [AT_FDCWD, P1, 0, 0x7ff, BUF], m) == (
        'statx(AT_FDCWD, "f.txt", AT_STATX_SYNC_AS_STAT, STATX_BASIC_STATS, '
        '{stx_mask=STATX_BASIC_STATS|STATX_MNT_ID, stx_attributes=0, stx_mode=S_IFREG|0644, '
        'stx_size=6, ...}) = 0')
    assert line("statx", [AT_FDCWD, P1, 0x900, 0xfff, BUF], m, ENOENT).startswith(
        'statx(AT_FDCWD, "f.txt", AT_STATX_SYNC_AS_STAT|AT_SYMLINK_NOFOLLOW|AT_NO_AUTOMOUNT, '
        'STATX_ALL, 0x30000) = -1 ENOENT')
    raw = printers.Style(const_style="raw")
    assert line("statx", [AT_FDCWD, P1, 0x900, 0xfff, BUF], m, ENOENT, raw).startswith(
        'statx(-100, "f.txt", |0x900, 0xfff, 0x30000)')


def test_links_and_dirs():
    m = {P1: s("l.lnk"), P2: s("f.txt"), BUF: b"f.txt" + b"\0" * 10}
    assert line("readlink", [P1, BUF, 4096], m, 5) == 'readlink("l.lnk", "f.txt", 4096) = 5'
    assert line("readlinkat", [AT_FDCWD, P1, BUF, 5], m, 5) == \
        'readlinkat(AT_FDCWD, "l.lnk", "f.txt", 5) = 5'
    assert line("readlinkat", [AT_FDCWD, P1, 8, 5], m, EFAULT) == \
        'readlinkat(AT_FDCWD, "l.lnk", 0x8, 5) = -1 EFAULT (Bad address)'
    assert line("mkdir", [P1, 0o1777], m, -17) == \
        'mkdir("l.lnk", 01777) = -1 EEXIST (File exists)'
    assert line("mknodat", [AT_FDCWD, P1, 0o20600, 0x103], m) == \
        'mknodat(AT_FDCWD, "l.lnk", S_IFCHR|0600, makedev(0x1, 0x3)) = 0'
    assert line("mknodat", [AT_FDCWD, P1, 0o10644, 0], m) == \
        'mknodat(AT_FDCWD, "l.lnk", S_IFIFO|0644) = 0'
    assert line("unlinkat", [AT_FDCWD, P1, 0x200], m) == \
        'unlinkat(AT_FDCWD, "l.lnk", AT_REMOVEDIR) = 0'
    assert line("unlinkat", [AT_FDCWD, P1, 0], m) == 'unlinkat(AT_FDCWD, "l.lnk", 0) = 0'
    assert line("symlinkat", [P2, AT_FDCWD, P1], m) == \
        'symlinkat("f.txt", AT_FDCWD, "l.lnk") = 0'
    assert line("renameat2", [AT_FDCWD, P1, AT_FDCWD, P2, 0x42], m, EINVAL) == \
        'renameat2(AT_FDCWD, "l.lnk", AT_FDCWD, "f.txt", RENAME_EXCHANGE|0x40) ' \
        '= -1 EINVAL (Invalid argument)'
    assert line("linkat", [AT_FDCWD, P2, AT_FDCWD, P1, 0x400], m) == \
        'linkat(AT_FDCWD, "f.txt", AT_FDCWD, "l.lnk", AT_SYMLINK_FOLLOW) = 0'
    assert line("fchownat", [AT_FDCWD, P2, 0xffffffff, 0, 0x100], m) == \
        'fchownat(AT_FDCWD, "f.txt", -1, 0, AT_SYMLINK_NOFOLLOW) = 0'
    assert line("fchmod", [14, 0o4755], m) == 'fchmod(14, 04755) = 0'
    assert line("truncate", [P1, (1 << 64) - 1], m, EINVAL) == \
        'truncate("l.lnk", 18446744073709551615) = -1 EINVAL (Invalid argument)'


def test_getcwd_utimensat():
    m = {BUF: s("/tmp/fdw/s"), P1: s("f.txt"),
         P2: struct.pack("<qqqq", 1, 2, 0, (1 << 30) - 1)}
    assert line("getcwd", [BUF, 4096], m, 11) == 'getcwd("/tmp/fdw/s", 4096) = 11'
    assert line("getcwd", [BUF, 1], m, -34) == \
        'getcwd(0x30000, 1) = -1 ERANGE (Numerical result out of range)'
    assert line("utimensat", [AT_FDCWD, P1, P2, 0], m) == (
        'utimensat(AT_FDCWD, "f.txt", [{tv_sec=1, tv_nsec=2} '
        '/* 1970-01-01T00:00:01.000000002+0000 */, UTIME_NOW], 0) = 0')


def _dirent64(ino, off, dtype, name):
    reclen = (19 + len(name) + 1 + 7) & ~7
    rec = struct.pack("<QqHB", ino, off, reclen, dtype) + name
    return rec + b"\0" * (reclen - len(rec))


def test_getdents64():
    data = _dirent64(5, 1, 4, b".") + _dirent64(6, 2, 8, b"a-name-longer-than-thirty-two-chars.py")
    m = {BUF: data}
    assert line("getdents64", [15, BUF, 4096], m, len(data)) == \
        'getdents64(15, 0x30000 /* 2 entries */, 4096) = %d' % len(data)
    assert line("getdents64", [15, BUF, 4096], m, 0) == \
        'getdents64(15, 0x30000 /* 0 entries */, 4096) = 0'
    assert line("getdents64", [99, BUF, 4096], m, -9) == \
        'getdents64(99, 0x30000, 4096) = -1 EBADF (Bad file descriptor)'
    assert line("getdents64", [15, BUF, 4096], m, len(data), printers.Style(verbose=True)) == (
        'getdents64(15, [{d_ino=5, d_off=1, d_reclen=24, d_type=DT_DIR, d_name="."}, '
        '{d_ino=6, d_off=2, d_reclen=64, d_type=DT_REG, '
        'd_name="a-name-longer-than-thirty-two-chars.py"}], 4096) = %d' % len(data))


def test_xattr_inotify():
    m = {P1: s("f.txt"), P2: s("user.foo"), BUF: b"bar", BUF + 0x100: b"user.foo\0user.x\0"}
    assert line("setxattr", [P1, P2, BUF, 3, 1], m) == \
        'setxattr("f.txt", "user.foo", "bar", 3, XATTR_CREATE) = 0'
    assert line("getxattr", [P1, P2, BUF, 4096], m, 3) == \
        'getxattr("f.txt", "user.foo", "bar", 4096) = 3'
    assert line("getxattr", [P1, P2, 0, 0], m, 3) == 'getxattr("f.txt", "user.foo", NULL, 0) = 3'
    assert line("flistxattr", [14, BUF + 0x100, 4096], m, 16) == \
        'flistxattr(14, "user.foo\\0user.x\\0", 4096) = 16'
    assert line("inotify_init1", [0o4000 | 0o2000000], m, 15) == \
        'inotify_init1(IN_NONBLOCK|IN_CLOEXEC) = 15'
    assert line("inotify_add_watch", [15, P1, 0x302], m, 1) == \
        'inotify_add_watch(15, "f.txt", IN_MODIFY|IN_CREATE|IN_DELETE) = 1'


def test_statfs():
    data = struct.pack("<qqQQQQQiiqqq32x", 0xef53, 4096, 100, 50, 40, 1000, 900, 0x431741c6,
                       0x3fae5c01, 255, 4096, 0x1020)
    m = {P1: s("/"), BUF: data}
    assert line("statfs", [P1, BUF], m) == (
        'statfs("/", {f_type=EXT2_SUPER_MAGIC, f_bsize=4096, f_blocks=100, f_bfree=50, '
        'f_bavail=40, f_files=1000, f_ffree=900, f_fsid={val=[0x431741c6, 0x3fae5c01]}, '
        'f_namelen=255, f_frsize=4096, f_flags=ST_VALID|ST_RELATIME}) = 0')


# The same stat text from the struct layouts of other ABIs (asm/stat.h of each architecture,
# the offsets checked against the compilers by tests/test_layouts_cross.py).
_STAT_VERBOSE = (
    '{st_dev=makedev(0xfe, 0), st_ino=77, st_mode=S_IFREG|0644, st_nlink=1, st_uid=1000, '
    'st_gid=100, st_blksize=4096, st_blocks=8, st_size=6, '
    'st_atime=1795706611 /* 2026-11-26T15:23:31.000000005+0000 */, st_atime_nsec=5, '
    'st_mtime=1795706612 /* 2026-11-26T15:23:32.000000006+0000 */, st_mtime_nsec=6, '
    'st_ctime=1795706613 /* 2026-11-26T15:23:33.000000007+0000 */, st_ctime_nsec=7}')
_T = 1795706611


def test_stat_arm_stat64_aligns_8_byte_members():
    # arm EABI: st_size, st_blocks and st_ino at 8-byte offsets (i386 packs them at 4)
    data = struct.pack("<Q4xIIIIIQ8xqI4xQIIIIIIQ", 0xfe00, 0, 0o100644, 1, 1000, 100, 0, 6,
                       4096, 8, _T, 5, _T + 1, 6, _T + 2, 7, 77)
    assert len(data) == 104
    m = {P1: s("f.txt"), BUF: data}
    v = printers.Style(verbose=True)
    assert line("stat64", [P1, BUF], m, 0, v, abi="arm") == \
        'stat64("f.txt", %s) = 0' % _STAT_VERBOSE


def test_stat_s390x_ppc64le_and_arm_old_stat():
    # s390x (big-endian): the times come before st_blksize and st_blocks
    s390 = struct.pack(">QQQIIIIQQQQQQQQQq24x", 0xfe00, 77, 1, 0o100644, 1000, 100, 0, 0, 6,
                       _T, 5, _T + 1, 6, _T + 2, 7, 4096, 8)
    # ppc64le: x86_64's order, without x86_64's explicit __pad0
    ppc = struct.pack("<QQQIII4xQqQQQQQQQQ24x", 0xfe00, 77, 1, 0o100644, 1000, 100, 0, 6,
                      4096, 8, _T, 5, _T + 1, 6, _T + 2, 7)
    # arm's old struct stat (stat/lstat/fstat): 16-bit mode, nlink, uid, gid
    old = struct.pack("<IIHHHHIIIIIIIIII8x", 0xfe00, 77, 0o100644, 1, 1000, 100, 0, 6, 4096,
                      8, _T, 5, _T + 1, 6, _T + 2, 7)
    v = printers.Style(verbose=True)
    for abi, data in (("s390x", s390), ("ppc64le", ppc), ("arm", old)):
        m = {P1: s("f.txt"), BUF: data}
        assert line("stat", [P1, BUF], m, 0, v, abi=abi) == \
            'stat("f.txt", %s) = 0' % _STAT_VERBOSE, abi


_STATFS_TEXT = (
    'statfs("/", {f_type=EXT2_SUPER_MAGIC, f_bsize=4096, f_blocks=100, f_bfree=50, '
    'f_bavail=40, f_files=1000, f_ffree=900, f_fsid={val=[0x431741c6, 0x3fae5c01]}, '
    'f_namelen=255, f_frsize=4096, f_flags=ST_VALID|ST_RELATIME}) = 0')


def test_statfs_x32_and_s390x():
    # x32 statfs is the common 64-bit syscall: 8-byte words, as on x86_64
    x32 = struct.pack("<qqQQQQQiiqqq32x", 0xef53, 4096, 100, 50, 40, 1000, 900, 0x431741c6,
                      0x3fae5c01, 255, 4096, 0x1020)
    # s390x: 32-bit f_type, f_bsize, f_namelen, f_frsize, f_flags (its own asm/statfs.h)
    s390 = struct.pack(">IIQQQQQiiIII20x", 0xef53, 4096, 100, 50, 40, 1000, 900, 0x431741c6,
                       0x3fae5c01, 255, 4096, 0x1020)
    for abi, data in (("x32", x32), ("s390x", s390)):
        m = {P1: s("/"), BUF: data}
        assert line("statfs", [P1, BUF], m, abi=abi) == _STATFS_TEXT, abi


def test_fd_of_an_unlinked_file_is_marked_after_the_brackets(tmp_path):
    """-y: the kernel's ` (deleted)` of an unlinked file moves after `>` as `(deleted)`; a file
    whose name really ends in ` (deleted)` keeps it inside while it exists."""
    import os
    from minitrace.fdinfo import FdDecorator
    plain, odd = str(tmp_path / "f"), str(tmp_path / "f (deleted)")
    fds = []
    try:
        for path in (plain, odd):
            fds.append(os.open(path, os.O_CREAT | os.O_RDONLY, 0o600))
        dec = FdDecorator(["path"])
        pid = os.getpid()
        assert dec.decoration(pid, fds[0]) == "<%s>" % plain
        assert dec.decoration(pid, fds[1]) == "<%s>" % odd
        os.unlink(plain)
        os.unlink(odd)
        assert dec.decoration(pid, fds[0]) == "<%s>(deleted)" % plain
        assert dec.decoration(pid, fds[1]) == "<%s>(deleted)" % odd
    finally:
        for n in fds:
            os.close(n)
