"""Offline tests of decode/landlock.py: strace 6.1's text for hand-built calls."""
import struct

from minitrace import printers

from decodertest import call_line

P = 0x7f0000002000
EXECUTE, READ_FILE = 1, 4


def test_create_ruleset():
    mem = {P: struct.pack("<Q", EXECUTE | READ_FILE) + b"\0" * 8}
    assert call_line("landlock_create_ruleset", [P, 8, 0], 3, mem) == (
        "landlock_create_ruleset({handled_access_fs=LANDLOCK_ACCESS_FS_EXECUTE|"
        "LANDLOCK_ACCESS_FS_READ_FILE}, 8, 0) = 3")
    # a larger size: the rest is `...`; a size below the field: the address
    assert call_line("landlock_create_ruleset", [P, 16, 0], -7 - 7) == (
        "landlock_create_ruleset(0x7f0000002000, 16, 0) = -1 EFAULT (Bad address)")
    assert call_line("landlock_create_ruleset", [P, 16, 0], -14, mem) == (
        "landlock_create_ruleset({handled_access_fs=LANDLOCK_ACCESS_FS_EXECUTE|"
        "LANDLOCK_ACCESS_FS_READ_FILE, ...}, 16, 0) = -1 EFAULT (Bad address)")
    assert call_line("landlock_create_ruleset", [P, 7, 0], -22, mem) == (
        "landlock_create_ruleset(0x7f0000002000, 7, 0) = -1 EINVAL (Invalid argument)")


def test_create_ruleset_flags():
    assert call_line("landlock_create_ruleset", [0, 0, 1], 3) == (
        "landlock_create_ruleset(NULL, 0, LANDLOCK_CREATE_RULESET_VERSION) = 3")
    assert call_line("landlock_create_ruleset", [0, 0, 0xf0], -22) == (
        "landlock_create_ruleset(NULL, 0, 0xf0 /* LANDLOCK_CREATE_RULESET_??? */) = "
        "-1 EINVAL (Invalid argument)")
    raw = printers.Style(const_style="raw")
    assert call_line("landlock_create_ruleset", [0, 0, 1], 3, style=raw) == (
        "landlock_create_ruleset(NULL, 0, 0x1) = 3")


def test_add_rule():
    mem = {P: struct.pack("<Qi", EXECUTE, -1)}
    assert call_line("landlock_add_rule", [5, 1, P, 0], -9, mem) == (
        "landlock_add_rule(5, LANDLOCK_RULE_PATH_BENEATH, {allowed_access="
        "LANDLOCK_ACCESS_FS_EXECUTE, parent_fd=-1}, 0) = -1 EBADF (Bad file descriptor)")
    # the packed struct is 12 bytes: 8 readable ones print the address
    assert call_line("landlock_add_rule", [5, 1, P + 4, 0], -9, {P + 4: b"\0" * 8}) == (
        "landlock_add_rule(5, LANDLOCK_RULE_PATH_BENEATH, 0x7f0000002004, 0) = "
        "-1 EBADF (Bad file descriptor)")
    assert call_line("landlock_add_rule", [5, 7, P, 0xffffffff], -22, mem) == (
        "landlock_add_rule(5, 0x7 /* LANDLOCK_RULE_??? */, 0x7f0000002000, 0xffffffff) = "
        "-1 EINVAL (Invalid argument)")
    verbose = printers.Style(const_style="verbose")
    assert call_line("landlock_add_rule", [5, 1, P, 0], -9,
                     {P: struct.pack("<Qi", 1 << 40, 3)}, style=verbose) == (
        "landlock_add_rule(5, 0x1 /* LANDLOCK_RULE_PATH_BENEATH */, {allowed_access="
        "0x10000000000 /* LANDLOCK_ACCESS_FS_??? */, parent_fd=3}, 0) = "
        "-1 EBADF (Bad file descriptor)")


def test_restrict_self():
    assert call_line("landlock_restrict_self", [0xffffffff, 0x1], -9) == (
        "landlock_restrict_self(-1, 0x1) = -1 EBADF (Bad file descriptor)")
