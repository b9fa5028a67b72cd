"""Decoders of sockets: socket, bind, connect, accept, send/recv families, socket options,
addresses (AF_UNIX, AF_INET, AF_INET6, AF_NETLINK, AF_PACKET, others), control messages and
netlink message headers. Text only: no ptrace, no printing.
"""
import struct

from minitrace import printers, subcalls
from minitrace.decode import register
from minitrace.decode.common import (endian, enum_text, failed, fd, flag_text, lbits, read_ints,
                                     read_struct, sint, ulong)
from minitrace.decode.clock import timespec_arg
from minitrace.decode.desc import MAX_IOV
from minitrace.decode.file import in_string
from minitrace.decode.generic import Decoder
from minitrace.decode.layout import Struct, named
from minitrace.decode.netlink import iovec_text as netlink_iovec, sock_buffer


def _socket():
    """The socket module, imported when an address is first printed (not at every start-up)."""
    import socket
    return socket


# strace's xlat/addrfams.in order (AF_LOCAL and AF_ROUTE are aliases it never prints)
FAMILIES = ("AF_UNSPEC", "AF_UNIX", "AF_INET", "AF_AX25", "AF_IPX", "AF_APPLETALK",
            "AF_NETROM", "AF_BRIDGE", "AF_ATMPVC", "AF_X25", "AF_INET6", "AF_ROSE", "AF_DECnet",
            "AF_NETBEUI", "AF_SECURITY", "AF_KEY", "AF_NETLINK", "AF_PACKET", "AF_ASH",
            "AF_ECONET", "AF_ATMSVC", "AF_RDS", "AF_SNA", "AF_IRDA", "AF_PPPOX", "AF_WANPIPE",
            "AF_LLC", "AF_IB", "AF_MPLS", "AF_CAN", "AF_TIPC", "AF_BLUETOOTH", "AF_IUCV",
            "AF_RXRPC", "AF_ISDN", "AF_PHONET", "AF_IEEE802154", "AF_CAIF", "AF_ALG", "AF_NFC",
            "AF_VSOCK", "AF_KCM", "AF_QIPCRTR", "AF_SMC", "AF_XDP", "AF_MCTP")
SOCK_TYPES = ("SOCK_STREAM", "SOCK_DGRAM", "SOCK_RAW", "SOCK_RDM", "SOCK_SEQPACKET",
              "SOCK_DCCP", "SOCK_PACKET")
SOCK_FLAGS = ("SOCK_CLOEXEC", "SOCK_NONBLOCK")
IPPROTOS = ("IPPROTO_IP", "IPPROTO_ICMP", "IPPROTO_IGMP", "IPPROTO_IPIP", "IPPROTO_TCP",
            "IPPROTO_EGP", "IPPROTO_PUP", "IPPROTO_UDP", "IPPROTO_IDP", "IPPROTO_TP",
            "IPPROTO_DCCP", "IPPROTO_IPV6", "IPPROTO_ROUTING", "IPPROTO_FRAGMENT",
            "IPPROTO_RSVP", "IPPROTO_GRE", "IPPROTO_ESP", "IPPROTO_AH", "IPPROTO_ICMPV6",
            "IPPROTO_NONE", "IPPROTO_DSTOPTS", "IPPROTO_MTP", "IPPROTO_BEETPH", "IPPROTO_ENCAP",
            "IPPROTO_PIM", "IPPROTO_COMP", "IPPROTO_L2TP", "IPPROTO_SCTP", "IPPROTO_MH",
            "IPPROTO_UDPLITE", "IPPROTO_MPLS", "IPPROTO_ETHERNET", "IPPROTO_RAW",
            "IPPROTO_MPTCP")
NETLINK_PROTOS = ("NETLINK_ROUTE", "NETLINK_UNUSED", "NETLINK_USERSOCK", "NETLINK_FIREWALL",
                  "NETLINK_SOCK_DIAG", "NETLINK_NFLOG", "NETLINK_XFRM", "NETLINK_SELINUX",
                  "NETLINK_ISCSI", "NETLINK_AUDIT", "NETLINK_FIB_LOOKUP", "NETLINK_CONNECTOR",
                  "NETLINK_NETFILTER", "NETLINK_IP6_FW", "NETLINK_DNRTMSG",
                  "NETLINK_KOBJECT_UEVENT", "NETLINK_GENERIC", "NETLINK_SCSITRANSPORT",
                  "NETLINK_ECRYPTFS", "NETLINK_RDMA", "NETLINK_CRYPTO", "NETLINK_SMC")
MSG_FLAGS = ("MSG_OOB", "MSG_PEEK", "MSG_DONTROUTE", "MSG_CTRUNC", "MSG_PROBE", "MSG_TRUNC",
             "MSG_DONTWAIT", "MSG_EOR", "MSG_WAITALL", "MSG_FIN", "MSG_SYN", "MSG_CONFIRM",
             "MSG_RST", "MSG_ERRQUEUE", "MSG_NOSIGNAL", "MSG_MORE", "MSG_WAITFORONE",
             "MSG_BATCH", "MSG_ZEROCOPY", "MSG_FASTOPEN", "MSG_CMSG_CLOEXEC")
