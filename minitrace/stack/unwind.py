"""The stack of a stopped tracee, as strace -k (built with libunwind) prints it.

From the registers of the stop (PTRACE_GETREGSET), frame by frame: the mapping of the
instruction pointer (maps.py), its file's nearest function symbol (elf.py), then one step of
DWARF CFI (cfi.py) through the tracee's memory to the caller's registers; without CFI for an
address, libunwind's guess for the ABI (ABIS "no_cfi"): the frame-pointer chain on x86_64, the
link register on aarch64. At most 256 frames. Files are
parsed once per (device, inode, mtime) and kept in a small cache. Never raises: a frame that
cannot be stepped ends the stack.
"""
import os
import struct
from collections import OrderedDict, namedtuple

from minitrace.stack import cfi, elf, maps as _maps

MAX_FRAMES = 256
FILE_CACHE = 64
ET_EXEC, PT_DYNAMIC = 2, 2

# path None: an error line, its text in `symbol` and the address (0: none) in `file_offset`
Frame = namedtuple("Frame", "path symbol offset file_offset")


def frame_line(f):
    """strace's text of one frame (unwind.c's formats)."""
    if f.path is None:
        if f.file_offset:
            return " > %s [0x%x]" % (f.symbol, f.file_offset)
        return " > %s" % f.symbol
    if f.symbol is not None:      # "": a stack held from the entry (Capture.held)
        return " > %s(%s+0x%x) [0x%x]" % (f.path, f.symbol, f.offset, f.file_offset)
    return " > %s() [0x%x]" % (f.path, f.file_offset)

# The DWARF register numbers of each ABI whose unwinding is supported, as data: names in DWARF
# order (the ABI's psABI; the register names are the keys of the arch module's Regs.values),
# "ip" the column that holds a frame's instruction pointer (x86_64: the return-address column
# rip; aarch64: pc, 32, distinct from its CIEs' return-address column x30), the stack and frame
# pointers, the link register where the ABI has one, and what libunwind (1.6) does for an
# address without CFI ("no_cfi", a method of Unwinder):
#   frame_chain    x86_64: the caller's frame pointer and return address from the frame record
#                  the frame pointer points at (Gstep.c's guess);
#   link_register  aarch64: the caller's pc is the link register x30, x30 itself becomes unknown
#                  (so a second frame without CFI ends the stack), sp and the CFA are kept.
# "after_error": the guess taken when a frame has CFI but its step fails (a register or a word
# of the stack that cannot be read): aarch64's unw_step falls back to the link register for any
# failed dwarf_step; on x86_64 such a stack ends there (minitrace's behaviour before aarch64).
ABIS = {
    "x86_64": {"names": ("rax", "rdx", "rcx", "rbx", "rsi", "rdi", "rbp", "rsp", "r8", "r9",
                         "r10", "r11", "r12", "r13", "r14", "r15", "rip"),
               "ip": 16, "sp": 7, "fp": 6, "lr": None, "word": 8, "no_cfi": "frame_chain",
               "after_error": None},
    "aarch64": {"names": tuple("x%d" % n for n in range(31)) + ("sp", "pc"),
                "ip": 32, "sp": 31, "fp": 29, "lr": 30, "word": 8, "no_cfi": "link_register",
                "after_error": "link_register"},
}


class _Failed(Exception):
    """A CFI step that cannot be completed (libunwind's dwarf_step < 0)."""


