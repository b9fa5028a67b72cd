"""btrfs ioctls (type 0x94, linux/btrfs.h), as strace 6.1's btrfs_ioctl: one row per command,
its argument printed at entry (`IN`), at exit (`OUT`: the address when the call failed), or at
both (`BOTH`: what the kernel wrote after ` => `, nothing when the call failed). The 0x94
commands of linux/fs.h (FICLONE, FIDEDUPERANGE...) are fs.py's, tried first.

The layouts are in layouts.py, the names and the field printers in tables.py, the arrays the
kernel fills at exit (tree search items, inode containers, space infos) in results.py.
"""
from minitrace import printers
from minitrace.decode.array import print_array, unpacker
from minitrace.decode.common import const, failed, fd, flag_text, read_struct
from minitrace.decode.file import makedev
from minitrace.decode.ioctl.base import TableFamily, entry_state, read_number
from minitrace.decode.ioctl.btrfs import layouts as L
from minitrace.decode.ioctl.btrfs import results
from minitrace.decode.ioctl.btrfs import tables as T


def _struct(parts):
    return "{%s}" % ", ".join(parts)


def _reader(layout, show):
    """A printer of the struct `layout` at the argument: show(ctx, call, values, arg), or the
    address when it cannot be read."""
    def printer(ctx, call, arg):
        v = read_struct(ctx, call, arg, layout.on(call.abi))
        return printers.ptr(arg) if v is None else show(ctx, call, v, arg)
    return printer


def _both(layout, enter, exit, state=None):
    """A BOTH row: the struct at entry (no exit part when unreadable there) and again after
    ` => ` at exit unless the call failed; state(values) is what the exit must know of the
    entry (base.entry_state)."""
    def at_entry(ctx, call, arg):
        v = read_struct(ctx, call, arg, layout.on(call.abi))
        if v is None:
            return printers.ptr(arg), False
        text = enter(ctx, call, v, arg)
        return (text, True) if state is None else (text, True, state(v))

    read_exit = _reader(layout, exit)

    def at_exit(ctx, call, arg):
        return "" if failed(call) else " => " + read_exit(ctx, call, arg)
    return at_entry, at_exit


def _dev(ctx, value):
    return makedev(value, ctx.style)


# ---------------------------------------------------------------------------------------------
# the structs


def _vol_args(ctx, call, v, arg):
    return "{fd=%s, name=%s}" % (fd(ctx, call, v["fd"] & 0xffffffff),
                                 T.cstring_field(ctx, v["name"]))


def _qgroup_limit(ctx, call, lim):
    return "{flags=%s, max_rfer=%d, max_excl=%d, rsv_rfer=%d, rsv_excl=%d}" % (
        flag_text(ctx, call, lim["flags"], T.QGROUP_LIMIT_FLAGS, "BTRFS_QGROUP_LIMIT_???"),
        lim["max_rfer"], lim["max_excl"], lim["rsv_rfer"], lim["rsv_excl"])


def _qgroup_inherit(ctx, call, addr):
    st = L.QGROUP_INHERIT.on(call.abi)
    v = read_struct(ctx, call, addr, st)
    if v is None:
        return printers.ptr(addr)
    parts = ["flags=%s" % flag_text(ctx, call, v["flags"], T.QGROUP_INHERIT_FLAGS,
                                    "BTRFS_QGROUP_INHERIT_???"),
             "num_qgroups=%d" % v["num_qgroups"], "num_ref_copies=%d" % v["num_ref_copies"],
             "num_excl_copies=%d" % v["num_excl_copies"],
             "lim=" + _qgroup_limit(ctx, call, T.members(v, "lim"))]
    if not ctx.style.verbose:
        parts.append("...")
    else:
        parts.append("qgroups=" + print_array(ctx, call, addr + st.size, v["num_qgroups"], 8,
                                              unpacker(call, "Q"), str))
    return _struct(parts)


