"""AF_IEEE802154 addresses (net/af_ieee802154.h's struct sockaddr_ieee802154), as strace 6.1's
print_sockaddr_data_ieee802154."""
from minitrace.decode.sockaddr.fields import mac, s32, u16, xval

# struct sockaddr_ieee802154: struct ieee802154_addr_sa addr at 4: int addr_type at 4,
# u16 pan_id at 8, union (u8 hwaddr[8]; u16 short_addr) at 10
SOCKADDR_IEEE802154_LEN = 20
HWADDR_LEN = 8              # IEEE802154_ADDR_LEN; ARPHRD_IEEE802154's address size

ADDR_TYPES = ("IEEE802154_ADDR_NONE", "IEEE802154_ADDR_SHORT", "IEEE802154_ADDR_LONG")
PAN_IDS = ("IEEE802154_PANID_BROADCAST",)
SHORT_ADDRS = ("IEEE802154_ADDR_UNDEF", "IEEE802154_ADDR_BROADCAST")


def ieee802154(ctx, call, buf, addrlen):
    kind = s32(call, buf, 4) & 0xffffffff
    parts = ["addr_type=" + xval(ctx, call, kind, ADDR_TYPES, "IEEE802154_ADDR_???", True),
             "pan_id=" + xval(ctx, call, u16(call, buf, 8), PAN_IDS, None, True)]
    c = ctx.constants(call.abi)
    if kind == c.get("IEEE802154_ADDR_SHORT"):
        parts.append("short_addr=" + xval(ctx, call, u16(call, buf, 10), SHORT_ADDRS, None, True))
    elif kind != c.get("IEEE802154_ADDR_NONE"):
        parts.append("hwaddr=" + mac(ctx, buf[10:10 + HWADDR_LEN]))
    return "addr={%s}" % ", ".join(parts)


PRINTERS = {"AF_IEEE802154": (ieee802154, SOCKADDR_IEEE802154_LEN)}
