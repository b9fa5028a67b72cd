"""Leaving: detaching from every tracee, whatever its state (a syscall or event stop, a signal
to deliver, a group-stop, running), so that it runs on as before."""
import errno
import os
import signal
import struct

from minitrace import libc, stops
from minitrace.events import DETACHED, Event

PTRACE = libc.ptrace
_SIGINFO_HEAD = struct.Struct("=iii")
# ptrace(2): syscall stops report si_code SIGTRAP|0x80, event stops SIGTRAP|(event<<8)
_SYSCALL_TRAP_CODE = signal.SIGTRAP | 0x80
_EVENT_CODES = frozenset((1, 2, 3, 4, 5, 6, 7, 128))


class Leaving(object):
    """The Engine's methods that let its tracees go."""

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
