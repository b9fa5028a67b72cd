"""NETLINK_ROUTE (rtnetlink): links, addresses, routes, neighbours, rules, traffic control,
neighbour tables, address labels, DCB, netconf, MDB, nsid, stats, nexthops; each message type's
family header and its attribute table (strace's netlink_route.c and rtnl_*.c)."""
from minitrace import printers
from minitrace.decode.layout import Struct, named
from minitrace.decode.netlink import message
from minitrace.decode.netlink.sock_diag.common import nla_ip_proto
from minitrace.decode.netlink.nlattr import (
    Attrs, Header, array_of, enum_decoder, flags_decoder, header_text, hexstr, inet_addr,
    nested, nla_fd, nla_ifindex, nla_s32, nla_str, nla_u8, nla_u16, nla_u32, nla_u64,
    nla_be16, nla_be64, show_enum, show_flags, show_hex, show_ifindex, show_shifted, string,
    struct_decoder, struct_size)

RTM_TYPES = ("RTM_NEWLINK", "RTM_DELLINK", "RTM_GETLINK", "RTM_SETLINK", "RTM_NEWADDR",
             "RTM_DELADDR", "RTM_GETADDR", "RTM_NEWROUTE", "RTM_DELROUTE", "RTM_GETROUTE",
             "RTM_NEWNEIGH", "RTM_DELNEIGH", "RTM_GETNEIGH", "RTM_NEWRULE", "RTM_DELRULE",
             "RTM_GETRULE", "RTM_NEWQDISC", "RTM_DELQDISC", "RTM_GETQDISC", "RTM_NEWTCLASS",
             "RTM_DELTCLASS", "RTM_GETTCLASS", "RTM_NEWTFILTER", "RTM_DELTFILTER",
             "RTM_GETTFILTER", "RTM_NEWACTION", "RTM_DELACTION", "RTM_GETACTION",
             "RTM_NEWPREFIX", "RTM_GETMULTICAST", "RTM_GETANYCAST", "RTM_NEWNEIGHTBL",
             "RTM_GETNEIGHTBL", "RTM_SETNEIGHTBL", "RTM_NEWNDUSEROPT", "RTM_NEWADDRLABEL",
             "RTM_DELADDRLABEL", "RTM_GETADDRLABEL", "RTM_GETDCB", "RTM_SETDCB",
             "RTM_NEWNETCONF", "RTM_DELNETCONF", "RTM_GETNETCONF", "RTM_NEWMDB", "RTM_DELMDB",
             "RTM_GETMDB", "RTM_NEWNSID", "RTM_DELNSID", "RTM_GETNSID", "RTM_NEWSTATS",
             "RTM_GETSTATS", "RTM_NEWCACHEREPORT", "RTM_NEWCHAIN", "RTM_DELCHAIN",
             "RTM_GETCHAIN", "RTM_NEWNEXTHOP", "RTM_DELNEXTHOP", "RTM_GETNEXTHOP",
             "RTM_NEWLINKPROP", "RTM_DELLINKPROP", "RTM_GETLINKPROP", "RTM_NEWVLAN",
             "RTM_DELVLAN", "RTM_GETVLAN", "RTM_NEWNEXTHOPBUCKET", "RTM_DELNEXTHOPBUCKET",
             "RTM_GETNEXTHOPBUCKET", "RTM_NEWTUNNEL", "RTM_DELTUNNEL", "RTM_GETTUNNEL")

FAMILIES = ("AF_UNSPEC", "AF_UNIX", "AF_INET", "AF_AX25", "AF_IPX", "AF_APPLETALK",
            "AF_NETROM", "AF_BRIDGE", "AF_ATMPVC", "AF_X25", "AF_INET6", "AF_ROSE", "AF_DECnet",
            "AF_NETBEUI", "AF_SECURITY", "AF_KEY", "AF_NETLINK", "AF_PACKET", "AF_ASH",
            "AF_ECONET", "AF_ATMSVC", "AF_RDS", "AF_SNA", "AF_IRDA", "AF_PPPOX", "AF_WANPIPE",
            "AF_LLC", "AF_IB", "AF_MPLS", "AF_CAN", "AF_TIPC", "AF_BLUETOOTH", "AF_IUCV",
            "AF_RXRPC", "AF_ISDN", "AF_PHONET", "AF_IEEE802154", "AF_CAIF", "AF_ALG", "AF_NFC",
            "AF_VSOCK", "AF_KCM", "AF_QIPCRTR", "AF_SMC", "AF_XDP", "AF_MCTP")
