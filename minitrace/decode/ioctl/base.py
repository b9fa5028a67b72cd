"""What the ioctl family modules share: the _IOC fields of a command and the result markers.

A family module has `TYPES` (the _IOC_TYPE bytes it decodes) and
  enter(ctx, call, code, arg) -> None (not decoded: the argument prints as a number),
                                 NO_ARG (the command takes no argument: nothing more prints),
                                 (text, exit_needed): text is the argument printed at entry (or
                                 None: nothing yet); with exit_needed, exit() prints the rest;
                                 (text, exit_needed, state): exit() gets `state` (what it must
                                 know of the entry) from entry_state(call)
  exit(ctx, call, code, arg)  -> the rest of the argument, or None (the argument as a number).
and may have
  result(ctx, call, code)     -> the return value as strace annotates it (`= 5</dev/null>`,
                                 `= 268435456 (CLONE_NEWUSER)`), or None (the plain number).
"""

import struct

from minitrace import printers
from minitrace.decode.common import endian, failed

NO_ARG = ("", False)

# asm-generic/ioctl.h's field widths; powerpc's direction field is 3 bits at 29 with 13 size
# bits, and its _IOC_NONE is 1 (not 0), _IOC_READ 2, _IOC_WRITE 4.
NRBITS, TYPEBITS = 8, 8
_SIZEBITS = {"ppc64le": 13}
_DIRS = {"ppc64le": (1, 2, 4)}       # (none, read, write)
IOC_NONE, IOC_READ, IOC_WRITE = 0, 2, 1


def ioc_nr(code):
    return code & 0xff


def ioc_type(code):
    return (code >> NRBITS) & 0xff


def ioc_size(code, abi=None):
    bits = _SIZEBITS.get(abi, 14)
    return (code >> (NRBITS + TYPEBITS)) & ((1 << bits) - 1)


def ioc_dir(code, abi=None):
    """The direction as asm-generic numbers it: 0 none, 1 write, 2 read, 3 both (or other bits)."""
    bits = _SIZEBITS.get(abi, 14)
    d = code >> (NRBITS + TYPEBITS + bits)
    dirs = _DIRS.get(abi)
    if dirs is None:
        return d
    none, read, write = dirs
    if d == none:
        return 0
    return (2 if d & read else 0) | (1 if d & write else 0) | (d & ~(read | write | none) and 4)


def read_number(ctx, call, arg, code):
    """The number of struct format `code` ("i", "I", "q", "Q") at the argument, in the
    tracee's byte order, or None when unreadable."""
    size = struct.calcsize(code)
    data = ctx.read(call, arg, size) if arg else None
    if data is None or len(data) < size:
        return None
    return struct.unpack(endian(call) + code, bytes(data[:size]))[0]


def entry_state(call):
    """The third item of the family's enter() result (see the docstring), or None."""
    saved = call.saved
    return saved[2] if saved is not None and len(saved) > 2 else None


_numbers = {}


def command_numbers(abi):
    """{command name: number} of abi, from the generated tables."""
    t = _numbers.get(abi)
    if t is None:
        import syscalls
        t = _numbers[abi] = {}
        for number, names in syscalls.ioctl_names(abi).items():
            for name in names.split(" or "):
                t[name] = number
    return t


class TableFamily(object):
    """A family declared as tables of command names: the argument printed at entry (`IN`), at
    exit (`OUT`, the address when the call failed), or not at all (`NO_ARG`); each printer is
    function(ctx, call, arg) -> text. `BOTH` commands print at entry and exit: name ->
    (enter(ctx, call, arg) -> (text, exit_needed), exit(ctx, call, arg) -> text appended, the
    failed call included). Commands of the family's types it does not list print their argument
    as a number, as strace's default case. `results` annotate a command's return value: name ->
    function(ctx, call) -> text or None, called for a successful call only."""

    def __init__(self, types, inp=None, out=None, no_arg=(), both=None, results=None):
        self.TYPES = types
        self.inp, self.out, self.no_arg = inp or {}, out or {}, frozenset(no_arg)
        self.both = both or {}
        self.results = results or {}
        self._by_abi = {}

    def _name_of(self, abi):
        t = self._by_abi.get(abi)
        if t is None:
            nums = command_numbers(abi)
            t = self._by_abi[abi] = dict((nums[n], n) for n in
                                         set(self.inp) | set(self.out) | self.no_arg
                                         | set(self.both) | set(self.results)
                                         if n in nums)
        return t

    def result(self, ctx, call, code):
        name = self._name_of(call.abi).get(code)
        show = self.results.get(name)
        if show is None or failed(call):
            return None
        return show(ctx, call)

    def enter(self, ctx, call, code, arg):
        name = self._name_of(call.abi).get(code)
        if name is None:
            return None
        if name in self.no_arg:
            return NO_ARG
        if name in self.inp:
            return self.inp[name](ctx, call, arg), False
        if name in self.both:
            return self.both[name][0](ctx, call, arg)
        return None, True

    def exit(self, ctx, call, code, arg):
        name = self._name_of(call.abi).get(code)
        if name in self.both:
            return self.both[name][1](ctx, call, arg)
        if failed(call):
            return printers.ptr(arg)
        return self.out[name](ctx, call, arg)
