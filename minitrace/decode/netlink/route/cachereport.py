"""Multicast routing cache reports: RTM_NEWCACHEREPORT's rtgenmsg (an RTNL_FAMILY_IPMR or
RTNL_FAMILY_IP6MR family) and the IPMRA_CREPORT_* / IP6MRA_CREPORT_* attributes of that
family (linux/mroute.h, mroute6.h; strace's rtnl_cachereport.c)."""
from minitrace import printers
from minitrace.decode.netlink.nlattr import (
    Attrs, align4, enum_decoder, nla_in6_addr, nla_in_addr, nla_u32, per_family)
from minitrace.decode.netlink.route.common import FAMILIES

# the rtnetlink families of multicast routing first, then the address families
RTGEN_FAMILIES = ("RTNL_FAMILY_IPMR", "RTNL_FAMILY_IP6MR") + FAMILIES
IPMRA = Attrs(("IPMRA_CREPORT_UNSPEC", "IPMRA_CREPORT_MSGTYPE", "IPMRA_CREPORT_VIF_ID",
               "IPMRA_CREPORT_SRC_ADDR", "IPMRA_CREPORT_DST_ADDR", "IPMRA_CREPORT_PKT",
               "IPMRA_CREPORT_TABLE"), "IPMRA_CREPORT_???", {
    "IPMRA_CREPORT_MSGTYPE": enum_decoder(("IGMPMSG_NOCACHE", "IGMPMSG_WRONGVIF",
                                           "IGMPMSG_WHOLEPKT", "IGMPMSG_WRVIFWHOLE"),
                                          "IGMPMSG_???", 1),
    "IPMRA_CREPORT_VIF_ID": nla_u32, "IPMRA_CREPORT_SRC_ADDR": nla_in_addr,
    "IPMRA_CREPORT_DST_ADDR": nla_in_addr, "IPMRA_CREPORT_TABLE": nla_u32})
# strace 6.1's rtnl_ip6mra_msg_types (MRT6MSG_WRMIFWHOLE came later)
IP6MRA = Attrs(("IP6MRA_CREPORT_UNSPEC", "IP6MRA_CREPORT_MSGTYPE", "IP6MRA_CREPORT_MIF_ID",
                "IP6MRA_CREPORT_SRC_ADDR", "IP6MRA_CREPORT_DST_ADDR", "IP6MRA_CREPORT_PKT"),
               "IP6MRA_CREPORT_???", {
    "IP6MRA_CREPORT_MSGTYPE": enum_decoder(("MRT6MSG_NOCACHE", "MRT6MSG_WRONGMIF",
                                            "MRT6MSG_WHOLEPKT"), "MRT6MSG_???", 1),
    "IP6MRA_CREPORT_MIF_ID": nla_u32, "IP6MRA_CREPORT_SRC_ADDR": nla_in6_addr,
    "IP6MRA_CREPORT_DST_ADDR": nla_in6_addr})
_by_family = per_family((("RTNL_FAMILY_IPMR", IPMRA), ("RTNL_FAMILY_IP6MR", IP6MRA)),
                        lambda family: family)


def cachereport(v, addr, length):
    """`{rtgen_family=RTNL_FAMILY_IPMR}, [attributes]` (the family byte alone, then the
    attributes after the aligned header)."""
    got = v.unpack(addr, "B")
    if got is None:
        return printers.ptr(addr)
    text = "{rtgen_family=%s}" % v.enum(got[0], RTGEN_FAMILIES, "RTNL_FAMILY_???")
    offset = align4(1)
    if length > offset:
        text += ", " + _by_family(v, addr + offset, length - offset, got[0])
    return text
