"""--pidns-translation and -Y (minitrace/pidns.py, decode.common.pid_arg).

Offline: a fake /proc (namespaces, NS* ids, names) behind pidns.Translator; the translation,
its caches, a /proc mounted from another namespace, strace's text after a pid, the name
quoting, and decoders' lines with a fake decorator. Live: tests/progs/pidns_ids.c run in a
new PID namespace (`unshare --pid --fork`) traced from outside by strace 6.1 and by minitrace
with --decode-pids=comm,pidns (and plain -Y), lines compared per process.
"""
import os
import re
import shutil
import struct

import pytest

import decodertest
import tracecmp
from minitrace import decode, events, pidns

OURS, CHILD = 4026531836, 4026532999      # namespace inode numbers


class FakeProc(object):
    """/proc as a dict: proc pid -> {"ns": [innermost..], "ids": {kind: [outermost..]},
    "comm": bytes}; pid 0 is the tracer itself. Counts full scans."""

    def __init__(self, procs, threads=None):
        self.procs = procs
        self.thread_map = threads or {}
        self.scans = 0
        self.reads = 0                # /proc/PID/status reads
        self.parents_unsupported = False

    def ns_hierarchy(self, pid, limit=pidns.MAX_NS_DEPTH):
        p = self.procs.get(pid)
        return list(p["ns"][:limit]) if p else []

    def id_list(self, pid, kind):
        self.reads += 1
        p = self.procs.get(pid)
        return list(p["ids"].get(kind, [])) if p else []

    def processes(self):
        self.scans += 1
        return sorted(k for k in self.procs if k and k not in self._all_threads())

    def _all_threads(self):
        """Threads that are not their group's leader (/proc does not list them)."""
        return set(t for leader, ts in self.thread_map.items() for t in ts if t != leader)

    def threads(self, pid):
        return list(self.thread_map.get(pid, []))

    def comm(self, pid):
        p = self.procs.get(pid)
        return p.get("comm", b"") if p else b""


def _proc(ns, tid, tgid=None, pgid=None, sid=None, comm=b"prog"):
    ids = {"tid": tid, "tgid": tgid or tid, "pgid": pgid or tid, "sid": sid or tid}
    return {"ns": ns, "ids": ids, "comm": comm}


def container():
    """The tracer in the initial namespace; 5000 (1 inside) and 5001 (2 inside, pgid 1) in a
    child namespace; 6000 a process of ours."""
    return FakeProc({
        0: _proc([OURS], [900]),
        900: _proc([OURS], [900], comm=b"strace"),
        5000: _proc([CHILD, OURS], [5000, 1], comm=b"init"),
        5001: _proc([CHILD, OURS], [5001, 2], [5001, 2], [5000, 1], [5000, 1], comm=b"worker"),
        6000: _proc([OURS], [6000], comm=b"host"),
    })


def test_same_namespace_is_trivial():
    proc = container()
    t = pidns.Translator(proc)
    assert t.to_ours(6000, 6000, "tgid") == 6000
    assert t.to_ours(6000, 12345, "tid") == 12345      # no lookup at all
    assert t.to_ours(None, 77, "pgid") == 77
    assert proc.scans == 0
    assert t.to_ours(6000, 0, "tid") == 0 and t.to_ours(6000, -3, "tid") == 0


def test_child_namespace_translation_and_cache():
    proc = container()
    t = pidns.Translator(proc)
    assert t.to_ours(5000, 2, "tid") == 5001
    assert t.to_ours(5000, 1, "tgid") == 5000
    assert t.to_ours(5001, 1, "pgid") == 5000
    assert t.to_ours(5001, 1, "sid") == 5000
    assert t.to_ours(5000, 3, "tid") == 0                # nobody is 3 in there
    scans = proc.scans
    assert t.to_ours(5000, 2, "tid") == 5001             # answered from the cache
    assert proc.scans == scans
    # the answer went away and the pid was reused by a process of another namespace
    proc.procs[5001] = _proc([OURS], [5001])
    assert t.to_ours(5000, 2, "tid") == 0
    # ... and 2 comes back as another process
    proc.procs[5002] = _proc([CHILD, OURS], [5002, 2], comm=b"again")
    assert t.to_ours(5000, 2, "tid") == 5002


