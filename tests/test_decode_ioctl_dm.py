"""Offline tests of the device mapper ioctl family (type 0xfd, linux/dm-ioctl.h): fake tracee
memory in, strace 6.1's text out."""
import struct

from minitrace.printers import Style

from decodertest import call_line

A = 0x10000
EBADF = -9
BAD_FD = "-1 EBADF (Bad file descriptor)"
VERBOSE_STRUCTS = Style(verbose=True, string_limit=9)
ABBREV = Style(string_limit=9)
RAW = Style(const_style="raw", verbose=True)

VERSION, LIST_DEVICES, DEV_RENAME, DEV_SUSPEND = 0xc138fd00, 0xc138fd02, 0xc138fd05, 0xc138fd06
DEV_STATUS, TABLE_LOAD, TABLE_DEPS = 0xc138fd07, 0xc138fd09, 0xc138fd0b
LIST_VERSIONS, TARGET_MSG = 0xc138fd0d, 0xc138fd0e
HEADER_SIZE = 305          # offsetof(struct dm_ioctl, data)
DEV = "dev=makedev(0x12, 0x34), name=\"nnn\", uuid=\"uuu\""


def header(data_size=312, data_start=0, flags=0, target_count=0, event_nr=0, version=(4, 1, 2),
           dev=0x1234, name=b"nnn", uuid=b"uuu", open_count=0):
    return struct.pack("<3IIIIiIIIQ128s129s7x", *(list(version) + [
        data_size, data_start, target_count, open_count, flags, event_nr, 0, dev, name, uuid]))


def spec(start, length, next_, ttype, status=0):
    return struct.pack("<QQiI16s", start, length, status, next_, ttype)


def test_header_at_entry_failed_call_unchanged():
    assert call_line("ioctl", [3, VERSION, A], EBADF, {A: header()}) == \
        "ioctl(3, DM_VERSION, [{version=[4, 1, 2], data_size=312, %s, flags=0}]) = %s" % (
            DEV, BAD_FD)
    assert call_line("ioctl", [3, DEV_SUSPEND, A], EBADF, {A: header(event_nr=7)}) == \
        "ioctl(3, DM_DEV_SUSPEND, [{version=[4, 1, 2], data_size=312, %s, event_nr=7" \
        ", flags=0}]) = %s" % (DEV, BAD_FD)
    assert call_line("ioctl", [3, DEV_SUSPEND, A], EBADF, {A: header(event_nr=7, flags=2)}) == \
        "ioctl(3, DM_DEV_SUSPEND, [{version=[4, 1, 2], data_size=312, %s" \
        ", flags=DM_SUSPEND_FLAG}]) = %s" % (DEV, BAD_FD)
    flags = call_line("ioctl", [3, LIST_DEVICES, A], EBADF,
                      {A: header(flags=0x7 | 0x80000 | 0x100000, dev=0, name=b"", uuid=b"")})
    assert flags == "ioctl(3, DM_LIST_DEVICES, [{version=[4, 1, 2], data_size=312" \
        ", data_start=0, flags=DM_READONLY_FLAG|DM_SUSPEND_FLAG|DM_EXISTS_FLAG" \
        "|DM_IMA_MEASUREMENT_FLAG|0x100000}]) = " + BAD_FD


def test_header_stops_early():
    assert call_line("ioctl", [3, VERSION, A], EBADF, {A: header(version=(5, 0, 0))}) == \
        "ioctl(3, DM_VERSION, [{version=[5, 0, 0] /* unsupported device mapper ABI version */}])" \
        " = " + BAD_FD
    assert call_line("ioctl", [3, VERSION, A], EBADF, {A: header(data_size=14)}) == \
        "ioctl(3, DM_VERSION, [{version=[4, 1, 2], data_size=14 /* data_size too small */}])" \
        " = " + BAD_FD
    # unreadable, or a data_size that does not even cover itself: the address
    assert call_line("ioctl", [3, VERSION, A], EBADF, {A: header(data_size=4)}) == \
        "ioctl(3, DM_VERSION, 0x10000) = " + BAD_FD
    assert call_line("ioctl", [3, VERSION, A], EBADF, {A: header()[:HEADER_SIZE - 1]}) == \
        "ioctl(3, DM_VERSION, 0x10000) = " + BAD_FD



def test_unterminated_names():
    long_name = b"x" * 128
    line = call_line("ioctl", [3, VERSION, A], EBADF,
                     {A: header(name=long_name, uuid=b"y" * 129)})
    assert 'name="%s"..., uuid="%s"...' % ("x" * 127, "y" * 128) in line