def _vol_args_v2_in(ctx, call, v, arg):
    parts = ["fd=" + fd(ctx, call, v["fd"] & 0xffffffff),
             "flags=" + flag_text(ctx, call, v["flags"], T.SNAP_FLAGS_V2, "BTRFS_SUBVOL_???")]
    if v["flags"] & (const(ctx, call, "BTRFS_SUBVOL_QGROUP_INHERIT") or 0):
        parts += ["size=%d" % v["size"],
                  "qgroup_inherit=" + _qgroup_inherit(ctx, call, v["qgroup_inherit"])]
    parts.append("name=" + T.cstring_field(ctx, v["name"]))
    return _struct(parts)


def _balance_args(ctx, call, b):
    return _struct(
        ["profiles=" + flag_text(ctx, call, b["profiles"], T.SPACE_INFO_FLAGS,
                                 "BTRFS_BLOCK_GROUP_???"),
         "usage=" + T.u64(ctx, b["usage"]), "devid=" + _dev(ctx, b["devid"])] +
        ["%s=%s" % (n, T.u64(ctx, b[n])) for n in ("pstart", "pend", "vstart", "vend", "target")] +
        ["flags=" + flag_text(ctx, call, b["flags"], T.BALANCE_ARGS, "BTRFS_BALANCE_ARGS_???")])


_BALANCE_PARTS = (("data", "BTRFS_BALANCE_DATA"), ("meta", "BTRFS_BALANCE_METADATA"),
                  ("sys", "BTRFS_BALANCE_SYSTEM"))


def _balance(out):
    def show(ctx, call, v, arg):
        flags = v["flags"]
        parts = ["flags=" + flag_text(ctx, call, flags, T.BALANCE_FLAGS, "BTRFS_BALANCE_???")]
        if out:
            parts.append("state=" + flag_text(ctx, call, v["state"], T.BALANCE_STATE,
                                              "BTRFS_BALANCE_STATE_???"))
        for part, bit in _BALANCE_PARTS:
            if flags & (const(ctx, call, bit) or 0):
                parts.append("%s=%s" % (part, _balance_args(ctx, call, T.members(v, part))))
        return _struct(parts)
    return show


def _features(ctx, call, f):
    return "{compat_flags=%s, compat_ro_flags=%s, incompat_flags=%s}" % (
        flag_text(ctx, call, f["compat_flags"], T.FEATURES_COMPAT, "BTRFS_FEATURE_COMPAT_???"),
        flag_text(ctx, call, f["compat_ro_flags"], T.FEATURES_COMPAT_RO,
                  "BTRFS_FEATURE_COMPAT_RO_???"),
        flag_text(ctx, call, f["incompat_flags"], T.FEATURES_INCOMPAT,
                  "BTRFS_FEATURE_INCOMPAT_???"))


def _feature_array(comments):
    """`[{...}, {...}]` of len(comments) struct btrfs_ioctl_feature_flags, each followed by its
    comment (if any)."""
    def show(ctx, call, arg):
        st = L.FEATURE_FLAGS.on(call.abi)
        size = st.size * len(comments)
        data = ctx.read(call, arg, size)
        if data is None or len(data) < size:
            return printers.ptr(arg)
        return "[%s]" % ", ".join(
            _features(ctx, call, st.dict(data, i * st.size)) + (" /* %s */" % c if c else "")
            for i, c in enumerate(comments))
    return show


