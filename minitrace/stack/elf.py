"""A bounded ELF reader for the stack tracer: program headers, sections, function symbols
(.symtab and .dynsym, and the xz-compressed mini symbol table in .gnu_debugdata), and the bytes
of .eh_frame / .eh_frame_hdr / .debug_frame. 32 and 64 bit, either byte order.

Every offset and size read from the file is checked against the file's size: a corrupt or
hostile file gives an ElfError (or fewer symbols), never an exception of another kind, a loop
or unbounded memory. Files are read through mmap, never whole.
"""
import bisect
import mmap
import struct

MAX_SYMBOLS = 2000000          # symbols kept per file
MAX_DEBUGDATA = 64 << 20       # decompressed .gnu_debugdata
SHT_SYMTAB, SHT_DYNSYM, SHT_NOBITS = 2, 11, 8
STT_FUNC, STT_GNU_IFUNC = 2, 10
SHN_UNDEF, SHN_ABS = 0, 0xfff1
PT_LOAD = 1

# (class, data) -> (header, section header, program header, symbol) struct formats
_HEADER = {1: "16sHHIIIIIHHHHHH", 2: "16sHHIQQQIHHHHHH"}
_SHDR = {1: "IIIIIIIIII", 2: "IIQQQQIIQQ"}
_PHDR = {1: "IIIIIIII", 2: "IIQQQQQQ"}
_SYM = {1: "IIIBBH", 2: "IBBHQQ"}


class ElfError(Exception):
    pass


class Section(object):
    __slots__ = ("name", "type", "addr", "offset", "size", "link", "entsize")

    def __init__(self, name, type_, addr, offset, size, link, entsize):
        self.name, self.type, self.addr, self.offset = name, type_, addr, offset
        self.size, self.link, self.entsize = size, link, entsize


class Segment(object):
    __slots__ = ("type", "offset", "vaddr", "filesz", "memsz", "flags")

    def __init__(self, type_, offset, vaddr, filesz, memsz, flags):
        self.type, self.offset, self.vaddr = type_, offset, vaddr
        self.filesz, self.memsz, self.flags = filesz, memsz, flags


