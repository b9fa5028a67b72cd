"""Offline tests of decode/netlink/route's attribute tables: rtnetlink messages built here
(bytes in), the text strace 6.1 prints for them (text out)."""
import socket
import struct

from minitrace import printers
from test_decode_netlink import NETLINK_ROUTE, nla, nlmsg, text

NLM_F_DUMP = 0x300
RTM_NEWLINK, RTM_GETROUTE, RTM_GETNEIGHTBL, RTM_GETMDB = 16, 26, 66, 86
RTM_GETSTATS, RTM_NEWCACHEREPORT, RTM_GETNEXTHOP, RTM_GETACTION = 94, 96, 106, 50
AF_UNSPEC, AF_INET, AF_BRIDGE, AF_INET6, RTNL_FAMILY_IPMR = 0, 2, 7, 10, 128
RAW = printers.Style(const_style="raw")
VERBOSE = printers.Style(const_style="verbose")


def ifinfomsg(family, attrs):
    return struct.pack("=BxHiII", family, 772, 1, 1, 0) + attrs


def body_of(decoded, head):
    """The decoded message after its family header `head`."""
    assert head in decoded, decoded
    return decoded.split(head + ", ", 1)[1][:-1]


def link_attrs(family, attrs, style=None):
    decoded = text(nlmsg(RTM_NEWLINK, 0, ifinfomsg(family, attrs)), style=style)
    return body_of(decoded, "ifi_change=0}")


def test_protinfo_by_family():
    bridge_id = struct.pack("=BB6s", 0x80, 0, b"\x02\0\0\0\0\x01")
    attrs = nla(12, nla(1, b"\3") + nla(13, bridge_id) + nla(31, struct.pack("=H", 0xc000)))
    assert link_attrs(AF_BRIDGE, attrs) == (
        "[{nla_len=32, nla_type=IFLA_PROTINFO}, [[{nla_len=5, nla_type=IFLA_BRPORT_STATE}, 3], "
        "[{nla_len=12, nla_type=IFLA_BRPORT_ROOT_ID}, {prio=[128, 0], addr=02:00:00:00:00:01}], "
        "[{nla_len=6, nla_type=IFLA_BRPORT_GROUP_FWD_MASK}, 0xc000]]]")
    # AF_INET6: IFLA_INET6_* attributes; another family: the hex string
    attrs = nla(12, nla(8, b"\1") + nla(1, struct.pack("=I", 0x80000010)))
    assert link_attrs(AF_INET6, attrs) == (
        "[{nla_len=20, nla_type=IFLA_PROTINFO}, [[{nla_len=5, "
        "nla_type=IFLA_INET6_ADDR_GEN_MODE}, IN6_ADDR_GEN_MODE_NONE], [{nla_len=8, "
        "nla_type=IFLA_INET6_FLAGS}, IF_RS_SENT|IF_READY]]]")
    assert link_attrs(AF_INET, nla(12, b"\1\2")) == \
        '[{nla_len=6, nla_type=IFLA_PROTINFO}, "\\x01\\x02"]'


def test_af_spec_per_family_and_bridge():
    conf = struct.pack("=ii", 1, -1)
    attrs = nla(26, nla(AF_INET, nla(1, conf)) + nla(AF_INET6, nla(2, conf)) + nla(99, b"x"))
    assert link_attrs(AF_UNSPEC, attrs) == (
        "[{nla_len=44, nla_type=IFLA_AF_SPEC}, [[{nla_len=16, nla_type=AF_INET}, "
        "[{nla_len=12, nla_type=IFLA_INET_CONF}, [[IPV4_DEVCONF_FORWARDING-1]=1, "
        "[IPV4_DEVCONF_MC_FORWARDING-1]=-1]]], [{nla_len=16, nla_type=AF_INET6}, "
        "[{nla_len=12, nla_type=IFLA_INET6_CONF}, [[DEVCONF_FORWARDING]=1, "
        "[DEVCONF_HOPLIMIT]=-1]]], [{nla_len=5, nla_type=0x63 /* AF_??? */}, \"\\x78\"]]]")
    assert "[0 /* DEVCONF_FORWARDING */]=1" in link_attrs(AF_UNSPEC, attrs, VERBOSE)
    assert "[[0]=1, [1]=-1]" in link_attrs(AF_UNSPEC, attrs, RAW)
    # AF_BRIDGE: IFLA_BRIDGE_*; a VLAN info with bytes after the structure
    attrs = nla(26, nla(0, struct.pack("=H", 2)) + nla(2, struct.pack("=HHH", 0x6, 10, 0xffff)))
    assert link_attrs(AF_BRIDGE, attrs) == (
        "[{nla_len=24, nla_type=IFLA_AF_SPEC}, [[{nla_len=6, nla_type=IFLA_BRIDGE_FLAGS}, "
        "BRIDGE_FLAGS_SELF], [{nla_len=10, nla_type=IFLA_BRIDGE_VLAN_INFO}, "
        "{flags=BRIDGE_VLAN_INFO_PVID|BRIDGE_VLAN_INFO_UNTAGGED, vid=10}, \"\\xff\\xff\"]]]")


