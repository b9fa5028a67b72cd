"""ppc64le kernel: ABI ppc64le (little-endian 64-bit PowerPC). Decodes bytes only; never calls ptrace.

Layout: `struct pt_regs` of the uapi <asm/ptrace.h> (linux-libc-dev-ppc64el-cross), PT_R0..PT_RESULT:
    r0..r31 nip msr orig_gpr3 ctr link xer ccr softe trap dar dsisr result   (44 eight-byte words)
The NT_PRSTATUS regset is ELF_NGREG = 48 words (<asm/elf.h>, 384 bytes): the 44 above and zeros.
There is no 32-bit little-endian PowerPC ABI, so every regset decodes as ppc64le.

Syscall stops: the number is in r0; the arguments are r3..r8, with orig_gpr3 keeping the first one
after r3 is overwritten by the result, so args are read from orig_gpr3 r4 r5 r6 r7 r8.
The return value is NORMALISED as the kernel's syscall_get_error()/syscall_get_return_value()
(arch/powerpc/include/asm/syscall.h) do for PTRACE_GET_SYSCALL_INFO:
  * `sc` syscalls (trap 0xc00): failure is signalled by the summary-overflow bit CR0.SO
    (0x10000000) in ccr, with a POSITIVE errno in r3 -> ret = -r3; else ret = r3.
  * `scv 0` syscalls (trap 0x3000, kernel >= 5.9): r3 holds -errno directly -> ret = r3 (signed).
with_ret() writes back in the same convention (r3 and the SO bit for `sc`), as strace does.
"""

from ._common import (EM_PPC64, NT_PRSTATUS, Layout, Reader, audit_arch, bad_length, to_signed)

NAME = "ppc64le"
MACHINES = ("ppc64le",)
ABIS = ("ppc64le",)

LAYOUT64 = Layout("ppc64le", "<", [("r%d" % i, "Q") for i in range(32)] + [(n, "Q") for n in (
    "nip", "msr", "orig_gpr3", "ctr", "link", "xer", "ccr", "softe", "trap", "dar", "dsisr",
    "result")], 64)
assert LAYOUT64.size == 44 * 8
ELF_NGREG = 48

LAYOUTS = {"ppc64le": LAYOUT64}
REGSET_SIZES = {"ppc64le": ELF_NGREG * 8}
REGSET_MAX = ELF_NGREG * 8

CR0_SO = 0x10000000     # ccr bit of CR0.SO, as in syscall_get_error()
TRAP_SCV = 0x3000       # TRAP(regs) == 0x3000: trap_is_scv()

# syscall(2): "powerpc64 sc r0 r3" / "r3 r4 r5 r6 r7 r8" (error: CR0.SO).
REG_NAMES = {"ppc64le": {"nr": "r0", "args": ("r3", "r4", "r5", "r6", "r7", "r8"), "ret": "r3"}}
STOP_REGS = {"ppc64le": {"nr": "r0", "args": ("orig_gpr3", "r4", "r5", "r6", "r7", "r8"),
                         "ret": "r3"}}

AUDIT_ARCH = {"ppc64le": audit_arch(EM_PPC64, True, True)}  # AUDIT_ARCH_PPC64LE = 0xc0000015
LONG_SIZE = {"ppc64le": 8}
ENDIAN = {"ppc64le": "<"}

NR_REGSET = NT_PRSTATUS     # the kernel re-reads r0 after the entry stop
NR_REQUEST = None
DIRECTION_REG = {}
ENTRY_ARG0_CLOBBER = {}
STALE_NR_ON_RESTART = ()
GETREGS_FALLBACK = None

_read = Reader(LAYOUT64, STOP_REGS["ppc64le"], "nip", "r1")
_R3 = LAYOUT64.index["r3"]
_CCR = LAYOUT64.index["ccr"]
_TRAP = LAYOUT64.index["trap"]


def _check(regset_bytes):
    n = len(regset_bytes)
    if n < LAYOUT64.size or n > REGSET_MAX or n % 8:
        raise bad_length(NAME, regset_bytes, "384 (at least 352)")


def _is_scv(raw):
    return (raw[_TRAP] & ~0xf) == TRAP_SCV


def decode(regset_bytes):
    """Regs of a ppc64le NT_PRSTATUS register set (384 bytes); .ret is normalised (see above)."""
    _check(regset_bytes)
    regs = _read(regset_bytes)
    raw = regs._raw
    if not _is_scv(raw) and raw[_CCR] & CR0_SO:
        regs.ret = -to_signed(raw[_R3], 64)
    return regs


def with_nr(regset_bytes, nr):
    """The register set with r0 = nr, for SETREGSET(NT_PRSTATUS)."""
    _check(regset_bytes)
    return LAYOUT64.replace(regset_bytes, {"r0": nr})


def with_ret(regset_bytes, value):
    """The register set returning `value`: for `sc`, -4095..-1 become r3 = -value with CR0.SO set,
    anything else r3 = value with CR0.SO clear; for `scv`, r3 = value."""
    _check(regset_bytes)
    raw = LAYOUT64.unpack(regset_bytes)
    if _is_scv(raw):
        return LAYOUT64.replace(regset_bytes, {"r3": value})
    if -4095 <= value < 0:
        return LAYOUT64.replace(regset_bytes, {"r3": -value, "ccr": raw[_CCR] | CR0_SO})
    return LAYOUT64.replace(regset_bytes, {"r3": value, "ccr": raw[_CCR] & ~CR0_SO})


def abi_for(arch, nr):
    """The ABI of a PTRACE_GET_SYSCALL_INFO stop with this `arch` (AUDIT_ARCH_*) and number."""
    return "ppc64le" if arch == AUDIT_ARCH["ppc64le"] else None
