"""Offline tests of struct msghdr / mmsghdr as strace 6.1 prints them (sendmsg, recvmsg,
sendmmsg, recvmmsg): msg_name read up to the smaller of the caller's and the kernel's
msg_namelen, `{msg_namelen=N}` of a failed recvmsg, mmsghdr arrays through print_array."""
import struct

from minitrace import decode, events, printers
import syscalls
from decodertest import PID, Entry, FakeMemory

MSG, IOV, NAME, DATA = 0x10000, 0x20000, 0x30000, 0x40000
EFAULT, EBADF = -14, -9


def msghdr(name, namelen, iov, iovlen):
    return struct.pack("<QiiQQQQI4x", name, namelen, 0, iov, iovlen, 0, 0, 0)


def run(name, args, before, after, ret, style=None):
    """The line of a call whose memory is `before` at entry and `after` at exit."""
    args = tuple(args) + (0,) * (6 - len(args))
    call = events.Syscall(PID, "x86_64", syscalls.table("x86_64").numbers[name], Entry(name),
                          args, 0x401000)
    mem = FakeMemory(before)
    ctx = decode.Context(mem, style)
    dec = decode.lookup(name)
    head = dec.enter(ctx, call)
    mem.regions = dict(after)
    call.ret = ret
    call.error = -ret if -4095 <= ret < 0 else 0
    return "%s(%s%s) = %s" % (name, head, dec.exit(ctx, call), dec.result(ctx, call))


UNIX_NAME = struct.pack("<H", 1) + b"sock\0" + b"\xff" * 30      # AF_UNIX, 36 bytes


def test_recvmsg_name_cut_to_the_callers_length():
    iov = struct.pack("<QQ", DATA, 4)
    before = {MSG: msghdr(NAME, 2, IOV, 1), IOV: iov, NAME: b"\0" * 2, DATA: b"AAAA"}
    after = {MSG: msghdr(NAME, 36, IOV, 1), IOV: iov, NAME: UNIX_NAME[:2], DATA: b"AAAA"}
    assert run("recvmsg", [3, MSG, 0x40], before, after, 1) == (
        'recvmsg(3, {msg_name={sa_family=AF_UNIX}, msg_namelen=2 => 36, '
        'msg_iov=[{iov_base="A", iov_len=4}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, '
        'MSG_DONTWAIT) = 1')
    # the kernel's length is the smaller one
    after[NAME] = UNIX_NAME
    after[MSG] = msghdr(NAME, 7, IOV, 1)
    before[MSG] = msghdr(NAME, 36, IOV, 1)
    assert run("recvmsg", [3, MSG, 0], before, after, 1).startswith(
        'recvmsg(3, {msg_name={sa_family=AF_UNIX, sun_path="sock"}, msg_namelen=36 => 7, ')


def test_recvmsg_failed_and_unreadable():
    before = {MSG: msghdr(NAME, 36, IOV, 1)}
    assert run("recvmsg", [3, MSG, 0], before, before, EFAULT) == \
        "recvmsg(3, {msg_namelen=36}, 0) = -1 EFAULT (Bad address)"
    assert run("recvmsg", [3, MSG + 8, 0], before, before, EFAULT) == \
        "recvmsg(3, 0x10008, 0) = -1 EFAULT (Bad address)"
    assert run("recvmsg", [3, MSG, 0], before, before, EBADF,
               printers.Style(deref=False)) == \
        "recvmsg(3, 0x10000, 0) = -1 EBADF (Bad file descriptor)"


def mmsghdr(name, namelen, iov, msg_len):
    return msghdr(name, namelen, iov, 1) + struct.pack("<I4x", msg_len)


def test_sendmmsg_shows_every_entry_even_when_failing():
    iovs = struct.pack("<QQQQ", DATA, 1, DATA + 1, 1)
    vec = mmsghdr(0, 0, IOV, 0) + mmsghdr(0, 0, IOV + 16, 0)
    mem = {MSG: vec, IOV: iovs, DATA: b"xy"}
    one = ('{msg_hdr={msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="x", iov_len=1}], '
           'msg_iovlen=1, msg_controllen=0, msg_flags=0}')
    two = ('{msg_hdr={msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="y", iov_len=1}], '
           'msg_iovlen=1, msg_controllen=0, msg_flags=0}')
    assert run("sendmmsg", [4, MSG, 2, 0], mem, mem, EBADF) == (
        "sendmmsg(4, [%s}, %s}], 2, 0) = -1 EBADF (Bad file descriptor)" % (one, two))
    after = {MSG: mmsghdr(0, 0, IOV, 1) + mmsghdr(0, 0, IOV + 16, 0), IOV: iovs, DATA: b"xy"}
    assert run("sendmmsg", [4, MSG, 2, 0], mem, after, 1) == (
        "sendmmsg(4, [%s, msg_len=1}, %s}], 2, 0) = 1" % (one, two))
    # an entry past the readable memory
    assert run("sendmmsg", [4, MSG + 64, 2, 0], mem, mem, EFAULT) == (
        "sendmmsg(4, [%s}, ... /* 0x10080 */], 2, 0) = -1 EFAULT (Bad address)" % two)
    assert run("sendmmsg", [4, MSG, 2, 0], mem, mem, 2, printers.Style(deref=False)) == \
        "sendmmsg(4, 0x10000, 2, 0) = 2"


def test_recvmmsg_names_and_lengths():
    iovs = struct.pack("<QQ", DATA, 8)
    before = {MSG: mmsghdr(NAME, 0, IOV, 0) + mmsghdr(NAME, 2, IOV, 0), IOV: iovs,
              NAME: UNIX_NAME, DATA: b"abcdefgh"}
    after = dict(before)
    after[MSG] = mmsghdr(NAME, 38, IOV, 3) + mmsghdr(NAME, 38, IOV, 2)
    assert run("recvmmsg", [3, MSG, 2, 0, 0], before, after, 2) == (
        'recvmmsg(3, [{msg_hdr={msg_name=0x30000, msg_namelen=0 => 38, '
        'msg_iov=[{iov_base="abc", iov_len=8}], msg_iovlen=1, msg_controllen=0, '
        'msg_flags=0}, msg_len=3}, {msg_hdr={msg_name={sa_family=AF_UNIX}, '
        'msg_namelen=2 => 38, msg_iov=[{iov_base="ab", iov_len=8}], msg_iovlen=1, '
        'msg_controllen=0, msg_flags=0}, msg_len=2}], 2, 0, NULL) = 2')
    assert run("recvmmsg", [3, MSG, 2, 0, 0], before, after, -11) == \
        "recvmmsg(3, 0x10000, 2, 0, NULL) = -1 EAGAIN (Resource temporarily unavailable)"
    # -s1: one entry, then `...`
    assert run("recvmmsg", [3, MSG, 2, 0, 0], before, after, 2,
               printers.Style(string_limit=1)).endswith("msg_len=3}, ...], 2, 0, NULL) = 2")
