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




def _traced_child(exe):
    """A child stopped after its execve of EXE under PTRACE_TRACEME; the caller kills it."""
    from minitrace import libc
    pid = os.fork()
    if pid == 0:
        try:
            libc.ptrace(libc.PTRACE_TRACEME, 0)
            os.execv(exe, [exe])
        finally:
            os._exit(127)
    os.waitpid(pid, 0)                               # the SIGTRAP after execve
    return pid


def _fake_arch(over, clobber=None, stale=()):
    """This host's arch module, with the decoded values named in the dict OVER ("nr", "arg0",
    "ret"; changeable between stops) replaced."""
    import types

    def decode(data):
        r = ARCH.decode(data)
        if "nr" in over:
            r.nr = over["nr"]
        if "arg0" in over:
            r.args = [over["arg0"]] + list(r.args[1:])
        if "ret" in over:
            r.ret = over["ret"]
        return r
    return types.SimpleNamespace(decode=decode, REGSET_MAX=ARCH.REGSET_MAX,
                                 ENTRY_ARG0_CLOBBER=clobber or {}, STALE_NR_ON_RESTART=stale,
                                 GETREGS_FALLBACK=ARCH.GETREGS_FALLBACK)


def _next_stop(pid):
    from minitrace import libc
    libc.ptrace(libc.PTRACE_SYSCALL, pid)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSTOPPED(status), status


def test_clobbered_first_argument_is_read_from_proc():
    """ENTRY_ARG0_CLOBBER (riscv64's a0 = -ENOSYS at the entry stop): when the regset shows that
    value, the register path takes args[0] from /proc/PID/syscall. Here a fake arch module
    reports every first argument as the clobber value; the write(1, ...) of core_hello must still
    come out with fd 1, read from /proc."""
    from minitrace import regs
    abi = ARCH.ABIS[0]
    clobber = 0xffffffffffffffda
    write_nr = syscalls.table(abi).numbers["write"]
    pid = _traced_child(tc.build("core_hello"))
    try:
        source = regs.RegsetSource(_fake_arch({"arg0": clobber}, clobber={abi: clobber}))
        seen = []
        while write_nr not in seen and len(seen) < 200:
            _next_stop(pid)
            stop = source.stop(pid, True)
            seen.append(stop[2])
            _next_stop(pid)
        assert write_nr in seen, seen
        assert stop[3][0] == 1, stop
        assert regs.proc_syscall(pid, 0, None) == write_nr   # at the exit stop: still write
    finally:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    assert regs.proc_syscall(pid, 1, "gone") == "gone"       # a reaped pid: the default


def test_stale_number_is_read_from_proc():
    """STALE_NR_ON_RESTART (arm: r7 keeps the interrupted call's number when the kernel
    restarts it as restart_syscall): the number comes from /proc/PID/syscall at a tracee's first
    entry and at the entry after an ERESTART_RESTARTBLOCK exit, from the registers otherwise.
    The fake arch module decodes every number as 0xdead."""
    from minitrace import regs
    pid = _traced_child(tc.build("core_hello"))
    over = {"nr": 0xdead}
    try:
        source = regs.RegsetSource(_fake_arch(over, stale=(ARCH.ABIS[0],)))
        numbers = []
        for i in range(4):
            _next_stop(pid)
            numbers.append(source.stop(pid, True)[2])
            _next_stop(pid)
            if i == 1:
                over["ret"] = -516                      # ERESTART_RESTARTBLOCK
            source.stop(pid, False)
            over.pop("ret", None)
        assert numbers[0] != 0xdead and numbers[1] == 0xdead, numbers
        assert numbers[2] != 0xdead and numbers[3] == 0xdead, numbers
    finally:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
