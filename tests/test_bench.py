"""tools/bench.py's columns: one short run of W3 (a start of /bin/true) under every tracer of
--spin and --split gives a row with figures for each, and the ratios to strace and the floor."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "tools", "bench.py")
sys.path.insert(0, os.path.join(ROOT, "tools"))
import bench  # noqa: E402


def test_every_column_of_spin_and_split_is_measured(ptrace_ok):
    out = subprocess.run([sys.executable, BENCH, "--runs", "1", "--only", "W3", "--mode",
                          "pinned", "--spin", "--split"], stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, universal_newlines=True, timeout=600).stdout
    rows = dict((line.split()[1], line.split()[2:]) for line in out.splitlines()
                if line.startswith("W3 "))
    for tracer in ("strace", "floor", "floor-print", "floor-read", "minitrace", "mt-spin",
                   "mt-nospin", "fp-spin", "fr-spin", "floor-spin", "mt-none", "mt-raw"):
        assert tracer in rows, out
        wall = float(rows[tracer][0])
        assert 0 < wall < 60, out
    # wall, user, sys, MB, then the ratios to strace, to the floor and to minitrace
    for tracer in ("fp-spin", "fr-spin", "floor-spin", "mt-none", "mt-raw"):
        assert len(rows[tracer]) == 7, out


def test_split_options_go_before_the_workload():
    """The --split columns are minitrace with one option more, before the command's own."""
    assert list(bench.SPLIT) == ["mt-none", "mt-raw"]
    assert bench.SPLIT["mt-none"] == ["-e", "trace=none"]
    assert bench.w2_loop(3) == ["sh", "-c", "for i in $(seq 3); do /bin/true; done"]
    assert bench.W2 == bench.w2_loop(200)


def test_tracers_names_only_columns_the_options_offer():
    """--tracers with a column the options do not offer (fr-spin needs --spin) stops before
    anything is measured, with one line naming it."""
    run = subprocess.run([sys.executable, BENCH, "--only", "W3", "--tracers", "strace,fr-spin"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         universal_newlines=True, timeout=120)
    assert run.returncode == 1
    assert run.stdout == ""
    assert run.stderr.startswith("bench: --tracers: no column fr-spin with these options")
    assert len(run.stderr.splitlines()) == 1
