"""riscv64 kernel: ABI riscv64. Decodes bytes only; never calls ptrace.

Layout: `struct user_regs_struct` of the uapi <asm/ptrace.h> (linux-libc-dev-riscv64-cross):
    pc ra sp gp tp t0 t1 t2 s0 s1 a0..a7 s2..s11 t3..t6      (32 eight-byte words, 256 bytes)
Only one ABI is decoded: a 256-byte regset. (A kernel with CONFIG_COMPAT would give rv32 tasks a
128-byte regset; that ABI is not supported and decode() says so.)

Syscall stops: the number is in a7 at entry and exit (the kernel re-reads a7 after the entry stop,
so changing it through NT_PRSTATUS works); a0 is overwritten by the result at exit and orig_a0 is
not part of user_regs_struct, so args[0] is valid at the entry stop only.
Since Linux 6.10 (backported to stable kernels) not even there: do_trap_ecall_u() in
arch/riscv/kernel/traps.c copies a0 to orig_a0 and sets a0 = -ENOSYS BEFORE the entry stop, so
the regset shows -ENOSYS as the first argument (seen on Debian 13's 6.12 under qemu,
tools/qemu_proof.py). ENTRY_ARG0_CLOBBER names that value; the register path then reads the
first argument from /proc/PID/syscall (task_current_syscall() -> syscall_get_arguments(), which
gives orig_a0). Older kernels left a0 alone, so a real first argument of -ENOSYS reads the same.
"""

from ._common import (EM_RISCV, NT_PRSTATUS, Layout, Reader, audit_arch, bad_length)

NAME = "riscv64"
MACHINES = ("riscv64",)
ABIS = ("riscv64",)

LAYOUT64 = Layout("riscv64", "<", [(n, "Q") for n in (
    "pc", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1",
    "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7",
    "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6")], 64)
assert LAYOUT64.size == 256

LAYOUTS = {"riscv64": LAYOUT64}
REGSET_SIZES = {"riscv64": LAYOUT64.size}
REGSET_MAX = LAYOUT64.size

# syscall(2): "riscv ecall a7 a0" / "a0 a1 a2 a3 a4 a5".
REG_NAMES = {"riscv64": {"nr": "a7", "args": ("a0", "a1", "a2", "a3", "a4", "a5"), "ret": "a0"}}
STOP_REGS = REG_NAMES

AUDIT_ARCH = {"riscv64": audit_arch(EM_RISCV, True, True)}  # AUDIT_ARCH_RISCV64 = 0xc00000f3
LONG_SIZE = {"riscv64": 8}
ENDIAN = {"riscv64": "<"}

NR_REGSET = NT_PRSTATUS
NR_REQUEST = None
DIRECTION_REG = {}
# -ENOSYS (asm-generic/errno-base.h: ENOSYS 38) as a 64-bit register: do_trap_ecall_u() stores it
# in a0 before the entry stop (Linux 6.10 and its stable backports; see the module docstring)
ENTRY_ARG0_CLOBBER = {"riscv64": (1 << 64) - 38}
STALE_NR_ON_RESTART = ()
GETREGS_FALLBACK = None

_read = Reader(LAYOUT64, REG_NAMES["riscv64"], "pc", "sp")


def decode(regset_bytes):
    """Regs of a 256-byte riscv64 NT_PRSTATUS register set."""
    if len(regset_bytes) != LAYOUT64.size:
        raise bad_length(NAME, regset_bytes, "256 (rv32 compat tracees are not supported)")
    return _read(regset_bytes)


def with_nr(regset_bytes, nr):
    """The register set with a7 = nr, for SETREGSET(NT_PRSTATUS)."""
    return LAYOUT64.replace(regset_bytes, {"a7": nr})


def with_ret(regset_bytes, value):
    """The register set with a0 = value (a negative errno or a result)."""
    return LAYOUT64.replace(regset_bytes, {"a0": value})


def abi_for(arch, nr):
    """The ABI of a PTRACE_GET_SYSCALL_INFO stop with this `arch` (AUDIT_ARCH_*) and number."""
    return "riscv64" if arch == AUDIT_ARCH["riscv64"] else None
