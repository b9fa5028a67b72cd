"""Addresses and address labels: ifaddrmsg, ifaddrlblmsg (strace's rtnl_addr.c,
rtnl_addrlabel.c)."""
from minitrace.decode.layout import Struct, named
from minitrace.decode.netlink.nlattr import (
    Attrs, Header, flags_decoder, nla_s32, nla_str, nla_u32, show_enum, show_flags,
    show_ifindex, struct_decoder)
from minitrace.decode.netlink.route.common import (
    FAMILIES, IFA_FLAGS, RT_SCOPES, family_addr)

# addresses
IFA_NAMES = ("IFA_UNSPEC", "IFA_ADDRESS", "IFA_LOCAL", "IFA_LABEL", "IFA_BROADCAST",
             "IFA_ANYCAST", "IFA_CACHEINFO", "IFA_MULTICAST", "IFA_FLAGS", "IFA_RT_PRIORITY",
             "IFA_TARGET_NETNSID", "IFA_PROTO")
IFA = Attrs(IFA_NAMES, "IFA_???", {
    "IFA_ADDRESS": family_addr, "IFA_LOCAL": family_addr, "IFA_LABEL": nla_str,
    "IFA_BROADCAST": family_addr, "IFA_ANYCAST": family_addr,
    "IFA_CACHEINFO": struct_decoder([("ifa_prefered", "I"), ("ifa_valid", "I"),
                                     ("cstamp", "I"), ("tstamp", "I")]),
    "IFA_MULTICAST": family_addr, "IFA_FLAGS": flags_decoder(IFA_FLAGS, "IFA_F_???", 4),
    "IFA_RT_PRIORITY": nla_u32, "IFA_TARGET_NETNSID": nla_s32})
# struct ifaddrmsg (linux/if_addr.h), checked by tests/test_layouts_cross.py
IFADDRMSG_LAYOUT = named("ifaddrmsg", Struct("ifaddrmsg", [
    ("ifa_family", "u8"), ("ifa_prefixlen", "u8"), ("ifa_flags", "u8"), ("ifa_scope", "u8"),
    ("ifa_index", "u32")]))
IFADDRMSG = Header([("ifa_family", "B", show_enum(FAMILIES, "AF_???")),
                    ("ifa_prefixlen", "B", None),
                    ("ifa_flags", "B", show_flags(IFA_FLAGS, "IFA_F_???")),
                    ("ifa_scope", "B", show_enum(RT_SCOPES)),
                    ("ifa_index", "i", show_ifindex)], IFA)

IFAL = Attrs(("IFAL_ADDRESS", "IFAL_LABEL"), "IFAL_???", {
    "IFAL_ADDRESS": family_addr, "IFAL_LABEL": nla_u32})
IFADDRLBLMSG = Header([("ifal_family", "B", show_enum(FAMILIES, "AF_???")),
                       (None, "x", None), ("ifal_prefixlen", "B", None),
                       ("ifal_flags", "B", None), ("ifal_index", "i", show_ifindex),
                       ("ifal_seq", "I", None)], IFAL)
