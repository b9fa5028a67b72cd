"""Offline tests of the signal, time and futex decoders: raw arguments and fake tracee memory
in, the line strace 6.1 printed for the same call out (x86_64 tracee)."""
import struct

import pytest

from decodertest import Entry, FakeMemory, call_line
from minitrace.arch import endian
from minitrace.printers import Style


A = 0x7ffd0000
B = 0x7ffe0000


def longs(*v):
    return struct.pack("<%dQ" % len(v), *v)


def ts(sec, nsec):
    return struct.pack("<qq", sec, nsec)


def test_rt_sigaction():
    act = longs(0x401628, 0x14000004, 0x409270, 1 << 11)      # handler, flags, restorer, mask
    assert call_line("rt_sigaction", [10, A, 0, 8], 0, {A: act}) == (
        "rt_sigaction(SIGUSR1, {sa_handler=0x401628, sa_mask=[USR2], "
        "sa_flags=SA_RESTORER|SA_RESTART|SA_SIGINFO, sa_restorer=0x409270}, NULL, 8) = 0")
    act = longs(1, 0x14000000, 0x409270, 1 << 12)
    old = longs(0, 0, 0, 0)
    assert call_line("rt_sigaction", [13, A, B, 8], 0, {A: act, B: old}) == (
        "rt_sigaction(SIGPIPE, {sa_handler=SIG_IGN, sa_mask=[PIPE], sa_flags=SA_RESTORER|"
        "SA_RESTART, sa_restorer=0x409270}, {sa_handler=SIG_DFL, sa_mask=[], sa_flags=0}, 8) = 0")
    act = longs(0x401615, 0xffffffffcc000001, 0x409270, 0xfffffffe7fffffff)
    assert call_line("rt_sigaction", [17, A, 0, 8], 0, {A: act}) == (
        "rt_sigaction(SIGCHLD, {sa_handler=0x401615, sa_mask=~[RTMIN RT_1], sa_flags=SA_RESTORER"
        "|SA_ONSTACK|SA_NODEFER|SA_RESETHAND|SA_NOCLDSTOP|0xffffffff00000000, "
        "sa_restorer=0x409270}, NULL, 8) = 0")
    act = longs(0x401615, 0x10000800, 0, 5)
    assert call_line("rt_sigaction", [28, 0, B, 8], 0, {B: act}) == (
        "rt_sigaction(SIGWINCH, NULL, {sa_handler=0x401615, sa_mask=[HUP QUIT], "
        "sa_flags=SA_RESTART|0x800}, 8) = 0")
    assert call_line("rt_sigaction", [12, 8, 0, 8], -14) == (
        "rt_sigaction(SIGUSR2, 0x8, NULL, 8) = -1 EFAULT (Bad address)")
    assert call_line("rt_sigaction", [99, 0, B, 8], -22, {B: act}) == (
        "rt_sigaction(99, NULL, 0x7ffe0000, 8) = -1 EINVAL (Invalid argument)")
    act = longs(0x401615, 0x4000000, 0x409270, (1 << 33) | (1 << 63) | 1)
    assert call_line("rt_sigaction", [35, A, 0, 8], 0, {A: act}) == (
        "rt_sigaction(SIGRT_3, {sa_handler=0x401615, sa_mask=[HUP RT_2 RT_32], "
        "sa_flags=SA_RESTORER, sa_restorer=0x409270}, NULL, 8) = 0")


