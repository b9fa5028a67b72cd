"""Offline tests of the process-family decoders: a fake tracee memory, Syscalls built by hand,
and the lines strace 6.1 really printed for the same calls (tests/progs/decode_process.c,
/bin/true, a forking program; x86_64 unless said otherwise)."""
import os
import struct

from minitrace import decode, events, printers

from decodertest import PID, Entry, FakeMemory, call_line


def q(*values):
    return struct.pack("<%dQ" % len(values), *values)


def i(*values):
    return struct.pack("<%di" % len(values), *values)


SIGCHLD, SIGKILL, SIGTERM, SIGUSR1 = 17, 9, 15, 10
CLONE_CHILD_CLEARTID, CLONE_CHILD_SETTID, CLONE_PARENT_SETTID = 0x200000, 0x1000000, 0x100000


def test_clone_fork_like():
    assert call_line("clone", [CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID | SIGCHLD, 0, 0,
                               0x2100650, 0], 30856) == (
        "clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, "
        "child_tidptr=0x2100650) = 30856")


def test_clone_plain_and_failing():
    assert call_line("clone", [SIGCHLD], 30858) == "clone(child_stack=NULL, flags=SIGCHLD) = 30858"
    assert call_line("clone", [0x10000 | 0x10000000 | 0x20000000], -22) == (
        "clone(child_stack=NULL, flags=CLONE_THREAD|CLONE_NEWUSER|CLONE_NEWPID) = "
        "-1 EINVAL (Invalid argument)")


def test_clone_entry_and_exit_split():
    """The renderer prints enter() before <unfinished ...>, exit() after `resumed>`."""
    args = (CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID | SIGCHLD, 0, 0, 0x2c98690, 0, 0)
    call = events.Syscall(PID, "x86_64", 56, Entry("clone"), args, 0)
    ctx = decode.Context(FakeMemory())
    dec = decode.lookup("clone")
    assert dec.enter(ctx, call) == ("child_stack=NULL, flags=CLONE_CHILD_CLEARTID|"
                                    "CLONE_CHILD_SETTID|SIGCHLD")
    call.ret = 29978
    assert dec.exit(ctx, call) == ", child_tidptr=0x2c98690"


def test_clone3():
    ca = q(CLONE_PARENT_SETTID, 0, 0, 0x7ffde2ba3990, SIGCHLD, 0, 0, 0)
    mem = {0x7ffde2ba3900: ca, 0x7ffde2ba3990: i(30860)}
    assert call_line("clone3", [0x7ffde2ba3900, 64], 30860, mem) == (
        "clone3({flags=CLONE_PARENT_SETTID, parent_tid=0x7ffde2ba3990, exit_signal=SIGCHLD, "
        "stack=NULL, stack_size=0} => {parent_tid=[30860]}, 64) = 30860")
    ca = q(0, 0, 0, 0, SIGCHLD, 0, 0, 0, 0, 0, 0)
    assert call_line("clone3", [0x1000, 88], 30861, {0x1000: ca}) == (
        "clone3({flags=0, exit_signal=SIGCHLD, stack=NULL, stack_size=0}, 88) = 30861")
    assert call_line("clone3", [0x7ffde2ba3890, 8], -22) == (
        "clone3(0x7ffde2ba3890, 8) = -1 EINVAL (Invalid argument)")
    assert call_line("clone3", [1, 64], -14) == "clone3(0x1, 64) = -1 EFAULT (Bad address)"


def test_clone3_thread():
    flags = 0x3d0f00      # VM|FS|FILES|SIGHAND|THREAD|SYSVSEM|SETTLS|PARENT_SETTID|CHILD_CLEARTID
    ca = q(flags, 0, 0x7f0781e0c990, 0x7f0781e0c990, 0, 0x7f078160c000, 0x800300,
           0x7f0781e0c6c0, 0, 0, 0)
    mem = {0x7ffc0000: ca, 0x7f0781e0c990: i(29977)}
    assert call_line("clone3", [0x7ffc0000, 88], 29977, mem) == (
        "clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|CLONE_SYSVSEM|"
        "CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, child_tid=0x7f0781e0c990, "
        "parent_tid=0x7f0781e0c990, exit_signal=0, stack=0x7f078160c000, stack_size=0x800300, "
        "tls=0x7f0781e0c6c0} => {parent_tid=[29977]}, 88) = 29977")


