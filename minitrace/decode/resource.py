"""Decoders of process resources and small process calls: rlimits, rusage, times, sysinfo, CPU
affinity, rseq, umask, personality, getrandom, uname."""
import struct

from minitrace import printers
from minitrace.decode import register
from minitrace.arch import long_bits
from minitrace.decode.common import (endian, enum_text, failed, flag_text, lbits, read_longs,
                                     sint)
from minitrace.decode.generic import Decoder
from minitrace.decode.process import rusage


# ---------------------------------------------------------------------------------------------
# small ones: rseq, umask, personality, getrandom, uname

RSEQ_FLAG_NAMES = ("RSEQ_FLAG_UNREGISTER",)


@register("rseq")
class Rseq(Decoder):
    """`rseq(0x7f76a45d9060, 0x20, 0, 0x53053053)`: all in hex, as strace 6.1 prints it."""
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
                               flag_text(ctx, call, a[2] & 0xffffffff, GRND_NAMES, "GRND_???"))


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
    cur, mx = struct.unpack(endian(call) + "2" + code, data)
    return "{rlim_cur=%s, rlim_max=%s}" % (rlim_value(cur, bits), rlim_value(mx, bits))


def resource(ctx, call, value):
    return enum_text(ctx, call, value & 0xffffffff, RLIMIT_NAMES, "RLIMIT_???")


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
        return "%s, %s, %s, " % (sint(a[0]), resource(ctx, call, a[1]),
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


# struct sysinfo (linux/sysinfo.h): __kernel_long_t uptime, __kernel_ulong_t loads[3] and six
# sizes, __u16 procs and pad, two more sizes, __u32 mem_unit; kernel longs are 64-bit on 64-bit
# ABIs and x32 (then procs+pad are padded to the next long)
_SYSINFO_WIDE = "q3Q6QHH4x2QI"
_SYSINFO_NARROW = "i3I6IHH2II"


@register("sysinfo")
class Sysinfo(Decoder):
    def exit(self, ctx, call):
        wide = lbits(call) == 64 or call.abi == "x32"
        fmt = endian(call) + (_SYSINFO_WIDE if wide else _SYSINFO_NARROW)
        size = struct.calcsize(fmt)
        data = None if failed(call) or not call.args[0] else ctx.read(call, call.args[0], size)
        if data is None or len(data) < size:
            return printers.ptr(call.args[0])
        v = struct.unpack(fmt, data)
        return ("{uptime=%d, loads=[%d, %d, %d], totalram=%d, freeram=%d, sharedram=%d, "
                "bufferram=%d, totalswap=%d, freeswap=%d, procs=%d, totalhigh=%d, freehigh=%d, "
                "mem_unit=%d}" % (v[:11] + v[12:]))


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
        return "%s, %s, " % (sint(a[0]), printers.udec(a[1] & 0xffffffff))

    def exit(self, ctx, call):
        if failed(call):
            return printers.ptr(call.args[2])
        return cpu_set(ctx, call, call.args[2], call.ret)


@register("sched_setaffinity")
class SchedSetaffinity(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s" % (sint(a[0]), printers.udec(a[1] & 0xffffffff),
                               cpu_set(ctx, call, a[2], a[1] & 0xffffffff))
