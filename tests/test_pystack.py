"""--py-stack on every pyenv CPython here (3.6 to 3.13, shared libpython) and the system's
python3 (a static one): the Python frames printed after each open() of tests/progs/pystack_work.py
are exactly the frames CPython's own traceback.extract_stack() sees on that line (file, line,
function; ASCII, Latin-1, UCS-2 and UCS-4 names; a line hundreds of lines into a function; a
recursion; a thread); the same in --json and with -k (each Python frame after an evaluation
frame). Calls made before Python runs, and a process that is not CPython, get nothing extra.
A threaded workload that churns frames while it is read ends normally (torn reads)."""
import json
import os
import re
import subprocess
import sys

import pytest

import tracecmp as tc
from test_core_pythons import INTERPRETERS

WORK = os.path.join(tc.PROGS, "pystack_work.py")
CASES = ("plain", "method", "latin1", "ucs2", "ucs4", "far", "deep", "thread")
OPEN_RE = re.compile(r'"/nonexistent/pystack-(\w+)"')
FRAME_RE = re.compile(r"^ > \[python\] (.*):(\d+|\?) in (.*)$")
TIMEOUT = 120

SYSTEM = [p for p in ("/usr/bin/python3",) if os.path.exists(p)]
TARGETS = [(v, p) for v, p in INTERPRETERS] + [("system", p) for p in SYSTEM]


def expected(python):
    """{case: [(file, line, function), ...]} as the interpreter itself sees them."""
    env = dict(os.environ, PYSTACK_EXPECT="1")
    out = subprocess.check_output([python, WORK], env=env, timeout=TIMEOUT).decode("utf-8")
    got = {}
    for line in out.splitlines():
        case, frames = json.loads(line)
        got[case] = [tuple(f) for f in frames]
    return got


