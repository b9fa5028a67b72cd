"""Offline tests of the btrfs ioctl family (type 0x94, linux/btrfs.h) and of fs.py's
FIDEDUPERANGE: fake tracee memory in, strace 6.1's text out (the forms of its btrfs tests, the
live ones of btrfs-w included)."""
import struct

from minitrace.decode.ioctl.base import command_numbers
from minitrace.decode.timefmt import sprinttime
from minitrace.printers import Style

from decodertest import call_line

A, B = 0x10000, 0x20000
EBADF, EOVERFLOW = -9, -75
BAD_FD = "-1 EBADF (Bad file descriptor)"
VERBOSE = Style(verbose=True)
XVERBOSE = Style(const_style="verbose")
RAW = Style(const_style="raw")
U64_MAX = (1 << 64) - 1
UUID = bytes(bytearray([0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
                        0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54, 0x32, 0x10]))
UUID_TEXT = "01234567-89ab-cdef-fedc-ba9876543210"


def cmd(name, abi="x86_64"):
    return command_numbers(abi)["BTRFS_IOC_" + name]


def ioctl(name, arg, ret=0, mem=None, style=None, exit_mem=None, abi="x86_64"):
    return call_line("ioctl", [3, cmd(name, abi), arg], ret, mem, abi=abi, style=style,
                     exit_mem=exit_mem)


def u64s(*values):
    return struct.pack("<%dQ" % len(values), *values)


def test_no_argument_and_plain_numbers():
    for name in ("TRANS_START", "SYNC", "SCRUB_CANCEL", "QUOTA_RESCAN_WAIT", "DEFRAG",
                 "BALANCE"):
        assert ioctl(name, A, EBADF) == "ioctl(3, BTRFS_IOC_%s) = %s" % (name, BAD_FD)
    assert ioctl("BALANCE_CTL", 2, EBADF) == \
        "ioctl(3, BTRFS_IOC_BALANCE_CTL, BTRFS_BALANCE_CTL_CANCEL) = " + BAD_FD
    assert ioctl("BALANCE_CTL", 7, EBADF) == \
        "ioctl(3, BTRFS_IOC_BALANCE_CTL, 0x7 /* BTRFS_BALANCE_CTL_??? */) = " + BAD_FD
    assert ioctl("BALANCE_CTL", 1, EBADF, style=XVERBOSE) == \
        "ioctl(3, 0x40049421 /* BTRFS_IOC_BALANCE_CTL */, 0x1 /* BTRFS_BALANCE_CTL_PAUSE */)" \
        " = " + BAD_FD
    assert ioctl("WAIT_SYNC", A, EBADF, {A: u64s(U64_MAX - 1)}) == \
        "ioctl(3, BTRFS_IOC_WAIT_SYNC, [18446744073709551614]) = " + BAD_FD
    assert ioctl("DEFAULT_SUBVOL", 0, EBADF) == "ioctl(3, BTRFS_IOC_DEFAULT_SUBVOL, NULL) = " \
        + BAD_FD
    assert ioctl("SUBVOL_SETFLAGS", A, EBADF, {A: u64s(0xf)}) == \
        "ioctl(3, BTRFS_IOC_SUBVOL_SETFLAGS, BTRFS_SUBVOL_CREATE_ASYNC|BTRFS_SUBVOL_RDONLY" \
        "|BTRFS_SUBVOL_QGROUP_INHERIT|0x8) = " + BAD_FD


def test_read_at_exit():
    # nothing at entry; the address when the call failed
    assert ioctl("START_SYNC", 0, EBADF) == "ioctl(3, BTRFS_IOC_START_SYNC, NULL) = " + BAD_FD
    assert ioctl("SUBVOL_GETFLAGS", A, EBADF, {A: u64s(2)}) == \
        "ioctl(3, BTRFS_IOC_SUBVOL_GETFLAGS, 0x10000) = " + BAD_FD
    assert ioctl("START_SYNC", A, 0, {A: u64s(7)}) == \
        "ioctl(3, BTRFS_IOC_START_SYNC, [7]) = 0"
    assert ioctl("SUBVOL_GETFLAGS", A, 0, {A: u64s(2)}) == \
        "ioctl(3, BTRFS_IOC_SUBVOL_GETFLAGS, BTRFS_SUBVOL_RDONLY) = 0"
    assert ioctl("GET_FEATURES", A, 0, {A: u64s(1, 3, 0x1000)}) == \
        "ioctl(3, BTRFS_IOC_GET_FEATURES, {compat_flags=0x1 /* BTRFS_FEATURE_COMPAT_??? */, " \
        "compat_ro_flags=BTRFS_FEATURE_COMPAT_RO_FREE_SPACE_TREE|" \
        "BTRFS_FEATURE_COMPAT_RO_FREE_SPACE_TREE_VALID, " \
        "incompat_flags=BTRFS_FEATURE_INCOMPAT_ZONED}) = 0"
    assert ioctl("GET_SUPPORTED_FEATURES", A, 0, {A: u64s(0, 0, 1, 0, 0, 2, 0, 0, 0)}) == \
        "ioctl(3, BTRFS_IOC_GET_SUPPORTED_FEATURES, [" \
        "{compat_flags=0, compat_ro_flags=0, incompat_flags=BTRFS_FEATURE_INCOMPAT_MIXED_BACKREF}" \
        " /* supported */, {compat_flags=0, compat_ro_flags=0, " \
        "incompat_flags=BTRFS_FEATURE_INCOMPAT_DEFAULT_SUBVOL} /* safe to set */, " \
        "{compat_flags=0, compat_ro_flags=0, incompat_flags=0} /* safe to clear */]) = 0"
    assert ioctl("QGROUP_LIMIT", A, 0, {A: u64s(257, 1, 100, 0, 0, 0)}) == \
        "ioctl(3, BTRFS_IOC_QGROUP_LIMIT, {qgroupid=257, lim={flags=BTRFS_QGROUP_LIMIT_MAX_RFER" \
        ", max_rfer=100, max_excl=0, rsv_rfer=0, rsv_excl=0}}) = 0"
    assert ioctl("QUOTA_RESCAN_STATUS", A, 0, {A: u64s(0, 256) + bytes(48)}) == \
        "ioctl(3, BTRFS_IOC_QUOTA_RESCAN_STATUS, {flags=0, progress=BTRFS_FIRST_FREE_OBJECTID})" \
        " = 0"


