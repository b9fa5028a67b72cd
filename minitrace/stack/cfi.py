"""DWARF call frame information (.eh_frame, .eh_frame_hdr, .debug_frame): find the FDE of an
address and run its CIE's and its own instructions up to that address, giving the rule of the
CFA and of each register (DWARF 4, section 6.4; the .eh_frame pointer encodings of the LSB).
Also the DWARF expression machine those rules may use. Pure functions over bytes: every read is
bounded, every loop has a step limit, and malformed data gives CfiError.
"""
import bisect
import struct

MAX_STEPS = 10000          # CFA instructions or expression operations per evaluation
MAX_STACK = 64             # DWARF expression stack depth; remember_state depth


class CfiError(Exception):
    pass


# register rules
UNDEFINED, SAME, OFFSET, VAL_OFFSET, REGISTER, EXPRESSION, VAL_EXPRESSION = range(7)


class Reader(object):
    """Bounded little/big-endian reads from bytes, with the DWARF variable-length numbers."""

    __slots__ = ("data", "pos", "end", "order", "word")

    def __init__(self, data, pos, end, order, word):
        self.data, self.pos, self.end, self.order, self.word = data, pos, end, order, word

    def take(self, fmt):
        size = struct.calcsize(fmt)
        if self.pos + size > self.end:
            raise CfiError("read past the end")
        v = struct.unpack_from(self.order + fmt, self.data, self.pos)[0]
        self.pos += size
        return v

    def _leb(self, signed):
        result = shift = 0
        while True:
            if self.pos >= self.end or shift > 70:
                raise CfiError("bad LEB128")
            b = self.data[self.pos]
            self.pos += 1
            result |= (b & 0x7f) << shift
            shift += 7
            if not b & 0x80:
                break
        if signed and b & 0x40:
            result -= 1 << shift
        return result

    def uleb(self):
        return self._leb(False)

    def sleb(self):
        return self._leb(True)

    def cstring(self):
        end = self.data.find(b"\0", self.pos, self.end)
        if end < 0:
            raise CfiError("unterminated string")
        s = bytes(self.data[self.pos:end])
        self.pos = end + 1
        return s

    def encoded(self, enc, base):
        """A pointer in DW_EH_PE encoding `enc`; base: {"pc": address of this field, "data":
        .eh_frame_hdr address, "text": 0}."""
        if enc == 0xff:
            return None
        here = base["pc"] + self.pos
        fmt = enc & 0x0f
        if fmt == 0x00:
            v = self.take("Q" if self.word == 8 else "I")
        elif fmt == 0x01:
            v = self.uleb()
        elif fmt == 0x02:
            v = self.take("H")
        elif fmt == 0x03:
            v = self.take("I")
        elif fmt == 0x04:
            v = self.take("Q")
        elif fmt == 0x09:
            v = self.sleb()
        elif fmt == 0x0a:
            v = self.take("h")
        elif fmt == 0x0b:
            v = self.take("i")
        elif fmt == 0x0c:
            v = self.take("q")
        else:
            raise CfiError("pointer encoding 0x%x" % enc)
        app = enc & 0x70
        if app == 0x10:
            v += here
        elif app == 0x30:
            v += base.get("data", 0)
        elif app not in (0x00, 0x20, 0x40):
            raise CfiError("pointer application 0x%x" % enc)
        if enc & 0x80:
            raise CfiError("indirect pointers are not followed")
        return v & ((1 << (8 * self.word)) - 1)


class Cie(object):
    __slots__ = ("code_align", "data_align", "ra", "enc", "signal", "instructions", "z")


class Fde(object):
    __slots__ = ("cie", "pc_begin", "pc_end", "start", "end")


