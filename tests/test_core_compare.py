"""The tracer core against the real strace: the same C workloads (tests/progs/core_*.c) run under
both; compared after normalise(): which syscalls appear per process and in which order, the
`---`/`+++` lines, the pid prefixes of stderr and `-o FILE` output, `-ff` files, exit status,
and the command-line error messages. Argument decoding is not the point here, except in
test_hello_full_lines, which compares every line.
"""
import os
import re

import pytest

import tracecmp as tc

pytestmark = pytest.mark.usefixtures("ptrace_ok")

# name: (tracer options, workload argv after the binary)
WORKLOADS = {
    "hello": ("core_hello", [], []),
    "fork": ("core_fork", ["-f"], []),
    "threads": ("core_threads", ["-f"], []),
    "signals_term": ("core_signals", [], []),
    "signals_segv": ("core_signals", [], ["segv"]),
    "stop": ("core_stop", ["-f"], []),
}
EXIT_RE = re.compile(r"^\+\+\+ (exited with \d+|killed by SIG[A-Z0-9]+( \(core dumped\))?) \+\+\+$")


def run_both(key, output="file", extra=()):
    prog, args, argv = WORKLOADS[key]
    cmd = [tc.build(prog)] + argv
    args = list(extra) + args
    s = tc.run_strace(args, cmd, output=output)
    m = tc.run_minitrace(args, cmd, output=output)
    return s, m, args, cmd


def per_pid(lines, output):
    """Normalised lines grouped by pid label; unprefixed stderr lines belong to the first
    process (P1: its set_tid_address result is the first pid seen)."""
    return tc.by_pid(tc.normalise(lines), default="P1")


def cmdline(args, cmd, output):
    o = {"file": ["-o", "FILE"], "ff": ["-ff", "-o", "FILE"], "stderr": []}[output]
    return "minitrace %s" % " ".join(o + list(args) + [os.path.relpath(c, tc.ROOT)
                                                        if c.startswith("/work") else c
                                                        for c in cmd])


# ---------------------------------------------------------------- per workload, both outputs

@pytest.mark.parametrize("output", ["file", "stderr"])
@pytest.mark.parametrize("key", sorted(WORKLOADS))
def test_syscall_sequences(key, output):
    (sl, serr, src), (ml, merr, mrc), args, cmd = run_both(key, output)
    assert "Traceback" not in merr, merr
    assert sl, "strace wrote no trace: %s" % serr
    s, m = per_pid(sl, output), per_pid(ml, output)
    assert sorted(s) == sorted(m), "processes differ (%s): strace %s, minitrace %s\n%s" % (
        cmdline(args, cmd, output), sorted(s), sorted(m), tc.compare(sl, ml))
    for pid in sorted(s):
        diff = tc.compare(tc.syscall_names(s[pid]), tc.syscall_names(m[pid]))
        assert not diff, "syscalls of %s differ (%s):\n%s" % (pid, cmdline(args, cmd, output),
                                                                diff)


@pytest.mark.parametrize("output", ["file", "stderr"])
@pytest.mark.parametrize("key", sorted(WORKLOADS))
def test_event_lines(key, output):
    """`--- SIG... ---`, `--- stopped by ---`, `+++ exited/killed +++` per process, in order."""
    (sl, serr, src), (ml, merr, mrc), args, cmd = run_both(key, output)
    s, m = per_pid(sl, output), per_pid(ml, output)
    for pid in sorted(set(s) | set(m)):
        diff = tc.compare(tc.event_lines(s.get(pid, [])), tc.event_lines(m.get(pid, [])))
        assert not diff, "signal/exit lines of %s differ (%s):\n%s" % (
            pid, cmdline(args, cmd, output), diff)


@pytest.mark.parametrize("output", ["file", "stderr"])
@pytest.mark.parametrize("key", sorted(WORKLOADS))
def test_exit_status(key, output):
    """minitrace exits like strace: the tracee's code, or death by the tracee's signal (-SIG)."""
    (sl, serr, src), (ml, merr, mrc), args, cmd = run_both(key, output)
    assert mrc == src, "exit status: strace %s, minitrace %s (%s)\n%s" % (
        src, mrc, cmdline(args, cmd, output), merr[-2000:])