def test_rt_sigprocmask():
    m = {A: longs(0xfffffffe7fffffff), B: longs(0)}
    assert call_line("rt_sigprocmask", [0, A, B, 8], 0, m) == (
        "rt_sigprocmask(SIG_BLOCK, ~[RTMIN RT_1], [], 8) = 0")
    assert call_line("rt_sigprocmask", [2, B, 0, 8], 0, m) == (
        "rt_sigprocmask(SIG_SETMASK, [], NULL, 8) = 0")
    m = {A: longs(0xffffffff)}
    assert call_line("rt_sigprocmask", [1, A, 0, 8], 0, m) == (
        "rt_sigprocmask(SIG_UNBLOCK, [HUP INT QUIT ILL TRAP ABRT BUS FPE KILL USR1 SEGV USR2 "
        "PIPE ALRM TERM STKFLT CHLD CONT STOP TSTP TTIN TTOU URG XCPU XFSZ VTALRM PROF WINCH IO "
        "PWR SYS RTMIN], NULL, 8) = 0")
    assert call_line("rt_sigprocmask", [7, 0, 0, 8], 0) == (
        "rt_sigprocmask(0x7 /* SIG_??? */, NULL, NULL, 8) = 0")
    assert call_line("rt_sigprocmask", [0, A, 0, 16], -22, m) == (
        "rt_sigprocmask(SIG_BLOCK, 0x7ffd0000, NULL, 16) = -1 EINVAL (Invalid argument)")
    assert call_line("rt_sigprocmask", [0, 8, 0, 8], -14) == (
        "rt_sigprocmask(SIG_BLOCK, 0x8, NULL, 8) = -1 EFAULT (Bad address)")


def test_rt_sigreturn():
    sp = 0x7ffc0000
    frame = b"\0" * 296 + longs((1 << 11) | (1 << 14))
    assert call_line("rt_sigreturn", [], 0, {sp: frame}, sp=sp) == (
        "rt_sigreturn({mask=[USR2 TERM]}) = 0")
    assert call_line("rt_sigreturn", [], -4, {sp: b"\0" * 304}, sp=sp) == (
        "rt_sigreturn({mask=[]}) = -1 EINTR (Interrupted system call)")


@pytest.mark.parametrize("name,abi,offset", [
    ("rt_sigreturn", "aarch64", 168), ("rt_sigreturn", "riscv64", 168),
    ("rt_sigreturn", "arm", 232), ("sigreturn", "arm", 104), ("rt_sigreturn", "ppc64le", 168),
    ("sigreturn", "s390x", 160), ("rt_sigreturn", "s390x", 680)])
def test_sigreturn_other_abis(name, abi, offset):
    """The mask's place in each arch's signal frame. Seen against strace under qemu
    (tools/qemu_proof.py): every sigreturn, and rt_sigreturn on aarch64, riscv64 and ppc64le
    (arm's and s390x's are computed from the kernel's frame layouts). The 8-byte little-endian
    mask reads the same as two 4-byte arm words."""
    sp = 0x7ffc0000
    frame = b"\0" * offset + struct.pack(endian(abi) + "Q", (1 << 11) | (1 << 14))
    assert call_line(name, [], 0, {sp: frame}, sp=sp, abi=abi) == (
        "%s({mask=[USR2 TERM]}) = 0" % name)


def test_sigset_calls():
    m = {A: longs(1 << 11)}
    assert call_line("rt_sigpending", [A, 8], 0, m) == "rt_sigpending([USR2], 8) = 0"
    assert call_line("rt_sigpending", [A, 4], 0, m) == "rt_sigpending([USR2], 4) = 0"
    assert call_line("rt_sigsuspend", [A, 4], -22, m) == (
        "rt_sigsuspend(0x7ffd0000, 4) = -1 EINVAL (Invalid argument)")
    assert call_line("rt_sigsuspend", [B, 8], -514, {B: longs(0)}) == (
        "rt_sigsuspend([], 8) = ? ERESTARTNOHAND (To be restarted if no handler)")
    m = {A: longs((1 << 11) | (1 << 2))}
    assert call_line("signalfd4", [0xffffffff, A, 8, 0o2004000], 3, m) == (
        "signalfd4(-1, [QUIT USR2], 8, SFD_CLOEXEC|SFD_NONBLOCK) = 3")
    assert call_line("signalfd4", [0xffffffff, A, 8, 0x40], -22, m) == (
        "signalfd4(-1, [QUIT USR2], 8, 0x40 /* SFD_??? */) = -1 EINVAL (Invalid argument)")


