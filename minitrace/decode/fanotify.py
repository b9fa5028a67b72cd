"""Decoders of fanotify_init and fanotify_mark (strace 6.1's fanotify.c; linux/fanotify.h)."""
from minitrace import printers
from minitrace.decode import register
from minitrace.decode.common import dirfd, enum_text, fd, flag_text, lbits
from minitrace.decode.file import open_modes
from minitrace.decode.generic import Decoder, path_arg

FAN_CLASSES = ("FAN_CLASS_NOTIF", "FAN_CLASS_CONTENT", "FAN_CLASS_PRE_CONTENT")  # xlat/fan_classes.in
# xlat/fan_init_flags.in
FAN_INIT_FLAGS = ("FAN_CLOEXEC", "FAN_NONBLOCK", "FAN_UNLIMITED_QUEUE", "FAN_UNLIMITED_MARKS",
                  "FAN_ENABLE_AUDIT", "FAN_REPORT_PIDFD", "FAN_REPORT_TID", "FAN_REPORT_FID",
                  "FAN_REPORT_DIR_FID", "FAN_REPORT_NAME", "FAN_REPORT_TARGET_FID")
# xlat/fan_mark_flags.in
FAN_MARK_FLAGS = ("FAN_MARK_ADD", "FAN_MARK_REMOVE", "FAN_MARK_DONT_FOLLOW", "FAN_MARK_ONLYDIR",
                  "FAN_MARK_MOUNT", "FAN_MARK_IGNORED_MASK", "FAN_MARK_IGNORED_SURV_MODIFY",
                  "FAN_MARK_FLUSH", "FAN_MARK_FILESYSTEM", "FAN_MARK_EVICTABLE",
                  "FAN_MARK_IGNORE")
# xlat/fan_event_flags.in
FAN_EVENT_FLAGS = ("FAN_ACCESS", "FAN_MODIFY", "FAN_ATTRIB", "FAN_CLOSE_WRITE",
                   "FAN_CLOSE_NOWRITE", "FAN_OPEN", "FAN_MOVED_FROM", "FAN_MOVED_TO",
                   "FAN_CREATE", "FAN_DELETE", "FAN_DELETE_SELF", "FAN_MOVE_SELF",
                   "FAN_OPEN_EXEC", "FAN_Q_OVERFLOW", "FAN_FS_ERROR", "FAN_OPEN_PERM",
                   "FAN_ACCESS_PERM", "FAN_OPEN_EXEC_PERM", "FAN_DIR_MODIFY", "FAN_ONDIR",
                   "FAN_EVENT_ON_CHILD", "FAN_RENAME")
# FAN_DIR_MODIFY: linux/fanotify.h of kernel 5.7 and 5.8 only (gone from 6.1's headers)
EXTRA = {"FAN_DIR_MODIFY": 0x00080000}


def _consts(ctx, call):
    consts = ctx.constants(call.abi)
    if "FAN_DIR_MODIFY" not in consts:
        consts = dict((name, consts.get(name)) for name in FAN_EVENT_FLAGS if name in consts)
        consts.update(EXTRA)
    return consts


@register("fanotify_init")
class FanotifyInit(Decoder):
    def enter(self, ctx, call):
        a = call.args
        flags = a[0] & 0xffffffff
        class_bits = ctx.constants(call.abi).get("FAN_ALL_CLASS_BITS", 0xc)
        text = enum_text(ctx, call, flags & class_bits, FAN_CLASSES, "FAN_CLASS_???")
        if flags & ~class_bits:
            text += "|" + flag_text(ctx, call, flags & ~class_bits, FAN_INIT_FLAGS, "FAN_???")
        return "%s, %s" % (text, open_modes(ctx, call, a[1] & 0xffffffff))


@register("fanotify_mark")
class FanotifyMark(Decoder):
    _tables = {}

    def enter(self, ctx, call):
        a = call.args
        if lbits(call) == 64:
            mask, argn = a[2], 3
        else:                              # the 64-bit mask in two registers, low half first
            mask, argn = (a[2] & 0xffffffff) | ((a[3] & 0xffffffff) << 32), 4
        key = call.abi
        table = self._tables.get(key)
        if table is None:
            table = self._tables[key] = printers.flag_table(FAN_EVENT_FLAGS, _consts(ctx, call))
        dfd = printers.to_signed(a[argn], 32)
        if dfd == -1:                      # FAN_NOFD, printed as print_xlat_d
            cstyle = ctx.style.const_style
            where = ("FAN_NOFD" if cstyle == "abbrev" else "-1" if cstyle == "raw"
                     else "-1 /* FAN_NOFD */")
        else:
            where = dirfd(ctx, call, a[argn])
        return "%s, %s, %s, %s, %s" % (
            fd(ctx, call, a[0]),
            flag_text(ctx, call, a[1] & 0xffffffff, FAN_MARK_FLAGS, "FAN_MARK_???"),
            printers.flags(mask, table, ctx.style, "FAN_???"), where,
            path_arg(ctx, call, a[argn + 1]))
