"""The vocabulary every decoder family shares: numbers in the tracee's word size, flags and
enumerations through the per-ABI tables of the context, and bounded reads of tracee structs.

Pure text helpers over a Context and a Syscall; they never print and never call ptrace.
"""
import functools
import mmap
import struct

from minitrace import arch, printers
from minitrace.decode.signals import signal_text


def failed(call):
    """True when the kernel did not fill OUT arguments (an error, or no return at all)."""
    return bool(call.error) or call.ret is None


def lbits(call):
    """Bits in the tracee's C long."""
    return arch.long_bits(call.abi)


_long_mask = arch.long_mask


def lmask(call):
    """The mask of an unsigned long of the tracee ((1 << lbits) - 1)."""
    return _long_mask(call.abi)


def endian(call):
    """The struct byte-order prefix of the tracee."""
    return arch.endian(call.abi)


def sint(value):
    """An int argument (a pid, a count...): signed 32-bit decimal."""
    return printers.sdec(value, 32)


def fd(ctx, call, value):
    """A file descriptor: its number, and with -y what it refers to (`3</etc/passwd>`)."""
    n = value & 0xffffffff
    if n & 0x80000000:                    # printers.to_signed(value, 32), at every read/write
        n -= 0x100000000
    if ctx.fds is not None and n >= 0:
        what = ctx.fds.decoration(call.pid, n)
        if what is not None:
            return str(n) + what
    return str(n)


def pid_arg(ctx, call, value, kind="tgid"):
    """A pid (strace's printpid): signed decimal, then with -Y `<comm>` (thread and process
    ids) and with --pidns-translation ` /* N in strace's PID NS */`. `kind`: "tid", "tgid",
    "pgid" or "sid" (pidns.TID...), which of the process's ids it is; None: an id of no known
    kind, printed as it is."""
    n = value & 0xffffffff
    if n & 0x80000000:
        n -= 0x100000000
    if ctx.pids is None or kind is None:
        return str(n)
    return str(n) + ctx.pids.suffix(call.pid, n, kind, ctx.style.hex_strings)


def pid_in_ours(ctx, call, pid, kind="tgid"):
    """A pid of the tracee's namespace as one of ours (0 when it has none there), to find
    its /proc entry (strace's printfd_pid_tracee_ns); as it is without --decode-pids."""
    if ctx.pids is None:
        return pid
    return ctx.pids.translator.to_ours(call.pid, pid, kind)


def pid_or_pgid(ctx, call, value):
    """kill's and wait4's pid (printpid_tgid_pgid): a process, or -N the process group N."""
    n = printers.to_signed(value, 32)
    if ctx.pids is None or -1 <= n <= 0 or n == -0x80000000:
        return str(n)
    if n > 0:
        return str(n) + ctx.pids.suffix(call.pid, n, "tgid", ctx.style.hex_strings)
    return str(n) + ctx.pids.suffix(call.pid, -n, "pgid", ctx.style.hex_strings)


def pid_by_selector(ctx, call, value, selector, kinds):
    """A pid whose kind another argument selects (ioprio's and getpriority's `which`,
    waitid's idtype, f_owner_ex's type): `kinds` maps constant names to pid kinds (a module
    tuple of pairs); a selector of none of them prints the number alone."""
    consts = ctx.constants(call.abi)
    for name, kind in kinds:
        if consts.get(name) == selector:
            return pid_arg(ctx, call, value, kind)
    return pid_arg(ctx, call, value, None)


def sig(ctx, call, n):
    """A signal argument (printsignal): `SIGTERM`; -X raw `15`, -X verbose `15 /* SIGTERM */`;
    an unknown number as itself."""
    return signal_text(ctx.constants(call.abi), printers.to_signed(n, 32), ctx.style)


def dirfd(ctx, call, value):
    """A dirfd argument: `AT_FDCWD` (with -y `AT_FDCWD</cwd>`) or a descriptor."""
    if printers.to_signed(value, 32) != printers.AT_FDCWD:
        return fd(ctx, call, value)
    text = printers.fd_or_atfdcwd(value, ctx.style)
    if ctx.fds is not None:
        cwd = ctx.fds.cwd(call.pid)
        if cwd is not None:
            text += "<%s>" % cwd
    return text


def uint(value):
    return printers.udec(value, 32)


def slong(call, value):
    return printers.sdec(value, lbits(call))


def ulong_value(call, value):
    """An unsigned long argument (a length, a count) as a number, in the tracee's word size."""
    return value & _long_mask(call.abi)


def ulong(call, value):
    """An unsigned long (a length) in decimal, in the tracee's word size."""
    return str(value & _long_mask(call.abi))


def flag_text(ctx, call, value, names, unknown=None, **kw):
    """`value` as strace prints a flag set of `names` (a module-level tuple of constant names)."""
    return printers.flags(value, ctx.flag_table(call.abi, names, **kw), ctx.style, unknown)


def enum_text(ctx, call, value, names, unknown=None):
    """`value` as strace prints an enumeration of `names`."""
    return printers.enum(value, ctx.enum_table(call.abi, names), ctx.style, unknown)


