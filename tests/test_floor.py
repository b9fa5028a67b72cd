"""tools/floor.py (the bare CPython ptrace loop of tools/bench.py's `floor` column) follows
forks and execs to the end and exits with the traced command's status."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FLOOR = os.path.join(ROOT, "tools", "floor.py")


def test_floor_follows_forks_and_keeps_the_status(ptrace_ok):
    cmd = [sys.executable, FLOOR, "sh", "-c",
           "for i in 1 2 3; do /bin/echo $i; done; (exit 7) & wait $!; exit $?"]
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, universal_newlines=True)
    out, _ = p.communicate(timeout=120)
    assert out.split() == ["1", "2", "3"]
    assert p.returncode == 7


def test_floor_with_spin_delivers_signals(ptrace_ok):
    cmd = [sys.executable, FLOOR, "--spin", "50", "sh", "-c", "kill -TERM $$"]
    assert subprocess.call(cmd, timeout=120) == 128 + 15
