"""File system ioctls of types 0x94 and 'X' (linux/fs.h): FICLONE, FICLONERANGE,
FS_IOC_GETFSLABEL/SETFSLABEL, FITRIM, FIFREEZE/FITHAW, as strace's fs_0x94_ioctl/fs_x_ioctl."""
from minitrace import printers
from minitrace.decode.common import fd, read_struct
from minitrace.decode.ioctl.base import TableFamily
from minitrace.decode.layout import Struct, named

FILE_CLONE_RANGE = named("file_clone_range", Struct("file_clone_range", [
    ("src_fd", "s64"), ("src_offset", "u64"), ("src_length", "u64"), ("dest_offset", "u64")]))
FSTRIM_RANGE = named("fstrim_range", Struct("fstrim_range", [
    ("start", "u64"), ("len", "u64"), ("minlen", "u64")]))
FSLABEL_MAX = 256


def _clone_range(ctx, call, arg):
    v = read_struct(ctx, call, arg, FILE_CLONE_RANGE.on(call.abi))
    if v is None:
        return printers.ptr(arg)
    return "{src_fd=%s, src_offset=%d, src_length=%d, dest_offset=%d}" % (
        fd(ctx, call, v["src_fd"] & 0xffffffff), v["src_offset"], v["src_length"],
        v["dest_offset"])


def _fstrim(ctx, call, arg):
    v = read_struct(ctx, call, arg, FSTRIM_RANGE.on(call.abi))
    if v is None:
        return printers.ptr(arg)
    return "{start=%#x, len=%d, minlen=%d}" % (v["start"], v["len"], v["minlen"])


def _fslabel(ctx, call, arg):
    if not arg:
        return "NULL"
    data = ctx.read(call, arg, FSLABEL_MAX)
    if data is None:
        return printers.ptr(arg)
    data = bytes(data)
    end = data.find(b"\0")
    return printers.quote_cstring(data[:end] if end >= 0 else data, ctx.style,
                                  terminated=end >= 0)


FS_0X94 = TableFamily(
    (0x94,),
    inp={"FICLONE": lambda ctx, call, arg: "%d" % printers.to_signed(arg & 0xffffffff, 32),
         "FICLONERANGE": _clone_range, "FS_IOC_SETFSLABEL": _fslabel},
    out={"FS_IOC_GETFSLABEL": _fslabel})

FS_X = TableFamily((0x58,), inp={"FITRIM": _fstrim}, no_arg=("FIFREEZE", "FITHAW"))
