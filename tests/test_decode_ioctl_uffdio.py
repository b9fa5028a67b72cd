"""Offline tests of the userfaultfd ioctls (type 0xaa): fake tracee memory in, strace 6.1's
text out."""
import struct

from minitrace.printers import Style

from decodertest import call_line

A = 0x10000
AREA1, AREA2, PAGE = 0x7f0000001000, 0x7f0000002000, 0x1000
EBADF, EEXIST = -9, -17
API, REGISTER, UNREGISTER, WAKE = 0xc018aa3f, 0xc020aa00, 0x8010aa01, 0x8010aa02
COPY, ZEROPAGE, WRITEPROTECT = 0xc028aa03, 0xc020aa04, 0xc018aa06
API_IOCTLS = (1 << 0) | (1 << 1) | (1 << 0x3f)       # REGISTER, UNREGISTER, API


def test_api():
    assert call_line("ioctl", [3, API, A], 0, {A: struct.pack("<3Q", 0xaa, 0, 0)},
                     exit_mem={A: struct.pack("<3Q", 0xaa, 0, API_IOCTLS)}) == \
        "ioctl(3, UFFDIO_API, {api=0xaa, features=0, ioctls=1<<_UFFDIO_REGISTER|" \
        "1<<_UFFDIO_UNREGISTER|1<<_UFFDIO_API}) = 0"
    # features the kernel changed, an ioctl bit strace has no name for
    assert call_line("ioctl", [3, API, A], 0, {A: struct.pack("<3Q", 0xaa, 0, 0)},
                     exit_mem={A: struct.pack("<3Q", 0xaa, 0x3, API_IOCTLS | 0x4)}) == \
        "ioctl(3, UFFDIO_API, {api=0xaa, features=0 => features=" \
        "UFFD_FEATURE_PAGEFAULT_FLAG_WP|UFFD_FEATURE_EVENT_FORK, ioctls=1<<_UFFDIO_REGISTER|" \
        "1<<_UFFDIO_UNREGISTER|1<<_UFFDIO_API|0x4}) = 0"
    assert call_line("ioctl", [-1, API, A], EBADF, {A: bytes(24)}) == \
        "ioctl(-1, UFFDIO_API, {api=0, features=0}) = -1 EBADF (Bad file descriptor)"
    assert call_line("ioctl", [3, API, 0], -14) == \
        "ioctl(3, UFFDIO_API, NULL) = -1 EFAULT (Bad address)"
    assert call_line("ioctl", [3, API, A], 0, {A: struct.pack("<3Q", 0xaa, 0, 0)},
                     exit_mem={A: struct.pack("<3Q", 0xaa, 0, API_IOCTLS)},
                     style=Style(const_style="raw")) == \
        "ioctl(3, 0xc018aa3f, {api=0xaa, features=0, ioctls=0x8000000000000003}) = 0"
    assert call_line("ioctl", [3, API, A], 0, {A: struct.pack("<3Q", 0xaa, 0, 0)},
                     exit_mem={A: struct.pack("<3Q", 0xaa, 0, API_IOCTLS)},
                     style=Style(const_style="verbose")) == \
        "ioctl(3, 0xc018aa3f /* UFFDIO_API */, {api=0xaa, features=0, " \
        "ioctls=0x8000000000000003 /* 1<<_UFFDIO_REGISTER|1<<_UFFDIO_UNREGISTER|" \
        "1<<_UFFDIO_API */}) = 0"