class FileInfo(object):
    """One mapped file: its Elf, its frame tables, its mini debuginfo (loaded when needed)."""

    def __init__(self, image):
        self.elf = image
        self._tables = None
        self._mdi = False

    def tables(self):
        if self._tables is None:
            self._tables = []
            e = self.elf
            if e.type == ET_EXEC and not any(seg.type == PT_DYNAMIC for seg in e.segments):
                # libunwind (1.6, what strace -k is built with) finds no CFI in a non-PIE
                # static executable and walks it by the frame-pointer chain: so do we
                return self._tables
            word = 8 if e.bits == 64 else 4
            data, addr = e.section_bytes(".eh_frame")
            if data is not None:
                hdr, hdr_addr = e.section_bytes(".eh_frame_hdr")
                try:
                    self._tables.append(cfi.FrameTable(data, addr, e.order, word, True, hdr,
                                                       hdr_addr))
                except cfi.CfiError:
                    pass
            data, addr = e.section_bytes(".debug_frame")
            if data is not None:
                try:
                    self._tables.append(cfi.FrameTable(data, addr, e.order, word, False))
                except cfi.CfiError:
                    pass
        return self._tables

    def fde(self, pc):
        for table in self.tables():
            found = table.find(pc)
            if found is not None:
                return table, found
        return None, None

    def symbol(self, vaddr):
        sym = self.elf.symbol(vaddr)
        if sym is None:
            if self._mdi is False:
                self._mdi = self.elf.minidebuginfo()
            if self._mdi is not None:
                sym = self._mdi.symbol(vaddr)
        return sym


class Files(object):
    """FileInfo by path, cached by (device, inode, mtime); a bounded LRU."""

    def __init__(self, size=FILE_CACHE):
        self.size = size
        self.cache = OrderedDict()

    def get(self, path):
        try:
            st = os.stat(path)
        except (OSError, ValueError):
            return None
        key = (st.st_dev, st.st_ino, getattr(st, "st_mtime_ns", st.st_mtime))
        info = self.cache.get(key)
        if info is not None:
            self.cache.move_to_end(key)
            return info
        try:
            info = FileInfo(elf.open_file(path))
        except (OSError, elf.ElfError, ValueError):
            info = None
        self.cache[key] = info
        while len(self.cache) > self.size:
            self.cache.popitem(last=False)
        return info


