"""Decoders of the native asynchronous I/O calls (strace 6.1's aio.c; linux/aio_abi.h):
io_setup, io_destroy, io_submit, io_cancel, io_getevents, io_pgetevents."""
from minitrace import printers
from minitrace.decode import register
from minitrace.decode.array import print_array, unpacker
from minitrace.decode.common import (endian, enum_text, failed, fd, flag_text, indirect_ptr,
                                     lbits, read_struct, read_values)
from minitrace.decode.desc import RWF_FLAGS
from minitrace.decode.file import in_string
from minitrace.decode.generic import Decoder
from minitrace.decode.layout import Struct
from minitrace.decode.sigcalls import nsig_bytes, read_sigset, sigset_text
from minitrace.decode.timefmt import timespec_of, ts_layout_text

# xlat/aio_cmds.in, and the part of each iocb strace prints after its header
AIO_CMDS = ("IOCB_CMD_PREAD", "IOCB_CMD_PWRITE", "IOCB_CMD_FSYNC", "IOCB_CMD_FDSYNC",
            "IOCB_CMD_PREADX", "IOCB_CMD_POLL", "IOCB_CMD_NOOP", "IOCB_CMD_PREADV",
            "IOCB_CMD_PWRITEV")
SUB_COMMON = {"IOCB_CMD_PREAD", "IOCB_CMD_PWRITE"}
SUB_VECTOR = {"IOCB_CMD_PREADV", "IOCB_CMD_PWRITEV"}
SUB_POLL = {"IOCB_CMD_POLL"}
IOCB_FLAGS = ("IOCB_FLAG_RESFD", "IOCB_FLAG_IOPRIO")              # xlat/aio_iocb_flags.in
IOPRIO_CLASSES = ("IOPRIO_CLASS_NONE", "IOPRIO_CLASS_RT", "IOPRIO_CLASS_BE",
                  "IOPRIO_CLASS_IDLE")                            # xlat/ioprio_class.in
POLL_FLAGS = ("POLLIN", "POLLPRI", "POLLOUT", "POLLERR", "POLLHUP", "POLLNVAL", "POLLRDNORM",
              "POLLRDBAND", "POLLWRNORM", "POLLWRBAND", "POLLMSG", "POLLREMOVE", "POLLRDHUP")


def _iocb(order_le):
    """struct iocb: aio_key and aio_rw_flags swap places on big-endian ABIs."""
    pair = (("aio_key", "u32"), ("aio_rw_flags", "u32"))
    return Struct("iocb", (("aio_data", "u64"),) + (pair if order_le else pair[::-1]) + (
        ("aio_lio_opcode", "u16"), ("aio_reqprio", "s16"), ("aio_fildes", "u32"),
        ("aio_buf", "u64"), ("aio_nbytes", "u64"), ("aio_offset", "s64"),
        ("aio_reserved2", "u64"), ("aio_flags", "u32"), ("aio_resfd", "u32")))


IOCB_LE, IOCB_BE = _iocb(True), _iocb(False)
IO_EVENT = Struct("io_event", (("data", "u64"), ("obj", "u64"), ("res", "s64"), ("res2", "s64")))
IOVEC = Struct("iovec", (("iov_base", "ptr"), ("iov_len", "ulong")))
AIO_SIGSET = Struct("__aio_sigset", (("sigmask", "ptr"), ("sigsetsize", "ulong")))


def _iocb_layout(call):
    return (IOCB_LE if endian(call) == "<" else IOCB_BE).on(call.abi)


def ioprio(ctx, call, value):
    """strace's print_ioprio: `IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4)`."""
    cstyle = ctx.style.const_style
    if cstyle == "raw":
        return printers.hexnum(value)
    text = "IOPRIO_PRIO_VALUE(%s, %d)" % (
        printers.enum(value >> 13, ctx.enum_table(call.abi, IOPRIO_CLASSES), None,
                      "IOPRIO_CLASS_???"), value & 0x1fff)
    return "%s /* %s */" % (printers.hexnum(value), text) if cstyle == "verbose" else text