def test_linkinfo_data_by_kind():
    data = nla(8, struct.pack(">H", 0x8100)) + nla(5, struct.pack("=I", 1))
    attrs = nla(18, nla(1, b"bridge\0") + nla(2, data))
    assert link_attrs(AF_UNSPEC, attrs) == (
        "[{nla_len=36, nla_type=IFLA_LINKINFO}, [[{nla_len=11, nla_type=IFLA_INFO_KIND}, "
        "\"bridge\"], [{nla_len=20, nla_type=IFLA_INFO_DATA}, [[{nla_len=6, "
        "nla_type=IFLA_BR_VLAN_PROTOCOL}, htons(ETH_P_8021Q)], [{nla_len=8, "
        "nla_type=IFLA_BR_STP_STATE}, 1]]]]]")
    # a kind without decoders: its data as the hex string
    attrs = nla(18, nla(1, b"dummy\0") + nla(2, b"\1\2\3\4"))
    assert link_attrs(AF_UNSPEC, attrs).endswith(
        "[{nla_len=8, nla_type=IFLA_INFO_DATA}, \"\\x01\\x02\\x03\\x04\"]]]")


def test_vfinfo_and_ports():
    mac = struct.pack("=I32s", 5, b"\x02\x11\x22\x33\x44\x55")
    vlan = struct.pack("=III", 5, 100, 3) + struct.pack(">H", 0x8100) + b"\0\0"
    attrs = nla(22, nla(1, nla(1, mac) + nla(12, nla(1, vlan))))
    got = link_attrs(AF_UNSPEC, attrs)
    assert got.startswith(
        "[{nla_len=72, nla_type=IFLA_VFINFO_LIST}, [{nla_len=68, nla_type=IFLA_VF_INFO}, "
        "[[{nla_len=40, nla_type=IFLA_VF_MAC}, {vf=5, mac=02:11:22:33:44:55:00:00:")
    assert got.endswith(
        "[{nla_len=24, nla_type=IFLA_VF_VLAN_LIST}, [{nla_len=20, nla_type=IFLA_VF_VLAN_INFO}, "
        "{vf=5, vlan=100, qos=3, vlan_proto=htons(ETH_P_8021Q)}]]]]]")
    vsi = struct.pack("=B3sB3s", 1, b"\xaa\xbb\xcc", 2, b"\0\0\0")
    assert link_attrs(AF_UNSPEC, nla(25, nla(3, vsi) + nla(9, b"\0"))) == (
        "[{nla_len=24, nla_type=IFLA_PORT_SELF}, [[{nla_len=12, nla_type=IFLA_PORT_VSI_TYPE}, "
        "{vsi_mgr_id=1, vsi_type_id=\"\\xaa\\xbb\\xcc\", vsi_type_version=2}], [{nla_len=5, "
        "nla_type=0x9 /* IFLA_VF_PORT_??? */}, \"\\x00\"]]]")


def rtmsg(family, attrs):
    return struct.pack("=BBBBBBBBI", family, 0, 0, 0, 254, 4, 0, 1, 0) + attrs


def test_multipath_and_via():
    gw = nla(5, socket.inet_aton("10.0.0.1"))
    via = nla(18, struct.pack("=H", AF_INET6) + socket.inet_pton(AF_INET6, "fe80::1"))
    hops = struct.pack("=HBBI", 16, 0, 1, 1) + gw + struct.pack("=HBBI", 8, 4, 0, 0)
    decoded = text(nlmsg(RTM_GETROUTE, NLM_F_DUMP, rtmsg(AF_INET, nla(9, hops) + via)))
    assert body_of(decoded, "rtm_flags=0}") == (
        "[[{nla_len=28, nla_type=RTA_MULTIPATH}, [[{rtnh_len=16, rtnh_flags=0, rtnh_hops=1, "
        "rtnh_ifindex=if_nametoindex(\"lo\")}, [{nla_len=8, nla_type=RTA_GATEWAY}, "
        "inet_addr(\"10.0.0.1\")]], {rtnh_len=8, rtnh_flags=RTNH_F_ONLINK, rtnh_hops=0, "
        "rtnh_ifindex=0}]], [{nla_len=22, nla_type=RTA_VIA}, {rtvia_family=AF_INET6, "
        "inet_pton(AF_INET6, \"fe80::1\", &rtvia_addr)}]]")
    decoded = text(nlmsg(RTM_GETROUTE, NLM_F_DUMP, rtmsg(AF_INET, via)), style=VERBOSE)
    assert decoded.endswith("{rtvia_family=0xa /* AF_INET6 */, rtvia_addr=\"\\xfe\\x80\\x00"
                            "\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x01\" "
                            "/* inet_pton(AF_INET6, \"fe80::1\") */}]]")


