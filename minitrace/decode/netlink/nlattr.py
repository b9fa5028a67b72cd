"""The machinery every netlink protocol shares: a view of the message buffer in the tracee
(`View`), strace's string and scalar printers over it, and netlink attributes (`Attrs`, a
declarative table type -> name and decoder; `nlattrs`, strace's decode_nlattr).

Every printer takes the View and a tracee address: a field that lies past the readable part of
the buffer prints as its address, as strace's umove_or_printaddr does.
"""
import socket
import struct

from minitrace import printers
from minitrace.decode.common import endian

NLA_HDRLEN = 4
_HEX_ALL = printers.Style(1 << 20, "all")     # QUOTE_FORCE_HEX, whatever -s says
MAX_BUFFER = 1 << 20            # no netlink buffer is read beyond this


def align4(n):
    return (n + 3) & ~3


class View(object):
    """The bytes of one netlink buffer that could be read (a prefix of `size` bytes at `base`),
    with the context, the call and the socket's protocol (a NETLINK_* number or None)."""

    __slots__ = ("ctx", "call", "base", "data", "proto", "fd", "consts", "style", "order")

    def __init__(self, ctx, call, base, size, proto, fd):
        self.ctx = ctx
        self.call = call
        self.base = base
        self.proto = proto
        self.fd = fd
        data = ctx.read_data(call, base, min(size, MAX_BUFFER)) if base else None
        self.data = bytes(data) if data else b""
        self.consts = ctx.constants(call.abi)
        self.style = ctx.style
        self.order = endian(call)

    def get(self, addr, size):
        """`size` bytes at `addr`, or None when they are not all readable."""
        off = addr - self.base
        if off < 0 or size < 0 or off + size > len(self.data):
            return None
        return self.data[off:off + size]

    def unpack(self, addr, fmt):
        """struct-unpack `fmt` (tracee byte order) at addr, or None."""
        s = struct.Struct(self.order + fmt)
        raw = self.get(addr, s.size)
        return None if raw is None else s.unpack(raw)

    def const(self, name):
        return self.consts.get(name)

    def enum(self, value, names, unknown=None):
        return printers.enum(value, self.ctx.enum_table(self.call.abi, names), self.style,
                             unknown)

    def flags(self, value, names, unknown=None):
        return printers.flags(value, self.ctx.flag_table(self.call.abi, names), self.style,
                              unknown)

    def names(self, names):
        """value -> name of a name tuple (first name wins)."""
        return self.ctx.enum_table(self.call.abi, names)

    @property
    def abbrev(self):
        return not self.style.verbose

    @property
    def limit(self):
        return self.style.string_limit


# ---------------------------------------------------------------------------------------------
# strings (strace's printstr_ex and its QUOTE_* styles)

def _printable_plain(data):
    return all(0x20 <= c < 0x7f or 9 <= c <= 13 for c in bytearray(data))


def string(v, addr, length, force_hex=False, omit_nul=False, expect_nul=False):
    """strace's printstr_ex: at most -s bytes (all readable, else the address), `...` if cut;
    force_hex (QUOTE_FORCE_HEX): every byte as \\xNN; omit_nul/expect_nul: a trailing NUL is
    not shown, its absence is shown as `...` (decode_nla_str)."""
    if not addr:
        return "NULL"
    limit = v.limit
    size = min(limit + 1, length)
    data = v.get(addr, size)
    if data is None:
        return printers.ptr(addr)
    cut = size > limit
    if cut:
        data = data[:limit]
    style = v.style.replace(hex_strings="all") if force_hex else v.style
    hexall = style.hex_strings == "all" or (style.hex_strings == "non-ascii" and
                                            not _printable_plain(data))
    ended = False
    if omit_nul and not hexall and data[-1:] == b"\0":
        data = data[:-1]
        ended = True
    text = printers.quote_bytes(data, style, len(data) + 1)
    if not ended and length and (expect_nul or length > limit):
        text += "..."
    return text


