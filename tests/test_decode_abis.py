"""Offline tests of decoders reading the structs of ABIs other than x86_64 (32-bit, x32,
big-endian s390x): the bytes are packed here by hand from the uapi headers, the expected text is
what the same values give on x86_64. The offsets themselves are checked against each ABI's
compiler by tests/test_layouts_cross.py; these tests check that the decoders use them."""
import struct

from minitrace import decode, events, printers

from decodertest import Entry, FakeMemory, call_line

A = 0x10000
B = 0x20000


def test_utimensat_old_timespec32_on_i386_and_arm():
    # utimensat of i386/arm takes old_timespec32[2]; utimensat_time64 __kernel_timespec[2]
    t32 = struct.pack("<iiii", 1, 2, 3, (1 << 30) - 2)
    t64 = struct.pack("<qqqq", 1, 2, 3, (1 << 30) - 2)
    path = b"f\0"
    want = ('utimensat(AT_FDCWD, "f", [{tv_sec=1, tv_nsec=2} /* 1970-01-01T00:00:01.000000002'
            '+0000 */, UTIME_OMIT], 0) = 0')
    for abi in ("i386", "arm"):
        assert call_line("utimensat", [0xffffff9c, A, B, 0], 0, {A: path, B: t32}, abi) == want
        assert call_line("utimensat_time64", [0xffffff9c, A, B, 0], 0, {A: path, B: t64},
                         abi) == want.replace("utimensat", "utimensat_time64")
    assert call_line("utimensat", [(1 << 64) - 100, A, B, 0], 0, {A: path, B: t64}) == want


def test_siginfo_in_tracee_memory_of_a_32_bit_tracee():
    # the union starts at 12 on i386 (16 on x86_64): decoded, no longer printed as an address
    info = struct.pack("<iiiiIi", 10, 0, -1, 21636, 0, 42).ljust(128, b"\0")
    assert call_line("rt_sigqueueinfo", [21636, 10, A], 0, {A: info}, "i386") == (
        "rt_sigqueueinfo(21636, SIGUSR1, {si_signo=SIGUSR1, si_code=SI_QUEUE, si_pid=21636, "
        "si_uid=0, si_int=42, si_ptr=0x2a}) = 0")


def test_sigevent_on_big_endian_s390x():
    # sival_int is the first 4 bytes of the 8-byte union (the high half of a big-endian read)
    sev = struct.pack(">iiiii", 5, 0, 10, 4, 27476).ljust(64, b"\0")
    assert call_line("timer_create", [7, A, B], 0, {A: sev, B: b"\0" * 4}, "s390x") == (
        "timer_create(CLOCK_BOOTTIME, {sigev_value={sival_int=5, sival_ptr=0x500000000}, "
        "sigev_signo=SIGUSR1, sigev_notify=SIGEV_THREAD_ID, sigev_notify_thread_id=27476}, "
        "[0]) = 0")


def test_pselect6_sigset_argpack_of_x32_is_64_bit():
    # x32's pselect6 is the common 64-bit syscall: {sigset_t *, size_t} in 64-bit words
    pack = struct.pack("<QQ", B, 8)
    mask = struct.pack("<Q", 1 << 16)
    line = call_line("pselect6", [0, 0, 0, 0, 0, A], 0, {A: pack, B: mask}, "x32")
    assert line == ("pselect6(0, NULL, NULL, NULL, NULL, {sigmask=[CHLD], sigsetsize=8}) = 0 "
                    "(Timeout)")


def test_epoll_data_u32_on_big_endian_s390x():
    ev = struct.pack(">I4xQ", 1, (7 << 32) | 9)
    assert call_line("epoll_ctl", [3, 1, 4, A], 0, {A: ev}, "s390x") == (
        "epoll_ctl(3, EPOLL_CTL_ADD, 4, {events=EPOLLIN, data={u32=7, u64=30064771081}}) = 0")


# x32: these calls are the common 64-bit syscalls of arch/x86/entry/syscalls/syscall_64.tbl, so
# the kernel fills the x86_64 structs (64-bit longs), though x32's own C long is 32-bit

def test_x32_getrlimit_times_getrusage_use_64_bit_kernel_longs():
    rl = struct.pack("<QQ", 8 << 20, (1 << 64) - 1)
    assert call_line("getrlimit", [3, A], 0, {A: rl}, "x32") == (
        "getrlimit(RLIMIT_STACK, {rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}) = 0")
    tms = struct.pack("<qqqq", 1, 2, 3, 4)
    # -X raw: the clock_t values without their seconds comment (the tracer's _SC_CLK_TCK)
    assert call_line("times", [A], 77, {A: tms}, "x32",
                     style=printers.Style(const_style="raw")) == (
        "times({tms_utime=1, tms_stime=2, tms_cutime=3, tms_cstime=4}) = 77")
    ru = struct.pack("<qqqq", 0, 73, 1, 5) + struct.pack("<14q", *range(1, 15))
    assert call_line("getrusage", [0, A], 0, {A: ru}, "x32") == (
        "getrusage(RUSAGE_SELF, {ru_utime={tv_sec=0, tv_usec=73}, "
        "ru_stime={tv_sec=1, tv_usec=5}, ...}) = 0")


