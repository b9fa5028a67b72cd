"""-e inject=...:poke_enter=/poke_exit= against the real strace: pokes that write all, part or
nothing of their data, an argument the call does not have; strace's messages on stderr
(`couldn't poke`, `upoken: ... short write`, `umovestr: short read`) and the trace's
`(INJECTED: args)` notes."""
import re

import pytest

import tracecmp as tc

pytestmark = pytest.mark.usefixtures("ptrace_ok")

POKES = ["-e", "trace=chdir,getcwd",
         "-e", "inject=chdir:poke_enter=@arg1=2f2f2f2f2f2f2f2f2f2f2f2f2f2f00,@arg2=00",
         "-e", "inject=getcwd:poke_exit=@arg1=2f00"]


def norm(lines):
    return [re.sub(r"0x[0-9a-f]+", "ADDR", re.sub(r"\b\d{2,}\b", "N", l)) for l in lines]


def test_poke_messages_and_notes():
    argv = [tc.build("inject_poke")]
    s = tc.run_strace(POKES, argv)
    m = tc.run_minitrace(POKES, argv)
    assert m[2] == s[2] == 0, m[1]
    assert norm(m[0]) == norm(s[0]), tc.compare(s[0], m[0])
    a = norm(tc.stderr_lines(s[1], "strace"))
    b = norm(tc.stderr_lines(m[1], "minitrace"))
    for kind in ("couldn't poke", "upoken: pid:N short write (1 < N)", "umovestr: short read",
                 "but system call 'chdir' has only 1 arguments"):
        assert any(kind in l for l in a), "strace printed no %r: the workload changed" % kind
    assert a == b, tc.compare(a, b)


@pytest.mark.parametrize("value", ["-1", "-2", "-4095", "0x8000000000000000", "4294967295"])
def test_injected_retval_is_a_success(value):
    """strace forces the error of an injected retval= to 0: `= -1 (INJECTED)` for a pid or a
    descriptor, `= 18446744073709551614 (INJECTED)` for a plain result, never an errno."""
    opts = ["-e", "trace=getpid,getppid,geteuid,dup,waitid,close",
            "-e", "inject=getpid,getppid,geteuid,dup,waitid:retval=%s" % value,
            "-e", "inject=close:retval=%s:when=2" % value]
    argv = [tc.build("inject_retval")]
    s = tc.run_strace(opts, argv)
    m = tc.run_minitrace(opts, argv)
    assert m[2] == s[2] == 0, m[1]
    assert sum("(INJECTED)" in l for l in s[0]) == 6, s[0]
    assert m[0] == s[0], tc.compare(s[0], m[0])


@pytest.mark.parametrize("inject", ["inject=chdir:retval=7", "inject=chdir:retval=7:syscall=gettid",
                                    "inject=chdir:retval=0:syscall=gettid"])
def test_injected_retval_replaces_the_result_of_a_plain_decoder(inject):
    """chdir's result is printed by the engine without its decoder (Decoder.plain_result): the
    value printed is the injected one, not what the kernel returned (gettid's tid, with
    syscall=gettid), as strace prints it."""
    opts = ["-e", "trace=chdir", "-e", inject]
    argv = ["/bin/sh", "-c", "cd /; cd /tmp"]      # a result of 7 fails the cd: exit 2
    s = tc.run_strace(opts, argv)
    m = tc.run_minitrace(opts, argv)
    assert m[2] == s[2], m[1]
    assert sum("(INJECTED)" in l for l in s[0]) == 2, s[0]
    assert m[0] == s[0], tc.compare(s[0], m[0])
