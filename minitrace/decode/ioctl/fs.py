"""File system ioctls of types 0x94, 'X' and 'f' (linux/fs.h, linux/fiemap.h): FICLONE,
FICLONERANGE, FIDEDUPERANGE, FS_IOC_GETFSLABEL/SETFSLABEL, FITRIM, FIFREEZE/FITHAW,
FS_IOC_FS[GS]ETXATTR, FS_IOC_[GS]ETFLAGS, FS_IOC_FIEMAP, as strace's
fs_0x94_ioctl/fs_x_ioctl/fs_f_ioctl (the other 0x94 commands are btrfs/'s)."""
from minitrace import printers
from minitrace.decode.array import print_array, print_array_ex
from minitrace.decode.common import failed, fd, flag_text, read_ints, read_struct
from minitrace.decode.ioctl.base import TableFamily
from minitrace.decode.layout import Struct, named

FILE_CLONE_RANGE = named("file_clone_range", Struct("file_clone_range", [
    ("src_fd", "s64"), ("src_offset", "u64"), ("src_length", "u64"), ("dest_offset", "u64")]))
FILE_DEDUPE_RANGE = named("file_dedupe_range", Struct("file_dedupe_range", [
    ("src_offset", "u64"), ("src_length", "u64"), ("dest_count", "u16"), (None, "u16"),
    (None, "u32")]))
FILE_DEDUPE_RANGE_INFO = named("file_dedupe_range_info", Struct("file_dedupe_range_info", [
    ("dest_fd", "s64"), ("dest_offset", "u64"), ("bytes_deduped", "u64"), ("status", "s32"),
    (None, "u32")]))
FSTRIM_RANGE = named("fstrim_range", Struct("fstrim_range", [
    ("start", "u64"), ("len", "u64"), ("minlen", "u64")]))
FSXATTR = named("fsxattr", Struct("fsxattr", [
    ("fsx_xflags", "u32"), ("fsx_extsize", "u32"), ("fsx_nextents", "u32"), ("fsx_projid", "u32"),
    ("fsx_cowextsize", "u32"), (None, ("u8", 8))]))
FIEMAP = named("fiemap", Struct("fiemap", [
    ("fm_start", "u64"), ("fm_length", "u64"), ("fm_flags", "u32"), ("fm_mapped_extents", "u32"),
    ("fm_extent_count", "u32"), (None, "u32")]))
FIEMAP_EXTENT = named("fiemap_extent", Struct("fiemap_extent", [
    ("fe_logical", "u64"), ("fe_physical", "u64"), ("fe_length", "u64"),
    (None, ("u64", 2)), ("fe_flags", "u32"), (None, ("u32", 3))]))
FSLABEL_MAX = 256

# linux/fs.h's inode flags (FS_IOC_GETFLAGS) and xflags (struct fsxattr), in bit order; FS_BTREE_FL
# is FS_INDEX_FL's bit: strace names it FS_INDEX_FL
FS_FLAGS = ("FS_SECRM_FL", "FS_UNRM_FL", "FS_COMPR_FL", "FS_SYNC_FL", "FS_IMMUTABLE_FL",
            "FS_APPEND_FL", "FS_NODUMP_FL", "FS_NOATIME_FL", "FS_DIRTY_FL", "FS_COMPRBLK_FL",
            "FS_NOCOMP_FL", "FS_ENCRYPT_FL", "FS_INDEX_FL", "FS_IMAGIC_FL",
            "FS_JOURNAL_DATA_FL", "FS_NOTAIL_FL", "FS_DIRSYNC_FL", "FS_TOPDIR_FL",
            "FS_HUGE_FILE_FL", "FS_EXTENT_FL", "FS_VERITY_FL", "FS_EA_INODE_FL",
            "FS_EOFBLOCKS_FL", "FS_NOCOW_FL", "FS_DAX_FL", "FS_INLINE_DATA_FL",
            "FS_PROJINHERIT_FL", "FS_CASEFOLD_FL", "FS_RESERVED_FL")
