"""Offline tests of decode/ioctl/block.py (type 0x12) and the random family of simple.py ('R'):
numbers read back at exit, values and structs given at entry, BLKTRACESETUP split between entry
and exit (fake tracee memory in, strace's text out)."""
import struct

from decodertest import call_line

A, B = 0x10000, 0x20000
EBADF = -9


def test_numbers_at_exit_and_entry():
    assert call_line("ioctl", [3, 0x1268, A], 0, {A: struct.pack("=i", 512)}) == \
        "ioctl(3, BLKSSZGET, [512]) = 0"
    assert call_line("ioctl", [3, 0x127e, A], 0, {A: struct.pack("=H", 1)}) == \
        "ioctl(3, BLKROTATIONAL, [1]) = 0"
    assert call_line("ioctl", [3, 0x80081272, A], 0, {A: struct.pack("=Q", 1 << 40)}) == \
        "ioctl(3, BLKGETSIZE64, [1099511627776]) = 0"
    assert call_line("ioctl", [3, 0x1260, A], 0, {A: struct.pack("=Q", 2048)}) == \
        "ioctl(3, BLKGETSIZE, [2048]) = 0"
    assert call_line("ioctl", [3, 0x1260, A], 0, {A: struct.pack("=I", 2048)}, abi="i386") == \
        "ioctl(3, BLKGETSIZE, [2048]) = 0"
    assert call_line("ioctl", [3, 0x80081270, 0], EBADF) == \
        "ioctl(3, BLKBSZGET, NULL) = -1 EBADF (Bad file descriptor)"
    assert call_line("ioctl", [3, 0x1262, 256], 0) == "ioctl(3, BLKRASET, 256) = 0"
    assert call_line("ioctl", [3, 0x1277, A], 0, {A: struct.pack("=QQ", 0, 4096)}) == \
        "ioctl(3, BLKDISCARD, [0, 4096]) = 0"
    assert call_line("ioctl", [3, 0x125f, 0], 0) == "ioctl(3, BLKRRPART) = 0"


def test_blkpg():
    arg = struct.pack("=iii4xQ", 1, 0, 152, B)
    part = struct.pack("=qqi", 2048, 4096, 1) + b"sda1".ljust(64, b"\0") + b"x" * 64 + bytes(4)
    assert call_line("ioctl", [3, 0x1269, A], 0, {A: arg, B: part}) == \
        "ioctl(3, BLKPG, {op=BLKPG_ADD_PARTITION, flags=0, datalen=152, data={start=2048, " \
        "length=4096, pno=1, devname=\"sda1\", volname=\"%s\"...}}) = 0" % ("x" * 63)
    assert call_line("ioctl", [3, 0x1269, A], 0, {A: struct.pack("=iii4xQ", 9, 0, 0, B)}) == \
        "ioctl(3, BLKPG, {op=0x9 /* BLKPG_??? */, flags=0, datalen=0, data=0x20000}) = 0"


def test_trace_setup_entry_and_exit():
    buts = b"sda".ljust(32, b"\0") + struct.pack("=H2xII4xQQI4x", 0xffff, 4096, 4, 0, 100, 77)
    assert call_line("ioctl", [3, 0xc0481273, A], 0, {A: buts}) == \
        "ioctl(3, BLKTRACESETUP, {act_mask=65535, buf_size=4096, buf_nr=4, start_lba=0, " \
        "end_lba=100, pid=77, name=\"sda\"}) = 0"
    assert call_line("ioctl", [3, 0xc0481273, A], EBADF, {A: buts}) == \
        "ioctl(3, BLKTRACESETUP, {act_mask=65535, buf_size=4096, buf_nr=4, start_lba=0, " \
        "end_lba=100, pid=77}) = -1 EBADF (Bad file descriptor)"


class OnePid(object):
    """--pidns-translation where the tracee's pid 77 is our 5077."""

    def suffix(self, tracee, pid, kind, hex_strings=None):
        return " /* 5077 in strace's PID NS */" if (pid, kind) == (77, "tgid") else ""


def test_trace_setup_pid_translated():
    buts = b"sda".ljust(32, b"\0") + struct.pack("=H2xII4xQQI4x", 1, 2, 3, 4, 5, 77)
    assert call_line("ioctl", [3, 0xc0481273, A], EBADF, {A: buts}, pids=OnePid()) == \
        "ioctl(3, BLKTRACESETUP, {act_mask=1, buf_size=2, buf_nr=3, start_lba=4, end_lba=5, " \
        "pid=77 /* 5077 in strace's PID NS */}) = -1 EBADF (Bad file descriptor)"


def test_random():
    assert call_line("ioctl", [3, 0x80045200, A], 0, {A: struct.pack("=i", 256)}) == \
        "ioctl(3, RNDGETENTCNT, [256]) = 0"
    assert call_line("ioctl", [3, 0x40045201, A], EBADF, {A: struct.pack("=i", 6)}) == \
        "ioctl(3, RNDADDTOENTCNT, [6]) = -1 EBADF (Bad file descriptor)"
    assert call_line("ioctl", [3, 0x40085203, A], 0, {A: struct.pack("=ii", 3, 4) + b"abcd"}) \
        == "ioctl(3, RNDADDENTROPY, {entropy_count=3, buf_size=4, buf=\"abcd\"}) = 0"
    assert call_line("ioctl", [3, 0x5206, 0], 0) == "ioctl(3, RNDCLEARPOOL) = 0"
