"""strace's qualifying expressions: `-e trace=`, `-e signal=`, `-e status=`, `-e quiet=`.

Each parser turns the text into a small selector object, checked against every known name so
errors come out as strace words them. The trace selector is evaluated once per (ABI, number)
when the dispatch table is built, never per stop.
"""
import re

import syscalls

from minitrace import subcalls
from minitrace.libc import PosixRegex, PosixRegexError

# strace's class names: the %-names and the legacy spellings it still takes
# (strace(1) "-e trace="; "all" is the class of every syscall)
CLASS_ALIASES = {"%net": "%network", "network": "%network", "file": "%file",
                 "process": "%process", "signal": "%signal", "ipc": "%ipc", "desc": "%desc",
                 "memory": "%memory"}
STATUSES = ("successful", "failed", "unfinished", "unavailable", "detached")
QUIET = ("attach", "exit", "path-resolution", "personality", "thread-execve", "superseded")
QUIET_ALIASES = {"exits": "exit"}
# the `@designator` of `-e trace=NAME@64` per ABI (strace's PERSONALITY_DESIGNATORS)
DESIGNATORS = {"x86_64": "64", "i386": "32", "x32": "x32", "aarch64": "64", "arm": "32",
               "riscv64": "64", "ppc64le": "64", "s390x": "64"}
INT_MAX = 2 ** 31 - 1
_UINT = re.compile(r"[ \t\n\v\f\r]*([+-]?)([0-9]+)")


class QualifyError(Exception):
    """A bad value; `hint` adds strace's `Try ... -h` line."""

    def __init__(self, message, hint=False):
        Exception.__init__(self, message)
        self.hint = hint


def scan_uint(text, pos=0, max_val=INT_MAX):
    """strace's string_to_uint_ex: the number at text[pos:] (strtoll's leading blanks and sign)
    and where it ends, or (None, pos) when there is none or it is negative or above max_val."""
    m = _UINT.match(text, pos)
    if not m:
        return None, pos
    value = int(m.group(2))
    if m.group(1) == "-":
        value = -value
    if value < 0 or value > max_val:
        return None, pos
    return value, m.end()


def parse_uint(text, max_val=INT_MAX):
    """The whole of `text` as a number in 0..max_val (strace's string_to_uint), else None."""
    value, end = scan_uint(text, 0, max_val)
    return value if value is not None and end == len(text) else None


class TraceSet(object):
    """Which syscalls to trace, called with (abi, nr, name) for every number of a table (numbers
    outside the tables are always traced, as in strace). Each `set` replaces the previous
    selection, as each `-e trace=` does in strace."""

    def __init__(self):
        self.everything = True        # the selection is `all` (or `none`, negated)
        self.negate = False
        self.names = set()            # (abi, name)
        self.numbers = set()          # (abi, nr)
        self.patterns = []            # (abi, libc.PosixRegex)
        self.whole = set()            # abis of which every syscall is chosen (class `all`)

    def __call__(self, abi, nr, name):
        if self.everything:
            return not self.negate
        hit = (abi in self.whole or (abi, name) in self.names or (abi, nr) in self.numbers or
               (name is not None and any(a == abi and p.search(name) for a, p in self.patterns)))
        return hit != self.negate

    def set(self, text, abis):
        """Parse `[!]{[?]{NAME|NUMBER|%CLASS|/REGEX}[@DESIGNATOR],...|all|none}`;
        QualifyError as strace words it."""
        self.__init__()
        rest = text
        while rest.startswith("!"):
            self.negate = not self.negate
            rest = rest[1:]
        if rest == "none":
            self.negate = not self.negate
            return
        if rest == "all":
            return
        self.everything = False
        done = False
        for token in [t for t in rest.split(",") if t]:
            done = self._token(token, abis)
            if not done:
                raise QualifyError("invalid system call '%s'" % token)
        if not done:
            raise QualifyError("invalid system call '%s'" % text)

    add = set

    def _token(self, token, abis):
        found = False
        while token.startswith("?"):
            token = token[1:]
            found = True
        at = token.rfind("@")
        if at >= 0:
            designator = token[at + 1:]
            chosen = [abi for abi in abis if DESIGNATORS.get(abi) == designator]
            if not chosen:
                raise QualifyError("incorrect personality designator '%s' in qualification "
                                   "'%s'" % (designator, token), hint=True)
            token = token[:at]
        else:
            chosen = abis
        for abi in chosen:
            found = self._resolve(token, abi) or found
        return found

    def _resolve(self, v, abi):
        table = syscalls.table(abi)
        if v[:1].isdigit():
            nr = parse_uint(v)
            if nr is None or nr not in table.names:
                return False
            self.numbers.add((abi, nr))
            return True
        known = set(table.names.values())
        for name in table.names.values():         # socketcall/ipc: `send`, `semop` on i386
            known.update(subcalls.carried(name))
        if v.startswith("/"):
            try:
                pattern = PosixRegex(v[1:])
            except PosixRegexError as e:
                raise QualifyError("regcomp: %s: %s" % (v[1:], e))
            if not any(pattern.search(n) for n in known):
                return False
            self.patterns.append((abi, pattern))
            return True
        if v == "all":
            self.whole.add(abi)
            return True
        cls = CLASS_ALIASES.get(v, v)
        if cls.startswith("%"):
            try:
                members = syscalls.class_members(cls) | set(subcalls.carried_in_class(cls))
            except (KeyError, ValueError):
                members = None
            if members is not None:
                self.names.update((abi, n) for n in members & known)
                return True
        if v in known:
            self.names.add((abi, v))
            return True
        return False


