"""Tests of minitrace.arch: canned register dumps for every architecture (offline, any host), the
interface contract, and live ptrace checks on this host (native, plus a 32-bit tracee on x86_64).

The canned dumps are packed from register orders written out again here from the uapi headers, so
a mistake in a module's layout does not carry over into its test.
"""

import ctypes
import errno
import os
import shutil
import signal
import struct
import subprocess

import pytest

import tracecmp
from minitrace import arch
from minitrace.arch import aarch64, arm, i386, ppc64le, riscv64, s390x, x86_64

M64 = (1 << 64) - 1
M32 = (1 << 32) - 1
ENOSYS = 38     # asm-generic/errno.h; the same number on every ABI here
EXDEV = 18      # asm-generic/errno-base.h

# ---------------------------------------------------------------- register orders, from the headers

# x86_64 struct user_regs_struct, <sys/user.h> (= uapi asm/ptrace.h struct pt_regs + 6 more)
X86_64_ORDER = ("r15 r14 r13 r12 rbp rbx r11 r10 r9 r8 rax rcx rdx rsi rdi orig_rax rip cs eflags "
                "rsp ss fs_base gs_base ds es fs gs").split()
# i386 struct user_regs_struct (32-bit <sys/user.h>) = i386 struct pt_regs of asm/ptrace.h
I386_ORDER = "ebx ecx edx esi edi ebp eax xds xes xfs xgs orig_eax eip xcs eflags esp xss".split()
# arm64 struct user_pt_regs: regs[31], sp, pc, pstate
AARCH64_ORDER = ["x%d" % i for i in range(31)] + ["sp", "pc", "pstate"]
# arm struct pt_regs: uregs[18], ARM_r0..ARM_pc = 0..15, ARM_cpsr = 16, ARM_ORIG_r0 = 17
ARM_ORDER = ["r%d" % i for i in range(11)] + ["fp", "ip", "sp", "lr", "pc", "cpsr", "orig_r0"]
# riscv struct user_regs_struct
RISCV_ORDER = ("pc ra sp gp tp t0 t1 t2 s0 s1 a0 a1 a2 a3 a4 a5 a6 a7 s2 s3 s4 s5 s6 s7 s8 s9 "
               "s10 s11 t3 t4 t5 t6").split()
# ppc64 struct pt_regs, PT_R0..PT_RESULT (0..43); the regset is ELF_NGREG = 48 words
PPC_ORDER = ["r%d" % i for i in range(32)] + ("nip msr orig_gpr3 ctr link xer ccr softe trap dar "
                                               "dsisr result").split()


def pack(fmt, order, **regs):
    unknown = set(regs) - set(order)
    assert not unknown, unknown
    return struct.pack(fmt, *[regs.get(name, 0) for name in order])


def x86_64_regs(**regs):
    return pack("<27Q", X86_64_ORDER, **regs)


def i386_regs(**regs):
    return pack("<17I", I386_ORDER, **regs)


def aarch64_regs(**regs):
    return pack("<34Q", AARCH64_ORDER, **regs)


def arm_regs(**regs):
    return pack("<18I", ARM_ORDER, **regs)


def riscv_regs(**regs):
    return pack("<32Q", RISCV_ORDER, **regs)


def ppc_regs(**regs):
    return pack("<44Q", PPC_ORDER, **regs) + b"\0" * 32


def s390x_regs(r=None, acrs=None, psw_mask=0, psw_addr=0, orig_gpr2=0):
    """s390_regs: psw {mask, addr}, gprs[16] (u64), acrs[16] (u32), orig_gpr2; big-endian."""
    gprs = [0] * 16
    for i, v in (r or {}).items():
        gprs[i] = v
    return struct.pack(">2Q16Q16IQ", psw_mask, psw_addr, *(gprs + list(acrs or [0] * 16)
                                                           + [orig_gpr2]))


# ---------------------------------------------------------------- decode: canned dumps

def check(regs, abi, nr, args, ret):
    assert regs.abi == abi
    assert regs.nr == nr
    assert regs.args == tuple(args)
    assert regs.ret == ret


