"""SR-IOV virtual functions and port profiles of links: IFLA_VFINFO_LIST, IFLA_VF_PORTS and
IFLA_PORT_SELF (linux/if_link.h; strace's rtnl_link.c)."""
import struct

from minitrace import printers
from minitrace.decode.netlink.nlattr import (
    Attrs, nested, nla_str, nla_u8, nla_u16, nla_u32, nla_u64, struct_decoder)
from minitrace.decode.netlink.route.common import mac_text
from minitrace.decode.netlink.route.link_bridge import ETH_PROTOS
from minitrace.decode.netlink.sock_diag.common import hex_bytes

VF_LINK_STATES = ("IFLA_VF_LINK_STATE_AUTO", "IFLA_VF_LINK_STATE_ENABLE",
                  "IFLA_VF_LINK_STATE_DISABLE")


def _vf_mac(field, size=32, vf=True):
    """struct ifla_vf_mac / ifla_vf_broadcast: the vf number (if any) and 32 address bytes."""
    total = size + (4 if vf else 0)

    def decode(v, addr, length, opaque=None):
        if length < total:
            return None
        raw = v.get(addr, total)
        if raw is None:
            return printers.ptr(addr)
        parts = []
        if vf:
            parts.append("vf=%d" % struct.unpack(v.order + "I", raw[:4])[0])
            raw = raw[4:]
        parts.append("%s=%s" % (field, mac_text(v, raw)))
        return "{" + ", ".join(parts) + "}"
    return decode


def _vf_link_state(v, addr, length, opaque=None):
    if length < 8:
        return None
    got = v.unpack(addr, "II")
    if got is None:
        return printers.ptr(addr)
    return "{vf=%d, link_state=%s}" % (
        got[0], v.enum(got[1], VF_LINK_STATES, "IFLA_VF_LINK_STATE_???"))


def _vf_guid(v, addr, length, opaque=None):
    """struct ifla_vf_guid: 12 bytes packed or 16 aligned, as strace accepts both."""
    if length == 12:
        got = v.unpack(addr, "IQ")
    elif length == 16:
        got = v.unpack(addr, "I4xQ")
    else:
        return None
    if got is None:
        return printers.ptr(addr)
    return "{vf=%d, guid=%s}" % (got[0], printers.hexnum(got[1]))


def _vf_vlan_info(v, addr, length, opaque=None):
    """struct ifla_vf_vlan_info: vlan_proto in network order."""
    if length < 16:
        return None
    raw = v.get(addr, 16)
    if raw is None:
        return printers.ptr(addr)
    vf, vlan, qos = struct.unpack(v.order + "III", raw[:12])
    return "{vf=%d, vlan=%d, qos=%d, vlan_proto=htons(%s)}" % (
        vf, vlan, qos, v.enum(struct.unpack(">H", raw[12:14])[0], ETH_PROTOS, "ETH_P_???"))


VF_STATS_NAMES = ("IFLA_VF_STATS_RX_PACKETS", "IFLA_VF_STATS_TX_PACKETS",
                  "IFLA_VF_STATS_RX_BYTES", "IFLA_VF_STATS_TX_BYTES",
                  "IFLA_VF_STATS_BROADCAST", "IFLA_VF_STATS_MULTICAST", "IFLA_VF_STATS_PAD",
                  "IFLA_VF_STATS_RX_DROPPED", "IFLA_VF_STATS_TX_DROPPED")
VF_STATS = Attrs(VF_STATS_NAMES, "IFLA_VF_STATS_???", dict(
    (n, nla_u64) for n in VF_STATS_NAMES if n != "IFLA_VF_STATS_PAD"))
VF_VLAN_LIST = Attrs(("IFLA_VF_VLAN_INFO_UNSPEC", "IFLA_VF_VLAN_INFO"),
                     "IFLA_VF_VLAN_INFO_???", {"IFLA_VF_VLAN_INFO": _vf_vlan_info})
VF_NAMES = ("IFLA_VF_UNSPEC", "IFLA_VF_MAC", "IFLA_VF_VLAN", "IFLA_VF_TX_RATE",
            "IFLA_VF_SPOOFCHK", "IFLA_VF_LINK_STATE", "IFLA_VF_RATE", "IFLA_VF_RSS_QUERY_EN",
            "IFLA_VF_STATS", "IFLA_VF_TRUST", "IFLA_VF_IB_NODE_GUID", "IFLA_VF_IB_PORT_GUID",
            "IFLA_VF_VLAN_LIST", "IFLA_VF_BROADCAST")
_VF_SETTING = struct_decoder([("vf", "I"), ("setting", "I")])
VF_INFO = Attrs(VF_NAMES, "IFLA_VF_???", {
    "IFLA_VF_MAC": _vf_mac("mac"),
    "IFLA_VF_VLAN": struct_decoder([("vf", "I"), ("vlan", "I"), ("qos", "I")]),
    "IFLA_VF_TX_RATE": struct_decoder([("vf", "I"), ("rate", "I")]),
    "IFLA_VF_SPOOFCHK": _VF_SETTING, "IFLA_VF_LINK_STATE": _vf_link_state,
    "IFLA_VF_RATE": struct_decoder([("vf", "I"), ("min_tx_rate", "I"), ("max_tx_rate", "I")]),
    "IFLA_VF_RSS_QUERY_EN": _VF_SETTING, "IFLA_VF_STATS": nested(VF_STATS),
    "IFLA_VF_TRUST": _VF_SETTING, "IFLA_VF_IB_NODE_GUID": _vf_guid,
    "IFLA_VF_IB_PORT_GUID": _vf_guid, "IFLA_VF_VLAN_LIST": nested(VF_VLAN_LIST),
    "IFLA_VF_BROADCAST": _vf_mac("broadcast", vf=False)})
VFINFO_LIST = Attrs(("IFLA_VF_INFO_UNSPEC", "IFLA_VF_INFO"), "IFLA_VF_INFO_???", {
    "IFLA_VF_INFO": nested(VF_INFO)})


def _port_vsi(v, addr, length, opaque=None):
    """struct ifla_port_vsi: the pad only when it is not all zero."""
    if length < 8:
        return None
    raw = v.get(addr, 8)
    if raw is None:
        return printers.ptr(addr)
    b = bytearray(raw)
    text = "{vsi_mgr_id=%d, vsi_type_id=%s, vsi_type_version=%d" % (
        b[0], hex_bytes(raw[1:4]), b[4])
    if any(b[5:8]):
        text += ", pad=" + hex_bytes(raw[5:8])
    return text + "}"


PORT_NAMES = ("IFLA_PORT_UNSPEC", "IFLA_PORT_VF", "IFLA_PORT_PROFILE", "IFLA_PORT_VSI_TYPE",
              "IFLA_PORT_INSTANCE_UUID", "IFLA_PORT_HOST_UUID", "IFLA_PORT_REQUEST",
              "IFLA_PORT_RESPONSE")
# strace names an unknown port attribute IFLA_VF_PORT_???
PORT = Attrs(PORT_NAMES, "IFLA_VF_PORT_???", {
    "IFLA_PORT_VF": nla_u32, "IFLA_PORT_PROFILE": nla_str, "IFLA_PORT_VSI_TYPE": _port_vsi,
    "IFLA_PORT_REQUEST": nla_u8, "IFLA_PORT_RESPONSE": nla_u16})
VF_PORTS = Attrs(("IFLA_VF_PORT_UNSPEC", "IFLA_VF_PORT"), "IFLA_VF_PORT_???", {
    "IFLA_VF_PORT": nested(PORT)})
