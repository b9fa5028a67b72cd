"""-y / -yy against the real strace: descriptors decorated with what they refer to, in
arguments, results, arrays (pipe, poll, select sets), AT_FDCWD<cwd>, devices with -yy."""
import os
import re

import pytest

import tracecmp as tc

pytestmark = pytest.mark.usefixtures("ptrace_ok")


def norm(lines):
    return [re.sub(r":\[\d+\]", ":[N]", l) for l in tc.normalise(lines)]


@pytest.mark.parametrize("opts", [["-y"], ["-yy"], ["--decode-fds=path"], ["-e", "decode-fds=dev"]])
@pytest.mark.parametrize("cmd", [["core_io"], ["/bin/cat", "/etc/hostname"], ["/bin/cat", "/dev/null"]])
def test_decorated_descriptors(opts, cmd, tmp_path):
    argv = [tc.build(cmd[0])] if "/" not in cmd[0] else cmd
    env = dict(os.environ, PYTHONPATH=tc.MINITRACE_ROOT)     # the same environment for both
    s = tc.run_strace(opts, argv, cwd=str(tmp_path), env=env)
    m = tc.run_minitrace(opts, argv, cwd=str(tmp_path), env=env)
    assert m[2] == s[2], m[1]
    a, b = norm(s[0]), norm(m[0])
    same = sum(1 for x, y in zip(a, b) if x == y)
    assert len(a) == len(b) and same == len(a), tc.compare(a, b)


def test_unknown_decode_fds_kind():
    s = tc.run_strace(["-e", "decode-fds=foo"], ["/bin/true"], output="stderr")
    m = tc.run_minitrace(["-e", "decode-fds=foo"], ["/bin/true"], output="stderr")
    assert m[2] == s[2] == 1
    assert tc.stderr_lines(m[1], "minitrace") == tc.stderr_lines(s[1], "strace")