def test_x86_64_openat_entry_and_exit():
    entry = x86_64_regs(orig_rax=257, rdi=0xffffffffffffff9c, rsi=0x7ffc1000, rdx=0x80000,
                        r10=0o644, r8=5, r9=6, rax=-ENOSYS & M64, rip=0x401000, rsp=0x7ffc0ff0)
    regs = x86_64.decode(entry)
    check(regs, "x86_64", 257, (0xffffffffffffff9c, 0x7ffc1000, 0x80000, 0o644, 5, 6), -ENOSYS)
    assert (regs.ip, regs.sp) == (0x401000, 0x7ffc0ff0)
    assert list(regs.values) == X86_64_ORDER
    assert regs.values["orig_rax"] == 257
    assert x86_64.decode(x86_64_regs(orig_rax=257, rax=3)).ret == 3
    assert x86_64.decode(x86_64_regs(orig_rax=257, rax=M64 - 1)).ret == -2
    assert x86_64.decode(bytearray(entry)).nr == 257          # any bytes-like object


def test_x86_64_tells_x32_by_the_syscall_bit():
    regs = x86_64.decode(x86_64_regs(orig_rax=0x40000000 | 257, rdi=0xffffff9c, rax=M64 - 1))
    check(regs, "x32", 0x40000101, (0xffffff9c, 0, 0, 0, 0, 0), -2)
    # orig_rax = -1 (no syscall) has bit 30 set too, but is not x32
    assert x86_64.decode(x86_64_regs(orig_rax=M64)).abi == "x86_64"


def test_x86_64_tells_i386_by_the_length():
    dump = i386_regs(orig_eax=5, ebx=0x8049000, ecx=0x8000, edx=0o600, esi=4, edi=5, ebp=6,
                     eax=0xfffffffe, eip=0x8048100, esp=0xffffd000, xcs=0x23)
    assert len(dump) == 68
    for module in (x86_64, i386):
        regs = module.decode(dump)
        check(regs, "i386", 5, (0x8049000, 0x8000, 0o600, 4, 5, 6), -2)
        assert (regs.ip, regs.sp) == (0x8048100, 0xffffd000)
        assert list(regs.values) == I386_ORDER


def test_x86_64_getregs_fallback_tells_i386_by_cs():
    """GETREGS_FALLBACK (strace's getregs_old): PTRACE_GETREGS gives the 64-bit view whatever
    the tracee runs; cs 0x33 keeps it, cs 0x23 (32-bit code) becomes the i386 regset."""
    request, size, to_regset = x86_64.GETREGS_FALLBACK
    assert (request, size) == (12, 216)               # asm/ptrace-abi.h PTRACE_GETREGS
    dump = x86_64_regs(orig_rax=257, rdi=3, rax=M64 - 1, cs=0x33, rip=0x401000)
    assert to_regset(dump) == dump
    high = 0xdead00000000
    dump = x86_64_regs(orig_rax=5, rbx=high | 0x8049000, rcx=0x8000, rdx=0o600, rsi=4, rdi=5,
                       rbp=6, rax=M64 - 1, rip=0x8048100, rsp=0xffffd000, cs=0x23, ss=0x2b,
                       ds=0x2b, es=0x2b, fs=1, gs=0x63, eflags=0x246, r8=7, fs_base=9)
    regset = to_regset(dump)
    assert regset == i386_regs(orig_eax=5, ebx=0x8049000, ecx=0x8000, edx=0o600, esi=4, edi=5,
                               ebp=6, eax=M32 - 1, eip=0x8048100, esp=0xffffd000, xcs=0x23,
                               xss=0x2b, xds=0x2b, xes=0x2b, xfs=1, xgs=0x63, eflags=0x246)
    check(x86_64.decode(regset), "i386", 5, (0x8049000, 0x8000, 0o600, 4, 5, 6), -2)
    for module in (aarch64, arm, i386, ppc64le, riscv64, s390x):
        assert module.GETREGS_FALLBACK is None


