"""32-bit x86 programs on the x86_64 kernel, against the real strace: the family workloads built
with gcc -m32 give i386 syscall names and 32-bit structures (at least 98% identical lines, the
differences printed), and a 64-bit program that execs a 32-bit one and back prints strace's
`[ Process PID=N runs in 32 bit mode. ]` notices (not with -o FILE PROG, which implies -q)."""
import os

import pytest

import tracecmp as tc
import test_decode_live_proc as proc
import test_decode_live_fd as fd
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
