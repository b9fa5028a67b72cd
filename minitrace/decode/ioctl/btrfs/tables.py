"""The names strace 6.1 gives btrfs ioctl values, in its print order (its xlat/btrfs_*.in), and
the printers of the field kinds its btrfs decoder uses (u64 with UINT64_MAX, object ids, key
types, uuids, times). Values come from linux/btrfs.h and linux/btrfs_tree.h through the generated
constants; LOCAL_VALUES are the few no uapi header gives."""
from minitrace import printers
from minitrace.decode.timefmt import time_comment

U64_MAX = (1 << 64) - 1
# the compression types are the kernel's enum btrfs_compression_type (fs/btrfs/compression.h);
# UINT64_MAX and UINT32_MAX close strace's object id and key type tables
LOCAL_VALUES = (("BTRFS_COMPRESS_NONE", 0), ("BTRFS_COMPRESS_ZLIB", 1),
                ("BTRFS_COMPRESS_LZO", 2), ("BTRFS_COMPRESS_ZSTD", 3),
                ("UINT64_MAX", U64_MAX), ("UINT32_MAX", 0xffffffff))

BALANCE_ARGS = tuple("BTRFS_BALANCE_ARGS_" + n for n in (
    "PROFILES", "USAGE", "DEVID", "DRANGE", "VRANGE", "LIMIT", "LIMIT_RANGE", "STRIPES_RANGE",
    "CONVERT", "SOFT", "USAGE_RANGE"))
BALANCE_CTL_CMDS = ("BTRFS_BALANCE_CTL_PAUSE", "BTRFS_BALANCE_CTL_CANCEL")
BALANCE_FLAGS = tuple("BTRFS_BALANCE_" + n for n in (
    "DATA", "SYSTEM", "METADATA", "FORCE", "RESUME"))
BALANCE_STATE = tuple("BTRFS_BALANCE_STATE_" + n for n in (
    "RUNNING", "PAUSE_REQ", "CANCEL_REQ"))
COMPRESS_TYPES = tuple("BTRFS_COMPRESS_" + n for n in ("NONE", "ZLIB", "LZO", "ZSTD"))
CONT_READING_MODES = tuple("BTRFS_IOCTL_DEV_REPLACE_CONT_READING_FROM_SRCDEV_MODE_" + n
                           for n in ("ALWAYS", "AVOID"))
CSUM_TYPES = tuple("BTRFS_CSUM_TYPE_" + n for n in ("CRC32", "XXHASH", "SHA256", "BLAKE2"))
DEFRAG_FLAGS = ("BTRFS_DEFRAG_RANGE_COMPRESS", "BTRFS_DEFRAG_RANGE_START_IO")
DEV_REPLACE_CMDS = tuple("BTRFS_IOCTL_DEV_REPLACE_CMD_" + n for n in (
    "START", "STATUS", "CANCEL"))
DEV_REPLACE_RESULTS = tuple("BTRFS_IOCTL_DEV_REPLACE_RESULT_" + n for n in (
    "NO_ERROR", "NOT_STARTED", "ALREADY_STARTED", "SCRUB_INPROGRESS"))
DEV_REPLACE_STATE = tuple("BTRFS_IOCTL_DEV_REPLACE_STATE_" + n for n in (
    "NEVER_STARTED", "STARTED", "FINISHED", "CANCELED", "SUSPENDED"))
DEV_STATS_FLAGS = ("BTRFS_DEV_STATS_RESET",)
DEV_STATS_VALUES = tuple("BTRFS_DEV_STAT_%s_ERRS" % n for n in (
    "WRITE", "READ", "FLUSH", "CORRUPTION", "GENERATION"))
FEATURES_COMPAT = ()          # strace 6.1 names no compat feature
FEATURES_COMPAT_RO = tuple("BTRFS_FEATURE_COMPAT_RO_" + n for n in (
    "FREE_SPACE_TREE", "FREE_SPACE_TREE_VALID", "VERITY", "BLOCK_GROUP_TREE"))
FEATURES_INCOMPAT = tuple("BTRFS_FEATURE_INCOMPAT_" + n for n in (
    "MIXED_BACKREF", "DEFAULT_SUBVOL", "MIXED_GROUPS", "COMPRESS_LZO", "COMPRESS_ZSTD",
    "BIG_METADATA", "EXTENDED_IREF", "RAID56", "SKINNY_METADATA", "NO_HOLES", "METADATA_UUID",
    "RAID1C34", "ZONED", "EXTENT_TREE_V2"))
FS_INFO_FLAGS = tuple("BTRFS_FS_INFO_FLAG_" + n for n in (
    "CSUM_INFO", "GENERATION", "METADATA_UUID"))
KEY_TYPES = tuple("BTRFS_%s_KEY" % n for n in (
    "INODE_ITEM", "INODE_REF", "INODE_EXTREF", "XATTR_ITEM", "VERITY_DESC_ITEM",
    "VERITY_MERKLE_ITEM", "ORPHAN_ITEM", "DIR_LOG_ITEM", "DIR_LOG_INDEX", "DIR_ITEM",
    "DIR_INDEX", "EXTENT_DATA", "EXTENT_CSUM", "ROOT_ITEM", "ROOT_BACKREF", "ROOT_REF",
    "EXTENT_ITEM", "METADATA_ITEM", "TREE_BLOCK_REF", "EXTENT_DATA_REF", "EXTENT_REF_V0",
    "SHARED_BLOCK_REF", "SHARED_DATA_REF", "BLOCK_GROUP_ITEM", "FREE_SPACE_INFO",
    "FREE_SPACE_EXTENT", "FREE_SPACE_BITMAP", "DEV_EXTENT", "DEV_ITEM", "CHUNK_ITEM",
    "QGROUP_STATUS", "QGROUP_INFO", "QGROUP_LIMIT", "QGROUP_RELATION", "TEMPORARY_ITEM",
    "PERSISTENT_ITEM", "DEV_REPLACE")) + (
    "BTRFS_UUID_KEY_SUBVOL", "BTRFS_UUID_KEY_RECEIVED_SUBVOL", "BTRFS_STRING_ITEM_KEY",
    "UINT32_MAX")
