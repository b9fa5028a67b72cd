"""Signal names and the siginfo of `--- SIGCHLD {si_signo=..., ...} ---` lines.

Names and si_code values come from the generated per-ABI constants (asm/signal.h,
asm-generic/siginfo.h). The siginfo bytes are the tracer's native layout (PTRACE_GETSIGINFO
converts for us), so the word size is the host's.
"""
import os
import struct

from minitrace import printers


# Several names share one number; strace prints the first of each pair (asm/signal.h aliases).
ALIASES = frozenset(("SIGIOT", "SIGPOLL", "SIGUNUSED", "SIGCLD", "SIGLOST"))
NOT_SIGNALS = frozenset(("SIGSTKSZ", "SIGRTMIN", "SIGRTMAX", "SIGSTKFLT_"))
RTMIN = 32     # the kernel's SIGRTMIN (asm-generic/signal.h); strace names 33 SIGRT_1

_WORD = struct.calcsize("P")
_UNION = 16 if _WORD == 8 else 12        # offsetof(siginfo_t, _sifields)
# native layouts, as the host kernel fills them (uapi asm-generic/siginfo.h)
_HEAD = struct.Struct("iii")
_KILL = struct.Struct("iI")               # si_pid, si_uid
_CHLD = struct.Struct("iIill")            # si_pid, si_uid, si_status, si_utime, si_stime
_RT = struct.Struct("iIP")                # si_pid, si_uid, si_value
_ADDR = struct.Struct("P")                # si_addr
_POLL = struct.Struct("li")               # si_band, si_fd
_SYS = struct.Struct("PiI")               # si_call_addr, si_syscall, si_arch

# si_code families (asm-generic/siginfo.h): which signals have their own codes
_CODE_PREFIX = {"SIGCHLD": "CLD_", "SIGSEGV": "SEGV_", "SIGBUS": "BUS_", "SIGILL": "ILL_",
                "SIGFPE": "FPE_", "SIGTRAP": "TRAP_", "SIGPOLL": "POLL_", "SIGIO": "POLL_",
                "SIGSYS": "SYS_"}
_GENERIC_CODES = ("SI_USER", "SI_KERNEL", "SI_QUEUE", "SI_TIMER", "SI_MESGQ", "SI_ASYNCIO",
                  "SI_SIGIO", "SI_TKILL", "SI_DETHREAD", "SI_ASYNCNL")
_cache = {}


def _tables(consts):
    key = id(consts)
    t = _cache.get(key)
    if t is None:
        names = {}
        for name, value in sorted(consts.items()):
            if (name.startswith("SIG") and not name.startswith("SIG_") and name.isupper()
                    and name.isalnum() and name not in NOT_SIGNALS and name not in ALIASES
                    and isinstance(value, int) and 0 < value < RTMIN):
                names.setdefault(value, name)
        generic = {}
        for name in _GENERIC_CODES:
            if name in consts:
                generic.setdefault(consts[name], name)
        per_family = {}
        for sig, prefix in _CODE_PREFIX.items():
            fam = {}
            for name, value in consts.items():
                if name.startswith(prefix) and isinstance(value, int) and 0 < value < 64:
                    if not name.startswith("SIGCHLD") and value not in fam:
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
    for name, v in sorted(consts.items()):
        if name.startswith("AUDIT_ARCH_") and v == value:
            return name
    return None


def _syscall_name(consts, nr, arch_value):
    """`__NR_mount`; unknown `__NR_syscall_600` (strace's PRINT_FIELD_SYSCALL_NAME)."""
    import syscalls
    abi = _abi_of_audit_arch(consts, arch_value)
    name = None
    if abi is not None:
        try:
            name = syscalls.table(abi).names.get(nr)
        except ValueError:
            name = None
    return "__NR_" + (name or "syscall_%d" % (nr & 0xffffffff))


def _ptr(value):
    return "%#x" % value if value else "NULL"


def _sigval(raw):
    ptr, = _ADDR.unpack_from(raw, _UNION + 8)
    return "si_int=%d, si_ptr=%s" % (struct.unpack("=i", raw[_UNION + 8:_UNION + 12])[0],
                                     _ptr(ptr))


def _source(raw):
    pid, uid = _KILL.unpack_from(raw, _UNION)
    return "si_pid=%d, si_uid=%d" % (pid, uid)


def siginfo(consts, raw, style=None):
    """The `{si_signo=..., si_code=..., ...}` text of raw siginfo bytes (strace's
    printsiginfo). `style` (printers.Style) gives -X raw / -X verbose; None is abbrev."""
    signo, errno_, code = _HEAD.unpack_from(raw)
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
            parts.append(_source(raw))
        elif cname == "SI_TIMER":
            tid, overrun = struct.unpack_from("=ii", raw, _UNION)
            parts.append("si_timerid=%s, si_overrun=%d, %s"
                         % (printers.hexnum(tid & 0xffffffff), overrun, _sigval(raw)))
        elif cname == "SI_SIGIO":
            band, fd = _POLL.unpack_from(raw, _UNION)
            parts.append("si_band=%d, si_fd=%d" % (band, fd))
        else:
            parts.append(_source(raw))
            if _ADDR.unpack_from(raw, _UNION + 8)[0]:
                parts.append(_sigval(raw))
    elif sname == "SIGCHLD":
        pid, uid, status, utime, stime = _CHLD.unpack_from(raw, _UNION)
        st = str(status) if cname == "CLD_EXITED" else signal_text(consts, status, style)
        parts.append("si_pid=%d, si_uid=%d, si_status=%s, si_utime=%s, si_stime=%s"
                     % (pid, uid, st, _clock(utime), _clock(stime)))
    elif sname in ("SIGSEGV", "SIGBUS", "SIGILL", "SIGFPE", "SIGTRAP"):
        addr, = _ADDR.unpack_from(raw, _UNION)
        parts.append("si_addr=" + _ptr(addr))
    elif sname in ("SIGIO", "SIGPOLL"):
        if cname in ("POLL_IN", "POLL_OUT", "POLL_MSG"):
            band, fd = _POLL.unpack_from(raw, _UNION)
            parts.append("si_band=%d, si_fd=%d" % (band, fd))
    elif sname == "SIGSYS":
        addr, nr, arch = _SYS.unpack_from(raw, _UNION)
        parts.append("si_call_addr=%s, si_syscall=%s, si_arch=%s"
                     % (_ptr(addr), _syscall_name(consts, nr, arch),
                        _styled(printers.hexnum(arch), _audit_arch_name(consts, arch), style)
                        if _audit_arch_name(consts, arch) else
                        "%s /* AUDIT_ARCH_??? */" % printers.hexnum(arch)))
    else:
        pid, uid = _KILL.unpack_from(raw, _UNION)
        if pid or uid:
            parts.append(_source(raw))
        if _ADDR.unpack_from(raw, _UNION + 8)[0]:
            parts.append(_sigval(raw))
    return "{" + ", ".join(parts) + "}"
