"""Offline tests of decode/bpf/: union bpf_attr read with the size argument, fields as far as
it reaches, trailing bytes, the commands that look again at exit, -v's instructions."""
import struct

from decodertest import PID, Entry, FakeMemory, call_line
from minitrace import decode, events
from minitrace.printers import Style

A = 0x7f0000030000
NR_BPF = 321
VERBOSE = Style(verbose=True)


def two_phase(args, ret, before, after, style=None):
    args = tuple(args) + (0,) * (6 - len(args))
    mem = FakeMemory(before)
    call = events.Syscall(PID, "x86_64", NR_BPF, Entry("bpf"), args, 0x401000)
    ctx = decode.Context(mem, style)
    dec = decode.lookup("bpf")
    head = dec.enter(ctx, call)
    mem.regions = dict(after)
    call.ret = ret
    call.error = -ret if -4095 <= ret < 0 else 0
    return "bpf(%s%s) = %s" % (head, dec.exit(ctx, call), dec.result(ctx, call))


def map_create(flags=0, name=b"", size=72):
    raw = struct.pack("<7I16s5IQ", 2, 4, 8, 16, flags, 0xffffffff, 3, name, 0, 5, 1, 2, 0, 0)
    return raw[:size]


def test_map_create_cut_by_size():
    m = {A: map_create()}
    assert call_line("bpf", [0, A, 16], 3, m) == (
        "bpf(BPF_MAP_CREATE, {map_type=BPF_MAP_TYPE_ARRAY, key_size=4, value_size=8, "
        "max_entries=16}, 16) = 3")
    # numa_node only with BPF_F_NUMA_NODE; map_name cut to the size passed
    m = {A: map_create(flags=4, name=b"abcdefgh", size=40)}
    assert call_line("bpf", [0, A, 30], -22, m) == (
        "bpf(BPF_MAP_CREATE, {map_type=BPF_MAP_TYPE_ARRAY, key_size=4, value_size=8, "
        "max_entries=16, map_flags=BPF_F_NUMA_NODE, inner_map_fd=-1, numa_node=3, "
        "map_name=\"a\"...}, 30) = -1 EINVAL (Invalid argument)")


def test_trailing_bytes():
    raw = map_create() + b"\0\0\x01\0"
    assert call_line("bpf", [0, A, 76], -7, {A: raw}) == (
        "bpf(BPF_MAP_CREATE, {map_type=BPF_MAP_TYPE_ARRAY, key_size=4, value_size=8, "
        "max_entries=16, map_flags=0, inner_map_fd=-1, map_name=\"\", map_ifindex=0, "
        "btf_fd=5, btf_key_type_id=1, btf_value_type_id=2, btf_vmlinux_value_type_id=0, "
        "map_extra=0, ...}, 76) = -1 E2BIG (Argument list too long)")
    line = call_line("bpf", [22, A, 8], -7, {A: struct.pack("<iI", 3, 0x100)}, style=VERBOSE)
    assert line == ("bpf(BPF_MAP_FREEZE, {map_fd=3, extra_data=\"\\x00\\x01\\x00\\x00\" "
                    "/* bytes 4..7 */}, 8) = -1 E2BIG (Argument list too long)")


def test_address_forms():
    # no decoder for the command, size 0, a size past a page, unreadable attr
    assert call_line("bpf", [32, A, 8], -22, {A: b"\0" * 8}) == (
        "bpf(BPF_ENABLE_STATS, 0x7f0000030000, 8) = -1 EINVAL (Invalid argument)")
    assert call_line("bpf", [0xfacefeed, A, 8], -22, {A: b"\0" * 8}) == (
        "bpf(0xfacefeed /* BPF_??? */, 0x7f0000030000, 8) = -1 EINVAL (Invalid argument)")
    assert call_line("bpf", [0, A, 0], -22, {A: b"\0" * 8}) == (
        "bpf(BPF_MAP_CREATE, 0x7f0000030000, 0) = -1 EINVAL (Invalid argument)")
    assert call_line("bpf", [0, A, 4097], -22, {A: b"\0" * 8}) == (
        "bpf(BPF_MAP_CREATE, 0x7f0000030000, 4097) = -1 EINVAL (Invalid argument)")
    assert call_line("bpf", [0, A, 16], -14, {A: b"\0" * 8}) == (
        "bpf(BPF_MAP_CREATE, 0x7f0000030000, 16) = -1 EFAULT (Bad address)")


