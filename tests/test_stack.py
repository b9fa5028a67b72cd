"""-k / --stack-traces against strace 6.1's -k (built with libunwind): the same stack lines on
static, static-PIE, PIE and non-PIE programs, threads under -ff, signals, exit_group, Python and
a 32-bit program; the CFI interpreter against readelf's interpretation of the same frames; and
hostile images that must never make the unwinder raise or loop."""
import difflib
import os
import random
import re
import subprocess
import sys

import pytest

import tracecmp as tc
from minitrace.stack import cfi, elf, maps
from minitrace.stack.unwind import FileInfo, Frame, frame_line

SRC = os.path.join(tc.PROGS, "stack_calls.c")
BUILDS = {"static": ["-O1", "-static"], "pie": ["-O1", "-pie", "-fPIE"],
          "nopie": ["-O1", "-no-pie"], "static-pie": ["-O2", "-static-pie"]}
ERROR_ADDR = re.compile(r"(unexpected_backtracing_error) \[0x[0-9a-f]+\]")
THRESHOLD = 0.98


def build(kind, flags):
    exe = os.path.join(tc.BUILD, "stack_calls-" + kind)
    if not os.path.exists(exe) or os.path.getmtime(exe) < os.path.getmtime(SRC):
        if not os.path.isdir(tc.BUILD):
            os.makedirs(tc.BUILD)
        subprocess.check_call(["gcc"] + flags + ["-pthread", "-o", exe + ".tmp", SRC])
        os.rename(exe + ".tmp", exe)
    return exe


