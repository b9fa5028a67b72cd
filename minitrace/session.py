"""One run of the command line: build engine, renderer and output from Options, run, exit.

Owns the process-level concerns: fatal-signal handlers (detach, then die by the same signal),
mirroring the traced program's exit status, and turning failures into one-line errors.
"""
import fcntl
import functools
import os
import resource
import signal
import sys

import syscalls

from minitrace import memory as memory_mod
from minitrace import pidns, printers, progname, regs
from minitrace.arch import for_machine
from minitrace.decode import Context
from minitrace import seccomp, summary
from minitrace.engine import Engine, TraceError, saved_signals, usable_cpus
from minitrace.environ import program_environment
from minitrace.events import ATTACHED, DETACHED, ENTER, IDLE, KINDS, NOTICE
from minitrace.output import Output, OutputError
from minitrace.inject import Injector
from minitrace.render import Renderer
from minitrace.sysent import SysTables

FATAL_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT)


def error(message):
    if sys.stderr is None:            # started with descriptor 2 closed
        return
    sys.stderr.write("%s: %s\n" % (progname.NAME, message))
    sys.stderr.flush()


def path_filter(opts):
    """-P: the PathFilter (its resolution notes were printed by cli's checks), or None."""
    if not opts.paths:
        return None
    from minitrace.pathtrace import PathFilter      # -P only (it imports fdinfo, socket)
    return PathFilter(opts.paths)


def io_dump(opts):
    """-e read=/write=: the IoDump, or None when no descriptor is chosen."""
    if not (opts.read_fds.numbers or opts.read_fds.negate or
            opts.write_fds.numbers or opts.write_fds.negate):
        return None
    from minitrace.iodump import IoDump     # its structs (msghdr, ...) only when asked for
    return IoDump(opts.read_fds, opts.write_fds)


def seccomp_setup(opts, engine):
    """--seccomp-bpf: what the spawned child does once traced, right before its exec: install
    the filter (or None). Not earlier: a call it traces fails with ENOSYS while no tracer is
    attached, the child's own stop (getpid, kill) among them."""
    if not opts.seccomp_bpf:
        return None
    arch = for_machine()
    consts = seccomp.host_constants(arch)
    prog = seccomp.program(arch, engine.tables, consts)
    return lambda: seccomp.install(prog, consts)


def user_setup(user):
    """-u USER: in the child, take the user's groups, gid and uid before exec (or None)."""
    if user is None:
        return None

    def setup():
        os.initgroups(user.pw_name, user.pw_gid)
        os.setgid(user.pw_gid)
        os.setuid(user.pw_uid)
    return setup


def per_call_style(opts, style):
    """-e abbrev= and -e verbose=: None when every syscall prints with `style`, else a function
    (abi, nr, name) -> the Style of that syscall, or None for `style` itself."""
    abbreviated = opts.abbrev if not opts.verbose else None     # -v: everything in full
    deref = opts.deref
    if abbreviated is None and deref is None:
        return None
    variants = {}

    def style_for(abi, nr, name):
        full = abbreviated is not None and not abbreviated(abi, nr, name)
        reads = deref is None or deref(abi, nr, name)
        if not full and reads:
            return None
        key = (full, reads)
        if key not in variants:
            variants[key] = style.replace(verbose=style.verbose or full, deref=reads)
        return variants[key]
    return style_for


