"""Decoders of the process family (strace 6.1's execve.c, clone.c, wait.c, prctl.c, resource.c,
uid.c, ...): execve, exit, clone/clone3, wait4/waitid, kill/tkill/tgkill, the id calls, prctl,
arch_prctl, rlimits, uname, getrandom, rseq, umask, personality, sched affinity, rusage, times.

argv is printed in full (elements cut by -s, the array by -s elements unless -v); envp as
`0x7ffc... /* 23 vars */`, or in full with -v. Structs are read in the tracee ABI's layout.
"""
import struct

from minitrace import arch, printers
from minitrace.arch import long_bits
from minitrace.decode import register
from minitrace.decode.generic import Decoder, path_arg, format_arg, K_SIGNED
from minitrace.decode.signals import signame, siginfo

MAX_ARRAY = 1 << 16     # bound on argv/envp elements counted in a hostile tracee


def read_pointer_array(ctx, call, addr, limit):
    """Up to `limit` pointers of a NULL-terminated array; (pointers, complete, readable)."""
    bits = long_bits(call.abi)
    size = bits // 8
    code = "I" if bits == 32 else "Q"
    out = []
    chunk = 64
    while len(out) < limit:
        want = min(chunk, limit - len(out))
        data = ctx.read(call, addr + len(out) * size, want * size)
        if not data:
            return out, False, bool(out)
        n = len(data) // size
        values = struct.unpack("=%d%s" % (n, code), data[:n * size])
        for v in values:
            if v == 0:
                return out, True, True
            out.append(v)
        if n < want:
            return out, False, True
    return out, False, True


def string_array(ctx, call, addr):
    """`["ls", "-l"]` with -s cutting each element and the element count (unless -v)."""
    if not addr:
        return "NULL"
    style = ctx.style
    cap = MAX_ARRAY if style.verbose else style.string_limit + 1
    ptrs, complete, readable = read_pointer_array(ctx, call, addr, cap)
    if not readable:
        return printers.ptr(addr)
    shown = ptrs if style.verbose else ptrs[:style.string_limit]
    parts = [printers_cstring(ctx, call, p) for p in shown]
    if len(ptrs) > len(shown) or (not complete and len(ptrs) >= cap):
        parts.append("...")
    return "[" + ", ".join(parts) + "]"


def printers_cstring(ctx, call, addr):
    style = ctx.style
    data, terminated = ctx.read_cstring(call, addr, printers.cstring_read_size(style))
    if data is None:
        return printers.ptr(addr)
    return printers.quote_cstring(data, style, None, terminated)


def env_summary(ctx, call, addr):
    """`0x7ffc... /* 23 vars */`, or the whole array with -v."""
    if not addr:
        return "NULL"
    if ctx.style.verbose:
        return string_array(ctx, call, addr)
    ptrs, complete, readable = read_pointer_array(ctx, call, addr, MAX_ARRAY)
    if not readable:
        return printers.ptr(addr)
    return "%s /* %d vars */" % (printers.ptr(addr), len(ptrs))   # strace: always "vars"


@register("execve")
class Execve(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s" % (path_arg(ctx, call, a[0]), string_array(ctx, call, a[1]),
                               env_summary(ctx, call, a[2]))


@register("execveat")
class Execveat(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s, %s, %s" % (
            printers.fd_or_atfdcwd(a[0], ctx.style), path_arg(ctx, call, a[1]),
            string_array(ctx, call, a[2]), env_summary(ctx, call, a[3]),
            format_arg(ctx, call, K_SIGNED, False, a[4]))


@register("exit", "exit_group")
class Exit(Decoder):
    def enter(self, ctx, call):
        return printers.sdec(call.args[0], 32)



# ---------------------------------------------------------------------------------------------
# helpers shared by this family

_LAYOUT = {}


def layout(abi):
    """(struct byte-order prefix, "I" or "Q" for a C long) of a tracee of this ABI."""
    lay = _LAYOUT.get(abi)
    if lay is None:
        endian = "<"
        for name in arch.ALL:
            mod = arch.by_name(name)
            if abi in mod.ENDIAN:
                endian = mod.ENDIAN[abi]
                break
        lay = _LAYOUT[abi] = (endian, "I" if long_bits(abi) == 32 else "Q")
    return lay


def read_longs(ctx, call, addr, count, signed=False):
    """`count` C longs of the tracee at addr, or None."""
    endian, code = layout(call.abi)
    if signed:
        code = code.lower()
    size = struct.calcsize(code) * count
    data = ctx.read(call, addr, size)
    if data is None or len(data) < size:
        return None
    return struct.unpack("%s%d%s" % (endian, count, code), data)


def read_ints(ctx, call, addr, count, code="i"):
    size = 4 * count
    data = ctx.read(call, addr, size)
    if data is None or len(data) < size:
        return None
    return struct.unpack("%s%d%s" % (layout(call.abi)[0], count, code), data)


def sig(ctx, call, n):
    return signame(ctx.constants(call.abi), n)


def flagset(ctx, call, value, names, unknown=None):
    return printers.flags(value, ctx.flag_table(call.abi, names), ctx.style, unknown)


def enumval(ctx, call, value, names, unknown):
    return printers.enum(value, ctx.enum_table(call.abi, names), ctx.style, unknown)


def int_arg(value):
    return printers.sdec(value, 32)


def failed(call):
    return bool(call.error) or call.ret is None


