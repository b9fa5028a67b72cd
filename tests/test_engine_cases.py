"""Tracer situations of strace 6.1's own test suite (clone_ptrace, clone_parent,
threads-execve / maybe_switch_current_tcp), on our own workloads, compared with strace:
a CLONE_PTRACE child met without -f is detached (`Detached unknown pid N`, no hang); the exit
of a child we never traced is reported (`Exit of unknown pid N ignored`); a thread's execve
line still open when its pid changes ends with ` <pid changed to N ...>`."""
import os
import re
import subprocess
import sys
import time

import pytest

import tracecmp as tc

pytestmark = pytest.mark.usefixtures("ptrace_ok")

# strace names itself by its argv[0]: run as plain `strace`
TOOLS = (("strace", ["exec", "-a", "strace", tc.STRACE]),
         ("minitrace", ["exec", sys.executable, "-m", "minitrace"]))


def _run(argv, timeout=60):
    """Run the shell command line `argv` (a list of words) with bash."""
    proc = subprocess.Popen(["/bin/bash", "-c", " ".join(argv)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                            cwd=tc.MINITRACE_ROOT)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        pytest.fail("%s hung" % " ".join(argv))
    return proc.returncode, err.decode("utf-8", "replace")


def _messages(err, tool):
    return [re.sub(r"\d+", "N", l.replace(tool, "TOOL", 1)) for l in err.splitlines()
            if l.startswith(tool + ":")]


@pytest.mark.parametrize("quiet", [[], ["-q"], ["--quiet=exit"], ["--quiet=attach"]],
                         ids=["default", "q", "quiet-exit", "quiet-attach"])
def test_clone_ptrace_child_detached(quiet):
    exe = tc.build("engine_cases")
    got = {}
    for tool, argv0 in TOOLS:
        rc, err = _run(argv0 + ["-e", "trace=none"] + quiet + [exe, "clone_ptrace"])
        got[tool] = (rc, _messages(err, tool))
    assert got["strace"][0] == 0, got
    assert got["minitrace"] == got["strace"], got


@pytest.mark.parametrize("quiet", [[], ["-qq"], ["--quiet=exit"]],
                         ids=["default", "qq", "quiet-exit"])
def test_exit_of_unknown_pid(quiet):
    got = {}
    for tool, argv0 in TOOLS:
        # the shell's background child becomes the tracer's child when it execs the tracer
        rc, err = _run(["/bin/sleep 0.2 &"] + argv0 + ["-e", "trace=none"] + quiet +
                       ["/bin/sleep", "1"])
        got[tool] = (rc, _messages(err, tool))
    assert got["strace"] == (0, [] if quiet else ["TOOL: Exit of unknown pid N ignored"]), got
    assert got["minitrace"] == got["strace"], got


# output: -o FILE (lines written when the tracer is idle) and stderr (written at each event)
@pytest.mark.parametrize("output", ["file", "stderr"])
@pytest.mark.parametrize("quiet", [[], ["-qq"], ["--quiet=thread-execve"]],
                         ids=["default", "qq", "quiet-thread-execve"])
def test_pid_changed_after_thread_execve(quiet, output):
    exe = tc.build("engine_cases", ("-pthread",))
    got = {}
    for tool, run in (("strace", tc.run_strace), ("minitrace", tc.run_minitrace)):
        lines, err, rc = run(["-f", "-e", "trace=execve,exit"] + quiet,
                             [exe, "thread_exec"], output=output)
        got[tool] = tc.normalise([l for l in lines if "execve(\"" + exe not in l])
    assert any("<pid changed to" in l for l in got["strace"]), got["strace"]
    assert got["minitrace"] == got["strace"]


def _blocked_and_ignored():
    import signal
    signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGCHLD, signal.SIGUSR1, signal.SIGINT])
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    signal.signal(signal.SIGQUIT, signal.SIG_IGN)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)     # the tracer itself waits for its tracees


@pytest.mark.parametrize("opts", [[], ["-o", "/dev/null"], ["-I1"], ["-I4"]],
                         ids=["default", "o-file", "I1", "I4"])
def test_program_keeps_signal_mask_and_ignored(opts):
    """The program inherits the blocked mask and the ignored signals the tracer was started
    with (strace's sigblock test), whatever the tracer blocks or catches for itself."""
    got = {}
    for tool, argv0 in (("strace", ["strace"]), ("minitrace", [sys.executable, "-m", "minitrace"])):
        proc = subprocess.Popen(argv0 + ["-e", "trace=none"] + opts +
                                ["/bin/grep", "-E", "^Sig(Blk|Ign)", "/proc/self/status"],
                                executable=tc.STRACE if tool == "strace" else None,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                preexec_fn=_blocked_and_ignored, cwd=tc.MINITRACE_ROOT)
        got[tool] = proc.communicate(timeout=60)[0].decode()
        assert proc.returncode == 0, (tool, got[tool])
    assert "SigBlk:\t0000000000010202" in got["strace"], got
    assert got["minitrace"] == got["strace"], got


