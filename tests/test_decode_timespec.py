"""Offline tests of what the time and message-queue calls share: a timespec's tv_nsec printed
unsigned in its own width (strace's print_timespec_t), a sigevent read as strace reads it (no
tail padding), and the -e read=/-e write= dumps of the message-queue calls."""
import struct

from decodertest import FakeMemory, PID, call_line
from minitrace import events, iodump
from minitrace.decode.timefmt import ts_text

A = 0x7ffd0000
B = 0x7ffe0000


def test_ts_text_widths():
    assert ts_text(-1, -1) == "{tv_sec=-1, tv_nsec=18446744073709551615}"
    assert ts_text(-1, -1, 32) == "{tv_sec=-1, tv_nsec=4294967295}"
    assert ts_text(5, 999999999) == "{tv_sec=5, tv_nsec=999999999}"


def test_nanosleep_negative_nsec():
    mem = {A: struct.pack("<qq", -2, -7)}
    assert call_line("nanosleep", [A, B], -22, mem) == (
        "nanosleep({tv_sec=-2, tv_nsec=18446744073709551609}, 0x7ffe0000) = "
        "-1 EINVAL (Invalid argument)")
    mem = {A: struct.pack("<ii", -2, -7)}
    assert call_line("nanosleep", [A, B], -22, mem, abi="i386") == (
        "nanosleep({tv_sec=-2, tv_nsec=4294967289}, 0x7ffe0000) = -1 EINVAL (Invalid argument)")
    mem = {A: struct.pack("<qq", -2, -7)}
    assert call_line("clock_nanosleep_time64", [1, 0, A, B], -22, mem, abi="i386") == (
        "clock_nanosleep_time64(CLOCK_MONOTONIC, 0, {tv_sec=-2, tv_nsec=18446744073709551609}, "
        "0x7ffe0000) = -1 EINVAL (Invalid argument)")


def test_timer_settime_negative_nsec():
    mem = {A: struct.pack("<qqqq", 0, -1, 3, 5)}
    assert call_line("timer_settime", [0, 0, A, 0], -22, mem) == (
        "timer_settime(0, 0, {it_interval={tv_sec=0, tv_nsec=18446744073709551615}, "
        "it_value={tv_sec=3, tv_nsec=5}}, NULL) = -1 EINVAL (Invalid argument)")
    mem = {A: struct.pack("<iiii", 0, -1, 3, 5)}
    assert call_line("timer_settime", [0, 0, A, 0], -22, mem, abi="i386") == (
        "timer_settime(0, 0, {it_interval={tv_sec=0, tv_nsec=4294967295}, "
        "it_value={tv_sec=3, tv_nsec=5}}, NULL) = -1 EINVAL (Invalid argument)")


def test_mq_notify_sigevent_at_end_of_page():
    # value, signo, notify (SIGEV_THREAD), function, attributes: 32 bytes and no more
    sev = struct.pack("<QiiQQ", 0x1122334455667788, 14, 2, 0xdead0000, 0xbeef0000)
    assert call_line("mq_notify", [3, A], -14, {A: sev}) == (
        "mq_notify(3, {sigev_value={sival_int=1432778632, sival_ptr=0x1122334455667788}, "
        "sigev_signo=SIGALRM, sigev_notify=SIGEV_THREAD, sigev_notify_function=0xdead0000, "
        "sigev_notify_attributes=0xbeef0000}) = -1 EFAULT (Bad address)")
    # one byte short: the address
    assert call_line("mq_notify", [3, A], -14, {A: sev[:31]}) == (
        "mq_notify(3, 0x7ffd0000) = -1 EFAULT (Bad address)")
    # a NULL sival_ptr: no sigev_value; signo unsigned when notify is not a signal
    sev = struct.pack("<QiiQQ", 0, -3, 1, 0, 0)
    assert call_line("mq_notify", [3, A], 0, {A: sev}) == (
        "mq_notify(3, {sigev_signo=4294967293, sigev_notify=SIGEV_NONE}) = 0")
    sev = struct.pack("<IiiII", 7, 10, 0, 0, 0)          # i386: 20 bytes
    assert call_line("mq_notify", [3, A], 0, {A: sev}, abi="i386") == (
        "mq_notify(3, {sigev_value={sival_int=7, sival_ptr=0x7}, sigev_signo=SIGUSR1, "
        "sigev_notify=SIGEV_SIGNAL}) = 0")


class _Entry(object):
    def __init__(self, name):
        self.name = name


def _dump(name, args, ret, mem, read_fds=(), write_fds=()):
    call = events.Syscall(PID, "x86_64", 0, _Entry(name), tuple(args) + (0,) * 3, 0x401000)
    call.ret = ret
    call.error = 0
    dump = iodump.IoDump(lambda fd: fd in read_fds, lambda fd: fd in write_fds)
    return dump(FakeMemory(mem), call)


def test_mq_dumps():
    mem = {A: b"abcdefgh"}
    # mq_timedsend returns 0: the dump is of msg_len bytes
    assert _dump("mq_timedsend", [3, A, 5, 0, 0], 0, mem, write_fds=(3,)) == [
        " | 00000  61 62 63 64 65                                    abcde            |"]
    assert _dump("mq_timedsend", [3, A, 5, 0, 0], 0, mem, read_fds=(3,)) is None
    # mq_timedreceive returns the size received
    assert _dump("mq_timedreceive", [3, A, 8, 0, 0], 2, mem, read_fds=(3,)) == [
        " | 00000  61 62                                             ab               |"]
    assert _dump("mq_timedreceive", [3, A, 8, 0, 0], 0, mem, read_fds=(3,)) is None
