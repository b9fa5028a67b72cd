"""The engine's wait: with more than one CPU it polls waitpid(WNOHANG) a bounded, adaptive number
of times before it blocks (engine.SPIN_MAX, SPIN_MIN). Seen from outside with strace tracing the
tracer itself (not its children: without -f): the polls are wait4(-1, ..., WNOHANG|__WALL)
calls. The trace is the same with and without; MINITRACE_NO_SPIN=1 makes no poll; a tracee
that keeps blocking in long syscalls turns the budget down (far fewer failed polls than
SPIN_MAX at every wait)."""
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


def polls_before_blocking(cmd, env=None):
    """The number of polls (wait4 with WNOHANG that found nothing) before each blocking wait4
    of minitrace tracing cmd (-o /dev/null), from strace's trace of minitrace's own wait4
    calls; and the number of polls that found a stop."""
    log = tempfile.mktemp(prefix="spinlog")
    try:
        lines, err, rc = tc.run_tool(
            [tc.STRACE, "-qq", "-e", "trace=wait4", "-o", log, sys.executable, "-m", "minitrace",
             "-o", os.devnull], [], cmd, output="stderr", env=env, cwd=tc.MINITRACE_ROOT)
        assert rc == 0, err
        blocks, found, empty = [], 0, 0
        with open(log) as f:
            for line in f:
                m = POLL_RE.match(line)
                if m and m.group(1) == "0":
                    empty += 1
                elif m:
                    found += 1
                    empty = 0
                elif BLOCK_RE.match(line):
                    blocks.append(empty)
                    empty = 0
    finally:
        if os.path.exists(log):
            os.unlink(log)
    return blocks, found


def needs_cpus():
    if engine.spin_limit() == 0:
        pytest.skip("one CPU (or MINITRACE_NO_SPIN set): the engine does not spin")


def test_same_trace_with_and_without_spin():
    cmd = ["dd", "if=/dev/zero", "of=/dev/null", "bs=1", "count=300", "status=none"]
    spun = tc.run_minitrace([], cmd, env=dict(os.environ, MINITRACE_NO_SPIN=""))[0]
    plain = tc.run_minitrace([], cmd, env=dict(os.environ, MINITRACE_NO_SPIN="1"))[0]
    assert tc.normalise(spun) == tc.normalise(plain)
    assert len([l for l in spun if l.startswith("read(0, ")]) == 300


def test_switch_turns_it_off():
    needs_cpus()
    blocks, found = polls_before_blocking(SLEEPER, dict(os.environ, MINITRACE_NO_SPIN="1"))
    assert found == 0 and set(blocks) == set([0]), (blocks, found)


def test_spin_bounded_and_turned_down_by_long_syscalls():
    needs_cpus()
    blocks, found = polls_before_blocking(SLEEPER)
    assert found > 0 and len(blocks) >= 3, (blocks, found)
    assert max(blocks) <= engine.SPIN_MAX, blocks
    # the three sleeps: each blocking wait after one that spun in vain spins half as long
    last = blocks[-3:]
    assert last[0] > 0, blocks
    for before, after in zip(last, last[1:]):
        assert after == max(engine.SPIN_MIN, before // 2), blocks
