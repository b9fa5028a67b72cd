"""tracecmp.normalise, the normaliser most trace comparisons go through: a pid is labelled where
a pid stands and nowhere else. On a machine whose pids wrapped (pid_max 32768 and a long test
session: CI), a tracee's pid is as often 644 or 832 as 31679, and a number that merely equals
a pid (a file mode 0644, a read of 832 bytes) must stay, or two runs of the same program
normalise differently (the CI failure of test_pyz on 2026-12-02: `S_IFREG|P1`)."""
import tracecmp as tc


def test_numbers_that_equal_a_pid_stay():
    lines = [
        "set_tid_address(0x7f0a1b2c3d90)         = 644",
        'newfstatat(3, "", {st_mode=S_IFREG|0644, st_size=644, ...}, AT_EMPTY_PATH) = 0',
        'read(3, "\\177ELF"..., 644)              = 644',
        "+++ exited with 0 +++",
    ]
    assert tc.normalise(lines) == [
        "set_tid_address(ADDR)                   = P1",
        'newfstatat(3, "", {st_mode=S_IFREG|0644, st_size=644, ...}, AT_EMPTY_PATH) = 0',
        'read(3, "\\177ELF"..., 644)              = 644',
        "+++ exited with 0 +++",
    ]


def test_pids_are_labelled_where_pids_stand():
    lines = [
        "clone(child_stack=NULL, flags=CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f0a1b2c3d90) = 832",
        "[pid   832] getppid()                   = 700",
        "[pid   832] getpgid(700)                = 700",
        "[pid   832] setpgid(832, 700)           = 0",
        "[pid   832] prlimit64(700, RLIMIT_NOFILE, NULL, {rlim_cur=832, rlim_max=832}) = 0",
        "[pid   832] rt_tgsigqueueinfo(700, 832, SIGUSR1, {si_signo=SIGUSR1, si_code=SI_QUEUE, "
        "si_pid=832, si_uid=0, si_int=832, si_ptr=0x340}) = 0",
        '[pid   832] openat(AT_FDCWD, "/proc/700/status", O_RDONLY) = 3',
        "[pid   832] futex(0x7f0a1b2c3d90, FUTEX_WAIT_BITSET|FUTEX_CLOCK_REALTIME, 832, NULL, "
        "FUTEX_BITSET_MATCH_ANY) = 0",
        "[pid   832] getsockname(3<NETLINK:[ROUTE:832]>, {sa_family=AF_NETLINK, nl_pid=832, "
        "nl_groups=00000000}, [12]) = 0",
        "[pid   832] write(1, \"832\", 3)          = 3",
        "[pid   832] rt_sigreturn({mask=[]})     = 700",
        "[pid   832] +++ exited with 0 +++",
        "--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=832, si_uid=0, si_status=0, "
        "si_utime=0, si_stime=0} ---",
    ]
    got = tc.normalise(lines)
    assert got[0].endswith("= P1")
    assert got[1:4] == [
        "[pid P1] getppid()                      = P2",
        "[pid P1] getpgid(P2)                    = P2",
        "[pid P1] setpgid(P1, P2)                = 0",
    ]
    # the limits are not pids; si_int is not a pid
    assert got[4] == "[pid P1] prlimit64(P2, RLIMIT_NOFILE, NULL, {rlim_cur=832, rlim_max=832}) = 0"
    assert "rt_tgsigqueueinfo(P2, P1, SIGUSR1, " in got[5]
    assert "si_pid=P1, si_uid=0, si_int=832, si_ptr=0x340" in got[5]
    assert '"/proc/P2/status"' in got[6]
    assert "FUTEX_CLOCK_REALTIME, P1, NULL" in got[7]
    assert "NETLINK:[ROUTE:P1]" in got[8] and "nl_pid=P1" in got[8]
    # a string's bytes stay as they are
    assert got[9] == '[pid P1] write(1, "832", 3)             = 3'
    # sigreturn restores the interrupted code's return register: a pid after fork
    assert got[10] == "[pid P1] rt_sigreturn({mask=[]})        = P2"
    assert "si_pid=P1" in got[12]


def test_a_tests_own_substitutions_come_before_the_realignment():
    import re
    inode = [(re.compile(r":\[\d+\]"), ":[N]")]
    five = "write(4<pipe:[12345]>, \"x\", 1)          = 1"
    six = "write(4<pipe:[123456]>, \"x\", 1)         = 1"
    assert not tc.alignment_errors([five, six])
    assert tc.normalise([five], extra=inode) == tc.normalise([six], extra=inode) == [
        "write(4<pipe:[N]>, \"x\", 1)              = 1"]
