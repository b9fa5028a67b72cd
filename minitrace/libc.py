"""ctypes bindings to the libc calls minitrace needs: ptrace and process_vm_readv.

Errors are raised as OSError carrying errno. Constants come from linux/ptrace.h and
linux/elf.h (uapi), cited per group. Nothing here knows about syscalls or output.
"""
import ctypes
import errno
import os


def _load_libc(kind=ctypes.CDLL):
    """The C library: by its usual soname first (ctypes.util.find_library runs ldconfig or a
    compiler in a subprocess: milliseconds at every start-up), then by searching for it."""
    for name in ("libc.so.6", "libc.so"):
        try:
            return kind(name, use_errno=True)
        except OSError:
            pass
    from ctypes.util import find_library
    return kind(find_library("c") or None, use_errno=True)


_libc = _load_libc()
# The same library for the calls made at every stop (ptrace, process_vm_readv), which never
# block: called through a PyDLL handle, which keeps the GIL instead of releasing and taking it
# again around each call (two mutex operations and a condition check a call). minitrace runs
# no other thread, so holding it loses nothing.
_libc_held = _load_libc(ctypes.PyDLL)

# linux/ptrace.h: requests
PTRACE_TRACEME = 0
PTRACE_PEEKDATA = 2
PTRACE_PEEKUSER = 3
PTRACE_POKEDATA = 5
PTRACE_CONT = 7
PTRACE_KILL = 8
PTRACE_DETACH = 17
PTRACE_SYSCALL = 24
PTRACE_SETOPTIONS = 0x4200
PTRACE_GETEVENTMSG = 0x4201
PTRACE_GETSIGINFO = 0x4202
PTRACE_GETREGSET = 0x4204
PTRACE_SETREGSET = 0x4205
PTRACE_SEIZE = 0x4206
PTRACE_INTERRUPT = 0x4207
PTRACE_LISTEN = 0x4208
PTRACE_GET_SYSCALL_INFO = 0x420e

REQUEST_NAMES = {
    PTRACE_SEIZE: "PTRACE_SEIZE", PTRACE_INTERRUPT: "PTRACE_INTERRUPT",
    PTRACE_SYSCALL: "PTRACE_SYSCALL", PTRACE_DETACH: "PTRACE_DETACH",
    PTRACE_LISTEN: "PTRACE_LISTEN", PTRACE_GETREGSET: "PTRACE_GETREGSET",
    PTRACE_GET_SYSCALL_INFO: "PTRACE_GET_SYSCALL_INFO", PTRACE_SETOPTIONS: "PTRACE_SETOPTIONS",
}

# linux/ptrace.h: options
PTRACE_O_TRACESYSGOOD = 0x01
PTRACE_O_TRACEFORK = 0x02
PTRACE_O_TRACEVFORK = 0x04
PTRACE_O_TRACECLONE = 0x08
PTRACE_O_TRACEEXEC = 0x10
PTRACE_O_TRACEVFORKDONE = 0x20
PTRACE_O_TRACEEXIT = 0x40
PTRACE_O_TRACESECCOMP = 0x80
PTRACE_O_EXITKILL = 0x100000

# linux/ptrace.h: events (status >> 16)
PTRACE_EVENT_FORK = 1
PTRACE_EVENT_VFORK = 2
PTRACE_EVENT_CLONE = 3
PTRACE_EVENT_EXEC = 4
PTRACE_EVENT_VFORK_DONE = 5
PTRACE_EVENT_EXIT = 6
PTRACE_EVENT_SECCOMP = 7
PTRACE_EVENT_STOP = 128

# linux/ptrace.h: struct ptrace_syscall_info.op
PTRACE_SYSCALL_INFO_NONE = 0
PTRACE_SYSCALL_INFO_ENTRY = 1
PTRACE_SYSCALL_INFO_EXIT = 2
PTRACE_SYSCALL_INFO_SECCOMP = 3

# linux/elf.h
NT_PRSTATUS = 1

# linux/wait.h
WALL = 0x40000000

_ptrace = _libc.ptrace
_ptrace.argtypes = (ctypes.c_long, ctypes.c_long, ctypes.c_void_p, ctypes.c_void_p)
_ptrace.restype = ctypes.c_long
_get_errno = ctypes.get_errno

# The calls made at every stop (PTRACE_SYSCALL/PTRACE_CONT in resume(), GET_SYSCALL_INFO in
# regs.py) go through a second handle without argtypes: converting the arguments is a third of
# the cost of a ctypes call. ctypes then passes Python ints as C int, which libffi widens to
# the register that va_arg(void *) reads, and ctypes arrays as pointers. So give it small ints
# (a request, a pid, a size, a signal) and ctypes buffers, never an address as an int (it would
# be cut to 32 bits). Returns -1 on failure, with errno set (see raise_errno()).
fast_ptrace = _libc_held["ptrace"]
fast_ptrace.restype = ctypes.c_long
_set_errno = ctypes.set_errno


def ptrace(request, pid, addr=0, data=0):
    """Call ptrace(2); raise OSError(errno) on failure. Returns the long result."""
    result = _ptrace(request, pid, addr, data)
    if result == -1:
        err = _get_errno()
        if err:
            raise OSError(err, os.strerror(err))
    return result