def test_aarch64_native_and_compat():
    dump = aarch64_regs(x8=56, x0=0xffffffffffffff9c, x1=0x1000, x2=2, x3=3, x4=4, x5=5,
                        x6=66, pc=0x400000, sp=0x7ff000, pstate=0x80000000)
    regs = aarch64.decode(dump)
    check(regs, "aarch64", 56, (0xffffffffffffff9c, 0x1000, 2, 3, 4, 5), -100)
    assert (regs.ip, regs.sp) == (0x400000, 0x7ff000)
    assert list(regs.values) == AARCH64_ORDER
    # compat: exit stop of openat (arm EABI 322): r0 holds the result, orig_r0 the first argument
    compat = arm_regs(r7=322, r0=0xfffffffe, orig_r0=0xffffff9c, r1=0x2000, r2=0o2000000, r3=3,
                      r4=4, r5=5, pc=0x10000, sp=0xbefff000, ip=1)
    for module in (aarch64, arm):
        regs = module.decode(compat)
        check(regs, "arm", 322, (0xffffff9c, 0x2000, 0o2000000, 3, 4, 5), -2)
        assert (regs.ip, regs.sp) == (0x10000, 0xbefff000)
        assert list(regs.values) == ARM_ORDER


def test_riscv64():
    regs = riscv64.decode(riscv_regs(a7=56, a0=0xffffffffffffff9c, a1=1, a2=2, a3=3, a4=4, a5=5,
                                     a6=6, pc=0x10000, sp=0x3ffff000))
    check(regs, "riscv64", 56, (0xffffffffffffff9c, 1, 2, 3, 4, 5), -100)
    assert (regs.ip, regs.sp) == (0x10000, 0x3ffff000)
    assert list(regs.values) == RISCV_ORDER


def test_ppc64le_error_is_cr0_so_with_a_positive_errno():
    base = dict(r0=286, orig_gpr3=0xffffffffffffff9c, r4=1, r5=2, r6=3, r7=4, r8=5, r9=9,
                nip=0x10000100, r1=0x7fffff00, trap=0xc00)
    dump = ppc_regs(r3=2, ccr=0x10000000 | 0x4, **base)
    assert len(dump) == 384
    regs = ppc64le.decode(dump)
    check(regs, "ppc64le", 286, (0xffffffffffffff9c, 1, 2, 3, 4, 5), -2)
    assert (regs.ip, regs.sp) == (0x10000100, 0x7fffff00)
    assert list(regs.values) == PPC_ORDER
    assert ppc64le.decode(ppc_regs(r3=2, ccr=0x4, **base)).ret == 2
    # scv (trap 0x3000): -errno in r3, CR0.SO ignored
    base["trap"] = 0x3000
    assert ppc64le.decode(ppc_regs(r3=M64 - 1, **base)).ret == -2
    assert ppc64le.decode(ppc_regs(r3=5, ccr=0x10000000, **base)).ret == 5


def test_s390x_is_big_endian_and_keeps_arg0_in_orig_gpr2():
    entry = s390x_regs(r={2: 288, 3: 0x1000, 4: 2, 5: 3, 6: 4, 7: 5, 15: 0x3ffff000},
                       orig_gpr2=0xffffffffffffff9c, psw_addr=0x1000400,
                       psw_mask=0x0705200180000000)
    regs = s390x.decode(entry)
    check(regs, "s390x", 288, (0xffffffffffffff9c, 0x1000, 2, 3, 4, 5), 288)
    assert (regs.ip, regs.sp) == (0x1000400, 0x3ffff000)
    names = list(regs.values)
    assert names[:2] == ["psw_mask", "psw_addr"] and names[-1] == "orig_gpr2" and len(names) == 35
    exit_ = s390x_regs(r={2: M64 - 1, 3: 0x1000}, orig_gpr2=0xffffffffffffff9c)
    assert s390x.decode(exit_).ret == -2
    assert s390x.decode(exit_).args[0] == 0xffffffffffffff9c
    # number 0 in gpr2: fall back to r1 (svc 0), as strace does
    assert s390x.decode(s390x_regs(r={1: 300, 2: 0})).nr == 300


