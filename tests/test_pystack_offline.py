"""--py-stack without a tracee: the three line-table decoders on our own byte strings and on
the real tables of every pyenv CPython (checked against that interpreter's own answer for each
instruction: dis.findlinestarts, co_lines, co_positions); the frame reader over random and
cyclic memory (never raises, never loops); locate's file-name rule; the generated layouts are
those tools/gen_pyoffsets.py makes from the installed headers."""
import json
import os
import random
import shutil
import struct
import subprocess
import sys

import pytest

import tracecmp as tc
from minitrace.pystack import frame_line, lines, PyFrame
from minitrace.pystack.frames import Reader, MAX_FRAMES
from minitrace.pystack.layouts import LAYOUTS
from minitrace.pystack.linetable import line_of
from minitrace.pystack import locate
from test_pystack import TARGETS


# -- our own tables --------------------------------------------------------------------------
# lnotab: (bytecode increment, signed line increment) pairs; first line 10
LNOTAB = bytes([0, 1, 6, 1, 8, 2, 4, 0xff, 0, 127, 0, 127, 2, 10])
LNOTAB_LINES = {0: 11, 5: 11, 6: 12, 13: 12, 14: 14, 17: 14, 18: 13 + 254, 19: 13 + 254,
                20: 13 + 264, 100: 13 + 264}

# 3.10: (range length, signed line delta or -128) pairs; first line 5
LINETABLE310 = bytes([6, 1, 0, 3, 4, 0, 2, 0x80, 8, 2])
LINETABLE310_LINES = {-1: 5, 0: 6, 5: 6, 6: 9, 9: 9, 10: None, 11: None, 12: 11, 19: 11,
                      20: None}

# 3.11+: entries `1cccclll`; first line 20
LOCATIONS = bytes([
    0xE8, 0x02,                   # no columns (13), 1 unit, line +1          [0, 2)   21
    0x81, 0x05,                   # short form (0), 2 units, same line          [2, 6)   21
    0xD8, 0x03, 0x07,             # one line (11: +1), 1 unit                   [6, 8)   22
    0xFA,                         # no location (15), 3 units                   [8, 14)  -
    0xF0, 0x07, 0x00, 0x01, 0x02,  # long (14), 1 unit, line -3                 [14, 16) 19
    0xF0, 0x48, 0x03, 0x00, 0x01, 0x01,  # long, 1 unit, +100 (two-byte varint)  [16, 18) 119
    0xD7, 0x01, 0x02,             # one line (10: +0), 8 units                  [18, 34) 119
])
LOCATIONS_LINES = {-2: 20, 0: 21, 1: 21, 2: 21, 5: 21, 6: 22, 8: None, 13: None, 14: 19,
                   16: 119, 33: 119, 34: None}


@pytest.mark.parametrize("fmt,table,first,expect", [
    ("lnotab", LNOTAB, 10, LNOTAB_LINES),
    ("linetable310", LINETABLE310, 5, LINETABLE310_LINES),
    ("locations311", LOCATIONS, 20, LOCATIONS_LINES),
])
def test_our_tables(fmt, table, first, expect):
    got = dict((offset, line_of(fmt, table, first, offset)) for offset in expect)
    assert got == expect


def test_torn_tables():
    # a location table read from the middle of an entry, or cut short: no line, no exception
    assert line_of("locations311", LOCATIONS[1:], 20, 0) is None
    assert line_of("locations311", LOCATIONS[:8], 20, 14) is None
    assert line_of("locations311", LOCATIONS[:9], 20, 14) is None   # an entry cut short
    assert line_of("locations311", b"\xf0\x7f", 20, 0) is None    # a varint cut short
    assert line_of("linetable310", LINETABLE310[:3], 5, 6) is None
    assert line_of("lnotab", LNOTAB[:3], 10, 100) == 11
    for fmt in ("lnotab", "linetable310", "locations311"):
        rnd = random.Random(fmt)
        for _ in range(300):
            table = bytes(rnd.randrange(256) for _ in range(rnd.randrange(40)))
            line_of(fmt, table, rnd.randrange(1000), rnd.randrange(-2, 200))


