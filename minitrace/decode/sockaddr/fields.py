"""The field printers socket addresses share (strace 6.1's print_fields.h and util.c forms:
PRINT_FIELD_NET_PORT, PRINT_VAL_0X, print_quoted_string's QUOTE_0_TERMINATED, print_ifindex,
print_mac_addr / print_hwaddr, print_inet_addr, printxval_ex with a forced style). Text only:
no ptrace, no printing.

An address printer gets the address zero-padded to SOCKADDR_BUF bytes (strace reads at most
sizeof(struct sockaddr_storage) and zeroes the rest of a buffer one byte longer), so a field past
the address length reads as zero, as in strace.
"""
import socket
import struct

from minitrace import printers
from minitrace.decode.common import endian

SOCKADDR_MAX = 128        # sizeof(struct sockaddr_storage) (linux/socket.h)
SOCKADDR_BUF = SOCKADDR_MAX + 1
MAX_ADDR_LEN = 32         # linux/netdevice.h: the longest hardware address print_hwaddr names

# print_quoted_string(..., QUOTE_FORCE_HEX): every byte as \xNN, without -s limit
_HEX = printers.Style(1 << 20, "all")

# Address families (linux/socket.h), in strace's addrfams order
FAMILIES = ("AF_UNSPEC", "AF_UNIX", "AF_INET", "AF_AX25", "AF_IPX", "AF_APPLETALK",
            "AF_NETROM", "AF_BRIDGE", "AF_ATMPVC", "AF_X25", "AF_INET6", "AF_ROSE", "AF_DECnet",
            "AF_NETBEUI", "AF_SECURITY", "AF_KEY", "AF_NETLINK", "AF_PACKET", "AF_ASH",
            "AF_ECONET", "AF_ATMSVC", "AF_RDS", "AF_SNA", "AF_IRDA", "AF_PPPOX", "AF_WANPIPE",
            "AF_LLC", "AF_IB", "AF_MPLS", "AF_CAN", "AF_TIPC", "AF_BLUETOOTH", "AF_IUCV",
            "AF_RXRPC", "AF_ISDN", "AF_PHONET", "AF_IEEE802154", "AF_CAIF", "AF_ALG", "AF_NFC",
            "AF_VSOCK", "AF_KCM", "AF_QIPCRTR", "AF_SMC", "AF_XDP", "AF_MCTP")
# Socket types (linux/net.h's enum sock_type), strace's socktypes
SOCK_TYPES = ("SOCK_STREAM", "SOCK_DGRAM", "SOCK_RAW", "SOCK_RDM", "SOCK_SEQPACKET",
              "SOCK_DCCP", "SOCK_PACKET")
# IP protocols (linux/in.h), strace's inet_protocols
IPPROTOS = ("IPPROTO_IP", "IPPROTO_ICMP", "IPPROTO_IGMP", "IPPROTO_IPIP", "IPPROTO_TCP",
            "IPPROTO_EGP", "IPPROTO_PUP", "IPPROTO_UDP", "IPPROTO_IDP", "IPPROTO_TP",
            "IPPROTO_DCCP", "IPPROTO_IPV6", "IPPROTO_ROUTING", "IPPROTO_FRAGMENT",
            "IPPROTO_RSVP", "IPPROTO_GRE", "IPPROTO_ESP", "IPPROTO_AH", "IPPROTO_ICMPV6",
            "IPPROTO_NONE", "IPPROTO_DSTOPTS", "IPPROTO_MTP", "IPPROTO_BEETPH", "IPPROTO_ENCAP",
            "IPPROTO_PIM", "IPPROTO_COMP", "IPPROTO_L2TP", "IPPROTO_SCTP", "IPPROTO_MH",
            "IPPROTO_UDPLITE", "IPPROTO_MPLS", "IPPROTO_ETHERNET", "IPPROTO_RAW",
            "IPPROTO_MPTCP")
# netlink protocols (linux/netlink.h), strace's netlink_protocols
NETLINK_PROTOS = ("NETLINK_ROUTE", "NETLINK_UNUSED", "NETLINK_USERSOCK", "NETLINK_FIREWALL",
                  "NETLINK_SOCK_DIAG", "NETLINK_NFLOG", "NETLINK_XFRM", "NETLINK_SELINUX",
                  "NETLINK_ISCSI", "NETLINK_AUDIT", "NETLINK_FIB_LOOKUP", "NETLINK_CONNECTOR",
                  "NETLINK_NETFILTER", "NETLINK_IP6_FW", "NETLINK_DNRTMSG",
                  "NETLINK_KOBJECT_UEVENT", "NETLINK_GENERIC", "NETLINK_SCSITRANSPORT",
                  "NETLINK_ECRYPTFS", "NETLINK_RDMA", "NETLINK_CRYPTO", "NETLINK_SMC")


def _socket():
    return socket


def u16(call, buf, off):
    return struct.unpack_from(endian(call) + "H", buf, off)[0]


def u32(call, buf, off):
    return struct.unpack_from(endian(call) + "I", buf, off)[0]


def s32(call, buf, off):
    return struct.unpack_from(endian(call) + "i", buf, off)[0]


def u64(call, buf, off):
    return struct.unpack_from(endian(call) + "Q", buf, off)[0]


def hex_bytes(data):
    """A byte string with every byte in hex (`"\\x01\\x00"`), whole."""
    return printers.quote_bytes(data, _HEX)