class FrameTable(object):
    """The FDEs of one section (.eh_frame or .debug_frame) of one file, found by address.
    `addr` is the section's link-time address (pcrel pointers are relative to it)."""

    def __init__(self, data, addr, order, word, is_eh=True, hdr=None, hdr_addr=0):
        self.data, self.addr, self.order, self.word = data, addr, order, word
        self.is_eh = is_eh
        self.cies = {}
        self.index = None          # sorted [(pc_begin, fde offset)]
        if hdr is not None:
            try:
                self.index = self._hdr_index(hdr, hdr_addr)
            except CfiError:
                self.index = None
        if self.index is None:
            self.index = self._scan()
        self.starts = [pc for pc, _ in self.index]

    # -- indexing --------------------------------------------------------------------------
    def _hdr_index(self, hdr, hdr_addr):
        r = Reader(hdr, 0, len(hdr), self.order, self.word)
        if r.take("B") != 1:
            raise CfiError("eh_frame_hdr version")
        ptr_enc, count_enc, table_enc = r.take("B"), r.take("B"), r.take("B")
        base = {"pc": hdr_addr, "data": hdr_addr}
        r.encoded(ptr_enc, base)
        count = r.encoded(count_enc, base)
        if count is None or table_enc == 0xff or count > len(hdr):
            raise CfiError("no table")
        out = []
        for _ in range(count):
            pc = r.encoded(table_enc, base)
            fde = r.encoded(table_enc, base)
            off = fde - self.addr
            if not 0 <= off < len(self.data):
                raise CfiError("FDE outside .eh_frame")
            out.append((pc, off))
        out.sort()
        return out

    def _scan(self):
        out = []
        pos = 0
        n = 0
        while pos + 4 <= len(self.data) and n < 1000000:
            n += 1
            length, body, nxt = self._entry_bounds(pos)
            if length == 0:
                if self.is_eh:
                    break
                pos = nxt
                continue
            try:
                fde = self._fde_at(pos)
            except CfiError:
                fde = None
            if fde is not None:
                out.append((fde.pc_begin, pos))
            pos = nxt
        out.sort()
        return out

    def _entry_bounds(self, pos):
        r = Reader(self.data, pos, len(self.data), self.order, self.word)
        length = r.take("I")
        if length == 0xffffffff:
            length = r.take("Q")
        body = r.pos
        nxt = body + length
        if nxt > len(self.data):
            raise CfiError("entry past the section")
        return length, body, nxt

    # -- entries ---------------------------------------------------------------------------
    def _cie_at(self, pos):
        cie = self.cies.get(pos)
        if cie is not None:
            return cie
        length, body, nxt = self._entry_bounds(pos)
        r = Reader(self.data, body, nxt, self.order, self.word)
        cie_id = r.take("I") if (nxt - body) < (1 << 32) else r.take("Q")
        if cie_id != (0 if self.is_eh else 0xffffffff):
            raise CfiError("not a CIE")
        version = r.take("B")
        aug = r.cstring()
        if self.is_eh and version not in (1, 3):
            raise CfiError("CIE version %d" % version)
        if not self.is_eh and version >= 4:
            r.take("B")            # address size
            r.take("B")            # segment size
        cie = Cie()
        cie.code_align = r.uleb()
        cie.data_align = r.sleb()
        cie.ra = r.take("B") if version == 1 else r.uleb()
        cie.enc = 0x00
        cie.signal = False
        cie.z = aug.startswith(b"z")
        if cie.z:
            alen = r.uleb()
            aend = r.pos + alen
            base = {"pc": self.addr}
            for ch in aug[1:]:
                c = chr(ch)
                if c == "R":
                    cie.enc = r.take("B")
                elif c == "P":
                    enc = r.take("B")
                    r.encoded(enc & 0x7f, base)       # personality: not needed
                elif c == "L":
                    r.take("B")
                elif c == "S":
                    cie.signal = True
                elif c in "B":
                    pass
                else:
                    break
            r.pos = aend
        elif aug not in (b"",):
            if aug == b"eh":
                r.take("Q" if self.word == 8 else "I")
            else:
                raise CfiError("augmentation %r" % aug)
        cie.instructions = (r.pos, nxt)
        self.cies[pos] = cie
        return cie

    def _fde_at(self, pos):
        length, body, nxt = self._entry_bounds(pos)
        r = Reader(self.data, body, nxt, self.order, self.word)
        ptr_pos = r.pos
        cie_ptr = r.take("I")
        if self.is_eh:
            if cie_ptr == 0:
                return None
            cie = self._cie_at(ptr_pos - cie_ptr)
        else:
            if cie_ptr == 0xffffffff:
                return None
            cie = self._cie_at(cie_ptr)
        base = {"pc": self.addr}
        begin = r.encoded(cie.enc, base)
        size = r.encoded(cie.enc & 0x0f, base)
        if begin is None or size is None:
            raise CfiError("FDE without a range")
        if cie.z:
            alen = r.uleb()
            r.pos += alen
        fde = Fde()
        fde.cie, fde.pc_begin, fde.pc_end = cie, begin, begin + size
        fde.start, fde.end = r.pos, nxt
        return fde

    def find(self, pc):
        """The FDE covering link-time address pc, or None."""
        i = bisect.bisect_right(self.starts, pc) - 1
        if i < 0:
            return None
        try:
            fde = self._fde_at(self.index[i][1])
        except CfiError:
            return None
        if fde is None or not fde.pc_begin <= pc < fde.pc_end:
            return None
        return fde


