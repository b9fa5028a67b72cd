"""session.Flusher: the SIGALRM that writes the buffered trace out while the engine waits."""
from minitrace import session


def test_the_alarm_flush_is_not_entered_again_inside_itself(monkeypatch):
    """A SIGALRM that cuts the flush made by the SIGALRM handler (a write blocked on a full
    pipe) runs the handler inside that write: it must neither flush again (a reentrant
    BufferedWriter write raises RuntimeError: seen once in strace's suite) nor leave the timer
    running while it flushes."""
    timer = []
    monkeypatch.setattr(session.signal, "setitimer", lambda which, *rest: timer.append(rest))
    monkeypatch.setattr(session.signal, "signal", lambda sig, handler: None)

    class Waiting(object):
        def waiting(self):
            return True

    class Output(object):
        flushes = 0

        def flush(self):
            self.flushes += 1
            assert timer[-1] == (0,), "the timer still runs while the alarm flushes"
            flusher.on_alarm(14, None)        # the next SIGALRM, run inside this write

    output = Output()
    flusher = session.Flusher(Waiting(), output)
    flusher.on_alarm(14, None)
    assert output.flushes == 1
    assert flusher.due and not flusher.flushing
