"""Network block device ioctls (type 0xab, linux/nbd.h), as strace's nbd_ioctl: the socket
descriptor, sizes and timeout in decimal, NBD_SET_FLAGS' flags, the rest without argument."""
from minitrace import printers
from minitrace.decode.common import fd
from minitrace.decode.ioctl.base import TableFamily

NBD_FLAGS = ("NBD_FLAG_HAS_FLAGS", "NBD_FLAG_READ_ONLY", "NBD_FLAG_SEND_FLUSH",
             "NBD_FLAG_SEND_FUA", "NBD_FLAG_SEND_TRIM", "NBD_FLAG_SEND_WRITE_ZEROES",
             "NBD_FLAG_SEND_DF", "NBD_FLAG_CAN_MULTI_CONN", "NBD_FLAG_SEND_RESIZE",
             "NBD_FLAG_SEND_CACHE")
# Transmission flags of the NBD protocol (the nbd project's doc/proto.md) that linux/nbd.h of
# kernel 6.1 does not define: their bit numbers
PROTOCOL_FLAG_BITS = {"NBD_FLAG_SEND_WRITE_ZEROES": 6, "NBD_FLAG_SEND_DF": 7,
                      "NBD_FLAG_SEND_RESIZE": 9, "NBD_FLAG_SEND_CACHE": 10}


def _flags(ctx, call, arg):
    consts = ctx.constants(call.abi)
    pairs = []
    for name in NBD_FLAGS:
        value = consts.get(name)
        if value is None and name in PROTOCOL_FLAG_BITS:
            value = 1 << PROTOCOL_FLAG_BITS[name]
        if value is not None:
            pairs.append((name, value))
    return printers.flags(arg, pairs, ctx.style, "NBD_IOC_FLAG_???")


def _udec(ctx, call, arg):
    return "%d" % arg


NBD = TableFamily(
    (0xab,),
    inp=dict([("NBD_SET_SOCK", lambda ctx, call, arg: fd(ctx, call, arg & 0xffffffff)),
              ("NBD_SET_FLAGS", _flags)]
             + [(n, _udec) for n in ("NBD_SET_BLKSIZE", "NBD_SET_SIZE", "NBD_SET_SIZE_BLOCKS",
                                     "NBD_SET_TIMEOUT")]),
    no_arg=("NBD_DISCONNECT", "NBD_CLEAR_SOCK", "NBD_DO_IT", "NBD_CLEAR_QUE",
            "NBD_PRINT_DEBUG"))
