"""Decoders of the file family: opening, access checks, links, names, permissions, owners, times
(directory listings, xattrs and inotify are in dirs.py, the stat family in stat.py).

Also the helpers desc.py shares (open flags, timestamps, makedev, in/out strings).
Decoders only format text from the call and tracee memory; they never print or call ptrace.
"""
import struct

from minitrace import printers
from minitrace.decode import register
from minitrace.decode.common import (dirfd, endian, failed, fd, flag_text, lbits, lmask,
                                     nonzero_bytes, read_struct, ulong)
from minitrace.decode.generic import Decoder, path_arg
from minitrace.decode.layout import Struct, named
from minitrace.decode.timefmt import (TIMEVAL, sprinttime, time_comment, timespec_of,  # noqa: F401
                                      tv_text, usec_comment)



# strace src/xlat/open_mode_flags.in (print order); the access mode is an enumeration
OPEN_FLAGS = ("O_CREAT", "O_EXCL", "O_NOCTTY", "O_TRUNC", "O_APPEND", "O_NONBLOCK", "O_SYNC",
              "__O_SYNC", "O_DSYNC", "O_DIRECT", "O_LARGEFILE", "O_NOFOLLOW", "O_NOATIME",
              "O_CLOEXEC", "O_PATH", "O_TMPFILE", "__O_TMPFILE", "O_DIRECTORY", "FASYNC")
OPEN_ACCESS = ("O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE")


def open_modes(ctx, call, value, style=True, bits=32):
    """`O_RDONLY|O_CLOEXEC` (access mode always named). style=False: the abbreviated form;
    bits=64 for open_how's 64-bit flags."""
    table = ctx.flag_table(call.abi, OPEN_FLAGS, enum_mask="O_ACCMODE", enum_names=OPEN_ACCESS)
    return printers.flags(value & ((1 << bits) - 1), table, ctx.style if style else None)


def open_flags_only(ctx, call, value):
    """Flags without an access mode (pipe2, dup3): `0`, `O_CLOEXEC`, unknown `0x... /* O_??? */`."""
    return flag_text(ctx, call, value & 0xffffffff, OPEN_FLAGS, "O_???")


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
    return "[%s, %s]" % tuple(fd(ctx, call, v) for v in struct.unpack(endian(call) + "ii", data))


def out_string(ctx, call, addr, length):
    """An OUT buffer of `length` bytes, cut by -s (readlink, getcwd, read)."""
    if failed(call) or not addr:
        return printers.ptr(addr)
    return _buffer(ctx, call, addr, length, ctx.style)


def in_string(ctx, call, addr, length, force_hex=False):
    """An IN buffer of `length` bytes (write data), cut by -s; `force_hex`: every byte in hex
    escapes (printstr_ex with QUOTE_FORCE_HEX)."""
    if not addr:
        return "NULL"
    return _buffer(ctx, call, addr, length,
                   ctx.style.replace(hex_strings="all") if force_hex else ctx.style)


def _buffer(ctx, call, addr, length, style):
    """The quoted bytes of a buffer at addr != 0 (strace's printstr_ex), or its address when
    fewer than buffer_read_size() bytes can be read."""
    n = printers.buffer_read_size(length, style)
    data = ctx.read_data(call, addr, n) if n else b""
    if data is None or len(data) < n:
        return printers.ptr(addr)
    return printers.quote_bytes(data, style, truncated=length > n)


def hex_buffer(ctx, call, addr, length):
    """A `length`-byte buffer in hex escapes, cut by -s (printstr_ex with QUOTE_FORCE_HEX)."""
    return in_string(ctx, call, addr, length, force_hex=True)


# ---------------------------------------------------------------------------------------------
# open family

def _open_tail(ctx, call, flags, mode_value):
    c = ctx.constants(call.abi)
    text = open_modes(ctx, call, flags)
    if flags & (c.get("O_CREAT", 0) | c.get("__O_TMPFILE", 0)):
        text += ", " + printers.mode(mode_value)
    return text


