"""Architecture support: one module per kernel architecture, all behind the interface below.
Every module imports and decodes on any host; none calls ptrace (the tracer core does).

Pick a module with `for_machine()` (this host's `os.uname().machine`) or `by_name("aarch64")`;
`ALL` lists the module names. Each module defines:

  NAME            "x86_64", ...
  MACHINES        the os.uname().machine values it serves
  ABIS            the tracee ABIs this kernel runs, native first ("x86_64", "i386", "x32")
  REGSET_MAX      bytes to offer PTRACE_GETREGSET(NT_PRSTATUS); the kernel shortens the iovec to
                  the tracee's layout, and that LENGTH is what decode() tells ABIs apart by
  REGSET_SIZES    dict abi -> NT_PRSTATUS length of that ABI's tracees
  LAYOUTS         dict abi -> the register Layout (_common.py) decode() reads that ABI's
                  regset with; .fields gives each register's (offset, size)
  decode(regset_bytes) -> Regs, with
      .abi        the tracee ABI at this stop
      .nr         syscall number, unsigned in the ABI's word size (x32 keeps __X32_SYSCALL_BIT)
      .args       6 argument registers, unsigned, truncated to the ABI's word size
      .ret        return register, SIGNED in the ABI's word size (ppc64le: normalised to -errno)
      .ip, .sp    instruction and stack pointers
      .values     OrderedDict register name -> value in layout order (for a teaching view)
      A regset of an unknown length raises ValueError with a one-line message.
  with_nr(regset_bytes, nr) -> bytes
                  what to write with PTRACE_SETREGSET(NR_REGSET) to change the syscall number at
                  an entry stop (nr = -1 skips the syscall, for fault injection). Then, if
                  NR_REQUEST is not None, also call ptrace(NR_REQUEST, pid, 0, nr).
  with_ret(regset_bytes, value) -> bytes
                  the NT_PRSTATUS regset making the syscall return `value` (-errno for an error)
  NR_REGSET       note type for with_nr's bytes: NT_PRSTATUS (1) except aarch64, where it is
                  NT_ARM_SYSTEM_CALL (0x404) and with_nr returns a 4-byte int
  NR_REQUEST      None, or the ptrace request that alone changes the number (arm: PTRACE_SET_SYSCALL)
  AUDIT_ARCH      dict abi -> AUDIT_ARCH_* (linux/audit.h); several ABIs may share one value
                  (x32 reports AUDIT_ARCH_X86_64), so map back with abi_for()
  abi_for(arch, nr) -> abi or None
                  the ABI of a PTRACE_GET_SYSCALL_INFO stop from its .arch and .nr
  REG_NAMES       dict abi -> {"nr": reg, "args": (6 regs), "ret": reg}: the calling convention
                  of syscall(2), i.e. where the PROGRAM puts things
  STOP_REGS       the same shape: the registers of the regset decode() READS at a syscall stop
                  (x86_64 orig_rax for the number, ppc64le orig_gpr3 / s390x orig_gpr2 / arm
                  orig_r0 for the first argument). Every name is a key of Regs.values.
  DIRECTION_REG   dict abi -> register the kernel clobbers at syscall stops with 0 at entry and
                  1 at exit (aarch64 x7, arm ip); ABIs without one are absent
  ENTRY_ARG0_CLOBBER  dict abi -> the value a kernel may have stored in the first argument
                  register before the entry stop (riscv64: -ENOSYS); when decode() gives it, the
                  register path reads args[0] from /proc/PID/syscall. ABIs without one are absent
  STALE_NR_ON_RESTART  ABIs whose number register is not updated when the kernel restarts an
                  interrupted call as restart_syscall (arm); the register path reads the number
                  from /proc/PID/syscall at the entry after an ERESTART_RESTARTBLOCK exit and at
                  a tracee's first entry
  GETREGS_FALLBACK  None, or (request, size, to_regset): what the register path reads when
                  PTRACE_GETREGSET fails other than EPERM/ESRCH at its first use (strace's
                  getregs_old, x86_64 only): ptrace(request, pid, 0, buffer of `size` bytes),
                  then to_regset(bytes) gives the NT_PRSTATUS regset decode() reads
  LONG_SIZE       dict abi -> sizeof(long) and of a pointer in the tracee (x32: 4)
  ENDIAN          dict abi -> struct byte-order prefix, "<" or ">"

Registers that do not survive to the exit stop (the tracer must keep the entry values):
  aarch64 x0 and riscv64 a0 (args[0]), s390x r2 (nr).
"""

import functools
import importlib
import os

ALL = ["x86_64", "i386", "aarch64", "arm", "riscv64", "ppc64le", "s390x"]

# strace's personality names: `[ Process PID=N runs in 32 bit mode. ]`, `System call usage
# summary for x32 mode:`
_MODE_NAMES = {"x86_64": "64 bit", "i386": "32 bit", "x32": "x32", "aarch64": "64 bit",
               "arm": "32 bit", "riscv64": "64 bit", "ppc64le": "64 bit", "s390x": "64 bit"}


def mode_name(abi):
    """How strace names the personality of an ABI ("32 bit", "x32")."""
    return _MODE_NAMES.get(abi, abi)


def by_name(name):
    """The arch module called `name` (one of ALL)."""
    if name not in ALL:
        raise ValueError("minitrace: unknown architecture %r (known: %s)" % (name, ", ".join(ALL)))
    return importlib.import_module(__name__ + "." + name)


def for_machine(machine=None):
    """The arch module for a `os.uname().machine` value (default: this host)."""
    if machine is None:
        machine = os.uname()[4]
    for name in ALL:
        module = by_name(name)
        if machine in module.MACHINES:
            return module
    raise ValueError("minitrace: unsupported machine %r (supported: %s)" % (machine, ", ".join(ALL)))


# Per-ABI facts are asked for at every decoded call: each function below computes its answer
# once per ABI, then answers from functools' cache (one lookup in C).
_per_abi = functools.lru_cache(maxsize=None)


@_per_abi
def _abi_value(attr, abi, default):
    """`attr` (a dict keyed by ABI, e.g. LONG_SIZE) of whichever arch module runs `abi`."""
    for name in ALL:
        value = getattr(by_name(name), attr).get(abi)
        if value:
            return value
    return default


@_per_abi
def long_bits(abi):
    """Bits in a C long (and a pointer) of a tracee of this ABI (x32: 32), from LONG_SIZE."""
    return _abi_value("LONG_SIZE", abi, 8) * 8


@_per_abi
def long_mask(abi):
    """The mask of an unsigned C long of a tracee of this ABI: (1 << long_bits(abi)) - 1."""
    return (1 << long_bits(abi)) - 1


def register_layout(abi):
    """The register Layout of a tracee of this ABI (LAYOUTS of the arch module running it)."""
    return _abi_value("LAYOUTS", abi, None)


@_per_abi
def endian(abi):
    """The struct byte-order prefix ("<" or ">") of a tracee of this ABI, from ENDIAN."""
    return _abi_value("ENDIAN", abi, "<")
