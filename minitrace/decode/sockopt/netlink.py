"""SOL_NETLINK options (linux/netlink.h; strace 6.1's sock_netlink_options list): every value
an int, NETLINK_LIST_MEMBERSHIPS an array of group bit words."""
import struct

from minitrace import printers
from minitrace.decode.common import endian
from minitrace.decode.sockopt.common import array, num_int
from minitrace.decode.sockopt.level import Level

NAMES = ("NETLINK_ADD_MEMBERSHIP", "NETLINK_DROP_MEMBERSHIP", "NETLINK_PKTINFO",
         "NETLINK_BROADCAST_ERROR", "NETLINK_NO_ENOBUFS", "NETLINK_RX_RING", "NETLINK_TX_RING",
         "NETLINK_LISTEN_ALL_NSID", "NETLINK_LIST_MEMBERSHIPS", "NETLINK_CAP_ACK",
         "NETLINK_EXT_ACK", "NETLINK_GET_STRICT_CHK")


def get_memberships(ctx, call, addr, ulen, rlen):
    """`[0x1, 0x40]`... as unsigned ints, MIN(ulen, rlen) bytes of them."""
    code = endian(call) + "I"
    return array(ctx, call, addr, min(ulen, rlen) // 4, 4,
                 lambda data: str(struct.unpack(code, data)[0]),
                 None if ctx.style.verbose else ctx.style.string_limit)


def get_int(ctx, call, addr, ulen, rlen):
    return num_int(ctx, call, addr)


def set_int(ctx, call, addr, length):
    return printers.ptr(addr) if length < 4 else num_int(ctx, call, addr)


SOL_NETLINK = Level(NAMES, "NETLINK_???", getters={"NETLINK_LIST_MEMBERSHIPS": get_memberships},
                    get_default=get_int, set_default=set_int)