def hexstr(v, addr, length):
    return string(v, addr, length, force_hex=True)


# ---------------------------------------------------------------------------------------------
# attributes

class Attrs(object):
    """A declarative attribute table: the type names (a module-level tuple, the constants of
    the generated tables), strace's default name for an unknown type, and decoders by name.
    `any_type`: a decoder for every type, passed the attribute type instead of the opaque data
    (strace's decoder tables of size 0)."""

    def __init__(self, names, unknown, decoders=None, any_type=None):
        self.names = names
        self.unknown = unknown
        self.decoders = decoders or {}
        self.any_type = any_type
        self._by_abi = {}

    def decoder_table(self, v):
        table = self._by_abi.get(v.call.abi)
        if table is None:
            table = {}
            for name, dec in self.decoders.items():
                value = v.consts.get(name)
                if value is not None:
                    table[value] = dec
            self._by_abi[v.call.abi] = table
        return table


_NLA_F = ("NLA_F_NESTED", "NLA_F_NET_BYTEORDER")


def nla_type_text(v, ntype, attrs):
    nested = v.const("NLA_F_NESTED") or 0
    netorder = v.const("NLA_F_NET_BYTEORDER") or 0
    parts = []
    if ntype & nested:
        parts.append(v.enum(nested, _NLA_F))
    if ntype & netorder:
        parts.append(v.enum(netorder, _NLA_F))
    mask = ~(nested | netorder) & 0xffff
    parts.append(v.enum(ntype & mask, attrs.names, attrs.unknown))
    return "|".join(parts)


def _fetch_failed(v, addr, length, in_array):
    """strace's fetch_nlattr/fetch_nlmsghdr when the header cannot be had."""
    if length < NLA_HDRLEN:
        return hexstr(v, addr, length)
    return "... /* %s */" % printers.ptr(addr) if in_array else printers.ptr(addr)


def nlattrs(v, addr, length, attrs, opaque=None):
    """A run of attributes: `[{nla_len=8, nla_type=IFA_ADDRESS}, inet_addr("1.2.3.4")]`, or a
    list of them; short, truncated and unreadable ones as strace shows them."""
    parts = []
    is_array = False
    elt = 0
    table = attrs.decoder_table(v)
    while True:
        hdr = v.unpack(addr, "HH") if length >= NLA_HDRLEN else None
        if hdr is None:
            parts.append(_fetch_failed(v, addr, length, is_array))
            break
        if v.abbrev and elt == v.limit:
            parts.append("...")
            break
        nla_len, nla_type = hdr
        step = align4(nla_len)
        next_addr = None
        if nla_len >= NLA_HDRLEN:
            next_len = length - step if length >= step else 0
            if next_len:
                next_addr = addr + step
        if not is_array and next_addr is not None:
            is_array = True
        parts.append(_nlattr_with_data(v, addr, length, nla_len, nla_type, attrs, table, opaque))
        if next_addr is None:
            break
        addr = next_addr
        length = next_len
        elt += 1
    if is_array:
        return "[" + ", ".join(parts) + "]"
    return parts[0]


def _nlattr_with_data(v, addr, length, nla_len, nla_type, attrs, table, opaque):
    head = "{nla_len=%d, nla_type=%s}" % (nla_len, nla_type_text(v, nla_type, attrs))
    dlen = min(nla_len, length)
    if dlen <= NLA_HDRLEN:
        return head
    payload = None
    if attrs.any_type is not None:
        payload = attrs.any_type(v, addr + NLA_HDRLEN, dlen - NLA_HDRLEN, nla_type)
    else:
        dec = table.get(nla_type & 0x3fff)
        if dec is not None:
            payload = dec(v, addr + NLA_HDRLEN, dlen - NLA_HDRLEN, opaque)
    if payload is None:
        payload = hexstr(v, addr + NLA_HDRLEN, dlen - NLA_HDRLEN)
    return "[%s, %s]" % (head, payload)


