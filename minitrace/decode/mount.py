"""Decoders of the mount family (strace 6.1's mount.c, umount.c, fsopen.c, fsconfig.c,
fsmount.c, fspick.c, move_mount.c, open_tree.c, mount_setattr.c): mount/umount2 and the new mount
API. Everything is printed at entry (RVAL_DECODED). Flag tables mirror strace's xlat lists of
linux/mount.h and linux/fs.h (values from the generated constants)."""
from minitrace import printers
from minitrace.decode import register
from minitrace.decode.common import (bounded_cstring, dirfd, enum_text, fd, flag_text,
                                     nonzero_bytes, read_struct, ulong_value)
from minitrace.decode.file import hex_buffer
from minitrace.decode.generic import Decoder, cstring_arg, path_arg
from minitrace.decode.layout import Struct, named

# xlat/mount_flags.in (linux/fs.h), in strace's order
MOUNT_FLAGS = ("MS_RDONLY", "MS_NOSUID", "MS_NODEV", "MS_NOEXEC", "MS_SYNCHRONOUS",
               "MS_REMOUNT", "MS_MANDLOCK", "MS_DIRSYNC", "MS_NOSYMFOLLOW", "MS_NOATIME",
               "MS_NODIRATIME", "MS_BIND", "MS_MOVE", "MS_REC", "MS_SILENT", "MS_POSIXACL",
               "MS_UNBINDABLE", "MS_PRIVATE", "MS_SLAVE", "MS_SHARED", "MS_RELATIME",
               "MS_KERNMOUNT", "MS_I_VERSION", "MS_STRICTATIME", "MS_LAZYTIME", "MS_SUBMOUNT",
               "MS_NOREMOTELOCK", "MS_NOSEC", "MS_BORN", "MS_ACTIVE", "MS_NOUSER")
# mount flags that make the kernel ignore the type (MS_REMOUNT) or the type and the data
MS_IGNORE_TYPE_AND_DATA = ("MS_BIND", "MS_MOVE", "MS_SHARED", "MS_PRIVATE", "MS_SLAVE",
                           "MS_UNBINDABLE")
# xlat/umount_flags.in (MNT_* of the kernel's include/linux/fs.h)
UMOUNT_FLAGS = ("MNT_FORCE", "MNT_DETACH", "MNT_EXPIRE", "UMOUNT_NOFOLLOW")
# the new mount API (linux/mount.h), as strace's xlat lists
FSOPEN_FLAGS = ("FSOPEN_CLOEXEC",)
FSMOUNT_FLAGS = ("FSMOUNT_CLOEXEC",)
FSMOUNT_ATTR_FLAGS = ("MOUNT_ATTR_RDONLY", "MOUNT_ATTR_NOSUID", "MOUNT_ATTR_NODEV",
                      "MOUNT_ATTR_NOEXEC", "MOUNT_ATTR_NOATIME", "MOUNT_ATTR_STRICTATIME",
                      "MOUNT_ATTR_NODIRATIME")
MOUNT_ATTR_FLAGS = FSMOUNT_ATTR_FLAGS + ("MOUNT_ATTR_IDMAP", "MOUNT_ATTR_NOSYMFOLLOW")
MOUNT_ATTR_PROPAGATION = ("MS_UNBINDABLE", "MS_PRIVATE", "MS_SLAVE", "MS_SHARED")
FSPICK_FLAGS = ("FSPICK_CLOEXEC", "FSPICK_SYMLINK_NOFOLLOW", "FSPICK_NO_AUTOMOUNT",
                "FSPICK_EMPTY_PATH")
MOVE_MOUNT_FLAGS = ("MOVE_MOUNT_F_SYMLINKS", "MOVE_MOUNT_F_AUTOMOUNTS",
                    "MOVE_MOUNT_F_EMPTY_PATH", "MOVE_MOUNT_T_SYMLINKS", "MOVE_MOUNT_T_AUTOMOUNTS",
                    "MOVE_MOUNT_T_EMPTY_PATH", "MOVE_MOUNT_SET_GROUP")
OPEN_TREE_FLAGS = ("OPEN_TREE_CLONE", "OPEN_TREE_CLOEXEC", "AT_SYMLINK_NOFOLLOW", "AT_REMOVEDIR",
                   "AT_SYMLINK_FOLLOW", "AT_NO_AUTOMOUNT", "AT_EMPTY_PATH", "AT_RECURSIVE")
