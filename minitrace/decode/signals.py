"""Signal names and the siginfo of `--- SIGCHLD {si_signo=..., ...} ---` lines.

Names and si_code values come from the generated per-ABI constants (asm/signal.h,
asm-generic/siginfo.h). The siginfo of PTRACE_GETSIGINFO is in the tracer's native layout (the
kernel converts it for us); one in tracee memory (rt_sigtimedwait, waitid...) is in the tracee's.
"""
import os
import struct
import sys

from minitrace import printers
from minitrace.decode.layout import Struct, Union, lookup, named


# Several names share one number; strace prints the first of each pair (asm/signal.h aliases).
ALIASES = frozenset(("SIGIOT", "SIGPOLL", "SIGUNUSED", "SIGCLD", "SIGLOST"))
NOT_SIGNALS = frozenset(("SIGSTKSZ", "SIGRTMIN", "SIGRTMAX", "SIGSTKFLT_"))
RTMIN = 32     # the kernel's SIGRTMIN (asm-generic/signal.h); strace names 33 SIGRT_1

# siginfo_t of asm-generic/siginfo.h: 128 bytes, a union of per-signal members after signo,
# errno and code (at 16 on 64-bit ABIs, 12 on 32-bit ones: the union holds pointers)
SIGVAL = Union("sigval", [("sival_int", "s32"), ("sival_ptr", "ptr")])


def _siginfo(clock):
    return Struct("siginfo", [
        ("si_signo", "s32"), ("si_errno", "s32"), ("si_code", "s32"),
        ("", Union("_sifields", [
            ("", Struct("_kill", [("si_pid", "s32"), ("si_uid", "u32")])),
            ("", Struct("_timer", [("si_timerid", "s32"), ("si_overrun", "s32"),
                                   ("si_value", SIGVAL)])),
            ("", Struct("_rt", [("si_pid", "s32"), ("si_uid", "u32"), ("si_value", SIGVAL)])),
            ("", Struct("_sigchld", [("si_pid", "s32"), ("si_uid", "u32"), ("si_status", "s32"),
                                     ("si_utime", clock), ("si_stime", clock)])),
            ("", Struct("_sigfault", [("si_addr", "ptr"), ("", Union("_bounds", [
                ("si_addr_lsb", "s16"),
                ("", Struct("_addr_bnd", [(None, "ptr"), ("si_lower", "ptr"),
                                          ("si_upper", "ptr")])),
                ("", Struct("_addr_pkey", [(None, "ptr"), ("si_pkey", "u32")]))]))])),
            ("", Struct("_sigpoll", [("si_band", "long"), ("si_fd", "s32")])),
            ("", Struct("_sigsys", [("si_call_addr", "ptr"), ("si_syscall", "s32"),
                                    ("si_arch", "u32")]))]))], size=128)


SIGINFO = _siginfo("long")              # si_utime/si_stime: __kernel_clock_t
SIGINFO_X32 = _siginfo("s64@4")         # x32: long long aligned(4) (x86's asm/siginfo.h)


@named("siginfo")
def siginfo_layout(abi):
    return SIGINFO_X32 if abi == "x32" else SIGINFO


_native = []


def native_abi():
    """The ABI of the tracer itself: the layout PTRACE_GETSIGINFO fills."""
    if not _native:
        from minitrace import arch
        bits = struct.calcsize("P") * 8
        big = sys.byteorder == "big"
        try:
            abis = arch.for_machine().ABIS
        except ValueError:
            abis = ("x86_64", "i386", "s390x")
        for abi in abis:
            if arch.long_bits(abi) == bits and (arch.endian(abi) == ">") == big:
                _native.append(abi)
                break
        else:
            _native.append(abis[0])
    return _native[0]


# si_code families (asm-generic/siginfo.h): each signal's own codes, by name (a prefix would
# also take other headers' names: linux/input.h's BUS_PCI, BUS_USB... are bus types)
_ILL = ("ILL_ILLOPC", "ILL_ILLOPN", "ILL_ILLADR", "ILL_ILLTRP", "ILL_PRVOPC", "ILL_PRVREG",
        "ILL_COPROC", "ILL_BADSTK", "ILL_BADIADDR")
_FPE = ("FPE_INTDIV", "FPE_INTOVF", "FPE_FLTDIV", "FPE_FLTOVF", "FPE_FLTUND", "FPE_FLTRES",
        "FPE_FLTINV", "FPE_FLTSUB", "FPE_FLTUNK", "FPE_CONDTRAP")