ARPHRD = ("ARPHRD_NETROM", "ARPHRD_ETHER", "ARPHRD_EETHER", "ARPHRD_AX25", "ARPHRD_PRONET",
          "ARPHRD_CHAOS", "ARPHRD_IEEE802", "ARPHRD_ARCNET", "ARPHRD_APPLETLK", "ARPHRD_DLCI",
          "ARPHRD_ATM", "ARPHRD_METRICOM", "ARPHRD_IEEE1394", "ARPHRD_EUI64",
          "ARPHRD_INFINIBAND", "ARPHRD_SLIP", "ARPHRD_CSLIP", "ARPHRD_SLIP6", "ARPHRD_CSLIP6",
          "ARPHRD_RSRVD", "ARPHRD_ADAPT", "ARPHRD_ROSE", "ARPHRD_X25", "ARPHRD_HWX25",
          "ARPHRD_CAN", "ARPHRD_MCTP", "ARPHRD_PPP", "ARPHRD_CISCO", "ARPHRD_HDLC",
          "ARPHRD_LAPB", "ARPHRD_DDCMP", "ARPHRD_RAWHDLC", "ARPHRD_RAWIP", "ARPHRD_TUNNEL",
          "ARPHRD_TUNNEL6", "ARPHRD_FRAD", "ARPHRD_SKIP", "ARPHRD_LOOPBACK", "ARPHRD_LOCALTLK",
          "ARPHRD_FDDI", "ARPHRD_BIF", "ARPHRD_SIT", "ARPHRD_IPDDP", "ARPHRD_IPGRE",
          "ARPHRD_PIMREG", "ARPHRD_HIPPI", "ARPHRD_ASH", "ARPHRD_ECONET", "ARPHRD_IRDA",
          "ARPHRD_FCPP", "ARPHRD_FCAL", "ARPHRD_FCPL", "ARPHRD_FCFABRIC", "ARPHRD_IEEE802_TR",
          "ARPHRD_IEEE80211", "ARPHRD_IEEE80211_PRISM", "ARPHRD_IEEE80211_RADIOTAP",
          "ARPHRD_IEEE802154", "ARPHRD_IEEE802154_MONITOR", "ARPHRD_PHONET",
          "ARPHRD_PHONET_PIPE", "ARPHRD_CAIF", "ARPHRD_IP6GRE", "ARPHRD_NETLINK",
          "ARPHRD_6LOWPAN", "ARPHRD_VSOCKMON", "ARPHRD_NONE", "ARPHRD_VOID")
IFF_FLAGS = ("IFF_UP", "IFF_BROADCAST", "IFF_DEBUG", "IFF_LOOPBACK", "IFF_POINTOPOINT",
             "IFF_NOTRAILERS", "IFF_RUNNING", "IFF_NOARP", "IFF_PROMISC", "IFF_ALLMULTI",
             "IFF_MASTER", "IFF_SLAVE", "IFF_MULTICAST", "IFF_PORTSEL", "IFF_AUTOMEDIA",
             "IFF_DYNAMIC", "IFF_LOWER_UP", "IFF_DORMANT", "IFF_ECHO")
IFA_FLAGS = ("IFA_F_SECONDARY", "IFA_F_NODAD", "IFA_F_OPTIMISTIC", "IFA_F_DADFAILED",
             "IFA_F_HOMEADDRESS", "IFA_F_DEPRECATED", "IFA_F_TENTATIVE", "IFA_F_PERMANENT",
             "IFA_F_MANAGETEMPADDR", "IFA_F_NOPREFIXROUTE", "IFA_F_MCAUTOJOIN",
             "IFA_F_STABLE_PRIVACY")
RT_SCOPES = ("RT_SCOPE_UNIVERSE", "RT_SCOPE_SITE", "RT_SCOPE_LINK", "RT_SCOPE_HOST",
             "RT_SCOPE_NOWHERE")
RT_TABLES = ("RT_TABLE_UNSPEC", "RT_TABLE_COMPAT", "RT_TABLE_DEFAULT", "RT_TABLE_MAIN",
             "RT_TABLE_LOCAL")
RTPROTS = ("RTPROT_UNSPEC", "RTPROT_REDIRECT", "RTPROT_KERNEL", "RTPROT_BOOT", "RTPROT_STATIC",
           "RTPROT_GATED", "RTPROT_RA", "RTPROT_MRT", "RTPROT_ZEBRA", "RTPROT_BIRD",
           "RTPROT_DNROUTED", "RTPROT_XORP", "RTPROT_NTK", "RTPROT_DHCP", "RTPROT_MROUTED",
           "RTPROT_KEEPALIVED", "RTPROT_BABEL", "RTPROT_OPENR", "RTPROT_BGP", "RTPROT_ISIS",
           "RTPROT_OSPF", "RTPROT_RIP", "RTPROT_EIGRP")
RTN_TYPES = ("RTN_UNSPEC", "RTN_UNICAST", "RTN_LOCAL", "RTN_BROADCAST", "RTN_ANYCAST",
             "RTN_MULTICAST", "RTN_BLACKHOLE", "RTN_UNREACHABLE", "RTN_PROHIBIT", "RTN_THROW",
             "RTN_NAT", "RTN_XRESOLVE")
RTM_FLAGS = ("RTM_F_NOTIFY", "RTM_F_CLONED", "RTM_F_EQUALIZE", "RTM_F_PREFIX",
             "RTM_F_LOOKUP_TABLE", "RTM_F_FIB_MATCH", "RTM_F_OFFLOAD", "RTM_F_TRAP",
             "RTM_F_OFFLOAD_FAILED")
