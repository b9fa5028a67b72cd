"""Tracer situations of strace 6.1's own test suite (clone_ptrace, clone_parent,
threads-execve / maybe_switch_current_tcp), on our own workloads, compared with strace:
a CLONE_PTRACE child met without -f is detached (`Detached unknown pid N`, no hang); the exit
of a child we never traced is reported (`Exit of unknown pid N ignored`); a thread's execve
line still open when its pid changes ends with ` <pid changed to N ...>`."""
import re
import subprocess
import sys

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


@pytest.mark.parametrize("quiet", [[], ["-qq"], ["--quiet=thread-execve"]],
                         ids=["default", "qq", "quiet-thread-execve"])
def test_pid_changed_after_thread_execve(quiet):
    exe = tc.build("engine_cases", ("-pthread",))
    got = {}
    for tool, run in (("strace", tc.run_strace), ("minitrace", tc.run_minitrace)):
        lines, err, rc = run(["-f", "-e", "trace=execve,exit"] + quiet,
                             [exe, "thread_exec"], output="file")
        got[tool] = tc.normalise([l for l in lines if "execve(\"" + exe not in l])
    assert any("<pid changed to" in l for l in got["strace"]), got["strace"]
    assert got["minitrace"] == got["strace"]


def _blocked_and_ignored():
    import signal
    signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGCHLD, signal.SIGUSR1, signal.SIGINT])
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    signal.signal(signal.SIGQUIT, signal.SIG_IGN)


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