SHUT_HOW = ("SHUT_RD", "SHUT_WR", "SHUT_RDWR")
LEVELS = ("SOL_IP", "SOL_SOCKET", "SOL_TCP", "SOL_UDP", "SOL_IPV6", "SOL_ICMPV6", "SOL_SCTP",
          "SOL_UDPLITE", "SOL_RAW", "SOL_IPX", "SOL_AX25", "SOL_ATALK", "SOL_NETROM",
          "SOL_ROSE", "SOL_DECNET", "SOL_X25", "SOL_PACKET", "SOL_ATM", "SOL_AAL", "SOL_IRDA",
          "SOL_NETBEUI", "SOL_LLC", "SOL_DCCP", "SOL_NETLINK", "SOL_TIPC", "SOL_RXRPC",
          "SOL_PPPOL2TP", "SOL_BLUETOOTH", "SOL_PNPIPE", "SOL_RDS", "SOL_IUCV", "SOL_CAIF",
          "SOL_ALG", "SOL_NFC", "SOL_KCM", "SOL_TLS", "SOL_XDP", "SOL_MPTCP", "SOL_MCTP",
          "SOL_SMC")
# SO_*: the _OLD names first (strace 6.1 prints SO_RCVTIMEO_OLD for 20 on x86_64)
SO_NAMES = ("SO_DEBUG", "SO_REUSEADDR", "SO_TYPE", "SO_ERROR", "SO_DONTROUTE", "SO_BROADCAST",
            "SO_SNDBUF", "SO_RCVBUF", "SO_SNDBUFFORCE", "SO_RCVBUFFORCE", "SO_KEEPALIVE",
            "SO_OOBINLINE", "SO_NO_CHECK", "SO_PRIORITY", "SO_LINGER", "SO_BSDCOMPAT",
            "SO_REUSEPORT", "SO_PASSCRED", "SO_PEERCRED", "SO_RCVLOWAT", "SO_SNDLOWAT",
            "SO_RCVTIMEO_OLD", "SO_SNDTIMEO_OLD", "SO_SECURITY_AUTHENTICATION",
            "SO_SECURITY_ENCRYPTION_TRANSPORT", "SO_SECURITY_ENCRYPTION_NETWORK",
            "SO_BINDTODEVICE", "SO_ATTACH_FILTER", "SO_DETACH_FILTER", "SO_PEERNAME",
            "SO_TIMESTAMP_OLD", "SO_ACCEPTCONN", "SO_PEERSEC", "SO_PASSSEC",
            "SO_TIMESTAMPNS_OLD", "SO_MARK", "SO_TIMESTAMPING_OLD", "SO_PROTOCOL", "SO_DOMAIN",
            "SO_RXQ_OVFL", "SO_WIFI_STATUS", "SO_PEEK_OFF", "SO_NOFCS", "SO_LOCK_FILTER",
            "SO_SELECT_ERR_QUEUE", "SO_BUSY_POLL", "SO_MAX_PACING_RATE", "SO_BPF_EXTENSIONS",
            "SO_INCOMING_CPU", "SO_ATTACH_BPF", "SO_ATTACH_REUSEPORT_CBPF",
            "SO_ATTACH_REUSEPORT_EBPF", "SO_CNX_ADVICE", "SO_MEMINFO", "SO_INCOMING_NAPI_ID",
            "SO_COOKIE", "SO_PEERGROUPS", "SO_ZEROCOPY", "SO_TXTIME", "SO_BINDTOIFINDEX",
            "SO_TIMESTAMP_NEW", "SO_TIMESTAMPNS_NEW", "SO_TIMESTAMPING_NEW", "SO_RCVTIMEO_NEW",
            "SO_SNDTIMEO_NEW", "SO_DETACH_REUSEPORT_BPF", "SO_PREFER_BUSY_POLL",
            "SO_BUSY_POLL_BUDGET", "SO_NETNS_COOKIE", "SO_BUF_LOCK", "SO_RESERVE_MEM",
            "SO_TXREHASH", "SO_RCVMARK")
IP_NAMES = ("IP_TOS", "IP_TTL", "IP_HDRINCL", "IP_OPTIONS", "IP_ROUTER_ALERT", "IP_RECVOPTS",
            "IP_RETOPTS", "IP_PKTINFO", "IP_PKTOPTIONS", "IP_MTU_DISCOVER", "IP_RECVERR",
            "IP_RECVTTL", "IP_RECVTOS", "IP_MTU", "IP_FREEBIND", "IP_IPSEC_POLICY",
            "IP_XFRM_POLICY", "IP_PASSSEC", "IP_TRANSPARENT", "IP_ORIGDSTADDR",
            "IP_MINTTL", "IP_NODEFRAG", "IP_CHECKSUM", "IP_BIND_ADDRESS_NO_PORT",
            "IP_RECVFRAGSIZE", "IP_RECVERR_RFC4884", "IP_MULTICAST_IF", "IP_MULTICAST_TTL",
            "IP_MULTICAST_LOOP", "IP_ADD_MEMBERSHIP", "IP_DROP_MEMBERSHIP",
            "IP_UNBLOCK_SOURCE", "IP_BLOCK_SOURCE", "IP_ADD_SOURCE_MEMBERSHIP",
            "IP_DROP_SOURCE_MEMBERSHIP", "IP_MSFILTER", "IP_MULTICAST_ALL", "IP_UNICAST_IF")