def iocb_header(ctx, call, cb):
    """The fields every iocb shows; returns (text, opcode name or None)."""
    parts = ["aio_data=%s" % printers.hexnum(cb["aio_data"])]
    if cb["aio_key"]:
        parts.append("aio_key=%d" % cb["aio_key"])
    if cb["aio_rw_flags"]:
        parts.append("aio_rw_flags=" + flag_text(ctx, call, cb["aio_rw_flags"], RWF_FLAGS,
                                                 "RWF_???"))
    op = cb["aio_lio_opcode"]
    name = ctx.enum_table(call.abi, AIO_CMDS).get(op)
    parts.append("aio_lio_opcode=" + (enum_text(ctx, call, op, AIO_CMDS) if name is not None
                                      or ctx.style.const_style == "raw"
                                      else "%d /* IOCB_CMD_??? */" % op))
    prio_flag = ctx.constants(call.abi).get("IOCB_FLAG_IOPRIO", 2)
    if cb["aio_flags"] & prio_flag:
        parts.append("aio_reqprio=" + ioprio(ctx, call, cb["aio_reqprio"] & 0xffff))
    elif cb["aio_reqprio"]:
        parts.append("aio_reqprio=%d" % cb["aio_reqprio"])
    parts.append("aio_fildes=" + fd(ctx, call, cb["aio_fildes"]))
    return parts, name


def _common_flags(ctx, call, cb, parts):
    if cb["aio_flags"]:
        parts.append("aio_flags=" + flag_text(ctx, call, cb["aio_flags"], IOCB_FLAGS,
                                              "IOCB_FLAG_???"))
    if cb["aio_flags"] & ctx.constants(call.abi).get("IOCB_FLAG_RESFD", 1):
        parts.append("aio_resfd=" + fd(ctx, call, cb["aio_resfd"]))
    elif cb["aio_resfd"]:
        parts.append("aio_resfd=%s" % printers.hexnum(cb["aio_resfd"]))


def _valid(call, cb):
    """iocb_is_valid: aio_buf and aio_nbytes fit the tracee's words, nbytes >= 0."""
    bits = lbits(call)
    return (cb["aio_buf"] >> bits == 0 and cb["aio_nbytes"] >> bits == 0
            and not cb["aio_nbytes"] >> (bits - 1))


def iovecs(ctx, call, addr, count, with_data):
    layout = IOVEC.on(call.abi)

    def one(raw):
        base, length = layout.unpack(raw, 0)
        return "{iov_base=%s, iov_len=%d}" % (
            in_string(ctx, call, base, length) if with_data else printers.ptr(base), length)
    return print_array(ctx, call, addr, count, layout.size, lambda raw: raw, one)


def iocb_text(ctx, call, cb):
    parts, name = iocb_header(ctx, call, cb)
    if name in SUB_COMMON:
        if name == "IOCB_CMD_PWRITE" and _valid(call, cb):
            parts.append("aio_buf=" + in_string(ctx, call, cb["aio_buf"], cb["aio_nbytes"]))
        else:
            parts.append("aio_buf=%s" % printers.hexnum(cb["aio_buf"]))
        parts.append("aio_nbytes=%d" % cb["aio_nbytes"])
        parts.append("aio_offset=%d" % cb["aio_offset"])
        _common_flags(ctx, call, cb, parts)
    elif name in SUB_VECTOR:
        if _valid(call, cb):
            parts.append("aio_buf=" + iovecs(ctx, call, cb["aio_buf"], cb["aio_nbytes"],
                                             name == "IOCB_CMD_PWRITEV"))
        else:
            parts.append("aio_buf=%s" % printers.hexnum(cb["aio_buf"]))
            parts.append("aio_nbytes=%d" % cb["aio_nbytes"])
        parts.append("aio_offset=%d" % cb["aio_offset"])
        _common_flags(ctx, call, cb, parts)
    elif name in SUB_POLL:
        parts.append("aio_buf=" + flag_text(ctx, call, cb["aio_buf"], POLL_FLAGS, "POLL???"))
        _common_flags(ctx, call, cb, parts)
    return "{" + ", ".join(parts) + "}"


