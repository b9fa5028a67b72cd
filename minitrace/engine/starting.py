"""Starting to trace: a program forked and stopped before its execve (seized, then let run to it),
or running processes seized with -p (all their threads with -f); the signal mask and
dispositions a started program gets back."""
import os
import signal
import time

from minitrace import libc, progname
from minitrace.engine.tracee import Tracee, TraceError
from minitrace.events import ATTACHED, Event

PTRACE = libc.ptrace


class Starting(object):
    """The Engine's methods that bring tracees in."""

    def spawn(self, path, argv, env, child_setup=None, before_exec=None):
        """Fork, stop the child before its execve, seize it. Returns the child's pid.
        `env`: a list of b"NAME=VALUE" entries (environ.program_environment), a mapping, or
        None for our own environ as it is now. `child_setup` runs in the child before it stops,
        `before_exec` once it is traced (a seccomp filter whose SECCOMP_RET_TRACE fails every
        traced call with ENOSYS while no tracer is attached, as strace installs it)."""
        pid = os.fork()
        if pid == 0:
            _exec_stopped(path, argv, env, child_setup, self._child_signals(), before_exec)
        _, status = os.waitpid(pid, os.WUNTRACED)
        if not os.WIFSTOPPED(status):
            raise TraceError("child %d did not stop before exec" % pid)
        self._seize_stopped(pid)
        return pid

    def spawn_as_grandchild(self, path, argv, env, child_setup=None, detach_from=0,
                            before_exec=None):
        """-D: this process becomes the program (it keeps its pid and its parent, the shell);
        the tracer goes on in a grandchild, which seizes it before its execve. `detach_from`:
        1 a new process group for the tracer (-DD), 2 a new session (-DDD). Returns in the
        tracer only."""
        target = os.getpid()
        middle = os.fork()
        if middle:
            os.waitpid(middle, 0)             # it exits once the tracer is forked
            _exec_stopped(path, argv, env, child_setup, self._child_signals(), before_exec)
        if os.fork():
            os._exit(0)
        if detach_from == 1:
            os.setpgid(0, 0)
        elif detach_from == 2:
            os.setsid()
        deadline = time.time() + 10
        while _proc_state(target) not in ("T", "t"):
            if time.time() > deadline or _proc_state(target) is None:
                raise TraceError("Process %d did not stop before its exec" % target)
            time.sleep(0.001)
        self._seize_stopped(target, exitkill=False)   # the program is the caller's own process
        self._pending.append((ATTACHED, Event(ATTACHED, target, count=1)))
        return target

    def _child_signals(self):
        """(blocked mask, signals to leave ignored) for the program: the ones we were started
        with (child_signals, set by the session before it changes its own), else our own now."""
        if self.child_signals is not None:
            return self.child_signals
        return saved_signals()

    def _seize_stopped(self, pid, exitkill=True):
        """Seize a child that stopped itself before its exec (PTRACE_O_EXITKILL: it does not
        outlive us; not with -D, where the tracer is the helper), then let it run to its
        execve."""
        options = self.options | (libc.PTRACE_O_EXITKILL if exitkill else 0)
        try:
            PTRACE(libc.PTRACE_SEIZE, pid, 0, options)
            PTRACE(libc.PTRACE_INTERRUPT, pid)
        except OSError as e:
            os.kill(pid, signal.SIGKILL)
            raise TraceError("ptrace(PTRACE_SEIZE, %d): %s" % (pid, e.strerror))
        os.kill(pid, signal.SIGCONT)
        self.tracees[pid] = Tracee(pid, startup=True, spawned=True)
        self.main_pid = pid

    def attach(self, pid):
        """Seize a running process (all its threads with -f). Raises TraceError."""
        tids = [pid]
        if self.follow_forks:
            try:
                tids = sorted(int(t) for t in os.listdir("/proc/%d/task" % pid))
                if pid in tids:
                    tids.remove(pid)
                tids.insert(0, pid)
            except OSError:
                pass
        seized = 0
        for tid in tids:
            if tid in self.tracees:
                continue
            try:
                PTRACE(libc.PTRACE_SEIZE, tid, 0, self.options)
            except OSError as e:
                if tid == pid:
                    raise TraceError("attach: ptrace(PTRACE_SEIZE, %d): %s" % (pid, e.strerror))
                continue
            try:
                PTRACE(libc.PTRACE_INTERRUPT, tid)
            except OSError:
                pass
            self.tracees[tid] = Tracee(tid, attached=True)
            seized += 1
        self._pending.append((ATTACHED, Event(ATTACHED, pid, count=seized)))
        return seized


# the signals whose disposition Python or the session may have changed: the program gets each
# back as SIG_DFL, or SIG_IGN when it was ignored when we were started (strace's child inherits
# its dispositions and mask from before strace installs its own)
_RESET_SIGNALS = (signal.SIGPIPE, signal.SIGXFSZ, signal.SIGINT, signal.SIGTERM, signal.SIGHUP,
                  signal.SIGQUIT, signal.SIGCHLD, signal.SIGTSTP, signal.SIGTTOU, signal.SIGTTIN)
# Python itself ignores these at start-up: their disposition before that is not known
_PYTHON_IGNORES = (signal.SIGPIPE, signal.SIGXFSZ)


def saved_signals():
    """(blocked signal mask, signals ignored) of this process now, for a program started later:
    call before changing either."""
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, [])
    ignored = tuple(s for s in _RESET_SIGNALS
                    if s not in _PYTHON_IGNORES and signal.getsignal(s) == signal.SIG_IGN)
    return mask, ignored


def _exec_stopped(path, argv, env, child_setup, signals, before_exec=None):
    """In the process that becomes the program: restore what Python and the session changed
    (`signals`: the mask and the ignored signals to give the program), run child_setup, stop
    until the tracer has seized us, run before_exec, exec. Never returns."""
    try:
        mask, ignored = signals
        for sig in _RESET_SIGNALS:
            signal.signal(sig, signal.SIG_IGN if sig in ignored else signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        if child_setup is not None:
            child_setup()
        os.kill(os.getpid(), signal.SIGSTOP)
        if before_exec is not None:
            before_exec()
        if env is None:
            os.execv(path, argv)
        elif isinstance(env, list):  # b"NAME=VALUE" entries (environ.program_environment)
            libc.execve(path, argv, env)
        os.execve(path, argv, env)
    except OSError as e:
        os.write(2, ("%s: exec: %s\n" % (progname.NAME, os.strerror(e.errno or 0))).encode())
    except BaseException:
        pass
    os._exit(1)


def _proc_state(pid):
    """The state letter of /proc/PID/stat (None if the process is gone)."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return None