IPTOS = ("IPTOS_LOWDELAY", "IPTOS_THROUGHPUT", "IPTOS_RELIABILITY", "IPTOS_MINCOST")
NUD_STATES = ("NUD_NONE", "NUD_INCOMPLETE", "NUD_REACHABLE", "NUD_STALE", "NUD_DELAY",
              "NUD_PROBE", "NUD_FAILED", "NUD_NOARP", "NUD_PERMANENT")
NTF_FLAGS = ("NTF_USE", "NTF_SELF", "NTF_MASTER", "NTF_PROXY", "NTF_EXT_LEARNED",
             "NTF_OFFLOADED", "NTF_STICKY", "NTF_ROUTER")

# ---------------------------------------------------------------------------------------------
# attribute payloads shared by several families


def _family_addr(v, addr, length, opaque):
    """An address attribute in the family of its message (ifa_family, rtm_family, ...)."""
    family = None
    if opaque:
        for key in ("ifa_family", "rtm_family", "ndm_family", "family", "ifal_family"):
            if key in opaque:
                family = opaque[key]
                break
    return inet_addr(v, addr, length, family)


def _hwaddr(v, addr, length, opaque=None):
    """strace's print_hwaddr: `00:11:22:33:44:55`; -X raw the hex string; -X verbose both."""
    if length > 32:                          # MAX_ADDR_LEN
        return None
    raw = v.get(addr, length)
    if raw is None:
        return printers.ptr(addr)
    mac = ":".join("%02x" % b for b in bytearray(raw))
    cstyle = v.style.const_style
    if cstyle == "abbrev":
        return mac
    quoted = hexstr(v, addr, length)
    return quoted if cstyle == "raw" else "%s /* %s */" % (quoted, mac)


_STATS64_FIELDS = ("rx_packets", "tx_packets", "rx_bytes", "tx_bytes", "rx_errors",
                   "tx_errors", "rx_dropped", "tx_dropped", "multicast", "collisions",
                   "rx_length_errors", "rx_over_errors", "rx_crc_errors", "rx_frame_errors",
                   "rx_fifo_errors", "rx_missed_errors", "tx_aborted_errors",
                   "tx_carrier_errors", "tx_fifo_errors", "tx_heartbeat_errors",
                   "tx_window_errors", "rx_compressed", "tx_compressed", "rx_nohandler")
_STATS64_FIELDS += ("rx_otherhost_dropped",)


def grown_struct(fields, counts):
    """A structure the kernel has grown: printed whole when the attribute holds all of it,
    else only when it holds exactly one of its older sizes (the first `counts` fields), as
    strace's decode_rtnl_link_stats/stats64 do; otherwise the hex string."""
    full = len(fields)
    decoders = dict((struct_size(fields[:n]), struct_decoder(fields[:n]))
                    for n in counts + (full,))
    full_size = struct_size(fields)

    def decode(v, addr, length, opaque=None):
        dec = decoders[full_size] if length >= full_size else decoders.get(length)
        return None if dec is None else dec(v, addr, length)
    return decode


# struct rtnl_link_stats: rx_nohandler came last (Linux 4.6); rtnl_link_stats64 has grown
# rx_nohandler (4.6) and rx_otherhost_dropped (5.19)
_LINK_STATS = grown_struct([(n, "I") for n in _STATS64_FIELDS[:24]], (23,))
_LINK_STATS64 = grown_struct([(n, "Q") for n in _STATS64_FIELDS], (23, 24))
_IFMAP = struct_decoder([("mem_start", "Q"), ("mem_end", "Q"), ("base_addr", "Q"),
                         ("irq", "H"), ("dma", "B"), ("port", "B")],
                        {"mem_start": printers.hexnum, "mem_end": printers.hexnum,
                         "base_addr": printers.hexnum})

IFLA_NAMES = ("IFLA_UNSPEC", "IFLA_ADDRESS", "IFLA_BROADCAST", "IFLA_IFNAME", "IFLA_MTU",
              "IFLA_LINK", "IFLA_QDISC", "IFLA_STATS", "IFLA_COST", "IFLA_PRIORITY",
              "IFLA_MASTER", "IFLA_WIRELESS", "IFLA_PROTINFO", "IFLA_TXQLEN", "IFLA_MAP",
              "IFLA_WEIGHT", "IFLA_OPERSTATE", "IFLA_LINKMODE", "IFLA_LINKINFO",
              "IFLA_NET_NS_PID", "IFLA_IFALIAS", "IFLA_NUM_VF", "IFLA_VFINFO_LIST",
              "IFLA_STATS64", "IFLA_VF_PORTS", "IFLA_PORT_SELF", "IFLA_AF_SPEC", "IFLA_GROUP",
              "IFLA_NET_NS_FD", "IFLA_EXT_MASK", "IFLA_PROMISCUITY", "IFLA_NUM_TX_QUEUES",
              "IFLA_NUM_RX_QUEUES", "IFLA_CARRIER", "IFLA_PHYS_PORT_ID", "IFLA_CARRIER_CHANGES",
              "IFLA_PHYS_SWITCH_ID", "IFLA_LINK_NETNSID", "IFLA_PHYS_PORT_NAME",
              "IFLA_PROTO_DOWN", "IFLA_GSO_MAX_SEGS", "IFLA_GSO_MAX_SIZE", "IFLA_PAD",
              "IFLA_XDP", "IFLA_EVENT", "IFLA_NEW_NETNSID", "IFLA_IF_NETNSID",
              "IFLA_CARRIER_UP_COUNT", "IFLA_CARRIER_DOWN_COUNT", "IFLA_NEW_IFINDEX",
              "IFLA_MIN_MTU", "IFLA_MAX_MTU", "IFLA_PROP_LIST", "IFLA_ALT_IFNAME",
              "IFLA_PERM_ADDRESS", "IFLA_PROTO_DOWN_REASON", "IFLA_PARENT_DEV_NAME",
              "IFLA_PARENT_DEV_BUS_NAME", "IFLA_GRO_MAX_SIZE", "IFLA_TSO_MAX_SIZE",
              "IFLA_TSO_MAX_SEGS", "IFLA_ALLMULTI")
