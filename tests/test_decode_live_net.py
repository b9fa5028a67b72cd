"""Live comparison of the net, poll and ioctl decoders with the real strace 6.1.

Each workload runs under /usr/bin/strace and under minitrace with the same options; run-specific
values (addresses, ports, pids, remaining times) are normalised and at least 98% of the lines of
each group must be identical (the differing lines are printed on failure). `ls -l /etc` and
`python -c pass` traced with `-e trace=ioctl` must be identical.

Run one by hand: python3 tests/test_decode_live_net.py [strace options] -- CMD...
"""
import difflib
import os
import re
import subprocess
import sys

import pytest

import tracecmp

STRACE = "/usr/bin/strace"
TESTS = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(TESTS)
PROGS = os.path.join(TESTS, "progs")
THRESHOLD = 0.98


def _port_bytes(m):
    return m.group(1) + '"PORT"'


_NORMALISE = [
    # (before addresses, which 0x80045430 looks like) the pty /dev/ptmx gave: ptys of other
    # processes (a test run beside this one) move it, and with it the padding before `=`
    (re.compile(r"(TIOCGPTN(?: \*/)?|0x80045430), \[\d+\]\) +="), r"\1, [PTY]) ="),
    (re.compile(r"0x[0-9a-f]{6,}"), "0xADDR"),
    (re.compile(r"^\d+ +"), ""),                                  # -o FILE -f pid prefix
    (re.compile(r"^\[pid +\d+\] "), "[pid N] "),
    (re.compile(r"htons\(\d+\)"), "htons(PORT)"),
    (re.compile(r'(sin_port=)"(?:\\x[0-9a-f]{2}){2}"'), _port_bytes),
    (re.compile(r"\b(pid|nl_pid|nlmsg_pid|si_pid)=\d{2,}"), r"\1=PID"),
    (re.compile(r"tv_nsec=\d+"), "tv_nsec=NS"),
    (re.compile(r"tv_usec=\d+"), "tv_usec=US"),
    (re.compile(r"\b(clone|wait4|getpid)\((.*)\) += \d+$"), r"\1(\2) = PID"),
    (re.compile(r"^wait4\(\d+"), "wait4(PID"),
    (re.compile(r"(si_[us]time)=\d+"), r"\1=T"),
]


def normalise(line):
    for rx, repl in _NORMALISE:
        line = rx.sub(repl, line)
    return line


@pytest.fixture(scope="module")
def progs(ptrace_ok):
    return {name: tracecmp.build(name) for name in ("decode_net", "decode_ioctl")}


def _run(tracer, opts, argv, tmp_path, tag):
    log = str(tmp_path / ("%s.log" % tag))
    with open(os.devnull, "wb") as devnull:
        proc = subprocess.Popen(tracer + ["-o", log] + opts + argv, cwd=ROOT, stdout=devnull,
                                stderr=subprocess.PIPE, stdin=devnull)
        _, err = proc.communicate(timeout=120)
    with open(log, encoding="utf-8", errors="replace") as f:
        lines = [normalise(l.rstrip("\n")) for l in f]
    return lines, err


def compare(opts, argv, tmp_path):
    """(ratio, diff text, strace line count) of strace vs minitrace for one workload."""
    s_lines, _ = _run([STRACE], opts, argv, tmp_path, "strace")
    m_lines, m_err = _run([sys.executable, "-m", "minitrace"], opts, argv, tmp_path, "mini")
    matcher = difflib.SequenceMatcher(None, s_lines, m_lines, autojunk=False)
    same = sum(b.size for b in matcher.get_matching_blocks())
    ratio = same / float(max(len(s_lines), len(m_lines), 1))
    diff = "\n".join(difflib.unified_diff(s_lines, m_lines, "strace", "minitrace", n=0,
                                          lineterm=""))
    if m_err:
        diff += "\nminitrace stderr:\n" + m_err.decode("utf-8", "replace")
    return ratio, diff, len(s_lines)


def _check(opts, argv, tmp_path, threshold=THRESHOLD):
    ratio, diff, n = compare(opts, argv, tmp_path)
    assert n > 1, "strace printed almost nothing:\n" + diff
    assert ratio >= threshold, "%.1f%% identical lines of %d\n%s" % (100 * ratio, n, diff)


# The seed trace of the issue: the bare list form of -e (glibc's select() is pselect6)
SEED_SET = "poll,select,pselect6,connect,recvfrom,sendto"
NET_SET = "%net,close,pipe2"
POLL_SET = "poll,ppoll,select,pselect6,epoll_create,epoll_create1,epoll_ctl,epoll_wait," \
           "epoll_pwait,epoll_pwait2"
OPTIONS = [[], ["-v"], ["-X", "verbose"], ["-X", "raw"], ["-s", "4"], ["-x"],
           ["-e", "verbose=none"]]
# the workload's SIGCHLD line is the signal printer's business, not these decoders'
QUIET = ["-e", "signal=none"]


def test_seed_trace(progs, tmp_path):
    _check(["-e", SEED_SET], [progs["decode_net"]], tmp_path, 1.0)


@pytest.mark.parametrize("opts", OPTIONS)
def test_net_group(progs, tmp_path, opts):
    _check(opts + QUIET + ["-e", "trace=" + NET_SET], [progs["decode_net"]], tmp_path)


@pytest.mark.parametrize("opts", OPTIONS)
def test_poll_group(progs, tmp_path, opts):
    _check(opts + QUIET + ["-e", "trace=" + POLL_SET], [progs["decode_net"]], tmp_path)


@pytest.mark.parametrize("opts", OPTIONS)
def test_ioctl_group(progs, tmp_path, opts):
    _check(opts + ["-e", "trace=ioctl"], [progs["decode_ioctl"]], tmp_path)


@pytest.mark.parametrize("argv", [["ls", "-l", "/etc"], [sys.executable, "-c", "pass"]])
def test_ioctl_commands(ptrace_ok, tmp_path, argv):
    _check(["-e", "trace=ioctl"], argv, tmp_path, 1.0)


if __name__ == "__main__":
    import tempfile
    import pathlib
    sep = sys.argv.index("--")
    tmp = pathlib.Path(tempfile.mkdtemp())
    r, d, n = compare(sys.argv[1:sep], sys.argv[sep + 1:], tmp)
    print(d)
    print("%.2f%% identical lines of %d" % (100 * r, n))
