"""Decoders of the process family: execve, execveat, exit, exit_group and the address returners.

argv is printed in full (elements cut by -s, the array by -s elements unless -v); envp as
`0x7ffc... /* 23 vars */`, or in full with -v.
"""
import struct

from minitrace import printers
from minitrace.arch import long_bits
from minitrace.decode import register
from minitrace.decode.generic import Decoder, path_arg, format_arg, K_SIGNED

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


@register("brk", "mmap", "mmap2", "mremap", "shmat")
class AddressResult(Decoder):
    """Decoded by prototype; the result is an address, printed in hex."""
    ret_kind = "x"

    def __init__(self, name):
        Decoder.__init__(self, name)
        from minitrace.decode import generic
        import syscalls
        self._proto = generic.PrototypeDecoder(name, syscalls.prototype(name))

    def enter(self, ctx, call):
        return self._proto.enter(ctx, call)