def _close_fds(fds):
    def close():
        for fd in fds:
            os.close(fd)
    return close


@pytest.mark.parametrize("closed", [(0,), (1,), (2,), (0, 1), (0, 1, 2)],
                         ids=["0", "1", "2", "01", "012"])
def test_program_sees_the_descriptors_closed_that_were_closed(closed, tmp_path):
    """Descriptors 0-2 closed when the tracer starts are closed in the program too (strace's
    redirect-fds test): whatever the tracer opens does not take their place."""
    got = {}
    for tool, argv0 in (("strace", ["strace"]), ("minitrace", [sys.executable, "-m", "minitrace"])):
        report = str(tmp_path / tool)
        script = ("exec 7>%s; for f in 0 1 2; do if [ -e /proc/$$/fd/$f ]; then echo $f >&7; "
                  "fi; done" % report)
        proc = subprocess.Popen(argv0 + ["-o", str(tmp_path / (tool + ".trace")), "-e",
                                         "trace=chdir", "/bin/sh", "-c", script],
                                executable=tc.STRACE if tool == "strace" else None,
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, preexec_fn=_close_fds(closed),
                                cwd=tc.MINITRACE_ROOT)
        assert proc.wait(timeout=60) == 0, tool
        with open(report) as f:
            got[tool] = f.read().split()
    assert got["strace"] == [str(f) for f in (0, 1, 2) if f not in closed], got
    assert got["minitrace"] == got["strace"], got


def test_tracer_lets_go_of_stdin_and_stdout():
    """Once the program runs, the tracer's own stdin and stdout are /dev/null, so a pipe the
    program closes is not kept open by the tracer (strace's redirect test)."""
    got = {}
    for tool, argv0 in (("strace", ["strace"]), ("minitrace", [sys.executable, "-m", "minitrace"])):
        proc = subprocess.Popen(argv0 + ["-e", "trace=none", "/bin/sleep", "3"],
                                executable=tc.STRACE if tool == "strace" else None,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, cwd=tc.MINITRACE_ROOT)
        try:
            end = time.time() + 30
            while time.time() < end and not tc.children(proc.pid):
                time.sleep(0.01)
            time.sleep(0.3)      # the redirection follows the start of the program
            ours = ["pipe:[%d]" % os.fstat(p.fileno()).st_ino for p in (proc.stdin, proc.stdout)]
            # still the pipes it was given? (strace puts dummy pipes there, minitrace /dev/null)
            got[tool] = [os.readlink("/proc/%d/fd/%d" % (proc.pid, fd)) == ours[fd]
                         for fd in (0, 1)]
        finally:
            proc.kill()
            proc.communicate()
    assert got["strace"] == [False, False], got
    assert got["minitrace"] == got["strace"], got


def test_interruptible_anywhere_dies_at_once(tmp_path):
    """-I1 (--interruptible=anywhere): no handler for fatal signals, as strace: SIGTERM ends
    the tracer at once, and the trace file holds what was written up to then (the open line
    without ` <detached ...>`: strace-D's check)."""
    got = {}
    for tool, argv0 in (("strace", ["strace"]), ("minitrace", [sys.executable, "-m", "minitrace"])):
        log = str(tmp_path / tool)
        proc = subprocess.Popen(argv0 + ["-o", log, "-I1", "-e", "trace=nanosleep,clock_nanosleep",
                                         "/bin/sleep", "7"],
                                executable=tc.STRACE if tool == "strace" else None,
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, cwd=tc.MINITRACE_ROOT)
        program = None
        try:
            end = time.time() + 30
            while time.time() < end:
                if os.path.exists(log) and "sleep(" in open(log).read():
                    break
                time.sleep(0.01)
            program = tc.children(proc.pid)[0]
            proc.terminate()
            err = proc.communicate(timeout=30)[1].decode()
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            if program is not None:
                try:
                    os.kill(program, 9)
                except OSError:
                    pass
        with open(log) as f:
            got[tool] = (proc.returncode, err, re.sub(r"\d+", "N", f.read()))
    assert got["strace"][0] == -15 and not got["strace"][2].endswith("\n"), got
    assert got["minitrace"] == got["strace"], got


