"""`-f -p PID` on a process that then starts many tasks: every new task gets its
`Process N attached` line (and its `attach` event in --json), as many as strace prints, even
when a new task stops before its parent's clone event is seen. Compared live with strace."""
import json
import os
import subprocess
import sys
import tempfile
import time

import pytest

import tracecmp as tc

pytestmark = pytest.mark.usefixtures("ptrace_ok")

ROUNDS, THREADS, FORKS = 3, 30, 5
TASKS = 1 + ROUNDS * (THREADS + FORKS)


def _run(tool, extra):
    """Attach `tool` with -f -p to attach_spawner, let it start its tasks, wait for the end.
    Returns (stderr text, trace text)."""
    exe = tc.build("attach_spawner", ("-pthread",))
    tmp = tempfile.mkdtemp(prefix="attachcount")
    trace_path = os.path.join(tmp, "trace")
    r, w = os.pipe()
    prog = subprocess.Popen([exe, str(ROUNDS), str(THREADS), str(FORKS)], stdin=r,
                            stdout=subprocess.DEVNULL)
    os.close(r)
    tracer = None
    try:
        if tool == "strace":
            argv = [tc.STRACE]
        else:
            argv = [sys.executable, "-m", "minitrace"]
        argv += ["-f", "-o", trace_path] + list(extra) + ["-p", str(prog.pid)]
        tracer = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  stdin=subprocess.DEVNULL, cwd=tc.MINITRACE_ROOT)
        # attached once the tracee shows TracerPid = the tracer
        deadline = time.time() + 20
        while time.time() < deadline:
            with open("/proc/%d/status" % prog.pid) as f:
                if "TracerPid:\t%d\n" % tracer.pid in f.read():
                    break
            time.sleep(0.01)
        else:
            pytest.fail("%s did not attach" % tool)
        os.write(w, b"x")
        assert prog.wait(timeout=60) == 0
        err = tracer.communicate(timeout=60)[1].decode("utf-8", "replace")
        assert tracer.returncode == 0, err
        with open(trace_path) as f:
            return err, f.read()
    finally:
        os.close(w)
        for p in (tracer, prog):
            if p is not None and p.poll() is None:
                p.kill()
                p.wait()
        for name in os.listdir(tmp):
            os.unlink(os.path.join(tmp, name))
        os.rmdir(tmp)


def _count(text, needle):
    return sum(1 for line in text.splitlines() if needle in line)


def test_attached_lines_count_like_strace():
    counts = {}
    for tool in ("strace", "minitrace"):
        err, trace = _run(tool, ())
        counts[tool] = (_count(err, " attached"), _count(trace, "+++ exited with"))
    assert counts["strace"] == (TASKS, TASKS), counts
    assert counts["minitrace"] == counts["strace"], counts


def test_json_attach_events_count():
    err, trace = _run("minitrace", ("--json",))
    events = [json.loads(line) for line in trace.splitlines() if line.startswith("{")]
    attach = [e for e in events if e.get("type") == "attach"]
    exits = [e for e in events if e.get("type") == "exit"]
    assert len(attach) == TASKS, (len(attach), err)
    assert len(exits) == TASKS, len(exits)
    # every new task names the task whose fork/clone made it
    pids = set(e["pid"] for e in attach)
    assert all(e.get("parent") in pids for e in attach if e["pid"] != attach[0]["pid"]), attach