def test_rt_sigtimedwait_and_queueinfo():
    info = struct.pack("<iii4xiI", 12, 0, 0, 21636, 0).ljust(128, b"\0")
    m = {A: longs(1 << 11), B: info, B + 0x1000: ts(0, 1000000)}
    assert call_line("rt_sigtimedwait", [A, B, B + 0x1000, 8], 12, m) == (
        "rt_sigtimedwait([USR2], {si_signo=SIGUSR2, si_code=SI_USER, si_pid=21636, si_uid=0}, "
        "{tv_sec=0, tv_nsec=1000000}, 8) = 12 (SIGUSR2)")
    assert call_line("rt_sigtimedwait", [A, B, B + 0x1000, 8], -11, m) == (
        "rt_sigtimedwait([USR2], 0x7ffe0000, {tv_sec=0, tv_nsec=1000000}, 8) = "
        "-1 EAGAIN (Resource temporarily unavailable)")
    q = struct.pack("<iii4xiIQ", 10, 0, -1, 21636, 0, 42).ljust(128, b"\0")
    assert call_line("rt_sigqueueinfo", [21636, 10, A], 0, {A: q}) == (
        "rt_sigqueueinfo(21636, SIGUSR1, {si_signo=SIGUSR1, si_code=SI_QUEUE, si_pid=21636, "
        "si_uid=0, si_int=42, si_ptr=0x2a}) = 0")
    assert call_line("rt_tgsigqueueinfo", [21636, 21636, 10, 8], -14) == (
        "rt_tgsigqueueinfo(21636, 21636, SIGUSR1, 0x8) = -1 EFAULT (Bad address)")


def test_sigaltstack_alarm_pause():
    st = struct.pack("<Qi4xQ", 0x4a9320, 0, 65536)
    old = struct.pack("<Qi4xQ", 0, 2, 0)
    assert call_line("sigaltstack", [A, B], 0, {A: st, B: old}) == (
        "sigaltstack({ss_sp=0x4a9320, ss_flags=0, ss_size=65536}, "
        "{ss_sp=NULL, ss_flags=SS_DISABLE, ss_size=0}) = 0")
    bad = struct.pack("<Qi4xQ", 0x4a9320, 0x10, 65536)
    assert call_line("sigaltstack", [A, 0], -22, {A: bad}) == (
        "sigaltstack({ss_sp=0x4a9320, ss_flags=0x10 /* SS_??? */, ss_size=65536}, NULL) = "
        "-1 EINVAL (Invalid argument)")
    assert call_line("alarm", [0], 1) == "alarm(0) = 1"
    assert call_line("pause", [], -514) == (
        "pause() = ? ERESTARTNOHAND (To be restarted if no handler)")


def test_sleeps():
    m = {A: ts(0, 1000000), B: ts(4, 900093897)}
    assert call_line("nanosleep", [A, B], 0, m) == (
        "nanosleep({tv_sec=0, tv_nsec=1000000}, 0x7ffe0000) = 0")
    assert call_line("nanosleep", [8, 0], -14) == "nanosleep(0x8, NULL) = -1 EFAULT (Bad address)"
    assert call_line("clock_nanosleep", [1, 0, A, B], -516, m) == (
        "clock_nanosleep(CLOCK_MONOTONIC, 0, {tv_sec=0, tv_nsec=1000000}, "
        "{tv_sec=4, tv_nsec=900093897}) = ? ERESTART_RESTARTBLOCK (Interrupted by signal)")
    assert call_line("clock_nanosleep", [0, 1, A, 0], 0, m) == (
        "clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, {tv_sec=0, tv_nsec=1000000}, NULL) = 0")
    assert call_line("clock_nanosleep", [99, 0x10, A, 0], -22, m) == (
        "clock_nanosleep(0x63 /* CLOCK_??? */, 0x10 /* TIMER_??? */, {tv_sec=0, "
        "tv_nsec=1000000}, NULL) = -1 EINVAL (Invalid argument)")


