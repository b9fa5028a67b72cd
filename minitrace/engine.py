"""The tracing engine: start or attach to tracees, follow them, and yield events.

One loop over waitpid(-1, __WALL); each stop is classified (stops.classify), handled by a small
method, the tracee resumed, and an event yielded. It decodes (through the SysEnt's decoder) while
the tracee is stopped, but never prints: the renderer or the Python API consumes the events.
"""
import collections
import ctypes
import errno
import os
import time
import signal
import struct

from minitrace import arch, libc, progname, stops
from minitrace.events import (ATTACHED, DETACHED, ENTER, EXIT, GROUP_STOP, NOTICE, PERSONALITY,
                              PROCESS_EXIT, SIGNAL, SUPERSEDED, Event, Syscall)

PTRACE = libc.ptrace
RESUME = libc.resume
# the resume at every syscall stop, called here without libc.resume() in between:
# `if FAST_PTRACE(request, pid, 0, sig) == -1: RESUME_FAILED()`
FAST_PTRACE = libc.fast_ptrace
RESUME_FAILED = libc.resume_failed
PTRACE_SYSCALL = libc.PTRACE_SYSCALL
SIGINFO_SIZE = 128
_SIGINFO_HEAD = struct.Struct("=iii")
# ptrace(2): syscall stops report si_code SIGTRAP|0x80, event stops SIGTRAP|(event<<8)
_SYSCALL_TRAP_CODE = signal.SIGTRAP | 0x80
_EVENT_CODES = frozenset((1, 2, 3, 4, 5, 6, 7, 128))
_FORK_CALLS = frozenset(("clone", "clone3", "fork", "vfork"))
# Waiting for a stop: before the blocking waitpid, poll with WNOHANG up to `budget` times, so
# that our vCPU does not halt between two stops (on a VM, waking a halted vCPU costs more than
# the tracer's whole work at a stop). The budget doubles when a poll late in it succeeds and
# halves when none does (a tracee blocked in a long syscall), between SPIN_MIN and SPIN_MAX.
# MINITRACE_SPIN=0: never; =1: always; unset: with more than one CPU (the tracee cannot run
# while we poll on its only CPU) and while the machine is not busy (load average, read every
# SPIN_CHECK waits, at most the CPUs + 1, our own two tasks included): on a busy machine vCPUs
# seldom halt, and a spinning tracer only takes CPU time from the others and its tracee.
SPIN_MAX = 400
SPIN_MIN = 8
SPIN_CHECK = 4096


def spin_limit():
    """(SPIN_MAX or 0: no spin, the CPUs whose load average stops it or 0: never stopped)."""
    setting = os.environ.get("MINITRACE_SPIN", "")
    if setting == "0":
        return 0, 0
    if setting == "1":
        return SPIN_MAX, 0
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return (SPIN_MAX, cpus) if cpus > 1 else (0, 0)


def machine_busy(cpus):
    """The 1-minute load average is above `cpus` + 1 (our tracer and tracee count in it)."""
    try:
        return os.getloadavg()[0] > cpus + 1
    except OSError:
        return False


class TraceError(Exception):
    """A problem to report in one line (the CLI prints it as `minitrace: MESSAGE`)."""


class Tracee(object):
    __slots__ = ("pid", "in_syscall", "call", "abi", "table", "startup", "last_nr",
                 "spawned", "attached", "execed", "injected")

    def __init__(self, pid, startup=False, spawned=False, attached=False):
        self.pid = pid
        self.in_syscall = False
        self.call = None
        self.abi = None
        self.table = None
        self.startup = startup        # spawned child before its execve: print nothing
        self.last_nr = None
        self.spawned = spawned
        self.attached = attached      # attached with -p (detach leaves it running)
        self.execed = not spawned     # a spawned child before its first successful execve
        self.injected = None          # the inject.Rule acting on the call in progress


