"""SOL_IP, SOL_IPV6, SOL_TCP, SOL_UDP and SOL_RAW options (linux/in.h, in6.h, tcp.h, udp.h,
icmp.h, the netfilter and IPVS get/set controls; strace 6.1's sock_ip_options,
sock_ipv6_options, sock_tcp_options, sock_udp_options, sock_raw_options lists): the multicast
requests (ip_mreq, ipv6_mreq, group_req) and ICMP_FILTER."""
import struct

from minitrace import printers
from minitrace.decode.common import endian, enum_text, lbits
from minitrace.decode.layout import Struct, named
from minitrace.decode.sockopt.common import ifindex, inet_addr, read_exact
from minitrace.decode.sockopt.level import Level

_MCAST = ("MCAST_JOIN_GROUP", "MCAST_BLOCK_SOURCE", "MCAST_UNBLOCK_SOURCE", "MCAST_LEAVE_GROUP",
          "MCAST_JOIN_SOURCE_GROUP", "MCAST_LEAVE_SOURCE_GROUP", "MCAST_MSFILTER")
IP_NAMES = ("IP_TOS", "IP_TTL", "IP_HDRINCL", "IP_OPTIONS", "IP_ROUTER_ALERT", "IP_RECVOPTS",
            "IP_RETOPTS", "IP_PKTINFO", "IP_PKTOPTIONS", "IP_MTU_DISCOVER", "IP_RECVERR",
            "IP_RECVTTL", "IP_RECVTOS", "IP_MTU", "IP_FREEBIND", "IP_IPSEC_POLICY",
            "IP_XFRM_POLICY", "IP_PASSSEC", "IP_TRANSPARENT", "IP_ORIGDSTADDR", "IP_MINTTL",
            "IP_NODEFRAG", "IP_CHECKSUM", "IP_BIND_ADDRESS_NO_PORT", "IP_RECVFRAGSIZE",
            "IP_RECVERR_RFC4884", "IP_MULTICAST_IF", "IP_MULTICAST_TTL", "IP_MULTICAST_LOOP",
            "IP_ADD_MEMBERSHIP", "IP_DROP_MEMBERSHIP", "IP_UNBLOCK_SOURCE", "IP_BLOCK_SOURCE",
            "IP_ADD_SOURCE_MEMBERSHIP", "IP_DROP_SOURCE_MEMBERSHIP", "IP_MSFILTER") + _MCAST + (
            "IP_MULTICAST_ALL", "IP_UNICAST_IF")
IP_GET_NAMES = ("ARPT_SO_GET_INFO", "ARPT_SO_GET_ENTRIES", "ARPT_SO_GET_REVISION_MATCH",
                "ARPT_SO_GET_REVISION_TARGET", "EBT_SO_GET_INFO", "EBT_SO_GET_ENTRIES",
                "EBT_SO_GET_INIT_INFO", "EBT_SO_GET_INIT_ENTRIES", "IP_VS_SO_GET_VERSION",
                "IP_VS_SO_GET_INFO", "IP_VS_SO_GET_SERVICES", "IP_VS_SO_GET_SERVICE",
                "IP_VS_SO_GET_DESTS", "IP_VS_SO_GET_DEST", "IP_VS_SO_GET_TIMEOUT",
                "IP_VS_SO_GET_DAEMON", "IPT_SO_GET_INFO", "IPT_SO_GET_ENTRIES",
                "IPT_SO_GET_REVISION_MATCH", "IPT_SO_GET_REVISION_TARGET")
IP_SET_NAMES = ("ARPT_SO_SET_REPLACE", "ARPT_SO_SET_ADD_COUNTERS", "EBT_SO_SET_ENTRIES",
                "EBT_SO_SET_COUNTERS", "IP_VS_SO_SET_NONE", "IP_VS_SO_SET_INSERT",
                "IP_VS_SO_SET_ADD", "IP_VS_SO_SET_EDIT", "IP_VS_SO_SET_DEL",
                "IP_VS_SO_SET_FLUSH", "IP_VS_SO_SET_LIST", "IP_VS_SO_SET_ADDDEST",
                "IP_VS_SO_SET_DELDEST", "IP_VS_SO_SET_EDITDEST", "IP_VS_SO_SET_TIMEOUT",
                "IP_VS_SO_SET_STARTDAEMON", "IP_VS_SO_SET_STOPDAEMON", "IP_VS_SO_SET_RESTORE",
                "IP_VS_SO_SET_SAVE", "IP_VS_SO_SET_ZERO", "IPT_SO_SET_REPLACE",
                "IPT_SO_SET_ADD_COUNTERS")
