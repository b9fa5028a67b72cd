"""The session leak check (tests/leakcheck.py) names each kind of leak and removes it."""
import os
import subprocess
import sys

TESTS = os.path.dirname(os.path.abspath(__file__))

LEAKY = r"""
import ctypes, os, subprocess, sys, tempfile
sys.path.insert(0, %r)
import leakcheck
s = leakcheck.Session()
child = subprocess.Popen(["sleep", "300"])
libc = ctypes.CDLL("libc.so.6")
assert libc.msgget(0, 0o1600) >= 0          # IPC_PRIVATE | IPC_CREAT | 0600
fd, path = tempfile.mkstemp(prefix="leak.")
os.close(fd)
for line in s.finish(grace=0.5):
    print(line)
child.wait()                                  # killed by finish(): reaped here
print("private", s.private_ipc, "tmp-gone", not os.path.exists(path))
""" % TESTS


def test_leaks_are_named_and_removed():
    p = subprocess.Popen([sys.executable, "-c", LEAKY], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, universal_newlines=True)
    out, err = p.communicate(timeout=60)
    assert p.returncode == 0, err
    lines = out.splitlines()
    assert any(l.startswith("process ") and "sleep 300" in l for l in lines), out
    assert any(l.startswith("System V msg id ") for l in lines), out
    assert any(l.startswith("temporary file left behind: $TMPDIR/leak.") for l in lines), out
    assert lines[-1] == "private True tmp-gone True", out


def test_a_clean_session_reports_nothing():
    code = ("import sys; sys.path.insert(0, %r); import leakcheck; "
            "print(leakcheck.Session().finish(grace=0.5))" % TESTS)
    out = subprocess.check_output([sys.executable, "-c", code], universal_newlines=True)
    assert out.strip() == "[]"
