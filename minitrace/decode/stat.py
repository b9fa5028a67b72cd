"""Decoders of the stat family: stat/lstat/fstat/newfstatat (and the i386 *64 forms), statx,
statfs/fstatfs; struct layouts per tracee ABI."""

from minitrace import printers
from minitrace.arch import long_bits
from minitrace.decode import register
from minitrace.decode.common import dirfd, enum_text, failed, fd, flag_text, read_struct, ulong
from minitrace.decode.file import AT_FLAGS, at_flags, makedev, uid
from minitrace.decode.timefmt import time_comment
from minitrace.decode.generic import Decoder, path_arg
from minitrace.decode.layout import Struct, lookup, named


# ---------------------------------------------------------------------------------------------
# stat family: struct layouts per ABI (asm/stat.h of each architecture; checked against the
# compilers by tests/test_layouts_cross.py)

# x86_64 struct stat (x32 uses the same 64-bit struct: newfstatat/fstat are common syscalls)
STAT_X86_64 = Struct("stat", [
    ("st_dev", "u64"), ("st_ino", "u64"), ("st_nlink", "u64"), ("st_mode", "u32"),
    ("st_uid", "u32"), ("st_gid", "u32"), (None, "u32"), ("st_rdev", "u64"), ("st_size", "s64"),
    ("st_blksize", "s64"), ("st_blocks", "s64"), ("st_atime", "u64"), ("st_atime_nsec", "u64"),
    ("st_mtime", "u64"), ("st_mtime_nsec", "u64"), ("st_ctime", "u64"), ("st_ctime_nsec", "u64"),
    (None, ("s64", 3))])
# asm-generic/stat.h (aarch64, riscv64)
STAT_GENERIC = Struct("stat", [
    ("st_dev", "ulong"), ("st_ino", "ulong"), ("st_mode", "u32"), ("st_nlink", "u32"),
    ("st_uid", "u32"), ("st_gid", "u32"), ("st_rdev", "ulong"), (None, "ulong"),
    ("st_size", "long"), ("st_blksize", "s32"), (None, "s32"), ("st_blocks", "long"),
    ("st_atime", "long"), ("st_atime_nsec", "ulong"), ("st_mtime", "long"),
    ("st_mtime_nsec", "ulong"), ("st_ctime", "long"), ("st_ctime_nsec", "ulong"),
    (None, "u32"), (None, "u32")])
# ppc64's asm/stat.h
STAT_PPC64 = Struct("stat", [
    ("st_dev", "ulong"), ("st_ino", "ulong"), ("st_nlink", "ulong"), ("st_mode", "u32"),
    ("st_uid", "u32"), ("st_gid", "u32"), ("st_rdev", "ulong"), ("st_size", "long"),
    ("st_blksize", "ulong"), ("st_blocks", "ulong"), ("st_atime", "ulong"),
    ("st_atime_nsec", "ulong"), ("st_mtime", "ulong"), ("st_mtime_nsec", "ulong"),
    ("st_ctime", "ulong"), ("st_ctime_nsec", "ulong"), (None, ("ulong", 3))])
# s390x's asm/stat.h: the times come before st_blksize and st_blocks
STAT_S390X = Struct("stat", [
    ("st_dev", "ulong"), ("st_ino", "ulong"), ("st_nlink", "ulong"), ("st_mode", "u32"),
    ("st_uid", "u32"), ("st_gid", "u32"), (None, "u32"), ("st_rdev", "ulong"),
    ("st_size", "ulong"), ("st_atime", "ulong"), ("st_atime_nsec", "ulong"),
    ("st_mtime", "ulong"), ("st_mtime_nsec", "ulong"), ("st_ctime", "ulong"),
    ("st_ctime_nsec", "ulong"), ("st_blksize", "ulong"), ("st_blocks", "long"),
    (None, ("ulong", 3))])
