"""The Python API: trace a command or attach to a process and iterate over event objects.

Built on the same pieces as the command line: the arguments become an Options through
cli.parse_args and the Engine comes from session.build_engine, so both share one engine.
The event objects and their conversion (shared with `--json`) live in convert.py.

    import minitrace
    for ev in minitrace.trace(["ls", "-l"], follow_forks=True, trace="%file"):
        if ev.type == "syscall":
            print(ev.pid, ev.name, ev.values, ev.ret, ev.errno)

Stopping early (break, close(), leaving a `with` block) detaches every tracee: as with strace,
a spawned program is NOT killed, it goes on running untraced. Events that do not apply to an
event's type read as None (ev.ret of a signal event is None).
"""

from minitrace.engine import TraceError   # noqa: F401 (minitrace.api.TraceError)
from minitrace.convert import (Converter, Event, split_args, syscall_fields,  # noqa: F401
                               unquote, value_of)

# the options trace()/attach() take besides follow_forks and trace, as command-line arguments
_FLAG_OPTIONS = (("verbose", "-v"), ("regs", "--regs"), ("stack", "-k"),
                 ("python_stack", "--py-stack"))
_VALUE_OPTIONS = (("string_limit", "-s"), ("signal", "--signal="), ("status", "--status="),
                  ("const_style", "-X"))
_LIST_OPTIONS = (("paths", "-P"), ("env", "-E"))


def _arguments(follow_forks, trace, options):
    """Keyword options -> strace-style arguments for cli.parse_args."""
    args = ["-f"] if follow_forks else []
    if trace is not None:
        args.append("--trace=" + trace)
    options = dict(options)
    for key, flag in _FLAG_OPTIONS:
        if options.pop(key, False):
            args.append(flag)
    for key, flag in _VALUE_OPTIONS:
        value = options.pop(key, None)
        if value is not None:
            args += [flag + str(value)] if flag.endswith("=") else [flag, str(value)]
    for key, flag in _LIST_OPTIONS:
        for value in options.pop(key, None) or ():
            args += [flag, value]
    args += list(options.pop("extra_args", None) or ())
    if options:
        raise TypeError("unknown option(s): %s" % ", ".join(sorted(options)))
    return args


def _parse(args):
    from minitrace import cli
    try:
        return cli.parse_args(args)
    except cli.UsageError as e:
        raise ValueError(str(e))


def trace(argv, follow_forks=False, trace=None, **options):
    """Start `argv` (a list: program and arguments, looked up on PATH as strace does) under
    tracing; return a Trace, an iterator of Event objects.

    follow_forks: trace children and threads too (-f). trace: a -e trace= expression
    ("openat,read", "%file", "!write", ...). Other options: string_limit (-s), verbose (-v),
    signal, status (-e signal=/status=), const_style (-X), paths (-P, a list), env (-E, a
    list), regs (--regs: registers in ev.regs), stack (-k: ev.stack), python_stack
    (--py-stack: a CPython tracee's frames in ev.python_stack), extra_args (any further
    command-line options).
    Raises ValueError for bad options, minitrace.TraceError when the program cannot start."""
    from minitrace import cli
    if isinstance(argv, str):
        raise TypeError("argv must be a list, e.g. [%r]" % argv)
    opts = _parse(_arguments(follow_forks, trace, options) + ["--"] + list(argv))
    try:
        path = cli.find_program(opts.command[0])
    except cli.UsageError as e:
        raise ValueError(str(e))
    return Trace(opts, path)


def attach(pid, follow_forks=False, trace=None, **options):
    """Attach to the running process `pid` (all its threads with follow_forks); return a Trace.
    The options are those of trace(). Raises minitrace.TraceError if it cannot be attached."""
    opts = _parse(_arguments(follow_forks, trace, options) + ["-p", str(int(pid))])
    return Trace(opts, None)


class Trace(object):
    """An iterator of Event objects; also a context manager. close() (or the end of a `with`
    block, or dropping the last reference) detaches every tracee, which keeps running.

    .pid: the spawned program's pid (or the attached pid); .exit_status: (code, signal) of the
    spawned program once it ended, else None."""

    def __init__(self, opts, path):
        from minitrace import session
        from minitrace.arch import for_machine
        arch = for_machine()
        engine, ctx = session.build_engine(opts, arch, want_times=True)
        self._engine = engine
        problems = []
        try:
            attached = session.start(engine, opts, path, report=problems.append)
        except BaseException:
            engine.detach_all()
            raise
        if opts.pids and not attached:
            engine.detach_all()
            raise TraceError(problems[0] if problems else "nothing to trace")
        self.pid = engine.main_pid or opts.pids[0]
        regs_log = engine.source if opts.regs else None
        self._convert = Converter(ctx, arch.ABIS[0], opts, regs_log)
        # no reference back to self: dropping the Trace (`break` in a for loop) closes it now
        self._gen = _generate(engine, self._convert)

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._gen)

    next = __next__

    def close(self):
        """Stop tracing: detach from every tracee (idempotent)."""
        self._gen.close()
        self._engine.detach_all()     # also when iteration never began

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass

    @property
    def exit_status(self):
        return self._engine.exit_status


def _generate(engine, convert):
    events = engine.events()
    try:
        for kind, ev in events:
            for out in convert(kind, ev):
                yield out
    finally:
        events.close()            # Engine.events() detaches every tracee in its finally
        engine.detach_all()
