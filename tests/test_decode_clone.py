"""Offline tests of clone and clone3 (decode/process.py) in strace 6.1's text: clone's exit
fields in strace's order (parent_tid, tls, child_tidptr), clone3's 64-bit flags, exit_signal
past INT_MAX, set_tid arrays, cgroup, the nonzero bytes past the struct strace knows (`/* bytes
88..95 */`, `???`), and the `=> {...}` the kernel writes back. Our own inputs (x86_64); the forms
were checked against /usr/bin/strace with strace's clone3 and clone-flags tests."""
import struct

from minitrace import printers

from decodertest import call_line

ADDR = 0x7f0000010000
RAW = printers.Style(const_style="raw")
VERBOSE = printers.Style(const_style="verbose")
SIGCHLD = 17
CLONE_PIDFD, CLONE_SETTLS, CLONE_PARENT_SETTID = 0x1000, 0x80000, 0x100000
CLONE_CHILD_SETTID, CLONE_INTO_CGROUP, CLONE_CLEAR_SIGHAND = 0x1000000, 0x200000000, 0x100000000
EINVAL, E2BIG, EFAULT = -22, -7, -14


def clone_args(flags=0, pidfd=0, child_tid=0, parent_tid=0, exit_signal=0, stack=0,
               stack_size=0, tls=0, set_tid=0, set_tid_size=0, cgroup=0, size=88):
    data = struct.pack("<11Q", flags, pidfd, child_tid, parent_tid, exit_signal, stack,
                       stack_size, tls, set_tid, set_tid_size, cgroup)
    return data[:size]


def test_clone_exit_fields_in_strace_order():
    flags = CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID | SIGCHLD
    mem = {0x5000: struct.pack("<i", 4321)}
    assert call_line("clone", [flags, 0x7f00aa000000, 0x5000, 0x6000, 0x7000], 4321, mem) == (
        "clone(child_stack=0x7f00aa000000, flags=CLONE_SETTLS|CLONE_PARENT_SETTID|"
        "CLONE_CHILD_SETTID|SIGCHLD, parent_tid=[4321], tls=0x7000, child_tidptr=0x6000) = 4321")


def test_clone_pidfd_and_no_flags():
    mem = {0x5000: struct.pack("<i", 7)}
    assert call_line("clone", [CLONE_PIDFD | SIGCHLD, 0, 0x5000], 99, mem) == (
        "clone(child_stack=NULL, flags=CLONE_PIDFD|SIGCHLD, parent_tid=[7]) = 99")
    assert call_line("clone", [0], EINVAL) == (
        "clone(child_stack=NULL, flags=0) = -1 EINVAL (Invalid argument)")
    # clone3's own flags are unknown bits to clone
    assert call_line("clone", [CLONE_CLEAR_SIGHAND | SIGCHLD], EINVAL) == (
        "clone(child_stack=NULL, flags=0x100000000 /* CLONE_??? */|SIGCHLD) = "
        "-1 EINVAL (Invalid argument)")


def test_clone3_flags_and_exit_signal():
    mem = {ADDR: clone_args(flags=CLONE_INTO_CGROUP | CLONE_CLEAR_SIGHAND | 0x80 | 0x4000000000,
                            exit_signal=0xdeadbeef, cgroup=5)}
    assert call_line("clone3", [ADDR, 88], EINVAL, mem) == (
        "clone3({flags=CLONE_NEWTIME|CLONE_CLEAR_SIGHAND|CLONE_INTO_CGROUP|0x4000000000, "
        "exit_signal=3735928559, stack=NULL, stack_size=0, cgroup=5}, 88) = "
        "-1 EINVAL (Invalid argument)")
    mem = {ADDR: clone_args(flags=0x4000000000, exit_signal=SIGCHLD, stack_size=0x1000)}
    assert call_line("clone3", [ADDR, 88], EINVAL, mem, style=VERBOSE) == (
        "clone3({flags=0x4000000000 /* CLONE_??? */, exit_signal=17 /* SIGCHLD */, stack=NULL, "
        "stack_size=0x1000}, 88) = -1 EINVAL (Invalid argument)")
    # cgroup is not printed from a struct of the first version
    mem = {ADDR: clone_args(flags=CLONE_INTO_CGROUP, size=64)}
    assert call_line("clone3", [ADDR, 64], EINVAL, mem, style=RAW) == (
        "clone3({flags=0x200000000, exit_signal=0, stack=NULL, stack_size=0}, 64) = "
        "-1 EINVAL (Invalid argument)")


