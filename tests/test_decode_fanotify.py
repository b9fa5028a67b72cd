"""Offline tests of decode/fanotify.py."""
from minitrace import printers

from decodertest import call_line

P = 0x7f0000003000
RAW = printers.Style(const_style="raw")
VERBOSE = printers.Style(const_style="verbose")


def test_fanotify_init():
    assert call_line("fanotify_init", [0, 0], 3) == "fanotify_init(FAN_CLASS_NOTIF, O_RDONLY) = 3"
    assert call_line("fanotify_init", [0xc | 0x3, 0x80000001], -22) == (
        "fanotify_init(0xc /* FAN_CLASS_??? */|FAN_CLOEXEC|FAN_NONBLOCK, O_WRONLY|0x80000000) = "
        "-1 EINVAL (Invalid argument)")
    assert call_line("fanotify_init", [4 | 0x40000000, 0], -22) == (
        "fanotify_init(FAN_CLASS_CONTENT|0x40000000 /* FAN_??? */, O_RDONLY) = "
        "-1 EINVAL (Invalid argument)")


def test_fanotify_mark():
    mem = {P: b"/tmp\0"}
    assert call_line("fanotify_mark", [3, 1, 0x8, 0xffffff9c, P], 0, mem) == (
        'fanotify_mark(3, FAN_MARK_ADD, FAN_CLOSE_WRITE, AT_FDCWD, "/tmp") = 0')
    assert call_line("fanotify_mark", [3, 0, 0, 0xffffffff, 0], -22) == (
        "fanotify_mark(3, 0, 0, FAN_NOFD, NULL) = -1 EINVAL (Invalid argument)")
    assert call_line("fanotify_mark", [3, 0, 0x80000, 0xffffffff, 0], -22, style=VERBOSE) == (
        "fanotify_mark(3, 0, 0x80000 /* FAN_DIR_MODIFY */, -1 /* FAN_NOFD */, NULL) = "
        "-1 EINVAL (Invalid argument)")
    assert call_line("fanotify_mark", [3, 0x10000, 0x100000000, 5, 0], -22, style=RAW) == (
        "fanotify_mark(3, 0x10000, 0x100000000, 5, NULL) = -1 EINVAL (Invalid argument)")
    assert call_line("fanotify_mark", [3, 0x10000, 0x100000000, 5, 0], -22) == (
        "fanotify_mark(3, 0x10000 /* FAN_MARK_??? */, 0x100000000 /* FAN_??? */, 5, NULL) = "
        "-1 EINVAL (Invalid argument)")


def test_fanotify_mark_i386_mask_in_two_registers():
    assert call_line("fanotify_mark", [3, 1, 0x2, 0x1, 0xffffff9c, 0], -14, abi="i386") == (
        "fanotify_mark(3, FAN_MARK_ADD, FAN_MODIFY|0x100000000, AT_FDCWD, NULL) = "
        "-1 EFAULT (Bad address)")
