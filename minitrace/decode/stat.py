"""Decoders of the stat family: stat/lstat/fstat/newfstatat (and the i386 *64 forms), statx,
statfs/fstatfs; struct layouts per tracee ABI."""
import struct

from minitrace import printers
from minitrace.decode import register
from minitrace.decode.common import endian, enum_text, failed, fd, flag_text, lbits
from minitrace.decode.common import dirfd
from minitrace.decode.file import AT_FLAGS, at_flags, makedev, time_comment, uid
from minitrace.decode.generic import Decoder, path_arg


# ---------------------------------------------------------------------------------------------
# stat family: struct layouts per ABI (field names; "x" pads are skipped by struct)

_STAT_FIELDS_64 = ("dev", "ino", "nlink", "mode", "uid", "gid", "rdev", "size", "blksize",
                   "blocks", "atime", "atime_nsec", "mtime", "mtime_nsec", "ctime", "ctime_nsec")
# x86_64 (and x32) struct stat of asm/stat.h
_STAT_X86_64 = ("QQQIII4xQqqqQQQQQQ24x", _STAT_FIELDS_64)
# asm-generic/stat.h on 64-bit ABIs (aarch64, riscv64)
_STAT_GENERIC64 = ("QQIIIIQ8xqi4xqqQqQqQ8x",
                   ("dev", "ino", "mode", "nlink", "uid", "gid", "rdev", "size", "blksize",
                    "blocks", "atime", "atime_nsec", "mtime", "mtime_nsec", "ctime",
                    "ctime_nsec"))
# i386 struct stat64 (asm/stat.h, packed); the 64-bit st_ino is the last field
_STAT64_I386 = ("Q4x4xIIIIQ4xqIQIIIIIIQ",
                ("dev", "mode", "nlink", "uid", "gid", "rdev", "size", "blksize", "blocks",
                 "atime", "atime_nsec", "mtime", "mtime_nsec", "ctime", "ctime_nsec", "ino"))
# i386 struct stat (asm/stat.h) of stat/lstat/fstat
_STAT_I386 = ("IIHHHHIIIIIIIIII8x",
              ("dev", "ino", "mode", "nlink", "uid", "gid", "rdev", "size", "blksize", "blocks",
               "atime", "atime_nsec", "mtime", "mtime_nsec", "ctime", "ctime_nsec"))
# ppc64 struct stat (asm/stat.h, __powerpc64__): x86_64's order (nlink a long before mode), longs
# to the end and three unused ones
_STAT_PPC64 = ("QQQIII4xQqQQQQQQQQ24x", _STAT_FIELDS_64)
# s390x struct stat (asm/stat.h, __s390x__): the times come before st_blksize and st_blocks
_STAT_S390X = ("QQQIII4xQQQQQQQQQq24x",
               ("dev", "ino", "nlink", "mode", "uid", "gid", "rdev", "size", "atime",
                "atime_nsec", "mtime", "mtime_nsec", "ctime", "ctime_nsec", "blksize", "blocks"))
STAT_LAYOUTS = {
    ("x86_64", "stat"): _STAT_X86_64, ("x32", "stat"): _STAT_X86_64,
    ("aarch64", "stat"): _STAT_GENERIC64, ("riscv64", "stat"): _STAT_GENERIC64,
    ("ppc64le", "stat"): _STAT_PPC64, ("s390x", "stat"): _STAT_S390X,
    ("i386", "stat64"): _STAT64_I386, ("i386", "stat"): _STAT_I386,
}
_STRUCTS = {}


def unpack_layout(call, layout, data):
    fmt, names = layout
    key = (endian(call), fmt)
    st = _STRUCTS.get(key)
    if st is None:
        st = _STRUCTS[key] = struct.Struct(key[0] + fmt)
    if data is None or len(data) < st.size:
        return None
    return dict(zip(names, st.unpack(data[:st.size])))


def layout_size(call, layout):
    return struct.calcsize("<" + layout[0])


def format_stat(ctx, st):
    """strace's print_struct_stat: abbreviated `{st_mode=..., st_size=..., ...}` or -v."""
    style = ctx.style
    verbose = style.verbose
    parts = []
    mode_text = printers.file_type_mode(st["mode"], style)
    if verbose:
        parts += ["st_dev=" + makedev(st["dev"], style), "st_ino=%d" % st["ino"],
                  "st_mode=" + mode_text, "st_nlink=%d" % st["nlink"],
                  "st_uid=%d" % st["uid"], "st_gid=%d" % st["gid"],
                  "st_blksize=%d" % st["blksize"], "st_blocks=%d" % st["blocks"]]
    else:
        parts.append("st_mode=" + mode_text)
    if st["mode"] & 0o170000 in (0o020000, 0o060000):
        parts.append("st_rdev=" + makedev(st["rdev"], style))
    else:
        parts.append("st_size=%d" % st["size"])
    if verbose:
        for t in ("atime", "mtime", "ctime"):
            parts.append("st_%s=%d%s" % (t, st[t], time_comment(st[t], st[t + "_nsec"])))
            parts.append("st_%s_nsec=%d" % (t, st[t + "_nsec"]))
    else:
        parts.append("...")
    return "{" + ", ".join(parts) + "}"