def fs_info(flags, csum_type=1):
    return (u64s(1, 1) + UUID + struct.pack("<IIIHHQQ", 16384, 4096, 4096, csum_type, 32,
                                            flags, 9) + UUID[::-1] + bytes(944))


def test_fs_info_fields_by_flags():
    assert ioctl("FS_INFO", A, 0, {A: fs_info(0)}) == \
        "ioctl(3, BTRFS_IOC_FS_INFO, {max_id=1, num_devices=1, fsid=%s, nodesize=16384, " \
        "sectorsize=4096, clone_alignment=4096, flags=0}) = 0" % UUID_TEXT
    assert ioctl("FS_INFO", A, 0, {A: fs_info(7)}) == \
        "ioctl(3, BTRFS_IOC_FS_INFO, {max_id=1, num_devices=1, fsid=%s, nodesize=16384, " \
        "sectorsize=4096, clone_alignment=4096, csum_type=BTRFS_CSUM_TYPE_XXHASH, csum_size=32" \
        ", flags=BTRFS_FS_INFO_FLAG_CSUM_INFO|BTRFS_FS_INFO_FLAG_GENERATION|" \
        "BTRFS_FS_INFO_FLAG_METADATA_UUID, generation=9, metadata_uuid=" \
        "10325476-98ba-dcfe-efcd-ab8967452301}) = 0" % UUID_TEXT
    assert ioctl("FS_INFO", A, 0, {A: fs_info(1, 9)}).endswith(
        "csum_type=0x9 /* BTRFS_CSUM_TYPE_??? */, csum_size=32, "
        "flags=BTRFS_FS_INFO_FLAG_CSUM_INFO}) = 0")
    # the struct is 1024 bytes: a shorter readable area is the address
    assert ioctl("FS_INFO", A, 0, {A: fs_info(0)[:1000]}) == \
        "ioctl(3, BTRFS_IOC_FS_INFO, 0x10000) = 0"


def vol_args(fd, name):
    return struct.pack("<q", fd) + name + bytes(4088 - len(name))


def test_vol_args_names_are_not_cut_by_s():
    name = b"f" * 4087
    assert ioctl("SNAP_CREATE", A, EBADF, {A: vol_args(0, b"subvol-name")}) == \
        'ioctl(3, BTRFS_IOC_SNAP_CREATE, {fd=0, name="subvol-name"}) = ' + BAD_FD
    assert ioctl("RM_DEV", A, EBADF, {A: vol_args(2, name)}) == \
        'ioctl(3, BTRFS_IOC_RM_DEV, {fd=2, name="%s"}) = %s' % ("f" * 4087, BAD_FD)
    # no NUL at all: the array less its last byte, then `...`
    assert ioctl("RESIZE", A, EBADF, {A: struct.pack("<q", 2) + b"g" * 4088}) == \
        'ioctl(3, BTRFS_IOC_RESIZE, {fd=2, name="%s"...}) = %s' % ("g" * 4087, BAD_FD)
    assert ioctl("SCAN_DEV", 0, EBADF) == "ioctl(3, BTRFS_IOC_SCAN_DEV, NULL) = " + BAD_FD


def vol_args_v2(flags, size=0, inherit=0, name=b"subvol-name"):
    return (struct.pack("<qQQQQ16x", 2, 0, flags, size, inherit) + name
            + bytes(4040 - len(name)))


INHERIT = u64s(3, 3, 0, 0) + u64s(0x7f, 5, 6, 7, 8) + u64s(1, 2, 4)
INHERIT_HEAD = "{flags=BTRFS_QGROUP_INHERIT_SET_LIMITS|0x2, num_qgroups=3, num_ref_copies=0, " \
    "num_excl_copies=0, lim={flags=BTRFS_QGROUP_LIMIT_MAX_RFER|BTRFS_QGROUP_LIMIT_MAX_EXCL|" \
    "BTRFS_QGROUP_LIMIT_RSV_RFER|BTRFS_QGROUP_LIMIT_RSV_EXCL|BTRFS_QGROUP_LIMIT_RFER_CMPR|" \
    "BTRFS_QGROUP_LIMIT_EXCL_CMPR|0x40, max_rfer=5, max_excl=6, rsv_rfer=7, rsv_excl=8}"