def test_own_ids_are_read_once_while_the_tracee_lives():
    """getpid and gettid under --pidns-translation: the tracee's own ids are answered without
    reading /proc again (strace's pidns-cache test times 10000 getpid calls); any other pid
    still goes through the cache that re-reads."""
    proc = container()
    proc.procs[5003] = _proc([CHILD, OURS], [5003, 4], [5001, 2])     # a thread of 5001
    t = pidns.Translator(proc)
    assert t.to_ours(5003, 4, "tid") == 5003
    assert t.to_ours(5003, 2, "tgid") == 5001
    reads = proc.reads
    for _ in range(3):
        assert t.to_ours(5003, 4, "tid") == 5003
        assert t.to_ours(5003, 2, "tgid") == 5001
    assert proc.reads == reads
    assert t.to_ours(5003, 1, "tgid") == 5000            # another process: read again
    assert proc.reads > reads
    # 5003 is gone; its pid comes back as process 9 of the same namespace
    t.forget(5003)
    proc.procs[5003] = _proc([CHILD, OURS], [5003, 9])
    assert t.to_ours(5003, 4, "tid") == 0
    assert t.to_ours(5003, 9, "tid") == 5003


def test_a_thread_that_execs_is_forgotten_under_its_old_pid(tmp_path):
    """The exec'ing thread's old pid is free again at `+++ superseded by execve +++`: the
    renderer drops the name it kept for it (-Y; the engine tells the translator)."""
    from minitrace import cli, output, render

    class Pids(object):
        show_comm = False

        def __init__(self):
            self.forgotten = []

        def forget(self, pid):
            self.forgotten.append(pid)

    pids = Pids()
    opts = cli.parse_args(["-f", "-o", str(tmp_path / "out"), "--pidns-translation", "true"])
    renderer = render.Renderer(output.Output(str(tmp_path / "out")), opts, lambda: 1,
                               lambda abi: {}, pids=pids)
    renderer.superseded(events.Event(events.SUPERSEDED, 10, other=11))
    assert pids.forgotten == [11]


def test_the_engine_tells_the_translator_a_tracee_is_gone(tmp_path):
    """Under --json and the API no renderer forgets a pid: the engine does, when a tracee
    ends or execs (Engine._forget), so its cached namespace and own ids go for every
    consumer."""
    from minitrace import cli, session
    opts = cli.parse_args(["--json", "--pidns-translation", "-o", str(tmp_path / "out"),
                           "-p", "1"])
    engine, output, renderer, timeline = session.build(opts)
    try:
        translator = engine.ctx.pids.translator
        translator._tracee_ns[4321] = CHILD
        translator._own[4321] = {"tid": (2, 4321)}
        engine._forget(4321)
        assert 4321 not in translator._tracee_ns and 4321 not in translator._own
    finally:
        output.close()


def test_threads_are_looked_at_first():
    proc = FakeProc({
        0: _proc([OURS], [900]),
        5000: _proc([CHILD, OURS], [5000, 1]),
        5003: _proc([CHILD, OURS], [5003, 4], [5000, 1]),
    }, threads={5000: [5000, 5003]})
    t = pidns.Translator(proc)
    assert t.to_ours(5000, 4, "tid") == 5003


def test_proc_from_another_namespace():
    """The tracer is 1 of a child namespace but /proc is the parent's (unshare -Urpf strace):
    /proc/self/status has two NSpid ids and every /proc lookup goes through translation."""
    proc = FakeProc({
        0: _proc([CHILD], [7000, 1]),
        7000: _proc([CHILD], [7000, 1]),
        7001: _proc([CHILD], [7001, 2], comm=b"tracee"),
    })
    t = pidns.Translator(proc)
    assert not t.proc_is_ours()
    assert t.proc_pid(2) == 7001
    assert t.to_ours(2, 2, "tid") == 2                   # same namespace: pids as they are
    assert t.translate(2, 2, "tid", True) == (2, 7001)


def test_unsupported_parents_give_up():
    proc = container()
    proc.parents_unsupported = True
    t = pidns.Translator(proc)
    assert t.to_ours(5000, 2, "tid") == 0


def decorated(kinds, proc=None, hex_strings="none"):
    return pidns.PidDecorator(kinds, pidns.Translator(proc or container()), hex_strings)


