"""Syscall decoders: the registry (name -> decoder) and the decoder every syscall falls back to.

A decoder has three methods, each returning text and never printing:
  enter(ctx, call)  -> the arguments known at entry (ends in ", " when more follow at exit)
  exit(ctx, call)   -> the arguments filled in by the kernel
  result(ctx, call) -> the return value (errors included)
Family modules (process.py, ...) register theirs with @register("name", ...); each is imported
the first time one of its syscalls is looked up (index.py, written by tools/gen_decoder_index.py).
"""
import importlib

import syscalls

from minitrace.decode.context import Context  # noqa: F401  (re-exported)
from minitrace.decode.generic import PrototypeDecoder, UnknownDecoder
from minitrace.decode.index import MODULE_OF

REGISTRY = {}
UNKNOWN = UnknownDecoder()
_generic_cache = {}


def register(*names):
    """Class decorator: one instance of the class decodes each of `names`."""
    def wrap(cls):
        for name in names:
            REGISTRY[name] = cls(name)
        return cls
    return wrap


def lookup(name):
    """The decoder for a syscall name: a registered one (its family module imported the first
    time, as index.MODULE_OF names it), else one built from its prototype."""
    dec = REGISTRY.get(name)
    if dec is None:
        module = MODULE_OF.get(name)
        if module is not None:
            importlib.import_module("minitrace.decode." + module)
            dec = REGISTRY.get(name)
    if dec is None:
        dec = _generic_cache.get(name)
        if dec is None:
            dec = _generic_cache[name] = PrototypeDecoder(name, syscalls.prototype(name))
    return dec


# the modules that register decoders (tools/gen_decoder_index.py writes index.MODULE_OF from
# them, in this order): add a new family module here and run it
FAMILY_MODULES = (
    "clock", "desc", "dirs", "fcntl", "file", "futex", "ioctl", "ipc", "ldt", "memory", "net",
    "numa", "poll", "prctl", "process", "resource", "sched", "sigcalls", "stat", "aio",
    "fanotify", "io_uring", "keyctl", "keys", "landlock", "perf", "sockopt", "seccomp", "pidfd",
    "syslog", "sysctl", "kcmp", "ptrace", "quota", "ioprio", "bpf", "mount", "module", "reboot",
)


def load_all():
    """Every decoder module, the lazily loaded ones too (tests: the layout registry, fuzzing)."""
    for module in FAMILY_MODULES:
        importlib.import_module("minitrace.decode." + module)
    from minitrace.decode import ioctl, netlink, prctl
    ioctl.load_all()
    netlink.load()
    prctl.options()
