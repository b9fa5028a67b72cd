"""Offline tests of BPF_OBJ_GET_INFO_BY_FD (decode/bpf/info.py, mapinfo.py, proginfo.py): the
info address without -v; with -v struct bpf_map_info / bpf_prog_info picked by what the
descriptor is, cut by info_len group by group, the values the kernel changed since the entry,
the arrays it filled, the bytes past the struct, the -X forms."""
import struct
import time

import pytest

from decodertest import PID, Entry, FakeMemory
from minitrace import decode, events
from minitrace.decode.bpf import info, proginfo
from minitrace.printers import Style

A = 0x7f0000030000          # union bpf_attr
INFO = 0x7f0000040000       # the info buffer
INSNS = 0x7f0000050000      # xlated_prog_insns
JITED = 0x7f0000060000      # jited_prog_insns
IDS = 0x7f0000070000        # map_ids
MAP_FD, PROG_FD, OTHER_FD = 3, 4, 5
VERBOSE = Style(verbose=True)
CMD = 15                    # BPF_OBJ_GET_INFO_BY_FD


@pytest.fixture(autouse=True)
def descriptors(monkeypatch):
    """What the tracee's descriptors are (its /proc/PID/fd links)."""
    links = {MAP_FD: "anon_inode:bpf-map", PROG_FD: "anon_inode:bpf-prog",
             OTHER_FD: "anon_inode:bpf-link"}
    monkeypatch.setattr(info, "fd_path", lambda pid, fd: links.get(fd))
    # realtime - boottime: 1000 s and a half
    monkeypatch.setattr(proginfo, "rtc_offset_ns", lambda: 1000500000000)


def get_info(bpf_fd, info_len, entry_info, exit_info=None, exit_len=None, ret=0,
             style=VERBOSE, abi="x86_64", more=None):
    """The line of bpf(BPF_OBJ_GET_INFO_BY_FD) whose info buffer holds `entry_info` at entry
    and `exit_info` at exit (info_len changed to exit_len); `more`: other memory regions."""
    e = "<" if abi != "s390x" else ">"
    attr = struct.pack(e + "iIQ", bpf_fd, info_len, INFO)
    after = struct.pack(e + "iIQ", bpf_fd, info_len if exit_len is None else exit_len, INFO)
    regions = dict(more or {})
    regions.update({A: attr, INFO: entry_info})
    mem = FakeMemory(regions)
    call = events.Syscall(PID, abi, 321, Entry("bpf"), (CMD, A, 16, 0, 0, 0), 0x401000)
    ctx = decode.Context(mem, style)
    dec = decode.lookup("bpf")
    head = dec.enter(ctx, call)
    mem.regions.update({A: after, INFO: exit_info if exit_info is not None else entry_info})
    call.ret = ret
    call.error = -ret if -4095 <= ret < 0 else 0
    return "bpf(%s%s) = %s" % (head, dec.exit(ctx, call), dec.result(ctx, call))


def map_info(name=b"test_map", netns_dev=0, extra=b""):
    # struct bpf_map_info of linux/bpf.h: 6 u32, name[16], 2 u32, 2 u64, 3 u32, pad, map_extra
    return struct.pack("<6I16s2I2Q4IQ", 2, 48, 4, 8, 1, 0, name, 0, 0, netns_dev, 4026531840,
                       0, 0, 0, 0, 0) + extra


MAP_TEXT = ("{type=BPF_MAP_TYPE_ARRAY, id=48, key_size=4, value_size=8, max_entries=1, "
            "map_flags=0, name=\"test_map\", ifindex=0, btf_vmlinux_value_type_id=0, "
            "netns_dev=makedev(0, 0), netns_ino=4026531840, btf_id=0, btf_key_type_id=0, "
            "btf_value_type_id=0}")


