"""Bridge attributes of links (linux/if_bridge.h, if_link.h): bridge port attributes
(IFLA_PROTINFO of AF_BRIDGE, IFLA_INFO_SLAVE_DATA of a bridge port), bridge device attributes
(IFLA_INFO_DATA of kind "bridge"), tun device attributes (kind "tun") and the AF_BRIDGE form of
IFLA_AF_SPEC (strace's rtnl_link.c)."""
import struct

from minitrace import printers
from minitrace.decode.netlink.nlattr import (
    Attrs, enum_decoder, flags_decoder, hexstr, nested, nla_clock_t, nla_ifindex, nla_in6_addr,
    nla_in_addr, nla_u8, nla_u16, nla_u32, nla_x16, show_shifted)
from minitrace.decode.netlink.route.common import hwaddr, mac_text
from minitrace.decode.netlink.sock_diag.common import nla_uid
from minitrace.decode.netlink.sock_diag.packet import ETH_PROTOS


def nla_ether_proto(v, addr, length, opaque=None):
    """strace's decode_nla_ether_proto: `htons(ETH_P_IP)`, two bytes in network order."""
    if length > 8 or length < 2:
        return None
    raw = v.get(addr, 2)
    if raw is None:
        return printers.ptr(addr)
    return "htons(%s)" % v.enum(struct.unpack(">H", raw)[0], ETH_PROTOS, "ETHER_P_???")


def bridge_id(v, addr, length, opaque=None):
    """struct ifla_bridge_id: `{prio=[0, 128], addr=00:11:22:33:44:55}`."""
    if length < 8:
        return None
    raw = v.get(addr, 8)
    if raw is None:
        return printers.ptr(addr)
    prio = bytearray(raw[:2])
    return "{prio=[%d, %d], addr=%s}" % (prio[0], prio[1], mac_text(v, raw[2:]))


BRPORT_NAMES = ("IFLA_BRPORT_UNSPEC", "IFLA_BRPORT_STATE", "IFLA_BRPORT_PRIORITY",
                "IFLA_BRPORT_COST", "IFLA_BRPORT_MODE", "IFLA_BRPORT_GUARD",
                "IFLA_BRPORT_PROTECT", "IFLA_BRPORT_FAST_LEAVE", "IFLA_BRPORT_LEARNING",
                "IFLA_BRPORT_UNICAST_FLOOD", "IFLA_BRPORT_PROXYARP",
                "IFLA_BRPORT_LEARNING_SYNC", "IFLA_BRPORT_PROXYARP_WIFI", "IFLA_BRPORT_ROOT_ID",
                "IFLA_BRPORT_BRIDGE_ID", "IFLA_BRPORT_DESIGNATED_PORT",
                "IFLA_BRPORT_DESIGNATED_COST", "IFLA_BRPORT_ID", "IFLA_BRPORT_NO",
                "IFLA_BRPORT_TOPOLOGY_CHANGE_ACK", "IFLA_BRPORT_CONFIG_PENDING",
                "IFLA_BRPORT_MESSAGE_AGE_TIMER", "IFLA_BRPORT_FORWARD_DELAY_TIMER",
                "IFLA_BRPORT_HOLD_TIMER", "IFLA_BRPORT_FLUSH", "IFLA_BRPORT_MULTICAST_ROUTER",
                "IFLA_BRPORT_PAD", "IFLA_BRPORT_MCAST_FLOOD", "IFLA_BRPORT_MCAST_TO_UCAST",
                "IFLA_BRPORT_VLAN_TUNNEL", "IFLA_BRPORT_BCAST_FLOOD",
                "IFLA_BRPORT_GROUP_FWD_MASK", "IFLA_BRPORT_NEIGH_SUPPRESS",
                "IFLA_BRPORT_ISOLATED", "IFLA_BRPORT_BACKUP_PORT", "IFLA_BRPORT_MRP_RING_OPEN",
                "IFLA_BRPORT_MRP_IN_OPEN", "IFLA_BRPORT_MCAST_EHT_HOSTS_LIMIT",
                "IFLA_BRPORT_MCAST_EHT_HOSTS_CNT", "IFLA_BRPORT_LOCKED")
_BRPORT_U8 = ("STATE", "MODE", "GUARD", "PROTECT", "FAST_LEAVE", "LEARNING", "UNICAST_FLOOD",
              "PROXYARP", "LEARNING_SYNC", "PROXYARP_WIFI", "TOPOLOGY_CHANGE_ACK",
              "CONFIG_PENDING", "MULTICAST_ROUTER", "MCAST_FLOOD", "MCAST_TO_UCAST",
              "VLAN_TUNNEL", "BCAST_FLOOD", "NEIGH_SUPPRESS", "ISOLATED", "MRP_RING_OPEN",
              "MRP_IN_OPEN", "LOCKED")
