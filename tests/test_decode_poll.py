"""Offline tests of poll/ppoll/select as strace 6.1 prints them: pollfd arrays through
print_array, negative descriptors without events, the exit text built in strace's buffer,
select's sets with nfds <= 0 as addresses."""
import struct

from minitrace import printers
from decodertest import call_line

A, B = 0x10000, 0x20000


def pollfd(fd, events, revents=0):
    return struct.pack("<ihh", fd, events, revents)


def test_poll_array_and_results():
    mem = {A: pollfd(-1, 1) + pollfd(1, 4, 4) + pollfd(5, 4, 4)}
    assert call_line("poll", [A, 3, 42], 2, mem) == (
        "poll([{fd=-1}, {fd=1, events=POLLOUT}, {fd=5, events=POLLOUT}], 3, 42) = 2"
        " ([{fd=1, revents=POLLOUT}, {fd=5, revents=POLLOUT}])")
    # -s1: one result, then `...`
    assert call_line("poll", [A, 3, 42], 2, mem, style=printers.Style(string_limit=1)) == (
        "poll([{fd=-1}, ...], 3, 42) = 2 ([{fd=1, revents=POLLOUT}, ...])")
    assert call_line("poll", [A, 3, 0], 0, mem) == (
        "poll([{fd=-1}, {fd=1, events=POLLOUT}, {fd=5, events=POLLOUT}], 3, 0) = 0 (Timeout)")


def test_poll_array_ending_in_unreadable_memory():
    mem = {A: pollfd(9, 4, 4)}
    assert call_line("poll", [A, 2, 0], -14, mem) == (
        "poll([{fd=9, events=POLLOUT}, ... /* 0x10008 */], 2, 0) = -1 EFAULT (Bad address)")
    assert call_line("poll", [A, 2, 0], 1, mem) == (
        "poll([{fd=9, events=POLLOUT}, ... /* 0x10008 */], 2, 0) = 1"
        " ([{fd=9, revents=POLLOUT}, 0x10008])")


def test_ppoll_left_without_ready_entries():
    ts = struct.pack("<qq", 1, 2)
    mem = {A: pollfd(3, 1, 0), B: ts}
    assert call_line("ppoll", [A, 1, B, 0, 8], 1, mem) == (
        "ppoll([{fd=3, events=POLLIN}], 1, {tv_sec=1, tv_nsec=2}, NULL, 8) = 1"
        " (left {tv_sec=1, tv_nsec=2})")


def test_select_sets():
    mem = {A: struct.pack("<Q", 0b11000), B: struct.pack("<Q", 0)}
    # the kernel cleared the sets: strace still prints its (empty) auxstr
    assert call_line("select", [5, A, A, B, 0], 3, {A: mem[B], B: mem[B]}) == \
        "select(5, [], [], [], NULL) = 3 ()"
    assert call_line("select", [5, A, 0, B, 0], 2, mem) == \
        "select(5, [3 4], NULL, [], NULL) = 2 (in [3 4])"
    # only as many descriptors as the result counts
    assert call_line("select", [5, A, A, 0, 0], 2, mem) == \
        "select(5, [3 4], [3 4], NULL, NULL) = 2 (in [3 4])"
    assert call_line("select", [5, A, A, 0, 0], 3, mem) == \
        "select(5, [3 4], [3 4], NULL, NULL) = 3 (in [3 4], out [3])"
    # nfds <= 0: no set is read
    assert call_line("select", [0xffffffff, 0, A, 0, 0], -22, mem) == \
        "select(-1, NULL, 0x10000, NULL, NULL) = -1 EINVAL (Invalid argument)"


def test_select_sets_are_not_cut_by_s():
    mem = {A: struct.pack("<Q", 0b1111)}
    assert call_line("select", [4, A, 0, 0, 0], 0, mem, style=printers.Style(string_limit=1)) \
        == "select(4, [0 1 2 3], NULL, NULL, NULL) = 0 (Timeout)"


def test_epoll_ctl_del_prints_the_event_address_only():
    ev = struct.pack("<IQ", 1, 0xffffffffffffffff)
    assert call_line("epoll_ctl", [3, 2, 4, A], -9, {A: ev}) == (
        "epoll_ctl(3, EPOLL_CTL_DEL, 4, 0x10000) = -1 EBADF (Bad file descriptor)")
    assert call_line("epoll_ctl", [3, 1, 4, A], -9, {A: ev}) == (
        "epoll_ctl(3, EPOLL_CTL_ADD, 4, {events=EPOLLIN, data={u32=4294967295, "
        "u64=18446744073709551615}}) = -1 EBADF (Bad file descriptor)")