class Rules(object):
    """The CFA rule and the register rules at one address."""

    __slots__ = ("cfa_reg", "cfa_off", "cfa_expr", "regs")

    def __init__(self):
        self.cfa_reg = None
        self.cfa_off = 0
        self.cfa_expr = None
        self.regs = {}

    def copy(self):
        r = Rules()
        r.cfa_reg, r.cfa_off, r.cfa_expr = self.cfa_reg, self.cfa_off, self.cfa_expr
        r.regs = dict(self.regs)
        return r


def rules_at(table, fde, pc):
    """Run the CIE's initial instructions, then the FDE's up to pc; return Rules."""
    cie = fde.cie
    rules = Rules()
    steps = [0]
    _run(table, cie, cie.instructions[0], cie.instructions[1], rules, None, fde.pc_begin,
         pc, steps)
    initial = rules.copy()
    _run(table, cie, fde.start, fde.end, rules, initial, fde.pc_begin, pc, steps)
    return rules


def _run(table, cie, start, end, rules, initial, loc, pc, steps):
    r = Reader(table.data, start, end, table.order, table.word)
    stack = []
    while r.pos < end:
        steps[0] += 1
        if steps[0] > MAX_STEPS:
            raise CfiError("too many CFA instructions")
        op = r.take("B")
        high, low = op & 0xc0, op & 0x3f
        if high == 0x40:                                  # advance_loc
            loc += low * cie.code_align
            if loc > pc:
                return
            continue
        if high == 0x80:                                  # offset
            rules.regs[low] = (OFFSET, r.uleb() * cie.data_align)
            continue
        if high == 0xc0:                                  # restore
            _restore(rules, initial, low)
            continue
        if op == 0x00:
            continue
        if op == 0x01:                                    # set_loc
            loc = r.encoded(cie.enc, {"pc": table.addr})
            if loc > pc:
                return
        elif op in (0x02, 0x03, 0x04):                     # advance_loc1/2/4
            loc += r.take({2: "B", 3: "H", 4: "I"}[op]) * cie.code_align
            if loc > pc:
                return
        elif op == 0x05:                                  # offset_extended
            reg = r.uleb()
            rules.regs[reg] = (OFFSET, r.uleb() * cie.data_align)
        elif op == 0x06:                                  # restore_extended
            _restore(rules, initial, r.uleb())
        elif op == 0x07:                                  # undefined
            rules.regs[r.uleb()] = (UNDEFINED, 0)
        elif op == 0x08:                                  # same_value
            rules.regs[r.uleb()] = (SAME, 0)
        elif op == 0x09:                                  # register
            reg = r.uleb()
            rules.regs[reg] = (REGISTER, r.uleb())
        elif op == 0x0a:                                  # remember_state
            if len(stack) >= MAX_STACK:
                raise CfiError("remember_state too deep")
            stack.append(rules.copy())
        elif op == 0x0b:                                  # restore_state
            if not stack:
                raise CfiError("restore_state without remember_state")
            saved = stack.pop()
            rules.cfa_reg, rules.cfa_off, rules.cfa_expr = saved.cfa_reg, saved.cfa_off, saved.cfa_expr
            rules.regs = saved.regs
        elif op == 0x0c:                                  # def_cfa
            rules.cfa_reg = r.uleb()
            rules.cfa_off = r.uleb()
            rules.cfa_expr = None
        elif op == 0x0d:                                  # def_cfa_register
            rules.cfa_reg = r.uleb()
            rules.cfa_expr = None
        elif op == 0x0e:                                  # def_cfa_offset
            rules.cfa_off = r.uleb()
        elif op == 0x0f:                                  # def_cfa_expression
            n = r.uleb()
            rules.cfa_expr = _block(r, n)
        elif op in (0x10, 0x16):                          # expression, val_expression
            reg = r.uleb()
            n = r.uleb()
            rules.regs[reg] = (EXPRESSION if op == 0x10 else VAL_EXPRESSION, _block(r, n))
        elif op == 0x11:                                  # offset_extended_sf
            reg = r.uleb()
            rules.regs[reg] = (OFFSET, r.sleb() * cie.data_align)
        elif op == 0x12:                                  # def_cfa_sf
            rules.cfa_reg = r.uleb()
            rules.cfa_off = r.sleb() * cie.data_align
            rules.cfa_expr = None
        elif op == 0x13:                                  # def_cfa_offset_sf
            rules.cfa_off = r.sleb() * cie.data_align
        elif op == 0x14:                                  # val_offset
            reg = r.uleb()
            rules.regs[reg] = (VAL_OFFSET, r.uleb() * cie.data_align)
        elif op == 0x15:                                  # val_offset_sf
            reg = r.uleb()
            rules.regs[reg] = (VAL_OFFSET, r.sleb() * cie.data_align)
        elif op == 0x2e:                                  # GNU_args_size
            r.uleb()
        elif op == 0x2f:                                  # GNU_negative_offset_extended
            reg = r.uleb()
            rules.regs[reg] = (OFFSET, -r.uleb() * cie.data_align)
        else:
            raise CfiError("CFA instruction 0x%x" % op)


