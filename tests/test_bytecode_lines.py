"""tools/bytecode_lines.py: the bytecodes minitrace executes per source line, and the difference
of two runs per unit, by function and by line."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOOL = os.path.join(ROOT, "tools", "bytecode_lines.py")


def test_counts_per_call_of_two_runs(ptrace_ok, tmp_path):
    files = []
    for blocks in (20, 60):
        out = str(tmp_path / ("count%d" % blocks))
        trace = str(tmp_path / ("trace%d" % blocks))
        proc = subprocess.run([sys.executable, TOOL, "--out", out, "--", "-o", trace, "dd",
                               "if=/dev/zero", "of=/dev/null", "bs=1", "count=%d" % blocks],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
        assert proc.returncode == 0, proc.stderr
        with open(trace) as f:          # the trace itself is minitrace's, complete
            lines = f.read().splitlines()
        assert sum(l.startswith("read(0, ") for l in lines) == blocks, lines
        assert lines[-1] == "+++ exited with 0 +++"
        files.append(out)
    with open(files[0]) as f:
        first = [row.rstrip("\n").split(" ", 1) for row in f]
    counts = [int(n) for n, _ in first]
    assert counts == sorted(counts, reverse=True) and counts[0] > 0
    assert any(where.startswith("minitrace/engine/loop.py:") for _, where in first)
    # 40 blocks more: a read and a write each, 80 calls
    proc = subprocess.run([sys.executable, TOOL, "--diff", files[0], files[1], "80", "--top",
                           "200"], stdout=subprocess.PIPE, universal_newlines=True, timeout=60)
    assert proc.returncode == 0
    out = proc.stdout.splitlines()
    total = float(out[0].split(": ")[1])
    functions = dict((l.split()[1], float(l.split()[0]))
                     for l in out[2:out.index("-- by line")])
    # every call has an entry and an exit, each read at least once from the tracee
    assert functions["minitrace/engine/loop.py:_syscall_entry"] > 10
    assert functions["minitrace/engine/loop.py:_syscall_exit"] > 10
    # (the spin's polls differ from run to run: a line may even count less in the larger run)
    assert 100 < total < 100000


def test_usage_without_arguments():
    proc = subprocess.run([sys.executable, TOOL], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=60)
    assert proc.returncode == 2 and "--diff SMALL LARGE UNITS" in proc.stderr