def test_expected_events():
    """The workloads really make the lines the other tests compare (guards the workloads)."""
    want = {
        "hello": ["+++ exited with 3 +++"],
        "signals_term": ["--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_USER, si_pid=P1, si_uid=0} ---",
                         "--- SIGTERM {si_signo=SIGTERM, si_code=SI_USER, si_pid=P1, si_uid=0} ---",
                         "+++ killed by SIGTERM +++"],
        "signals_segv": ["--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL} ---",
                         "+++ killed by SIGSEGV +++"],
    }
    for key, lines in sorted(want.items()):
        (sl, _, _), (ml, merr, _), args, cmd = run_both(key, "file")
        assert tc.event_lines(tc.normalise(sl)) == lines, sl
        assert tc.event_lines(tc.normalise(ml)) == lines, (
            "%s:\n%s" % (cmdline(args, cmd, "file"), tc.compare(lines, tc.normalise(ml))))
    (sl, _, _), (ml, _, _), args, cmd = run_both("stop", "file")
    for lines, who in ((sl, "strace"), (ml, "minitrace")):
        p2 = tc.by_pid(tc.normalise(lines)).get("P2", [])
        assert "--- stopped by SIGSTOP ---" in p2, (who, lines)
        assert any(l.startswith("--- SIGCONT {") for l in p2), (who, lines)


def test_hello_full_lines():
    """core_hello, every line after normalise (this one covers the decoders of the simple calls
    too); the failure message lists each differing line."""
    (sl, _, _), (ml, merr, _), args, cmd = run_both("hello", "file")
    a, b = tc.normalise(sl), tc.normalise(ml)
    bad = tc.differing(a, b)
    assert not bad, "%d of %d lines differ (%s):\n%s" % (
        len(bad), len(a), cmdline(args, cmd, "file"),
        "\n".join("  strace:    %s\n  minitrace: %s" % p for p in bad))


# ---------------------------------------------------------------- prefixes and alignment

@pytest.mark.parametrize("key", ["fork", "threads", "stop"])
def test_file_prefix_every_line(key):
    """`-o FILE -f`: `%-5d ` on every line, even while only one process exists."""
    (sl, _, _), (ml, _, _), args, cmd = run_both(key, "file")
    assert ml
    bad = [l for l in ml if not (tc.split_prefix(l)[0] is not None
                                 and l.startswith("%-5d " % tc.split_prefix(l)[0]))]
    assert not bad, "lines without the `%%-5d ` pid prefix (%s):\n%s" % (
        cmdline(args, cmd, "file"), "\n".join(bad[:10]))
    assert not [l for l in ml if l.startswith("[pid")]


@pytest.mark.parametrize("key", ["fork", "threads", "stop"])
def test_stderr_prefix_only_while_several(key):
    """stderr with -f: `[pid %5d] `, only while more than one tracee exists: the first line
    and the lines after the last child's exit have none; never the `-o` form."""
    (sl, _, _), (ml, merr, _), args, cmd = run_both(key, "stderr")
    assert ml, merr
    for lines, who in ((sl, "strace"), (ml, "minitrace")):
        where = "%s (%s)" % (who, cmdline(args, cmd, "stderr"))
        assert tc.split_prefix(lines[0])[0] is None, where + ": " + lines[0]
        assert lines[-1] == "+++ exited with 0 +++", where + ": " + lines[-1]
        last_child_exit = max(i for i, l in enumerate(lines)
                              if l.startswith("[pid") and EXIT_RE.match(tc.split_prefix(l)[1]))
        after = [l for l in lines[last_child_exit + 1:] if tc.split_prefix(l)[0] is not None]
        assert not after, "%s: prefix after the last child exited:\n%s" % (where,
                                                                            "\n".join(after))
        for l in lines:
            pid = tc.split_prefix(l)[0]
            if pid is not None:
                assert l.startswith("[pid %5d] " % pid), where + ": " + l
        assert not [l for l in lines if re.match(r"^\d+ ", l)], where


