"""Kernel ABI data: syscall tables, prototypes, strace classes and constants per ABI.

The lookup API over the modules that tools/gen_syscalls.py generates; every ABI's data is imported
only when first asked for. Hand-written; it holds no data of its own except CONVENTIONS.
"""
import importlib

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


def constants(abi):
    """dict NAME -> int of `abi`'s constants (O_*, AT_*, MAP_*, SIG*, E*, ...)."""
    c = _constants.get(abi)
    if c is None:
        _check(abi)
        mod = importlib.import_module("syscalls.consts_" + abi)
        c = _constants[abi] = mod.CONSTANTS
    return c


def errno_names(abi):
    """dict number -> canonical errno name of `abi` (EAGAIN, not EWOULDBLOCK)."""
    e = _errnos.get(abi)
    if e is None:
        _check(abi)
        mod = importlib.import_module("syscalls.consts_" + abi)
        e = _errnos[abi] = mod.ERRNO_NAMES
    return e