IPV6_NAMES = ("IPV6_ADDRFORM", "IPV6_2292PKTINFO", "IPV6_2292HOPOPTS", "IPV6_2292DSTOPTS",
              "IPV6_2292RTHDR", "IPV6_2292PKTOPTIONS", "IPV6_CHECKSUM", "IPV6_2292HOPLIMIT",
              "IPV6_NEXTHOP", "IPV6_AUTHHDR", "IPV6_FLOWINFO", "IPV6_UNICAST_HOPS",
              "IPV6_MULTICAST_IF", "IPV6_MULTICAST_HOPS", "IPV6_MULTICAST_LOOP",
              "IPV6_ADD_MEMBERSHIP", "IPV6_DROP_MEMBERSHIP", "IPV6_ROUTER_ALERT",
              "IPV6_MTU_DISCOVER", "IPV6_MTU", "IPV6_RECVERR", "IPV6_V6ONLY",
              "IPV6_JOIN_ANYCAST", "IPV6_LEAVE_ANYCAST", "IPV6_MULTICAST_ALL",
              "IPV6_ROUTER_ALERT_ISOLATE", "IPV6_RECVERR_RFC4884", "IPV6_FLOWLABEL_MGR",
              "IPV6_FLOWINFO_SEND", "IPV6_IPSEC_POLICY", "IPV6_XFRM_POLICY",
              "IPV6_HDRINCL") + _MCAST + (
              "IPV6_RECVPKTINFO", "IPV6_PKTINFO", "IPV6_RECVHOPLIMIT", "IPV6_HOPLIMIT",
              "IPV6_RECVHOPOPTS", "IPV6_HOPOPTS", "IPV6_RTHDRDSTOPTS", "IPV6_RECVRTHDR",
              "IPV6_RTHDR", "IPV6_RECVDSTOPTS", "IPV6_DSTOPTS", "IPV6_RECVPATHMTU",
              "IPV6_PATHMTU", "IPV6_DONTFRAG", "IPV6_USE_MIN_MTU", "IPV6_RECVTCLASS",
              "IPV6_TCLASS", "IPV6_AUTOFLOWLABEL", "IPV6_ADDR_PREFERENCES", "IPV6_MINHOPCOUNT",
              "IPV6_ORIGDSTADDR", "IPV6_TRANSPARENT", "IPV6_UNICAST_IF", "IPV6_RECVFRAGSIZE",
              "IPV6_FREEBIND")
IPV6_GET_NAMES = ("IP6T_SO_GET_INFO", "IP6T_SO_GET_ENTRIES", "IP6T_SO_GET_REVISION_MATCH",
                  "IP6T_SO_GET_REVISION_TARGET")
IPV6_SET_NAMES = ("IP6T_SO_SET_REPLACE", "IP6T_SO_SET_ADD_COUNTERS")
TCP_NAMES = ("TCP_NODELAY", "TCP_MAXSEG", "TCP_CORK", "TCP_KEEPIDLE", "TCP_KEEPINTVL",
             "TCP_KEEPCNT", "TCP_SYNCNT", "TCP_LINGER2", "TCP_DEFER_ACCEPT", "TCP_WINDOW_CLAMP",
             "TCP_INFO", "TCP_QUICKACK", "TCP_CONGESTION", "TCP_MD5SIG",
             "TCP_COOKIE_TRANSACTIONS", "TCP_THIN_LINEAR_TIMEOUTS", "TCP_THIN_DUPACK",
             "TCP_USER_TIMEOUT", "TCP_REPAIR", "TCP_REPAIR_QUEUE", "TCP_QUEUE_SEQ",
             "TCP_REPAIR_OPTIONS", "TCP_FASTOPEN", "TCP_TIMESTAMP", "TCP_NOTSENT_LOWAT",
             "TCP_CC_INFO", "TCP_SAVE_SYN", "TCP_SAVED_SYN", "TCP_REPAIR_WINDOW",
             "TCP_FASTOPEN_CONNECT", "TCP_ULP", "TCP_MD5SIG_EXT", "TCP_FASTOPEN_KEY",
             "TCP_FASTOPEN_NO_COOKIE", "TCP_ZEROCOPY_RECEIVE", "TCP_INQ", "TCP_TX_DELAY")
UDP_NAMES = ("UDP_CORK", "UDP_ENCAP", "UDP_NO_CHECK6_TX", "UDP_NO_CHECK6_RX", "UDP_SEGMENT",
             "UDP_GRO")
RAW_NAMES = ("ICMP_FILTER",)
# the ICMP message types of the ICMP_FILTER bit set (linux/icmp.h)
ICMP_TYPES = ("ICMP_ECHOREPLY", "ICMP_DEST_UNREACH", "ICMP_SOURCE_QUENCH", "ICMP_REDIRECT",
              "ICMP_ECHO", "ICMP_TIME_EXCEEDED", "ICMP_PARAMETERPROB", "ICMP_TIMESTAMP",
              "ICMP_TIMESTAMPREPLY", "ICMP_INFO_REQUEST", "ICMP_INFO_REPLY", "ICMP_ADDRESS",
              "ICMP_ADDRESSREPLY")