IFLA_INFO_NAMES = ("IFLA_INFO_UNSPEC", "IFLA_INFO_KIND", "IFLA_INFO_DATA", "IFLA_INFO_XSTATS",
                   "IFLA_INFO_SLAVE_KIND", "IFLA_INFO_SLAVE_DATA")
IFLA_XDP_NAMES = ("IFLA_XDP_UNSPEC", "IFLA_XDP_FD", "IFLA_XDP_ATTACHED", "IFLA_XDP_FLAGS",
                  "IFLA_XDP_PROG_ID", "IFLA_XDP_DRV_PROG_ID", "IFLA_XDP_SKB_PROG_ID",
                  "IFLA_XDP_HW_PROG_ID", "IFLA_XDP_EXPECTED_FD")
XDP_ATTACHED = ("XDP_ATTACHED_NONE", "XDP_ATTACHED_DRV", "XDP_ATTACHED_SKB",
                "XDP_ATTACHED_HW", "XDP_ATTACHED_MULTI")
XDP_FLAGS = ("XDP_FLAGS_UPDATE_IF_NOEXIST", "XDP_FLAGS_SKB_MODE", "XDP_FLAGS_DRV_MODE",
             "XDP_FLAGS_HW_MODE", "XDP_FLAGS_REPLACE")
RTEXT_FILTER = ("RTEXT_FILTER_VF", "RTEXT_FILTER_BRVLAN", "RTEXT_FILTER_BRVLAN_COMPRESSED",
                "RTEXT_FILTER_SKIP_STATS", "RTEXT_FILTER_MRP", "RTEXT_FILTER_CFM_CONFIG",
                "RTEXT_FILTER_CFM_STATUS")
IF_OPER = ("IF_OPER_UNKNOWN", "IF_OPER_NOTPRESENT", "IF_OPER_DOWN", "IF_OPER_LOWERLAYERDOWN",
           "IF_OPER_TESTING", "IF_OPER_DORMANT", "IF_OPER_UP")

IFLA_INFO = Attrs(IFLA_INFO_NAMES, "IFLA_INFO_???", {
    "IFLA_INFO_KIND": nla_str, "IFLA_INFO_SLAVE_KIND": nla_str})
IFLA_XDP = Attrs(IFLA_XDP_NAMES, "IFLA_XDP_???", {
    "IFLA_XDP_FD": nla_fd, "IFLA_XDP_ATTACHED": enum_decoder(XDP_ATTACHED, "XDP_ATTACHED_???", 1),
    "IFLA_XDP_FLAGS": flags_decoder(XDP_FLAGS, "XDP_FLAGS_???", 4),
    "IFLA_XDP_PROG_ID": nla_u32, "IFLA_XDP_DRV_PROG_ID": nla_u32,
    "IFLA_XDP_SKB_PROG_ID": nla_u32, "IFLA_XDP_HW_PROG_ID": nla_u32,
    "IFLA_XDP_EXPECTED_FD": nla_fd})
IFLA_PROP = Attrs(IFLA_NAMES, "IFLA_???", {"IFLA_ALT_IFNAME": nla_str})

