"""Named symbols (data objects included, local ones too) of an ELF file, for --py-stack.

minitrace.stack.elf keeps function symbols for -k; here we want a handful of variables
(_PyRuntime, PyCode_Type...) by name, so the symbol tables are scanned once for those names
only. Bounded as elf.py is: entries outside the file end the scan.
"""
from minitrace.stack import elf

MAX_SCAN = 2000000
SHN_UNDEF = 0


def find(image, names):
    """{name: link-time address} for those of `names` defined in .dynsym or .symtab."""
    wanted = set(names)
    found = {}
    for sec in getattr(image, "section_list", ()):
        if sec.type not in (elf.SHT_SYMTAB, elf.SHT_DYNSYM) or sec.entsize < image._sym.size:
            continue
        if not 0 <= sec.link < len(image.section_list):
            continue
        strtab = image.section_list[sec.link]
        count = min(sec.size // sec.entsize, MAX_SCAN)
        for i in range(count):
            off = sec.offset + i * sec.entsize
            if off + image._sym.size > image.size:
                break
            f = image._sym.unpack_from(image.data, off)
            if image.cls == 1:
                name, value, _, _, _, shndx = f
            else:
                name, _, _, shndx, value, _ = f
            if shndx == SHN_UNDEF or not value:
                continue
            text = image._string(strtab.offset, strtab.size, name)
            if text in wanted and text not in found:
                found[text] = value
        if len(found) == len(wanted):
            break
    return found