# the old 32-bit struct stat of stat/lstat/fstat (i386 and arm asm/stat.h)
STAT_OLD32 = Struct("stat", [
    ("st_dev", "ulong"), ("st_ino", "ulong"), ("st_mode", "u16"), ("st_nlink", "u16"),
    ("st_uid", "u16"), ("st_gid", "u16"), ("st_rdev", "ulong"), ("st_size", "ulong"),
    ("st_blksize", "ulong"), ("st_blocks", "ulong"), ("st_atime", "ulong"),
    ("st_atime_nsec", "ulong"), ("st_mtime", "ulong"), ("st_mtime_nsec", "ulong"),
    ("st_ctime", "ulong"), ("st_ctime_nsec", "ulong"), (None, "ulong"), (None, "ulong")])
# struct stat64 of stat64/fstat64/lstat64/fstatat64 (i386 and arm asm/stat.h: the same
# declaration, laid out differently: arm aligns its 8-byte members to 8); the 64-bit st_ino
# is the last field
STAT64 = Struct("stat64", [
    ("st_dev", "u64"), (None, ("u8", 4)), (None, "ulong"), ("st_mode", "u32"),
    ("st_nlink", "u32"), ("st_uid", "ulong"), ("st_gid", "ulong"), ("st_rdev", "u64"),
    (None, ("u8", 4)), ("st_size", "s64"), ("st_blksize", "ulong"), ("st_blocks", "u64"),
    ("st_atime", "ulong"), ("st_atime_nsec", "ulong"), ("st_mtime", "ulong"),
    ("st_mtime_nsec", "u32"), ("st_ctime", "ulong"), ("st_ctime_nsec", "ulong"),
    ("st_ino", "u64")])
STAT_LAYOUTS = {
    "stat": {"x86_64": STAT_X86_64, "x32": STAT_X86_64, "aarch64": STAT_GENERIC,
             "riscv64": STAT_GENERIC, "ppc64le": STAT_PPC64, "s390x": STAT_S390X,
             "i386": STAT_OLD32, "arm": STAT_OLD32},
    "stat64": {"i386": STAT64, "arm": STAT64},
}
named("stat")(STAT_LAYOUTS["stat"].get)
named("stat64")(STAT_LAYOUTS["stat64"].get)


def format_stat(ctx, st):
    """strace's print_struct_stat: abbreviated `{st_mode=..., st_size=..., ...}` or -v."""
    style = ctx.style
    verbose = style.verbose
    parts = []
    mode_text = printers.file_type_mode(st["st_mode"], style)
    if verbose:
        parts += ["st_dev=" + makedev(st["st_dev"], style), "st_ino=%d" % st["st_ino"],
                  "st_mode=" + mode_text, "st_nlink=%d" % st["st_nlink"],
                  "st_uid=%d" % st["st_uid"], "st_gid=%d" % st["st_gid"],
                  "st_blksize=%d" % st["st_blksize"], "st_blocks=%d" % st["st_blocks"]]
    else:
        parts.append("st_mode=" + mode_text)
    if st["st_mode"] & 0o170000 in (0o020000, 0o060000):
        parts.append("st_rdev=" + makedev(st["st_rdev"], style))
    else:
        parts.append("st_size=%d" % st["st_size"])
    if verbose:
        for t in ("st_atime", "st_mtime", "st_ctime"):
            parts.append("%s=%d%s" % (t, st[t], time_comment(st[t], st[t + "_nsec"])))
            parts.append("%s_nsec=%d" % (t, st[t + "_nsec"]))
    else:
        parts.append("...")
    return "{" + ", ".join(parts) + "}"


def stat_arg(ctx, call, addr, kind="stat"):
    """An OUT struct stat (kind "stat" or "stat64" of the tracee ABI)."""
    if failed(call) or not addr:
        return printers.ptr(addr)
    layout = STAT_LAYOUTS[kind].get(call.abi) or STAT_LAYOUTS["stat"].get(call.abi)
    if layout is None:
        return printers.ptr(addr)
    compiled = layout.on(call.abi)
    st = read_struct(ctx, call, addr, compiled)
    if st is None:
        return printers.ptr(addr)
    # strace's fetch_struct_stat: sizes zero-extended, times sign-extended from the field's
    # size; of them, the abbreviated form prints only st_size
    verbose = ctx.style.verbose
    fields = compiled.fields
    for name in _STAT_UNSIGNED if verbose else _STAT_UNSIGNED_SHOWN:
        st[name] = printers.to_unsigned(st[name], 8 * fields[name][1])
    if verbose:
        for name in _STAT_SIGNED:
            st[name] = printers.to_signed(st[name], 8 * fields[name][1])
    return format_stat(ctx, st)


