"""AF_IPX and AF_X25 addresses (struct sockaddr_ipx of linux/ipx.h as of Linux 4.15, when the
header left uapi; linux/x25.h's struct sockaddr_x25), as strace 6.1's print_sockaddr_data_ipx
and _x25."""
import struct

from minitrace.decode.sockaddr.fields import cstring, net_port, val_0x

# struct sockaddr_ipx: sipx_port at 2, u32 sipx_network at 4 (network order), sipx_node[6] at
# 8, u8 sipx_type at 14, sipx_zero at 15
SOCKADDR_IPX_LEN = 16
# struct sockaddr_x25: struct x25_address { char x25_addr[16]; } sx25_addr at 2
X25_ADDR_LEN = 16
SOCKADDR_X25_LEN = 2 + X25_ADDR_LEN


def ipx(ctx, call, buf, addrlen):
    network = struct.unpack(">I", buf[4:8])[0]
    text = "sipx_port=%s, sipx_network=htonl(%s), sipx_node=[%s], sipx_type=%s" % (
        net_port(ctx, buf[2:4]), "%#x" % network if network else "0",
        ", ".join(val_0x(b, 1) for b in bytearray(buf[8:14])), val_0x(bytearray(buf)[14], 1))
    zero = bytearray(buf)[15]
    return text + (", sipx_zero=%#x" % zero if zero else "")


def x25(ctx, call, buf, addrlen):
    return "sx25_addr={x25_addr=%s}" % cstring(ctx, buf, 2, X25_ADDR_LEN)


PRINTERS = {
    "AF_IPX": (ipx, SOCKADDR_IPX_LEN),
    "AF_X25": (x25, SOCKADDR_X25_LEN),
}
