"""A call's entry text made after its tracee is resumed into the call (Engine._syscall_entry,
Decoder.enter_while_running): only where the decoder reads nothing the call writes back, and
never with -y/-Y (their /proc lookups see the state before the call) or -k. Offline: a scripted
stop, a memory that logs its reads, and the resume logged in the same list."""
import pytest

import syscalls
from minitrace import decode, engine, events, sysent
from minitrace.engine import loop
from minitrace.decode import Context

from decodertest import FakeMemory

PID = 4194000          # no such process here: the netlink check of a send finds no descriptor
BUF, LEN = 0x10000, 0x20000


class LoggedMemory(FakeMemory):
    """Tracee memory as {address: bytes}; every read is logged as "read"."""

    touched = False

    def __init__(self, log, regions):
        FakeMemory.__init__(self, regions)
        self.log = log

    def read(self, pid, addr, size):
        self.log.append("read")
        return FakeMemory.read(self, pid, addr, size)

    def read_cstring(self, pid, addr, limit):
        self.log.append("read")
        return FakeMemory.read_cstring(self, pid, addr, limit)

    def forget(self, pid):
        pass


class OneEntry(object):
    """The syscall-info source of one entry stop."""

    uses_regs = False

    def __init__(self, nr, args):
        self.info = ("entry", "x86_64", nr, tuple(args) + (0,) * (6 - len(args)), 0x401000, 0)

    def stop(self, pid, entering):
        return self.info


@pytest.fixture
def log(monkeypatch):
    log = []

    def fast_ptrace(request, pid, addr, data):
        log.append("resume")
        return 0
    monkeypatch.setattr(loop, "FAST_PTRACE", fast_ptrace)   # where the entry stop calls it
    return log


def entry(log, name, args, setup=None):
    """Run one entry stop of `name`; (its ENTER event's call, the log)."""
    memory = LoggedMemory(log, {BUF: b"hello\0", LEN: b"\x10\0\0\0"})
    ctx = Context(memory)
    eng = engine.Engine(sysent.SysTables(lambda abi, nr, n: True),
                        OneEntry(syscalls.table("x86_64").numbers[name], args), memory, ctx)
    if setup is not None:
        setup(eng)
    eng._allow_enter_while_running()
    t = engine.Tracee(PID)
    eng.tracees[PID] = t
    kind, call = eng._syscall_entry(t)
    assert kind == events.ENTER and t.call is call and t.in_syscall
    return call


def test_in_only_entry_is_made_after_the_resume(log):
    call = entry(log, "sendto", [4, BUF, 5, 0, 0, 0])
    assert call.entry_text == '4, "hello", 5, 0, NULL, 0'
    assert log[0] == "resume" and "read" in log[1:]


def test_entry_reading_an_in_out_value_is_made_first(log):
    # getsockname's length is read at entry and written by the kernel: `[128 => 16]`
    call = entry(log, "getsockname", [4, BUF, LEN])
    assert call.entry_text == "4, " and call.saved == 16
    assert log == ["read", "resume"]


def test_exec_entry_is_made_first(log):
    entry(log, "execve", [BUF, 0, 0])
    assert log[0] == "read" and log[-1] == "resume"


@pytest.mark.parametrize("name, args", [
    ("rt_sigprocmask", [0, BUF, BUF, 8]),          # set == oldset: the old set is written over
    ("rt_sigaction", [10, BUF, BUF, 8]),
    ("nanosleep", [BUF, BUF]),                     # req == rem: the loop that sleeps again
    ("clock_nanosleep", [0, 0, BUF, BUF]),
])
def test_entry_whose_in_value_an_out_one_may_overwrite_is_made_first(log, name, args):
    entry(log, name, args)
    assert log[0] == "read" and log[-1] == "resume"


@pytest.mark.parametrize("option", ["-Y", "-k", "-c"])
def test_options_that_read_the_state_before_the_call(log, option):
    def setup(eng):
        if option == "-Y":
            eng.ctx.pids = object()        # any decorator: it reads /proc before the call
        elif option == "-k":
            eng.captures = (object(),)
        else:
            eng.decode = False             # -c: nothing is decoded, the resume is at once
    call = entry(log, "sendto", [4, BUF, 5, 0, 0, 0], setup)
    if option == "-c":
        assert log == ["resume"] and not call.entry_text
    else:
        assert log[-1] == "resume" and log[0] == "read"


def test_only_the_class_that_says_so_has_it():
    """A subclass does not inherit it: accept4's enter() is accept's with a tail, ppoll's
    timeout is written back while poll's is a number."""
    has = dict((name, type(decode.lookup(name)).enter_while_running)
               for name in ("sendto", "poll", "ppoll", "accept", "accept4", "getcwd",
                            "epoll_wait", "epoll_pwait", "select", "ioctl", "fcntl", "execve"))
    assert has == {"sendto": True, "poll": True, "ppoll": False, "accept": False,
                   "accept4": False, "getcwd": True, "epoll_wait": True, "epoll_pwait": True,
                   "select": False, "ioctl": False, "fcntl": False, "execve": False}
    tables = sysent.SysTables(lambda abi, nr, n: True)
    numbers = syscalls.table("x86_64").numbers
    assert not tables.entry("x86_64", numbers["execve"], PID).enter_while_running
    assert tables.entry("x86_64", numbers["sendto"], PID).enter_while_running


# set == oldset and act == oldact, through syscall(2) (glibc's wrappers may copy them): the old
# value the kernel writes back, over the new one, alternates with the new one, so a set read
# after the kernel wrote would show in the line
ALIASED = r"""
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
USR1, USR2 = 10, 12
mask = ctypes.c_uint64()
act = (ctypes.c_ulong * 4)()                    # handler, flags, restorer, mask
for i in range(100):
    mask.value = 1 << ((USR1 if i % 2 else USR2) - 1)
    libc.syscall(14, 2, ctypes.byref(mask), ctypes.byref(mask), 8)     # SIG_SETMASK
    act[0] = 1 if i % 2 else 0                                          # SIG_IGN / SIG_DFL
    libc.syscall(13, USR1, act, act, 8)
libc.syscall(14, 2, None, ctypes.byref(mask), 8)
"""


def test_in_value_an_out_one_overwrites_shows_as_strace_shows_it(ptrace_ok):
    import sys
    import tracecmp as tc
    cmd = [sys.executable, "-c", ALIASED]
    args = ["-e", "trace=rt_sigprocmask,rt_sigaction", "-e", "signal=none"]
    wanted = []
    for run in (tc.run_strace, tc.run_minitrace):
        lines, err, code = run(args, cmd)
        assert code == 0, err
        wanted.append([l for l in lines if "SIG_SETMASK, [USR" in l or "SIGUSR1, {" in l])
    assert len(wanted[0]) == 200, wanted[0]
    assert wanted[1] == wanted[0]
