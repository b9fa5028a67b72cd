"""Offline tests of length-bounded buffers next to unreadable memory (strace 6.1's printstrn:
it fetches min(len, -s + 1) bytes and prints the address when any of them cannot be read; the
suite's printstr and printstrn-umoven* tests). The fake memory ends where its region ends."""
import struct

from minitrace import printers

from decodertest import call_line

P = 0x7f0000010000
EFAULT = -14
S = "/" * 32


def add_key(length, readable, style=None):
    mem = {P: b"/" * readable}
    return call_line("add_key", [0, 0, P, length, 0xffffffff], EFAULT, mem, style=style)


def test_longer_than_s_needs_one_byte_past_the_shown_ones():
    tail = ", KEY_SPEC_THREAD_KEYRING) = -1 EFAULT (Bad address)"
    # 32 bytes readable, then an unmapped page
    assert add_key(32, 32) == 'add_key(NULL, NULL, "%s", 32%s' % (S, tail)
    assert add_key(33, 32) == "add_key(NULL, NULL, %#x, 33%s" % (P, tail)
    assert add_key(40, 32) == "add_key(NULL, NULL, %#x, 40%s" % (P, tail)
    # the 33rd byte readable: the 32 shown, then `...`
    assert add_key(33, 33) == 'add_key(NULL, NULL, "%s"..., 33%s' % (S, tail)
    assert add_key(40, 33) == 'add_key(NULL, NULL, "%s"..., 40%s' % (S, tail)
    # fewer bytes than asked and fewer than -s: the address
    assert add_key(5, 4) == "add_key(NULL, NULL, %#x, 5%s" % (P, tail)


def test_string_limit_4096_and_0():
    s4096 = printers.Style(string_limit=4096)
    assert add_key(4097, 4096, s4096).split(", ")[2] == "%#x" % P
    assert add_key(4097, 4097, s4096).split(", ")[2] == '"%s"...' % ("/" * 4096)
    assert add_key(4096, 4096, s4096).split(", ")[2] == '"%s"' % ("/" * 4096)
    # -s 0 still reads one byte of a nonempty buffer (strace -s0: `write(1, 0x10, 5)`)
    s0 = printers.Style(string_limit=0)
    assert add_key(5, 0, s0).split(", ")[2] == "%#x" % P
    assert add_key(5, 1, s0).split(", ")[2] == '""...'


def test_writev_iov_len_minus_one():
    # printstr.c: iov_len=-1, the buffer's last readable byte at the end of a page
    iov = 0x30000
    mem = {iov: struct.pack("<QQ", P, 2 ** 64 - 1), P: b"\0" + b"X" * 30 + b"\0" + b"X"}
    head = "writev(-1, [{iov_base="
    tail = ", iov_len=18446744073709551615}], 1) = -1 EBADF (Bad file descriptor)"
    assert call_line("writev", [2 ** 32 - 1, iov, 1], -9, mem) == (
        head + '"\\0%s\\0"...' % ("X" * 30) + tail)
    # one byte further: 32 readable bytes left, one short of what is fetched
    mem[iov] = struct.pack("<QQ", P + 1, 2 ** 64 - 1)
    assert call_line("writev", [2 ** 32 - 1, iov, 1], -9, mem) == head + "%#x" % (P + 1) + tail


def test_read_result_longer_than_s():
    mem = {P: b"a" * 32}
    assert call_line("read", [3, P, 100], 33, mem) == "read(3, %#x, 100) = 33" % P
    mem[P] = b"a" * 33
    assert call_line("read", [3, P, 100], 33, mem) == 'read(3, "%s"..., 100) = 33' % ("a" * 32)


def test_xattr_value_trailing_nul_with_the_extra_byte():
    name, value = 0x20000, P
    mem = {name: b"user.x\0", value: b"v" * 31 + b"\0" + b"w"}
    # the last byte shown (the 32nd) is a NUL: left out, no `...` (QUOTE_OMIT_TRAILING_0)
    assert call_line("fsetxattr", [-1, name, value, 40, 1], -9, mem).split(", ")[2] == (
        '"%s"' % ("v" * 31))
    # the 33rd byte unreadable: the address
    mem[value] = b"v" * 31 + b"\0"
    assert call_line("fsetxattr", [-1, name, value, 40, 1], -9, mem).split(", ")[2] == (
        "%#x" % value)


def test_ioctl_buffers_fetch_one_byte_past_s():
    """The ioctl decoders that print a length-bounded buffer go through the same rule
    (RNDADDENTROPY's buf, HDIO_GET_IDENTITY's 512 bytes; v4l2's string controls use it too)."""
    pool = struct.pack("=ii", 3, 40)
    assert call_line("ioctl", [3, 0x40085203, P], 0, {P: pool + b"a" * 32}) == \
        "ioctl(3, RNDADDENTROPY, {entropy_count=3, buf_size=40, buf=%#x}) = 0" % (P + 8)
    assert call_line("ioctl", [3, 0x40085203, P], 0, {P: pool + b"a" * 33}) == \
        "ioctl(3, RNDADDENTROPY, {entropy_count=3, buf_size=40, buf=\"%s\"...}) = 0" % ("a" * 32)
    assert call_line("ioctl", [3, 0x30d, P], 0, {P: b"A" * 32}) == \
        "ioctl(3, HDIO_GET_IDENTITY, %#x) = 0" % P
    assert call_line("ioctl", [3, 0x30d, P], 0, {P: b"A" * 33}) == \
        "ioctl(3, HDIO_GET_IDENTITY, \"%s\"...) = 0" % ("A" * 32)
