"""minitrace: strace in pure Python (ctypes + the standard library).

The command line (``python3 -m minitrace``) is built on the same engine as the Python API:
``minitrace.trace([...])`` and ``minitrace.attach(pid)`` (see minitrace/api.py). Importing the
package stays cheap: the API imports the tracer only when called.
"""

__version__ = "0.1.0"


def trace(argv, follow_forks=False, trace=None, **options):
    """Start argv under tracing; an iterator of events (see minitrace.api.trace)."""
    from minitrace import api
    return api.trace(argv, follow_forks=follow_forks, trace=trace, **options)


def attach(pid, follow_forks=False, trace=None, **options):
    """Attach to a running process; an iterator of events (see minitrace.api.attach)."""
    from minitrace import api
    return api.attach(pid, follow_forks=follow_forks, trace=trace, **options)


def __getattr__(name):     # Python 3.7+: minitrace.TraceError without importing the engine early
    if name == "TraceError":
        from minitrace.engine import TraceError
        return TraceError
    raise AttributeError(name)
