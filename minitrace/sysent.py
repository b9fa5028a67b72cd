"""Per-ABI dispatch tables: syscall number -> SysEnt (name, argument count, decoder, traced?).

Each SysEnt is built once, at its number's first stop, from the generated `syscalls` data; the
hot path then does one dict lookup per stop and decides from the number alone whether to
decode anything.
"""
import syscalls

from minitrace import stack
from minitrace import decode, subcalls
from minitrace.decode.generic import Decoder, RawDecoder, StyledDecoder


# The calls that replace a program image: a spawned child is shown from its first one on.
EXEC_SYSCALLS = frozenset(("execve", "execveat"))
# The calls whose result is a new file descriptor: -y decorates it (`= 3</etc/passwd>`).
FD_RESULT_SYSCALLS = frozenset((
    "open", "openat", "openat2", "creat", "dup", "dup2", "dup3", "socket", "accept", "accept4",
    "eventfd", "eventfd2", "epoll_create", "epoll_create1", "timerfd_create", "signalfd",
    "signalfd4", "memfd_create", "inotify_init", "inotify_init1", "fanotify_init", "pidfd_open",
    "pidfd_getfd", "userfaultfd", "perf_event_open", "io_uring_setup", "mq_open", "open_tree",
    "fsopen", "fsmount", "fspick", "open_by_handle_at", "memfd_secret"))


class SysEnt(object):
    __slots__ = ("abi", "nr", "name", "nargs", "decoder", "traced", "known", "is_exec",
                 "decoded_at_entry", "inject", "returns_fd", "subcall", "changes_maps",
                 "stack_at_entry", "enter_while_running")

    def __init__(self, abi, nr, name, nargs, decoder, traced, known=True):
        self.abi = abi
        self.nr = nr
        self.name = name
        self.nargs = nargs
        self.decoder = decoder
        self.traced = traced
        self.known = known
        self.is_exec = name in EXEC_SYSCALLS
        self.returns_fd = name in FD_RESULT_SYSCALLS
        # -k/--py-stack (minitrace.stack): read the mappings again after it; take the stack at
        # entry (strace's MEMORY_MAPPING_CHANGE and STACKTRACE_CAPTURE_ON_ENTER)
        self.changes_maps = name in stack.CHANGES_MAPS
        self.stack_at_entry = name in stack.AT_ENTRY
        # a decoder without an exit part has printed everything at entry (strace's
        # RVAL_DECODED): a call cut short then ends `pause() = ?`, not `<unfinished ...>`
        inner = getattr(decoder, "decoder", decoder)
        self.decoded_at_entry = type(inner).exit is Decoder.exit
        # its entry text may be made after the tracee is resumed (Decoder.enter_while_running);
        # never an exec's (its memory is replaced by the call)
        self.enter_while_running = (getattr(inner, "enter_while_running", False) and
                                    not self.is_exec)
        self.inject = ()              # the inject.Rules that select this syscall
        # socketcall/ipc: (memory, pid, args) -> (SysEnt, args) of the call they carry
        self.subcall = None


class SysTables(object):
    """Dispatch dicts, one per ABI, filled number by number (`entry`). `selects(abi, nr, name)`
    is the trace filter."""

    def __init__(self, selects, inject_rules=(), raw=None, style_for=None, on_invalid=None):
        self.selects = selects
        self.inject_rules = tuple(inject_rules)
        self.raw = raw                      # -e raw=: selector of the syscalls printed raw
        self.style_for = style_for          # -e abbrev=/verbose=: (abi, nr, name) -> Style or None
        # -d: (pid, nr) -> None, told at every entry of a number outside the tables (strace's
        # get_scno says so each time): such a number's SysEnt is then not kept, so each of its
        # stops comes back to entry()
        self.on_invalid = on_invalid
        self._tables = {}
        self._subentries = {}

    def get(self, abi):
        """The dispatch dict of `abi`: number -> SysEnt, for the numbers seen so far (look a
        number up with `.get(nr) or tables.entry(abi, nr)`)."""
        table = self._tables.get(abi)
        if table is None:
            table = self._tables[abi] = {}
        return table

    def entry(self, abi, nr, pid=0):
        """The SysEnt of a number, built and kept in get(abi) at its first stop: from the
        generated data, or strace's "syscall_0x..." form for a number outside them (`pid`
        stopped at it)."""
        table = self.get(abi)
        ent = table.get(nr)
        if ent is not None:
            return ent
        data = _data(abi)
        name = data.names.get(nr) if data is not None else None
        if name is None:
            # strace traces numbers outside its tables whatever -e trace= says
            ent = SysEnt(abi, nr, "syscall_%#x" % nr, 6, decode.UNKNOWN, True, known=False)
            if self.on_invalid is not None:
                self.on_invalid(pid, nr)
                return ent
        else:
            ent = self._build(abi, nr, nr, name, name, data.nargs.get(nr, 6))
            expander = subcalls.MULTIPLEXERS.get(name)
            if expander is not None:
                ent.subcall = expander(self, abi, ent)
        table[nr] = ent
        return ent

    def vanished(self, abi):
        """The SysEnt of a syscall-entry stop whose tracee was killed before it could be read
        (SIGKILL, or another thread's exit_group): strace's stub `???`, no arguments, shown
        whatever -e trace= says (`???() = ?`, or `<... ??? resumed>) = ?` when cut)."""
        key = (abi, "???")
        ent = self._subentries.get(key)
        if ent is None:
            ent = self._subentries[key] = SysEnt(abi, -1, "???", 0, decode.UNKNOWN, True,
                                                 known=False)
        return ent

    def subentry(self, abi, mux, name, decoder_name, nargs):
        """The SysEnt of a call carried by the multiplexer `mux` (subcalls.py): its own name,
        decoder, filter and inject rules (a number filter does not select it, as in strace),
        the multiplexer's number (which fault injection changes)."""
        key = (abi, name, decoder_name)
        ent = self._subentries.get(key)
        if ent is None:
            ent = self._subentries[key] = self._build(abi, mux.nr, None, name, decoder_name,
                                                      nargs)
        return ent

    def _build(self, abi, nr, fnr, name, decoder_name, nargs):
        """A SysEnt; `fnr` is the number the filters see (None: none)."""
        ent = SysEnt(abi, nr, name, nargs, self._decoder(abi, fnr, name, decoder_name, nargs),
                     self.selects(abi, fnr, name))
        if ent.traced:            # strace tampers with traced syscalls only
            ent.inject = tuple(r for r in self.inject_rules if r.selects(abi, fnr, name))
        return ent

    def untraced(self, abi):
        """The known numbers of `abi` that the trace filter leaves out (--seccomp-bpf)."""
        data = _data(abi)
        if data is None:
            return set()
        return set(nr for nr, name in data.names.items()
                   if not self.selects(abi, nr, name) and not self._carries_traced(abi, name))

    def _carries_traced(self, abi, name):
        """A multiplexer stops if any call it carries is traced."""
        return any(self.selects(abi, None, sub) for sub in subcalls.carried(name))

    def _decoder(self, abi, nr, name, decoder_name, nargs):
        if self.raw is not None and self.raw(abi, nr, name):
            return RawDecoder(name, nargs)
        dec = decode.lookup(decoder_name)
        if self.style_for is not None:
            style = self.style_for(abi, nr, name)
            if style is not None:
                dec = StyledDecoder(dec, style)
        return dec


def _data(abi):
    """The generated table of `abi` (None for an ABI without one)."""
    try:
        return syscalls.table(abi)
    except ValueError:
        return None
