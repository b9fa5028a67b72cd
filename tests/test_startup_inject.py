"""-e inject= never acts on the started command's own first execve (strace clears injection
while the child still runs the tracer's start-up code, until that execve): the command runs,
later execve calls are injected. Compared with strace."""
import re
import subprocess
import sys

import pytest

import tracecmp as tc

pytestmark = pytest.mark.usefixtures("ptrace_ok")


def _run(argv0, args):
    proc = subprocess.Popen(argv0 + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            cwd=tc.MINITRACE_ROOT)
    out, err = proc.communicate(timeout=60)
    lines = [re.sub(r"0x[0-9a-f]+ /\*", "ADDR /*", l)
             for l in err.decode("utf-8", "replace").splitlines() if "execve(" in l]
    return proc.returncode, lines


@pytest.mark.parametrize("args", [
    ["-e", "trace=execve", "-e", "inject=execve:error=ENOENT", "/bin/true"],
    ["-e", "trace=execve", "-e", "inject=execve:error=ENOENT:when=1", "/bin/true"],
    ["-f", "-e", "trace=execve", "-e", "inject=execve:error=EACCES",
     "/bin/sh", "-c", "/bin/true; exit 3"],
    ["-f", "-e", "trace=execve", "-e", "inject=execve:error=EACCES:when=2",
     "/bin/sh", "-c", "/bin/true; /bin/true; exit 4"],
], ids=["plain", "when1", "second-exec", "when2"])
def test_first_execve_not_injected(args):
    want = _run([tc.STRACE, "-qq"], args)
    got = _run([sys.executable, "-m", "minitrace", "-qq"], args)
    norm = lambda r: (r[0], [re.sub(r"^\[pid +\d+\] ", "", l) for l in r[1]])
    assert norm(got) == norm(want)
    assert "INJECTED" not in want[1][0]