def test_address_without_v_and_for_other_objects():
    raw = map_info()
    assert get_info(MAP_FD, 88, raw, style=Style()) == (
        "bpf(BPF_OBJ_GET_INFO_BY_FD, {info={bpf_fd=3, info_len=88, info=0x7f0000040000}}, "
        "16) = 0")
    # -v, but a link (strace decodes maps and programs only), an unreadable info, a size
    # past a page
    assert get_info(OTHER_FD, 88, raw).endswith("info_len=88, info=0x7f0000040000}}, 16) = 0")
    assert get_info(MAP_FD, 96, raw).endswith("info_len=96, info=0x7f0000040000}}, 16) = 0")
    assert get_info(MAP_FD, 4097, raw + b"\0" * 4009, ret=-7).endswith(
        "info_len=4097, info=0x7f0000040000}}, 16) = -1 E2BIG (Argument list too long)")


def test_map_info():
    assert get_info(MAP_FD, 88, map_info()) == (
        "bpf(BPF_OBJ_GET_INFO_BY_FD, {info={bpf_fd=3, info_len=88, info=%s}}, 16) = 0"
        % MAP_TEXT)
    # a bigger buffer cut to the kernel's size at exit: the exit's info_len is read
    raw = map_info() + b"\0" * 64
    assert get_info(MAP_FD, 152, raw, exit_len=104) == (
        "bpf(BPF_OBJ_GET_INFO_BY_FD, {info={bpf_fd=3, info_len=152 => 104, info=%s}}, 16) = 0"
        % MAP_TEXT)


def test_map_info_cut_by_info_len():
    raw = map_info(name=b"abcdefghijklmnop")
    assert get_info(MAP_FD, 24, raw) == (
        "bpf(BPF_OBJ_GET_INFO_BY_FD, {info={bpf_fd=3, info_len=24, info={"
        "type=BPF_MAP_TYPE_ARRAY, id=48, key_size=4, value_size=8, max_entries=1, "
        "map_flags=0}}}, 16) = 0")
    # name reached but cut: the rest of it is zeroes; ifindex's group whole once reached
    assert get_info(MAP_FD, 30, raw).endswith("map_flags=0, name=\"abcdef\"}}}, 16) = 0")
    line = get_info(MAP_FD, 44, raw)
    assert line.endswith("name=\"abcdefghijklmno\"..., ifindex=0, btf_vmlinux_value_type_id=0, "
                         "netns_dev=makedev(0, 0), netns_ino=0}}}, 16) = 0")


def test_map_info_extra_bytes_and_x_styles():
    raw = map_info(netns_dev=0x804, extra=b"\0\0\0\0\0\0\0\x01\0\0\0\0")
    assert get_info(MAP_FD, 100, raw, ret=-7) == (
        "bpf(BPF_OBJ_GET_INFO_BY_FD, {info={bpf_fd=3, info_len=100, info={"
        "type=BPF_MAP_TYPE_ARRAY, id=48, key_size=4, value_size=8, max_entries=1, "
        "map_flags=0, name=\"test_map\", ifindex=0, btf_vmlinux_value_type_id=0, "
        "netns_dev=makedev(0x8, 0x4), netns_ino=4026531840, btf_id=0, btf_key_type_id=0, "
        "btf_value_type_id=0, extra_data=\"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x01\\x00"
        "\\x00\\x00\\x00\" /* bytes 88..99 */}}}, 16) = -1 E2BIG (Argument list too long)")
    raw = map_info(netns_dev=0x804)
    line = get_info(MAP_FD, 88, raw, style=Style(verbose=True, const_style="raw"))
    assert "info={type=0x2, id=48" in line and "netns_dev=0x804," in line
    line = get_info(MAP_FD, 88, raw, style=Style(verbose=True, const_style="verbose"))
    assert "info={type=0x2 /* BPF_MAP_TYPE_ARRAY */, id=48" in line
    assert "netns_dev=0x804 /* makedev(0x8, 0x4) */," in line


