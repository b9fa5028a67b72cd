"""Nexthops: struct nhmsg and its NHA_* attributes (linux/nexthop.h; strace's rtnl_nh.c)."""
from minitrace.decode.netlink.nlattr import (
    Attrs, Header, array, enum_decoder, inet_addr, nested, nla_clock_t, nla_ifindex, nla_u16,
    nla_u32, nonzero_hex, show_enum, show_flags)
from minitrace.decode.netlink.route.common import (
    FAMILIES, RTNH_FLAGS, RTPROTS, RT_SCOPES, nla_lwt_encap_type)


def _group(v, addr, length, opaque=None):
    """An array of struct nexthop_grp, reserved fields shown when not zero."""
    n = length // 8
    if not n:
        return None

    def element(a):
        got = v.unpack(a, "IBBH")
        if got is None:
            return None
        text = "{id=%d, weight=%d" % (got[0], got[1])
        if got[2]:
            text += ", resvd1=%#x" % got[2]
        if got[3]:
            text += ", resvd2=%#x" % got[3]
        return text + "}"
    return array(v, addr, n, 8, element)


def _gateway(v, addr, length, opaque=None):
    """strace's decode_inet_addr in the message's nh_family: the hex string otherwise."""
    return inet_addr(v, addr, length, (opaque or {}).get("nh_family"))


NEXTHOP_GRP_TYPES = ("NEXTHOP_GRP_TYPE_MPATH", "NEXTHOP_GRP_TYPE_RES")
RES_GROUP = Attrs(("NHA_RES_GROUP_PAD", "NHA_RES_GROUP_BUCKETS", "NHA_RES_GROUP_IDLE_TIMER",
                   "NHA_RES_GROUP_UNBALANCED_TIMER", "NHA_RES_GROUP_UNBALANCED_TIME"),
                  "NHA_RES_GROUP_???", {
                      "NHA_RES_GROUP_BUCKETS": nla_u16, "NHA_RES_GROUP_IDLE_TIMER": nla_clock_t,
                      "NHA_RES_GROUP_UNBALANCED_TIMER": nla_clock_t,
                      "NHA_RES_GROUP_UNBALANCED_TIME": nla_clock_t})
RES_BUCKET = Attrs(("NHA_RES_BUCKET_PAD", "NHA_RES_BUCKET_INDEX", "NHA_RES_BUCKET_IDLE_TIME",
                    "NHA_RES_BUCKET_NH_ID"), "NHA_RES_BUCKET_???", {
                        "NHA_RES_BUCKET_INDEX": nla_u16, "NHA_RES_BUCKET_IDLE_TIME": nla_clock_t,
                        "NHA_RES_BUCKET_NH_ID": nla_u32})
NHA_NAMES = ("NHA_UNSPEC", "NHA_ID", "NHA_GROUP", "NHA_GROUP_TYPE", "NHA_BLACKHOLE", "NHA_OIF",
             "NHA_GATEWAY", "NHA_ENCAP_TYPE", "NHA_ENCAP", "NHA_GROUPS", "NHA_MASTER",
             "NHA_FDB", "NHA_RES_GROUP", "NHA_RES_BUCKET")
NHA = Attrs(NHA_NAMES, "NHA_???", {
    "NHA_ID": nla_u32, "NHA_GROUP": _group,
    "NHA_GROUP_TYPE": enum_decoder(NEXTHOP_GRP_TYPES, "NEXTHOP_GRP_TYPE_???", 2),
    "NHA_BLACKHOLE": nla_u32, "NHA_OIF": nla_ifindex, "NHA_GATEWAY": _gateway,
    "NHA_ENCAP_TYPE": nla_lwt_encap_type, "NHA_GROUPS": nla_u32, "NHA_MASTER": nla_ifindex,
    "NHA_FDB": nla_u32, "NHA_RES_GROUP": nested(RES_GROUP),
    "NHA_RES_BUCKET": nested(RES_BUCKET)})
NHMSG = Header([("nh_family", "B", show_enum(FAMILIES, "AF_???")),
                ("nh_scope", "B", show_enum(RT_SCOPES)),
                ("nh_protocol", "B", show_enum(RTPROTS, "RTPROT_???")),
                ("resvd", "B", nonzero_hex("resvd")),
                ("nh_flags", "I", show_flags(RTNH_FLAGS, "RTNH_F_???"))], NHA)
