"""Offline tests of openat2's struct open_how (decode/file.py) in strace 6.1's text: 64-bit flags
and mode, the nonzero bytes past the struct (`/* bytes 24..31 */`, `???`), short sizes. Our own
inputs (x86_64); forms checked against /usr/bin/strace with strace's openat2 tests."""
import struct

from minitrace import printers

from decodertest import call_line

PATH, HOW = 0x10000, 0x20000
O_WRONLY, O_CREAT = 0o1, 0o100


def how(flags, mode, resolve, tail=b""):
    return {PATH: b"f\0", HOW: struct.pack("<3Q", flags, mode, resolve) + tail}


def test_open_how_fields():
    assert call_line("openat2", [-100, PATH, HOW, 24], 3, how(O_WRONLY | O_CREAT, 0o640, 0x4)) == (
        'openat2(AT_FDCWD, "f", {flags=O_WRONLY|O_CREAT, mode=0640, '
        "resolve=RESOLVE_NO_SYMLINKS}, 24) = 3")
    # 64-bit flags and mode are printed whole
    assert call_line("openat2", [-1, PATH, HOW, 24], -22,
                     how(0xdead000080000000, 0o1234567012345670123, 0)) == (
        'openat2(-1, "f", {flags=O_RDONLY|0xdead000080000000, mode=01234567012345670123, '
        "resolve=0}, 24) = -1 EINVAL (Invalid argument)")
    assert call_line("openat2", [-1, PATH, HOW, 24], -22, how(0, 0, 0x1000),
                     style=printers.Style(const_style="verbose")) == (
        'openat2(-1, "f", {flags=0 /* O_RDONLY */, resolve=0x1000 /* RESOLVE_??? */}, 24) = '
        "-1 EINVAL (Invalid argument)")


def test_open_how_sizes_and_tail():
    # the memory ends at byte 27: the tail is unreadable
    assert call_line("openat2", [-1, PATH, HOW, 32], -7, how(0, 0, 0, b"\0\0\x01")) == (
        'openat2(-1, "f", {flags=O_RDONLY, resolve=0, ???}, 32) = -1 E2BIG (Argument list too long)')
    assert call_line("openat2", [-1, PATH, HOW, 32], -7, how(0, 0, 0, b"\0\0\x01" + b"\0" * 5)) == (
        'openat2(-1, "f", {flags=O_RDONLY, resolve=0, /* bytes 24..31 */ '
        '"\\x00\\x00\\x01\\x00\\x00\\x00\\x00\\x00"}, 32) = -1 E2BIG (Argument list too long)')
    assert call_line("openat2", [-1, PATH, HOW, 32], 3, how(0, 0, 0, b"\0" * 8)) == (
        'openat2(-1, "f", {flags=O_RDONLY, resolve=0}, 32) = 3')
    assert call_line("openat2", [-1, PATH, HOW, 40], -14, how(0, 0, 0, b"\0" * 8)) == (
        'openat2(-1, "f", {flags=O_RDONLY, resolve=0, ???}, 40) = -1 EFAULT (Bad address)')
    assert call_line("openat2", [-1, PATH, HOW, 23], -22, how(0, 0, 0)) == (
        'openat2(-1, "f", 0x20000, 23) = -1 EINVAL (Invalid argument)')