# ---------------------------------------------------------------- with_nr / with_ret

SAMPLES = [
    (x86_64, x86_64_regs(orig_rax=257, rdi=1, rsi=2, rax=-ENOSYS & M64, rip=7, rsp=8)),
    (x86_64, x86_64_regs(orig_rax=0x40000000 | 1, rdi=1, rax=-ENOSYS & M64)),
    (x86_64, i386_regs(orig_eax=5, ebx=1, eax=0xffffffda)),
    (i386, i386_regs(orig_eax=5, ebx=1, eax=0xffffffda)),
    (aarch64, aarch64_regs(x8=56, x0=1, x1=2)),
    (aarch64, arm_regs(r7=322, r0=1, orig_r0=1)),
    (arm, arm_regs(r7=322, r0=1, orig_r0=1)),
    (riscv64, riscv_regs(a7=56, a0=1)),
    (ppc64le, ppc_regs(r0=286, r3=1, orig_gpr3=1, ccr=0x10000004, trap=0xc00)),
    (ppc64le, ppc_regs(r0=286, r3=1, orig_gpr3=1, trap=0x3000)),
    (s390x, s390x_regs(r={2: 288, 3: 1}, orig_gpr2=1)),
]


def changed(before, after):
    a, b = before.values, after.values
    return set(k for k in a if a[k] != b[k])


@pytest.mark.parametrize("module,dump", SAMPLES)
def test_with_ret_round_trip(module, dump):
    before = module.decode(dump)
    for value in (-2, -4095, 0, 1, 12345):
        out = module.with_ret(dump, value)
        assert isinstance(out, bytes) and len(out) == len(dump)
        after = module.decode(out)
        assert after.ret == value
        assert after.abi == before.abi
        if module is ppc64le:
            assert changed(before, after) <= {"r3", "ccr"}
        else:
            assert changed(before, after) <= {module.STOP_REGS[before.abi]["ret"]}


@pytest.mark.parametrize("module,dump", SAMPLES)
def test_with_nr_round_trip(module, dump):
    before = module.decode(dump)
    for nr in (0, 42, -1):
        out = module.with_nr(dump, nr)
        assert isinstance(out, bytes)
        if module.NR_REGSET == 0x404:                       # NT_ARM_SYSTEM_CALL: one int
            assert out == struct.pack("<i", nr)
            continue
        assert module.NR_REGSET == 1 and len(out) == len(dump)   # NT_PRSTATUS
        after = module.decode(out)
        bits = 32 if module.LONG_SIZE[before.abi] == 4 and before.abi != "x32" else 64
        if not (module is s390x and nr == 0):               # s390x: nr 0 falls back to r1
            assert after.nr == nr & ((1 << bits) - 1)
        assert changed(before, after) <= {module.STOP_REGS[before.abi]["nr"]}


def test_arm_needs_ptrace_set_syscall():
    assert arm.NR_REQUEST == 23                                 # PTRACE_SET_SYSCALL
    for module in (x86_64, i386, aarch64, riscv64, ppc64le, s390x):
        assert module.NR_REQUEST is None


# ---------------------------------------------------------------- the interface

INTERFACE = ("NAME", "MACHINES", "ABIS", "REGSET_MAX", "REGSET_SIZES", "decode", "with_nr",
             "with_ret", "AUDIT_ARCH", "abi_for", "REG_NAMES", "STOP_REGS", "NR_REGSET",
             "NR_REQUEST", "DIRECTION_REG", "ENTRY_ARG0_CLOBBER",
             "STALE_NR_ON_RESTART", "GETREGS_FALLBACK", "LONG_SIZE", "ENDIAN")


