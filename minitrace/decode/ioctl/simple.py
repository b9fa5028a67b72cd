"""Small ioctl families whose arguments are an int, a plain number or nothing: watchdog ('W'),
random ('R', and RNDADDENTROPY's struct rand_pool_info), inotify ('I')."""
from minitrace import printers
from minitrace.decode.common import read_ints
from minitrace.decode.file import in_string
from minitrace.decode.ioctl.base import TableFamily
from minitrace.decode.ioctl.terminal import int_text


def _dec32(ctx, call, arg):
    return "%d" % printers.to_signed(arg & 0xffffffff, 32)


WATCHDOG = TableFamily(
    (0x57,),
    inp={"WDIOC_SETTIMEOUT": int_text, "WDIOC_SETPRETIMEOUT": int_text},
    out=dict((n, int_text) for n in ("WDIOC_GETSTATUS", "WDIOC_GETBOOTSTATUS", "WDIOC_GETTEMP",
                                     "WDIOC_GETTIMEOUT", "WDIOC_GETPRETIMEOUT",
                                     "WDIOC_GETTIMELEFT")),
    no_arg=("WDIOC_KEEPALIVE",))

INOTIFY = TableFamily((0x49,), inp={"INOTIFY_IOC_SETNEXTWD": _dec32})


def _rand_pool_info(ctx, call, arg):
    """struct rand_pool_info (linux/random.h): two ints, then buf_size bytes of data."""
    v = read_ints(ctx, call, arg, 2) if arg else None
    if v is None:
        return printers.ptr(arg)
    count, size = v
    return "{entropy_count=%d, buf_size=%d, buf=%s}" % (count, size,
                                                         in_string(ctx, call, arg + 8, max(size, 0)))


RANDOM = TableFamily(
    (0x52,),
    inp={"RNDADDTOENTCNT": int_text, "RNDADDENTROPY": _rand_pool_info},
    out={"RNDGETENTCNT": int_text},
    no_arg=("RNDZAPENTCNT", "RNDCLEARPOOL", "RNDRESEEDCRNG"))
