"""x86_64 kernel: ABIs x86_64, i386 (a 32-bit tracee on the 64-bit kernel) and x32.
Decodes bytes only; never calls ptrace.

64-bit layout: `struct user_regs_struct` of <sys/user.h> (the kernel's arch/x86/include/asm/user_64.h),
which begins with the x86_64 `struct pt_regs` order of the uapi <asm/ptrace.h>: 27 eight-byte words
    r15 r14 r13 r12 rbp rbx r11 r10 r9 r8 rax rcx rdx rsi rdi orig_rax rip cs eflags rsp ss
    fs_base gs_base ds es fs gs                                                   (216 bytes).
32-bit layout: see i386.py (68 bytes).

How decode() tells the ABI from the bytes alone:
  * 68 bytes  -> "i386". The kernel hands out the 32-bit view (user_x86_32_view) when the tracee
    runs 32-bit code (task_user_regset_view(): !user_64bit_mode(), TIF_IA32 on old kernels).
  * 216 bytes -> "x32" if orig_rax has __X32_SYSCALL_BIT (0x40000000, <asm/unistd.h>) set,
    otherwise "x86_64". x32 keeps the bit in .nr, as PTRACE_GET_SYSCALL_INFO does.
  Limitation: `int $0x80` from 64-bit code is an i386 syscall in a 216-byte regset and decodes as
  x86_64; PTRACE_GET_SYSCALL_INFO (arch = AUDIT_ARCH_I386) gets it right.

Syscall stops: the number is in orig_rax at entry and exit (rax is -ENOSYS at entry, the result at
exit); the argument registers are preserved at exit. x32 arguments are 64-bit registers (x32 passes
64-bit values such as off_t in one register), so x32 args are not truncated, but its C long and
pointers are 4 bytes (LONG_SIZE).
"""

from ._common import (EM_386, EM_X86_64, NT_PRSTATUS, Layout, Reader, audit_arch, bad_length)
from . import i386 as _i386

NAME = "x86_64"
MACHINES = ("x86_64",)
ABIS = ("x86_64", "i386", "x32")

X32_SYSCALL_BIT = 0x40000000

LAYOUT64 = Layout("x86_64", "<", [(n, "Q") for n in (
    "r15", "r14", "r13", "r12", "rbp", "rbx", "r11", "r10", "r9", "r8", "rax", "rcx", "rdx",
    "rsi", "rdi", "orig_rax", "rip", "cs", "eflags", "rsp", "ss", "fs_base", "gs_base",
    "ds", "es", "fs", "gs")], 64)
assert LAYOUT64.size == 216
LAYOUT32 = _i386.LAYOUT32

LAYOUTS = {"x86_64": LAYOUT64, "x32": LAYOUT64, "i386": LAYOUT32}
REGSET_SIZES = {"x86_64": LAYOUT64.size, "x32": LAYOUT64.size, "i386": LAYOUT32.size}
REGSET_MAX = LAYOUT64.size

# syscall(2): "x86-64 syscall rax rax" / "rdi rsi rdx r10 r8 r9"; x32 the same; i386 int $0x80.
_X64_NAMES = {"nr": "rax", "args": ("rdi", "rsi", "rdx", "r10", "r8", "r9"), "ret": "rax"}
REG_NAMES = {"x86_64": _X64_NAMES, "x32": _X64_NAMES, "i386": _i386.REG_NAMES["i386"]}
_X64_STOP = {"nr": "orig_rax", "args": _X64_NAMES["args"], "ret": "rax"}
STOP_REGS = {"x86_64": _X64_STOP, "x32": _X64_STOP, "i386": _i386.STOP_REGS["i386"]}