IFLA = Attrs(IFLA_NAMES, "IFLA_???", {
    "IFLA_ADDRESS": _hwaddr, "IFLA_BROADCAST": _hwaddr, "IFLA_IFNAME": nla_str,
    "IFLA_MTU": nla_u32, "IFLA_LINK": nla_u32, "IFLA_QDISC": nla_str,
    "IFLA_STATS": _LINK_STATS, "IFLA_MASTER": nla_u32, "IFLA_TXQLEN": nla_u32,
    "IFLA_MAP": _IFMAP, "IFLA_WEIGHT": nla_u32, "IFLA_OPERSTATE": nla_u8,
    "IFLA_LINKMODE": nla_u8, "IFLA_LINKINFO": nested(IFLA_INFO), "IFLA_NET_NS_PID": nla_u32,
    "IFLA_IFALIAS": nla_str, "IFLA_NUM_VF": nla_u32, "IFLA_STATS64": _LINK_STATS64,
    "IFLA_GROUP": nla_u32, "IFLA_NET_NS_FD": nla_fd,
    "IFLA_EXT_MASK": flags_decoder(RTEXT_FILTER, "RTEXT_FILTER_???", 4),
    "IFLA_PROMISCUITY": nla_u32, "IFLA_NUM_TX_QUEUES": nla_u32, "IFLA_NUM_RX_QUEUES": nla_u32,
    "IFLA_CARRIER": nla_u8, "IFLA_CARRIER_CHANGES": nla_u32, "IFLA_LINK_NETNSID": nla_s32,
    "IFLA_PHYS_PORT_NAME": nla_str, "IFLA_PROTO_DOWN": nla_u8, "IFLA_GSO_MAX_SEGS": nla_u32,
    "IFLA_GSO_MAX_SIZE": nla_u32, "IFLA_XDP": nested(IFLA_XDP), "IFLA_NEW_NETNSID": nla_s32,
    "IFLA_IF_NETNSID": nla_s32, "IFLA_CARRIER_UP_COUNT": nla_u32,
    "IFLA_CARRIER_DOWN_COUNT": nla_u32, "IFLA_NEW_IFINDEX": nla_ifindex,
    "IFLA_MIN_MTU": nla_u32, "IFLA_MAX_MTU": nla_u32, "IFLA_PROP_LIST": nested(IFLA_PROP),
    "IFLA_ALT_IFNAME": nla_str, "IFLA_PERM_ADDRESS": _hwaddr,
    "IFLA_PARENT_DEV_NAME": nla_str, "IFLA_PARENT_DEV_BUS_NAME": nla_str,
    "IFLA_GRO_MAX_SIZE": nla_u32, "IFLA_TSO_MAX_SIZE": nla_u32, "IFLA_TSO_MAX_SEGS": nla_u32,
    "IFLA_ALLMULTI": nla_u32})

IFINFOMSG = Header([("ifi_family", "B", show_enum(FAMILIES, "AF_???")), (None, "x", None),
                    ("ifi_type", "H", show_enum(ARPHRD, "ARPHRD_???")),
                    ("ifi_index", "i", show_ifindex),
                    ("ifi_flags", "I", show_flags(IFF_FLAGS, "IFF_???")),
                    ("ifi_change", "I", show_hex)], IFLA)

# addresses
IFA_NAMES = ("IFA_UNSPEC", "IFA_ADDRESS", "IFA_LOCAL", "IFA_LABEL", "IFA_BROADCAST",
             "IFA_ANYCAST", "IFA_CACHEINFO", "IFA_MULTICAST", "IFA_FLAGS", "IFA_RT_PRIORITY",
             "IFA_TARGET_NETNSID", "IFA_PROTO")