def test_clone3_set_tid():
    tids = struct.pack("<3i", 10, -2, 300)
    mem = {ADDR: clone_args(set_tid=0x9000, set_tid_size=3), 0x9000: tids}
    assert call_line("clone3", [ADDR, 88], EINVAL, mem) == (
        "clone3({flags=0, exit_signal=0, stack=NULL, stack_size=0, set_tid=[10, -2, 300], "
        "set_tid_size=3}, 88) = -1 EINVAL (Invalid argument)")
    mem = {ADDR: clone_args(set_tid=0x9000, set_tid_size=40)}
    assert call_line("clone3", [ADDR, 88], EINVAL, mem) == (
        "clone3({flags=0, exit_signal=0, stack=NULL, stack_size=0, set_tid=0x9000, "
        "set_tid_size=40}, 88) = -1 EINVAL (Invalid argument)")
    mem = {ADDR: clone_args(set_tid=0x9000, set_tid_size=2)}
    assert call_line("clone3", [ADDR, 88], EINVAL, mem) == (
        "clone3({flags=0, exit_signal=0, stack=NULL, stack_size=0, set_tid=0x9000, "
        "set_tid_size=2}, 88) = -1 EINVAL (Invalid argument)")


def test_clone3_bytes_past_the_struct():
    mem = {ADDR: clone_args() + b"\0\0\x01\xff" + b"\0" * 4}
    assert call_line("clone3", [ADDR, 96], E2BIG, mem) == (
        "clone3({flags=0, exit_signal=0, stack=NULL, stack_size=0, "
        '/* bytes 88..95 */ "\\x00\\x00\\x01\\xff\\x00\\x00\\x00\\x00"}, 96) = '
        "-1 E2BIG (Argument list too long)")
    # cut by -s, and the same again after the call when it succeeds
    mem = {ADDR: clone_args() + b"\x41" * 8}
    assert call_line("clone3", [ADDR, 96], 42, mem, style=printers.Style(string_limit=4)) == (
        'clone3({flags=0, exit_signal=0, stack=NULL, stack_size=0, /* bytes 88..95 */ '
        '"\\x41\\x41\\x41\\x41"...} => {/* bytes 88..95 */ "\\x41\\x41\\x41\\x41"...}, 96) = 42')
    # zero bytes print nothing; unreadable ones `???`
    assert call_line("clone3", [ADDR, 96], 42, {ADDR: clone_args() + b"\0" * 8}) == (
        "clone3({flags=0, exit_signal=0, stack=NULL, stack_size=0}, 96) = 42")
    assert call_line("clone3", [ADDR, 104], 42, {ADDR: clone_args()}) == (
        "clone3({flags=0, exit_signal=0, stack=NULL, stack_size=0, ???} => {???}, 104) = 42")


def test_clone3_written_back_and_short_sizes():
    mem = {ADDR: clone_args(flags=CLONE_PIDFD | CLONE_PARENT_SETTID, pidfd=0x9000,
                            parent_tid=0x9004, exit_signal=SIGCHLD),
           0x9000: struct.pack("<2i", 5, 5150)}
    assert call_line("clone3", [ADDR, 88], 5150, mem) == (
        "clone3({flags=CLONE_PIDFD|CLONE_PARENT_SETTID, pidfd=0x9000, parent_tid=0x9004, "
        "exit_signal=SIGCHLD, stack=NULL, stack_size=0} => {pidfd=[5], parent_tid=[5150]}, 88)"
        " = 5150")
    assert call_line("clone3", [ADDR, 88], EINVAL, mem) == (
        "clone3({flags=CLONE_PIDFD|CLONE_PARENT_SETTID, pidfd=0x9000, parent_tid=0x9004, "
        "exit_signal=SIGCHLD, stack=NULL, stack_size=0}, 88) = -1 EINVAL (Invalid argument)")
    assert call_line("clone3", [ADDR, 56], EINVAL, mem) == (
        "clone3(0x7f0000010000, 56) = -1 EINVAL (Invalid argument)")
    assert call_line("clone3", [0, 0], EINVAL) == "clone3(NULL, 0) = -1 EINVAL (Invalid argument)"
    assert call_line("clone3", [ADDR + 0x100000, 88], EFAULT, mem) == (
        "clone3(0x7f0000110000, 88) = -1 EFAULT (Bad address)")
