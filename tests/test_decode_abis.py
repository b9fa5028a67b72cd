"""Offline tests of decoders reading the structs of ABIs other than x86_64 (32-bit, x32,
big-endian s390x): the bytes are packed here by hand from the uapi headers, the expected text is
what the same values give on x86_64. The offsets themselves are checked against each ABI's
compiler by tests/test_layouts_cross.py; these tests check that the decoders use them."""
import struct

from decodertest import call_line

A = 0x10000
B = 0x20000


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