@register("open")
class Open(Decoder):
    enter_while_running = True     # the path and numbers

    def enter(self, ctx, call):
        a = call.args
        return "%s, %s" % (path_arg(ctx, call, a[0]), _open_tail(ctx, call, a[1], a[2]))


@register("openat")
class Openat(Decoder):
    enter_while_running = True     # the path and numbers

    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s" % (dirfd(ctx, call, a[0]), path_arg(ctx, call, a[1]),
                               _open_tail(ctx, call, a[2], a[3]))


RESOLVE_FLAGS = ("RESOLVE_NO_XDEV", "RESOLVE_NO_MAGICLINKS", "RESOLVE_NO_SYMLINKS",
                 "RESOLVE_BENEATH", "RESOLVE_IN_ROOT", "RESOLVE_CACHED")


# struct open_how (linux/openat2.h)
OPEN_HOW = named("open_how", Struct("open_how", [("flags", "u64"), ("mode", "u64"),
                                                 ("resolve", "u64")]))


@register("openat2")
class Openat2(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s, %s" % (dirfd(ctx, call, a[0]), path_arg(ctx, call, a[1]),
                                   self.how(ctx, call, a[2], a[3]), ulong(call, a[3]))

    def how(self, ctx, call, addr, size):
        st = OPEN_HOW.on(call.abi)
        size &= lmask(call)
        v = read_struct(ctx, call, addr, st) if size >= st.size else None
        if v is None:
            return printers.ptr(addr)
        flags, mode, resolve = v["flags"], v["mode"], v["resolve"]
        c = ctx.constants(call.abi)
        parts = ["flags=" + open_modes(ctx, call, flags, bits=64)]
        if flags & (c.get("O_CREAT", 0) | c.get("__O_TMPFILE", 0)) or mode:
            # print_numeric_ll_umode_t: all 64 bits, C's %#03llo
            parts.append("mode=" + ("0%o" % mode if mode else "000").rjust(3, "0"))
        parts.append("resolve=" + flag_text(ctx, call, resolve, RESOLVE_FLAGS, "RESOLVE_???"))
        if size > st.size:
            tail = nonzero_bytes(ctx, call, addr, st.size, size)
            if tail is not None:
                parts.append(tail)
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
    return flag_text(ctx, call, value & 0xffffffff, ACCESS_MODES, "?_OK")


def at_flags(ctx, call, value, names=AT_FLAGS):
    return flag_text(ctx, call, value & 0xffffffff, names, "AT_???")


@register("access")
class Access(Decoder):
    enter_while_running = True     # the path

    def enter(self, ctx, call):
        return "%s, %s" % (path_arg(ctx, call, call.args[0]), access_mode(ctx, call, call.args[1]))


@register("faccessat")
class Faccessat(Decoder):
    enter_while_running = True     # the path

    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s" % (dirfd(ctx, call, a[0]), path_arg(ctx, call, a[1]),
                               access_mode(ctx, call, a[2]))


@register("faccessat2")
class Faccessat2(Decoder):
    enter_while_running = True     # the path

    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s, %s" % (dirfd(ctx, call, a[0]), path_arg(ctx, call, a[1]),
                                   access_mode(ctx, call, a[2]),
                                   at_flags(ctx, call, a[3], FACCESSAT_FLAGS))


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
        return "%s, %s, " % (dirfd(ctx, call, a[0]), path_arg(ctx, call, a[1]))

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
        enter_while_running = True     # the paths

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
        return "%s, %s, %s" % (dirfd(ctx, call, a[0]), path_arg(ctx, call, a[1]), printers.mode(a[2]))


@register("fchmod")
class Fchmod(Decoder):
    def enter(self, ctx, call):
        return "%s, %s" % (fd(ctx, call, call.args[0]), printers.mode(call.args[1]))


