"""Engine: the loop over waitpid(-1, __WALL) and the syscall stops, the path every stop takes
(the other stops, starting and leaving are mixed in from their modules)."""
import collections
import ctypes
import errno
import os
import time

from minitrace import arch, libc, stops
from minitrace.engine.leaving import Leaving
from minitrace.engine.other_stops import OtherStops
from minitrace.engine.spin import SPIN_CHECK, SPIN_MIN, machine_busy, spin_limit
from minitrace.engine.starting import Starting
from minitrace.events import DETACHED, ENTER, EXIT, IDLE, PERSONALITY, Event, Syscall

RESUME = libc.resume
# the resume at every syscall stop, called here without libc.resume() in between:
# `if FAST_PTRACE(request, pid, 0, sig) == -1: RESUME_FAILED()`
FAST_PTRACE = libc.fast_ptrace
RESUME_FAILED = libc.resume_failed
PTRACE_SYSCALL = libc.PTRACE_SYSCALL
SIGINFO_SIZE = 128


class Engine(Starting, OtherStops, Leaving):
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
        # True (set by the session): before waiting, one WNOHANG poll; if no stop is waiting,
        # (IDLE, None) is yielded first, so that a consumer does the work it put off while
        # stops came one after the other (session._hand_over_when_idle)
        self.idle_events = False
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
            idle_events = self.idle_events
            later = self._later
            queued = collections.deque()   # (pid, status, rusage) of stops taken, not handled
            while tracees or early:
                if self.stop_signal is not None:
                    return
                if later:                     # delayed resumes due, even while stops keep coming
                    self._resume_due()
                if not tracees:
                    for result in self._release_early():
                        yield result
                    continue
                if queued:                    # taken from the kernel with an earlier stop
                    pid, status, rusage = queued.popleft()
                    if want_rusage:
                        self._stime = rusage.ru_stime
                else:
                    pid = 0
                    if idle_events:           # (before a wait for -e inject's delays too)
                        try:
                            if want_rusage:
                                pid, status, rusage = wait4(-1, WALL_NOHANG)
                            else:
                                pid, status = waitpid(-1, WALL_NOHANG)
                        except ChildProcessError:
                            break
                        if not pid:           # nothing to handle: the consumers' turn
                            yield IDLE, None
                    if not pid and later:
                        self._wait_for_stop()
                    self._waiting = True
                    drain = True              # (a stop the poll above found: as the spin's first)
                    try:
                        # a fatal signal noted before `_waiting` was set (its handler raises
                        # only after): seen here, not at the tracee's next stop (a stop the
                        # poll took is handled first, as before)
                        if not pid and self.stop_signal is not None:
                            return
                        if spin_cpus:
                            check_in -= 1
                            if check_in <= 0:
                                check_in = SPIN_CHECK
                                spinning = not machine_busy(spin_cpus)
                        if spinning and not pid:  # poll first, without letting the vCPU halt
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
        """With delayed resumes pending: resume those due, and return once a stop is there to
        be read or no delay is left. This is waiting, as in waitpid: the Flusher writes the
        output out meanwhile (strace's line of a delayed call shows during its delay), and a
        fatal signal ends the loop at once, not when the delay ends."""
        while True:
            left = self._resume_due()
            if left is None or self.stop_signal is not None:
                return
            self._waiting = True              # from here a fatal signal raises (interrupt())
            try:
                if os.waitid(os.P_ALL, 0, os.WEXITED | os.WSTOPPED | os.WNOHANG | os.WNOWAIT |
                             libc.WALL) is not None:
                    return
                time.sleep(min(left, 0.001))
            except ChildProcessError:
                return
            finally:
                self._waiting = False

    def _delayed(self, seconds):
        """-e inject=...:delay_enter=/delay_exit=: a resume made `seconds` from now, while the
        other tracees go on (strace's delay timers)."""
        def resume(request, pid, sig=0):
            self._later.append((time.monotonic() + seconds, request, pid, sig))
            self._later.sort(key=lambda item: item[0])
        return resume

    def _resume_due(self):
        """Resume the delayed tracees whose time has come; the seconds until the next one
        (None when none is left)."""
        later = self._later
        now = time.monotonic()
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

    def write_while_waiting(self, write):
        """From a signal handler that found the engine waiting (the Flusher's SIGALRM): call
        `write()` with a fatal signal only noted meanwhile, then raise for it as interrupt()
        would have. Raised inside the write, between the file's write and its return, the
        KeyboardInterrupt left bytes already in the file in its buffer, written again at exit
        (the soak test saw every `+++ exited` line twice)."""
        self._waiting = False
        try:
            write()
        finally:
            self._waiting = True
        if self.stop_signal is not None:
            raise KeyboardInterrupt

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
        """A process is gone or has a new image: nothing read of it before still holds (its
        pid may come back in another namespace: the translator forgets it here, for every
        consumer, text, --json or the API). A delayed resume of it is dropped: made later, it
        would resume whatever then has its pid (a thread that took the pid of a leader killed
        by another thread's execve, stopped where the engine has not looked yet)."""
        self.memory.forget(pid)
        if self._later:
            self._later[:] = [item for item in self._later if item[2] != pid]
        for c in self.captures:
            c.forget(pid)
        ctx = self.ctx                # None: an engine that decodes nothing
        if ctx is not None and ctx.pids is not None:
            ctx.pids.translator.forget(pid)

    @staticmethod
    def _cut_short(call):
        """A call that will never return a value: `exit_group(0) = ?` when everything was
        printed at entry, else `read(3,  <unfinished ...>) = ?` (strace's print_event_exit)."""
        if not call.entry.decoded_at_entry:
            call.exit_text = " <unfinished ...>"
        return call