def test_suffix_text():
    d = decorated({"pidns"})
    assert d.suffix(5000, 2, "tid") == " /* 5001 in strace's PID NS */"
    assert d.suffix(6000, 6000, "tgid") == ""
    assert d.suffix(5000, 9, "tid") == ""
    d = decorated({"comm"})
    assert d.suffix(5000, 2, "tgid") == "<worker>"
    assert d.suffix(5000, 1, "pgid") == ""               # names of thread and process ids only
    d = decorated({"comm", "pidns"})
    assert d.suffix(5000, 2, "tid") == "<worker> /* 5001 in strace's PID NS */"
    assert d.suffix(5001, 1, "sid") == " /* 5000 in strace's PID NS */"
    assert d.prefix_comm(5001) == "<worker>"
    d.translator.proc.procs.pop(5001)
    assert d.prefix_comm(5001) == "<worker>"             # gone: the name last read
    d.forget(5001)
    assert d.prefix_comm(5001) == ""


@pytest.mark.parametrize("data,hex_strings,text", [
    (b"sh", "none", "sh"),
    (b"foo<bar>", "none", "foo\\74bar\\76"),
    (b"a<1", "none", "a\\0741"),
    (b"foo\x1b[2Jbar", "none", "foo\\33[2Jbar"),
    (b'q"\\\t', "none", 'q\\"\\\\\\t'),
    (b"foo<", "non-ascii-chars", "foo\\x3c"),
    (b"foo\x1b", "non-ascii", "\\x66\\x6f\\x6f\\x1b"),
    (b"ab", "all", "\\x61\\x62"),
    (b"a\tb", "non-ascii", "a\\tb"),
])
def test_quote_comm(data, hex_strings, text):
    assert pidns.quote_comm(data, hex_strings) == text


def line(name, args, ret=0, kinds=("comm", "pidns"), tracee=5000, mem=None):
    """decodertest.call_line with -Y/--pidns-translation over the fake container."""
    args = tuple(args) + (0,) * (6 - len(args))
    call = events.Syscall(tracee, "x86_64", 0, decodertest.Entry(name), args, 0x401000)
    ctx = decode.Context(decodertest.FakeMemory(mem))
    ctx.pids = decorated(set(kinds))
    dec = decode.lookup(name)
    head = dec.enter(ctx, call)
    call.ret = ret
    call.error = -ret if -4095 <= ret < 0 else 0
    return "%s(%s%s) = %s" % (name, head, dec.exit(ctx, call), dec.result(ctx, call))


W = " /* 5001 in strace's PID NS */"
I = " /* 5000 in strace's PID NS */"


@pytest.mark.parametrize("name,args,ret,text", [
    ("getpid", (), 1, "getpid() = 1<init>" + I),
    ("gettid", (), 2, "gettid() = 2<worker>" + W),
    ("getpgrp", (), 1, "getpgrp() = 1" + I),
    ("getsid", (2,), 1, "getsid(2<worker>%s) = 1%s" % (W, I)),
    ("setpgid", (2, 1), 0, "setpgid(2<worker>%s, 1%s) = 0" % (W, I)),
    ("kill", (2, 0), 0, "kill(2<worker>%s, 0) = 0" % W),
    ("kill", (-1 & 0xffffffff, 9), 0, "kill(-1, SIGKILL) = 0"),
    ("kill", (-2 & 0xffffffff, 9), 0, "kill(-2, SIGKILL) = 0"),     # nobody has pgid 2
    ("kill", (-1 & 0xffffffffffffffff, 0), 0, "kill(-1, 0) = 0"),
    ("tgkill", (1, 2, 15), 0, "tgkill(1<init>%s, 2<worker>%s, SIGTERM) = 0" % (I, W)),
    ("tkill", (7, 15), -3, "tkill(7, SIGTERM) = -1 ESRCH (No such process)"),
    ("getppid", (), 0, "getppid() = 0"),
    ("fork", (), 2, "fork() = 2<worker>" + W),
    ("sched_getscheduler", (2,), 0, "sched_getscheduler(2<worker>%s) = 0 (SCHED_OTHER)" % W),
    ("getpriority", (1, 1), 20, "getpriority(PRIO_PGRP, 1%s) = 20" % I),
    ("getpriority", (2, 1), 20, "getpriority(PRIO_USER, 1) = 20"),
    ("pidfd_open", (2, 0), 3, "pidfd_open(2<worker>%s, 0) = 3" % W),
    ("waitid", (2, 1, 0, 4, 0), -10, "waitid(P_PGID, 1%s, NULL, WEXITED, NULL) = -1 ECHILD "
                                      "(No child processes)" % I),
])
def test_decoder_lines(name, args, ret, text):
    assert line(name, args, ret) == text


