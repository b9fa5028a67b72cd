"""Process- and memory-family decoders against the real strace 6.1: the same workload under
both (`-f -o FILE`), run-specific values normalised, unfinished/resumed pairs joined, lines
compared per process. At least 98% of the lines must be identical; the differing ones are
printed on failure.

Workloads: tests/progs/decode_process.c, tests/progs/decode_memory.c, /bin/true (the whole
trace) and `sh -c 'true; true'`.
"""
import difflib
import re

import pytest

import tracecmp

THRESHOLD = 0.98
PROCESS_CALLS = ("clone,clone3,fork,vfork,wait4,waitid,kill,tkill,tgkill,getuid,geteuid,getgid,"
                 "getegid,getppid,gettid,getpgrp,getpgid,getsid,setuid,setgid,setpgid,setsid,"
                 "setreuid,setregid,setresuid,setresgid,getresuid,getresgid,setfsuid,setfsgid,"
                 "getgroups,setgroups,set_tid_address,set_robust_list,rseq,umask,personality,"
                 "getrandom,uname,arch_prctl,sched_yield,sched_getaffinity,sched_setaffinity,"
                 "getrlimit,setrlimit,prlimit64,getrusage,times,prctl,exit_group,execve,"
                 "sched_getscheduler,sched_setscheduler,sched_getparam,sched_setparam,"
                 "sched_get_priority_max,sched_get_priority_min,sched_rr_get_interval,"
                 "sched_getattr,sched_setattr,getpriority,setpriority")
MEMORY_CALLS = ("mmap,munmap,mprotect,pkey_mprotect,madvise,mremap,brk,msync,mlock,mlock2,"
                "munlock,mlockall,munlockall,mincore,membarrier")

_UNFINISHED = " <unfinished ...>"
_RESUMED_RE = re.compile(r"^<\.\.\. ([A-Za-z0-9_]+) resumed>")
_TIMES_RE = re.compile(r"^(times\(.*\)\s+= )\d+$")
_RUSAGE_RE = re.compile(r"tv_usec=\d+")
# with -v: the tracee's own resource use (its high-water RSS includes the tracer's fork)
_RU_RE = re.compile(r"(ru_maxrss|ru_minflt|ru_majflt|ru_inblock|ru_oublock|ru_nvcsw|ru_nivcsw)=\d+")
_RESULT_RE = re.compile(r"^(.*\))\s+(= [^=]*)$")


def joined(lines):
    """{pid: [whole lines]}: each `X( <unfinished ...>` joined with its `<... X resumed>` rest,
    so that scheduling does not decide how a line is split."""
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
            whole = head + (result.group(1) if result else rest)
            seq[idx] = (whole + " ").ljust(40) + result.group(2) if result else whole
            continue
        seq.append(body)
    for pid, (idx, head) in pending.items():
        out[pid][idx] = head + _UNFINISHED
    return dict((pid, [l for l in seq if l is not None]) for pid, seq in out.items())


def clean(bodies):
    """Lines without prefix: clock ticks, CPU times and the result column made uniform."""
    out = []
    for body in bodies:
        body = _TIMES_RE.sub(r"\1TICKS", body)
        body = _RUSAGE_RE.sub("tv_usec=N", body)
        body = _RU_RE.sub(r"\1=N", body)
        # alignment depends on the prefix and the joining; tests/test_core_* check it
        out.append(_RESULT_RE.sub(r"\1 \2", body))
    return out


def clean_joined(lines):
    return dict((pid, clean(body)) for pid, body in
                joined(tracecmp.normalise(lines)).items())


def compare_runs(args, cmd):
    """(identical fraction, [(strace line, minitrace line) that differ], total lines)."""
    st = tracecmp.run_strace(args, cmd)[0]
    mt = tracecmp.run_minitrace(args, cmd)[0]
    a, b = clean_joined(st), clean_joined(mt)
    same = total = 0
    diffs = []
    # processes in order of appearance on both sides (P1, P2... after normalising)
    for pid in sorted(set(a) | set(b), key=str):
        la, lb = a.get(pid, []), b.get(pid, [])
        # when SIGCHLD lands relative to the parent's next call is up to the scheduler:
        # those lines are compared as a set
        sa = sorted(l for l in la if l.startswith("--- SIGCHLD"))
        sb = sorted(l for l in lb if l.startswith("--- SIGCHLD"))
        la = [l for l in la if not l.startswith("--- SIGCHLD")] + sa
        lb = [l for l in lb if not l.startswith("--- SIGCHLD")] + sb
        sm = difflib.SequenceMatcher(None, la, lb, autojunk=False)
        same += sum(block.size for block in sm.get_matching_blocks())
        total += max(len(la), len(lb))
        for tag, i1, i2, j1, j2 in sm.get_opcodes():
            if tag != "equal":
                diffs.append(("\n   ".join(la[i1:i2]) or "<none>", "\n   ".join(lb[j1:j2]) or "<none>"))
    return (float(same) / total if total else 1.0), diffs, total


def check(args, cmd):
    ratio, diffs, total = compare_runs(args, cmd)
    report = "\n".join("strace:    %s\nminitrace: %s" % d for d in diffs)
    print("%s: %.1f%% of %d lines identical" % (" ".join(cmd), 100 * ratio, total))
    if diffs:
        print(report)
    assert total > 0, "no trace lines"
    assert ratio >= THRESHOLD, "%.1f%% identical (< %d%%):\n%s" % (100 * ratio,
                                                                  100 * THRESHOLD, report)
    return ratio


# -X and -v change how constants and structures print; -e verbose=none prints structures and
# arrays as addresses (strings stay)
STYLES = [[], ["-X", "raw"], ["-X", "verbose", "-v"], ["-e", "verbose=none"]]


@pytest.mark.parametrize("style", STYLES, ids=" ".join)
def test_process_workload(ptrace_ok, style):
    exe = tracecmp.build("decode_process")
    check(["-f", "-e", "trace=" + PROCESS_CALLS] + style, [exe])


@pytest.mark.parametrize("style", STYLES, ids=" ".join)
def test_sched_workload(ptrace_ok, style):
    """Scheduler policies, sched_param, sched_attr (both sizes), intervals, nice values."""
    check(style, [tracecmp.build("decode_sched")])


def test_memory_workload(ptrace_ok):
    exe = tracecmp.build("decode_memory")
    check(["-f", "-e", "trace=" + MEMORY_CALLS], [exe])


def test_bin_true_whole_trace(ptrace_ok):
    check([], ["/bin/true"])


def test_sh_forks(ptrace_ok):
    # the process and memory families only (rt_sigaction & co. belong to the signal family)
    check(["-f", "-e", "trace=" + PROCESS_CALLS + "," + MEMORY_CALLS],
          ["/bin/sh", "-c", "true; true"])


if __name__ == "__main__":
    pytest.main([__file__, "-v", "-s"])
