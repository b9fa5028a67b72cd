"""Offline tests of decode/keys.py (add_key, request_key)."""
from minitrace import printers

from decodertest import call_line

P = 0x7f0000004000


def test_add_key():
    mem = {P: b"user\0", P + 0x10: b"desc\0", P + 0x20: b"\x0e\x0f\x10secret"}
    assert call_line("add_key", [P, P + 0x10, P + 0x20, 5, 0xfffffffd], 42, mem) == (
        'add_key("user", "desc", "\\16\\17\\20se", 5, KEY_SPEC_SESSION_KEYRING) = 42')
    assert call_line("add_key", [0, 0, P + 0x1000, 1 << 63, 1234], -22, mem) == (
        "add_key(NULL, NULL, 0x7f0000005000, 9223372036854775808, 1234) = "
        "-1 EINVAL (Invalid argument)")
    verbose = printers.Style(const_style="verbose")
    assert call_line("add_key", [0, 0, 0, 0, 0xffffffff], -14, style=verbose) == (
        "add_key(NULL, NULL, NULL, 0, -1 /* KEY_SPEC_THREAD_KEYRING */) = -1 EFAULT (Bad address)")
    raw = printers.Style(const_style="raw")
    assert call_line("add_key", [0, 0, 0, 0, 0xffffffff], -14, style=raw) == (
        "add_key(NULL, NULL, NULL, 0, -1) = -1 EFAULT (Bad address)")


def test_request_key():
    mem = {P: b"user\0", P + 0x10: b"x" * 40 + b"\0"}
    assert call_line("request_key", [P, P + 0x10, 0, 0xfffffff8 & 0xffffffff], -126, mem) == (
        'request_key("user", "%s"..., NULL, KEY_SPEC_REQUESTOR_KEYRING) = '
        "-1 ENOKEY (Required key not available)" % ("x" * 32))
    assert call_line("request_key", [0, 0, 0, 7], -14) == (
        "request_key(NULL, NULL, NULL, 7) = -1 EFAULT (Bad address)")
