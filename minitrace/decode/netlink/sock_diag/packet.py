"""AF_PACKET sockets of NETLINK_SOCK_DIAG (linux/packet_diag.h): packet_diag_req (no
attributes) and packet_diag_msg with its attributes."""
from minitrace import printers
from minitrace.decode.netlink.nlattr import (Attrs, Header, array, ifname, nla_u32, show_enum,
                                             show_flags, show_hex, struct_decoder)
from minitrace.decode.netlink.sock_diag.common import (FAMILIES, SOCK_TYPES, hex_bytes,
                                                       nla_meminfo, nla_uid, show_cookie)

PACKET_SHOW = ("PACKET_SHOW_INFO", "PACKET_SHOW_MCLIST", "PACKET_SHOW_RING_CFG",
               "PACKET_SHOW_FANOUT", "PACKET_SHOW_MEMINFO", "PACKET_SHOW_FILTER")
PACKET_DIAG_NAMES = ("PACKET_DIAG_INFO", "PACKET_DIAG_MCLIST", "PACKET_DIAG_RX_RING",
                     "PACKET_DIAG_TX_RING", "PACKET_DIAG_FANOUT", "PACKET_DIAG_UID",
                     "PACKET_DIAG_MEMINFO", "PACKET_DIAG_FILTER")
TPACKET_VERSIONS = ("TPACKET_V1", "TPACKET_V2", "TPACKET_V3")
PDI_FLAGS = ("PDI_RUNNING", "PDI_AUXDATA", "PDI_ORIGDEV", "PDI_VNETHDR", "PDI_LOSS")
# linux/if_ether.h, in the header's order
ETH_PROTOS = (
    "ETH_P_LOOP", "ETH_P_PUP", "ETH_P_PUPAT", "ETH_P_TSN", "ETH_P_ERSPAN2", "ETH_P_IP",
    "ETH_P_X25", "ETH_P_ARP", "ETH_P_BPQ", "ETH_P_IEEEPUP", "ETH_P_IEEEPUPAT", "ETH_P_BATMAN",
    "ETH_P_DEC", "ETH_P_DNA_DL", "ETH_P_DNA_RC", "ETH_P_DNA_RT", "ETH_P_LAT", "ETH_P_DIAG",
    "ETH_P_CUST", "ETH_P_SCA", "ETH_P_TEB", "ETH_P_RARP", "ETH_P_ATALK", "ETH_P_AARP",
    "ETH_P_8021Q", "ETH_P_ERSPAN", "ETH_P_IPX", "ETH_P_IPV6", "ETH_P_PAUSE", "ETH_P_SLOW",
    "ETH_P_WCCP", "ETH_P_MPLS_UC", "ETH_P_MPLS_MC", "ETH_P_ATMMPOA", "ETH_P_PPP_DISC",
    "ETH_P_PPP_SES", "ETH_P_LINK_CTL", "ETH_P_ATMFATE", "ETH_P_PAE", "ETH_P_REALTEK",
    "ETH_P_AOE", "ETH_P_8021AD", "ETH_P_802_EX1", "ETH_P_PREAUTH", "ETH_P_TIPC", "ETH_P_LLDP",
    "ETH_P_MRP", "ETH_P_MACSEC", "ETH_P_8021AH", "ETH_P_MVRP", "ETH_P_1588", "ETH_P_NCSI",
    "ETH_P_PRP", "ETH_P_CFM", "ETH_P_FCOE", "ETH_P_IBOE", "ETH_P_TDLS", "ETH_P_FIP",
    "ETH_P_80221", "ETH_P_HSR", "ETH_P_NSH", "ETH_P_LOOPBACK", "ETH_P_QINQ1", "ETH_P_QINQ2",
    "ETH_P_QINQ3", "ETH_P_EDSA", "ETH_P_DSA_8021Q", "ETH_P_DSA_A5PSW", "ETH_P_IFE",
    "ETH_P_AF_IUCV", "ETH_P_802_3_MIN", "ETH_P_802_3", "ETH_P_AX25", "ETH_P_ALL",
    "ETH_P_802_2", "ETH_P_SNAP", "ETH_P_DDCMP", "ETH_P_WAN_PPP", "ETH_P_PPP_MP",
    "ETH_P_LOCALTALK", "ETH_P_CAN", "ETH_P_CANFD", "ETH_P_CANXL", "ETH_P_PPPTALK",
    "ETH_P_TR_802_2", "ETH_P_MOBITEX", "ETH_P_CONTROL", "ETH_P_IRDA", "ETH_P_ECONET",
    "ETH_P_HDLC", "ETH_P_ARCNET", "ETH_P_DSA", "ETH_P_TRAILER", "ETH_P_PHONET",
    "ETH_P_IEEE802154", "ETH_P_CAIF", "ETH_P_XDSA", "ETH_P_MAP", "ETH_P_MCTP")

