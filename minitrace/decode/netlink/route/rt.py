"""Routes and rules: rtmsg and its RTA_* attributes, fib_rule_hdr (strace's rtnl_route.c,
rtnl_rule.c)."""
from minitrace import printers
from minitrace.decode.netlink.sock_diag.common import nla_ip_proto
from minitrace.decode.netlink.nlattr import (
    align4, hexstr, ifname, inet_addr, nlattrs, Attrs, Header, enum_decoder, nested,
    nla_ifindex, nla_str, nla_u8, nla_u16, nla_u32, nla_u64, nla_be64, show_enum, show_flags,
    struct_decoder)
from minitrace.decode.netlink.route.common import (
    FAMILIES, IPTOS, RTM_FLAGS, RTN_TYPES, RTPROTS, RT_SCOPES, RT_TABLES, family_addr, rt_table,
    RTNH_FLAGS, nla_lwt_encap_type)

# routes
RTA_NAMES = ("RTA_UNSPEC", "RTA_DST", "RTA_SRC", "RTA_IIF", "RTA_OIF", "RTA_GATEWAY",
             "RTA_PRIORITY", "RTA_PREFSRC", "RTA_METRICS", "RTA_MULTIPATH", "RTA_PROTOINFO",
             "RTA_FLOW", "RTA_CACHEINFO", "RTA_SESSION", "RTA_MP_ALGO", "RTA_TABLE", "RTA_MARK",
             "RTA_MFC_STATS", "RTA_VIA", "RTA_NEWDST", "RTA_PREF", "RTA_ENCAP_TYPE",
             "RTA_ENCAP", "RTA_EXPIRES", "RTA_PAD", "RTA_UID", "RTA_TTL_PROPAGATE",
             "RTA_IP_PROTO", "RTA_SPORT", "RTA_DPORT", "RTA_NH_ID")
RTAX_NAMES = ("RTAX_UNSPEC", "RTAX_LOCK", "RTAX_MTU", "RTAX_WINDOW", "RTAX_RTT", "RTAX_RTTVAR",
              "RTAX_SSTHRESH", "RTAX_CWND", "RTAX_ADVMSS", "RTAX_REORDERING", "RTAX_HOPLIMIT",
              "RTAX_INITCWND", "RTAX_FEATURES", "RTAX_RTO_MIN", "RTAX_INITRWND",
              "RTAX_QUICKACK", "RTAX_CC_ALGO", "RTAX_FASTOPEN_NO_COOKIE")
RTA_METRICS = Attrs(RTAX_NAMES, "RTAX_???", {"RTAX_CC_ALGO": nla_str}, )
for _n in RTAX_NAMES[1:]:
    RTA_METRICS.decoders.setdefault(_n, nla_u32)


def _via(v, addr, length, opaque=None):
    """struct rtvia: the family, then the address after it in that family."""
    if length < 2:
        return None
    got = v.unpack(addr, "H")
    if got is None:
        return printers.ptr(addr)
    text = "{rtvia_family=" + v.enum(got[0], FAMILIES, "AF_???")
    if length > 2:
        text += ", " + (inet_addr(v, addr + 2, length - 2, got[0], "rtvia_addr") or
                        "rtvia_addr=" + hexstr(v, addr + 2, length - 2))
    return text + "}"


def _multipath(v, addr, length, opaque=None):
    """RTA_MULTIPATH: struct rtnexthop headers, each followed by its RTA_* attributes
    (strace's decode_rta_multipath)."""
    if length < 8:
        return None
    parts = []
    is_array = False
    cur, left = addr, length
    while True:
        got = v.unpack(cur, "HBBI")
        if got is None:
            parts.append(printers.ptr(cur))
            break
        nh_len = min(left, got[0])
        if cur == addr and got[0] < length:
            is_array = True
        text = "{rtnh_len=%d, rtnh_flags=%s, rtnh_hops=%d, rtnh_ifindex=%s}" % (
            got[0], v.flags(got[1], RTNH_FLAGS, "RTNH_F_???"), got[2], ifname(got[3], v))
        if nh_len > 8:
            text = "[%s, %s]" % (text, nlattrs(v, cur + 8, nh_len - 8, RTA, opaque))
        parts.append(text)
        step = align4(nh_len)
        if step >= left or not step:
            break
        cur += step
        left -= step
    return "[%s]" % ", ".join(parts) if is_array else ", ".join(parts)


