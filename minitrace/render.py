"""Events -> strace's text lines: prefixes, the `=` column, unfinished/resumed, ---/+++ lines.

The only module that writes trace lines (through output.Output). It never calls ptrace and never
decodes: the texts of a Syscall were made by its decoder while the tracee was stopped.
"""
import time

from minitrace import printers, progname
from minitrace.arch import long_bits, mode_name
from minitrace.decode import signals
from minitrace.events import (ATTACHED, DETACHED, ENTER, EXIT, GROUP_STOP, PERSONALITY,
                              PROCESS_EXIT, SIGNAL, SUPERSEDED, NOTICE)


class Renderer(object):
    """Formats events for one Output. `count_tracees` returns how many tracees are alive."""

    def __init__(self, output, opts, count_tracees, consts_of, host_abi="x86_64", regs_log=None,
                 pids=None):
        self.out = output
        # -Y: `[pid 12<comm>] `, `12<comm> ` (pidns.PidDecorator); None without it
        self.comm_of = pids.prefix_comm if pids is not None and pids.show_comm else None
        self.pids = pids
        self.regs_log = regs_log                   # --regs: engine.RegisterLog
        self.acolumn = opts.acolumn
        quiet = opts.quiet                         # 0, 1 (-q), 2 (-qq), 3 (-qqq)
        chosen = opts.quiet_set                    # -e quiet=
        # -o FILE PROG implies -q in strace unless -e quiet= was given: no attach/detach
        # messages and no `[ Process PID=N runs in 32 bit mode. ]`
        implied_q = bool(opts.output and opts.command and not chosen)
        if chosen:                                 # -e quiet= names exactly what is quiet
            quiet = 0
        self.quiet_messages = quiet >= 1 or "attach" in chosen or implied_q
        self.quiet_exits = quiet >= 2 or "exit" in chosen
        self.quiet_personality = quiet >= 1 or "personality" in chosen or implied_q
        self.quiet_superseded = quiet >= 3 or "superseded" in chosen or "thread-execve" in chosen
        self.count_tracees = count_tracees
        self.consts_of = consts_of                 # abi -> constants (signal names)
        self.abi_of = {}                           # pid -> last seen abi
        self.separate = output.separate
        self.shared = output.shared                # the one stream, unless -ff
        self.file_prefix = (not output.to_stderr and not output.separate and
                            (opts.follow_forks or opts.always_show_pid or
                             len(opts.pids) + (1 if opts.command else 0) > 1))
        self.always_pid = opts.always_show_pid
        self.show_signals = opts.signal_filter     # callable(signo) -> bool
        self.timestamps = opts.timestamps          # None or (format, digits)
        self.relative = opts.relative              # None or digits
        self.syscall_times = opts.syscall_times    # None or digits
        self.sig_style = printers.Style(const_style=opts.const_style)   # -X in siginfo
        self.show_nr = opts.show_nr
        self.show_ip = opts.show_ip
        self.host_abi = host_abi
        # no option but -f -o FILE shapes the prefix: _prefix() gives `N    ` (pid_prefix), or
        # `[pid N] ` with two tracees or more, else nothing, without its other tests
        simple = not (self.separate or self.always_pid or self.comm_of is not None or
                      self.timestamps is not None or self.relative is not None or
                      self.show_nr or self.show_ip)
        self.pid_prefix = simple and self.file_prefix
        self.plain_prefix = simple and not self.file_prefix
        # A line may be written some events after its own (session: when the engine is idle)
        # only if nothing in it is read when it is written: not the clock (-t, -r), a task's
        # name or a pid's translation from /proc (-Y, --pidns-translation), the number of
        # tracees (`[pid N] ` before a line unless a file or -ff takes every pid), or a pid's
        # last registers (--regs); and not on stderr, where our warnings and the program's
        # own output must stay in order with the lines
        self.may_defer = ((self.file_prefix or self.separate) and not output.to_stderr and
                          self.timestamps is None and self.relative is None and
                          pids is None and regs_log is None)
        self._last_time = None
        self.held_stacks = {}                      # -k: pid -> the stack text of an exit/exit_group
        self.status = opts.status                  # None, or the set of -e status= names
        if regs_log is not None:                   # --regs: the plain exit is left untouched
            self.exit = self.exit_with_regs
        if self.status is not None:
            self.handlers_enter = self.enter
            self.enter = lambda call: None         # lines print whole at exit, or not at all
            self.exit = self.exit_filtered
        self.handlers = {ENTER: self.enter, EXIT: self.exit, SIGNAL: self.signal,
                         GROUP_STOP: self.group_stop, PROCESS_EXIT: self.process_exit,
                         ATTACHED: self.attached, DETACHED: self.detached,
                         PERSONALITY: self.personality, SUPERSEDED: self.superseded,
                         NOTICE: self.notice}

    def handle(self, kind, ev):
        self.handlers[kind](ev)

    # ----- pieces of a line -----------------------------------------------------------
    def _prefix(self, pid, nr=None, ip=None, abi=None):
        if self.pid_prefix:
            return "%-5d " % pid
        if self.plain_prefix:
            return "[pid %5d] " % pid if self.count_tracees() > 1 else ""
        if self.separate:
            p = ""
        elif self.file_prefix:
            comm = self.comm_of(pid) if self.comm_of is not None else ""
            p = "%d%s " % (pid, comm) if comm else "%-5d " % pid
        elif self.always_pid or self.count_tracees() > 1:
            if self.comm_of is not None:
                p = "[pid %5d%s] " % (pid, self.comm_of(pid))
            else:
                p = "[pid %5d] " % pid
        else:
            p = ""
        if self.timestamps is not None or self.relative is not None:
            p += self._stamp()
        if self.show_nr:
            p += "[%4d] " % nr if nr is not None else "[????] "
        if self.show_ip:
            digits = long_bits(abi or self.host_abi) // 4
            p += "[%0*x] " % (digits, ip) if ip is not None else "[" + "?" * digits + "] "
        return p

    def _stamp(self):
        """-t/-tt/-ttt and -r prefixes; both at once print `TIME (+REL) `, as strace."""
        now = time.time()
        rel = None
        if self.relative is not None:
            last = self._last_time if self._last_time is not None else now
            rel = _fixed(now - last, self.relative, 6)
            self._last_time = now
        if self.timestamps is None:
            return rel + " "
        fmt, digits = self.timestamps
        if fmt == "unix":
            stamp = _fixed(now, digits, 0)
        else:
            stamp = time.strftime("%H:%M:%S", time.localtime(now))
            if digits:
                stamp += ".%0*d" % (digits, int(now % 1 * 10 ** digits))
        return stamp + (" (+%s) " % rel if rel is not None else " ")

    def _finish_partial(self, stream):
        """Close another tracee's half-printed line with ` <unfinished ...>`."""
        if stream.partial is not None:
            stream.file.write(" <unfinished ...>\n")
            stream.partial = None
            stream.col = 0

    def _line(self, ev, text):
        """A whole `---`/`+++` line of a non-syscall event (and, with -k, its stack)."""
        stream = self.out.stream(ev.pid)
        self._finish_partial(stream)
        stream.file.write(self._prefix(ev.pid, ev.last_nr, ev.ip, ev.abi) + text + "\n")
        if ev.stack or ev.python_stack:
            stream.file.write(stack_text(ev.stack, ev.python_stack))

    # ----- syscalls ---------------------------------------------------------------------
    def enter(self, call):
        stream = self.shared or self.out.stream(call.pid)
        if stream.partial is not None:
            self._finish_partial(stream)
        text = self._prefix(call.pid, call.nr, call.ip, call.abi) + call.name + "(" + call.entry_text
        stream.file.write(text)
        stream.partial = call
        stream.col = len(text)

    def exit(self, call):
        stream = self.shared or self.out.stream(call.pid)
        rest = call.exit_text
        if stream.partial is call:
            text = rest + ")"
            col = stream.col + len(text)
        else:
            self._finish_partial(stream)
            text = (self._prefix(call.pid, call.nr, call.ip, call.abi) + "<... " + call.name +
                    " resumed>" + rest + ")")
            col = len(text)
        pad = self.acolumn - col
        if pad < 1:
            pad = 1
        tail = " " * pad + "= " + call.ret_text
        if self.syscall_times is not None and call.end is not None and call.start is not None:
            tail += " <%s>" % _fixed(call.end - call.start, self.syscall_times, 0)
        stream.file.write(text + tail + "\n")
        if call.dump:
            stream.file.write("\n".join(call.dump) + "\n")
        if call.stack or call.python_stack:
            text = stack_text(call.stack, call.python_stack)
            if call.ret is None:          # exit/exit_group: strace prints it after the +++ line
                self.held_stacks[call.pid] = text
            else:
                stream.file.write(text)
        stream.partial = None
        stream.col = 0

    def exit_with_regs(self, call):
        """--regs: the line, then its registers (RegisterLog.of) under it."""
        Renderer.exit(self, call)
        self.out.stream(call.pid).file.write(regs_lines(self.regs_log.of(call)))

    def exit_filtered(self, call):
        """-e status=/-z/-Z: print the whole line at exit if its status is selected."""
        if call.ret is None:
            status = "detached" if call.detached else "unfinished"
        elif call.error:
            status = "failed"
        else:
            status = "successful"
        if status not in self.status:
            return
        self.handlers_enter(call)
        if self.regs_log is not None:
            self.exit_with_regs(call)
        else:
            Renderer.exit(self, call)

    # ----- other events -------------------------------------------------------------------
    def _pid_text(self, tracee):
        """si_pid of a signal: `N`, with -Y `N<comm>`, with --pidns-translation its comment."""
        pids = self.pids
        if pids is None:
            return str
        return lambda n: "%d%s" % (n, pids.suffix(tracee, n, "tgid"))

    def _consts(self, pid):
        return self.consts_of(self.abi_of.get(pid))

    def signal(self, ev):
        if not self.show_signals(ev.signal):
            return
        consts = self._consts(ev.pid)
        info = signals.siginfo(consts, ev.other, self.sig_style,
                               pid_text=self._pid_text(ev.pid)) if ev.other else "0"
        if ev.other:
            text = "--- %s %s ---" % (signals.signame(consts, ev.signal), info)
        else:
            text = "--- %s (%s) ---" % (signals.signame(consts, ev.signal), "unknown")
        self._line(ev, text)

    def group_stop(self, ev):
        if not self.show_signals(ev.signal):
            return
        self._line(ev, "--- stopped by %s ---" % signals.signame(self._consts(ev.pid), ev.signal))

    def process_exit(self, ev):
        if not self.quiet_exits:
            if ev.signal is None:
                text = "+++ exited with %d +++" % ev.status
            else:
                text = "+++ killed by %s%s +++" % (signals.signame(self._consts(ev.pid), ev.signal),
                                                  " (core dumped)" if ev.core else "")
            self._line(ev, text)
        held = self.held_stacks.pop(ev.pid, None)
        if held:
            self.out.stream(ev.pid).file.write(held)
        self.out.release(ev.pid)
        if self.pids is not None:
            self.pids.forget(ev.pid)

    def notice(self, ev):
        """The tracer's own message (`Exit of unknown pid N ignored`), unless its -q class
        (ev.other: "attach" or "exit") is quiet."""
        if ev.other == "attach" and self.quiet_messages:
            return
        if ev.other == "exit" and self.quiet_exits:
            return
        self.out.message("%s: %s" % (progname.NAME, ev.text))

    def superseded(self, ev):
        # the exec'ing thread's execve line still open: strace ends it with the new pid
        stream = self.shared or self.out.stream(ev.other)
        if stream.partial is not None and stream.partial.pid == ev.other:
            stream.file.write(" <pid changed to %d ...>\n" % ev.pid)
            stream.partial = None
            stream.col = 0
        if not self.quiet_superseded:
            self._line(ev, "+++ superseded by execve in pid %d +++" % ev.other)
        if self.pids is not None:
            self.pids.forget(ev.other)        # the exec'ing thread's old pid: its name kept

    def personality(self, pair):
        ev, call = pair
        if not self.quiet_personality:
            self._line(ev, "[ Process PID=%d runs in %s mode. ]" % (ev.pid, mode_name(ev.abi)))
        self.abi_of[ev.pid] = ev.abi
        if call is not None:
            self.enter(call)

    def attached(self, ev):
        if self.comm_of is not None:          # -Y: its name, should it leave without a line
            self.comm_of(ev.pid)
        if self.quiet_messages:
            return
        if ev.count and ev.count > 1:
            self.out.message("%s: Process %d attached with %d threads"
                             % (progname.NAME, ev.pid, ev.count))
        else:
            self.out.message("%s: Process %d attached" % (progname.NAME, ev.pid))

    def detached(self, ev):
        call = ev.other
        stream = self.out.stream(ev.pid)
        if (call is not None and self.status is not None and "detached" in self.status
                and stream.partial is not call):
            self.handlers_enter(call)     # -e status=detached: the call's line, left open
        if not self.quiet_messages:
            self.out.message("%s: Process %d detached" % (progname.NAME, ev.pid))
        if call is not None and stream.partial is call:
            stream.file.write(" <detached ...>\n")
            stream.partial = None
            stream.col = 0