def nested(attrs):
    """A decoder of an attribute holding more attributes of table `attrs`."""
    def decode(v, addr, length, opaque):
        return nlattrs(v, addr, length, attrs, opaque)
    return decode


# ---------------------------------------------------------------------------------------------
# attribute payload decoders: f(view, addr, length, opaque) -> text, or None for the hex string

def nla_str(v, addr, length, opaque=None):
    return string(v, addr, length, omit_nul=True, expect_nul=True)


def _scalar(fmt, form):
    size = struct.calcsize(fmt)

    def decode(v, addr, length, opaque=None):
        if length < size:
            return None
        got = v.unpack(addr, fmt)
        if got is None:
            return printers.ptr(addr)
        return form(got[0])
    return decode


nla_u8 = _scalar("B", str)
nla_u16 = _scalar("H", str)
nla_u32 = _scalar("I", str)
nla_u64 = _scalar("Q", str)
nla_s8 = _scalar("b", str)
nla_s16 = _scalar("h", str)
nla_s32 = _scalar("i", str)
nla_s64 = _scalar("q", str)
nla_x8 = _scalar("B", printers.hexnum)
nla_x16 = _scalar("H", printers.hexnum)
nla_x32 = _scalar("I", printers.hexnum)
nla_x64 = _scalar("Q", printers.hexnum)


def nla_fd(v, addr, length, opaque=None):
    if length < 4:
        return None
    got = v.unpack(addr, "i")
    if got is None:
        return printers.ptr(addr)
    from minitrace.decode.common import fd
    return fd(v.ctx, v.call, got[0] & 0xffffffff)


def nla_be16(v, addr, length, opaque=None):
    if length < 2:
        return None
    raw = v.get(addr, 2)
    if raw is None:
        return printers.ptr(addr)
    return "htons(%d)" % struct.unpack(">H", raw)[0]


def nla_be64(v, addr, length, opaque=None):
    if length < 8:
        return None
    raw = v.get(addr, 8)
    if raw is None:
        return printers.ptr(addr)
    return "htobe64(%d)" % struct.unpack(">Q", raw)[0]


def ifname(index, v=None):
    """strace's print_ifindex: `if_nametoindex("lo")` for a known interface; with -X raw the
    number, with -X verbose both (v: the view whose style says which)."""
    if not index:
        return "0"
    try:
        name = 'if_nametoindex("%s")' % socket.if_indextoname(index)
    except (OSError, ValueError, OverflowError):
        return str(index)
    cstyle = v.style.const_style if v is not None else "abbrev"
    if cstyle == "raw":
        return str(index)
    if cstyle == "verbose":
        return "%d /* %s */" % (index, name)
    return name


def nla_ifindex(v, addr, length, opaque=None):
    if length < 4:
        return None
    got = v.unpack(addr, "I")
    if got is None:
        return printers.ptr(addr)
    return ifname(got[0], v)


_UINT = {1: "B", 2: "H", 4: "I", 8: "Q"}


def read_uint(v, addr, length):
    """strace's umoven_to_uint64: a 1, 2, 4 or 8-byte unsigned value (None: unreadable)."""
    fmt = _UINT.get(length)
    if fmt is None:
        raw = v.get(addr, length)
        if raw is None:
            return None
        return int.from_bytes(raw + b"\0" * (8 - length), "little" if v.order == "<" else "big")
    got = v.unpack(addr, fmt)
    return None if got is None else got[0]


def _xval(size, show):
    def decode(v, addr, length, opaque=None):
        if length > 8 or length < size:
            return None
        if size:
            length = min(length, size)
        value = read_uint(v, addr, length)
        if value is None:
            return printers.ptr(addr)
        return show(v, value)
    return decode