def stat_arg(ctx, call, addr, kind="stat"):
    """An OUT struct stat (kind "stat" or "stat64" of the tracee ABI)."""
    if failed(call) or not addr:
        return printers.ptr(addr)
    layout = STAT_LAYOUTS.get((call.abi, kind)) or STAT_LAYOUTS.get((call.abi, "stat"))
    if layout is None:
        return printers.ptr(addr)
    st = unpack_layout(call, layout, ctx.read(call, addr, layout_size(call, layout)))
    if st is None:
        return printers.ptr(addr)
    return format_stat(ctx, st)


def _stat_kind(name):
    return "stat64" if name.endswith("64") else "stat"


@register("stat", "lstat", "stat64", "lstat64")
class Stat(Decoder):
    def enter(self, ctx, call):
        return path_arg(ctx, call, call.args[0]) + ", "

    def exit(self, ctx, call):
        return stat_arg(ctx, call, call.args[1], _stat_kind(self.name))


@register("fstat", "fstat64")
class Fstat(Decoder):
    def enter(self, ctx, call):
        return fd(ctx, call, call.args[0]) + ", "

    def exit(self, ctx, call):
        return stat_arg(ctx, call, call.args[1], _stat_kind(self.name))


@register("newfstatat", "fstatat64")
class Newfstatat(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, " % (dirfd(ctx, call, a[0]), path_arg(ctx, call, a[1]))

    def exit(self, ctx, call):
        kind = "stat64" if self.name == "fstatat64" else "stat"
        return "%s, %s" % (stat_arg(ctx, call, call.args[2], kind),
                           at_flags(ctx, call, call.args[3]))


STATX_SYNC = ("AT_STATX_SYNC_AS_STAT", "AT_STATX_FORCE_SYNC", "AT_STATX_DONT_SYNC")
STATX_MASKS = ("STATX_ALL", "STATX_BASIC_STATS", "STATX_TYPE", "STATX_MODE", "STATX_NLINK",
               "STATX_UID", "STATX_GID", "STATX_ATIME", "STATX_MTIME", "STATX_CTIME",
               "STATX_INO", "STATX_SIZE", "STATX_BLOCKS", "STATX_BTIME", "STATX_MNT_ID",
               "STATX_DIOALIGN")
STATX_ATTRS = ("STATX_ATTR_COMPRESSED", "STATX_ATTR_IMMUTABLE", "STATX_ATTR_APPEND",
               "STATX_ATTR_NODUMP", "STATX_ATTR_ENCRYPTED", "STATX_ATTR_AUTOMOUNT",
               "STATX_ATTR_MOUNT_ROOT", "STATX_ATTR_VERITY", "STATX_ATTR_DAX")
# struct statx of linux/stat.h (the same on every ABI)
_STATX = struct.Struct("<IIQIIIH2xQQQQqIiqIiqIiqIiIIIIQII")
_STATX_BE = struct.Struct(">IIQIIIH2xQQQQqIiqIiqIiqIiIIIIQII")


@register("statx")
class Statx(Decoder):
    def enter(self, ctx, call):
        a = call.args
        c = ctx.constants(call.abi)
        sync_mask = c.get("AT_STATX_SYNC_TYPE", 0x6000)
        flags = a[2] & 0xffffffff
        # strace prints the sync type and the other flags as two sets joined by "|"
        ftext = printers.enum(flags & sync_mask, ctx.enum_table(call.abi, STATX_SYNC), ctx.style)
        if ctx.style.const_style == "raw" and not flags & sync_mask:
            ftext = ""      # strace 6.1 -X raw prints nothing for a zero sync type: `, |0x900, `
        rest = flags & ~sync_mask
        if rest:
            ftext += "|" + printers.flags(rest, ctx.flag_table(call.abi, AT_FLAGS), ctx.style)
        return "%s, %s, %s, %s, " % (dirfd(ctx, call, a[0]), path_arg(ctx, call, a[1]), ftext,
                                     flag_text(ctx, call, a[3] & 0xffffffff, STATX_MASKS,
                                            "STATX_???"))

    def exit(self, ctx, call):
        addr = call.args[4]
        if failed(call) or not addr:
            return printers.ptr(addr)
        st = _STATX_BE if endian(call) == ">" else _STATX
        data = ctx.read(call, addr, st.size)
        if not data or len(data) < st.size:
            return printers.ptr(addr)
        v = st.unpack(data)
        (mask, blksize, attrs, nlink, suid, sgid, mode, ino, size, blocks, amask) = v[:11]
        times = [(v[11 + 3 * i], v[12 + 3 * i]) for i in range(4)]   # atime btime ctime mtime
        rmaj, rmin, dmaj, dmin, mnt_id, dio_mem, dio_off = v[23:30]
        c = ctx.constants(call.abi)
        verbose = ctx.style.verbose
        p = ["stx_mask=" + flag_text(ctx, call, mask, STATX_MASKS, "STATX_???")]
        if verbose:
            p.append("stx_blksize=%d" % blksize)
        p.append("stx_attributes=" + flag_text(ctx, call, attrs, STATX_ATTRS, "STATX_ATTR_???"))
        if verbose:
            p += ["stx_nlink=%d" % nlink, "stx_uid=" + uid(suid), "stx_gid=" + uid(sgid)]
        p.append("stx_mode=" + printers.file_type_mode(mode, ctx.style))
        if verbose:
            p.append("stx_ino=%d" % ino)
        p.append("stx_size=%d" % size)
        if verbose:
            p.append("stx_blocks=%d" % blocks)
            p.append("stx_attributes_mask=" + flag_text(ctx, call, amask, STATX_ATTRS,
                                                      "STATX_ATTR_???"))
            for name, (sec, nsec) in zip(("atime", "btime", "ctime", "mtime"), times):
                # strace 6.1 prints a timestamp only when stx_mask says it is there
                if not mask & c.get("STATX_" + name.upper(), 0):
                    continue
                p.append("stx_%s={tv_sec=%d, tv_nsec=%d}%s" % (name, sec, nsec,
                                                              time_comment(sec, nsec)))
            p += ["stx_rdev_major=%d" % rmaj, "stx_rdev_minor=%d" % rmin,
                  "stx_dev_major=%d" % dmaj, "stx_dev_minor=%d" % dmin]
            if mask & c.get("STATX_MNT_ID", 0):
                p.append("stx_mnt_id=%s" % printers.hexnum(mnt_id))
            if mask & c.get("STATX_DIOALIGN", 0):
                p += ["stx_dio_mem_align=%d" % dio_mem, "stx_dio_offset_align=%d" % dio_off]
        else:
            p.append("...")
        return "{" + ", ".join(p) + "}"


# statfs: f_type names of linux/magic.h (not scanned by the generator), ST_* of linux/statfs.h
FS_MAGIC = ("EXT2_SUPER_MAGIC", "TMPFS_MAGIC", "PROC_SUPER_MAGIC", "SYSFS_MAGIC",
            "OVERLAYFS_SUPER_MAGIC", "BTRFS_SUPER_MAGIC", "XFS_SB_MAGIC", "DEVPTS_SUPER_MAGIC",
            "CGROUP2_SUPER_MAGIC", "CGROUP_SUPER_MAGIC", "NFS_SUPER_MAGIC", "FUSE_SUPER_MAGIC",
            "MSDOS_SUPER_MAGIC", "RAMFS_MAGIC", "SQUASHFS_MAGIC", "ISOFS_SUPER_MAGIC",
            "F2FS_SUPER_MAGIC", "ZFS_SUPER_MAGIC", "ANON_INODE_FS_MAGIC", "BPF_FS_MAGIC",
            "DEBUGFS_MAGIC", "SECURITYFS_MAGIC", "SELINUX_MAGIC", "TRACEFS_MAGIC", "NSFS_MAGIC",
            "HUGETLBFS_MAGIC", "MQUEUE_MAGIC", "PIPEFS_MAGIC", "SOCKFS_MAGIC", "EFIVARFS_MAGIC")
ST_FLAGS = ("ST_RDONLY", "ST_NOSUID", "ST_NODEV", "ST_NOEXEC", "ST_SYNCHRONOUS", "ST_VALID",
            "ST_MANDLOCK", "ST_NOATIME", "ST_NODIRATIME", "ST_RELATIME", "ST_NOSYMFOLLOW")


def statfs_arg(ctx, call, addr, size64=False):
    if failed(call) or not addr:
        return printers.ptr(addr)
    w = "Q" if (lbits(call) == 64 or size64) else "I"
    lw = "Q" if lbits(call) == 64 else "I"
    fmt = endian(call) + lw + lw + w * 5 + "ii" + lw * 3
    size = struct.calcsize(fmt)
    data = ctx.read(call, addr, size)
    if not data or len(data) < size:
        return printers.ptr(addr)
    v = struct.unpack(fmt, data[:size])
    ftype = v[0]
    fsid = "{val=[%s, %s]}" % (printers.hexnum(v[7] & 0xffffffff),
                                printers.hexnum(v[8] & 0xffffffff))
    fl = flag_text(ctx, call, v[11], ST_FLAGS)
    return ("{f_type=%s, f_bsize=%d, f_blocks=%d, f_bfree=%d, f_bavail=%d, f_files=%d, "
            "f_ffree=%d, f_fsid=%s, f_namelen=%d, f_frsize=%d, f_flags=%s}") % (
        enum_text(ctx, call, ftype, FS_MAGIC), v[1], v[2], v[3], v[4], v[5], v[6], fsid,
        v[9], v[10], fl)


@register("statfs")
class Statfs(Decoder):
    def enter(self, ctx, call):
        return path_arg(ctx, call, call.args[0]) + ", "

    def exit(self, ctx, call):
        return statfs_arg(ctx, call, call.args[1])


@register("fstatfs")
class Fstatfs(Decoder):
    def enter(self, ctx, call):
        return fd(ctx, call, call.args[0]) + ", "

    def exit(self, ctx, call):
        return statfs_arg(ctx, call, call.args[1])
