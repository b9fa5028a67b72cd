"""The engine's wait: with more than one CPU it polls waitpid(WNOHANG) a bounded, adaptive number
of times before it blocks (engine.SPIN_MAX, SPIN_MIN). Seen from outside with strace tracing the
tracer itself (not its children: without -f): the polls are wait4(-1, ..., WNOHANG|__WALL)
calls. The trace is the same with and without; MINITRACE_SPIN=0 makes no poll; a tracee that
keeps blocking in long syscalls turns the budget down (each blocking wait after one that polled
in vain polls half as long). MINITRACE_SPIN=1 spins whatever the load of the machine (these
tests run on a shared, busy machine where the default would not spin)."""
import os
import re
import sys
import tempfile

import pytest

import tracecmp as tc
from minitrace import engine

pytestmark = pytest.mark.usefixtures("ptrace_ok")

# a tracee whose last three syscalls before its exit block 1 s each: far longer than SPIN_MAX
# polls take, even with each poll slowed by strace
SLEEPER = [sys.executable, "-c", "import time\nfor i in range(3):\n    time.sleep(1)"]
POLL_RE = re.compile(r"^wait4\(-1, .*WNOHANG\|__WALL.*\) = (\d+)")
BLOCK_RE = re.compile(r"^wait4\(-1, .*, __WALL(, |\))")
# a blocking wait4 cut by the SIGALRM that shows a call in progress (session.Flusher)
INTERRUPTED_RE = re.compile(r"^wait4\(-1, .*\) = \? ERESTART")


def waits_of(cmd, env):
    """Each wait of minitrace tracing cmd (-o /dev/null), from strace's trace of minitrace's
    own wait4 calls: (the polls that found nothing, whether a poll then found a stop: else a
    blocking wait4 followed)."""
    log = tempfile.mktemp(prefix="spinlog")
    try:
        lines, err, rc = tc.run_tool(
            [tc.STRACE, "-qq", "-e", "trace=wait4", "-o", log, sys.executable, "-m", "minitrace",
             "-o", os.devnull], [], cmd, output="stderr", env=env, cwd=tc.MINITRACE_ROOT)
        assert rc == 0, err
        waits, empty = [], 0
        with open(log) as f:
            for line in f:
                if INTERRUPTED_RE.match(line):
                    continue          # the same wait goes on (Python makes the call again)
                m = POLL_RE.match(line)
                if m and m.group(1) == "0":
                    empty += 1
                elif m or BLOCK_RE.match(line):
                    waits.append((empty, bool(m)))
                    empty = 0
    finally:
        if os.path.exists(log):
            os.unlink(log)
    return waits


SPIN = dict(os.environ, MINITRACE_SPIN="1")
NO_SPIN = dict(os.environ, MINITRACE_SPIN="0")


def test_limit_from_the_switch(monkeypatch):
    monkeypatch.setenv("MINITRACE_SPIN", "0")
    assert engine.spin_limit() == (0, 0)
    monkeypatch.setenv("MINITRACE_SPIN", "1")
    assert engine.spin_limit() == (engine.SPIN_MAX, 0)
    monkeypatch.delenv("MINITRACE_SPIN")
    cpus = len(os.sched_getaffinity(0))
    assert engine.spin_limit() == ((engine.SPIN_MAX, cpus) if cpus > 1 else (0, 0))


def test_same_trace_with_and_without_spin():
    cmd = ["dd", "if=/dev/zero", "of=/dev/null", "bs=1", "count=300", "status=none"]
    spun = tc.run_minitrace([], cmd, env=SPIN)[0]
    plain = tc.run_minitrace([], cmd, env=NO_SPIN)[0]
    assert tc.normalise(spun) == tc.normalise(plain)
    assert len([l for l in spun if l.startswith("read(0, ")]) == 300


def test_switch_turns_it_off():
    waits = waits_of(SLEEPER, NO_SPIN)
    assert waits and waits == [(0, False)] * len(waits), waits


def test_spin_bounded_and_turned_down_by_long_syscalls():
    waits = waits_of(SLEEPER, SPIN)
    blocks = [empty for empty, found in waits if not found]
    assert len(blocks) >= 3 and len(blocks) < len(waits), waits
    # every wait follows the rule: a block after exactly the budget's polls, which halves it;
    # a stop found within the budget, which doubles it when found in its second half
    budget = engine.SPIN_MAX
    for i, (empty, found) in enumerate(waits):
        if found:
            assert empty + 1 <= budget, (i, waits)
            if (empty + 1) * 2 > budget:
                budget = min(engine.SPIN_MAX, budget * 2)
        else:
            assert empty == budget, (i, waits)
            budget = max(engine.SPIN_MIN, budget // 2)
    # the three sleeps at the end turned it down
    assert blocks[-1] < engine.SPIN_MAX, blocks


def test_busy_machine_stops_it(monkeypatch):
    monkeypatch.setattr(os, "getloadavg", lambda: (3.5, 0.0, 0.0))
    assert engine.machine_busy(2) and not engine.machine_busy(3)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.2, 9.0, 9.0))   # the last minute counts
    assert not engine.machine_busy(2)
