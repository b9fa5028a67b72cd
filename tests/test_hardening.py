"""Issue 10: hardening proofs, each bounded in time. The tracer must never harm the traced
program (no lost signal, no process left stopped or killed when it should run on), must survive
hostile tracees and tracees dying at awkward moments, must fail in one clear line (as strace
words it) on permission and usage mistakes, and its parsers and decoders must not crash on
random input. Workloads: tests/progs/hard_*.c. Every process attached to is started here.
"""
import os
import random
import re
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time

import pytest

import tracecmp as tc

MINITRACE = [sys.executable, "-m", "minitrace"]
PTHREAD = ("-pthread",)
DEADLINE = 30       # seconds any single tracer run may take before the test fails


# ---------------------------------------------------------------- helpers

def build(name):
    return tc.build(name, PTHREAD)


def wait_for(cond, timeout=10.0, step=0.01):
    end = time.time() + timeout
    while time.time() < end:
        if cond():
            return True
        time.sleep(step)
    return cond()


def read_text(path):
    try:
        with open(path, "rb") as f:
            return f.read().decode("utf-8", "replace")
    except OSError:
        return ""


def proc_status(pid):
    """/proc/PID/status as a dict, or None when the process is gone."""
    fields = {}
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                k, _, v = line.partition(":")
                fields[k] = v.strip()
    except OSError:
        return None
    return fields


def thread_problems(pid):
    """Threads of PID that are stopped (t/T) or still traced, as readable strings."""
    bad = []
    try:
        tids = os.listdir("/proc/%d/task" % pid)
    except OSError:
        return ["process %d is gone" % pid]
    for tid in tids:
        try:
            with open("/proc/%d/task/%s/status" % (pid, tid)) as f:
                st = dict(l.split(":", 1) for l in f if ":" in l)
        except OSError:
            continue
        state, tracer = st["State"].strip(), st["TracerPid"].strip()
        if state[:1] in "tT" or tracer != "0":
            bad.append("tid %s: State %s, TracerPid %s" % (tid, state, tracer))
    return bad


def gone_or_zombie(pid):
    st = proc_status(pid)
    return st is None or st["State"].startswith(("Z", "X"))


class Lines(object):
    """Reads lines from a pipe with a timeout (the workloads' stdout)."""

    def __init__(self, fd):
        self.fd = fd
        self.buf = b""

    def readline(self, timeout=10.0):
        end = time.time() + timeout
        while b"\n" not in self.buf:
            left = end - time.time()
            if left <= 0:
                return None
            r, _, _ = select.select([self.fd], [], [], left)
            if not r:
                return None
            chunk = os.read(self.fd, 4096)
            if not chunk:
                return None
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return line.decode("utf-8", "replace")


def kill_all(*procs):
    for p in procs:
        if p is not None and p.poll() is None:
            p.kill()
            p.wait()


def wait_rc(proc, what, timeout=DEADLINE):
    try:
        return proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        pytest.fail("%s did not end within %d s" % (what, timeout))


def per_pid(lines):
    """{P1: [...], P2: [...]}: the trace split by pid, pids labelled in numeric order (a thread's
    tid is larger than its creator's), run-specific values normalised."""
    pids = sorted(set(p for p, _ in map(tc.split_prefix, lines) if p is not None))
    return tc.by_pid(tc.normalise(lines, pids=pids))


def no_traceback(err, what):
    assert "Traceback" not in err and "internal error" not in err, (
        "%s: minitrace crashed:\n%s" % (what, err))


# ---------------------------------------------------------------- 1. attach/detach cycles

CYCLES = 50     # the number; about 9 s here


class Usr1Sender(threading.Thread):
    """Sends SIGUSR1 to PID, each only after the previous one was counted (acknowledged by a
    "u" line), so the process's own count must equal `sent` exactly."""

    def __init__(self, pid, lines):
        threading.Thread.__init__(self)
        self.daemon = True
        self.pid, self.lines = pid, lines
        self.sent = 0
        self.failure = None
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set():
            os.kill(self.pid, signal.SIGUSR1)
            self.sent += 1
            ack = self.lines.readline(timeout=10)
            if ack != "u":
                self.failure = "SIGUSR1 number %d was not acknowledged within 10 s (got %r)" % (
                    self.sent, ack)
                return
            time.sleep(0.003)


