"""-k on aarch64, offline: the unwinder walks an aarch64 stop (the registers of an NT_PRSTATUS
regset, decoded by minitrace/arch/aarch64.py; a fake stack) through a real aarch64 ELF
(tests/progs/stack_aarch64.S, built with aarch64-linux-gnu-gcc, never run): its CFI (return
address column x30, the instruction pointer in pc), and libunwind 1.6's aarch64 fallback where
a frame has no CFI or its CFI step fails: the caller's pc is the link register x30, which is
then unknown (not the frame-pointer chain, x86_64's guess)."""
import os
import re
import shutil
import subprocess

import pytest

import tracecmp as tc
from minitrace.arch import aarch64
from minitrace.stack import maps
from minitrace.stack.unwind import Frame, Unwinder

SRC = os.path.join(tc.PROGS, "stack_aarch64.S")
CC = "aarch64-linux-gnu-gcc"
BASE = 0x5500000000          # where the fake process maps the library
SP = 0x7ffffff000            # the stop's stack pointer
PID = 4242


def build():
    exe = os.path.join(tc.BUILD, "stack_aarch64.so")
    if not os.path.exists(exe) or os.path.getmtime(exe) < os.path.getmtime(SRC):
        if shutil.which(CC) is None:
            pytest.fail("%s not found: apt-get install --no-install-recommends "
                        "gcc-aarch64-linux-gnu" % CC)
        if not os.path.isdir(tc.BUILD):
            os.makedirs(tc.BUILD)
        subprocess.check_call([CC, "-nostdlib", "-shared", "-o", exe + ".tmp", SRC])
        os.rename(exe + ".tmp", exe)
    return exe


def symbols(exe):
    """{name: link-time address} of the functions, from binutils' readelf (not our reader)."""
    out = subprocess.check_output(["readelf", "-sW", exe], universal_newlines=True)
    found = {}
    for m in re.finditer(r"^\s*\d+: ([0-9a-f]+)\s+\d+ FUNC\s+GLOBAL\s+\S+\s+\S+\s+(\w+)$", out,
                         re.M):
        found[m.group(2)] = int(m.group(1), 16)
    assert set(found) >= {"outer", "middle", "leaf", "bare", "bare2"}, out
    return found


class FakeMaps(object):
    """The maps of one process: the library's one r-x mapping of its whole first page range."""

    def __init__(self, exe):
        self.table = maps.Table([maps.Mapping(BASE, BASE + 0x10000, True, 0, exe)])

    def of(self, pid):
        return self.table if pid == PID else None

    def invalidate(self):
        pass

    def forget(self, pid):
        pass


class Stack(object):
    """Fake tracee memory: 8-byte little-endian words by address; anything else unreadable."""

    def __init__(self, words):
        self.words = words
        self.reads = []

    def read(self, pid, addr, size):
        self.reads.append(addr)
        if pid != PID or size != 8 or addr not in self.words:
            return None
        return self.words[addr].to_bytes(8, "little")


def stop_values(pc, sp, x29, x30):
    """Registers of the stop as Capture gets them: an aarch64 NT_PRSTATUS regset (272 bytes),
    decoded by the arch module; Regs.values feeds the unwinder."""
    values = dict(("x%d" % n, 0x1000 + n) for n in range(31))
    values.update(x29=x29, x30=x30, sp=sp, pc=pc, pstate=0)
    regs = aarch64.decode(aarch64.LAYOUT64.replace(bytes(aarch64.LAYOUT64.size), values))
    assert regs.abi == "aarch64" and regs.ip == pc and regs.sp == sp
    return regs.values


def walk(words, **regs):
    exe = build()
    memory = Stack(words)
    unwinder = Unwinder(memory.read, "aarch64", maps=FakeMaps(exe))
    return exe, unwinder.walk(PID, stop_values(**regs))


def frames(exe, *calls):
    """The expected frames: (function, offset) in the library mapped at BASE (file offset =
    link-time address: its text is in the first PT_LOAD, at offset 0)."""
    sym = symbols(exe)
    return [Frame(exe, name, off, sym[name] + off) for name, off in calls]


def test_cfi_walk_through_x30_saves():
    """leaf (CFI: x30 untouched) -> middle (x29/x30 saved at CFA-16/-8, CFA = sp+32) ->
    outer (CFA = middle's + 16), whose saved return address 0 ends the stack."""
    exe = build()
    sym = symbols(exe)
    words = {SP + 16: SP + 32, SP + 24: BASE + sym["outer"] + 12,   # middle's frame record
             SP + 32: 0, SP + 40: 0}                                # outer's: the end
    _, got = walk(words, pc=BASE + sym["leaf"] + 8, sp=SP, x29=SP + 16,
                  x30=BASE + sym["middle"] + 16)
    assert got == frames(exe, ("leaf", 8), ("middle", 16), ("outer", 12))


def test_no_cfi_takes_the_link_register_not_the_frame_chain():
    """bare has no CFI: its caller is x30 (middle+20), then middle's CFI goes on from the same
    sp. The frame-pointer chain (x29 -> middle's record) would have skipped middle."""
    exe = build()
    sym = symbols(exe)
    words = {SP + 16: SP + 32, SP + 24: BASE + sym["outer"] + 12, SP + 32: 0, SP + 40: 0}
    _, got = walk(words, pc=BASE + sym["bare"] + 8, sp=SP, x29=SP + 16,
                  x30=BASE + sym["middle"] + 20)
    assert got == frames(exe, ("bare", 8), ("middle", 20), ("outer", 12))


def test_two_frames_without_cfi_end_the_stack():
    """bare called by bare2, neither with CFI: x30 gives bare2, after which the link register
    is unknown and the walk ends, although bare2's frame record leads on to middle."""
    exe = build()
    sym = symbols(exe)
    words = {SP: SP + 16, SP + 8: BASE + sym["middle"] + 20,          # bare2's frame record
             SP + 16: SP + 48, SP + 24: BASE + sym["outer"] + 12}
    _, got = walk(words, pc=BASE + sym["bare"] + 8, sp=SP, x29=SP,
                  x30=BASE + sym["bare2"] + 12)
    assert got == frames(exe, ("bare", 8), ("bare2", 12))


def test_failed_cfi_step_falls_back_to_the_link_register():
    """middle's saved x30 cannot be read: its CFI step fails, and libunwind's aarch64 unw_step
    takes x30 as it is in middle's frame (leaf left it alone: middle+16 again), then ends."""
    exe = build()
    sym = symbols(exe)
    _, got = walk({}, pc=BASE + sym["leaf"] + 8, sp=SP, x29=SP + 16,
                  x30=BASE + sym["middle"] + 16)
    assert got == frames(exe, ("leaf", 8), ("middle", 16), ("middle", 16))


def test_pc_outside_any_mapping():
    exe, got = walk({}, pc=0x1234, sp=SP, x29=0, x30=0)
    assert got == [Frame(None, "unexpected_backtracing_error", 0, 0x1234)]