# -- every interpreter's own tables ----------------------------------------------------------
DUMP = r"""
import dis, json, sys, types
first = []
def codes(co):
    yield co
    for c in co.co_consts:
        if isinstance(c, types.CodeType):
            for x in codes(c):
                yield x
out = []
for name in ("argparse", "json.decoder", "textwrap"):
    mod = __import__(name, fromlist=["x"])
    with open(mod.__file__, "rb") as f:
        top = compile(f.read(), mod.__file__, "exec")
    for co in codes(top):
        size = len(co.co_code)
        if sys.version_info < (3, 10):
            starts = list(dis.findlinestarts(co))
            lines = {}
            for off in range(0, size, 2):
                line = co.co_firstlineno
                for start, l in starts:
                    if start <= off:
                        line = l
                lines[off] = line
            table, fmt = co.co_lnotab, "lnotab"
        elif sys.version_info < (3, 11):
            lines = {}
            for s, e, l in co.co_lines():
                for off in range(s, e, 2):
                    lines[off] = l
            table, fmt = co.co_linetable, "linetable310"
        else:
            lines = dict((2 * i, p[0]) for i, p in enumerate(co.co_positions()))
            table, fmt = co.co_linetable, "locations311"
        out.append([fmt, table.hex(), co.co_firstlineno, sorted(lines.items())])
print(json.dumps(out))
"""


@pytest.mark.parametrize("version,python", TARGETS, ids=[v for v, _ in TARGETS])
def test_real_tables(version, python):
    data = json.loads(subprocess.check_output([python, "-c", DUMP], timeout=120).decode())
    assert len(data) > 100
    checked = 0
    for fmt, table, first, expect in data:
        table = bytes.fromhex(table)
        for offset, line in expect:
            assert line_of(fmt, table, first, offset) == line, (fmt, first, offset)
            checked += 1
    assert checked > 5000


# -- the reader over hostile memory ------------------------------------------------------------
class FakeInterp(object):
    def __init__(self, version):
        self.version = version
        self.layout = dict(LAYOUTS[version])
        self.interp_head = 0x10000
        self.code_type, self.str_type, self.bytes_type = 0x20000, 0x20100, 0x20200


