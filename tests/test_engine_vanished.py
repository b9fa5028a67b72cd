"""A syscall-entry stop whose tracee is killed before the tracer reads it (SIGKILL, another
thread's exit_group): strace 6.1 prints the call as `???` without arguments (its stub
sysent), whatever -e trace= says, and does not resume the tracee; its death ends the line with
`= ?`, no ` <unfinished ...>` (strace's kill_child test looks for `<... ??? resumed>) = ?`).
The engine's side, offline: a source whose read fails with ESRCH."""
import errno

from minitrace import engine, events, stops, sysent


class NoMemory(object):
    def forget(self, pid):
        pass


class GoneSource(object):
    def stop(self, pid, entering):
        raise OSError(errno.ESRCH, "No such process")


def entry_then_death(selects):
    eng = engine.Engine(sysent.SysTables(selects), GoneSource(), memory=NoMemory(),
                        decode_ctx=None)
    t = engine.Tracee(77)
    t.abi = "x86_64"
    eng.tracees[77] = t
    eng._syscall_entry(t)
    gone = list(eng._gone(t, stops.KILLED, (9, False)))
    return t, gone


def test_entry_unreadable_is_a_call_named_question_marks():
    t, gone = entry_then_death(lambda abi, nr, name: False)   # -e trace= selects nothing
    (kind, call), (kind2, ev) = gone
    assert kind == events.EXIT and kind2 == events.PROCESS_EXIT
    assert call.name == "???" and call.args == () and call.entry_text == ""
    assert call.ret is None                   # printed as `= ?`
    assert call.exit_text in (None, "")       # everything was printed at entry
    assert call.entry.traced and not call.entry.known
    assert call.nr is None and call.ip is None   # -n `[????]`, -i question marks
    assert ev.signal == 9


def test_entry_event_is_given_for_the_line_to_start():
    eng = engine.Engine(sysent.SysTables(lambda abi, nr, name: True), GoneSource(),
                        memory=None, decode_ctx=None)
    t = engine.Tracee(78)
    eng.tracees[78] = t
    kind, call = eng._syscall_entry(t)        # no abi seen yet: the host's
    assert kind == events.ENTER and call.name == "???" and call.abi == "x86_64"
    assert t.in_syscall and t.call is call
