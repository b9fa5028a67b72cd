"""`-p PID` attach and detach on SIGINT/SIGTERM (docs/strace-reference.md 2.10): the tracer prints
`Process PID attached` / `Process PID detached` on stderr, detaches, then dies by the same
signal; the tracee keeps running untraced and later exits 0. The same scenario runs under the
real strace first, so the expectations are checked against the oracle too.
Only ever attaches to a core_counter process started here (never to the shell or pytest).
"""
import os
import signal
import subprocess
import sys
import tempfile
import time

import pytest

import tracecmp as tc

pytestmark = pytest.mark.usefixtures("ptrace_ok")

ITERATIONS = 300        # 10 ms each: about 3 s untraced, more than the scenario needs


def wait_for(cond, timeout=15.0, step=0.01):
    end = time.time() + timeout
    while time.time() < end:
        if cond():
            return True
        time.sleep(step)
    return cond()


def read(path):
    with open(path, "rb") as f:
        return f.read().decode("utf-8", "replace")


def proc_status(pid):
    fields = {}
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            k, _, v = line.partition(":")
            fields[k] = v.strip()
    return fields


def counter_value(path):
    lines = read(path).split()
    return int(lines[-1]) if lines else -1


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["INT", "TERM"])
@pytest.mark.parametrize("follow", [[], ["-f"]], ids=["p", "f-p"])
@pytest.mark.parametrize("tool", ["strace", "minitrace"])
def test_attach_detach(tool, follow, sig):
    exe = tc.build("core_counter")
    tmp = tempfile.mkdtemp(prefix="attach")
    out_path = os.path.join(tmp, "counter.out")
    trace_path = os.path.join(tmp, "trace")
    err_path = os.path.join(tmp, "stderr")
    with open(out_path, "wb") as out:
        counter = subprocess.Popen([exe, str(ITERATIONS)], stdout=out, stdin=subprocess.DEVNULL)
    tracer = None
    try:
        assert wait_for(lambda: counter_value(out_path) >= 1), "core_counter did not start"
        pid = counter.pid
        if tool == "strace":
            argv = ["strace"]
        else:
            argv = [sys.executable, "-m", "minitrace"]
        argv += follow + ["-o", trace_path, "-p", str(pid)]
        with open(err_path, "wb") as err:
            tracer = subprocess.Popen(argv, executable=tc.STRACE if tool == "strace" else None,
                                      stdout=subprocess.DEVNULL, stderr=err,
                                      stdin=subprocess.DEVNULL, cwd=tc.MINITRACE_ROOT)
        attached = "%s: Process %d attached" % (tool, pid)
        ok = wait_for(lambda: attached in read(err_path) or tracer.poll() is not None)
        assert ok and tracer.poll() is None, "%s did not attach; stderr:\n%s" % (
            tool, read(err_path))
        time.sleep(0.3)
        assert tracer.poll() is None, "%s ended by itself; stderr:\n%s" % (tool, read(err_path))
        tracer.send_signal(sig)
        try:
            rc = tracer.wait(timeout=15)
        except subprocess.TimeoutExpired:
            tracer.kill()
            tracer.wait()
            pytest.fail("%s did not end within 15 s of %s; stderr:\n%s" % (
                tool, sig, read(err_path)))
        err = read(err_path)
        where = "%s %s -p PID, then kill -%d" % (tool, " ".join(follow), sig)
        assert "Traceback" not in err, err
        assert attached + "\n" in err, "%s: stderr:\n%s" % (where, err)
        assert "%s: Process %d detached" % (tool, pid) in err, "%s: stderr:\n%s" % (where, err)
        assert rc == -sig, "%s: exit status %s, want %s (killed by the same signal)" % (
            where, rc, -sig)

        # the trace: only the counter's calls, none after the detach
        lines = tc._read_lines(trace_path)
        names = set(tc.syscall_names(lines))
        assert names and names <= {"write", "clock_nanosleep", "nanosleep", "restart_syscall"}, (
            where, lines[:5], lines[-5:])

        # the counter runs on, untraced, and ends normally
        assert counter.poll() is None, "%s: the tracee died (%s)" % (where, counter.returncode)
        status = proc_status(pid)
        assert status["State"][0] not in "tT", "%s: tracee left %s" % (where, status["State"])
        assert status["TracerPid"] == "0", "%s: TracerPid %s" % (where, status["TracerPid"])
        before = counter_value(out_path)
        assert wait_for(lambda: counter_value(out_path) > before + 2, timeout=5), (
            "%s: the counter stopped at %d" % (where, before))
        assert counter.wait(timeout=30) == 0
        assert counter_value(out_path) == ITERATIONS - 1
    finally:
        for p in (tracer, counter):
            if p is not None and p.poll() is None:
                p.kill()
                p.wait()
        for name in os.listdir(tmp):
            os.unlink(os.path.join(tmp, name))
        os.rmdir(tmp)