def build_engine(opts, arch=None, want_times=False):
    """The Engine and its decode Context for these Options: the one construction that the
    command line (build) and the Python API (api.py) share. `want_times`: time every call."""
    arch = arch or for_machine()
    style = printers.Style(opts.string_limit, opts.hex_strings, opts.const_style, opts.verbose)
    memory = memory_mod.Memory()
    ctx = Context(memory, style)
    ctx.kvm_vcpu = opts.kvm_vcpu
    if opts.decode_fds:
        from minitrace.fdinfo import FdDecorator      # -y only (it imports socket)
        ctx.fds = FdDecorator(opts.decode_fds, style.hex_strings)
    # /proc entries of tracees (another pid when /proc is from another PID namespace; read
    # only when asked) and -Y / --pidns-translation
    translator = pidns.translator(arch.ABIS[0], error)
    ctx.proc_pid = translator.proc_pid
    if opts.decode_pids:
        ctx.pids = pidns.PidDecorator(opts.decode_pids, translator, opts.hex_strings)
    if ctx.fds is not None:
        ctx.fds.pids = ctx.pids           # -Y: `pid:N<comm>`
        ctx.fds.proc_pid = translator.proc_pid
    injector = None
    if opts.inject_rules:
        injector = Injector(regs.RegisterWriter(arch), lambda abi: syscalls.table(abi).numbers)
    source = regs.make_source(arch)
    if opts.regs:                 # --regs: a recording wrapper; the default path stays as it is
        source = regs.RegisterLog(source, arch)
    tables = SysTables(opts.trace, opts.inject_rules, raw=opts.raw,
                       style_for=per_call_style(opts, style),
                       on_invalid=invalid_syscall if opts.debug else None)
    engine = Engine(tables, source, memory, ctx,
                    follow_forks=opts.follow_forks,
                    want_times=(want_times or opts.json or opts.timeline or opts.syscall_times is not None or
                                bool(opts.summary and opts.wall)),
                    want_rusage=bool(opts.summary) and not opts.wall,
                    decode=opts.summary != "only", want_ip=opts.show_ip,
                    kill_on_exit=opts.kill_on_exit,
                    call_filter=path_filter(opts),
                    io_dump=io_dump(opts), injector=injector,
                    detach_on_exec=opts.detach_on_exec, seccomp=opts.seccomp_bpf)
    if (opts.stack_traces or opts.py_stack) and opts.summary != "only":
        engine.captures = stack_captures(opts, memory, arch)
    return engine, ctx


def stack_captures(opts, memory, arch):
    """-k and --py-stack: their captures, sharing one mapping cache and one cache of parsed
    files (a process's /proc/PID/maps is read once per change, an ELF file parsed once)."""
    from minitrace.stack.maps import Maps
    from minitrace.stack.unwind import Files
    maps, files = Maps(), Files()
    out = []
    if opts.stack_traces:
        from minitrace.stack import Capture
        out.append(Capture(memory, arch, maps, files))
    if opts.py_stack:
        from minitrace.pystack import PyCapture
        out.append(PyCapture(memory, arch, maps, files))
    return tuple(out)


def start(engine, opts, path, report=error):
    """Spawn opts.command (at `path`) and attach to opts.pids. A failed spawn raises
    TraceError; a failed attach is reported through `report` and skipped. Returns how many
    of opts.pids were attached."""
    if opts.command:
        setup = user_setup(opts.user)
        filter_setup = seccomp_setup(opts, engine)
        env = program_environment(opts.env_changes)
        if opts.daemonize:
            engine.spawn_as_grandchild(path, opts.command, env, setup, opts.daemonize - 1,
                                       before_exec=filter_setup)
        else:
            engine.spawn(path, opts.command, env, child_setup=setup, before_exec=filter_setup)
    attached = 0
    for pid in opts.pids:
        if pid == os.getpid():
            report("I'm sorry, I can't let you do that, Dave.")
            continue
        try:
            engine.attach(pid)
            attached += 1
        except TraceError as e:
            report(str(e))
    return attached


def build(opts):
    """The engine, output, renderer (text, or JSON with --json) and timeline (--timeline, or
    None) for these options (raises OutputError)."""
    arch = for_machine()
    if "comm" in opts.decode_pids:
        pidns.name_tracer(progname.NAME, arch.ABIS[0])
    engine, ctx = build_engine(opts, arch)
    output = Output(opts.output, separate=opts.separate, append=opts.append)
    host_abi = arch.ABIS[0]
    timeline = None
    if opts.timeline:
        from minitrace.timeline import Timeline
        try:
            timeline = Timeline(opts.timeline, ctx, host_abi)
        except (IOError, OSError) as e:
            raise OutputError("Can't fopen '%s': %s" % (opts.timeline, e.strerror))
    regs_log = engine.source if opts.regs else None
    if opts.json:
        from minitrace.jsonout import JsonWriter
        renderer = JsonWriter(output, opts, ctx, host_abi, regs_log)
    else:
        renderer = Renderer(output, opts, engine.tracees.__len__,
                            lambda abi: ctx.constants(abi or host_abi), host_abi, regs_log,
                            pids=ctx.pids)
    return engine, output, renderer, timeline


