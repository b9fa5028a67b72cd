"""Output options of the core against the real strace: -z/-Z/-e status=, a failing execve of
the command, unknown syscall numbers, -o '|command', -a, -n, -T, -t. Lines are compared whole
after tracecmp.normalise()."""
import os
import re

import pytest

import tracecmp as tc

pytestmark = pytest.mark.usefixtures("ptrace_ok")


def both(args, cmd, **kw):
    s = tc.run_strace(args, cmd, **kw)
    m = tc.run_minitrace(args, cmd, **kw)
    return s, m


def assert_same(args, cmd, **kw):
    (slines, _, src), (mlines, merr, mrc) = both(args, cmd, **kw)
    assert "Traceback" not in merr, merr
    a, b = tc.normalise(slines), tc.normalise(mlines)
    assert a == b, tc.compare(a, b)
    assert mrc == src
    return mlines


@pytest.mark.parametrize("status", [["-z"], ["-Z"], ["-e", "status=failed,successful"],
                                    ["-e", "status=unfinished"], ["--failed-only"]])
def test_status_filters(status):
    assert_same(status, [tc.build("core_unknown")])


@pytest.mark.parametrize("expr", ["trace=none", "trace=write", "trace=!write"])
def test_unknown_syscall_number(expr):
    """strace traces a number outside its tables whatever the filter says."""
    lines = assert_same(["-e", expr], [tc.build("core_unknown")])
    assert "syscall_0xbad(0x1, 0x2, 0x3, 0x4, 0x5, 0x6) = -1 ENOSYS (Function not implemented)" \
        in [re.sub(r" +=", " =", l) for l in lines]


@pytest.mark.parametrize("expr", ["trace=none", "trace=all"])
def test_debug_says_invalid_syscall(expr):
    """-d: strace says `pid N invalid syscall 0x...` at each entry of a number outside its
    tables (the suite's nsyscalls-d), traced or not; minitrace too, the same line."""
    def invalid(err, name):
        return [re.sub(r"pid \d+", "pid N", l) for l in err.splitlines()
                if l.startswith(name + ": ") and "invalid syscall" in l]
    (_, serr, _), (_, merr, _) = both(["-d", "-e", expr], [tc.build("core_unknown")])
    assert invalid(serr, "strace") == ["strace: pid N invalid syscall 0xbad"]
    assert invalid(merr, "minitrace") == ["minitrace: pid N invalid syscall 0xbad"]
    (_, merr, _) = tc.run_minitrace(["-e", expr], [tc.build("core_unknown")])
    assert "invalid syscall" not in merr                 # only with -d


@pytest.mark.parametrize("args", [["-n"], ["-i"], ["-i", "-n", "-tt"], ["-a", "20"], ["-a", "0"], ["-qq"], ["-s", "2"]])
def test_line_options(args):
    assert_same(args + ["-e", "trace=openat,write,exit_group"], [tc.build("core_unknown")])


def test_failed_exec_of_the_command():
    """strace shows the failing execve, its own `exec:` message and the child's exit 1."""
    (s, serr, src), (m, merr, mrc) = both([], ["/etc"], output="stderr")
    assert tc.normalise(s) == tc.normalise(m), tc.compare(s, m)
    assert "strace: exec: Permission denied" in serr
    assert "minitrace: exec: Permission denied" in merr
    assert src == mrc == 1


def test_output_to_a_pipe(tmp_path):
    out = tmp_path / "piped"
    lines, err, rc = tc.run_minitrace(["-o", "|cat > %s" % out, "-e", "trace=write"],
                                      [tc.build("core_unknown")], output="stderr")
    assert rc == 0, err
    assert out.read_text().splitlines()[1:] == ['write(1, "ok\\n", 3)'.ljust(40) + "= 3",
                                                "+++ exited with 0 +++"]


def test_timestamps_and_times_have_strace_shapes():
    args = ["-e", "trace=write"]
    shapes = {
        "-t": r"^\d\d:\d\d:\d\d write\(",
        "-tt": r"^\d\d:\d\d:\d\d\.\d{6} write\(",
        "-ttt": r"^\d{10}\.\d{6} write\(",
        "-r": r"^ {5}\d\.\d{6} write\(",
        "-T": r"^write\(.*= 3 <\d\.\d{6}>$",
    }
    for opt, shape in shapes.items():
        for tool in (tc.run_strace, tc.run_minitrace):
            lines = tool([opt] + args, [tc.build("core_unknown")])[0]
            assert re.match(shape, lines[1]), (opt, tool.__name__, lines)