_SEGV = ("SEGV_MAPERR", "SEGV_ACCERR", "SEGV_BNDERR", "SEGV_PKUERR", "SEGV_ACCADI",
         "SEGV_ADIDERR", "SEGV_ADIPERR", "SEGV_MTEAERR", "SEGV_MTESERR")
_BUS = ("BUS_ADRALN", "BUS_ADRERR", "BUS_OBJERR", "BUS_MCEERR_AR", "BUS_MCEERR_AO")
_TRAP = ("TRAP_BRKPT", "TRAP_TRACE", "TRAP_BRANCH", "TRAP_HWBKPT", "TRAP_UNK", "TRAP_PERF")
_CLD = ("CLD_EXITED", "CLD_KILLED", "CLD_DUMPED", "CLD_TRAPPED", "CLD_STOPPED", "CLD_CONTINUED")
_POLL = ("POLL_IN", "POLL_OUT", "POLL_MSG", "POLL_ERR", "POLL_PRI", "POLL_HUP")
_SYS = ("SYS_SECCOMP", "SYS_USER_DISPATCH")
_CODES = {"SIGCHLD": _CLD, "SIGSEGV": _SEGV, "SIGBUS": _BUS, "SIGILL": _ILL, "SIGFPE": _FPE,
          "SIGTRAP": _TRAP, "SIGPOLL": _POLL, "SIGIO": _POLL, "SIGSYS": _SYS}
_GENERIC_CODES = ("SI_USER", "SI_KERNEL", "SI_QUEUE", "SI_TIMER", "SI_MESGQ", "SI_ASYNCIO",
                  "SI_SIGIO", "SI_TKILL", "SI_DETHREAD", "SI_ASYNCNL")
_cache = {}


def _tables(consts):
    key = id(consts)
    t = _cache.get(key)
    if t is None:
        names = {}
        for name, value in consts.prefixed("SIG"):
            if (not name.startswith("SIG_") and name.isupper()
                    and name.isalnum() and name not in NOT_SIGNALS and name not in ALIASES
                    and isinstance(value, int) and 0 < value < RTMIN):
                names.setdefault(value, name)
        generic = {}
        for name in _GENERIC_CODES:
            if name in consts:
                generic.setdefault(consts[name], name)
        per_family = {}
        for sig, codes in _CODES.items():
            fam = {}
            for name in codes:
                value = consts.get(name)
                if isinstance(value, int) and value not in fam:
                    fam[value] = name
            per_family[sig] = fam
        t = _cache[key] = (names, generic, per_family)
    return t


def signame(consts, sig):
    """`SIGCHLD`; real-time `SIGRTMIN`, `SIGRT_1`...; unknown: the number."""
    names = _tables(consts)[0]
    name = names.get(sig)
    if name is not None:
        return name
    if sig == RTMIN:
        return "SIGRTMIN"
    if RTMIN < sig <= 64:
        return "SIGRT_%d" % (sig - RTMIN)
    return str(sig)