FS_XFLAGS = ("FS_XFLAG_REALTIME", "FS_XFLAG_PREALLOC", "FS_XFLAG_IMMUTABLE", "FS_XFLAG_APPEND",
             "FS_XFLAG_SYNC", "FS_XFLAG_NOATIME", "FS_XFLAG_NODUMP", "FS_XFLAG_RTINHERIT",
             "FS_XFLAG_PROJINHERIT", "FS_XFLAG_NOSYMLINKS", "FS_XFLAG_EXTSIZE",
             "FS_XFLAG_EXTSZINHERIT", "FS_XFLAG_NODEFRAG", "FS_XFLAG_FILESTREAM", "FS_XFLAG_DAX",
             "FS_XFLAG_COWEXTSIZE", "FS_XFLAG_HASATTR")
FIEMAP_FLAGS = ("FIEMAP_FLAG_SYNC", "FIEMAP_FLAG_XATTR", "FIEMAP_FLAG_CACHE")
FIEMAP_EXTENT_FLAGS = ("FIEMAP_EXTENT_LAST", "FIEMAP_EXTENT_UNKNOWN", "FIEMAP_EXTENT_DELALLOC",
                       "FIEMAP_EXTENT_ENCODED", "FIEMAP_EXTENT_DATA_ENCRYPTED",
                       "FIEMAP_EXTENT_NOT_ALIGNED", "FIEMAP_EXTENT_DATA_INLINE",
                       "FIEMAP_EXTENT_DATA_TAIL", "FIEMAP_EXTENT_UNWRITTEN",
                       "FIEMAP_EXTENT_MERGED", "FIEMAP_EXTENT_SHARED")


def _clone_range(ctx, call, arg):
    v = read_struct(ctx, call, arg, FILE_CLONE_RANGE.on(call.abi))
    if v is None:
        return printers.ptr(arg)
    return "{src_fd=%s, src_offset=%d, src_length=%d, dest_offset=%d}" % (
        fd(ctx, call, v["src_fd"] & 0xffffffff), v["src_offset"], v["src_length"],
        v["dest_offset"])


def _fstrim(ctx, call, arg):
    v = read_struct(ctx, call, arg, FSTRIM_RANGE.on(call.abi))
    if v is None:
        return printers.ptr(arg)
    return "{start=%s, len=%d, minlen=%d}" % (printers.hexnum(v["start"]), v["len"],
                                              v["minlen"])


def _fslabel(ctx, call, arg):
    if not arg:
        return "NULL"
    data = ctx.read(call, arg, FSLABEL_MAX)
    if data is None:
        return printers.ptr(arg)
    data = bytes(data)
    end = data.find(b"\0")
    return printers.quote_cstring(data[:end] if end >= 0 else data, ctx.style,
                                  terminated=end >= 0)


def _dedupe_infos(ctx, call, arg, count, at_entry):
    """print_array_ex of the struct file_dedupe_range_info after the header: the descriptors
    and offsets at entry, what was deduplicated at exit; without -v at most 2 of more than 2."""
    st = FILE_DEDUPE_RANGE_INFO.on(call.abi)

    def info(i):
        if at_entry:
            return "{dest_fd=%s, dest_offset=%d}" % (
                fd(ctx, call, i["dest_fd"] & 0xffffffff), i["dest_offset"])
        return "{bytes_deduped=%d, status=%d}" % (i["bytes_deduped"], i["status"])
    style = ctx.style
    if not style.verbose and count > 2:
        ctx.style = style.replace(string_limit=min(style.string_limit, 2))
    try:
        return print_array_ex(ctx, call, arg + FILE_DEDUPE_RANGE.on(call.abi).size, count,
                              st.size, st.dict, info)
    finally:
        ctx.style = style


def _dedupe_enter(ctx, call, arg):
    v = read_struct(ctx, call, arg, FILE_DEDUPE_RANGE.on(call.abi))
    if v is None:
        return printers.ptr(arg), False
    infos, complete = _dedupe_infos(ctx, call, arg, v["dest_count"], True)
    return "{src_offset=%d, src_length=%d, dest_count=%d, info=%s}" % (
        v["src_offset"], v["src_length"], v["dest_count"], infos), complete


def _dedupe_exit(ctx, call, arg):
    if failed(call):
        return ""
    v = read_struct(ctx, call, arg, FILE_DEDUPE_RANGE.on(call.abi))
    if v is None:
        return " => " + printers.ptr(arg)
    return " => {info=%s}" % _dedupe_infos(ctx, call, arg, v["dest_count"], False)[0]


