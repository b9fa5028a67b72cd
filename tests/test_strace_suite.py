"""strace 6.1's own test suite as a ratchet (tools/strace_suite.py; marker `suite`).

test_ratchet runs the suite's tests that Debian's strace 6.1 passes here
(docs/strace-suite-reference.txt) under minitrace: a test on docs/strace-suite-pass.txt that no
longer passes fails it, each listed with its reason; tests that pass and are not on the list yet
are printed (and shown as a warning), to be added with `tools/strace_suite.py --write-docs` in the
commit that fixes them. The first run fetches and builds strace 6.1 (about 2 minutes), later
runs reuse the cache. The other tests check the tool's one-line reasons offline.
"""
import json
import os
import subprocess
import sys
import warnings

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOOL = os.path.join(ROOT, "tools", "strace_suite.py")
sys.path.insert(0, os.path.join(ROOT, "tools"))
import strace_suite_report as report  # noqa: E402

# the whole ratchet: every test is bounded by the tool (60 s, then killed), this bounds the sum
RATCHET_LIMIT = 25 * 60


def read_list(path):
    return report.read_list(path)


def not_here(skipped, tmp_path):
    """Of the tests minitrace's run skipped, those Debian's strace 6.1 skips on this machine
    as well: the scoreboard counts the tests strace 6.1 passes, and a machine without a
    device or kernel feature a test needs (the reference list was made where they were
    there) is out of its scope. A test strace passes here and minitrace skips stays a
    regression."""
    if not skipped:
        return set()
    results = str(tmp_path / "reference.json")
    subprocess.check_call([sys.executable, TOOL, "--reference-only", "--quiet", "--results",
                           results] + skipped, stdout=subprocess.DEVNULL, timeout=600)
    with open(results) as f:
        ref = json.load(f)["strace"]
    return set(n for n in skipped if ref.get(n, [report.PASS])[0] == report.SKIP)


@pytest.mark.suite
def test_ratchet(ptrace_ok, tmp_path):
    results = str(tmp_path / "results.json")
    cmd = [sys.executable, TOOL, "--passing", "--long-only-passing", "--without-startup-bound",
           "--quiet", "--results", results]
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         universal_newlines=True)
    try:
        out, err = p.communicate(timeout=RATCHET_LIMIT)
    except subprocess.TimeoutExpired:
        p.terminate()           # the tool kills its running tests on SIGTERM
        out, err = p.communicate()
        pytest.fail("the suite took more than %d s: %s" % (RATCHET_LIMIT, err[-2000:]))
    assert p.returncode == 0, "tools/strace_suite.py failed:\n%s" % err[-3000:]
    with open(results) as f:
        mine = json.load(f)["minitrace"]
    pass_list = read_list(report.DOC_PASS)
    reference = set(read_list(report.DOC_REFERENCE))
    assert not set(pass_list) - reference, "pass list names tests strace 6.1 does not pass"
    left_out = [n for n in pass_list if n in report.STARTUP_BOUND]
    if left_out:
        print("left to the full run (python3 tools/strace_suite.py --passing), each 6 to 25 "
              "minutes: %s" % " ".join(left_out))
    pass_list = [n for n in pass_list if n not in left_out]
    missing = [n for n in pass_list if n not in mine]
    assert not missing, "tests of the pass list that did not run: %s" % " ".join(missing)
    unavailable = not_here(sorted(n for n in pass_list if mine[n][0] == report.SKIP), tmp_path)
    if unavailable:
        message = ("%d test(s) of the pass list skip here under strace 6.1 too (this machine "
                   "lacks what they need, e.g. /dev/kvm), not counted: %s"
                   % (len(unavailable), " ".join(unavailable)))
        print(message)
        warnings.warn(message)
    regressions = ["%s: %s, %s" % (n, mine[n][0], mine[n][1])
                   for n in pass_list if mine[n][0] != report.PASS and n not in unavailable]
    newly = sorted(n for n, r in mine.items()
                   if r[0] == report.PASS and n not in set(pass_list))
    passed = len(pass_list) - len(regressions) + len(newly)
    print("strace 6.1's suite: minitrace passes %d of the %d tests strace 6.1 passes (%d left "
          "to the full run)" % (passed, len(reference), len(left_out)))
    if newly:
        message = ("%d test(s) of strace 6.1's suite pass and are not on "
                   "docs/strace-suite-pass.txt yet (python3 tools/strace_suite.py --write-docs): "
                   "%s" % (len(newly), " ".join(newly)))
        print(message)
        warnings.warn(message)
    if regressions:             # the logs go with the run's machine: show their ends here
        for line in regressions[:LOGS_SHOWN]:
            print(log_end(line.split(":", 1)[0]))
    assert not regressions, ("%d test(s) of docs/strace-suite-pass.txt no longer pass "
                             "(python3 tools/strace_suite.py --show TEST; the ends of the "
                             "first %d logs are under 'Captured stdout'):\n  %s"
                             % (len(regressions), LOGS_SHOWN, "\n  ".join(regressions)))


