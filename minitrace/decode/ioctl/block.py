"""Block device ioctls (type 0x12, linux/fs.h and linux/blkpg.h), as strace's block_ioctl:
numbers read back at exit (short, int, unsigned, long, u64), numbers and ranges given at
entry, struct blkpg_ioctl_arg with its partition, struct blk_user_trace_setup (entry, and its
name at exit)."""
import struct

from minitrace import printers
from minitrace.decode.common import endian, enum_text, failed, pid_arg, read_longs, read_struct
from minitrace.decode.ioctl.base import TableFamily
from minitrace.decode.layout import Struct, named

BLKPG_OPS = ("BLKPG_ADD_PARTITION", "BLKPG_DEL_PARTITION", "BLKPG_RESIZE_PARTITION")
NAME_LEN = 64                     # BLKPG_DEVNAMELTH, BLKPG_VOLNAMELTH
TRACE_NAME_LEN = 32               # BLKTRACE_BDEV_SIZE

BLKPG_IOCTL_ARG = named("blkpg_ioctl_arg", Struct("blkpg_ioctl_arg", [
    ("op", "s32"), ("flags", "s32"), ("datalen", "s32"), ("data", "ptr")]))
BLKPG_PARTITION = named("blkpg_partition", Struct("blkpg_partition", [
    ("start", "s64"), ("length", "s64"), ("pno", "s32"), ("devname", ("u8", NAME_LEN)),
    ("volname", ("u8", NAME_LEN))]))
BLK_USER_TRACE_SETUP = named("blk_user_trace_setup", Struct("blk_user_trace_setup", [
    ("name", ("u8", TRACE_NAME_LEN)), ("act_mask", "u16"), ("buf_size", "u32"),
    ("buf_nr", "u32"), ("start_lba", "u64"), ("end_lba", "u64"), ("pid", "u32")]))


def _number(code, signed=False):
    """printnum_short/int/int64 of a struct code (h H i I q Q): `[5]`, NULL, or the address."""
    size = {"h": 2, "i": 4, "q": 8}[code.lower()]

    def show(ctx, call, arg):
        data = ctx.read(call, arg, size) if arg else None
        if data is None or len(data) < size:
            return printers.ptr(arg)
        return "[%d]" % struct.unpack(endian(call) + code, bytes(data[:size]))[0]
    return show


def _long(signed):
    def show(ctx, call, arg):
        v = read_longs(ctx, call, arg, 1, signed) if arg else None
        return printers.ptr(arg) if v is None else "[%d]" % v[0]
    return show


def _u64_pair(ctx, call, arg):
    """printpair_int64: `[start, length]`."""
    data = ctx.read(call, arg, 16) if arg else None
    if data is None or len(data) < 16:
        return printers.ptr(arg)
    return "[%d, %d]" % struct.unpack(endian(call) + "QQ", bytes(data[:16]))


def _cstring(raw):
    """A fixed-size char array as strace's PRINT_FIELD_CSTRING (whatever -s): without a NUL,
    all but its last byte and `...`."""
    data = bytes(bytearray(raw))
    end = data.find(b"\0")
    if end >= 0:
        return printers.quote_cstring(data[:end], limit=len(data))
    return printers.quote_cstring(data[:-1], limit=len(data), terminated=False)


def _blkpg(ctx, call, arg):
    v = read_struct(ctx, call, arg, BLKPG_IOCTL_ARG.on(call.abi))
    if v is None:
        return printers.ptr(arg)
    p = read_struct(ctx, call, v["data"], BLKPG_PARTITION.on(call.abi))
    if p is None:
        data = printers.ptr(v["data"])
    else:
        data = "{start=%d, length=%d, pno=%d, devname=%s, volname=%s}" % (
            p["start"], p["length"], p["pno"], _cstring(p["devname"]), _cstring(p["volname"]))
    return "{op=%s, flags=%d, datalen=%d, data=%s}" % (
        enum_text(ctx, call, v["op"] & 0xffffffff, BLKPG_OPS, "BLKPG_???"), v["flags"],
        v["datalen"], data)


def _trace_setup_enter(ctx, call, arg):
    v = read_struct(ctx, call, arg, BLK_USER_TRACE_SETUP.on(call.abi))
    if v is None:
        return printers.ptr(arg), False
    return ("{act_mask=%d, buf_size=%d, buf_nr=%d, start_lba=%d, end_lba=%d, pid=%s" % (
        v["act_mask"], v["buf_size"], v["buf_nr"], v["start_lba"], v["end_lba"],
        pid_arg(ctx, call, v["pid"], "tgid")),
        True)


def _trace_setup_exit(ctx, call, arg):
    v = None if failed(call) else read_struct(ctx, call, arg, BLK_USER_TRACE_SETUP.on(call.abi))
    return "}" if v is None else ", name=%s}" % _cstring(v["name"])


_SHORT, _INT, _UINT, _U64 = _number("H"), _number("i"), _number("I"), _number("Q")
BLOCK = TableFamily(
    (0x12,),
    inp=dict([("BLKRASET", lambda ctx, call, arg: "%d" % arg),
              ("BLKFRASET", lambda ctx, call, arg: "%d" % arg),
              ("BLKROSET", _INT), ("BLKBSZSET", _INT), ("BLKPG", _blkpg)]
             + [(n, _u64_pair) for n in ("BLKDISCARD", "BLKSECDISCARD", "BLKZEROOUT")]),
    out=dict([(n, _SHORT) for n in ("BLKSECTGET", "BLKROTATIONAL")]
             + [(n, _INT) for n in ("BLKROGET", "BLKBSZGET", "BLKSSZGET", "BLKALIGNOFF")]
             + [(n, _UINT) for n in ("BLKPBSZGET", "BLKIOMIN", "BLKIOOPT", "BLKDISCARDZEROES",
                                     "BLKGETZONESZ", "BLKGETNRZONES")]
             + [(n, _long(True)) for n in ("BLKRAGET", "BLKFRAGET")]
             + [("BLKGETSIZE", _long(False))]
             + [(n, _U64) for n in ("BLKGETSIZE64", "BLKGETDISKSEQ")]),
    no_arg=("BLKRRPART", "BLKFLSBUF", "BLKTRACESTART", "BLKTRACESTOP", "BLKTRACETEARDOWN"),
    both={"BLKTRACESETUP": (_trace_setup_enter, _trace_setup_exit)})
