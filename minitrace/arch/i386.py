"""i386: a 32-bit x86 kernel (ABI "i386"). Also the home of the 32-bit x86 register layout that
x86_64.py reuses for 32-bit tracees of a 64-bit kernel. Decodes bytes only; never calls ptrace.

Layout: `struct user_regs_struct` of the 32-bit <sys/user.h>, the same order as the i386
`struct pt_regs` of the uapi <asm/ptrace.h> (linux-libc-dev-i386-cross): 17 four-byte words
    ebx ecx edx esi edi ebp eax xds xes xfs xgs orig_eax eip xcs eflags esp xss   (68 bytes).
(The kernel's compat view, `struct user_regs_struct32` of arch/x86/include/asm/user32.h, has the
same 68-byte shape, with the segment registers as u16 + padding: read as u32 they are the same.)

Syscall stops: the number is in orig_eax at entry and exit (eax is -ENOSYS at entry, the result at
exit); the arguments ebx ecx edx esi edi ebp are preserved at exit.
"""

from ._common import (EM_386, NT_PRSTATUS, Layout, Reader, audit_arch, bad_length)

NAME = "i386"
MACHINES = ("i386", "i486", "i586", "i686")
ABIS = ("i386",)

LAYOUT32 = Layout("i386", "<", [(n, "I") for n in (
    "ebx", "ecx", "edx", "esi", "edi", "ebp", "eax", "xds", "xes", "xfs", "xgs",
    "orig_eax", "eip", "xcs", "eflags", "esp", "xss")], 32)
assert LAYOUT32.size == 68

LAYOUTS = {"i386": LAYOUT32}
REGSET_SIZES = {"i386": LAYOUT32.size}
REGSET_MAX = LAYOUT32.size

# syscall(2): "i386  int $0x80  eax  eax" and "ebx ecx edx esi edi ebp".
REG_NAMES = {"i386": {"nr": "eax", "args": ("ebx", "ecx", "edx", "esi", "edi", "ebp"), "ret": "eax"}}
# What decode() reads at a syscall stop.
STOP_REGS = {"i386": {"nr": "orig_eax", "args": REG_NAMES["i386"]["args"], "ret": "eax"}}

AUDIT_ARCH = {"i386": audit_arch(EM_386, False, True)}      # AUDIT_ARCH_I386 = 0x40000003
LONG_SIZE = {"i386": 4}
ENDIAN = {"i386": "<"}

NR_REGSET = NT_PRSTATUS     # the kernel re-reads orig_eax after the entry stop
NR_REQUEST = None
DIRECTION_REG = {}
ENTRY_ARG0_CLOBBER = {}
STALE_NR_ON_RESTART = ()
GETREGS_FALLBACK = None

read32 = Reader(LAYOUT32, STOP_REGS["i386"], "eip", "esp")


def decode(regset_bytes):
    """Regs of a 68-byte i386 NT_PRSTATUS register set."""
    if len(regset_bytes) != LAYOUT32.size:
        raise bad_length(NAME, regset_bytes, "68")
    return read32(regset_bytes)


def with_nr(regset_bytes, nr):
    """The register set with orig_eax = nr (write it back with SETREGSET(NT_PRSTATUS))."""
    return LAYOUT32.replace(regset_bytes, {"orig_eax": nr})


def with_ret(regset_bytes, value):
    """The register set with eax = value (a negative errno or a result)."""
    return LAYOUT32.replace(regset_bytes, {"eax": value})


def abi_for(arch, nr):
    """The ABI of a PTRACE_GET_SYSCALL_INFO stop with this `arch` (AUDIT_ARCH_*) and number."""
    if arch == AUDIT_ARCH["i386"]:
        return "i386"
    return None
