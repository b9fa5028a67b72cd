"""Signal, time and futex decoders against the real strace 6.1: the same workload under both
(`-f -o FILE`), run-specific values normalised (pids, addresses, and the numbers of the time
fields the kernel fills in: clock readings, remaining sleeps, timer values), unfinished/resumed
pairs joined, lines compared per process. At least 98% of the lines must be identical; the
differing ones are printed on failure.

Workloads: tests/progs/decode_signal.c, decode_time.c, decode_futex.c, `sh -c 'true; true'`.
"""
import difflib
import re

import pytest

import tracecmp

THRESHOLD = 0.98
SIGNAL_CALLS = ("rt_sigaction,rt_sigprocmask,rt_sigreturn,sigaltstack,rt_sigsuspend,"
                "rt_sigpending,rt_sigtimedwait,rt_sigqueueinfo,rt_tgsigqueueinfo,signalfd4,"
                "pause,alarm,kill,tgkill,setitimer")
TIME_CALLS = ("nanosleep,clock_nanosleep,clock_gettime,clock_settime,clock_getres,"
              "gettimeofday,settimeofday,time,timerfd_create,timerfd_settime,timerfd_gettime,"
              "setitimer,getitimer,timer_create,timer_settime,timer_gettime,timer_delete,"
              "timer_getoverrun,adjtimex,restart_syscall")
FUTEX_CALLS = "futex,futex_waitv"
SHELL_CALLS = SIGNAL_CALLS + "," + TIME_CALLS + "," + FUTEX_CALLS

_UNFINISHED = " <unfinished ...>"
_RESUMED_RE = re.compile(r"^<\.\.\. ([A-Za-z0-9_]+) resumed>")
_RESULT_RE = re.compile(r"^(.*\))\s+(= [^=]*)$")
_NAME_RE = re.compile(r"^([a-z0-9_]+)\(")
_TIMESPEC_RE = re.compile(r"\{tv_sec=-?\d+, tv_(n|u)sec=-?\d+\}")
_DATE_RE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d{4}")
_BIG_RE = re.compile(r"\b\d{9,}\b")
_TIMEX_RE = re.compile(r"\b(offset|freq|maxerror|esterror|tick|ppsfreq|jitter|stabil|jitcnt|"
                       r"calcnt|errcnt|stbcnt|tai)=-?\d+")
# calls whose every time field is a clock reading or a timer's remaining value
_READINGS = frozenset(("clock_gettime", "gettimeofday", "getitimer", "timer_gettime",
                       "timerfd_gettime", "adjtimex", "futex", "futex_waitv"))
# calls whose first time field is the program's own value and the rest are read back
_SLEEPS = frozenset(("nanosleep", "clock_nanosleep", "setitimer", "timer_settime",
                     "timerfd_settime"))


def _times(body):
    """The numbers of kernel-filled time fields -> N (nothing else)."""
    m = _NAME_RE.match(body)
    name = m.group(1) if m else ""
    if name in _READINGS or "ERESTART" in body and name in _SLEEPS:
        body = _TIMESPEC_RE.sub(lambda t: "{tv_sec=N, tv_%ssec=N}" % t.group(1), body)
    elif name in _SLEEPS:
        first = [True]

        def keep_first(t):
            if first[0] and not body.startswith(name + "(ITIMER"):
                first[0] = False
                return t.group(0)
            return "{tv_sec=N, tv_%ssec=N}" % t.group(1)
        if "TIMER_ABSTIME" in body:      # an absolute time made from a clock reading
            body = _TIMESPEC_RE.sub(lambda t: "{tv_sec=N, tv_%ssec=N}" % t.group(1), body)
        elif name == "setitimer":
            body = re.sub(r"(\}, )(\{it_interval=.*\})(\) += )", r"\1OLD\3", body)
        else:
            body = _TIMESPEC_RE.sub(keep_first, body)
    if name == "time":
        body = _BIG_RE.sub("T", _DATE_RE.sub("DATE", body))
    if name == "adjtimex":
        body = _TIMEX_RE.sub(lambda t: t.group(1) + "=N", body)
    return body