class Elf(object):
    """One ELF image, from a file (path) or from bytes (a decompressed .gnu_debugdata)."""

    def __init__(self, data, name="?"):
        self.data = data
        self.name = name
        self.size = len(data)
        if self.size < 64 or data[:4] != b"\x7fELF":
            raise ElfError("%s: not an ELF file" % name)
        self.bits = {1: 32, 2: 64}.get(data[4])
        order = {1: "<", 2: ">"}.get(data[5])
        if self.bits is None or order is None:
            raise ElfError("%s: unknown ELF class or byte order" % name)
        cls = data[4]
        self.order = order
        self.word = 4 if cls == 1 else 8
        hdr = self._unpack(order + _HEADER[cls], 0)
        (_, self.type, self.machine, _, self.entry, phoff, shoff, _, _, phentsize, phnum,
         shentsize, shnum, shstrndx) = hdr
        self._shdr = struct.Struct(order + _SHDR[cls])
        self._phdr = struct.Struct(order + _PHDR[cls])
        self._sym = struct.Struct(order + _SYM[cls])
        self.cls = cls
        self.segments = self._segments(phoff, phentsize, phnum)
        self.sections = self._sections(shoff, shentsize, shnum, shstrndx)
        self._symbols = None

    # -- raw access ------------------------------------------------------------------------
    def _unpack(self, fmt, offset):
        size = struct.calcsize(fmt)
        if offset < 0 or offset + size > self.size:
            raise ElfError("%s: truncated at %d" % (self.name, offset))
        return struct.unpack_from(fmt, self.data, offset)

    def bytes_at(self, offset, size):
        if offset < 0 or size < 0 or offset + size > self.size:
            raise ElfError("%s: range %d+%d outside the file" % (self.name, offset, size))
        return self.data[offset:offset + size]

    def _segments(self, phoff, entsize, count):
        out = []
        if not phoff or entsize < self._phdr.size or count > 4096:
            return out
        for i in range(count):
            off = phoff + i * entsize
            if off + self._phdr.size > self.size:
                break
            f = self._phdr.unpack_from(self.data, off)
            if self.cls == 1:
                type_, offset, vaddr, _, filesz, memsz, flags, _ = f
            else:
                type_, flags, offset, vaddr, _, filesz, memsz, _ = f
            out.append(Segment(type_, offset, vaddr, filesz, memsz, flags))
        return out

    def _sections(self, shoff, entsize, count, strndx):
        self.section_list = []
        raw = []
        if not shoff or entsize < self._shdr.size or count > 65536:
            return {}
        for i in range(count):
            off = shoff + i * entsize
            if off + self._shdr.size > self.size:
                break
            f = self._shdr.unpack_from(self.data, off)
            name, type_, _, addr, offset, size, link, _, _, entsz = f
            raw.append((name, type_, addr, offset, size, link, entsz))
        names = raw[strndx] if 0 <= strndx < len(raw) else None
        out = {}
        for name, type_, addr, offset, size, link, entsz in raw:
            text = self._string(names[3], names[4], name) if names else ""
            sec = Section(text, type_, addr, offset, size, link, entsz)
            self.section_list.append(sec)
            out.setdefault(text, sec)
        return out

    def _string(self, table_off, table_size, index):
        if index >= table_size or table_off + index >= self.size:
            return ""
        end = self.data.find(b"\0", table_off + index, min(table_off + table_size, self.size))
        if end < 0:
            return ""
        return self.data[table_off + index:end].decode("utf-8", "replace")

    def section_bytes(self, name):
        """(bytes, address) of a section, or (None, 0)."""
        sec = self.sections.get(name)
        if sec is None or sec.type == SHT_NOBITS:
            return None, 0
        try:
            return self.bytes_at(sec.offset, sec.size), sec.addr
        except ElfError:
            return None, 0

    # -- symbols ---------------------------------------------------------------------------
    def raw_symbols(self, limit):
        """(string table, name index, value, st_info, st_shndx) of the symbols of every SYMTAB
        and DYNSYM section, in section order, at most `limit` per section; every read bounded."""
        for sec in self.section_list:
            if sec.type not in (SHT_SYMTAB, SHT_DYNSYM) or sec.entsize < self._sym.size:
                continue
            if not 0 <= sec.link < len(self.section_list):
                continue
            strtab = self.section_list[sec.link]
            for i in range(min(sec.size // sec.entsize, limit)):
                off = sec.offset + i * sec.entsize
                if off + self._sym.size > self.size:
                    break
                f = self._sym.unpack_from(self.data, off)
                if self.cls == 1:
                    name, value, _, info, _, shndx = f
                else:
                    name, info, _, shndx, value, _ = f
                yield strtab, name, value, info, shndx

    def symbol_name(self, strtab, index):
        return self._string(strtab.offset, strtab.size, index)

    def _load_symbols(self):
        """Function symbols of every SYMTAB/DYNSYM section, in section order: sorted
        addresses, and for each address the first name met (libunwind keeps the first symbol
        of a given distance)."""
        seen = {}
        for strtab, name, value, info, shndx in self.raw_symbols(MAX_SYMBOLS):
            if info & 0xf != STT_FUNC or shndx == SHN_UNDEF or value in seen:
                continue
            text = self.symbol_name(strtab, name)
            if text:
                seen[value] = text
        addrs = sorted(seen)
        return addrs, [seen[a] for a in addrs]

    def symbol(self, vaddr):
        """(name, offset) of the nearest function symbol at or below vaddr, or None."""
        if self._symbols is None:
            self._symbols = self._load_symbols()
        addrs, names = self._symbols
        i = bisect.bisect_right(addrs, vaddr) - 1
        if i < 0:
            return None
        return names[i], vaddr - addrs[i]

    def minidebuginfo(self):
        """The ELF image inside .gnu_debugdata (xz), or None."""
        data, _ = self.section_bytes(".gnu_debugdata")
        if data is None:
            return None
        try:
            import lzma               # an interpreter built without it: no mini debuginfo
        except ImportError:
            return None
        try:
            dec = lzma.LZMADecompressor()
            raw = dec.decompress(bytes(data), MAX_DEBUGDATA)
            return Elf(raw, self.name + "[.gnu_debugdata]")
        except (lzma.LZMAError, ElfError, EOFError, ValueError):
            return None

    # -- where the file is in memory ---------------------------------------------------------
    def load_bias(self, map_start, map_offset):
        """The difference between run-time and link-time addresses for a mapping of this file
        that starts at map_start with file offset map_offset, or None."""
        for seg in self.segments:
            if seg.type != PT_LOAD:
                continue
            page_off = seg.offset & ~0xfff
            if page_off <= map_offset < seg.offset + max(seg.filesz, 1):
                return map_start - map_offset - (seg.vaddr - seg.offset)
        return None


def open_file(path):
    """An Elf over an mmap of the file at path (raises ElfError or OSError)."""
    with open(path, "rb") as f:
        try:
            data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        except ValueError:           # an empty file
            raise ElfError("%s: empty" % path)
    return Elf(data, path)