def _mknod_tail(ctx, mode, dev):
    text = printers.file_type_mode(mode, ctx.style)
    if mode & 0o170000 in (0o020000, 0o060000):
        text += ", " + makedev(dev & 0xffffffff, ctx.style)   # the kernel's `unsigned int dev`
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
        return "%s, %s, %s" % (dirfd(ctx, call, a[0]), path_arg(ctx, call, a[1]),
                               _mknod_tail(ctx, a[2], a[3]))


@register("unlinkat")
class Unlinkat(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s" % (dirfd(ctx, call, a[0]), path_arg(ctx, call, a[1]),
                               at_flags(ctx, call, a[2]))


@register("renameat")
class Renameat(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s, %s" % (dirfd(ctx, call, a[0]), path_arg(ctx, call, a[1]),
                                   dirfd(ctx, call, a[2]), path_arg(ctx, call, a[3]))


RENAME_FLAGS = ("RENAME_NOREPLACE", "RENAME_EXCHANGE", "RENAME_WHITEOUT")


@register("renameat2")
class Renameat2(Renameat):
    def enter(self, ctx, call):
        return "%s, %s" % (Renameat.enter(self, ctx, call),
                           flag_text(ctx, call, call.args[4] & 0xffffffff, RENAME_FLAGS,
                                  "RENAME_???"))


@register("linkat")
class Linkat(Renameat):
    def enter(self, ctx, call):
        return "%s, %s" % (Renameat.enter(self, ctx, call), at_flags(ctx, call, call.args[4]))