def test_attach_message_to_stderr_with_q():
    """-q hides the attach/detach messages even with -p (strace: `-q` suppresses them)."""
    exe = tc.build("core_counter")
    counter = subprocess.Popen([exe, "100"], stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    tracer = None
    try:
        time.sleep(0.05)
        tracer = subprocess.Popen([sys.executable, "-m", "minitrace", "-q", "-o", os.devnull,
                                   "-p", str(counter.pid)], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, cwd=tc.MINITRACE_ROOT)
        time.sleep(0.4)
        tracer.send_signal(signal.SIGINT)
        err = tracer.communicate(timeout=15)[1].decode("utf-8", "replace")
        assert err == "", err
        assert tracer.returncode == -signal.SIGINT
        assert counter.wait(timeout=30) == 0
    finally:
        for p in (tracer, counter):
            if p is not None and p.poll() is None:
                p.kill()
                p.wait()


@pytest.mark.parametrize("tool", ["strace", "minitrace"])
def test_trace_file_written_as_it_goes(tool):
    """`-o FILE -p PID`: the lines reach FILE while the tracer runs (strace writes each line at
    once, so `tail -f FILE` follows a live trace); not only when it exits."""
    exe = tc.build("core_counter")
    tmp = tempfile.mkdtemp(prefix="flush")
    trace_path = os.path.join(tmp, "trace")
    # 15 s untraced: long enough for a tracer to start on a loaded machine
    counter = subprocess.Popen([exe, str(5 * ITERATIONS)], stdout=subprocess.DEVNULL,
                               stdin=subprocess.DEVNULL)
    tracer = None
    try:
        time.sleep(0.05)
        argv = ["strace"] if tool == "strace" else [sys.executable, "-m", "minitrace"]
        tracer = subprocess.Popen(argv + ["-o", trace_path, "-p", str(counter.pid)],
                                  executable=tc.STRACE if tool == "strace" else None,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  stdin=subprocess.DEVNULL, cwd=tc.MINITRACE_ROOT)
        # the lines must reach FILE while the tracer still runs: wait for them (bounded) with
        # the tracer alive, whatever the machine's load (no fixed sleep)
        deadline = time.time() + 60
        lines, size = [], -1
        while tracer.poll() is None and len(lines) < 10 and time.time() < deadline:
            time.sleep(0.05)
            size = os.path.getsize(trace_path) if os.path.exists(trace_path) else -1
            lines = read(trace_path).splitlines() if size > 0 else []
        assert tracer.poll() is None, "the tracer ended by itself"
        tracer.send_signal(signal.SIGINT)
        tracer.communicate(timeout=30)
        assert len(lines) >= 10, (
            "%s -o FILE -p PID: FILE holds %d bytes (%d lines) while tracing; the trace is "
            "buffered instead of written as it goes" % (tool, size, len(lines)))
        assert counter.wait(timeout=60) == 0
    finally:
        for p in (tracer, counter):
            if p is not None and p.poll() is None:
                p.kill()
                p.wait()
        for name in os.listdir(tmp):
            os.unlink(os.path.join(tmp, name))
        os.rmdir(tmp)
