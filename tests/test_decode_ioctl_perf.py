"""Offline tests of decode/ioctl/perf.py (type 0x24): flags, numbers and descriptors as the
argument, SET_FILTER's string, PERIOD's and ID's u64, QUERY_BPF split between entry and exit,
MODIFY_ATTRIBUTES' perf_event_attr (fake tracee memory in, strace's text out)."""
import struct

from minitrace import printers
from decodertest import call_line

A = 0x10000
EBADF = -9
RAW, VERBOSE = printers.Style(const_style="raw"), printers.Style(const_style="verbose")
# x86_64 numbers
ENABLE, REFRESH, PERIOD, SET_OUTPUT = 0x2400, 0x2402, 0x40082404, 0x2405
SET_FILTER, ID, PAUSE, QUERY_BPF = 0x40082406, 0x80082407, 0x40042409, 0xc008240a
MODIFY = 0x4008240b
MAGIC = 0xdeadbeefbadc0ded


def test_flags_and_numbers():
    assert call_line("ioctl", [3, ENABLE, 0], EBADF) == \
        "ioctl(3, PERF_EVENT_IOC_ENABLE, 0) = -1 EBADF (Bad file descriptor)"
    # the flags are an unsigned int: the upper half of the argument is not shown
    assert call_line("ioctl", [3, ENABLE, MAGIC], 0) == \
        "ioctl(3, PERF_EVENT_IOC_ENABLE, PERF_IOC_FLAG_GROUP|0xbadc0dec) = 0"
    assert call_line("ioctl", [3, ENABLE, 2], 0) == \
        "ioctl(3, PERF_EVENT_IOC_ENABLE, 0x2 /* PERF_IOC_FLAG_??? */) = 0"
    assert call_line("ioctl", [3, ENABLE, 1], 0, style=VERBOSE) == \
        "ioctl(3, 0x2400 /* PERF_EVENT_IOC_ENABLE */, 0x1 /* PERF_IOC_FLAG_GROUP */) = 0"
    assert call_line("ioctl", [3, ENABLE, 1], 0, style=RAW) == "ioctl(3, 0x2400, 0x1) = 0"
    assert call_line("ioctl", [3, REFRESH, MAGIC], 0) == \
        "ioctl(3, PERF_EVENT_IOC_REFRESH, -1159983635) = 0"
    assert call_line("ioctl", [3, SET_OUTPUT, MAGIC], EBADF) == \
        "ioctl(3, PERF_EVENT_IOC_SET_OUTPUT, -1159983635) = -1 EBADF (Bad file descriptor)"
    assert call_line("ioctl", [3, PAUSE, MAGIC], 0) == \
        "ioctl(3, PERF_EVENT_IOC_PAUSE_OUTPUT, 16045690984232390125) = 0"
    # a command of the family strace does not know: the argument as a number at entry
    assert call_line("ioctl", [3, 0x4008240c, MAGIC], 0) == \
        "ioctl(3, _IOC(_IOC_WRITE, 0x24, 0xc, 0x8), 0xdeadbeefbadc0ded) = 0"


def test_u64_period_and_id():
    mem = {A: struct.pack("=Q", 0xfacefeeddeadc0de)}
    assert call_line("ioctl", [3, PERIOD, A], EBADF, mem) == \
        "ioctl(3, PERF_EVENT_IOC_PERIOD, [18072662652281012446]) = -1 EBADF (Bad file descriptor)"
    assert call_line("ioctl", [3, PERIOD, A], 0, {}) == \
        "ioctl(3, PERF_EVENT_IOC_PERIOD, 0x10000) = 0"
    assert call_line("ioctl", [3, PERIOD, 0], 0) == "ioctl(3, PERF_EVENT_IOC_PERIOD, NULL) = 0"
    # ID is written by the kernel: read at exit, the address when the call failed
    assert call_line("ioctl", [3, ID, A], 0, mem) == \
        "ioctl(3, PERF_EVENT_IOC_ID, [18072662652281012446]) = 0"
    assert call_line("ioctl", [3, ID, A], EBADF, mem) == \
        "ioctl(3, PERF_EVENT_IOC_ID, 0x10000) = -1 EBADF (Bad file descriptor)"
    assert call_line("ioctl", [3, ID, 0], EBADF) == \
        "ioctl(3, PERF_EVENT_IOC_ID, NULL) = -1 EBADF (Bad file descriptor)"