def test_injected_delays_run_side_by_side(tmp_path):
    """-e inject=...:delay_enter= holds back only the delayed tracee: three processes delayed
    1 s each at once end their calls within a second of each other, as under strace (whose
    delay test checks each process's delay with others running); a tracer that slept through
    each delay would spread them over 2 s."""
    got = {}
    for tool, run in (("strace", tc.run_strace), ("minitrace", tc.run_minitrace)):
        lines = run(["-f", "-ttt", "-e", "trace=nanosleep,clock_nanosleep",
                     "-e", "inject=nanosleep,clock_nanosleep:delay_enter=1s"],
                    ["/bin/sh", "-c", "/bin/sleep 0 & /bin/sleep 0 & /bin/sleep 0 & wait"],
                    output="file")[0]
        ends = [float(tc.split_prefix(l)[1].split()[0]) for l in lines
                if re.search(r"nanosleep.*\) += 0", l)]
        got[tool] = (len(ends), max(ends) - min(ends) < 1.0 if ends else None)
    assert got["strace"] == (3, True), got
    assert got["minitrace"] == got["strace"], got


def _delayed_write_then_killed(tool_argv, tmp_path):
    """Attach tool_argv with -p to a shell whose write is delayed 60 s at entry; once the
    call's unfinished line shows in the output file, SIGTERM the tracer. (the call's lines,
    whether the tracer ended long before the delay would, whether the shell went on)"""
    go, flag, out = tmp_path / "go", tmp_path / "flag", tmp_path / "out"
    shell = subprocess.Popen(["/bin/sh", "-c", "while [ ! -e %s ]; do sleep 0.05; done; "
                              "echo a > /dev/null; echo done > %s" % (go, flag)])
    tracer = None
    try:
        tracer = subprocess.Popen(tool_argv + ["-e", "trace=write", "-e",
                                               "inject=write:delay_enter=60s", "-o", str(out),
                                               "-p", str(shell.pid)],
                                  stderr=subprocess.PIPE, cwd=tc.MINITRACE_ROOT)
        assert b"attached" in tracer.stderr.readline()
        go.write_text("")
        deadline = time.monotonic() + 30
        text = ""
        while time.monotonic() < deadline and 'write(1, "a\\n", 2' not in text:
            time.sleep(0.05)
            text = out.read_text() if out.exists() else ""
        tracer.terminate()
        try:
            tracer.wait(timeout=30)       # the delay has about 55 s to go
            ended = True
        except subprocess.TimeoutExpired:
            ended = False
        shell.wait(timeout=30)
        lines = [l for l in out.read_text().splitlines() if l.startswith("write(")]
        return text.count("write("), lines, ended, flag.exists()
    finally:
        for proc in (tracer, shell):
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.wait()
        if tracer is not None:
            tracer.stderr.close()


def test_delayed_call_shows_and_a_fatal_signal_ends_its_delay(tmp_path):
    """-e inject=...:delay_enter=: the delayed call's entry shows during the delay, and a fatal
    signal to the tracer detaches at once (the line ends `<detached ...>`, the tracee goes on),
    as strace does: minitrace's output stayed buffered and the signal waited for the delay's
    end, the two not counted as waiting for a stop."""
    got = {}
    for tool, argv in (("strace", [tc.STRACE]), ("minitrace", [sys.executable, "-m", "minitrace"])):
        (tmp_path / tool).mkdir()
        got[tool] = _delayed_write_then_killed(argv, tmp_path / tool)
    assert got["strace"] == (1, ['write(1, "a\\n", 2 <detached ...>'], True, True), got
    assert got["minitrace"] == got["strace"], got


