"""Kernel ABI data: syscall tables, prototypes, strace classes and constants per ABI.

The lookup API over the modules that tools/gen_syscalls.py generates; every ABI's data is imported
only when first asked for. Hand-written; it holds no data of its own except CONVENTIONS.
"""
import importlib
import re

ABIS = ("x86_64", "i386", "x32", "aarch64", "arm", "riscv64", "ppc64le", "s390x")

# Registers of the system call instruction per ABI, from the syscall(2) man page (tables
# "Architecture calling conventions": the syscall number, arg1..arg6 and the return value).
CONVENTIONS = {
    "x86_64": {"nr": "rax", "args": ("rdi", "rsi", "rdx", "r10", "r8", "r9"), "ret": "rax"},
    "i386": {"nr": "eax", "args": ("ebx", "ecx", "edx", "esi", "edi", "ebp"), "ret": "eax"},
    "x32": {"nr": "rax", "args": ("rdi", "rsi", "rdx", "r10", "r8", "r9"), "ret": "rax"},
    "aarch64": {"nr": "x8", "args": ("x0", "x1", "x2", "x3", "x4", "x5"), "ret": "x0"},
    "arm": {"nr": "r7", "args": ("r0", "r1", "r2", "r3", "r4", "r5"), "ret": "r0"},
    "riscv64": {"nr": "a7", "args": ("a0", "a1", "a2", "a3", "a4", "a5"), "ret": "a0"},
    "ppc64le": {"nr": "r0", "args": ("r3", "r4", "r5", "r6", "r7", "r8"), "ret": "r3"},
    "s390x": {"nr": "r1", "args": ("r2", "r3", "r4", "r5", "r6", "r7"), "ret": "r2"},
}

_tables = {}
_constants = {}
_errnos = {}


def _check(abi):
    if abi not in ABIS:
        raise ValueError("unknown ABI %r (known: %s)" % (abi, ", ".join(ABIS)))


class Table(object):
    """One ABI's system calls: .names (nr -> name), .numbers (name -> nr), .nargs (nr -> count)."""

    def __init__(self, abi, syscalls):
        self.abi = abi
        self.names = dict((nr, v[0]) for nr, v in syscalls.items())
        self.numbers = dict((v[0], nr) for nr, v in syscalls.items())
        self.nargs = dict((nr, v[1]) for nr, v in syscalls.items())

    def __repr__(self):
        return "<syscalls.Table %s: %d system calls>" % (self.abi, len(self.names))


def table(abi):
    """The syscall table of `abi` (ValueError if unknown)."""
    t = _tables.get(abi)
    if t is None:
        _check(abi)
        mod = importlib.import_module("syscalls.table_" + abi)
        t = _tables[abi] = Table(abi, mod.SYSCALLS)
    return t


def prototype(name, abi=None):
    """((C type, argument name), ...) of syscall `name`, or None if unknown.

    With `abi`, the prototype that ABI's kernel uses where it differs (clone's argument order).
    """
    from syscalls import prototypes
    if abi is not None:
        _check(abi)
        p = prototypes.ABI_PROTOTYPES.get(abi, {}).get(name)
        if p is not None:
            return p
    return prototypes.PROTOTYPES.get(name)


def classes_of(name):
    """frozenset of the strace classes ("%file", "%desc", "%%stat", ...) syscall `name` is in."""
    from syscalls import classes
    return frozenset(classes.CLASSES.get(name, ()))


def class_members(cls):
    """frozenset of the syscall names in strace class `cls` ("%file"); ValueError if unknown."""
    from syscalls import classes
    if cls not in classes.CLASS_NAMES:
        raise ValueError("unknown class %r (known: %s)" % (cls, " ".join(classes.CLASS_NAMES)))
    return frozenset(n for n, c in classes.CLASSES.items() if cls in c)


