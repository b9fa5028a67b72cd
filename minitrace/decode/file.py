"""Decoders of the file family: paths, the stat family, directories, links, permissions, xattrs, inotify.

Also the helpers desc.py shares (open flags, fds, timestamps, tables with libc-only constants).
Decoders only format text from the call and tracee memory; they never print or call ptrace.
"""
import struct
import time

from minitrace import printers
from minitrace.arch import long_bits
from minitrace.decode import register
from minitrace.decode.generic import Decoder, path_arg

# ---------------------------------------------------------------------------------------------
# Constants the generated per-ABI data does not have (they are not in the uapi headers it
# reads). Values are the same on every Linux ABI; each names its header.
_LIBC_CONSTANTS = {
    # unistd.h (POSIX access(2) modes)
    "F_OK": 0, "X_OK": 1, "W_OK": 2, "R_OK": 4,
    # dirent.h (d_type)
    "DT_UNKNOWN": 0, "DT_FIFO": 1, "DT_CHR": 2, "DT_DIR": 4, "DT_BLK": 6, "DT_REG": 8,
    "DT_LNK": 10, "DT_SOCK": 12, "DT_WHT": 14,
    # linux/fs.h (rwf_t; include/uapi/linux/fs.h, not scanned by the generator)
    "RWF_HIPRI": 1, "RWF_DSYNC": 2, "RWF_SYNC": 4, "RWF_NOWAIT": 8, "RWF_APPEND": 0x10,
    # linux/splice.h (include/linux/splice.h, kernel-internal but ABI)
    "SPLICE_F_MOVE": 1, "SPLICE_F_NONBLOCK": 2, "SPLICE_F_MORE": 4, "SPLICE_F_GIFT": 8,
    # sys/eventfd.h
    "EFD_SEMAPHORE": 1,
    # linux/fcntl.h DN_* (dnotify, F_NOTIFY)
    "DN_ACCESS": 1, "DN_MODIFY": 2, "DN_CREATE": 4, "DN_DELETE": 8, "DN_RENAME": 0x10,
    "DN_ATTRIB": 0x20, "DN_MULTISHOT": 0x80000000,
}
# Constants defined by libc headers in terms of O_* (sys/eventfd.h, sys/inotify.h):
# EFD_CLOEXEC = O_CLOEXEC, EFD_NONBLOCK = O_NONBLOCK, and __O_* parts of O_SYNC/O_TMPFILE.
_DERIVED = (("EFD_CLOEXEC", "O_CLOEXEC"), ("EFD_NONBLOCK", "O_NONBLOCK"))

_consts_cache = {}
_table_cache = {}


def consts(ctx, abi):
    """The ABI's generated constants plus the libc-only ones above."""
    c = _consts_cache.get(abi)
    if c is None:
        c = dict(_LIBC_CONSTANTS)
        c.update(ctx.constants(abi))
        for name, base in _DERIVED:
            if name not in c and base in c:
                c[name] = c[base]
        if "O_TMPFILE" in c and "O_DIRECTORY" in c and "__O_TMPFILE" not in c:
            c["__O_TMPFILE"] = c["O_TMPFILE"] & ~c["O_DIRECTORY"]
        if "O_SYNC" in c and "O_DSYNC" in c and "__O_SYNC" not in c:
            c["__O_SYNC"] = c["O_SYNC"] & ~c["O_DSYNC"]
        _consts_cache[abi] = c
    return c


def ftable(ctx, abi, names, **kw):
    """A FlagTable over consts() (names: a module-level tuple), cached per ABI."""
    key = (abi, id(names), tuple(sorted(kw.items())))
    t = _table_cache.get(key)
    if t is None:
        t = _table_cache[key] = printers.flag_table(names, consts(ctx, abi), **kw)
    return t


def etable(ctx, abi, names):
    key = (abi, id(names), "e")
    t = _table_cache.get(key)
    if t is None:
        t = _table_cache[key] = printers.enum_table(names, consts(ctx, abi))
    return t


def fflags(ctx, call, value, names, unknown=None, **kw):
    return printers.flags(value, ftable(ctx, call.abi, names, **kw), ctx.style, unknown)


def fenum(ctx, call, value, names, unknown=None):
    return printers.enum(value, etable(ctx, call.abi, names), ctx.style, unknown)


# ---------------------------------------------------------------------------------------------
# Small printers shared with desc.py