def traced(python, args, tmp):
    """The lines minitrace writes (-o) for the workload."""
    log = os.path.join(str(tmp), "log")
    proc = subprocess.run([sys.executable, "-m", "minitrace", "-f", "-o", log] + args +
                          ["--", python, WORK], cwd=tc.ROOT, timeout=TIMEOUT,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    with open(log, encoding="utf-8") as f:
        lines = f.read().splitlines()
    os.unlink(log)
    return lines


def frames_after(lines):
    """{case: [(file, line, function), ...]} of the ` > [python]` lines after each open()."""
    got = {}
    case = None
    for line in lines:
        m = FRAME_RE.match(line)
        if m is not None:
            if case is not None:
                got.setdefault(case, []).append((m.group(1), int(m.group(2)), m.group(3)))
            continue
        if line.startswith(" > "):
            continue                  # a native frame (-k)
        m = OPEN_RE.search(line)
        case = m.group(1) if m else None
    return got


def marked_lines():
    with open(WORK, encoding="utf-8") as f:
        return dict((m.group(1), n) for n, text in enumerate(f, 1)
                    for m in [re.search(r"# open (\w+)$", text)] if m)


@pytest.mark.parametrize("version,python", TARGETS, ids=[v for v, _ in TARGETS])
def test_frames_are_exact(version, python, tmp_path):
    want = expected(python)
    assert sorted(want) == sorted(CASES)
    marks = marked_lines()
    for case in CASES:                # the innermost frame is the open() itself
        assert want[case][0][1] == marks[case]
    lines = traced(python, ["--py-stack", "-e", "trace=openat"], tmp_path)
    got = frames_after(lines)
    for case in CASES:
        assert got.get(case) == want[case], case
    # before the interpreter runs (the loader's openat calls), no frames at all
    first = next(i for i, l in enumerate(lines) if "ld.so.cache" in l)
    assert not lines[first + 1].startswith(" > ")


@pytest.mark.parametrize("version,python", TARGETS, ids=[v for v, _ in TARGETS])
def test_json_python_stack(version, python, tmp_path):
    want = expected(python)
    lines = traced(python, ["--py-stack", "--json", "-e", "trace=openat"], tmp_path)
    got = {}
    loader = None
    for line in lines:
        ev = json.loads(line)
        if ev.get("type") != "syscall":
            continue
        m = OPEN_RE.search(ev["args_text"])
        if m is not None:
            got[m.group(1)] = [(f["file"], f["line"], f["function"]) for f in ev["python_stack"]]
        elif loader is None and "ld.so.cache" in ev["args_text"]:
            loader = ev               # the loader's, before Python runs
    assert loader is not None and "python_stack" not in loader
    assert got == dict((case, want[case]) for case in CASES)


@pytest.mark.parametrize("version,python", TARGETS, ids=[v for v, _ in TARGETS])
def test_with_native_frames(version, python, tmp_path):
    """-k: every Python frame right after a _PyEval_EvalFrameDefault frame or another Python
    frame, in the same order as without -k."""
    want = expected(python)
    lines = traced(python, ["--py-stack", "-k", "-e", "trace=openat"], tmp_path)
    assert frames_after(lines)["plain"] == want["plain"]
    for i, line in enumerate(lines):
        if FRAME_RE.match(line):
            before = lines[i - 1]
            assert FRAME_RE.match(before) or "(_PyEval_EvalFrameDefault+" in before, before


def test_not_cpython(tmp_path):
    log = os.path.join(str(tmp_path), "log")
    subprocess.call([sys.executable, "-m", "minitrace", "-o", log, "--py-stack", "cat",
                     "/nonexistent/pystack"], cwd=tc.ROOT, timeout=TIMEOUT,
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(log) as f:
        lines = f.read().splitlines()
    os.unlink(log)
    assert any("/nonexistent/pystack" in l for l in lines)
    assert not [l for l in lines if l.startswith(" > ")]


CHURN = r"""
import sys, threading
def work(n, depth):
    if depth:
        return work(n, depth - 1)
    for i in range(n):
        try:
            open("/nonexistent/churn-%d" % i)
        except OSError:
            pass
        [str(j) for j in range(50)]
ts = [threading.Thread(target=work, args=(300, d)) for d in (3, 7, 11)]
for t in ts: t.start()
work(300, 5)
for t in ts: t.join()
print("done")
"""


@pytest.mark.parametrize("version,python", TARGETS, ids=[v for v, _ in TARGETS])
def test_threads_churning(version, python, tmp_path):
    """Four threads opening and allocating while their stacks are read: the trace ends, the
    program's output is intact, and each open() shows its own thread's frames, exactly."""
    log = os.path.join(str(tmp_path), "log")
    out = subprocess.check_output([sys.executable, "-m", "minitrace", "-ff", "-o", log,
                                   "--py-stack", "-e", "trace=openat", python, "-c", CHURN],
                                  cwd=tc.ROOT, timeout=TIMEOUT)
    assert out == b"done\n"
    lines = []                        # -ff: one file per thread, its calls never split
    for name in sorted(os.listdir(str(tmp_path))):
        with open(os.path.join(str(tmp_path), name), encoding="utf-8") as f:
            lines += f.read().splitlines()
        os.unlink(os.path.join(str(tmp_path), name))
    source = CHURN.split("\n")
    open_line = next(n for n, t in enumerate(source, 1) if "open(" in t)
    recurse_line = next(n for n, t in enumerate(source, 1) if "return work(" in t)
    main_line = next(n for n, t in enumerate(source, 1) if t.startswith("work(300"))
    stacks = []                       # (index of the open's line, its frames)
    for i, line in enumerate(lines):
        if "/nonexistent/churn-" in line:
            stacks.append((i, []))
        elif stacks and stacks[-1] is not None and FRAME_RE.match(line):
            m = FRAME_RE.match(line)
            stacks[-1][1].append((m.group(1), int(m.group(2)), m.group(3)))
        elif not line.startswith(" > ") and stacks and stacks[-1] is not None:
            stacks.append(None)       # frames after another call are not this call's
    depths = {}
    for i, frames in (s for s in stacks if s is not None):
        assert frames[:1] == [("<string>", open_line, "work")], "\n".join(lines[i - 20:i + 20])
        k = 1
        while k < len(frames) and frames[k] == ("<string>", recurse_line, "work"):
            k += 1
        rest = frames[k:]
        if k == 6:
            assert rest == [("<string>", main_line, "<module>")], frames
        else:
            assert [f[2] for f in rest] == ["run", "_bootstrap_inner", "_bootstrap"], frames
            assert all(f[0].endswith("threading.py") for f in rest), frames
        depths[k] = depths.get(k, 0) + 1
    assert depths == {4: 300, 6: 300, 8: 300, 12: 300}


@pytest.mark.parametrize("version,python", TARGETS, ids=[v for v, _ in TARGETS])
def test_locate(version, python):
    """The runtime is found in a running interpreter, with its version; from 3.13 the offsets
    come from the tracee's own _Py_DebugOffsets."""
    from minitrace.memory import Memory
    from minitrace.pystack import locate
    from minitrace.stack import maps
    from minitrace.stack.unwind import Files
    child = subprocess.Popen([python, "-c", "import sys, time; sys.stdout.write("
                              "'%d.%d\\n' % sys.version_info[:2]); sys.stdout.flush(); "
                              "time.sleep(60)"], stdout=subprocess.PIPE)
    try:
        want = tuple(int(x) for x in child.stdout.readline().decode().split("."))
        with open("/proc/%d/maps" % child.pid) as f:
            mappings = maps.parse(f.read())
        memory = Memory("proc")
        files = Files()

        def image(path):
            info = files.get(path)
            return info.elf if info else None
        interp = locate.find(child.pid, mappings, lambda a, n: memory.read(child.pid, a, n),
                             image)
        assert interp is not None and interp.version == want
        assert interp.debug_offsets == (want >= (3, 13))
        memory.forget(child.pid)
    finally:
        child.kill()
        child.wait()
        child.stdout.close()
