"""syscalls' strace classes and names are those of the real strace (/usr/bin/strace, 6.1).

tests/progs/allsys.c calls every number of a table under a deny-all seccomp filter, so nothing
runs, and `strace -e trace=CLASS` lists exactly that class's members.  x86_64 and x32 use the
native build; i386 needs `gcc -m32` (Debian's gcc-12-multilib and libc6-dev-i386, which CI installs): without it
the i386 test fails with that message.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
import syscalls  # noqa: E402
import tracecmp  # noqa: E402

STRACE = "/usr/bin/strace"
SOURCE = os.path.join(ROOT, "tests", "progs", "allsys.c")
CLASSES = ("%file", "%desc", "%network", "%process", "%signal", "%ipc", "%memory", "%creds",
           "%clock", "%stat", "%lstat", "%fstat", "%%stat", "%statfs", "%fstatfs", "%%statfs",
           "%pure")
LINE = re.compile(r"^(\w+)\(.*= -1 ENOSYS ", re.M)


@pytest.fixture(scope="module")
def build():
    assert os.path.exists(STRACE), "this test needs strace at %s (apt-get install strace)" % STRACE
    tmp = tempfile.mkdtemp(prefix="allsys.")
    built = {}

    def get(flags):
        key = tuple(flags)
        if key not in built:
            exe = os.path.join(tmp, "allsys%d" % len(built))
            p = subprocess.Popen(["gcc", "-O2", "-static", "-o", exe, SOURCE] + list(flags),
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 universal_newlines=True)
            err = p.communicate()[1]
            if p.returncode != 0:
                hint = " (install gcc-12-multilib and libc6-dev-i386)" if "-m32" in flags else ""
                pytest.fail("cannot build allsys.c with gcc %s%s: %s"
                            % (" ".join(flags), hint, err.strip()[-500:]))
            built[key] = exe
        return built[key]

    yield get
    shutil.rmtree(tmp)


def strace(exe, numbers, *options):
    cmd = [STRACE, "-qq"] + list(options) + [exe] + ["%#x" % n for n in numbers]
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         universal_newlines=True)
    err = p.communicate()[1]
    assert p.returncode == 42, "allsys under strace exited %d: %s" % (p.returncode, err[-500:])
    return LINE.findall(err)


ABIS = [("x86_64", []), ("x32", []), ("i386", list(tracecmp.M32_FLAGS))]


@pytest.mark.parametrize("abi,flags", ABIS, ids=[a for a, _ in ABIS])
def test_names_match_strace(build, abi, flags):
    t = syscalls.table(abi)
    numbers = sorted(t.names)
    assert strace(build(flags), numbers) == [t.names[n] for n in numbers]


@pytest.mark.parametrize("abi,flags", ABIS, ids=[a for a, _ in ABIS])
def test_classes_match_strace(build, abi, flags):
    t = syscalls.table(abi)
    numbers = sorted(t.names)
    exe = build(flags)
    diffs = []
    for cls in CLASSES:
        theirs = set(strace(exe, numbers, "-e", "trace=" + cls))
        ours = syscalls.class_members(cls) & set(t.numbers)
        if theirs != ours:
            diffs.append("%s: only strace: %s; only syscalls: %s"
                         % (cls, sorted(theirs - ours), sorted(ours - theirs)))
    assert diffs == []


def minitrace(exe, numbers, *options):
    cmd = [sys.executable, "-m", "minitrace", "-qq"] + list(options) + [exe] + ["%#x" % n for n in numbers]
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         universal_newlines=True, cwd=ROOT)
    err = p.communicate()[1]
    assert p.returncode == 42, "allsys under minitrace exited %d: %s" % (p.returncode, err[-500:])
    return LINE.findall(err)


@pytest.mark.parametrize("abi,flags", ABIS, ids=[a for a, _ in ABIS])
def test_minitrace_traces_the_same_classes_as_strace(build, abi, flags):
    """`-e trace=%CLASS` selects the same syscalls, in the same order, in both tracers."""
    numbers = sorted(syscalls.table(abi).names)
    exe = build(flags)
    diffs = []
    for cls in CLASSES:
        theirs = strace(exe, numbers, "-e", "trace=" + cls)
        ours = minitrace(exe, numbers, "-e", "trace=" + cls)
        if theirs != ours:
            diffs.append("%s: only strace: %s; only minitrace: %s"
                         % (cls, sorted(set(theirs) - set(ours)), sorted(set(ours) - set(theirs))))
    assert diffs == []
