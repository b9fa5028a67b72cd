"""-P PATH: keep only the syscalls that name one of the paths, or use a descriptor open on one.

As strace 6.1 decides it, at syscall entry: a path argument matches when its string equals a
traced path as given or as resolved (strace compares the literal string); a descriptor
matches when /proc/PID/fd/N points at a traced path (a ` (deleted)` the kernel appended
dropped when the file really is gone). Which arguments are looked at: the table below for the
calls strace treats specially (fd pairs, *at calls, poll/select sets, fsconfig, indirect
arguments of old_mmap/oldselect, calls with no descriptor at all), otherwise the first argument,
as a path for a call of the %file class, as a descriptor for a %desc or %network one; a call of
none of these classes never matches.
"""
import os
import struct

import syscalls

from minitrace.arch import endian, long_bits
from minitrace.fdinfo import split_deleted
from minitrace.decode.memory import OLD_MMAP_ABIS
from minitrace.printers import PATH_MAX

# the ABIs whose `select` is strace's oldselect (its five arguments in a struct)
OLD_SELECT_ABIS = ("i386", "ppc64le")
MAX_FDS = 1024 * 1024          # poll/select sets longer than this are looked at up to here
POLLFD_SIZE = 8                # struct pollfd: int fd; short events, revents


def _args(*spec):
    """("fd", 0), ("path", 1)... from "fd0 path1"-style words."""
    return tuple((w.rstrip("0123456789"), int(w[len(w.rstrip("0123456789")):])) for w in spec)


FD_FD = _args("fd0", "fd1")
FD_PATH = _args("fd0", "path1")
PATH_PATH = _args("path0", "path1")
# name -> the arguments strace looks at, or the name of a method of PathFilter
SPECIAL = {}
for _names, _shape in (
        (("dup2", "dup3", "kexec_file_load", "sendfile", "sendfile64", "tee"), FD_FD),
        (("execveat", "faccessat", "faccessat2", "fchmodat", "fchownat", "fspick", "fstatat64",
          "futimesat", "inotify_add_watch", "mkdirat", "mknodat", "mount_setattr",
          "name_to_handle_at", "newfstatat", "open_tree", "openat", "openat2", "readlinkat",
          "statx", "unlinkat", "utimensat", "utimensat_time64"), FD_PATH),
        (("link", "mount", "pivot_root"), PATH_PATH),
        (("quotactl", "symlink"), _args("path1")),
        (("linkat", "move_mount", "renameat2", "renameat"),
         _args("fd0", "fd2", "path1", "path3")),
        (("mmap2",), _args("fd4")),
        (("symlinkat",), _args("fd1", "path2")),
        (("copy_file_range", "splice"), _args("fd0", "fd2")),
        (("epoll_ctl",), _args("fd2")),
        # these have a class strace filters but no descriptor or path argument to test
        (("accept4", "accept", "bpf", "epoll_create", "epoll_create1", "eventfd2", "eventfd",
          "fanotify_init", "fsmount", "fsopen", "inotify_init", "inotify_init1",
          "io_uring_enter", "io_uring_register", "io_uring_setup", "landlock_add_rule",
          "landlock_create_ruleset", "landlock_restrict_self", "memfd_create", "memfd_secret",
          "mq_getsetattr", "mq_notify", "mq_open", "mq_timedreceive", "mq_timedreceive_time64",
          "mq_timedsend", "mq_timedsend_time64", "perf_event_open", "pidfd_open", "pipe",
          "pipe2", "signalfd4", "signalfd", "socket", "socketpair", "timerfd_create",
          "timerfd_gettime", "timerfd_gettime64", "timerfd_settime", "timerfd_settime64",
          "userfaultfd"), ()),
        (("mmap",), "mmap"),
        (("select", "_newselect", "pselect6", "pselect6_time64"), "select"),
        (("poll", "ppoll", "ppoll_time64"), "poll"),
        (("fsconfig",), "fsconfig"),
        (("fanotify_mark",), "fanotify_mark")):
    for _name in _names:
        SPECIAL[_name] = _shape

# fsconfig commands (linux/mount.h FSCONFIG_*) -> the arguments looked at
FSCONFIG_ARGS = {"FSCONFIG_SET_PATH": _args("fd4", "path3"),
                 "FSCONFIG_SET_PATH_EMPTY": _args("fd4", "path3"),
                 "FSCONFIG_SET_FD": _args("fd4")}
FALLBACK = (("%file", _args("path0")), ("%desc", _args("fd0")), ("%network", _args("fd0")))


def resolve(paths):
    """The set of paths to match, and the `Requested path ... resolved into ...` notes."""
    chosen, notes = set(), []
    for path in paths:
        chosen.add(path)
        real = os.path.realpath(path)
        if real != path:
            chosen.add(real)
            notes.append('Requested path "%s" resolved into "%s"' % (path, real))
    return chosen, notes