def test_vol_args_v2_and_the_qgroup_inherit():
    assert ioctl("SUBVOL_CREATE_V2", A, EBADF, {A: vol_args_v2(3)}) == \
        "ioctl(3, BTRFS_IOC_SUBVOL_CREATE_V2, {fd=2, flags=BTRFS_SUBVOL_CREATE_ASYNC|" \
        'BTRFS_SUBVOL_RDONLY, name="subvol-name"}) = ' + BAD_FD
    mem = {A: vol_args_v2(4, len(INHERIT), B), B: INHERIT}
    assert ioctl("SNAP_CREATE_V2", A, EBADF, mem) == \
        "ioctl(3, BTRFS_IOC_SNAP_CREATE_V2, {fd=2, flags=BTRFS_SUBVOL_QGROUP_INHERIT, size=96, " \
        'qgroup_inherit=%s, ...}, name="subvol-name"}) = %s' % (INHERIT_HEAD, BAD_FD)
    assert ioctl("SNAP_CREATE_V2", A, EBADF, mem, style=VERBOSE) == \
        "ioctl(3, BTRFS_IOC_SNAP_CREATE_V2, {fd=2, flags=BTRFS_SUBVOL_QGROUP_INHERIT, size=96, " \
        'qgroup_inherit=%s, qgroups=[1, 2, 4]}, name="subvol-name"}) = %s' % (
            INHERIT_HEAD, BAD_FD)
    assert ioctl("SNAP_CREATE_V2", A, EBADF, {A: vol_args_v2(4, 0, B)}) == \
        "ioctl(3, BTRFS_IOC_SNAP_CREATE_V2, {fd=2, flags=BTRFS_SUBVOL_QGROUP_INHERIT, size=0, " \
        'qgroup_inherit=0x20000, name="subvol-name"}) = ' + BAD_FD
    # what the kernel answers: the transid
    done = struct.pack("<qQ", 2, 12) + vol_args_v2(0)[16:]
    assert ioctl("SNAP_CREATE_V2", A, 0, {A: vol_args_v2(0)}, exit_mem={A: done}) == \
        'ioctl(3, BTRFS_IOC_SNAP_CREATE_V2, {fd=2, flags=0, name="subvol-name"} => ' \
        "{transid=12}) = 0"


def test_vol_args_v2_pointer_is_the_tracee_s():
    # i386: a 4-byte qgroup_inherit pointer after the u64 size
    mem = {A: struct.pack("<qQQQI20x", 2, 0, 4, 0, B) + b"n\0" + bytes(4038),
           B: INHERIT}
    assert ioctl("SNAP_CREATE_V2", A, EBADF, mem, abi="i386").startswith(
        "ioctl(3, BTRFS_IOC_SNAP_CREATE_V2, {fd=2, flags=BTRFS_SUBVOL_QGROUP_INHERIT, size=0, "
        "qgroup_inherit={flags=BTRFS_QGROUP_INHERIT_SET_LIMITS|0x2")


def balance_part(profiles, flags, devid=1, pend=U64_MAX):
    return u64s(profiles, 0, devid, 0, pend, 0, 0, 0, flags, 0) + bytes(56)


def balance(flags, state=0):
    return (u64s(flags, state) + balance_part(7, 7) + balance_part(0x38, 0x38, pend=0)
            + balance_part(1 << 48, 0x400, pend=0) + bytes(24 + 576))


def test_balance():
    data = "data={profiles=BTRFS_BLOCK_GROUP_DATA|BTRFS_BLOCK_GROUP_SYSTEM|" \
        "BTRFS_BLOCK_GROUP_METADATA, usage=0, devid=makedev(0, 0x1), pstart=0, pend=UINT64_MAX, " \
        "vstart=0, vend=0, target=0, flags=BTRFS_BALANCE_ARGS_PROFILES|BTRFS_BALANCE_ARGS_USAGE|" \
        "BTRFS_BALANCE_ARGS_DEVID}"
    sys_ = "sys={profiles=BTRFS_AVAIL_ALLOC_BIT_SINGLE, usage=0, devid=makedev(0, 0x1), " \
        "pstart=0, pend=0, vstart=0, vend=0, target=0, flags=BTRFS_BALANCE_ARGS_USAGE_RANGE}"
    assert ioctl("BALANCE_V2", A, EBADF, {A: balance(0x23)}) == \
        "ioctl(3, BTRFS_IOC_BALANCE_V2, {flags=BTRFS_BALANCE_DATA|BTRFS_BALANCE_SYSTEM|0x20, " \
        "%s, %s}) = %s" % (data, sys_, BAD_FD)
    assert ioctl("BALANCE_V2", A, 0, {A: balance(1)}, exit_mem={A: balance(1, 1)}) == \
        "ioctl(3, BTRFS_IOC_BALANCE_V2, {flags=BTRFS_BALANCE_DATA, %s} => " \
        "{flags=BTRFS_BALANCE_DATA, state=BTRFS_BALANCE_STATE_RUNNING, %s}) = 0" % (data, data)
    assert ioctl("BALANCE_PROGRESS", A, 0, {A: balance(0, 6)}) == \
        "ioctl(3, BTRFS_IOC_BALANCE_PROGRESS, {flags=0, state=BTRFS_BALANCE_STATE_PAUSE_REQ|" \
        "BTRFS_BALANCE_STATE_CANCEL_REQ}) = 0"
    assert ioctl("BALANCE_V2", A, 0, {A: balance(0)}, style=XVERBOSE) == \
        "ioctl(3, 0xc4009420 /* BTRFS_IOC_BALANCE_V2 */, {flags=0} => {flags=0, state=0})" \
        " = 0"