LOGICAL_INO_ARGS_FLAGS = ("BTRFS_LOGICAL_INO_ARGS_IGNORE_OFFSET",)
QGROUP_CTL_CMDS = tuple("BTRFS_QUOTA_CTL_" + n for n in ("ENABLE", "DISABLE", "RESCAN__NOTUSED"))
QGROUP_INHERIT_FLAGS = ("BTRFS_QGROUP_INHERIT_SET_LIMITS",)
QGROUP_LIMIT_FLAGS = tuple("BTRFS_QGROUP_LIMIT_" + n for n in (
    "MAX_RFER", "MAX_EXCL", "RSV_RFER", "RSV_EXCL", "RFER_CMPR", "EXCL_CMPR"))
SCRUB_FLAGS = ("BTRFS_SCRUB_READONLY",)
SEND_FLAGS = tuple("BTRFS_SEND_FLAG_" + n for n in (
    "NO_FILE_DATA", "OMIT_STREAM_HEADER", "OMIT_END_CMD", "VERSION", "COMPRESSED"))
SNAP_FLAGS_V2 = tuple("BTRFS_SUBVOL_" + n for n in ("CREATE_ASYNC", "RDONLY", "QGROUP_INHERIT"))
SPACE_INFO_FLAGS = tuple("BTRFS_BLOCK_GROUP_" + n for n in (
    "DATA", "SYSTEM", "METADATA", "RAID0", "RAID1", "DUP", "RAID10", "RAID5", "RAID6")) + (
    "BTRFS_AVAIL_ALLOC_BIT_SINGLE", "BTRFS_SPACE_INFO_GLOBAL_RSV")
TREE_OBJECTIDS = tuple("BTRFS_%s_OBJECTID" % n for n in (
    "ROOT_TREE", "EXTENT_TREE", "CHUNK_TREE", "DEV_TREE", "FS_TREE", "ROOT_TREE_DIR",
    "CSUM_TREE", "QUOTA_TREE", "UUID_TREE", "FREE_SPACE_TREE", "BLOCK_GROUP_TREE",
    "FIRST_FREE", "LAST_FREE")) + ("UINT64_MAX",)

_U64_MAX_TABLE = {U64_MAX: "UINT64_MAX"}
_with_local = {}


def _enum_table(ctx, call, names):
    """ctx.enum_table of `names` (a module tuple) with the LOCAL_VALUES it names added (cached
    per ABI and table)."""
    key = (call.abi, id(names))
    t = _with_local.get(key)
    if t is None:
        t = _with_local[key] = dict(ctx.enum_table(call.abi, names))
        for name, value in LOCAL_VALUES:
            if name in names:
                t.setdefault(value, name)
    return t


def members(v, prefix):
    """The members of the nested struct `prefix` of a read_struct dict, by their own names."""
    n = len(prefix) + 1
    return dict((k[n:], x) for k, x in v.items() if k.startswith(prefix + "."))


def xval(ctx, call, value, names, unknown):
    """printxval: `NAME`, unknown `0x4 /* unknown */` (in hex)."""
    return printers.enum(value, _enum_table(ctx, call, names), ctx.style, unknown)


def xval_u(ctx, call, value, names):
    """PRINT_FIELD_XVAL_U with no default: `NAME`, unknown values in decimal."""
    return printers.enum(value, _enum_table(ctx, call, names), ctx.style, None, decimal=True)


def objectid(ctx, call, value):
    return xval_u(ctx, call, value, TREE_OBJECTIDS)


def key_type(ctx, call, value):
    return xval_u(ctx, call, value, KEY_TYPES)


def u64(ctx, value):
    """PRINT_FIELD_U64: decimal, UINT64_MAX by name."""
    return printers.enum(value, _U64_MAX_TABLE, ctx.style, None, decimal=True)


def uuid(data):
    """print_uuid: `01234567-89ab-cdef-fedc-ba9876543210`."""
    h = "".join("%02x" % b for b in bytearray(data))
    return "-".join((h[:8], h[8:12], h[12:16], h[16:20], h[20:]))


def time_of(sec, nsec=0, nsec_max=999999999):
    """strace's sprinttime_nsec comment of a u64 time: none for 0, or an nsec out of range."""
    if (sec == 0 and nsec == 0) or nsec > nsec_max:
        return ""
    return time_comment(printers.to_signed(sec, 64), nsec)


def cstring_field(ctx, data):
    """PRINT_FIELD_CSTRING of a char array: up to its first NUL, never cut by -s; without a NUL
    in its last byte either, all but that byte and `...`."""
    data = bytes(data)
    return printers.quote_cstring(data, ctx.style, limit=len(data) - 1,
                                  terminated=b"\0" in data)