@pytest.mark.parametrize("output", ["file", "stderr"])
def test_no_prefix_without_f(output):
    (sl, _, _), (ml, _, _), args, cmd = run_both("hello", output)
    assert [l for l in ml if tc.split_prefix(l)[0] is not None] == []


@pytest.mark.parametrize("acolumn", [40, 0, 20, 33])
def test_alignment(acolumn):
    """`(head + " ").ljust(a) + "= " + result` on every complete line of minitrace's output."""
    extra = [] if acolumn == 40 else ["-a", str(acolumn)]
    for key in ("hello", "fork"):
        (sl, _, _), (ml, _, _), args, cmd = run_both(key, "file", extra)
        assert tc.alignment_errors(sl, acolumn) == [], sl  # the rule itself
        bad = tc.alignment_errors(ml, acolumn)
        assert not bad, "misaligned (%s):\n%s" % (cmdline(args, cmd, "file"), "\n".join(bad))


# ---------------------------------------------------------------- -ff

def ff_normalised(files):
    pids = sorted(files)
    alllines = [l for p in pids for l in files[p]]
    order = pids + [p for p in tc.pid_order(alllines) if p not in pids]
    return dict((p, tc.normalise(files[p], pids=order)) for p in pids)


@pytest.mark.parametrize("key", ["fork", "threads", "stop", "hello"])
def test_ff_files(key):
    (sf, serr, src), (mf, merr, mrc), args, cmd = run_both(key, "ff")
    where = cmdline(args, cmd, "ff")
    assert "Traceback" not in merr, merr
    assert len(mf) == len(sf), "%s: strace wrote %d files, minitrace %d (%s)" % (
        where, len(sf), len(mf), sorted(mf))
    for pid, lines in sorted(mf.items()):
        assert lines, "%s: FILE.%d is empty" % (where, pid)
        assert EXIT_RE.match(lines[-1]), "%s: FILE.%d ends with %r" % (where, pid, lines[-1])
        assert [l for l in lines if tc.split_prefix(l)[0] is not None] == [], (
            "%s: pid prefix in FILE.%d" % (where, pid))
    assert src == mrc
    seq = lambda files: sorted(tuple(tc.syscall_names(ls)) for ls in files.values())
    diff = tc.compare(["%s" % (s,) for s in seq(sf)], ["%s" % (s,) for s in seq(mf)])
    assert not diff, "%s: per-process syscall sequences differ:\n%s" % (where, diff)
    ns, nm = ff_normalised(sf), ff_normalised(mf)
    ev = lambda files: sorted(tuple(tc.event_lines(ls)) for ls in files.values())
    diff = tc.compare(["%s" % (s,) for s in ev(ns)], ["%s" % (s,) for s in ev(nm)])
    assert not diff, "%s: per-process signal/exit lines differ:\n%s" % (where, diff)


# ---------------------------------------------------------------- real binaries

@pytest.mark.parametrize("cmd", [["/bin/true"], ["/bin/ls", "/"]], ids=["true", "ls"])
def test_real_binaries(cmd):
    s, serr, src = tc.run_strace([], cmd)
    m, merr, mrc = tc.run_minitrace([], cmd)
    where = cmdline([], cmd, "file")
    assert "Traceback" not in merr, merr
    assert mrc == src == 0, (where, mrc, merr)
    diff = tc.compare(tc.syscall_names(s), tc.syscall_names(m))
    assert not diff, "%s: syscalls differ:\n%s" % (where, diff)
    ns, nm = tc.normalise(s), tc.normalise(m)
    assert nm[0] == ns[0], "%s: first line\n  strace:    %s\n  minitrace: %s" % (where, ns[0],
                                                                                   nm[0])
    assert nm[-1] == ns[-1] == "+++ exited with 0 +++"


