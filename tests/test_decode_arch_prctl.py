"""Offline tests of arch_prctl (decode/prctl/arch.py): hand-built calls in, strace 6.1's text out
(x86_64), including the ARCH_GET_XCOMP_* masks and ARCH_REQ_XCOMP_* feature numbers, whose
names are comments whatever -X says (raw excepted). Forms checked against /usr/bin/strace with
strace's arch_prctl tests."""
import struct

from minitrace import printers

from decodertest import call_line

RAW = printers.Style(const_style="raw")
VERBOSE = printers.Style(const_style="verbose")
EFAULT, EINVAL = -14, -22
BUF = 0x7f0000001000


def u64(v):
    return {BUF: struct.pack("<Q", v)}


def test_get_xcomp_masks():
    assert call_line("arch_prctl", [0x1021, BUF], 0, u64(0x5)) == (
        "arch_prctl(ARCH_GET_XCOMP_SUPP, [0x5 /* XFEATURE_MASK_FP|XFEATURE_MASK_YMM */]) = 0")
    assert call_line("arch_prctl", [0x1022, BUF], 0, u64(0xe3)) == (
        "arch_prctl(ARCH_GET_XCOMP_PERM, [0xe3 /* XFEATURE_MASK_FPSSE|XFEATURE_MASK_AVX512 */])"
        " = 0")
    assert call_line("arch_prctl", [0x1024, BUF], 0, u64(0x40000 | 0x800)) == (
        "arch_prctl(ARCH_GET_XCOMP_GUEST_PERM, [0x40800 /* XFEATURE_MASK_XTILE_DATA|0x800 */])"
        " = 0")
    assert call_line("arch_prctl", [0x1021, BUF], 0, u64(0x1000)) == (
        "arch_prctl(ARCH_GET_XCOMP_SUPP, [0x1000 /* XFEATURE_MASK_??? */]) = 0")
    assert call_line("arch_prctl", [0x1021, BUF], 0, u64(0)) == (
        "arch_prctl(ARCH_GET_XCOMP_SUPP, [0]) = 0")


def test_get_xcomp_styles_and_bad_pointers():
    assert call_line("arch_prctl", [0x1021, BUF], 0, u64(0x60000), style=RAW) == (
        "arch_prctl(0x1021, [0x60000]) = 0")
    assert call_line("arch_prctl", [0x1021, BUF], 0, u64(0x60000), style=VERBOSE) == (
        "arch_prctl(0x1021 /* ARCH_GET_XCOMP_SUPP */, [0x60000 /* XFEATURE_MASK_XTILE */]) = 0")
    assert call_line("arch_prctl", [0x1021, 0], EFAULT) == (
        "arch_prctl(ARCH_GET_XCOMP_SUPP, NULL) = -1 EFAULT (Bad address)")
    assert call_line("arch_prctl", [0x1021, 0], 0) == "arch_prctl(ARCH_GET_XCOMP_SUPP, NULL) = 0"
    assert call_line("arch_prctl", [0x1022, BUF + 8], 0, u64(1)) == (
        "arch_prctl(ARCH_GET_XCOMP_PERM, 0x7f0000001008) = 0")


def test_req_xcomp_feature_and_mask_result():
    assert call_line("arch_prctl", [0x1023, 18], 0) == (
        "arch_prctl(ARCH_REQ_XCOMP_PERM, 0x12 /* XFEATURE_XTILE_DATA */) = 0")
    assert call_line("arch_prctl", [0x1025, 0], -95) == (
        "arch_prctl(ARCH_REQ_XCOMP_GUEST_PERM, 0 /* XFEATURE_FP */) = "
        "-1 EOPNOTSUPP (Operation not supported)")
    assert call_line("arch_prctl", [0x1023, 16], EINVAL) == (
        "arch_prctl(ARCH_REQ_XCOMP_PERM, 0x10 /* XFEATURE_??? */) = -1 EINVAL (Invalid argument)")
    assert call_line("arch_prctl", [0x1023, 9], 0x201) == (
        "arch_prctl(ARCH_REQ_XCOMP_PERM, 0x9 /* XFEATURE_PKRU */) = "
        "0x201 (XFEATURE_MASK_FP|XFEATURE_MASK_PKRU)")
    assert call_line("arch_prctl", [0x1023, 9], 0x10003) == (
        "arch_prctl(ARCH_REQ_XCOMP_PERM, 0x9 /* XFEATURE_PKRU */) = "
        "0x10003 (XFEATURE_MASK_FPSSE|0x10000)")
    assert call_line("arch_prctl", [0x1023, 9], 0x800) == (
        "arch_prctl(ARCH_REQ_XCOMP_PERM, 0x9 /* XFEATURE_PKRU */) = 0x800")
    assert call_line("arch_prctl", [0x1023, 9], 0x201, style=RAW) == (
        "arch_prctl(0x1023, 0x9) = 0x201")


def test_other_commands():
    assert call_line("arch_prctl", [0x1002, 0x7f00dead0000], 0) == (
        "arch_prctl(ARCH_SET_FS, 0x7f00dead0000) = 0")
    assert call_line("arch_prctl", [0x1011], 1) == "arch_prctl(ARCH_GET_CPUID) = 1"
    assert call_line("arch_prctl", [0x1004, BUF], 0, u64(0x7f00beef0000)) == (
        "arch_prctl(ARCH_GET_GS, [0x7f00beef0000]) = 0")
    assert call_line("arch_prctl", [0xdead, 0], EINVAL) == (
        "arch_prctl(0xdead /* ARCH_??? */, 0) = -1 EINVAL (Invalid argument)")
