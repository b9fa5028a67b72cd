"""The stops that are not syscall stops: signals, group-stops, ptrace events (fork, clone, exec,
exit, seccomp) and a task's end; the new tasks of -f, whose first stop may come before their
parent's event announces them."""
import copy
import os
import signal

from minitrace import libc, stops
from minitrace.engine.tracee import Tracee
from minitrace.events import (ATTACHED, EXIT, GROUP_STOP, NOTICE, PROCESS_EXIT, SIGNAL,
                              SUPERSEDED, Event)

PTRACE = libc.ptrace
_FORK_CALLS = frozenset(("clone", "clone3", "fork", "vfork"))


class OtherStops(object):
    """The Engine's methods for the stops other than a syscall's."""

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
                moved = self.tracees.pop(former)
                moved.pid = pid
                if moved.call is not None:
                    # its call in progress ends under the leader's pid: a copy, so that the
                    # ENTER event yielded with the old pid stays as it was (a consumer may hold
                    # it: session._hand_over_when_idle); the renderer's <pid changed to ...>
                    # closes its line, and the exit is a `<... resumed>` line either way
                    moved.call = copy.copy(moved.call)
                    moved.call.pid = pid
                self.tracees[pid] = moved
                t = moved
                # after the move, as strace: one tracee fewer, so that `[pid N] ` before the
                # line counts the tracees left (none on stderr when only the leader is left)
                yield SUPERSEDED, Event(SUPERSEDED, pid, other=former)
                self._forget(former)          # its pid is free again
            self._forget(pid)
        self._resume_after(t)

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