# the offsets of struct bpf_prog_info (linux/bpf.h) the tests fill
PROG_OFFSETS = {
    "type": (0, "I"), "id": (4, "I"), "tag": (8, "8s"), "jited_prog_len": (16, "I"),
    "xlated_prog_len": (20, "I"), "jited_prog_insns": (24, "Q"),
    "xlated_prog_insns": (32, "Q"), "load_time": (40, "Q"), "created_by_uid": (48, "I"),
    "nr_map_ids": (52, "I"), "map_ids": (56, "Q"), "name": (64, "16s"), "ifindex": (80, "I"),
    "gpl_word": (84, "I"), "netns_dev": (88, "Q"), "nr_jited_ksyms": (104, "I"),
    "jited_ksyms": (112, "Q"), "func_info_rec_size": (132, "I"), "nr_prog_tags": (180, "I"),
    "recursion_misses": (208, "Q"), "verified_insns": (216, "I")}


def prog_info(endian="<", size=232, **values):
    buf = bytearray(size)
    for name, value in values.items():
        off, code = PROG_OFFSETS[name]
        struct.pack_into(endian + code, buf, off, value)
    return bytes(buf)


LOAD_TIME = 2000000000000   # 2000 s after boot: 3000.5 s after the epoch with the offset
DATE = time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(3000))
BOOT_DATE = time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(1000))


def test_prog_info_values_changed_since_entry():
    before = prog_info(xlated_prog_len=16, xlated_prog_insns=INSNS, nr_map_ids=3,
                       map_ids=IDS, jited_prog_len=0, func_info_rec_size=0)
    after = prog_info(type=1, id=102, tag=b"\xfe\x7d\xd3\x2e\x63\x67\x7b\x71",
                      jited_prog_len=82, xlated_prog_len=136, xlated_prog_insns=INSNS,
                      load_time=LOAD_TIME, created_by_uid=0xffffffff, nr_map_ids=2,
                      map_ids=IDS, name=b"test_prog", gpl_word=1, nr_jited_ksyms=1,
                      func_info_rec_size=8, nr_prog_tags=1, recursion_misses=(1 << 64) - 1,
                      verified_insns=9)
    insns = struct.pack("<BBhi", 0xb7, 0x01, 0, 0) + struct.pack("<BBhi", 0x95, 0, 0, 0)
    ids = struct.pack("<3I", 47, 46, 45)
    line = get_info(PROG_FD, 232, before, after, more={INSNS: insns, IDS: ids})
    assert line == (
        "bpf(BPF_OBJ_GET_INFO_BY_FD, {info={bpf_fd=4, info_len=232, info={"
        "type=BPF_PROG_TYPE_SOCKET_FILTER, id=102, tag=\"\\xfe\\x7d\\xd3\\x2e\\x63\\x67\\x7b"
        "\\x71\", jited_prog_len=0 => 82, jited_prog_insns=NULL, xlated_prog_len=16 => 136, "
        "xlated_prog_insns=[{code=BPF_ALU64|BPF_K|BPF_MOV, dst_reg=BPF_REG_1, "
        "src_reg=BPF_REG_0, off=0, imm=0}, {code=BPF_JMP|BPF_K|BPF_EXIT, dst_reg=BPF_REG_0, "
        "src_reg=BPF_REG_0, off=0, imm=0}], load_time=2000000000000 /* %s */, "
        "created_by_uid=-1, nr_map_ids=3 => 2, map_ids=[47, 46], name=\"test_prog\", "
        "ifindex=0, gpl_compatible=1, netns_dev=makedev(0, 0), netns_ino=0, "
        "nr_jited_ksyms=0 => 1, nr_jited_func_lens=0, jited_ksyms=NULL, jited_func_lens=NULL, "
        "btf_id=0, func_info_rec_size=0 => 8, func_info=NULL, nr_func_info=0, nr_line_info=0, "
        "line_info=NULL, jited_line_info=NULL, nr_jited_line_info=0, line_info_rec_size=0, "
        "jited_line_info_rec_size=0, nr_prog_tags=0 => 1, prog_tags=NULL, run_time_ns=0, "
        "run_cnt=0, recursion_misses=UINT64_MAX, verified_insns=9}}}, 16) = 0" % DATE)
    # -X raw: no date, numbers
    line = get_info(PROG_FD, 232, before, after, more={INSNS: insns, IDS: ids},
                    style=Style(verbose=True, const_style="raw"))
    assert "load_time=2000000000000, created_by_uid=-1" in line
    assert "recursion_misses=18446744073709551615," in line