def consumers(opts, renderer):
    """What handles each event: the renderer, the -c/-C summary, or both."""
    if not opts.summary:
        return renderer, None
    table = summary.Summary(sort=opts.sortby or "total-time",
                            columns=opts.columns or summary.DEFAULT_COLUMNS,
                            wall=opts.wall, overhead=opts.overhead, abis=for_machine().ABIS)
    if opts.summary == "only":
        if opts.json:             # --json -c: the summary object only
            return _OnlyMessages(None), table
        return _OnlyMessages(renderer), table
    return renderer, table


class _OnlyMessages(object):
    """-c: no trace lines, but attach/detach messages still reach stderr."""

    def __init__(self, renderer):
        self.renderer = renderer
        self.handlers = {}
        if renderer is not None:
            self.handlers = dict((k, renderer.handlers[k]) for k in (ATTACHED, DETACHED, NOTICE))

    def handle(self, kind, ev):
        if kind in (ATTACHED, DETACHED, NOTICE) and self.renderer is not None:
            self.renderer.handle(kind, ev)


def ensure_standard_fds():
    """Descriptors 0-2 closed when we were started: fill them with /dev/null opened
    close-on-exec, so that nothing we open takes their place and the program still finds them
    closed (strace's ensure_standard_fds_opened). Returns the set of those filled."""
    filled = set()
    for fd in (0, 1, 2):
        try:
            fcntl.fcntl(fd, fcntl.F_GETFD)
            continue
        except OSError:
            pass
        new = os.open(os.devnull, os.O_RDWR | os.O_CLOEXEC)
        if new != fd:             # a lower one was free: not ours to fill
            os.close(new)
            continue
        filled.add(fd)
    return filled


def redirect_standard_fds(filled):
    """Once the program is started: our stdin and stdout become /dev/null, so a pipe the
    program closes has no reader or writer left in us (strace's redirect_standard_fds)."""
    null = os.open(os.devnull, os.O_RDWR | os.O_CLOEXEC)
    for fd in (0, 1):
        if fd not in filled:
            os.dup2(null, fd)
    os.close(null)


def invalid_syscall(pid, nr):
    """-d: a number outside the tables, at each of its entries (strace's debug line)."""
    error("pid %d invalid syscall %#x" % (pid, nr))


def debug_lines(engine):
    """-d: the start-up lines of strace's debug output that scripts read (the ptrace options,
    and whether PTRACE_GET_SYSCALL_INFO is used)."""
    error("ptrace_setoptions = %#x" % engine.options)
    error("PTRACE_GET_SYSCALL_INFO %s" % (
        "works" if isinstance(engine.source, regs.SyscallInfoSource) else "does not work"))