def test_table_load_target_specs():
    body = spec(16, 32, 40 + 8, b"tgt") + b"tparams\0"
    mem = {A: header(data_size=312 + len(body), data_start=312, target_count=1) + body}
    head = "ioctl(3, DM_TABLE_LOAD, [{version=[4, 1, 2], data_size=360, data_start=312, %s" \
        ", target_count=1, flags=0}, " % DEV
    assert call_line("ioctl", [3, TABLE_LOAD, A], EBADF, mem, style=VERBOSE_STRUCTS) == head + \
        '{sector_start=16, length=32, target_type="tgt", string="tparams"}]) = ' + BAD_FD
    assert call_line("ioctl", [3, TABLE_LOAD, A], EBADF, mem, style=ABBREV) == \
        head + "...]) = " + BAD_FD
    # a second record that would start before the first one ends
    mem = {A: header(data_size=360, data_start=312, target_count=2) + spec(1, 2, 4, b"t") +
           b"\0" * 8}
    assert call_line("ioctl", [3, TABLE_LOAD, A], EBADF, mem, style=VERBOSE_STRUCTS).endswith(
        ', string=""}, ??? /* misplaced struct dm_target_spec */]) = ' + BAD_FD)


def test_rename_string_and_target_message():
    mem = {A: header(data_size=340, data_start=312) + b"new long name\0".ljust(28, b"\0")}
    assert call_line("ioctl", [3, DEV_RENAME, A], EBADF, mem, style=VERBOSE_STRUCTS) == \
        "ioctl(3, DM_DEV_RENAME, [{version=[4, 1, 2], data_size=340, data_start=312, %s" \
        ", event_nr=0, flags=0}, {string=\"new long \"...}]) = %s" % (DEV, BAD_FD)
    mem = {A: header(data_size=340, data_start=0xdeadbeef)}
    assert call_line("ioctl", [3, DEV_RENAME, A], EBADF, mem, style=VERBOSE_STRUCTS).endswith(
        "flags=0}, ??? /* misplaced string */]) = " + BAD_FD)
    mem = {A: header(data_size=340, data_start=312) + struct.pack("<Q", 4660) + b"msg\0"}
    assert call_line("ioctl", [3, TARGET_MSG, A], EBADF, mem, style=VERBOSE_STRUCTS).endswith(
        "flags=0}, {sector=4660, message=\"msg\"}]) = " + BAD_FD)


def test_successful_call_prints_the_header_again():
    before = header(data_size=312)
    after = header(data_size=312, target_count=1, open_count=-1, event_nr=3)
    assert call_line("ioctl", [3, DEV_STATUS, A], 0, {A: before}, exit_mem={A: after}) == \
        "ioctl(3, DM_DEV_STATUS, [{version=[4, 1, 2], data_size=312, %s, flags=0}] => " \
        "[{version=[4, 1, 2], data_size=312, %s, target_count=1, open_count=4294967295" \
        ", event_nr=3, flags=0}]) = 0" % (DEV, DEV)
    # a failed call whose header the kernel changed
    changed = header(data_size=312, flags=0x100)
    assert call_line("ioctl", [3, DEV_STATUS, A], EBADF, {A: before}, exit_mem={A: changed}) \
        .endswith("] => [{version=[4, 1, 2], data_size=312, %s, flags=DM_BUFFER_FULL_FLAG}]) = %s"
                  % (DEV, BAD_FD))


def test_lists_at_exit():
    names = (struct.pack("<QI", 0x803, 24) + b"dm0\0".ljust(12, b"\0")
             + struct.pack("<QI", 0x804, 0) + b"dm1\0")
    before = header(data_size=312 + len(names), data_start=312)
    out = {A: before + names}
    assert call_line("ioctl", [3, LIST_DEVICES, A], 0, {A: before}, exit_mem=out,
                     style=VERBOSE_STRUCTS) == \
        "ioctl(3, DM_LIST_DEVICES, [{version=[4, 1, 2], data_size=352, data_start=312" \
        ", flags=0}] => [{version=[4, 1, 2], data_size=352, data_start=312, flags=0}" \
        ", {dev=makedev(0x8, 0x3), name=\"dm0\"}, {dev=makedev(0x8, 0x4), name=\"dm1\"}]) = 0"
    versions = struct.pack("<4I", 0, 1, 2, 3) + b"linear\0"
    before = header(data_size=312 + len(versions), data_start=312)
    assert call_line("ioctl", [3, LIST_VERSIONS, A], 0, {A: before},
                     exit_mem={A: before + versions}, style=VERBOSE_STRUCTS).endswith(
        "flags=0}, {name=\"linear\", version=[1, 2, 3]}]) = 0")
    deps = struct.pack("<IIQQ", 2, 0, 0x803, 0x10300)
    before = header(data_size=312 + len(deps), data_start=312)
    assert call_line("ioctl", [3, TABLE_DEPS, A], 0, {A: before},
                     exit_mem={A: before + deps}, style=VERBOSE_STRUCTS).endswith(
        "event_nr=0, flags=0}, {count=2, deps=[makedev(0x8, 0x3), makedev(0x103, 0)]}]) = 0")
    assert call_line("ioctl", [3, TABLE_DEPS, A], 0, {A: before},
                     exit_mem={A: before + deps}, style=RAW).endswith(
        "flags=0}, {count=2, deps=[0x803, 0x10300]}]) = 0")


def test_other_commands_of_the_type():
    assert call_line("ioctl", [3, 0x4004fdde, A], EBADF) == \
        "ioctl(3, _IOC(_IOC_WRITE, 0xfd, 0xde, 0x4), 0x10000) = " + BAD_FD