RTA = Attrs(RTA_NAMES, "RTA_???", {
    "RTA_DST": family_addr, "RTA_SRC": family_addr, "RTA_IIF": nla_ifindex,
    "RTA_OIF": nla_ifindex, "RTA_GATEWAY": family_addr, "RTA_PRIORITY": nla_u32,
    "RTA_PREFSRC": family_addr, "RTA_METRICS": nested(RTA_METRICS),
    "RTA_MULTIPATH": _multipath, "RTA_PROTOINFO": nla_u32, "RTA_FLOW": nla_u32,
    "RTA_CACHEINFO": struct_decoder([("rta_clntref", "I"), ("rta_lastuse", "I"),
                                     ("rta_expires", "I"), ("rta_error", "I"),
                                     ("rta_used", "I"), ("rta_id", "I"), ("rta_ts", "I"),
                                     ("rta_tsage", "I")], {"rta_id": printers.hexnum}),
    "RTA_MP_ALGO": nla_u32, "RTA_TABLE": rt_table, "RTA_MARK": nla_u32,
    "RTA_MFC_STATS": struct_decoder([("mfcs_packets", "Q"), ("mfcs_bytes", "Q"),
                                     ("mfcs_wrong_if", "Q")]),
    "RTA_VIA": _via, "RTA_NEWDST": family_addr, "RTA_PREF": nla_u8,
    "RTA_ENCAP_TYPE": nla_lwt_encap_type, "RTA_EXPIRES": nla_u64, "RTA_UID": nla_u32,
    "RTA_TTL_PROPAGATE": nla_u8, "RTA_IP_PROTO": nla_u8, "RTA_SPORT": nla_u16,
    "RTA_DPORT": nla_u16})
RTMSG = Header([("rtm_family", "B", show_enum(FAMILIES, "AF_???")),
                ("rtm_dst_len", "B", None), ("rtm_src_len", "B", None),
                ("rtm_tos", "B", show_flags(IPTOS, "IPTOS_TOS_???")),
                ("rtm_table", "B", show_enum(RT_TABLES)),
                ("rtm_protocol", "B", show_enum(RTPROTS, "RTPROT_???")),
                ("rtm_scope", "B", show_enum(RT_SCOPES)),
                ("rtm_type", "B", show_enum(RTN_TYPES, "RTN_???")),
                ("rtm_flags", "I", show_flags(RTM_FLAGS, "RTM_F_???"))], RTA)

# rules
FRA_NAMES = ("FRA_UNSPEC", "FRA_DST", "FRA_SRC", "FRA_IIFNAME", "FRA_GOTO", "FRA_UNUSED2",
             "FRA_PRIORITY", "FRA_UNUSED3", "FRA_UNUSED4", "FRA_UNUSED5", "FRA_FWMARK",
             "FRA_FLOW", "FRA_TUN_ID", "FRA_SUPPRESS_IFGROUP", "FRA_SUPPRESS_PREFIXLEN",
             "FRA_TABLE", "FRA_FWMASK", "FRA_OIFNAME", "FRA_PAD", "FRA_L3MDEV", "FRA_UID_RANGE",
             "FRA_PROTOCOL", "FRA_IP_PROTO", "FRA_SPORT_RANGE", "FRA_DPORT_RANGE")
FR_ACTS = ("FR_ACT_UNSPEC", "FR_ACT_TO_TBL", "FR_ACT_GOTO", "FR_ACT_NOP", "FR_ACT_RES3",
           "FR_ACT_RES4", "FR_ACT_BLACKHOLE", "FR_ACT_UNREACHABLE", "FR_ACT_PROHIBIT")
FIB_RULE_FLAGS = ("FIB_RULE_PERMANENT", "FIB_RULE_INVERT", "FIB_RULE_UNRESOLVED",
                  "FIB_RULE_IIF_DETACHED", "FIB_RULE_OIF_DETACHED", "FIB_RULE_FIND_SADDR")
FRA = Attrs(FRA_NAMES, "FRA_???", {
    "FRA_DST": family_addr, "FRA_SRC": family_addr, "FRA_IIFNAME": nla_str,
    "FRA_GOTO": nla_u32, "FRA_PRIORITY": nla_u32, "FRA_TUN_ID": nla_be64, "FRA_FWMARK": nla_u32, "FRA_FLOW": nla_u32,
    "FRA_SUPPRESS_IFGROUP": nla_u32, "FRA_SUPPRESS_PREFIXLEN": nla_u32,
    "FRA_TABLE": rt_table, "FRA_FWMASK": nla_u32, "FRA_OIFNAME": nla_str,
    "FRA_L3MDEV": nla_u8, "FRA_PROTOCOL": enum_decoder(RTPROTS, "RTPROT_???", 1),
    "FRA_IP_PROTO": nla_ip_proto,
    "FRA_UID_RANGE": struct_decoder([("start", "I"), ("end", "I")]),
    "FRA_SPORT_RANGE": struct_decoder([("start", "H"), ("end", "H")]),
    "FRA_DPORT_RANGE": struct_decoder([("start", "H"), ("end", "H")])})
FIB_RULE_HDR = Header([("family", "B", show_enum(FAMILIES, "AF_???")),
                       ("dst_len", "B", None), ("src_len", "B", None),
                       ("tos", "B", show_flags(IPTOS, "IPTOS_TOS_???")),
                       ("table", "B", show_enum(RT_TABLES)), (None, "2x", None),
                       ("action", "B", show_enum(FR_ACTS, "FR_ACT_???")),
                       ("flags", "I", show_flags(FIB_RULE_FLAGS, "FIB_RULE_???"))], FRA)

