"""The structs of the btrfs ioctls (linux/btrfs.h), registered for the layout check
(tests/progs/layouts/btrfs.c). Reserved and padding members are unnamed; the big tail arrays
only give the struct its size."""
from minitrace.decode.layout import Struct, Union, named

UUID = ("u8", 16)


def _u64s(*names):
    return [(n, "u64") for n in names]


VOL_ARGS = named("btrfs_ioctl_vol_args", Struct("btrfs_ioctl_vol_args", [
    ("fd", "s64"), ("name", ("u8", 4088))]))
QGROUP_LIMIT = Struct("btrfs_qgroup_limit", _u64s(
    "flags", "max_rfer", "max_excl", "rsv_rfer", "rsv_excl"))
QGROUP_INHERIT = named("btrfs_qgroup_inherit", Struct("btrfs_qgroup_inherit", _u64s(
    "flags", "num_qgroups", "num_ref_copies", "num_excl_copies") + [("lim", QGROUP_LIMIT)]))
QGROUP_LIMIT_ARGS = named("btrfs_ioctl_qgroup_limit_args", Struct(
    "btrfs_ioctl_qgroup_limit_args", [("qgroupid", "u64"), ("lim", QGROUP_LIMIT)]))
# the qgroup_inherit pointer is the tracee's: 4 bytes on the 32-bit ABIs (strace's mpers)
VOL_ARGS_V2 = named("btrfs_ioctl_vol_args_v2", Struct("btrfs_ioctl_vol_args_v2", [
    ("fd", "s64"), ("transid", "u64"), ("flags", "u64"),
    ("", Union("", [("", Struct("", [("size", "u64"), ("qgroup_inherit", "ptr")])),
                    (None, ("u64", 4))])),
    ("name", ("u8", 4040))]))

SCRUB_PROGRESS_FIELDS = (
    "data_extents_scrubbed", "tree_extents_scrubbed", "data_bytes_scrubbed",
    "tree_bytes_scrubbed", "read_errors", "csum_errors", "verify_errors", "no_csum",
    "csum_discards", "super_errors", "malloc_errors", "uncorrectable_errors",
    "corrected_errors", "last_physical", "unverified_errors")
SCRUB_ARGS = named("btrfs_ioctl_scrub_args", Struct("btrfs_ioctl_scrub_args", _u64s(
    "devid", "start", "end", "flags") + [
    ("progress", Struct("btrfs_scrub_progress", _u64s(*SCRUB_PROGRESS_FIELDS))),
    (None, ("u64", 109))]))

REPLACE_START = Struct("btrfs_ioctl_dev_replace_start_params", [
    ("srcdevid", "u64"), ("cont_reading_from_srcdev_mode", "u64"),
    ("srcdev_name", ("u8", 1025)), ("tgtdev_name", ("u8", 1025))])
REPLACE_STATUS_FIELDS = ("replace_state", "progress_1000", "time_started", "time_stopped",
                         "num_write_errors", "num_uncorrectable_read_errors")
REPLACE_STATUS = Struct("btrfs_ioctl_dev_replace_status_params", _u64s(*REPLACE_STATUS_FIELDS))
DEV_REPLACE_ARGS = named("btrfs_ioctl_dev_replace_args", Struct("btrfs_ioctl_dev_replace_args", [
    ("cmd", "u64"), ("result", "u64"),
    ("", Union("", [("start", REPLACE_START), ("status", REPLACE_STATUS)])),
    (None, ("u64", 64))]))

DEV_INFO_ARGS = named("btrfs_ioctl_dev_info_args", Struct("btrfs_ioctl_dev_info_args", [
    ("devid", "u64"), ("uuid", UUID), ("bytes_used", "u64"), ("total_bytes", "u64"),
    (None, ("u64", 379)), ("path", ("u8", 1024))]))
FS_INFO_ARGS = named("btrfs_ioctl_fs_info_args", Struct("btrfs_ioctl_fs_info_args", [
    ("max_id", "u64"), ("num_devices", "u64"), ("fsid", UUID), ("nodesize", "u32"),
    ("sectorsize", "u32"), ("clone_alignment", "u32"), ("csum_type", "u16"),
    ("csum_size", "u16"), ("flags", "u64"), ("generation", "u64"),
    ("metadata_uuid", UUID), (None, ("u8", 944))]))
FEATURE_FLAGS = named("btrfs_ioctl_feature_flags", Struct("btrfs_ioctl_feature_flags", _u64s(
    "compat_flags", "compat_ro_flags", "incompat_flags")))

# usage and limit share their unions with pairs of u32 strace does not print
BALANCE_ARGS_FIELDS = ("profiles", "usage", "devid", "pstart", "pend", "vstart", "vend",
                       "target", "flags")
BALANCE_PART = Struct("btrfs_balance_args", _u64s(*BALANCE_ARGS_FIELDS) + [
    ("limit", "u64"), ("stripes_min", "u32"), ("stripes_max", "u32"), (None, ("u64", 6))],
    packed=True)