IPV6_NAMES = ("IPV6_ADDRFORM", "IPV6_2292PKTINFO", "IPV6_2292HOPOPTS", "IPV6_2292DSTOPTS",
              "IPV6_2292RTHDR", "IPV6_2292PKTOPTIONS", "IPV6_CHECKSUM", "IPV6_2292HOPLIMIT",
              "IPV6_NEXTHOP", "IPV6_AUTHHDR", "IPV6_FLOWINFO", "IPV6_UNICAST_HOPS",
              "IPV6_MULTICAST_IF", "IPV6_MULTICAST_HOPS", "IPV6_MULTICAST_LOOP",
              "IPV6_ADD_MEMBERSHIP", "IPV6_DROP_MEMBERSHIP", "IPV6_ROUTER_ALERT",
              "IPV6_MTU_DISCOVER", "IPV6_MTU", "IPV6_RECVERR", "IPV6_V6ONLY", "IPV6_JOIN_ANYCAST",
              "IPV6_LEAVE_ANYCAST", "IPV6_MULTICAST_ALL", "IPV6_ROUTER_ALERT_ISOLATE",
              "IPV6_RECVERR_RFC4884", "IPV6_FLOWLABEL_MGR", "IPV6_FLOWINFO_SEND",
              "IPV6_IPSEC_POLICY", "IPV6_XFRM_POLICY", "IPV6_HDRINCL", "IPV6_RECVPKTINFO",
              "IPV6_PKTINFO", "IPV6_RECVHOPLIMIT", "IPV6_HOPLIMIT", "IPV6_RECVHOPOPTS",
              "IPV6_HOPOPTS", "IPV6_RTHDRDSTOPTS", "IPV6_RECVRTHDR", "IPV6_RTHDR",
              "IPV6_RECVDSTOPTS", "IPV6_DSTOPTS", "IPV6_RECVPATHMTU", "IPV6_PATHMTU",
              "IPV6_DONTFRAG", "IPV6_RECVTCLASS", "IPV6_TCLASS", "IPV6_AUTOFLOWLABEL",
              "IPV6_ADDR_PREFERENCES", "IPV6_MINHOPCOUNT", "IPV6_ORIGDSTADDR",
              "IPV6_RECVORIGDSTADDR", "IPV6_TRANSPARENT", "IPV6_UNICAST_IF",
              "IPV6_RECVFRAGSIZE", "IPV6_FREEBIND")
TCP_NAMES = ("TCP_NODELAY", "TCP_MAXSEG", "TCP_CORK", "TCP_KEEPIDLE", "TCP_KEEPINTVL",
             "TCP_KEEPCNT", "TCP_SYNCNT", "TCP_LINGER2", "TCP_DEFER_ACCEPT", "TCP_WINDOW_CLAMP",
             "TCP_INFO", "TCP_QUICKACK", "TCP_CONGESTION", "TCP_MD5SIG", "TCP_THIN_LINEAR_TIMEOUTS",
             "TCP_THIN_DUPACK", "TCP_USER_TIMEOUT", "TCP_REPAIR", "TCP_REPAIR_QUEUE",
             "TCP_QUEUE_SEQ", "TCP_REPAIR_OPTIONS", "TCP_FASTOPEN", "TCP_TIMESTAMP",
             "TCP_NOTSENT_LOWAT", "TCP_CC_INFO", "TCP_SAVE_SYN", "TCP_SAVED_SYN",
             "TCP_REPAIR_WINDOW", "TCP_FASTOPEN_CONNECT", "TCP_ULP", "TCP_MD5SIG_EXT",
             "TCP_FASTOPEN_KEY", "TCP_FASTOPEN_NO_COOKIE", "TCP_ZEROCOPY_RECEIVE", "TCP_INQ",
             "TCP_TX_DELAY")
OPTNAMES_BY_LEVEL = {"SOL_SOCKET": (SO_NAMES, "SO_???"), "SOL_IP": (IP_NAMES, "IP_???"),
                     "SOL_IPV6": (IPV6_NAMES, "IPV6_???"), "SOL_TCP": (TCP_NAMES, "TCP_???")}
SCM_TYPES = ("SCM_RIGHTS", "SCM_CREDENTIALS", "SCM_SECURITY", "SCM_TIMESTAMP_OLD",
             "SCM_TIMESTAMPNS_OLD", "SCM_TIMESTAMPING_OLD", "SCM_WIFI_STATUS", "SCM_TXTIME")
PACKET_TYPES = ("PACKET_HOST", "PACKET_BROADCAST", "PACKET_MULTICAST", "PACKET_OTHERHOST",
                "PACKET_OUTGOING", "PACKET_LOOPBACK", "PACKET_USER", "PACKET_KERNEL")
ETH_PROTOS = ("ETH_P_ALL", "ETH_P_IP", "ETH_P_ARP", "ETH_P_IPV6", "ETH_P_8021Q", "ETH_P_LOOP")

SOCKADDR_MAX = 128        # sizeof(struct sockaddr_storage)


def _u32(v):
    return v & 0xffffffff


def _i32(v):
    return printers.to_signed(v, 32)