def test_defrag_range_u64_max_and_compression():
    def defrag(length, compress):
        return u64s(0, length, 7) + struct.pack("<II16x", 131072, compress)
    assert ioctl("DEFRAG_RANGE", A, EBADF, {A: defrag(U64_MAX, 2)}) == \
        "ioctl(3, BTRFS_IOC_DEFRAG_RANGE, {start=0, len=UINT64_MAX, flags=" \
        "BTRFS_DEFRAG_RANGE_COMPRESS|BTRFS_DEFRAG_RANGE_START_IO|0x4, extent_thresh=131072, " \
        "compress_type=BTRFS_COMPRESS_LZO}) = " + BAD_FD
    assert ioctl("DEFRAG_RANGE", A, EBADF, {A: defrag(U64_MAX, 4)}, style=XVERBOSE) == \
        "ioctl(3, 0x40309410 /* BTRFS_IOC_DEFRAG_RANGE */, {start=0, len=18446744073709551615 " \
        "/* UINT64_MAX */, flags=0x7 /* BTRFS_DEFRAG_RANGE_COMPRESS|BTRFS_DEFRAG_RANGE_START_IO" \
        "|0x4 */, extent_thresh=131072, compress_type=0x4 /* BTRFS_COMPRESS_??? */}) = " + BAD_FD
    assert ioctl("DEFRAG_RANGE", A, EBADF, {A: defrag(U64_MAX, 3)}, style=RAW) == \
        "ioctl(3, 0x40309410, {start=0, len=18446744073709551615, flags=0x7, " \
        "extent_thresh=131072, compress_type=0x3}) = " + BAD_FD


def search_key(min_obj=256, max_obj=U64_MAX - 255, nr_items=10, min_type=0, max_type=0xffffffff):
    return (u64s(5, min_obj, max_obj, 0, U64_MAX, 0, U64_MAX)
            + struct.pack("<IIII", min_type, max_type, nr_items, 0) + bytes(32))


def search_header(objectid, key_type, length):
    return u64s(9, objectid, 0) + struct.pack("<II", key_type, length) + bytes(length)


KEY_TAIL = "min_offset=0, max_offset=UINT64_MAX, min_transid=0, max_transid=UINT64_MAX, "


def test_tree_search_key_at_entry():
    assert ioctl("TREE_SEARCH", A, EBADF, {A: search_key()}) == \
        "ioctl(3, BTRFS_IOC_TREE_SEARCH, {key={tree_id=BTRFS_FS_TREE_OBJECTID, %s" \
        "min_type=0, max_type=UINT32_MAX, nr_items=10}}) = %s" % (KEY_TAIL, BAD_FD)
    assert ioctl("TREE_SEARCH_V2", A, EBADF, {A: search_key() + u64s(4096)},
                 style=VERBOSE) == \
        "ioctl(3, BTRFS_IOC_TREE_SEARCH_V2, {key={tree_id=BTRFS_FS_TREE_OBJECTID, " \
        "min_objectid=BTRFS_FIRST_FREE_OBJECTID, max_objectid=BTRFS_LAST_FREE_OBJECTID, %s" \
        "min_type=0, max_type=UINT32_MAX, nr_items=10}, buf_size=4096}) = %s" % (
            KEY_TAIL, BAD_FD)
    assert ioctl("TREE_SEARCH", A, EBADF, {A: search_key(6, 7, min_type=1, max_type=12)},
                 style=XVERBOSE) == \
        "ioctl(3, 0xd0009411 /* BTRFS_IOC_TREE_SEARCH */, {key={tree_id=5 /* " \
        "BTRFS_FS_TREE_OBJECTID */, min_objectid=6 /* BTRFS_ROOT_TREE_DIR_OBJECTID */, " \
        "max_objectid=7 /* BTRFS_CSUM_TREE_OBJECTID */, min_offset=0, max_offset=" \
        "18446744073709551615 /* UINT64_MAX */, min_transid=0, max_transid=18446744073709551615" \
        " /* UINT64_MAX */, min_type=1 /* BTRFS_INODE_ITEM_KEY */, max_type=12 /* " \
        "BTRFS_INODE_REF_KEY */, nr_items=10}}) = " + BAD_FD


