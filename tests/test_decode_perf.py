"""Offline tests of decode/perf.py (perf_event_open): the attr read at entry, printed at exit."""
import struct

from minitrace import printers

from decodertest import call_line

A = 0x7f0000010000
VERBOSE = printers.Style(verbose=True)
RAW = printers.Style(const_style="raw")


def attr(kind=0, size=0x80, config=0, period=0, sample_type=0, read_format=0, flags=0,
         tail=b"", end="<"):
    head = struct.pack(end + "IIQQQQQ", kind, size, config, period, sample_type, read_format,
                       flags)
    return head + tail + b"\0" * (128 - len(head) - len(tail))


def test_abbreviated():
    mem = {A: attr(0, 0x80, (5 << 32) | 1, 4000, 0x7, 0x3, (1 << 0) | (1 << 15) | (1 << 37))}
    assert call_line("perf_event_open", [A, 0, 0xffffffff, 0xffffffff, 8], 3, mem) == (
        "perf_event_open({type=PERF_TYPE_HARDWARE, size=PERF_ATTR_SIZE_VER7, "
        "config=0x5<<32|PERF_COUNT_HW_INSTRUCTIONS, sample_period=4000, "
        "sample_type=PERF_SAMPLE_IP|PERF_SAMPLE_TID|PERF_SAMPLE_TIME, "
        "read_format=PERF_FORMAT_TOTAL_TIME_ENABLED|PERF_FORMAT_TOTAL_TIME_RUNNING, disabled=1, "
        "precise_ip=1 /* constant skid */, sigtrap=1, ...}, 0, -1, -1, PERF_FLAG_FD_CLOEXEC) = 3")
    mem = {A: attr(1, 0, 0x20, 7, 0, 0, (1 << 10) | (3 << 15) | (0x5 << 38))}
    assert call_line("perf_event_open", [A, 1, 2, 3, 0x10], -22, mem) == (
        "perf_event_open({type=PERF_TYPE_SOFTWARE, size=0 /* PERF_ATTR_SIZE_??? */, "
        "config=0x20 /* PERF_COUNT_SW_??? */, sample_freq=7, sample_type=0, read_format=0, "
        "freq=1, precise_ip=3 /* must have 0 skid */, __reserved_1=0x5 /* Bits 63..38 */, ...}, "
        "1, 2, 3, 0x10 /* PERF_FLAG_??? */) = -1 EINVAL (Invalid argument)")
    mem = {A: attr(3, 0x40, 0x0f010307, 1)}
    assert call_line("perf_event_open", [A, 0, 0, 0, 0], -22, mem) == (
        "perf_event_open({type=PERF_TYPE_HW_CACHE, size=PERF_ATTR_SIZE_VER0, config=0xf<<24|"
        "PERF_COUNT_HW_CACHE_RESULT_MISS<<16|0x3 /* PERF_COUNT_HW_CACHE_OP_??? */<<8|"
        "0x7 /* PERF_COUNT_HW_CACHE_??? */, sample_period=1, sample_type=0, read_format=0, "
        "precise_ip=0 /* arbitrary skid */, ...}, 0, 0, 0, 0) = -1 EINVAL (Invalid argument)")


def test_unreadable_and_too_small():
    assert call_line("perf_event_open", [0, 0, 0, 0, 0], -14) == (
        "perf_event_open(NULL, 0, 0, 0, 0) = -1 EFAULT (Bad address)")
    mem = {A: attr(0, 0x20)}
    assert call_line("perf_event_open", [A, 0, 0, 0, 0], -22, mem) == (
        "perf_event_open(0x7f0000010000, 0, 0, 0, 0) = -1 EINVAL (Invalid argument)")
    # -v reads `size` bytes: 0x60 of them here, the memory has 0x50
    mem = {A: attr(0, 0x60)[:0x50]}
    assert call_line("perf_event_open", [A, 0, 0, 0, 0], -22, mem, style=VERBOSE) == (
        "perf_event_open(0x7f0000010000, 0, 0, 0, 0) = -1 EINVAL (Invalid argument)")