@pytest.mark.parametrize("name", arch.ALL)
def test_module_exposes_the_interface(name):
    module = arch.by_name(name)
    missing = [attr for attr in INTERFACE if not hasattr(module, attr)]
    assert not missing, "%s lacks %s" % (name, missing)
    assert module.NAME == name
    assert module.MACHINES and all(isinstance(m, str) for m in module.MACHINES)
    assert module.ABIS[0] == name
    for table in ("REGSET_SIZES", "AUDIT_ARCH", "REG_NAMES", "STOP_REGS", "LONG_SIZE", "ENDIAN"):
        assert set(getattr(module, table)) == set(module.ABIS), table
    assert set(module.DIRECTION_REG) <= set(module.ABIS)
    assert set(module.ENTRY_ARG0_CLOBBER) <= set(module.ABIS)
    assert set(module.STALE_NR_ON_RESTART) <= set(module.ABIS)
    assert module.REGSET_MAX == max(module.REGSET_SIZES.values())
    for abi in module.ABIS:
        size = module.REGSET_SIZES[abi]
        regs = module.decode(bytes(size))
        assert len(regs.args) == 6
        for table in (module.REG_NAMES, module.STOP_REGS):
            conv = table[abi]
            assert len(conv["args"]) == 6
            for reg in (conv["nr"], conv["ret"]) + tuple(conv["args"]):
                assert reg in regs.values, (abi, reg)
        if abi in module.DIRECTION_REG:
            assert module.DIRECTION_REG[abi] in regs.values
        nr = 0x40000000 if abi == "x32" else 1
        assert module.abi_for(module.AUDIT_ARCH[abi], nr) == abi
        assert module.ENDIAN[abi] in "<>" and module.LONG_SIZE[abi] in (4, 8)
    assert module.abi_for(0x12345, 1) is None
    with pytest.raises(ValueError) as err:
        module.decode(bytes(13))
    assert "13 bytes" in str(err.value)


def test_by_name_and_for_machine():
    assert arch.ALL == ["x86_64", "i386", "aarch64", "arm", "riscv64", "ppc64le", "s390x"]
    expect = {"x86_64": x86_64, "i686": i386, "i386": i386, "aarch64": aarch64, "armv7l": arm,
              "armv8l": arm, "riscv64": riscv64, "ppc64le": ppc64le, "s390x": s390x}
    for machine, module in expect.items():
        assert arch.for_machine(machine) is module
    assert arch.for_machine() is arch.for_machine(os.uname()[4])
    with pytest.raises(ValueError) as err:
        arch.for_machine("mips64")
    assert "mips64" in str(err.value)
    with pytest.raises(ValueError):
        arch.by_name("sparc")


def test_reg_names_follow_syscall_2():
    """The table of syscall(2), "Architecture calling conventions"."""
    expect = {
        "x86_64": ("rax", "rdi rsi rdx r10 r8 r9", "rax"),
        "x32": ("rax", "rdi rsi rdx r10 r8 r9", "rax"),
        "i386": ("eax", "ebx ecx edx esi edi ebp", "eax"),
        "aarch64": ("x8", "x0 x1 x2 x3 x4 x5", "x0"),
        "arm": ("r7", "r0 r1 r2 r3 r4 r5", "r0"),
        "riscv64": ("a7", "a0 a1 a2 a3 a4 a5", "a0"),
        "ppc64le": ("r0", "r3 r4 r5 r6 r7 r8", "r3"),
        "s390x": ("r1", "r2 r3 r4 r5 r6 r7", "r2"),
    }
    seen = set()
    for name in arch.ALL:
        module = arch.by_name(name)
        for abi, conv in module.REG_NAMES.items():
            nr, args, ret = expect[abi]
            assert conv == {"nr": nr, "args": tuple(args.split()), "ret": ret}, abi
            seen.add(abi)
    assert seen == set(expect)


def test_stop_regs_read_the_saved_copies():
    assert x86_64.STOP_REGS["x86_64"]["nr"] == "orig_rax"
    assert x86_64.STOP_REGS["i386"]["nr"] == "orig_eax"
    assert arm.STOP_REGS["arm"]["args"][0] == "orig_r0"
    assert ppc64le.STOP_REGS["ppc64le"]["args"][0] == "orig_gpr3"
    assert s390x.STOP_REGS["s390x"]["args"][0] == "orig_gpr2"
    assert s390x.STOP_REGS["s390x"]["nr"] == "r2"