def resume(request, pid, sig=0):
    """PTRACE_SYSCALL / PTRACE_CONT (the call made at every stop, so without a wrapper in
    between): a tracee that is already gone (ESRCH) is not an error, waitpid reports its end."""
    if fast_ptrace(request, pid, 0, sig) == -1:
        resume_failed()


def resume_failed():
    """After a resume through `fast_ptrace` returned -1 (the engine makes the call itself at
    syscall stops): raise its OSError, unless the tracee is gone (ESRCH)."""
    err = _get_errno()
    if err and err != errno.ESRCH:
        raise OSError(err, os.strerror(err))


def raise_errno():
    """Raise the OSError of the last failed call (for callers of `fast_ptrace`)."""
    err = _get_errno()
    raise OSError(err, os.strerror(err))


def ptrace_peek(request, pid, addr):
    """PTRACE_PEEK*: -1 is a valid word, so errno is cleared first and checked after."""
    _set_errno(0)
    result = _ptrace(request, pid, addr, 0)
    if result == -1:
        err = _get_errno()
        if err:
            raise OSError(err, os.strerror(err))
    return result


class iovec(ctypes.Structure):
    _fields_ = (("iov_base", ctypes.c_void_p), ("iov_len", ctypes.c_size_t))


# process_vm_readv(2) on prepared iovecs (memory.py), through a handle without argtypes, as
# fast_ptrace: small ints and ctypes objects (byref(iovec)) only. Returns -1 on failure, with
# errno set (get_errno()). None when this libc does not have it.
process_vm_readv = getattr(_libc_held, "process_vm_readv", None)
if process_vm_readv is not None:
    process_vm_readv.restype = ctypes.c_ssize_t
# process_vm_writev(2), the same way (inject.py's pokes, as strace's upoken tries it first)
process_vm_writev = getattr(_libc, "process_vm_writev", None)
if process_vm_writev is not None:
    process_vm_writev.restype = ctypes.c_ssize_t
get_errno = _get_errno


_prctl = _libc.prctl
_prctl.argtypes = (ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong)
_prctl.restype = ctypes.c_int


def prctl(option, arg2=0, arg3=0, arg4=0, arg5=0):
    if _prctl(option, arg2, arg3, arg4, arg5) == -1:
        err = _get_errno()
        raise OSError(err, os.strerror(err))


def execve(path, argv, env_entries):
    """execve(2) with an environment given as a list of b"NAME=VALUE" entries, passed as they
    are (order, duplicates): os.execve takes a mapping. Raises OSError; never returns."""
    def strings(items):
        arr = (ctypes.c_char_p * (len(items) + 1))()
        arr[:-1] = [os.fsencode(s) for s in items]
        arr[-1] = None
        return arr
    _libc.execve(os.fsencode(path), strings(list(argv)), strings(list(env_entries)))
    err = ctypes.get_errno()
    raise OSError(err, os.strerror(err))
_cpuset_size = []


def cpuset_size():
    """The smallest CPU mask size (bytes) the running kernel accepts, as strace's
    get_cpuset_size probes it: sched_getaffinity(0, size, NULL) fails with EINVAL while the
    size is too small (and EFAULT once it is large enough); 128 if the probe says nothing."""
    if not _cpuset_size:
        size = 128
        while size < 1 << 31:
            if _libc.sched_getaffinity(0, ctypes.c_size_t(size), None) != -1 or \
                    ctypes.get_errno() != errno.EINVAL:
                break
            size <<= 1
        else:
            size = 128
        _cpuset_size.append(size)
    return _cpuset_size[0]


# regex.h (glibc and musl agree on these two)
REG_EXTENDED = 1
REG_NOSUB = 8
_REGEX_T_SIZE = 512             # room for any libc's regex_t (glibc's is 64 bytes on x86_64)


class PosixRegexError(ValueError):
    """regcomp refused a pattern; the message is regerror's (`Unmatched ( or \\(`)."""


class PosixRegex(object):
    """A POSIX extended regular expression compiled by the C library, as strace compiles
    `-e trace=/REGEX` (regcomp with REG_EXTENDED | REG_NOSUB): the same syntax, the same
    matches and regerror's words, which Python's re module does not give."""

    def __init__(self, pattern):
        self._preg = ctypes.create_string_buffer(_REGEX_T_SIZE)
        self._compiled = False
        rc = _libc.regcomp(self._preg, os.fsencode(pattern), REG_EXTENDED | REG_NOSUB)
        if rc:
            buf = ctypes.create_string_buffer(512)
            _libc.regerror(rc, self._preg, buf, ctypes.c_size_t(len(buf)))
            raise PosixRegexError(buf.value.decode("utf-8", "replace"))
        self._compiled = True

    def search(self, text):
        """True when the expression matches somewhere in `text`."""
        return _libc.regexec(self._preg, os.fsencode(text), ctypes.c_size_t(0), None, 0) == 0

    def __del__(self):
        if self._compiled:
            self._compiled = False
            _libc.regfree(self._preg)
