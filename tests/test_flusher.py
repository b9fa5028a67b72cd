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

        def write_while_waiting(self, write):
            write()

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


def test_a_fatal_signal_during_the_alarm_flush_does_not_write_lines_twice(tmp_path):
    """SIGINT whose handler runs inside the SIGALRM flush of a waiting engine, just after the
    -o file took the bytes (its write is Python code, the place a handler runs): the flush
    ends, the KeyboardInterrupt comes after it, and the file holds each line once. It came
    out of the write itself before, and the buffer wrote the same bytes again at exit."""
    import signal
    from minitrace import cli
    path = str(tmp_path / "trace")
    opts = cli.parse_args(["-f", "-o", path, "-p", "1"])
    engine, output, renderer, timeline = session.build(opts)
    flusher = session.Flusher(engine, output)
    try:
        stream = output.shared.file
        stream.write("".join("+++ exited with %d +++\n" % i for i in range(8)))
        raw = stream.buffer.raw
        real_write = raw.write

        def write_then_signal(data):
            n = real_write(data)
            engine.interrupt(signal.SIGINT)       # the handler, run after the write
            return n

        raw.write = write_then_signal
        engine._waiting = True                    # inside the blocking waitpid
        try:
            flusher.on_alarm(signal.SIGALRM, None)
        except KeyboardInterrupt:
            pass
        else:
            raise AssertionError("the fatal signal was lost")
        finally:
            engine._waiting = False
            raw.write = real_write
        assert engine.stop_signal == signal.SIGINT
    finally:
        flusher.stop()
        output.close()
    with open(path) as f:
        lines = f.read().splitlines()
    assert lines == ["+++ exited with %d +++" % i for i in range(8)]