_BRPORT_U16 = ("PRIORITY", "DESIGNATED_PORT", "DESIGNATED_COST", "ID", "NO")
_BRPORT_DECODERS = dict(("IFLA_BRPORT_" + n, nla_u8) for n in _BRPORT_U8)
_BRPORT_DECODERS.update(("IFLA_BRPORT_" + n, nla_u16) for n in _BRPORT_U16)
_BRPORT_DECODERS.update({
    "IFLA_BRPORT_COST": nla_u32, "IFLA_BRPORT_ROOT_ID": bridge_id,
    "IFLA_BRPORT_BRIDGE_ID": bridge_id, "IFLA_BRPORT_MESSAGE_AGE_TIMER": nla_clock_t,
    "IFLA_BRPORT_FORWARD_DELAY_TIMER": nla_clock_t, "IFLA_BRPORT_HOLD_TIMER": nla_clock_t,
    "IFLA_BRPORT_GROUP_FWD_MASK": nla_x16, "IFLA_BRPORT_BACKUP_PORT": nla_ifindex,
    "IFLA_BRPORT_MCAST_EHT_HOSTS_LIMIT": nla_u32, "IFLA_BRPORT_MCAST_EHT_HOSTS_CNT": nla_u32})
BRPORT = Attrs(BRPORT_NAMES, "IFLA_BRPORT_???", _BRPORT_DECODERS)

# IFLA_INFO_DATA of a bridge
QUERIER_NAMES = ("BRIDGE_QUERIER_UNSPEC", "BRIDGE_QUERIER_IP_ADDRESS", "BRIDGE_QUERIER_IP_PORT",
                 "BRIDGE_QUERIER_IP_OTHER_TIMER", "BRIDGE_QUERIER_PAD",
                 "BRIDGE_QUERIER_IPV6_ADDRESS", "BRIDGE_QUERIER_IPV6_PORT",
                 "BRIDGE_QUERIER_IPV6_OTHER_TIMER")
QUERIER = Attrs(QUERIER_NAMES, "BRIDGE_QUERIER_???", {
    "BRIDGE_QUERIER_IP_ADDRESS": nla_in_addr, "BRIDGE_QUERIER_IP_PORT": nla_ifindex,
    "BRIDGE_QUERIER_IP_OTHER_TIMER": nla_clock_t, "BRIDGE_QUERIER_IPV6_ADDRESS": nla_in6_addr,
    "BRIDGE_QUERIER_IPV6_PORT": nla_ifindex, "BRIDGE_QUERIER_IPV6_OTHER_TIMER": nla_clock_t})
BR_BOOLOPTS = ("BR_BOOLOPT_NO_LL_LEARN", "BR_BOOLOPT_MCAST_VLAN_SNOOPING",
               "BR_BOOLOPT_MST_ENABLE")
_boolopt_bits = show_shifted(BR_BOOLOPTS, 0, "1<<BR_BOOLOPT_???")


def _boolopt(v, addr, length, opaque=None):
    """struct br_boolopt_multi: `{optval=1<<BR_BOOLOPT_..., optmask=...}`."""
    if length < 8:
        return None
    got = v.unpack(addr, "II")
    if got is None:
        return printers.ptr(addr)
    return "{optval=%s, optmask=%s}" % (_boolopt_bits(v, got[0]), _boolopt_bits(v, got[1]))


