"""Fault injection: `-e inject=SET:error=E|retval=N|signal=S|delay_enter=T|delay_exit=T:when=W`
and `-e fault=SET[:error=E][:when=W]` (strace(1) "Tampering").

A Rule says what to do to the chosen calls of its syscalls; an Injector counts the calls of each
tracee and syscall and, through the arch module's register writers, skips a call (its number
set to -1, or to syscall=NAME's) and sets its result. Signals and delays are carried out by the
engine when it resumes the tracee.
"""
import re

from minitrace import filters

_WHEN = re.compile(r"^(\d+)(?:\.\.(\d+))?(?:\+(\d*))?$")
# strace(1): delays are in microseconds unless a unit is given
_UNITS = (("ns", 1e-9), ("us", 1e-6), ("ms", 1e-3), ("s", 1.0))


class Rule(object):
    __slots__ = ("selects", "error", "retval", "signal", "delay_enter", "delay_exit",
                 "first", "last", "step", "syscall")

    def __init__(self):
        self.selects = filters.TraceSet()
        self.error = None         # positive errno to return
        self.retval = None        # value to return
        self.signal = None        # signal to deliver at exit
        self.delay_enter = 0.0    # seconds
        self.delay_exit = 0.0
        self.first, self.last, self.step = 1, None, 1
        self.syscall = None       # name of the syscall run instead of the skipped one

    @property
    def skips(self):
        """True when the call is not run at all (its result is ours)."""
        return self.error is not None or self.retval is not None

    def hits(self, count):
        """Is the count-th call (1-based) of a syscall one this rule acts on?"""
        if count < self.first or (self.last is not None and count > self.last):
            return False
        return (count - self.first) % self.step == 0 if self.step else count == self.first

    def mark(self):
        """The note strace adds after the result."""
        if self.skips:
            return " (INJECTED)"
        if self.delay_enter or self.delay_exit:
            return " (DELAYED)"
        return ""


_DELAY = re.compile(r"^\+?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")


def _seconds(text):
    """strace's parse_ts: a decimal number (fraction and exponent allowed: `8e5`, `.16E7`,
    `+8e8ns`) and an optional unit, microseconds by default."""
    scale, number = 1e-6, text
    for unit, factor in _UNITS:
        if text.endswith(unit):
            scale, number = factor, text[:-len(unit)]
            break
    if not _DELAY.match(number):
        raise ValueError(text)
    return float(number) * scale


def parse(kind, text, abis, consts, errno_numbers):
    """A Rule from `SET:key=value...` (kind is "inject" or "fault"); QualifyError if bad."""
    bad = filters.QualifyError("invalid %s argument '%s'" % (kind, text))
    parts = text.split(":")
    rule = Rule()
    rule.selects.add(parts[0], abis)        # an unknown name: "invalid system call", as strace
    for part in parts[1:]:
        key, eq, value = part.partition("=")
        if not eq or not value:
            raise bad
        try:
            if key == "error":
                rule.error = int(value) if value.isdigit() else errno_numbers[value]
                if rule.error <= 0:
                    raise ValueError(value)
            elif key == "retval":
                rule.retval = int(value, 0)
            elif key == "signal" and kind == "inject":
                rule.signal = filters.parse_signal(value, consts)
                if rule.signal is None:
                    raise ValueError(value)
            elif key == "delay_enter" and kind == "inject":
                rule.delay_enter = _seconds(value)
            elif key == "delay_exit" and kind == "inject":
                rule.delay_exit = _seconds(value)
            elif key == "syscall" and kind == "inject":
                rule.syscall = value
            elif key == "when":
                m = _WHEN.match(value)
                if not m or int(m.group(1)) < 1:
                    raise ValueError(value)
                rule.first = int(m.group(1))
                rule.last = int(m.group(2)) if m.group(2) else (None if m.group(3) is not None else rule.first)
                rule.step = int(m.group(3)) if m.group(3) else 1
            else:
                raise ValueError(key)
        except (ValueError, KeyError):
            raise bad
    if kind == "fault" and rule.error is None and rule.retval is None:
        rule.error = errno_numbers["ENOSYS"]          # strace: fault's default error
    if kind == "inject" and not (rule.skips or rule.signal or rule.delay_enter or rule.delay_exit):
        raise bad
    return rule


class Injector(object):
    """Counts calls per (tracee, ABI, number) and applies the first rule that hits."""

    def __init__(self, writer, numbers_of):
        self.writer = writer          # regs.RegisterWriter
        self.numbers_of = numbers_of  # abi -> {name: nr}, for syscall=NAME
        self.counts = {}

    def at_entry(self, pid, ent):
        """The Rule acting on this call (its entry side done), or None."""
        key = (pid, ent.abi, ent.nr)
        count = self.counts[key] = self.counts.get(key, 0) + 1
        for rule in ent.inject:
            if rule.hits(count):
                if rule.skips:
                    nr = -1
                    if rule.syscall is not None:
                        nr = self.numbers_of(ent.abi).get(rule.syscall, -1)
                    self.writer.set_nr(pid, nr)
                return rule
        return None

    def at_exit(self, pid, rule, call):
        """Set the injected result (and the call's view of it); the signal to deliver."""
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
