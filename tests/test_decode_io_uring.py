"""Offline tests of decode/io_uring.py: io_uring_setup, io_uring_enter, io_uring_register."""
import struct

from decodertest import PID, Entry, FakeMemory, call_line
from minitrace import decode, events
from minitrace.printers import Style

A = 0x7f0000020000


def params(flags=0, cpu=0, idle=0, wq_fd=0, resv=(0, 0, 0), sq=0, cq=0, features=0):
    head = struct.pack("<7I3I", sq, cq, flags, cpu, idle, features, wq_fd & 0xffffffff, *resv)
    sq_off = struct.pack("<8IQ", 0, 4, 16, 24, 36, 32, 128, 0, 0)
    cq_off = struct.pack("<8IQ", 8, 12, 20, 28, 44, 64, 40, 0, 0)
    return head + sq_off + cq_off


def test_setup():
    assert call_line("io_uring_setup", [0xffffffff, 0], -14) == (
        "io_uring_setup(4294967295, NULL) = -1 EFAULT (Bad address)")
    assert call_line("io_uring_setup", [1, A], -14, {A: params()[:100]}) == (
        "io_uring_setup(1, 0x7f0000020000) = -1 EFAULT (Bad address)")
    mem = {A: params(flags=0x20 | 0x100000, cpu=3, idle=7, wq_fd=-5, resv=(0, 1, 0))}
    assert call_line("io_uring_setup", [2, A], -22, mem) == (
        "io_uring_setup(2, {flags=IORING_SETUP_ATTACH_WQ|0x100000, sq_thread_cpu=0x3, "
        "sq_thread_idle=7, wq_fd=-5, resv=[0, 0x1, 0]}) = -1 EINVAL (Invalid argument)")
    mem = {A: params(sq=2, cq=4, features=0x1 | 0x100000)}
    assert call_line("io_uring_setup", [2, A], 4, mem) == (
        "io_uring_setup(2, {flags=0, sq_thread_cpu=0, sq_thread_idle=0, sq_entries=2, "
        "cq_entries=4, features=IORING_FEAT_SINGLE_MMAP|0x100000, sq_off={head=0, tail=4, "
        "ring_mask=16, ring_entries=24, flags=36, dropped=32, array=128}, cq_off={head=8, "
        "tail=12, ring_mask=20, ring_entries=28, overflow=44, cqes=64, flags=40}}) = 4")


def test_enter():
    mem = {A: struct.pack("<Q", 1 | (1 << 8))}
    assert call_line("io_uring_enter", [3, 1, 2, 0x21, A, 8], -22, mem) == (
        "io_uring_enter(3, 1, 2, IORING_ENTER_GETEVENTS|0x20, [HUP KILL], 8) = "
        "-1 EINVAL (Invalid argument)")
    assert call_line("io_uring_enter", [3, 0, 0, 0, 0, 0], 0) == (
        "io_uring_enter(3, 0, 0, 0, NULL, 0) = 0")


def test_register():
    mem = {A: struct.pack("<3i", 0, -1, -2)}
    assert call_line("io_uring_register", [3, 2, A, 3], -9, mem) == (
        "io_uring_register(3, IORING_REGISTER_FILES, [0, -1, -2], 3) = "
        "-1 EBADF (Bad file descriptor)")
    assert call_line("io_uring_register", [3, 99, A, 3], -22, mem) == (
        "io_uring_register(3, 0x63 /* IORING_REGISTER_??? */, 0x7f0000020000, 3) = "
        "-1 EINVAL (Invalid argument)")
    mem = {A: struct.pack("<IIQIIQ", 0xffffffff, 0, 5, 2, 1, 0)}
    assert call_line("io_uring_register", [3, 20, A, 2], 2, mem) == (
        "io_uring_register(3, IORING_REGISTER_RING_FDS, [{offset=-1, data=5}, "
        "{offset=2, resv=0x1, data=0}], 2) = 2")
    mem = {A: struct.pack("<QIHH3Q", 0x1000, 8, 1, 0, 0, 0, 0)}
    assert call_line("io_uring_register", [3, 22, A, 1], 0, mem) == (
        "io_uring_register(3, IORING_REGISTER_PBUF_RING, {ring_addr=0x1000, ring_entries=8, "
        "bgid=1}, 1) = 0")