def regs_lines(regs):
    """--regs: the lines under a syscall line, from RegisterLog.of(call): the number in decimal,
    the arguments in hex, the result signed (`  regs entry: rax=257 rdi=0xffffff9c ...`)."""
    if regs is None:
        return "  regs: ?\n"
    nr = regs["entry"][0]
    parts = ["%s=%d" % nr] + ["%s=%#x" % (name, value) if value else "%s=0" % name
                               for name, value in regs["entry"][1:]]
    text = "  regs entry: " + " ".join(parts) + "\n"
    if "exit" in regs:
        text += "  regs exit:  " + " ".join("%s=%d" % pair for pair in regs["exit"]) + "\n"
    return text


def _fixed(seconds, digits, width):
    """Seconds with `digits` decimals; the integer part right-aligned to `width` (strace's -r
    pads it to 6)."""
    if seconds < 0:
        seconds = 0.0
    whole = int(seconds)
    text = "%*d" % (width, whole)
    if digits:
        text += ".%0*d" % (digits, int((seconds - whole) * 10 ** digits))
    return text


def stack_text(frames, python=None):
    """-k: the lines of a stack (minitrace.stack.unwind.Frame), each ending in a newline;
    --py-stack: with the Python frames (minitrace.pystack.PyFrame) among them."""
    if python:
        from minitrace.pystack import lines
        return lines(frames, python)
    from minitrace.stack.unwind import frame_line
    return "".join(frame_line(f) + "\n" for f in frames)
