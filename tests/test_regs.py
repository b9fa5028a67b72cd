"""--regs: under each syscall line, the registers of its number, arguments and result, with
the names of the ABI's calling convention (arch REG_NAMES). The values must be the same on the
PTRACE_GET_SYSCALL_INFO path and on the register path (MINITRACE_NO_SYSCALL_INFO=1), for a
static x86_64 program and a static i386 one."""
import json
import os
import subprocess

import pytest

import syscalls
import tracecmp as tc
from minitrace.arch import for_machine

pytestmark = pytest.mark.usefixtures("ptrace_ok")
ARCH = for_machine()
DETERMINISTIC = ("write", "openat", "open", "exit_group")


def build32(name):
    """tests/progs/NAME.c built with gcc -m32 -static into tests/.build/NAME-m32."""
    try:
        return tc.build(name, tc.M32_FLAGS, "-m32")
    except RuntimeError as e:
        pytest.fail("gcc -m32 cannot build %s (gcc-12-multilib, libc6-dev-i386 missing?):\n%s"
                    % (name, e))


def run(exe, regset, args=()):
    env = dict(os.environ)
    env.pop("MINITRACE_NO_SYSCALL_INFO", None)
    if regset:
        env["MINITRACE_NO_SYSCALL_INFO"] = "1"
    lines, err, rc = tc.run_minitrace(["--regs"] + list(args), [exe], env=env)
    assert "Traceback" not in err and "internal error" not in err, err
    return lines


def regs_of(lines):
    """[(syscall line head, [regs lines])] for the deterministic calls."""
    out = []
    for i, line in enumerate(lines):
        name = tc.CALL_RE.match(line)
        if name and name.group(1) in DETERMINISTIC:
            below = []
            for nxt in lines[i + 1:]:
                if not nxt.startswith("  regs "):
                    break
                below.append(nxt)
            out.append((line.split("(")[0], below))
    return out


@pytest.mark.parametrize("bits", [64, 32])
def test_same_values_on_both_paths(bits):
    if bits == 64:
        exe, abi = tc.build("core_hello"), ARCH.ABIS[0]
    else:
        if "i386" not in ARCH.ABIS:
            pytest.skip("no 32-bit x86 ABI on this kernel architecture")
        exe, abi = build32("core_hello"), "i386"
    info = run(exe, regset=False)
    regset = run(exe, regset=True)
    a, b = regs_of(info), regs_of(regset)
    assert [n for n, _ in a] == ["write", "openat", "exit_group"], info
    assert a == b, "\n".join(tc.compare(info, regset, "GET_SYSCALL_INFO", "regset"))
    names = ARCH.REG_NAMES[abi]
    numbers = syscalls.table(abi).numbers
    write_entry, write_exit = a[0][1]
    assert write_entry.split()[2:5] == [
        "%s=%d" % (names["nr"], numbers["write"]), "%s=0x1" % names["args"][0],
        write_entry.split()[4]]
    assert write_entry.split()[4].startswith(names["args"][1] + "=0x")
    assert write_entry.split()[5] == "%s=0x6" % names["args"][2]
    assert write_exit.split() == ["regs", "exit:", "%s=6" % names["ret"]]
    open_exit = a[1][1][1]
    assert open_exit.split()[-1] == "%s=-2" % names["ret"]
    assert len(a[2][1]) == 1 and a[2][1][0].split()[-1] == "%s=0x3" % names["args"][0]
    # every traced call has its registers, the exit line only when it returned
    for i, line in enumerate(info):
        if tc.CALL_RE.match(line):
            assert info[i + 1].startswith("  regs entry: "), info[i:i + 2]


def test_json_and_api_carry_the_same_registers():
    exe = tc.build("core_hello")
    env = dict(os.environ, MINITRACE_NO_SYSCALL_INFO="1")
    js = tc.run_minitrace(["--json", "--regs"], [exe], env=env)[0]
    by_name = dict((o["name"], o["regs"]) for o in map(json.loads, js) if o["type"] == "syscall")
    import minitrace
    api = dict((e.name, e.regs) for e in minitrace.trace([exe], regs=True) if e.type == "syscall")
    for name in ("write", "openat", "exit_group"):
        assert by_name[name] == api[name], name
    names = ARCH.REG_NAMES[ARCH.ABIS[0]]
    assert by_name["write"]["exit"] == {names["ret"]: 6}
    assert "exit" not in by_name["exit_group"]