# linux/audit.h. x32 has no AUDIT_ARCH of its own: it reports AUDIT_ARCH_X86_64 and sets
# __X32_SYSCALL_BIT in the number (see abi_for).
AUDIT_ARCH = {
    "x86_64": audit_arch(EM_X86_64, True, True),    # AUDIT_ARCH_X86_64 = 0xc000003e
    "x32": audit_arch(EM_X86_64, True, True),
    "i386": audit_arch(EM_386, False, True),        # AUDIT_ARCH_I386 = 0x40000003
}
LONG_SIZE = {"x86_64": 8, "x32": 4, "i386": 4}
ENDIAN = {"x86_64": "<", "x32": "<", "i386": "<"}

NR_REGSET = NT_PRSTATUS     # the kernel re-reads orig_rax after the entry stop
NR_REQUEST = None
DIRECTION_REG = {}
ENTRY_ARG0_CLOBBER = {}
STALE_NR_ON_RESTART = ()

# strace's getregs_old (kernels before 2.6.25, or a seccomp filter refusing PTRACE_GETREGSET):
# PTRACE_GETREGS (12, asm/ptrace-abi.h) fills the TRACER's view, 216 bytes whatever the tracee
# runs; a tracee in 32-bit code has cs == __USER32_CS (0x23, asm/segment.h)
PTRACE_GETREGS = 12
USER32_CS = 0x23
_FROM64 = tuple(LAYOUT64.index[n] for n in (
    "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rax", "ds", "es", "fs", "gs", "orig_rax", "rip",
    "cs", "eflags", "rsp", "ss"))          # LAYOUT32's order: ebx ecx ... orig_eax eip xcs ...


def from_getregs(data):
    """The NT_PRSTATUS regset decode() reads, from PTRACE_GETREGS's 216 bytes: as they are, or
    the 68-byte i386 set (low halves) when the tracee runs 32-bit code."""
    words = LAYOUT64.unpack(data)
    if words[LAYOUT64.index["cs"]] != USER32_CS:
        return bytes(data[:LAYOUT64.size])
    return LAYOUT32.struct.pack(*(words[i] & 0xffffffff for i in _FROM64))


GETREGS_FALLBACK = (PTRACE_GETREGS, LAYOUT64.size, from_getregs)

_read64 = Reader(LAYOUT64, _X64_STOP, "rip", "rsp")
_read32 = _i386.read32


def decode(regset_bytes):
    """Regs of an NT_PRSTATUS register set: 216 bytes (x86_64 or x32) or 68 bytes (i386)."""
    n = len(regset_bytes)
    if n == 216:
        regs = _read64(regset_bytes)
        if regs.nr & X32_SYSCALL_BIT and regs.nr < (1 << 32):
            regs.abi = "x32"
        return regs
    if n == 68:
        return _read32(regset_bytes)
    raise bad_length(NAME, regset_bytes, "216 (64-bit tracee) or 68 (32-bit tracee)")


def _layout(regset_bytes):
    n = len(regset_bytes)
    if n == 216:
        return LAYOUT64, "orig_rax", "rax"
    if n == 68:
        return LAYOUT32, "orig_eax", "eax"
    raise bad_length(NAME, regset_bytes, "216 (64-bit tracee) or 68 (32-bit tracee)")


def with_nr(regset_bytes, nr):
    """The register set with orig_rax (orig_eax) = nr, for SETREGSET(NR_REGSET)."""
    layout, nr_reg, _ = _layout(regset_bytes)
    return layout.replace(regset_bytes, {nr_reg: nr})


def with_ret(regset_bytes, value):
    """The register set with rax (eax) = value (a negative errno or a result)."""
    layout, _, ret_reg = _layout(regset_bytes)
    return layout.replace(regset_bytes, {ret_reg: value})


def abi_for(arch, nr):
    """The ABI of a PTRACE_GET_SYSCALL_INFO stop with this `arch` (AUDIT_ARCH_*) and number."""
    if arch == AUDIT_ARCH["x86_64"]:
        return "x32" if (nr & X32_SYSCALL_BIT and 0 <= nr < (1 << 32)) else "x86_64"
    if arch == AUDIT_ARCH["i386"]:
        return "i386"
    return None