def test_attach_detach_cycles_keep_process_intact(ptrace_ok):
    """Proves: 50 cycles (CYCLES) of `minitrace -f -p PID` + SIGINT on a process with 3 threads in a
    syscall loop, while SIGUSR1 arrives every few ms, leave the process running (no thread
    stopped, TracerPid 0 after every cycle), lose no signal (its count equals the number sent)
    and let it exit 0; each minitrace run dies by SIGINT without a traceback."""
    exe = build("hard_busy")
    tmp = tempfile.mkdtemp(prefix="hard")
    r, w = os.pipe()
    busy = subprocess.Popen([exe], stdout=w, stdin=subprocess.DEVNULL)
    os.close(w)
    lines = Lines(r)
    sender = None
    tracer = None
    try:
        ready = lines.readline()
        assert ready == "ready %d" % busy.pid, ready
        pid = busy.pid
        sender = Usr1Sender(pid, lines)
        sender.start()
        rng = random.Random(10)
        err_path = os.path.join(tmp, "err")
        for cycle in range(CYCLES):
            with open(err_path, "wb") as err:
                tracer = subprocess.Popen(MINITRACE + ["-f", "-o", os.devnull, "-p", str(pid)],
                                          stdout=subprocess.DEVNULL, stderr=err,
                                          stdin=subprocess.DEVNULL, cwd=tc.MINITRACE_ROOT)
            attached = "minitrace: Process %d attached" % pid
            assert wait_for(lambda: attached in read_text(err_path) or tracer.poll() is not None), (
                "cycle %d: no attach message:\n%s" % (cycle, read_text(err_path)))
            assert tracer.poll() is None, "cycle %d: minitrace ended:\n%s" % (
                cycle, read_text(err_path))
            time.sleep(rng.uniform(0.0, 0.1))
            tracer.send_signal(signal.SIGINT)
            rc = wait_rc(tracer, "cycle %d: minitrace after SIGINT" % cycle, timeout=20)
            err = read_text(err_path)
            no_traceback(err, "cycle %d" % cycle)
            assert rc == -signal.SIGINT, "cycle %d: exit status %s\n%s" % (cycle, rc, err)
            assert "minitrace: Process %d detached" % pid in err, err
            assert wait_for(lambda: not thread_problems(pid), timeout=2), (
                "cycle %d: after the detach: %s" % (cycle, thread_problems(pid)))
            assert sender.failure is None, "cycle %d: %s" % (cycle, sender.failure)
        time.sleep(0.05)
        sender.stop.set()
        sender.join(15)
        assert not sender.is_alive() and sender.failure is None, sender.failure
        assert sender.sent >= CYCLES, "only %d signals were sent" % sender.sent
        assert busy.poll() is None, "the process died: %s" % busy.returncode
        busy.send_signal(signal.SIGTERM)
        final = lines.readline()
        assert final == "usr1=%d" % sender.sent, (
            "the process counted %r, the test sent %d SIGUSR1" % (final, sender.sent))
        assert wait_rc(busy, "hard_busy after SIGTERM") == 0
    finally:
        if sender is not None:
            sender.stop.set()
        kill_all(tracer, busy)
        os.close(r)
        for name in os.listdir(tmp):
            os.unlink(os.path.join(tmp, name))
        os.rmdir(tmp)


# ---------------------------------------------------------------- 2. many forks, threads that exec

def test_500_forks_all_followed(ptrace_ok):
    """Proves: under -f, a process forking 500 children as fast as it can loses none: 500
    children and the parent each get their `+++ exited with N +++` line, every child is seen,
    nothing hangs, and minitrace exits with the program's status (3)."""
    exe = build("hard_forks")
    lines, err, rc = tc.run_minitrace(["-f", "-e", "trace=exit_group"], [exe, "500"],
                                      timeout=120)
    no_traceback(err, "-f hard_forks 500")
    assert rc == 3, "exit status %s, the program's is 3\n%s" % (rc, err)
    exits = [l for l in tc.event_lines(lines) if tc.split_prefix(l)[1].startswith("+++")]
    bodies = [tc.split_prefix(l)[1] for l in exits]
    assert bodies.count("+++ exited with 0 +++") == 500, (bodies.count("+++ exited with 0 +++"))
    assert bodies.count("+++ exited with 3 +++") == 1
    assert len(bodies) == 501, [b for b in bodies if not b.startswith("+++ exited with")]
    pids = set(tc.split_prefix(l)[0] for l in exits)
    assert len(pids) == 501