def _restore(rules, initial, reg):
    if initial is not None and reg in initial.regs:
        rules.regs[reg] = initial.regs[reg]
    else:
        rules.regs.pop(reg, None)


def _block(r, n):
    if r.pos + n > r.end:
        raise CfiError("expression past the end")
    block = (r.data, r.pos, r.pos + n, r.order, r.word)
    r.pos += n
    return block


def evaluate(block, regs, read_word, push=None):
    """Run a DWARF expression; regs: {dwarf regno: value}; read_word(addr) -> int or None.
    `push` is pushed first (the CFA, for register rules). Returns the top of the stack."""
    data, start, end, order, word = block
    r = Reader(data, start, end, order, word)
    mask = (1 << (8 * word)) - 1
    stack = [] if push is None else [push]
    steps = 0
    while r.pos < end:
        steps += 1
        if steps > MAX_STEPS or len(stack) > MAX_STACK:
            raise CfiError("expression too long")
        op = r.take("B")
        if 0x30 <= op <= 0x4f:                            # lit0..31
            stack.append(op - 0x30)
        elif 0x50 <= op <= 0x6f:                          # reg0..31
            stack.append(_reg(regs, op - 0x50))
        elif 0x70 <= op <= 0x8f:                          # breg0..31
            stack.append((_reg(regs, op - 0x70) + r.sleb()) & mask)
        elif op in _CONSTS:
            stack.append(r.take(_CONSTS[op]) & mask)
        elif op == 0x10:
            stack.append(r.uleb())
        elif op == 0x11:
            stack.append(r.sleb() & mask)
        elif op == 0x12:
            stack.append(_top(stack))
        elif op == 0x13:
            _pop(stack)
        elif op == 0x14:
            stack.append(_nth(stack, 1))
        elif op == 0x15:
            stack.append(_nth(stack, r.take("B")))
        elif op == 0x16:
            a, b = _pop(stack), _pop(stack)
            stack += [a, b]
        elif op == 0x17:
            a, b, c = _pop(stack), _pop(stack), _pop(stack)
            stack += [a, c, b]
        elif op == 0x06:                                  # deref
            v = read_word(_pop(stack))
            if v is None:
                raise CfiError("unreadable memory")
            stack.append(v)
        elif op == 0x94:                                  # deref_size
            size = r.take("B")
            v = read_word(_pop(stack))
            if v is None:
                raise CfiError("unreadable memory")
            stack.append(v & ((1 << (8 * size)) - 1) if size < 8 else v)
        elif op == 0x23:                                  # plus_uconst
            stack.append((_pop(stack) + r.uleb()) & mask)
        elif op in _BINARY:
            b, a = _pop(stack), _pop(stack)
            stack.append(_BINARY[op](a, b, word) & mask)
        elif op == 0x19:                                  # abs
            v = _signed(_pop(stack), word)
            stack.append(abs(v) & mask)
        elif op == 0x1f:                                  # neg
            stack.append(-_signed(_pop(stack), word) & mask)
        elif op == 0x20:                                  # not
            stack.append(~_pop(stack) & mask)
        elif op == 0x2f:                                  # skip
            off = r.take("h")
            r.pos += off
            if not start <= r.pos <= end:
                raise CfiError("skip outside the expression")
        elif op == 0x28:                                  # bra
            off = r.take("h")
            if _pop(stack):
                r.pos += off
                if not start <= r.pos <= end:
                    raise CfiError("bra outside the expression")
        elif op == 0x90:                                  # regx
            stack.append(_reg(regs, r.uleb()))
        elif op == 0x92:                                  # bregx
            reg = r.uleb()
            stack.append((_reg(regs, reg) + r.sleb()) & mask)
        elif op == 0x96:                                  # nop
            pass
        else:
            raise CfiError("expression operation 0x%x" % op)
    return _top(stack)