# linux/in.h struct ip_mreq, linux/in6.h struct ipv6_mreq
IP_MREQ = named("ip_mreq", Struct("ip_mreq", [
    ("imr_multiaddr", ("u8", 4)), ("imr_interface", ("u8", 4))]))
IPV6_MREQ = named("ipv6_mreq", Struct("ipv6_mreq", [
    ("ipv6mr_multiaddr", ("u8", 16)), ("ipv6mr_ifindex", "s32")]))
SOCKADDR_STORAGE_SIZE = 128      # struct __kernel_sockaddr_storage (linux/socket.h)


def set_mreq(ctx, call, addr, length):
    c = IP_MREQ.on(call.abi)
    data = read_exact(ctx, call, addr, c.size) if length >= c.size else None
    if data is None:
        return printers.ptr(addr)
    v = c.dict(data)
    return "{%s, %s}" % (inet_addr(ctx, "AF_INET", v["imr_multiaddr"], "imr_multiaddr"),
                         inet_addr(ctx, "AF_INET", v["imr_interface"], "imr_interface"))


def set_mreq6(ctx, call, addr, length):
    c = IPV6_MREQ.on(call.abi)
    data = read_exact(ctx, call, addr, c.size) if length >= c.size else None
    if data is None:
        return printers.ptr(addr)
    v = c.dict(data)
    return "{%s, ipv6mr_interface=%s}" % (
        inet_addr(ctx, "AF_INET6", v["ipv6mr_multiaddr"], "ipv6mr_multiaddr"),
        ifindex(ctx, v["ipv6mr_ifindex"]))


def set_group_req(ctx, call, addr, length):
    """struct group_req (linux/in.h): a u32 then a struct __kernel_sockaddr_storage, aligned
    as a pointer."""
    group_at = lbits(call) // 8
    size = group_at + SOCKADDR_STORAGE_SIZE
    data = read_exact(ctx, call, addr, size) if length >= size else None
    if data is None:
        return printers.ptr(addr)
    from minitrace.decode.sockaddr import sockaddr_text
    index = struct.unpack(endian(call) + "I", data[:4])[0]
    return "{gr_interface=%s, gr_group=%s}" % (ifindex(ctx, index),
                                               sockaddr_text(ctx, call, data[group_at:]))


def _icmp_filter(ctx, call, addr, length):
    """print_icmp_filter: the ICMP types of the bit set, `~[...]` for the types not in it when
    more than half the bits are set."""
    if length <= 0:
        return printers.ptr(addr)
    length = min(length, 4)
    data = read_exact(ctx, call, addr, length)
    if data is None:
        return printers.ptr(addr)
    data += b"\xff" * (4 - length)
    bits = struct.unpack(endian(call) + "I", data)[0]
    prefix = ""
    if bin(bits).count("1") > 16:
        bits = ~bits & 0xffffffff
        prefix = "~"
    names = [enum_text(ctx, call, i, ICMP_TYPES, "ICMP_???") for i in range(32) if bits >> i & 1]
    return "%s[%s]" % (prefix, " ".join(names))


def get_icmp_filter(ctx, call, addr, ulen, rlen):
    return _icmp_filter(ctx, call, addr, rlen)


def set_icmp_filter(ctx, call, addr, length):
    return _icmp_filter(ctx, call, addr, length)


SOL_IP = Level(IP_NAMES, "IP_???", IP_GET_NAMES, IP_SET_NAMES, setters={
    "IP_ADD_MEMBERSHIP": set_mreq, "IP_DROP_MEMBERSHIP": set_mreq,
    "MCAST_JOIN_GROUP": set_group_req, "MCAST_LEAVE_GROUP": set_group_req})
SOL_IPV6 = Level(IPV6_NAMES, "IPV6_???", IPV6_GET_NAMES, IPV6_SET_NAMES, setters={
    "IPV6_ADD_MEMBERSHIP": set_mreq6, "IPV6_DROP_MEMBERSHIP": set_mreq6,
    "IPV6_JOIN_ANYCAST": set_mreq6, "IPV6_LEAVE_ANYCAST": set_mreq6,
    "MCAST_JOIN_GROUP": set_group_req, "MCAST_LEAVE_GROUP": set_group_req})
SOL_TCP = Level(TCP_NAMES, "TCP_???")
SOL_UDP = Level(UDP_NAMES, "UDP_???")
SOL_RAW = Level(RAW_NAMES, "RAW_???", getters={"ICMP_FILTER": get_icmp_filter},
                setters={"ICMP_FILTER": set_icmp_filter})