def test_nexthop_header_and_groups():
    body = struct.pack("=BBBBI", AF_INET, 0, 4, 7, 0) + \
        nla(2, struct.pack("=IBBH", 1, 2, 0, 0) + struct.pack("=IBBH", 3, 4, 5, 6)) + \
        nla(3, struct.pack("=H", 1))
    assert text(nlmsg(RTM_GETNEXTHOP, NLM_F_DUMP, body)).endswith(
        "{nh_family=AF_INET, nh_scope=RT_SCOPE_UNIVERSE, nh_protocol=RTPROT_STATIC, "
        "resvd=0x7, nh_flags=0}, [[{nla_len=20, nla_type=NHA_GROUP}, [{id=1, weight=2}, "
        "{id=3, weight=4, resvd1=0x5, resvd2=0x6}]], [{nla_len=6, nla_type=NHA_GROUP_TYPE}, "
        "NEXTHOP_GRP_TYPE_RES]]]")


def test_stats_msg_pads_and_xstats():
    stp = struct.pack("=6Q", 1, 2, 3, 4, 5, 6)
    body = struct.pack("=BBHII", AF_UNSPEC, 0xca, 0, 1, 0x5) + \
        nla(2, nla(1, nla(4, stp)))
    assert text(nlmsg(RTM_GETSTATS, 0, body)).endswith(
        "{family=AF_UNSPEC, pad1=0xca, ifindex=if_nametoindex(\"lo\"), "
        "filter_mask=1<<IFLA_STATS_UNSPEC|1<<IFLA_STATS_LINK_XSTATS}, [{nla_len=60, "
        "nla_type=IFLA_STATS_LINK_XSTATS}, [{nla_len=56, nla_type=LINK_XSTATS_TYPE_BRIDGE}, "
        "[{nla_len=52, nla_type=BRIDGE_XSTATS_STP}, {transition_blk=1, transition_fwd=2, "
        "rx_bpdu=3, tx_bpdu=4, rx_tcn=5, tx_tcn=6}]]]]")


def test_cachereport_and_family_only_headers():
    body = struct.pack("=B3x", RTNL_FAMILY_IPMR) + nla(1, b"\1") + \
        nla(3, socket.inet_aton("192.0.2.1"))
    assert text(nlmsg(RTM_NEWCACHEREPORT, 0, body)).endswith(
        "{rtgen_family=RTNL_FAMILY_IPMR}, [[{nla_len=5, nla_type=IPMRA_CREPORT_MSGTYPE}, "
        "IGMPMSG_NOCACHE], [{nla_len=8, nla_type=IPMRA_CREPORT_SRC_ADDR}, "
        "inet_addr(\"192.0.2.1\")]]]")
    config = struct.pack("=HHIIIIIII", 4, 32, 3, 10, 20, 30, 0xff, 40, 50)
    assert text(nlmsg(RTM_GETNEIGHTBL, NLM_F_DUMP, b"\2\0\0\0" + nla(5, config))).endswith(
        "{ndtm_family=AF_INET}, [{nla_len=36, nla_type=NDTA_CONFIG}, {ndtc_key_len=4, "
        "ndtc_entry_size=32, ndtc_entries=3, ndtc_last_flush=10, ndtc_last_rand=20, "
        "ndtc_hash_rnd=30, ndtc_hash_mask=0x000000ff, ndtc_hash_chain_gc=40, "
        "ndtc_proxy_qlen=50}]]")
    # tcamsg: TCA_ACT_* attributes, TCA_STATS_* inside TCA_ACT_STATS
    body = b"\0\0\0\0" + nla(7, struct.pack("=I", 2)) + nla(4, nla(1, struct.pack("=QI4x", 5, 6)))
    assert text(nlmsg(RTM_GETACTION, NLM_F_DUMP, body)).endswith(
        "{tca_family=AF_UNSPEC}, [[{nla_len=8, nla_type=TCA_ACT_FLAGS}, TCA_ACT_FLAGS_SKIP_HW], "
        "[{nla_len=24, nla_type=TCA_ACT_STATS}, [{nla_len=20, nla_type=TCA_STATS_BASIC}, "
        "{bytes=5, packets=6}]]]]")


def test_mdb_entry_and_router_port():
    entry = struct.pack("=IBBH16sH2x", 1, 0, 1, 5, socket.inet_aton("239.1.1.1") + b"\0" * 12,
                        socket.htons(0x800))
    # proto is ETH_P_IP: not an address family, the address as its bytes
    body = struct.pack("=B3xI", AF_BRIDGE, 1) + nla(1, nla(1, nla(1, entry))) + \
        nla(2, nla(1, struct.pack("=I", 1) + nla(2, b"\2")))
    got = text(nlmsg(RTM_GETMDB, NLM_F_DUMP, body))
    assert "{ifindex=if_nametoindex(\"lo\"), state=MDB_TEMPORARY, flags=MDB_FLAGS_OFFLOAD, " \
        "vid=5, addr={u=\"\\xef\\x01\\x01\\x01\\x00" in got
    assert "proto=htons(0x800 /* AF_??? */)}}" in got
    assert got.endswith("[{nla_len=20, nla_type=MDBA_ROUTER}, [{nla_len=16, "
                        "nla_type=MDBA_ROUTER_PORT}, if_nametoindex(\"lo\"), [{nla_len=5, "
                        "nla_type=MDBA_ROUTER_PATTR_TYPE}, MDB_RTR_TYPE_PERM]]]]]")
