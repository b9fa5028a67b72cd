"""aarch64 (arm64) kernel: ABIs aarch64 and its 32-bit compat ABI "arm" (EABI).
Decodes bytes only; never calls ptrace.

64-bit layout: `struct user_pt_regs { __u64 regs[31]; __u64 sp; __u64 pc; __u64 pstate; }` of the
uapi <asm/ptrace.h> (linux-libc-dev-arm64-cross): x0..x30 sp pc pstate (34 words, 272 bytes).
32-bit layout: see arm.py (uregs[18], 72 bytes).

How decode() tells the ABI: by the length alone. A compat (AArch32) tracee gets the aarch32 regset
view (task_user_regset_view(): is_compat_thread()), whose NT_PRSTATUS is 18*4 = 72 bytes -> "arm";
272 bytes -> "aarch64".

Syscall stops (aarch64): the number is in x8 at entry and exit; x0 is overwritten by the result at
exit and struct user_pt_regs has no orig_x0, so args[0] is valid at the entry stop only.
Quirks:
  * x7 (compat: ip/r12) is clobbered at syscall stops: 0 at entry, 1 at exit (report_syscall() in
    arch/arm64/kernel/ptrace.c); DIRECTION_REG names it.
  * The kernel takes the number from regs->syscallno, not x8: it is changed through the
    NT_ARM_SYSTEM_CALL regset (linux/elf.h, 0x404), whose content is one int. So with_nr()
    returns those 4 bytes, and NR_REGSET = NT_ARM_SYSTEM_CALL. Compat tasks traced by a 64-bit
    tracer use the same regset (aarch32_ptrace_regsets[REGSET_SYSTEM_CALL]).
"""

import struct

from ._common import (EM_AARCH64, EM_ARM, NT_ARM_SYSTEM_CALL, Layout, Reader, audit_arch,
                      bad_length)
from . import arm as _arm

NAME = "aarch64"
MACHINES = ("aarch64", "arm64")
ABIS = ("aarch64", "arm")

LAYOUT64 = Layout("aarch64", "<", [("x%d" % i, "Q") for i in range(31)]
                  + [("sp", "Q"), ("pc", "Q"), ("pstate", "Q")], 64)
assert LAYOUT64.size == 272
LAYOUT32 = _arm.LAYOUT32

LAYOUTS = {"aarch64": LAYOUT64, "arm": LAYOUT32}
REGSET_SIZES = {"aarch64": LAYOUT64.size, "arm": LAYOUT32.size}
REGSET_MAX = LAYOUT64.size

# syscall(2): "arm64 svc #0 w8 x0" / "x0 x1 x2 x3 x4 x5".
_A64 = {"nr": "x8", "args": ("x0", "x1", "x2", "x3", "x4", "x5"), "ret": "x0"}
REG_NAMES = {"aarch64": _A64, "arm": _arm.REG_NAMES["arm"]}
STOP_REGS = {"aarch64": _A64, "arm": _arm.STOP_REGS["arm"]}

AUDIT_ARCH = {
    "aarch64": audit_arch(EM_AARCH64, True, True),  # AUDIT_ARCH_AARCH64 = 0xc00000b7
    "arm": audit_arch(EM_ARM, False, True),         # AUDIT_ARCH_ARM = 0x40000028
}
LONG_SIZE = {"aarch64": 8, "arm": 4}
ENDIAN = {"aarch64": "<", "arm": "<"}

NR_REGSET = NT_ARM_SYSTEM_CALL
NR_REQUEST = None
DIRECTION_REG = {"aarch64": "x7", "arm": "ip"}
ENTRY_ARG0_CLOBBER = {}
STALE_NR_ON_RESTART = ()
GETREGS_FALLBACK = None

_read64 = Reader(LAYOUT64, _A64, "pc", "sp")
_SYSCALLNO = struct.Struct("<i")


def decode(regset_bytes):
    """Regs of an NT_PRSTATUS register set: 272 bytes (aarch64) or 72 bytes (compat arm)."""
    n = len(regset_bytes)
    if n == 272:
        return _read64(regset_bytes)
    if n == 72:
        return _arm.read32(regset_bytes)
    raise bad_length(NAME, regset_bytes, "272 (aarch64 tracee) or 72 (compat arm tracee)")


def with_nr(regset_bytes, nr):
    """The 4 bytes to write with SETREGSET(NT_ARM_SYSTEM_CALL) to make the syscall number `nr`
    (either ABI; regset_bytes is only checked). -1 skips the syscall."""
    if len(regset_bytes) not in (272, 72):
        raise bad_length(NAME, regset_bytes, "272 or 72")
    nr &= 0xffffffff
    return _SYSCALLNO.pack(nr - (1 << 32) if nr >> 31 else nr)


def with_ret(regset_bytes, value):
    """The NT_PRSTATUS register set with x0 (compat: r0) = value."""
    n = len(regset_bytes)
    if n == 272:
        return LAYOUT64.replace(regset_bytes, {"x0": value})
    if n == 72:
        return _arm.with_ret(regset_bytes, value)
    raise bad_length(NAME, regset_bytes, "272 or 72")


def abi_for(arch, nr):
    """The ABI of a PTRACE_GET_SYSCALL_INFO stop with this `arch` (AUDIT_ARCH_*) and number."""
    for abi, value in AUDIT_ARCH.items():
        if value == arch:
            return abi
    return None