def indirect_int(ctx, call, addr, fmt=str):
    """`[5]` of an int the kernel wrote, or the address."""
    vals = read_ints(ctx, call, addr, 1) if addr else None
    if vals is None:
        return printers.ptr(addr)
    return "[%s]" % fmt(vals[0])


def indirect_ptr(ctx, call, addr):
    """`[0x7f...]` / `[NULL]` of a pointer the kernel wrote (printnum_kptr)."""
    vals = read_longs(ctx, call, addr, 1) if addr else None
    if vals is None:
        return printers.ptr(addr)
    return "[%s]" % printers.ptr(vals[0])


# ---------------------------------------------------------------------------------------------
# clone, clone3

# xlat/clone_flags.in (include/uapi/linux/sched.h), in strace's order
CLONE_NAMES = ("CLONE_VM", "CLONE_FS", "CLONE_FILES", "CLONE_SIGHAND", "CLONE_PIDFD",
               "CLONE_PTRACE", "CLONE_VFORK", "CLONE_PARENT", "CLONE_THREAD", "CLONE_NEWNS",
               "CLONE_SYSVSEM", "CLONE_SETTLS", "CLONE_PARENT_SETTID", "CLONE_CHILD_CLEARTID",
               "CLONE_UNTRACED", "CLONE_CHILD_SETTID", "CLONE_NEWCGROUP", "CLONE_NEWUTS",
               "CLONE_NEWIPC", "CLONE_NEWUSER", "CLONE_NEWPID", "CLONE_NEWNET", "CLONE_IO",
               "CLONE_CLEAR_SIGHAND", "CLONE_INTO_CGROUP", "CLONE_NEWTIME")
# clone's argument order (kernel/fork.c CONFIG_CLONE_BACKWARDS*, as strace's clone.c sees it):
# (flags, stack, parent_tid, child_tid, tls) by ABI; the default is CLONE_BACKWARDS.
CLONE_ARGS = {"x86_64": (0, 1, 2, 3, 4), "x32": (0, 1, 2, 3, 4), "s390x": (1, 0, 2, 3, 4)}
CLONE_ARGS_DEFAULT = (0, 1, 2, 4, 3)


def _const(ctx, call, name):
    return ctx.constants(call.abi).get(name, 0)


def clone_flags(ctx, call, flags, signal):
    """`CLONE_VM|...|SIGCHLD` (strace: the flags, then the exit signal, `0` if neither)."""
    parts = []
    if flags:
        parts.append(printers.flags(flags, ctx.flag_table(call.abi, CLONE_NAMES)))
    if signal:
        parts.append(sig(ctx, call, signal))
    return "|".join(parts) or "0"


@register("clone")
class Clone(Decoder):
    def _idx(self, call):
        return CLONE_ARGS.get(call.abi, CLONE_ARGS_DEFAULT)

    def _flags(self, ctx, call):
        raw = call.args[self._idx(call)[0]]
        csignal = _const(ctx, call, "CSIGNAL") or 0xff
        return raw & ~csignal, raw & csignal

    def enter(self, ctx, call):
        i = self._idx(call)
        flags, signal = self._flags(ctx, call)
        return "child_stack=%s, flags=%s" % (printers.ptr(call.args[i[1]]),
                                             clone_flags(ctx, call, flags, signal))

    def exit(self, ctx, call):
        i = self._idx(call)
        a = call.args
        flags = self._flags(ctx, call)[0]
        c = ctx.constants(call.abi)
        out = []
        if flags & (c.get("CLONE_PARENT_SETTID", 0) | c.get("CLONE_PIDFD", 0)):
            out.append("parent_tid=" + indirect_int(ctx, call, a[i[2]],
                                                     lambda v: str(v & 0xffffffff)))
        if flags & (c.get("CLONE_CHILD_SETTID", 0) | c.get("CLONE_CHILD_CLEARTID", 0)):
            out.append("child_tidptr=" + printers.ptr(a[i[3]]))
        if flags & c.get("CLONE_SETTLS", 0):
            out.append("tls=" + printers.ptr(a[i[4]]))
        return "".join(", " + x for x in out)


# struct clone_args (linux/sched.h): eleven __aligned_u64
_CLONE_ARGS_FIELDS = ("flags", "pidfd", "child_tid", "parent_tid", "exit_signal", "stack",
                      "stack_size", "tls", "set_tid", "set_tid_size", "cgroup")
_CLONE_ARGS_MIN = 64        # offsetofend(struct clone_args, tls) (CLONE_ARGS_SIZE_VER0)


