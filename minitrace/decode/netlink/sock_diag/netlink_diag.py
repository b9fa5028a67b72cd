"""AF_NETLINK sockets of NETLINK_SOCK_DIAG (linux/netlink_diag.h): netlink_diag_req (no
attributes) and netlink_diag_msg with its attributes."""
from minitrace import printers
from minitrace.decode.common import lbits
from minitrace.decode.netlink.nlattr import (Attrs, Header, array, show_enum, show_flags,
                                             struct_decoder)
from minitrace.decode.sockaddr.fields import NETLINK_PROTOS
from minitrace.decode.netlink.sock_diag.common import (FAMILIES, SOCK_TYPES, nla_meminfo,
                                                       show_cookie)

# a netlink socket's state: unconnected, connected, or TCP_CLOSE (the initial state that
# net/core/sock.c's sock_init_data sets)
NETLINK_STATES = ("NETLINK_UNCONNECTED", "NETLINK_CONNECTED", "TCP_CLOSE")
NDIAG_SHOW = ("NDIAG_SHOW_MEMINFO", "NDIAG_SHOW_GROUPS", "NDIAG_SHOW_RING_CFG",
              "NDIAG_SHOW_FLAGS")
NDIAG_FLAGS = ("NDIAG_FLAG_CB_RUNNING", "NDIAG_FLAG_PKTINFO", "NDIAG_FLAG_BROADCAST_ERROR",
               "NDIAG_FLAG_NO_ENOBUFS", "NDIAG_FLAG_LISTEN_ALL_NSID", "NDIAG_FLAG_CAP_ACK")
NETLINK_DIAG_NAMES = ("NETLINK_DIAG_MEMINFO", "NETLINK_DIAG_GROUPS", "NETLINK_DIAG_RX_RING",
                      "NETLINK_DIAG_TX_RING", "NETLINK_DIAG_FLAGS")


def _protocol(v, value):
    if value == v.const("NDIAG_PROTO_ALL"):
        return "NDIAG_PROTO_ALL"
    return v.enum(value, NETLINK_PROTOS, "NETLINK_???")


REQ = Header([("sdiag_family", "B", show_enum(FAMILIES, "AF_???")),
              ("sdiag_protocol", "B", _protocol), (None, "2x", None),
              ("ndiag_ino", "I", None),
              ("ndiag_show", "I", show_flags(NDIAG_SHOW, "NDIAG_SHOW_???")),
              ("ndiag_cookie", "8s", show_cookie)])


def _groups(v, addr, length, opaque=None):
    """The group bitmap: an array of the tracee's unsigned longs."""
    size = lbits(v.call) // 8
    n = length // size
    if not n:
        return None
    fmt = "Q" if size == 8 else "I"

    def one(a):
        got = v.unpack(a, fmt)
        return None if got is None else printers.hexnum(got[0])
    return array(v, addr, n, size, one)


_RING = struct_decoder([("ndr_block_size", "I"), ("ndr_block_nr", "I"),
                        ("ndr_frame_size", "I"), ("ndr_frame_nr", "I")])


def _flags(v, addr, length, opaque=None):
    if length < 4:
        return None
    got = v.unpack(addr, "I")
    return printers.ptr(addr) if got is None else v.flags(got[0], NDIAG_FLAGS, "NDIAG_FLAG_???")


NETLINK_DIAG = Attrs(NETLINK_DIAG_NAMES, "NETLINK_DIAG_???", {
    "NETLINK_DIAG_MEMINFO": nla_meminfo, "NETLINK_DIAG_GROUPS": _groups,
    "NETLINK_DIAG_RX_RING": _RING, "NETLINK_DIAG_TX_RING": _RING, "NETLINK_DIAG_FLAGS": _flags})

MSG = Header([("ndiag_family", "B", show_enum(FAMILIES, "AF_???")),
              ("ndiag_type", "B", show_enum(SOCK_TYPES, "SOCK_???")),
              ("ndiag_protocol", "B", show_enum(NETLINK_PROTOS, "NETLINK_???")),
              ("ndiag_state", "B", show_enum(NETLINK_STATES, "NETLINK_???")),
              ("ndiag_portid", "I", None), ("ndiag_dst_portid", "I", None),
              ("ndiag_dst_group", "I", None), ("ndiag_ino", "I", None),
              ("ndiag_cookie", "8s", show_cookie)], NETLINK_DIAG)