def const(ctx, call, name):
    """The tracee ABI's value of a constant, or None."""
    return ctx.constants(call.abi).get(name)


def read_longs(ctx, call, addr, count, signed=False):
    """`count` C longs of the tracee at addr, or None."""
    code = "I" if lbits(call) == 32 else "Q"
    if signed:
        code = code.lower()
    size = struct.calcsize(code) * count
    data = ctx.read(call, addr, size)
    if data is None or len(data) < size:
        return None
    return number_struct(call.abi, count, code).unpack(data)


def read_struct(ctx, call, addr, compiled):
    """dict field -> value of the struct at addr (a layout.Compiled of the tracee's ABI), or
    None when unreadable."""
    size = compiled.size
    data = ctx.read(call, addr, size) if addr else None
    if data is None or len(data) < size:
        return None
    return compiled.dict(data)


def read_values(ctx, call, addr, compiled):
    """The values of the struct at addr in declaration order (a tuple), or None; cheaper than
    read_struct for small structs read often (timespec)."""
    size = compiled.size
    data = ctx.read(call, addr, size) if addr else None
    if data is None or len(data) < size:
        return None
    return compiled.struct.unpack_from(data, 0)


def read_ints(ctx, call, addr, count, code="i"):
    """`count` 32-bit ints of the tracee at addr, or None."""
    size = 4 * count
    data = ctx.read(call, addr, size)
    if data is None or len(data) < size:
        return None
    return number_struct(call.abi, count, code).unpack(data)


@functools.lru_cache(maxsize=256)
def number_struct(abi, count, code):
    """The struct.Struct of `count` numbers of format `code` in the tracee's byte order (made
    once and kept: most reads are of one or two ints)."""
    return struct.Struct("%s%d%s" % (arch.endian(abi), count, code))


def indirect_int(ctx, call, addr, fmt=str):
    """`[5]` of an int the kernel wrote, or the address."""
    vals = read_ints(ctx, call, addr, 1) if addr else None
    if vals is None:
        return printers.ptr(addr)
    return "[%s]" % fmt(vals[0])


def indirect_ptr(ctx, call, addr):
    """`[0x7f...]` / `[NULL]` of a pointer the kernel wrote."""
    vals = read_longs(ctx, call, addr, 1) if addr else None
    if vals is None:
        return printers.ptr(addr)
    return "[%s]" % printers.ptr(vals[0])


_HEX_ALL = printers.Style(hex_strings="all")


def nonzero_tail(ctx, call, addr, start, total):
    """strace's print_nonzero_bytes(QUOTE_FORCE_HEX) after a struct's last field: `""` when
    bytes start..total-1 at addr are all zero, `, ???` when they cannot all be read, else
    `, /* bytes 32..39 */ "\\xa0..."` (cut by -s, then `...`)."""
    if start >= total:
        return ""
    length = total - start
    raw = ctx.read_data(call, addr + start, length)
    if raw is None or len(raw) < length:
        return ", ???"
    if not raw.strip(b"\0"):
        return ""
    text = printers.quote_bytes(raw, _HEX_ALL, limit=ctx.style.string_limit)
    return ", /* bytes %d..%d */ %s" % (start, total - 1, text)


def bounded_cstring(ctx, call, addr, length):
    """A NUL-terminated string of at most `length` bytes (strace's printstr_ex with
    QUOTE_0_TERMINATED): `"abc"`, `"abcdefghijklmno"...` when no NUL in `length` bytes (or cut
    by -s), the address when the memory ends first."""
    if not addr:
        return "NULL"
    style = ctx.style
    size = min(style.string_limit + 1, length)
    if size == 0:
        return '""'
    data, terminated = ctx.read_cstring(call, addr, size - 1)
    if data is None:
        return printers.ptr(addr)
    shown = min(size, style.string_limit)
    if terminated and len(data) < shown:
        return printers.quote_cstring(data, style, shown, True)
    if len(data) < shown:
        data = ctx.read_data(call, addr, shown)
        if data is None or len(data) < shown:
            return printers.ptr(addr)
    return printers.quote_bytes(bytes(data[:shown]), style, shown, True)


PAGE_SIZE = mmap.PAGESIZE  # the tracer's page: how far strace looks for nonzero bytes


def nonzero_bytes(ctx, call, addr, start, size):
    """strace's print_nonzero_bytes for the extensible structs (clone3, open_how, mount_attr):
    the bytes from `start` to `size` (at most a page) past the struct the tracer knows, as
    `/* bytes 88..95 */ "\\xde..."` (hex, cut by -s), `???` when unreadable, None when all zero."""
    end = min(size, PAGE_SIZE)
    if start >= end:
        return None
    data = ctx.read_data(call, addr + start, end - start)
    if data is None or len(data) < end - start:
        return "???"
    data = bytes(data)
    if not data.strip(b"\0"):
        return None
    shown = min(len(data), ctx.style.string_limit)
    text = printers.quote_bytes(data[:shown], ctx.style.replace(hex_strings="all"), shown,
                                shown < len(data))
    return "/* bytes %d..%d */ %s" % (start, end - 1, text)
