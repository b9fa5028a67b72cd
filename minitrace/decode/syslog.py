"""syslog(2) (strace's syslog.c): the action always as `N /* SYSLOG_ACTION_... */`, the buffer
of the READ actions at exit, the console level of CONSOLE_LEVEL."""
from minitrace import printers
from minitrace.decode import register
from minitrace.decode.common import failed
from minitrace.decode.generic import Decoder

# xlat/syslog_action_type.in (the kernel's include/linux/syslog.h)
SYSLOG_ACTION_NAMES = ("SYSLOG_ACTION_CLOSE", "SYSLOG_ACTION_OPEN", "SYSLOG_ACTION_READ",
                       "SYSLOG_ACTION_READ_ALL", "SYSLOG_ACTION_READ_CLEAR",
                       "SYSLOG_ACTION_CLEAR", "SYSLOG_ACTION_CONSOLE_OFF",
                       "SYSLOG_ACTION_CONSOLE_ON", "SYSLOG_ACTION_CONSOLE_LEVEL",
                       "SYSLOG_ACTION_SIZE_UNREAD", "SYSLOG_ACTION_SIZE_BUFFER")
_NO_ARGS = ("SYSLOG_ACTION_CLOSE", "SYSLOG_ACTION_OPEN", "SYSLOG_ACTION_CLEAR",
            "SYSLOG_ACTION_CONSOLE_OFF", "SYSLOG_ACTION_CONSOLE_ON", "SYSLOG_ACTION_SIZE_UNREAD",
            "SYSLOG_ACTION_SIZE_BUFFER")
_READS = ("SYSLOG_ACTION_READ", "SYSLOG_ACTION_READ_ALL", "SYSLOG_ACTION_READ_CLEAR")
# the console log levels of the kernel's include/linux/kern_levels.h (6.1), not uapi; strace's
# xlat/syslog_console_levels.in (LOGLEVEL_SCHED and LOGLEVEL_DEFAULT are not named)
LOGLEVELS = {0: "LOGLEVEL_EMERG",
             1: "LOGLEVEL_ALERT", 2: "LOGLEVEL_CRIT", 3: "LOGLEVEL_ERR", 4: "LOGLEVEL_WARNING",
             5: "LOGLEVEL_NOTICE", 6: "LOGLEVEL_INFO", 7: "LOGLEVEL_DEBUG",
             8: "LOGLEVEL_DEBUG+1"}     # strace names 8 by its expression


def _verbose_d(value, name, unknown):
    """XLAT_STYLE_VERBOSE|XLAT_STYLE_FMT_D, whatever -X says: `1 /* SYSLOG_ACTION_OPEN */`."""
    return "%d /* %s */" % (value, name or unknown)


@register("syslog")
class Syslog(Decoder):
    def _action(self, ctx, call):
        value = printers.to_signed(call.args[0], 32)
        table = ctx.enum_table(call.abi, SYSLOG_ACTION_NAMES)
        return value, table.get(value)

    def enter(self, ctx, call):
        value, name = self._action(ctx, call)
        text = _verbose_d(value, name, "SYSLOG_ACTION_???")
        if name in _NO_ARGS or name in _READS:
            return text + (", " if name in _READS else "")
        length = printers.to_signed(call.args[2], 32)
        if name == "SYSLOG_ACTION_CONSOLE_LEVEL":
            level = _verbose_d(length, LOGLEVELS.get(length), "LOGLEVEL_???")
        else:
            level = str(length)
        return "%s, %s, %s" % (text, printers.ptr(call.args[1]), level)

    def exit(self, ctx, call):
        if self._action(ctx, call)[1] not in _READS:
            return ""
        addr = call.args[1]
        length = printers.to_signed(call.args[2], 32)
        if failed(call) or not addr:
            return "%s, %d" % (printers.ptr(addr), length)
        count = call.ret
        n = printers.buffer_read_size(count, ctx.style)
        data = ctx.read_data(call, addr, n) if n else b""
        if data is None or len(data) < n:
            buf = printers.ptr(addr)
        else:
            buf = printers.quote_bytes(data, ctx.style, truncated=count > n)
        return "%s, %d" % (buf, length)