def test_set_filter():
    assert call_line("ioctl", [3, SET_FILTER, A], 0, {A: b"cpu == 1\0"}) == \
        "ioctl(3, PERF_EVENT_IOC_SET_FILTER, \"cpu == 1\") = 0"
    assert call_line("ioctl", [3, SET_FILTER, A], 0, {A: b"x" * 40 + b"\0"}) == \
        "ioctl(3, PERF_EVENT_IOC_SET_FILTER, \"%s\"...) = 0" % ("x" * 32)
    # no NUL before the memory ends: the address
    assert call_line("ioctl", [3, SET_FILTER, A], 0, {A: b"x" * 20}) == \
        "ioctl(3, PERF_EVENT_IOC_SET_FILTER, 0x10000) = 0"


def test_query_bpf():
    ids = struct.pack("=5I", 0xbadc0ded, 2, 7, 9, 11)
    assert call_line("ioctl", [3, QUERY_BPF, A], 0, {A: ids}) == \
        "ioctl(3, PERF_EVENT_IOC_QUERY_BPF, {ids_len=3134983661, prog_cnt=2, ids=[7, 9]}) = 0"
    assert call_line("ioctl", [3, QUERY_BPF, A], EBADF, {A: ids}) == \
        "ioctl(3, PERF_EVENT_IOC_QUERY_BPF, {ids_len=3134983661, ...}) = -1 EBADF " \
        "(Bad file descriptor)"
    # prog_cnt unreadable; then ids past the memory
    assert call_line("ioctl", [3, QUERY_BPF, A], 0, {A: ids[:4]}) == \
        "ioctl(3, PERF_EVENT_IOC_QUERY_BPF, {ids_len=3134983661, ...}) = 0"
    assert call_line("ioctl", [3, QUERY_BPF, A], 0, {A: struct.pack("=4I", 1, 5, 7, 9)}) == \
        "ioctl(3, PERF_EVENT_IOC_QUERY_BPF, {ids_len=1, prog_cnt=5, " \
        "ids=[7, 9, ... /* 0x10010 */]}) = 0"
    assert call_line("ioctl", [3, QUERY_BPF, A], 0, {}) == \
        "ioctl(3, PERF_EVENT_IOC_QUERY_BPF, 0x10000) = 0"


def test_modify_attributes():
    # type PERF_TYPE_SOFTWARE, size PERF_ATTR_SIZE_VER0, config PERF_COUNT_SW_TASK_CLOCK
    attr = struct.pack("=IIQQQQQ", 1, 64, 1, 1000, 0, 0, 0) + bytes(16)
    text = call_line("ioctl", [3, MODIFY, A], EBADF, {A: attr})
    assert text.startswith("ioctl(3, PERF_EVENT_IOC_MODIFY_ATTRIBUTES, {type=PERF_TYPE_SOFTWARE, "
                           "size=PERF_ATTR_SIZE_VER0, config=PERF_COUNT_SW_TASK_CLOCK, "
                           "sample_period=1000, sample_type=0, read_format=0")
    assert text.endswith("}) = -1 EBADF (Bad file descriptor)")
    assert call_line("ioctl", [3, MODIFY, A], EBADF, {}) == \
        "ioctl(3, PERF_EVENT_IOC_MODIFY_ATTRIBUTES, 0x10000) = -1 EBADF (Bad file descriptor)"
    assert call_line("ioctl", [3, MODIFY, 0], EBADF) == \
        "ioctl(3, PERF_EVENT_IOC_MODIFY_ATTRIBUTES, NULL) = -1 EBADF (Bad file descriptor)"