def enum_decoder(names, unknown, size=0, wrap=None):
    """strace's decode_nla_xval: a value of an enumeration (`size` bytes, 0: the attribute's
    length, at most 8); wrap: a function name around it (`htons(ETH_P_IP)`)."""
    def show(v, value):
        text = v.enum(value, names, unknown)
        return "%s(%s)" % (wrap, text) if wrap else text
    return _xval(size, show)


def flags_decoder(names, unknown, size=0):
    """strace's decode_nla_flags."""
    return _xval(size, lambda v, value: v.flags(value, names, unknown))


def inet_addr(v, addr, length, family, var_name=None):
    """strace's decode_inet_addr for an address of `family` (AF_INET/AF_INET6), None if the
    length does not fit the family."""
    if family == v.const("AF_INET"):
        size = 4
    elif family == v.const("AF_INET6"):
        size = 16
    else:
        return None
    if length < size:
        return None
    raw = v.get(addr, size)
    if raw is None:
        return printers.ptr(addr)
    return inet_addr_text(v, family, raw, var_name)


def inet_addr_text(v, family, raw, var_name=None):
    """strace's print_inet_addr of the bytes `raw` (an address of `family` at their start):
    `inet_addr("1.2.3.4")`, `inet_pton(AF_INET6, "::1")` (with a field name, `name=` before
    it, or `&name` inside the IPv6 form), the hex string with -X raw, both with -X verbose;
    the hex string of another family."""
    field = var_name + "=" if var_name else ""
    cstyle = v.style.const_style
    if family == v.const("AF_INET"):
        text = 'inet_addr("%s")' % socket.inet_ntop(socket.AF_INET, raw[:4])
    elif family == v.const("AF_INET6"):
        ntop = socket.inet_ntop(socket.AF_INET6, raw[:16])
        if var_name and cstyle == "abbrev":
            return 'inet_pton(AF_INET6, "%s", &%s)' % (ntop, var_name)
        text = 'inet_pton(AF_INET6, "%s")' % ntop
    else:
        return field + printers.quote_bytes(raw, _HEX_ALL, len(raw))
    if cstyle == "abbrev":
        return field + text
    quoted = printers.quote_bytes(raw, _HEX_ALL, len(raw))
    return field + (quoted if cstyle == "raw" else "%s /* %s */" % (quoted, text))


def array_of(fmt, form=str):
    """An attribute holding an array of scalars: `[1, 2, 3]`, cut by -s as strace's
    print_array (no element: None, the hex string)."""
    size = struct.calcsize(fmt)

    def decode(v, addr, length, opaque=None):
        n = length // size
        if not n:
            return None
        return array(v, addr, n, size, lambda a: _one(v, a, fmt, form))
    return decode


def _one(v, addr, fmt, form):
    got = v.unpack(addr, fmt)
    return None if got is None else form(got[0])


def array(v, addr, count, size, element):
    """strace's print_array: elements until -s (then `...`); an unreadable element ends the
    list with `... /* addr */` (or the bare address when it is the first)."""
    parts = []
    for i in range(count):
        if v.abbrev and i == v.limit:
            parts.append("...")
            break
        text = element(addr + i * size)
        if text is None:
            if not parts:
                return printers.ptr(addr)
            parts.append("... /* %s */" % printers.ptr(addr + i * size))
            break
        parts.append(text)
    return "[" + ", ".join(parts) + "]"


# ---------------------------------------------------------------------------------------------
# structures: (field, format, printer) rows read at once

def struct_text(v, addr, fields, printers_by_field=None, name_prefix=""):
    """A structure of (name, format) rows, all read or the address; printed as
    `{name=value, ...}` with printers_by_field[name](value) or the decimal."""
    fmt = "".join(f for _, f in fields)
    got = v.unpack(addr, fmt)
    if got is None:
        return printers.ptr(addr)
    out = []
    i = 0
    pmap = printers_by_field or {}
    for name, f in fields:
        s = struct.Struct(v.order + f)
        n = len(s.unpack(b"\0" * s.size))
        vals = got[i:i + n]
        i += n
        if name is None:
            continue
        p = pmap.get(name)
        out.append("%s%s=%s" % (name_prefix, name, p(vals if n > 1 else vals[0]) if p
                                else (str(vals[0]) if n == 1 else repr(vals))))
    return "{" + ", ".join(out) + "}"