def test_without_decode_pids_nothing_changes():
    assert decodertest.call_line("kill", (2, 0)) == "kill(2, 0) = 0"
    assert decodertest.call_line("getpid", (), 1) == "getpid() = 1"


def test_get_robust_list():
    mem = {0x1000: struct.pack("<Q", 0x7f0000001000), 0x2000: struct.pack("<Q", 24)}
    assert line("get_robust_list", (2, 0x1000, 0x2000), 0, kinds=("pidns",), mem=mem) == (
        "get_robust_list(2%s, [0x7f0000001000], [24]) = 0" % W)


def test_si_pid():
    from minitrace.decode.signals import siginfo
    import syscalls
    raw = struct.pack("<iii4xiI", 17, 0, 1, 2, 0) + b"\0" * (128 - 20)
    d = decorated({"pidns"})
    text = siginfo(syscalls.constants("x86_64"), raw, None, "x86_64",
                   pid_text=lambda n: "%d%s" % (n, d.suffix(5000, n, "tgid")))
    assert "si_pid=2" + W + ", si_uid=0" in text


# ---------------------------------------------------------------------------------------------
# live: a program in a new PID namespace, traced from outside

CALLS = ("getpid,gettid,getpgrp,getsid,getpgid,getppid,getpriority,sched_getscheduler,"
         "sched_getaffinity,prlimit64,fcntl,setpgid,kill,tgkill,tkill,wait4,exit_group")
_PREFIX = re.compile(r"^(\d+)(<[^>]*>)? +")
_UNFINISHED = " <unfinished ...>"
_RESUMED = re.compile(r"^<\.\.\. [a-z0-9_]+ resumed>")


def _need_unshare():
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        pytest.skip("needs root and unshare(1)")


def per_process(lines):
    """{(label, name): [lines]} of the program's two processes (unshare's own lines left out:
    its child's name at its wait4 races with the exec; so do the lines of the program's first
    process before that exec, as unshare). Our pids are labelled by what the
    process is inside its namespace (the one whose getpid() returns 1 or 2); unfinished/resumed
    pairs are joined and alignment dropped."""
    labels = {}
    for text in lines:
        m = _PREFIX.match(text)
        assert m, text
        r = re.match(r"getpid\(\) += ([12])\b", text[m.end():])
        if r:
            labels[m.group(1)] = "P" + r.group(1)
    assert sorted(labels.values()) == ["P1", "P2"], lines
    ours = re.compile(r"\b(%s)\b" % "|".join(labels))
    out, pending = {}, {}
    for text in lines:
        m = _PREFIX.match(text)
        if m.group(2) == "<unshare>" or m.group(1) not in labels:
            continue
        pid = labels[m.group(1)]
        body = re.sub(r"\s+= ", " = ", text[m.end():])
        body = ours.sub(lambda n: labels[n.group(1)], body)
        body = re.sub(r"0x[0-9a-f]{6,}", "ADDR", body)
        seq = out.setdefault((pid, m.group(2)), [])
        if body.endswith(_UNFINISHED):
            pending[pid] = body[:-len(_UNFINISHED)]
            continue
        r = _RESUMED.match(body)
        if r and pid in pending:
            body = pending.pop(pid) + body[r.end():]
        seq.append(body)
    return out


@pytest.mark.parametrize("decode_pids", ["comm,pidns", "pidns", "comm"])
def test_live_container(decode_pids):
    _need_unshare()
    prog = tracecmp.build("pidns_ids")
    args = ["-f", "--decode-pids=" + decode_pids, "-e", "trace=" + CALLS]
    cmd = ["unshare", "--pid", "--fork", prog]
    ref, err_ref, rc_ref = tracecmp.run_strace(args, cmd)
    got, err_got, rc_got = tracecmp.run_minitrace(args, cmd)
    assert rc_ref == 0 and rc_got == 0, (err_ref, err_got)
    want = per_process(ref)
    assert sum(len(v) for v in want.values()) > 20, ref     # the program's lines are there
    if "pidns" in decode_pids:
        assert any("in strace's PID NS" in x for v in want.values() for x in v)
    if "comm" in decode_pids:
        assert any(k[1] == "<renamed\\74kid\\76>" for k in want)
    have = per_process(got)
    assert sorted(have) == sorted(want)
    for key in want:
        assert have[key] == want[key], key