def test_threads_that_exec_followed(ptrace_ok):
    """Proves: under -f, 20 children whose non-leader thread execs /bin/true are followed to
    the end: the same `superseded`/`exited` event lines as strace (20 supersedes, 21 exits),
    no stuck tracee, and minitrace's exit status is the program's (0)."""
    exe = build("hard_texec")
    args = ["-f", "-e", "trace=execve,exit_group"]
    s_lines, s_err, s_rc = tc.run_strace(args, [exe, "20"], timeout=120)
    m_lines, m_err, m_rc = tc.run_minitrace(args, [exe, "20"], timeout=120)
    no_traceback(m_err, "-f hard_texec 20")
    assert s_rc == 0 and m_rc == 0, (s_rc, m_rc, m_err)

    def events(lines):
        return sorted(re.sub(r"in pid \d+", "in pid N", tc.split_prefix(l)[1])
                      for l in tc.event_lines(lines) if tc.split_prefix(l)[1].startswith("+++"))
    assert events(m_lines) == events(s_lines), tc.compare(events(s_lines), events(m_lines))
    assert events(m_lines).count("+++ superseded by execve in pid N +++") == 20
    assert events(m_lines).count("+++ exited with 0 +++") == 21


# ---------------------------------------------------------------- 3. tracees dying at awkward moments

def _run_killed_in_read(tool_argv, executable=None):
    """Trace hard_killread to a file, SIGKILL it while it is blocked in read(3).
    Returns (trace lines, tracer stderr, tracer exit status)."""
    exe = build("hard_killread")
    tmp = tempfile.mkdtemp(prefix="hard")
    trace = os.path.join(tmp, "trace")
    r, w = os.pipe()
    tracer = subprocess.Popen(tool_argv + ["-o", trace, exe], executable=executable, stdout=w,
                              stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                              cwd=tc.MINITRACE_ROOT, preexec_fn=tc._no_core)
    os.close(w)
    try:
        line = Lines(r).readline()
        assert line and line.startswith("ready "), line
        pid = int(line.split()[1])

        def in_read():
            try:
                with open("/proc/%d/syscall" % pid) as f:
                    return f.read().split()[:2] == ["0", "0x3"]
            except OSError:
                return False
        assert wait_for(in_read, timeout=10), "the tracee is not blocked in read(3)"
        time.sleep(0.05)
        os.kill(pid, signal.SIGKILL)
        err = tracer.communicate(timeout=DEADLINE)[1].decode("utf-8", "replace")
        return tc._read_lines(trace), err, tracer.returncode
    finally:
        kill_all(tracer)
        os.close(r)
        if os.path.exists(trace):
            os.unlink(trace)
        os.rmdir(tmp)


@pytest.fixture(scope="module")
def killed_in_read(ptrace_ok):
    """hard_killread SIGKILLed in read(3), under strace and under minitrace."""
    return {"strace": _run_killed_in_read(["strace"], tc.STRACE),
            "minitrace": _run_killed_in_read(list(MINITRACE))}


def test_sigkill_in_the_middle_of_a_syscall_lines(killed_in_read):
    """Proves: a tracee SIGKILLed while blocked in read(3) ends its trace as strace's does:
    `read(3,  <unfinished ...>) = ?` then `+++ killed by SIGKILL +++`."""
    s_lines = killed_in_read["strace"][0]
    m_lines = killed_in_read["minitrace"][0]
    assert s_lines[-2:] == ["read(3,  <unfinished ...>)              = ?",
                            "+++ killed by SIGKILL +++"], s_lines[-2:]
    assert m_lines[-2:] == s_lines[-2:], tc.compare(s_lines[-2:], m_lines[-2:])


def test_sigkill_in_the_middle_of_a_syscall_status(killed_in_read):
    """Proves: after its only tracee was SIGKILLed, minitrace dies by SIGKILL as strace does
    (it mirrors the death signal), without a traceback."""
    s_rc = killed_in_read["strace"][2]
    _, m_err, m_rc = killed_in_read["minitrace"]
    no_traceback(m_err, "minitrace -o F hard_killread, tracee SIGKILLed")
    assert m_rc == s_rc == -signal.SIGKILL, "strace %s, minitrace %s\n%s" % (s_rc, m_rc, m_err)


AWKWARD = {
    # name: (trace filter, the program's exit status)
    "hard_exitthr": ("trace=read,exit_group,exit,write", 5),
    "hard_texec": ("trace=execve,pause,exit_group", 0),
    "hard_zombie": ("trace=exit,exit_group,write", 3),
}


