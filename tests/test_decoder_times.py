"""tools/decoder_times.py (each decoder's time per call on a real workload) traces its command
as minitrace does and writes a table of the decoders that ran."""
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOOL = os.path.join(ROOT, "tools", "decoder_times.py")
# the most two printed figures of one time differ: half a unit of 0.1 ms and of 0.01 ms (with
# a margin for binary floating point)
ROUNDING = 0.05 + 0.005 + 1e-9


@pytest.mark.parametrize("clock", [[], ["--cpu"]], ids=["wall", "cpu"])
def test_decoder_times_lists_the_calls_of_the_traced_program(ptrace_ok, tmp_path, clock):
    out = str(tmp_path / "table")
    trace = str(tmp_path / "trace")
    proc = subprocess.run([sys.executable, TOOL, "--out", out] + clock +
                          ["--", "-o", trace, "/bin/true"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    assert proc.returncode == 0, proc.stderr
    with open(out) as f:
        lines = f.read().splitlines()
    with open(trace) as f:
        traced = f.read()
    assert lines[0].split() == ["syscall", "phase", "calls", "ms", "first", "ms", "us/later"]
    assert lines[-2].split()[0] == "total"
    assert lines[-1].startswith("the tracer's CPU time: "), lines
    rows = dict(((l.split()[0], l.split()[1]), l.split()) for l in lines[1:-2])
    assert rows[("execve", "enter")][2] == "1", lines        # the program's one execve
    # one call: all of it is the first, none later. ms is printed to 0.1 and the first to
    # 0.01, so the two printed figures of one value differ by up to 0.05 + 0.005 (0.549 ms
    # prints as 0.5 and 0.55)
    assert abs(float(rows[("execve", "enter")][3]) - float(rows[("execve", "enter")][4])) <= ROUNDING
    assert rows[("execve", "enter")][5] == "nan", lines
    assert ("openat", "enter") in rows, lines
    for row in rows.values():                   # the first call is a part of the total
        assert float(row[4]) <= float(row[3]) + ROUNDING, lines
    assert int(lines[-2].split()[1]) >= sum(int(r[2]) for r in rows.values())
    assert traced.startswith("execve(") and "+++ exited with 0 +++" in traced
