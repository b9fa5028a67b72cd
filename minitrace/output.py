"""Where trace lines go: stderr, `-o FILE`, `-ff` per-process files, or `-o '|command'`.

Line-buffered to a terminal and to stderr, block-buffered to files and pipes (flushed every
0.2 s by the session); everything is flushed by close().
Messages (attach/detach, errors) always go to stderr, through the same stream when the trace
goes there too, so their order is kept.
"""
import errno
import io
import os

from minitrace import progname


class OutputError(Exception):
    pass


class _ReportingFile(io.FileIO):
    """A file whose failed writes (a full disk, an I/O error) are reported on stderr as strace
    reports them (`minitrace: FILE: No space left on device`) and dropped, so tracing goes on.
    strace flushes at every line end and reports each failed flush: one message per line lost.
    Lines reach this file in blocks, so a failed block reports one message per line it ends.
    A closed pipe (EPIPE) is raised: there is no one left to write to."""

    def __init__(self, fd, name):
        io.FileIO.__init__(self, fd, "w", closefd=True)
        self.label = name

    def write(self, data):
        try:
            return io.FileIO.write(self, data)
        except OSError as e:
            if e.errno == errno.EPIPE:
                raise
            lost = bytes(data).count(b"\n")
            if lost:
                os.write(2, ("%s: %s: %s\n" % (progname.NAME, self.label, e.strerror)).encode()
                         * lost)
            return len(data)


def _text_stream(fd, owned=True, line_buffered=False, name=None):
    """Block-buffered to a file; line-buffered to a terminal, or when `line_buffered` (stderr,
    which the tracee shares: its own output must stay in order with the trace lines)."""
    raw = _ReportingFile(fd, name) if name is not None else io.FileIO(fd, "w", closefd=owned)
    buf = io.BufferedWriter(raw, 1 << 16)
    return io.TextIOWrapper(buf, encoding="utf-8", errors="backslashreplace",
                            line_buffering=line_buffered or raw.isatty(), write_through=False)


class Stream(object):
    """One destination and the state of its current, possibly half-printed, line."""
    __slots__ = ("file", "partial", "col")

    def __init__(self, file):
        self.file = file
        self.partial = None     # the Syscall whose line is half printed here
        self.col = 0            # characters printed on the current line


class Output(object):
    def __init__(self, path=None, separate=False, append=False):
        self.path = path
        self.separate = bool(separate and path and not path.startswith(("|", "!")))
        self.append = append
        self.pipe = None
        self._streams = {}
        self.stderr = Stream(_text_stream(os.dup(2), line_buffered=True))
        if path is None:
            self.shared = self.stderr
        elif path.startswith(("|", "!")):
            import subprocess         # only for -o '|cmd': not at every start-up
            self.pipe = subprocess.Popen(path[1:], shell=True, stdin=subprocess.PIPE,
                                         close_fds=True)
            self.shared = Stream(io.TextIOWrapper(self.pipe.stdin, encoding="utf-8",
                                                  errors="backslashreplace"))
        elif self.separate:
            self.shared = None
        else:
            self.shared = Stream(self._open(path))
        self.to_stderr = self.shared is self.stderr

    def _open(self, path):
        flags = os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC | (os.O_APPEND if self.append else os.O_TRUNC)
        try:
            fd = os.open(path, flags, 0o666)
        except OSError as e:
            raise OutputError("Can't fopen '%s': %s" % (path, e.strerror))
        return _text_stream(fd, name=path)

    def stream(self, pid):
        """The stream for a tracee's lines."""
        if self.shared is not None:
            return self.shared
        s = self._streams.get(pid)
        if s is None:
            s = self._streams[pid] = Stream(self._open("%s.%d" % (self.path, pid)))
        return s

    def release(self, pid):
        """A tracee is gone: with -ff its file is complete."""
        if self.shared is None:
            s = self._streams.pop(pid, None)
            if s is not None:
                s.file.close()

    def message(self, text):
        """A line for the user on stderr (`minitrace: Process 1 attached`)."""
        f = self.stderr.file
        f.write(text + "\n")
        f.flush()

    def flush(self):
        for s in self._all():
            try:
                s.file.flush()
            except (OSError, ValueError):
                pass

    def _all(self):
        out = list(self._streams.values())
        if self.shared is not None and self.shared is not self.stderr:
            out.append(self.shared)
        out.append(self.stderr)
        return out

    def close(self):
        for s in self._all():
            try:
                s.file.close()
            except (OSError, ValueError):
                pass
        self._streams.clear()
        if self.pipe is not None:
            try:
                self.pipe.wait()
            except OSError:
                pass
