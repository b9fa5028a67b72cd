"""Struct layouts of tracee memory: declared once from a few C types, compiled per tracee ABI.

A `Struct` lists (name, type) pairs in C order. `Struct.on(abi)` compiles it (once, cached) into a
`Compiled` layout: the struct.Struct decoders unpack with (the ABI's byte order, explicit
padding), each field's (offset, size) and the total size. `named()` registers which Struct an ABI
uses under a name; tests/test_layouts_cross.py looks the names up and compares the offsets with
what each ABI's C compiler says, so the decoders and the check share one table.
Pure data: no memory reads, no ptrace.

Types: "s8" "u8" "s16" "u16" "s32" "u32" "s64" "u64" (fixed sizes); "long" "ulong" "ptr" (the
ABI's C long and pointer); "klong" "kulong" (__kernel_long_t: 64-bit on 64-bit ABIs and on x32);
"TYPE@N" (TYPE aligned to N bytes: x32's 4-aligned si_utime); (type, count) arrays (of "u8"/"s8":
one bytes value); a Struct (nested; its fields are named "outer.inner"; named "" its fields keep
their own names); a Union (its members overlap at its start). A field named None is padding or
reserved: it takes its place, is not unpacked. Alignment is natural (a member's size, an array's
or struct's largest member), except that i386 aligns 8-byte members to 4; `packed=True` drops all
padding (x86's epoll_event); `size=N` pads the struct to N bytes (siginfo's 128).
"""
import struct
from collections import OrderedDict

from minitrace import arch

_FIXED = {"s8": "b", "u8": "B", "s16": "h", "u16": "H", "s32": "i", "u32": "I", "s64": "q",
          "u64": "Q"}
_SIGNED = frozenset(("long", "klong"))


def _scalar(ctype, abi):
    """(struct code, alignment) of a scalar C type in `abi`."""
    if "@" in ctype:
        ctype, align = ctype.split("@")
        return _scalar(ctype, abi)[0], int(align)
    code = _code(ctype, abi)
    size = struct.calcsize("<" + code)
    return code, 4 if (size == 8 and abi == "i386") else size


def _code(ctype, abi):
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


class Struct(object):
    """A C struct: `fields` is a sequence of (name, type); see the module docstring."""
    union = False

    def __init__(self, name, fields, packed=False, size=None):
        self.name = name
        self.fields = tuple(fields)
        self.packed = packed
        self.min_size = size
        self._compiled = {}

    def on(self, abi):
        """The Compiled layout of this struct in `abi`."""
        c = self._compiled.get(abi)
        if c is None:
            c = self._compiled[abi] = Compiled(self, abi)
        return c

    def __repr__(self):
        return "%s(%r)" % (type(self).__name__, self.name)


class Union(Struct):
    """A C union: its members all start at its first byte."""
    union = True


class Compiled(object):
    """One Struct in one ABI.

    size    -- sizeof, tail padding included
    align   -- the struct's alignment
    fields  -- OrderedDict name -> (offset, size) of every named field (nested: "a.b")
    scalars -- OrderedDict name -> (offset, struct code) of every named value (arrays: "a[i]";
               arrays of bytes: one value)
    struct  -- struct.Struct unpacking the values in `scalars` order (the ABI's byte order,
               explicit padding), or None when a union makes values overlap
    """

    def __init__(self, st, abi):
        self.abi = abi
        self.name = st.name
        self.fields = OrderedDict()
        self.scalars = OrderedDict()
        self.size, self.align = self._lay(st, abi, 0, "")
        if st.min_size and st.min_size > self.size:
            self.size = st.min_size
        self._endian = arch.endian(abi)
        self.struct = self._sequential()
        self.names = tuple(self.scalars)

    def _lay(self, st, abi, start, prefix):
        """Record st's members placed at `start`; return (sizeof, alignment)."""
        offset = start
        end = start
        max_align = 1
        for fname, ctype in st.fields:
            count = None
            if isinstance(ctype, tuple):
                ctype, count = ctype
            if isinstance(ctype, Struct):
                size, align = self._measure(ctype, abi)
            else:
                code, align = _scalar(ctype, abi)
                size = struct.calcsize("<" + code)
            if st.packed:
                align = 1
            max_align = max(max_align, align)
            if st.union:
                offset = start
            offset += (-(offset - start)) % align
            n = 1 if count is None else count
            if fname is not None:
                full = prefix + fname
                if fname:
                    self._add(self.fields, full, (offset, size * n))
                if isinstance(ctype, Struct):
                    for i in range(n):
                        sub = full + ("[%d]" % i if count is not None else "")
                        self._lay(ctype, abi, offset + i * size, sub + "." if fname else prefix)
                elif count is not None and ctype in ("u8", "s8"):
                    self._add(self.scalars, full, (offset, "%ds" % n))
                elif count is not None:
                    for i in range(n):
                        self._add(self.scalars, "%s[%d]" % (full, i), (offset + i * size, code))
                else:
                    self._add(self.scalars, full, (offset, code))
            offset += size * n
            end = max(end, offset)
        if st.packed:
            max_align = 1
        size = end - start
        return size + (-size) % max_align, max_align

    def _measure(self, st, abi):
        c = st.on(abi)
        return c.size, c.align

    @staticmethod
    def _add(table, name, value):
        old = table.get(name)
        assert old is None or old == value, "layout: %s placed twice: %r, %r" % (name, old, value)
        table[name] = value

    def _sequential(self):
        """The struct.Struct of all values in order, or None if any two overlap."""
        codes = []
        at = 0
        for offset, code in self.scalars.values():
            if offset < at:
                return None
            if offset > at:
                codes.append("%dx" % (offset - at))
            codes.append(code)
            at = offset + struct.calcsize("<" + code)
        if self.size > at:
            codes.append("%dx" % (self.size - at))
        st = struct.Struct(self._endian + "".join(codes))
        assert st.size == self.size, (self.name, self.abi)
        return st

    def unpack(self, data, offset=0):
        """The values of the struct at data[offset:], in `names` order (not for unions)."""
        return self.struct.unpack_from(data, offset)

    def dict(self, data, offset=0):
        """name -> value of the struct at data[offset:] (data holds at least `size` bytes)."""
        if self.struct is not None:
            return dict(zip(self.names, self.struct.unpack_from(data, offset)))
        e = self._endian
        return dict((name, struct.unpack_from(e + code, data, offset + off)[0])
                    for name, (off, code) in self.scalars.items())

    def get(self, data, name, offset=0):
        """One value of the struct at data[offset:]."""
        off, code = self.scalars[name]
        return struct.unpack_from(self._endian + code, data, offset + off)[0]

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


_looked_up = {}


def lookup(name, abi):
    """The Compiled layout registered as `name` for `abi`, or None (cached: decoders call this
    for every struct they read)."""
    key = (name, abi)
    try:
        return _looked_up[key]
    except KeyError:
        st = LAYOUTS[name](abi)
        c = _looked_up[key] = None if st is None else st.on(abi)
        return c


def registered():
    """The names of every registered layout (the decoder families are imported first)."""
    from minitrace.decode import load_all
    load_all()
    return list(LAYOUTS)