_STAT_UNSIGNED = ("st_size", "st_blocks", "st_blksize")
_STAT_UNSIGNED_SHOWN = ("st_size",)          # without -v
_STAT_SIGNED = ("st_atime", "st_mtime", "st_ctime")


def _stat_kind(name):
    return "stat64" if name.endswith("64") else "stat"


@register("stat", "lstat", "stat64", "lstat64")
class Stat(Decoder):
    enter_while_running = True     # the path (the buffer is read at exit)

    def enter(self, ctx, call):
        return path_arg(ctx, call, call.args[0]) + ", "

    def exit(self, ctx, call):
        return stat_arg(ctx, call, call.args[1], _stat_kind(self.name))


@register("fstat", "fstat64")
class Fstat(Decoder):
    enter_while_running = True     # the descriptor only

    def enter(self, ctx, call):
        return fd(ctx, call, call.args[0]) + ", "

    def exit(self, ctx, call):
        return stat_arg(ctx, call, call.args[1], _stat_kind(self.name))


@register("newfstatat", "fstatat64")
class Newfstatat(Decoder):
    enter_while_running = True     # the path (the buffer is read at exit)

    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, " % (dirfd(ctx, call, a[0]), path_arg(ctx, call, a[1]))

    def exit(self, ctx, call):
        kind = "stat64" if self.name == "fstatat64" else "stat"
        return "%s, %s" % (stat_arg(ctx, call, call.args[2], kind),
                           at_flags(ctx, call, call.args[3]))


# xlat/at_statx_sync_types.in: a flag set (both sync bits print as two names)
STATX_SYNC = ("AT_STATX_SYNC_AS_STAT", "AT_STATX_FORCE_SYNC", "AT_STATX_DONT_SYNC",
              "AT_STATX_SYNC_TYPE")
STATX_MASKS = ("STATX_ALL", "STATX_BASIC_STATS", "STATX_TYPE", "STATX_MODE", "STATX_NLINK",
               "STATX_UID", "STATX_GID", "STATX_ATIME", "STATX_MTIME", "STATX_CTIME",
               "STATX_INO", "STATX_SIZE", "STATX_BLOCKS", "STATX_BTIME", "STATX_MNT_ID",
               "STATX_DIOALIGN")
STATX_ATTRS = ("STATX_ATTR_COMPRESSED", "STATX_ATTR_IMMUTABLE", "STATX_ATTR_APPEND",
               "STATX_ATTR_NODUMP", "STATX_ATTR_ENCRYPTED", "STATX_ATTR_AUTOMOUNT",
               "STATX_ATTR_MOUNT_ROOT", "STATX_ATTR_VERITY", "STATX_ATTR_DAX")
# struct statx of linux/stat.h (the same on every ABI)
STATX_TIMESTAMP = Struct("statx_timestamp", [("tv_sec", "s64"), ("tv_nsec", "u32"),
                                             (None, "s32")])
STATX = named("statx", Struct("statx", [
    ("stx_mask", "u32"), ("stx_blksize", "u32"), ("stx_attributes", "u64"), ("stx_nlink", "u32"),
    ("stx_uid", "u32"), ("stx_gid", "u32"), ("stx_mode", "u16"), (None, "u16"),
    ("stx_ino", "u64"), ("stx_size", "u64"), ("stx_blocks", "u64"),
    ("stx_attributes_mask", "u64"), ("stx_atime", STATX_TIMESTAMP),
    ("stx_btime", STATX_TIMESTAMP), ("stx_ctime", STATX_TIMESTAMP),
    ("stx_mtime", STATX_TIMESTAMP), ("stx_rdev_major", "u32"), ("stx_rdev_minor", "u32"),
    ("stx_dev_major", "u32"), ("stx_dev_minor", "u32"), ("stx_mnt_id", "u64"),
    ("stx_dio_mem_align", "u32"), ("stx_dio_offset_align", "u32"), (None, ("u64", 12))]))