# ---------------------------------------------------------------- filtering, quiet

@pytest.mark.parametrize("expr", ["trace=write,exit_group", "trace=%process", "trace=!brk,mprotect",
                                  "trace=none"])
def test_trace_filter(expr):
    (sl, _, _), (ml, merr, _), args, cmd = run_both("fork", "file", ["-e", expr])
    assert "Traceback" not in merr, merr
    s, m = per_pid(sl, "file"), per_pid(ml, "file")
    for pid in sorted(set(s) | set(m)):
        diff = tc.compare(tc.syscall_names(s.get(pid, [])), tc.syscall_names(m.get(pid, [])))
        assert not diff, "%s: syscalls of %s differ:\n%s" % (cmdline(args, cmd, "file"), pid,
                                                              diff)
        diff = tc.compare(tc.event_lines(s.get(pid, [])), tc.event_lines(m.get(pid, [])))
        assert not diff, "%s: events of %s differ:\n%s" % (cmdline(args, cmd, "file"), pid, diff)


@pytest.mark.parametrize("extra", [[], ["-q"]], ids=["default", "q"])
def test_attach_messages_stderr(extra):
    """stderr with -f: one `Process N attached` per child (none with -q); `-o FILE PROG`: none."""
    (sl, serr, _), (ml, merr, _), args, cmd = run_both("fork", "stderr", extra)
    sm = tc.normalise(tc.split_stderr(serr, "strace")[1])
    mm = tc.normalise(tc.split_stderr(merr, "minitrace")[1])
    assert [l.replace("strace:", "minitrace:") for l in sm] == mm, (sm, mm)
    (sl, serr, _), (ml, merr, _), args, cmd = run_both("fork", "file", extra)
    assert serr == "" and merr == "", (serr, merr)


# ---------------------------------------------------------------- command-line errors

@pytest.mark.parametrize("argv", [["nosuch"], ["-p", "999999"], ["-Q", "true"], [],
                                  ["-f", "-p", "999999"], ["-e", "trace=foo", "true"],
                                  ["-s", "-1", "true"]],
                         ids=["nosuch", "badpid", "badopt", "noargs", "f-badpid", "badcall",
                              "bad-s"])
def test_cli_errors(argv):
    s, serr, src = tc.run_strace(argv, [], output="stderr")
    m, merr, mrc = tc.run_minitrace(argv, [], output="stderr")
    assert "Traceback" not in merr, merr
    want = serr.replace("strace", "minitrace")
    assert merr == want, "minitrace %s\n%s" % (" ".join(argv), tc.compare(want.splitlines(),
                                                                            merr.splitlines()))
    assert mrc == src == 1


def test_cli_error_texts():
    """The texts of the brief, spelled out (not only 'the same as strace')."""
    cases = [
        (["nosuch"], "minitrace: Can't stat 'nosuch': No such file or directory\n"),
        (["-p", "999999"], "minitrace: attach: ptrace(PTRACE_SEIZE, 999999): No such process\n"),
        (["-Q", "true"], "minitrace: invalid option -- 'Q'\n"
                         "Try 'minitrace -h' for more information.\n"),
        ([], "minitrace: must have PROG [ARGS] or -p PID\n"
             "Try 'minitrace -h' for more information.\n"),
    ]
    for argv, text in cases:
        m, merr, mrc = tc.run_minitrace(argv, [], output="stderr")
        assert (merr, mrc) == (text, 1), argv


# ---------------------------------------------------------------- unfinished / resumed

UNFINISHED_RE = re.compile(r"^([A-Za-z0-9_]+)\(.* <unfinished \.\.\.>$")