def fd(value):
    """An int fd argument."""
    return printers.sdec(value, 32)


def dirfd(ctx, value):
    return printers.fd_or_atfdcwd(value, ctx.style)


def lbits(call):
    return long_bits(call.abi)


def slong(call, value):
    return printers.sdec(value, lbits(call))


def ulong(call, value):
    return printers.udec(value, lbits(call))


def uint(value):
    return printers.udec(value, 32)


def endian(call):
    from minitrace import arch
    for name in arch.ALL:
        e = arch.by_name(name).ENDIAN.get(call.abi)
        if e:
            return e
    return "<"


def failed(call):
    return bool(call.error) or call.ret is None


# strace src/xlat/open_mode_flags.in (print order); the access mode is an enumeration
OPEN_FLAGS = ("O_CREAT", "O_EXCL", "O_NOCTTY", "O_TRUNC", "O_APPEND", "O_NONBLOCK", "O_SYNC",
              "__O_SYNC", "O_DSYNC", "O_DIRECT", "O_LARGEFILE", "O_NOFOLLOW", "O_NOATIME",
              "O_CLOEXEC", "O_PATH", "O_TMPFILE", "__O_TMPFILE", "O_DIRECTORY", "FASYNC")
OPEN_ACCESS = ("O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE")


def open_modes(ctx, call, value, style=True):
    """`O_RDONLY|O_CLOEXEC` (access mode always named). style=False: the abbreviated form."""
    table = ftable(ctx, call.abi, OPEN_FLAGS, enum_mask="O_ACCMODE", enum_names=OPEN_ACCESS)
    return printers.flags(value & 0xffffffff, table, ctx.style if style else None)


def open_flags_only(ctx, call, value):
    """Flags without an access mode (pipe2, dup3): `0`, `O_CLOEXEC`, unknown `0x... /* O_??? */`."""
    return fflags(ctx, call, value & 0xffffffff, OPEN_FLAGS, "O_???")


def sprinttime(sec, nsec=0):
    """strace's sprinttime_nsec: `2026-05-20T16:27:29.654277259+0000` in local time."""
    try:
        tm = time.localtime(sec)
        text = time.strftime("%Y-%m-%dT%H:%M:%S", tm)
    except (OverflowError, ValueError, OSError):
        return None
    if nsec:
        text += ".%09d" % nsec
    return text + time.strftime("%z", tm)


def time_comment(sec, nsec=0):
    t = sprinttime(sec, nsec)
    return " /* %s */" % t if t else ""


def makedev(dev, style=None):
    """`makedev(0x1, 0x3)` from a kernel dev_t (new_encode_dev) as glibc's major/minor do;
    -X raw `0x103`, -X verbose `0x103 /* makedev(0x1, 0x3) */`."""
    major = ((dev >> 8) & 0xfff) | ((dev >> 32) & ~0xfff & 0xffffffff)
    minor = (dev & 0xff) | ((dev >> 12) & ~0xff & 0xffffffff)
    text = "makedev(%s, %s)" % (printers.hexnum(major), printers.hexnum(minor))
    cstyle = style.const_style if style is not None else "abbrev"
    if cstyle == "raw":
        return printers.hexnum(dev)
    if cstyle == "verbose":
        return "%s /* %s */" % (printers.hexnum(dev), text)
    return text


def uid(value):
    """uid_t/gid_t: unsigned, `-1` for (uid_t)-1."""
    value &= 0xffffffff
    return "-1" if value == 0xffffffff else str(value)


def read_int64(ctx, call, addr):
    """`[123]` of an int64 in the tracee, NULL, or the address when unreadable."""
    if not addr:
        return "NULL"
    data = ctx.read(call, addr, 8)
    if not data or len(data) < 8:
        return printers.ptr(addr)
    return "[%d]" % struct.unpack(endian(call) + "q", data)[0]


def read_int_pair(ctx, call, addr):
    if not addr:
        return "NULL"
    data = ctx.read(call, addr, 8)
    if not data or len(data) < 8:
        return printers.ptr(addr)
    return "[%d, %d]" % struct.unpack(endian(call) + "ii", data)


def out_string(ctx, call, addr, length):
    """An OUT buffer of `length` bytes, cut by -s (readlink, getcwd, read)."""
    if failed(call) or not addr:
        return printers.ptr(addr)
    style = ctx.style
    n = printers.buffer_read_size(length, style)
    data = ctx.read(call, addr, n) if n else b""
    if data is None or len(data) < n:
        return printers.ptr(addr)
    return printers.quote_bytes(data, style, truncated=length > n)