def _reg(regs, n):
    v = regs.get(n)
    if v is None:
        raise CfiError("register %d unknown" % n)
    return v


def _pop(stack):
    if not stack:
        raise CfiError("expression stack empty")
    return stack.pop()


def _top(stack):
    if not stack:
        raise CfiError("expression stack empty")
    return stack[-1]


def _nth(stack, n):
    if n >= len(stack):
        raise CfiError("pick past the stack")
    return stack[-1 - n]


def _signed(v, word):
    bits = 8 * word
    return v - (1 << bits) if v >> (bits - 1) else v


_CONSTS = {0x08: "B", 0x09: "b", 0x0a: "H", 0x0b: "h", 0x0c: "I", 0x0d: "i", 0x0e: "Q",
           0x0f: "q"}


def _div(a, b, word):
    if b == 0:
        raise CfiError("division by zero")
    return int(_signed(a, word) / _signed(b, word))


def _mod(a, b, word):
    if b == 0:
        raise CfiError("division by zero")
    return a % b


_BINARY = {
    0x1a: lambda a, b, w: a & b,
    0x1b: _div,
    0x1c: lambda a, b, w: a - b,
    0x1d: _mod,
    0x1e: lambda a, b, w: a * b,
    0x21: lambda a, b, w: a | b,
    0x22: lambda a, b, w: a + b,
    0x24: lambda a, b, w: a << (b & 0x7f),
    0x25: lambda a, b, w: a >> (b & 0x7f),
    0x26: lambda a, b, w: _signed(a, w) >> (b & 0x7f),
    0x27: lambda a, b, w: a ^ b,
    0x29: lambda a, b, w: int(a == b),
    0x2a: lambda a, b, w: int(_signed(a, w) >= _signed(b, w)),
    0x2b: lambda a, b, w: int(_signed(a, w) > _signed(b, w)),
    0x2c: lambda a, b, w: int(_signed(a, w) <= _signed(b, w)),
    0x2d: lambda a, b, w: int(_signed(a, w) < _signed(b, w)),
    0x2e: lambda a, b, w: int(a != b),
}