def test_tree_search_items_at_exit():
    items = search_header(256, 1, 160) + search_header(257, 12, 13)
    mem = {A: search_key(nr_items=10) + items + bytes(3992 - len(items))}
    done = {A: search_key(nr_items=2) + items + bytes(3992 - len(items))}
    head = "ioctl(3, BTRFS_IOC_TREE_SEARCH, {key={tree_id=BTRFS_FS_TREE_OBJECTID, %s" \
        "min_type=0, max_type=UINT32_MAX, nr_items=10}} => {key={nr_items=2}, " % KEY_TAIL
    assert ioctl("TREE_SEARCH", A, 0, mem, exit_mem=done) == head + "...}) = 0"
    first = "{transid=9, objectid=BTRFS_FIRST_FREE_OBJECTID, offset=0, " \
        "type=BTRFS_INODE_ITEM_KEY, len=160}"
    second = "{transid=9, objectid=257, offset=0, type=BTRFS_INODE_REF_KEY, len=13}"
    verbose = ioctl("TREE_SEARCH", A, 0, mem, exit_mem=done, style=VERBOSE)
    assert verbose.endswith("nr_items=2}, buf=[%s, %s]}) = 0" % (first, second))
    # items past -s: `...` after the first past it; an unreadable item: `... /* addr */`
    cut = ioctl("TREE_SEARCH", A, 0, mem, exit_mem=done, style=Style(verbose=True,
                                                                     string_limit=0))
    assert cut.endswith("buf=[%s, ...]}) = 0" % first)
    short = {A: search_key(nr_items=2) + items[:32 + 160 + 10]}
    assert ioctl("TREE_SEARCH", A, 0, short, style=VERBOSE).endswith(
        "buf=[%s, ... /* 0x10128 */]}) = 0" % first)


def test_tree_search_v2_at_exit():
    mem = {A: search_key(nr_items=1) + u64s(64) + search_header(256, 1, 8)}
    assert ioctl("TREE_SEARCH_V2", A, 0, mem, style=VERBOSE).endswith(
        "buf_size=64} => {key={nr_items=1}, buf_size=64, buf=[{transid=9, "
        "objectid=BTRFS_FIRST_FREE_OBJECTID, offset=0, type=BTRFS_INODE_ITEM_KEY, len=8}]}) = 0")
    # an item past buf_size is not read
    small = {A: search_key(nr_items=1) + u64s(16) + search_header(256, 1, 8)}
    assert ioctl("TREE_SEARCH_V2", A, 0, small, style=VERBOSE).endswith(
        "=> {key={nr_items=1}, buf_size=16, buf=[...]}) = 0")
    # EOVERFLOW: the buffer size the kernel asks for, and nothing else
    bigger = {A: search_key(nr_items=1) + u64s(4096)}
    assert ioctl("TREE_SEARCH_V2", A, EOVERFLOW, mem, exit_mem=bigger).endswith(
        "buf_size=64} => {buf_size=4096}) = -1 EOVERFLOW (Value too large for defined data type)")
    assert ioctl("TREE_SEARCH_V2", A, EBADF, mem).endswith("buf_size=64}) = " + BAD_FD)


def test_ino_lookup_tree_id_zero_is_answered():
    def args(treeid, name=b""):
        return u64s(treeid, 256) + name + bytes(4080 - len(name))
    assert ioctl("INO_LOOKUP", A, 0, {A: args(5)}, exit_mem={A: args(5, b"dir/")}) == \
        "ioctl(3, BTRFS_IOC_INO_LOOKUP, {treeid=BTRFS_FS_TREE_OBJECTID, " \
        'objectid=BTRFS_FIRST_FREE_OBJECTID} => {name="dir/"}) = 0'
    assert ioctl("INO_LOOKUP", A, 0, {A: args(0)}, exit_mem={A: args(258, b"x/")}) == \
        "ioctl(3, BTRFS_IOC_INO_LOOKUP, {treeid=0, objectid=BTRFS_FIRST_FREE_OBJECTID} => " \
        '{treeid=258, name="x/"}) = 0'
    # the call failed: nothing more
    assert ioctl("INO_LOOKUP", A, EBADF, {A: args(0)}) == \
        "ioctl(3, BTRFS_IOC_INO_LOOKUP, {treeid=0, objectid=BTRFS_FIRST_FREE_OBJECTID}) = " \
        + BAD_FD
    assert ioctl("INO_LOOKUP", A, 0, {A: args(0)[:100]}) == \
        "ioctl(3, BTRFS_IOC_INO_LOOKUP, 0x10000) = 0"


def test_space_info():
    def space(slots, total, *infos):
        return u64s(slots, total) + b"".join(u64s(*i) for i in infos)
    mem = {A: space(0, 0)}
    assert ioctl("SPACE_INFO", A, 0, mem, exit_mem={A: space(0, 4)}) == \
        "ioctl(3, BTRFS_IOC_SPACE_INFO, {space_slots=0} => {total_spaces=4}) = 0"
    full = space(2, 2, (1, 100, 10), (0x22, 200, 20))
    assert ioctl("SPACE_INFO", A, 0, {A: full}) == \
        "ioctl(3, BTRFS_IOC_SPACE_INFO, {space_slots=2} => {total_spaces=2, ...}) = 0"
    assert ioctl("SPACE_INFO", A, 0, {A: full}, style=VERBOSE) == \
        "ioctl(3, BTRFS_IOC_SPACE_INFO, {space_slots=2} => {total_spaces=2, spaces=[" \
        "{flags=BTRFS_BLOCK_GROUP_DATA, total_bytes=100, used_bytes=10}, " \
        "{flags=BTRFS_BLOCK_GROUP_SYSTEM|BTRFS_BLOCK_GROUP_DUP, total_bytes=200, " \
        "used_bytes=20}]}) = 0"