def test_wait4():
    st = 0x7ffd0000
    assert call_line("wait4", [30856, st, 0, 0], 30856, {st: i(3 << 8)}) == (
        "wait4(30856, [{WIFEXITED(s) && WEXITSTATUS(s) == 3}], 0, NULL) = 30856")
    ru = q(0, 73, 0, 0) + q(*([0] * 14))
    assert call_line("wait4", [30857, st, 0x40000000, 0x5000], 30857,
                     {st: i(SIGKILL), 0x5000: ru}) == (
        "wait4(30857, [{WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL}], __WALL, "
        "{ru_utime={tv_sec=0, tv_usec=73}, ru_stime={tv_sec=0, tv_usec=0}, ...}) = 30857")
    assert call_line("wait4", [-1 & 0xffffffffffffffff, 0x7ffde2ba3d20, 1, 0], -10) == (
        "wait4(-1, 0x7ffde2ba3d20, WNOHANG, NULL) = -1 ECHILD (No child processes)")
    assert call_line("wait4", [999999, 0, 1 | 2 | 8, 0], -10) == (
        "wait4(999999, NULL, WNOHANG|WSTOPPED|WCONTINUED, NULL) = -1 ECHILD (No child processes)")
    assert call_line("wait4", [-1 & 0xffffffff, 0, 0, 0], 30862) == (
        "wait4(-1, NULL, 0, NULL) = 30862")


def test_wait_status_forms():
    mem = lambda v: {0x1000: i(v)}
    line = lambda v: call_line("wait4", [1, 0x1000, 0, 0], 1, mem(v))
    assert "[{WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL && WCOREDUMP(s)}]" in line(0x89)
    assert "[{WIFSTOPPED(s) && WSTOPSIG(s) == SIGTERM}]" in line(0x0f7f)
    assert "[{WIFCONTINUED(s)}]" in line(0xffff)


def test_waitid_failing():
    assert call_line("waitid", [0, 0, 0x7ffde2ba39a0, 4 | 1, 0], -10) == (
        "waitid(P_ALL, 0, 0x7ffde2ba39a0, WNOHANG|WEXITED, NULL) = -1 ECHILD (No child processes)")


def test_kill_family():
    assert call_line("kill", [30855, SIGUSR1], 0) == "kill(30855, SIGUSR1) = 0"
    assert call_line("kill", [30855, 0], 0) == "kill(30855, 0) = 0"
    assert call_line("kill", [999999, SIGTERM], -3) == (
        "kill(999999, SIGTERM) = -1 ESRCH (No such process)")
    assert call_line("tkill", [30855, SIGUSR1], 0) == "tkill(30855, SIGUSR1) = 0"
    assert call_line("tgkill", [30855, 30855, 200], -22) == (
        "tgkill(30855, 30855, 200) = -1 EINVAL (Invalid argument)")


def test_ids():
    m1 = 0xffffffff
    assert call_line("getuid", [], 0) == "getuid() = 0"
    assert call_line("setuid", [0], 0) == "setuid(0) = 0"
    assert call_line("setreuid", [m1, m1], 0) == "setreuid(-1, -1) = 0"
    assert call_line("setresgid", [m1, m1, m1], 0) == "setresgid(-1, -1, -1) = 0"
    assert call_line("setfsuid", [m1], 0) == "setfsuid(-1) = 0"
    mem = {0x100: i(0, 0, 0)}
    assert call_line("getresuid", [0x100, 0x104, 0x108], 0, mem) == (
        "getresuid([0], [0], [0]) = 0")
    assert call_line("getresuid", [1, 2, 3], -14) == (
        "getresuid(0x1, 0x2, 0x3) = -1 EFAULT (Bad address)")
    assert call_line("getgroups", [0, 0], 0) == "getgroups(0, NULL) = 0"
    assert call_line("getgroups", [64, 0x100], 0, mem) == "getgroups(64, []) = 0"
    assert call_line("getgroups", [0, 0x100], 0, mem) == "getgroups(0, []) = 0"
    assert call_line("setgroups", [0, 0x100], 0, mem) == "setgroups(0, []) = 0"
    assert call_line("getgroups", [64, 0x100], 2, {0x100: i(0, 27)}) == (
        "getgroups(64, [0, 27]) = 2")


