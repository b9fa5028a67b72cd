"""32-bit x86 programs on the x86_64 kernel, against the real strace: the family workloads built
with gcc -m32 give i386 syscall names and 32-bit structures (at least 98% identical lines, the
differences printed), and a 64-bit program that execs a 32-bit one and back prints strace's
`[ Process PID=N runs in 32 bit mode. ]` notices (not with -o FILE PROG, which implies -q)."""
import os

import pytest

import tracecmp as tc
import test_decode_live_proc as proc
import re

import test_decode_live_fd as fd
import test_decode_live_ipc as ipc
import test_decode_live_sigtime as sigtime
import test_decode_siginfo as siginfo

pytestmark = pytest.mark.usefixtures("ptrace_ok")

if os.uname()[4] != "x86_64":
    pytest.fail("these tests trace 32-bit x86 programs: they need an x86_64 host",
                pytrace=False)


def build32(name):
    try:
        return tc.build(name, tc.M32_FLAGS, "-m32")
    except RuntimeError as e:
        pytest.fail("gcc -m32 cannot build %s (gcc-12-multilib, libc6-dev-i386 missing?):\n%s"
                    % (name, e))


@pytest.mark.parametrize("name", ["core_hello", "decode_process", "decode_memory",
                                  "decode_sched"])
def test_process_and_memory_families(name):
    proc.check(["-f"], [build32(name)])


@pytest.mark.parametrize("name", ["decode_desc", "decode_ioctl"])
def test_descriptor_and_ioctl_families(name):
    proc.check(["-f"], [build32(name)])


@pytest.mark.parametrize("opts", [[], ["-v"], ["-X", "raw"]])
def test_file_family(tmp_path, opts):
    """stat64/fstatat64, statfs64, statx, getdents64 ... in i386 layouts, -v and raw too."""
    fd._check(opts + ["-e", "trace=" + fd.FILE_SET], [build32("decode_file")], tmp_path,
              scratch=True)


@pytest.mark.parametrize("xflag", [[], ["-X", "raw"], ["-X", "verbose"]])
def test_siginfo_of_32_bit_programs(xflag):
    """The i386 siginfo layout: every `--- SIG... {...} ---` line as strace prints it (the
    program's other lines race with its threads' exits, as on x86_64)."""
    siginfo.compare(xflag, build32("decode_siginfo"))


@pytest.mark.parametrize("name", ["decode_signal", "decode_time", "decode_futex"])
def test_signal_and_time_families(name):
    sigtime.check(["-f"], [build32(name)], minimum=60)


def test_exec_into_32_bit_and_back_prints_the_notices():
    exe64, exe32 = tc.build("exec_chain"), build32("exec_chain")
    cmd = [exe64, exe32, exe64]
    s = tc.run_strace([], cmd, output="stderr")
    m = tc.run_minitrace([], cmd, output="stderr")
    a, b = tc.normalise(s[0]), tc.normalise(m[0])
    notices = [l for l in a if l.startswith("[ Process PID=")]
    assert [n.split()[-4] for n in notices] == ["32", "64"], a
    assert a == b, tc.compare(a, b)


def test_output_file_with_a_command_implies_quiet_notices():
    exe64, exe32 = tc.build("exec_chain"), build32("exec_chain")
    s = tc.run_strace([], [exe64, exe32])
    m = tc.run_minitrace([], [exe64, exe32])
    assert not [l for l in s[0] if "bit mode" in l], s[0]
    assert tc.normalise(m[0]) == tc.normalise(s[0]), tc.compare(s[0], m[0])


_PORT_RE = re.compile(r"htons\(\d+\)")
_IPC_ID_RE = re.compile(r"^((?:shm|sem|msg)[a-z]*\()\d+")


def test_socketcall_and_ipc_show_the_call_they_carry():
    """32-bit glibc makes its socket and System V IPC calls through socketcall(2) and ipc(2):
    strace prints `socket(...)`, `shmat(...) = 0xf7f5c000`, `semctl(..., [NULL])`, with the
    calls' own filters (tests/progs/multiplexed.c)."""
    exe = build32("multiplexed")
    for args in ([], ["-e", "trace=socket,send,recv,shmat,semctl,msgrcv"],
                 ["-e", "trace=%network,%ipc"]):
        s, m = (tc.run_strace(args, [exe])[0], tc.run_minitrace(args, [exe])[0])
        a, b = ([_IPC_ID_RE.sub(r"\1ID", _PORT_RE.sub("htons(N)", l)) for l in ipc.clean(lines)
                 if not l.startswith(("mprotect", "brk", "munmap"))] for lines in (s, m))
        assert any(l.startswith("recv(") for l in a), a
        assert a == b, tc.compare(a, b)


def _summary_sections(lines):
    """[(header or None, sorted (name, calls, errors) rows)] of a -c output."""
    sections, header, rows = [], None, []
    for line in lines:
        if line.startswith("System call usage summary for "):
            sections.append((header, sorted(rows)))
            header, rows = line, []
            continue
        f = line.split()
        if f and f[0][0].isdigit() and f[-1] != "total":
            rows.append((f[-1], f[3], f[4] if len(f) == 6 else ""))
    sections.append((header, sorted(rows)))
    return sections


def test_summary_per_personality():
    """-c counts each personality apart, the 32-bit table under strace's header (the
    64-bit execve, then the program's calls, socketcall/ipc counted as the calls carried)."""
    exe = build32("multiplexed")
    s = _summary_sections(tc.run_strace(["-c"], [exe])[0])
    m = _summary_sections(tc.run_minitrace(["-c"], [exe])[0])
    assert [h for h, _ in s] == [None, "System call usage summary for 32 bit mode:"], s
    assert s == m, (s, m)