def _fs_info(ctx, call, v, arg):
    flags = v["flags"]
    parts = ["max_id=%d" % v["max_id"], "num_devices=%d" % v["num_devices"],
             "fsid=" + T.uuid(v["fsid"]), "nodesize=%d" % v["nodesize"],
             "sectorsize=%d" % v["sectorsize"], "clone_alignment=%d" % v["clone_alignment"]]
    if flags & (const(ctx, call, "BTRFS_FS_INFO_FLAG_CSUM_INFO") or 0):
        parts += ["csum_type=" + T.xval(ctx, call, v["csum_type"], T.CSUM_TYPES,
                                        "BTRFS_CSUM_TYPE_???"),
                  "csum_size=%d" % v["csum_size"]]
    parts.append("flags=" + flag_text(ctx, call, flags, T.FS_INFO_FLAGS, "BTRFS_FS_INFO_FLAG_???"))
    if flags & (const(ctx, call, "BTRFS_FS_INFO_FLAG_GENERATION") or 0):
        parts.append("generation=%d" % v["generation"])
    if flags & (const(ctx, call, "BTRFS_FS_INFO_FLAG_METADATA_UUID") or 0):
        parts.append("metadata_uuid=" + T.uuid(v["metadata_uuid"]))
    return _struct(parts)


def _dev_info_in(ctx, call, v, arg):
    parts = ["devid=" + _dev(ctx, v["devid"])]
    if v["uuid"].strip(b"\0"):
        parts.append("uuid=" + T.uuid(v["uuid"]))
    return _struct(parts)


def _dev_info_out(ctx, call, v, arg):
    parts = ["uuid=" + T.uuid(v["uuid"])] if v["uuid"].strip(b"\0") else []
    return _struct(parts + ["bytes_used=%d" % v["bytes_used"],
                            "total_bytes=%d" % v["total_bytes"],
                            "path=" + T.cstring_field(ctx, v["path"])])


def _replace_in(ctx, call, v, arg):
    parts = ["cmd=" + T.xval(ctx, call, v["cmd"], T.DEV_REPLACE_CMDS,
                             "BTRFS_IOCTL_DEV_REPLACE_CMD_???")]
    if v["cmd"] == const(ctx, call, "BTRFS_IOCTL_DEV_REPLACE_CMD_START"):
        s = T.members(v, "start")
        parts.append("start={srcdevid=%s, cont_reading_from_srcdev_mode=%s, srcdev_name=%s, "
                     "tgtdev_name=%s}" % (
                         _dev(ctx, s["srcdevid"]),
                         T.xval(ctx, call, s["cont_reading_from_srcdev_mode"],
                                T.CONT_READING_MODES,
                                "BTRFS_IOCTL_DEV_REPLACE_CONT_READING_FROM_SRCDEV_MODE_???"),
                         T.cstring_field(ctx, s["srcdev_name"]),
                         T.cstring_field(ctx, s["tgtdev_name"])))
    return _struct(parts)


def _replace_out(ctx, call, v, arg):
    parts = ["result=" + T.xval(ctx, call, v["result"], T.DEV_REPLACE_RESULTS,
                                "BTRFS_IOCTL_DEV_REPLACE_RESULT_???")]
    if v["cmd"] == const(ctx, call, "BTRFS_IOCTL_DEV_REPLACE_CMD_STATUS"):
        s = T.members(v, "status")
        progress = s["progress_1000"]
        parts.append(
            "status={replace_state=%s, progress_1000=%d%s, time_started=%d%s, time_stopped=%d%s"
            ", num_write_errors=%d, num_uncorrectable_read_errors=%d}" % (
                T.xval(ctx, call, s["replace_state"], T.DEV_REPLACE_STATE,
                       "BTRFS_IOCTL_DEV_REPLACE_STATE_???"),
                progress, " /* %d.%d%% */" % divmod(progress, 10) if progress <= 1000 else "",
                s["time_started"], T.time_of(s["time_started"], nsec_max=0),
                s["time_stopped"], T.time_of(s["time_stopped"], nsec_max=0),
                s["num_write_errors"], s["num_uncorrectable_read_errors"]))
    return _struct(parts)


def _dev_stats_in(ctx, call, v, arg):
    return "{devid=%s, nr_items=%d, flags=%s}" % (
        _dev(ctx, v["devid"]), v["nr_items"],
        flag_text(ctx, call, v["flags"], T.DEV_STATS_FLAGS, "BTRFS_DEV_STATS_???"))


