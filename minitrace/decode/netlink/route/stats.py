"""Link statistics messages: struct if_stats_msg (RTM_NEWSTATS, RTM_GETSTATS) and its
IFLA_STATS_* attributes: 64-bit link stats, bridge and bond extended stats, offload stats,
per-family (MPLS) stats (linux/if_link.h, if_bridge.h, mpls.h; strace's rtnl_stats.c)."""
from minitrace import printers
from minitrace.decode.netlink.nlattr import (
    Attrs, Header, hexstr, nested, nla_u64, nonzero_hex, per_family, show_enum, show_ifindex,
    show_shifted, xlat_index, index_table)
from minitrace.decode.netlink.route.common import FAMILIES
from minitrace.decode.netlink.route.link import LINK_STATS64
from minitrace.decode.netlink.route.link_bridge import BRIDGE_VLAN_INFO


def _with_rest(v, addr, length, size, text):
    """A structure followed by the bytes past it as a hex string, as strace prints them."""
    if length > size:
        text += ", " + hexstr(v, addr + size, length - size)
    return text


def _u64_struct(fields):
    size = 8 * len(fields)

    def decode(v, addr, length, opaque=None):
        if length < size:
            return None
        got = v.unpack(addr, "Q" * len(fields))
        if got is None:
            return printers.ptr(addr)
        text = "{" + ", ".join("%s=%d" % pair for pair in zip(fields, got)) + "}"
        return _with_rest(v, addr, length, size, text)
    return decode


def _bridge_vlan(v, addr, length, opaque=None):
    """struct bridge_vlan_xstats: pad2 shown when not zero."""
    if length < 40:
        return None
    got = v.unpack(addr, "QQQQHHI")
    if got is None:
        return printers.ptr(addr)
    text = "{rx_bytes=%d, rx_packets=%d, tx_bytes=%d, tx_packets=%d, vid=%d, flags=%s" % (
        got[0], got[1], got[2], got[3], got[4],
        v.flags(got[5], BRIDGE_VLAN_INFO, "BRIDGE_VLAN_INFO_???"))
    if got[6]:
        text += ", pad2=%#x" % got[6]
    return _with_rest(v, addr, length, 40, text + "}")


BR_MCAST_DIRS = ("BR_MCAST_DIR_RX", "BR_MCAST_DIR_TX")
# struct br_mcast_stats: (field, per-direction pair?) in order, all __u64
_MCAST_FIELDS = (("igmp_v1queries", 2), ("igmp_v2queries", 2), ("igmp_v3queries", 2),
                 ("igmp_leaves", 2), ("igmp_v1reports", 2), ("igmp_v2reports", 2),
                 ("igmp_v3reports", 2), ("igmp_parse_errors", 1), ("mld_v1queries", 2),
                 ("mld_v2queries", 2), ("mld_leaves", 2), ("mld_v1reports", 2),
                 ("mld_v2reports", 2), ("mld_parse_errors", 1), ("mcast_bytes", 2),
                 ("mcast_packets", 2))
_MCAST_SIZE = 8 * sum(n for _, n in _MCAST_FIELDS)