IFA = Attrs(IFA_NAMES, "IFA_???", {
    "IFA_ADDRESS": _family_addr, "IFA_LOCAL": _family_addr, "IFA_LABEL": nla_str,
    "IFA_BROADCAST": _family_addr, "IFA_ANYCAST": _family_addr,
    "IFA_CACHEINFO": struct_decoder([("ifa_prefered", "I"), ("ifa_valid", "I"),
                                     ("cstamp", "I"), ("tstamp", "I")]),
    "IFA_MULTICAST": _family_addr, "IFA_FLAGS": flags_decoder(IFA_FLAGS, "IFA_F_???", 4),
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


def _rt_table(v, addr, length, opaque=None):
    if length < 4:
        return None
    got = v.unpack(addr, "I")
    return printers.ptr(addr) if got is None else v.enum(got[0], RT_TABLES)


RTA = Attrs(RTA_NAMES, "RTA_???", {
    "RTA_DST": _family_addr, "RTA_SRC": _family_addr, "RTA_IIF": nla_ifindex,
    "RTA_OIF": nla_ifindex, "RTA_GATEWAY": _family_addr, "RTA_PRIORITY": nla_u32,
    "RTA_PREFSRC": _family_addr, "RTA_METRICS": nested(RTA_METRICS), "RTA_FLOW": nla_u32,
    "RTA_CACHEINFO": struct_decoder([("rta_clntref", "I"), ("rta_lastuse", "I"),
                                     ("rta_expires", "i"), ("rta_error", "I"),
                                     ("rta_used", "I"), ("rta_id", "I"), ("rta_ts", "I"),
                                     ("rta_tsage", "I")]),
    "RTA_TABLE": _rt_table, "RTA_MARK": nla_u32, "RTA_NEWDST": _family_addr,
    "RTA_PREF": nla_u8, "RTA_ENCAP_TYPE": nla_u16, "RTA_EXPIRES": nla_u64, "RTA_UID": nla_u32,
    "RTA_TTL_PROPAGATE": nla_u8, "RTA_IP_PROTO": nla_u8, "RTA_SPORT": nla_u16,
    "RTA_DPORT": nla_u16, "RTA_NH_ID": nla_u32})
RTMSG = Header([("rtm_family", "B", show_enum(FAMILIES, "AF_???")),
                ("rtm_dst_len", "B", None), ("rtm_src_len", "B", None),
                ("rtm_tos", "B", show_flags(IPTOS, "IPTOS_TOS_???")),
                ("rtm_table", "B", show_enum(RT_TABLES)),
                ("rtm_protocol", "B", show_enum(RTPROTS, "RTPROT_???")),
                ("rtm_scope", "B", show_enum(RT_SCOPES)),
                ("rtm_type", "B", show_enum(RTN_TYPES, "RTN_???")),
                ("rtm_flags", "I", show_flags(RTM_FLAGS, "RTM_F_???"))], RTA)

# neighbours
NDA_NAMES = ("NDA_UNSPEC", "NDA_DST", "NDA_LLADDR", "NDA_CACHEINFO", "NDA_PROBES", "NDA_VLAN",
             "NDA_PORT", "NDA_VNI", "NDA_IFINDEX", "NDA_MASTER", "NDA_LINK_NETNSID",
             "NDA_SRC_VNI", "NDA_PROTOCOL", "NDA_NH_ID", "NDA_FDB_EXT_ATTRS", "NDA_FLAGS_EXT")
NDA = Attrs(NDA_NAMES, "NDA_???", {
    "NDA_DST": _family_addr, "NDA_LLADDR": _hwaddr,
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
    "FRA_DST": _family_addr, "FRA_SRC": _family_addr, "FRA_IIFNAME": nla_str,
    "FRA_GOTO": nla_u32, "FRA_PRIORITY": nla_u32, "FRA_TUN_ID": nla_be64, "FRA_FWMARK": nla_u32, "FRA_FLOW": nla_u32,
    "FRA_SUPPRESS_IFGROUP": nla_u32, "FRA_SUPPRESS_PREFIXLEN": nla_u32,
    "FRA_TABLE": _rt_table, "FRA_FWMASK": nla_u32, "FRA_OIFNAME": nla_str,
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

# traffic control
TCA_NAMES = ("TCA_UNSPEC", "TCA_KIND", "TCA_OPTIONS", "TCA_STATS", "TCA_XSTATS", "TCA_RATE",
             "TCA_FCNT", "TCA_STATS2", "TCA_STAB", "TCA_PAD", "TCA_DUMP_INVISIBLE", "TCA_CHAIN",
             "TCA_HW_OFFLOAD", "TCA_INGRESS_BLOCK", "TCA_EGRESS_BLOCK", "TCA_DUMP_FLAGS")
TCA = Attrs(TCA_NAMES, "TCA_???", {
    "TCA_KIND": nla_str,
    "TCA_STATS": struct_decoder([("bytes", "Q"), ("packets", "I"), ("drops", "I"),
                                 ("overlimits", "I"), ("bps", "I"), ("pps", "I"),
                                 ("qlen", "I"), ("backlog", "I"), (None, "4x")]),
    "TCA_RATE": struct_decoder([("interval", "b"), ("ewma_log", "B")]),
    "TCA_FCNT": nla_u32, "TCA_CHAIN": nla_u32, "TCA_HW_OFFLOAD": nla_u8,
    "TCA_INGRESS_BLOCK": nla_u32, "TCA_EGRESS_BLOCK": nla_u32})
TCMSG = Header([("tcm_family", "B", show_enum(FAMILIES, "AF_???")), (None, "3x", None),
                ("tcm_ifindex", "i", show_ifindex), ("tcm_handle", "I", None),
                ("tcm_parent", "I", None), ("tcm_info", "I", None)], TCA)
TCAMSG = Header([("tca_family", "B", show_enum(FAMILIES, "AF_???")), (None, "3x", None)],
                Attrs(("TCA_ROOT_UNSPEC", "TCA_ROOT_TAB", "TCA_ROOT_FLAGS", "TCA_ROOT_COUNT",
                       "TCA_ROOT_TIME_DELTA"), "TCA_ROOT_???", {
                           "TCA_ROOT_COUNT": nla_u32, "TCA_ROOT_TIME_DELTA": nla_u32}))

# netconf
NETCONFA_NAMES = ("NETCONFA_UNSPEC", "NETCONFA_IFINDEX", "NETCONFA_FORWARDING",
                  "NETCONFA_RP_FILTER", "NETCONFA_MC_FORWARDING", "NETCONFA_PROXY_NEIGH",
                  "NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN", "NETCONFA_INPUT",
                  "NETCONFA_BC_FORWARDING")
NETCONFA = Attrs(NETCONFA_NAMES, "NETCONFA_???", dict(
    (n, nla_s32) for n in NETCONFA_NAMES[2:]))
NETCONFA.decoders["NETCONFA_IFINDEX"] = nla_ifindex
NETCONFMSG = Header([("ncm_family", "B", show_enum(FAMILIES, "AF_???"))], NETCONFA)

# nexthops
NHA_NAMES = ("NHA_UNSPEC", "NHA_ID", "NHA_GROUP", "NHA_GROUP_TYPE", "NHA_BLACKHOLE", "NHA_OIF",
             "NHA_GATEWAY", "NHA_ENCAP_TYPE", "NHA_ENCAP", "NHA_GROUPS", "NHA_MASTER",
             "NHA_FDB", "NHA_RES_GROUP", "NHA_RES_BUCKET")
RTNH_FLAGS = ("RTNH_F_DEAD", "RTNH_F_PERVASIVE", "RTNH_F_ONLINK", "RTNH_F_OFFLOAD",
              "RTNH_F_LINKDOWN", "RTNH_F_UNRESOLVED", "RTNH_F_TRAP")
NHA = Attrs(NHA_NAMES, "NHA_???", {
    "NHA_ID": nla_u32, "NHA_OIF": nla_ifindex, "NHA_GATEWAY": _family_addr,
    "NHA_ENCAP_TYPE": nla_u16, "NHA_MASTER": nla_u32})
NHMSG = Header([("nh_family", "B", show_enum(FAMILIES, "AF_???")),
                ("nh_scope", "B", show_enum(RT_SCOPES)),
                ("nh_protocol", "B", show_enum(RTPROTS, "RTPROT_???")), (None, "x", None),
                ("nh_flags", "I", show_flags(RTNH_FLAGS, "RTNH_F_???"))], NHA)

# address labels, DCB, MDB, nsid, neighbour tables, stats
IFAL = Attrs(("IFAL_ADDRESS", "IFAL_LABEL"), "IFAL_???", {
    "IFAL_ADDRESS": _family_addr, "IFAL_LABEL": nla_u32})
IFADDRLBLMSG = Header([("ifal_family", "B", show_enum(FAMILIES, "AF_???")),
                       (None, "x", None), ("ifal_prefixlen", "B", None),
                       ("ifal_flags", "B", None), ("ifal_index", "i", show_ifindex),
                       ("ifal_seq", "I", None)], IFAL)
DCB_CMDS = ("DCB_CMD_UNDEFINED", "DCB_CMD_GSTATE", "DCB_CMD_SSTATE", "DCB_CMD_PGTX_GCFG",
            "DCB_CMD_PGTX_SCFG", "DCB_CMD_PGRX_GCFG", "DCB_CMD_PGRX_SCFG", "DCB_CMD_PFC_GCFG",
            "DCB_CMD_PFC_SCFG", "DCB_CMD_SET_ALL", "DCB_CMD_GPERM_HWADDR", "DCB_CMD_GCAP",
            "DCB_CMD_GNUMTCS", "DCB_CMD_SNUMTCS", "DCB_CMD_PFC_GSTATE", "DCB_CMD_PFC_SSTATE",
            "DCB_CMD_BCN_GCFG", "DCB_CMD_BCN_SCFG", "DCB_CMD_GAPP", "DCB_CMD_SAPP",
            "DCB_CMD_IEEE_SET", "DCB_CMD_IEEE_GET", "DCB_CMD_GDCBX", "DCB_CMD_SDCBX",
            "DCB_CMD_GFEATCFG", "DCB_CMD_SFEATCFG", "DCB_CMD_CEE_GET", "DCB_CMD_IEEE_DEL")
DCBMSG = Header([("dcb_family", "B", show_enum(FAMILIES, "AF_???")),
                 ("cmd", "B", show_enum(DCB_CMDS, "DCB_CMD_???")), (None, "2x", None)],
                Attrs(("DCB_ATTR_UNDEFINED", "DCB_ATTR_IFNAME", "DCB_ATTR_STATE",
                       "DCB_ATTR_PFC_STATE", "DCB_ATTR_PFC_CFG", "DCB_ATTR_NUM_TC",
                       "DCB_ATTR_PG_CFG", "DCB_ATTR_SET_ALL", "DCB_ATTR_PERM_HWADDR",
                       "DCB_ATTR_CAP", "DCB_ATTR_NUMTCS", "DCB_ATTR_BCN", "DCB_ATTR_APP",
                       "DCB_ATTR_IEEE", "DCB_ATTR_DCBX", "DCB_ATTR_FEATCFG", "DCB_ATTR_CEE"),
                      "DCB_ATTR_???", {"DCB_ATTR_IFNAME": nla_str, "DCB_ATTR_STATE": nla_u8,
                                       "DCB_ATTR_DCBX": nla_u8}))
MDBA_NAMES = ("MDBA_UNSPEC", "MDBA_MDB", "MDBA_ROUTER")
BR_PORT_MSG = Header([("family", "B", show_enum(FAMILIES, "AF_???")), (None, "3x", None),
                      ("ifindex", "i", show_ifindex)], Attrs(MDBA_NAMES, "MDBA_???"))
NETNSA = Attrs(("NETNSA_NONE", "NETNSA_NSID", "NETNSA_PID", "NETNSA_FD", "NETNSA_TARGET_NSID",
                "NETNSA_CURRENT_NSID"), "NETNSA_???", {
                    "NETNSA_NSID": nla_s32, "NETNSA_PID": nla_u32, "NETNSA_FD": nla_fd,
                    "NETNSA_TARGET_NSID": nla_s32, "NETNSA_CURRENT_NSID": nla_s32})
RTGENMSG = Header([("rtgen_family", "B", show_enum(FAMILIES, "AF_???"))],
                  NETNSA)
NDTMSG = Header([("ndtm_family", "B", show_enum(FAMILIES, "AF_???")), (None, "3x", None)],
                Attrs(("NDTA_UNSPEC", "NDTA_NAME", "NDTA_THRESH1", "NDTA_THRESH2",
                       "NDTA_THRESH3", "NDTA_CONFIG", "NDTA_PARMS", "NDTA_STATS",
                       "NDTA_GC_INTERVAL", "NDTA_PAD"), "NDTA_???", {
                           "NDTA_NAME": nla_str, "NDTA_THRESH1": nla_u32,
                           "NDTA_THRESH2": nla_u32, "NDTA_THRESH3": nla_u32,
                           "NDTA_GC_INTERVAL": nla_u64}))
IFLA_STATS_NAMES = ("IFLA_STATS_UNSPEC", "IFLA_STATS_LINK_64", "IFLA_STATS_LINK_XSTATS",
                    "IFLA_STATS_LINK_XSTATS_SLAVE", "IFLA_STATS_LINK_OFFLOAD_XSTATS",
                    "IFLA_STATS_AF_SPEC")
IFSTATSMSG = Header([("family", "B", show_enum(FAMILIES, "AF_???")), (None, "3x", None),
                     ("ifindex", "i", show_ifindex),
                     ("filter_mask", "I", show_shifted(IFLA_STATS_NAMES[1:], 0,
                                                        "1<<IFLA_STATS_???"))],
                    Attrs(IFLA_STATS_NAMES, "IFLA_STATS_???", {
                        "IFLA_STATS_LINK_64": _LINK_STATS64}))


def family_only(v, addr, length):
    """strace's decode_family: `{family=AF_INET}` or `{family=..., data="\\x.."}`."""
    got = v.unpack(addr, "B")
    if got is None:
        return printers.ptr(addr)
    text = "{family=" + v.enum(got[0], FAMILIES, "AF_???")
    if length > 1:
        text += ", data=" + hexstr(v, addr + 1, length - 1)
    return text + "}"


HEADERS = (
    (("RTM_NEWLINK", "RTM_DELLINK", "RTM_GETLINK", "RTM_SETLINK"), IFINFOMSG),
    (("RTM_NEWADDR", "RTM_DELADDR", "RTM_GETADDR", "RTM_GETMULTICAST", "RTM_GETANYCAST"),
     IFADDRMSG),
    (("RTM_NEWROUTE", "RTM_DELROUTE", "RTM_GETROUTE"), RTMSG),
    (("RTM_NEWNEIGH", "RTM_DELNEIGH", "RTM_GETNEIGH"), NDMSG),
    (("RTM_NEWRULE", "RTM_DELRULE", "RTM_GETRULE"), FIB_RULE_HDR),
    (("RTM_NEWQDISC", "RTM_DELQDISC", "RTM_GETQDISC", "RTM_NEWTCLASS", "RTM_DELTCLASS",
      "RTM_GETTCLASS", "RTM_NEWTFILTER", "RTM_DELTFILTER", "RTM_GETTFILTER", "RTM_NEWCHAIN",
      "RTM_DELCHAIN", "RTM_GETCHAIN"), TCMSG),
    (("RTM_NEWACTION", "RTM_DELACTION", "RTM_GETACTION"), TCAMSG),
    (("RTM_NEWNEIGHTBL", "RTM_GETNEIGHTBL", "RTM_SETNEIGHTBL"), NDTMSG),
    (("RTM_NEWADDRLABEL", "RTM_DELADDRLABEL", "RTM_GETADDRLABEL"), IFADDRLBLMSG),
    (("RTM_GETDCB", "RTM_SETDCB"), DCBMSG),
    (("RTM_NEWNETCONF", "RTM_DELNETCONF", "RTM_GETNETCONF"), NETCONFMSG),
    (("RTM_NEWMDB", "RTM_DELMDB", "RTM_GETMDB"), BR_PORT_MSG),
    (("RTM_NEWNSID", "RTM_DELNSID", "RTM_GETNSID"), RTGENMSG),
    (("RTM_NEWSTATS", "RTM_GETSTATS"), IFSTATSMSG),
    (("RTM_NEWNEXTHOP", "RTM_DELNEXTHOP", "RTM_GETNEXTHOP"), NHMSG),
)
_BY_ABI = {}


def _header_for(v, mtype):
    table = _BY_ABI.get(v.call.abi)
    if table is None:
        table = {}
        for names, header in HEADERS:
            for name in names:
                value = v.const(name)
                if value is not None:
                    table[value] = header
        _BY_ABI[v.call.abi] = table
    return table.get(mtype)


def payload(v, hdr, addr, length):
    if hdr[1] == v.const("NLMSG_DONE"):
        return None
    header = _header_for(v, hdr[1])
    if header is None:
        return family_only(v, addr, length)
    return header_text(v, addr, length, header)


def kind(v, mtype):
    """RTM_NEW* / DEL* / GET* / SET* come in groups of four (RTM_DELACTION takes GET flags)."""
    if mtype == v.const("RTM_DELACTION"):
        return "get"
    return ("new", "del", "get", None)[mtype & 3]


message.register(message.Protocol("NETLINK_ROUTE", RTM_TYPES, "RTM_???", kind=kind,
                                  payload=payload))
