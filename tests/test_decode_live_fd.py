"""Live comparison of the file and desc decoders with the real strace 6.1.

Each workload runs under /usr/bin/strace and under minitrace with the same options; run-specific
values (addresses, inode numbers, times, pids, env counts) are normalised and at least 98% of the
lines must be identical (the differing lines are printed on failure).
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

_NORMALISE = [
    (re.compile(r"0x[0-9a-f]{6,}"), "0xADDR"),
    (re.compile(r"(st_ino|stx_ino|d_ino|d_off)=\d+"), r"\1=N"),
    (re.compile(r"(st_|stx_)(a|m|c|b)time(_nsec)?=\d+"), r"\1\2time\3=T"),
    (re.compile(r"tv_sec=\d{6,}, tv_nsec=\d+\}"), "tv_sec=T, tv_nsec=T}"),
    (re.compile(r"/\* \d{4}-\d\d-\d\dT[0-9:.]+[+-]\d{4} \*/"), "/* DATE */"),
    (re.compile(r"/\* \d+ vars \*/"), "/* N vars */"),
    (re.compile(r"\[\"[^\]]*\]\) = 0$"), "[ENV]) = 0"),      # execve -v envp
    (re.compile(r"f_(bfree|bavail|ffree|files)=\d+"), r"f_\1=N"),
    (re.compile(r"^\[pid +\d+\] "), "[pid N] "),
    (re.compile(r"set_tid_address\(.*"), "set_tid_address(...)"),
]


def normalise(line):
    for rx, repl in _NORMALISE:
        line = rx.sub(repl, line)
    return line


@pytest.fixture(scope="module")
def progs(ptrace_ok):
    return {name: tracecmp.build(name) for name in ("decode_file", "decode_desc")}


def _run(tracer, opts, argv, tmp_path, tag):
    log = str(tmp_path / ("%s.log" % tag))
    with open(os.devnull, "wb") as devnull:
        proc = subprocess.Popen(tracer + ["-o", log] + opts + argv, cwd=ROOT, stdout=devnull,
                                stderr=subprocess.PIPE, stdin=devnull)
        _, err = proc.communicate()
    with open(log, encoding="utf-8", errors="replace") as f:
        lines = [normalise(l.rstrip("\n")) for l in f]
    return lines, err


def compare(opts, argv, tmp_path, scratch=False):
    """(ratio, diff text) of strace vs minitrace for one workload."""
    args_s, args_m = list(argv), list(argv)
    if scratch:
        for tag, args in (("s", args_s), ("m", args_m)):
            d = tmp_path / ("scratch-" + tag)
            d.mkdir()
            args.append(str(d))
    s_lines, _ = _run([STRACE], opts, args_s, tmp_path, "strace")
    m_lines, m_err = _run([sys.executable, "-m", "minitrace"], opts, args_m, tmp_path, "mini")
    # the scratch directory names differ by their tag only
    s_lines = [l.replace("scratch-s", "scratch-X") for l in s_lines]
    m_lines = [l.replace("scratch-m", "scratch-X") for l in m_lines]
    matcher = difflib.SequenceMatcher(None, s_lines, m_lines, autojunk=False)
    same = sum(b.size for b in matcher.get_matching_blocks())
    ratio = same / float(max(len(s_lines), len(m_lines), 1))
    diff = "\n".join(difflib.unified_diff(s_lines, m_lines, "strace", "minitrace", n=0,
                                          lineterm=""))
    if m_err:
        diff += "\nminitrace stderr:\n" + m_err.decode("utf-8", "replace")
    return ratio, diff, len(s_lines)


def _check(opts, argv, tmp_path, scratch=False):
    ratio, diff, n = compare(opts, argv, tmp_path, scratch)
    assert n > 1, "strace printed almost nothing:\n" + diff
    assert ratio >= THRESHOLD, "%.1f%% identical lines of %d\n%s" % (100 * ratio, n, diff)


FILE_SET = "%file,%desc,close_range,pipe,getcwd,fchdir,inotify_init1,inotify_rm_watch"


@pytest.mark.parametrize("opts", [[], ["-v"], ["-X", "verbose"], ["-X", "raw"], ["-s", "4"],
                                  ["-x"], ["-e", "verbose=none"]])
def test_decode_file_prog(progs, tmp_path, opts):
    _check(opts + ["-e", "trace=" + FILE_SET], [progs["decode_file"]], tmp_path, scratch=True)


@pytest.mark.parametrize("opts", [[], ["-v"], ["-X", "verbose"], ["-X", "raw"], ["-s", "4"],
                                  ["-xx"], ["-e", "verbose=!read,write"]])
def test_decode_desc_prog(progs, tmp_path, opts):
    _check(opts + ["-e", "trace=" + FILE_SET], [progs["decode_desc"]], tmp_path, scratch=True)


@pytest.mark.parametrize("argv", [["cat", "/etc/hostname"], ["ls", "-l", "/etc"], ["/bin/true"]])
@pytest.mark.parametrize("trace", ["%file,%desc", "%file", "%desc", "%stat,%fstat,%lstat"])
def test_commands(ptrace_ok, tmp_path, argv, trace):
    _check(["-e", "trace=" + trace], argv, tmp_path)


if __name__ == "__main__":
    # python3 tests/test_decode_live_fd.py [strace options] -- CMD...: print the ratio and diff
    import tempfile
    import pathlib
    sep = sys.argv.index("--")
    tmp = pathlib.Path(tempfile.mkdtemp())
    r, d, n = compare(sys.argv[1:sep], sys.argv[sep + 1:], tmp)
    print(d)
    print("%.2f%% identical lines of %d" % (100 * r, n))
