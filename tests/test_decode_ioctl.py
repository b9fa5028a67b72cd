"""Offline tests of decode/ioctl/: command names per ABI and -X style, built names, and the
families' arguments (fake tracee memory in, strace's text out)."""
import struct

from minitrace import printers
from decodertest import call_line

A = 0x10000
EBADF, EFAULT = -9, -14
RAW, VERBOSE = printers.Style(const_style="raw"), printers.Style(const_style="verbose")


def test_names_and_x_styles():
    assert call_line("ioctl", [4, 0x40049409, 3], -95) == \
        "ioctl(4, BTRFS_IOC_CLONE or FICLONE, 3) = -1 EOPNOTSUPP (Operation not supported)"
    assert call_line("ioctl", [4, 0x40049409, 3], 0, style=RAW) == "ioctl(4, 0x40049409, 3) = 0"
    assert call_line("ioctl", [4, 0x40049409, 3], 0, style=VERBOSE) == \
        "ioctl(4, 0x40049409 /* BTRFS_IOC_CLONE or FICLONE */, 3) = 0"
    assert call_line("ioctl", [-1, 0x80086d01, A], EBADF) == \
        "ioctl(-1, MMTIMER_GETRES, 0x10000) = -1 EBADF (Bad file descriptor)"


def test_unknown_command():
    assert call_line("ioctl", [-1, 0x8008dead, A], EBADF) == \
        "ioctl(-1, _IOC(_IOC_READ, 0xde, 0xad, 0x8), 0x10000) = -1 EBADF (Bad file descriptor)"
    assert call_line("ioctl", [-1, 0x8008dead, A], EBADF, style=VERBOSE) == \
        "ioctl(-1, 0x8008dead /* _IOC(_IOC_READ, 0xde, 0xad, 0x8) */, 0x10000) = -1 EBADF " \
        "(Bad file descriptor)"


def test_built_names():
    # EVIOCGNAME(64): _IOC(_IOC_READ, 'E', 0x06, 64); MIXER_READ(13) or OTPSELECT
    assert call_line("ioctl", [-1, 0x80404506, A], EBADF).startswith(
        "ioctl(-1, EVIOCGNAME(64), ")
    assert call_line("ioctl", [-1, 0x80084520, A], EBADF).startswith(
        "ioctl(-1, EVIOCGBIT(0, 8), ")
    assert call_line("ioctl", [-1, 0x80044d0d, A], EBADF).startswith(
        "ioctl(-1, MIXER_READ(13) or OTPSELECT, ")


def test_i386_numbers():
    # BLKGETSIZE64 is _IOR(0x12, 114, size_t): 4 bytes on i386
    assert call_line("ioctl", [3, 0x80041272, A], EBADF, abi="i386").startswith(
        "ioctl(3, BLKGETSIZE64, ")
    assert call_line("ioctl", [3, 0x80081272, A], EBADF, abi="i386").startswith(
        "ioctl(3, _IOC(_IOC_READ, 0x12, 0x72, 0x8), ")


def test_fs_family():
    rng = struct.pack("=qQQQ", 5, 0, 4096, 8192)
    assert call_line("ioctl", [4, 0x4020940d, A], 0, {A: rng}) == \
        "ioctl(4, BTRFS_IOC_CLONE_RANGE or FICLONERANGE, {src_fd=5, " \
        "src_offset=0, src_length=4096, dest_offset=8192}) = 0"
    assert call_line("ioctl", [4, 0xc0185879, A], 0, {A: struct.pack("=QQQ", 16, 1024, 0)}) \
        == "ioctl(4, FITRIM, {start=0x10, len=1024, minlen=0}) = 0"
    assert call_line("ioctl", [4, 0xc0045877, 0], 0) == "ioctl(4, FIFREEZE) = 0"
    assert call_line("ioctl", [4, 0x81009431, A], 0, {A: b"root\0" + bytes(251)}) == \
        "ioctl(4, FS_IOC_GETFSLABEL, \"root\") = 0"


def test_watchdog_and_inotify():
    assert call_line("ioctl", [3, 0x80045707, A], 0, {A: struct.pack("=i", 60)}) == \
        "ioctl(3, WDIOC_GETTIMEOUT, [60]) = 0"
    assert call_line("ioctl", [3, 0x80045707, A], EBADF) == \
        "ioctl(3, WDIOC_GETTIMEOUT, 0x10000) = -1 EBADF (Bad file descriptor)"
    assert call_line("ioctl", [3, 0xc0045706, A], 0, {A: struct.pack("=i", 30)}) == \
        "ioctl(3, WDIOC_SETTIMEOUT, [30]) = 0"
    assert call_line("ioctl", [3, 0x80045705, 0], 0) == "ioctl(3, WDIOC_KEEPALIVE) = 0"
    assert call_line("ioctl", [3, 0x40044900, 7], 0) == "ioctl(3, INOTIFY_IOC_SETNEXTWD, 7) = 0"


def test_powerpc_terminal_command():
    # ppc64le TCGETS is _IOR('t', 19, struct termios): 't' dispatches to the terminal family
    assert call_line("ioctl", [0, 0x402c7413, A], EBADF, abi="ppc64le") == \
        "ioctl(0, TCGETS, 0x10000) = -1 EBADF (Bad file descriptor)"