def test_startup_calls():
    assert call_line("set_tid_address", [0x7f76a45d8a10], 4041) == (
        "set_tid_address(0x7f76a45d8a10) = 4041")
    assert call_line("set_robust_list", [0x2100660, 24], 0) == "set_robust_list(0x2100660, 24) = 0"
    assert call_line("set_robust_list", [0, 24], 0) == "set_robust_list(NULL, 24) = 0"
    assert call_line("rseq", [0x7f76a45d9060, 0x20, 0, 0x53053053], 0) == (
        "rseq(0x7f76a45d9060, 0x20, 0, 0x53053053) = 0")
    assert call_line("rseq", [0, 0x20, 0, 0x53053053], -22) == (
        "rseq(0, 0x20, 0, 0x53053053) = -1 EINVAL (Invalid argument)")
    assert call_line("arch_prctl", [0x1002, 0x7f76a45d8740], 0) == (
        "arch_prctl(ARCH_SET_FS, 0x7f76a45d8740) = 0")
    assert call_line("exit_group", [0], None) == "exit_group(0) = ?"



def test_arm_set_tls():
    """arm's private set_tls takes the thread pointer: an address (strace 6.1 on armhf)."""
    assert call_line("set_tls", [0x53fa20], 0, abi="arm") == "set_tls(0x53fa20) = 0"


def test_arch_prctl_get():
    mem = {0x7000: q(0x2100380), 0x7008: q(0)}
    assert call_line("arch_prctl", [0x1003, 0x7000], 0, mem) == (
        "arch_prctl(ARCH_GET_FS, [0x2100380]) = 0")
    assert call_line("arch_prctl", [0x1004, 0x7008], 0, mem) == "arch_prctl(ARCH_GET_GS, [NULL]) = 0"
    assert call_line("arch_prctl", [0x9999, 0], -22) == (
        "arch_prctl(0x9999 /* ARCH_??? */, 0) = -1 EINVAL (Invalid argument)")


def test_rlimits():
    inf = 0xffffffffffffffff
    mem = {0x7000: q(8192 * 1024, inf), 0x7010: q(20000, 20000), 0x7020: q(0, inf)}
    assert call_line("prlimit64", [0, 3, 0, 0x7000], 0, mem) == (
        "prlimit64(0, RLIMIT_STACK, NULL, {rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}) = 0")
    assert call_line("prlimit64", [0, 4, 0x7020, 0], 0, mem) == (
        "prlimit64(0, RLIMIT_CORE, {rlim_cur=0, rlim_max=RLIM64_INFINITY}, NULL) = 0")
    assert call_line("prlimit64", [0, 0, 0, 1], -14) == (
        "prlimit64(0, RLIMIT_CPU, NULL, 0x1) = -1 EFAULT (Bad address)")
    assert call_line("getrlimit", [7, 0x7010], 0, mem) == (
        "getrlimit(RLIMIT_NOFILE, {rlim_cur=20000, rlim_max=20000}) = 0")
    assert call_line("setrlimit", [3, 0x7000], 0, mem) == (
        "setrlimit(RLIMIT_STACK, {rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}) = 0")
    assert call_line("getrlimit", [99, 0x7ffde2ba3d10], -22) == (
        "getrlimit(0x63 /* RLIMIT_??? */, 0x7ffde2ba3d10) = -1 EINVAL (Invalid argument)")


def test_rlimit_i386():
    mem = {0x7000: struct.pack("<2I", 8192 * 1024, 0xffffffff)}
    assert call_line("ugetrlimit", [3, 0x7000], 0, mem, abi="i386") == (
        "ugetrlimit(RLIMIT_STACK, {rlim_cur=8192*1024, rlim_max=RLIM_INFINITY}) = 0")


