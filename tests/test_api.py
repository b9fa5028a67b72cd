"""The Python API (minitrace.trace / minitrace.attach): event fields on a known workload,
early stop detaches (the program keeps running and finishes), the argument splitter and the
plain values of argument texts."""
import os
import subprocess
import sys
import tempfile
import time

import pytest

import syscalls
import tracecmp as tc

import minitrace
from minitrace import api
from minitrace.arch import for_machine

HOST_ABI = for_machine().ABIS[0]


def test_import_is_cheap():
    code = ("import sys, minitrace; "
            "print(sorted(m for m in sys.modules if m.startswith('minitrace')))")
    out = subprocess.check_output([sys.executable, "-c", code], cwd=tc.ROOT)
    assert out.decode().strip() == "['minitrace']"


@pytest.mark.usefixtures("ptrace_ok")
def test_event_fields():
    exe = tc.build("core_hello")
    events = list(minitrace.trace([exe], string_limit=64))
    calls = [e for e in events if e.type == "syscall"]
    by_name = dict((e.name, e) for e in calls)
    pid = calls[0].pid
    assert calls[0].name == "execve" and calls[0].values[0] == exe
    for e in calls:
        assert e.pid == pid and e.abi == HOST_ABI
        assert e.nr == syscalls.table(HOST_ABI).numbers[e.name]
        assert isinstance(e.time, float) and e.time > 1e9
        assert len(e.arg_texts) <= len(e.args), e     # strace leaves some out (open mode)
    write = by_name["write"]
    assert write.values == [1, "hello\n", 6] and write.ret == 6 and write.errno is None
    assert write.args[0] == 1 and write.args[2] == 6 and write.ret_text == "6"
    assert write.duration is not None and write.duration >= 0
    opened = by_name["openat"] if "openat" in by_name else by_name["open"]
    assert opened.values[-2:] == ["/nonexistent", ["O_RDONLY"]]
    assert opened.ret == -2 and opened.errno == "ENOENT"
    assert opened.ret_text == "-1 ENOENT (No such file or directory)"
    assert by_name["getpid"].ret == pid
    last = calls[-1]
    assert last.name == "exit_group" and last.values == [3] and last.ret is None
    assert last.unfinished
    exits = [e for e in events if e.type == "exit"]
    assert len(exits) == 1 and exits[0].status == 3 and exits[0].signal is None
    assert events[-1] is exits[0]


@pytest.mark.usefixtures("ptrace_ok")
def test_filter_and_follow_forks():
    events = list(minitrace.trace(["sh", "-c", "/bin/true; cat /nonexistent 2>/dev/null"],
                                  follow_forks=True, trace="%file"))
    calls = [e for e in events if e.type == "syscall"]
    assert set(e.name for e in calls) <= syscalls.class_members("%file")
    pids = set(e.pid for e in events)
    assert len(pids) >= 3, pids           # sh, true, cat
    attaches = [e for e in events if e.type == "attach"]
    assert attaches and all(e.parent in pids for e in attaches)
    assert any(e.errno == "ENOENT" and e.values[1] == "/nonexistent" for e in calls
               if e.name == "openat")


@pytest.mark.usefixtures("ptrace_ok")
def test_early_stop_detaches_and_program_finishes():
    exe = tc.build("core_counter")
    fd, path = tempfile.mkstemp(prefix="api-counter")
    os.close(fd)
    try:
        it = minitrace.trace(["sh", "-c", "exec %s 30 > %s" % (exe, path)])
        pid = it.pid
        seen = 0
        for ev in it:
            if ev.type == "syscall" and ev.name == "write":
                break
            seen += 1
        assert seen > 0
        # the generator was dropped by `break`... but we still hold `it`: close it explicitly
        it.close()
        with open("/proc/%d/status" % pid) as f:
            tracer = [l for l in f if l.startswith("TracerPid:")][0].split()[1]
        assert tracer == "0", "still traced after close()"
        deadline = time.time() + 30
        while True:
            wpid, status = os.waitpid(pid, os.WNOHANG)
            if wpid:
                break
            assert time.time() < deadline, "the program did not finish after the detach"
            time.sleep(0.05)
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
        with open(path) as f:
            assert f.read().split() == [str(i) for i in range(30)]
    finally:
        os.unlink(path)


