"""What the sock_diag families share: names of the sockets' families, types and states,
struct inet_diag_sockid, the two-word cookies, and the attribute payloads several families
use (socket memory info, uid, IP protocol)."""
import socket
import struct

from minitrace import printers
from minitrace.decode.sockaddr.fields import FAMILIES, IPPROTOS, SOCK_TYPES  # noqa: F401
from minitrace.decode.netlink.nlattr import (  # noqa: F401 (show_shifted: for the families)
    array, enum_decoder, show_shifted, with_record)

# the TCP states of the kernel's include/net/tcp_states.h (idiag_state; udiag_state too)
TCP_STATES = ("TCP_ESTABLISHED", "TCP_SYN_SENT", "TCP_SYN_RECV", "TCP_FIN_WAIT1",
              "TCP_FIN_WAIT2", "TCP_TIME_WAIT", "TCP_CLOSE", "TCP_CLOSE_WAIT", "TCP_LAST_ACK",
              "TCP_LISTEN", "TCP_CLOSING", "TCP_NEW_SYN_RECV")
SK_MEMINFO = ("SK_MEMINFO_RMEM_ALLOC", "SK_MEMINFO_RCVBUF", "SK_MEMINFO_WMEM_ALLOC",
              "SK_MEMINFO_SNDBUF", "SK_MEMINFO_FWD_ALLOC", "SK_MEMINFO_WMEM_QUEUED",
              "SK_MEMINFO_OPTMEM", "SK_MEMINFO_BACKLOG", "SK_MEMINFO_DROPS")

_HEX = printers.Style(1 << 20, "all")


def hex_bytes(raw):
    """strace's print_quoted_string(QUOTE_FORCE_HEX): every byte, whatever -s says."""
    return printers.quote_bytes(raw, _HEX, len(raw))


def show_cookie(v, raw):
    """`[1, 2]`: a u32[2] cookie."""
    return "[%d, %d]" % struct.unpack(v.order + "II", raw)


def net_port(v, name, raw):
    """strace's PRINT_FIELD_NET_PORT: `name=htons(80)`; -X raw the bytes; -X verbose both."""
    text = "htons(%d)" % struct.unpack(">H", raw)[0]
    cstyle = v.style.const_style
    if cstyle == "abbrev":
        return "%s=%s" % (name, text)
    if cstyle == "raw":
        return "%s=%s" % (name, hex_bytes(raw))
    return "%s=%s /* %s */" % (name, hex_bytes(raw), text)


def inet_addr_field(v, name, raw, family):
    """strace's print_inet_addr of a field: `name=inet_addr("1.2.3.4")`,
    `inet_pton(AF_INET6, "::1", &name)`, and their -X forms; other families the bytes."""
    cstyle = v.style.const_style
    if family == v.const("AF_INET"):
        text = 'inet_addr("%s")' % socket.inet_ntop(socket.AF_INET, raw[:4])
    elif family == v.const("AF_INET6"):
        addr6 = socket.inet_ntop(socket.AF_INET6, raw[:16])
        if cstyle == "abbrev":
            return 'inet_pton(AF_INET6, "%s", &%s)' % (addr6, name)
        text = 'inet_pton(AF_INET6, "%s")' % addr6
    else:
        return "%s=%s" % (name, hex_bytes(raw))
    if cstyle == "abbrev":
        return "%s=%s" % (name, text)
    if cstyle == "raw":
        return "%s=%s" % (name, hex_bytes(raw))
    return "%s=%s /* %s */" % (name, hex_bytes(raw), text)


SOCKID_SIZE = 48        # struct inet_diag_sockid


def sockid_text(v, raw, family):
    """struct inet_diag_sockid: ports, addresses in `family`, interface, cookie."""
    from minitrace.decode.netlink.nlattr import ifname
    ifindex, = struct.unpack(v.order + "I", raw[36:40])
    return "{%s, %s, %s, %s, idiag_if=%s, idiag_cookie=%s}" % (
        net_port(v, "idiag_sport", raw[0:2]), net_port(v, "idiag_dport", raw[2:4]),
        inet_addr_field(v, "idiag_src", raw[4:20], family),
        inet_addr_field(v, "idiag_dst", raw[20:36], family), ifname(ifindex, v),
        show_cookie(v, raw[40:48]))


def show_sockid(family_field=None, family_name=None):
    """A row printer of an `id` field: the address family is the struct's `family_field`, or
    always the constant `family_name` (AF_SMC sockets keep AF_INET addresses)."""
    def show(v, raw, record):
        family = record.get(family_field) if family_field else v.const(family_name)
        return "id=" + sockid_text(v, raw, family)
    return with_record(show)


def _meminfo_entry(v, base, addr):
    got = v.unpack(addr, "I")
    if got is None:
        return None
    idx = (addr - base) // 4
    cstyle = v.style.const_style
    name = v.names(SK_MEMINFO).get(idx)
    if cstyle == "raw":
        index = str(idx)
    elif name is None:
        index = "%d /* SK_MEMINFO_??? */" % idx
    elif cstyle == "verbose":
        index = "%d /* %s */" % (idx, name)
    else:
        index = name
    return "[%s]=%d" % (index, got[0])


def nla_meminfo(v, addr, length, opaque=None):
    """strace's decode_nla_meminfo: `[[SK_MEMINFO_RMEM_ALLOC] = 0, ...]`."""
    n = length // 4
    if not n:
        return None
    return array(v, addr, n, 4, lambda a: _meminfo_entry(v, addr, a))


def nla_uid(v, addr, length, opaque=None):
    if length < 4:
        return None
    got = v.unpack(addr, "I")
    if got is None:
        return printers.ptr(addr)
    return "-1" if got[0] == 0xffffffff else str(got[0])


nla_ip_proto = enum_decoder(IPPROTOS, "IPPROTO_???")