def traces(tool, args, cmd, tmp):
    """One list of lines per process/thread (-ff), in pid order."""
    base = os.path.join(str(tmp), tool)
    argv = ([tc.STRACE] if tool == "strace" else [sys.executable, "-m", "minitrace"])
    subprocess.call(argv + ["-k", "-ff", "-o", base] + args + cmd, cwd=tc.ROOT,
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    files = sorted((int(n.rsplit(".", 1)[1]), n) for n in os.listdir(str(tmp))
                   if n.startswith(tool + "."))
    out = []
    for _, name in files:
        with open(os.path.join(str(tmp), name)) as f:
            out.append([ERROR_ADDR.sub(r"\1 [ADDR]", l.rstrip("\n")) for l in f])
        os.unlink(os.path.join(str(tmp), name))
    return out


def stack_lines(per_pid):
    """The stack lines of every call but futex: whether a thread waits in one (a pthread_join
    that found its thread still running) is the program's timing, not the tracer's (under load
    the threads mode's main thread made one under minitrace and none under strace)."""
    out = []
    for lines in per_pid:
        timing = False
        for l in lines:
            if not l.startswith(" > "):
                timing = l.startswith(("futex(", "<... futex resumed>"))
            elif not timing:
                out.append(l)
    return out


def check_same_stacks(args, cmd, tmp, minimum=1):
    a = stack_lines(traces("strace", args, cmd, tmp))
    b = stack_lines(traces("minitrace", args, cmd, tmp))
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    same = sum(block.size for block in sm.get_matching_blocks())
    total = max(len(a), len(b))
    diff = "\n".join(difflib.unified_diff(a, b, "strace", "minitrace", lineterm="", n=1))
    print("%s: %d of %d stack lines identical" % (" ".join(cmd), same, total))
    assert total >= minimum, "only %d stack lines" % total
    assert same >= THRESHOLD * total, diff[:5000]
    return same, total


@pytest.mark.parametrize("kind", sorted(BUILDS))
@pytest.mark.parametrize("mode", ["plain", "threads", "signal", "exit"])
def test_programs_like_strace(ptrace_ok, tmp_path, kind, mode):
    exe = build(kind, BUILDS[kind])
    check_same_stacks([], [exe, mode], tmp_path, minimum=4)


def test_python_like_strace(ptrace_ok, tmp_path):
    check_same_stacks(["-e", "trace=!brk"], ["/usr/bin/python3", "-c", "import os; os.getpid()"],
                      tmp_path, minimum=1000)


def test_stacks_held_from_the_entry_like_strace(ptrace_ok, tmp_path):
    """execve and exit_group take their stack at entry; strace prints those from its queue,
    where a frame without a symbol (stripped dash) is `path(+0x0) [..]`, not `path() [..]`."""
    cmd = ["/bin/dash", "-c", "/bin/true; exit 3"]
    held = [[l for l in stack_lines([lines]) if "(+0x0)" in l]
            for lines in traces("strace", [], cmd, tmp_path)]
    assert sum(len(h) for h in held) >= 4, held
    assert [[l for l in stack_lines([lines]) if "(+0x0)" in l]
            for lines in traces("minitrace", [], cmd, tmp_path)] == held
    check_same_stacks([], cmd, tmp_path, minimum=10)


def test_32_bit_program_like_strace(ptrace_ok, tmp_path):
    """strace -k walks only its own personality: one error line at the exec into i386, then
    no stack at all."""
    exe = os.path.join(tc.BUILD, "stack_calls-m32")
    if not os.path.exists(exe) or os.path.getmtime(exe) < os.path.getmtime(SRC):
        subprocess.check_call(["gcc", "-O1", "-static", "-pthread"] + list(tc.M32_FLAGS) +
                              ["-o", exe, SRC])
    same, total = check_same_stacks([], [exe, "plain"], tmp_path)
    assert total == 1


def test_stack_in_json(ptrace_ok):
    exe = build("pie", BUILDS["pie"])
    out = subprocess.check_output([sys.executable, "-m", "minitrace", "-k", "--json",
                                   "-e", "trace=getpid", "-o", "/dev/stdout", exe, "plain"],
                                  cwd=tc.ROOT, universal_newlines=True)
    import json
    calls = [json.loads(l) for l in out.splitlines() if l.startswith("{") and '"getpid"' in l]
    stack = calls[0]["stack"]
    assert stack[0]["symbol"] == "__getpid" and stack[0]["path"].endswith("libc.so.6")
    assert [f["symbol"] for f in stack[1:3]] == ["top", "main"]
    assert all(isinstance(f["address"], int) for f in stack)


# ---------------------------------------------------------------- offline: CFI vs readelf

READELF_ROW = re.compile(r"^([0-9a-f]{16}) (\S+)\s+(.*)$")


def readelf_rows(path):
    """{loc: (cfa text, {column: rule text})} of readelf --debug-dump=frames-interp."""
    text = subprocess.check_output(["readelf", "-W", "--debug-dump=frames-interp", path],
                                   universal_newlines=True)
    rows, columns, in_fde = {}, None, False
    for line in text.splitlines():
        if " FDE " in line or " CIE " in line:
            # a CIE's own rows, and an FDE of a discarded section (at address 0), are left out
            in_fde = " FDE " in line and "pc=0000000000000000" not in line
            columns = None
            continue
        if line.strip().startswith("LOC"):
            columns = line.split()[2:] if in_fde else None
            continue
        m = READELF_ROW.match(line)
        if m and columns:
            cells = re.findall(r"\S+(?: \(\w+\))?", m.group(3))   # `r9 (r9)`: one cell
            rows[int(m.group(1), 16)] = (m.group(2), dict(zip(columns, cells)))
        elif not line.strip():
            columns = None
    return rows


NAMES = {"rax": 0, "rdx": 1, "rcx": 2, "rbx": 3, "rsi": 4, "rdi": 5, "rbp": 6, "rsp": 7,
         "r8": 8, "r9": 9, "r10": 10, "r11": 11, "r12": 12, "r13": 13, "r14": 14, "r15": 15,
         "ra": 16}


@pytest.mark.parametrize("kind", ["pie", "static-pie"])
def test_cfi_rules_match_readelf(kind):
    exe = build(kind, BUILDS[kind])
    info = FileInfo(elf.open_file(exe))
    rows = readelf_rows(exe)
    assert len(rows) > 10
    checked = 0
    for loc, (cfa_text, regs) in sorted(rows.items()):
        table, fde = info.fde(loc)
        assert fde is not None, hex(loc)
        rules = cfi.rules_at(table, fde, loc)
        if cfa_text == "exp":
            assert rules.cfa_expr is not None, hex(loc)
        else:
            reg, off = re.match(r"(\w+)([+-]\d+)", cfa_text).groups()
            assert (rules.cfa_reg, rules.cfa_off) == (NAMES[reg], int(off)), hex(loc)
        for col, rule in regs.items():
            want = {"u": None}.get(rule, rule)
            got = rules.regs.get(NAMES.get(col, -1))
            if want is None:
                assert got is None or got[0] == cfi.UNDEFINED, (hex(loc), col)
            elif rule.startswith("c"):
                assert got == (cfi.OFFSET, int(rule[1:])), (hex(loc), col, got)
            elif rule in ("exp", "vexp"):
                assert got[0] in (cfi.EXPRESSION, cfi.VAL_EXPRESSION), (hex(loc), col)
            elif rule.startswith("r"):
                assert got == (cfi.REGISTER, int(rule[1:].split()[0])), (hex(loc), col, got)
        checked += 1
    assert checked == len(rows)


# ---------------------------------------------------------------- offline: formats, maps

def test_frame_lines():
    assert frame_line(Frame("/lib/libc.so.6", "__write", 16, 0xf8350)) == \
        " > /lib/libc.so.6(__write+0x10) [0xf8350]"
    assert frame_line(Frame("/usr/bin/dash", None, 0, 0x13652)) == " > /usr/bin/dash() [0x13652]"
    assert frame_line(Frame(None, "unexpected_backtracing_error", 0, 0x7ff0)) == \
        " > unexpected_backtracing_error [0x7ff0]"
    assert frame_line(Frame(None, "too many stack frames", 0, 0)) == " > too many stack frames"


def test_stack_held_from_the_entry():
    """Capture.held: strace's queued form of a stack taken at entry (execve, exit_group)."""
    from minitrace.convert import stack_fields
    from minitrace.stack import Capture
    frames = [Frame("/lib/libc.so.6", "_exit", 0x29, 0xd4409),
              Frame("/usr/bin/dash", None, 0, 0x13230),
              Frame(None, "unexpected_backtracing_error", 0, 0x7ff0)]
    held = Capture.held(frames)
    assert [frame_line(f) for f in held] == [
        " > /lib/libc.so.6(_exit+0x29) [0xd4409]", " > /usr/bin/dash(+0x0) [0x13230]",
        " > unexpected_backtracing_error [0x7ff0]"]
    assert stack_fields(held) == stack_fields(frames)


def test_maps_parsed_as_strace_parses_them():
    text = "\n".join([
        "00400000-00401000 r--p 00000000 08:01 12 /bin/x",
        "00401000-00402000 r-xp 00001000 08:01 12 /bin/x",
        "00401000-00402000 r-xp 00001000 08:01 12 /bin/x",          # duplicate
        "00401800-00403000 r-xp 00001000 08:01 12 /bin/overlap",    # overlapping
        "00500000-00501000 rw-p 00000000 00:00 0",                  # no path: skipped
        "00600000-00601000 r?xp 00000000 08:01 12 /bin/odd",        # unknown protection
        "7f0000000000-7f0000001000 r-xp 00000000 08:01 13 /lib/a b (deleted)",
    ])
    got = [(m.start, m.executable, m.path) for m in maps.parse(text)]
    assert got == [(0x400000, False, "/bin/x"), (0x401000, True, "/bin/x"),
                   (0x7f0000000000, True, "/lib/a b (deleted)")]
    table = maps.Table(maps.parse(text))
    assert table.find(0x401234).path == "/bin/x" and table.find(0x402000) is None


# ---------------------------------------------------------------- hostile images

def test_hostile_images_never_raise():
    exe = build("static-pie", BUILDS["static-pie"])
    with open(exe, "rb") as f:
        good = f.read()
    rnd = random.Random(20261202)
    for _ in range(150):
        data = bytearray(good)
        for _ in range(rnd.randint(1, 40)):
            i = rnd.randrange(len(data))
            data[i] = rnd.randrange(256)
        if rnd.random() < 0.2:
            data = data[:rnd.randrange(64, len(data))]
        try:
            image = elf.Elf(bytes(data), "fuzz")
        except elf.ElfError:
            continue
        info = FileInfo(image)
        for pc in [rnd.randrange(0, 1 << 20) for _ in range(20)]:
            image.symbol(pc)
            try:
                table, fde = info.fde(pc)
                if fde is not None:
                    rules = cfi.rules_at(table, fde, pc)
                    if rules.cfa_expr is not None:
                        cfi.evaluate(rules.cfa_expr, {7: 0x1000, 16: pc}, lambda a: 0)
            except cfi.CfiError:
                pass