def _ifname(index):
    if not index:
        return "0"
    try:
        return 'if_nametoindex("%s")' % _socket().if_indextoname(index)
    except (OSError, AttributeError, ValueError):
        return str(index)


# ---------------------------------------------------------------------------------------------
# addresses

# Address layouts (linux/in.h, in6.h, un.h, netlink.h, if_packet.h). Network-order fields are
# byte arrays; sa_family and the rest are in the tracee's byte order.
SOCKADDR_IN = named("sockaddr_in", Struct("sockaddr_in", [
    ("sin_family", "u16"), ("sin_port", ("u8", 2)), ("sin_addr", ("u8", 4)), (None, ("u8", 8))]))
SOCKADDR_IN6 = named("sockaddr_in6", Struct("sockaddr_in6", [
    ("sin6_family", "u16"), ("sin6_port", ("u8", 2)), ("sin6_flowinfo", ("u8", 4)),
    ("sin6_addr", ("u8", 16)), ("sin6_scope_id", "u32")]))
SOCKADDR_UN = named("sockaddr_un", Struct("sockaddr_un", [
    ("sun_family", "u16"), ("sun_path", ("u8", 108))]))
SOCKADDR_NL = named("sockaddr_nl", Struct("sockaddr_nl", [
    ("nl_family", "u16"), (None, "u16"), ("nl_pid", "u32"), ("nl_groups", "u32")]))
SOCKADDR_LL = named("sockaddr_ll", Struct("sockaddr_ll", [
    ("sll_family", "u16"), ("sll_protocol", ("u8", 2)), ("sll_ifindex", "s32"),
    ("sll_hatype", "u16"), ("sll_pkttype", "u8"), ("sll_halen", "u8"), ("sll_addr", ("u8", 8))]))


def _has(c, data, name):
    """True when `data` (an address cut to addrlen) reaches the end of field `name`."""
    off, size = c.fields[name]
    return len(data) >= off + size


def _bytes(c, data, name):
    off, size = c.fields[name]
    return data[off:off + size]


def sockaddr_text(ctx, call, data):
    """struct sockaddr bytes (already cut to addrlen) as strace prints them."""
    abi = call.abi
    fam = struct.unpack(endian(call) + "H", data[:2])[0]
    c = ctx.constants(abi)
    famname = enum_text(ctx, call, fam, FAMILIES, "AF_???")
    head = "{sa_family=" + famname
    if fam == c.get("AF_UNIX"):
        path = data[SOCKADDR_UN.on(abi).fields["sun_path"][0]:]
        if not path:
            return head + "}"
        if path[:1] == b"\0":
            return head + ", sun_path=@" + printers.quote_bytes(path[1:], ctx.style, 1 << 20) + "}"
        return head + ", sun_path=" + printers.quote_path(path, ctx.style) + "}"
    if fam == c.get("AF_INET") and _has(SOCKADDR_IN.on(abi), data, "sin_addr"):
        sin = SOCKADDR_IN.on(abi)
        port, addr = _bytes(sin, data, "sin_port"), _bytes(sin, data, "sin_addr")
        return head + ", sin_port=%s, sin_addr=%s}" % (
            _styled(ctx, port, "htons(%d)" % struct.unpack(">H", port)[0]),
            _styled(ctx, addr, 'inet_addr("%s")' % _socket().inet_ntoa(addr)))
    sin6 = SOCKADDR_IN6.on(abi)
    if fam == c.get("AF_INET6") and _has(sin6, data, "sin6_addr"):
        port, flow = _bytes(sin6, data, "sin6_port"), _bytes(sin6, data, "sin6_flowinfo")
        raw6 = _bytes(sin6, data, "sin6_addr")
        text = head + ", sin6_port=%s, sin6_flowinfo=%s, " % (
            _styled(ctx, port, "htons(%d)" % struct.unpack(">H", port)[0]),
            _styled(ctx, flow, "htonl(%d)" % struct.unpack(">I", flow)[0]))
        addr6 = _socket().inet_ntop(_socket().AF_INET6, raw6)
        if ctx.style.const_style == "abbrev":
            text += 'inet_pton(AF_INET6, "%s", &sin6_addr)' % addr6
        else:
            text += "sin6_addr=" + _styled(ctx, raw6, 'inet_pton(AF_INET6, "%s")' % addr6)
        if _has(sin6, data, "sin6_scope_id"):
            scope = sin6.get(data, "sin6_scope_id")
            text += ", sin6_scope_id=" + (_ifname(scope) if scope else "0")
        return text + "}"
    nl = SOCKADDR_NL.on(abi)
    if fam == c.get("AF_NETLINK") and _has(nl, data, "nl_groups"):
        return head + ", nl_pid=%d, nl_groups=%08x}" % (nl.get(data, "nl_pid"),
                                                        nl.get(data, "nl_groups"))
    ll = SOCKADDR_LL.on(abi)
    if fam == c.get("AF_PACKET") and _has(ll, data, "sll_addr"):
        v = ll.dict(data)
        proto = struct.unpack(">H", v["sll_protocol"])[0]
        halen = v["sll_halen"]
        addr = bytearray(v["sll_addr"])[:min(halen, 8)]
        return head + (", sll_protocol=htons(%s), sll_ifindex=%s, sll_hatype=%d, "
                       "sll_pkttype=%s, sll_halen=%d, sll_addr=[%s]}") % (
            enum_text(ctx, call, proto, ETH_PROTOS, "ETH_P_???"), _ifname(v["sll_ifindex"]),
            v["sll_hatype"], enum_text(ctx, call, v["sll_pkttype"], PACKET_TYPES, "PACKET_???"),
            halen, ", ".join(printers.hexnum(b) for b in addr))
    return head + ", sa_data=" + printers.quote_bytes(data[2:], ctx.style, SOCKADDR_MAX) + "}"