BALANCE_ARGS = named("btrfs_ioctl_balance_args", Struct("btrfs_ioctl_balance_args", [
    ("flags", "u64"), ("state", "u64"), ("data", BALANCE_PART), ("meta", BALANCE_PART),
    ("sys", BALANCE_PART), ("stat", Struct("btrfs_balance_progress", _u64s(
        "expected", "considered", "completed"))),
    (None, ("u64", 72))]))

INO_LOOKUP_ARGS = named("btrfs_ioctl_ino_lookup_args", Struct("btrfs_ioctl_ino_lookup_args", [
    ("treeid", "u64"), ("objectid", "u64"), ("name", ("u8", 4080))]))
SEARCH_KEY = named("btrfs_ioctl_search_key", Struct("btrfs_ioctl_search_key", _u64s(
    "tree_id", "min_objectid", "max_objectid", "min_offset", "max_offset", "min_transid",
    "max_transid") + [("min_type", "u32"), ("max_type", "u32"), ("nr_items", "u32"),
                      (None, "u32"), (None, ("u64", 4))]))
SEARCH_HEADER = named("btrfs_ioctl_search_header", Struct("btrfs_ioctl_search_header", _u64s(
    "transid", "objectid", "offset") + [("type", "u32"), ("len", "u32")]))
# only the key is read of struct btrfs_ioctl_search_args (its buf is walked at exit)
SEARCH_ARGS = named("btrfs_ioctl_search_args", Struct("btrfs_ioctl_search_args", [
    ("key", SEARCH_KEY), ("buf", ("u8", 3992))]))
SEARCH_ARGS_V2 = named("btrfs_ioctl_search_args_v2", Struct("btrfs_ioctl_search_args_v2", [
    ("key", SEARCH_KEY), ("buf_size", "u64")]))

DEFRAG_RANGE_ARGS = named("btrfs_ioctl_defrag_range_args", Struct(
    "btrfs_ioctl_defrag_range_args", _u64s("start", "len", "flags") + [
        ("extent_thresh", "u32"), ("compress_type", "u32"), (None, ("u32", 4))]))
SPACE_INFO = named("btrfs_ioctl_space_info", Struct("btrfs_ioctl_space_info", _u64s(
    "flags", "total_bytes", "used_bytes")))
SPACE_ARGS = named("btrfs_ioctl_space_args", Struct("btrfs_ioctl_space_args", _u64s(
    "space_slots", "total_spaces")))
DATA_CONTAINER = named("btrfs_data_container", Struct("btrfs_data_container", [
    ("bytes_left", "u32"), ("bytes_missing", "u32"), ("elem_cnt", "u32"),
    ("elem_missed", "u32")]))
INO_PATH_ARGS = named("btrfs_ioctl_ino_path_args", Struct("btrfs_ioctl_ino_path_args", [
    ("inum", "u64"), ("size", "u64"), (None, ("u64", 4)), ("fspath", "u64")]))
LOGICAL_INO_ARGS = named("btrfs_ioctl_logical_ino_args", Struct(
    "btrfs_ioctl_logical_ino_args", [("logical", "u64"), ("size", "u64"),
                                     ("reserved", ("u64", 3)), ("flags", "u64"),
                                     ("inodes", "u64")]))
GET_DEV_STATS = named("btrfs_ioctl_get_dev_stats", Struct("btrfs_ioctl_get_dev_stats", [
    ("devid", "u64"), ("nr_items", "u64"), ("flags", "u64"), ("values", ("u64", 5)),
    (None, ("u64", 121))]))
QUOTA_CTL_ARGS = named("btrfs_ioctl_quota_ctl_args", Struct("btrfs_ioctl_quota_ctl_args",
                                                            _u64s("cmd", "status")))
QUOTA_RESCAN_ARGS = named("btrfs_ioctl_quota_rescan_args", Struct(
    "btrfs_ioctl_quota_rescan_args", _u64s("flags", "progress") + [(None, ("u64", 6))]))
QGROUP_ASSIGN_ARGS = named("btrfs_ioctl_qgroup_assign_args", Struct(
    "btrfs_ioctl_qgroup_assign_args", _u64s("assign", "src", "dst")))
QGROUP_CREATE_ARGS = named("btrfs_ioctl_qgroup_create_args", Struct(
    "btrfs_ioctl_qgroup_create_args", _u64s("create", "qgroupid")))
# {__u64 sec; __u32 nsec;}: 12 bytes on i386, whose u64 is 4-aligned (strace's mpers)
TIMESPEC = Struct("btrfs_ioctl_timespec", [("sec", "u64"), ("nsec", "u32")])
RECEIVED_SUBVOL_ARGS = named("btrfs_ioctl_received_subvol_args", Struct(
    "btrfs_ioctl_received_subvol_args", [
        ("uuid", UUID), ("stransid", "u64"), ("rtransid", "u64"), ("stime", TIMESPEC),
        ("rtime", TIMESPEC), ("flags", "u64"), (None, ("u64", 16))]))
SEND_ARGS = named("btrfs_ioctl_send_args", Struct("btrfs_ioctl_send_args", [
    ("send_fd", "s64"), ("clone_sources_count", "u64"), ("clone_sources", "ptr"),
    ("parent_root", "u64"), ("flags", "u64"), ("version", "u32"), (None, ("u8", 28))]))
