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
        self.interrupted = {}     # pid -> name of its call ended by ERESTART_RESTARTBLOCK
        self.fds = None           # -y: a fdinfo.FdDecorator
        self.pids = None          # -Y / --pidns-translation: a pidns.PidDecorator
        # a tracee's /proc entry (pidns.Translator.proc_pid: another number when /proc was
        # mounted from another PID namespace, 0 if none)
        self.proc_pid = _same_pid
        self.kvm_vcpu = False     # -e kvm=vcpu: KVM_RUN's result shows the vcpu's exit reason

    def read(self, call, addr, size):
        """Up to size bytes of a structure or array in the calling tracee's memory, or None.
        None also when `-e verbose=` excludes the call: strace then prints the address."""
        if not addr or not self.style.deref:
            return None
        return self.memory.read(call.pid, addr, size)

    def read_data(self, call, addr, size):
        """Up to size bytes of a string or data buffer, or None (printed whatever -e verbose=)."""
        if not addr:
            return None
        return self.memory.read(call.pid, addr, size)

    def read_cstring(self, call, addr, limit):
        return self.memory.read_cstring(call.pid, addr, limit)

    def constants(self, abi):
        """NAME -> value for this ABI (empty for an ABI without generated data)."""
        return _cached(self._consts, abi, syscalls.constants)

    def errno_names(self, abi):
        """errno number -> canonical name for this ABI."""
        names = self._errnos.get(abi)
        if names is None:
            names = _cached(self._errnos, abi, syscalls.errno_names)
        return names

    def flag_table(self, abi, names, **kw):
        """printers.flag_table(names, this ABI's constants, **kw), built once per ABI.
        `names` must be a module-level tuple (its identity is the cache key)."""
        key = (abi, id(names), "f", tuple(sorted(kw.items())) if kw else ())
        t = self._tables.get(key)
        if t is None:
            t = self._tables[key] = printers.flag_table(names, self.constants(abi), **kw)
        return t

    def memo(self, abi, name):
        """A dict in which a decoder keeps what it made for this ABI (texts of values that
        come back again and again), one per (abi, name), for the whole trace."""
        key = (abi, name, "m")
        kept = self._tables.get(key)
        if kept is None:
            kept = self._tables[key] = {}
        return kept

    def enum_table(self, abi, names):
        """printers.enum_table(names, this ABI's constants), built once per ABI."""
        key = (abi, id(names), "e")
        t = self._tables.get(key)
        if t is None:
            t = self._tables[key] = printers.enum_table(names, self.constants(abi))
        return t


def _same_pid(pid):
    return pid


def _cached(cache, abi, load):
    value = cache.get(abi)
    if value is None:
        try:
            value = load(abi)
        except ValueError:
            value = {}
        cache[abi] = value
    return value