def test_restart_syscall():
    # no interrupted call seen: strace's text after an attach ("read" is x86_64's syscall 0)
    assert call_line("restart_syscall", [], 0) == (
        "restart_syscall(<... resuming interrupted read ...>) = 0")
    # the other ABIs, as strace 6.1 printed them under qemu (tools/qemu_proof.py)
    for abi, name in (("aarch64", "io_setup"), ("arm", "restart_syscall"),
                      ("ppc64le", "restart_syscall"), ("s390x", "syscall_0xfffffffffffffdfc")):
        assert call_line("restart_syscall", [], 0, abi=abi) == (
            "restart_syscall(<... resuming interrupted %s ...>) = 0" % name), abi


def test_clocks():
    m = {A: ts(3436, 347907999), B: struct.pack("<qq", 1795708370, 574087)}
    assert call_line("clock_gettime", [1, A], 0, m) == (
        "clock_gettime(CLOCK_MONOTONIC, {tv_sec=3436, tv_nsec=347907999}) = 0")
    assert call_line("clock_gettime", [99, A], -22, m) == (
        "clock_gettime(0x63 /* CLOCK_??? */, 0x7ffd0000) = -1 EINVAL (Invalid argument)")
    assert call_line("clock_getres", [11, 0], 0) == "clock_getres(CLOCK_TAI, NULL) = 0"
    assert call_line("clock_settime", [1, A], -22, m) == (
        "clock_settime(CLOCK_MONOTONIC, {tv_sec=3436, tv_nsec=347907999}) = "
        "-1 EINVAL (Invalid argument)")
    m[A] = struct.pack("<ii", 0, 0)
    assert call_line("gettimeofday", [B, A], 0, m) == (
        "gettimeofday({tv_sec=1795708370, tv_usec=574087}, {tz_minuteswest=0, tz_dsttime=0}) = 0")
    assert call_line("gettimeofday", [0, 0], 0) == "gettimeofday(NULL, NULL) = 0"


def test_timers():
    it = longs(0, 5000, 100, 0)
    assert call_line("setitimer", [1, A, 0], 0, {A: it}) == (
        "setitimer(ITIMER_VIRTUAL, {it_interval={tv_sec=0, tv_usec=5000}, "
        "it_value={tv_sec=100, tv_usec=0}}, NULL) = 0")
    assert call_line("getitimer", [7, A], -22, {A: it}) == (
        "getitimer(0x7 /* ITIMER_??? */, 0x7ffd0000) = -1 EINVAL (Invalid argument)")
    sev = struct.pack("<Qii", 5, 10, 0).ljust(64, b"\0")
    m = {A: sev, B: struct.pack("<i", 0)}
    assert call_line("timer_create", [1, A, B], 0, m) == (
        "timer_create(CLOCK_MONOTONIC, {sigev_value={sival_int=5, sival_ptr=0x5}, "
        "sigev_signo=SIGUSR1, sigev_notify=SIGEV_SIGNAL}, [0]) = 0")
    m[A] = struct.pack("<Qii", 5, 10, 1).ljust(64, b"\0")
    assert call_line("timer_create", [0, A, B], 0, m) == (
        "timer_create(CLOCK_REALTIME, {sigev_value={sival_int=5, sival_ptr=0x5}, "
        "sigev_signo=10, sigev_notify=SIGEV_NONE}, [0]) = 0")
    m[A] = struct.pack("<QiiI", 5, 10, 4, 27476).ljust(64, b"\0")
    assert call_line("timer_create", [7, A, B], 0, m) == (
        "timer_create(CLOCK_BOOTTIME, {sigev_value={sival_int=5, sival_ptr=0x5}, "
        "sigev_signo=SIGUSR1, sigev_notify=SIGEV_THREAD_ID, sigev_notify_thread_id=27476}, "
        "[0]) = 0")
    its = longs(1, 0, 0, 500000000)
    assert call_line("timerfd_settime", [3, 3, A, 0], 0, {A: its}) == (
        "timerfd_settime(3, TFD_TIMER_ABSTIME|TFD_TIMER_CANCEL_ON_SET, {it_interval={tv_sec=1, "
        "tv_nsec=0}, it_value={tv_sec=0, tv_nsec=500000000}}, NULL) = 0")
    assert call_line("timerfd_create", [1, 0o2004000], 3) == (
        "timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC|TFD_NONBLOCK) = 3")
    assert call_line("timer_settime", [0, 1, A, 0], 0, {A: its}) == (
        "timer_settime(0, TIMER_ABSTIME, {it_interval={tv_sec=1, tv_nsec=0}, "
        "it_value={tv_sec=0, tv_nsec=500000000}}, NULL) = 0")
    assert call_line("timer_delete", [0], -22) == "timer_delete(0) = -1 EINVAL (Invalid argument)"


