"""Offline tests of ioprio_get/ioprio_set (decode/ioprio.py), times' clock_t comments
(decode/resource.py) and process_mrelease (decode/pidfd.py): x86_64, strace 6.1's text."""
import os
import struct

from minitrace import printers

from decodertest import call_line

RAW = printers.Style(const_style="raw")
VERBOSE = printers.Style(const_style="verbose")
EINVAL = -22


def test_ioprio_get_result_annotation():
    assert call_line("ioprio_get", [1, 77], (2 << 13) | 4) == (
        "ioprio_get(IOPRIO_WHO_PROCESS, 77) = 16388 (IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4))")
    assert call_line("ioprio_get", [1, 77], 16388, style=RAW) == "ioprio_get(0x1, 77) = 16388"
    assert call_line("ioprio_get", [0xfa57beef, 0xffffffff], EINVAL) == (
        "ioprio_get(0xfa57beef /* IOPRIO_WHO_??? */, -1) = -1 EINVAL (Invalid argument)")


def test_ioprio_set_every_style():
    args = [2, 5, 0x1fff]
    assert call_line("ioprio_set", args, EINVAL) == (
        "ioprio_set(IOPRIO_WHO_PGRP, 5, IOPRIO_PRIO_VALUE(IOPRIO_CLASS_NONE, 8191)) = "
        "-1 EINVAL (Invalid argument)")
    assert call_line("ioprio_set", args, EINVAL, style=RAW) == (
        "ioprio_set(0x2, 5, 8191) = -1 EINVAL (Invalid argument)")
    assert call_line("ioprio_set", args, EINVAL, style=VERBOSE) == (
        "ioprio_set(0x2 /* IOPRIO_WHO_PGRP */, 5, 8191 /* IOPRIO_PRIO_VALUE("
        "0 /* IOPRIO_CLASS_NONE */, 8191) */) = -1 EINVAL (Invalid argument)")
    # an unknown class is the whole value shifted, unmasked
    assert call_line("ioprio_set", [3, 0, 0xfacefeed], 0) == (
        "ioprio_set(IOPRIO_WHO_USER, 0, IOPRIO_PRIO_VALUE(0x7d677 /* IOPRIO_CLASS_??? */, "
        "7917)) = 0")


def test_times_clock_ticks():
    tck = os.sysconf("SC_CLK_TCK")
    mem = {0x1000: struct.pack("<4q", 0, tck + tck // 4, 1, -1)}
    width = len(str(tck)) - 1
    quarter = ("%.*f" % (width, 0.25)).split(".")[1]
    first = ("%.*f" % (width, 1.0 / tck)).split(".")[1]
    assert call_line("times", [0x1000], 1234, mem) == (
        "times({tms_utime=0, tms_stime=%d /* 1.%s s */, tms_cutime=1 /* 0.%s s */, "
        "tms_cstime=18446744073709551615 /* %d.%s s */}) = 1234" % (
            tck + tck // 4, quarter, first, (2 ** 64 - 1) // tck,
            ("%.*f" % (width, float((2 ** 64 - 1) % tck) / tck)).split(".")[1]))
    assert call_line("times", [0x1000], 1234, mem, style=RAW) == (
        "times({tms_utime=0, tms_stime=%d, tms_cutime=1, tms_cstime=18446744073709551615}) = "
        "1234" % (tck + tck // 4))
    assert call_line("times", [0x1000], -14, mem) == "times(0x1000) = -1 EFAULT (Bad address)"


def test_process_mrelease_flags_in_hex():
    assert call_line("process_mrelease", [0, 0xfacefeed], EINVAL) == (
        "process_mrelease(0, 0xfacefeed) = -1 EINVAL (Invalid argument)")
    assert call_line("process_mrelease", [0xffffffff, 0], -9) == (
        "process_mrelease(-1, 0) = -1 EBADF (Bad file descriptor)")
