"""Shared pieces of the arch modules: the Regs record, register layouts, AUDIT_ARCH arithmetic.

Pure data and byte shuffling: nothing here calls ptrace or knows about a particular architecture.
"""

import struct
from collections import OrderedDict

# Note types of PTRACE_GETREGSET/SETREGSET, from linux/elf.h.
NT_PRSTATUS = 1
NT_ARM_SYSTEM_CALL = 0x404

# ELF machine numbers, from linux/elf-em.h.
EM_386 = 3
EM_PPC64 = 21
EM_S390 = 22
EM_ARM = 40
EM_X86_64 = 62
EM_AARCH64 = 183
EM_RISCV = 243

# linux/audit.h: AUDIT_ARCH_<X> = EM_<X> | __AUDIT_ARCH_64BIT (64-bit ABIs) | __AUDIT_ARCH_LE
# (little-endian ABIs).
AUDIT_ARCH_64BIT = 0x80000000
AUDIT_ARCH_LE = 0x40000000


def audit_arch(em, is64, little_endian):
    """The AUDIT_ARCH_* value of linux/audit.h for ELF machine `em`."""
    return em | (AUDIT_ARCH_64BIT if is64 else 0) | (AUDIT_ARCH_LE if little_endian else 0)


def to_signed(value, bits):
    """Two's-complement reading of an unsigned `bits`-wide value."""
    if value >> (bits - 1):
        return value - (1 << bits)
    return value


class Regs(object):
    """One decoded NT_PRSTATUS register set.

    abi   -- the tracee ABI at this stop ("x86_64", "i386", "x32", "aarch64", "arm", ...)
    nr    -- the syscall number, unsigned in the ABI's word size (see the module notes for stops
             where the register no longer holds it)
    args  -- tuple of the 6 argument registers, unsigned, truncated to the ABI's word size
    ret   -- the return value, signed in the ABI's word size (meaningful at syscall-exit only)
    ip/sp -- instruction and stack pointer
    values -- OrderedDict register name -> unsigned value, in layout order (built on access)
    """

    __slots__ = ("abi", "nr", "args", "ret", "ip", "sp", "_names", "_raw")

    def __init__(self, abi, nr, args, ret, ip, sp, names, raw):
        self.abi = abi
        self.nr = nr
        self.args = args
        self.ret = ret
        self.ip = ip
        self.sp = sp
        self._names = names
        self._raw = raw

    @property
    def values(self):
        return OrderedDict(zip(self._names, self._raw))

    def __repr__(self):
        return "Regs(abi=%r, nr=%d, args=(%s), ret=%d, ip=%#x, sp=%#x)" % (
            self.abi, self.nr, ", ".join("%#x" % a for a in self.args), self.ret, self.ip, self.sp)


class Layout(object):
    """A register layout: a flat sequence of named unsigned words (plus optional narrower fields).

    fields: sequence of (name, struct code) with codes "Q" (8 bytes) or "I" (4 bytes);
    endian: "<" or ">". The layout is compiled once into a struct.Struct.
    """

    def __init__(self, abi, endian, fields, word_bits):
        self.abi = abi
        self.names = tuple(name for name, _ in fields)
        self.codes = tuple(code for _, code in fields)
        self.struct = struct.Struct(endian + "".join(self.codes))
        self.size = self.struct.size
        self.index = dict((name, i) for i, name in enumerate(self.names))
        self.word_bits = word_bits
        self.mask = (1 << word_bits) - 1
        self.fields = OrderedDict()     # name -> (offset, size), for the layout check
        offset = 0
        for name, code in fields:
            size = struct.calcsize("<" + code)
            self.fields[name] = (offset, size)
            offset += size

    def unpack(self, data):
        """The register words of `data` (a bytes-like object at least self.size long)."""
        return self.struct.unpack_from(data, 0)

    def replace(self, data, changes):
        """`data` with the registers named in `changes` (dict name -> int) set; extra bytes kept."""
        if len(data) < self.size:
            raise ValueError("minitrace.arch: %s register set of %d bytes is shorter than %d"
                             % (self.abi, len(data), self.size))
        regs = list(self.struct.unpack_from(data, 0))
        for name, value in changes.items():
            i = self.index[name]
            regs[i] = value & (0xffffffff if self.codes[i] == "I" else 0xffffffffffffffff)
        return self.struct.pack(*regs) + bytes(data[self.size:])

    def indices(self, names):
        return tuple(self.index[n] for n in names)


class Reader(object):
    """Turns a regset of one Layout into Regs, reading the registers named in `stop_regs`
    ({"nr": name, "args": (6 names), "ret": name}) plus the named ip and sp registers."""

    def __init__(self, layout, stop_regs, ip, sp):
        self.layout = layout
        self.abi = layout.abi
        self.names = layout.names
        self.nr_i = layout.index[stop_regs["nr"]]
        self.args_i = layout.indices(stop_regs["args"])
        self.ret_i = layout.index[stop_regs["ret"]]
        self.ip_i = layout.index[ip]
        self.sp_i = layout.index[sp]
        self.bits = layout.word_bits

    def __call__(self, data, abi=None):
        r = self.layout.struct.unpack_from(data, 0)
        a = self.args_i
        return Regs(abi or self.abi, r[self.nr_i],
                    (r[a[0]], r[a[1]], r[a[2]], r[a[3]], r[a[4]], r[a[5]]),
                    to_signed(r[self.ret_i], self.bits), r[self.ip_i], r[self.sp_i], self.names, r)


def bad_length(module, data, expected):
    """The one-line error for a regset of an unknown size."""
    return ValueError("minitrace.arch.%s: NT_PRSTATUS register set of %d bytes; expected %s"
                      % (module, len(data), expected))