def test_get_next_id_at_exit():
    before = {A: struct.pack("<3I", 7, 0, 1)}
    after = {A: struct.pack("<3I", 7, 9, 8)}
    assert two_phase([11, A, 12], 0, before, after) == (
        "bpf(BPF_PROG_GET_NEXT_ID, {start_id=7, next_id=0 => 9, open_flags=BPF_F_RDONLY}, "
        "12) = 0")
    assert two_phase([12, A, 8], -2, before, before) == (
        "bpf(BPF_MAP_GET_NEXT_ID, {start_id=7, next_id=0}, 8) = -1 ENOENT "
        "(No such file or directory)")


def test_batch_count_changed():
    raw = struct.pack("<4QIiQQ", 0, A + 0x100, 0, 0, 8, 3, 4, 0)
    after = struct.pack("<4QIiQQ", 0, A + 0x100, 0, 0, 2, 3, 4, 0)
    assert two_phase([24, A, 56], 2, {A: raw}, {A: after}) == (
        "bpf(BPF_MAP_LOOKUP_BATCH, {batch={in_batch=NULL, out_batch=0x7f0000030100, "
        "keys=NULL, values=NULL, count=8, map_fd=3, elem_flags=BPF_F_LOCK, flags=0}} => "
        "{batch={count=2}}, 56) = 2")


def test_prog_load_instructions_with_v():
    insns = A + 0x100
    lic = A + 0x200
    raw = struct.pack("<IIQQ", 1, 2, insns, lic)
    prog = struct.pack("<BBhi", 0xb7, 0x01, 0, 42) + struct.pack("<BBhi", 0x95, 0, 0, 0)
    m = {A: raw, insns: prog, lic: b"GPL\0"}
    assert call_line("bpf", [5, A, 24], 4, m) == (
        "bpf(BPF_PROG_LOAD, {prog_type=BPF_PROG_TYPE_SOCKET_FILTER, insn_cnt=2, "
        "insns=0x7f0000030100, license=\"GPL\"}, 24) = 4")
    assert call_line("bpf", [5, A, 24], 4, m, style=VERBOSE) == (
        "bpf(BPF_PROG_LOAD, {prog_type=BPF_PROG_TYPE_SOCKET_FILTER, insn_cnt=2, "
        "insns=[{code=BPF_ALU64|BPF_K|BPF_MOV, dst_reg=BPF_REG_1, src_reg=BPF_REG_0, off=0, "
        "imm=0x2a}, {code=BPF_JMP|BPF_K|BPF_EXIT, dst_reg=BPF_REG_0, src_reg=BPF_REG_0, "
        "off=0, imm=0}], license=\"GPL\"}, 24) = 4")


def test_link_create_union_by_attach_type():
    raw = struct.pack("<iiIIQ", 3, 4, 41, 0, 0xbadc0ded) + b"\0" * 24
    assert call_line("bpf", [28, A, 48], 5, {A: raw}) == (
        "bpf(BPF_LINK_CREATE, {link_create={prog_fd=3, target_fd=4, "
        "attach_type=BPF_PERF_EVENT, flags=0, perf_event={bpf_cookie=0xbadc0ded}}}, 48) = 5")
    # an attach type without a union member: the union's bytes are extra data
    raw = struct.pack("<iiIIQ", 3, 4, 1, 0, 7) + b"\0" * 24
    assert call_line("bpf", [28, A, 48], -22, {A: raw}) == (
        "bpf(BPF_LINK_CREATE, {link_create={prog_fd=3, target_fd=4, "
        "attach_type=BPF_CGROUP_INET_EGRESS, flags=0}, ...}, 48) = -1 EINVAL "
        "(Invalid argument)")
