"""Decoders of process resources and small process calls: rlimits, rusage, times, sysinfo, CPU
affinity, rseq, umask, personality, getrandom, uname."""
import os
import struct

from minitrace import libc, printers
from minitrace.decode import register
from minitrace.arch import long_bits
from minitrace.decode.common import (endian, enum_text, failed, flag_text, pid_arg, read_longs,
                                     read_struct, sint)
from minitrace.decode.generic import Decoder
from minitrace.decode.layout import Struct, lookup, named
from minitrace.decode.process import rusage


# ---------------------------------------------------------------------------------------------
# small ones: rseq, umask, personality, getrandom, uname

RSEQ_FLAG_NAMES = ("RSEQ_FLAG_UNREGISTER",)


@register("rseq")
class Rseq(Decoder):
    """`rseq(0x7f76a45d9060, 0x20, 0, 0x53053053)`: all in hex, as strace 6.1 prints it."""
    enter_while_running = True     # numbers only

    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s, %s" % (printers.hexnum(a[0]), printers.hexnum(a[1] & 0xffffffff),
                                   flag_text(ctx, call, a[2] & 0xffffffff, RSEQ_FLAG_NAMES,
                                           "RSEQ_FLAG_???"),
                                   printers.hexnum(a[3] & 0xffffffff))


@register("umask")
class Umask(Decoder):
    ret_kind = "o"

    def enter(self, ctx, call):
        return printers.mode(call.args[0])


# linux/personality.h: the execution domain is the low byte (PER_MASK); flags above it.
# strace names each domain by these (xlat/personality_types.in), masked to the low byte.
PERSONALITY_TYPES = ("PER_LINUX", "PER_SVR4", "PER_SVR3", "PER_OSR5", "PER_WYSEV386",
                     "PER_ISCR4", "PER_BSD", "PER_XENIX", "PER_LINUX32", "PER_IRIX32",
                     "PER_IRIXN32", "PER_IRIX64", "PER_RISCOS", "PER_SOLARIS", "PER_UW7",
                     "PER_OSF4", "PER_HPUX")
PERSONALITY_FLAGS = ("UNAME26", "ADDR_NO_RANDOMIZE", "FDPIC_FUNCPTRS", "MMAP_PAGE_ZERO",
                     "ADDR_COMPAT_LAYOUT", "READ_IMPLIES_EXEC", "ADDR_LIMIT_32BIT",
                     "SHORT_INODE", "WHOLE_SECONDS", "STICKY_TIMEOUTS", "ADDR_LIMIT_3GB")
_domains = {}


def _personality_domains(ctx, call):
    """(PER_MASK, {low byte: name}) of the ABI."""
    got = _domains.get(call.abi)
    if got is None:
        consts = ctx.constants(call.abi)
        mask = consts.get("PER_MASK", 0xff)
        names = dict((consts[n] & mask, n) for n in reversed(PERSONALITY_TYPES) if n in consts)
        got = _domains[call.abi] = (mask, names)
    return got


def personality_text(ctx, call, value):
    """`PER_LINUX32|ADDR_NO_RANDOMIZE`: the execution domain, then the flags; -X as usual."""
    mask, domains = _personality_domains(ctx, call)
    text = printers.enum(value & mask, domains, ctx.style, "PER_???")
    rest = value & ~mask
    if rest:
        text += "|" + printers.flags(rest, ctx.flag_table(call.abi, PERSONALITY_FLAGS),
                                     ctx.style)
    return text


@register("personality")
class Personality(Decoder):
    def enter(self, ctx, call):
        value = call.args[0] & 0xffffffff
        if value == 0xffffffff:
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
        if not failed(call) and a[0]:
            count = call.ret
            style = ctx.style
            n = printers.buffer_read_size(count, style)
            data = ctx.read_data(call, a[0], n) if n else b""
            if data is not None and len(data) == n:
                hexstyle = style.replace(hex_strings="all")
                buf = printers.quote_bytes(data, hexstyle, truncated=count > n)
        return "%s, %s, %s" % (buf, printers.udec(a[1], long_bits(call.abi)),
                               flag_text(ctx, call, a[2] & 0xffffffff, GRND_NAMES, "GRND_???"))


_UTS_FIELDS = ("sysname", "nodename", "release", "version", "machine", "domainname")
# struct new_utsname (linux/utsname.h): six char[65]
UTSNAME = named("new_utsname", Struct("new_utsname", [(n, ("u8", 65)) for n in _UTS_FIELDS]))


@register("uname")
class Uname(Decoder):
    def exit(self, ctx, call):
        addr = call.args[0]
        v = None if failed(call) else read_struct(ctx, call, addr, UTSNAME.on(call.abi))
        if v is None:
            return printers.ptr(addr)
        shown = _UTS_FIELDS if ctx.style.verbose else _UTS_FIELDS[:2]
        parts = []
        for name in shown:
            parts.append("%s=%s" % (name, printers.quote_cstring(v[name], ctx.style, 65)))
        return "{" + ", ".join(parts) + ("}" if ctx.style.verbose else ", ...}")


