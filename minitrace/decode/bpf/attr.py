"""union bpf_attr as strace 6.1 reads it for one command (bpf.c's BEGIN_BPF_CMD_DECODER): the
`size` bytes the call passes, at most the command's struct, copied over zeroes; a field is
printed only when `size` reaches it; non-zero bytes past the struct are `...` (or, with -v,
`extra_data="\\x.." /* bytes N..M */`). BPF_OBJ_GET_INFO_BY_FD's info structs are read the same
way (info_len bytes), and printed group by group (walk())."""
from minitrace import printers
from minitrace.decode.common import fd, flag_text, enum_text

U64 = "u64@8"           # __aligned_u64: 8-aligned on every ABI
OBJ_NAME_LEN = 16       # BPF_OBJ_NAME_LEN of linux/bpf.h
PAGE_SIZE = 4096        # strace reads attr (and obj info) only up to get_pagesize()
_HEX_ALL = printers.Style(hex_strings="all")
_U64_MAX = {(1 << 64) - 1: "UINT64_MAX"}


class Attr(object):
    def __init__(self, ctx, call, layout, raw, size, struct_size=None):
        self.ctx = ctx
        self.call = call
        self.layout = layout.on(call.abi)
        self.struct_size = struct_size or self.layout.size
        self.len = min(size, self.struct_size)
        self.raw = raw
        self.size = size
        self.v = self.layout.dict(bytes(raw[:self.len]) + b"\0" * (self.layout.size - self.len))

    def __getitem__(self, name):
        return self.v[name]

    def has(self, name):
        """The size passed reaches the field (strace's `len > offsetof(...)`)."""
        return self.len > self.layout.fields[name][0]

    # field printers: `name=value`
    def u(self, name):
        return "%s=%d" % (name.split(".")[-1], self.v[name])

    def x(self, name):
        return "%s=%s" % (name.split(".")[-1], printers.hexnum(self.v[name]))

    def fd(self, name):
        return "%s=%s" % (name, fd(self.ctx, self.call, self.v[name]))

    def addr(self, name):
        return "%s=%s" % (name, printers.ptr(self.v[name]))

    def flags(self, name, names, unknown):
        return "%s=%s" % (name.split(".")[-1],
                          flag_text(self.ctx, self.call, self.v[name], names, unknown))

    def xval(self, name, names, unknown):
        return "%s=%s" % (name, enum_text(self.ctx, self.call, self.v[name], names, unknown))

    def cstring_sz(self, name):
        """PRINT_FIELD_CSTRING_SZ: a char array cut to the bytes passed, printed up to its NUL
        among the first size-1 bytes, else those and `...`."""
        off, length = self.layout.fields[name]
        size = min(length, self.len - off)
        return "%s=%s" % (name, self._cstring(bytes(self.raw[off:off + size])))

    def cstring(self, name):
        """PRINT_FIELD_CSTRING: the whole char array (zeroes past the bytes passed)."""
        return "%s=%s" % (name, self._cstring(self.v[name]))

    def _cstring(self, data):
        """print_quoted_cstring of `data`: up to its NUL, else all but its last byte and `...`
        (string_quote looks one byte past the size-1 shown)."""
        nul = data.find(b"\0")
        if nul >= 0:
            return printers.quote_cstring(data[:nul], self.ctx.style, nul)
        shown = data[:len(data) - 1]
        return printers.quote_cstring(shown, self.ctx.style, len(shown)) + "..."

    def hex_array(self, name):
        """PRINT_FIELD_HEX_ARRAY: every byte of an array as `\\x..`, whatever -x says."""
        data = self.v[name]
        return "%s=%s" % (name, printers.quote_bytes(data, _HEX_ALL, limit=len(data)))

    def u64(self, name):
        """PRINT_FIELD_U64: decimal, UINT64_MAX by name (in the -X style)."""
        return "%s=%s" % (name, printers.enum(self.v[name], _U64_MAX, self.ctx.style, None,
                                              decimal=True))

    def changed(self, name, before, fmt=str):
        """A field the kernel writes back: `name=OLD => NEW` when it changed since entry
        (`before`: the value at entry), else `name=NEW`."""
        new = fmt(self.v[name])
        if before != self.v[name]:
            return "%s=%s => %s" % (name, fmt(before), new)
        return "%s=%s" % (name, new)

    def walk(self, groups, *args):
        """Fields printed group by group, as strace's `if (len <= offsetof(first field of the
        group)) goto end`: `groups` is a sequence of (first field or None, function(self, *args)
        -> list of texts). The bytes past the struct (extra()) follow only the last group."""
        parts = []
        for first, fields in groups:
            if first is not None and not self.has(first):
                return ", ".join(parts)
            parts += fields(self, *args)
        return ", ".join(parts) + self.extra()

    def extra(self, attr_size=None):
        """decode_attr_extra_data: the bytes past the struct, when one is not zero."""
        attr_size = self.struct_size if attr_size is None else attr_size
        tail = bytes(self.raw[attr_size:self.size])
        if not tail.strip(b"\0"):
            return ""
        if not self.ctx.style.verbose:
            return ", ..."
        return ", extra_data=%s /* bytes %d..%d */" % (
            printers.quote_bytes(tail, _HEX_ALL, limit=len(tail)), attr_size, self.size - 1)


def bounded_cstring(ctx, call, addr, length):
    """strace's printstr_ex(addr, length, QUOTE_0_TERMINATED): a string of at most `length`
    bytes up to its NUL, cut by -s; `...` when no NUL ends what is shown."""
    if not addr:
        return "NULL"
    if not length:
        return '""'
    limit = ctx.style.string_limit
    n = min(limit, length)
    data, terminated = ctx.read_cstring(call, addr, n)
    if data is None:
        return printers.ptr(addr)
    data = bytes(data)
    if len(data) < n:
        return printers.quote_cstring(data, ctx.style, n)
    more = length <= limit or not terminated
    return printers.quote_cstring(data[:n], ctx.style, n) + ("..." if more else "")


class Command(object):
    """One bpf command: its struct (`layout`, `size` when not sizeof), whether it returns a
    descriptor, and its text. `fields(a)` lists the fields printed at entry (stopping where
    the size passed ends); commands that look again at exit override enter/exit."""
    layout = None
    size = None
    returns_fd = False

    def attr(self, ctx, call, raw, size):
        return Attr(ctx, call, self.layout, raw, size, self.size)

    def fields(self, a):
        return []

    def enter(self, a):
        """(text, state): state None when decoded at entry, else what exit() gets."""
        return "{" + ", ".join(self.fields(a)) + a.extra() + "}", None

    def exit(self, a, state):
        return ""