@register("symlinkat")
class Symlinkat(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s" % (path_arg(ctx, call, a[0]), dirfd(ctx, call, a[1]),
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
        return "%s, %s, %s" % (fd(ctx, call, a[0]), uid(a[1]), uid(a[2]))


@register("fchownat")
class Fchownat(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s, %s, %s" % (dirfd(ctx, call, a[0]), path_arg(ctx, call, a[1]), uid(a[2]),
                                       uid(a[3]), at_flags(ctx, call, a[4]))


_UTIME_NOW = (1 << 30) - 1    # linux/stat.h (include/linux/stat.h) UTIME_NOW / UTIME_OMIT
_UTIME_OMIT = (1 << 30) - 2


def timespec_pair(ctx, call, addr):
    """utimensat's times[2]: old_timespec32 on i386 and arm, else (and for utimensat_time64)
    __kernel_timespec."""
    if not addr:
        return "NULL"
    ts = timespec_of(call)
    data = ctx.read(call, addr, 2 * ts.size)
    if not data or len(data) < 2 * ts.size:
        return printers.ptr(addr)
    out = []
    for sec, nsec in (ts.unpack(data), ts.unpack(data, ts.size)):
        if nsec in (_UTIME_NOW, _UTIME_OMIT):
            name = "UTIME_NOW" if nsec == _UTIME_NOW else "UTIME_OMIT"
            cs = ctx.style.const_style
            base = "{tv_sec=%d, tv_nsec=%d}" % (sec, nsec)
            out.append(name if cs == "abbrev" else base if cs == "raw" else
                       "%s /* %s */" % (base, name))
        else:
            # tv_nsec unsigned (PRINT_VAL_U); sprinttime_nsec gives no date for 0/0 or an
            # out-of-range tv_nsec
            nsec &= (1 << (ts.size * 4)) - 1
            dated = (sec or nsec) and nsec <= 999999999
            out.append("{tv_sec=%d, tv_nsec=%d}%s" % (sec, nsec,
                                                     time_comment(sec, nsec) if dated else ""))
    return "[" + ", ".join(out) + "]"


@register("utimensat", "utimensat_time64")
class Utimensat(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s, %s" % (dirfd(ctx, call, a[0]), path_arg(ctx, call, a[1]),
                                   timespec_pair(ctx, call, a[2]), at_flags(ctx, call, a[3]))


# struct utimbuf (linux/utime.h): two __kernel_old_time_t
UTIMBUF = named("utimbuf", Struct("utimbuf", [("actime", "klong"), ("modtime", "klong")]))


def _sec_comment(sec):
    return time_comment(sec) if sec else ""


@register("utime")
class Utime(Decoder):
    def enter(self, ctx, call):
        a = call.args
        v = read_struct(ctx, call, a[1], UTIMBUF.on(call.abi))
        times = printers.ptr(a[1]) if v is None else "{actime=%d%s, modtime=%d%s}" % (
            v["actime"], _sec_comment(v["actime"]), v["modtime"], _sec_comment(v["modtime"]))
        return "%s, %s" % (path_arg(ctx, call, a[0]), times)


def timeval_pair(ctx, call, addr):
    """utimes' `[{tv_sec=..., tv_usec=...} /* date */, {...}]` (strace's print_timeval_utimes)."""
    layout = TIMEVAL.on(call.abi)
    data = ctx.read(call, addr, 2 * layout.size)
    if data is None or len(data) < 2 * layout.size:
        return printers.ptr(addr)
    bits = layout.size * 4
    out = []
    for sec, usec in (layout.struct.unpack_from(data, 0),
                      layout.struct.unpack_from(data, layout.size)):
        usec &= (1 << bits) - 1
        out.append(tv_text(sec, usec) + usec_comment(sec, usec))
    return "[" + ", ".join(out) + "]"


@register("utimes")
class Utimes(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s" % (path_arg(ctx, call, a[0]), timeval_pair(ctx, call, a[1]))


@register("futimesat")
class Futimesat(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s" % (dirfd(ctx, call, a[0]), path_arg(ctx, call, a[1]),
                               timeval_pair(ctx, call, a[2]))


# xlat/sync_file_range_flags.in (linux/fs.h)
SYNC_FILE_RANGE_FLAGS = ("SYNC_FILE_RANGE_WAIT_BEFORE", "SYNC_FILE_RANGE_WRITE",
                         "SYNC_FILE_RANGE_WAIT_AFTER")


def _loff(call, index):
    """A loff_t argument at `index` and the index after it: one register on 64-bit ABIs (and
    x32), the low and high halves in two on 32-bit ones."""
    a = call.args
    if lbits(call) == 64 or call.abi == "x32":
        return printers.to_signed(a[index], 64), index + 1
    return printers.to_signed((a[index] & 0xffffffff) | ((a[index + 1] & 0xffffffff) << 32),
                              64), index + 2


@register("sync_file_range", "sync_file_range2")
class SyncFileRange(Decoder):
    """sync_file_range(fd, offset, nbytes, flags); sync_file_range2 has the flags second."""

    def enter(self, ctx, call):
        a = call.args
        second = self.name == "sync_file_range2"
        offset, i = _loff(call, 2 if second else 1)
        nbytes, i = _loff(call, i)
        flags = flag_text(ctx, call, a[1 if second else i] & 0xffffffff, SYNC_FILE_RANGE_FLAGS,
                          "SYNC_FILE_RANGE_???")
        if second:
            return "%s, %s, %d, %d" % (fd(ctx, call, a[0]), flags, offset, nbytes)
        return "%s, %d, %d, %s" % (fd(ctx, call, a[0]), offset, nbytes, flags)


@register("truncate")
class Truncate(Decoder):
    def enter(self, ctx, call):
        return "%s, %s" % (path_arg(ctx, call, call.args[0]), ulong(call, call.args[1]))


@register("ftruncate")
class Ftruncate(Decoder):
    def enter(self, ctx, call):
        return "%s, %s" % (fd(ctx, call, call.args[0]), ulong(call, call.args[1]))


@register("fchdir")
class Fchdir(Decoder):
    def enter(self, ctx, call):
        return fd(ctx, call, call.args[0])
