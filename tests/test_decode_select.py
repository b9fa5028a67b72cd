"""Offline tests of decode/poll.py's select family: the fd_set arguments as strace 6.1's
decode_select reads them."""
import struct

from decodertest import call_line

A = 0x7f0000010000
B = 0x7f0000020000


def test_negative_or_zero_nfds_prints_the_address():
    m = {A: struct.pack("<Q", 0x18)}
    assert call_line("pselect6", [-1 & 0xffffffff, 0, A, 0, 0, 0], -22, m) == (
        "pselect6(-1, NULL, 0x7f0000010000, NULL, NULL, NULL) = -1 EINVAL (Invalid argument)")
    assert call_line("select", [0, A, 0, 0, 0], -22, m) == (
        "select(0, 0x7f0000010000, NULL, NULL, NULL) = -1 EINVAL (Invalid argument)")


def test_every_set_descriptor_without_a_cut():
    # 40 descriptors set: strace's bitset has no -s cut
    m = {A: struct.pack("<Q", (1 << 40) - 1)}
    line = call_line("select", [64, A, 0, 0, 0], -4, m)
    assert line == ("select(64, [%s], NULL, NULL, NULL) = -1 EINTR (Interrupted system call)"
                    % " ".join(str(i) for i in range(40)))


def test_nfds_bytes_rounded_to_the_long():
    # nfds=65 reads two longs; the set ends past the memory: the address
    m = {A: struct.pack("<Q", 1)}
    assert call_line("select", [65, A, 0, 0, 0], -14, m) == (
        "select(65, 0x7f0000010000, NULL, NULL, NULL) = -1 EFAULT (Bad address)")
    m = {A: struct.pack("<QQ", 1, 1)}
    assert call_line("select", [65, A, 0, 0, 0], -14, m) == (
        "select(65, [0 64], NULL, NULL, NULL) = -1 EFAULT (Bad address)")


def test_ready_with_no_set_left_shows_empty_parentheses():
    # the three sets share one fd_set the kernel cleared: `= 1 ()`
    m = {A: struct.pack("<Q", 0)}
    assert call_line("select", [5, A, A, A, 0], 1, m) == (
        "select(5, [], [], [], NULL) = 1 ()")