@pytest.mark.parametrize("name", sorted(AWKWARD))
def test_awkward_deaths_match_strace(ptrace_ok, name):
    """Proves: exit_group while another thread is blocked in read (hard_exitthr), execve from
    a non-leader thread (hard_texec: `+++ superseded by execve in pid N +++`) and a zombie
    leader (hard_zombie: the leader calls pthread_exit, another thread goes on and exits)
    give, pid by pid, the lines strace gives, and minitrace's exit status is the program's."""
    exe = build(name)
    filt, status = AWKWARD[name]
    args = ["-f", "-e", filt]
    s_lines, s_err, s_rc = tc.run_strace(args, [exe])
    m_lines, m_err, m_rc = tc.run_minitrace(args, [exe])
    no_traceback(m_err, "minitrace -f %s" % name)
    assert s_rc == status and m_rc == status, (s_rc, m_rc, m_err)
    s, m = per_pid(s_lines), per_pid(m_lines)
    assert sorted(m) == sorted(s), (s_lines, m_lines)
    diffs = ["%s, %s:\n%s" % (name, pid, tc.compare(s[pid], m[pid]))
             for pid in sorted(s) if m[pid] != s[pid]]
    assert not diffs, "\n".join(diffs)


# ---------------------------------------------------------------- 4. the tracer itself stopped

def test_sigkill_of_tracer_kills_spawned_program(ptrace_ok):
    """Proves: when minitrace is SIGKILLed, the program it started dies with it
    (PTRACE_O_EXITKILL): no orphan left running or stopped."""
    exe = build("hard_busy")
    r, w = os.pipe()
    tracer = subprocess.Popen(MINITRACE + ["-f", "-o", os.devnull, exe], stdout=w,
                              stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                              cwd=tc.MINITRACE_ROOT)
    os.close(w)
    try:
        line = Lines(r).readline()
        assert line and line.startswith("ready "), line
        pid = int(line.split()[1])
        time.sleep(0.2)
        tracer.kill()
        tracer.wait()
        assert wait_for(lambda: gone_or_zombie(pid), timeout=10), (
            "the spawned program %d survived its tracer: %s" % (pid, proc_status(pid)))
    finally:
        kill_all(tracer)
        os.close(r)