def test_x32_fcntl_flock_and_getdents():
    fl = struct.pack("<hh4xqqi4x", 1, 0, 0, 10, 0)
    assert call_line("fcntl", [3, 6, A], 0, {A: fl}, "x32") == (
        "fcntl(3, F_SETLK, {l_type=F_WRLCK, l_whence=SEEK_SET, l_start=0, l_len=10}) = 0")
    ent = struct.pack("<QqH", 5, 1, 24) + b".\0\0\0\0" + b"\x04"
    assert len(ent) == 24
    line = call_line("getdents", [15, A, 4096], 24, {A: ent}, "x32")
    assert line == "getdents(15, 0x10000 /* 1 entries */, 4096) = 24"


def test_arm_flock64_aligns_l_start_to_8():
    fl = struct.pack("<hh4xqqi4x", 1, 0, 100, 10, 0)
    assert call_line("fcntl64", [3, 13, A], 0, {A: fl}, "arm") == (
        "fcntl64(3, F_SETLK64, {l_type=F_WRLCK, l_whence=SEEK_SET, l_start=100, l_len=10}) = 0")
    i386 = struct.pack("<hhqqi", 1, 0, 100, 10, 0)
    assert call_line("fcntl64", [3, 13, A], 0, {A: i386}, "i386") == (
        "fcntl64(3, F_SETLK64, {l_type=F_WRLCK, l_whence=SEEK_SET, l_start=100, l_len=10}) = 0")


def test_ppc64le_shmctl_times_before_segsz():
    perm = struct.pack("<iIIIIIII QQ".replace(" ", ""), 0, 0, 0, 0, 0, 0o600, 1, 0, 0, 0)
    ds = perm + struct.pack("<qqqQiiQQQ", 1795709542, 0, 1795709542, 4096, 10840, 10840, 2,
                            0, 0)
    assert call_line("shmctl", [0, 2, A], 0, {A: ds}, "ppc64le") == (
        "shmctl(0, IPC_STAT, {shm_perm={uid=0, gid=0, mode=0600, key=0, cuid=0, cgid=0}, "
        "shm_segsz=4096, shm_cpid=10840, shm_lpid=10840, shm_nattch=2, shm_atime=1795709542, "
        "shm_dtime=0, shm_ctime=1795709542}) = 0")


def test_ppc64le_termios_c_cc_before_c_line():
    import syscalls
    tcgets = syscalls.constants("ppc64le")["TCGETS"]
    cc = bytes(range(1, 20))
    tio = struct.pack("<IIII", 0x500, 5, 0xbf, 0x8a3b) + cc + b"\x00" + struct.pack("<II", 0, 0)
    from minitrace import printers
    line = call_line("ioctl", [4, tcgets, A], 0, {A: tio}, "ppc64le",
                     style=printers.Style(verbose=True))
    assert "c_line=N_TTY" in line and "[VINTR]=0x1," in line, line


def test_x32_msgsnd_mtype_is_64_bit():
    buf = struct.pack("<q", 1) + b"hello"
    assert call_line("msgsnd", [0, A, 5, 0], 0, {A: buf}, "x32") == (
        'msgsnd(0, {mtype=1, mtext="hello"}, 5, 0) = 0')


def test_execve_argv_on_big_endian_s390x():
    """argv is an array of the tracee's pointers, in the tracee's byte order."""
    argv, s0, s1 = 0x3ffd000, 0x3ffe000, 0x3ffe010
    mem = {argv: struct.pack(">QQQ", s0, s1, 0), s0: b"/bin/true\0", s1: b"-x\0"}
    assert call_line("execve", [s0, argv, 0], 0, mem, "s390x") == (
        'execve("/bin/true", ["/bin/true", "-x"], NULL) = 0')


def test_set_thread_area_of_i386():
    desc = struct.pack("<iIII", -1, 0xf7f1c740, 0xfffff, 0x51)
    after = struct.pack("<iIII", 12, 0xf7f1c740, 0xfffff, 0x51)
    text = ("set_thread_area({entry_number=-1, base_addr=0xf7f1c740, limit=0x0fffff, seg_32bit=1, "
            "contents=0, read_exec_only=0, limit_in_pages=1, seg_not_present=0, useable=1})")
    call = events.Syscall(1, "i386", 243, Entry("set_thread_area"), (A, 0, 0, 0, 0, 0), 0)
    mem = FakeMemory({A: desc})
    ctx = decode.Context(mem)
    dec = decode.lookup("set_thread_area")
    head = dec.enter(ctx, call)
    mem.regions[A] = after                    # the kernel wrote the slot it chose
    call.ret, call.error = 0, 0
    assert "set_thread_area(%s) = %s" % (head, dec.result(ctx, call)) == (
        text + " = 0 (entry_number=12)")


