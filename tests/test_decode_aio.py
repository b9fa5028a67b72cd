"""Offline tests of decode/aio.py: iocbs by opcode, io_events, timeouts and sigsets."""
import struct

from minitrace import printers

from decodertest import call_line

P = 0x7f0000006000
CTX = 0x7f00000a0000


def iocb(data=0, key=0, op=0, prio=0, fd=0, buf=0, nbytes=0, offset=0, flags=0, resfd=0):
    return struct.pack("<QIIHhIQQqQII", data, key, 0, op, prio, fd, buf, nbytes, offset, 0,
                       flags, resfd)


def test_io_setup_and_destroy():
    assert call_line("io_setup", [2, P], 0, {P: struct.pack("<Q", CTX)}) == (
        "io_setup(2, [0x7f00000a0000]) = 0")
    assert call_line("io_setup", [2, P], -14) == "io_setup(2, 0x7f0000006000) = -1 EFAULT (Bad address)"
    assert call_line("io_destroy", [CTX], 0) == "io_destroy(0x7f00000a0000) = 0"


def test_io_submit():
    mem = {P: struct.pack("<3Q", P + 0x100, 0, 0xffffffffffffffff),
           P + 0x100: iocb(data=0x11, op=1, prio=3, fd=5, buf=P + 0x200, nbytes=4),
           P + 0x200: b"abcd"}
    assert call_line("io_submit", [CTX, 3, P], 1, mem) == (
        'io_submit(0x7f00000a0000, 3, [{aio_data=0x11, aio_lio_opcode=IOCB_CMD_PWRITE, '
        'aio_reqprio=3, aio_fildes=5, aio_buf="abcd", aio_nbytes=4, aio_offset=0}, NULL, '
        '0xffffffffffffffff]) = 1')
    assert call_line("io_submit", [CTX, (1 << 64) - 1, P], -22, mem) == (
        "io_submit(0x7f00000a0000, -1, 0x7f0000006000) = -1 EINVAL (Invalid argument)")


def test_iocb_unknown_opcode_ioprio_and_resfd():
    mem = {P: struct.pack("<Q", P + 0x100),
           P + 0x100: iocb(key=9, op=0x100, fd=1)}
    assert call_line("io_submit", [CTX, 1, P], -22, mem) == (
        "io_submit(0x7f00000a0000, 1, [{aio_data=0, aio_key=9, aio_lio_opcode=256 /* "
        "IOCB_CMD_??? */, aio_fildes=1}]) = -1 EINVAL (Invalid argument)")
    mem[P + 0x100] = iocb(op=0, prio=(2 << 13) | 4, fd=1, buf=P, nbytes=1 << 63, flags=3,
                          resfd=7)
    assert call_line("io_submit", [CTX, 1, P], -22, mem) == (
        "io_submit(0x7f00000a0000, 1, [{aio_data=0, aio_lio_opcode=IOCB_CMD_PREAD, "
        "aio_reqprio=IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4), aio_fildes=1, "
        "aio_buf=0x7f0000006000, aio_nbytes=9223372036854775808, aio_offset=0, "
        "aio_flags=IOCB_FLAG_RESFD|IOCB_FLAG_IOPRIO, aio_resfd=7}]) = -1 EINVAL (Invalid argument)")
    raw = printers.Style(const_style="raw")
    assert call_line("io_submit", [CTX, 1, P], -22, mem, style=raw).startswith(
        "io_submit(0x7f00000a0000, 1, [{aio_data=0, aio_lio_opcode=0, aio_reqprio=0x4004, ")


def test_io_submit_vectors():
    mem = {P: struct.pack("<Q", P + 0x100),
           P + 0x100: iocb(op=8, fd=1, buf=P + 0x200, nbytes=1),
           P + 0x200: struct.pack("<QQ", P + 0x300, 2), P + 0x300: b"hi"}
    assert call_line("io_submit", [CTX, 1, P], 1, mem) == (
        'io_submit(0x7f00000a0000, 1, [{aio_data=0, aio_lio_opcode=IOCB_CMD_PWRITEV, '
        'aio_fildes=1, aio_buf=[{iov_base="hi", iov_len=2}], aio_offset=0}]) = 1')
    mem[P + 0x100] = iocb(op=7, fd=1, buf=P + 0x200, nbytes=1)
    assert call_line("io_submit", [CTX, 1, P], 1, mem) == (
        "io_submit(0x7f00000a0000, 1, [{aio_data=0, aio_lio_opcode=IOCB_CMD_PREADV, "
        "aio_fildes=1, aio_buf=[{iov_base=0x7f0000006300, iov_len=2}], aio_offset=0}]) = 1")


def test_io_getevents_and_pgetevents():
    mem = {P: struct.pack("<QQqq", 0x11, P + 0x100, 4, 0),
           P + 0x80: struct.pack("<qQ", 1, 0xbadc0dedbadc0ded),
           P + 0xc0: struct.pack("<QQ", P + 0xe0, 8), P + 0xe0: struct.pack("<Q", 1 << 30)}
    assert call_line("io_getevents", [CTX, 1, 2, P, P + 0x80], 1, mem) == (
        "io_getevents(0x7f00000a0000, 1, 2, [{data=0x11, obj=0x7f0000006100, res=4, res2=0}], "
        "{tv_sec=1, tv_nsec=13464652300624334317}) = 1")
    # the timeout is shown on failure too; the events are not
    assert call_line("io_pgetevents", [CTX, 1, 2, P, P + 0x80, P + 0xc0], -22, mem) == (
        "io_pgetevents(0x7f00000a0000, 1, 2, 0x7f0000006000, {tv_sec=1, "
        "tv_nsec=13464652300624334317}, {sigmask=[SYS], sigsetsize=8}) = "
        "-1 EINVAL (Invalid argument)")


def test_io_cancel():
    mem = {P: iocb(data=0xdead, prio=9, fd=0xffffffd6)}
    assert call_line("io_cancel", [CTX, P, P + 0x100], -22, mem) == (
        "io_cancel(0x7f00000a0000, {aio_data=0xdead, aio_lio_opcode=IOCB_CMD_PREAD, "
        "aio_reqprio=9, aio_fildes=-42}, 0x7f0000006100) = -1 EINVAL (Invalid argument)")
