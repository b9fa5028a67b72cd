"""Syscall decoders: the registry (name -> decoder) and the decoder every syscall falls back to.

A decoder has three methods, each returning text and never printing:
  enter(ctx, call)  -> the arguments known at entry (ends in ", " when more follow at exit)
  exit(ctx, call)   -> the arguments filled in by the kernel
  result(ctx, call) -> the return value (errors included)
Family modules (process.py, ...) register theirs with @register("name", ...).
"""
import syscalls

from minitrace.decode.context import Context  # noqa: F401  (re-exported)
from minitrace.decode.generic import PrototypeDecoder, UnknownDecoder

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
    """The decoder for a syscall name: a registered one, else one built from its prototype."""
    _load_families()
    dec = REGISTRY.get(name)
    if dec is None:
        dec = _generic_cache.get(name)
        if dec is None:
            dec = _generic_cache[name] = PrototypeDecoder(name, syscalls.prototype(name))
    return dec


_loaded = []


def load_all():
    """Every decoder module, the lazily loaded ones too (tests: the layout registry, fuzzing)."""
    _load_families()
    from minitrace.decode import netlink
    netlink.load()


def _load_families():
    if _loaded:
        return
    _loaded.append(True)
    from minitrace.decode import (clock, desc, dirs, fcntl, file, futex, ioctl,  # noqa: F401
                                  ipc, ldt, memory, net, numa, poll, prctl, process,
                                  resource, sched, sigcalls, stat)
    from minitrace.decode import aio, fanotify, io_uring, keyctl, keys, landlock, perf  # noqa: F401
    from minitrace.decode import sockopt  # noqa: F401
    from minitrace.decode import seccomp  # noqa: F401
    from minitrace.decode import pidfd  # noqa: F401
    from minitrace.decode import syslog  # noqa: F401
    from minitrace.decode import sysctl  # noqa: F401
    from minitrace.decode import kcmp  # noqa: F401
    from minitrace.decode import ptrace  # noqa: F401
    from minitrace.decode import quota  # noqa: F401
    from minitrace.decode import ioprio  # noqa: F401
    from minitrace.decode import bpf  # noqa: F401
    from minitrace.decode import mount, module, reboot  # noqa: F401
