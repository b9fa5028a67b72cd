"""NETLINK_SOCK_DIAG: requests and replies of inet, unix, netlink, packet and smc sockets.

Only the family is decoded so far (strace's decode_family): the per-family request and reply
structures are still to come."""
from minitrace.decode.netlink import message
from minitrace.decode.netlink.route import family_only

SOCK_DIAG_TYPES = ("SOCK_DIAG_BY_FAMILY", "SOCK_DESTROY")


def payload(v, hdr, addr, length):
    if hdr[1] == v.const("NLMSG_DONE"):
        return None
    return family_only(v, addr, length)


message.register(message.Protocol("NETLINK_SOCK_DIAG", SOCK_DIAG_TYPES, "SOCK_DIAG_???",
                                  kind=lambda v, mtype: "get", payload=payload))