class Unwinder(object):
    """walk(pid, regs) -> the stack lines strace -k prints for that stop."""

    def __init__(self, read_memory, abi="x86_64", limit=MAX_FRAMES, maps=None, files=None):
        self.read_memory = read_memory      # (pid, addr, size) -> bytes or None
        self.spec = ABIS[abi]
        self.limit = limit
        self.files = files or Files()       # shared with --py-stack when both are on
        self.maps = maps or _maps.Maps()
        fmt = "<Q" if self.spec["word"] == 8 else "<I"
        self._word = struct.Struct(fmt)

    def invalidate(self):
        """A call that changes mappings returned (strace's mmap_notify_report)."""
        self.maps.invalidate()

    def forget(self, pid):
        self.maps.forget(pid)

    def walk(self, pid, values):
        """values: {register name: int} of the stop. Returns the frames, innermost first:
        Frame(path, symbol or None, offset in the symbol, offset in the file), then maybe one
        Frame(None, error text, 0, address) (strace's error lines)."""
        spec = self.spec
        regs = {}
        for n, name in enumerate(spec["names"]):
            if name in values:
                regs[n] = values[name]
        table = self.maps.of(pid)
        if table is None:
            return []
        lines = []
        prev = False                # libunwind's use_prev_instr: look up ip - 1, not ip
        depth = 0
        cfa = regs.get(spec["sp"], 0)
        while depth < self.limit:
            ip = regs.get(spec["ip"])
            if ip is None:
                break
            m = table.find(ip)
            if m is None or not m.executable:
                if ip:
                    lines.append(Frame(None, "unexpected_backtracing_error", 0, ip))
                break
            info = self.files.get(m.path) if m.path.startswith("/") else None
            bias = info.elf.load_bias(m.start, m.offset) if info is not None else None
            true_offset = ip - m.start + m.offset
            # a caller's frame is looked up at its call instruction (ip - 1), as libunwind
            # does, and its offset counted from ip: `main+0xfe` for a call to exit() at the
            # very end of main, not the next symbol (not for the stop's own frame, nor after
            # a signal frame)
            pc = ip - 1 if prev else ip
            sym = info.symbol(pc - bias) if bias is not None else None
            lines.append(Frame(m.path, sym[0] if sym else None,
                               (sym[1] + ip - pc) if sym else 0, true_offset))
            depth += 1
            step = self._step(pid, regs, cfa, info, bias, pc, prev)
            if step is None:
                break
            regs, cfa, prev = step
        if depth >= self.limit:
            lines.append(Frame(None, "too many stack frames", 0, 0))
        return lines

    # -- one step --------------------------------------------------------------------------
    def _read_word(self, pid, addr):
        if addr < 0:
            return None
        data = self.read_memory(pid, addr, self._word.size)
        if data is None or len(data) < self._word.size:
            return None
        return self._word.unpack(data)[0]

    def _step(self, pid, regs, cfa, info, bias, pc, prev):
        """(caller's registers, its CFA, whether the caller is looked up at ip - 1) or None at
        the end of the stack. `cfa`: this frame's CFA (the stack pointer, for the first
        frame); `prev`: how this frame was looked up."""
        spec = self.spec
        ra = spec["ip"]
        table = fde = None
        if info is not None and bias is not None:
            table, fde = info.fde(pc - bias)
        if fde is None:
            return getattr(self, "_" + spec["no_cfi"])(pid, regs, cfa, prev)
        read = lambda addr: self._read_word(pid, addr)
        try:
            rules = cfi.rules_at(table, fde, pc - bias)
            if rules.cfa_expr is not None:
                cfa = cfi.evaluate(rules.cfa_expr, regs, read)
            else:
                if rules.cfa_reg not in regs:
                    raise _Failed()
                cfa = (regs[rules.cfa_reg] + rules.cfa_off) & ((1 << 64) - 1)
            new = dict(regs)
            new[spec["sp"]] = cfa
            for reg, (kind, value) in rules.regs.items():
                if kind == cfi.UNDEFINED:
                    if reg == fde.cie.ra:
                        return None                   # the outermost frame (_start)
                    new.pop(reg, None)
                elif kind == cfi.SAME:
                    pass
                elif kind == cfi.OFFSET:
                    v = read(cfa + value)
                    if v is None:
                        raise _Failed()
                    new[reg] = v
                elif kind == cfi.VAL_OFFSET:
                    new[reg] = cfa + value
                elif kind == cfi.REGISTER:
                    if value not in regs:
                        raise _Failed()
                    new[reg] = regs[value]
                elif kind == cfi.EXPRESSION:
                    v = read(cfi.evaluate(value, regs, read, cfa))
                    if v is None:
                        raise _Failed()
                    new[reg] = v
                elif kind == cfi.VAL_EXPRESSION:
                    new[reg] = cfi.evaluate(value, regs, read, cfa)
            if fde.cie.ra != ra:
                new[ra] = new.get(fde.cie.ra)
            elif ra not in rules.regs:
                return None
        except (cfi.CfiError, _Failed):
            # dwarf_step failed (not: ended the stack): libunwind guesses where the ABI says so
            guess = spec["after_error"]
            return getattr(self, "_" + guess)(pid, regs, cfa, prev) if guess else None
        if not new.get(ra) or spec["fp"] not in new:
            return None
        return new, cfa, not fde.cie.signal

    def _frame_chain(self, pid, regs, cfa, prev):
        """No CFI for this address: libunwind's guess on x86_64, the frame-pointer chain, taken
        only when the frame pointer lies just above this frame's CFA (within 16 KiB); the
        caller's CFA is then this one plus two words, its stack pointer unknown."""
        spec = self.spec
        fp = regs.get(spec["fp"])
        if not fp or fp < cfa or fp - cfa > 0x4000:
            return None
        saved_fp = self._read_word(pid, fp)
        ra = self._read_word(pid, fp + spec["word"])
        if saved_fp is None or not ra:
            return None
        new = {spec["fp"]: saved_fp, spec["ip"]: ra}
        return new, cfa + 2 * spec["word"], True

    def _link_register(self, pid, regs, cfa, prev):
        """No CFI for this address: libunwind 1.6's fallback on aarch64 (Gstep.c, after
        dwarf_step fails): the caller's pc is the link register, which is then unknown (a
        caller without CFI either ends the stack); every other register, the stack pointer and
        the CFA are kept, and so is how frames are looked up (no CFI was read to change it)."""
        spec = self.spec
        lr = regs.get(spec["lr"])
        if not lr:
            return None
        new = dict(regs)
        del new[spec["lr"]]
        new[spec["ip"]] = lr
        return new, cfa, prev