def test_memory_reads_cached_per_stop(tmp_path):
    """Tracee memory is read a page at a time and kept until the next stop, as strace's umove
    cache does (umovestr_cached): a writev of 32 strings from one buffer costs minitrace as
    few process_vm_readv calls as strace (counted by strace tracing each tracer)."""
    exe = tc.build("engine_cases", ("-pthread",))
    got = {}
    for tool, argv0 in (("strace", [tc.STRACE]), ("minitrace", [sys.executable, "-m", "minitrace"])):
        count = tmp_path / (tool + ".count")
        proc = subprocess.Popen([tc.STRACE, "-qq", "-esignal=none", "-eprocess_vm_readv", "-z",
                                 "-o", "|grep -c ^process_vm_readv > %s" % count, "--"] + argv0 +
                                ["-o", str(tmp_path / (tool + ".log")), "-e", "trace=writev",
                                 exe, "writev"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                cwd=tc.MINITRACE_ROOT)
        assert proc.wait(timeout=120) == 0
        with open(str(count)) as f:
            got[tool] = int(f.read())
    assert got["strace"] == 2, got
    assert got["minitrace"] == got["strace"], got


def test_a_fatal_signal_just_before_the_wait_is_not_left_for_the_next_stop(tmp_path):
    """A fatal signal whose handler runs after the loop's last look at `stop_signal` and
    before it counts as waiting (the handler then only notes it) ends the loop there: the
    blocking waitpid that follows would wait for the tracee's next stop, for ever with a
    tracee blocked in the kernel. The handler is made to run at that point (the loop's test
    of `_later`) once the tracee is inside its open of a FIFO nobody writes, with no stop left
    for the tracer; the tracee is detached and goes on."""
    import signal
    import syscalls
    from minitrace import api, libc
    from minitrace.arch import for_machine
    OPENAT = syscalls.table(for_machine().ABIS[0]).numbers["openat"]
    fifo = str(tmp_path / "fifo")
    os.mkfifo(fifo)
    trace = api.trace(["cat", fifo])
    engine = trace._engine

    def blocked_in_open():
        """Wait until the tracee has a stop for us (False) or sits in the FIFO's open (True):
        it runs, resumed, until one or the other."""
        while True:
            if os.waitid(os.P_ALL, 0, os.WEXITED | os.WSTOPPED | os.WNOHANG | os.WNOWAIT |
                         libc.WALL) is not None:
                return False
            with open("/proc/%d/syscall" % trace.pid) as f:
                nr = f.read().split(" ", 1)[0]
            with open("/proc/%d/stat" % trace.pid) as f:
                state = f.read().rsplit(")", 1)[1].split()[0]
            if nr == str(OPENAT) and state == "S":    # not "t": stopped at a call of its own
                return True
            time.sleep(0.001)

    class SignalArrivesNow(list):
        def __bool__(self):
            in_loop = sys._getframe(1).f_code.co_name == "events"   # not Engine._forget's
            if in_loop and engine.stop_signal is None and blocked_in_open():
                engine.interrupt(signal.SIGTERM)
            return False
        __nonzero__ = __bool__

    def hung(signum, frame):
        raise AssertionError("the loop waited for a stop after the fatal signal")

    engine._later = SignalArrivesNow()
    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(20)
    try:
        for _ in trace:
            pass
        signal.alarm(0)
        assert engine.stop_signal == signal.SIGTERM
        with open("/proc/%d/status" % trace.pid) as f:
            status = f.read()
        # detached, and neither stopped nor gone (it may be running: back into its open)
        assert "TracerPid:\t0\n" in status, status
        assert re.search(r"^State:\t[SR] ", status, re.M), status
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
        trace.close()
        os.kill(trace.pid, signal.SIGKILL)
        os.waitpid(trace.pid, 0)


def test_a_delayed_resume_due_is_made_before_the_next_stop_is_handled():
    """-e inject=...:delay_exit=: a delayed tracee is resumed once its time has come even when
    the next stop is already there (busy siblings): the loop looked at its delays only when no
    stop was waiting, so busy tracees held the delayed one back (here 118,700 of 120,460
    stops were handled while its resume was overdue; a 200 ms delay ran 3 to 46 ms long).
    Each of the parent's 200 gettimeofday calls is delayed by 1 us; when any stop is handled,
    no resume due before the previous one ended may be left."""
    from minitrace import cli, session
    exe = tc.build("engine_cases")
    opts = cli.parse_args(["-f", "-e", "trace=gettimeofday", "-e",
                           "inject=gettimeofday:delay_exit=1us", exe, "busy_delayed"])
    engine, _ = session.build_engine(opts)
    engine.idle_events = True         # as the command line runs it: a poll before each wait
    late = []
    last_end = [0.0]

    def checked(handle):
        def handler(t):
            overdue = [item for item in engine._later if item[0] <= last_end[0]]
            if overdue:
                late.append((t.pid, len(overdue)))
            try:
                return handle(t)
            finally:
                last_end[0] = time.monotonic()
        return handler

    engine._syscall_entry = checked(engine._syscall_entry)
    engine._syscall_exit = checked(engine._syscall_exit)
    session.start(engine, opts, exe)
    events = engine.events()
    try:
        for _ in events:
            pass
    finally:
        events.close()
    assert engine.exit_status == (0, None), engine.exit_status
    assert not late, "stops handled while a due resume waited: %s" % late[:10]


def test_a_gone_tracee_leaves_no_delayed_resume_behind():
    """A tracee that ends (SIGKILL during its delay) or execs is forgotten with its pending
    delayed resume (Engine._forget): made later, it would resume whatever then has the pid."""
    from minitrace import cli, session
    from minitrace.libc import PTRACE_SYSCALL
    opts = cli.parse_args(["-e", "inject=gettimeofday:delay_exit=1s", "-p", "1"])
    engine, _ = session.build_engine(opts)
    engine._delayed(10.0)(PTRACE_SYSCALL, 4321)
    engine._delayed(5.0)(PTRACE_SYSCALL, 4322)
    engine._delayed(20.0)(PTRACE_SYSCALL, 4321, 9)
    engine._forget(4321)
    assert [item[1:] for item in engine._later] == [(PTRACE_SYSCALL, 4322, 0)]
