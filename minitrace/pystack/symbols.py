"""Named symbols (data objects included, local ones too) of an ELF file, for --py-stack.

minitrace.stack.elf keeps function symbols for -k; here we want a handful of variables
(_PyRuntime, PyCode_Type...) by name, so the symbol tables are scanned once for those names
only. Bounded as elf.py is: entries outside the file end the scan.
"""
MAX_SCAN = 2000000
SHN_UNDEF = 0


def find(image, names):
    """{name: link-time address} for those of `names` defined in .dynsym or .symtab."""
    wanted = set(names)
    found = {}
    for strtab, name, value, _, shndx in image.raw_symbols(MAX_SCAN):
        if shndx == SHN_UNDEF or not value:
            continue
        text = image.symbol_name(strtab, name)
        if text in wanted and text not in found:
            found[text] = value
            if len(found) == len(wanted):
                break
    return found
