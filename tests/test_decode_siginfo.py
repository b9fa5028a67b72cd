"""siginfo as strace 6.1 prints it: offline (raw siginfo bytes in the host layout, the text of
strace's `--- SIG... {...} ---` line out, with -X abbrev/raw/verbose), and live: the signal lines
of tests/progs/decode_siginfo.c (SI_TIMER with an overrun, SI_QUEUE, SI_TKILL, SI_USER,
SI_MESGQ, SIGCHLD of an exit and of a kill) under strace and minitrace.

The -X raw / -X verbose live tests pass once render.py hands the Style to signals.siginfo().
"""
import re
import struct

import syscalls
import tracecmp

from minitrace import printers
from minitrace.decode import signals

CONSTS = syscalls.constants("x86_64")
RAW = printers.Style(const_style="raw")
VERBOSE = printers.Style(const_style="verbose")
PTR = struct.calcsize("P")
UNION = 16 if PTR == 8 else 12


def info(signo, code, errno_=0, union=b""):
    head = struct.pack("=iii", signo, errno_, code)
    head += b"\0" * (UNION - len(head))
    return (head + union).ljust(128, b"\0")


def timer(tid, overrun, value):
    return struct.pack("=ii", tid, overrun) + struct.pack("P", value)


def rt(pid, uid, value):
    return struct.pack("=iI", pid, uid) + struct.pack("P", value)


def chld(pid, uid, status, utime=0, stime=0):
    return struct.pack("=iIi", pid, uid, status) + b"\0" * (PTR - 4) + struct.pack(
        "ll", utime, stime)


def test_si_timer():
    raw = info(10, -2, union=timer(0, 0, 5))
    assert signals.siginfo(CONSTS, raw) == (
        "{si_signo=SIGUSR1, si_code=SI_TIMER, si_timerid=0, si_overrun=0, si_int=5, si_ptr=0x5}")
    assert signals.siginfo(CONSTS, raw, RAW) == (
        "{si_signo=10, si_code=0xfffffffe, si_timerid=0, si_overrun=0, si_int=5, si_ptr=0x5}")
    assert signals.siginfo(CONSTS, raw, VERBOSE) == (
        "{si_signo=10 /* SIGUSR1 */, si_code=0xfffffffe /* SI_TIMER */, si_timerid=0, "
        "si_overrun=0, si_int=5, si_ptr=0x5}")
    raw = info(36, -2, union=timer(1, 19, 0x1234))
    assert signals.siginfo(CONSTS, raw) == (
        "{si_signo=SIGRT_4, si_code=SI_TIMER, si_timerid=0x1, si_overrun=19, si_int=4660, "
        "si_ptr=0x1234}")


def test_sigchld():
    raw = info(17, 1, union=chld(20698, 0, 3))
    assert signals.siginfo(CONSTS, raw) == (
        "{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=20698, si_uid=0, si_status=3, "
        "si_utime=0, si_stime=0}")
    assert signals.siginfo(CONSTS, raw, RAW) == (
        "{si_signo=17, si_code=0x1, si_pid=20698, si_uid=0, si_status=3, si_utime=0, "
        "si_stime=0}")
    assert signals.siginfo(CONSTS, raw, VERBOSE) == (
        "{si_signo=17 /* SIGCHLD */, si_code=0x1 /* CLD_EXITED */, si_pid=20698, si_uid=0, "
        "si_status=3, si_utime=0, si_stime=0}")
    raw = info(17, 2, union=chld(20699, 0, 9))
    assert signals.siginfo(CONSTS, raw) == (
        "{si_signo=SIGCHLD, si_code=CLD_KILLED, si_pid=20699, si_uid=0, si_status=SIGKILL, "
        "si_utime=0, si_stime=0}")
    assert signals.siginfo(CONSTS, raw, RAW) == (
        "{si_signo=17, si_code=0x2, si_pid=20699, si_uid=0, si_status=9, si_utime=0, "
        "si_stime=0}")
    assert signals.siginfo(CONSTS, raw, VERBOSE) == (
        "{si_signo=17 /* SIGCHLD */, si_code=0x2 /* CLD_KILLED */, si_pid=20699, si_uid=0, "
        "si_status=9 /* SIGKILL */, si_utime=0, si_stime=0}")