def two_phase(args, ret, before, after, style=None):
    """io_uring_register whose argument the kernel rewrites: `before` at entry, `after` at
    exit (regions {address: bytes})."""
    args = tuple(args) + (0,) * (6 - len(args))
    mem = FakeMemory(before)
    call = events.Syscall(PID, "x86_64", 427, Entry("io_uring_register"), args, 0x401000)
    ctx = decode.Context(mem, style)
    dec = decode.lookup("io_uring_register")
    head = dec.enter(ctx, call)
    mem.regions = dict(after)
    call.ret = ret
    call.error = -ret if -4095 <= ret < 0 else 0
    return "io_uring_register(%s%s) = %s" % (head, dec.exit(ctx, call), dec.result(ctx, call))


def probe(last_op=0, ops_len=0, resv=0, resv2=(0, 0, 0), ops=()):
    return struct.pack("<BBH3I", last_op, ops_len, resv, *resv2) + b"".join(
        struct.pack("<BBHI", *op) for op in ops)


def test_register_probe():
    # all zero at entry: printed once, at exit, with the ops_len ops the kernel filled in
    after = probe(1, 3, ops=[(0, 0, 1, 0), (1, 0, 1, 0)])
    assert two_phase([3, 8, A, 2], 0, {A: probe(ops=[(0, 0, 0, 0)] * 2)}, {A: after}) == (
        "io_uring_register(3, IORING_REGISTER_PROBE, {last_op=IORING_OP_READV, ops_len=3, "
        "ops=[{op=IORING_OP_NOP, flags=IO_URING_OP_SUPPORTED}, "
        "{op=IORING_OP_READV, flags=IO_URING_OP_SUPPORTED}, ...]}, 2) = 0")
    # not zero at entry: entry's text, then ` => ` the kernel's
    before = probe(200, 0, resv=5, ops=[(0, 7, 0, 0x99)])
    assert two_phase([3, 8, A, 1], 0, {A: before}, {A: probe(0, 1, ops=[(0, 0, 1, 0)])}) == (
        "io_uring_register(3, IORING_REGISTER_PROBE, {last_op=200 /* IORING_OP_??? */, "
        "ops_len=0, resv=0x5, ops=[{op=IORING_OP_NOP, resv=0x7, flags=0, resv2=0x99}]} => "
        "{last_op=IORING_OP_NOP, ops_len=1, ops=[{op=IORING_OP_NOP, "
        "flags=IO_URING_OP_SUPPORTED}]}, 1) = 0")
    # a failure: nothing more when printed at entry, else the address
    assert two_phase([3, 8, A, 1], -22, {A: before}, {A: before}) == (
        "io_uring_register(3, IORING_REGISTER_PROBE, {last_op=200 /* IORING_OP_??? */, "
        "ops_len=0, resv=0x5, ops=[{op=IORING_OP_NOP, resv=0x7, flags=0, resv2=0x99}]}, 1) = "
        "-1 EINVAL (Invalid argument)")
    zero = {A: probe(ops=[(0, 0, 0, 0)])}
    assert two_phase([3, 8, A, 1], -22, zero, zero) == (
        "io_uring_register(3, IORING_REGISTER_PROBE, 0x7f0000020000, 1) = "
        "-1 EINVAL (Invalid argument)")
    # more than 256 ops: the address
    assert two_phase([3, 8, A, 257], -22, zero, zero) == (
        "io_uring_register(3, IORING_REGISTER_PROBE, 0x7f0000020000, 257) = "
        "-1 EINVAL (Invalid argument)")


