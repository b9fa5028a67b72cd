"""Classify a wait status into a ptrace stop kind (a pure function, no ptrace calls).

Status layout from wait(2) and ptrace(2): low 7 bits 0x7f = stopped, the stop signal in bits
8..15 (SIGTRAP|0x80 for syscall stops with PTRACE_O_TRACESYSGOOD), the ptrace event in bits 16..23.
"""
import signal

from minitrace import libc

EXITED = "exited"          # detail: exit code
KILLED = "killed"          # detail: (signal, core dumped)
SYSCALL = "syscall"        # syscall-entry or syscall-exit stop
SIGNAL = "signal"          # signal-delivery-stop; detail: signal
GROUP_STOP = "group-stop"  # PTRACE_EVENT_STOP by a stopping signal; detail: signal
INTERRUPT = "interrupt"    # PTRACE_EVENT_STOP of PTRACE_INTERRUPT / a new auto-attached task
EVENT = "event"            # other PTRACE_EVENT_*; detail: the event number

SIGTRAP = signal.SIGTRAP
SYSCALL_STATUS = ((SIGTRAP | 0x80) << 8) | 0x7f   # the common case, tested first by the engine
_STOPPING = frozenset((signal.SIGSTOP, signal.SIGTSTP, signal.SIGTTIN, signal.SIGTTOU))


def classify(status):
    """Return (kind, detail) for a status from waitpid(..., __WALL)."""
    low = status & 0x7f
    if low == 0:
        return EXITED, (status >> 8) & 0xff
    if low != 0x7f:
        return KILLED, (low, bool(status & 0x80))
    sig = (status >> 8) & 0xff
    if sig == SIGTRAP | 0x80:
        return SYSCALL, None
    event = status >> 16
    if event == libc.PTRACE_EVENT_STOP:
        if sig in _STOPPING:
            return GROUP_STOP, sig
        return INTERRUPT, sig
    if event:
        return EVENT, event
    return SIGNAL, sig