@register("clone3")
class Clone3(Decoder):
    def _read(self, ctx, call):
        addr, size = call.args[0], call.args[1]
        fetch = min(size, 8 * len(_CLONE_ARGS_FIELDS))
        if fetch < _CLONE_ARGS_MIN:
            return None
        data = ctx.read(call, addr, fetch)
        if data is None or len(data) < fetch:
            return None
        n = fetch // 8
        vals = struct.unpack("%s%dQ" % (layout(call.abi)[0], n), data[:n * 8])
        vals += (0,) * (len(_CLONE_ARGS_FIELDS) - n)
        return dict(zip(_CLONE_ARGS_FIELDS, vals))

    def _later(self, ctx, call, a):
        """strace finishes the line at exit when the kernel writes something back."""
        c = ctx.constants(call.abi)
        return bool(a["flags"] & (c.get("CLONE_PIDFD", 0) | c.get("CLONE_PARENT_SETTID", 0)))

    def enter(self, ctx, call):
        a = self._read(ctx, call)
        size = printers.udec(call.args[1], long_bits(call.abi))
        if a is None:
            return "%s, %s" % (printers.ptr(call.args[0]), size)
        c = ctx.constants(call.abi)
        f = a["flags"]
        parts = ["flags=" + printers.flags(f, ctx.flag_table(call.abi, CLONE_NAMES),
                                           ctx.style, "CLONE_???")]
        if f & c.get("CLONE_PIDFD", 0):
            parts.append("pidfd=" + printers.ptr(a["pidfd"]))
        if f & (c.get("CLONE_CHILD_SETTID", 0) | c.get("CLONE_CHILD_CLEARTID", 0)):
            parts.append("child_tid=" + printers.ptr(a["child_tid"]))
        if f & c.get("CLONE_PARENT_SETTID", 0):
            parts.append("parent_tid=" + printers.ptr(a["parent_tid"]))
        parts.append("exit_signal=" + sig(ctx, call, a["exit_signal"]))
        parts.append("stack=" + printers.ptr(a["stack"]))
        parts.append("stack_size=" + printers.hexnum(a["stack_size"]))
        if f & c.get("CLONE_SETTLS", 0):
            parts.append("tls=" + printers.ptr(a["tls"]))
        if a["set_tid"] or a["set_tid_size"]:
            parts.append("set_tid=" + printers.ptr(a["set_tid"]))
            parts.append("set_tid_size=%d" % a["set_tid_size"])
        if call.args[1] > 80 and (a["cgroup"] or f & c.get("CLONE_INTO_CGROUP", 0)):
            parts.append("cgroup=%d" % a["cgroup"])
        text = "{" + ", ".join(parts) + "}"
        if self._later(ctx, call, a):
            return text
        return text + ", " + size

    def exit(self, ctx, call):
        a = self._read(ctx, call)
        if a is None or not self._later(ctx, call, a):
            return ""
        size = ", " + printers.udec(call.args[1], long_bits(call.abi))
        if failed(call):
            return size
        c = ctx.constants(call.abi)
        out = []
        if a["flags"] & c.get("CLONE_PIDFD", 0):
            out.append("pidfd=" + indirect_int(ctx, call, a["pidfd"]))
        if a["flags"] & c.get("CLONE_PARENT_SETTID", 0):
            out.append("parent_tid=" + indirect_int(ctx, call, a["parent_tid"]))
        return " => {" + ", ".join(out) + "}" + size


# ---------------------------------------------------------------------------------------------
# wait4, waitid

# xlat/wait4_options.in (WSTOPPED is WUNTRACED's value and the name strace prints)
WAIT_NAMES = ("WNOHANG", "WSTOPPED", "WUNTRACED", "WEXITED", "WCONTINUED", "WNOWAIT",
              "__WNOTHREAD", "__WALL", "__WCLONE")
IDTYPE_NAMES = ("P_ALL", "P_PID", "P_PGID", "P_PIDFD")
PTRACE_EVENT_NAMES = ("PTRACE_EVENT_FORK", "PTRACE_EVENT_VFORK", "PTRACE_EVENT_CLONE",
                      "PTRACE_EVENT_EXEC", "PTRACE_EVENT_VFORK_DONE", "PTRACE_EVENT_EXIT",
                      "PTRACE_EVENT_SECCOMP", "PTRACE_EVENT_STOP")


def wait_status(ctx, call, status):
    """`[{WIFEXITED(s) && WEXITSTATUS(s) == 0}]` (strace's printstatus)."""
    status &= 0xffffffff
    low = status & 0x7f
    if status & 0xff == 0x7f:
        s = (status >> 8) & 0xff
        text = "{WIFSTOPPED(s) && WSTOPSIG(s) == %s%s}" % (sig(ctx, call, s & 0x7f),
                                                          " | 0x80" if s & 0x80 else "")
        status &= ~((s << 8) | 0x7f)
    elif low and low != 0x7f:
        text = "{WIFSIGNALED(s) && WTERMSIG(s) == %s%s}" % (
            sig(ctx, call, low), " && WCOREDUMP(s)" if status & 0x80 else "")
        status &= ~(low | 0x80)
    elif low == 0 and status & 0xffff != 0xffff:
        text = "{WIFEXITED(s) && WEXITSTATUS(s) == %d}" % ((status >> 8) & 0xff)
        status &= ~0xff00
    elif status & 0xffff == 0xffff:
        text = "{WIFCONTINUED(s)}"
        status &= ~0xffff
    else:
        return "[%#x]" % status
    if status >> 16:
        text += " | %s << 16" % enumval(ctx, call, status >> 16, PTRACE_EVENT_NAMES,
                                        "PTRACE_EVENT_???")
        status &= 0xffff
    if status:
        text += " | %#x" % status
    return "[" + text + "]"


def timeval(sec, usec):
    return "{tv_sec=%d, tv_usec=%d}" % (sec, usec)


_RUSAGE_LONGS = ("ru_maxrss", "ru_ixrss", "ru_idrss", "ru_isrss", "ru_minflt", "ru_majflt",
                 "ru_nswap", "ru_inblock", "ru_oublock", "ru_msgsnd", "ru_msgrcv",
                 "ru_nsignals", "ru_nvcsw", "ru_nivcsw")