def test_dev_info_and_scrub():
    def dev_info(uuid, path=b""):
        return u64s(1) + uuid + u64s(10, 20) + bytes(379 * 8) + path + bytes(1024 - len(path))
    assert ioctl("DEV_INFO", A, 0, {A: dev_info(bytes(16))},
                 exit_mem={A: dev_info(UUID, b"/dev/loop0")}) == \
        "ioctl(3, BTRFS_IOC_DEV_INFO, {devid=makedev(0, 0x1)} => {uuid=%s, bytes_used=10, " \
        'total_bytes=20, path="/dev/loop0"}) = 0' % UUID_TEXT
    assert ioctl("DEV_INFO", A, EBADF, {A: dev_info(UUID)}, style=XVERBOSE) == \
        "ioctl(3, 0xd000941e /* BTRFS_IOC_DEV_INFO */, {devid=0x1 /* makedev(0, 0x1) */, " \
        "uuid=%s}) = %s" % (UUID_TEXT, BAD_FD)
    scrub = u64s(1, 0, U64_MAX, 3, *range(1, 16)) + bytes(109 * 8)
    progress = ", ".join("%s=%d" % (n, i + 1) for i, n in enumerate((
        "data_extents_scrubbed", "tree_extents_scrubbed", "data_bytes_scrubbed",
        "tree_bytes_scrubbed", "read_errors", "csum_errors", "verify_errors", "no_csum",
        "csum_discards", "super_errors", "malloc_errors", "uncorrectable_errors",
        "corrected_errors", "last_physical", "unverified_errors")))
    assert ioctl("SCRUB", A, 0, {A: scrub}) == \
        "ioctl(3, BTRFS_IOC_SCRUB, {devid=makedev(0, 0x1), start=0, end=UINT64_MAX, " \
        "flags=BTRFS_SCRUB_READONLY|0x2} => {progress={%s}}) = 0" % progress
    assert ioctl("SCRUB_PROGRESS", A, EBADF, {A: scrub}) == \
        "ioctl(3, BTRFS_IOC_SCRUB_PROGRESS, {devid=makedev(0, 0x1)}) = " + BAD_FD


def test_dev_stats_and_replace():
    def stats(nr_items, flags=1):
        return u64s(1, nr_items, flags, 10, 11, 12, 13, 14) + bytes(121 * 8)
    names = ("WRITE", "READ", "FLUSH", "CORRUPTION", "GENERATION")
    values = ", ".join("[BTRFS_DEV_STAT_%s_ERRS]=%d" % (n, 10 + i) for i, n in enumerate(names))
    assert ioctl("GET_DEV_STATS", A, 0, {A: stats(5)}, exit_mem={A: stats(7, 0)}) == \
        "ioctl(3, BTRFS_IOC_GET_DEV_STATS, {devid=makedev(0, 0x1), nr_items=5, " \
        "flags=BTRFS_DEV_STATS_RESET} => {nr_items=7, flags=0, [%s, ...]}) = 0" % values
    assert ioctl("GET_DEV_STATS", A, 0, {A: stats(1)}, style=XVERBOSE).endswith(
        "=> {nr_items=1, flags=0x1 /* BTRFS_DEV_STATS_RESET */, "
        "[[0 /* BTRFS_DEV_STAT_WRITE_ERRS */]=10]}) = 0")

    def replace(cmd, mode=0, result=0):
        # the union of the start and status parameters is 2072 bytes
        start = u64s(1, mode) + b"/dev/sda1".ljust(1025, b"\0") + b"/dev/sdb1".ljust(1031, b"\0")
        return u64s(cmd, result) + start + bytes(64 * 8)
    start = "start={srcdevid=makedev(0, 0x1), cont_reading_from_srcdev_mode=" \
        "BTRFS_IOCTL_DEV_REPLACE_CONT_READING_FROM_SRCDEV_MODE_AVOID, " \
        'srcdev_name="/dev/sda1", tgtdev_name="/dev/sdb1"}'
    assert ioctl("DEV_REPLACE", A, 0, {A: replace(0, 1)}, exit_mem={A: replace(0, 1, 2)}) == \
        "ioctl(3, BTRFS_IOC_DEV_REPLACE, {cmd=BTRFS_IOCTL_DEV_REPLACE_CMD_START, %s} => " \
        "{result=BTRFS_IOCTL_DEV_REPLACE_RESULT_ALREADY_STARTED}) = 0" % start
    status = u64s(1, 7, 2, 555, 1463193386, 0, 3, 4) + replace(1)[64:]
    assert ioctl("DEV_REPLACE", A, 0, {A: replace(1)}, exit_mem={A: status}) == \
        "ioctl(3, BTRFS_IOC_DEV_REPLACE, {cmd=BTRFS_IOCTL_DEV_REPLACE_CMD_STATUS} => " \
        "{result=0x7 /* BTRFS_IOCTL_DEV_REPLACE_RESULT_??? */, status={replace_state=" \
        "BTRFS_IOCTL_DEV_REPLACE_STATE_FINISHED, progress_1000=555 /* 55.5%% */, " \
        "time_started=1463193386 /* %s */, time_stopped=0, num_write_errors=3, " \
        "num_uncorrectable_read_errors=4}}) = 0" % sprinttime(1463193386)


