"""Namespace descriptor ioctls (type 0xb7, linux/nsfs.h), as strace's nsfs_ioctl: no argument
but NS_GET_OWNER_UID's uid at exit; the descriptor NS_GET_USERNS and NS_GET_PARENT return (its
path with -y) and the CLONE_NEW* name of NS_GET_NSTYPE's value."""
from minitrace import printers
from minitrace.decode.common import fd, read_ints
from minitrace.decode.ioctl.base import TableFamily

# the namespace types setns(2) takes, as strace's setns_types
NS_TYPES = ("CLONE_NEWCGROUP", "CLONE_NEWIPC", "CLONE_NEWNET", "CLONE_NEWNS", "CLONE_NEWPID",
            "CLONE_NEWTIME", "CLONE_NEWUSER", "CLONE_NEWUTS")


def _uid(ctx, call, arg):
    v = read_ints(ctx, call, arg, 1, "I") if arg else None
    if v is None:
        return printers.ptr(arg)
    return "[%d]" % (-1 if v[0] == 0xffffffff else v[0])


def _returned_fd(ctx, call):
    return fd(ctx, call, call.ret) if 0 <= call.ret <= 0x7fffffff else None


def _ns_type(ctx, call):
    name = ctx.enum_table(call.abi, NS_TYPES).get(call.ret)
    return None if name is None else "%d (%s)" % (call.ret, name)


NSFS = TableFamily(
    (0xb7,),
    out={"NS_GET_OWNER_UID": _uid},
    no_arg=("NS_GET_USERNS", "NS_GET_PARENT", "NS_GET_NSTYPE"),
    results={"NS_GET_USERNS": _returned_fd, "NS_GET_PARENT": _returned_fd,
             "NS_GET_NSTYPE": _ns_type})
