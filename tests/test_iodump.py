"""Offline tests of -e read=/-e write= dumps (minitrace/iodump.py): fake tracee memory, a
hand-built Syscall at exit, the dump lines strace 6.1 prints for the same call."""
import struct

import syscalls

from minitrace import events, filters, iodump
from decodertest import PID, Entry, FakeMemory

BUF, IOV, MSG = 0x10000, 0x20000, 0x30000
ALL = filters.NumberSet(everything=True)
NONE = filters.NumberSet()


def exit_call(name, args, ret, abi="x86_64"):
    args = tuple(args) + (0,) * (6 - len(args))
    call = events.Syscall(PID, abi, syscalls.table(abi).numbers.get(name, 0), Entry(name),
                          args, 0x401000)
    call.ret = ret
    call.error = -ret if -4095 <= ret < 0 else 0
    return call


def dump(name, args, ret, mem, read=ALL, write=ALL):
    return iodump.IoDump(read, write)(FakeMemory(mem), exit_call(name, args, ret))


def test_offset_digits():
    assert iodump.offset_digits(16) == 5
    assert iodump.offset_digits(0x100000) == 5
    assert iodump.offset_digits(0x100001) == 6
    assert iodump.offset_digits(0x1000001) == 7


def test_hexdump_lines():
    assert iodump.hexdump(b"ab\x7f\n") == [
        " | 00000  61 62 7f 0a                                       ab..             |"]
    assert iodump.hexdump(b"x" * 17, 0x100000, 6)[1].startswith(" | 100010  78  ")


def test_write_dumps_its_length_even_when_failing():
    mem = {BUF: bytes(bytearray(range(20)))}
    lines = dump("write", [4, BUF, 20], -9, mem)
    assert lines == [
        " | 00000  00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f  ................ |",
        " | 00010  10 11 12 13                                       ....             |"]
    # a short write still dumps what it was given
    assert len(dump("write", [4, BUF, 20], 3, mem)) == 2
    assert dump("write", [4, BUF, 20], 20, mem, write=NONE) is None


def test_read_dumps_what_it_returned_and_nothing_on_error():
    mem = {BUF: b"hello world"}
    assert dump("read", [0, BUF, 100], 5, mem) == [
        " | 00000  68 65 6c 6c 6f                                    hello            |"]
    assert dump("read", [0, BUF, 100], -9, mem) is None
    assert dump("read", [0, BUF, 100], 0, mem) is None
    assert dump("read", [0xffffffff, BUF, 5], 5, mem) is None       # fd -1


def test_unreadable_buffer_prints_nothing():
    assert dump("write", [1, 0x999000, 4], -14, {BUF: b"x"}) is None


def test_long_dump_is_fetched_in_parts_with_a_cannot_fetch_line():
    size = 0x10000 + 32
    mem = {BUF: b"\0" * 0x10000}                 # the second part is unmapped
    lines = dump("write", [1, BUF, size], size, mem)
    assert len(lines) == 0x1000 + 1
    assert lines[-1] == " | <Cannot fetch 32 bytes from pid %d @%#x>" % (PID, BUF + 0x10000)


def test_large_dump_has_wider_offsets():
    size = 0x100010
    lines = dump("write", [1, BUF, size], size, {BUF: b"\1" * size})
    assert lines[0].startswith(" | 000000  01 01")
    assert lines[-1].startswith(" | 100000  01 01")


def iovecs(*pairs):
    return b"".join(struct.pack("<QQ", base, length) for base, length in pairs)


def test_writev_dumps_every_buffer_until_an_empty_one():
    mem = {IOV: iovecs((BUF, 3), (BUF + 3, 2), (BUF, 0), (BUF, 4)), BUF: b"abcdefgh"}
    assert dump("writev", [1, IOV, 4], -14, mem) == [
        " * 3 bytes in buffer 0",
        " | 00000  61 62 63                                          abc              |",
        " * 2 bytes in buffer 1",
        " | 00000  64 65                                             de               |"]


def test_readv_dumps_the_returned_bytes_over_the_buffers():
    mem = {IOV: iovecs((BUF, 3), (BUF + 3, 5)), BUF: b"abcdefgh"}
    assert dump("preadv", [0, IOV, 2, 0], 4, mem) == [
        " * 3 bytes in buffer 0",
        " | 00000  61 62 63                                          abc              |",
        " * 1 bytes in buffer 1",
        " | 00000  64                                                d                |"]
    # an iovec array that cannot be read whole dumps nothing
    assert dump("readv", [0, IOV, 3], 4, mem) is None


def msghdr(iov, iovlen):
    return struct.pack("<QiiQQQQI4x", 0, 0, 0, iov, iovlen, 0, 0, 0)


def test_sendmsg_and_recvmsg():
    mem = {MSG: msghdr(IOV, 2), IOV: iovecs((BUF, 2), (BUF + 2, 2)), BUF: b"wxyz"}
    assert dump("sendmsg", [5, MSG, 0], 4, mem) == [
        " * 2 bytes in buffer 0",
        " | 00000  77 78                                             wx               |",
        " * 2 bytes in buffer 1",
        " | 00000  79 7a                                             yz               |"]
    assert dump("recvmsg", [5, MSG, 0], 1, mem) == [
        " * 1 bytes in buffer 0",
        " | 00000  77                                                w                |"]
    assert dump("recvmsg", [5, MSG, 0], -11, mem) is None


def test_mmsg_vectors():
    one = msghdr(IOV, 1) + struct.pack("<I4x", 3)
    two = msghdr(IOV + 16, 1) + struct.pack("<I4x", 1)
    mem = {MSG: one + two, IOV: iovecs((BUF, 4), (BUF + 4, 4)), BUF: b"abcdefgh"}
    expected = [
        " = 1 buffers in vector 0",
        " * 3 bytes in buffer 0",
        " | 00000  61 62 63                                          abc              |",
        " = 1 buffers in vector 1",
        " * 1 bytes in buffer 0",
        " | 00000  65                                                e                |"]
    assert dump("recvmmsg", [5, MSG, 8, 0, 0], 2, mem) == expected
    assert dump("sendmmsg", [5, MSG, 2, 0], 2, mem) == expected
    assert dump("sendmmsg", [5, MSG, 2, 0], 1, mem) == expected[:3]
    assert dump("recvmmsg", [5, MSG, 2, 0, 0], 2, mem, read=NONE) is None