@register("statx")
class Statx(Decoder):
    def enter(self, ctx, call):
        a = call.args
        c = ctx.constants(call.abi)
        sync_mask = c.get("AT_STATX_SYNC_TYPE", 0x6000)
        flags = a[2] & 0xffffffff
        # strace prints the sync type and the other flags as two sets joined by "|"
        ftext = printers.flags(flags & sync_mask, ctx.flag_table(call.abi, STATX_SYNC), ctx.style)
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
        v = read_struct(ctx, call, addr, STATX.on(call.abi))
        if v is None:
            return printers.ptr(addr)
        mask, attrs, mode = v["stx_mask"], v["stx_attributes"], v["stx_mode"]
        c = ctx.constants(call.abi)
        verbose = ctx.style.verbose
        p = ["stx_mask=" + flag_text(ctx, call, mask, STATX_MASKS, "STATX_???")]
        if verbose:
            p.append("stx_blksize=%d" % v["stx_blksize"])
        p.append("stx_attributes=" + flag_text(ctx, call, attrs, STATX_ATTRS, "STATX_ATTR_???"))
        if verbose:
            p += ["stx_nlink=%d" % v["stx_nlink"], "stx_uid=" + uid(v["stx_uid"]),
                  "stx_gid=" + uid(v["stx_gid"])]
        p.append("stx_mode=" + printers.file_type_mode(mode, ctx.style))
        if verbose:
            p.append("stx_ino=%d" % v["stx_ino"])
        p.append("stx_size=%d" % v["stx_size"])
        if verbose:
            p.append("stx_blocks=%d" % v["stx_blocks"])
            p.append("stx_attributes_mask=" + flag_text(ctx, call, v["stx_attributes_mask"],
                                                      STATX_ATTRS, "STATX_ATTR_???"))
            for name in ("atime", "btime", "ctime", "mtime"):
                # strace 6.1 prints a timestamp only when stx_mask says it is there
                if not mask & c.get("STATX_" + name.upper(), 0):
                    continue
                sec, nsec = v["stx_%s.tv_sec" % name], v["stx_%s.tv_nsec" % name]
                p.append("stx_%s={tv_sec=%d, tv_nsec=%d}%s" % (name, sec, nsec,
                                                              time_comment(sec, nsec)))
            p += ["%s=%d" % (f, v[f]) for f in ("stx_rdev_major", "stx_rdev_minor",
                                                "stx_dev_major", "stx_dev_minor")]
            if mask & c.get("STATX_MNT_ID", 0):
                p.append("stx_mnt_id=%s" % printers.hexnum(v["stx_mnt_id"]))
            if mask & c.get("STATX_DIOALIGN", 0):
                p += ["stx_dio_mem_align=%d" % v["stx_dio_mem_align"],
                      "stx_dio_offset_align=%d" % v["stx_dio_offset_align"]]
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


def _statfs(word):
    """struct statfs of asm-generic/statfs.h, its words of type `word` (__statfs_word)."""
    return Struct("statfs", [
        ("f_type", word), ("f_bsize", word), ("f_blocks", word), ("f_bfree", word),
        ("f_bavail", word), ("f_files", word), ("f_ffree", word), ("f_fsid", ("s32", 2)),
        ("f_namelen", word), ("f_frsize", word), ("f_flags", word), (None, (word, 4))])


# __statfs_word is __kernel_long_t on 64-bit ABIs and x32 (x32's statfs is the common, 64-bit
# syscall of arch/x86/entry/syscalls/syscall_64.tbl), else __u32
STATFS_WIDE = _statfs("kulong")
STATFS_32 = _statfs("u32")
# s390x's own asm/statfs.h: 32-bit type, bsize, namelen, frsize, flags
STATFS_S390X = Struct("statfs", [
    ("f_type", "u32"), ("f_bsize", "u32"), ("f_blocks", "ulong"), ("f_bfree", "ulong"),
    ("f_bavail", "ulong"), ("f_files", "ulong"), ("f_ffree", "ulong"), ("f_fsid", ("s32", 2)),
    ("f_namelen", "u32"), ("f_frsize", "u32"), ("f_flags", "u32"), (None, ("u32", 4))])


