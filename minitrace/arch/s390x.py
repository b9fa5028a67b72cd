"""s390x kernel: ABI s390x (64-bit, BIG-endian). Decodes bytes only; never calls ptrace.

Layout: `s390_regs` of the uapi <asm/ptrace.h> (linux-libc-dev-s390x-cross), the elf_gregset_t:
    psw.mask psw.addr gprs[16] (u64) acrs[16] (u32) orig_gpr2 (u64)        (216 bytes, big-endian)
named here psw_mask psw_addr r0..r15 a0..a15 orig_gpr2. (A 31-bit compat tracee gives a 140-byte
regset; that ABI is not supported and decode() says so.)

Syscall stops -- gpr2 carries BOTH the number and the result:
  * Userspace passes the number in the svc immediate (`svc NR`) or, for `svc 0`, in r1 (syscall(2)
    lists r1). The kernel copies it into gpr2 before the entry stop ("In the s390 ptrace ABI, both
    the syscall number and the return value use gpr2", arch/s390/kernel/syscall.c), so decode()
    reads nr = r2, falling back to r1 when r2 is 0, as strace's s390 get_scno does.
    At the exit stop r2 is the result: .nr is valid at the entry stop only.
  * The first argument was in gpr2 too; the kernel saves it in orig_gpr2, so args are read from
    orig_gpr2 r3 r4 r5 r6 r7 and stay valid at exit.
  * with_nr() writes r2: at an entry stop the kernel's __poke_user() turns a write of gpr2 into
    a new syscall number (regs->int_code), which is how the number is changed on s390.
"""

from ._common import (EM_S390, NT_PRSTATUS, Layout, Reader, audit_arch, bad_length)

NAME = "s390x"
MACHINES = ("s390x",)
ABIS = ("s390x",)

LAYOUT64 = Layout("s390x", ">", [("psw_mask", "Q"), ("psw_addr", "Q")]
                  + [("r%d" % i, "Q") for i in range(16)]
                  + [("a%d" % i, "I") for i in range(16)]
                  + [("orig_gpr2", "Q")], 64)
assert LAYOUT64.size == 216

LAYOUTS = {"s390x": LAYOUT64}
REGSET_SIZES = {"s390x": LAYOUT64.size}
REGSET_MAX = LAYOUT64.size

# syscall(2): "s390x svc 0 r1 r2" / "r2 r3 r4 r5 r6 r7".
REG_NAMES = {"s390x": {"nr": "r1", "args": ("r2", "r3", "r4", "r5", "r6", "r7"), "ret": "r2"}}
STOP_REGS = {"s390x": {"nr": "r2", "args": ("orig_gpr2", "r3", "r4", "r5", "r6", "r7"),
                       "ret": "r2"}}

AUDIT_ARCH = {"s390x": audit_arch(EM_S390, True, False)}    # AUDIT_ARCH_S390X = 0x80000016
LONG_SIZE = {"s390x": 8}
ENDIAN = {"s390x": ">"}

NR_REGSET = NT_PRSTATUS
NR_REQUEST = None
DIRECTION_REG = {}
ENTRY_ARG0_CLOBBER = {}
STALE_NR_ON_RESTART = ()
GETREGS_FALLBACK = None

_read = Reader(LAYOUT64, STOP_REGS["s390x"], "psw_addr", "r15")
_R1 = LAYOUT64.index["r1"]


def decode(regset_bytes):
    """Regs of a 216-byte s390x NT_PRSTATUS register set (.nr valid at the entry stop only)."""
    if len(regset_bytes) != LAYOUT64.size:
        raise bad_length(NAME, regset_bytes, "216 (31-bit compat tracees are not supported)")
    regs = _read(regset_bytes)
    if regs.nr == 0:
        regs.nr = regs._raw[_R1]
    return regs


def with_nr(regset_bytes, nr):
    """The register set with r2 = nr (at an entry stop, the kernel takes it as the new number)."""
    return LAYOUT64.replace(regset_bytes, {"r2": nr})


def with_ret(regset_bytes, value):
    """The register set with r2 = value (a negative errno or a result)."""
    return LAYOUT64.replace(regset_bytes, {"r2": value})


def abi_for(arch, nr):
    """The ABI of a PTRACE_GET_SYSCALL_INFO stop with this `arch` (AUDIT_ARCH_*) and number."""
    return "s390x" if arch == AUDIT_ARCH["s390x"] else None
