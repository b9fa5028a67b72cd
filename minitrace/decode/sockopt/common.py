"""The value printers the socket option levels share (strace's printnum_int, printstrn,
printstr_ex with QUOTE_FORCE_HEX, MAYBE_PRINT_FIELD_LEN, print_array, print_ifindex,
print_inet_addr, print_mac_addr). Text only: no ptrace, no printing.

A getter prints an optval filled in by getsockopt: getter(ctx, call, addr, ulen, rlen), addr
non-NULL and structures wanted (`-e verbose=`). A setter prints a setsockopt optval:
setter(ctx, call, addr, length), on the same conditions.
"""
import struct

from minitrace import printers
from minitrace.decode.common import endian, lmask
from minitrace.decode.sockaddr.fields import (MAX_ADDR_LEN, hex_bytes, ifindex,  # noqa: F401
                                              inet_addr, mac)


def read_exact(ctx, call, addr, size, data=False):
    """`size` bytes at addr (strace's umoven: all or nothing), or None."""
    got = (ctx.read_data if data else ctx.read)(call, addr, size)
    if got is None or len(got) < size:
        return None
    return bytes(got)


def read_int(ctx, call, addr):
    got = read_exact(ctx, call, addr, 4, data=True) if addr else None
    return None if got is None else struct.unpack(endian(call) + "i", got)[0]


def num_int(ctx, call, addr):
    """printnum_int: `[5]`, or the address when unreadable."""
    v = read_int(ctx, call, addr)
    return printers.ptr(addr) if v is None else "[%d]" % v


def str_n(ctx, call, addr, length, force_hex=False):
    """printstrn / printstr_ex(..., QUOTE_FORCE_HEX): the first -s bytes of a `length`-byte
    buffer (a length as the kernel's unsigned long), `...` when it is longer; strace reads one
    byte more than -s, all or nothing (else it prints the address)."""
    if not addr:
        return "NULL"
    style = ctx.style.replace(hex_strings="all") if force_hex else ctx.style
    limit = ctx.style.string_limit
    length &= lmask(call)
    data = read_exact(ctx, call, addr, min(length, limit + 1), data=True)
    if data is None:
        return printers.ptr(addr)
    return printers.quote_bytes(data[:limit], style, limit, length > limit)


def int_or_hex(ctx, call, addr, length):
    """A getsockopt int: `[5]`, or a shorter buffer in hex (`"\\x01\\x00\\x00"`)."""
    if length >= 4:
        return num_int(ctx, call, addr)
    return str_n(ctx, call, addr, length, force_hex=True)


def fields_by_len(ctx, call, addr, length, compiled, printers_by_field):
    """MAYBE_PRINT_FIELD_LEN over a struct: the fields that `length` bytes reach, a field cut
    short in hex (`{pid=1, uid="\\x00\\x00\\x00"}`); the address when unreadable.
    printers_by_field: ((field, fmt), ...) in C order; fmt(value) -> text."""
    length = min(length, compiled.size)
    data = read_exact(ctx, call, addr, length)
    if data is None:
        return printers.ptr(addr)
    padded = data + b"\0" * (compiled.size - length)
    values = compiled.dict(padded)
    parts = []
    for name, fmt in printers_by_field:
        start, size = compiled.fields[name]
        if length <= start:
            break
        if length >= start + size:
            parts.append("%s=%s" % (name, fmt(values[name])))
        else:
            parts.append("%s=%s" % (name, hex_bytes(data[start:length])))
    return "{" + ", ".join(parts) + "}"


def array(ctx, call, addr, count, elem_size, fmt_elem, limit=None):
    """strace's print_array: `[e1, e2]`, `[e1, ...]` past `limit` elements, `[e1, ...
    /* 0xaddr */]` when memory ends, the address when the first element is unreadable."""
    if not addr:
        return "NULL"
    if not count:
        return "[]"
    parts = []
    for i in range(count):
        cur = addr + i * elem_size
        data = read_exact(ctx, call, cur, elem_size)
        if data is None:
            if not i:
                return printers.ptr(cur)
            parts.append("... /* %s */" % printers.ptr(cur))
            break
        if limit is not None and i >= limit:
            parts.append("...")
            break
        parts.append(fmt_elem(data))
    return "[" + ", ".join(parts) + "]"


def sdec(value):
    return str(value)


def udec(value):
    return str(value & 0xffffffff)


def id_dec(value):
    """PRINT_FIELD_ID: a uid/gid, -1 as `-1`."""
    value &= 0xffffffff
    return "-1" if value == 0xffffffff else str(value)
