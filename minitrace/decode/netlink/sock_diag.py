"""NETLINK_SOCK_DIAG: requests and replies of inet, unix, netlink, packet and smc sockets."""
from minitrace.decode.netlink import message

SOCK_DIAG_TYPES = ("SOCK_DIAG_BY_FAMILY", "SOCK_DESTROY")

message.register(message.Protocol("NETLINK_SOCK_DIAG", SOCK_DIAG_TYPES, "SOCK_DIAG_???",
                                  kind=lambda v, mtype: "get"))
