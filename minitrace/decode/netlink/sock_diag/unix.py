"""AF_UNIX sockets of NETLINK_SOCK_DIAG (linux/unix_diag.h): unix_diag_req (no attributes)
and unix_diag_msg with its attributes."""
from minitrace.decode.file import makedev
from minitrace.decode.netlink.nlattr import (Attrs, Header, array_of, nla_str, nla_u8, nla_u32,
                                             show_enum, show_flags, struct_decoder)
from minitrace.decode.netlink.sock_diag.common import (
    FAMILIES, SOCK_TYPES, TCP_STATES, nla_meminfo, nla_uid, show_cookie, show_shifted)

UNIX_DIAG_NAMES = ("UNIX_DIAG_NAME", "UNIX_DIAG_VFS", "UNIX_DIAG_PEER", "UNIX_DIAG_ICONS",
                   "UNIX_DIAG_RQLEN", "UNIX_DIAG_MEMINFO", "UNIX_DIAG_SHUTDOWN",
                   "UNIX_DIAG_UID")
UDIAG_SHOW = ("UDIAG_SHOW_NAME", "UDIAG_SHOW_VFS", "UDIAG_SHOW_PEER", "UDIAG_SHOW_ICONS",
              "UDIAG_SHOW_RQLEN", "UDIAG_SHOW_MEMINFO", "UDIAG_SHOW_UID")

REQ = Header([("sdiag_family", "B", show_enum(FAMILIES, "AF_???")),
              ("sdiag_protocol", "B", None), (None, "2x", None),
              ("udiag_states", "I", show_shifted(TCP_STATES, 0, "1<<TCP_???")),
              ("udiag_ino", "I", None),
              ("udiag_show", "I", show_flags(UDIAG_SHOW, "UDIAG_SHOW_???")),
              ("udiag_cookie", "8s", show_cookie)])


def _vfs(v, addr, length, opaque=None):
    """struct unix_diag_vfs: the inode first in memory, the device printed first."""
    if length < 8:
        return None
    got = v.unpack(addr, "II")
    if got is None:
        from minitrace import printers
        return printers.ptr(addr)
    return "{udiag_vfs_dev=%s, udiag_vfs_ino=%d}" % (makedev(got[1], v.style), got[0])


UNIX_DIAG = Attrs(UNIX_DIAG_NAMES, "UNIX_DIAG_???", {
    "UNIX_DIAG_NAME": nla_str, "UNIX_DIAG_VFS": _vfs, "UNIX_DIAG_PEER": nla_u32,
    "UNIX_DIAG_ICONS": array_of("I"),
    "UNIX_DIAG_RQLEN": struct_decoder([("udiag_rqueue", "I"), ("udiag_wqueue", "I")]),
    "UNIX_DIAG_MEMINFO": nla_meminfo, "UNIX_DIAG_SHUTDOWN": nla_u8, "UNIX_DIAG_UID": nla_uid})

MSG = Header([("udiag_family", "B", show_enum(FAMILIES, "AF_???")),
              ("udiag_type", "B", show_enum(SOCK_TYPES, "SOCK_???")),
              ("udiag_state", "B", show_enum(TCP_STATES, "TCP_???")), (None, "x", None),
              ("udiag_ino", "I", None), ("udiag_cookie", "8s", show_cookie)], UNIX_DIAG)