def in_string(ctx, call, addr, length):
    """An IN buffer of `length` bytes (write data), cut by -s."""
    if not addr:
        return "NULL"
    style = ctx.style
    n = printers.buffer_read_size(length, style)
    data = ctx.read(call, addr, n) if n else b""
    if data is None or len(data) < n:
        return printers.ptr(addr)
    return printers.quote_bytes(data, style, truncated=length > n)


# ---------------------------------------------------------------------------------------------
# open family

def _open_tail(ctx, call, flags, mode_value):
    c = consts(ctx, call.abi)
    text = open_modes(ctx, call, flags)
    if flags & (c.get("O_CREAT", 0) | c.get("__O_TMPFILE", 0)):
        text += ", " + printers.mode(mode_value)
    return text


@register("open")
class Open(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s" % (path_arg(ctx, call, a[0]), _open_tail(ctx, call, a[1], a[2]))


@register("openat")
class Openat(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s" % (dirfd(ctx, a[0]), path_arg(ctx, call, a[1]),
                               _open_tail(ctx, call, a[2], a[3]))


RESOLVE_FLAGS = ("RESOLVE_NO_XDEV", "RESOLVE_NO_MAGICLINKS", "RESOLVE_NO_SYMLINKS",
                 "RESOLVE_BENEATH", "RESOLVE_IN_ROOT", "RESOLVE_CACHED")


@register("openat2")
class Openat2(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s, %s" % (dirfd(ctx, a[0]), path_arg(ctx, call, a[1]),
                                   self.how(ctx, call, a[2], a[3]), ulong(call, a[3]))

    def how(self, ctx, call, addr, size):
        if size < 24 or not addr:
            return printers.ptr(addr)
        data = ctx.read(call, addr, 24)
        if not data or len(data) < 24:
            return printers.ptr(addr)
        flags, mode, resolve = struct.unpack(endian(call) + "QQQ", data)
        c = consts(ctx, call.abi)
        parts = ["flags=" + open_modes(ctx, call, flags)]
        if flags & (c.get("O_CREAT", 0) | c.get("__O_TMPFILE", 0)) or mode:
            parts.append("mode=" + printers.mode(mode))
        parts.append("resolve=" + fflags(ctx, call, resolve, RESOLVE_FLAGS, "RESOLVE_???"))
        return "{" + ", ".join(parts) + "}"


@register("creat")
class Creat(Decoder):
    def enter(self, ctx, call):
        return "%s, %s" % (path_arg(ctx, call, call.args[0]), printers.mode(call.args[1]))


ACCESS_MODES = ("F_OK", "R_OK", "W_OK", "X_OK")
AT_FLAGS = ("AT_SYMLINK_NOFOLLOW", "AT_REMOVEDIR", "AT_SYMLINK_FOLLOW", "AT_NO_AUTOMOUNT",
            "AT_EMPTY_PATH", "AT_RECURSIVE")
FACCESSAT_FLAGS = ("AT_SYMLINK_NOFOLLOW", "AT_EACCESS", "AT_EMPTY_PATH")


def access_mode(ctx, call, value):
    return fflags(ctx, call, value & 0xffffffff, ACCESS_MODES, "?_OK")


def at_flags(ctx, call, value, names=AT_FLAGS):
    return fflags(ctx, call, value & 0xffffffff, names, "AT_???")


@register("access")
class Access(Decoder):
    def enter(self, ctx, call):
        return "%s, %s" % (path_arg(ctx, call, call.args[0]), access_mode(ctx, call, call.args[1]))


@register("faccessat")
class Faccessat(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s" % (dirfd(ctx, a[0]), path_arg(ctx, call, a[1]),
                               access_mode(ctx, call, a[2]))


@register("faccessat2")
class Faccessat2(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s, %s" % (dirfd(ctx, a[0]), path_arg(ctx, call, a[1]),
                                   access_mode(ctx, call, a[2]),
                                   at_flags(ctx, call, a[3], FACCESSAT_FLAGS))


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
STAT_LAYOUTS = {
    ("x86_64", "stat"): _STAT_X86_64, ("x32", "stat"): _STAT_X86_64,
    ("aarch64", "stat"): _STAT_GENERIC64, ("riscv64", "stat"): _STAT_GENERIC64,
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
        return fd(call.args[0]) + ", "

    def exit(self, ctx, call):
        return stat_arg(ctx, call, call.args[1], _stat_kind(self.name))


@register("newfstatat", "fstatat64")
class Newfstatat(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, " % (dirfd(ctx, a[0]), path_arg(ctx, call, a[1]))

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
        c = consts(ctx, call.abi)
        sync_mask = c.get("AT_STATX_SYNC_TYPE", 0x6000)
        flags = a[2] & 0xffffffff
        # strace prints the sync type and the other flags as two sets joined by "|"
        ftext = printers.enum(flags & sync_mask, etable(ctx, call.abi, STATX_SYNC), ctx.style)
        if ctx.style.const_style == "raw" and not flags & sync_mask:
            ftext = ""      # strace 6.1 -X raw prints nothing for a zero sync type: `, |0x900, `
        rest = flags & ~sync_mask
        if rest:
            ftext += "|" + printers.flags(rest, ftable(ctx, call.abi, AT_FLAGS), ctx.style)
        return "%s, %s, %s, %s, " % (dirfd(ctx, a[0]), path_arg(ctx, call, a[1]), ftext,
                                     fflags(ctx, call, a[3] & 0xffffffff, STATX_MASKS,
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
        c = consts(ctx, call.abi)
        verbose = ctx.style.verbose
        p = ["stx_mask=" + fflags(ctx, call, mask, STATX_MASKS, "STATX_???")]
        if verbose:
            p.append("stx_blksize=%d" % blksize)
        p.append("stx_attributes=" + fflags(ctx, call, attrs, STATX_ATTRS, "STATX_ATTR_???"))
        if verbose:
            p += ["stx_nlink=%d" % nlink, "stx_uid=" + uid(suid), "stx_gid=" + uid(sgid)]
        p.append("stx_mode=" + printers.file_type_mode(mode, ctx.style))
        if verbose:
            p.append("stx_ino=%d" % ino)
        p.append("stx_size=%d" % size)
        if verbose:
            p.append("stx_blocks=%d" % blocks)
            p.append("stx_attributes_mask=" + fflags(ctx, call, amask, STATX_ATTRS,
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
FS_MAGIC = {
    0xef53: "EXT2_SUPER_MAGIC", 0x01021994: "TMPFS_MAGIC", 0x9fa0: "PROC_SUPER_MAGIC",
    0x62656572: "SYSFS_MAGIC", 0x794c7630: "OVERLAYFS_SUPER_MAGIC", 0x9123683e: "BTRFS_SUPER_MAGIC",
    0x58465342: "XFS_SB_MAGIC", 0x1cd1: "DEVPTS_SUPER_MAGIC", 0x63677270: "CGROUP2_SUPER_MAGIC",
    0x27e0eb: "CGROUP_SUPER_MAGIC", 0x6969: "NFS_SUPER_MAGIC", 0x65735546: "FUSE_SUPER_MAGIC",
    0x4d44: "MSDOS_SUPER_MAGIC", 0x858458f6: "RAMFS_MAGIC", 0x73717368: "SQUASHFS_MAGIC",
    0x9660: "ISOFS_SUPER_MAGIC", 0xf2f52010: "F2FS_SUPER_MAGIC", 0x2fc12fc1: "ZFS_SUPER_MAGIC",
}
ST_FLAGS = (("ST_RDONLY", 1), ("ST_NOSUID", 2), ("ST_NODEV", 4), ("ST_NOEXEC", 8),
            ("ST_SYNCHRONOUS", 0x10), ("ST_VALID", 0x20), ("ST_MANDLOCK", 0x40),
            ("ST_NOATIME", 0x400), ("ST_NODIRATIME", 0x800), ("ST_RELATIME", 0x1000),
            ("ST_NOSYMFOLLOW", 0x2000))


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
    fl = printers.flags(v[11], ST_FLAGS, ctx.style, None)
    return ("{f_type=%s, f_bsize=%d, f_blocks=%d, f_bfree=%d, f_bavail=%d, f_files=%d, "
            "f_ffree=%d, f_fsid=%s, f_namelen=%d, f_frsize=%d, f_flags=%s}") % (
        printers.enum(ftype, FS_MAGIC, ctx.style), v[1], v[2], v[3], v[4], v[5], v[6], fsid,
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
        return fd(call.args[0]) + ", "

    def exit(self, ctx, call):
        return statfs_arg(ctx, call, call.args[1])


# ---------------------------------------------------------------------------------------------
# links, directories, names

@register("readlink")
class Readlink(Decoder):
    def enter(self, ctx, call):
        return path_arg(ctx, call, call.args[0]) + ", "

    def exit(self, ctx, call):
        return "%s, %s" % (out_string(ctx, call, call.args[1], call.ret or 0),
                           ulong(call, call.args[2]))


@register("readlinkat")
class Readlinkat(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, " % (dirfd(ctx, a[0]), path_arg(ctx, call, a[1]))

    def exit(self, ctx, call):
        return "%s, %s" % (out_string(ctx, call, call.args[2], call.ret or 0),
                           ulong(call, call.args[3]))


@register("getcwd")
class Getcwd(Decoder):
    def exit(self, ctx, call):
        a = call.args
        if failed(call) or not a[0]:
            text = printers.ptr(a[0])
        else:
            data, term = ctx.read_cstring(call, a[0], max(0, min(call.ret or 0, printers.PATH_MAX)))
            text = printers.ptr(a[0]) if data is None else printers.quote_path(data, ctx.style)
        return "%s, %s" % (text, ulong(call, a[1]))


def _paths(*idx):
    """A decoder printing the given argument indexes as paths (a tuple of ints)."""
    class PathsDecoder(Decoder):
        def enter(self, ctx, call):
            return ", ".join(path_arg(ctx, call, call.args[i]) for i in idx)
    return PathsDecoder


register("unlink", "rmdir", "chdir", "chroot")(_paths(0))
register("rename", "link", "symlink")(_paths(0, 1))


@register("mkdir", "chmod")
class PathMode(Decoder):
    def enter(self, ctx, call):
        return "%s, %s" % (path_arg(ctx, call, call.args[0]), printers.mode(call.args[1]))


@register("mkdirat", "fchmodat")
class DirPathMode(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s" % (dirfd(ctx, a[0]), path_arg(ctx, call, a[1]), printers.mode(a[2]))


@register("fchmod")
class Fchmod(Decoder):
    def enter(self, ctx, call):
        return "%s, %s" % (fd(call.args[0]), printers.mode(call.args[1]))


def _mknod_tail(ctx, mode, dev):
    text = printers.file_type_mode(mode, ctx.style)
    if mode & 0o170000 in (0o020000, 0o060000):
        text += ", " + makedev(dev, ctx.style)
    return text


@register("mknod")
class Mknod(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s" % (path_arg(ctx, call, a[0]), _mknod_tail(ctx, a[1], a[2]))


@register("mknodat")
class Mknodat(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s" % (dirfd(ctx, a[0]), path_arg(ctx, call, a[1]),
                               _mknod_tail(ctx, a[2], a[3]))


@register("unlinkat")
class Unlinkat(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s" % (dirfd(ctx, a[0]), path_arg(ctx, call, a[1]),
                               at_flags(ctx, call, a[2]))


@register("renameat")
class Renameat(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s, %s" % (dirfd(ctx, a[0]), path_arg(ctx, call, a[1]),
                                   dirfd(ctx, a[2]), path_arg(ctx, call, a[3]))


RENAME_FLAGS = ("RENAME_NOREPLACE", "RENAME_EXCHANGE", "RENAME_WHITEOUT")


@register("renameat2")
class Renameat2(Renameat):
    def enter(self, ctx, call):
        return "%s, %s" % (Renameat.enter(self, ctx, call),
                           fflags(ctx, call, call.args[4] & 0xffffffff, RENAME_FLAGS,
                                  "RENAME_???"))


@register("linkat")
class Linkat(Renameat):
    def enter(self, ctx, call):
        return "%s, %s" % (Renameat.enter(self, ctx, call), at_flags(ctx, call, call.args[4]))


@register("symlinkat")
class Symlinkat(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s" % (path_arg(ctx, call, a[0]), dirfd(ctx, a[1]),
                               path_arg(ctx, call, a[2]))


@register("chown", "lchown", "chown32", "lchown32")
class Chown(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s" % (path_arg(ctx, call, a[0]), uid(a[1]), uid(a[2]))


@register("fchown", "fchown32")
class Fchown(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s" % (fd(a[0]), uid(a[1]), uid(a[2]))


@register("fchownat")
class Fchownat(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s, %s, %s" % (dirfd(ctx, a[0]), path_arg(ctx, call, a[1]), uid(a[2]),
                                       uid(a[3]), at_flags(ctx, call, a[4]))


_UTIME_NOW = (1 << 30) - 1    # linux/stat.h (include/linux/stat.h) UTIME_NOW / UTIME_OMIT
_UTIME_OMIT = (1 << 30) - 2


def timespec_pair(ctx, call, addr):
    if not addr:
        return "NULL"
    long_fmt = "q" if lbits(call) == 64 else "i"
    fmt = endian(call) + (long_fmt * 4 if lbits(call) == 64 else "qqqq")
    # __kernel_timespec: 64-bit tv_sec and tv_nsec on every ABI for utimensat
    fmt = endian(call) + "qqqq"
    data = ctx.read(call, addr, 32)
    if not data or len(data) < 32:
        return printers.ptr(addr)
    v = struct.unpack(fmt, data)
    out = []
    for sec, nsec in ((v[0], v[1]), (v[2], v[3])):
        if nsec in (_UTIME_NOW, _UTIME_OMIT):
            name = "UTIME_NOW" if nsec == _UTIME_NOW else "UTIME_OMIT"
            cs = ctx.style.const_style
            base = "{tv_sec=%d, tv_nsec=%d}" % (sec, nsec)
            out.append(name if cs == "abbrev" else base if cs == "raw" else
                       "%s /* %s */" % (base, name))
        else:
            out.append("{tv_sec=%d, tv_nsec=%d}%s" % (sec, nsec, time_comment(sec, nsec)))
    return "[" + ", ".join(out) + "]"


@register("utimensat")
class Utimensat(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s, %s" % (dirfd(ctx, a[0]), path_arg(ctx, call, a[1]),
                                   timespec_pair(ctx, call, a[2]), at_flags(ctx, call, a[3]))


@register("truncate")
class Truncate(Decoder):
    def enter(self, ctx, call):
        return "%s, %s" % (path_arg(ctx, call, call.args[0]), ulong(call, call.args[1]))


@register("ftruncate")
class Ftruncate(Decoder):
    def enter(self, ctx, call):
        return "%s, %s" % (fd(call.args[0]), ulong(call, call.args[1]))


@register("fchdir")
class Fchdir(Decoder):
    def enter(self, ctx, call):
        return fd(call.args[0])


# ---------------------------------------------------------------------------------------------
# getdents

@register("getdents64", "getdents")
class Getdents(Decoder):
    def enter(self, ctx, call):
        return fd(call.args[0]) + ", "

    def exit(self, ctx, call):
        a = call.args
        count = uint(a[2])
        if failed(call):
            return "%s, %s" % (printers.ptr(a[1]), count)
        length = call.ret
        data = ctx.read(call, a[1], length) if length else b""
        if data is None or len(data) < length:
            return "%s, %s" % (printers.ptr(a[1]), count)
        entries = self.parse(call, data)
        if not ctx.style.verbose:
            return "%s /* %d entries */, %s" % (printers.ptr(a[1]), len(entries), count)
        return "[%s], %s" % (", ".join(self.entry(ctx, call, e) for e in entries), count)

    def parse(self, call, data):
        e = endian(call)
        out = []
        pos = 0
        if self.name == "getdents64":
            head = struct.Struct(e + "QqHB")
        else:
            w = "Q" if lbits(call) == 64 else "I"
            head = struct.Struct(e + w + w.lower() + "H")
        while pos + head.size <= len(data):
            v = head.unpack_from(data, pos)
            reclen = v[2]
            if reclen < head.size or pos + reclen > len(data):
                break
            rec = data[pos:pos + reclen]
            name = rec[head.size:]
            if self.name == "getdents64":
                dtype = v[3]
            else:
                dtype = rec[-1]
                name = name[:-1]
            nul = name.find(b"\0")
            if nul >= 0:
                name = name[:nul]
            out.append((v[0], v[1], reclen, dtype, name))
            pos += reclen
        return out

    DT_NAMES = ("DT_UNKNOWN", "DT_FIFO", "DT_CHR", "DT_DIR", "DT_BLK", "DT_REG", "DT_LNK",
                "DT_SOCK", "DT_WHT")

    def entry(self, ctx, call, e):
        ino, off, reclen, dtype, name = e
        dt = fenum(ctx, call, dtype, self.DT_NAMES, "DT_???")
        # d_name is not cut by -s (strace prints the whole name)
        qname = printers.quote_bytes(name, ctx.style, limit=len(name))
        if self.name == "getdents64":
            return "{d_ino=%d, d_off=%d, d_reclen=%d, d_type=%s, d_name=%s}" % (
                ino, off, reclen, dt, qname)
        return "{d_ino=%d, d_off=%d, d_reclen=%d, d_name=%s, d_type=%s}" % (
            ino, off, reclen, qname, dt)


# ---------------------------------------------------------------------------------------------
# xattrs

XATTR_FLAGS = ("XATTR_CREATE", "XATTR_REPLACE")


def _xattr_target(ctx, call, name):
    """fd for the f* calls, else a path."""
    if name.startswith("f"):
        return fd(call.args[0])
    return path_arg(ctx, call, call.args[0])


@register("setxattr", "lsetxattr", "fsetxattr")
class Setxattr(Decoder):
    def enter(self, ctx, call):
        a = call.args
        from minitrace.decode.generic import cstring_arg
        return "%s, %s, %s, %s, %s" % (
            _xattr_target(ctx, call, self.name), cstring_arg(ctx, call, a[1]),
            in_string(ctx, call, a[2], a[3]), ulong(call, a[3]),
            fflags(ctx, call, a[4] & 0xffffffff, XATTR_FLAGS, "XATTR_???"))


@register("getxattr", "lgetxattr", "fgetxattr")
class Getxattr(Decoder):
    def enter(self, ctx, call):
        from minitrace.decode.generic import cstring_arg
        return "%s, %s, " % (_xattr_target(ctx, call, self.name),
                             cstring_arg(ctx, call, call.args[1]))

    def exit(self, ctx, call):
        a = call.args
        if a[3] == 0 or failed(call):
            buf = printers.ptr(a[2])
        else:
            buf = out_string(ctx, call, a[2], call.ret)
        return "%s, %s" % (buf, ulong(call, a[3]))


@register("listxattr", "llistxattr", "flistxattr")
class Listxattr(Decoder):
    def enter(self, ctx, call):
        return _xattr_target(ctx, call, self.name) + ", "

    def exit(self, ctx, call):
        a = call.args
        if a[2] == 0 or failed(call):
            buf = printers.ptr(a[1])
        else:
            buf = out_string(ctx, call, a[1], call.ret)
        return "%s, %s" % (buf, ulong(call, a[2]))


@register("removexattr", "lremovexattr", "fremovexattr")
class Removexattr(Decoder):
    def enter(self, ctx, call):
        from minitrace.decode.generic import cstring_arg
        return "%s, %s" % (_xattr_target(ctx, call, self.name),
                           cstring_arg(ctx, call, call.args[1]))


# ---------------------------------------------------------------------------------------------
# inotify

INOTIFY_INIT_FLAGS = ("IN_NONBLOCK", "IN_CLOEXEC")
INOTIFY_MASK = ("IN_ACCESS", "IN_MODIFY", "IN_ATTRIB", "IN_CLOSE_WRITE", "IN_CLOSE_NOWRITE",
                "IN_OPEN", "IN_MOVED_FROM", "IN_MOVED_TO", "IN_CREATE", "IN_DELETE",
                "IN_DELETE_SELF", "IN_MOVE_SELF", "IN_UNMOUNT", "IN_Q_OVERFLOW", "IN_IGNORED",
                "IN_ONLYDIR", "IN_DONT_FOLLOW", "IN_EXCL_UNLINK", "IN_MASK_CREATE",
                "IN_MASK_ADD", "IN_ISDIR", "IN_ONESHOT")


@register("inotify_init1")
class InotifyInit1(Decoder):
    def enter(self, ctx, call):
        return fflags(ctx, call, call.args[0] & 0xffffffff, INOTIFY_INIT_FLAGS, "IN_???")


@register("inotify_add_watch")
class InotifyAddWatch(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s" % (fd(a[0]), path_arg(ctx, call, a[1]),
                               fflags(ctx, call, a[2] & 0xffffffff, INOTIFY_MASK, "IN_???"))


@register("inotify_rm_watch")
class InotifyRmWatch(Decoder):
    def enter(self, ctx, call):
        return "%s, %s" % (fd(call.args[0]), printers.sdec(call.args[1], 32))