@named("statfs")
def statfs_layout(abi):
    if abi == "s390x":
        return STATFS_S390X
    return STATFS_WIDE if (long_bits(abi) == 64 or abi == "x32") else STATFS_32


# struct statfs64 of statfs64/fstatfs64 (asm-generic/statfs.h): __statfs_word type and size,
# 64-bit counts; arm packs it to 4 (ARCH_PACK_STATFS64) as i386 aligns anyway; s390x has its own
# with 32-bit words (the STATFS_S390X layout); on 64-bit ABIs it is struct statfs
STATFS64_32 = Struct("statfs64", [
    ("f_type", "u32"), ("f_bsize", "u32"), ("f_blocks", "u64@4"), ("f_bfree", "u64@4"),
    ("f_bavail", "u64@4"), ("f_files", "u64@4"), ("f_ffree", "u64@4"), ("f_fsid", ("s32", 2)),
    ("f_namelen", "u32"), ("f_frsize", "u32"), ("f_flags", "u32"), (None, ("u32", 4))])


@named("statfs64")
def statfs64_layout(abi):
    if long_bits(abi) == 32 and abi != "x32":
        return STATFS64_32
    return statfs_layout(abi)


def statfs_arg(ctx, call, addr, kind="statfs"):
    if failed(call) or not addr:
        return printers.ptr(addr)
    v = read_struct(ctx, call, addr, lookup(kind, call.abi))
    if v is None:
        return printers.ptr(addr)
    fsid = "{val=[%s, %s]}" % (printers.hexnum(v["f_fsid[0]"] & 0xffffffff),
                                printers.hexnum(v["f_fsid[1]"] & 0xffffffff))
    fl = flag_text(ctx, call, v["f_flags"], ST_FLAGS)
    return ("{f_type=%s, f_bsize=%d, f_blocks=%d, f_bfree=%d, f_bavail=%d, f_files=%d, "
            "f_ffree=%d, f_fsid=%s, f_namelen=%d, f_frsize=%d, f_flags=%s}") % (
        enum_text(ctx, call, v["f_type"], FS_MAGIC), v["f_bsize"], v["f_blocks"], v["f_bfree"],
        v["f_bavail"], v["f_files"], v["f_ffree"], fsid, v["f_namelen"], v["f_frsize"], fl)


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


@register("statfs64")
class Statfs64(Decoder):
    """`statfs64("/", 84, {...})`: the struct's size between the path and the struct."""
    def enter(self, ctx, call):
        return "%s, %s, " % (path_arg(ctx, call, call.args[0]), ulong(call, call.args[1]))

    def exit(self, ctx, call):
        return statfs_arg(ctx, call, call.args[2], "statfs64")


@register("fstatfs64")
class Fstatfs64(Statfs64):
    def enter(self, ctx, call):
        return "%s, %s, " % (fd(ctx, call, call.args[0]), ulong(call, call.args[1]))


# struct ustat of linux/types.h: the two counts strace prints, then the two names it does not
USTAT = Struct("ustat", [("f_tfree", "s32"), ("f_tinode", "kulong"), ("f_fname", ("u8", 6)),
                         ("f_fpack", ("u8", 6))])


@register("ustat")
class Ustat(Decoder):
    """`ustat(makedev(0x8, 0x1), {f_tfree=..., f_tinode=...})`: dev is the kernel's u32."""

    def enter(self, ctx, call):
        return makedev(call.args[0] & 0xffffffff, ctx.style) + ", "

    def exit(self, ctx, call):
        addr = call.args[1]
        v = None if failed(call) else read_struct(ctx, call, addr, USTAT.on(call.abi))
        if v is None:
            return printers.ptr(addr)
        return "{f_tfree=%d, f_tinode=%d}" % (v["f_tfree"] & 0xffffffff, v["f_tinode"])
