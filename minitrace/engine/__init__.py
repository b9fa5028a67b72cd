"""The tracing engine: start or attach to tracees, follow them, and yield events.

One loop over waitpid(-1, __WALL); each stop is classified (stops.classify), handled by a small
method, the tracee resumed, and an event yielded. It decodes (through the SysEnt's decoder) while
the tracee is stopped, but never prints: the renderer or the Python API consumes the events.

Its parts, one job each (Engine is the loop's class with the others' methods mixed in):
- loop.py: Engine: the wait loop and the syscall stops, the path every stop takes;
- other_stops.py: signal, group-stop, ptrace-event and exit stops, the new tasks of -f;
- starting.py: a program started stopped before its execve, attaching with -p, the signal
  mask and dispositions a started program gets;
- leaving.py: detaching from every tracee, whatever its state;
- spin.py: how long to poll before a blocking waitpid;
- tracee.py: Tracee (what is kept per traced task) and TraceError.
"""
from minitrace.engine.loop import Engine
from minitrace.engine.spin import (SPIN_CHECK, SPIN_MAX, SPIN_MIN, machine_busy, spin_limit,
                                   usable_cpus)
from minitrace.engine.starting import saved_signals
from minitrace.engine.tracee import TraceError, Tracee

__all__ = ["Engine", "SPIN_CHECK", "SPIN_MAX", "SPIN_MIN", "TraceError", "Tracee",
           "machine_busy", "saved_signals", "spin_limit", "usable_cpus"]
