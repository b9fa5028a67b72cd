"""-y / -yy against the real strace: descriptors decorated with what they refer to, in
arguments, results, arrays (pipe, poll, select sets), AT_FDCWD<cwd>, devices with -yy."""
import os
import re

import pytest

import tracecmp as tc

pytestmark = pytest.mark.usefixtures("ptrace_ok")


def norm(lines):
    return tc.normalise(lines, extra=[(re.compile(r":\[\d+\]"), ":[N]")])


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


def norm_sockets(lines):
    """Inode numbers, ports and times of a socket workload made uniform (they differ by run)."""
    return tc.normalise(lines, extra=_SOCKET_SUBS)


_SOCKET_SUBS = [(re.compile(r"(\[|->)\d{5,}"), r"\1N"), (re.compile(r":\d{3,}\b"), ":N"),
                (re.compile(r"htons\(\d+\)"), "htons(N)"), (re.compile(r"tv_nsec=\d+"), "tv_nsec=N")]


def test_yy_names_every_kind_of_socket():
    """-yy on TCP, UDP, UDPv6, UNIX stream/datagram pairs, abstract names and netlink:
    endpoints from sock_diag (bound-only sockets too), `PROTO:[inode]` for the others, and
    strace's memory of a socket once named (a closed connection keeps its endpoints)."""
    argv = [tc.build("decode_net")]
    s = tc.run_strace(["-yy"], argv)
    m = tc.run_minitrace(["-yy"], argv)
    assert m[2] == s[2], m[1]
    a, b = norm_sockets(s[0]), norm_sockets(m[0])
    for kind in ("UNIX-STREAM:[N->N]", "UNIX:[N,@", "NETLINK:[ROUTE:", "UDPv6:[[::1]:N",
                 "TCP:[127.0.0.1:N->127.0.0.1:N]", "TCP:[N]", "UDP:[N]"):
        assert any(kind in l for l in a), "strace printed no %s: the workload changed" % kind
    assert a == b, tc.compare(a, b)


@pytest.mark.parametrize("xopts", [[], ["-x"], ["-xx"], ["--strings-in-hex=non-ascii-chars"]])
@pytest.mark.parametrize("name", ["a\nb<c>\"d\\e\x017", "plain<>", "hi\xe9"])
def test_paths_quoted_as_strace_quotes_them(xopts, name, tmp_path):
    """A -y path with a newline, `<`/`>`, quotes, a control byte before a digit, a non-ASCII
    byte: strace's string quoting inside `<...>` (`\\n`, `\\74`, hex with -x when needed)."""
    path = os.path.join(str(tmp_path), name)
    with open(path, "w") as f:
        f.write("x")
    opts = ["-y", "-e", "trace=openat,read"] + xopts
    argv = ["/bin/cat", path]
    env = dict(os.environ, PYTHONPATH=tc.MINITRACE_ROOT)
    s = tc.run_strace(opts, argv, cwd=str(tmp_path), env=env)
    m = tc.run_minitrace(opts, argv, cwd=str(tmp_path), env=env)
    assert m[2] == s[2], m[1]
    a, b = norm(s[0]), norm(m[0])
    assert any("<%s" % str(tmp_path)[:4] in l or "\\x2f" in l for l in a), a
    assert a == b, tc.compare(a, b)
