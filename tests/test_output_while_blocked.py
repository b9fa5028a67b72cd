"""A call in progress shows while its tracee is blocked in it (`clock_nanosleep(..., ` with no
result yet), as strace's unbuffered output shows it: the one use of `strace -p` on a hung
process. minitrace's output is buffered; while it waits for a stop, SIGALRM writes out what it
has printed (session.Flusher), to stderr and to -o FILE alike (with -f, lines written when
the tracer is idle), compared with strace."""
import os
import subprocess
import sys
import time

import pytest

import tracecmp as tc

pytestmark = pytest.mark.usefixtures("ptrace_ok")

SLEEP = 30     # seconds the tracee sleeps: it is killed as soon as the line has shown


def _shown_while_sleeping(argv, read_text):
    """Start argv (tracing `sleep SLEEP`); the text read_text(proc) gives once the sleep's
    entry is there, and whether the tracer still runs then; the tracer and the sleep are
    killed on the way out."""
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, cwd=tc.MINITRACE_ROOT)
    try:
        deadline = time.monotonic() + SLEEP - 5
        text = ""
        while time.monotonic() < deadline and proc.poll() is None:
            text = read_text(proc)
            if "clock_nanosleep(" in text:
                break
            time.sleep(0.05)
        return text, proc.poll() is None
    finally:
        children = tc.children(proc.pid)
        proc.kill()
        proc.wait()
        for child in children:            # the sleep, left running by a killed tracer
            try:
                os.kill(child, 9)
            except OSError:
                pass


class PipeText(object):
    """All that a process wrote to its stderr pipe so far, read without blocking."""

    def __init__(self):
        self.seen = b""

    def __call__(self, proc):
        fd = proc.stderr.fileno()
        os.set_blocking(fd, False)
        while True:
            try:
                data = os.read(fd, 65536)
            except BlockingIOError:
                break
            if not data:
                break
            self.seen += data
        return self.seen.decode("utf-8", "replace")


# "file-f": -f -o FILE, where minitrace writes its lines when it finds no stop waiting
# (session._hand_over_when_idle): the entry of a call that blocks is written before it waits
@pytest.mark.parametrize("where", ["stderr", "file", "file-f"])
@pytest.mark.parametrize("tool", ["strace", "minitrace"])
def test_call_in_progress_shows(tmp_path, tool, where):
    out = str(tmp_path / "trace")
    argv = [tc.STRACE] if tool == "strace" else [sys.executable, "-m", "minitrace"]
    argv += ["-e", "trace=clock_nanosleep"]
    if where.startswith("file"):
        argv += (["-f"] if where == "file-f" else []) + ["-o", out]

        def read_text(proc):
            try:
                with open(out) as f:
                    return f.read()
            except OSError:
                return ""
    else:
        read_text = PipeText()
    text, running = _shown_while_sleeping(argv + ["sleep", str(SLEEP)], read_text)
    assert running, "the tracer ended before the call showed: %r" % text
    line = text[text.index("clock_nanosleep("):] if "clock_nanosleep(" in text else ""
    assert line.startswith("clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=%d, tv_nsec=0}, " % SLEEP), text
    assert "=" not in line.split("}", 1)[1], text          # no result: the call is in progress