class Engine(object):
    """Holds the tracees and the loop. Configure, then iterate over `events()`."""

    def __init__(self, tables, source, memory, decode_ctx, follow_forks=False,
                 want_times=False, want_rusage=False, decode=True, want_ip=False,
                 kill_on_exit=False, call_filter=None, io_dump=None, injector=None,
                 detach_on_exec=False, seccomp=False):
        self.tables = tables
        self.source = source
        self.memory = memory
        self.ctx = decode_ctx
        self.follow_forks = follow_forks
        self.want_times = want_times
        self.want_rusage = want_rusage    # -c: system CPU time per call from wait4's rusage
        self.decode = decode              # False with -c: count, do not format
        self.want_ip = want_ip            # -i: the instruction pointer of signal stops too
        # -k, --py-stack: what walks a stopped tracee's stack (minitrace.stack.Capture,
        # minitrace.pystack.PyCapture); each fills the event attribute named by its `field`
        self.captures = ()
        self.kill_on_exit = kill_on_exit  # --kill-on-exit: tracees die with us, never detached
        self.call_filter = call_filter    # -P: (memory, call) -> keep this call?
        self.io_dump = io_dump            # -e read=/write=: (memory, call) -> dump lines
        self.injector = injector          # -e inject=/fault=: inject.Injector
        self.detach_on_exec = detach_on_exec  # -b execve
        # --seccomp-bpf: only traced syscalls stop (PTRACE_EVENT_SECCOMP at entry); tracees run
        # on with PTRACE_CONT, and PTRACE_SYSCALL only to see the exit of a stopped call
        self._cont = libc.PTRACE_CONT if seccomp else PTRACE_SYSCALL
        self.tracees = {}
        self.exit_status = None       # the spawned program's (code, signal)
        self.main_pid = None
        self.stop_signal = None       # set by a fatal-signal handler: detach and stop
        self._waiting = False
        # polls before a blocking waitpid (0: none), the CPUs for machine_busy (0: not checked)
        self.spin_max, self.spin_cpus = spin_limit()
        # False when no consumer takes ENTER events (-c): a call is then yielded at its exit only
        self.enter_events = True
        # the options let a call's entry text be made after its tracee is resumed, where its
        # decoder allows (SysEnt.enter_while_running): set as events() starts, unless a
        # descriptor's path or a pid's name is printed (-y, -Y: /proc as it was before the
        # call), or a stack taken
        self.may_enter_while_running = False
        self.options = (libc.PTRACE_O_TRACESYSGOOD | libc.PTRACE_O_TRACEEXEC |
                        libc.PTRACE_O_TRACEEXIT)
        if follow_forks:
            self.options |= (libc.PTRACE_O_TRACEFORK | libc.PTRACE_O_TRACEVFORK |
                             libc.PTRACE_O_TRACECLONE)
        if seccomp:
            self.options |= libc.PTRACE_O_TRACESECCOMP
        self._siginfo_buf = (ctypes.c_char * SIGINFO_SIZE)()
        self._siginfo_addr = ctypes.addressof(self._siginfo_buf)
        self._msg = ctypes.c_ulong(0)
        self._msg_addr = ctypes.addressof(self._msg)
        self._pending = []            # (kind, event) made outside the loop or queued behind one
        self.detached = []            # DETACHED events of the last detach_all()
        self._stime = 0.0             # ru_stime of the last stop (with want_rusage)
        # -f: new tasks whose first stop came before their parent's fork/clone event: pid ->
        # that stop's status, held (the task stays stopped) until the event announces them
        self._early = {}
        self._later = []              # (time, request, pid, sig): delayed resumes, by time
        # the signal mask and ignored signals a started program inherits (saved_signals())
        self.child_signals = None

    # ----- starting --------------------------------------------------------------------
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

    def _allow_enter_while_running(self):
        """Whether entry texts may be made after the resume (where a decoder allows), for the
        options as they are when the loop starts."""
        self.may_enter_while_running = bool(self.decode and not self.captures and
                                        self.ctx.fds is None and self.ctx.pids is None)

    # ----- the loop ----------------------------------------------------------------------
    def events(self):
        """Yield (kind, event) until no tracee is left; detach from all on the way out."""
        try:
            self._allow_enter_while_running()
            pending = self._pending
            while pending:
                yield pending.pop(0)
            waitpid = os.waitpid
            wait4 = os.wait4
            want_rusage = self.want_rusage
            WALL = libc.WALL
            SYSCALL_STATUS = stops.SYSCALL_STATUS
            tracees = self.tracees
            syscall_entry, syscall_exit = self._syscall_entry, self._syscall_exit
            early = self._early
            memory = self.memory
            spin_max = self.spin_max
            spin_cpus = self.spin_cpus
            budget = spin_max
            spinning = spin_max > 0
            check_in = 0
            WALL_NOHANG = WALL | os.WNOHANG
            queued = collections.deque()   # (pid, status, rusage) of stops taken, not handled
            while tracees or early:
                if self.stop_signal is not None:
                    return
                if not tracees:
                    for result in self._release_early():
                        yield result
                    continue
                if queued:                    # taken from the kernel with an earlier stop
                    pid, status, rusage = queued.popleft()
                    if want_rusage:
                        self._stime = rusage.ru_stime
                else:
                    if self._later and not self._wait_for_stop():
                        continue
                    self._waiting = True
                    drain = True
                    try:
                        pid = 0
                        if spin_cpus:
                            check_in -= 1
                            if check_in <= 0:
                                check_in = SPIN_CHECK
                                spinning = not machine_busy(spin_cpus)
                        if spinning:              # poll first, without letting the vCPU halt
                            polls = 0
                            while polls < budget:
                                polls += 1
                                if want_rusage:
                                    pid, status, rusage = wait4(-1, WALL_NOHANG)
                                else:
                                    pid, status = waitpid(-1, WALL_NOHANG)
                                if pid:
                                    break
                            if not pid:
                                if budget > SPIN_MIN:
                                    budget = max(SPIN_MIN, budget >> 1)
                            else:
                                # found after an empty poll: nothing was held when the wait
                                # began, so nothing to collect beside it (below)
                                drain = polls == 1
                                if polls * 2 > budget and budget < spin_max:
                                    budget = min(spin_max, budget << 1)
                        if not pid:
                            if want_rusage:
                                pid, status, rusage = wait4(-1, WALL)
                            else:
                                pid, status = waitpid(-1, WALL)
                        if want_rusage:
                            self._stime = rusage.ru_stime
                    except ChildProcessError:
                        break
                    finally:
                        self._waiting = False
                    if drain and len(tracees) > 1:
                        # Every stop the kernel already holds, queued in the order it gives
                        # them, as strace's next_event does: they are handled before the next
                        # wait, so that a stop that follows from handling one of them (a tracee
                        # resumed from its PTRACE_EVENT_STOP reaching its signal) comes after
                        # the others, in strace's order. One tracee holds one stop at a time.
                        # Inline: this runs at every stop of a -f trace. Not after a stop the
                        # spin found behind an empty poll: the kernel held nothing when this
                        # wait began, and a stop that came within the microsecond since is
                        # as much a race as one that comes just after strace's collection
                        # (its wait blocks, then collects what came while it woke up).
                        try:
                            while True:
                                if want_rusage:
                                    got = wait4(-1, WALL_NOHANG)
                                    if not got[0]:
                                        break
                                    queued.append(got)
                                else:
                                    ready, ready_status = waitpid(-1, WALL_NOHANG)
                                    if not ready:
                                        break
                                    queued.append((ready, ready_status, None))
                        except ChildProcessError:
                            pass
                if memory.touched:            # what was read at the last stop may change
                    memory.invalidate()
                t = tracees.get(pid)
                if t is None:
                    for result in self._unknown_pid(pid, status):
                        yield result
                    continue
                if status & 0xffff == SYSCALL_STATUS:
                    result = syscall_exit(t) if t.in_syscall else syscall_entry(t)
                    if result is not None:
                        yield result
                else:
                    for result in self._other_stop(t, status):
                        yield result
                while pending:                # events queued behind the one just yielded
                    kind, ev = pending.pop(0)
                    if kind == DETACHED:      # -b execve: it leaves the tracees only now
                        tracees.pop(ev.pid, None)
                    yield kind, ev
        finally:
            self.detach_all()

    def _wait_for_stop(self):
        """With delayed resumes pending: resume those due, and wait until a stop is there to
        be read (True) or the next delay ends (False)."""
        while True:
            left = self._resume_due()
            if left is None:
                return True
            try:
                info = os.waitid(os.P_ALL, 0, os.WEXITED | os.WSTOPPED | os.WNOHANG |
                                 os.WNOWAIT | libc.WALL)
            except ChildProcessError:
                return True
            if info is not None:
                return True
            time.sleep(min(left, 0.001))

    def _delayed(self, seconds):
        """-e inject=...:delay_enter=/delay_exit=: a resume made `seconds` from now, while the
        other tracees go on (strace's delay timers)."""
        def resume(request, pid, sig=0):
            self._later.append((time.time() + seconds, request, pid, sig))
            self._later.sort(key=lambda item: item[0])
        return resume

    def _resume_due(self):
        """Resume the delayed tracees whose time has come; the seconds until the next one
        (None when none is left)."""
        later = self._later
        now = time.time()
        while later and later[0][0] <= now:
            _, request, pid, sig = later.pop(0)
            RESUME(request, pid, sig)
        return later[0][0] - now if later else None

    def waiting(self):
        """True while the loop waits for a stop (in the spin or the blocking waitpid)."""
        return self._waiting

    def interrupt(self, signum):
        """From a signal handler: stop the loop (raises out of a blocking waitpid)."""
        self.stop_signal = signum
        if self._waiting:
            raise KeyboardInterrupt


    def _unknown_pid(self, pid, status):
        """A stop from a pid we have not recorded: with -f, a new task reporting before its
        parent's fork/clone event. It stays stopped, its status held, until that event
        announces it (`Process N attached`, with its parent) and replays the stop; killed
        while held, it is announced (parent unknown) and its end reported. Anything else
        (e.g. the -o '|cmd' child) is ignored."""
        if not self.follow_forks or pid not in self._early and not os.WIFSTOPPED(status):
            if not os.WIFSTOPPED(status):
                # e.g. a child inherited from our parent: (sleep 1 & exec minitrace true)
                yield NOTICE, Event(NOTICE, pid, text="Exit of unknown pid %d ignored" % pid,
                                    other="exit")
                return
            # a child made with CLONE_PTRACE while not following forks: let it go, as strace
            self._ptrace_detach(pid, 0)
            yield NOTICE, Event(NOTICE, pid, text="Detached unknown pid %d" % pid,
                                other="attach")
            return
        if pid in self._early:
            del self._early[pid]
            for result in self._announce(pid, None, status):
                yield result
        elif os.WIFSTOPPED(status):
            self._early[pid] = status

    def _announce(self, child, parent, status=None):
        """A new task joins the tracees: its ATTACHED event, then its first stop if it was
        held (or `status`)."""
        self.tracees[child] = t = Tracee(child)
        yield ATTACHED, Event(ATTACHED, child, other=parent)
        if status is None:
            status = self._early.pop(child, None)
        if status is not None:
            for result in self._stop(t, status):
                yield result

    def _release_early(self, parent=None):
        """Held new tasks whose parent's event will never come (the parent died in its fork,
        or no other tracee is left): announce them now, with `parent` (None: unknown)."""
        for child in sorted(self._early):
            for result in self._announce(child, parent):
                yield result

    def _stop(self, t, status):
        """The events of one stop of a known tracee (it is resumed on the way)."""
        if status & 0xffff == stops.SYSCALL_STATUS:
            result = self._syscall_exit(t) if t.in_syscall else self._syscall_entry(t)
            if result is not None:
                yield result
        else:
            for result in self._other_stop(t, status):
                yield result

    def _resume_after(self, t, sig=0):
        """Resume after a non-syscall stop; inside a syscall (a fork or exec event) with
        PTRACE_SYSCALL, so that its exit stop is seen even with --seccomp-bpf."""
        self._resume(t.pid, sig, PTRACE_SYSCALL if t.in_syscall else None)

    def _resume(self, pid, sig=0, request=None):
        RESUME(request or self._cont, pid, sig)

    # A syscall stop: the source says which side it is (and what it holds), the SysEnt whether
    # anything is decoded; the tracee is resumed before the event is returned.
    def _out_of_step(self, t, info):
        """The stop could not be read (info None), or is not the side we expected: the kernel's
        word wins. Resume; no event."""
        t.in_syscall = info is not None and info[0] == "entry"
        t.call = None
        self._resume_after(t)

    def _vanished_at_entry(self, t):
        """A syscall-entry stop whose tracee was killed before its call could be read: as
        strace, a call `???` without arguments is in progress, and the tracee is not resumed
        (it cannot be): its death, reported next, ends the line with `= ?`."""
        abi = t.abi or arch.for_machine().ABIS[0]
        call = Syscall(t.pid, abi, None, self.tables.vanished(abi), (), None)
        t.in_syscall = True
        t.call = call
        if self.want_times:
            call.start = self._now()
        if self.decode:
            call.entry_text = ""
        return (ENTER, call) if self.enter_events else None

    def _syscall_entry(self, t):
        pid = t.pid
        try:
            info = self.source.stop(pid, True)
        except OSError as e:
            if e.errno == errno.ESRCH and not t.startup:
                return self._vanished_at_entry(t)
            info = None
        if info is None or info[0] != "entry":
            return self._out_of_step(t, info)
        t.in_syscall = True
        _, abi, nr, args, ip, sp = info
        t.last_nr = nr
        event = None
        if abi != t.abi:
            if t.abi is not None and not t.startup:
                event = Event(PERSONALITY, pid, abi=abi)
            t.abi = abi
            t.table = self.tables.get(abi)
        ent = t.table.get(nr) or self.tables.entry(abi, nr, pid)
        if ent.subcall is not None:   # socketcall/ipc: the call carried, with its arguments
            ent, args = ent.subcall(self.memory, pid, args)
        hidden = t.startup
        if hidden:                    # a spawned child shows nothing before its execve
            if not ent.is_exec:
                t.call = None
                RESUME(PTRACE_SYSCALL, pid)
                return None
            t.startup = False
        resume = RESUME               # or the delayed resume of a rule
        if ent.inject and not hidden:  # strace never tampers with the command's own execve
            rule = t.injected = self.injector.at_entry(pid, ent, args)
            if rule is not None and rule.delay_enter:
                resume = self._delayed(rule.delay_enter)
        if not ent.traced:
            t.call = None
            if self.captures and ent.changes_maps:
                self._maps_changed()
            if self.detach_on_exec and ent.is_exec and t.execed:
                return self._detach_at_exec(t, None)
            resume(PTRACE_SYSCALL, pid)
            return (PERSONALITY, (event, None)) if event is not None else None
        call = Syscall(pid, abi, nr, ent, args, ip, sp)
        if self.call_filter is not None and not self.call_filter(self.memory, call):
            t.call = None
            resume(PTRACE_SYSCALL, pid)
            return (PERSONALITY, (event, None)) if event is not None else None
        if self.detach_on_exec and ent.is_exec and t.execed:
            return self._detach_at_exec(t, call)
        t.call = call
        if self.want_times:
            call.start = self._now()
        if self.want_rusage:
            call.cpu = self._stime
        if self.decode:
            if ent.enter_while_running and self.may_enter_while_running and event is None and \
                    t.injected is None:
                # resumed first (no rule: the plain resume): the text is made while the call
                # runs (its first arguments are left as they were), beside the tracee when
                # another CPU is free
                if FAST_PTRACE(PTRACE_SYSCALL, pid, 0, 0) == -1:
                    RESUME_FAILED()
                call.entry_text = ent.decoder.enter(self.ctx, call)
                return (ENTER, call) if self.enter_events else None
            call.entry_text = ent.decoder.enter(self.ctx, call)
            if self.captures and ent.stack_at_entry and t.execed:
                self._capture(call, pid, abi, at_entry=True)
        if resume is not RESUME:
            resume(PTRACE_SYSCALL, pid)
        elif FAST_PTRACE(PTRACE_SYSCALL, pid, 0, 0) == -1:   # RESUME, without the call
            RESUME_FAILED()
        if event is not None:
            return PERSONALITY, (event, call)
        return (ENTER, call) if self.enter_events else None

    def _detach_at_exec(self, t, call):
        """-b execve: show the execve's entry, then let the tracee go (it runs the new program
        untraced); its line is left unfinished, as strace leaves it."""
        if call is not None:
            call.entry_text = call.entry.decoder.enter(self.ctx, call)
        self._ptrace_detach(t.pid, 0)
        detached = (DETACHED, Event(DETACHED, t.pid, other=call))
        if call is None:
            self.tracees.pop(t.pid, None)
            return detached
        self._pending.append(detached)     # dropped from the tracees when it is yielded
        return ENTER, call

    def _syscall_exit(self, t):
        t.in_syscall = False
        call = t.call
        rule = t.injected
        t.injected = None
        if call is None:              # not traced: nothing to read
            if rule is None:
                if FAST_PTRACE(self._cont, t.pid, 0, 0) == -1:
                    RESUME_FAILED()
            else:
                sig = self.injector.at_exit(t.pid, rule, None)
                resume = self._delayed(rule.delay_exit) if rule.delay_exit else RESUME
                resume(self._cont, t.pid, sig)
            return None
        t.call = None
        try:
            info = self.source.stop(t.pid, False)
        except OSError:
            info = None
        if info is None or info[0] != "exit":
            return self._out_of_step(t, info)
        if self.want_times:
            call.end = self._now()
        if self.want_rusage:
            call.cpu = self._stime - call.cpu
        call.ret = info[1]
        if info[2]:
            call.error = -info[1]
        sig = self.injector.at_exit(t.pid, rule, call) if rule is not None else 0
        if call.error and not t.execed and call.entry.is_exec:
            # strace shows a spawned command's failed execve, then only its exit:
            # what our child does after it (printing the error) is hidden again
            t.startup = True
        if self.decode:
            dec = call.entry.decoder
            if not dec.plain_exit:
                call.exit_text = dec.exit(self.ctx, call)
            ret = call.ret                # as the injector left it (retval=, error=)
            if dec.plain_result and ret is not None and 0 <= ret <= 0x7fffffff:
                call.ret_text = str(ret)     # what Decoder.result() gives, without the call
            else:
                call.ret_text = dec.result(self.ctx, call)
            if call.entry.returns_fd and self.ctx.fds is not None and not call.error:
                what = self.ctx.fds.decoration(t.pid, call.ret)
                if what is not None:
                    call.ret_text += what
            if rule is not None:
                call.ret_text += rule.mark()
            if self.captures:
                if call.entry.changes_maps:
                    self._maps_changed()
                self._capture(call, t.pid, call.abi, call.entry.is_exec)
        if self.io_dump is not None:
            call.dump = self.io_dump(self.memory, call)
        if rule is not None and rule.delay_exit:   # -e inject=...:delay_exit=
            self._delayed(rule.delay_exit)(self._cont, t.pid, sig)
        elif FAST_PTRACE(self._cont, t.pid, 0, sig) == -1:
            RESUME_FAILED()
        return EXIT, call

    _now = staticmethod(time.time)

    def _other_stop(self, t, status):
        kind, detail = stops.classify(status)
        pid = t.pid
        if kind == stops.EXITED or kind == stops.KILLED:
            for ev in self._gone(t, kind, detail):
                yield ev
            return
        if kind == stops.SIGNAL:
            sig = detail
            if t.startup and sig in (signal.SIGCONT, signal.SIGSTOP):
                self._resume_after(t)
                return
            info = self._getsiginfo(pid)
            ev = Event(SIGNAL, pid, signal=sig, other=info, abi=t.abi)
            if self.want_ip:
                ev.ip = self.source.ip(pid)
            if self.captures:
                self._capture(ev, pid, t.abi)
            self._resume_after(t, sig)
            ev.last_nr = t.last_nr
            yield SIGNAL, ev
            return
        if kind == stops.GROUP_STOP:
            if t.startup:
                self._resume_after(t)
                return
            try:
                PTRACE(libc.PTRACE_LISTEN, pid)
            except OSError:
                pass
            ev = Event(GROUP_STOP, pid, signal=detail, abi=t.abi)
            ev.last_nr = t.last_nr
            yield GROUP_STOP, ev
            return
        if kind == stops.INTERRUPT:
            self._resume_after(t)
            return
        event = detail
        if event in (libc.PTRACE_EVENT_FORK, libc.PTRACE_EVENT_VFORK, libc.PTRACE_EVENT_CLONE):
            child = self._geteventmsg(pid)
            if child and child not in self.tracees:
                self._resume_after(t)
                for result in self._announce(child, pid):
                    yield result
                return
        elif event == libc.PTRACE_EVENT_EXIT:
            if self.ctx.pids is not None:       # -Y: the name its +++ line shows
                self.ctx.pids.prefix_comm(pid)
            # the tracee is on its way out: a call in flight ends here with `= ?`, as in strace
            if t.call is not None and t.in_syscall:
                call, t.call = t.call, None
                self._resume_after(t)
                yield EXIT, self._cut_short(call)
                return
        elif event == libc.PTRACE_EVENT_SECCOMP:
            result = self._syscall_entry(t)     # it resumes the tracee itself
            if result is not None:
                yield result
            return
        elif event == libc.PTRACE_EVENT_EXEC:
            t.execed = True
            t.startup = False
            former = self._geteventmsg(pid)
            if former and former != pid and former in self.tracees:
                # a non-leader thread exec'd: it takes over the leader's pid
                leader_call = t.call
                if leader_call is not None and t.in_syscall:
                    yield EXIT, self._cut_short(leader_call)
                ev = Event(SUPERSEDED, pid, other=former)
                yield SUPERSEDED, ev
                moved = self.tracees.pop(former)
                moved.pid = pid
                if moved.call is not None:
                    moved.call.pid = pid
                self.tracees[pid] = moved
                t = moved
            self._forget(pid)
        self._resume_after(t)

    def _capture(self, obj, pid, abi, exec_exit=False, at_entry=False):
        """-k/--py-stack: each capture's walk of the stopped tracee on the call or event, unless
        taken already (at entry); after an execve only where the new image has one. A walk
        taken at entry goes through the capture's `held` (None: as it is): strace keeps such a
        stack as text until the exit, in a form of its own."""
        for c in self.captures:
            if getattr(obj, c.field) is None and (c.after_exec or not exec_exit):
                value = c.walk(pid, abi)
                held = c.held if at_entry else None
                setattr(obj, c.field, held(value) if held is not None and value else value)

    def _maps_changed(self):
        for c in self.captures:
            c.invalidate()

    def _forget(self, pid):
        """A process is gone or has a new image: nothing read of it before still holds."""
        self.memory.forget(pid)
        for c in self.captures:
            c.forget(pid)

    @staticmethod
    def _cut_short(call):
        """A call that will never return a value: `exit_group(0) = ?` when everything was
        printed at entry, else `read(3,  <unfinished ...>) = ?` (strace's print_event_exit)."""
        if not call.entry.decoded_at_entry:
            call.exit_text = " <unfinished ...>"
        return call

    def _gone(self, t, kind, detail):
        pid = t.pid
        call = t.call
        if call is not None and t.in_syscall:
            t.call = None
            yield EXIT, self._cut_short(call)     # ret stays None: printed as "= ?"
        if kind == stops.EXITED:
            ev = Event(PROCESS_EXIT, pid, status=detail, abi=t.abi)
        else:
            ev = Event(PROCESS_EXIT, pid, signal=detail[0], core=detail[1], abi=t.abi)
        ev.last_nr = t.last_nr
        if pid == self.main_pid:
            self.exit_status = (ev.status, ev.signal)
        self._forget(pid)
        yield PROCESS_EXIT, ev
        self.tracees.pop(pid, None)
        if self._early and t.in_syscall and t.table is not None:
            ent = t.table.get(t.last_nr)
            if ent is not None and ent.name in _FORK_CALLS:   # died inside its fork
                for result in self._release_early(pid):
                    yield result

    def _getsiginfo(self, pid):
        try:
            PTRACE(libc.PTRACE_GETSIGINFO, pid, 0, self._siginfo_addr)
        except OSError:
            return None
        return self._siginfo_buf.raw

    def _geteventmsg(self, pid):
        try:
            PTRACE(libc.PTRACE_GETEVENTMSG, pid, 0, self._msg_addr)
        except OSError:
            return 0
        return self._msg.value

    # ----- leaving -----------------------------------------------------------------------
    def detach_all(self):
        """Detach from every tracee whatever its state; it keeps running as before.

        A spawned program stays traced-to-death only through PTRACE_O_EXITKILL when we die;
        here we detach it too (strace does the same on SIGINT/SIGTERM).
        """
        events = []
        for pid in sorted(self._early):   # new tasks held, never announced: let them go too
            self._ptrace_detach(pid, 0)
        self._early.clear()
        for pid in list(self.tracees):
            t = self.tracees.pop(pid)
            if self.kill_on_exit:
                self._kill_one(t)
                continue
            self._detach_one(t)
            call = t.call if t.in_syscall else None
            if call is not None:
                call.detached = True
            ev = Event(DETACHED, pid, other=call)
            events.append(ev)
        self.detached = events
        return events

    def _detach_one(self, t):
        pid = t.pid
        sig = self._held_signal(pid)
        if sig is not None:
            self._ptrace_detach(pid, sig)
            return
        # running (or a state GETSIGINFO cannot tell): interrupt, wait for the stop, detach
        try:
            PTRACE(libc.PTRACE_INTERRUPT, pid)
        except OSError:
            return
        while True:
            try:
                wpid, status = os.waitpid(pid, libc.WALL)
            except ChildProcessError:
                return
            except InterruptedError:
                continue
            kind, detail = stops.classify(status)
            if kind in (stops.EXITED, stops.KILLED):
                return
            if kind == stops.SIGNAL:
                self._ptrace_detach(pid, detail)
                return
            self._ptrace_detach(pid, 0)
            return

    @staticmethod
    def _kill_one(t):
        try:
            os.kill(t.pid, signal.SIGKILL)
        except OSError:
            pass

    def _held_signal(self, pid):
        """If pid sits in a ptrace-stop, the signal to deliver on detach (0 for none);
        None if it is running."""
        try:
            PTRACE(libc.PTRACE_GETSIGINFO, pid, 0, self._siginfo_addr)
        except OSError as e:
            if e.errno == errno.EINVAL:     # group-stop: stays stopped, as before
                return 0
            return None
        signo, _, code = _SIGINFO_HEAD.unpack_from(self._siginfo_buf)
        if signo == signal.SIGTRAP and (code == _SYSCALL_TRAP_CODE or (code >> 8) in _EVENT_CODES):
            return 0                        # syscall or event stop: nothing pending
        return signo

    @staticmethod
    def _ptrace_detach(pid, sig):
        try:
            PTRACE(libc.PTRACE_DETACH, pid, 0, sig)
        except OSError:
            pass