def test_getrusage_and_times():
    ru = q(0, 0, 0, 2799) + q(*([0] * 14))
    assert call_line("getrusage", [0, 0x5000], 0, {0x5000: ru}) == (
        "getrusage(RUSAGE_SELF, {ru_utime={tv_sec=0, tv_usec=0}, "
        "ru_stime={tv_sec=0, tv_usec=2799}, ...}) = 0")
    assert call_line("getrusage", [5, 0x7ffde2ba3c80], -22) == (
        "getrusage(0x5 /* RUSAGE_??? */, 0x7ffde2ba3c80) = -1 EINVAL (Invalid argument)")
    assert call_line("times", [0x5000], 1718104404, {0x5000: q(0, 0, 0, 0)}) == (
        "times({tms_utime=0, tms_stime=0, tms_cutime=0, tms_cstime=0}) = 1718104404")



def test_sysinfo():
    """strace 6.1's text (x86_64 host) and the same struct in arm's 4-byte longs and s390x's
    big-endian ones (as strace printed them under qemu)."""
    text = ("sysinfo({uptime=9, loads=[5248, 1088, 352], totalram=1024987136, freeram=885276672, "
            "sharedram=82341888, bufferram=0, totalswap=0, freeswap=0, procs=46, "
            "totalhigh=268435456, freehigh=188665856, mem_unit=1}) = 0")
    values = (9, 5248, 1088, 352, 1024987136, 885276672, 82341888, 0, 0, 0)
    high = (268435456, 188665856)
    # the structs with their tail (char _f[20 - 2 * sizeof(long) - sizeof(int)] and padding):
    # 112 bytes with 8-byte longs, 64 with 4-byte ones
    wide = q(*values) + struct.pack("<HH4x", 46, 7) + q(*high) + struct.pack("<I4x", 1)
    narrow = struct.pack("<i3I6IHH2II8x", *(values + (46, 7) + high + (1,)))
    big = struct.pack(">q3Q6QHH4x2QI4x", *(values + (46, 7) + high + (1,)))
    assert call_line("sysinfo", [0x5000], 0, {0x5000: wide}) == text
    assert call_line("sysinfo", [0x5000], 0, {0x5000: narrow}, abi="arm") == text
    assert call_line("sysinfo", [0x5000], 0, {0x5000: big}, abi="s390x") == text
    assert call_line("sysinfo", [0x5000], -14) == (
        "sysinfo(0x5000) = -1 EFAULT (Bad address)")
    assert call_line("sysinfo", [0x5000], 0, {0x5000: wide[:50]}) == "sysinfo(0x5000) = 0"


def test_getrandom_uname():
    mem = {0x6000: b"\x58\x16\xcc\x71\xe6\x5a\x0c\xb3"}
    assert call_line("getrandom", [0x6000, 8, 1], 8, mem) == (
        'getrandom("\\x58\\x16\\xcc\\x71\\xe6\\x5a\\x0c\\xb3", 8, GRND_NONBLOCK) = 8')
    assert call_line("getrandom", [0x6000, 0, 0], 0, mem) == 'getrandom("", 0, 0) = 0'
    assert call_line("getrandom", [1, 4, 2 | 0x100], -22) == (
        "getrandom(0x1, 4, GRND_RANDOM|0x100) = -1 EINVAL (Invalid argument)")
    uts = b"".join(s.ljust(65, b"\0") for s in (b"Linux", b"vm", b"6.1.0", b"#1 SMP",
                                                 b"x86_64", b"(none)"))
    assert call_line("uname", [0x8000], 0, {0x8000: uts}) == (
        'uname({sysname="Linux", nodename="vm", ...}) = 0')
    assert call_line("uname", [1], -14) == "uname(0x1) = -1 EFAULT (Bad address)"
    verbose = printers.Style(verbose=True)
    assert call_line("uname", [0x8000], 0, {0x8000: uts}, style=verbose) == (
        'uname({sysname="Linux", nodename="vm", release="6.1.0", version="#1 SMP", '
        'machine="x86_64", domainname="(none)"}) = 0')