_HEX = printers.Style(SOCKADDR_MAX, "all")


def _styled(ctx, raw, text):
    """A network-order field: `htons(53)`; -X raw `"\\x00\\x35"`; -X verbose both."""
    cstyle = ctx.style.const_style
    if cstyle == "abbrev":
        return text
    quoted = printers.quote_bytes(raw, _HEX)
    return quoted if cstyle == "raw" else "%s /* %s */" % (quoted, text)


def sockaddr_arg(ctx, call, addr, addrlen):
    """A sockaddr pointer with its length: NULL, the address, or `{sa_family=...}`."""
    if not addr:
        return "NULL"
    addrlen = _i32(addrlen)
    if addrlen < 2:
        return printers.ptr(addr)
    data = ctx.read(call, addr, min(addrlen, SOCKADDR_MAX))
    if data is None or len(data) < min(addrlen, SOCKADDR_MAX):
        return printers.ptr(addr)
    return sockaddr_text(ctx, call, bytes(data))


def _read_int(ctx, call, addr):
    vals = read_ints(ctx, call, addr, 1) if addr else None
    return None if vals is None else vals[0]


@register("accept", "getsockname", "getpeername")
class Accept(Decoder):
    """fd, addr, [in => out] (accept4 adds its flags)."""

    def tail(self, ctx, call):
        return ""

    def enter(self, ctx, call):
        a = call.args
        ulen = _read_int(ctx, call, a[2]) if a[1] else None
        if ulen is None:
            return "%s, %s, %s%s" % (fd(ctx, call, a[0]), printers.ptr(a[1]), printers.ptr(a[2]),
                                     self.tail(ctx, call))
        call.saved = ulen
        return fd(ctx, call, a[0]) + ", "

    def exit(self, ctx, call):
        a = call.args
        ulen = call.saved
        if ulen is None:
            return ""
        rlen = None if failed(call) else _read_int(ctx, call, a[2])
        if rlen is None:
            return "%s, [%d]%s" % (printers.ptr(a[1]), ulen, self.tail(ctx, call))
        lentext = "[%d => %d]" % (ulen, rlen) if ulen != rlen else "[%d]" % rlen
        return "%s, %s%s" % (sockaddr_arg(ctx, call, a[1], min(ulen, rlen)), lentext,
                             self.tail(ctx, call))


@register("accept4")
class Accept4(Accept):
    def tail(self, ctx, call):
        return ", " + flag_text(ctx, call, _u32(call.args[3]), SOCK_FLAGS, "SOCK_???")


def socket_type(ctx, call, value):
    """strace's tprint_sock_type: a known type, then the flags (`SOCK_STREAM|SOCK_CLOEXEC`,
    `SOCK_STREAM|0x3000 /* SOCK_??? */`); an unknown type goes with the flags
    (`SOCK_CLOEXEC|0x9`, `0x3039 /* SOCK_??? */`)."""
    t = value & 0xf
    if t not in ctx.enum_table(call.abi, SOCK_TYPES):
        return flag_text(ctx, call, value, SOCK_FLAGS, "SOCK_???")
    name = enum_text(ctx, call, t, SOCK_TYPES, "SOCK_???")
    rest = value & ~0xf
    if not rest:
        return name
    return name + "|" + flag_text(ctx, call, rest, SOCK_FLAGS, "SOCK_???")


def protocol_text(ctx, call, family, proto):
    c = ctx.constants(call.abi)
    if family in (c.get("AF_INET"), c.get("AF_INET6")):
        return enum_text(ctx, call, proto, IPPROTOS, "IPPROTO_???")
    if family == c.get("AF_NETLINK"):
        return enum_text(ctx, call, proto, NETLINK_PROTOS, "NETLINK_???")
    if family == c.get("AF_PACKET"):
        return "htons(%s)" % enum_text(ctx, call, _socket().ntohs(proto & 0xffff), ETH_PROTOS,
                                       "ETH_P_???")
    return str(proto)


@register("socket")
class Socket(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s" % (enum_text(ctx, call, _u32(a[0]), FAMILIES, "AF_???"),
                               socket_type(ctx, call, _u32(a[1])),
                               protocol_text(ctx, call, _u32(a[0]), _u32(a[2])))


@register("socketpair")
class Socketpair(Socket):
    def enter(self, ctx, call):
        return Socket.enter(self, ctx, call) + ", "

    def exit(self, ctx, call):
        addr = call.args[3]
        vals = None if failed(call) else read_ints(ctx, call, addr, 2)
        if vals is None:
            return printers.ptr(addr)
        return "[%s, %s]" % (fd(ctx, call, vals[0]), fd(ctx, call, vals[1]))