def unfinished_errors(lines):
    """LINES are normalised (unprefixed stderr lines belong to P1, the first process). Per pid: every `<... X resumed>` follows an open `X(... <unfinished ...>` of that pid,
    no pid opens two calls at once, `<unfinished ...>` is preceded by one space (two after
    `, `). Returns the problems as text."""
    problems = []
    open_call = {}
    for i, line in enumerate(lines):
        pid, body = tc.split_prefix(line)
        pid = pid if pid is not None else "P1"
        m = UNFINISHED_RE.match(body)
        r = tc.RESUMED_RE.match(body)
        if m:
            if pid in open_call:
                problems.append("line %d: %s opens %s while %s is unfinished" % (
                    i + 1, pid, m.group(1), open_call[pid]))
            open_call[pid] = m.group(1)
            if not re.search(r"(, |[^ ]) <unfinished \.\.\.>$", body):
                problems.append("line %d: spacing before <unfinished ...>: %s" % (i + 1, line))
        elif r:
            if open_call.get(pid) != r.group(1):
                problems.append("line %d: %s resumes %s, open: %s" % (
                    i + 1, pid, r.group(1), open_call.get(pid)))
            open_call.pop(pid, None)
        elif tc.CALL_RE.match(body) and pid in open_call:
            problems.append("line %d: %s starts %s while %s is unfinished" % (
                i + 1, pid, tc.CALL_RE.match(body).group(1), open_call[pid]))
    return problems


@pytest.mark.parametrize("output", ["file", "stderr"])
@pytest.mark.parametrize("key", ["fork", "threads", "stop"])
def test_unfinished_resumed_pairs(key, output):
    (sl, _, _), (ml, merr, _), args, cmd = run_both(key, output)
    sl, ml = tc.normalise(sl), tc.normalise(ml)
    assert unfinished_errors(sl) == [], sl      # the checker agrees with strace
    bad = unfinished_errors(ml)
    assert not bad, "%s:\n%s\n--- trace:\n%s" % (cmdline(args, cmd, output), "\n".join(bad),
                                                 "\n".join(ml))


# ---------------------------------------------------------------- register / memory fallbacks

FALLBACKS = {"regset": {"MINITRACE_NO_SYSCALL_INFO": "1"},
             "proc-mem": {"MINITRACE_NO_PROCESS_VM_READV": "1"},
             "both": {"MINITRACE_NO_SYSCALL_INFO": "1", "MINITRACE_NO_PROCESS_VM_READV": "1"}}


@pytest.mark.parametrize("fallback", sorted(FALLBACKS))
@pytest.mark.parametrize("key", sorted(WORKLOADS))
def test_fallbacks(key, fallback):
    """The same core comparison with PTRACE_GETREGSET instead of PTRACE_GET_SYSCALL_INFO, and
    /proc/PID/mem instead of process_vm_readv (both tracers get the variable, so the tracee's
    environment is the same)."""
    env = dict(os.environ)
    env.update(FALLBACKS[fallback])
    prog, args, argv = WORKLOADS[key]
    cmd = [tc.build(prog)] + argv
    sl, serr, src = tc.run_strace(args, cmd, env=env)
    ml, merr, mrc = tc.run_minitrace(args, cmd, env=env)
    where = "%s %s" % (" ".join("%s=%s" % kv for kv in FALLBACKS[fallback].items()),
                       cmdline(args, cmd, "file"))
    assert "Traceback" not in merr and "internal error" not in merr, merr
    assert mrc == src, "%s: exit status strace %s, minitrace %s" % (where, src, mrc)
    s, m = per_pid(sl, "file"), per_pid(ml, "file")
    assert sorted(s) == sorted(m), (where, tc.compare(sl, ml))
    for pid in sorted(s):
        diff = tc.compare(tc.syscall_names(s[pid]), tc.syscall_names(m[pid]))
        assert not diff, "%s: syscalls of %s differ:\n%s" % (where, pid, diff)
        diff = tc.compare(tc.event_lines(s[pid]), tc.event_lines(m[pid]))
        assert not diff, "%s: events of %s differ:\n%s" % (where, pid, diff)
    # the first line (execve: a path and argv read from tracee memory) is the same
    assert tc.normalise(ml)[0] == tc.normalise(sl)[0], (where, sl[0], ml[0])