class ConstantTable(object):
    """NAME -> int over a generated CONSTANTS_TEXT (`\\nNAME VALUE` lines, sorted): a name is
    looked up in the text when first asked for, then kept. A trace asks for a few dozen of the
    ten thousand names; a dict of all of them costs 1.3 MB and 15 ms at every start. Reads as
    a dict (get, [], in, iteration, items); `prefixed()` lists the names of one prefix without
    building the rest. Iterating parses every line once."""

    __slots__ = ("_text", "_found", "_all")
    WINDOW = 512

    def __init__(self, text):
        self._text = text
        self._found = {}          # name -> value, or None: not in the table
        self._all = None          # the whole dict, once something iterates

    def _lookup(self, name):
        """Bisect the sorted lines down to a window of WINDOW characters, then find the line
        in it: about 10 us, where one find over the whole text took 100 us (W4 asks for 300
        names)."""
        if not isinstance(name, str):    # as a dict: any other key is just not there
            self._found[name] = None
            return None
        text = self._text
        lo, hi = 0, len(text)         # the line of `name`, if any, lies inside text[lo:hi]
        while hi - lo > self.WINDOW:
            start = text.find("\n", (lo + hi) >> 1, hi) + 1
            if start == 0 or start >= hi:
                break
            here = text[start:text.index(" ", start)]
            if here < name:           # ' ' sorts before every character of a name
                lo = start
            elif here > name:
                hi = start
            else:
                lo, hi = start - 1, len(text)
                break
        at = text.find("\n%s " % name, lo, hi)
        if at < 0:
            value = None
        else:
            start = at + len(name) + 2
            value = int(text[start:text.index("\n", start)])
        self._found[name] = value
        return value

    def get(self, name, default=None):
        try:
            value = self._found[name]
        except KeyError:
            value = self._lookup(name)
        return default if value is None else value

    def __getitem__(self, name):
        value = self.get(name)
        if value is None:
            raise KeyError(name)
        return value

    def __contains__(self, name):
        return self.get(name) is not None

    def prefixed(self, prefix):
        """[(name, value), ...] of the names starting with `prefix`, sorted by name."""
        pattern = re.compile(r"\n(%s[^ \n]*) (-?\d+)" % re.escape(prefix))
        return [(m.group(1), int(m.group(2))) for m in pattern.finditer(self._text)]

    def _dict(self):
        if self._all is None:
            self._all = dict(self.prefixed(""))
        return self._all

    def __iter__(self):
        return iter(self._dict())

    def __len__(self):
        return len(self._dict())

    def keys(self):
        return self._dict().keys()

    def values(self):
        return self._dict().values()

    def items(self):
        return self._dict().items()

    def __repr__(self):
        return "<syscalls.ConstantTable: %d names>" % (self._text.count("\n") - 1)


def constants(abi):
    """`abi`'s constants (O_*, AT_*, MAP_*, SIG*, E*, ...), NAME -> int: a ConstantTable."""
    c = _constants.get(abi)
    if c is None:
        _check(abi)
        mod = importlib.import_module("syscalls.consts_" + abi)
        c = _constants[abi] = ConstantTable(mod.CONSTANTS_TEXT)
    return c


def errno_names(abi):
    """dict number -> canonical errno name of `abi` (EAGAIN, not EWOULDBLOCK)."""
    e = _errnos.get(abi)
    if e is None:
        _check(abi)
        mod = importlib.import_module("syscalls.consts_" + abi)
        e = _errnos[abi] = mod.ERRNO_NAMES
    return e


_ioctls = {}


def ioctl_names(abi):
    """dict ioctl command number -> its name(s) as strace prints them (`A or B`) for `abi`
    (generated by tools/gen_ioctls.py)."""
    t = _ioctls.get(abi)
    if t is None:
        _check(abi)
        mod = importlib.import_module("syscalls.ioctls_" + abi)
        t = _ioctls[abi] = mod.IOCTLS
    return t