def test_sigreturn_mask_of_i386_in_two_halves():
    sp = 0xffd0000
    mem = {sp + 80: struct.pack("<I", (1 << 9) | (1 << 11)), sp + 712: struct.pack("<I", 1)}
    assert call_line("sigreturn", [], 10, mem, "i386", sp=sp) == (
        "sigreturn({mask=[USR1 USR2 RT_1]}) = 10")


def test_thread_area_on_x86_64_has_lm_and_splits_get():
    A2 = 0x7f0000010000
    desc = struct.pack("<IIII", 0x83828180, 0, 0x1f, 0x51 | 0x80)
    assert call_line("set_thread_area", [A2], -38, {A2: desc}) == (
        "set_thread_area({entry_number=2206368128, base_addr=00000000, limit=0x00001f, "
        "seg_32bit=1, contents=0, read_exec_only=0, limit_in_pages=1, seg_not_present=0, "
        "useable=1, lm=1}) = -1 ENOSYS (Function not implemented)")
    assert call_line("get_thread_area", [A2], -38, {A2: desc}) == (
        "get_thread_area({entry_number=2206368128, ...}) = -1 ENOSYS (Function not implemented)")
    asked = struct.pack("<I", 0xffffffff)
    got = struct.pack("<IIII", 12, 0x1000, 0xfffff, 0x51)
    assert call_line("get_thread_area", [A2], 0, {A2: asked}, exit_mem={A2: got}) == (
        "get_thread_area({entry_number=-1 => 12, base_addr=0x001000, limit=0x0fffff, "
        "seg_32bit=1, contents=0, read_exec_only=0, limit_in_pages=1, seg_not_present=0, "
        "useable=1, lm=0}) = 0")
    assert call_line("get_thread_area", [0], -14) == (
        "get_thread_area(NULL) = -1 EFAULT (Bad address)")


def test_modify_ldt_error_in_an_int_and_the_descriptor_by_size():
    """A 64-bit tracee sees modify_ldt's int -ENOSYS as 0xffffffda: the value, then its errno."""
    desc = struct.pack("<IIII", 0xffffffff, 0, 0, 0x31)
    assert call_line("modify_ldt", [0, 0, 0], 0) == "modify_ldt(0, NULL, 0) = 0"
    assert call_line("modify_ldt", [0xdeadbeefda7a1057, A, 16], 0xffffffda, {A: desc}) == (
        "modify_ldt(-629534633, {entry_number=-1, base_addr=00000000, limit=00000000, "
        "seg_32bit=1, contents=0, read_exec_only=0, limit_in_pages=1, seg_not_present=1, "
        "useable=0, lm=0}, 16) = 4294967258 ENOSYS (Function not implemented)")
    assert call_line("modify_ldt", [1, A, 42], -14, {A: desc}) == (
        "modify_ldt(1, 0x10000, 42) = -1 EFAULT (Bad address)")


def test_ioperm_in_hex():
    assert call_line("ioperm", [0xdeafbeefffffffff, 1, 0], -38) == (
        "ioperm(0xdeafbeefffffffff, 0x1, 0) = -1 ENOSYS (Function not implemented)")


def test_read_ints_and_longs_in_each_byte_order_and_word_size():
    from minitrace.decode import Context, common
    from minitrace.events import Syscall
    from decodertest import Entry, FakeMemory
    values = (1, -2, 0x7fffffff)
    for abi, order, long_code in (("x86_64", "<", "q"), ("s390x", ">", "q"), ("i386", "<", "i"),
                                  ("x32", "<", "i")):
        ints = struct.pack(order + "3i", *values)
        longs = struct.pack(order + "3" + long_code, *values)
        ctx = Context(FakeMemory({0x1000: ints, 0x2000: longs}))
        call = Syscall(1, abi, 0, Entry("x"), (0,) * 6, 0)
        for _ in range(2):            # the second read takes the kept struct
            assert common.read_ints(ctx, call, 0x1000, 3) == values
            assert common.read_ints(ctx, call, 0x1000, 1) == values[:1]
            assert common.read_longs(ctx, call, 0x2000, 3, signed=True) == values
            assert common.read_longs(ctx, call, 0x2000, 2)[1] == (-2) & common.lmask(call)
        assert common.read_ints(ctx, call, 0x1008, 2) is None     # one int short
