"""Fault injection: `-e inject=SET:error=E|retval=N|signal=S|delay_enter=T|delay_exit=T:when=W`
and `-e fault=SET[:error=E][:when=W]` (strace(1) "Tampering").

A Rule says what to do to the chosen calls of its syscalls; an Injector counts the calls of each
tracee and syscall and, through the arch module's register writers, skips a call (its number
set to -1, or to syscall=NAME's) and sets its result. Signals and delays are carried out by the
engine when it resumes the tracee.
"""
import ctypes
import errno
import os
import re

from minitrace import filters, libc
from minitrace.progname import warn

_WHEN = re.compile(r"^(\d+)(?:\.\.(\d+))?(?:\+(\d*))?$")
# strace(1): delays are in microseconds unless a unit is given


class Rule(object):
    __slots__ = ("selects", "error", "retval", "signal", "delay_enter", "delay_exit",
                 "first", "last", "step", "syscall", "poke_enter", "poke_exit")

    def __init__(self):
        self.selects = filters.TraceSet()
        self.error = None         # positive errno to return
        self.retval = None        # value to return
        self.signal = None        # signal to deliver at exit
        self.delay_enter = 0.0    # seconds
        self.delay_exit = 0.0
        self.first, self.last, self.step = 1, None, 1
        self.syscall = None       # name of the syscall run instead of the skipped one
        self.poke_enter = []      # [(argument number 1..7, bytes)] written at entry
        self.poke_exit = []       # ... and at exit

    @property
    def skips(self):
        """True when the call is not run at all (its result is ours)."""
        return self.error is not None or self.retval is not None

    def hits(self, count):
        """Is the count-th call (1-based) of a syscall one this rule acts on?"""
        if count < self.first or (self.last is not None and count > self.last):
            return False
        return (count - self.first) % self.step == 0 if self.step else count == self.first



_MAX_ERRNO = 4095


def _errno_numbers(abi):
    """Errno names (any case, as strace's find_errno_by_name) -> numbers."""
    import syscalls
    return dict((name.upper(), nr) for nr, name in syscalls.errno_names(abi).items())


def _when(rule, value):
    """strace's when=: F, F+, F+S, F..L, F..L+S (1 <= F <= L <= 65535, S <= 65535)."""
    first, end = filters.scan_uint(value, 0, 0xffff)
    if not first or (end < len(value) and value[end] not in "+."):
        return False
    rule.first, rule.last, rule.step = first, None, 0
    if value[end:end + 1] == ".":
        if value[end + 1:end + 2] != ".":
            return False
        last, end = filters.scan_uint(value, end + 2, 0xffff)
        if last is None or last < first or last == 0xffff or \
                (end < len(value) and value[end] != "+"):
            return False
        rule.last, rule.step = last, 1
    if end < len(value):
        step_text = value[end + 1:]
        if step_text:
            step = filters.parse_uint(step_text, 0xffff)
            if not step:
                return False
            rule.step = step
        else:
            rule.step = 1
    return True


def _pokes(text):
    """`@argN=HEX,...` of poke_enter=/poke_exit= -> [(N, bytes)], or None if bad."""
    pokes = []
    if not text:
        return None
    for token in [t for t in text.split(",") if t]:
        m = re.match(r"^@arg([1-7])=(.*)$", token)
        if not m:
            return None
        data = m.group(2)
        if not data or len(data) % 2 or len(data) > 2048:
            return None
        if any(n == int(m.group(1)) for n, _ in pokes):      # one poke per argument
            return None
        try:
            pokes.append((int(m.group(1)), bytes(bytearray(int(data[i:i + 2], 16)
                                                           for i in range(0, len(data), 2)))))
        except ValueError:
            return None
    return pokes