def struct_size(fields):
    return struct.calcsize("=" + "".join(f for _, f in fields))


def struct_decoder(fields, printers_by_field=None, exact=False):
    """An attribute holding a structure: too short -> the hex string (None)."""
    size = struct_size(fields)

    def decode(v, addr, length, opaque=None):
        if length < size or (exact and length != size):
            return None
        return struct_text(v, addr, fields, printers_by_field)
    return decode


# ---------------------------------------------------------------------------------------------
# a family header followed by attributes (the rtnetlink and sock_diag pattern)

class Header(object):
    """A message's fixed header: (name, format, show) rows in C order (name None: padding;
    show(view, value) -> text, None: decimal) and the attributes after it. The first row is
    printed from what strace reads first (the family byte); the rest only if the message is
    long enough (`...` otherwise), or the address if unreadable."""

    def __init__(self, rows, attrs=None, first=1):
        self.rows = rows
        self.attrs = attrs
        self.first = first                   # rows read on their own before the length test
        self.size = struct.calcsize("=" + "".join(r[1] for r in rows))
        self.head_size = struct.calcsize("=" + "".join(r[1] for r in rows[:first]))


def _named_rows(rows):
    """The rows that hold a value (padding rows, name None, hold none)."""
    return [r for r in rows if r[0] is not None]


def _show_rows(v, rows, values, record=None):
    out = []
    for (name, _, show), value in zip(_named_rows(rows), values):
        if show is None:
            out.append("%s=%s" % (name, value))
        elif getattr(show, "with_record", False):
            text = show(v, value, record)
            if text is not None:
                out.append(text)
        else:
            out.append("%s=%s" % (name, show(v, value)))
    return out


def with_record(show):
    """Mark a row printer that needs the fields read before it (an address in the family of
    the struct): called show(view, value, {field: value}) and returning `name=text` itself,
    or None to leave the row out."""
    show.with_record = True
    return show


def header_text(v, addr, length, header, opaque_extra=None):
    """`{family=..., ...}` then `, [attributes]` when there are any."""
    head_fmt = "".join(r[1] for r in header.rows[:header.first])
    first = v.unpack(addr, head_fmt)
    if first is None:
        return printers.ptr(addr)
    values = dict(zip([r[0] for r in _named_rows(header.rows[:header.first])], first))
    parts = _show_rows(v, header.rows[:header.first], first, values)
    ok = False
    if length >= header.size:
        rest_rows = header.rows[header.first:]
        rest = v.unpack(addr + header.head_size, "".join(r[1] for r in rest_rows))
        if rest is None:
            parts.append(printers.ptr(addr + header.head_size))
        else:
            values.update(zip([r[0] for r in _named_rows(rest_rows)], rest))
            parts += _show_rows(v, rest_rows, rest, values)
            ok = True
    else:
        parts.append("...")
    text = "{" + ", ".join(parts) + "}"
    offset = align4(header.size)
    if ok and header.attrs is not None and length > offset:
        if opaque_extra:
            values.update(opaque_extra)
        text += ", " + nlattrs(v, addr + offset, length - offset, header.attrs, values)
    return text


def nonzero_hex(name):
    """A row of padding strace shows in hex only when it is not zero (`pad1=0xca`)."""
    return with_record(lambda v, value, record: "%s=%#x" % (name, value) if value else None)


def show_enum(names, unknown=None):
    return lambda v, value: v.enum(value, names, unknown)


