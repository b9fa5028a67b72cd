"""-k / --stack-traces: the stack of each syscall and signal, as strace -k prints it.

maps.py (the tracee's mappings), elf.py (symbols, CFI sections), cfi.py (DWARF call frame
information), unwind.py (the walk). `Capture` is what the engine holds: it reads the registers
of a stop and walks. Only the host's own 64-bit personality is walked, as strace (built with
libunwind) does: a 32-bit tracee on x86_64 gets no stack lines. Hosts whose ABI is in
unwind.ABIS: x86_64 and aarch64 (the registers come from the arch module's decode(), by name).
"""
import ctypes

from minitrace import libc

# strace's syscall flags: stack taken at entry (STACKTRACE_CAPTURE_ON_ENTER: the call replaces
# or ends the program), and calls after which the mappings are read again (MEMORY_MAPPING_CHANGE)
AT_ENTRY = frozenset(("execve", "execveat", "exit", "exit_group"))
CHANGES_MAPS = frozenset(("mmap", "mmap2", "old_mmap", "mprotect", "munmap", "brk", "mremap",
                          "shmat", "shmdt", "remap_file_pages", "pkey_mprotect", "execve",
                          "execveat", "exit", "exit_group"))


class Capture(object):
    """walk(pid, abi) -> frames of a stopped tracee; invalidate() after a mapping change,
    forget(pid) when a process is gone or has exec'd. The engine sets what walk() returns as
    the event's `field`, also at an execve's exit (`after_exec`: the new image's stack)."""

    field = "stack"
    after_exec = True

    def __init__(self, memory, arch, maps=None, files=None):
        from minitrace.stack.unwind import ABIS, Unwinder    # only with -k: lzma, mmap...
        self.arch = arch
        self.abi = arch.ABIS[0]
        self.unwinder = (Unwinder(memory.read, self.abi, maps=maps, files=files)
                         if self.abi in ABIS else None)
        self._buf = ctypes.create_string_buffer(arch.REGSET_MAX)
        self._iov = libc.iovec(ctypes.addressof(self._buf), arch.REGSET_MAX)

    @staticmethod
    def held(frames):
        """A stack taken at entry (AT_ENTRY): strace queues it as text (unwind.c's queue, with
        its own formats) and prints a frame without a symbol as `path(+0x0)`, not `path()`;
        such a frame gets symbol "" (frame_line prints the symbol format for any symbol not
        None; --json and the API still say null)."""
        return [f._replace(symbol="") if f.path is not None and f.symbol is None else f
                for f in frames]

    def invalidate(self):
        if self.unwinder is not None:
            self.unwinder.invalidate()

    def forget(self, pid):
        if self.unwinder is not None:
            self.unwinder.forget(pid)

    def walk(self, pid, abi):
        if self.unwinder is None or abi != self.abi:
            return None
        self._iov.iov_len = self.arch.REGSET_MAX
        try:
            libc.ptrace(libc.PTRACE_GETREGSET, pid, libc.NT_PRSTATUS, ctypes.addressof(self._iov))
            regs = self.arch.decode(ctypes.string_at(self._buf, self._iov.iov_len))
        except (OSError, ValueError):
            return None
        if regs.abi != self.abi:
            # the exit of an execve into a 32-bit program: strace's libunwind, still in the
            # 64-bit personality, fails on it at once; later stops of that program get no stack
            from minitrace.stack.unwind import Frame
            return [Frame(None, "unexpected_backtracing_error", 0, regs.ip)] if regs.ip else []
        try:
            return self.unwinder.walk(pid, regs.values)
        except Exception:            # a hostile or corrupt image never ends the trace
            return None