def test_user_codes():
    assert signals.siginfo(CONSTS, info(12, -1, union=rt(20697, 0, 42))) == (
        "{si_signo=SIGUSR2, si_code=SI_QUEUE, si_pid=20697, si_uid=0, si_int=42, si_ptr=0x2a}")
    assert signals.siginfo(CONSTS, info(10, -1, union=rt(20975, 0, 0)), RAW) == (
        "{si_signo=10, si_code=0xffffffff, si_pid=20975, si_uid=0}")
    assert signals.siginfo(CONSTS, info(12, -3, union=rt(20709, 0, 7)), VERBOSE) == (
        "{si_signo=12 /* SIGUSR2 */, si_code=0xfffffffd /* SI_MESGQ */, si_pid=20709, "
        "si_uid=0, si_int=7, si_ptr=0x7}")
    assert signals.siginfo(CONSTS, info(12, -6, union=rt(20697, 0, 0))) == (
        "{si_signo=SIGUSR2, si_code=SI_TKILL, si_pid=20697, si_uid=0}")
    assert signals.siginfo(CONSTS, info(12, 0, union=rt(20709, 0, 0)), VERBOSE) == (
        "{si_signo=12 /* SIGUSR2 */, si_code=0 /* SI_USER */, si_pid=20709, si_uid=0}")
    # an unknown code stays hex in every style; si_errno by name
    raw = info(10, -100, 2, rt(20971, 0, 0))
    assert signals.siginfo(CONSTS, raw) == (
        "{si_signo=SIGUSR1, si_code=0xffffff9c, si_errno=ENOENT, si_pid=20971, si_uid=0}")
    assert signals.siginfo(CONSTS, raw, RAW) == (
        "{si_signo=10, si_code=0xffffff9c, si_errno=2, si_pid=20971, si_uid=0}")
    assert signals.siginfo(CONSTS, raw, VERBOSE) == (
        "{si_signo=10 /* SIGUSR1 */, si_code=0xffffff9c, si_errno=2 /* ENOENT */, "
        "si_pid=20971, si_uid=0}")
    assert signals.siginfo(CONSTS, info(36, -100, 999, rt(20971, 0, 0)), VERBOSE) == (
        "{si_signo=36 /* SIGRT_4 */, si_code=0xffffff9c, si_errno=999, si_pid=20971, si_uid=0}")


def test_kernel_codes():
    assert signals.siginfo(CONSTS, info(14, 0x80)) == "{si_signo=SIGALRM, si_code=SI_KERNEL}"
    assert signals.siginfo(CONSTS, info(11, 1)) == (
        "{si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL}")
    # SI_KERNEL is positive: strace prints the fault address of a SIGSEGV with it
    assert signals.siginfo(CONSTS, info(11, 0x80)) == (
        "{si_signo=SIGSEGV, si_code=SI_KERNEL, si_addr=NULL}")
    sys_ = struct.pack("P", 0x7f9a8412b321) + struct.pack("=iI", 165, 0xc000003e)
    assert signals.siginfo(CONSTS, info(31, 1, union=sys_)) == (
        "{si_signo=SIGSYS, si_code=SYS_SECCOMP, si_call_addr=0x7f9a8412b321, "
        "si_syscall=__NR_mount, si_arch=AUDIT_ARCH_X86_64}")
    assert signals.siginfo(CONSTS, info(0, 0)) == "{}"


# ---------------------------------------------------------------------------------------------
# live

_OVERRUN_RE = re.compile(r"si_overrun=\d+")


def signal_lines(lines):
    """The `---` lines, normalised (pids, and the overrun count of the periodic timer), with
    repeats of one line collapsed: the periodic timer may fire once more before it is deleted,
    in either tracer, depending on scheduling."""
    import itertools
    lines = [_OVERRUN_RE.sub("si_overrun=N", l)
             for l in tracecmp.normalise([l for l in lines if l.startswith("---")])]
    return [line for line, _ in itertools.groupby(lines)]


def compare(args, exe=None):
    """The `---` lines of the program (by default the host build) under both tracers."""
    exe = exe or tracecmp.build("decode_siginfo")
    a = signal_lines(tracecmp.run_strace(args + ["-e", "trace=none"], [exe])[0])
    b = signal_lines(tracecmp.run_minitrace(args + ["-e", "trace=none"], [exe])[0])
    assert len(a) >= 7, a
    assert a == b, tracecmp.compare(a, b)


def test_live_abbrev(ptrace_ok):
    compare([])


def test_live_raw(ptrace_ok):
    """Needs render.py to pass the Style: `--- SIGCHLD {si_signo=17, si_code=0x1, ...} ---`."""
    compare(["-X", "raw"])


def test_live_verbose(ptrace_ok):
    compare(["-X", "verbose"])