def test_audit_arch_values():
    """The values of linux/audit.h (EM_* | __AUDIT_ARCH_64BIT | __AUDIT_ARCH_LE)."""
    known = {"x86_64": 0xc000003e, "x32": 0xc000003e, "i386": 0x40000003, "aarch64": 0xc00000b7,
             "arm": 0x40000028, "riscv64": 0xc00000f3, "ppc64le": 0xc0000015,
             "s390x": 0x80000016}
    for name in arch.ALL:
        for abi, value in arch.by_name(name).AUDIT_ARCH.items():
            assert value == known[abi], abi


# ---------------------------------------------------------------- live: ptrace on this host

PTRACE_TRACEME = 0
PTRACE_SYSCALL = 24
PTRACE_SETOPTIONS = 0x4200
PTRACE_GETREGSET = 0x4204
PTRACE_SETREGSET = 0x4205
PTRACE_O_TRACESYSGOOD = 1
PTRACE_O_EXITKILL = 0x100000
NT_PRSTATUS = 1

# (getppid, kill) per ABI: asm/unistd_64.h, asm/unistd_32.h, asm-generic/unistd.h (aarch64,
# riscv64), arm asm/unistd-eabi.h, powerpc and s390 asm/unistd_64.h
NRS = {"x86_64": (110, 62), "i386": (64, 37), "aarch64": (173, 129), "arm": (64, 37),
       "riscv64": (173, 129), "ppc64le": (64, 37), "s390x": (64, 37)}

_libc = ctypes.CDLL(None, use_errno=True)
_libc.ptrace.argtypes = (ctypes.c_long, ctypes.c_long, ctypes.c_void_p, ctypes.c_void_p)
_libc.ptrace.restype = ctypes.c_long


class _Iovec(ctypes.Structure):
    _fields_ = [("base", ctypes.c_void_p), ("len", ctypes.c_size_t)]


def _ptrace(request, pid, addr=0, data=0):
    if _libc.ptrace(request, pid, addr, data) == -1:
        e = ctypes.get_errno()
        raise OSError(e, "ptrace(%#x, %d): %s" % (request, pid, os.strerror(e)))


def _getregset(pid, size):
    buf = ctypes.create_string_buffer(size)
    iov = _Iovec(ctypes.addressof(buf), size)
    _ptrace(PTRACE_GETREGSET, pid, NT_PRSTATUS, ctypes.addressof(iov))
    return buf.raw[:iov.len]


def _setregset(pid, note, data):
    buf = ctypes.create_string_buffer(data, len(data))
    iov = _Iovec(ctypes.addressof(buf), len(data))
    _ptrace(PTRACE_SETREGSET, pid, note, ctypes.addressof(iov))


