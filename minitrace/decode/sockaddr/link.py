"""AF_NETLINK and AF_PACKET addresses (linux/netlink.h's struct sockaddr_nl, linux/if_packet.h's
struct sockaddr_ll), as strace 6.1's print_sockaddr_data_nl and print_sockaddr_data_ll."""
import struct

from minitrace import printers
from minitrace.decode.common import enum_text, pid_arg
from minitrace.decode.sockaddr.fields import ifindex, styled, u16, u32, val_0x

# struct sockaddr_nl: u16 nl_pad at 2, u32 nl_pid at 4, u32 nl_groups at 8
SOCKADDR_NL_LEN = 12
# struct sockaddr_ll: sll_protocol at 2 (network order), int sll_ifindex at 4, u16 sll_hatype
# at 8, u8 sll_pkttype at 10, u8 sll_halen at 11, u8 sll_addr[8] at 12
SOCKADDR_LL_LEN = 20
SLL_ADDR_AT = 12

# linux/if_packet.h, linux/if_ether.h
PACKET_TYPES = ("PACKET_HOST", "PACKET_BROADCAST", "PACKET_MULTICAST", "PACKET_OTHERHOST",
                "PACKET_OUTGOING", "PACKET_LOOPBACK", "PACKET_USER", "PACKET_KERNEL")
# linux/if_arp.h, in value order (strace's arp_hardware_types)
ARPHRD_TYPES = ("ARPHRD_NETROM", "ARPHRD_ETHER", "ARPHRD_EETHER", "ARPHRD_AX25", "ARPHRD_PRONET",
                "ARPHRD_CHAOS", "ARPHRD_IEEE802", "ARPHRD_ARCNET", "ARPHRD_APPLETLK",
                "ARPHRD_DLCI", "ARPHRD_ATM", "ARPHRD_METRICOM", "ARPHRD_IEEE1394",
                "ARPHRD_EUI64", "ARPHRD_INFINIBAND", "ARPHRD_SLIP", "ARPHRD_CSLIP",
                "ARPHRD_SLIP6", "ARPHRD_CSLIP6", "ARPHRD_RSRVD", "ARPHRD_ADAPT", "ARPHRD_ROSE",
                "ARPHRD_X25", "ARPHRD_HWX25", "ARPHRD_CAN", "ARPHRD_MCTP", "ARPHRD_PPP",
                "ARPHRD_CISCO", "ARPHRD_LAPB", "ARPHRD_DDCMP", "ARPHRD_RAWHDLC", "ARPHRD_RAWIP",
                "ARPHRD_TUNNEL", "ARPHRD_TUNNEL6", "ARPHRD_FRAD", "ARPHRD_SKIP",
                "ARPHRD_LOOPBACK", "ARPHRD_LOCALTLK", "ARPHRD_FDDI", "ARPHRD_BIF", "ARPHRD_SIT",
                "ARPHRD_IPDDP", "ARPHRD_IPGRE", "ARPHRD_PIMREG", "ARPHRD_HIPPI", "ARPHRD_ASH",
                "ARPHRD_ECONET", "ARPHRD_IRDA", "ARPHRD_FCPP", "ARPHRD_FCAL", "ARPHRD_FCPL",
                "ARPHRD_FCFABRIC", "ARPHRD_IEEE802_TR", "ARPHRD_IEEE80211",
                "ARPHRD_IEEE80211_PRISM", "ARPHRD_IEEE80211_RADIOTAP", "ARPHRD_IEEE802154",
                "ARPHRD_IEEE802154_MONITOR", "ARPHRD_PHONET", "ARPHRD_PHONET_PIPE",
                "ARPHRD_CAIF", "ARPHRD_IP6GRE", "ARPHRD_NETLINK", "ARPHRD_6LOWPAN",
                "ARPHRD_VSOCKMON", "ARPHRD_NONE", "ARPHRD_VOID")
ETH_PROTOS = ("ETH_P_ALL", "ETH_P_IP", "ETH_P_ARP", "ETH_P_IPV6", "ETH_P_8021Q", "ETH_P_LOOP")


def netlink(ctx, call, buf, addrlen):
    pad = u16(call, buf, 2)
    text = "nl_pad=%#x, " % pad if pad else ""
    return text + "nl_pid=%s, nl_groups=%s" % (pid_arg(ctx, call, u32(call, buf, 4), "tgid"),
                                                val_0x(u32(call, buf, 8), 4))


def sll_protocol(ctx, call, raw):
    """print_sll_protocol: `htons(ETH_P_ALL)` and its -X forms."""
    proto = struct.unpack(">H", raw)[0]
    return styled(ctx, raw, "htons(%s)" % printers.enum(
        proto, ctx.enum_table(call.abi, ETH_PROTOS), None, "ETH_P_???"))


def packet(ctx, call, buf, addrlen):
    """The hardware address up to sll_halen bytes, `...` past the address length."""
    halen = bytearray(buf)[11]
    text = ("sll_protocol=%s, sll_ifindex=%s, sll_hatype=%s, sll_pkttype=%s, "
            "sll_halen=%d") % (
        sll_protocol(ctx, call, buf[2:4]), ifindex(ctx, u32(call, buf, 4)),
        enum_text(ctx, call, u16(call, buf, 8), ARPHRD_TYPES, "ARPHRD_???"),
        enum_text(ctx, call, bytearray(buf)[10], PACKET_TYPES, "PACKET_???"), halen)
    if not halen:
        return text
    in_bounds = addrlen - SLL_ADDR_AT
    parts = []
    for i in range(halen):
        if i >= in_bounds:
            parts.append("...")
            break
        parts.append(val_0x(bytearray(buf)[SLL_ADDR_AT + i], 1))
    return text + ", sll_addr=[%s]" % ", ".join(parts)


PRINTERS = {
    "AF_NETLINK": (netlink, SOCKADDR_NL_LEN),
    "AF_PACKET": (packet, SOCKADDR_LL_LEN),
}
