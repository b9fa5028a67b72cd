"""pytest setup: the repository root on sys.path (so `import minitrace`, `import syscalls` and
`import tracecmp` work), a session check that ptrace works here (when it does not, the tests that
need it FAIL with the reason: a skip would hide a broken test machine), and the leak check
(tests/leakcheck.py): a session that leaves System V IPC objects, processes or temporary files
behind fails."""
import ctypes
import ctypes.util
import os
import sys

import pytest

TESTS = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(TESTS)
for _p in (ROOT, TESTS):
    if _p not in sys.path:
        sys.path.insert(0, _p)

import leakcheck  # noqa: E402

PTRACE_TRACEME = 0


def _ptrace_problem():
    """None when a forked child can PTRACE_TRACEME, else a one-line reason."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    except OSError as e:
        return "cannot load libc: %s" % e
    libc.ptrace.restype = ctypes.c_long
    libc.ptrace.argtypes = [ctypes.c_long, ctypes.c_long, ctypes.c_void_p, ctypes.c_void_p]
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(r)
            res = libc.ptrace(PTRACE_TRACEME, 0, None, None)
            err = ctypes.get_errno() if res != 0 else 0
            os.write(w, str(err).encode())
        finally:
            os._exit(0)
    os.close(w)
    data = b""
    while True:
        chunk = os.read(r, 64)
        if not chunk:
            break
        data += chunk
    os.close(r)
    os.waitpid(pid, 0)
    try:
        err = int(data)
    except ValueError:
        return "the PTRACE_TRACEME probe child died without an answer"
    if err:
        return "PTRACE_TRACEME: %s" % os.strerror(err)
    return None


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "slow: minutes, not seconds (the qemu proof); leave out with -m 'not slow'")
    config.addinivalue_line(
        "markers", "suite: strace 6.1's own test suite (tools/strace_suite.py), minutes; leave "
                   "out with -m 'not suite'")
    if not hasattr(config, "workerinput"):
        config._leakcheck = leakcheck.Session()
    # a background job (`cmd &` in a script, nohup) starts with SIGINT and SIGQUIT ignored, and
    # every program a test starts would inherit that: the tests want them as a terminal gives them
    import signal
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    if signal.getsignal(signal.SIGQUIT) == signal.SIG_IGN:
        signal.signal(signal.SIGQUIT, signal.SIG_DFL)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    """After pytest's own (which tears down the fixtures still set up: those of an
    interrupted session), so that what a fixture cleans up is not counted as left behind."""
    checker = getattr(session.config, "_leakcheck", None)
    if checker is None:
        return
    leaks = checker.finish()
    if leaks:
        session.config._leakcheck_report = leaks
        if session.exitstatus == 0:
            session.exitstatus = 1


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    leaks = getattr(config, "_leakcheck_report", None)
    if leaks:
        terminalreporter.section("leak check: the tests left things behind", sep="=", red=True)
        for line in leaks:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def ptrace_ok():
    """Use in every test that traces: fails (not skips) when ptrace is not available."""
    problem = _ptrace_problem()
    if problem:
        pytest.fail("ptrace is not available here: %s (a container without CAP_SYS_PTRACE, "
                    "a seccomp profile, or kernel.yama.ptrace_scope=3?)" % problem,
                    pytrace=False)
    if not os.path.exists("/usr/bin/strace"):
        pytest.fail("/usr/bin/strace is missing: it is the oracle of the comparison tests "
                    "(apt-get install strace)", pytrace=False)
    return True