def show_flags(names, unknown=None):
    return lambda v, value: v.flags(value, names, unknown)


def show_hex(v, value):
    return printers.hexnum(value)


def show_ifindex(v, value):
    return ifname(value, v)


_SHIFTED = {}


def show_shifted(names, shift, unknown):
    """A mask whose bits are `1<<NAME` (shift 0) or `1<<(NAME-1)` (shift 1), as strace names
    the bits of idiag_states and idiag_ext."""
    def show(v, value):
        key = (v.call.abi, names, shift)
        pairs = _SHIFTED.get(key)
        if pairs is None:
            form = "1<<%s" if not shift else "1<<(%%s-%d)" % shift
            pairs = [(form % n, 1 << (v.consts[n] - shift)) for n in names
                     if v.consts.get(n, -1) >= shift]
            _SHIFTED[key] = pairs
        return printers.flags(value, pairs, v.style, unknown)
    return show


# ---------------------------------------------------------------------------------------------
# more payload decoders: clock ticks, fixed-family addresses, indexed arrays, per-family tables

def nla_clock_t(v, addr, length, opaque=None):
    """strace's decode_nla_clock_t: up to 8 bytes of clock ticks, `36 /* 0.36 s */`."""
    if length > 8:
        return None
    value = read_uint(v, addr, length)
    if value is None:
        return printers.ptr(addr)
    from minitrace.decode.resource import clock_t
    return clock_t(v.ctx, value)


def nla_in_addr(v, addr, length, opaque=None):
    return inet_addr(v, addr, length, v.const("AF_INET"))


def nla_in6_addr(v, addr, length, opaque=None):
    return inet_addr(v, addr, length, v.const("AF_INET6"))


def xlat_index(v, idx, table, unknown):
    """An array index by name as strace's printxval_ex in decimal: `NAME`, `5 /* NAME */`
    (-X verbose), `5` (-X raw), `5 /* UNKNOWN */` when the table has no name for it."""
    name = table.get(idx)
    cstyle = v.style.const_style
    if cstyle == "raw":
        return str(idx)
    if name is None:
        return "%d /* %s */" % (idx, unknown)
    if cstyle == "verbose":
        return "%d /* %s */" % (idx, name)
    return name


_INDEX_TABLES = {}


def index_table(v, names, shift=0):
    """value -> name of an index enumeration; shift 1: the constants count from 1 and the
    index is NAME-1 (strace's inet_devconf_indices)."""
    key = (v.call.abi, names, shift)
    table = _INDEX_TABLES.get(key)
    if table is None:
        table = {}
        for n in names:
            value = v.consts.get(n)
            if value is not None and value >= shift:
                table.setdefault(value - shift, "%s-%d" % (n, shift) if shift else n)
        _INDEX_TABLES[key] = table
    return table


def indexed_array(fmt, names, unknown, shift=0):
    """strace's print_array_ex with PAF_PRINT_INDICES: `[[NAME]=1, [OTHER]=2, ...]` of
    elements `fmt`, indexes named by the enumeration `names` (None without elements)."""
    size = struct.calcsize(fmt)

    def decode(v, addr, length, opaque=None):
        n = length // size
        if not n:
            return None
        table = index_table(v, names, shift)

        def element(a):
            got = v.unpack(a, fmt)
            if got is None:
                return None
            return "[%s]=%d" % (xlat_index(v, (a - addr) // size, table, unknown), got[0])
        return array(v, addr, n, size, element)
    return decode


def per_family(tables, family_of):
    """strace's decode_nla_af_spec: the attributes of the table of the message's address
    family (`tables`: AF_* name -> Attrs), the hex string for another family; family_of(opaque)
    is the family."""
    def decode(v, addr, length, opaque=None):
        family = family_of(opaque)
        for name, attrs in tables:
            if v.const(name) == family:
                return nlattrs(v, addr, length, attrs)
        return hexstr(v, addr, length)
    return decode
