"""NETLINK_SOCK_DIAG: requests and replies of inet, unix, netlink, packet and smc sockets, each
family in its module (strace's netlink_sock_diag.c and netlink_*_diag.c): a request (NLM_F_REQUEST)
or reply header chosen by the message's first byte, the socket family."""
from minitrace import printers
from minitrace.decode.netlink import message
from minitrace.decode.netlink.nlattr import header_text, hexstr
from minitrace.decode.netlink.sock_diag import inet, netlink_diag, packet, smc, unix
from minitrace.decode.netlink.sock_diag.common import FAMILIES

SOCK_DIAG_TYPES = ("TCPDIAG_GETSOCK", "DCCPDIAG_GETSOCK", "SOCK_DIAG_BY_FAMILY",
                   "SOCK_DESTROY")

# family -> (request header, or a function of the message type giving it; reply header)
DECODERS = (
    ("AF_UNIX", unix.REQ, unix.MSG),
    ("AF_INET", inet.request_header, inet.MSG),
    ("AF_INET6", inet.request_header, inet.MSG),
    ("AF_NETLINK", netlink_diag.REQ, netlink_diag.MSG),
    ("AF_PACKET", packet.REQ, packet.MSG),
    ("AF_SMC", smc.REQ, smc.MSG),
)


def family_text(v, family, addr, length):
    """strace's decode_family: `{family=AF_INET}` or `{family=..., data="\\x.."}`."""
    text = "{family=" + v.enum(family, FAMILIES, "AF_???")
    if length > 1:
        text += ", data=" + hexstr(v, addr + 1, length - 1)
    return text + "}"


def _decoder(v, family, hdr):
    for name, request, reply in DECODERS:
        if v.const(name) == family:
            if hdr[2] & v.const("NLM_F_REQUEST"):
                return request if not callable(request) else request(v, hdr[1])
            return reply
    return None


def payload(v, hdr, addr, length):
    if hdr[1] == v.const("NLMSG_DONE"):
        return None
    got = v.unpack(addr, "B")
    if got is None:
        return printers.ptr(addr)
    family = got[0]
    header = _decoder(v, family, hdr) if length > 1 else None
    if header is None:
        return family_text(v, family, addr, length)
    return header_text(v, addr, length, header)


message.register(message.Protocol("NETLINK_SOCK_DIAG", SOCK_DIAG_TYPES, "SOCK_DIAG_???",
                                  kind=lambda v, mtype: "get", payload=payload))