def _trace(pid, module, abi):
    """Run the stopped tracee `pid` to its end under PTRACE_SYSCALL, through `module`'s interface
    only: check getppid and kill(getpid(), 0), make getppid return 4242 and skip kill with
    -EXDEV. Returns (exit code, {event: Regs}, regset lengths seen)."""
    getppid_nr, kill_nr = NRS[abi]
    seen = {}
    lengths = set()
    first = True
    entry = None            # the Regs of the entry stop we are inside of, if any
    for _ in range(10000):
        _, status = os.waitpid(pid, 0)
        if os.WIFEXITED(status):
            return os.WEXITSTATUS(status), seen, lengths
        assert os.WIFSTOPPED(status), "tracee died: status %#x" % status
        sig = os.WSTOPSIG(status)
        inject = 0
        if first:       # SIGSTOP (forked Python child) or SIGTRAP (after execve)
            assert sig in (signal.SIGSTOP, signal.SIGTRAP), sig
            _ptrace(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL)
            first = False
        elif sig == signal.SIGTRAP | 0x80:
            raw = _getregset(pid, module.REGSET_MAX)
            lengths.add(len(raw))
            regs = module.decode(raw)
            if entry is None:                                   # syscall-entry stop
                entry = regs
                if regs.nr == getppid_nr and "getppid_entry" not in seen:
                    seen["getppid_entry"] = regs
                elif regs.nr == kill_nr and "kill_entry" not in seen:
                    seen["kill_entry"] = regs
                    _setregset(pid, module.NR_REGSET, module.with_nr(raw, -1))
                    if module.NR_REQUEST is not None:
                        _ptrace(module.NR_REQUEST, pid, 0, ctypes.c_void_p(M64))
            else:                                               # syscall-exit stop
                if entry is seen.get("getppid_entry") and "getppid_exit" not in seen:
                    seen["getppid_exit"] = regs
                    _setregset(pid, NT_PRSTATUS, module.with_ret(raw, 4242))
                elif entry is seen.get("kill_entry") and "kill_exit" not in seen:
                    seen["kill_exit"] = regs
                    _setregset(pid, NT_PRSTATUS, module.with_ret(raw, -EXDEV))
                entry = None
        else:
            inject = sig
        _ptrace(PTRACE_SYSCALL, pid, 0, inject)
    os.kill(pid, signal.SIGKILL)
    raise AssertionError("tracee did not finish")


def _check_live(module, abi, child_pid, code, seen, lengths):
    getppid_nr, kill_nr = NRS[abi]
    assert lengths == {module.REGSET_SIZES[abi]}, lengths
    assert set(seen) == {"getppid_entry", "getppid_exit", "kill_entry", "kill_exit"}, seen
    for regs in seen.values():
        assert regs.abi == abi
    assert seen["getppid_exit"].ret == os.getpid()
    if module.NAME != "s390x":          # s390x: gpr2 holds the result at exit
        assert seen["getppid_exit"].nr == getppid_nr
    kill = seen["kill_entry"]
    assert kill.args[:2] == (child_pid, 0), kill
    assert kill.sp != 0 and kill.ip != 0
    assert seen["kill_exit"].ret != 0       # skipped: kill(pid, 0) would have returned 0
    if module.NAME in ("x86_64", "i386"):
        # x86 enters every syscall with ax = -ENOSYS, and leaves it there when skipped
        assert seen["getppid_entry"].ret == -ENOSYS
        assert seen["kill_exit"].ret == -ENOSYS
    assert code == 3, "tracee saw getppid() == 4242: %s, kill() -> EXDEV: %s" % (
        bool(code & 1), bool(code & 2))


def _fork_python_tracee():
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            _libc.ptrace(PTRACE_TRACEME, 0, None, None)
            os.kill(os.getpid(), signal.SIGSTOP)
            if os.getppid() == 4242:
                code |= 1
            try:
                os.kill(os.getpid(), 0)
            except OSError as e:
                if e.errno == errno.EXDEV:
                    code |= 2
        finally:
            os._exit(code)
    return pid


def test_live_native_tracee():
    module = arch.for_machine()
    pid = _fork_python_tracee()
    code, seen, lengths = _trace(pid, module, module.ABIS[0])
    _check_live(module, module.ABIS[0], pid, code, seen, lengths)


C_TRACEE = r"""
#include <errno.h>
#include <signal.h>
#include <unistd.h>
int main(int argc, char **argv) {
    int code = 0;
    (void) argc; (void) argv;
    if (getppid() == 4242) code |= 1;
    if (kill(getpid(), 0) == -1 && errno == EXDEV) code |= 2;
    return code;
}
"""