def test_register_rsrc():
    fds = A + 0x100
    tags = A + 0x200
    mem = {A: struct.pack("<IIQQQ", 2, 1, 0, fds, tags) + b"\0\0\xab" + b"\0" * 5,
           fds: struct.pack("<2i", 0, -1), tags: struct.pack("<2Q", 0xdead, 0)}
    assert call_line("io_uring_register", [3, 13, A, 40], -22, mem) == (
        "io_uring_register(3, IORING_REGISTER_FILES2, {nr=2, "
        "flags=IORING_RSRC_REGISTER_SPARSE, data=[0, -1], tags=[0xdead, 0], "
        "/* bytes 32..39 */ \"\\x00\\x00\\xab\\x00\\x00\\x00\\x00\\x00\"}, 40) = "
        "-1 EINVAL (Invalid argument)")
    # the tail past the readable memory: ???; a size below 32: the address
    assert call_line("io_uring_register", [3, 13, A, 48], -22, mem) == (
        "io_uring_register(3, IORING_REGISTER_FILES2, {nr=2, "
        "flags=IORING_RSRC_REGISTER_SPARSE, data=[0, -1], tags=[0xdead, 0], ???}, 48) = "
        "-1 EINVAL (Invalid argument)")
    assert call_line("io_uring_register", [3, 13, A, 31], -22, mem) == (
        "io_uring_register(3, IORING_REGISTER_FILES2, 0x7f0000020000, 31) = "
        "-1 EINVAL (Invalid argument)")
    mem = {A: struct.pack("<IIQQII", 7, 0, fds, 0, 2, 3),
           fds: struct.pack("<2i", -2, 4)}
    assert call_line("io_uring_register", [3, 14, A, 32], -22, mem) == (
        "io_uring_register(3, IORING_REGISTER_FILES_UPDATE2, {offset=7, "
        "data=[IORING_REGISTER_FILES_SKIP, 4], tags=NULL, nr=2, resv2=0x3}, 32) = "
        "-1 EINVAL (Invalid argument)")
    mem = {A: struct.pack("<IIQQII", 0, 1, fds, 0, 1, 0),
           fds: struct.pack("<QQ", 0x1000, 16)}
    assert call_line("io_uring_register", [3, 16, A, 32], -22, mem) == (
        "io_uring_register(3, IORING_REGISTER_BUFFERS_UPDATE, {offset=0, resv=0x1, "
        "data=[{iov_base=0x1000, iov_len=16}], tags=NULL, nr=1}, 32) = "
        "-1 EINVAL (Invalid argument)")


def test_register_iowq():
    assert call_line("io_uring_register", [3, 19, A, 0], -22, {A: b"\0" * 8}) == (
        "io_uring_register(3, IORING_REGISTER_IOWQ_MAX_WORKERS, [], 0) = "
        "-1 EINVAL (Invalid argument)")
    before = {A: struct.pack("<3I", 0, 0, 9)}
    after = {A: struct.pack("<3I", 4, 8, 9)}
    assert two_phase([3, 19, A, 2], 0, before, after) == (
        "io_uring_register(3, IORING_REGISTER_IOWQ_MAX_WORKERS, [[IO_WQ_BOUND]=0, "
        "[IO_WQ_UNBOUND]=0] => [[IO_WQ_BOUND]=4, [IO_WQ_UNBOUND]=8], 2) = 0")
    assert two_phase([3, 19, A, 3], -22, before, before,
                     Style(const_style="verbose")) == (
        "io_uring_register(3, 0x13 /* IORING_REGISTER_IOWQ_MAX_WORKERS */, "
        "[[0 /* IO_WQ_BOUND */]=0, [1 /* IO_WQ_UNBOUND */]=0, [2 /* IO_WQ_??? */]=9] => "
        "0x7f0000020000, 3) = -1 EINVAL (Invalid argument)")
    # a later element unreadable: decoded at entry
    assert call_line("io_uring_register", [3, 19, A + 8, 2], -22, before,
                     style=Style(const_style="raw")) == (
        "io_uring_register(3, 0x13, [[0]=9, ... /* 0x7f000002000c */], 2) = "
        "-1 EINVAL (Invalid argument)")
    # IOWQ_AFF: a mask of 2 bytes, of none
    mem = {A: struct.pack("<H", 0x8011)}
    assert call_line("io_uring_register", [3, 17, A, 2], -22, mem) == (
        "io_uring_register(3, IORING_REGISTER_IOWQ_AFF, [0 4 15], 2) = "
        "-1 EINVAL (Invalid argument)")
    assert call_line("io_uring_register", [3, 17, A, 0], -22, mem) == (
        "io_uring_register(3, IORING_REGISTER_IOWQ_AFF, [], 0) = -1 EINVAL (Invalid argument)")


def test_restriction_unknown_op_zero():
    mem = {A: struct.pack("<HBB3I", 4, 0, 0, 0, 0, 0)}
    assert call_line("io_uring_register", [3, 11, A, 1], -22, mem) == (
        "io_uring_register(3, IORING_REGISTER_RESTRICTIONS, "
        "[{opcode=0x4 /* IORING_RESTRICTION_??? */ /* op: 0 */}], 1) = "
        "-1 EINVAL (Invalid argument)")
