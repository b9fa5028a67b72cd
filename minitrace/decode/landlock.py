"""Decoders of the Landlock calls (strace 6.1's landlock.c): landlock_create_ruleset,
landlock_add_rule, landlock_restrict_self. Structures of linux/landlock.h."""
from minitrace import printers
from minitrace.decode import register
from minitrace.decode.common import endian, enum_text, fd, flag_text, lmask, read_struct, ulong
from minitrace.decode.generic import Decoder
from minitrace.decode.layout import Struct

# xlat/landlock_ruleset_access_fs.in
ACCESS_FS = ("LANDLOCK_ACCESS_FS_EXECUTE", "LANDLOCK_ACCESS_FS_WRITE_FILE",
             "LANDLOCK_ACCESS_FS_READ_FILE", "LANDLOCK_ACCESS_FS_READ_DIR",
             "LANDLOCK_ACCESS_FS_REMOVE_DIR", "LANDLOCK_ACCESS_FS_REMOVE_FILE",
             "LANDLOCK_ACCESS_FS_MAKE_CHAR", "LANDLOCK_ACCESS_FS_MAKE_DIR",
             "LANDLOCK_ACCESS_FS_MAKE_REG", "LANDLOCK_ACCESS_FS_MAKE_SOCK",
             "LANDLOCK_ACCESS_FS_MAKE_FIFO", "LANDLOCK_ACCESS_FS_MAKE_BLOCK",
             "LANDLOCK_ACCESS_FS_MAKE_SYM", "LANDLOCK_ACCESS_FS_REFER")
CREATE_FLAGS = ("LANDLOCK_CREATE_RULESET_VERSION",)     # xlat/landlock_create_ruleset_flags.in
RULE_TYPES = ("LANDLOCK_RULE_PATH_BENEATH",)             # xlat/landlock_rule_types.in

HANDLED_ACCESS_FS_END = 8    # offsetofend(struct landlock_ruleset_attr, handled_access_fs)


# __attribute__((packed)) in linux/landlock.h: 12 bytes on every ABI
PATH_BENEATH_ATTR = Struct("landlock_path_beneath_attr",
                           (("allowed_access", "u64"), ("parent_fd", "s32")), packed=True)


def fd_result(ctx, call):
    """A returned descriptor (strace's RVAL_FD): with -y, `3<anon_inode:landlock-ruleset>`."""
    if call.ret is None or call.error:
        return None
    return fd(ctx, call, call.ret)


@register("landlock_create_ruleset")
class LandlockCreateRuleset(Decoder):
    def enter(self, ctx, call):
        a = call.args
        addr, size = a[0], a[1] & lmask(call)
        if size < HANDLED_ACCESS_FS_END:
            attr = printers.ptr(addr)
        else:
            data = ctx.read(call, addr, HANDLED_ACCESS_FS_END) if addr else None
            if data is None or len(data) < HANDLED_ACCESS_FS_END:
                attr = printers.ptr(addr)
            else:
                value = int.from_bytes(data, "little" if endian(call) == "<" else "big")
                attr = "{handled_access_fs=%s%s}" % (
                    flag_text(ctx, call, value, ACCESS_FS, "LANDLOCK_ACCESS_FS_???"),
                    ", ..." if size > HANDLED_ACCESS_FS_END else "")
        return "%s, %s, %s" % (attr, ulong(call, size),
                               flag_text(ctx, call, a[2] & 0xffffffff, CREATE_FLAGS,
                                         "LANDLOCK_CREATE_RULESET_???"))

    def result(self, ctx, call):
        version = ctx.constants(call.abi).get("LANDLOCK_CREATE_RULESET_VERSION", 1)
        text = None if call.args[2] & version else fd_result(ctx, call)
        return text if text is not None else Decoder.result(self, ctx, call)


@register("landlock_add_rule")
class LandlockAddRule(Decoder):
    def enter(self, ctx, call):
        a = call.args
        rule = a[1] & 0xffffffff
        attr = printers.ptr(a[2])
        if rule == ctx.constants(call.abi).get("LANDLOCK_RULE_PATH_BENEATH"):
            s = read_struct(ctx, call, a[2], PATH_BENEATH_ATTR.on(call.abi))
            if s is not None:
                attr = "{allowed_access=%s, parent_fd=%s}" % (
                    flag_text(ctx, call, s["allowed_access"], ACCESS_FS,
                              "LANDLOCK_ACCESS_FS_???"),
                    fd(ctx, call, s["parent_fd"]))
        return "%s, %s, %s, %s" % (fd(ctx, call, a[0]),
                                   enum_text(ctx, call, rule, RULE_TYPES, "LANDLOCK_RULE_???"),
                                   attr, printers.hexnum(a[3] & 0xffffffff))


@register("landlock_restrict_self")
class LandlockRestrictSelf(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s" % (fd(ctx, call, a[0]), printers.hexnum(a[1] & 0xffffffff))