def random_memory(seed, size=1 << 14, base=0x10000):
    """read(addr, size) over a region of random words, many of them pointers back into it."""
    rnd = random.Random(seed)
    words = []
    for _ in range(size // 8):
        choice = rnd.randrange(4)
        if choice == 0:
            words.append(base + rnd.randrange(size // 8) * 8)
        elif choice == 1:
            words.append(rnd.choice((0x20000, 0x20100, 0x20200)))
        else:
            words.append(rnd.getrandbits(64))
    mem = b"".join(struct.pack("<Q", w) for w in words)
    calls = [0]

    def read(addr, n):
        calls[0] += 1
        if addr < base or addr >= base + size:
            return None
        return mem[addr - base:addr - base + n]
    return read, calls


@pytest.mark.parametrize("version", sorted(LAYOUTS))
def test_reader_never_raises(version):
    for seed in range(40):
        read, calls = random_memory("%d.%d-%d" % (version + (seed,)))
        reader = Reader(FakeInterp(version), read)
        for tid in (0, 1, 0x10000 + 8 * seed):
            frames = reader.frames(tid, 0x10000 + 8 * seed)
            assert len(frames) <= MAX_FRAMES
        assert calls[0] < 200000


def test_reader_cycle():
    """A frame whose f_back is itself: one frame (if any), then the walk stops."""
    version = (3, 10)
    lay = LAYOUTS[version]
    _, put, read = word_memory()
    interp, ts, frame = 0x11000, 0x12000, 0x13000
    put(0x10000, interp)
    put(interp + lay["interp_threads_head"], ts)
    put(ts + lay["tstate_thread_id"], 0x7000)
    put(ts + lay["tstate_frame"], frame)
    put(frame + lay["frame_back"], frame)
    put(frame + lay["frame_code"], 0x14000)       # not a code object: skipped
    reader = Reader(FakeInterp(version), read)
    assert reader.frames(99, 0x7000) == []
    assert reader.frames(99, 0x7008) == []         # another thread: not found


def word_memory():
    """(mem, put, read) over a dict of 8-byte words (unset words read as zero)."""
    mem = {}

    def put(addr, value):
        mem[addr] = struct.pack("<Q", value)

    def read(addr, n):
        out = b"".join(mem.get(a, b"\0" * 8) for a in range(addr - addr % 8, addr + n, 8))
        return out[addr % 8:addr % 8 + n]
    return mem, put, read


def thread_list(put, lay, states):
    """An interpreter at 0x11000 whose threads are `states`: (address, thread id, frame)."""
    put(0x10000, 0x11000)
    put(0x11000 + lay["interp_threads_head"], states[0][0] if states else 0)
    for k, (ts, tid, frame) in enumerate(states):
        put(ts + lay["tstate_thread_id"], tid)
        put(ts + lay["tstate_frame"], frame)
        put(ts + lay["tstate_next"], states[k + 1][0] if k + 1 < len(states) else 0)


def test_thread_state_of_a_starting_thread():
    """Up to 3.11 the state of a thread being started carries its starter's id (and no frame)
    until the new thread runs: the starter's own state, the one with a frame, is its."""
    lay = LAYOUTS[(3, 10)]
    _, put, read = word_memory()
    thread_list(put, lay, [(0x12000, 0x7000, 0), (0x12800, 0x7000, 0x13000)])
    reader = Reader(FakeInterp((3, 10)), read)
    assert reader.thread_state(99, 0x7000) == 0x12800
    thread_list(put, lay, [(0x12000, 0x7000, 0)])      # no state with a frame: the first
    assert reader.thread_state(99, 0x7000) == 0x12000


def test_thread_state_while_a_thread_ends():
    """A walk that reached a state just freed by its ending thread (its `next` now glibc's
    tcache key) finds nothing: the second walk, after reread(), sees the list as it is now."""
    lay = LAYOUTS[(3, 10)]
    mem, put, read = word_memory()
    thread_list(put, lay, [(0x12000, 0x7100, 0), (0x12800, 0x7000, 0x13000)])
    put(0x12000 + lay["tstate_next"], 0x4de80f4546094fd0)   # freed: the walk is lost
    stale = dict(mem)
    thread_list(put, lay, [(0x12800, 0x7000, 0x13000)])      # unlinked, as the thread ended
    now = dict(mem)
    mem.clear()
    mem.update(stale)                  # what the first walk's cached pages hold

    def reread():
        mem.clear()
        mem.update(now)
        rereads.append(1)
    rereads = []
    reader = Reader(FakeInterp((3, 10)), read, reread)
    assert reader.thread_state(99, 0x7000) == 0x12800
    assert rereads == [1]
    assert reader.thread_state(99, 0x7000) == 0x12800          # found at once now
    assert rereads == [1]


def test_file_names():
    pick = locate._NAME.search
    assert pick("/usr/lib/libpython3.11.so.1.0").groups() == ("3", "11")
    assert pick("/root/.pyenv/versions/3.6.15/lib/libpython3.6m.so.1.0").groups() == ("3", "6")
    assert pick("/usr/bin/python3.13").groups() == ("3", "13")
    assert pick("/usr/lib/python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so") is None
    assert pick("/usr/bin/cat") is None


def test_lines_text():
    f = PyFrame("/srv/app/handler.py", "read_config", 42, True)
    assert frame_line(f) == " > [python] /srv/app/handler.py:42 in read_config"
    assert frame_line(f._replace(line=None)) == " > [python] /srv/app/handler.py:? in read_config"
    assert lines(None, [f, f]) == frame_line(f) + "\n" + frame_line(f) + "\n"


@pytest.mark.skipif(shutil.which("cc") is None or not TARGETS, reason="needs cc and pyenv")
def test_layouts_generated():
    pythons = [p for v, p in TARGETS if v != "system"]
    out = subprocess.run([sys.executable, os.path.join(tc.ROOT, "tools", "gen_pyoffsets.py"),
                          "--check"] + pythons, stdout=subprocess.PIPE, timeout=300)
    assert out.returncode == 0, out.stdout
