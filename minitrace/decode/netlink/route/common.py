"""Names and attribute payloads the rtnetlink families share: address families, device
types, route scopes/tables/protocols, addresses in the family of their message, hardware
addresses, link statistics (strace's rtnl_link.c helpers and xlat tables)."""
from minitrace import printers
from minitrace.decode.sockaddr.fields import FAMILIES  # noqa: F401
from minitrace.decode.netlink.sock_diag.common import hex_bytes
from minitrace.decode.netlink.nlattr import (
    hexstr, inet_addr, string, struct_decoder, struct_size)

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


def family_addr(v, addr, length, opaque):
    """An address attribute in the family of its message (ifa_family, rtm_family, ...)."""
    family = None
    if opaque:
        for key in ("ifa_family", "rtm_family", "ndm_family", "family", "ifal_family"):
            if key in opaque:
                family = opaque[key]
                break
    return inet_addr(v, addr, length, family)


def mac_text(v, raw):
    """strace's print_mac_addr/print_hwaddr of bytes: `00:11:22:33:44:55`; -X raw the hex
    string; -X verbose both."""
    mac = ":".join("%02x" % b for b in bytearray(raw))
    cstyle = v.style.const_style
    if cstyle == "abbrev":
        return mac
    quoted = hex_bytes(raw)
    return quoted if cstyle == "raw" else "%s /* %s */" % (quoted, mac)


def hwaddr(v, addr, length, opaque=None):
    """An attribute holding a hardware address (at most MAX_ADDR_LEN bytes)."""
    if length > 32:                          # MAX_ADDR_LEN
        return None
    raw = v.get(addr, length)
    if raw is None:
        return printers.ptr(addr)
    return mac_text(v, raw)


STATS64_FIELDS = ("rx_packets", "tx_packets", "rx_bytes", "tx_bytes", "rx_errors",
                   "tx_errors", "rx_dropped", "tx_dropped", "multicast", "collisions",
                   "rx_length_errors", "rx_over_errors", "rx_crc_errors", "rx_frame_errors",
                   "rx_fifo_errors", "rx_missed_errors", "tx_aborted_errors",
                   "tx_carrier_errors", "tx_fifo_errors", "tx_heartbeat_errors",
                   "tx_window_errors", "rx_compressed", "tx_compressed", "rx_nohandler")
STATS64_FIELDS += ("rx_otherhost_dropped",)


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


def rt_table(v, addr, length, opaque=None):
    if length < 4:
        return None
    got = v.unpack(addr, "I")
    return printers.ptr(addr) if got is None else v.enum(got[0], RT_TABLES)


RTNH_FLAGS = ("RTNH_F_DEAD", "RTNH_F_PERVASIVE", "RTNH_F_ONLINK", "RTNH_F_OFFLOAD",
              "RTNH_F_LINKDOWN", "RTNH_F_UNRESOLVED", "RTNH_F_TRAP")

def family_only(v, addr, length):
    """strace's decode_family: `{family=AF_INET}` or `{family=..., data="\\x.."}`."""
    got = v.unpack(addr, "B")
    if got is None:
        return printers.ptr(addr)
    text = "{family=" + v.enum(got[0], FAMILIES, "AF_???")
    if length > 1:
        text += ", data=" + hexstr(v, addr + 1, length - 1)
    return text + "}"



# strace 6.1's lwtunnel_encap_types (LWTUNNEL_ENCAP_IOAM6 came later)
LWTUNNEL_ENCAPS = ("LWTUNNEL_ENCAP_NONE", "LWTUNNEL_ENCAP_MPLS", "LWTUNNEL_ENCAP_IP",
                   "LWTUNNEL_ENCAP_ILA", "LWTUNNEL_ENCAP_IP6", "LWTUNNEL_ENCAP_SEG6",
                   "LWTUNNEL_ENCAP_BPF", "LWTUNNEL_ENCAP_SEG6_LOCAL", "LWTUNNEL_ENCAP_RPL")


def nla_lwt_encap_type(v, addr, length, opaque=None):
    """strace's decode_nla_lwt_encap_type: a u16 lightweight tunnel type."""
    if length < 2:
        return None
    got = v.unpack(addr, "H")
    return printers.ptr(addr) if got is None else v.enum(got[0], LWTUNNEL_ENCAPS,
                                                         "LWTUNNEL_ENCAP_???")


def family_header(field, attrs, size=4):
    """A message whose header strace shows by its family byte alone (`{ndtm_family=AF_INET}`),
    followed by attributes of `attrs` past the aligned header of `size` bytes."""
    from minitrace.decode.netlink.nlattr import align4, nlattrs

    def decode(v, addr, length):
        got = v.unpack(addr, "B")
        if got is None:
            return printers.ptr(addr)
        text = "{%s=%s}" % (field, v.enum(got[0], FAMILIES, "AF_???"))
        offset = align4(size)
        if length > offset:
            text += ", " + nlattrs(v, addr + offset, length - offset, attrs)
        return text
    return decode