class RegisterLog(object):
    """--regs: wraps a regs source and keeps, per pid, the registers of its last syscall stop
    (names from the arch's REG_NAMES). Made only with --regs: the default path never sees it.

    With PTRACE_GET_SYSCALL_INFO the values are the nr/args/rval the kernel reports; with the
    register path they are read from the regset at the registers STOP_REGS names (x86_64: the
    number from orig_rax, shown under its calling-convention name rax)."""

    def __init__(self, source, arch_module):
        self.source = source
        self.arch = arch_module
        self.uses_regs = source.uses_regs
        self.entry = {}       # pid -> (abi, nr, args)
        self.exit = {}        # pid -> ret

    def stop(self, pid, expect_entry):
        info = self.source.stop(pid, expect_entry)
        if info is None:
            return info
        if self.uses_regs:
            regs = self.arch.decode(self.source.regset(pid))
            where = self.arch.STOP_REGS.get(regs.abi)
            if where is None:
                return info
            values = regs.values
            if info[0] == "entry":
                self.entry[pid] = (regs.abi, values[where["nr"]],
                                   tuple(values[r] for r in where["args"]))
            else:
                self.exit[pid] = regs.ret
        elif info[0] == "entry":
            self.entry[pid] = (info[1], info[2], tuple(info[3]))
        else:
            self.exit[pid] = info[1]
        return info

    def ip(self, pid):
        return self.source.ip(pid)

    def of(self, call):
        """{"entry": [(reg, value), ...], "exit": [(reg, value)] or absent} of a completed call
        (its pid's last stops), or None when they are not known."""
        got = self.entry.get(call.pid)
        names = self.arch.REG_NAMES.get(call.abi)
        if got is None or names is None or got[1] != call.nr:
            return None
        abi, nr, args = got
        count = call.entry.nargs if call.entry.known else 6
        out = {"entry": [(names["nr"], nr)] + list(zip(names["args"][:count], args[:count]))}
        if call.ret is not None and call.pid in self.exit:
            out["exit"] = [(names["ret"], self.exit[call.pid])]
        return out


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
