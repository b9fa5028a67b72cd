"""Neighbours and neighbour tables: ndmsg, ndtmsg (strace's rtnl_neigh.c,
rtnl_neightbl.c)."""
from minitrace.decode.netlink.nlattr import (
    Attrs, Header, enum_decoder, nla_ifindex, nla_str, nla_u16, nla_u32, nla_u64, nla_be16,
    show_enum, show_flags, show_ifindex, struct_decoder)
from minitrace.decode.netlink.route.common import (
    FAMILIES, NTF_FLAGS, NUD_STATES, RTN_TYPES, RTPROTS, family_addr, hwaddr)

# neighbours
NDA_NAMES = ("NDA_UNSPEC", "NDA_DST", "NDA_LLADDR", "NDA_CACHEINFO", "NDA_PROBES", "NDA_VLAN",
             "NDA_PORT", "NDA_VNI", "NDA_IFINDEX", "NDA_MASTER", "NDA_LINK_NETNSID",
             "NDA_SRC_VNI", "NDA_PROTOCOL", "NDA_NH_ID", "NDA_FDB_EXT_ATTRS", "NDA_FLAGS_EXT")
NDA = Attrs(NDA_NAMES, "NDA_???", {
    "NDA_DST": family_addr, "NDA_LLADDR": hwaddr,
    "NDA_CACHEINFO": struct_decoder([("ndm_confirmed", "I"), ("ndm_used", "I"),
                                     ("ndm_updated", "I"), ("ndm_refcnt", "I")]),
    "NDA_PROBES": nla_u32, "NDA_VLAN": nla_u16, "NDA_VNI": nla_u32,
    "NDA_PORT": nla_be16, "NDA_IFINDEX": nla_ifindex, "NDA_MASTER": nla_ifindex, "NDA_LINK_NETNSID": nla_u32,
    "NDA_SRC_VNI": nla_u32, "NDA_PROTOCOL": enum_decoder(RTPROTS, "RTPROT_???", 1),
    "NDA_NH_ID": nla_u32})
NDMSG = Header([("ndm_family", "B", show_enum(FAMILIES, "AF_???")), (None, "3x", None),
                ("ndm_ifindex", "i", show_ifindex),
                ("ndm_state", "H", show_flags(NUD_STATES, "NUD_???")),
                ("ndm_flags", "B", show_flags(NTF_FLAGS, "NTF_???")),
                ("ndm_type", "B", show_enum(RTN_TYPES, "RTN_???"))], NDA)

NDTMSG = Header([("ndtm_family", "B", show_enum(FAMILIES, "AF_???")), (None, "3x", None)],
                Attrs(("NDTA_UNSPEC", "NDTA_NAME", "NDTA_THRESH1", "NDTA_THRESH2",
                       "NDTA_THRESH3", "NDTA_CONFIG", "NDTA_PARMS", "NDTA_STATS",
                       "NDTA_GC_INTERVAL", "NDTA_PAD"), "NDTA_???", {
                           "NDTA_NAME": nla_str, "NDTA_THRESH1": nla_u32,
                           "NDTA_THRESH2": nla_u32, "NDTA_THRESH3": nla_u32,
                           "NDTA_GC_INTERVAL": nla_u64}))
