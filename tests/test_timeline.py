"""--timeline FILE: the trace as Chrome trace-event JSON, alongside the normal output. Checked
against the format's required fields (every phase used) and the events of known workloads."""
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import timeline_svg  # noqa: E402

# phase -> fields every event of that phase must carry (the JSON Object Format's rules)
REQUIRED = {"X": ("name", "cat", "ts", "dur", "pid", "tid", "args"),
            "i": ("name", "cat", "ts", "pid", "tid", "s"),
            "s": ("name", "cat", "ts", "pid", "tid", "id"),
            "f": ("name", "cat", "ts", "pid", "tid", "id", "bp"),
            "M": ("name", "pid", "tid", "args")}


def minitrace(args, cwd=None):
    cmd = [sys.executable, "-m", "minitrace"] + args
    p = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         universal_newlines=True)
    out, err = p.communicate(timeout=120)
    return p.returncode, out, err


def load_valid(path):
    with open(path) as f:
        doc = json.load(f)
    assert isinstance(doc, dict) and isinstance(doc["traceEvents"], list)
    for ev in doc["traceEvents"]:
        assert ev["ph"] in REQUIRED, ev
        for field in REQUIRED[ev["ph"]]:
            assert field in ev, (field, ev)
        if "ts" in ev:
            assert isinstance(ev["ts"], int) and ev["ts"] > 0, ev
        if ev["ph"] == "X":
            assert isinstance(ev["dur"], int) and ev["dur"] >= 0, ev
            assert set(ev["args"]) <= set(("args", "ret", "errno")), ev
        if ev["ph"] == "i":
            assert ev["s"] in ("t", "p", "g"), ev
        if ev["ph"] == "M":
            assert ev["name"] in ("process_name", "thread_name") and ev["args"]["name"], ev
    return doc["traceEvents"]


@pytest.fixture
def tmp():
    d = tempfile.mkdtemp(prefix="timeline.")
    yield d
    for name in os.listdir(d):
        os.unlink(os.path.join(d, name))
    os.rmdir(d)


def test_fork_exec_exit_and_signal_events(ptrace_ok, tmp):
    out, tl = os.path.join(tmp, "trace"), os.path.join(tmp, "tl.json")
    rc, _, err = minitrace(["-f", "-o", out, "--timeline", tl, "sh", "-c",
                            "cat /etc/hostname >/dev/null; ls /nonexistent 2>/dev/null; exit 3"])
    assert rc == 3, err
    events = load_valid(tl)
    names = dict((e["pid"], e["args"]["name"]) for e in events if e["name"] == "process_name")
    cat = [pid for pid, name in names.items() if name.startswith("cat (")]
    assert len(cat) == 1 and any(n.startswith("sh (") for n in names.values()), names
    cat = cat[0]
    opened = [e for e in events if e["ph"] == "X" and e["pid"] == cat and e["name"] == "openat"
              and '"/etc/hostname"' in e["args"]["args"]]
    assert len(opened) == 1 and opened[0]["args"]["ret"] == "3"
    failed = [e for e in events if e["ph"] == "X" and e["name"] in ("statx", "newfstatat", "lstat")
              and '"/nonexistent"' in e["args"]["args"]]
    assert failed and all(e["args"]["errno"] == "ENOENT" for e in failed)
    # each child's fork is a flow from the parent's call to the child's first event
    starts = dict((e["id"], e) for e in events if e["ph"] == "s")
    ends = dict((e["id"], e) for e in events if e["ph"] == "f")
    assert set(starts) == set(ends) and len(starts) == 2
    assert cat in set(e["pid"] for e in ends.values())
    assert all(starts[i]["pid"] != ends[i]["pid"] for i in starts)
    instants = [(e["pid"], e["name"]) for e in events if e["ph"] == "i"]
    assert (cat, "exec cat") in instants and (cat, "exited with 0") in instants
    assert any(name == "SIGCHLD" for _, name in instants)
    assert any(name == "exited with 3" for _, name in instants)
    # alongside the normal output: one complete event per syscall line
    lines = [l for l in open(out) if "+++" not in l and "---" not in l and "resumed>" not in l]
    assert len(lines) == sum(1 for e in events if e["ph"] == "X")


def test_attach_and_detach_events(ptrace_ok, tmp):
    tl, out = os.path.join(tmp, "tl.json"), os.path.join(tmp, "trace")
    target = subprocess.Popen(["sh", "-c", "while :; do sleep 0.05; done"])
    try:
        tracer = subprocess.Popen([sys.executable, "-m", "minitrace", "-f", "-o", out,
                                   "--timeline", tl, "-p", str(target.pid)], cwd=ROOT,
                                  stderr=subprocess.PIPE, universal_newlines=True)
        assert "attached" in tracer.stderr.readline()
        # until a wait4 has completed under the tracer (the -o file is written as it goes)
        deadline = time.time() + 60
        while time.time() < deadline and not any(
                "wait4" in l and " = " in l
                for l in (open(out).read().splitlines() if os.path.exists(out) else [])):
            time.sleep(0.05)
        tracer.send_signal(signal.SIGINT)
        tracer.communicate(timeout=60)
    finally:
        target.kill()
        target.wait()
    events = load_valid(tl)
    instants = [(e["pid"], e["name"]) for e in events if e["ph"] == "i"]
    assert (target.pid, "attached") in instants and (target.pid, "detached") in instants
    assert any(e["ph"] == "X" and e["name"] == "wait4" for e in events)


def test_a_bad_path_fails_before_anything_starts(tmp):
    marker = os.path.join(tmp, "started")
    rc, out, err = minitrace(["--timeline", os.path.join(tmp, "no", "such", "dir"),
                              "touch", marker])
    assert rc == 1
    assert err.splitlines() == ["minitrace: Can't fopen '%s': No such file or directory"
                                % os.path.join(tmp, "no", "such", "dir")]
    assert not os.path.exists(marker)


def test_svg_picture_of_a_timeline(ptrace_ok, tmp):
    tl = os.path.join(tmp, "tl.json")
    rc, _, err = minitrace(["-f", "-o", os.devnull, "--timeline", tl, "sh", "-c", "cat /etc/hostname"])
    assert rc == 0, err
    svg = timeline_svg.render(load_valid(tl))
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert ">cat " in svg and "openat(" in svg