def io_event_text(ev):
    return "{data=%s, obj=%s, res=%d, res2=%d}" % (
        printers.hexnum(ev["data"]), printers.hexnum(ev["obj"]), ev["res"], ev["res2"])


def timespec_text(ctx, call, addr):
    """A timeout read by the kernel at entry, printed whatever the result (tv_nsec unsigned,
    strace's print_timespec_t)."""
    if not addr:
        return "NULL"
    layout = timespec_of(call)
    v = read_values(ctx, call, addr, layout)
    if v is None:
        return printers.ptr(addr)
    return ts_layout_text(v, layout)


@register("io_setup")
class IoSetup(Decoder):
    def enter(self, ctx, call):
        return "%d, " % (call.args[0] & 0xffffffff)

    def exit(self, ctx, call):
        if failed(call):
            return printers.ptr(call.args[1])
        return indirect_ptr(ctx, call, call.args[1])


@register("io_destroy")
class IoDestroy(Decoder):
    def enter(self, ctx, call):
        return printers.ptr(call.args[0])


@register("io_submit")
class IoSubmit(Decoder):
    def enter(self, ctx, call):
        a = call.args
        nr = printers.to_signed(a[1], lbits(call))
        if nr < 0:
            iocbs = printers.ptr(a[2])
        else:
            iocbs = print_array(ctx, call, a[2], nr, lbits(call) // 8, unpacker(call, "L"),
                                lambda p: self._iocbp(ctx, call, p))
        return "%s, %d, %s" % (printers.ptr(a[0]), nr, iocbs)

    @staticmethod
    def _iocbp(ctx, call, addr):
        cb = read_struct(ctx, call, addr, _iocb_layout(call))
        return printers.ptr(addr) if cb is None else iocb_text(ctx, call, cb)


@register("io_cancel")
class IoCancel(Decoder):
    def enter(self, ctx, call):
        a = call.args
        cb = read_struct(ctx, call, a[1], _iocb_layout(call))
        text = printers.ptr(a[1]) if cb is None else "{%s}" % ", ".join(
            iocb_header(ctx, call, cb)[0])
        return "%s, %s, " % (printers.ptr(a[0]), text)

    def exit(self, ctx, call):
        a = call.args
        ev = None if failed(call) else read_struct(ctx, call, a[2], IO_EVENT.on(call.abi))
        return printers.ptr(a[2]) if ev is None else io_event_text(ev)


@register("io_getevents", "io_pgetevents", "io_pgetevents_time64")
class IoGetevents(Decoder):
    def enter(self, ctx, call):
        a = call.args
        bits = lbits(call)
        return "%s, %d, %d, " % (printers.ptr(a[0]), printers.to_signed(a[1], bits),
                                 printers.to_signed(a[2], bits))

    def exit(self, ctx, call):
        a = call.args
        layout = IO_EVENT.on(call.abi)
        events = print_array(ctx, call, a[3], call.ret or 0, layout.size, layout.dict,
                             io_event_text, fetch=not failed(call))
        text = "%s, %s" % (events, timespec_text(ctx, call, a[4]))
        if self.name != "io_getevents":
            text += ", " + self._sigset(ctx, call, a[5])
        return text

    @staticmethod
    def _sigset(ctx, call, addr):
        """struct __aio_sigset, read whatever the result (the kernel read it at entry)."""
        if not addr:
            return "NULL"
        s = read_struct(ctx, call, addr, AIO_SIGSET.on(call.abi))
        if s is None:
            return printers.ptr(addr)
        mask, size = s["sigmask"], s["sigsetsize"]
        text = printers.ptr(mask)
        if mask and lbits(call) // 8 <= size <= nsig_bytes(ctx, call):
            value = read_sigset(ctx, call, mask, size)
            if value is not None:
                text = sigset_text(ctx, call, value, size)
        return "{sigmask=%s, sigsetsize=%d}" % (text, size)