BR_NAMES = ("IFLA_BR_UNSPEC", "IFLA_BR_FORWARD_DELAY", "IFLA_BR_HELLO_TIME", "IFLA_BR_MAX_AGE",
            "IFLA_BR_AGEING_TIME", "IFLA_BR_STP_STATE", "IFLA_BR_PRIORITY",
            "IFLA_BR_VLAN_FILTERING", "IFLA_BR_VLAN_PROTOCOL", "IFLA_BR_GROUP_FWD_MASK",
            "IFLA_BR_ROOT_ID", "IFLA_BR_BRIDGE_ID", "IFLA_BR_ROOT_PORT",
            "IFLA_BR_ROOT_PATH_COST", "IFLA_BR_TOPOLOGY_CHANGE",
            "IFLA_BR_TOPOLOGY_CHANGE_DETECTED", "IFLA_BR_HELLO_TIMER", "IFLA_BR_TCN_TIMER",
            "IFLA_BR_TOPOLOGY_CHANGE_TIMER", "IFLA_BR_GC_TIMER", "IFLA_BR_GROUP_ADDR",
            "IFLA_BR_FDB_FLUSH", "IFLA_BR_MCAST_ROUTER", "IFLA_BR_MCAST_SNOOPING",
            "IFLA_BR_MCAST_QUERY_USE_IFADDR", "IFLA_BR_MCAST_QUERIER",
            "IFLA_BR_MCAST_HASH_ELASTICITY", "IFLA_BR_MCAST_HASH_MAX",
            "IFLA_BR_MCAST_LAST_MEMBER_CNT", "IFLA_BR_MCAST_STARTUP_QUERY_CNT",
            "IFLA_BR_MCAST_LAST_MEMBER_INTVL", "IFLA_BR_MCAST_MEMBERSHIP_INTVL",
            "IFLA_BR_MCAST_QUERIER_INTVL", "IFLA_BR_MCAST_QUERY_INTVL",
            "IFLA_BR_MCAST_QUERY_RESPONSE_INTVL", "IFLA_BR_MCAST_STARTUP_QUERY_INTVL",
            "IFLA_BR_NF_CALL_IPTABLES", "IFLA_BR_NF_CALL_IP6TABLES",
            "IFLA_BR_NF_CALL_ARPTABLES", "IFLA_BR_VLAN_DEFAULT_PVID", "IFLA_BR_PAD",
            "IFLA_BR_VLAN_STATS_ENABLED", "IFLA_BR_MCAST_STATS_ENABLED",
            "IFLA_BR_MCAST_IGMP_VERSION", "IFLA_BR_MCAST_MLD_VERSION",
            "IFLA_BR_VLAN_STATS_PER_PORT", "IFLA_BR_MULTI_BOOLOPT",
            "IFLA_BR_MCAST_QUERIER_STATE")
_BR_CLOCK = ("FORWARD_DELAY", "HELLO_TIME", "MAX_AGE", "AGEING_TIME", "HELLO_TIMER",
             "TCN_TIMER", "TOPOLOGY_CHANGE_TIMER", "GC_TIMER", "MCAST_LAST_MEMBER_INTVL",
             "MCAST_MEMBERSHIP_INTVL", "MCAST_QUERIER_INTVL", "MCAST_QUERY_INTVL",
             "MCAST_QUERY_RESPONSE_INTVL", "MCAST_STARTUP_QUERY_INTVL")
_BR_U8 = ("VLAN_FILTERING", "TOPOLOGY_CHANGE", "TOPOLOGY_CHANGE_DETECTED", "MCAST_ROUTER",
          "MCAST_SNOOPING", "MCAST_QUERY_USE_IFADDR", "MCAST_QUERIER", "NF_CALL_IPTABLES",
          "NF_CALL_IP6TABLES", "NF_CALL_ARPTABLES", "VLAN_STATS_ENABLED",
          "MCAST_STATS_ENABLED", "MCAST_IGMP_VERSION", "MCAST_MLD_VERSION",
          "VLAN_STATS_PER_PORT")
_BR_U32 = ("STP_STATE", "ROOT_PATH_COST", "MCAST_HASH_ELASTICITY", "MCAST_HASH_MAX",
           "MCAST_LAST_MEMBER_CNT", "MCAST_STARTUP_QUERY_CNT")
_BR_DECODERS = dict(("IFLA_BR_" + n, nla_clock_t) for n in _BR_CLOCK)
_BR_DECODERS.update(("IFLA_BR_" + n, nla_u8) for n in _BR_U8)
_BR_DECODERS.update(("IFLA_BR_" + n, nla_u32) for n in _BR_U32)
_BR_DECODERS.update({
    "IFLA_BR_PRIORITY": nla_u16, "IFLA_BR_VLAN_PROTOCOL": nla_ether_proto,
    "IFLA_BR_GROUP_FWD_MASK": nla_x16, "IFLA_BR_ROOT_ID": bridge_id,
    "IFLA_BR_BRIDGE_ID": bridge_id, "IFLA_BR_ROOT_PORT": nla_u16,
    "IFLA_BR_GROUP_ADDR": hwaddr, "IFLA_BR_VLAN_DEFAULT_PVID": nla_u16,
    "IFLA_BR_MULTI_BOOLOPT": _boolopt, "IFLA_BR_MCAST_QUERIER_STATE": nested(QUERIER)})
BRIDGE_DATA = Attrs(BR_NAMES, "IFLA_BR_???", _BR_DECODERS)