def test_adjtimex_and_time():
    tx = struct.pack("<I4xqqqqi4xqqqqqqqqi4xqqqqqi", 0, 0, 0, 16000000, 16000000, 64, 2, 1,
                     32768000, 1795708381, 790667, 10000, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    assert call_line("adjtimex", [A], 5, {A: tx.ljust(208, b"\0")}) == (
        "adjtimex({modes=0, offset=0, freq=0, maxerror=16000000, esterror=16000000, "
        "status=STA_UNSYNC, constant=2, precision=1, tolerance=32768000, "
        "time={tv_sec=1795708381, tv_usec=790667}, tick=10000, ppsfreq=0, jitter=0, shift=0, "
        "stabil=0, jitcnt=0, calcnt=0, errcnt=0, stbcnt=0, tai=0}) = 5 (TIME_ERROR)")
    assert call_line("adjtimex", [8], -14) == "adjtimex(0x8) = -1 EFAULT (Bad address)"


def test_futex():
    u, u2 = 0x4a72d0, 0x4a72d4
    m = {A: ts(0, 1000000)}
    assert call_line("futex", [u, 128, 0, A], -110, m) == (
        "futex(0x4a72d0, FUTEX_WAIT_PRIVATE, 0, {tv_sec=0, tv_nsec=1000000}) = "
        "-1 ETIMEDOUT (Connection timed out)")
    assert call_line("futex", [u, 129, 1], 0) == "futex(0x4a72d0, FUTEX_WAKE_PRIVATE, 1) = 0"
    assert call_line("futex", [u, 0, 1, 0], -11) == (
        "futex(0x4a72d0, FUTEX_WAIT, 1, NULL) = -1 EAGAIN (Resource temporarily unavailable)")
    assert call_line("futex", [u, 0x109, 29925, 0, 0, 0xffffffff], 0) == (
        "futex(0x4a72d0, FUTEX_WAIT_BITSET|FUTEX_CLOCK_REALTIME, 29925, NULL, "
        "FUTEX_BITSET_MATCH_ANY) = 0")
    assert call_line("futex", [u, 5, 1, 1, u2, 0x04000001], 0) == (
        "futex(0x4a72d0, FUTEX_WAKE_OP, 1, 1, 0x4a72d4, "
        "FUTEX_OP_SET<<28|0<<12|FUTEX_OP_CMP_GT<<24|0x1) = 0")
    assert call_line("futex", [u, 133, 1, 0, u2, 0x90004fff], 0) == (
        "futex(0x4a72d0, FUTEX_WAKE_OP_PRIVATE, 1, 0, 0x4a72d4, FUTEX_OP_OPARG_SHIFT<<28|"
        "FUTEX_OP_ADD<<28|0x4<<12|FUTEX_OP_CMP_EQ<<24|0xfff) = 0")
    assert call_line("futex", [u, 5, 0, 0, u2, 0xdf000000], -38) == (
        "futex(0x4a72d0, FUTEX_WAKE_OP, 0, 0, 0x4a72d4, FUTEX_OP_OPARG_SHIFT<<28|0x5<<28 "
        "/* FUTEX_OP_??? */|0<<12|0xf<<24 /* FUTEX_OP_CMP_??? */|0) = "
        "-1 ENOSYS (Function not implemented)")
    assert call_line("futex", [u, 4, 1, 2, u2, 5], -11) == (
        "futex(0x4a72d0, FUTEX_CMP_REQUEUE, 1, 2, 0x4a72d4, 5) = "
        "-1 EAGAIN (Resource temporarily unavailable)")
    assert call_line("futex", [u, 6, 0, 0], 0) == "futex(0x4a72d0, FUTEX_LOCK_PI, NULL) = 0"
    assert call_line("futex", [u, 135], 0) == "futex(0x4a72d0, FUTEX_UNLOCK_PI_PRIVATE) = 0"
    assert call_line("futex", [u, 0x10d, 0, 0], 0) == (
        "futex(0x4a72d0, 0x10d /* FUTEX_??? */, NULL) = 0")
    assert call_line("futex", [u, 0x8e, 1, 3, u2, 0x55], -38) == (
        "futex(0x4a72d0, 0x8e /* FUTEX_??? */, 1, 0x3, 0x4a72d4, 0x55) = "
        "-1 ENOSYS (Function not implemented)")
    assert call_line("futex", [u, 130, 3], -38) == (
        "futex(0x4a72d0, FUTEX_FD|FUTEX_PRIVATE_FLAG, 3) = -1 ENOSYS (Function not implemented)")
    assert call_line("futex", [u, 10, 1, 0, 0, 2], 0) == (
        "futex(0x4a72d0, FUTEX_WAKE_BITSET, 1, 0x2) = 0")


def test_futex_command_texts_kept_per_style():
    """futex keeps each command's text per ABI (ctx.memo) and -X style: one context that
    changes style between calls (as -e abbrev= and StyledDecoder do) gets each style's text."""
    from minitrace import decode, events
    ctx = decode.Context(FakeMemory(), Style())
    dec = decode.lookup("futex")
    call = events.Syscall(1, "x86_64", 202, Entry("futex"), (0x4a72d0, 129, 1, 0, 0, 0), 0)
    texts = []
    for const_style in ("abbrev", "raw", "verbose", "abbrev"):
        ctx.style = Style(const_style=const_style)
        texts.append(dec.enter(ctx, call))
    assert texts == ["0x4a72d0, FUTEX_WAKE_PRIVATE, 1", "0x4a72d0, 0x81, 1",
                     "0x4a72d0, 0x81 /* FUTEX_WAKE_PRIVATE */, 1",
                     "0x4a72d0, FUTEX_WAKE_PRIVATE, 1"]
    call = events.Syscall(1, "x86_64", 202, Entry("futex"), (0x4a72d0, 0x8e, 1, 3, 0, 0x55), 0)
    assert dec.enter(ctx, call) == "0x4a72d0, 0x8e /* FUTEX_??? */, 1, 0x3, NULL, 0x55"


def test_futex_waitv():
    wv = struct.pack("<QQII", 1, 0x4a72d0, 2, 0) + struct.pack("<QQII", 0, 0x4a72d4, 130, 0)
    m = {A: wv, B: ts(3557, 551667145)}
    assert call_line("futex_waitv", [A, 2, 0, B, 1], -11, m) == (
        "futex_waitv([{val=0x1, uaddr=0x4a72d0, flags=FUTEX_32}, {val=0, uaddr=0x4a72d4, "
        "flags=FUTEX_32|FUTEX_PRIVATE_FLAG}], 2, 0, {tv_sec=3557, tv_nsec=551667145}, "
        "CLOCK_MONOTONIC) = -1 EAGAIN (Resource temporarily unavailable)")
    assert call_line("futex_waitv", [A, 0, 1, 0, 99], -22, m) == (
        "futex_waitv([], 0, 0x1, NULL, 0x63 /* CLOCK_??? */) = -1 EINVAL (Invalid argument)")
    assert call_line("futex_waitv", [8, 1, 0, 0, 1], -14) == (
        "futex_waitv(0x8, 1, 0, NULL, CLOCK_MONOTONIC) = -1 EFAULT (Bad address)")


def test_futex_waitv_reserved_and_an_unreadable_waiter():
    wv = struct.pack("<QQII", (1 << 64) - 1, 0, 0xffffffff, 0xffffffff)
    assert call_line("futex_waitv", [A, 1, 0, 0, 1], -22, {A: wv}) == (
        "futex_waitv([{val=0xffffffffffffffff, uaddr=NULL, flags=FUTEX_32|FUTEX_PRIVATE_FLAG|"
        "0xffffff7d, __reserved=0xffffffff}], 1, 0, NULL, CLOCK_MONOTONIC) = -1 EINVAL "
        "(Invalid argument)")
    one = struct.pack("<QQII", 0, 0x4a72d0, 2, 0)
    assert call_line("futex_waitv", [A, 2, 0, 0, 1], -14, {A: one}) == (
        "futex_waitv([{val=0, uaddr=0x4a72d0, flags=FUTEX_32}, ... /* 0x7ffd0018 */], 2, 0, NULL, "
        "CLOCK_MONOTONIC) = -1 EFAULT (Bad address)")
    many = one * 129
    text = call_line("futex_waitv", [A, 129, 0, 0, 1], -22, {A: many},
                     style=Style(string_limit=256))
    assert text.count("{val=") == 128 and "FUTEX_32}, ...], 129," in text


def test_sigset_texts_are_kept_per_style_and_forgotten_past_the_limit(monkeypatch):
    """The same mask in one context gives the text made the first time; -X raw (another
    const_style) does not get abbrev's; past printers.TEXTS_KEPT the kept texts are dropped."""
    from minitrace import decode, events, printers
    from minitrace.decode import sigcalls
    call = events.Syscall(1, "x86_64", 14, Entry("rt_sigprocmask"), (0,) * 6, 0)
    ctx = decode.Context(None)
    usr = (1 << 9) | (1 << 11)                         # USR1 USR2
    assert sigcalls.sigset_text(ctx, call, usr, 8) == "[USR1 USR2]"
    assert ctx.memo("x86_64", "sigset texts") == {(usr, 8, ctx.style.const_style): "[USR1 USR2]"}
    assert sigcalls.sigset_text(ctx, call, usr, 8) == "[USR1 USR2]"
    raw = decode.Context(None, printers.Style())
    raw.style.const_style = "raw"
    raw._tables = ctx._tables                          # one store: the style must tell them apart
    assert sigcalls.sigset_text(raw, call, usr, 8) == "[10 12]"
    assert sigcalls.sigset_text(ctx, call, usr, 8) == "[USR1 USR2]"
    monkeypatch.setattr(printers, "TEXTS_KEPT", 3)
    for n in range(1, 6):
        assert sigcalls.sigset_text(ctx, call, 1 << (n - 1), 8) == "[%s]" % (
            "HUP INT QUIT ILL TRAP".split()[n - 1])
    assert len(ctx.memo("x86_64", "sigset texts")) <= 3


@pytest.mark.parametrize("abi", ["x86_64", "i386", "x32", "aarch64", "arm", "ppc64le", "s390x"])
def test_read_sigset_reads_the_words_of_each_abi(abi):
    """read_sigset (a little-endian ABI's bytes taken as one number) gives bit n-1 = signal n
    on every ABI: 8 bytes of longs (or of two 32-bit words), and the 4 bytes of one word."""
    import struct as st
    from minitrace import arch, decode, events
    from minitrace.decode import sigcalls
    order = arch.endian(abi)
    word = "Q" if arch.long_bits(abi) == 64 else "I"
    mask = 0x8000000400000201
    data = st.pack(order + "Q", mask) if word == "Q" else \
        st.pack(order + "II", mask & 0xffffffff, mask >> 32)
    call = events.Syscall(1, abi, 0, Entry("rt_sigprocmask"), (0,) * 6, 0)
    ctx = decode.Context(FakeMemory({0x1000: data}))
    assert sigcalls.read_sigset(ctx, call, 0x1000, 8) == mask
    if word == "I":
        assert sigcalls.read_sigset(ctx, call, 0x1000, 4) == mask & 0xffffffff