def test_verbose_tail():
    tail = struct.pack("<IIQQQQIiQIHHII", 9, 5, 0x1000, 8, 0xc, 0xff, 0x200, 11, 0x1, 7, 3, 0,
                       0, 2)
    flags = (1 << (17 + 8))          # use_clockid
    mem = {A: attr(5, 0x68, 0, 0, (1 << 11) | (1 << 13), 0, flags, tail)}
    assert call_line("perf_event_open", [A, 0, 0, 0, 0], -22, mem, style=VERBOSE) == (
        "perf_event_open({type=PERF_TYPE_BREAKPOINT, size=PERF_ATTR_SIZE_VER4, "
        "config=0, sample_period=0, sample_type=PERF_SAMPLE_BRANCH_STACK|PERF_SAMPLE_STACK_USER, "
        "read_format=0, disabled=0, inherit=0, pinned=0, exclusive=0, exclude_user=0, "
        "exclude_kernel=0, exclude_hv=0, exclude_idle=0, mmap=0, comm=0, freq=0, "
        "inherit_stat=0, enable_on_exec=0, task=0, watermark=0, "
        "precise_ip=0 /* arbitrary skid */, mmap_data=0, sample_id_all=0, exclude_host=0, "
        "exclude_guest=0, exclude_callchain_kernel=0, exclude_callchain_user=0, mmap2=0, "
        "comm_exec=0, use_clockid=1, context_switch=0, write_backward=0, namespaces=0, "
        "ksymbol=0, bpf_event=0, aux_output=0, cgroup=0, text_poke=0, build_id=0, "
        "inherit_thread=0, remove_on_exec=0, sigtrap=0, wakeup_events=9, "
        "bp_type=0x5 /* HW_BREAKPOINT_INVALID */, bp_addr=0x1000, bp_len=8, "
        "branch_sample_type=PERF_SAMPLE_BRANCH_HV|PERF_SAMPLE_BRANCH_ANY, "
        "sample_regs_user=0xff, sample_stack_user=0x200, clockid=CLOCK_TAI, "
        "sample_regs_intr=0x1}, 0, 0, 0, 0) = -1 EINVAL (Invalid argument)")


def test_e2big_size_written_back():
    mem = {A: attr(4, 0xa0, 0x1234)}

    line = call_line("perf_event_open", [A, 0, 0, 0, 0], -7, mem)
    assert line == (
        "perf_event_open({type=PERF_TYPE_RAW, size=0xa0 /* PERF_ATTR_SIZE_??? */ => "
        "0xa0 /* PERF_ATTR_SIZE_??? */, config=0x1234, sample_period=0, sample_type=0, "
        "read_format=0, precise_ip=0 /* arbitrary skid */, ...}, 0, 0, 0, 0) = "
        "-1 E2BIG (Argument list too long)")
    assert call_line("perf_event_open", [A, 0, 0, 0, 0], -7, mem, style=RAW).startswith(
        "perf_event_open({type=0x4, size=0xa0 => 0xa0, config=0x1234, ")


def test_big_endian_bitfields():
    # s390x: the first bitfield is the word's most significant bit
    flags = (1 << 63) | (2 << (64 - 15 - 2))
    mem = {A: attr(1, 0x40, 0, 0, 0, 0, flags, end=">")}
    assert call_line("perf_event_open", [A, 0, 0, 0, 0], 4, mem, abi="s390x") == (
        "perf_event_open({type=PERF_TYPE_SOFTWARE, size=PERF_ATTR_SIZE_VER0, "
        "config=PERF_COUNT_SW_CPU_CLOCK, sample_period=0, sample_type=0, read_format=0, "
        "disabled=1, precise_ip=2 /* requested to have 0 skid */, ...}, 0, 0, 0, 0) = 4")