def _token(rule, kind, token, abis, seen):
    """One `key=value` of an inject/fault expression (strace's parse_inject_token)."""
    import syscalls
    key, eq, value = token.partition("=")
    if not eq:
        return False
    inject_only = ("retval", "signal", "poke_enter", "poke_exit", "delay_enter", "delay_exit")
    if kind == "fault" and key in inject_only:
        return False
    once = {"error": "result", "retval": "result"}.get(key, key)
    if once in seen and key != "when":
        return False
    seen.add(once)
    if key == "when":
        return _when(rule, value)
    if key == "syscall":
        # only pure syscalls, known in every personality (strace)
        for abi in abis:
            if value not in syscalls.table(abi).numbers or \
                    value not in syscalls.class_members("%pure"):
                return False
        rule.syscall = value
        return True
    if key == "error":
        n = filters.parse_uint(value, _MAX_ERRNO)
        if n is None:
            n = _errno_numbers(abis[0]).get(value.upper())
        if not n:
            return False
        rule.error = n
        return True
    if key == "retval":
        m = re.match(r"^[ \t\n\v\f\r]*(\+|-)?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$", value)
        if not m:
            return False
        n = int(m.group(2), 16 if m.group(2)[:2].lower() == "0x" else
                (8 if m.group(2).startswith("0") and len(m.group(2)) > 1 else 10))
        if m.group(1) == "-":
            n = -n % (1 << 64)
        if n >= 1 << 64:
            return False
        rule.retval = n - (1 << 64) if n >= 1 << 63 else n      # the kernel's signed long
        return True
    if key == "signal":
        import syscalls as _s
        n = filters.parse_signal(value, _s.constants(abis[0]))
        if not n or n > 64:
            return False
        rule.signal = n
        return True
    if key in ("poke_enter", "poke_exit"):
        pokes = _pokes(value)
        if pokes is None:
            return False
        setattr(rule, key, pokes)
        return True
    if key in ("delay_enter", "delay_exit"):
        seconds = filters.parse_time(value)
        if seconds is None:
            return False
        setattr(rule, key, seconds)
        return True
    return False


def parse(kind, text, abis):
    """A Rule from `SET:key=value...` (kind is "inject" or "fault"), as strace's
    qualify_inject_common: the keys first, then the syscall set; QualifyError if bad."""
    bad = filters.QualifyError("invalid %s argument '%s'" % (kind, text))
    rule = Rule()
    if not text or text.startswith(":"):
        name, tokens = "", []
    else:
        parts = [p for p in text.split(":") if p]
        name, tokens = parts[0], parts[1:]
    seen = set()
    for token in tokens:
        if not _token(rule, kind, token, abis, seen):
            raise bad
    rule.selects.set(name, abis)            # an unknown name: "invalid system call", as strace
    if not (rule.skips or rule.signal or rule.delay_enter or rule.delay_exit or
            rule.poke_enter or rule.poke_exit):
        if kind == "inject":
            raise bad
        rule.error = _errno_numbers(abis[0])["ENOSYS"]    # fault's default error
    return rule


class Hit(object):
    """One call a Rule acts on: the rule's actions, and what was done to this call (for the
    note after its result, strace's print_injected_note)."""
    __slots__ = ("rule", "args", "poked", "name", "nargs")

    def __init__(self, rule, args, name=None, nargs=6):
        self.rule = rule
        self.args = args          # the call's arguments (poke_exit writes through them)
        self.poked = False
        self.name = name          # the syscall's name and argument count (poke messages)
        self.nargs = nargs

    def __getattr__(self, name):
        return getattr(self.rule, name)

    def mark(self):
        note = ""
        if self.rule.skips and self.poked:
            note = " (INJECTED: args, retval)"
        elif self.poked:
            note = " (INJECTED: args)"
        elif self.rule.skips:
            note = " (INJECTED)"
        if self.rule.delay_enter or self.rule.delay_exit:
            note += " (DELAYED)"
        return note


def _vm_write(pid, data, addr):
    """process_vm_writev of data at addr: the bytes written, or -errno."""
    if libc.process_vm_writev is None:
        return -errno.ENOSYS
    buf = ctypes.create_string_buffer(bytes(data), len(data))
    local = libc.iovec(ctypes.cast(buf, ctypes.c_void_p), len(data))
    remote = libc.iovec(addr, len(data))
    n = libc.process_vm_writev(pid, ctypes.byref(local), 1, ctypes.byref(remote), 1, 0)
    return n if n >= 0 else -libc.get_errno()