def joined(lines):
    """{pid: [whole lines]}: each `X( <unfinished ...>` joined with its `<... X resumed>` rest."""
    out = {}
    pending = {}
    for line in lines:
        pid, body = tracecmp.split_prefix(line)
        seq = out.setdefault(pid, [])
        if body.endswith(_UNFINISHED):
            pending[pid] = (len(seq), body[:-len(_UNFINISHED)])
            seq.append(None)
            continue
        m = _RESUMED_RE.match(body)
        if m and pid in pending:
            idx, head = pending.pop(pid)
            rest = body[m.end():]
            result = re.match(r"^(.*?\))\s+(= .*)$", rest)
            seq[idx] = (head + result.group(1) + " " + result.group(2)) if result else head + rest
            continue
        seq.append(body)
    for pid, (idx, head) in pending.items():
        out[pid][idx] = head + _UNFINISHED
    return dict((pid, [l for l in seq if l is not None]) for pid, seq in out.items())


def clean(lines):
    out = {}
    for pid, bodies in joined(tracecmp.normalise(lines)).items():
        out[pid] = [_RESULT_RE.sub(r"\1 \2", _times(b)) for b in bodies]
    return out


def compare_runs(args, cmd):
    """(identical fraction, [(strace lines, minitrace lines) that differ], total lines)."""
    a = clean(tracecmp.run_strace(args, cmd)[0])
    b = clean(tracecmp.run_minitrace(args, cmd)[0])
    same = total = 0
    diffs = []
    for pid in sorted(set(a) | set(b), key=str):
        la, lb = a.get(pid, []), b.get(pid, [])
        # where an asynchronous SIGCHLD lands is up to the scheduler: compared as a set
        sa = sorted(l for l in la if l.startswith("--- SIGCHLD"))
        sb = sorted(l for l in lb if l.startswith("--- SIGCHLD"))
        la = [l for l in la if not l.startswith("--- SIGCHLD")] + sa
        lb = [l for l in lb if not l.startswith("--- SIGCHLD")] + sb
        sm = difflib.SequenceMatcher(None, la, lb, autojunk=False)
        same += sum(block.size for block in sm.get_matching_blocks())
        total += max(len(la), len(lb))
        for tag, i1, i2, j1, j2 in sm.get_opcodes():
            if tag != "equal":
                diffs.append(("\n   ".join(la[i1:i2]) or "<none>",
                              "\n   ".join(lb[j1:j2]) or "<none>"))
    return (float(same) / total if total else 1.0), diffs, total


def check(args, cmd, minimum=1):
    ratio, diffs, total = compare_runs(args, cmd)
    report = "\n".join("strace:    %s\nminitrace: %s" % d for d in diffs)
    print("%s: %.1f%% of %d lines identical" % (" ".join(cmd), 100 * ratio, total))
    if diffs:
        print(report)
    assert total >= minimum, "only %d trace lines" % total
    assert ratio >= THRESHOLD, "%.1f%% identical (< %d%%):\n%s" % (100 * ratio,
                                                                  100 * THRESHOLD, report)
    return ratio


# -e verbose=none: structures and arrays print as their addresses, strings stay
STYLES = [[], ["-e", "verbose=none"]]


@pytest.mark.parametrize("style", STYLES, ids=" ".join)
def test_signal_workload(ptrace_ok, style):
    exe = tracecmp.build("decode_signal")
    check(["-f", "-e", "trace=" + SIGNAL_CALLS] + style, [exe], minimum=60)


@pytest.mark.parametrize("style", STYLES, ids=" ".join)
def test_time_workload(ptrace_ok, style):
    exe = tracecmp.build("decode_time")
    check(["-f", "-e", "trace=" + TIME_CALLS] + style, [exe], minimum=60)


@pytest.mark.parametrize("style", STYLES, ids=" ".join)
def test_futex_workload(ptrace_ok, style):
    exe = tracecmp.build("decode_futex")
    check(["-f", "-e", "trace=" + FUTEX_CALLS] + style, [exe], minimum=60)


def test_shell(ptrace_ok):
    check(["-f", "-e", "trace=" + SHELL_CALLS], ["/bin/sh", "-c", "true; true"])