FS_0X94 = TableFamily(
    (0x94,),
    inp={"FICLONE": lambda ctx, call, arg: "%d" % printers.to_signed(arg & 0xffffffff, 32),
         "FICLONERANGE": _clone_range, "FS_IOC_SETFSLABEL": _fslabel},
    out={"FS_IOC_GETFSLABEL": _fslabel},
    both={"FIDEDUPERANGE": (_dedupe_enter, _dedupe_exit)})


def _fsxattr(is_get):
    def show(ctx, call, arg):
        v = read_struct(ctx, call, arg, FSXATTR.on(call.abi))
        if v is None:
            return printers.ptr(arg)
        parts = ["fsx_xflags=%s" % flag_text(ctx, call, v["fsx_xflags"], FS_XFLAGS,
                                             "FS_XFLAG_???"),
                 "fsx_extsize=%d" % v["fsx_extsize"]]
        if is_get:
            parts.append("fsx_nextents=%d" % v["fsx_nextents"])
        parts += ["fsx_projid=%s" % printers.hexnum(v["fsx_projid"]),
                  "fsx_cowextsize=%d" % v["fsx_cowextsize"]]
        return "{%s}" % ", ".join(parts)
    return show


FS_X = TableFamily((0x58,), inp={"FITRIM": _fstrim, "FS_IOC_FSSETXATTR": _fsxattr(False)},
                   out={"FS_IOC_FSGETXATTR": _fsxattr(True)}, no_arg=("FIFREEZE", "FITHAW"))


def _fs_flags(ctx, call, arg):
    v = read_ints(ctx, call, arg, 1, "I") if arg else None
    if v is None:
        return printers.ptr(arg)
    return "[%s]" % flag_text(ctx, call, v[0], FS_FLAGS, "FS_???_FL")


def _fiemap_enter(ctx, call, arg):
    v = read_struct(ctx, call, arg, FIEMAP.on(call.abi))
    if v is None:
        return printers.ptr(arg), False
    return ("{fm_start=%d, fm_length=%d, fm_flags=%s, fm_extent_count=%d}" % (
        v["fm_start"], v["fm_length"],
        flag_text(ctx, call, v["fm_flags"], FIEMAP_FLAGS, "FIEMAP_FLAG_???"),
        v["fm_extent_count"]), True)


def _fiemap_extents(ctx, call, addr, count):
    """print_array of struct fiemap_extent (the address when the first is unreadable)."""
    st = FIEMAP_EXTENT.on(call.abi)

    def extent(e):
        return "{fe_logical=%d, fe_physical=%d, fe_length=%d, fe_flags=%s}" % (
            e["fe_logical"], e["fe_physical"], e["fe_length"],
            flag_text(ctx, call, e["fe_flags"], FIEMAP_EXTENT_FLAGS, "FIEMAP_EXTENT_???"))
    return print_array(ctx, call, addr, count, st.size, st.dict, extent)


def _fiemap_exit(ctx, call, arg):
    if failed(call):
        return ""
    st = FIEMAP.on(call.abi)
    v = read_struct(ctx, call, arg, st)
    if v is None:
        return " => %s" % printers.ptr(arg)
    head = "fm_flags=%s, fm_mapped_extents=%d" % (
        flag_text(ctx, call, v["fm_flags"], FIEMAP_FLAGS, "FIEMAP_FLAG_???"),
        v["fm_mapped_extents"])
    if not ctx.style.verbose:
        return " => {%s, ...}" % head
    return " => {%s, fm_extents=%s}" % (
        head, _fiemap_extents(ctx, call, arg + st.size, v["fm_mapped_extents"]))


FS_F = TableFamily(
    (0x66,),
    inp={"FS_IOC_SETFLAGS": _fs_flags, "FS_IOC32_SETFLAGS": _fs_flags},
    out={"FS_IOC_GETFLAGS": _fs_flags, "FS_IOC32_GETFLAGS": _fs_flags},
    both={"FS_IOC_FIEMAP": (_fiemap_enter, _fiemap_exit)})
