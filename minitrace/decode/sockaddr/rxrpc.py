"""AF_RXRPC addresses (linux/rxrpc.h's struct sockaddr_rxrpc: an AF_INET or AF_INET6 transport
address inside), as strace 6.1's print_sockaddr_data_rxrpc."""
from minitrace.decode.common import enum_text
from minitrace.decode.sockaddr import inet
from minitrace.decode.sockaddr.fields import (FAMILIES, SOCK_TYPES, quoted, u16, xval,
                                              xval_of)

# struct sockaddr_rxrpc: u16 srx_service at 2, u16 transport_type at 4, u16 transport_len at 6,
# union transport (u16 family; sockaddr_in; sockaddr_in6) at 8
TRANSPORT_AT = 8
SOCKADDR_RXRPC_LEN = TRANSPORT_AT + 28

# The AFS services strace names (its rxrpc_services list); no header of Linux 6.1's include/
# has them: fs/afs/afs_cm.h (CM_SERVICE), fs/afs/protocol_yfs.h (YFS_FS_SERVICE,
# YFS_CM_SERVICE) and fs/afs/afs_vl.h (YFS_VL_SERVICE) of Linux 6.1.
RXRPC_SERVICES = {1: "CM_SERVICE", 2500: "YFS_FS_SERVICE", 2501: "YFS_CM_SERVICE",
                  2503: "YFS_VL_SERVICE"}


def rxrpc(ctx, call, buf, addrlen):
    tlen = u16(call, buf, 6)
    text = "srx_service=%s, transport_type=%s, transport_len=%d, transport={" % (
        xval_of(ctx, u16(call, buf, 2), RXRPC_SERVICES, "???_SERVICE", True),
        enum_text(ctx, call, u16(call, buf, 4), SOCK_TYPES, "SOCK_???"), tlen)
    in_bounds = min(tlen, addrlen - TRANSPORT_AT)
    rest = max(0, in_bounds - 2)
    tbuf = buf[TRANSPORT_AT:]
    family = u16(call, tbuf, 0)
    c = ctx.constants(call.abi)
    famtext = xval(ctx, call, family, FAMILIES, "AF_???")
    rest_text = ", " + quoted(ctx, tbuf[2:2 + rest]) if rest > 0 else ""
    for name, field, printer, min_len in (("AF_INET", "sin", inet.inet, inet.SIN_LEN),
                                          ("AF_INET6", "sin6", inet.inet6, inet.SIN6_MIN_LEN)):
        if family == c.get(name):
            inner = "%s={%s_family=%s" % (field, field, famtext)
            if tlen >= min_len:
                inner += ", " + printer(ctx, call, tbuf, in_bounds)
            else:
                inner += rest_text
            return text + inner + "}}"
    return text + "family=" + famtext + rest_text + "}"


PRINTERS = {"AF_RXRPC": (rxrpc, SOCKADDR_RXRPC_LEN)}