def run(opts, path):
    filled = ensure_standard_fds()
    try:
        engine, output, renderer, timeline = build(opts)
    except OutputError as e:
        error(str(e))
        return 1

    def on_fatal(signum, frame):
        engine.interrupt(signum)

    engine.child_signals = saved_signals()    # the program's, before ours change

    if opts.interruptible >= 3:
        # -I3/-I4 (the default of -o FILE PROG): fatal signals stay blocked; we end with the
        # tracees. The spawned child unblocks them before its exec.
        blocked = FATAL_SIGNALS + ((signal.SIGTSTP,) if opts.interruptible == 4 else ())
        signal.pthread_sigmask(signal.SIG_BLOCK, blocked)
        previous = {}
    elif opts.interruptible == 1:
        # -I1 (anywhere): no handler at all, as strace: a fatal signal ends us at once, with
        # the trace written up to the last event (flushed at each)
        previous = dict((sig, signal.signal(sig, signal.SIG_DFL)) for sig in FATAL_SIGNALS)
    else:
        previous = dict((sig, signal.signal(sig, on_fatal)) for sig in FATAL_SIGNALS)
    if opts.debug:
        debug_lines(engine)
    status = 0
    flusher = None
    try:
        try:
            attached = start(engine, opts, path)
        except TraceError as e:
            error(str(e))
            return 1
        if opts.pids and not attached and not opts.command:
            return 1
        if opts.command:
            redirect_standard_fds(filled)
        printer, table = consumers(opts, renderer)
        flusher = Flusher(engine, output, every_event=opts.interruptible == 1)
        status = _loop(engine, printer, table, output, opts.json, timeline, flusher)
    finally:
        if flusher is not None:
            flusher.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return _finish(engine, status)


# seconds: what is printed is written out at most about this long after (the output is
# buffered): a trace file grows while tracing (tail -f), and a call in progress shows while its
# tracee is blocked in it (`read(0, `), as strace's unbuffered lines do, without a write at every
# stop
FLUSH_EVERY = 0.1


class _NoFlusher(object):
    due = False


NO_FLUSHER = _NoFlusher()


class Flusher(object):
    """Writes the buffered output out. SIGALRM every FLUSH_EVERY seconds: when it finds the
    engine waiting for a stop (between two stops: no line is half written) it flushes there and
    then, and stops until the loop's next event (an idle tracer is woken once); otherwise the
    loop flushes after the event it is handling (`due`). With `every_event` (-I1: a fatal signal
    ends us at once) the loop flushes after every event."""

    def __init__(self, engine, output, every_event=False):
        self.engine = engine
        self.output = output
        self.every_event = every_event
        self.due = every_event
        self.armed = False
        self.flushing = False         # on_alarm is writing out
        self.previous = signal.signal(signal.SIGALRM, self.on_alarm)
        self.arm()

    def arm(self):
        if not self.armed:
            self.armed = True
            signal.setitimer(signal.ITIMER_REAL, FLUSH_EVERY, FLUSH_EVERY)

    def on_alarm(self, signum, frame):
        # A flush that blocks (a full pipe) is cut by a SIGALRM, and Python runs this handler
        # inside the write it cut (BufferedWriter retries after running the handlers): a flush
        # there is a reentrant write (RuntimeError). So the timer stops before the flush, and a
        # run inside one (a SIGALRM already pending) returns at once.
        if self.flushing:
            return
        if self.engine.waiting():
            signal.setitimer(signal.ITIMER_REAL, 0)
            self.armed = False
            self.flushing = True
            try:
                # its errors are left for the next line to report; a fatal signal during it
                # raises after it
                self.engine.write_while_waiting(self.output.flush)
            finally:
                self.flushing = False
        self.due = True               # the next event flushes (and arms it again)

    def flush(self):
        """From the loop, after an event."""
        self.due = self.every_event
        self.output.flush()
        self.arm()

    def stop(self):
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self.previous)


def dispatch(*consumers):
    """kind -> one function(ev) handing the event to each consumer: its `handlers[kind]`, or
    its handle(kind, ev) when it has no `handlers` dict. Looked up once, not at every event."""
    table = {}
    for kind in KINDS:
        found = []
        for c in consumers:
            handlers = getattr(c, "handlers", None)
            if handlers is None:
                found.append(functools.partial(c.handle, kind))
            elif kind in handlers:
                found.append(handlers[kind])
        table[kind] = _chain(found)
    return table


def _chain(handlers):
    """One function(ev) calling each of `handlers` (an empty list: the event is ignored)."""
    if len(handlers) == 1:
        return handlers[0]

    def each(ev):
        for handle in handlers:
            handle(ev)
    return each


# at most this many events are held for the consumers while the engine is busy (_hand_over_when_idle)
HELD_MAX = 256