def _dev_stats_out(ctx, call, v, arg):
    items = []
    for i in range(v["nr_items"]):
        if i >= len(T.DEV_STATS_VALUES):          # BTRFS_DEV_STAT_VALUES_MAX
            items.append("...")
            break
        items.append("[%s]=%d" % (T.xval_u(ctx, call, i, T.DEV_STATS_VALUES),
                                  v["values[%d]" % i]))
    return "{nr_items=%d, flags=%s, [%s]}" % (
        v["nr_items"], flag_text(ctx, call, v["flags"], T.DEV_STATS_FLAGS, "BTRFS_DEV_STATS_???"),
        ", ".join(items))


def _ino_lookup_in(ctx, call, v, arg):
    return "{treeid=%s, objectid=%s}" % (T.objectid(ctx, call, v["treeid"]),
                                         T.objectid(ctx, call, v["objectid"]))


def _ino_lookup_out(ctx, call, v, arg):
    # a treeid of 0 at entry asked for the containing subvolume's: the kernel says which
    head = "treeid=%s, " % T.objectid(ctx, call, v["treeid"]) if entry_state(call) else ""
    return "{%sname=%s}" % (head, T.cstring_field(ctx, v["name"]))


def _ino_paths_in(ctx, call, v, arg):
    return "{inum=%d, size=%d, fspath=%s}" % (v["inum"], v["size"], printers.ptr(v["fspath"]))


def _logical_ino_in(ctx, call, v, arg):
    parts = ["logical=%d" % v["logical"], "size=%d" % v["size"]]
    reserved = [v["reserved[%d]" % i] for i in range(3)]
    if any(reserved):
        parts.append("reserved=[%s]" % ", ".join(printers.hexnum(r) for r in reserved))
    parts += ["flags=" + flag_text(ctx, call, v["flags"], T.LOGICAL_INO_ARGS_FLAGS,
                                   "BTRFS_LOGICAL_INO_ARGS_???"),
              "inodes=" + printers.ptr(v["inodes"])]
    return _struct(parts)


def _timespec(ctx, t):
    return "{sec=%d, nsec=%d}%s" % (t["sec"], t["nsec"], T.time_of(t["sec"], t["nsec"]))


def _received_in(ctx, call, v, arg):
    return "{uuid=%s, stransid=%d, stime=%s, flags=%d}" % (
        T.uuid(v["uuid"]), v["stransid"], _timespec(ctx, T.members(v, "stime")), v["flags"])


def _received_out(ctx, call, v, arg):
    return "{rtransid=%d, rtime=%s}" % (v["rtransid"], _timespec(ctx, T.members(v, "rtime")))


def _scrub_in(with_range):
    def show(ctx, call, v, arg):
        parts = ["devid=" + _dev(ctx, v["devid"])]
        if with_range:
            parts += ["start=%d" % v["start"], "end=" + T.u64(ctx, v["end"]),
                      "flags=" + flag_text(ctx, call, v["flags"], T.SCRUB_FLAGS, "BTRFS_SCRUB_???")]
        return _struct(parts)
    return show


def _scrub_out(ctx, call, v, arg):
    return "{progress=%s}" % _struct("%s=%d" % (n, v["progress." + n])
                                     for n in L.SCRUB_PROGRESS_FIELDS)


def _defrag_range(ctx, call, v, arg):
    return "{start=%d, len=%s, flags=%s, extent_thresh=%d, compress_type=%s}" % (
        v["start"], T.u64(ctx, v["len"]),
        flag_text(ctx, call, v["flags"], T.DEFRAG_FLAGS, "BTRFS_DEFRAG_RANGE_???"),
        v["extent_thresh"],
        T.xval(ctx, call, v["compress_type"], T.COMPRESS_TYPES, "BTRFS_COMPRESS_???"))