def _clock(ticks):
    if not ticks:
        return "0"
    hz = os.sysconf("SC_CLK_TCK")
    return "%d /* %d.%02d s */" % (ticks, ticks // hz, (ticks % hz) * 100 // hz)


def _styled(number, name, style):
    """print_xlat: `NAME`, -X raw `number`, -X verbose `number /* NAME */`; no name: number."""
    cstyle = style.const_style if style is not None else "abbrev"
    if name is None or cstyle == "raw":
        return number
    return "%s /* %s */" % (number, name) if cstyle == "verbose" else name


def signal_text(consts, sig, style=None):
    """printsignal: `SIGCHLD`, -X raw `17`, -X verbose `17 /* SIGCHLD */`."""
    name = signame(consts, sig)
    return _styled(str(sig), None if name == str(sig) else name, style)


_errno_cache = {}


def _errno_name(consts, err):
    """The canonical errno name (syscalls.errno_names of the ABI these constants belong to)."""
    names = _errno_cache.get(id(consts))
    if names is None:
        import syscalls
        names = {}
        for abi in syscalls.ABIS:
            try:
                if syscalls.constants(abi) is consts:
                    names = syscalls.errno_names(abi)
                    break
            except ValueError:
                continue
        _errno_cache[id(consts)] = names
    return names.get(err)


def _abi_of_audit_arch(consts, value):
    """The ABI whose AUDIT_ARCH is `value` (x32 reports AUDIT_ARCH_X86_64), or None."""
    from minitrace import arch
    for name in arch.ALL:
        for abi, audit in getattr(arch.by_name(name), "AUDIT_ARCH", {}).items():
            if audit == value and abi != "x32":
                return abi
    return None


def _audit_arch_name(consts, value):
    for name, v in consts.prefixed("AUDIT_ARCH_"):
        if v == value:
            return name
    return None


def audit_arch_text(consts, value, style=None):
    """An AUDIT_ARCH_* value: `AUDIT_ARCH_X86_64`, unknown `0x... /* AUDIT_ARCH_??? */`."""
    name = _audit_arch_name(consts, value)
    return printers.enum(value, {value: name} if name else {}, style, "AUDIT_ARCH_???")


def _syscall_name(consts, nr, arch_value):
    """`__NR_mount`, or None when the number is not a syscall of that AUDIT_ARCH."""
    import syscalls
    abi = _abi_of_audit_arch(consts, arch_value)
    name = None
    if abi is not None:
        try:
            name = syscalls.table(abi).names.get(nr)
        except ValueError:
            name = None
    return "__NR_" + name if name else None


def _personality_abis(abi):
    """The ABIs of strace's personalities while it traces a tracee of `abi`, in strace's order:
    those of this host's architecture when it runs `abi`, else of the first one that does."""
    from minitrace import arch
    try:
        host = arch.for_machine()
    except ValueError:
        host = None
    if host is None or abi not in host.ABIS:
        host = next((arch.by_name(n) for n in arch.ALL if abi in arch.by_name(n).ABIS), None)
    return () if host is None else tuple((a, host.AUDIT_ARCH.get(a)) for a in host.ABIS)


def _personality_syscall(nr, arch_value, abi):
    """strace's syscall_name_arch: (name, whether the tracee's own ABI has it) of the first
    personality of AUDIT_ARCH `arch_value` that has the number, or (None, False)."""
    import syscalls
    for pers, audit in _personality_abis(abi):
        if audit != arch_value:
            continue
        try:
            name = syscalls.table(pers).names.get(nr)
        except ValueError:
            name = None
        if name:
            return name, pers == abi
    return None, False


# arm's private calls (0x0f0000 on) are __ARM_NR_ ones (strace's arm nr_prefix)
_ARM_PRIVATE_BASE = 0x0f0000


def _nr_prefix(abi, nr):
    return "__ARM_NR_" if abi == "arm" and nr >= _ARM_PRIVATE_BASE else "__NR_"


def syscall_field(consts, nr, arch_value, style=None, abi=None):
    """strace's PRINT_FIELD_SYSCALL_NAME: `__NR_read`; -X raw `0`; -X verbose
    `0 /* __NR_read */`; a number the arch lacks in decimal, unsigned. With `abi` (the
    tracee's), a call of another of strace's personalities is `224 /* gettid */` (-X raw
    `224`), and an AUDIT_ARCH no personality has prints the number alone."""
    cstyle = style.const_style if style is not None else "abbrev"
    if abi is not None:
        name, own = _personality_syscall(nr, arch_value, abi)
        if name is None or cstyle == "raw":
            return str(nr)
        if not own:
            return "%d /* %s */" % (nr, name)
        name = _nr_prefix(abi, nr) + name
        return "%d /* %s */" % (nr, name) if cstyle == "verbose" else name
    name = _syscall_name(consts, nr, arch_value)
    if name is None or cstyle == "raw":
        return str(nr)
    return "%d /* %s */" % (nr, name) if cstyle == "verbose" else name


def _ptr(value):
    return "%#x" % value if value else "NULL"


def _sigval(si, raw):
    return "si_int=%d, si_ptr=%s" % (si.get(raw, "si_value.sival_int"),
                                     _ptr(si.get(raw, "si_value.sival_ptr")))


def _source(si, raw, pid_text=str):
    uid = si.get(raw, "si_uid")
    # strace's printuid: (uid_t) -1 is `-1`
    return "si_pid=%s, si_uid=%s" % (pid_text(si.get(raw, "si_pid")),
                                     "-1" if uid == 0xffffffff else uid)


def siginfo(consts, raw, style=None, abi=None, fd_text=str, pid_text=str):
    """The `{si_signo=..., si_code=..., ...}` text of raw siginfo bytes (strace's
    printsiginfo) in the layout of `abi` (None: the tracer's own, as PTRACE_GETSIGINFO gives).
    `style` (printers.Style) gives -X raw / -X verbose; None is abbrev; `fd_text` prints si_fd
    (with -y its path), `pid_text` si_pid (with -Y its name, common.pid_arg)."""
    if abi is None:
        abi = native_abi()
    si = lookup("siginfo", abi)
    signo, errno_, code = si.get(raw, "si_signo"), si.get(raw, "si_errno"), si.get(raw, "si_code")
    if not signo:
        return "{}"
    names, generic, per_family = _tables(consts)
    sname = signame(consts, signo)
    cname = generic.get(code)
    if cname is None and code > 0:
        cname = per_family.get(sname, {}).get(code)
    parts = ["si_signo=" + signal_text(consts, signo, style),
             "si_code=" + _styled(printers.hexnum(code & 0xffffffff), cname, style)]
    if errno_:
        parts.append("si_errno=" + _styled(str(errno_ & 0xffffffff),
                                           _errno_name(consts, errno_), style))
    if code <= 0:                                  # SI_FROMUSER
        if cname in ("SI_USER", "SI_TKILL"):
            parts.append(_source(si, raw, pid_text))
        elif cname == "SI_TIMER":
            parts.append("si_timerid=%s, si_overrun=%d, %s"
                         % (printers.hexnum(si.get(raw, "si_timerid") & 0xffffffff),
                            si.get(raw, "si_overrun"), _sigval(si, raw)))
        elif cname == "SI_SIGIO":
            parts.append("si_band=%d, si_fd=%s" % (si.get(raw, "si_band"),
                                                  fd_text(si.get(raw, "si_fd"))))
        else:
            parts.append(_source(si, raw, pid_text))
            if si.get(raw, "si_value.sival_ptr"):
                parts.append(_sigval(si, raw))
    elif sname == "SIGCHLD":
        status = si.get(raw, "si_status")
        st = str(status) if cname == "CLD_EXITED" else signal_text(consts, status, style)
        parts.append("%s, si_status=%s, si_utime=%s, si_stime=%s"
                     % (_source(si, raw, pid_text), st, _clock(si.get(raw, "si_utime")),
                        _clock(si.get(raw, "si_stime"))))
    elif sname in ("SIGSEGV", "SIGBUS", "SIGILL", "SIGFPE", "SIGTRAP"):
        parts.append("si_addr=" + _ptr(si.get(raw, "si_addr")))
        # asm-generic/siginfo.h's _addr_lsb, _addr_bnd, _addr_pkey
        if cname in ("BUS_MCEERR_AR", "BUS_MCEERR_AO") and sname == "SIGBUS":
            parts.append("si_addr_lsb=%s" % printers.hexnum(si.get(raw, "si_addr_lsb") & 0xffff))
        elif cname == "SEGV_BNDERR" and sname == "SIGSEGV":
            parts.append("si_lower=%s, si_upper=%s" % (_ptr(si.get(raw, "si_lower")),
                                                       _ptr(si.get(raw, "si_upper"))))
        elif cname == "SEGV_PKUERR" and sname == "SIGSEGV":
            parts.append("si_pkey=%d" % si.get(raw, "si_pkey"))
    elif sname in ("SIGIO", "SIGPOLL"):
        if cname in ("POLL_IN", "POLL_OUT", "POLL_MSG"):
            parts.append("si_band=%d, si_fd=%s" % (si.get(raw, "si_band"),
                                                  fd_text(si.get(raw, "si_fd"))))
    elif sname == "SIGSYS":
        addr, nr, arch = (si.get(raw, "si_call_addr"), si.get(raw, "si_syscall"),
                          si.get(raw, "si_arch"))
        parts.append("si_call_addr=%s, si_syscall=%s, si_arch=%s"
                     % (_ptr(addr), syscall_field(consts, nr & 0xffffffff, arch, style),
                        audit_arch_text(consts, arch, style)))
    else:
        if si.get(raw, "si_pid") or si.get(raw, "si_uid"):
            parts.append(_source(si, raw, pid_text))
        if si.get(raw, "si_value.sival_ptr"):
            parts.append(_sigval(si, raw))
    return "{" + ", ".join(parts) + "}"
