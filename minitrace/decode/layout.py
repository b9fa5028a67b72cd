"""Struct layouts of tracee memory: declared once from a few C types, compiled per tracee ABI.

A `Struct` lists (name, type) pairs in C order. `Struct.on(abi)` compiles it (once, cached) into a
`Compiled` layout: the struct.Struct decoders unpack with (the ABI's byte order, explicit
padding), each field's (offset, size) and the total size. `named()` registers which Struct an ABI
uses under a name; tests/test_layouts_cross.py looks the names up and compares the offsets with
what each ABI's C compiler says, so the decoders and the check share one table.
Pure data: no memory reads, no ptrace.

Types: "s8" "u8" "s16" "u16" "s32" "u32" "s64" "u64" (fixed sizes); "long" "ulong" "ptr" (the
ABI's C long and pointer); "klong" "kulong" (__kernel_long_t: 64-bit on 64-bit ABIs and on x32);
(type, count) arrays (of "u8"/"s8": one bytes value); a Struct (nested; its fields are named
"outer.inner"). A field named None is padding or reserved: it takes its place, is not unpacked.
Alignment is natural (a member's size, an array's or struct's largest member), except that i386
aligns 8-byte members to 4; `packed=True` drops all padding (x86's epoll_event).
"""
import struct
from collections import OrderedDict

from minitrace import arch

_FIXED = {"s8": "b", "u8": "B", "s16": "h", "u16": "H", "s32": "i", "u32": "I", "s64": "q",
          "u64": "Q"}
_SIGNED = frozenset(("long", "klong"))


def _scalar(ctype, abi):
    """The struct code of a scalar C type in `abi`."""
    code = _FIXED.get(ctype)
    if code is not None:
        return code
    if ctype in ("long", "ulong", "ptr"):
        wide = arch.long_bits(abi) == 64
    elif ctype in ("klong", "kulong"):
        wide = arch.long_bits(abi) == 64 or abi == "x32"
    else:
        raise ValueError("minitrace.decode.layout: unknown C type %r" % (ctype,))
    code = "q" if wide else "i"
    return code if ctype in _SIGNED else code.upper()


def _align_of_code(code, abi):
    size = struct.calcsize("<" + code)
    return 4 if (size == 8 and abi == "i386") else size


class Struct(object):
    """A C struct: `fields` is a sequence of (name, type); see the module docstring."""

    def __init__(self, name, fields, packed=False):
        self.name = name
        self.fields = tuple(fields)
        self.packed = packed
        self._compiled = {}

    def on(self, abi):
        """The Compiled layout of this struct in `abi`."""
        c = self._compiled.get(abi)
        if c is None:
            c = self._compiled[abi] = Compiled(self, abi)
        return c

    def __repr__(self):
        return "Struct(%r)" % self.name


class Compiled(object):
    """One Struct in one ABI.

    struct  -- struct.Struct with the ABI's byte order and explicit padding
    size    -- sizeof, tail padding included
    align   -- the struct's alignment
    names   -- the names of the values struct.unpack returns, in order (arrays: "name[i]")
    fields  -- OrderedDict name -> (offset, size) of every named field (nested: "a.b")
    """

    def __init__(self, st, abi):
        self.abi = abi
        self.name = st.name
        self.fields = OrderedDict()
        codes, names = [], []
        offset, align = self._lay(st, abi, 0, "", codes, names)
        self.align = 1 if st.packed else align
        self.size = offset + (-offset) % self.align
        if self.size > offset:
            codes.append("%dx" % (self.size - offset))
        self.names = tuple(names)
        self.struct = struct.Struct(arch.endian(abi) + "".join(codes))
        assert self.struct.size == self.size, (st.name, abi)

    def _lay(self, st, abi, offset, prefix, codes, names):
        """Append st's members at `offset` (the struct's start); return (end, alignment)."""
        start = offset
        max_align = 1
        for fname, ctype in st.fields:
            count = None
            if isinstance(ctype, tuple):
                ctype, count = ctype
            if isinstance(ctype, Struct):
                sub = ctype.on(abi)
                align, size = sub.align, sub.size
            else:
                code = _scalar(ctype, abi)
                align, size = _align_of_code(code, abi), struct.calcsize("<" + code)
            if st.packed:
                align = 1
            max_align = max(max_align, align)
            pad = (-(offset - start)) % align if not st.packed else 0
            if pad:
                codes.append("%dx" % pad)
                offset += pad
            n = count if count is not None else 1
            total = size * n
            full = prefix + fname if fname is not None else None
            if full is not None:
                self.fields[full] = (offset, total)
            if fname is None:
                codes.append("%dx" % total)
            elif isinstance(ctype, Struct):
                for i in range(n):
                    sub_prefix = full + ("[%d]" % i if count is not None else "") + "."
                    self._lay(ctype, abi, offset + i * size, sub_prefix, codes, names)
                    self._pad_to(codes, offset + (i + 1) * size)
            elif count is not None and ctype in ("u8", "s8"):
                codes.append("%ds" % n)
                names.append(full)
            else:
                codes.append("%d%s" % (n, code) if count is not None else code)
                names.extend(["%s[%d]" % (full, i) for i in range(n)] if count is not None
                             else [full])
            offset += total
        return offset, max_align

    def _pad_to(self, codes, end):
        """Pad the format so far up to byte `end` (a nested struct's tail padding)."""
        have = struct.calcsize("<" + "".join(codes))
        if end > have:
            codes.append("%dx" % (end - have))

    def unpack(self, data, offset=0):
        """The values of the struct at data[offset:], in `names` order."""
        return self.struct.unpack_from(data, offset)

    def dict(self, data, offset=0):
        """name -> value of the struct at data[offset:]."""
        return dict(zip(self.names, self.struct.unpack_from(data, offset)))

    def __repr__(self):
        return "Compiled(%r, %r, size=%d)" % (self.name, self.abi, self.size)


# ---------------------------------------------------------------------------------------------
# the registry the layout check reads: name -> function(abi) -> Struct or None

LAYOUTS = OrderedDict()


def named(name, fixed=None):
    """Register the layout called `name`: `named("statx", STATX)` for one Struct on every ABI,
    or as a decorator of a function abi -> Struct (None: the ABI has no such struct)."""
    if fixed is not None:
        LAYOUTS[name] = lambda abi: fixed
        return fixed

    def wrap(func):
        LAYOUTS[name] = func
        return func
    return wrap


def lookup(name, abi):
    """The Compiled layout registered as `name` for `abi`, or None."""
    st = LAYOUTS[name](abi)
    return None if st is None else st.on(abi)


def registered():
    """The names of every registered layout (the decoder families are imported first)."""
    from minitrace.decode import _load_families
    _load_families()
    return list(LAYOUTS)