def _send(ctx, call, v, arg):
    count, sources = v["clone_sources_count"], v["clone_sources"]
    if not ctx.style.verbose:
        shown = printers.ptr(sources)
    else:
        shown = print_array(ctx, call, sources, count, 8, unpacker(call, "Q"),
                            lambda o: T.objectid(ctx, call, o))
    return "{send_fd=%s, clone_sources_count=%d, clone_sources=%s, parent_root=%s, flags=%s}" % (
        fd(ctx, call, v["send_fd"] & 0xffffffff), count, shown,
        T.objectid(ctx, call, v["parent_root"]),
        flag_text(ctx, call, v["flags"], T.SEND_FLAGS, "BTRFS_SEND_FLAGS_???"))


def _u64_flags(ctx, call, arg):
    """A u64 of snapshot flags at the argument (SUBVOL_GETFLAGS/SETFLAGS): no brackets."""
    value = read_number(ctx, call, arg, "Q")
    if value is None:
        return printers.ptr(arg)
    return flag_text(ctx, call, value, T.SNAP_FLAGS_V2, "BTRFS_SUBVOL_???")


def _u64_number(ctx, call, arg):
    """printnum_int64: `[123]`."""
    value = read_number(ctx, call, arg, "Q")
    return printers.ptr(arg) if value is None else "[%d]" % value


def _balance_ctl(ctx, call, arg):
    return T.xval(ctx, call, arg, T.BALANCE_CTL_CMDS, "BTRFS_BALANCE_CTL_???")


def _fields(*names):
    """`{a=1, b=2}` of plain unsigned members."""
    return lambda ctx, call, v, arg: _struct("%s=%d" % (n, v[n]) for n in names)


def _quota_ctl(ctx, call, v, arg):
    return "{cmd=%s}" % T.xval(ctx, call, v["cmd"], T.QGROUP_CTL_CMDS, "BTRFS_QUOTA_CTL_???")


def _rescan_status(ctx, call, v, arg):
    return "{flags=%d, progress=%s}" % (v["flags"], T.objectid(ctx, call, v["progress"]))


def _qgroup_limit_args(ctx, call, v, arg):
    return "{qgroupid=%d, lim=%s}" % (v["qgroupid"], _qgroup_limit(ctx, call, T.members(v, "lim")))


_VOL_ARGS = _reader(L.VOL_ARGS, _vol_args)
_VOL_ARGS_V2 = _both(L.VOL_ARGS_V2, _vol_args_v2_in, _fields("transid"))

