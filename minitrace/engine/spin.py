"""Waiting for a stop without letting the vCPU halt: the engine's poll before a blocking waitpid."""
import os

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


def usable_cpus():
    """The CPUs this process may run on (its affinity: 1 under `taskset -c 0`)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def spin_limit():
    """(SPIN_MAX or 0: no spin, the CPUs whose load average stops it or 0: never stopped)."""
    setting = os.environ.get("MINITRACE_SPIN", "")
    if setting == "0":
        return 0, 0
    if setting == "1":
        return SPIN_MAX, 0
    cpus = usable_cpus()
    return (SPIN_MAX, cpus) if cpus > 1 else (0, 0)


def machine_busy(cpus):
    """The 1-minute load average is above `cpus` + 1 (our tracer and tracee count in it)."""
    try:
        return os.getloadavg()[0] > cpus + 1
    except OSError:
        return False