def _bridge_mcast(v, addr, length, opaque=None):
    if length < _MCAST_SIZE:
        return None
    got = v.unpack(addr, "Q" * (_MCAST_SIZE // 8))
    if got is None:
        return printers.ptr(addr)
    table = index_table(v, BR_MCAST_DIRS)
    parts = []
    i = 0
    for name, n in _MCAST_FIELDS:
        if n == 1:
            parts.append("%s=%d" % (name, got[i]))
        else:
            parts.append("%s=[%s]" % (name, ", ".join(
                "[%s]=%d" % (xlat_index(v, k, table, "BR_MCAST_DIR_???"), got[i + k])
                for k in range(n))))
        i += n
    return _with_rest(v, addr, length, _MCAST_SIZE, "{" + ", ".join(parts) + "}")


BRIDGE_XSTATS = Attrs(("BRIDGE_XSTATS_UNSPEC", "BRIDGE_XSTATS_VLAN", "BRIDGE_XSTATS_MCAST",
                       "BRIDGE_XSTATS_PAD", "BRIDGE_XSTATS_STP"), "BRIDGE_XSTATS_???", {
    "BRIDGE_XSTATS_VLAN": _bridge_vlan, "BRIDGE_XSTATS_MCAST": _bridge_mcast,
    "BRIDGE_XSTATS_STP": _u64_struct(("transition_blk", "transition_fwd", "rx_bpdu",
                                      "tx_bpdu", "rx_tcn", "tx_tcn"))})
BOND_3AD_NAMES = ("BOND_3AD_STAT_LACPDU_RX", "BOND_3AD_STAT_LACPDU_TX",
                  "BOND_3AD_STAT_LACPDU_UNKNOWN_RX", "BOND_3AD_STAT_LACPDU_ILLEGAL_RX",
                  "BOND_3AD_STAT_MARKER_RX", "BOND_3AD_STAT_MARKER_TX",
                  "BOND_3AD_STAT_MARKER_RESP_RX", "BOND_3AD_STAT_MARKER_RESP_TX",
                  "BOND_3AD_STAT_MARKER_UNKNOWN_RX", "BOND_3AD_STAT_PAD")
# strace names an unknown 3ad attribute BOND_XSTATS_???
BOND_3AD = Attrs(BOND_3AD_NAMES, "BOND_XSTATS_???", dict(
    (n, nla_u64) for n in BOND_3AD_NAMES if n != "BOND_3AD_STAT_PAD"))
BOND_XSTATS = Attrs(("BOND_XSTATS_UNSPEC", "BOND_XSTATS_3AD"), "BOND_XSTATS_???", {
    "BOND_XSTATS_3AD": nested(BOND_3AD)})
LINK_XSTATS = Attrs(("LINK_XSTATS_TYPE_UNSPEC", "LINK_XSTATS_TYPE_BRIDGE",
                     "LINK_XSTATS_TYPE_BOND"), "LINK_XSTATS_TYPE_???", {
    "LINK_XSTATS_TYPE_BRIDGE": nested(BRIDGE_XSTATS),
    "LINK_XSTATS_TYPE_BOND": nested(BOND_XSTATS)})
OFFLOAD_XSTATS = Attrs(("IFLA_OFFLOAD_XSTATS_UNSPEC", "IFLA_OFFLOAD_XSTATS_CPU_HIT"),
                       "IFLA_OFFLOAD_XSTATS_???", {"IFLA_OFFLOAD_XSTATS_CPU_HIT": LINK_STATS64})
MPLS_STATS = Attrs(("MPLS_STATS_UNSPEC", "MPLS_STATS_LINK"), "MPLS_STATS_???", {
    "MPLS_STATS_LINK": _u64_struct(("rx_packets", "tx_packets", "rx_bytes", "tx_bytes",
                                    "rx_errors", "tx_errors", "rx_dropped", "tx_dropped",
                                    "rx_noroute"))})
_af_stats = per_family((("AF_MPLS", MPLS_STATS),), lambda family: family)
AF_SPEC = Attrs(FAMILIES, "AF_???", any_type=lambda v, addr, length, ntype: _af_stats(
    v, addr, length, ntype & 0xff))

IFLA_STATS_NAMES = ("IFLA_STATS_UNSPEC", "IFLA_STATS_LINK_64", "IFLA_STATS_LINK_XSTATS",
                    "IFLA_STATS_LINK_XSTATS_SLAVE", "IFLA_STATS_LINK_OFFLOAD_XSTATS",
                    "IFLA_STATS_AF_SPEC")
IFLA_STATS = Attrs(IFLA_STATS_NAMES, "IFLA_STATS_???", {
    "IFLA_STATS_LINK_64": LINK_STATS64, "IFLA_STATS_LINK_XSTATS": nested(LINK_XSTATS),
    "IFLA_STATS_LINK_XSTATS_SLAVE": nested(LINK_XSTATS),
    "IFLA_STATS_LINK_OFFLOAD_XSTATS": nested(OFFLOAD_XSTATS),
    "IFLA_STATS_AF_SPEC": nested(AF_SPEC)})
IFSTATSMSG = Header([("family", "B", show_enum(FAMILIES, "AF_???")),
                     ("pad1", "B", nonzero_hex("pad1")), ("pad2", "H", nonzero_hex("pad2")),
                     ("ifindex", "I", show_ifindex),
                     ("filter_mask", "I", show_shifted(IFLA_STATS_NAMES, 0,
                                                        "1<<IFLA_STATS_???"))], IFLA_STATS)