BTRFS = TableFamily(
    (0x94,),
    no_arg=["BTRFS_IOC_" + n for n in (
        "TRANS_START", "TRANS_END", "SYNC", "SCRUB_CANCEL", "QUOTA_RESCAN_WAIT",
        # their numbers say struct btrfs_ioctl_vol_args, but they take no argument
        "DEFRAG", "BALANCE")],
    inp=dict([("BTRFS_IOC_" + n, _VOL_ARGS) for n in (
        "SNAP_CREATE", "RESIZE", "SCAN_DEV", "FORGET_DEV", "ADD_DEV", "RM_DEV",
        "SUBVOL_CREATE", "SNAP_DESTROY", "DEVICES_READY")] + [
        ("BTRFS_IOC_BALANCE_CTL", _balance_ctl),
        ("BTRFS_IOC_DEFAULT_SUBVOL", _u64_number),
        ("BTRFS_IOC_WAIT_SYNC", _u64_number),
        ("BTRFS_IOC_SUBVOL_SETFLAGS", _u64_flags),
        ("BTRFS_IOC_DEFRAG_RANGE", _reader(L.DEFRAG_RANGE_ARGS, _defrag_range)),
        ("BTRFS_IOC_SET_FEATURES", _feature_array((None, None))),
        ("BTRFS_IOC_QGROUP_ASSIGN", _reader(L.QGROUP_ASSIGN_ARGS,
                                            _fields("assign", "src", "dst"))),
        ("BTRFS_IOC_QGROUP_CREATE", _reader(L.QGROUP_CREATE_ARGS,
                                            _fields("create", "qgroupid"))),
        ("BTRFS_IOC_QUOTA_CTL", _reader(L.QUOTA_CTL_ARGS, _quota_ctl)),
        ("BTRFS_IOC_QUOTA_RESCAN", _reader(L.QUOTA_RESCAN_ARGS, _fields("flags"))),
        ("BTRFS_IOC_SEND", _reader(L.SEND_ARGS, _send)),
    ]),
    out={
        "BTRFS_IOC_START_SYNC": _u64_number,
        "BTRFS_IOC_SUBVOL_GETFLAGS": _u64_flags,
        "BTRFS_IOC_BALANCE_PROGRESS": _reader(L.BALANCE_ARGS, _balance(True)),
        "BTRFS_IOC_GET_FEATURES": _reader(L.FEATURE_FLAGS,
                                          lambda ctx, call, v, arg: _features(ctx, call, v)),
        "BTRFS_IOC_GET_SUPPORTED_FEATURES": _feature_array(
            ("supported", "safe to set", "safe to clear")),
        "BTRFS_IOC_FS_INFO": _reader(L.FS_INFO_ARGS, _fs_info),
        "BTRFS_IOC_QGROUP_LIMIT": _reader(L.QGROUP_LIMIT_ARGS, _qgroup_limit_args),
        "BTRFS_IOC_QUOTA_RESCAN_STATUS": _reader(L.QUOTA_RESCAN_ARGS, _rescan_status),
    },
    both={
        "BTRFS_IOC_SNAP_CREATE_V2": _VOL_ARGS_V2,
        "BTRFS_IOC_SUBVOL_CREATE_V2": _VOL_ARGS_V2,
        "BTRFS_IOC_BALANCE_V2": _both(L.BALANCE_ARGS, _balance(False), _balance(True)),
        "BTRFS_IOC_DEV_INFO": _both(L.DEV_INFO_ARGS, _dev_info_in, _dev_info_out),
        "BTRFS_IOC_DEV_REPLACE": _both(L.DEV_REPLACE_ARGS, _replace_in, _replace_out),
        "BTRFS_IOC_GET_DEV_STATS": _both(L.GET_DEV_STATS, _dev_stats_in, _dev_stats_out),
        "BTRFS_IOC_INO_LOOKUP": _both(L.INO_LOOKUP_ARGS, _ino_lookup_in, _ino_lookup_out,
                                      state=lambda v: v["treeid"] == 0),
        "BTRFS_IOC_INO_PATHS": _both(L.INO_PATH_ARGS, _ino_paths_in, results.ino_paths),
        "BTRFS_IOC_LOGICAL_INO": _both(L.LOGICAL_INO_ARGS, _logical_ino_in, results.logical_ino),
        "BTRFS_IOC_SET_RECEIVED_SUBVOL": _both(L.RECEIVED_SUBVOL_ARGS, _received_in,
                                               _received_out),
        "BTRFS_IOC_SCRUB": _both(L.SCRUB_ARGS, _scrub_in(True), _scrub_out),
        "BTRFS_IOC_SCRUB_PROGRESS": _both(L.SCRUB_ARGS, _scrub_in(False), _scrub_out),
        "BTRFS_IOC_SPACE_INFO": _both(L.SPACE_ARGS, _fields("space_slots"), results.space_info),
        "BTRFS_IOC_TREE_SEARCH": (results.search_in(L.SEARCH_KEY, None), results.search_out),
        "BTRFS_IOC_TREE_SEARCH_V2": (results.search_in(L.SEARCH_ARGS_V2, "key"),
                                     results.search_v2_out),
    })