def test_live_i386_tracee_on_x86_64(tmp_path):
    """A 32-bit program under the 64-bit kernel: a 68-byte regset, decoded as i386."""
    machine = os.uname()[4]
    if machine != "x86_64":
        pytest.fail("this test needs an x86_64 host (this is %s): it traces a 32-bit x86 program"
                    % machine)
    gcc = shutil.which("gcc")
    if gcc is None:
        pytest.fail("gcc is not installed: it builds the 32-bit test program (gcc -m32)")
    src = tmp_path / "tracee32.c"
    src.write_text(C_TRACEE)
    prog = str(tmp_path / "tracee32")
    proc = subprocess.Popen([gcc] + list(tracecmp.M32_FLAGS) + ["-static", "-O1", "-o", prog,
                                                                 str(src)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = proc.communicate()[0].decode("utf-8", "replace")
    if proc.returncode != 0:
        pytest.fail("gcc -m32 cannot build a 32-bit program; install gcc-12-multilib "
                    "and libc6-dev-i386:\n" + out)
    pid = os.fork()
    if pid == 0:
        try:
            _libc.ptrace(PTRACE_TRACEME, 0, None, None)
            os.execv(prog, [prog])
        finally:
            os._exit(127)
    code, seen, lengths = _trace(pid, x86_64, "i386")
    _check_live(x86_64, "i386", pid, code, seen, lengths)


# ---------------------------------------------------------------- the register path's fallback

class _FakePtrace(object):
    """libc.ptrace for RegsetSource: GETREGSET fails with `errors` (one errno per call, 0 for
    success) and fills the iovec with REGSET; request 12 (PTRACE_GETREGS) fills OLD."""

    def __init__(self, errors, regset, old):
        self.errors = list(errors)
        self.regset, self.old = regset, old
        self.requests = []

    def __call__(self, request, pid, addr=0, data=0):
        from minitrace import libc
        self.requests.append(request)
        if request == libc.PTRACE_GETREGSET:
            err = self.errors.pop(0)
            if err:
                raise OSError(err, os.strerror(err))
            iov = libc.iovec.from_address(data)
            ctypes.memmove(iov.iov_base, self.regset, len(self.regset))
            iov.iov_len = len(self.regset)
            return 0
        assert request == 12, request
        ctypes.memmove(data, self.old, len(self.old))
        return 0


def test_regset_source_falls_back_to_getregs(monkeypatch):
    """strace's use_getregs_old: a first PTRACE_GETREGSET failing (not EPERM/ESRCH) switches to
    PTRACE_GETREGS for good; one that worked once is never replaced; EPERM/ESRCH are errors."""
    from minitrace import libc, regs
    native = x86_64_regs(orig_rax=80, rdi=0x1000, cs=0x33, rax=M64 - ENOSYS + 1)
    compat = x86_64_regs(orig_rax=12, rbx=0x2000, cs=0x23, rax=M64 - ENOSYS + 1)

    fake = _FakePtrace([errno.EIO], native, compat)
    monkeypatch.setattr(libc, "ptrace", fake)
    source = regs.RegsetSource(x86_64)
    stop = source.stop(1, True)
    assert stop[:4] == ("entry", "i386", 12, (0x2000, 0, 0, 0, 0, 0))
    assert source.stop(1, True)[:3] == ("entry", "i386", 12)
    assert fake.requests == [libc.PTRACE_GETREGSET, 12, 12]

    fake = _FakePtrace([0, errno.EIO], native, compat)
    monkeypatch.setattr(libc, "ptrace", fake)
    source = regs.RegsetSource(x86_64)
    assert source.stop(1, True)[:4] == ("entry", "x86_64", 80, (0x1000, 0, 0, 0, 0, 0))
    with pytest.raises(OSError):
        source.stop(1, True)

    for err in (errno.EPERM, errno.ESRCH):
        fake = _FakePtrace([err, 0], native, compat)
        monkeypatch.setattr(libc, "ptrace", fake)
        source = regs.RegsetSource(x86_64)
        with pytest.raises(OSError):
            source.stop(1, True)
        assert source.stop(1, True)[2] == 80           # still PTRACE_GETREGSET
        assert 12 not in fake.requests

    fake = _FakePtrace([errno.EIO], native, compat)
    monkeypatch.setattr(libc, "ptrace", fake)
    with pytest.raises(OSError):                       # no fallback on this arch
        regs.RegsetSource(aarch64).stop(1, True)
