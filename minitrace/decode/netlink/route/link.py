"""Links: struct ifinfomsg and its IFLA_* attributes, link statistics messages
(strace's rtnl_link.c, rtnl_stats.c)."""
from minitrace import printers
from minitrace.decode.netlink.route import link_bridge, link_inet, link_vf
from minitrace.decode.netlink.nlattr import (
    nlattrs, nla_x32, per_family, Attrs, Header, enum_decoder, flags_decoder, nested, nla_fd,
    nla_ifindex, nla_s32, nla_str, nla_u8, nla_u32, show_enum, show_flags, show_hex,
    show_ifindex, struct_decoder)
from minitrace.decode.netlink.route.common import (
    ARPHRD, FAMILIES, IFF_FLAGS, STATS64_FIELDS, grown_struct, hwaddr)

# struct rtnl_link_stats: rx_nohandler came last (Linux 4.6); rtnl_link_stats64 has grown
# rx_nohandler (4.6) and rx_otherhost_dropped (5.19)
LINK_STATS = grown_struct([(n, "I") for n in STATS64_FIELDS[:24]], (23,))
LINK_STATS64 = grown_struct([(n, "Q") for n in STATS64_FIELDS], (23, 24))
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



# IFLA_LINKINFO: IFLA_INFO_DATA and IFLA_INFO_XSTATS are read by the kind named before them,
# IFLA_INFO_SLAVE_DATA by the slave kind (the opaque dict of one IFLA_LINKINFO)
def _kind_setter(key):
    def decode(v, addr, length, ctx):
        kind = ""
        if length < 64:
            raw = v.get(addr, length)
            if raw is not None:
                kind = raw.split(b"\0", 1)[0].decode("latin-1")
        ctx[key] = kind
        return nla_str(v, addr, length)
    return decode


def _by_kind(key, decoders):
    def decode(v, addr, length, ctx):
        dec = decoders.get(ctx.get(key))
        return None if dec is None else dec(v, addr, length, ctx)
    return decode


CAN_DEVICE_STATS = struct_decoder([("bus_error", "I"), ("error_warning", "I"),
                                   ("error_passive", "I"), ("bus_off", "I"),
                                   ("arbitration_lost", "I"), ("restarts", "I")])
IFLA_INFO = Attrs(IFLA_INFO_NAMES, "IFLA_INFO_???", {
    "IFLA_INFO_KIND": _kind_setter("kind"),
    "IFLA_INFO_DATA": _by_kind("kind", {"bridge": nested(link_bridge.BRIDGE_DATA),
                                        "tun": nested(link_bridge.TUN_DATA)}),
    "IFLA_INFO_XSTATS": _by_kind("kind", {"can": CAN_DEVICE_STATS}),
    "IFLA_INFO_SLAVE_KIND": _kind_setter("slave_kind"),
    "IFLA_INFO_SLAVE_DATA": _by_kind("slave_kind", {"bridge": nested(link_bridge.BRPORT)})})


def _linkinfo(v, addr, length, opaque=None):
    return nlattrs(v, addr, length, IFLA_INFO, {"kind": "", "slave_kind": ""})


def _ifi_family(opaque):
    return (opaque or {}).get("ifi_family")


# IFLA_PROTINFO: bridge port attributes of AF_BRIDGE, IFLA_INET6_* of AF_INET6
_PROTINFO = per_family((("AF_BRIDGE", link_bridge.BRPORT), ("AF_INET6", link_inet.INET6)),
                       _ifi_family)
# IFLA_AF_SPEC of another family: an attribute per family (its type, an 8-bit family as strace
# takes it) holding that family's table
_af_attrs = per_family(link_inet.AF_SPEC_TABLES, lambda family: family)
_AF_SPEC_BY_TYPE = Attrs(FAMILIES, "AF_???",
                         any_type=lambda v, addr, length, ntype: _af_attrs(v, addr, length,
                                                                           ntype & 0xff))


def _af_spec(v, addr, length, opaque=None):
    """IFLA_AF_SPEC: bridge attributes in an AF_BRIDGE message, else one attribute per address
    family holding that family's attributes."""
    if _ifi_family(opaque) == v.const("AF_BRIDGE"):
        return nlattrs(v, addr, length, link_bridge.BRIDGE_AF_SPEC)
    return nlattrs(v, addr, length, _AF_SPEC_BY_TYPE)


IFLA_EVENTS = ("IFLA_EVENT_NONE", "IFLA_EVENT_REBOOT", "IFLA_EVENT_FEATURES",
               "IFLA_EVENT_BONDING_FAILOVER", "IFLA_EVENT_NOTIFY_PEERS",
               "IFLA_EVENT_IGMP_RESEND", "IFLA_EVENT_BONDING_OPTIONS")


def _event(v, addr, length, opaque=None):
    if length < 4:
        return None
    got = v.unpack(addr, "I")
    return printers.ptr(addr) if got is None else v.enum(got[0], IFLA_EVENTS, "IFLA_EVENT_???")