def test_prog_info_arrays_of_a_failed_call_and_cut_groups():
    before = prog_info(jited_prog_len=4, jited_prog_insns=JITED, xlated_prog_len=16,
                       xlated_prog_insns=INSNS, nr_map_ids=1, map_ids=IDS)
    insns = b"\0" * 16
    line = get_info(PROG_FD, 60, before, ret=-14, more={INSNS: insns, IDS: b"\0" * 4,
                                                         JITED: b"\x55\x48\x89\xe5"})
    # the arrays the kernel fills are not read after a failure; the jited bytes are a
    # string, read whatever the result; info_len 60 ends inside map_ids (its low half is
    # shown), the rest of the group is zeroes; load_time 0 is the boot time
    assert line == (
        "bpf(BPF_OBJ_GET_INFO_BY_FD, {info={bpf_fd=4, info_len=60, info={"
        "type=BPF_PROG_TYPE_UNSPEC, id=0, tag=\"\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\", "
        "jited_prog_len=4, jited_prog_insns=\"\\x55\\x48\\x89\\xe5\", xlated_prog_len=16, "
        "xlated_prog_insns=0x7f0000050000, load_time=0 /* %s */, created_by_uid=0, "
        "nr_map_ids=1, map_ids=0x70000, name=\"\"}}}, 16) = -1 EFAULT (Bad address)"
        % BOOT_DATE)
    # -s cuts the jited bytes; info_len up to the tag only
    short = Style(verbose=True, string_limit=2)
    line = get_info(PROG_FD, 40, before, more={INSNS: insns, JITED: b"\x55\x48\x89\xe5"},
                    style=short)
    assert "jited_prog_insns=\"\\x55\\x48\"..., xlated_prog_len=16, xlated_prog_insns=[{" in line
    assert line.endswith("imm=0}]}}}, 16) = 0")
    assert get_info(PROG_FD, 12, before).endswith(
        "info_len=12, info={type=BPF_PROG_TYPE_UNSPEC, id=0, tag=\"\\x00\\x00\\x00\\x00\\x00"
        "\\x00\\x00\\x00\", jited_prog_len=0, jited_prog_insns=NULL, xlated_prog_len=0, "
        "xlated_prog_insns=NULL}}}, 16) = 0")


def test_prog_info_unreadable_at_entry_keeps_zeroes():
    # strace's saved values stay zero when the entry cannot read the info
    after = prog_info(xlated_prog_len=8, nr_map_ids=1)
    call = get_info(PROG_FD, 232, b"", after)
    assert "xlated_prog_len=0 => 8, xlated_prog_insns=NULL" in call
    assert "nr_map_ids=0 => 1, map_ids=NULL" in call


def test_prog_info_big_endian_bit_field():
    # s390x: the 1-bit gpl_compatible is the storage unit's highest bit
    raw = prog_info(">", gpl_word=0x80000000, ifindex=0)
    assert "gpl_compatible=1, " in get_info(PROG_FD, 232, raw, abi="s390x")
    raw = prog_info(">", gpl_word=1)
    assert "gpl_compatible=0, " in get_info(PROG_FD, 232, raw, abi="s390x")


def test_prog_info_extra_bytes():
    raw = prog_info(size=240)[:236] + b"\x07\0\0\0"
    line = get_info(PROG_FD, 240, raw, ret=-7)
    assert line.endswith(
        "recursion_misses=0, verified_insns=0, extra_data=\"\\x00\\x00\\x00\\x00\\x00\\x00\\x00"
        "\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x07\\x00\\x00\\x00\" /* bytes 220..239 */"
        "}}}, 16) = -1 E2BIG (Argument list too long)")