def qualify_tokens(text, parse, kind):
    """strace's qualify_tokens: `[!]{all|none|V1,V2...}` -> (negate, values), `all` being
    `!none`; each token goes through `parse` (None: invalid), QualifyError as strace words it."""
    negate = False
    rest = text
    while rest.startswith("!"):
        negate = not negate
        rest = rest[1:]
    if rest == "none":
        return negate, set()
    if rest == "all":
        return not negate, set()
    chosen = set()
    tokens = [t for t in rest.split(",") if t]
    for token in tokens:
        value = parse(token)
        if value is None:
            raise QualifyError("invalid %s '%s'" % (kind, token))
        chosen.add(value)
    if not tokens:
        raise QualifyError("invalid %s '%s'" % (kind, text))
    return negate, chosen


class ValueSet(object):
    """A set of numbers from `[!]v1,v2`, `all`, `none` (-e signal=, -e read=, -e write=):
    callable with a number."""

    def __init__(self, everything=False):
        self.negate = everything      # `!{}` is everything
        self.numbers = set()

    def __call__(self, n):
        return (n in self.numbers) != self.negate

    def set(self, text, parse, kind):
        self.negate, self.numbers = qualify_tokens(text, parse, kind)


class SignalSet(ValueSet):
    """Which signals get `---` lines (all by default)."""

    def __init__(self):
        ValueSet.__init__(self, everything=True)

    def set(self, text, consts):
        ValueSet.set(self, text, lambda v: parse_signal(v, consts), "signal")


class NumberSet(ValueSet):
    """Descriptors for -e read=/write= (none by default)."""

    def set(self, kind, text):
        ValueSet.set(self, text, parse_uint, kind)


def parse_signal(value, consts, numbers_upto=255):
    """strace's sigstr_to_uint: `SIGTERM`, `TERM`, `term`, `SIGRT_3` or a number in
    0..255 -> signal number, or None."""
    if value[:1].isdigit():
        return parse_uint(value, numbers_upto)
    name = value.upper()
    if not name.startswith("SIG"):
        name = "SIG" + name
    n = consts.get(name)
    if isinstance(n, int) and n > 0 and name not in ("SIGSTKSZ", "SIGRTMIN", "SIGRTMAX"):
        return n
    m = re.match(r"^SIGRT_(\d+)$", name)
    if m and 1 <= int(m.group(1)) <= 32:
        return 32 + int(m.group(1))
    if name == "SIGRTMIN":
        return 32
    return None


def parse_choices(kind, text, choices, aliases=None):
    """`-e status=` / `-e quiet=` / `-e decode-fds=`: a set of names out of `choices`."""
    aliases = aliases or {}

    def parse(value):
        value = aliases.get(value, value)
        return value if value in choices else None
    negate, chosen = qualify_tokens(text, parse, kind)
    if negate:
        chosen = set(choices) - chosen
    return chosen


_UNITS = (("ns", 1e-9), ("us", 1e-6), ("ms", 1e-3), ("s", 1.0))


def parse_time(text):
    """strace's parse_ts: a non-negative integer or decimal number and an optional unit (s, ms,
    us, ns; microseconds without one) -> seconds, or None."""
    m = re.match(r"^([ \t\n\v\f\r]*[+-]?(?:[0-9]+|[0-9]*\.[0-9]+(?:[eE][+-]?[0-9]+)?|"
                 r"[0-9]+(?:\.[0-9]*)?[eE][+-]?[0-9]+|[0-9]+\.))(s|ms|us|ns)?$", text)
    if not m:
        return None
    number = m.group(1).strip()
    if "." in number or "e" in number.lower():
        value = float(number)
    else:
        value = parse_uint(number, 2 ** 63 - 1)
        if value is None:
            return None
    if value < 0:
        return None
    return value * dict((u, f) for u, f in _UNITS)[m.group(2) or "us"]