def test_register():
    reg = struct.pack("<4Q", AREA2, PAGE, 1, 0)
    assert call_line("ioctl", [3, REGISTER, A], 0, {A: reg},
                     exit_mem={A: struct.pack("<4Q", AREA2, PAGE, 1, 0x1c | 0x40)}) == \
        "ioctl(3, UFFDIO_REGISTER, {range={start=0x7f0000002000, len=0x1000}, " \
        "mode=UFFDIO_REGISTER_MODE_MISSING, ioctls=1<<_UFFDIO_WAKE|1<<_UFFDIO_COPY|" \
        "1<<_UFFDIO_ZEROPAGE|1<<_UFFDIO_WRITEPROTECT}) = 0"
    assert call_line("ioctl", [-1, REGISTER, A], EBADF, {A: struct.pack("<4Q", 0, 0, 8, 0)}) \
        == "ioctl(-1, UFFDIO_REGISTER, {range={start=0, len=0}, " \
        "mode=0x8 /* UFFDIO_REGISTER_MODE_??? */}) = -1 EBADF (Bad file descriptor)"
    assert call_line("ioctl", [3, REGISTER, 0], -14) == \
        "ioctl(3, UFFDIO_REGISTER, NULL) = -1 EFAULT (Bad address)"


def test_copy_and_zeropage():
    copy = struct.pack("<5Q", AREA2, AREA1, PAGE, 1, 0)
    assert call_line("ioctl", [3, COPY, A], 0, {A: copy},
                     exit_mem={A: struct.pack("<5Q", AREA2, AREA1, PAGE, 1, PAGE)}) == \
        "ioctl(3, UFFDIO_COPY, {dst=0x7f0000002000, src=0x7f0000001000, len=0x1000, " \
        "mode=UFFDIO_COPY_MODE_DONTWAKE, copy=0x1000}) = 0"
    copy = struct.pack("<5Q", AREA2, AREA1, PAGE, 0xdeadbeef, 0)
    assert call_line("ioctl", [3, COPY, A], EEXIST, {A: copy}) == \
        "ioctl(3, UFFDIO_COPY, {dst=0x7f0000002000, src=0x7f0000001000, len=0x1000, " \
        "mode=UFFDIO_COPY_MODE_DONTWAKE|UFFDIO_COPY_MODE_WP|0xdeadbeec}) = " \
        "-1 EEXIST (File exists)"
    zero = struct.pack("<4Q", AREA2, PAGE, 1, 0)
    assert call_line("ioctl", [3, ZEROPAGE, A], 0, {A: zero},
                     exit_mem={A: struct.pack("<4Q", AREA2, PAGE, 1, PAGE)}) == \
        "ioctl(3, UFFDIO_ZEROPAGE, {range={start=0x7f0000002000, len=0x1000}, " \
        "mode=UFFDIO_ZEROPAGE_MODE_DONTWAKE, zeropage=0x1000}) = 0"
    assert call_line("ioctl", [-1, ZEROPAGE, A], EBADF, {A: bytes(32)}) == \
        "ioctl(-1, UFFDIO_ZEROPAGE, {range={start=0, len=0}, mode=0}) = " \
        "-1 EBADF (Bad file descriptor)"
    assert call_line("ioctl", [3, COPY, A + 8], -14, {A: bytes(40)}) == \
        "ioctl(3, UFFDIO_COPY, 0x10008) = -1 EFAULT (Bad address)"


def test_ranges_and_undecoded_commands():
    rng = struct.pack("<2Q", AREA2, PAGE)
    assert call_line("ioctl", [3, WAKE, A], 0, {A: rng}) == \
        "ioctl(3, UFFDIO_WAKE, {start=0x7f0000002000, len=0x1000}) = 0"
    assert call_line("ioctl", [-1, UNREGISTER, A], EBADF, {A: bytes(16)}) == \
        "ioctl(-1, UFFDIO_UNREGISTER, {start=0, len=0}) = -1 EBADF (Bad file descriptor)"
    assert call_line("ioctl", [3, UNREGISTER, 0], -14) == \
        "ioctl(3, UFFDIO_UNREGISTER, NULL) = -1 EFAULT (Bad address)"
    # strace 6.1 has no decoder of UFFDIO_WRITEPROTECT: its argument as a number, at entry
    assert call_line("ioctl", [3, WRITEPROTECT, A], 0, {A: bytes(24)}) == \
        "ioctl(3, UFFDIO_WRITEPROTECT, 0x10000) = 0"