LOGS_SHOWN = 5          # regressions whose log ends the ratchet prints
LOG_LINES = 30


def log_end(name):
    """The last LOG_LINES lines of the log of NAME's run (`--show NAME`): on a CI machine it
    is the only trace of why a test failed (the threshold a timing test missed, say)."""
    p = subprocess.Popen([sys.executable, TOOL, "--show", name], stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, universal_newlines=True, errors="replace")
    out = p.communicate(timeout=60)[0]
    lines = out.splitlines()
    return "\n".join(["---- %s: the last %d lines of its log" % (name, LOG_LINES)] +
                     lines[-LOG_LINES:])


# ---------------------------------------------------------------- the reasons, offline

def classify(rc, text, timed_out=False, tracer="minitrace"):
    return report.classify(rc, text, timed_out, 60, tracer)


def test_pass_and_skip_and_hard_error():
    assert classify(0, "") == ("pass", "")
    assert classify(77, "x.test: skipped test: no such thing\n") == (
        "skip", "skipped under minitrace")
    assert classify(99, "x.test: framework failure: no\n")[0] == "error"


def test_diff_reason_names_the_first_differing_line():
    log = ("--- exp\n+++ log\n@@ -3,4 +3,4 @@\n a(1) = 0\n b(2) = 0\n-c(3) = 0\n+c(0x3) = 0\n"
           " d() = 0\nx.gen.test: failed test: ../strace -o log ../x output mismatch\n")
    assert classify(1, log) == ("fail", "output differs at line 5")


def test_pattern_reason_counts_patterns_only():
    log = ("Failed patterns of expected output:\n#2: foo.*\n#7: bar\nActual output:\nbaz\n"
           "x.test: failed test: ../strace -o log ../x output mismatch\n")
    assert classify(1, log) == ("fail", "2 expected patterns not matched")


def test_exit_status_reasons():
    assert classify(1, "x.test: failed test: /c/bin/minitrace/strace -f ../x failed with "
                       "code 1\n") == ("fail", "tracer exit status 1")
    assert classify(1, "strace: unrecognized option '--foo'\nx.test: failed test: "
                       "/c/strace --foo ../x failed with code 1\n") == (
        "fail", "tracer exit status 1 (unrecognized option '--foo')")
    assert classify(1, "x.test: failed test: ../x -v failed with code 3\n") == (
        "fail", "test program exit status 3")
    assert classify(2, "") == ("fail", "exit status 2")


def test_timeouts():
    assert classify(1, "x.test: failed test: time limit (60) exceeded\n") == (
        "timeout", "timeout after 60 s")
    assert classify(-9, "", timed_out=True)[0] == "timeout"


def test_internal_error_wins_over_the_diff():
    log = ("strace: internal error: OverflowError: int too big\n@@ -1 +1 @@\n-a\n+b\n"
           "x.test: failed test: ../strace ../x output mismatch\n")
    assert classify(1, log) == ("fail", "internal error (OverflowError)")
    log = "Traceback (most recent call last):\n  File...\nKeyError: 3\n"
    assert classify(1, log) == ("fail", "internal error (KeyError)")


def test_families():
    assert report.family("ioctl_block--pidns-translation") == "ioctl"
    assert report.family("nlattr_ifla_brport") == "netlink"
    assert report.family("nfnetlink_acct") == "netlink"
    assert report.family("prctl-dumpable") == "prctl"
    assert report.family("pidfd_open--decode-fd-path") == "pidfd"


def test_committed_lists_agree():
    pass_list = read_list(report.DOC_PASS)
    reference = read_list(report.DOC_REFERENCE)
    assert pass_list == sorted(set(pass_list)) and reference == sorted(set(reference))
    assert set(pass_list) <= set(reference)


def test_long_tests_start_first():
    import strace_suite
    scripts = ["a.gen.test", "delay.gen.test", "b.gen.test", "filtering_fd-syntax.test",
               "times-Xraw.gen.test"]
    assert strace_suite.long_first(scripts) == [
        "delay.gen.test", "filtering_fd-syntax.test", "times-Xraw.gen.test", "a.gen.test",
        "b.gen.test"]
    assert 2 <= strace_suite.default_jobs() <= strace_suite.MAX_JOBS