def _may_hold(taking, flusher):
    """Whether the lines may be written when the engine is idle rather than at each event: only
    the renderer takes the events and its lines may wait (Renderer.may_defer), nothing must be
    written out at each event (-I1), and another CPU can run the tracees meanwhile."""
    return (len(taking) == 1 and getattr(taking[0], "may_defer", False) and
            flusher is not None and not flusher.every_event and usable_cpus() > 1)


def _hand_over_when_idle(events, handlers, flusher):
    """_loop's loop when lines may wait: each event is held, and the held ones go to the
    consumers, in order, when the engine finds no stop waiting (IDLE) or HELD_MAX are held. A
    tracee that stops while the tracer is busy is resumed before the lines of the stops before
    it are written: on W4 (a threaded server and its client on two CPUs) the tracer's lines are
    written while it would otherwise wait, 4 to 7% less client time. What is held when the loop
    ends, however it ends, is handed over then."""
    held = []
    try:
        for kind, ev in events:
            if kind is not IDLE:
                held.append((kind, ev))
                if len(held) < HELD_MAX:
                    continue
            batch, held = held, []
            for kind, ev in batch:
                handlers[kind](ev)
            if flusher.due:
                flusher.flush()
    finally:
        for kind, ev in held:
            handlers[kind](ev)


def _loop(engine, renderer, table, output, json=False, timeline=None, flusher=None):
    """Hand each event to its consumers until the engine ends; `flusher` (a Flusher, or
    None: nothing written out before the end) says when the output is due."""
    status = 0
    taking = [c for c in (renderer, table, timeline) if c is not None]
    handlers = dispatch(*taking)
    engine.enter_events = any(ENTER in getattr(c, "handlers", (ENTER,)) for c in taking)
    engine.idle_events = _may_hold(taking, flusher)
    events = engine.events()
    if flusher is None:
        flusher = NO_FLUSHER
    try:
        if engine.idle_events:
            _hand_over_when_idle(events, handlers, flusher)
        else:
            for kind, ev in events:
                handlers[kind](ev)
                if flusher.due:
                    flusher.flush()
    except KeyboardInterrupt:
        pass
    except (BrokenPipeError, OSError) as e:
        status = 1
        if not isinstance(e, BrokenPipeError):
            error("write error: %s" % e.strerror)
    except Exception as e:    # an internal error: detach (in events.close()), report, exit 1
        status = 1
        error("internal error: %s: %s" % (type(e).__name__, e))
    finally:
        events.close()
        for ev in engine.detached:
            try:
                renderer.handle(ev.kind, ev)
            except (OSError, ValueError):
                pass
        if table is not None:
            _write_table(table, output, json)
        if timeline is not None:
            try:
                for ev in engine.detached:
                    timeline.handlers[ev.kind](ev)
                timeline.close()
            except Exception as e:    # never a traceback: the trace itself is complete
                status = 1
                error("timeline: %s: %s" % (type(e).__name__, e))
        try:
            output.close()
        except (OSError, ValueError):
            pass
    return status


def _write_table(table, output, json=False):
    """The -c/-C table goes where the trace goes, after everything else (with --json: one
    JSON object)."""
    if json:
        from minitrace.jsonout import summary_lines
        lines = summary_lines(table)
    else:
        lines = table.table()
    if not lines:
        return
    stream = output.shared
    try:
        if stream.partial is not None:
            stream.file.write(" <unfinished ...>\n")
            stream.partial = None
        stream.file.write("\n".join(lines) + "\n")
    except (OSError, ValueError):
        pass


def _finish(engine, status):
    if engine.stop_signal is not None:
        _die_by(engine.stop_signal)
    if status:
        return status
    if engine.exit_status is not None:
        code, sig = engine.exit_status
        if sig is not None:
            _die_by(sig)
            return 128 + sig
        return code
    return 0


def _die_by(sig):
    """Exit by the same signal (as strace does), without a core file of our own."""
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError):
        pass
    if sig not in (signal.SIGKILL, signal.SIGSTOP):     # those two have no handler to reset
        signal.signal(sig, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, [sig])
    os.kill(os.getpid(), sig)