# ---------------------------------------------------------------------------------------------
# resource limits and usage, times

RLIMIT_NAMES = ("RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_DATA", "RLIMIT_STACK", "RLIMIT_CORE",
                "RLIMIT_RSS", "RLIMIT_NPROC", "RLIMIT_NOFILE", "RLIMIT_MEMLOCK", "RLIMIT_AS",
                "RLIMIT_LOCKS", "RLIMIT_SIGPENDING", "RLIMIT_MSGQUEUE", "RLIMIT_NICE",
                "RLIMIT_RTPRIO", "RLIMIT_RTTIME")
RUSAGE_NAMES = ("RUSAGE_SELF", "RUSAGE_CHILDREN", "RUSAGE_BOTH", "RUSAGE_THREAD")


def rlim_value(value, bits, style=None):
    """`RLIM64_INFINITY`, `8192*1024` or the number; -X raw the number, -X verbose both."""
    if value == (1 << bits) - 1:
        text = "RLIM64_INFINITY" if bits == 64 else "RLIM_INFINITY"
    elif value > 1024 and value % 1024 == 0:
        text = "%d*1024" % (value // 1024)
    else:
        return str(value)
    cstyle = style.const_style if style is not None else "abbrev"
    if cstyle == "abbrev":
        return text
    return str(value) if cstyle == "raw" else "%d /* %s */" % (value, text)


# struct rlimit (linux/resource.h: __kernel_ulong_t, 64-bit for x32 whose getrlimit/setrlimit
# are the common 64-bit syscalls) and struct rlimit64 of prlimit64
RLIMIT = named("rlimit", Struct("rlimit", [("rlim_cur", "kulong"), ("rlim_max", "kulong")]))
RLIMIT64 = named("rlimit64", Struct("rlimit64", [("rlim_cur", "u64"), ("rlim_max", "u64")]))


def rlimit(ctx, call, addr, layout):
    """`{rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}` of a struct rlimit or rlimit64."""
    if not addr:
        return "NULL"
    st = layout.on(call.abi)
    v = read_struct(ctx, call, addr, st)
    if v is None:
        return printers.ptr(addr)
    cur, mx = v["rlim_cur"], v["rlim_max"]
    bits = st.fields["rlim_cur"][1] * 8
    return "{rlim_cur=%s, rlim_max=%s}" % (rlim_value(cur, bits, ctx.style),
                                           rlim_value(mx, bits, ctx.style))


def resource(ctx, call, value):
    return enum_text(ctx, call, value & 0xffffffff, RLIMIT_NAMES, "RLIMIT_???")


@register("getrlimit", "ugetrlimit")
class Getrlimit(Decoder):
    def enter(self, ctx, call):
        return resource(ctx, call, call.args[0]) + ", "

    def exit(self, ctx, call):
        if failed(call):
            return printers.ptr(call.args[1])
        return rlimit(ctx, call, call.args[1], RLIMIT)


@register("setrlimit")
class Setrlimit(Decoder):
    def enter(self, ctx, call):
        return "%s, %s" % (resource(ctx, call, call.args[0]),
                           rlimit(ctx, call, call.args[1], RLIMIT))


@register("prlimit64")
class Prlimit64(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s, " % (pid_arg(ctx, call, a[0], "tgid"), resource(ctx, call, a[1]),
                                 rlimit(ctx, call, a[2], RLIMIT64))

    def exit(self, ctx, call):
        if failed(call):
            return printers.ptr(call.args[3])
        return rlimit(ctx, call, call.args[3], RLIMIT64)


@register("getrusage")
class Getrusage(Decoder):
    def enter(self, ctx, call):
        who = printers.to_signed(call.args[0], 32)
        table = ctx.enum_table(call.abi, RUSAGE_NAMES)
        name = table.get(who)
        if name is None:
            unknown = printers.hexnum(who & 0xffffffff)
            return unknown + (", " if ctx.style.const_style == "raw" else " /* RUSAGE_??? */, ")
        if ctx.style.const_style == "raw":
            return "%d, " % who
        return ("%d /* %s */, " % (who, name) if ctx.style.const_style == "verbose"
                else name + ", ")

    def exit(self, ctx, call):
        if failed(call):
            return printers.ptr(call.args[1])
        return rusage(ctx, call, call.args[1])


# struct tms (linux/times.h): __kernel_clock_t, 64-bit for x32 (times is a common syscall)
TMS = named("tms", Struct("tms", [("tms_utime", "klong"), ("tms_stime", "klong"),
                                  ("tms_cutime", "klong"), ("tms_cstime", "klong")]))


@register("times")
class Times(Decoder):
    ret_kind = "u"

    def exit(self, ctx, call):
        v = None if failed(call) else read_struct(ctx, call, call.args[0], TMS.on(call.abi))
        if v is None:
            return printers.ptr(call.args[0])
        mask = (1 << (8 * TMS.on(call.abi).fields["tms_utime"][1])) - 1
        return "{%s}" % ", ".join("%s=%s" % (name, clock_t(ctx, v[name] & mask)) for name in (
            "tms_utime", "tms_stime", "tms_cutime", "tms_cstime"))


_clk_tck = []


def clock_t(ctx, ticks):
    """A clock_t count (strace's print_clock_t): `36 /* 0.36 s */` in the tracer's _SC_CLK_TCK
    units; no comment for 0 or with -X raw."""
    if not _clk_tck:
        try:
            _clk_tck.append(os.sysconf("SC_CLK_TCK"))
        except (ValueError, OSError):
            _clk_tck.append(0)
    tck = _clk_tck[0]
    if ctx.style.const_style == "raw" or tck <= 0 or ticks <= 0:
        return str(ticks)
    width = min(len(str(tck)) - 1, 9)
    frac = "%.*f" % (width, float(ticks % tck) / tck)
    return "%d /* %d.%s s */" % (ticks, ticks // tck, frac.split(".")[1] if "." in frac else "")


# ---------------------------------------------------------------------------------------------
# CPU affinity

# strace's get_cpuset_size(): the smallest size from 128 bytes up that sched_getaffinity(0,
# size, NULL) does not refuse with EINVAL, i.e. 128 unless the kernel has over 1024 CPUs
CPUSET_MAX = 128


def cpu_set(ctx, call, addr, size):
    """`[0 1]`: the CPU numbers of a mask of `size` bytes (strace's print_affinitylist): at most
    the kernel's own mask size is read (`[0 1 ...]` when the mask is longer), `[]` for size 0."""
    if not addr or not ctx.style.deref:
        return printers.ptr(addr)
    if not size:
        return "[]"
    fetch = min(size, libc.cpuset_size())
    data = ctx.read(call, addr, fetch)
    if data is None or len(data) < fetch:
        return printers.ptr(addr)
    word = long_bits(call.abi) // 8
    data = bytes(data).ljust(-(-fetch // word) * word, b"\0")
    code = "%s%d%s" % (endian(call), len(data) // word, "I" if word == 4 else "Q")
    cpus = []
    for w, value in enumerate(struct.unpack(code, data)):
        b = 0
        while value:
            if value & 1:
                cpus.append(str(w * word * 8 + b))
            value >>= 1
            b += 1
    if len(data) < size:
        cpus.append("...")
    return "[" + " ".join(cpus) + "]"


@register("sched_getaffinity")
class SchedGetaffinity(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, " % (pid_arg(ctx, call, a[0], "tgid"), printers.udec(a[1] & 0xffffffff))

    def exit(self, ctx, call):
        if failed(call):
            return printers.ptr(call.args[2])
        return cpu_set(ctx, call, call.args[2], call.ret)


@register("sched_setaffinity")
class SchedSetaffinity(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s" % (pid_arg(ctx, call, a[0], "tgid"), printers.udec(a[1] & 0xffffffff),
                               cpu_set(ctx, call, a[2], a[1] & 0xffffffff))


# ---------------------------------------------------------------------------------------------
# sysinfo (linux/sysinfo.h): __kernel_long_t fields, 64-bit on 64-bit ABIs and x32

def _sysinfo(tail):
    return Struct("sysinfo", [
        ("uptime", "klong"), ("loads", ("kulong", 3)), ("totalram", "kulong"),
        ("freeram", "kulong"), ("sharedram", "kulong"), ("bufferram", "kulong"),
        ("totalswap", "kulong"), ("freeswap", "kulong"), ("procs", "u16"), (None, "u16"),
        ("totalhigh", "kulong"), ("freehigh", "kulong"), ("mem_unit", "u32"),
        (None, ("u8", tail))])


# char _f[20 - 2 * sizeof(__kernel_ulong_t) - sizeof(__u32)]: 0 bytes, or 8 on 32-bit ABIs
SYSINFO = _sysinfo(0)
SYSINFO32 = _sysinfo(8)
_SYSINFO_NAMES = ("totalram", "freeram", "sharedram", "bufferram", "totalswap", "freeswap")


@named("sysinfo")
def sysinfo_layout(abi):
    return SYSINFO if (long_bits(abi) == 64 or abi == "x32") else SYSINFO32


@register("sysinfo")
class Sysinfo(Decoder):
    def exit(self, ctx, call):
        addr = call.args[0]
        st = lookup("sysinfo", call.abi)
        v = None if failed(call) else read_struct(ctx, call, addr, st)
        if v is None:
            return printers.ptr(addr)
        return ("{uptime=%d, loads=[%d, %d, %d], " % (v["uptime"], v["loads[0]"], v["loads[1]"],
                                                       v["loads[2]"]) +
                "".join("%s=%d, " % (n, v[n]) for n in _SYSINFO_NAMES) +
                "procs=%d, totalhigh=%d, freehigh=%d, mem_unit=%d}" % (
                    v["procs"], v["totalhigh"], v["freehigh"], v["mem_unit"]))