MOUNT_SETATTR_FLAGS = ("AT_SYMLINK_NOFOLLOW", "AT_NO_AUTOMOUNT", "AT_EMPTY_PATH", "AT_RECURSIVE")
FSCONFIG_CMDS = ("FSCONFIG_SET_FLAG", "FSCONFIG_SET_STRING", "FSCONFIG_SET_BINARY",
                 "FSCONFIG_SET_PATH", "FSCONFIG_SET_PATH_EMPTY", "FSCONFIG_SET_FD",
                 "FSCONFIG_CMD_CREATE", "FSCONFIG_CMD_RECONFIGURE")

FSCONFIG_KEY_MAX = 256          # strace prints a key or string value of at most 256 bytes
FSCONFIG_BINARY_MAX = 1 << 20   # and a binary value of 0..1 MiB bytes (else its address)
_INT_MAX = 0x7fffffff

# struct mount_attr (linux/mount.h): MOUNT_ATTR_SIZE_VER0 is 32 bytes
MOUNT_ATTR = named("mount_attr", Struct("mount_attr", [
    ("attr_set", "u64"), ("attr_clr", "u64"), ("propagation", "u64"), ("userns_fd", "u64")]))

_mount_tables = {}


def mount_flag_table(ctx, call):
    """MOUNT_FLAGS with MS_NOUSER as the unsigned bit 31 it is (the generated value is int)."""
    t = _mount_tables.get(call.abi)
    if t is None:
        consts = ctx.constants(call.abi)
        values = dict((n, consts[n] & 0xffffffff) for n in MOUNT_FLAGS if n in consts)
        t = _mount_tables[call.abi] = printers.flag_table(MOUNT_FLAGS, values)
    return t


@register("mount")
class Mount(Decoder):
    def enter(self, ctx, call):
        a = call.args
        c = ctx.constants(call.abi)
        flags = ulong_value(call, a[3])
        magic_mask, magic = c.get("MS_MGC_MSK", 0), c.get("MS_MGC_VAL", 0)
        old_magic = bool(magic_mask) and flags & magic_mask == magic
        if old_magic:
            flags &= ~magic_mask
        ignore_type = ignore_data = False
        if flags & c.get("MS_REMOUNT", 0):
            ignore_type = True
        elif flags & sum(c.get(n, 0) for n in MS_IGNORE_TYPE_AND_DATA):
            ignore_type = ignore_data = True
        parts = []
        if old_magic:
            parts.append(printers.enum(magic, {magic: "MS_MGC_VAL"}, ctx.style))
        if flags or not old_magic:
            parts.append(printers.flags(flags, mount_flag_table(ctx, call), ctx.style, "MS_???"))
        return "%s, %s, %s, %s, %s" % (
            path_arg(ctx, call, a[0]), path_arg(ctx, call, a[1]),
            printers.ptr(a[2]) if ignore_type else cstring_arg(ctx, call, a[2]),
            "|".join(parts),
            printers.ptr(a[4]) if ignore_data else cstring_arg(ctx, call, a[4]))


@register("umount2")
class Umount2(Decoder):
    def enter(self, ctx, call):
        return "%s, %s" % (path_arg(ctx, call, call.args[0]),
                           flag_text(ctx, call, call.args[1] & 0xffffffff, UMOUNT_FLAGS, "MNT_???"))


@register("umount", "oldumount", "pivot_root")
class PathsOnly(Decoder):
    """umount(target) of the ABIs that have it; pivot_root(new_root, put_old)."""

    def enter(self, ctx, call):
        count = 2 if self.name == "pivot_root" else 1
        return ", ".join(path_arg(ctx, call, a) for a in call.args[:count])


@register("fsopen")
class Fsopen(Decoder):
    def enter(self, ctx, call):
        return "%s, %s" % (cstring_arg(ctx, call, call.args[0]),
                           flag_text(ctx, call, call.args[1] & 0xffffffff, FSOPEN_FLAGS,
                                     "FSOPEN_???"))


@register("fsmount")
class Fsmount(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s" % (fd(ctx, call, a[0]),
                               flag_text(ctx, call, a[1] & 0xffffffff, FSMOUNT_FLAGS,
                                         "FSMOUNT_???"),
                               flag_text(ctx, call, a[2] & 0xffffffff, FSMOUNT_ATTR_FLAGS,
                                         "MOUNT_ATTR_???"))