# IFLA_INFO_DATA of a tun device
TUN_NAMES = ("IFLA_TUN_UNSPEC", "IFLA_TUN_OWNER", "IFLA_TUN_GROUP", "IFLA_TUN_TYPE",
             "IFLA_TUN_PI", "IFLA_TUN_VNET_HDR", "IFLA_TUN_PERSIST", "IFLA_TUN_MULTI_QUEUE",
             "IFLA_TUN_NUM_QUEUES", "IFLA_TUN_NUM_DISABLED_QUEUES")
TUN_TYPES = ("IFF_TUN", "IFF_TAP")
TUN_DATA = Attrs(TUN_NAMES, "IFLA_TUN_???", {
    "IFLA_TUN_OWNER": nla_uid, "IFLA_TUN_GROUP": nla_uid,
    "IFLA_TUN_TYPE": enum_decoder(TUN_TYPES, "IFF_???", 1), "IFLA_TUN_PI": nla_u8,
    "IFLA_TUN_VNET_HDR": nla_u8, "IFLA_TUN_PERSIST": nla_u8, "IFLA_TUN_MULTI_QUEUE": nla_u8,
    "IFLA_TUN_NUM_QUEUES": nla_u32, "IFLA_TUN_NUM_DISABLED_QUEUES": nla_u32})

# IFLA_AF_SPEC of an AF_BRIDGE message
BRIDGE_AF_NAMES = ("IFLA_BRIDGE_FLAGS", "IFLA_BRIDGE_MODE", "IFLA_BRIDGE_VLAN_INFO",
                   "IFLA_BRIDGE_VLAN_TUNNEL_INFO", "IFLA_BRIDGE_MRP", "IFLA_BRIDGE_CFM",
                   "IFLA_BRIDGE_MST")
BRIDGE_FLAGS = ("BRIDGE_FLAGS_MASTER", "BRIDGE_FLAGS_SELF")
BRIDGE_MODES = ("BRIDGE_MODE_VEB", "BRIDGE_MODE_VEPA", "BRIDGE_MODE_UNDEF")
BRIDGE_VLAN_INFO = ("BRIDGE_VLAN_INFO_MASTER", "BRIDGE_VLAN_INFO_PVID",
                    "BRIDGE_VLAN_INFO_UNTAGGED", "BRIDGE_VLAN_INFO_RANGE_BEGIN",
                    "BRIDGE_VLAN_INFO_RANGE_END", "BRIDGE_VLAN_INFO_BRENTRY",
                    "BRIDGE_VLAN_INFO_ONLY_OPTS")
VLAN_TUNNEL_NAMES = ("IFLA_BRIDGE_VLAN_TUNNEL_UNSPEC", "IFLA_BRIDGE_VLAN_TUNNEL_ID",
                     "IFLA_BRIDGE_VLAN_TUNNEL_VID", "IFLA_BRIDGE_VLAN_TUNNEL_FLAGS")
_vlan_flags = flags_decoder(BRIDGE_VLAN_INFO, "BRIDGE_VLAN_INFO_???", 2)


def _vlan_info(v, addr, length, opaque=None):
    """struct bridge_vlan_info, then the bytes after it as a hex string."""
    if length < 4:
        return None
    got = v.unpack(addr, "HH")
    if got is None:
        return printers.ptr(addr)
    text = "{flags=%s, vid=%d}" % (v.flags(got[0], BRIDGE_VLAN_INFO, "BRIDGE_VLAN_INFO_???"),
                                   got[1])
    if length > 4:
        text += ", " + hexstr(v, addr + 4, length - 4)
    return text


VLAN_TUNNEL = Attrs(VLAN_TUNNEL_NAMES, "IFLA_BRIDGE_VLAN_TUNNEL_???", {
    "IFLA_BRIDGE_VLAN_TUNNEL_ID": nla_u32, "IFLA_BRIDGE_VLAN_TUNNEL_VID": nla_u16,
    "IFLA_BRIDGE_VLAN_TUNNEL_FLAGS": _vlan_flags})
BRIDGE_AF_SPEC = Attrs(BRIDGE_AF_NAMES, "IFLA_BRIDGE_???", {
    "IFLA_BRIDGE_FLAGS": flags_decoder(BRIDGE_FLAGS, "BRIDGE_FLAGS_???", 2),
    "IFLA_BRIDGE_MODE": enum_decoder(BRIDGE_MODES, "BRIDGE_MODE_???", 2),
    "IFLA_BRIDGE_VLAN_INFO": _vlan_info, "IFLA_BRIDGE_VLAN_TUNNEL_INFO": nested(VLAN_TUNNEL)})