def rusage(ctx, call, addr):
    """`{ru_utime={tv_sec=0, tv_usec=73}, ru_stime={...}, ...}`, every field with -v."""
    v = read_longs(ctx, call, addr, 4 + len(_RUSAGE_LONGS), signed=True) if addr else None
    if v is None:
        return printers.ptr(addr)
    text = "{ru_utime=%s, ru_stime=%s" % (timeval(v[0], v[1]), timeval(v[2], v[3]))
    if ctx.style.verbose:
        return text + "".join(", %s=%d" % (n, x) for n, x in zip(_RUSAGE_LONGS, v[4:])) + "}"
    return text + ", ...}"


@register("wait4")
class Wait4(Decoder):
    def enter(self, ctx, call):
        return int_arg(call.args[0]) + ", "

    def exit(self, ctx, call):
        a = call.args
        if failed(call) or call.ret == 0 or not a[1]:
            status = printers.ptr(a[1])
        else:
            vals = read_ints(ctx, call, a[1], 1)
            status = printers.ptr(a[1]) if vals is None else wait_status(ctx, call, vals[0])
        ru = rusage(ctx, call, a[3]) if not failed(call) and call.ret > 0 else printers.ptr(a[3])
        return "%s, %s, %s" % (status, flagset(ctx, call, a[2] & 0xffffffff, WAIT_NAMES, "W???"),
                               ru)


@register("waitid")
class Waitid(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, " % (enumval(ctx, call, a[0] & 0xffffffff, IDTYPE_NAMES, "P_???"),
                             int_arg(a[1]))

    def exit(self, ctx, call):
        a = call.args
        info = printers.ptr(a[2])
        if a[2] and not failed(call) and long_bits(call.abi) == 8 * struct.calcsize("P"):
            raw = ctx.read(call, a[2], 128)
            if raw is not None and len(raw) == 128:
                info = "{}" if raw[:4] == b"\0\0\0\0" else siginfo(ctx.constants(call.abi), raw)
        ru = rusage(ctx, call, a[4]) if not failed(call) else printers.ptr(a[4])
        return "%s, %s, %s" % (info, flagset(ctx, call, a[3] & 0xffffffff, WAIT_NAMES, "W???"),
                               ru)


# ---------------------------------------------------------------------------------------------
# signals sent to processes

@register("kill", "tkill")
class Kill(Decoder):
    def enter(self, ctx, call):
        return "%s, %s" % (int_arg(call.args[0]), sig(ctx, call, call.args[1] & 0xffffffff))