@register("fspick", "open_tree")
class DirfdPathFlags(Decoder):
    """fspick(dirfd, path, FSPICK_*) and open_tree(dirfd, path, OPEN_TREE_*|AT_*)."""

    def enter(self, ctx, call):
        a = call.args
        names, unknown = ((FSPICK_FLAGS, "FSPICK_???") if self.name == "fspick"
                          else (OPEN_TREE_FLAGS, "OPEN_TREE_???"))
        return "%s, %s, %s" % (dirfd(ctx, call, a[0]), path_arg(ctx, call, a[1]),
                               flag_text(ctx, call, a[2] & 0xffffffff, names, unknown))


@register("move_mount")
class MoveMount(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s, %s, %s" % (
            dirfd(ctx, call, a[0]), path_arg(ctx, call, a[1]), dirfd(ctx, call, a[2]),
            path_arg(ctx, call, a[3]),
            flag_text(ctx, call, a[4] & 0xffffffff, MOVE_MOUNT_FLAGS, "MOVE_MOUNT_???"))


@register("fsconfig")
class Fsconfig(Decoder):
    """The key is a string for the SET commands; the value a string, a path, a hex buffer of
    `aux` bytes or an address by command; aux a dirfd (SET_PATH*), a fd (SET_FD) or an int."""

    def enter(self, ctx, call):
        a = call.args
        cmd = a[1] & 0xffffffff
        name = ctx.enum_table(call.abi, FSCONFIG_CMDS).get(cmd)
        aux = printers.to_signed(a[4], 32)
        key = (bounded_cstring(ctx, call, a[2], FSCONFIG_KEY_MAX)
               if name and name.startswith("FSCONFIG_SET_") else printers.ptr(a[2]))
        if name == "FSCONFIG_SET_STRING":
            value = bounded_cstring(ctx, call, a[3], FSCONFIG_KEY_MAX)
        elif name in ("FSCONFIG_SET_PATH", "FSCONFIG_SET_PATH_EMPTY"):
            value = path_arg(ctx, call, a[3])
        elif name == "FSCONFIG_SET_BINARY" and 0 <= aux <= FSCONFIG_BINARY_MAX:
            value = hex_buffer(ctx, call, a[3], aux)
        else:
            value = printers.ptr(a[3])
        if name in ("FSCONFIG_SET_PATH", "FSCONFIG_SET_PATH_EMPTY"):
            aux_text = dirfd(ctx, call, a[4])
        elif name == "FSCONFIG_SET_FD":
            aux_text = fd(ctx, call, a[4])
        else:
            aux_text = str(aux)
        return "%s, %s, %s, %s, %s" % (
            fd(ctx, call, a[0]), enum_text(ctx, call, cmd, FSCONFIG_CMDS, "FSCONFIG_???"),
            key, value, aux_text)


def mount_attr(ctx, call, addr, size):
    """`{attr_set=..., attr_clr=..., propagation=MS_SHARED, userns_fd=3}` (userns_fd a
    descriptor only under MOUNT_ATTR_IDMAP), then any nonzero bytes past the struct."""
    compiled = MOUNT_ATTR.on(call.abi)
    if size < compiled.size:
        return printers.ptr(addr)
    v = read_struct(ctx, call, addr, compiled)
    if v is None:
        return printers.ptr(addr)
    idmap = ctx.constants(call.abi).get("MOUNT_ATTR_IDMAP", 0)
    userns = v["userns_fd"]
    parts = [
        "attr_set=" + flag_text(ctx, call, v["attr_set"], MOUNT_ATTR_FLAGS, "MOUNT_ATTR_???"),
        "attr_clr=" + flag_text(ctx, call, v["attr_clr"], MOUNT_ATTR_FLAGS, "MOUNT_ATTR_???"),
        "propagation=" + enum_text(ctx, call, v["propagation"], MOUNT_ATTR_PROPAGATION,
                                   "MS_???"),
        "userns_fd=" + (fd(ctx, call, userns)
                        if userns <= _INT_MAX and (v["attr_set"] | v["attr_clr"]) & idmap
                        else str(userns))]
    if size > compiled.size:
        tail = nonzero_bytes(ctx, call, addr, compiled.size, size)
        if tail is not None:
            parts.append(tail)
    return "{" + ", ".join(parts) + "}"


@register("mount_setattr")
class MountSetattr(Decoder):
    def enter(self, ctx, call):
        a = call.args
        size = ulong_value(call, a[4])
        return "%s, %s, %s, %s, %d" % (
            dirfd(ctx, call, a[0]), path_arg(ctx, call, a[1]),
            flag_text(ctx, call, a[2] & 0xffffffff, MOUNT_SETATTR_FLAGS, "AT_???"),
            mount_attr(ctx, call, a[3], size), size)