def fd_path(pid, fd):
    """What /proc/PID/fd/FD points at, with the ` (deleted)` of a really deleted file dropped
    (strace's getfdpath), or None."""
    if fd < 0:
        return None
    link = "/proc/%d/fd/%d" % (pid, fd)
    try:
        target = os.readlink(link)
    except OSError:
        return None
    return split_deleted(link, target)[0]


def _int(value):
    """A descriptor argument as the C int strace reads it."""
    value &= 0xffffffff
    return value - (1 << 32) if value & 0x80000000 else value


class PathFilter(object):
    """Called with (memory, call) at syscall entry: True if the call touches a traced path."""

    def __init__(self, paths):
        self.paths, self.notes = resolve(paths)
        self.encoded = set(p.encode("utf-8", "surrogateescape") for p in self.paths)
        self._shapes = {}
        self._fsconfig_cmds = None

    def shape(self, name):
        """The arguments strace looks at for a syscall, or the name of a method."""
        shape = self._shapes.get(name)
        if shape is None:
            shape = SPECIAL.get(name)
            if shape is None:
                classes = syscalls.classes_of(name)
                shape = next((spec for cls, spec in FALLBACK if cls in classes), ())
            self._shapes[name] = shape
        return shape

    def __call__(self, memory, call):
        shape = self.shape(call.name)
        if isinstance(shape, str):
            return getattr(self, "_" + shape)(memory, call)
        return self._match(memory, call, call.args, shape)

    def _match(self, memory, call, args, shape):
        for kind, i in shape:
            if kind == "fd":
                if self.fd_matches(call.pid, _int(args[i])):
                    return True
            elif self.path_matches(memory, call.pid, args[i]):
                return True
        return False

    def path_matches(self, memory, pid, addr):
        if not addr:
            return False
        data, terminated = memory.read_cstring(pid, addr, PATH_MAX)
        return terminated and data in self.encoded

    def fd_matches(self, pid, fd):
        target = fd_path(pid, fd)
        return target is not None and target in self.paths

    def _longs(self, memory, call, addr, count):
        """`count` longs of the tracee at addr (the indirect arguments), or None."""
        size = long_bits(call.abi) // 8
        data = memory.read(call.pid, addr, count * size)
        if data is None or len(data) < count * size:
            return None
        return struct.unpack("%s%d%s" % (endian(call.abi), count, "Q" if size == 8 else "I"),
                             data)

    def _mmap(self, memory, call):
        if call.abi in OLD_MMAP_ABIS:
            args = self._longs(memory, call, call.args[0], 6)
            return args is not None and self.fd_matches(call.pid, _int(args[4]))
        return self.fd_matches(call.pid, _int(call.args[4]))

    def _select(self, memory, call):
        args = call.args
        if call.name == "select" and call.abi in OLD_SELECT_ABIS:
            args = self._longs(memory, call, args[0], 5)
            if args is None:
                return False
        nfds = min(_int(args[0]), MAX_FDS)
        if nfds <= 0:
            return False
        word = long_bits(call.abi) // 8
        size = ((nfds + 7) // 8 + word - 1) // word * word
        for addr in args[1:4]:
            if not addr:
                continue
            data = memory.read(call.pid, addr, size)
            if data is None or len(data) < size:
                continue
            words = struct.unpack("%s%d%s" % (endian(call.abi), size // word,
                                              "Q" if word == 8 else "I"), data)
            bits = sum(w << (i * word * 8) for i, w in enumerate(words))
            fd = 0
            while bits and fd < nfds:
                if bits & 1 and self.fd_matches(call.pid, fd):
                    return True
                bits >>= 1
                fd += 1
        return False

    def _poll(self, memory, call):
        start = call.args[0]
        nfds = min(call.args[1] & 0xffffffff, MAX_FDS)
        end = start + POLLFD_SIZE * nfds
        if nfds == 0 or end >> 64:
            return False
        data = memory.read(call.pid, start, POLLFD_SIZE * nfds) or b""
        code = endian(call.abi) + "i"
        for off in range(0, len(data) - POLLFD_SIZE + 1, POLLFD_SIZE):
            if self.fd_matches(call.pid, struct.unpack_from(code, data, off)[0]):
                return True
        return False

    def _fsconfig_args(self, call):
        if self._fsconfig_cmds is None:
            consts = syscalls.constants(call.abi)
            self._fsconfig_cmds = dict((consts[name], shape)
                                       for name, shape in FSCONFIG_ARGS.items() if name in consts)
        return self._fsconfig_cmds.get(call.args[1] & 0xffffffff, ())

    def _fsconfig(self, memory, call):
        return self._match(memory, call, call.args, self._fsconfig_args(call))

    def _fanotify_mark(self, memory, call):
        # the 64-bit mask takes two arguments on 32-bit ABIs
        first = 3 if long_bits(call.abi) == 64 or call.abi == "x32" else 4
        return self._match(memory, call, call.args, _args("fd%d" % first, "path%d" % (first + 1)))