@pytest.mark.usefixtures("ptrace_ok")
def test_break_in_for_loop_detaches():
    exe = tc.build("core_counter")
    pids = []
    for ev in minitrace.trace([exe, "20", "2"]):      # writes to stderr (captured)
        pids.append(ev.pid)
        break                                           # the Trace is dropped: detached
    _, status = os.waitpid(pids[0], 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0


@pytest.mark.usefixtures("ptrace_ok")
def test_attach_and_close_leaves_it_running():
    exe = tc.build("core_counter")
    proc = subprocess.Popen([exe, "300"], stdout=subprocess.DEVNULL)
    try:
        time.sleep(0.1)
        with minitrace.attach(proc.pid) as it:
            kinds = []
            for ev in it:
                kinds.append(ev.type if ev.type != "syscall" else ev.name)
                if kinds.count("write") >= 2:
                    break
        assert kinds[0] == "attach" and ("nanosleep" in kinds or "clock_nanosleep" in kinds)
        assert proc.poll() is None
        with open("/proc/%d/status" % proc.pid) as f:
            text = f.read()
        assert "TracerPid:\t0" in text and "State:\tt" not in text
    finally:
        proc.kill()
        proc.wait()


def test_bad_arguments():
    with pytest.raises(ValueError):
        minitrace.trace(["/no/such/program"])
    with pytest.raises(ValueError):
        minitrace.trace(["true"], trace="no_such_syscall_name")
    with pytest.raises(TypeError):
        minitrace.trace(["true"], no_such_option=1)
    with pytest.raises(TypeError):
        minitrace.trace("true")


@pytest.mark.usefixtures("ptrace_ok")
def test_attach_failure_raises():
    with pytest.raises(api.TraceError):
        minitrace.attach(999999999 if os.path.exists("/proc/sys/kernel/pid_max") else 1)


def test_split_args():
    s = api.split_args
    assert s('AT_FDCWD, "/etc", O_RDONLY|O_CLOEXEC') == ["AT_FDCWD", '"/etc"', "O_RDONLY|O_CLOEXEC"]
    assert s('1, "a, \\"b\\", [c]", 9') == ["1", '"a, \\"b\\", [c]"', "9"]
    assert s('"/bin/ls", ["ls", "-l"], 0x7ff /* 3 vars, a, b */') == \
        ['"/bin/ls"', '["ls", "-l"]', "0x7ff /* 3 vars, a, b */"]
    assert s("3, {st_mode=S_IFREG|0644, st_size=3, ...}, f(1, 2)") == \
        ["3", "{st_mode=S_IFREG|0644, st_size=3, ...}", "f(1, 2)"]
    assert s("") == []


def test_value_of():
    v = api.value_of
    assert v("NULL") is None
    assert v("42") == 42 and v("-1") == -1 and v("0x1f") == 31 and v("0644") == 0o644
    assert v('"hi\\n\\t\\"\\\\"') == 'hi\n\t"\\'
    assert v('"\\377\\0x"') == b"\xff\x00x"             # not UTF-8: bytes
    assert v('"\\xc3\\xa9"') == "\u00e9"
    assert v('"abc"...') == '"abc"...'                  # cut by -s: the text
    assert v("O_RDONLY|O_CLOEXEC") == ["O_RDONLY", "O_CLOEXEC"]
    assert v("O_RDONLY", "flags") == ["O_RDONLY"]
    assert v("AT_FDCWD", "dfd") == "AT_FDCWD"
    assert v("S_IFREG|0644") == ["S_IFREG", 0o644]
    assert v("{st_mode=S_IFREG}") == "{st_mode=S_IFREG}"
