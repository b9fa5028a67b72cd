"""tools/decoder_times.py (each decoder's time per call on a real workload) traces its command
as minitrace does and writes a table of the decoders that ran."""
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOOL = os.path.join(ROOT, "tools", "decoder_times.py")


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
    assert lines[0].split() == ["syscall", "phase", "calls", "ms", "us/call"]
    rows = dict(((l.split()[0], l.split()[1]), l.split()) for l in lines[1:-1])
    assert rows[("execve", "enter")][2] == "1", lines        # the program's one execve
    assert ("openat", "enter") in rows, lines
    assert lines[-1].split()[0] == "total"
    assert int(lines[-1].split()[1]) >= sum(int(r[2]) for r in rows.values())
    assert traced.startswith("execve(") and "+++ exited with 0 +++" in traced