def container(count, missed, *values):
    return struct.pack("<IIII", 100, 0, count, missed) + u64s(*values)


def test_ino_paths_and_logical_ino():
    args = u64s(256, 16384, 0, 0, 0, 0, B)
    paths = {A: args, B: container(2, 0, 16, 20) + b"dir\0a/b\0"}
    assert ioctl("INO_PATHS", A, 0, paths) == \
        "ioctl(3, BTRFS_IOC_INO_PATHS, {inum=256, size=16384, fspath=0x20000} => {fspath=" \
        "{bytes_left=100, bytes_missing=0, elem_cnt=2, elem_missed=0, ...}}) = 0"
    assert ioctl("INO_PATHS", A, 0, paths, style=VERBOSE) == \
        "ioctl(3, BTRFS_IOC_INO_PATHS, {inum=256, size=16384, fspath=0x20000} => {fspath=" \
        '{bytes_left=100, bytes_missing=0, elem_cnt=2, elem_missed=0, val=["dir", "a/b"]}})' \
        " = 0"
    logical = u64s(4096, 16384, 0, 7, 0, 0, B)
    assert ioctl("LOGICAL_INO", A, 0, {A: logical, B: container(6, 0, 257, 0, 5, 258, 4096, 5)},
                 style=VERBOSE) == \
        "ioctl(3, BTRFS_IOC_LOGICAL_INO, {logical=4096, size=16384, reserved=[0, 0x7, 0], " \
        "flags=0, inodes=0x20000} => {inodes={bytes_left=100, bytes_missing=0, elem_cnt=6, " \
        "elem_missed=0, val=[{inum=257, offset=0, root=5}, {inum=258, offset=4096, " \
        "root=5}]}}) = 0"
    assert ioctl("LOGICAL_INO", A, 0, {A: u64s(1, 2, 0, 0, 0, 1, 0)}) == \
        "ioctl(3, BTRFS_IOC_LOGICAL_INO, {logical=1, size=2, flags=" \
        "BTRFS_LOGICAL_INO_ARGS_IGNORE_OFFSET, inodes=NULL} => {inodes=NULL}) = 0"


def received(uuid=UUID, stransid=74565, sec=1463193386, nsec=12345, rtransid=0, rtime=(0, 0),
             abi_pad=b"\0\0\0\0"):
    def ts(s, n):
        return u64s(s) + struct.pack("<I", n) + abi_pad
    return uuid + u64s(stransid, rtransid) + ts(sec, nsec) + ts(*rtime) + bytes(8 + 128)


def test_received_subvol_times():
    assert ioctl("SET_RECEIVED_SUBVOL", A, 0, {A: received()},
                 exit_mem={A: received(rtransid=9, rtime=(0, 0))}) == \
        "ioctl(3, BTRFS_IOC_SET_RECEIVED_SUBVOL, {uuid=%s, stransid=74565, stime={" \
        "sec=1463193386, nsec=12345} /* %s */, flags=0} => {rtransid=9, rtime={sec=0, nsec=0}})" \
        " = 0" % (UUID_TEXT, sprinttime(1463193386, 12345))
    # an nsec out of range: no comment
    assert "stime={sec=1, nsec=1000000000}, flags=0" in ioctl(
        "SET_RECEIVED_SUBVOL", A, EBADF, {A: received(sec=1, nsec=10 ** 9)})
    # i386: struct btrfs_ioctl_timespec is 12 bytes there
    assert ioctl("SET_RECEIVED_SUBVOL", A, EBADF, {A: received(abi_pad=b"")}, abi="i386") \
        .endswith("stime={sec=1463193386, nsec=12345} /* %s */, flags=0}) = %s" % (
            sprinttime(1463193386, 12345), BAD_FD))


def test_send_clone_sources_with_v():
    args = struct.pack("<qQQQQI28x", 4, 2, B, 257, 0xf, 0)
    mem = {A: args, B: u64s(256, 257)}
    flags = "BTRFS_SEND_FLAG_NO_FILE_DATA|BTRFS_SEND_FLAG_OMIT_STREAM_HEADER|" \
        "BTRFS_SEND_FLAG_OMIT_END_CMD|BTRFS_SEND_FLAG_VERSION"
    assert ioctl("SEND", A, EBADF, mem) == \
        "ioctl(3, BTRFS_IOC_SEND, {send_fd=4, clone_sources_count=2, clone_sources=0x20000, " \
        "parent_root=257, flags=%s}) = %s" % (flags, BAD_FD)
    assert ioctl("SEND", A, EBADF, mem, style=VERBOSE) == \
        "ioctl(3, BTRFS_IOC_SEND, {send_fd=4, clone_sources_count=2, clone_sources=[" \
        "BTRFS_FIRST_FREE_OBJECTID, 257], parent_root=257, flags=%s}) = %s" % (flags, BAD_FD)
    assert ioctl("SEND", A, EBADF, {A: struct.pack("<qQQQQI28x", 4, 0, 0, 5, 0x40, 0)}) == \
        "ioctl(3, BTRFS_IOC_SEND, {send_fd=4, clone_sources_count=0, clone_sources=NULL, " \
        "parent_root=BTRFS_FS_TREE_OBJECTID, flags=0x40 /* BTRFS_SEND_FLAGS_??? */}) = " + BAD_FD


