"""arm: a 32-bit ARM kernel, EABI (ABI "arm"). Also the home of the 32-bit ARM register layout
that aarch64.py reuses for compat tasks. Decodes bytes only; never calls ptrace.

Layout: `struct pt_regs { long uregs[18]; }` of the uapi <asm/ptrace.h> (linux-libc-dev-armhf-cross):
    r0..r10 fp(r11) ip(r12) sp(r13) lr(r14) pc(r15) cpsr orig_r0     (18 four-byte words, 72 bytes)
The arm64 kernel gives compat tasks the same 72 bytes (compat_gpr_get: index 17 is orig_x0).

Syscall stops (EABI): the number is in r7 at entry and exit; r0 is overwritten by the result at
exit, but orig_r0 (ARM_ORIG_r0) keeps the first argument, so args are read from
orig_r0 r1 r2 r3 r4 r5, as the kernel's syscall_get_arguments() does. OABI (`swi NR`) is not handled.
Quirks:
  * ip (r12) is clobbered at syscall stops: 0 at entry, 1 at exit (report_syscall() in
    arch/arm/kernel/ptrace.c); DIRECTION_REG names it.
  * The kernel does not re-read r7 after the entry stop: changing the number takes
    ptrace(PTRACE_SET_SYSCALL=23, pid, 0, nr) (<asm/ptrace.h>), so NR_REQUEST is set.
  * Nor does it write r7 when it restarts a call interrupted with ERESTART_RESTARTBLOCK: the
    entry code's slow_work_pending sets its scno register (and thread_info->abi_syscall, which
    tracers are told) to restart_syscall, and r7 still holds the interrupted call's number
    (arch/arm/kernel/entry-common.S). STALE_NR_ON_RESTART names the ABI: the register path
    then reads the number from /proc/PID/syscall at the entry after such an exit and at a
    tracee's first entry (after -p the exit was not seen). The arm64 kernel writes r7 for
    compat tasks (compat_setup_restart_syscall), so aarch64.py does not name "arm".
"""

from ._common import (EM_ARM, NT_PRSTATUS, Layout, Reader, audit_arch, bad_length)

NAME = "arm"
MACHINES = ("armv4l", "armv4tl", "armv5l", "armv5tl", "armv5tel", "armv5tejl", "armv6l",
            "armv6hl", "armv7l", "armv7hl", "armv8l")
ABIS = ("arm",)

LAYOUT32 = Layout("arm", "<", [(n, "I") for n in (
    "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10",
    "fp", "ip", "sp", "lr", "pc", "cpsr", "orig_r0")], 32)
assert LAYOUT32.size == 72

LAYOUTS = {"arm": LAYOUT32}
REGSET_SIZES = {"arm": LAYOUT32.size}
REGSET_MAX = LAYOUT32.size

# syscall(2): "arm/EABI swi 0x0 r7 r0" / "r0 r1 r2 r3 r4 r5".
REG_NAMES = {"arm": {"nr": "r7", "args": ("r0", "r1", "r2", "r3", "r4", "r5"), "ret": "r0"}}
STOP_REGS = {"arm": {"nr": "r7", "args": ("orig_r0", "r1", "r2", "r3", "r4", "r5"), "ret": "r0"}}

AUDIT_ARCH = {"arm": audit_arch(EM_ARM, False, True)}       # AUDIT_ARCH_ARM = 0x40000028
LONG_SIZE = {"arm": 4}
ENDIAN = {"arm": "<"}

NR_REGSET = NT_PRSTATUS     # with_nr also sets r7, so the registers read back agree
NR_REQUEST = 23             # PTRACE_SET_SYSCALL, <asm/ptrace.h>: required to change the number
DIRECTION_REG = {"arm": "ip"}
ENTRY_ARG0_CLOBBER = {}
STALE_NR_ON_RESTART = ("arm",)      # see the module docstring
GETREGS_FALLBACK = None

read32 = Reader(LAYOUT32, STOP_REGS["arm"], "pc", "sp")


def decode(regset_bytes):
    """Regs of a 72-byte ARM NT_PRSTATUS register set."""
    if len(regset_bytes) != LAYOUT32.size:
        raise bad_length(NAME, regset_bytes, "72")
    return read32(regset_bytes)


def with_nr(regset_bytes, nr):
    """The register set with r7 = nr. Cosmetic: the number changes only by NR_REQUEST."""
    return LAYOUT32.replace(regset_bytes, {"r7": nr})


def with_ret(regset_bytes, value):
    """The register set with r0 = value (a negative errno or a result)."""
    return LAYOUT32.replace(regset_bytes, {"r0": value})


def abi_for(arch, nr):
    """The ABI of a PTRACE_GET_SYSCALL_INFO stop with this `arch` (AUDIT_ARCH_*) and number."""
    return "arm" if arch == AUDIT_ARCH["arm"] else None
