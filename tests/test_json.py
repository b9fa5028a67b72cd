"""--json: every line parses, carries schema version 1, and says what the text output says for
the same run (syscall lines rebuilt from the JSON fields equal the text lines, per process with
-ff); -c gives one summary object; non-UTF-8 strings are {"b64": ...}."""
import base64
import json
import subprocess
import sys

import pytest

import tracecmp as tc
from minitrace import jsonout

pytestmark = pytest.mark.usefixtures("ptrace_ok")


def parse(lines):
    out = []
    for line in lines:
        obj = json.loads(line)
        assert obj["v"] == jsonout.VERSION == 2 and obj["type"], line
        assert obj["type"] == "summary" or isinstance(obj["pid"], int), line
        out.append(obj)
    return out


def rebuild(obj, acolumn=40):
    """The text line of a JSON event, as render.Renderer would write it in a -ff file."""
    t = obj["type"]
    if t == "syscall":
        head = "%s(%s)" % (obj["name"], obj["args_text"])
        if head.endswith(" <unfinished ...>)"):
            head = head[:-len(" <unfinished ...>)")] + " <unfinished ...>)"
        return head + " " * max(acolumn - len(head), 1) + "= " + obj["ret_text"]
    if t == "signal":
        return "--- %s %s ---" % (obj["signal"], obj["siginfo"])
    if t == "exit":
        if obj["signal"]:
            return "+++ killed by %s%s +++" % (obj["signal"], " (core dumped)" if obj["core"] else "")
        return "+++ exited with %d +++" % obj["status"]
    return None


def test_same_information_as_text_ff():
    exe = tc.build("core_fork")
    text, err1, rc1 = tc.run_minitrace([], [exe], output="ff")
    js, err2, rc2 = tc.run_minitrace(["--json"], [exe], output="ff")
    assert rc1 == rc2 == 0, err1 + err2
    assert len(text) == len(js) == 3, (sorted(text), sorted(js))
    for tpid, jpid in zip(sorted(text), sorted(js)):
        objs = parse(js[jpid])
        assert all(o["pid"] == jpid for o in objs)
        rebuilt = [r for r in (rebuild(o) for o in objs) if r is not None]
        assert tc.normalise(rebuilt) == tc.normalise(text[tpid]), tc.compare(
            tc.normalise(text[tpid]), tc.normalise(rebuilt), "text", "json")
        calls = [o for o in objs if o["type"] == "syscall"]
        for o in calls:
            assert o["duration"] is None or o["duration"] >= 0
            assert o["unfinished"] == (o["ret"] is None)
            if o["errno"]:
                assert o["ret_text"].startswith("-1 " + o["errno"])


def test_follow_forks_one_file():
    exe = tc.build("core_fork")
    text, _, _ = tc.run_minitrace(["-f"], [exe])
    js, err, rc = tc.run_minitrace(["-f", "--json"], [exe])
    assert rc == 0, err
    objs = parse(js)
    assert len(set(o["pid"] for o in objs)) == 3
    # the same syscalls (the processes' interleaving differs from run to run)
    calls = sorted((o for o in objs if o["type"] == "syscall"), key=lambda o: o["time"])
    assert sorted(o["name"] for o in calls) == sorted(tc.syscall_names(text))
    attach = [o for o in objs if o["type"] == "attach"]
    assert len(attach) == 2 and all(o["parent"] == calls[0]["pid"] for o in attach)
    exits = sorted(o["status"] for o in objs if o["type"] == "exit")
    assert exits == [0, 0, 7]


def test_filters_and_status():
    exe = tc.build("core_hello")
    js, err, rc = tc.run_minitrace(["--json", "-e", "trace=openat,write,getpid", "-Z"], [exe])
    objs = parse(js)
    calls = [o for o in objs if o["type"] == "syscall"]
    assert [(o["name"], o["errno"], o["ret"]) for o in calls] == [("openat", "ENOENT", -2)]
    assert calls[0]["values"][1] == "/nonexistent" and calls[0]["args_text"].startswith("AT_FDCWD, ")
    assert objs[-1]["type"] == "exit" and objs[-1]["status"] == 3


def test_summary_object():
    exe = tc.build("core_hello")
    js, err, rc = tc.run_minitrace(["--json", "-c"], [exe])
    assert len(js) == 1, js
    obj = parse(js)[0]
    assert obj["type"] == "summary" and obj["clock"] == "system"
    rows = dict((r["name"], r) for r in obj["rows"])
    assert rows["openat"]["errors"] == 1 and rows["write"]["calls"] == 1
    assert obj["total"]["calls"] == sum(r["calls"] for r in obj["rows"])
    js, err, rc = tc.run_minitrace(["--json", "-C"], [exe])
    objs = parse(js)
    assert objs[-1]["type"] == "summary" and objs[-2]["type"] == "exit"


def test_not_utf8_is_b64():
    bad = b"/nonexistent/\xff\xfe"
    js, err, rc = tc.run_tool([sys.executable, "-m", "minitrace"],
                              ["--json", "-e", "trace=openat,stat,newfstatat,statx"],
                              ["cat", bad], output="file")
    objs = [o for o in parse(js) if o["type"] == "syscall"]
    found = [o for o in objs if isinstance(o["values"][1], dict)]
    assert found, objs
    assert base64.b64decode(found[0]["values"][1]["b64"]) == bad
    assert found[0]["errno"] == "ENOENT"