def test_umask_personality():
    assert call_line("umask", [0o22], 0o22) == "umask(022) = 022"
    assert call_line("umask", [0o777], 0o22) == "umask(0777) = 022"
    assert call_line("umask", [0o22], 0o777) == "umask(022) = 0777"
    assert call_line("personality", [0xffffffff], 0) == "personality(0xffffffff) = 0 (PER_LINUX)"


def test_prctl():
    mem = {0x9000: b"decode-proc\0", 0x9100: i(SIGTERM)}
    assert call_line("prctl", [15, 0x9000], 0, mem) == 'prctl(PR_SET_NAME, "decode-proc") = 0'
    assert call_line("prctl", [16, 0x9000], 0, mem) == 'prctl(PR_GET_NAME, "decode-proc") = 0'
    assert call_line("prctl", [1, SIGTERM], 0) == "prctl(PR_SET_PDEATHSIG, SIGTERM) = 0"
    assert call_line("prctl", [2, 0x9100], 0, mem) == "prctl(PR_GET_PDEATHSIG, [SIGTERM]) = 0"
    assert call_line("prctl", [38, 1, 0, 0, 0], 0) == "prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) = 0"
    assert call_line("prctl", [39, 0, 0, 0, 0], 1) == "prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) = 1"
    assert call_line("prctl", [23, 0], 1) == "prctl(PR_CAPBSET_READ, CAP_CHOWN) = 1"
    assert call_line("prctl", [0x7777, 1, 2, 3, 4], -22) == (
        "prctl(0x7777 /* PR_??? */, 0x1, 0x2, 0x3, 0x4) = -1 EINVAL (Invalid argument)")


def test_sched_affinity():
    mem = {0x7000: q(3) + q(0) * 15}
    assert call_line("sched_getaffinity", [0, 128, 0x7000], 32, mem) == (
        "sched_getaffinity(0, 128, [0 1]) = 32")
    assert call_line("sched_getaffinity", [0, 1, 0x7ffde2ba3a30], -22) == (
        "sched_getaffinity(0, 1, 0x7ffde2ba3a30) = -1 EINVAL (Invalid argument)")
    assert call_line("sched_setaffinity", [0, 128, 0x7000], 0, mem) == (
        "sched_setaffinity(0, 128, [0 1]) = 0")
    assert call_line("sched_yield", [], 0) == "sched_yield() = 0"


def test_waitid_flag_order_and_unsigned_rusage():
    ru = q(2**64 - 1, 2**64 - 1, 3, 2**64 - 2) + q(*([2**64 - 1] + [0] * 13))
    mem = {0x5000: b"\0" * 128, 0x6000: ru}
    assert call_line("waitid", [1, 77, 0x5000, 1 | 4 | 2, 0x6000], 0, mem) == (
        "waitid(P_PID, 77, {}, WNOHANG|WEXITED|WSTOPPED, {ru_utime={tv_sec=-1, "
        "tv_usec=18446744073709551615}, ru_stime={tv_sec=3, tv_usec=18446744073709551614}, "
        "...}) = 0")
    assert call_line("waitid", [1, 77, 0x5000, 2, 0x6000], 0, mem,
                     style=printers.Style(verbose=True)).endswith(
        "ru_maxrss=18446744073709551615, ru_ixrss=0, ru_idrss=0, ru_isrss=0, ru_minflt=0, "
        "ru_majflt=0, ru_nswap=0, ru_inblock=0, ru_oublock=0, ru_msgsnd=0, ru_msgrcv=0, "
        "ru_nsignals=0, ru_nvcsw=0, ru_nivcsw=0}) = 0")
    assert call_line("waitid", [0, -1, 0x5000, 0x80000000 | 0x40000000 | 0x20000000 | 8, 0],
                     -10) == ("waitid(P_ALL, -1, 0x5000, WCONTINUED|__WCLONE|__WALL|__WNOTHREAD, "
                              "NULL) = -1 ECHILD (No child processes)")


def test_wait4_flag_order():
    assert call_line("wait4", [-1, 0, 1 | 2 | 0x40000000, 0], -10) == (
        "wait4(-1, NULL, WNOHANG|WSTOPPED|__WALL, NULL) = -1 ECHILD (No child processes)")


