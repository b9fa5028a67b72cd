"""strace's qualifying expressions: `-e trace=`, `-e signal=`, `-e status=`, `-e quiet=`.

Each parser turns the text into a small selector object, checked against every known name so
errors come out as strace words them. The trace selector is evaluated once per (ABI, number)
when the dispatch table is built, never per stop.
"""
import re

import syscalls

from minitrace import subcalls

# strace's class names, with the old spellings it still takes (strace(1) "-e trace=")
CLASS_ALIASES = {"%net": "%network", "net": "%network", "network": "%network", "file": "%file",
                 "process": "%process", "signal": "%signal", "ipc": "%ipc", "desc": "%desc",
                 "memory": "%memory", "creds": "%creds", "clock": "%clock"}
STATUSES = ("successful", "failed", "unfinished", "unavailable", "detached")
QUIET = ("attach", "exit", "path-resolution", "personality", "thread-execve", "superseded")


class QualifyError(Exception):
    pass


def split_values(text):
    """`!a,b` -> (True, ["a", "b"])."""
    negate = False
    while text.startswith("!"):
        negate = not negate
        text = text[1:]
    return negate, [v for v in text.split(",") if v != ""] if text else []


class TraceSet(object):
    """Which syscalls to trace, called with (abi, nr, name) for every number of a table (numbers
    outside the tables are always traced, as in strace)."""

    def __init__(self):
        self.everything = True
        self.negate = False
        self.names = set()
        self.numbers = set()
        self.patterns = []

    def __call__(self, abi, nr, name):
        if self.everything:
            return not self.negate
        hit = (name in self.names or nr in self.numbers or
               (name is not None and any(p.search(name) for p in self.patterns)))
        return hit != self.negate

    def add(self, text, abis):
        negate, values = split_values(text)
        first = self.everything and not self.names and not self.numbers and not self.patterns
        if not first and negate != self.negate:
            # strace applies qualifiers in order; mixing ! and plain lists keeps the last form
            self.names, self.numbers, self.patterns = set(), set(), []
        self.everything = False
        self.negate = negate
        known = set()
        for abi in abis:
            names = syscalls.table(abi).names.values()
            known.update(names)
            for name in names:            # socketcall/ipc: `send`, `semop` on i386
                known.update(subcalls.carried(name))
        for value in values:
            optional = value.startswith("?")
            v = value[1:] if optional else value
            if v == "all":
                self.everything = True
                continue
            if v == "none":
                continue
            hits = self._resolve(v, known, abis)
            if hits is None and not optional:
                raise QualifyError("invalid system call '%s'" % value)
        if self.everything:
            self.names, self.numbers, self.patterns = set(), set(), []

    def _resolve(self, v, known, abis):
        if v.startswith("/"):
            try:
                pattern = re.compile(v[1:])
            except re.error as e:
                raise QualifyError("regcomp: %s: %s" % (v[1:], _regex_error(e)))
            matched = [n for n in known if pattern.search(n)]
            if not matched:
                return None
            self.patterns.append(pattern)
            return matched
        if v.isdigit():
            nr = int(v)
            if not any(nr in syscalls.table(abi).names for abi in abis):
                return None
            self.numbers.add(nr)
            return [nr]
        cls = CLASS_ALIASES.get(v, v)
        if cls.startswith("%"):
            try:
                members = syscalls.class_members(cls) | set(subcalls.carried_in_class(cls))
            except (KeyError, ValueError):
                return None
            if not members:
                return None
            self.names.update(members)
            return members
        base = v.split("@")[0]
        if base in known:
            self.names.add(base)
            return [base]
        return None


def _regex_error(e):
    return "Invalid regular expression"


class ValueSet(object):
    """A set of numbers from `[!]v1,v2`, `all`, `none` (-e signal=, -e read=, -e write=):
    callable with a number. `parse(value)` maps one value to a number or None (invalid)."""

    def __init__(self, everything=False):
        self.negate = everything      # `!{}` is everything
        self.numbers = set()

    def __call__(self, n):
        return (n in self.numbers) != self.negate

    def set(self, text, parse, kind):
        negate, values = split_values(text)
        chosen = set()
        everything = False
        for value in values:
            if value == "all":
                everything = True
            elif value != "none":
                n = parse(value)
                if n is None:
                    raise QualifyError("invalid %s '%s'" % (kind, value))
                chosen.add(n)
        if everything:
            negate, chosen = not negate, set()
        self.negate, self.numbers = negate, chosen


class SignalSet(ValueSet):
    """Which signals get `---` lines (all by default)."""

    def __init__(self):
        ValueSet.__init__(self, everything=True)

    def set(self, text, consts):
        ValueSet.set(self, text, lambda v: parse_signal(v, consts), "signal")


class NumberSet(ValueSet):
    """Descriptors for -e read=/write= (none by default)."""

    def set(self, kind, text):
        ValueSet.set(self, text, lambda v: int(v) if v.isdigit() else None, kind)


def parse_signal(value, consts):
    """`SIGTERM`, `TERM`, `term` or a number -> signal number, or None."""
    if value.isdigit():
        n = int(value)
        return n if 0 < n <= 64 else None
    name = value.upper()
    if not name.startswith("SIG"):
        name = "SIG" + name
    n = consts.get(name)
    if isinstance(n, int) and n > 0 and name not in ("SIGSTKSZ", "SIGRTMIN", "SIGRTMAX"):
        return n
    m = re.match(r"^SIGRT_(\d+)$", name)
    if m:
        return 32 + int(m.group(1))
    if name == "SIGRTMIN":
        return 32
    return None


def parse_choices(kind, text, choices):
    """`-e status=` / `-e quiet=`: a set of names out of `choices` ('all', 'none', '!')."""
    negate, values = split_values(text)
    chosen = set()
    for value in values:
        if value == "all":
            chosen.update(choices)
        elif value == "none":
            continue
        elif value in choices:
            chosen.add(value)
        else:
            raise QualifyError("invalid %s '%s'" % (kind, value))
    if negate:
        chosen = set(choices) - chosen
    return chosen