def _mem_write(pid, data, addr):
    """The bytes written through /proc/PID/mem (which writes read-only pages, as
    PTRACE_POKEDATA does, and stops at the first inaccessible page), or -errno."""
    try:
        fd = os.open("/proc/%d/mem" % pid, os.O_RDWR)
    except OSError as e:
        return -e.errno
    try:
        return os.pwrite(fd, data, addr)
    except OSError as e:
        return -e.errno
    except OverflowError:
        return -errno.EIO
    finally:
        os.close(fd)


def upoken(pid, addr, data):
    """strace's upoken: process_vm_writev, a short write reported; where the address space
    refuses it, word by word as PTRACE_POKEDATA writes (read-only pages too), a short write
    reported with its error. The number of bytes written."""
    length = len(data)
    n = _vm_write(pid, data, addr)
    if n == length:
        return length
    if n >= 0:
        warn("upoken", "pid:%d short write (%d < %d) @%#x" % (pid, n, length, addr))
        return n
    if -n == errno.ESRCH:
        return 0
    if -n not in (errno.ENOSYS, errno.EPERM, errno.EFAULT, errno.EIO):
        warn("upoken", "pid:%d @%#x: %s" % (pid, addr, os.strerror(-n)))
        return 0
    n = _mem_write(pid, data, addr)
    if n == length:
        return length
    if n > 0:            # stopped at an inaccessible page: PTRACE_POKEDATA's EIO there
        warn("upoken_pokedata", "pid:%d short write (%d < %d) @%#x: %s" % (
            pid, n, length, addr, os.strerror(errno.EIO)))
        return n
    return 0


def poke(pid, hit, pokes):
    """strace's poke_tcb: write each (argument number, bytes) of `pokes` at the address in that
    argument, with strace's messages for an argument the call does not have and for a poke
    that wrote nothing; True if any was written."""
    done = False
    for arg_no, data in reversed(pokes):       # strace keeps them last given first
        if hit.nargs < arg_no:
            warn("poke_tcb", "Failed to tamper with process %d: requested to tamper with "
                 "argument #%d, but system call '%s' has only %d arguments"
                 % (pid, arg_no, hit.name, hit.nargs))
            continue
        if hit.args is None:
            continue
        if upoken(pid, hit.args[arg_no - 1], data):
            done = True
        else:
            warn("poke_tcb", "Failed to tamper with process %d: couldn't poke" % pid)
    return done


class Injector(object):
    """Counts calls per (tracee, ABI, number) and applies the last rule naming the syscall
    (a later -e inject=/fault= of a syscall replaces an earlier one, as in strace)."""

    def __init__(self, writer, numbers_of):
        self.writer = writer          # regs.RegisterWriter
        self.numbers_of = numbers_of  # abi -> {name: nr}, for syscall=NAME
        self.counts = {}

    def at_entry(self, pid, ent, args=None):
        """The Hit acting on this call (its entry side done), or None."""
        key = (pid, ent.abi, ent.nr)
        count = self.counts[key] = self.counts.get(key, 0) + 1
        rule = ent.inject[-1]
        if not rule.hits(count):
            return None
        hit = Hit(rule, args, ent.name, ent.nargs)
        if rule.skips:
            nr = -1
            if rule.syscall is not None:
                nr = self.numbers_of(ent.abi).get(rule.syscall, -1)
            self.writer.set_nr(pid, nr)
        if rule.poke_enter:
            hit.poked = poke(pid, hit, rule.poke_enter)
        return hit

    def at_exit(self, pid, hit, call):
        """Set the injected result (and the call's view of it); the signal to deliver."""
        rule = hit.rule
        if rule.poke_exit:
            hit.poked = poke(pid, hit, rule.poke_exit) or hit.poked
        if rule.skips:
            value = -rule.error if rule.error is not None else rule.retval
            self.writer.set_ret(pid, value)
            if call is not None:
                call.ret = value
                call.error = rule.error or 0
        return rule.signal or 0

    def forget(self, pid):
        for key in [k for k in self.counts if k[0] == pid]:
            del self.counts[key]