def test_sched_setaffinity_sizes(monkeypatch):
    from minitrace import libc
    mem = {0x7000: q(0x8000000000000005, 0x3)}
    assert call_line("sched_setaffinity", [0, 0, 0x7000], -22, mem) == (
        "sched_setaffinity(0, 0, []) = -1 EINVAL (Invalid argument)")
    assert call_line("sched_setaffinity", [0, 1, 0x7000], 0, mem) == (
        "sched_setaffinity(0, 1, [0 2]) = 0")          # one byte read, the rest of the word 0
    assert call_line("sched_setaffinity", [0, 8, 0], -14) == (
        "sched_setaffinity(0, 8, NULL) = -1 EFAULT (Bad address)")
    assert call_line("sched_setaffinity", [0, 0, 0x7000], -22, mem,
                     style=printers.Style(deref=False)) == (
        "sched_setaffinity(0, 0, 0x7000) = -1 EINVAL (Invalid argument)")
    # past the kernel's own mask size strace reads no further: `...`
    monkeypatch.setattr(libc, "cpuset_size", lambda: 8)
    assert call_line("sched_setaffinity", [0, 16, 0x7000], 0, mem) == (
        "sched_setaffinity(0, 16, [0 2 63 ...]) = 0")
    assert call_line("sched_setaffinity", [0, 16, 0x7008], 0, {0x7008: q(0)}) == (
        "sched_setaffinity(0, 16, [...]) = 0")


def test_cpuset_size_probe():
    from minitrace import libc
    size = libc.cpuset_size()
    assert size >= 8 and size & (size - 1) == 0
    assert len(os.sched_getaffinity(0)) <= size * 8


def test_execveat_flags_and_argv_edges():
    path, argv = 0x10000, 0x20000
    mem = {path: b"/bin/x\0", 0x30000: b"a\0", 0x30010: b"b\0",
           argv: q(0x30000, 0x30010, 0xffffffffffffffff)}     # then the memory ends
    assert call_line("execveat", [-100, path, argv, 0, 0x1100], -2, mem) == (
        'execveat(AT_FDCWD, "/bin/x", ["a", "b", 0xffffffffffffffff, ... /* 0x20018 */], NULL, '
        "AT_SYMLINK_NOFOLLOW|AT_EMPTY_PATH) = -1 ENOENT (No such file or directory)")
    assert call_line("execveat", [3, path, argv + 0x100, 0, 0x10000], -2, mem) == (
        'execveat(3, "/bin/x", 0x20100, NULL, 0x10000 /* AT_??? */) = '
        "-1 ENOENT (No such file or directory)")
    # -s 2: two elements and `...` (the third must exist); -v: no cut
    mem[argv] = q(0x30000, 0x30010, 0x30000, 0)
    style = printers.Style(string_limit=2)
    assert call_line("execve", [path, argv, 0], -2, mem, style=style) == (
        'execve("/bin/x", ["a", "b", ...], NULL) = -1 ENOENT (No such file or directory)')
    mem[argv] = q(0x30000, 0x30010, 0)
    assert call_line("execve", [path, argv, 0], -2, mem, style=style) == (
        'execve("/bin/x", ["a", "b"], NULL) = -1 ENOENT (No such file or directory)')
    assert call_line("execve", [path, argv, 0], -2, mem, style=printers.Style(deref=False)) == (
        'execve("/bin/x", 0x20000, NULL) = -1 ENOENT (No such file or directory)')


def test_get_robust_list():
    mem = {0x5000: q(0x7f0000001a20), 0x6000: q(24)}
    assert call_line("get_robust_list", [77, 0x5000, 0x6000], 0, mem) == (
        "get_robust_list(77, [0x7f0000001a20], [24]) = 0")
    assert call_line("get_robust_list", [0, 0, 0], -14) == (
        "get_robust_list(0, NULL, NULL) = -1 EFAULT (Bad address)")
    assert call_line("get_robust_list", [-1, 0x5000, 0x6000], -3, mem) == (
        "get_robust_list(-1, 0x5000, 0x6000) = -1 ESRCH (No such process)")
