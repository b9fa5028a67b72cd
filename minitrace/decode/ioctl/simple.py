"""Small ioctl families whose arguments are an int, a plain number or nothing: watchdog ('W'),
random ('R', but RNDADDENTROPY's struct), inotify ('I'), the 0x94 and 'X' file system commands
(FICLONE, FIFREEZE...: fs.py has the structs)."""
from minitrace import printers
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