@register("bind", "connect")
class Bind(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %d" % (fd(ctx, call, a[0]), sockaddr_arg(ctx, call, a[1], a[2]), _i32(a[2]))


@register("listen")
class Listen(Decoder):
    def enter(self, ctx, call):
        return "%s, %s" % (fd(ctx, call, call.args[0]), sint(call.args[1]))


@register("shutdown")
class Shutdown(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s" % (fd(ctx, call, a[0]), enum_text(ctx, call, _u32(a[1]), SHUT_HOW, "SHUT_???"))


def msg_flags(ctx, call, value):
    return flag_text(ctx, call, _u32(value), MSG_FLAGS, "MSG_???")


# ---------------------------------------------------------------------------------------------
# send / recv

@register("sendto")
class Sendto(Decoder):
    def enter(self, ctx, call):
        a = call.args
        n = a[2] & ((1 << lbits(call)) - 1)
        return "%s, %s, %s, %s, %s, %d" % (
            fd(ctx, call, a[0]), sock_buffer(ctx, call, a[0], a[1], n), ulong(call, a[2]),
            msg_flags(ctx, call, a[3]), sockaddr_arg(ctx, call, a[4], a[5]), _i32(a[5]))


@register("send")
class Send(Decoder):
    def enter(self, ctx, call):
        a = call.args
        n = a[2] & ((1 << lbits(call)) - 1)
        return "%s, %s, %s, %s" % (fd(ctx, call, a[0]), sock_buffer(ctx, call, a[0], a[1], n),
                                   ulong(call, a[2]), msg_flags(ctx, call, a[3]))


@register("recvfrom")
class Recvfrom(Decoder):
    def enter(self, ctx, call):
        a = call.args
        ulen = _read_int(ctx, call, a[5]) if a[4] and a[5] else None
        call.saved = ulen
        return fd(ctx, call, a[0]) + ", "

    def exit(self, ctx, call):
        a = call.args
        ulen = call.saved
        if failed(call):
            buf = printers.ptr(a[1])
        else:
            buf = sock_buffer(ctx, call, a[0], a[1], call.ret)
        text = "%s, %s, %s, " % (buf, ulong(call, a[2]), msg_flags(ctx, call, a[3]))
        if not a[4]:
            return text + "NULL, " + printers.ptr(a[5])
        if ulen is None:
            return text + printers.ptr(a[4]) + ", " + printers.ptr(a[5])
        rlen = None if failed(call) else _read_int(ctx, call, a[5])
        if rlen is None:
            return text + "%s, [%d]" % (printers.ptr(a[4]), ulen)
        lentext = "[%d => %d]" % (ulen, rlen) if ulen != rlen else "[%d]" % rlen
        return text + "%s, %s" % (sockaddr_arg(ctx, call, a[4], min(ulen, rlen)), lentext)


@register("recv")
class Recv(Decoder):
    def enter(self, ctx, call):
        return fd(ctx, call, call.args[0]) + ", "

    def exit(self, ctx, call):
        a = call.args
        buf = printers.ptr(a[1]) if failed(call) else sock_buffer(ctx, call, a[0], a[1], call.ret)
        return "%s, %s, %s" % (buf, ulong(call, a[2]), msg_flags(ctx, call, a[3]))


# struct user_msghdr (include/linux/socket.h; compat_msghdr in 32-bit words), struct mmsghdr,
# struct cmsghdr, struct ucred (the SCM_CREDENTIALS payload)
MSGHDR = named("msghdr", Struct("msghdr", [
    ("msg_name", "ptr"), ("msg_namelen", "s32"), ("msg_iov", "ptr"), ("msg_iovlen", "ulong"),
    ("msg_control", "ptr"), ("msg_controllen", "ulong"), ("msg_flags", "u32")]))
MMSGHDR = named("mmsghdr", Struct("mmsghdr", [("msg_hdr", MSGHDR), ("msg_len", "u32")]))
CMSGHDR = named("cmsghdr", Struct("cmsghdr", [
    ("cmsg_len", "ulong"), ("cmsg_level", "s32"), ("cmsg_type", "s32"),
    ("cmsg_data", ("u8", 0))]))
UCRED = named("ucred", Struct("ucred", [("pid", "s32"), ("uid", "u32"), ("gid", "u32")]))
_MSGHDR_NAMES = ("msg_name", "msg_namelen", "msg_iov", "msg_iovlen", "msg_control",
                 "msg_controllen", "msg_flags")


def read_msghdr(ctx, call, addr):
    """The msghdr fields in declaration order, or None."""
    v = read_struct(ctx, call, addr, MSGHDR.on(call.abi))
    return None if v is None else tuple(v[n] for n in _MSGHDR_NAMES)


def cmsgs_text(ctx, call, addr, length):
    """The control messages of a msghdr: `[{cmsg_len=20, cmsg_level=SOL_SOCKET, ...}]`."""
    word = lbits(call) // 8
    cm = CMSGHDR.on(call.abi)
    hsize = cm.size
    data_at = cm.fields["cmsg_data"][0]         # CMSG_DATA(): CMSG_ALIGN(sizeof(struct cmsghdr))
    data = ctx.read(call, addr, min(length, 4096))
    if data is None:
        return printers.ptr(addr)
    data = bytes(data)
    c = ctx.constants(call.abi)
    parts = []
    off = 0
    align = lambda n: (n + word - 1) & ~(word - 1)   # noqa: E731
    while off + hsize <= len(data):
        clen, level, ctype = cm.unpack(data, off)[:3]
        text = "{cmsg_len=%d, cmsg_level=%s" % (clen, enum_text(ctx, call, _u32(level), LEVELS,
                                                                 "SOL_???"))
        body = data[off + data_at:off + min(clen, len(data) - off)]
        if level == c.get("SOL_SOCKET"):
            text += ", cmsg_type=" + enum_text(ctx, call, _u32(ctype), SCM_TYPES, "SCM_???")
            if ctype == c.get("SCM_RIGHTS"):
                n = len(body) // 4
                fds = struct.unpack(endian(call) + "%di" % n, body[:4 * n])
                text += ", cmsg_data=[" + ", ".join(fd(ctx, call, x) for x in fds) + "]"
            elif ctype == c.get("SCM_CREDENTIALS") and len(body) >= UCRED.on(call.abi).size:
                text += ", cmsg_data={pid=%d, uid=%d, gid=%d}" % UCRED.on(call.abi).unpack(body)
            elif body:
                text += ", cmsg_data=" + printers.quote_bytes(body, ctx.style)
        else:
            text += ", cmsg_type=%s" % printers.hexnum(_u32(ctype))
            if body:
                text += ", cmsg_data=" + printers.quote_bytes(body, ctx.style)
        parts.append(text + "}")
        if clen < hsize:
            break
        off += align(clen)
    return "[" + ", ".join(parts) + "]"


def msghdr_text(ctx, call, addr, data_size=None, namelen_in=None, sockfd=None):
    """struct msghdr; data_size limits the iovec bytes shown (recvmsg: the return value)."""
    from minitrace.decode.desc import iovec_array
    m = read_msghdr(ctx, call, addr)
    if m is None:
        return printers.ptr(addr)
    name, namelen, iov, iovlen, control, controllen, flags = m
    parts = ["msg_name=" + (sockaddr_arg(ctx, call, name, namelen) if name else "NULL")]
    if namelen_in is not None and namelen_in != namelen:
        parts.append("msg_namelen=%d => %d" % (namelen_in, namelen))
    else:
        parts.append("msg_namelen=%d" % namelen)
    if _is_netlink_name(ctx, call, name, namelen):       # strace: by msg_name's family
        iovtext = netlink_iovec(ctx, call, call.args[0], iov, iovlen, data_size)
    else:
        iovtext = iovec_array(ctx, call, iov, min(iovlen, MAX_IOV + 1), data_size)
    parts.append("msg_iov=" + iovtext)
    parts.append("msg_iovlen=%d" % iovlen)
    if controllen:
        parts.append("msg_control=" + cmsgs_text(ctx, call, control, controllen))
    parts.append("msg_controllen=%d" % controllen)
    parts.append("msg_flags=" + msg_flags(ctx, call, flags))
    return "{" + ", ".join(parts) + "}"


def _is_netlink_name(ctx, call, name, namelen):
    if not name or _i32(namelen) < 2:
        return False
    data = ctx.read(call, name, 2)
    if data is None or len(data) < 2:
        return False
    return struct.unpack(endian(call) + "H", bytes(data))[0] == ctx.constants(call.abi).get(
        "AF_NETLINK")


def read_iov(ctx, call, addr):
    from minitrace.decode.desc import IOVEC
    v = read_struct(ctx, call, addr, IOVEC.on(call.abi))
    return (None, None) if v is None else (v["iov_base"], v["iov_len"])


@register("sendmsg")
class Sendmsg(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s" % (fd(ctx, call, a[0]), msghdr_text(ctx, call, a[1], sockfd=a[0]),
                               msg_flags(ctx, call, a[2]))


@register("recvmsg")
class Recvmsg(Decoder):
    def enter(self, ctx, call):
        m = read_msghdr(ctx, call, call.args[1])
        call.saved = m[1] if m is not None else None
        return fd(ctx, call, call.args[0]) + ", "

    def exit(self, ctx, call):
        a = call.args
        namelen = call.saved
        if failed(call):
            return "%s, %s" % (printers.ptr(a[1]), msg_flags(ctx, call, a[2]))
        return "%s, %s" % (msghdr_text(ctx, call, a[1], call.ret, namelen, a[0]),
                           msg_flags(ctx, call, a[2]))


def mmsg_array(ctx, call, addr, count, recv):
    if not ctx.style.deref:                   # -e verbose=: the array's address
        return printers.ptr(addr)
    mm = MMSGHDR.on(call.abi)
    size = mm.size
    hsize = mm.fields["msg_len"][0]
    shown = printers.array_limit(count, ctx.style)
    parts = []
    for i in range(shown):
        base = addr + i * size
        raw = ctx.read(call, base + hsize, 4)
        if raw is None or len(raw) < 4:
            parts.append(printers.ptr(base))
            break
        mlen = struct.unpack(endian(call) + "I", raw)[0]
        parts.append("{msg_hdr=%s, msg_len=%d}" % (
            msghdr_text(ctx, call, base, mlen if recv else None), mlen))
    if count > shown:
        parts.append("...")
    return "[" + ", ".join(parts) + "]"


@register("sendmmsg")
class Sendmmsg(Decoder):
    def enter(self, ctx, call):
        return fd(ctx, call, call.args[0]) + ", "

    def exit(self, ctx, call):
        a = call.args
        n = _u32(a[2])
        if failed(call):
            vec = printers.ptr(a[1])
        else:
            vec = mmsg_array(ctx, call, a[1], min(call.ret, n), False)
        return "%s, %d, %s" % (vec, n, msg_flags(ctx, call, a[3]))


@register("recvmmsg", "recvmmsg_time64")
class Recvmmsg(Decoder):
    def enter(self, ctx, call):
        call.saved = timespec_arg(ctx, call, call.args[4])
        return fd(ctx, call, call.args[0]) + ", "

    def exit(self, ctx, call):
        a = call.args
        n = _u32(a[2])
        ts = call.saved
        if failed(call):
            vec = printers.ptr(a[1])
        else:
            vec = mmsg_array(ctx, call, a[1], min(call.ret, n), True)
        return "%s, %d, %s, %s" % (vec, n, msg_flags(ctx, call, a[3]), ts)

    def result(self, ctx, call):
        text = Decoder.result(self, ctx, call)
        if failed(call) or not call.args[4] or not ctx.style.deref:
            return text
        return "%s (left %s)" % (text, timespec_arg(ctx, call, call.args[4]))


# ---------------------------------------------------------------------------------------------
# socket options

def _level_name(ctx, call, level):
    table = ctx.enum_table(call.abi, LEVELS)
    return table.get(level)


def optname_text(ctx, call, level, opt):
    lname = _level_name(ctx, call, level)
    names = OPTNAMES_BY_LEVEL.get(lname)
    if names is None:
        return str(opt)
    return enum_text(ctx, call, opt, names[0], names[1])


def level_text(ctx, call, level):
    return enum_text(ctx, call, level, LEVELS, "SOL_???")


def optval_text(ctx, call, level, opt, addr, length, getting):
    if not addr:
        return "NULL"
    lname = _level_name(ctx, call, level)
    if length == 4 or (getting and length >= 4):
        v = _read_int(ctx, call, addr)
        if v is None:
            return printers.ptr(addr)
        c = ctx.constants(call.abi)
        if lname == "SOL_SOCKET" and opt == c.get("SO_ERROR") and v > 0:
            name = ctx.errno_names(call.abi).get(v)
            cstyle = ctx.style.const_style
            if name is None or cstyle == "raw":
                return "[%d]" % v
            return "[%d /* %s */]" % (v, name) if cstyle == "verbose" else "[%s]" % name
        return "[%d]" % v
    if length <= 0:
        return printers.ptr(addr)
    data = ctx.read_data(call, addr, min(length, ctx.style.string_limit))
    if data is None:
        return printers.ptr(addr)
    return printers.quote_bytes(data, ctx.style, None, length > len(data))


@register("setsockopt")
class Setsockopt(Decoder):
    def enter(self, ctx, call):
        a = call.args
        level, opt, length = _u32(a[1]), _u32(a[2]), _i32(a[4])
        return "%s, %s, %s, %s, %d" % (fd(ctx, call, a[0]), level_text(ctx, call, level),
                                       optname_text(ctx, call, level, opt),
                                       optval_text(ctx, call, level, opt, a[3], length, False),
                                       length)


@register("getsockopt")
class Getsockopt(Decoder):
    def enter(self, ctx, call):
        a = call.args
        level, opt = _u32(a[1]), _u32(a[2])
        call.saved = _read_int(ctx, call, a[4])
        return "%s, %s, %s, " % (fd(ctx, call, a[0]), level_text(ctx, call, level),
                                 optname_text(ctx, call, level, opt))

    def exit(self, ctx, call):
        a = call.args
        level, opt = _u32(a[1]), _u32(a[2])
        ulen = call.saved
        if failed(call):
            return "%s, %s" % (printers.ptr(a[3]),
                               "[%d]" % ulen if ulen is not None else printers.ptr(a[4]))
        rlen = _read_int(ctx, call, a[4])
        if rlen is None:
            return "%s, %s" % (printers.ptr(a[3]), printers.ptr(a[4]))
        lentext = "[%d => %d]" % (ulen, rlen) if ulen is not None and ulen != rlen else \
            "[%d]" % rlen
        return "%s, %s" % (optval_text(ctx, call, level, opt, a[3], rlen, True), lentext)


# linux/net.h SYS_SOCKET ... SYS_SENDMMSG, the calls socketcall(2) carries
_SOCKETCALL_NAMES = dict((nr, "SYS_" + name.upper()) for nr, (name, _) in
                         subcalls.SOCKET_CALLS.items())


@register("socketcall")
class Socketcall(Decoder):
    """What is left of socketcall once subcalls.py has taken the calls it knows: an unknown
    call (`socketcall(99, 0x8)`) or an unreadable argument array
    (`socketcall(SYS_SOCKET, 0x8)`)."""
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s" % (printers.enum(a[0] & 0xffffffff, _SOCKETCALL_NAMES, ctx.style,
                                         decimal=True), printers.ptr(a[1]))

