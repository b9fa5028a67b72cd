"""--py-stack: the Python frames of the thread that made each syscall, in a CPython tracee.

locate.py finds the CPython of a process (libpython or the executable, from its ELF symbols)
and its layout (layouts.py, generated per minor version by tools/gen_pyoffsets.py); frames.py
reads the thread's frames; linetable.py turns bytecode offsets into lines. `PyCapture` is what
the engine holds: walk(pid, abi) at a stop gives PyFrame tuples, innermost first, or None for a
process that is not CPython (or a thread running no Python). x86_64 tracees only.

With -k, `lines()` places the Python frames among the native ones: each Python frame after
the native _PyEval_EvalFrameDefault frame that evaluates it (one evaluation runs one Python
frame up to 3.10, a run of them ending at an "entry" frame from 3.11); any left over follow
the native frames.
"""
import ctypes

from minitrace import libc
from minitrace.pystack.frames import PyFrame  # noqa: F401 (minitrace.pystack.PyFrame)

EVAL_SYMBOLS = frozenset(("_PyEval_EvalFrameDefault", "PyEval_EvalFrameEx"))
ABI = "x86_64"
RETRY = 64


def frame_line(f):
    """The text of one Python frame, in the manner of -k's lines."""
    return " > [python] %s:%s in %s" % (f.filename, f.line if f.line is not None else "?", f.name)


def lines(native, python):
    """The text of a stack: native frames (minitrace.stack.unwind.Frame, or None) with the
    Python frames (PyFrame, or None) placed after their evaluation frames; each line ends in a
    newline."""
    out = []
    python = list(python or ())
    if native:
        from minitrace.stack.unwind import frame_line as native_line
        for f in native:
            out.append(native_line(f))
            if python and f.symbol in EVAL_SYMBOLS:
                while python:
                    py = python.pop(0)
                    out.append(frame_line(py))
                    if py.entry:
                        break
    out.extend(frame_line(py) for py in python)
    return "".join(line + "\n" for line in out)


class PyCapture(object):
    """walk(pid, abi) -> Python frames of a stopped thread; invalidate() after a mapping
    change, forget(pid) when a process is gone or has exec'd."""

    field = "python_stack"        # the engine's name for what walk() returns
    after_exec = False            # nothing to read at an execve's exit: no interpreter yet
    held = None                   # a stack taken at entry prints as any other

    def __init__(self, memory, arch, maps=None, files=None):
        from minitrace.pystack.locate import find
        from minitrace.stack.maps import Maps
        from minitrace.stack.unwind import Files
        self.memory = memory
        self.arch = arch
        self._find = find
        self._files = files or Files()
        self.maps = maps or Maps()
        self.readers = {}         # tgid -> Reader, or (maps generation, tries) when none was found
        self.tgids = {}           # tid -> tgid
        self._buf = ctypes.create_string_buffer(arch.REGSET_MAX)
        self._iov = libc.iovec(ctypes.addressof(self._buf), arch.REGSET_MAX)

    def invalidate(self):
        self.maps.invalidate()

    def forget(self, pid):
        tgid = self.tgids.pop(pid, pid)
        self.readers.pop(tgid, None)
        self.maps.forget(pid)

    def _tgid(self, pid):
        tgid = self.tgids.get(pid)
        if tgid is None:
            tgid = pid
            try:
                with open("/proc/%d/status" % pid) as f:
                    for line in f:
                        if line.startswith("Tgid:"):
                            tgid = int(line.split()[1])
                            break
            except (IOError, OSError, ValueError):
                pass
            self.tgids[pid] = tgid
        return tgid

    def _reader(self, pid):
        from minitrace.pystack.frames import Reader
        tgid = self._tgid(pid)
        got = self.readers.get(tgid)
        if got is not None and not isinstance(got, tuple):
            return got
        if got is not None:
            generation, tries = got
            if generation == self.maps.generation and tries % RETRY:
                # not CPython, and no mapping change seen (with --seccomp-bpf or -e trace=
                # the loader's mmaps may go unseen: look again every RETRY-th stop)
                self.readers[tgid] = (generation, tries + 1)
                return None
        self.maps.forget(pid)
        table = self.maps.of(pid)
        memory = self.memory

        def read(addr, size):
            return memory.read(pid, addr, size)
        interp = None
        if table is not None:
            interp = self._find(pid, table.mappings, read, self._image)
        if interp is None:
            self.readers[tgid] = (self.maps.generation, 1)
            return None
        reader = self.readers[tgid] = Reader(interp, None, self.memory.invalidate)
        return reader

    def _image(self, path):
        info = self._files.get(path)
        return info.elf if info is not None else None

    def _fs_base(self, pid):
        self._iov.iov_len = self.arch.REGSET_MAX
        try:
            libc.ptrace(libc.PTRACE_GETREGSET, pid, libc.NT_PRSTATUS, ctypes.addressof(self._iov))
            regs = self.arch.decode(ctypes.string_at(self._buf, self._iov.iov_len))
        except (OSError, ValueError):
            return 0
        return regs.values.get("fs_base", 0)

    def walk(self, pid, abi):
        if abi != ABI:
            return None
        try:
            reader = self._reader(pid)
            if reader is None:
                return None
            memory = self.memory
            reader.read = lambda addr, size: memory.read(pid, addr, size)
            fs_base = 0 if "tstate_native_thread_id" in reader.lay else self._fs_base(pid)
            return reader.frames(pid, fs_base) or None
        except Exception:             # a hostile or torn image never ends the trace
            return None
