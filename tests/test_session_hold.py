"""Lines written when the tracer is idle (session._hand_over_when_idle, Engine.idle_events):
the events reach the consumers in the engine's order, at the engine's IDLE or every HELD_MAX
events, and whatever is held when the loop ends is handed over then; only where nothing in a
line is read when it is written. The engine yields IDLE only when no stop is waiting."""
import os
import shutil

import pytest

from minitrace import cli, session
from minitrace.events import ENTER, EXIT, IDLE

TRUE = shutil.which("true")


class Log(object):
    """One list of what happened, in order: the engine's yields and the consumers' handling."""

    def __init__(self):
        self.seen = []
        self.handlers = {ENTER: lambda ev: self.seen.append("handle %s" % ev),
                         EXIT: lambda ev: self.seen.append("handle %s" % ev)}

    def engine(self, items, fail=None):
        for kind, ev in items:
            self.seen.append("yield %s" % (ev if kind is not IDLE else "idle"))
            yield kind, ev
        if fail is not None:
            raise fail


class NoFlush(object):
    due = False
    every_event = False


def test_events_are_handed_over_in_order_at_idle():
    log = Log()
    session._hand_over_when_idle(
        log.engine([(ENTER, "a<"), (EXIT, "a>"), (IDLE, None), (ENTER, "b<"), (IDLE, None),
                    (EXIT, "b>")]), log.handlers, NoFlush())
    assert log.seen == ["yield a<", "yield a>", "yield idle", "handle a<", "handle a>",
                        "yield b<", "yield idle", "handle b<",
                        "yield b>", "handle b>"]          # the last, held when the loop ended


def test_at_most_held_max_are_held():
    log = Log()
    count = session.HELD_MAX * 2 + 3
    session._hand_over_when_idle(log.engine([(ENTER, i) for i in range(count)]), log.handlers,
                                 NoFlush())
    handled = [n for n, what in enumerate(log.seen) if what.startswith("handle")]
    assert len(handled) == count
    # the first is handled right after the HELD_MAX-th is yielded, not at the end
    assert log.seen[session.HELD_MAX] == "handle 0"
    assert [what for what in log.seen if what.startswith("handle")] == \
        ["handle %d" % i for i in range(count)]


def test_held_events_are_handed_over_when_the_engine_fails():
    log = Log()
    with pytest.raises(RuntimeError):
        session._hand_over_when_idle(
            log.engine([(ENTER, "a<"), (EXIT, "a>")], fail=RuntimeError("engine")),
            log.handlers, NoFlush())
    assert log.seen[-2:] == ["handle a<", "handle a>"]


def test_the_flush_due_is_made_after_a_batch():
    class Flush(NoFlush):
        due = True
        flushes = 0

        def flush(self):
            self.flushes += 1

    flusher = Flush()
    log = Log()
    session._hand_over_when_idle(log.engine([(ENTER, "a<"), (IDLE, None), (EXIT, "a>"),
                                             (IDLE, None)]), log.handlers, flusher)
    assert flusher.flushes == 2


def _holds(argv):
    opts = cli.parse_args(argv + [TRUE])
    engine, output, renderer, timeline = session.build(opts)
    printer, table = session.consumers(opts, renderer)
    flusher = session.Flusher(engine, output, every_event=opts.interruptible == 1)
    try:
        taking = [c for c in (printer, table, timeline) if c is not None]
        return session._may_hold(taking, flusher)
    finally:
        flusher.stop()
        output.close()


@pytest.mark.parametrize("argv,holds", [
    (["-f", "-o", os.devnull], True),            # W4's options
    (["-ff", "-o", "PREFIX"], True),
    (["-f"], False),                             # stderr: in order with the program's output
    (["-o", os.devnull], False),                 # `[pid N] ` counts the tracees when written
    (["-f", "-o", os.devnull, "-tt"], False),    # the clock, read when the line is written
    (["-f", "-o", os.devnull, "-r"], False),
    (["-f", "-o", os.devnull, "-Y"], False),     # /proc/PID/comm, read when written
    (["-f", "-o", os.devnull, "--pidns-translation"], False),   # /proc, read when written
    (["-f", "-o", os.devnull, "--regs"], False),   # the pid's last registers
    (["-f", "-o", os.devnull, "--json"], False),   # its time stamps are taken when written
    (["-f", "-o", os.devnull, "-c"], False),
    (["-f", "-o", os.devnull, "-C"], False),
    (["-f", "-o", os.devnull, "-I1"], False),    # written out at every event
])
def test_which_options_hold_lines(tmp_path, monkeypatch, argv, holds):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})     # two CPUs
    argv = [str(tmp_path / "trace") if a == "PREFIX" else a for a in argv]
    assert _holds(argv) is holds


def test_one_cpu_never_holds(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
    assert not _holds(["-f", "-o", os.devnull])


@pytest.mark.usefixtures("ptrace_ok")
def test_the_engine_yields_idle_when_no_stop_is_waiting():
    """A real trace with idle_events: IDLE comes (the tracee sleeps), and the events are
    those of a trace without it (a stop that makes no event, as the spawned child's before its
    execve, may come between two IDLEs)."""
    def kinds(idle_events):
        opts = cli.parse_args(["-f", "-o", os.devnull, "sh", "-c", "sleep 0.1; exec true"])
        engine, output, _, _ = session.build(opts)
        try:
            engine.idle_events = idle_events
            session.start(engine, opts, shutil.which("sh"))
            return [kind for kind, _ in engine.events()]
        finally:
            output.close()

    held = kinds(True)
    assert IDLE in held
    plain = kinds(False)
    assert IDLE not in plain
    assert sorted(k for k in held if k is not IDLE) == sorted(plain)