def test_quota_and_qgroups():
    assert ioctl("QUOTA_CTL", A, EBADF, {A: u64s(3, 0)}) == \
        "ioctl(3, BTRFS_IOC_QUOTA_CTL, {cmd=BTRFS_QUOTA_CTL_RESCAN__NOTUSED}) = " + BAD_FD
    assert ioctl("QUOTA_CTL", A, EBADF, {A: u64s(4, 0)}) == \
        "ioctl(3, BTRFS_IOC_QUOTA_CTL, {cmd=0x4 /* BTRFS_QUOTA_CTL_??? */}) = " + BAD_FD
    assert ioctl("QGROUP_ASSIGN", A, EBADF, {A: u64s(1, 257, 258)}) == \
        "ioctl(3, BTRFS_IOC_QGROUP_ASSIGN, {assign=1, src=257, dst=258}) = " + BAD_FD
    assert ioctl("QGROUP_CREATE", A, EBADF, {A: u64s(1, 257)}) == \
        "ioctl(3, BTRFS_IOC_QGROUP_CREATE, {create=1, qgroupid=257}) = " + BAD_FD
    assert ioctl("QUOTA_RESCAN", A, EBADF, {A: u64s(0, 0) + bytes(48)}) == \
        "ioctl(3, BTRFS_IOC_QUOTA_RESCAN, {flags=0}) = " + BAD_FD
    assert ioctl("SET_FEATURES", A, EBADF, {A: u64s(0, 0, 4, 0, 0, 4)}) == \
        "ioctl(3, BTRFS_IOC_SET_FEATURES, [{compat_flags=0, compat_ro_flags=0, incompat_flags=" \
        "BTRFS_FEATURE_INCOMPAT_MIXED_GROUPS}, {compat_flags=0, compat_ro_flags=0, " \
        "incompat_flags=BTRFS_FEATURE_INCOMPAT_MIXED_GROUPS}]) = " + BAD_FD


def test_undecoded_0x94_command_prints_its_argument_at_entry():
    assert ioctl("GET_SUBVOL_INFO", A, EBADF) == \
        "ioctl(3, BTRFS_IOC_GET_SUBVOL_INFO, 0x10000) = " + BAD_FD


DEDUPE = command_numbers("x86_64")["FIDEDUPERANGE"]


def dedupe(count, infos):
    return (struct.pack("<QQHHI", 1024, 10240, count, 0, 0)
            + b"".join(struct.pack("<qQQiI", fd, off, done, status, 0)
                       for fd, off, done, status in infos))


def test_fideduperange():
    infos = [(2, 0, 4096, 0), (2, 10240, 0, 1), (2, 20480, 0, -22)]
    mem = {A: dedupe(3, infos)}
    name = "BTRFS_IOC_FILE_EXTENT_SAME or FIDEDUPERANGE"
    head = "ioctl(3, %s, {src_offset=1024, src_length=10240, dest_count=3, info=[" % name
    at_entry = "{dest_fd=2, dest_offset=0}, {dest_fd=2, dest_offset=10240}"
    # without -v at most 2 of more than 2, at entry and at exit
    assert call_line("ioctl", [3, DEDUPE, A], 0, mem) == \
        head + at_entry + ", ...]} => {info=[{bytes_deduped=4096, status=0}, " \
        "{bytes_deduped=0, status=1}, ...]}) = 0"
    assert call_line("ioctl", [3, DEDUPE, A], 0, mem, style=VERBOSE) == \
        head + at_entry + ", {dest_fd=2, dest_offset=20480}]} => {info=[{bytes_deduped=4096, " \
        "status=0}, {bytes_deduped=0, status=1}, {bytes_deduped=0, status=-22}]}) = 0"
    assert call_line("ioctl", [3, DEDUPE, A], EBADF, mem, style=Style(string_limit=1)) == \
        head + "{dest_fd=2, dest_offset=0}, ...]}) = " + BAD_FD
    # no element (or an unreadable one) at entry: no exit part
    assert call_line("ioctl", [3, DEDUPE, A], 0, {A: dedupe(0, [])}) == \
        "ioctl(3, %s, {src_offset=1024, src_length=10240, dest_count=0, info=[]}) = 0" % name
    assert call_line("ioctl", [3, DEDUPE, A], 0, {A: dedupe(2, infos[:1])}) == \
        "ioctl(3, %s, {src_offset=1024, src_length=10240, dest_count=2, info=[{dest_fd=2, " \
        "dest_offset=0}, ... /* 0x10038 */]}) = 0" % name
    assert call_line("ioctl", [3, DEDUPE, 0], EBADF) == \
        "ioctl(3, %s, NULL) = %s" % (name, BAD_FD)
