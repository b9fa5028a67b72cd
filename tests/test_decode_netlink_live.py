"""Live comparison of the netlink decoders with the real strace 6.1: `ip addr show`,
`ip route show`, `ip -s link show lo`, `ss -tanu` and `ss -x` traced by /usr/bin/strace and
by minitrace, line for line.

Both tracers run one after the other in the same fresh network namespace (`unshare --net`),
where this module has set up lo with an address and opened a fixed set of sockets (a TCP
listener with an established connection, a bound UDP socket, UNIX stream and datagram
sockets): the interfaces, routes, counters, sockets, inode numbers and cookies that `ip` and
`ss` ask for are then the same for both runs, and the traces must be identical once the
values that differ from run to run by nature are replaced: netlink sequence numbers (ip and ss
take the time) and port ids (the tracee's pid). Nothing else is normalised.

Run one by hand: python3 tests/test_decode_netlink_live.py [strace options] -- CMD...
"""
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile

import pytest

STRACE = "/usr/bin/strace"
TESTS = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(TESTS)
NETLINK_CALLS = "trace=sendmsg,recvmsg,sendto,recvfrom"

_NORMALISE = [
    (re.compile(r"\bnlmsg_seq=\d+"), "nlmsg_seq=SEQ"),
    (re.compile(r"\b(nlmsg_pid|nl_pid)=-?\d+"), r"\1=PORTID"),
    # -yy: a netlink socket's port id ("NETLINK:[ROUTE:1234]")
    (re.compile(r"(NETLINK:\[[A-Z_]+:)\d+\]"), r"\1PORTID]"),
]


def normalise(line):
    for rx, repl in _NORMALISE:
        line = rx.sub(repl, line)
    return line


# ---------------------------------------------------------------------------------------------
# inside the network namespace

def _sockets(tmpdir):
    """Sockets for ss to find; returned so that they stay open."""
    keep = []
    lsn = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    lsn.bind(("127.0.0.1", 0))
    lsn.listen(4)
    cli = socket.create_connection(lsn.getsockname())
    srv, _ = lsn.accept()
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind(("10.9.8.7", 0))
    udp6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    udp6.bind(("::1", 0))
    ustream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    ustream.bind(os.path.join(tmpdir, "stream.sock"))
    ustream.listen(1)
    uabstract = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    uabstract.bind(b"\0minitrace-netlink-%d" % os.getpid())
    pair = socket.socketpair()
    keep += [lsn, cli, srv, udp, udp6, ustream, uabstract] + list(pair)
    return keep


def inner(outdir, opts, cmd):
    """In a fresh network namespace: lo up with 10.9.8.7/24, the sockets, then the command
    under each tracer into outdir/strace.log and outdir/minitrace.log."""
    for argv in (["ip", "link", "set", "lo", "up"],
                 ["ip", "addr", "add", "10.9.8.7/24", "dev", "lo"]):
        subprocess.check_call(argv)
    keep = _sockets(outdir)
    tracers = (("strace", [STRACE]), ("minitrace", [sys.executable, "-m", "minitrace"]))
    with open(os.devnull, "wb") as devnull:
        for name, tracer in tracers:
            log = os.path.join(outdir, name + ".log")
            subprocess.check_call(tracer + ["-qq", "-o", log] + opts + cmd, cwd=ROOT,
                                  stdout=devnull, stdin=devnull)
    for s in keep:
        s.close()


# ---------------------------------------------------------------------------------------------
# the test side

def traces(opts, cmd):
    """(strace lines, minitrace lines), normalised."""
    outdir = tempfile.mkdtemp(prefix="nltest")
    try:
        proc = subprocess.Popen(["unshare", "--net", "--", sys.executable, __file__, "--inner",
                                 outdir] + opts + ["--"] + cmd, cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode("utf-8", "replace")
        result = []
        for name in ("strace", "minitrace"):
            with open(os.path.join(outdir, name + ".log"), encoding="utf-8",
                      errors="replace") as f:
                result.append([normalise(line.rstrip("\n")) for line in f])
        return result
    finally:
        shutil.rmtree(outdir, ignore_errors=True)


def first_difference(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            at = next(j for j in range(min(len(x), len(y)) + 1)
                      if j == min(len(x), len(y)) or x[j] != y[j])
            return "line %d differs at column %d:\nstrace:    ...%s\nminitrace: ...%s" % (
                i + 1, at, x[max(0, at - 200):at + 200], y[max(0, at - 200):at + 200])
    return "strace has %d lines, minitrace %d" % (len(a), len(b))


@pytest.fixture(scope="module")
def netns(ptrace_ok):
    for tool in ("ip", "ss", "unshare"):
        if shutil.which(tool) is None:
            pytest.fail("%s is missing: tools/test.py installs iproute2 and util-linux" % tool,
                        pytrace=False)


COMMANDS = [["ip", "addr", "show"], ["ip", "route", "show"], ["ip", "-s", "link", "show", "lo"],
            ["ss", "-tanu"], ["ss", "-x"], ["ss", "-xa"]]


@pytest.mark.parametrize("cmd", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
@pytest.mark.parametrize("opts", [[], ["-yy"]], ids=["plain", "yy"])
def test_ip_and_ss_as_strace(netns, cmd, opts):
    s_lines, m_lines = traces(opts + ["-e", NETLINK_CALLS], cmd)
    assert len(s_lines) > 2, "strace printed almost nothing:\n" + "\n".join(s_lines)
    assert any("nlmsg_type=" in line for line in s_lines)
    assert s_lines == m_lines, first_difference(s_lines, m_lines)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--inner"]:
        sep = sys.argv.index("--")
        inner(sys.argv[2], sys.argv[3:sep], sys.argv[sep + 1:])
    else:
        sep = sys.argv.index("--")
        s, m = traces(sys.argv[1:sep], sys.argv[sep + 1:])
        print("identical" if s == m else first_difference(s, m))