REQ = Header([("sdiag_family", "B", show_enum(FAMILIES, "AF_???")),
              ("sdiag_protocol", "B", show_hex), (None, "2x", None),
              ("pdiag_ino", "I", None),
              ("pdiag_show", "I", show_flags(PACKET_SHOW, "PACKET_SHOW_???")),
              ("pdiag_cookie", "8s", show_cookie)])


def _info(v, addr, length, opaque=None):
    if length < 24:
        return None
    got = v.unpack(addr, "IIIIII")
    if got is None:
        return printers.ptr(addr)
    return ("{pdi_index=%s, pdi_version=%s, pdi_reserve=%d, pdi_copy_thresh=%d, "
            "pdi_tstamp=%d, pdi_flags=%s}") % (
        ifname(got[0], v), v.enum(got[1], TPACKET_VERSIONS, "TPACKET_???"), got[2], got[3],
        got[4], v.flags(got[5], PDI_FLAGS, "PDI_???"))


def _mclist_one(v, a):
    got = v.unpack(a, "IIHH32s")
    if got is None:
        return None
    index, count, mtype, alen, maddr = got
    return "{pdmc_index=%s, pdmc_count=%d, pdmc_type=%d, pdmc_alen=%d, pdmc_addr=%s}" % (
        ifname(index, v), count, mtype, alen, hex_bytes(maddr[:min(alen, 32)]))


def _mclist(v, addr, length, opaque=None):
    n = length // 44
    if not n:
        return None
    return array(v, addr, n, 44, lambda a: _mclist_one(v, a))


_RING = struct_decoder([("pdr_block_size", "I"), ("pdr_block_nr", "I"),
                        ("pdr_frame_size", "I"), ("pdr_frame_nr", "I"),
                        ("pdr_retire_tmo", "I"), ("pdr_sizeof_priv", "I"),
                        ("pdr_features", "I")])


def _filter(v, addr, length, opaque=None):
    """PACKET_DIAG_FILTER: a classic BPF program, printed as strace's print_sock_fprog (the
    address without -v)."""
    n = length // 8
    if not n or n > 0xffff:
        return None
    if v.abbrev:
        return printers.ptr(addr)
    # the socket option decoders import decode.net, which imports this package: late
    from minitrace.decode.sockopt.bpf_filter import insn_text

    def element(a):
        got = v.unpack(a, "HBBI")
        return None if got is None else insn_text(v.ctx, v.call, *got)
    return array(v, addr, n, 8, element)


PACKET_DIAG = Attrs(PACKET_DIAG_NAMES, "PACKET_DIAG_???", {
    "PACKET_DIAG_INFO": _info, "PACKET_DIAG_MCLIST": _mclist, "PACKET_DIAG_RX_RING": _RING,
    "PACKET_DIAG_TX_RING": _RING, "PACKET_DIAG_FANOUT": nla_u32, "PACKET_DIAG_UID": nla_uid,
    "PACKET_DIAG_MEMINFO": nla_meminfo, "PACKET_DIAG_FILTER": _filter})

MSG = Header([("pdiag_family", "B", show_enum(FAMILIES, "AF_???")),
              ("pdiag_type", "B", show_enum(SOCK_TYPES, "SOCK_???")),
              ("pdiag_num", "H", show_enum(ETH_PROTOS, "ETH_P_???")),
              ("pdiag_ino", "I", None), ("pdiag_cookie", "8s", show_cookie)], PACKET_DIAG)