def quoted(ctx, data):
    """print_quoted_string(data, len, 0): every byte, with -x, without the -s limit."""
    return printers.quote_bytes(bytes(data), ctx.style, len(data))


def quoted_0(ctx, buf, off, size, expect_trailing_0=False):
    """print_quoted_string(..., size, QUOTE_0_TERMINATED[|QUOTE_EXPECT_TRAILING_0]): at most
    size - 1 bytes, up to a NUL; with expect_trailing_0, `...` when no NUL ends them (neither
    among them nor right after). `buf` reaches at least off + size bytes."""
    n = size - 1 if size else 0
    data = bytes(buf[off:off + n])
    nul = data.find(b"\0")
    if nul >= 0:
        return quoted(ctx, data[:nul])
    text = quoted(ctx, data)
    if expect_trailing_0 and buf[off + n:off + n + 1] != b"\0":
        text += "..."
    return text


def cstring(ctx, buf, off, size):
    """print_quoted_cstring of a char[size] field: `...` when no NUL ends its size - 1 bytes."""
    return quoted_0(ctx, buf, off, size, True)


def val_0x(value, size):
    """PRINT_VAL_0X of a `size`-byte field: C's %#0*x (`0x05` for a u8, `0000` for a zero u16)."""
    width = size * 2
    return "0" * width if not value else "%#0*x" % (width, value)


def styled(ctx, raw, text):
    """A network-order field: `htons(53)`; -X raw `"\\x00\\x35"`; -X verbose both."""
    cstyle = ctx.style.const_style
    if cstyle == "abbrev":
        return text
    hexed = hex_bytes(raw)
    return hexed if cstyle == "raw" else "%s /* %s */" % (hexed, text)


def net_port(ctx, raw):
    """PRINT_FIELD_NET_PORT's value: `htons(12345)` and its -X forms."""
    return styled(ctx, raw, "htons(%d)" % struct.unpack(">H", raw)[0])


def _forced(ctx, verbose):
    style = ctx.style
    if verbose and style.const_style != "raw":
        style = style.replace(const_style="verbose")
    return style


def xval(ctx, call, value, names, unknown=None, verbose=False):
    """PRINT_FIELD_XVAL (and with verbose=True PRINT_FIELD_XVAL_VERBOSE: the number and its
    name in a comment even without -X verbose)."""
    return printers.enum(value, ctx.enum_table(call.abi, names), _forced(ctx, verbose), unknown)


def xval_of(ctx, value, table, unknown=None, verbose=False):
    """xval of a table of values no kernel header of 6.1's include/ defines (value -> name)."""
    return printers.enum(value, table, _forced(ctx, verbose), unknown)


def xflags(ctx, call, value, names, unknown=None, verbose=False):
    """PRINT_FIELD_FLAGS (and PRINT_FIELD_FLAGS_VERBOSE)."""
    return printers.flags(value, ctx.flag_table(call.abi, names), _forced(ctx, verbose), unknown)


def ifname(index):
    """`if_nametoindex("lo")` for an interface index that has a name here, else None."""
    if not index:
        return None
    try:
        return 'if_nametoindex("%s")' % _socket().if_indextoname(index)
    except (OSError, AttributeError, ValueError, OverflowError):
        return None


def ifindex(ctx, index):
    """print_ifindex: `if_nametoindex("lo")`; -X raw `1`; -X verbose `1 /* if_nametoindex("lo")
    */`; an index without a name as its number."""
    index &= 0xffffffff
    name = ifname(index)
    cstyle = ctx.style.const_style
    if name is None or cstyle == "raw":
        return str(index)
    return "%d /* %s */" % (index, name) if cstyle == "verbose" else name


def mac(ctx, raw, named_size=None):
    """print_mac_addr: `ff:ff:ff:ff:ff:ff`; -X raw the bytes in hex; -X verbose both.
    named_size: print_hwaddr's cut of the colon form to the hardware type's address size."""
    cstyle = ctx.style.const_style
    shown = bytearray(raw if named_size is None else raw[:named_size])
    colons = ":".join("%02x" % b for b in shown)
    if cstyle == "abbrev" and len(raw) <= MAX_ADDR_LEN:
        return colons
    hexed = hex_bytes(raw)
    if cstyle == "raw" or len(raw) > MAX_ADDR_LEN:
        return hexed
    return "%s /* %s */" % (hexed, colons)


def inet_addr(ctx, family, raw, field):
    """print_inet_addr of a field: `sin_addr=inet_addr("1.2.3.4")`,
    `inet_pton(AF_INET6, "ff01::c", &sin6_addr)`, with their -X raw/verbose forms."""
    cstyle = ctx.style.const_style
    text = _socket().inet_ntop(getattr(_socket(), family), bytes(raw))
    if family == "AF_INET":
        call_text = 'inet_addr("%s")' % text
    else:
        call_text = 'inet_pton(AF_INET6, "%s"' % text
        if cstyle == "abbrev":
            return call_text + ", &%s)" % field
        call_text += ")"
    if cstyle == "abbrev":
        return "%s=%s" % (field, call_text)
    hexed = hex_bytes(raw)
    if cstyle == "raw":
        return "%s=%s" % (field, hexed)
    return "%s=%s /* %s */" % (field, hexed, call_text)
