"""Decoders of the file family that look into directories and inodes: getdents/getdents64, the
xattr calls and inotify."""
from minitrace import printers
from minitrace.decode import register
from minitrace.decode.common import enum_text, failed, fd, flag_text, lmask, uint, ulong
from minitrace.decode.file import in_string, out_string
from minitrace.decode.generic import Decoder, cstring_arg, path_arg
from minitrace.decode.layout import Struct, named


# ---------------------------------------------------------------------------------------------
# getdents

# struct linux_dirent of getdents (fs/readdir.c: unsigned longs of the kernel, 64-bit for x32,
# which enters the common 64-bit getdents; d_type is the record's last byte) and struct
# linux_dirent64 (include/linux/dirent.h)
DIRENT = named("linux_dirent", Struct("linux_dirent", [
    ("d_ino", "kulong"), ("d_off", "klong"), ("d_reclen", "u16"), ("d_name", ("u8", 0))]))
DIRENT64 = named("linux_dirent64", Struct("linux_dirent64", [
    ("d_ino", "u64"), ("d_off", "s64"), ("d_reclen", "u16"), ("d_type", "u8"),
    ("d_name", ("u8", 0))]))


@register("getdents64", "getdents")
class Getdents(Decoder):
    enter_while_running = True     # the descriptor only

    def enter(self, ctx, call):
        return fd(ctx, call, call.args[0]) + ", "

    def exit(self, ctx, call):
        a = call.args
        count = uint(a[2])
        if failed(call) or not ctx.style.deref:       # -e verbose=: not even the count
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
        out = []
        pos = 0
        head = (DIRENT64 if self.name == "getdents64" else DIRENT).on(call.abi)
        name_at = head.fields["d_name"][0]
        while pos + name_at <= len(data):
            v = head.unpack(data[pos:pos + name_at].ljust(head.size, b"\0"))
            reclen = v[2]
            if reclen < name_at or pos + reclen > len(data):
                break
            rec = data[pos:pos + reclen]
            name = rec[name_at:]
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
        dt = enum_text(ctx, call, dtype, self.DT_NAMES, "DT_???")
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
        return fd(ctx, call, call.args[0])
    return path_arg(ctx, call, call.args[0])


def xattr_value(ctx, call, addr, size):
    """The value buffer; past XATTR_SIZE_MAX (linux/limits.h) strace prints its address."""
    size &= lmask(call)
    limit = ctx.constants(call.abi).get("XATTR_SIZE_MAX")
    if limit is not None and size > limit:
        return printers.ptr(addr)
    style = ctx.style
    shown = min(size, style.string_limit)
    if shown and style.hex_strings != "all":
        # QUOTE_OMIT_TRAILING_0: a NUL as the last byte shown ends the string, no `...`
        n = printers.buffer_read_size(size, style)
        data = ctx.read_data(call, addr, n)
        if data is not None and len(data) == n and data[shown - 1:shown] == b"\0":
            return printers.quote_bytes(bytes(data[:shown - 1]), style, shown)
    return in_string(ctx, call, addr, size)


@register("setxattr", "lsetxattr", "fsetxattr")
class Setxattr(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s, %s, %s" % (
            _xattr_target(ctx, call, self.name), cstring_arg(ctx, call, a[1]),
            xattr_value(ctx, call, a[2], a[3]), ulong(call, a[3]),
            flag_text(ctx, call, a[4] & 0xffffffff, XATTR_FLAGS, "XATTR_???"))


@register("getxattr", "lgetxattr", "fgetxattr")
class Getxattr(Decoder):
    def enter(self, ctx, call):
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
        return flag_text(ctx, call, call.args[0] & 0xffffffff, INOTIFY_INIT_FLAGS, "IN_???")


@register("inotify_add_watch")
class InotifyAddWatch(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s" % (fd(ctx, call, a[0]), path_arg(ctx, call, a[1]),
                               flag_text(ctx, call, a[2] & 0xffffffff, INOTIFY_MASK, "IN_???"))


@register("inotify_rm_watch")
class InotifyRmWatch(Decoder):
    def enter(self, ctx, call):
        return "%s, %s" % (fd(ctx, call, call.args[0]), printers.sdec(call.args[1], 32))
