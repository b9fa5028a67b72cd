"""-P PATH: keep only the syscalls that name one of the paths, or use a descriptor open on one.

A path argument matches when its string equals a traced path as given or as resolved
(strace compares the literal string); a descriptor argument matches when /proc/PID/fd/N points
at a traced path. The argument positions come from the kernel prototypes, once per syscall.
"""
import os

import syscalls

from minitrace.decode.generic import FD_ARGS, PATH_ARGS
from minitrace.printers import PATH_MAX



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


class PathFilter(object):
    """Called with (memory, call) at syscall entry: True if the call touches a traced path."""

    def __init__(self, paths):
        self.paths, self.notes = resolve(paths)
        self.encoded = set(p.encode("utf-8", "surrogateescape") for p in self.paths)
        self._positions = {}

    def positions(self, name):
        """(path argument indexes, fd argument indexes) of a syscall, from its prototype."""
        pos = self._positions.get(name)
        if pos is None:
            proto = syscalls.prototype(name) or ()
            paths = tuple(i for i, (ctype, arg) in enumerate(proto)
                          if arg in PATH_ARGS and "char" in ctype and "*" in ctype)
            fds = tuple(i for i, (ctype, arg) in enumerate(proto)
                        if arg in FD_ARGS and "*" not in ctype)
            pos = self._positions[name] = (paths, fds)
        return pos

    def __call__(self, memory, call):
        paths, fds = self.positions(call.name)
        for i in paths:
            addr = call.args[i]
            if addr:
                data, terminated = memory.read_cstring(call.pid, addr, PATH_MAX - 1)
                if terminated and data in self.encoded:
                    return True
        for i in fds:
            fd = call.args[i] & 0xffffffff
            if fd >= 0x80000000:
                continue
            try:
                target = os.readlink("/proc/%d/fd/%d" % (call.pid, fd))
            except OSError:
                continue
            if target in self.paths:
                return True
        return False