def test_user_option_runs_the_command_as_that_user():
    args = ["-u", "nobody", "-e", "trace=getuid,geteuid,getgid,getegid,getgroups"]
    assert_same(args, ["/usr/bin/id"])


@pytest.mark.parametrize("args", [["-u", "nosuchuser"], ["-I", "5"], ["-I", "foo"]])
def test_startup_option_errors(args):
    s = tc.run_strace(args, ["/bin/true"], output="stderr")
    m = tc.run_minitrace(args, ["/bin/true"], output="stderr")
    assert m[2] == s[2] == 1
    assert tc.stderr_lines(m[1], "minitrace") == tc.stderr_lines(s[1], "strace")


def _sigint_after(argv, program="/bin/sleep"):
    """Start minitrace with ARGV, wait (bounded, whatever the load) until its child runs
    PROGRAM, then SIGINT the tracer alone; (process, child pid, stderr)."""
    import signal
    import subprocess
    import sys
    import time
    p = subprocess.Popen([sys.executable, "-m", "minitrace"] + argv, cwd=tc.MINITRACE_ROOT,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    child, deadline = None, time.time() + 60
    while child is None and p.poll() is None and time.time() < deadline:
        time.sleep(0.05)
        out = subprocess.run(["pgrep", "-P", str(p.pid)], stdout=subprocess.PIPE).stdout.split()
        for pid in out:
            try:
                if os.path.realpath("/proc/%d/exe" % int(pid)) == os.path.realpath(program):
                    child = int(pid)
            except OSError:
                pass
    assert child is not None, "minitrace did not start %s" % program
    p.send_signal(signal.SIGINT)
    err = p.communicate(timeout=20)[1].decode()
    return p, child, err


def test_output_file_and_command_ignore_sigint_by_default():
    """-o FILE PROG is strace's -I3: a SIGINT to the tracer alone changes nothing."""
    p, child, err = _sigint_after(["-o", "/dev/null", "/bin/sleep", "3"])
    assert p.returncode == 0 and "Traceback" not in err, err


def test_kill_on_exit_kills_the_tracees():
    p, child, err = _sigint_after(["--kill-on-exit", "-I", "2", "-o", "/dev/null", "/bin/sleep", "5"])
    import time
    assert p.returncode == -2, err

    def state():
        try:
            return open("/proc/%d/stat" % child).read().split()[2]
        except OSError:
            return "gone"
    deadline = time.time() + 3
    while state() not in ("Z", "X", "gone") and time.time() < deadline:
        time.sleep(0.05)
    assert state() in ("Z", "X", "gone"), state()


@pytest.mark.parametrize("how", ["absolute", "symlink", "relative"])
def test_trace_path(tmp_path, how):
    """-P: only calls naming the path or using a descriptor open on it; symlinks and
    relative paths are resolved with strace's note on stderr."""
    target = tmp_path / "f.txt"
    target.write_text("hi\n")
    (tmp_path / "link").symlink_to(target)
    path = {"absolute": str(target), "symlink": str(tmp_path / "link"), "relative": "f.txt"}[how]
    cmd = ["/bin/cat", path]
    s = tc.run_strace(["-P", path], cmd, output="stderr", cwd=str(tmp_path))
    m = tc.run_minitrace(["-P", path], cmd, output="stderr", cwd=str(tmp_path),
                         env=dict(os.environ, PYTHONPATH=tc.MINITRACE_ROOT))
    assert tc.normalise(m[0]) == tc.normalise(s[0]), tc.compare(s[0], m[0])
    assert tc.stderr_lines(m[1], "minitrace") == tc.stderr_lines(s[1], "strace")


@pytest.mark.parametrize("dumps", [["-e", "read=3", "-e", "write=4"], ["-e", "read=all"],
                                   ["-e", "write=!4"], ["-e", "read=none"]])
def test_read_write_dumps(dumps):
    assert_same(["-e", "trace=read,write,readv,writev"] + dumps, [tc.build("core_io")])


@pytest.mark.parametrize("tamper", [
    ["-e", "trace=openat,write", "-e", "inject=openat:error=EACCES"],
    ["-e", "trace=write", "-e", "inject=write:retval=42"],
    ["-e", "trace=write", "-e", "inject=write:signal=SIGUSR1"],
    ["-e", "trace=write", "-e", "inject=write:error=EIO:signal=USR2"],
    ["-e", "trace=write,openat", "-e", "fault=all:when=2"],
    ["-e", "trace=brk", "-e", "fault=brk:when=2"],
    ["-e", "trace=brk,write", "-e", "fault=all"],
    ["-e", "trace=brk", "--fault=brk:when=2+2"],
    ["-e", "trace=brk", "-e", "inject=brk:error=ENOMEM:when=3..4"],
])
def test_fault_injection(tamper):
    """Injected errors, return values and signals, and the calls `when=` picks."""
    assert_same(tamper, [tc.build("core_unknown")])


@pytest.mark.parametrize("bad", ["inject=write:error=FOO", "inject=write", "inject=write:when=0",
                                 "fault=nosuch"])
def test_fault_injection_errors(bad):
    s = tc.run_strace(["-e", bad], ["/bin/true"], output="stderr")
    m = tc.run_minitrace(["-e", bad], ["/bin/true"], output="stderr")
    assert m[2] == s[2] == 1
    assert tc.stderr_lines(m[1], "minitrace") == tc.stderr_lines(s[1], "strace")


def test_delay_is_marked_and_left_out_of_the_call_time():
    lines = tc.run_minitrace(["-T", "-e", "trace=write", "-e", "inject=write:delay_exit=200ms"],
                             [tc.build("core_unknown")])[0]
    line = [l for l in lines if l.startswith("write(")][0]
    assert re.search(r"= 3 \(DELAYED\) <0\.0\d{5}>$", line), line


def test_detach_on_execve():
    """-b execve: the child's execve entry is the last thing shown of it, then it is let go."""
    cmd = ["/bin/sh", "-c", "/bin/true; echo hi"]
    args = ["-f", "-b", "execve"]
    for tool, name in ((tc.run_strace, "strace"), (tc.run_minitrace, "minitrace")):
        lines, err, rc = tool(args, cmd)
        assert rc == 0, err
        child = [l for l in lines if l.split()[1].startswith('execve("/bin/true"')]
        # which of the two ends the line depends on what prints next (strace does both)
        assert len(child) == 1 and child[0].endswith(("<detached ...>", "<unfinished ...>")), \
            (name, lines)
        pid = child[0].split()[0]
        assert [l for l in lines if l.split()[0] == pid][-1] == child[0], (name, lines)
        # -o FILE PROG: no attach/detach messages (strace's implied -q)
        assert "Process %s detached" % pid not in err, (name, err)


@pytest.mark.parametrize("opts", [["-t"], ["-tt"], ["-ttt"], ["-r"], ["-T"], ["-t", "-r"],
                                  ["-tt", "-T", "-r"], ["--timestamps=unix,ms"],
                                  ["--absolute-timestamps=format:time,precision:ns"],
                                  ["--absolute-timestamps=precision:s"], ["--timestamps=none"],
                                  ["-r", "--relative-timestamps=ns"], ["--relative-timestamps=s"],
                                  ["--syscall-times=ms"], ["--syscall-times=s"],
                                  ["--syscall-times=ns"]])
def test_time_formats(opts):
    """Every digit is a 9 in both traces: the shapes (widths, separators, order) must match."""
    cmd = [tc.build("core_unknown")]
    args = opts + ["-e", "trace=write,exit_group"]
    s = [re.sub(r"\d", "9", l) for l in tc.run_strace(args, cmd)[0]]
    m = [re.sub(r"\d", "9", l) for l in tc.run_minitrace(args, cmd)[0]]
    assert m == s, tc.compare(s, m)


@pytest.mark.parametrize("bad", ["--absolute-timestamps=bogus", "--relative-timestamps=xx",
                                 "--syscall-times=xx"])
def test_time_format_errors(bad):
    s = tc.run_strace([bad], ["/bin/true"], output="stderr")
    m = tc.run_minitrace([bad], ["/bin/true"], output="stderr")
    assert m[2] == s[2] == 1
    assert tc.stderr_lines(m[1], "minitrace") == tc.stderr_lines(s[1], "strace")


@pytest.mark.parametrize("flag", ["-D", "-DD", "-DDD", "--daemonize=session"])
def test_daemonize_keeps_the_command_a_child_of_its_caller(flag):
    """-D: the traced command keeps the caller as its parent (the tracer is a grandchild)."""
    import subprocess
    import sys
    argv = [sys.executable, "-m", "minitrace", flag, "-e", "trace=getppid",
            "/bin/sh", "-c", "echo $PPID; exit 3"]
    p = subprocess.Popen(argv, cwd=tc.MINITRACE_ROOT, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    out, err = p.communicate(timeout=20)
    assert p.returncode == 3, err
    assert out.decode().split() == [str(os.getpid())], (out, err)
    assert "minitrace: Process %d attached" % p.pid in err.decode()
    assert "getppid()" in err.decode()


def test_daemonize_needs_a_command():
    s = tc.run_strace(["-D", "-p", "1"], [], output="stderr")
    m = tc.run_minitrace(["-D", "-p", "1"], [], output="stderr")
    assert m[2] == s[2] == 1
    assert tc.stderr_lines(m[1], "minitrace") == tc.stderr_lines(s[1], "strace")


@pytest.mark.parametrize("expr", [["-e", "raw=openat,write,exit_group"], ["-e", "raw=all"],
                                  ["--raw=%file"], ["-e", "abbrev=none"],
                                  ["-e", "abbrev=execve"], ["-e", "a=!execve"]])
def test_raw_and_abbrev(expr):
    assert_same(expr + ["-e", "trace=execve,openat,write,exit_group"], [tc.build("core_unknown")])


@pytest.mark.parametrize("prog,trace", [("core_fork", "write,exit_group,wait4,execve"),
                                        ("core_unknown", "openat,write"),
                                        ("core_threads", "write,exit")])
def test_seccomp_bpf(prog, trace):
    """--seccomp-bpf: only the traced syscalls stop; the lines are strace's."""
    cmd = [tc.build(prog)]
    args = ["-f", "--seccomp-bpf", "-e", "trace=" + trace]
    (s, serr, src), (m, merr, mrc) = both(args, cmd)
    assert mrc == src and "Traceback" not in merr, merr
    sp, mp = tc.by_pid(tc.normalise(s)), tc.by_pid(tc.normalise(m))
    assert sorted(sp) == sorted(mp), tc.compare(s, m)
    for pid in sp:
        assert tc.syscall_names(mp[pid]) == tc.syscall_names(sp[pid]), tc.compare(s, m)


@pytest.mark.parametrize("trace", ["%pure", "%signal", "getpid,kill,execve"])
@pytest.mark.parametrize("daemonize", [[], ["-D"]])
def test_seccomp_bpf_traces_the_calls_of_the_childs_own_stop(trace, daemonize):
    """The filter goes in once the child is traced: before, the child's getpid and kill (its
    own stop) failed with ENOSYS (SECCOMP_RET_TRACE without a tracer) and nothing ran."""
    args = daemonize + ["-f", "--seccomp-bpf", "-e", "trace=" + trace]
    (s, serr, src), (m, merr, mrc) = both(args, ["/bin/true"])
    assert mrc == src == 0 and "exec:" not in merr and "Traceback" not in merr, merr
    assert tc.normalise(m) == tc.normalise(s), tc.compare(s, m)


@pytest.mark.parametrize("args", [["--seccomp-bpf", "-e", "trace=write"],
                                  ["-f", "--seccomp-bpf"]])
def test_seccomp_bpf_warnings(args):
    s = tc.run_strace(args, ["/bin/true"], output="stderr")
    m = tc.run_minitrace(args, ["/bin/true"], output="stderr")
    assert m[2] == s[2] == 0
    assert tc.stderr_lines(m[1], "minitrace")[:1] == tc.stderr_lines(s[1], "strace")[:1]
