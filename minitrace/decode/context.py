"""The small world a decoder sees: memory reads, the style settings and the tracee ABI's data.

Decoders get a Context and a Syscall; they never call ptrace themselves (DESIGN rule 4).
"""
import syscalls

from minitrace import printers


class Context(object):
    def __init__(self, memory, style=None):
        self.memory = memory
        self.style = style or printers.Style()
        self._consts = {}
        self._errnos = {}
        self._tables = {}

    def read(self, call, addr, size):
        """Up to size bytes of the calling tracee's memory, or None."""
        if not addr:
            return None
        return self.memory.read(call.pid, addr, size)

    def read_cstring(self, call, addr, limit):
        return self.memory.read_cstring(call.pid, addr, limit)

    def constants(self, abi):
        c = self._consts.get(abi)
        if c is None:
            try:
                c = syscalls.constants(abi)
            except ValueError:
                c = {}
            self._consts[abi] = c
        return c

    def errno_names(self, abi):
        e = self._errnos.get(abi)
        if e is None:
            try:
                e = syscalls.errno_names(abi)
            except ValueError:
                e = {}
            self._errnos[abi] = e
        return e

    def flag_table(self, abi, names, **kw):
        """printers.flag_table(names, this ABI's constants, **kw), built once per ABI.
        `names` must be a module-level tuple (its identity is the cache key)."""
        key = (abi, id(names), "f")
        t = self._tables.get(key)
        if t is None:
            t = self._tables[key] = printers.flag_table(names, self.constants(abi), **kw)
        return t

    def enum_table(self, abi, names):
        """printers.enum_table(names, this ABI's constants), built once per ABI."""
        key = (abi, id(names), "e")
        t = self._tables.get(key)
        if t is None:
            t = self._tables[key] = printers.enum_table(names, self.constants(abi))
        return t
