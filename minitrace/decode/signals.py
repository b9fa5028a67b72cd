"""Signal names and the siginfo of `--- SIGCHLD {si_signo=..., ...} ---` lines.

Names and si_code values come from the generated per-ABI constants (asm/signal.h,
asm-generic/siginfo.h). The siginfo bytes are the tracer's native layout (PTRACE_GETSIGINFO
converts for us), so the word size is the host's.
"""
import os
import struct


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


def siginfo(consts, raw):
    """The `{si_signo=..., si_code=..., ...}` text of raw siginfo bytes."""
    signo, errno_, code = _HEAD.unpack_from(raw)
    names, generic, per_family = _tables(consts)
    sname = signame(consts, signo)
    cname = None
    if code > 0 and code != 0x80:
        cname = per_family.get(sname, {}).get(code)
    if cname is None:
        cname = generic.get(code)
    parts = ["si_signo=" + sname]
    if errno_:
        parts.append("si_errno=%d" % errno_)
    parts.append("si_code=" + (cname or str(code)))
    if cname in ("SI_USER", "SI_TKILL"):
        pid, uid = _KILL.unpack_from(raw, _UNION)
        parts.append("si_pid=%d, si_uid=%d" % (pid, uid))
    elif cname in ("SI_QUEUE", "SI_MESGQ", "SI_TIMER", "SI_ASYNCIO"):
        pid, uid, ptr = _RT.unpack_from(raw, _UNION)
        parts.append("si_pid=%d, si_uid=%d, si_int=%d, si_ptr=%s"
                     % (pid, uid, struct.unpack("=i", struct.pack("=I", ptr & 0xffffffff))[0],
                        "%#x" % ptr if ptr else "NULL"))
    elif code > 0 and cname != "SI_KERNEL":
        if sname == "SIGCHLD":
            pid, uid, status, utime, stime = _CHLD.unpack_from(raw, _UNION)
            st = (signame(consts, status) if cname in ("CLD_KILLED", "CLD_DUMPED", "CLD_STOPPED",
                                                       "CLD_TRAPPED", "CLD_CONTINUED")
                  else str(status))
            parts.append("si_pid=%d, si_uid=%d, si_status=%s, si_utime=%s, si_stime=%s"
                         % (pid, uid, st, _clock(utime), _clock(stime)))
        elif sname in ("SIGSEGV", "SIGBUS", "SIGILL", "SIGFPE", "SIGTRAP"):
            addr, = _ADDR.unpack_from(raw, _UNION)
            parts.append("si_addr=" + ("%#x" % addr if addr else "NULL"))
        elif sname in ("SIGIO", "SIGPOLL"):
            band, fd = _POLL.unpack_from(raw, _UNION)
            parts.append("si_band=%d, si_fd=%d" % (band, fd))
        elif sname == "SIGSYS":
            addr, nr, arch = _SYS.unpack_from(raw, _UNION)
            parts.append("si_call_addr=%s, si_syscall=%d, si_arch=%#x"
                         % ("%#x" % addr if addr else "NULL", nr, arch))
    return "{" + ", ".join(parts) + "}"
