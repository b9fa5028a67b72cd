"""Offline tests of decode/io_uring.py: io_uring_setup, io_uring_enter, io_uring_register."""
import struct

from decodertest import call_line

A = 0x7f0000020000


def params(flags=0, cpu=0, idle=0, wq_fd=0, resv=(0, 0, 0), sq=0, cq=0, features=0):
    head = struct.pack("<7I3I", sq, cq, flags, cpu, idle, features, wq_fd & 0xffffffff, *resv)
    sq_off = struct.pack("<8IQ", 0, 4, 16, 24, 36, 32, 128, 0, 0)
    cq_off = struct.pack("<8IQ", 8, 12, 20, 28, 44, 64, 40, 0, 0)
    return head + sq_off + cq_off


def test_setup():
    assert call_line("io_uring_setup", [0xffffffff, 0], -14) == (
        "io_uring_setup(4294967295, NULL) = -1 EFAULT (Bad address)")
    assert call_line("io_uring_setup", [1, A], -14, {A: params()[:100]}) == (
        "io_uring_setup(1, 0x7f0000020000) = -1 EFAULT (Bad address)")
    mem = {A: params(flags=0x20 | 0x100000, cpu=3, idle=7, wq_fd=-5, resv=(0, 1, 0))}
    assert call_line("io_uring_setup", [2, A], -22, mem) == (
        "io_uring_setup(2, {flags=IORING_SETUP_ATTACH_WQ|0x100000, sq_thread_cpu=0x3, "
        "sq_thread_idle=7, wq_fd=-5, resv=[0, 0x1, 0]}) = -1 EINVAL (Invalid argument)")
    mem = {A: params(sq=2, cq=4, features=0x1 | 0x100000)}
    assert call_line("io_uring_setup", [2, A], 4, mem) == (
        "io_uring_setup(2, {flags=0, sq_thread_cpu=0, sq_thread_idle=0, sq_entries=2, "
        "cq_entries=4, features=IORING_FEAT_SINGLE_MMAP|0x100000, sq_off={head=0, tail=4, "
        "ring_mask=16, ring_entries=24, flags=36, dropped=32, array=128}, cq_off={head=8, "
        "tail=12, ring_mask=20, ring_entries=28, overflow=44, cqes=64, flags=40}}) = 4")


def test_enter():
    mem = {A: struct.pack("<Q", 1 | (1 << 8))}
    assert call_line("io_uring_enter", [3, 1, 2, 0x21, A, 8], -22, mem) == (
        "io_uring_enter(3, 1, 2, IORING_ENTER_GETEVENTS|0x20, [HUP KILL], 8) = "
        "-1 EINVAL (Invalid argument)")
    assert call_line("io_uring_enter", [3, 0, 0, 0, 0, 0], 0) == (
        "io_uring_enter(3, 0, 0, 0, NULL, 0) = 0")


def test_register():
    mem = {A: struct.pack("<3i", 0, -1, -2)}
    assert call_line("io_uring_register", [3, 2, A, 3], -9, mem) == (
        "io_uring_register(3, IORING_REGISTER_FILES, [0, -1, -2], 3) = "
        "-1 EBADF (Bad file descriptor)")
    assert call_line("io_uring_register", [3, 99, A, 3], -22, mem) == (
        "io_uring_register(3, 0x63 /* IORING_REGISTER_??? */, 0x7f0000020000, 3) = "
        "-1 EINVAL (Invalid argument)")
    mem = {A: struct.pack("<IIQIIQ", 0xffffffff, 0, 5, 2, 1, 0)}
    assert call_line("io_uring_register", [3, 20, A, 2], 2, mem) == (
        "io_uring_register(3, IORING_REGISTER_RING_FDS, [{offset=-1, data=5}, "
        "{offset=2, resv=0x1, data=0}], 2) = 2")
    mem = {A: struct.pack("<QIHH3Q", 0x1000, 8, 1, 0, 0, 0, 0)}
    assert call_line("io_uring_register", [3, 22, A, 1], 0, mem) == (
        "io_uring_register(3, IORING_REGISTER_PBUF_RING, {ring_addr=0x1000, ring_entries=8, "
        "bgid=1}, 1) = 0")
