"""Helpers for tests that run the same workload under the real strace and under minitrace and
compare the traces: build the C workloads, run either tracer, normalise run-specific values
(pids, addresses, times), split by pid, diff. Used by tests/test_core_*.py; no ptrace here.
"""
import difflib
import glob
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROGS = os.path.join(ROOT, "tests", "progs")
BUILD = os.path.join(ROOT, "tests", ".build")
STRACE = "/usr/bin/strace"
# the tree whose minitrace is run (`python -m minitrace` with this cwd); MINITRACE_ROOT lets the
# same tests run another copy (a snapshot, an installed single-file build)
MINITRACE_ROOT = os.environ.get("MINITRACE_ROOT") or ROOT
TIMEOUT = 60
PTHREAD_PROGS = ("core_threads",)
# gcc flags of a 32-bit x86 build. Debian's gcc-multilib (which adds /usr/include/asm) conflicts
# with the cross compilers the layout tests need, so the 32-bit build finds the kernel's
# bi-arch asm headers in the multiarch folder itself; gcc-12-multilib and libc6-dev-i386 give
# the rest (tools/test.py installs them).
M32_FLAGS = ("-m32", "-isystem", "/usr/include/x86_64-linux-gnu")


# ---------------------------------------------------------------- building the workloads

def build(name, extra_flags=(), suffix=""):
    """Compile tests/progs/NAME.c (gcc -O1 -static EXTRA_FLAGS) into tests/.build/NAME+SUFFIX
    when the source is newer than the binary; return the binary's path."""
    src = os.path.join(PROGS, name + ".c")
    exe = os.path.join(BUILD, name + suffix)
    if os.path.exists(exe) and os.path.getmtime(exe) >= os.path.getmtime(src):
        return exe
    if not os.path.isdir(BUILD):
        os.makedirs(BUILD)
    flags = ["-O1", "-static"] + list(extra_flags)
    if name in PTHREAD_PROGS:
        flags.append("-pthread")
    tmp = exe + ".tmp%d" % os.getpid()
    proc = subprocess.Popen(["gcc"] + flags + ["-o", tmp, src],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = proc.communicate()[0].decode("utf-8", "replace")
    if proc.returncode != 0:
        raise RuntimeError("gcc cannot build %s:\n%s" % (src, out))
    os.rename(tmp, exe)
    return exe


# ---------------------------------------------------------------- running the tracers

def children(pid):
    """The pids of a running process's children (/proc's list of its main thread), or []."""
    try:
        with open("/proc/%d/task/%d/children" % (pid, pid)) as f:
            return [int(n) for n in f.read().split()]
    except OSError:
        return []


def _no_core():
    # a tracee (or a tracer mirroring its death) killed by SIGSEGV must not write core files
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def run_tool(argv0, args, cmd, output="file", timeout=TIMEOUT, env=None, cwd=ROOT,
             stdin=None):
    """Run ARGV0 ARGS CMD. output="file": add `-o TMP/trace` and return its lines;
    output="ff": add `-ff -o TMP/trace` and return {pid: lines} of the TMP/trace.PID files;
    output="stderr": the trace is read from stderr, with the tracer's own messages cut out
    (split_stderr); the full stderr text is returned as well.
    Returns (lines, stderr_text, returncode). The tracee's stdout is captured and dropped."""
    tmpdir = tempfile.mkdtemp(prefix="tracecmp")
    try:
        base = os.path.join(tmpdir, "trace")
        extra = []
        if output == "file":
            extra = ["-o", base]
        elif output == "ff":
            extra = ["-ff", "-o", base]
        argv = list(argv0) + extra + list(args) + list(cmd)
        executable = None
        if argv[0] == STRACE:
            # strace names itself by argv[0] in its messages: run it as plain `strace`
            executable, argv[0] = STRACE, "strace"
        proc = subprocess.Popen(argv, executable=executable, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                stdin=stdin if stdin is not None else subprocess.DEVNULL,
                                env=env, cwd=cwd, preexec_fn=_no_core)
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
            raise AssertionError("timeout (%ss): %s\nstderr:\n%s"
                                 % (timeout, " ".join(argv), err.decode("utf-8", "replace")))
        err = err.decode("utf-8", "replace")
        if output == "file":
            lines = _read_lines(base)
        elif output == "ff":
            lines = {}
            for path in glob.glob(base + ".*"):
                lines[int(path.rsplit(".", 1)[1])] = _read_lines(path)
        else:
            lines = split_stderr(err, "strace" if executable else "minitrace")[0]
        return lines, err, proc.returncode
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


def _read_lines(path):
    if not os.path.exists(path):
        return []
    with open(path, "rb") as f:
        return f.read().decode("utf-8", "replace").splitlines()


def run_strace(args, cmd, **kw):
    return run_tool([STRACE], args, cmd, **kw)


def run_minitrace(args, cmd, python=sys.executable, **kw):
    kw.setdefault("cwd", MINITRACE_ROOT)
    return run_tool([python, "-m", "minitrace"], args, cmd, **kw)


# ---------------------------------------------------------------- parsing lines

PREFIX_RE = re.compile(r"^(?:\[pid +(P?\d+)\] |(P?\d+) +)")
CALL_RE = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\(")
RESUMED_RE = re.compile(r"^<\.\.\. ([A-Za-z0-9_]+) resumed>")


def split_prefix(line):
    """(pid or None, rest of the line) for `[pid  N] ...` and `N     ...` (-o FILE -f) lines;
    the pid is an int, or a label `P1` in normalised lines."""
    m = PREFIX_RE.match(line)
    if not m:
        return None, line
    pid = m.group(1) or m.group(2)
    return (pid if pid.startswith("P") else int(pid)), line[m.end():]


def syscall_names(lines):
    """The syscall names in order: one per call (an unfinished call counts at its entry, its
    `<... X resumed>` line is skipped). Signal, exit and message lines are left out."""
    names = []
    for line in lines:
        body = split_prefix(line)[1]
        m = CALL_RE.match(body)
        if m:
            names.append(m.group(1))
    return names


def event_lines(lines):
    """The `---` and `+++` lines (signals, stops, exits), prefix kept."""
    return [l for l in lines if split_prefix(l)[1].startswith(("---", "+++"))]


def by_pid(lines, default=None):
    """{pid: [lines without prefix]}; lines without a prefix go to DEFAULT."""
    out = {}
    for line in lines:
        pid, body = split_prefix(line)
        out.setdefault(pid if pid is not None else default, []).append(body)
    return out


def split_stderr(err, tool):
    """Stderr text -> (trace lines, the tracer's messages). A message such as
    `strace: Process N attached` can land in the middle of a half-printed trace line; it is cut
    out together with its newline, so `clone(...SIGCHLD` + `strace: Process N attached\n` +
    ` <unfinished ...>` becomes one trace line again."""
    rx = re.compile(re.escape(tool) + r": [^\n]*(?:\n|$)")
    messages = [m.group(0).rstrip("\n") for m in rx.finditer(err)]
    return rx.sub("", err).splitlines(), messages


# ---------------------------------------------------------------- normalising

# Places where a number is a pid or tid. Each pattern's group 1 is the pid.
_PID_CONTEXTS = [
    re.compile(r"^\[pid +(\d+)\]"),
    re.compile(r"^(\d+) "),
    re.compile(r"\bProcess (\d+) (?:attached|detached)"),
    re.compile(r"\bPID=(\d+)"),
    re.compile(r"\bin pid (\d+)"),
    re.compile(r"\bsi_pid=(\d+)"),
    re.compile(r"\bparent_tid=\[(\d+)\]"),
    re.compile(r"\b(?:wait4\(|waitpid\(|kill\(|tkill\(|tgkill\(|pidfd_open\(|ptrace\([A-Z_]+, )(\d+)"),
    re.compile(r"\btgkill\(\d+, (\d+)"),
    re.compile(r"\b(?:clone|clone3|fork|vfork|wait4|waitpid|getpid|gettid|getppid|"
               r"set_tid_address)\(.*\) += (\d+)$"),
    re.compile(r"^(?:\[pid +\d+\] |\d+ +)?<\.\.\. (?:clone|clone3|fork|vfork|wait4) resumed>.* = (\d+)$"),
]
# Further places in a line's body where a number is a pid or tid (every group of each pattern is
# one). normalise labels a pid only in these places and those above: a pid is a number like any
# other, and on a machine whose pids wrapped (pid_max 32768, a long test session) pid 644 or 832
# is as likely as 31679, so a rule that labelled the number wherever it stood would also label a
# file mode 0644 or a read of 832 bytes in one run and not in the next.
_BODY_PID_CONTEXTS = _PID_CONTEXTS + [
    # thread join waits on the thread's tid in its tid field (CLONE_CHILD_CLEARTID)
    re.compile(r"^futex\([^,]+, FUTEX_WAIT[A-Z_|]*, (\d+)"),
    re.compile(r"^(?:getpgid|getsid|getpriority\(PRIO_PROCESS,|setpriority\(PRIO_PROCESS,|"
               r"prlimit64|sched_[a-z_]+|process_vm_readv|process_vm_writev|get_robust_list|"
               r"rt_sigqueueinfo|migrate_pages|move_pages|"
               r"ioprio_[gs]et\(IOPRIO_WHO_PROCESS,)\(? ?(\d+)"),
    re.compile(r"^(?:setpgid|kcmp|rt_tgsigqueueinfo)\((\d+), (\d+)"),
    re.compile(r"^waitid\((?:P_PID|0x1(?: /\* P_PID \*/)?), (\d+)"),
    re.compile(r"^(?:getpgid|getpgrp|getsid|setsid)\(.*\) += (\d+)$"),
    re.compile(r"^<\.\.\. (?:getpid|gettid|getppid|set_tid_address|getpgid|getpgrp|getsid|setsid|"
               r"waitpid|waitid) resumed>.* = (\d+)$"),
    # sigreturn gives back the interrupted code's return register: after fork, the child's pid
    re.compile(r"^(?:rt_)?sigreturn\(.*\) += (\d+)$"),
    re.compile(r"\bF_SETOWN, (\d+)"),
    re.compile(r"\bF_GETOWN\) += (\d+)$"),
    re.compile(r"<pid changed to (\d+) \.\.\.>"),
    # struct fields: si_pid, pid (ucred, capget, f_owner_ex), l_pid, nlmsg_pid, nl_pid, tid ...
    re.compile(r"\b[a-z_]*(?:pid|tid|_thread_id)=(\d+)"),
    # a netlink socket's port id is its process's pid (-yy: NETLINK:[ROUTE:PID])
    re.compile(r"NETLINK:\[[A-Z0-9_]+:(\d+)\]"),
    re.compile(r"/proc/(\d+)(?=[/\"])"),
]
# 0x53053053 is RSEQ_SIG (x86), a constant, not an address: kept
_ADDR_RE = re.compile(r"0x(?!53053053\b)[0-9a-f]{5,}")
_TIME_RES = [
    (re.compile(r"\b\d\d:\d\d:\d\d(?:\.\d+)?\b"), "TIME"),
    (re.compile(r"^\d{9,}\.\d+\b"), "TIME"),
    (re.compile(r"<\d+\.\d+>"), "<TIME>"),
    # a clock_t value and the seconds comment strace adds when it is not 0
    (re.compile(r"\bsi_([us])time=\d+(?: /\* [\d.]+ s \*/)?"), r"si_\1time=T"),
    (re.compile(r'\bgetrandom\("(?:[^"\\]|\\.)*"'), 'getrandom("RANDOM"'),
    # sysinfo's moving values (the sizes of the machine stay)
    (re.compile(r"\b(uptime|freeram|sharedram|bufferram|freeswap|procs|freehigh)=\d+"), r"\1=N"),
    (re.compile(r"\bloads=\[\d+, \d+, \d+\]"), "loads=[N]"),
]
_RESULT_RE = re.compile(r"^(.*\)) +(= .*)$")


def pid_order(lines):
    """The pids of LINES in order of first appearance (in the pid contexts above). 0 is never
    a pid (wait4(..., WNOHANG) = 0: no child changed state)."""
    order = []
    for line in lines:
        found = []
        for rx in _PID_CONTEXTS:
            for m in rx.finditer(line):
                found.append((m.start(1), int(m.group(1))))
        for _, pid in sorted(found):
            if pid and pid not in order:
                order.append(pid)
    return order


def label_pids(body, label):
    """BODY with each number that stands where a pid stands (_BODY_PID_CONTEXTS) and is a key of
    LABEL replaced by its label."""
    spans = set()
    for rx in _BODY_PID_CONTEXTS:
        for m in rx.finditer(body):
            spans.update(m.span(g) for g in range(1, (rx.groups or 0) + 1) if m.start(g) >= 0)
    for start, end in sorted(spans, reverse=True):
        pid = int(body[start:end])
        if pid in label:
            body = body[:start] + label[pid] + body[end:]
    return body


def normalise(lines, pids=None, acolumn=40, extra=()):
    """Replace run-specific values: pids -> P1, P2... (order of first appearance, or the order
    given in PIDS) where a pid stands (label_pids), `[pid  N] ` -> `[pid P1] `, `N     ` (-o prefix) -> `P1 `, hex addresses of 5+
    digits -> ADDR, times -> TIME, random bytes -> RANDOM. Small numbers (fds, sizes) stay.
    A line whose head changed length is realigned to ACOLUMN by strace's rule, so that e.g. a
    7-digit and an 8-digit heap address compare equal; check the raw alignment separately
    (alignment_errors). EXTRA: a test's own (regex, replacement) pairs, applied to each line's
    body before that realignment (a pipe's inode of 5 digits in one run and 6 in the next)."""
    if pids is None:
        pids = pid_order(lines)
    label = dict((pid, "P%d" % (i + 1)) for i, pid in enumerate(pids))

    out = []
    for line in lines:
        orig = line
        pid, body = split_prefix(line)
        prefix = ""
        m = PREFIX_RE.match(line)
        if m:
            prefix = ("[pid %s] " if line.startswith("[pid") else "%s ") % label.get(pid, pid)
        body = _ADDR_RE.sub("ADDR", body)
        for rx, repl in _TIME_RES:
            body = rx.sub(repl, body)
        for rx, repl in extra:
            body = rx.sub(repl, body)
        if label:
            body = label_pids(body, label)
        new = prefix + body
        mo, mn = _RESULT_RE.match(orig), _RESULT_RE.match(new)
        if mo and mn and len(mo.group(1)) != len(mn.group(1)):
            new = (mn.group(1) + " ").ljust(acolumn) + mn.group(2)
        out.append(new)
    return out


def alignment_errors(lines, acolumn=40):
    """Lines ending in `) = result` whose `=` is not where strace puts it:
    (head + " ").ljust(acolumn) + "= " + result."""
    bad = []
    for line in lines:
        m = _RESULT_RE.match(line)
        if not m or " <unfinished" in line:
            continue
        want = (m.group(1) + " ").ljust(acolumn) + m.group(2)
        if want != line:
            bad.append(line)
    return bad


# ---------------------------------------------------------------- reporting

def compare(a, b, name_a="strace", name_b="minitrace"):
    """A unified diff of two lists of lines ('' when equal), for assertion messages."""
    if list(a) == list(b):
        return ""
    return "\n".join(difflib.unified_diff(list(a), list(b), name_a, name_b, lineterm="", n=2))


def differing(a, b):
    """Pairs (strace line, minitrace line) that differ, position by position."""
    out = []
    for i in range(max(len(a), len(b))):
        la = a[i] if i < len(a) else "<missing>"
        lb = b[i] if i < len(b) else "<missing>"
        if la != lb:
            out.append((la, lb))
    return out


def stderr_lines(err, tool):
    """Stderr as lines with the tool's name replaced by `TOOL`, so strace's and minitrace's
    messages compare."""
    return [re.sub(r"\b%s\b" % re.escape(tool), "TOOL", l) for l in err.splitlines()]
