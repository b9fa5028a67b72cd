"""CPython line tables: the line of a byte offset into a code object's bytecode.

Three formats, chosen by name (layouts.py's "line_table" of each version):
- "lnotab" (3.6-3.9, co_lnotab): pairs (bytecode increment, signed line increment); the line
  of an offset is the line reached before the first pair whose address passes it.
- "linetable310" (3.10, co_linetable): pairs (bytecode length, signed line delta); each pair is
  a range of that many bytes at the line reached, -128 meaning "no line".
- "locations311" (3.11+, co_linetable): entries each starting with a byte whose top bit is set,
  `1 cccc lll`: code c, a range of lll+1 code units (2 bytes each); code 15 "no location",
  14 long form and 13 "no column" begin with a signed varint line delta, 10-12 a one-line form
  of delta c-10, 0-9 the same line. Varints are 6-bit groups, least significant first, with
  0x40 as "more"; a signed varint keeps its sign in the lowest bit.

Every decoder is bounded by its table's length and returns None for "no line"; a negative
offset (a frame not started) is the first line, as CPython answers.
"""


def lnotab(table, firstlineno, offset):
    line = firstlineno
    addr = 0
    for i in range(0, len(table) - 1, 2):
        addr += table[i]
        if addr > offset:
            break
        delta = table[i + 1]
        line += delta - 256 if delta >= 128 else delta
    return line


def linetable310(table, firstlineno, offset):
    if offset < 0:
        return firstlineno
    line = firstlineno
    end = 0
    for i in range(0, len(table) - 1, 2):
        start = end
        end += table[i]
        delta = table[i + 1]
        if delta == 128:              # -128: no line for this range
            current = None
        else:
            line += delta - 256 if delta >= 128 else delta
            current = line
        if start <= offset < end:
            return current
    return None


def _varint(table, pos):
    """The unsigned varint at pos, or None if the table ends inside it (or it runs past 60
    bits: not a table CPython wrote)."""
    n = len(table)
    if pos >= n:
        return None
    byte = table[pos]
    value = byte & 63
    shift = 0
    while byte & 64:
        pos += 1
        shift += 6
        if pos >= n or shift > 60:
            return None
        byte = table[pos]
        value |= (byte & 63) << shift
    return value


def _signed_varint(table, pos):
    value = _varint(table, pos)
    if value is None:
        return None
    return -(value >> 1) if value & 1 else value >> 1


NO_LOCATION, LONG, NO_COLUMNS = 15, 14, 13
ONE_LINE = {10: 0, 11: 1, 12: 2}


def locations311(table, firstlineno, offset):
    if offset < 0:
        return firstlineno
    line = firstlineno
    end = 0
    pos = 0
    n = len(table)
    while pos < n:
        head = table[pos]
        if not head & 128:            # not at an entry's first byte: a torn or foreign table
            return None
        code = (head >> 3) & 15
        if code in (LONG, NO_COLUMNS):
            delta = _signed_varint(table, pos + 1)
            if delta is None:         # cut short: a torn read
                return None
            line += delta
        else:
            line += ONE_LINE.get(code, 0)
        start = end
        end += ((head & 7) + 1) * 2
        if start <= offset < end:
            return None if code == NO_LOCATION else line
        pos += 1
        while pos < n and not table[pos] & 128:
            pos += 1
    return None


DECODERS = {"lnotab": lnotab, "linetable310": linetable310, "locations311": locations311}


def line_of(fmt, table, firstlineno, offset):
    """The line at byte `offset` of a code object whose table (bytes) has format `fmt`."""
    table = bytearray(table)
    return DECODERS[fmt](table, firstlineno, offset)