@register("tgkill")
class Tgkill(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s" % (int_arg(a[0]), int_arg(a[1]), sig(ctx, call, a[2] & 0xffffffff))


# ---------------------------------------------------------------------------------------------
# user and group ids (strace's printuid: -1 stays -1, others unsigned)

def uid(call, value, bits):
    value &= (1 << bits) - 1
    return "-1" if value == (1 << bits) - 1 else str(value)


def id_bits(name, abi):
    """The legacy 16-bit id calls of i386/arm (setuid vs setuid32)."""
    return 16 if abi in ("i386", "arm") and not name.endswith("32") else 32


@register("setuid", "setgid", "setfsuid", "setfsgid", "setreuid", "setregid", "setresuid",
          "setresgid", "setuid32", "setgid32", "setfsuid32", "setfsgid32", "setreuid32",
          "setregid32", "setresuid32", "setresgid32")
class SetIds(Decoder):
    def __init__(self, name):
        Decoder.__init__(self, name)
        base = name.replace("32", "")
        self.count = 3 if base.startswith("setres") else 2 if base.startswith("setre") else 1

    def enter(self, ctx, call):
        bits = id_bits(self.name, call.abi)
        return ", ".join(uid(call, call.args[i], bits) for i in range(self.count))


@register("getresuid", "getresgid", "getresuid32", "getresgid32")
class GetResIds(Decoder):
    def exit(self, ctx, call):
        bits = id_bits(self.name, call.abi)
        out = []
        for addr in call.args[:3]:
            text = printers.ptr(addr)
            if not failed(call) and addr:
                data = ctx.read(call, addr, bits // 8)
                if data is not None and len(data) == bits // 8:
                    v = struct.unpack(layout(call.abi)[0] + ("I" if bits == 32 else "H"), data)
                    text = "[%s]" % uid(call, v[0], bits)
            out.append(text)
        return ", ".join(out)


def gid_array(ctx, call, addr, count, bits):
    if not addr:
        return "NULL"
    if count == 0:
        return "[]"
    shown = printers.array_limit(count, ctx.style)
    size = bits // 8
    data = ctx.read(call, addr, shown * size)
    if data is None or len(data) < shown * size:
        return printers.ptr(addr)
    code = "I" if bits == 32 else "H"
    vals = struct.unpack("%s%d%s" % (layout(call.abi)[0], shown, code), data)
    parts = [uid(call, v, bits) for v in vals]
    if shown < count:
        parts.append("...")
    return "[" + ", ".join(parts) + "]"


@register("getgroups", "getgroups32")
class Getgroups(Decoder):
    def enter(self, ctx, call):
        return int_arg(call.args[0]) + ", "

    def exit(self, ctx, call):
        a = call.args
        if failed(call) or printers.to_signed(a[0], 32) == 0:
            return printers.ptr(a[1])
        return gid_array(ctx, call, a[1], call.ret, id_bits(self.name, call.abi))


@register("setgroups", "setgroups32")
class Setgroups(Decoder):
    def enter(self, ctx, call):
        a = call.args
        n = printers.to_signed(a[0], 32)
        if n < 0 or n > 65536:
            return "%d, %s" % (n, printers.ptr(a[1]))
        return "%d, %s" % (n, gid_array(ctx, call, a[1], n, id_bits(self.name, call.abi)))



# ---------------------------------------------------------------------------------------------
# small ones: rseq, umask, personality, getrandom, uname, arch_prctl

RSEQ_FLAG_NAMES = ("RSEQ_FLAG_UNREGISTER",)


@register("rseq")
class Rseq(Decoder):
    """`rseq(0x7f76a45d9060, 0x20, 0, 0x53053053)`: all in hex, as strace 6.1 prints it."""
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s, %s" % (printers.hexnum(a[0]), printers.hexnum(a[1] & 0xffffffff),
                                   flagset(ctx, call, a[2] & 0xffffffff, RSEQ_FLAG_NAMES,
                                           "RSEQ_FLAG_???"),
                                   printers.hexnum(a[3] & 0xffffffff))


@register("umask")
class Umask(Decoder):
    ret_kind = "o"

    def enter(self, ctx, call):
        return printers.mode(call.args[0])


# linux/personality.h: the execution domain is the low byte (PER_MASK); flags above it
PERSONALITY_TYPES = ("PER_LINUX", "PER_LINUX_32BIT", "PER_LINUX_FDPIC", "PER_SVR4",
                     "PER_SVR3", "PER_SCOSVR3", "PER_OSR5", "PER_WYSEV386", "PER_ISCR4",
                     "PER_BSD", "PER_SUNOS", "PER_XENIX", "PER_LINUX32", "PER_LINUX32_3GB",
                     "PER_IRIX32", "PER_IRIXN32", "PER_IRIX64", "PER_RISCOS", "PER_SOLARIS",
                     "PER_UW7", "PER_OSF4", "PER_HPUX")
PERSONALITY_FLAGS = ("UNAME26", "ADDR_NO_RANDOMIZE", "FDPIC_FUNCPTRS", "MMAP_PAGE_ZERO",
                     "ADDR_COMPAT_LAYOUT", "READ_IMPLIES_EXEC", "ADDR_LIMIT_32BIT",
                     "SHORT_INODE", "WHOLE_SECONDS", "STICKY_TIMEOUTS", "ADDR_LIMIT_3GB")


def personality_text(ctx, call, value):
    mask = ctx.constants(call.abi).get("PER_MASK", 0xff)
    types = ctx.enum_table(call.abi, PERSONALITY_TYPES)
    text = types.get(value & mask)
    if text is None:
        text = "%s /* PER_??? */" % printers.hexnum(value & mask)
    rest = value & ~mask
    if rest:
        text += "|" + printers.flags(rest, ctx.flag_table(call.abi, PERSONALITY_FLAGS))
    return text


@register("personality")
class Personality(Decoder):
    def enter(self, ctx, call):
        value = call.args[0] & 0xffffffff
        if value == 0xffffffff or ctx.style.const_style == "raw":
            return printers.hexnum(value)
        return personality_text(ctx, call, value)

    def result(self, ctx, call):
        if failed(call):
            return Decoder.result(self, ctx, call)
        value = call.ret & 0xffffffff
        return "%s (%s)" % (printers.hexnum(value), personality_text(ctx, call, value))


GRND_NAMES = ("GRND_NONBLOCK", "GRND_RANDOM", "GRND_INSECURE")


@register("getrandom")
class Getrandom(Decoder):
    """The buffer is always hex (strace's QUOTE_FORCE_HEX), read at exit."""
    def exit(self, ctx, call):
        a = call.args
        buf = printers.ptr(a[0])
        if not failed(call):
            count = call.ret
            style = ctx.style
            n = printers.buffer_read_size(count, style)
            data = ctx.read(call, a[0], n) if n else b""
            if data is not None and len(data) == n:
                hexstyle = printers.Style(style.string_limit, "all", style.const_style,
                                          style.verbose)
                buf = printers.quote_bytes(data, hexstyle, truncated=count > n)
        return "%s, %s, %s" % (buf, printers.udec(a[1], long_bits(call.abi)),
                               flagset(ctx, call, a[2] & 0xffffffff, GRND_NAMES, "GRND_???"))


_UTS_FIELDS = ("sysname", "nodename", "release", "version", "machine", "domainname")


@register("uname")
class Uname(Decoder):
    def exit(self, ctx, call):
        addr = call.args[0]
        data = None if failed(call) else ctx.read(call, addr, 65 * 6)
        if data is None or len(data) < 65 * 6:
            return printers.ptr(addr)
        shown = _UTS_FIELDS if ctx.style.verbose else _UTS_FIELDS[:2]
        parts = []
        for i, name in enumerate(shown):
            field = data[65 * i:65 * (i + 1)]
            parts.append("%s=%s" % (name, printers.quote_cstring(field, ctx.style, 65)))
        return "{" + ", ".join(parts) + ("}" if ctx.style.verbose else ", ...}")


ARCH_NAMES = ("ARCH_SET_GS", "ARCH_SET_FS", "ARCH_GET_FS", "ARCH_GET_GS", "ARCH_GET_CPUID",
              "ARCH_SET_CPUID", "ARCH_GET_XCOMP_SUPP", "ARCH_GET_XCOMP_PERM",
              "ARCH_REQ_XCOMP_PERM", "ARCH_GET_XCOMP_GUEST_PERM", "ARCH_REQ_XCOMP_GUEST_PERM",
              "ARCH_MAP_VDSO_X32", "ARCH_MAP_VDSO_32", "ARCH_MAP_VDSO_64")


@register("arch_prctl")
class ArchPrctl(Decoder):
    """x86 only: ARCH_SET_FS's address; ARCH_GET_FS/GS write `[0x...]` at exit."""
    def _gets(self, ctx, call):
        c = ctx.constants(call.abi)
        return (c.get("ARCH_GET_FS"), c.get("ARCH_GET_GS"))

    def enter(self, ctx, call):
        option = call.args[0] & 0xffffffff
        text = enumval(ctx, call, option, ARCH_NAMES, "ARCH_???")
        if option == _const(ctx, call, "ARCH_GET_CPUID"):
            return text
        if option in self._gets(ctx, call):
            return text + ", "
        return text + ", " + printers.hexnum(call.args[1] & ((1 << long_bits(call.abi)) - 1))

    def exit(self, ctx, call):
        if (call.args[0] & 0xffffffff) not in self._gets(ctx, call):
            return ""
        if failed(call):
            return printers.ptr(call.args[1])
        return indirect_ptr(ctx, call, call.args[1])


# ---------------------------------------------------------------------------------------------
# resource limits and usage, times

RLIMIT_NAMES = ("RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_DATA", "RLIMIT_STACK", "RLIMIT_CORE",
                "RLIMIT_RSS", "RLIMIT_NPROC", "RLIMIT_NOFILE", "RLIMIT_MEMLOCK", "RLIMIT_AS",
                "RLIMIT_LOCKS", "RLIMIT_SIGPENDING", "RLIMIT_MSGQUEUE", "RLIMIT_NICE",
                "RLIMIT_RTPRIO", "RLIMIT_RTTIME")
RUSAGE_NAMES = ("RUSAGE_SELF", "RUSAGE_CHILDREN", "RUSAGE_BOTH", "RUSAGE_THREAD")


def rlim_value(value, bits):
    if value == (1 << bits) - 1:
        return "RLIM64_INFINITY" if bits == 64 else "RLIM_INFINITY"
    if value > 1024 and value % 1024 == 0:
        return "%d*1024" % (value // 1024)
    return str(value)


def rlimit(ctx, call, addr, bits):
    """`{rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}` (64-bit fields, or the ABI's long)."""
    if not addr:
        return "NULL"
    code = "Q" if bits == 64 else "I"
    data = ctx.read(call, addr, bits // 4)
    if data is None or len(data) < bits // 4:
        return printers.ptr(addr)
    cur, mx = struct.unpack(layout(call.abi)[0] + "2" + code, data)
    return "{rlim_cur=%s, rlim_max=%s}" % (rlim_value(cur, bits), rlim_value(mx, bits))


def resource(ctx, call, value):
    return enumval(ctx, call, value & 0xffffffff, RLIMIT_NAMES, "RLIMIT_???")


@register("getrlimit", "ugetrlimit")
class Getrlimit(Decoder):
    def enter(self, ctx, call):
        return resource(ctx, call, call.args[0]) + ", "

    def exit(self, ctx, call):
        if failed(call):
            return printers.ptr(call.args[1])
        return rlimit(ctx, call, call.args[1], long_bits(call.abi))


@register("setrlimit")
class Setrlimit(Decoder):
    def enter(self, ctx, call):
        return "%s, %s" % (resource(ctx, call, call.args[0]),
                           rlimit(ctx, call, call.args[1], long_bits(call.abi)))


@register("prlimit64")
class Prlimit64(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s, " % (int_arg(a[0]), resource(ctx, call, a[1]),
                                 rlimit(ctx, call, a[2], 64))

    def exit(self, ctx, call):
        if failed(call):
            return printers.ptr(call.args[3])
        return rlimit(ctx, call, call.args[3], 64)


@register("getrusage")
class Getrusage(Decoder):
    def enter(self, ctx, call):
        who = printers.to_signed(call.args[0], 32)
        table = ctx.enum_table(call.abi, RUSAGE_NAMES)
        name = table.get(who)
        if name is None or ctx.style.const_style == "raw":
            return "%s /* RUSAGE_??? */, " % printers.hexnum(who & 0xffffffff) \
                if name is None else "%d, " % who
        return ("%d /* %s */, " % (who, name) if ctx.style.const_style == "verbose"
                else name + ", ")

    def exit(self, ctx, call):
        if failed(call):
            return printers.ptr(call.args[1])
        return rusage(ctx, call, call.args[1])


@register("times")
class Times(Decoder):
    ret_kind = "u"

    def exit(self, ctx, call):
        v = None if failed(call) or not call.args[0] else read_longs(ctx, call, call.args[0], 4)
        if v is None:
            return printers.ptr(call.args[0])
        return "{tms_utime=%d, tms_stime=%d, tms_cutime=%d, tms_cstime=%d}" % v


# ---------------------------------------------------------------------------------------------
# CPU affinity

def cpu_set(ctx, call, addr, size):
    """`[0 1]`: the CPU numbers of a bitmask of `size` bytes, in the ABI's longs."""
    bits = long_bits(call.abi)
    nwords = min(size, 1 << 16) // (bits // 8)
    v = read_longs(ctx, call, addr, nwords) if addr and nwords else None
    if v is None:
        return printers.ptr(addr)
    cpus = []
    for w, word in enumerate(v):
        b = 0
        while word:
            if word & 1:
                cpus.append(str(w * bits + b))
            word >>= 1
            b += 1
    return "[" + " ".join(cpus) + "]"


@register("sched_getaffinity")
class SchedGetaffinity(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, " % (int_arg(a[0]), printers.udec(a[1] & 0xffffffff))

    def exit(self, ctx, call):
        if failed(call):
            return printers.ptr(call.args[2])
        return cpu_set(ctx, call, call.args[2], call.ret)


@register("sched_setaffinity")
class SchedSetaffinity(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s" % (int_arg(a[0]), printers.udec(a[1] & 0xffffffff),
                               cpu_set(ctx, call, a[2], a[1] & 0xffffffff))


# ---------------------------------------------------------------------------------------------
# prctl (strace's prctl.c: the common options; others print their arguments in hex)

PRCTL_NAMES = ("PR_SET_PDEATHSIG", "PR_GET_PDEATHSIG", "PR_GET_DUMPABLE", "PR_SET_DUMPABLE",
               "PR_GET_UNALIGN", "PR_SET_UNALIGN", "PR_GET_KEEPCAPS", "PR_SET_KEEPCAPS",
               "PR_GET_FPEMU", "PR_SET_FPEMU", "PR_GET_FPEXC", "PR_SET_FPEXC", "PR_GET_TIMING",
               "PR_SET_TIMING", "PR_SET_NAME", "PR_GET_NAME", "PR_GET_ENDIAN", "PR_SET_ENDIAN",
               "PR_GET_SECCOMP", "PR_SET_SECCOMP", "PR_CAPBSET_READ", "PR_CAPBSET_DROP",
               "PR_GET_TSC", "PR_SET_TSC", "PR_GET_SECUREBITS", "PR_SET_SECUREBITS",
               "PR_SET_TIMERSLACK", "PR_GET_TIMERSLACK", "PR_TASK_PERF_EVENTS_DISABLE",
               "PR_TASK_PERF_EVENTS_ENABLE", "PR_MCE_KILL", "PR_MCE_KILL_GET", "PR_SET_MM",
               "PR_SET_CHILD_SUBREAPER", "PR_GET_CHILD_SUBREAPER", "PR_SET_NO_NEW_PRIVS",
               "PR_GET_NO_NEW_PRIVS", "PR_GET_TID_ADDRESS", "PR_SET_THP_DISABLE",
               "PR_GET_THP_DISABLE", "PR_MPX_ENABLE_MANAGEMENT", "PR_MPX_DISABLE_MANAGEMENT",
               "PR_SET_FP_MODE", "PR_GET_FP_MODE", "PR_CAP_AMBIENT", "PR_SVE_SET_VL",
               "PR_SVE_GET_VL", "PR_GET_SPECULATION_CTRL", "PR_SET_SPECULATION_CTRL",
               "PR_PAC_RESET_KEYS", "PR_SET_TAGGED_ADDR_CTRL", "PR_GET_TAGGED_ADDR_CTRL",
               "PR_SET_IO_FLUSHER", "PR_GET_IO_FLUSHER", "PR_SET_SYSCALL_USER_DISPATCH",
               "PR_PAC_SET_ENABLED_KEYS", "PR_PAC_GET_ENABLED_KEYS", "PR_SCHED_CORE",
               "PR_SME_SET_VL", "PR_SME_GET_VL", "PR_SET_VMA", "PR_SET_PTRACER")
SUID_DUMP_NAMES = ("SUID_DUMP_DISABLE", "SUID_DUMP_USER", "SUID_DUMP_ROOT")
CAP_NAMES = ("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER",
             "CAP_FSETID", "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP",
             "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST",
             "CAP_NET_ADMIN", "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE",
             "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE", "CAP_SYS_PACCT",
             "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE",
             "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE",
             "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN",
             "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ",
             "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE")
SECCOMP_MODE_NAMES = ("SECCOMP_MODE_DISABLED", "SECCOMP_MODE_STRICT", "SECCOMP_MODE_FILTER")
PR_TSC_NAMES = ("PR_TSC_ENABLE", "PR_TSC_SIGSEGV")
PR_SET_MM_NAMES = ("PR_SET_MM_START_CODE", "PR_SET_MM_END_CODE", "PR_SET_MM_START_DATA",
                   "PR_SET_MM_END_DATA", "PR_SET_MM_START_STACK", "PR_SET_MM_START_BRK",
                   "PR_SET_MM_BRK", "PR_SET_MM_ARG_START", "PR_SET_MM_ARG_END",
                   "PR_SET_MM_ENV_START", "PR_SET_MM_ENV_END", "PR_SET_MM_AUXV",
                   "PR_SET_MM_EXE_FILE", "PR_SET_MM_MAP", "PR_SET_MM_MAP_SIZE")
TASK_COMM_LEN = 16      # linux/sched.h


def _hexargs(call, first):
    mask = (1 << long_bits(call.abi)) - 1
    return "".join(", " + printers.hexnum(a & mask) for a in call.args[first:5])


@register("prctl")
class Prctl(Decoder):
    # options whose argument strace reads at exit: name -> printer of (ctx, call)
    def _opt(self, ctx, call):
        option = call.args[0] & 0xffffffff
        table = ctx.enum_table(call.abi, PRCTL_NAMES)
        return table.get(option), option

    def enter(self, ctx, call):
        name, option = self._opt(ctx, call)
        head = enumval(ctx, call, option, PRCTL_NAMES, "PR_???")
        a = call.args
        mask = (1 << long_bits(call.abi)) - 1
        if name in ("PR_GET_KEEPCAPS", "PR_GET_SECCOMP", "PR_GET_TIMERSLACK", "PR_GET_TIMING",
                    "PR_GET_DUMPABLE", "PR_TASK_PERF_EVENTS_DISABLE",
                    "PR_TASK_PERF_EVENTS_ENABLE", "PR_GET_SECUREBITS", "PR_GET_FP_MODE"):
            return head
        if name in ("PR_GET_CHILD_SUBREAPER", "PR_GET_ENDIAN", "PR_GET_FPEMU", "PR_GET_FPEXC",
                    "PR_GET_NAME", "PR_GET_PDEATHSIG", "PR_GET_TID_ADDRESS", "PR_GET_TSC",
                    "PR_GET_UNALIGN"):
            return head + ", "
        if name in ("PR_SET_CHILD_SUBREAPER", "PR_SET_ENDIAN", "PR_SET_FPEMU", "PR_SET_FPEXC",
                    "PR_SET_KEEPCAPS", "PR_SET_TIMING"):
            return "%s, %s" % (head, printers.udec(a[1] & mask))
        if name == "PR_SET_DUMPABLE":
            return "%s, %s" % (head, enumval(ctx, call, a[1] & mask, SUID_DUMP_NAMES,
                                             "SUID_DUMP_???"))
        if name in ("PR_CAPBSET_READ", "PR_CAPBSET_DROP"):
            return "%s, %s" % (head, enumval(ctx, call, a[1] & mask, CAP_NAMES, "CAP_???"))
        if name == "PR_SET_NAME":
            return "%s, %s" % (head, self._comm(ctx, call, a[1], TASK_COMM_LEN - 1))
        if name == "PR_SET_PDEATHSIG":
            arg = a[1] & mask
            return "%s, %s" % (head, str(arg) if arg > 128 else sig(ctx, call, arg))
        if name == "PR_SET_PTRACER":
            arg = printers.to_signed(a[1], 32)
            return "%s, %s" % (head, "PR_SET_PTRACER_ANY" if arg == -1 else str(arg))
        if name == "PR_SET_SECCOMP":
            mode = a[1] & mask
            text = "%s, %s" % (head, enumval(ctx, call, mode, SECCOMP_MODE_NAMES,
                                             "SECCOMP_MODE_???"))
            if mode == _const(ctx, call, "SECCOMP_MODE_STRICT"):
                return text
            if mode == _const(ctx, call, "SECCOMP_MODE_FILTER"):
                return text + ", " + printers.ptr(a[2])
            return text + _hexargs(call, 2)
        if name == "PR_SET_TIMERSLACK":
            return "%s, %s" % (head, printers.sdec(a[1], long_bits(call.abi)))
        if name == "PR_SET_TSC":
            return "%s, %s" % (head, enumval(ctx, call, a[1] & 0xffffffff, PR_TSC_NAMES,
                                             "PR_TSC_???"))
        if name == "PR_SET_MM":
            return "%s, %s%s" % (head, enumval(ctx, call, a[1] & 0xffffffff, PR_SET_MM_NAMES,
                                               "PR_SET_MM_???"), _hexargs(call, 2))
        if name in ("PR_SET_NO_NEW_PRIVS", "PR_SET_THP_DISABLE", "PR_SET_IO_FLUSHER"):
            return "%s, %s%s" % (head, printers.udec(a[1] & mask), _hexargs(call, 2))
        return head + _hexargs(call, 1)

    def _comm(self, ctx, call, addr, limit):
        if not addr:
            return "NULL"
        data = ctx.read(call, addr, limit + 1)
        if data is None:
            data, _ = ctx.read_cstring(call, addr, limit + 1)
            if data is None:
                return printers.ptr(addr)
        return printers.quote_cstring(data, ctx.style, limit, b"\0" in data[:limit + 1])

    def exit(self, ctx, call):
        name, option = self._opt(ctx, call)
        addr = call.args[1]
        if name in ("PR_GET_CHILD_SUBREAPER", "PR_GET_ENDIAN", "PR_GET_FPEMU", "PR_GET_FPEXC"):
            return printers.ptr(addr) if failed(call) else indirect_int(
                ctx, call, addr, lambda v: str(v & 0xffffffff))
        if name == "PR_GET_NAME":
            return printers.ptr(addr) if failed(call) else self._comm(ctx, call, addr,
                                                                        TASK_COMM_LEN)
        if name == "PR_GET_PDEATHSIG":
            return indirect_int(ctx, call, addr, lambda v: sig(ctx, call, v & 0xffffffff)) \
                if not failed(call) else printers.ptr(addr)
        if name == "PR_GET_TID_ADDRESS":
            return printers.ptr(addr) if failed(call) else indirect_ptr(ctx, call, addr)
        if name == "PR_GET_TSC":
            return indirect_int(ctx, call, addr, lambda v: enumval(
                ctx, call, v & 0xffffffff, PR_TSC_NAMES, "PR_TSC_???")) \
                if not failed(call) else printers.ptr(addr)
        return ""

    def result(self, ctx, call):
        text = Decoder.result(self, ctx, call)
        name = self._opt(ctx, call)[0]
        if name == "PR_GET_DUMPABLE" and not failed(call):
            aux = ctx.enum_table(call.abi, SUID_DUMP_NAMES).get(call.ret)
            if aux:
                text += " (%s)" % aux
        return text