PROTO_DOWN_REASON = Attrs(("IFLA_PROTO_DOWN_REASON_UNSPEC", "IFLA_PROTO_DOWN_REASON_MASK",
                           "IFLA_PROTO_DOWN_REASON_VALUE"), "IFLA_PROTO_DOWN_REASON_???", {
                               "IFLA_PROTO_DOWN_REASON_MASK": nla_x32,
                               "IFLA_PROTO_DOWN_REASON_VALUE": nla_x32})
IFLA_XDP = Attrs(IFLA_XDP_NAMES, "IFLA_XDP_???", {
    "IFLA_XDP_FD": nla_fd, "IFLA_XDP_ATTACHED": enum_decoder(XDP_ATTACHED, "XDP_ATTACHED_???", 1),
    "IFLA_XDP_FLAGS": flags_decoder(XDP_FLAGS, "XDP_FLAGS_???", 4),
    "IFLA_XDP_PROG_ID": nla_u32, "IFLA_XDP_DRV_PROG_ID": nla_u32,
    "IFLA_XDP_SKB_PROG_ID": nla_u32, "IFLA_XDP_HW_PROG_ID": nla_u32,
    "IFLA_XDP_EXPECTED_FD": nla_fd})
IFLA_PROP = Attrs(IFLA_NAMES, "IFLA_???", {"IFLA_ALT_IFNAME": nla_str})

IFLA = Attrs(IFLA_NAMES, "IFLA_???", {
    "IFLA_ADDRESS": hwaddr, "IFLA_BROADCAST": hwaddr, "IFLA_IFNAME": nla_str,
    "IFLA_MTU": nla_u32, "IFLA_LINK": nla_u32, "IFLA_QDISC": nla_str,
    "IFLA_STATS": LINK_STATS, "IFLA_MASTER": nla_u32, "IFLA_TXQLEN": nla_u32,
    "IFLA_MAP": _IFMAP, "IFLA_WEIGHT": nla_u32, "IFLA_OPERSTATE": nla_u8,
    "IFLA_LINKMODE": nla_u8, "IFLA_LINKINFO": _linkinfo, "IFLA_NET_NS_PID": nla_u32,
    "IFLA_IFALIAS": nla_str, "IFLA_NUM_VF": nla_u32, "IFLA_STATS64": LINK_STATS64,
    "IFLA_GROUP": nla_u32, "IFLA_NET_NS_FD": nla_fd,
    "IFLA_EXT_MASK": flags_decoder(RTEXT_FILTER, "RTEXT_FILTER_???", 4),
    "IFLA_PROMISCUITY": nla_u32, "IFLA_NUM_TX_QUEUES": nla_u32, "IFLA_NUM_RX_QUEUES": nla_u32,
    "IFLA_CARRIER": nla_u8, "IFLA_CARRIER_CHANGES": nla_u32, "IFLA_LINK_NETNSID": nla_s32,
    "IFLA_PHYS_PORT_NAME": nla_str, "IFLA_PROTO_DOWN": nla_u8, "IFLA_GSO_MAX_SEGS": nla_u32,
    "IFLA_GSO_MAX_SIZE": nla_u32, "IFLA_XDP": nested(IFLA_XDP), "IFLA_NEW_NETNSID": nla_s32,
    "IFLA_IF_NETNSID": nla_s32, "IFLA_CARRIER_UP_COUNT": nla_u32,
    "IFLA_CARRIER_DOWN_COUNT": nla_u32, "IFLA_NEW_IFINDEX": nla_ifindex,
    "IFLA_MIN_MTU": nla_u32, "IFLA_MAX_MTU": nla_u32, "IFLA_PROP_LIST": nested(IFLA_PROP),
    "IFLA_ALT_IFNAME": nla_str, "IFLA_PERM_ADDRESS": hwaddr,
    "IFLA_PARENT_DEV_NAME": nla_str, "IFLA_PARENT_DEV_BUS_NAME": nla_str,
    "IFLA_GRO_MAX_SIZE": nla_u32, "IFLA_TSO_MAX_SIZE": nla_u32, "IFLA_TSO_MAX_SEGS": nla_u32,
    "IFLA_ALLMULTI": nla_u32, "IFLA_PROTINFO": _PROTINFO,
    "IFLA_VFINFO_LIST": nested(link_vf.VFINFO_LIST), "IFLA_VF_PORTS": nested(link_vf.VF_PORTS),
    "IFLA_PORT_SELF": nested(link_vf.PORT), "IFLA_AF_SPEC": _af_spec, "IFLA_EVENT": _event,
    "IFLA_PROTO_DOWN_REASON": nested(PROTO_DOWN_REASON)})

IFINFOMSG = Header([("ifi_family", "B", show_enum(FAMILIES, "AF_???")), (None, "x", None),
                    ("ifi_type", "H", show_enum(ARPHRD, "ARPHRD_???")),
                    ("ifi_index", "i", show_ifindex),
                    ("ifi_flags", "I", show_flags(IFF_FLAGS, "IFF_???")),
                    ("ifi_change", "I", show_hex)], IFLA)