def test_sigkill_of_tracer_leaves_attached_program_running(ptrace_ok):
    """Proves: when minitrace (attached with -f -p to a busy 4-thread process) is SIGKILLed,
    the kernel detaches the process: it runs on (no thread stopped, TracerPid 0), still counts
    its signals and exits 0."""
    exe = build("hard_busy")
    r, w = os.pipe()
    busy = subprocess.Popen([exe], stdout=w, stdin=subprocess.DEVNULL)
    os.close(w)
    lines = Lines(r)
    tracer = None
    try:
        assert lines.readline() == "ready %d" % busy.pid
        pid = busy.pid
        tracer = subprocess.Popen(MINITRACE + ["-f", "-o", os.devnull, "-p", str(pid)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  stdin=subprocess.DEVNULL, cwd=tc.MINITRACE_ROOT)
        assert wait_for(lambda: (proc_status(pid) or {}).get("TracerPid") == str(tracer.pid))
        time.sleep(0.3)
        tracer.kill()
        tracer.wait()
        assert wait_for(lambda: not thread_problems(pid), timeout=5), thread_problems(pid)
        for _ in range(3):
            os.kill(pid, signal.SIGUSR1)
            assert lines.readline() == "u", "a SIGUSR1 was not handled after the tracer died"
        busy.send_signal(signal.SIGTERM)
        assert lines.readline() == "usr1=3"
        assert wait_rc(busy, "hard_busy") == 0
    finally:
        kill_all(tracer, busy)
        os.close(r)


def _marker_run(argv, stdout, stderr, marker):
    return subprocess.Popen(argv, stdout=stdout, stderr=stderr, stdin=subprocess.DEVNULL,
                            cwd=tc.MINITRACE_ROOT)


def test_closed_stderr_pipe(ptrace_ok):
    """Proves: `minitrace -f PROG 2>&1 | head -n 3`: when the reader goes away, minitrace
    exits by itself with status 1 (not killed by SIGPIPE, not hanging) and the program is
    detached, not killed or left stopped: it finishes its work (writes its marker file)."""
    exe = build("hard_marker")
    tmp = tempfile.mkdtemp(prefix="hard")
    marker = os.path.join(tmp, "done")
    tracer = subprocess.Popen(MINITRACE + ["-f", exe, marker, "20000"], stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                              cwd=tc.MINITRACE_ROOT)
    try:
        got = [tracer.stdout.readline() for _ in range(3)]
        assert all(got), got
        tracer.stdout.close()          # what `head -n 3` does after its third line
        rc = wait_rc(tracer, "minitrace writing to a closed pipe")
        assert rc == 1, "exit status %s (want 1: a write error, no signal death)" % rc
        assert wait_for(lambda: os.path.exists(marker), timeout=DEADLINE), (
            "the traced program never finished its work")
    finally:
        kill_all(tracer)
        if os.path.exists(marker):
            os.unlink(marker)
        os.rmdir(tmp)


def test_closed_output_pipe_command(ptrace_ok):
    """Proves: `-o '|head -n 3'`: when the output command exits, minitrace ends without a
    traceback on its stderr and the program still finishes its work (marker file)."""
    exe = build("hard_marker")
    tmp = tempfile.mkdtemp(prefix="hard")
    marker = os.path.join(tmp, "done")
    tracer = subprocess.Popen(MINITRACE + ["-f", "-o", "|head -n 3 >/dev/null", exe, marker,
                                           "20000"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              stdin=subprocess.DEVNULL, cwd=tc.MINITRACE_ROOT)
    try:
        err = tracer.communicate(timeout=DEADLINE)[1].decode("utf-8", "replace")
        no_traceback(err, "-o '|head -n 3'")
        assert tracer.returncode in (0, 1), (tracer.returncode, err)
        assert wait_for(lambda: os.path.exists(marker), timeout=DEADLINE), (
            "the traced program never finished its work")
    finally:
        kill_all(tracer)
        if os.path.exists(marker):
            os.unlink(marker)
        os.rmdir(tmp)


def test_full_disk(ptrace_ok):
    """Proves: `-o /dev/full`: minitrace reports each failed write as strace does
    (`minitrace: /dev/full: No space left on device`, once per trace line lost: the same count
    as strace's; nothing else on stderr, no traceback)
    and the program is not harmed: it finishes its work and its exit status (0) is mirrored."""
    exe = build("hard_marker")
    tmp = tempfile.mkdtemp(prefix="hard")
    try:
        out = {}
        for tool, argv0 in (("strace", ["strace"]), ("minitrace", MINITRACE)):
            marker = os.path.join(tmp, tool)
            proc = subprocess.Popen(argv0 + ["-o", "/dev/full", exe, marker, "300"],
                                    executable=tc.STRACE if tool == "strace" else None,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                    stdin=subprocess.DEVNULL, cwd=tc.MINITRACE_ROOT)
            try:
                err = proc.communicate(timeout=DEADLINE)[1].decode("utf-8", "replace")
            finally:
                kill_all(proc)
            lines = tc.stderr_lines(err, tool)
            out[tool] = (sorted(set(lines)), len(lines), proc.returncode,
                         wait_for(lambda: os.path.exists(marker), timeout=10))
        no_traceback("\n".join(out["minitrace"][0]), "-o /dev/full")
        # one message per trace line lost, as many as strace's (compared as counts, not sets)
        assert out["strace"][0] == ["TOOL: /dev/full: No space left on device"], out
        assert out["strace"][1] > 300 and out["strace"][2:] == (0, True), out
        assert out["minitrace"] == out["strace"], out
    finally:
        for name in os.listdir(tmp):
            os.unlink(os.path.join(tmp, name))
        os.rmdir(tmp)


# ---------------------------------------------------------------- 5. hostile tracees

RSS_LIMIT_KB = 60 * 1024


# A forked child's max RSS starts at its parent's (Linux keeps the pre-exec high-water mark in
# the process's rusage), and pytest's grows to tens of MB over a full run: the tracer is started
# from this small process instead, which reports the child's own peak on its stdout.
_MEASURE = """
import os, sys
pid = os.fork()
if pid == 0:
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    try:
        os.execv(sys.argv[1], sys.argv[2:])
    finally:
        os._exit(127)
_, status, ru = os.wait4(pid, 0)
print(status, ru.ru_maxrss)
"""


def _run_measured(argv, executable=None):
    """Run ARGV to the end; (stderr, exit status, its own max RSS in KiB)."""
    import shutil
    exe = executable or shutil.which(argv[0])
    err = tempfile.TemporaryFile()
    proc = subprocess.Popen([sys.executable, "-c", _MEASURE, exe] + list(argv),
                            stdout=subprocess.PIPE, stderr=err, stdin=subprocess.DEVNULL,
                            cwd=tc.MINITRACE_ROOT, start_new_session=True)
    try:
        out = proc.communicate(timeout=DEADLINE)[0]
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        pytest.fail("timeout: %s" % argv)
    status, rss = (int(x) for x in out.split())
    err.seek(0)
    return err.read().decode("utf-8", "replace"), status, rss


# read(3, guard - 64, 1 << 40) from /dev/zero: the kernel may stop at the guard page after the
# 64 good bytes (a short read) or report no progress at all (EFAULT); on the same machine either
# comes, run to run (about 1 run in 100 gives the short read under strace here). Each tracer's
# line must be one of the two exact texts strace prints; they are then compared as one.
SHORT_READ_LINES = (
    'read(3, "' + "\\0" * 32 + '"..., 1099511627776) = 64',
    "read(3, ADDR, 1099511627776)            = -1 EFAULT (Bad address)",
)


def _settle_short_read(lines):
    """LINES with the guard-bounded read's line (the second 1 TiB read) checked against
    SHORT_READ_LINES and replaced by one token."""
    reads = [i for i, line in enumerate(lines) if "1099511627776" in line]
    assert len(reads) == 2, lines
    i = reads[1]
    assert lines[i] in SHORT_READ_LINES, lines[i]
    return lines[:i] + ["<read into the last 64 bytes: short read or EFAULT>"] + lines[i + 1:]


def test_hostile_tracee(ptrace_ok):
    """Proves: invalid pointers, read(fd, p, 1<<40), writev with 10**9 iovecs and NULL /
    invalid / guard-page-bounded arrays, a path and an argv array running into a PROT_NONE page
    without terminator, and terminal control bytes (ESC [ 2 J, CR, 0x9b CSI) do not crash
    minitrace, keep its max RSS under 60 MB, give strace's lines, and no raw ESC/CR/0x9b
    byte reaches the output."""
    exe = build("hard_hostile")
    tmp = tempfile.mkdtemp(prefix="hard")
    try:
        traces = {}
        for tool, argv0 in (("strace", ["strace"]), ("minitrace", MINITRACE)):
            path = os.path.join(tmp, tool)
            err, status, rss = _run_measured(argv0 + ["-o", path, exe],
                                             tc.STRACE if tool == "strace" else None)
            assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, (tool, status, err)
            with open(path, "rb") as f:
                traces[tool] = f.read()
            if tool == "minitrace":
                no_traceback(err, "minitrace hard_hostile")
                assert rss < RSS_LIMIT_KB, "minitrace max RSS %d KiB" % rss
        raw = traces["minitrace"]
        for byte in (b"\x1b", b"\r", b"\x9b", b"\xc2\x9b"):
            assert byte not in raw, "raw %r in minitrace's output" % byte
        s = tc.normalise(traces["strace"].decode("utf-8", "replace").splitlines())
        m = tc.normalise(raw.decode("utf-8", "replace").splitlines())
        start = lambda ls: ls[next(i for i, l in enumerate(ls) if l.startswith("mprotect(ADDR, 4096, PROT_NONE)")):]
        s, m = _settle_short_read(start(s)), _settle_short_read(start(m))
        assert m == s, tc.compare(s, m)
    finally:
        for name in os.listdir(tmp):
            os.unlink(os.path.join(tmp, name))
        os.rmdir(tmp)


# ---------------------------------------------------------------- 6. permissions and mistakes

def _messages(tool, args, preexec=None, python=None, cwd=None):
    """Run TOOL ARGS; (stderr lines with the tool's name as TOOL, exit status)."""
    if tool == "strace":
        argv, exe = ["strace"] + args, tc.STRACE
    else:
        argv, exe = [python or sys.executable, "-m", "minitrace"] + args, None
    proc = subprocess.Popen(argv, executable=exe, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                            cwd=cwd or tc.MINITRACE_ROOT, preexec_fn=preexec)
    try:
        err = proc.communicate(timeout=DEADLINE)[1].decode("utf-8", "replace")
    finally:
        kill_all(proc)
    return tc.stderr_lines(err, tool), proc.returncode


def _same_failure(args, preexec=None, python=None, cwd=None):
    s = _messages("strace", args, preexec)
    m = _messages("minitrace", args, preexec, python, cwd)
    assert "Traceback" not in "\n".join(m[0]), m
    assert len(s[0]) == 1 and s[1] != 0, s
    assert m == s, "strace: %s\nminitrace: %s" % (s, m)
    return m


def _dead_pid():
    p = subprocess.Popen(["/bin/true"])
    p.wait()
    return p.pid


@pytest.fixture
def victim():
    """A process of our own (root) to fail to attach to; checked unharmed afterwards."""
    exe = build("hard_busy")
    r, w = os.pipe()
    busy = subprocess.Popen([exe], stdout=w, stdin=subprocess.DEVNULL)
    os.close(w)
    lines = Lines(r)
    assert lines.readline() == "ready %d" % busy.pid
    yield busy.pid
    try:
        assert not thread_problems(busy.pid), thread_problems(busy.pid)
        os.kill(busy.pid, signal.SIGUSR1)
        assert lines.readline() == "u"
        busy.send_signal(signal.SIGTERM)
        assert lines.readline() == "usr1=1"
        assert wait_rc(busy, "victim") == 0
    finally:
        kill_all(busy)
        os.close(r)


def test_attach_nonexistent_pid(ptrace_ok):
    """Proves: -p of a pid that does not exist: strace's one line
    (`attach: ptrace(PTRACE_SEIZE, N): No such process`), exit 1, no traceback."""
    _same_failure(["-p", str(_dead_pid())])


def test_attach_pid_1(ptrace_ok):
    """Proves: -p 1 (EPERM in this sandbox, or whatever the kernel says): strace's line and
    status, no traceback."""
    _same_failure(["-p", "1"])


def test_attach_already_traced(ptrace_ok, victim):
    """Proves: -p of a process strace already traces: `attach: ptrace(PTRACE_SEIZE, N):
    Operation not permitted` as strace says it, exit 1; the process and its tracer are
    unharmed (after strace detaches the process runs on and exits 0)."""
    first = subprocess.Popen(["strace", "-o", os.devnull, "-p", str(victim)],
                             executable=tc.STRACE, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    try:
        assert wait_for(lambda: (proc_status(victim) or {}).get("TracerPid") == str(first.pid))
        lines, rc = _same_failure(["-p", str(victim)])
        assert lines == ["TOOL: attach: ptrace(PTRACE_SEIZE, %d): Operation not permitted"
                         % victim], lines
        assert first.poll() is None
        first.send_signal(signal.SIGINT)
        wait_rc(first, "the first strace")
    finally:
        kill_all(first)


def _as_nobody():
    os.setgroups([])
    os.setgid(65534)
    os.setuid(65534)


def test_attach_eperm_as_nobody(ptrace_ok, victim):
    """Proves: minitrace run as user nobody against a root process: strace's EPERM line,
    exit 1, no traceback; the process is unharmed. (The system python is used: pyenv's lives
    under /root, which nobody cannot read.)"""
    python = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
    # a copy nobody can read: the checkout may live where nobody cannot (CI clones anywhere)
    import shutil
    copy = tempfile.mkdtemp(prefix="hard-nobody")
    try:
        os.chmod(copy, 0o755)
        for package in ("minitrace", "syscalls"):
            shutil.copytree(os.path.join(tc.MINITRACE_ROOT, package),
                            os.path.join(copy, package),
                            ignore=shutil.ignore_patterns("__pycache__"))
        lines, rc = _same_failure(["-p", str(victim)], preexec=_as_nobody, python=python,
                                  cwd=copy)
    finally:
        shutil.rmtree(copy, ignore_errors=True)
    assert "Operation not permitted" in lines[0], lines


def test_output_file_cannot_be_created(ptrace_ok):
    """Proves: `-o /nonexistent/dir/f PROG`: strace's `Can't fopen` line, exit 1, and the
    program never runs (its marker file is not created)."""
    tmp = tempfile.mkdtemp(prefix="hard")
    marker = os.path.join(tmp, "ran")
    try:
        _same_failure(["-o", "/nonexistent/dir/f", "/bin/sh", "-c", "touch " + marker])
        time.sleep(0.1)
        assert not os.path.exists(marker), "the program ran"
    finally:
        if os.path.exists(marker):
            os.unlink(marker)
        os.rmdir(tmp)


# ---------------------------------------------------------------- 7. fuzzing

def test_fuzz_option_parser(capsysbinary):
    """Proves: 20000 random command lines (tokens from the option table, valid and invalid
    arguments, garbage) make cli.parse_args either return Options or raise UsageError /
    SystemExit(0 or 1); never any other exception. Seed 10."""
    from minitrace import cli
    rng = random.Random(10)
    shorts = ["-" + o[0] for o in cli.OPTIONS if o[0]]
    longs = ["--" + o[1] for o in cli.OPTIONS if o[1]]
    values = ["", "0", "1", "-1", "99999999999999999999", "abc", "trace=open", "trace=!all",
              "signal=SIGINT", "status=failed", "quiet=attach", "t=%file", "trace=/re[",
              "trace=?x", "abbrev", "raw", "verbose", "all", "non-ascii", "ms", "us", "ns",
              "format:unix", "precision:ms", "1,2,x", "FOO=bar", "FOO", "/dev/null",
              "\udcff", "é", "\t", " ", "=", ",", "-", "--"]   # argv cannot hold NUL; a
    # byte that is not UTF-8 reaches sys.argv as a surrogate escape, like \udcff
    garbage = ["-", "--", "---", "-fz", "-ffo", "-s", "-p", "--tr", "--q", "--s=1",
               "--quiet=", "-e", "-o|cat", "true", "/bin/true"]
    tokens = shorts + longs + garbage
    for i in range(20000):
        argv = []
        for _ in range(rng.randint(0, 8)):
            tok = rng.choice(tokens)
            r = rng.random()
            if tok.startswith("--") and r < 0.3:
                tok += "=" + rng.choice(values)
            elif tok.startswith("-") and not tok.startswith("--") and r < 0.3:
                tok += rng.choice(values)
            argv.append(tok)
            if rng.random() < 0.4:
                argv.append(rng.choice(values + garbage))
        if rng.random() < 0.5:
            argv.append("true")
        try:
            cli.parse_args(argv)
        except cli.UsageError:
            pass
        except SystemExit as e:
            assert e.code in (0, 1, None), (i, argv, e.code)
        except Exception as e:
            pytest.fail("parse_args(%r) raised %s: %s" % (argv, type(e).__name__, e))
    capsysbinary.readouterr()


def _fuzz_args(rng, regions):
    bases = list(regions)
    out = []
    for _ in range(6):
        r = rng.random()
        if r < 0.15:
            out.append(0)
        elif r < 0.3:
            out.append(rng.randint(1, 16))
        elif r < 0.45:
            out.append(rng.choice([0xffffffffffffffff, 0x7fffffffffffffff, 1 << 40, 1 << 31,
                                   0xffffffff, 1000000000, 4096, 0x8000000000000000]))
        elif r < 0.85:
            base = rng.choice(bases)
            out.append(base + rng.choice([0, 0, 8, len(regions[base]) - rng.randint(1, 16)]))
        else:
            out.append(rng.getrandbits(64))
    return out


def test_fuzz_decoders():
    """Proves: every registered decoder, given 200 random argument sets and random tracee
    memory (random bytes, pointers into and at the end of regions, NUL-less strings, huge
    counts) and random results (success, errors, unfinished), under several styles, returns
    text and never raises. Seed 10."""
    import decodertest
    from minitrace import decode, printers
    decode.load_all()               # every family, the lazily loaded ones too
    names = sorted(decode.REGISTRY)
    assert len(names) > 50
    rng = random.Random(10)
    styles = [None, printers.Style(0), printers.Style(4, "all", "raw", True),
              printers.Style(64, "non-ascii", "verbose", False)]
    failures = []
    for name in names:
        for i in range(200):
            regions = {}
            for base in (0x10000, 0x20000, 0x7ffff000):
                n = rng.choice([0, 1, 7, 8, 64, 300, 4096])
                kind = rng.random()
                if kind < 0.3:
                    data = bytes(rng.getrandbits(8) for _ in range(n))
                elif kind < 0.5:
                    data = b"a" * n                   # a string without its NUL
                elif kind < 0.7:                      # pointers back into the regions
                    data = b"".join(rng.choice([0x10000, 0x20000, 0x7ffff000, 0, 1]).to_bytes(
                        8, "little") for _ in range(max(n // 8, 1)))
                else:                                 # small ints / lengths
                    data = b"".join(rng.choice([0, 1, 2, 16, 0xffffffff, 1 << 62]).to_bytes(
                        8, "little") for _ in range(max(n // 8, 1)))
                if data:
                    regions[base] = data
            if not regions:
                regions[0x10000] = b"\0"
            args = _fuzz_args(rng, regions)
            ret = rng.choice([0, 1, 8, 32, 4096, -1, -2, -9, -14, -22, -512, -4095, None,
                              0x10000, 1 << 40])
            style = rng.choice(styles)
            try:
                text = decodertest.call_line(name, args, ret=ret, mem=regions, style=style)
                assert isinstance(text, str)
            except Exception as e:
                failures.append("%s(args=%s, ret=%r, style=%r): %s: %s" % (
                    name, [hex(a) for a in args], ret, style, type(e).__name__, e))
                break
    assert not failures, "\n".join(failures)


def test_attach_own_pid():
    """Proves: `-p` of the tracer's own pid is refused as strace refuses it (the shell's pid
    becomes the tracer's through exec), exit 1, no traceback."""
    out = {}
    for tool, argv0 in (("strace", tc.STRACE), ("minitrace", "%s -m minitrace" % sys.executable)):
        p = subprocess.Popen(["/bin/sh", "-c", "exec %s -p $$" % argv0], cwd=tc.MINITRACE_ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        err = p.communicate(timeout=20)[1].decode()
        err = err.replace(tc.STRACE + ":", "strace:")    # strace names itself by argv[0]
        out[tool] = (p.returncode, tc.stderr_lines(err, tool))
    assert out["strace"] == (1, ["TOOL: I'm sorry, I can't let you do that, Dave."]), out
    assert out["minitrace"] == out["strace"], out
