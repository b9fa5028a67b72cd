"""AF_UNIX, AF_INET and AF_INET6 addresses (linux/un.h, linux/in.h, linux/in6.h), as strace
6.1's print_sockaddr_data_un/_in/_in6."""
import struct

from minitrace.decode.sockaddr.fields import (ifindex, inet_addr, net_port, quoted, quoted_0,
                                              styled, u32)

SUN_PATH_AT = 2
SUN_LEN = 110               # sizeof(struct sockaddr_un)
SIN_LEN = 16                # sizeof(struct sockaddr_in): sin_port at 2, sin_addr at 4
SIN6_MIN_LEN = 24           # offsetof(struct sockaddr_in6, sin6_scope_id)
# struct sockaddr_in6: sin6_port at 2, sin6_flowinfo at 4, sin6_addr at 8, sin6_scope_id at 24


def unix(ctx, call, buf, addrlen):
    """sun_path: up to the NUL of the first addrlen - 2 bytes (at most 108); an abstract name
    (`@`) as all its bytes."""
    path_len = min(addrlen, SUN_LEN) - SUN_PATH_AT
    if buf[SUN_PATH_AT:SUN_PATH_AT + 1] != b"\0":
        return "sun_path=" + quoted_0(ctx, buf, SUN_PATH_AT, path_len + 1)
    return "sun_path=@" + quoted(ctx, buf[SUN_PATH_AT + 1:SUN_PATH_AT + path_len])


def inet(ctx, call, buf, addrlen):
    return "sin_port=%s, %s" % (net_port(ctx, buf[2:4]),
                                inet_addr(ctx, "AF_INET", buf[4:8], "sin_addr"))


def _link_local(addr):
    """IN6_IS_ADDR_LINKLOCAL (fe80::/10) or IN6_IS_ADDR_MC_LINKLOCAL (ff02::/16 by scope)."""
    b0, b1 = bytearray(addr[:2])
    return (b0 == 0xfe and b1 & 0xc0 == 0x80) or (b0 == 0xff and b1 & 0x0f == 0x02)


def inet6(ctx, call, buf, addrlen):
    flow = buf[4:8]
    text = "sin6_port=%s, sin6_flowinfo=%s, %s" % (
        net_port(ctx, buf[2:4]),
        styled(ctx, flow, "htonl(%d)" % struct.unpack(">I", flow)[0]),
        inet_addr(ctx, "AF_INET6", buf[8:24], "sin6_addr"))
    if addrlen <= SIN6_MIN_LEN:
        return text
    scope = u32(call, buf, 24)
    return text + ", sin6_scope_id=" + (ifindex(ctx, scope) if _link_local(buf[8:24])
                                         else str(scope))


# family: (printer, the shortest address it prints)
PRINTERS = {
    "AF_UNIX": (unix, SUN_PATH_AT + 1),
    "AF_INET": (inet, SIN_LEN),
    "AF_INET6": (inet6, SIN6_MIN_LEN),
}
