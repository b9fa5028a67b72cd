"""Decoders of sockets: socket, bind, connect, accept, send/recv families, addresses (AF_UNIX, AF_INET, AF_INET6, AF_NETLINK, AF_PACKET, others), control messages and
netlink message headers. Text only: no ptrace, no printing.
"""
import struct

from minitrace import printers, subcalls
from minitrace.decode import register
from minitrace.decode.common import (endian, enum_text, failed, fd, flag_text, lmask, read_ints,
                                     read_struct, sint, ulong, ulong_value)
from minitrace.decode.clock import timespec_arg
from minitrace.decode.cmsg import control_text
from minitrace.decode.generic import Decoder
from minitrace.decode.layout import Struct, named
from minitrace.decode.netlink import iovec_text as netlink_iovec, sock_buffer
from minitrace.decode.sockaddr import FAMILIES, SOCK_TYPES, SOCKADDR_MAX, sockaddr_arg
from minitrace.decode.sockaddr.fields import IPPROTOS, NETLINK_PROTOS  # noqa: F401 (fdinfo)
from minitrace.decode.sockaddr.link import ETH_PROTOS


def _socket():
    """The socket module, imported when an address is first printed (not at every start-up)."""
    import socket
    return socket


# address families and socket types: decode/sockaddr/ (AF_LOCAL and AF_ROUTE are aliases strace
# never prints)
SOCK_FLAGS = ("SOCK_CLOEXEC", "SOCK_NONBLOCK")
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


def _u32(v):
    return v & 0xffffffff


def _i32(v):
    return printers.to_signed(v, 32)


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
    enter_while_running = True     # numbers only

    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s" % (enum_text(ctx, call, _u32(a[0]), FAMILIES, "AF_???"),
                               socket_type(ctx, call, _u32(a[1])),
                               protocol_text(ctx, call, _u32(a[0]), _u32(a[2])))


@register("socketpair")
class Socketpair(Socket):
    enter_while_running = True     # numbers only (the pair is read at exit)

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
    enter_while_running = True     # the address passed in

    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %d" % (fd(ctx, call, a[0]), sockaddr_arg(ctx, call, a[1], a[2]), _i32(a[2]))


@register("listen")
class Listen(Decoder):
    enter_while_running = True     # numbers only

    def enter(self, ctx, call):
        return "%s, %s" % (fd(ctx, call, call.args[0]), sint(call.args[1]))


@register("shutdown")
class Shutdown(Decoder):
    enter_while_running = True     # numbers only

    def enter(self, ctx, call):
        a = call.args
        return "%s, %s" % (fd(ctx, call, a[0]), enum_text(ctx, call, _u32(a[1]), SHUT_HOW, "SHUT_???"))


def msg_flags(ctx, call, value):
    return flag_text(ctx, call, _u32(value), MSG_FLAGS, "MSG_???")


# ---------------------------------------------------------------------------------------------
# send / recv

@register("sendto")
class Sendto(Decoder):
    enter_while_running = True     # the buffer and the address sent

    def enter(self, ctx, call):
        a = call.args
        n = a[2] & lmask(call)
        return "%s, %s, %s, %s, %s, %d" % (
            fd(ctx, call, a[0]), sock_buffer(ctx, call, a[0], a[1], n), ulong(call, a[2]),
            msg_flags(ctx, call, a[3]), sockaddr_arg(ctx, call, a[4], a[5]), _i32(a[5]))


@register("send")
class Send(Decoder):
    enter_while_running = True     # the buffer sent

    def enter(self, ctx, call):
        a = call.args
        n = a[2] & lmask(call)
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
            # MSG_TRUNC returns the datagram's length, past the buffer: strace shows MIN
            buf = sock_buffer(ctx, call, a[0], a[1], min(call.ret, ulong_value(call, a[2])))
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
        buf = printers.ptr(a[1]) if failed(call) else sock_buffer(
            ctx, call, a[0], a[1], min(call.ret, ulong_value(call, a[2])))
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
    return control_text(ctx, call, addr, length, LEVELS)


def msghdr_text(ctx, call, addr, data_size=None, namelen_in=None, sockfd=None):
    """struct msghdr at addr (strace's decode_msghdr), or its address when unreadable or
    -e verbose= excludes the call; data_size limits the iovec bytes shown (recvmsg: the
    return value); namelen_in is the msg_namelen the caller gave (recvmsg)."""
    m = read_msghdr(ctx, call, addr) if addr else None
    if m is None:
        return printers.ptr(addr)
    return msghdr_fields(ctx, call, m, data_size, namelen_in)


def msghdr_fields(ctx, call, m, data_size=None, namelen_in=None):
    """`{msg_name=..., msg_namelen=..., ...}` of msghdr values (strace's print_struct_msghdr):
    msg_name is read up to the smaller of the caller's and the kernel's msg_namelen, the
    iovec buffers as netlink messages when msg_name is an AF_NETLINK address."""
    from minitrace.decode.desc import iovec_array
    name, namelen, iov, iovlen, control, controllen, flags = m
    namelen = _i32(namelen)
    shown_len = namelen_in if namelen_in is not None and namelen > namelen_in else namelen
    parts = ["msg_name=" + sockaddr_arg(ctx, call, name, shown_len)]
    if namelen_in is not None and namelen_in != namelen:
        parts.append("msg_namelen=%d => %d" % (namelen_in, namelen))
    else:
        parts.append("msg_namelen=%d" % namelen)
    if _name_family(ctx, call, name, shown_len) == ctx.constants(call.abi).get("AF_NETLINK"):
        iovtext = netlink_iovec(ctx, call, call.args[0], iov, iovlen, data_size)
    else:
        iovtext = iovec_array(ctx, call, iov, iovlen, data_size)
    parts.append("msg_iov=" + iovtext)
    parts.append("msg_iovlen=%d" % iovlen)
    if controllen:
        parts.append("msg_control=" + cmsgs_text(ctx, call, control, controllen))
    parts.append("msg_controllen=%d" % controllen)
    parts.append("msg_flags=" + msg_flags(ctx, call, flags))
    return "{" + ", ".join(parts) + "}"


def _name_family(ctx, call, name, namelen):
    """The family decode_sockaddr returns: sa_family of a readable address, else None."""
    if not name or namelen < 2:
        return None
    size = min(namelen, SOCKADDR_MAX)
    data = ctx.read(call, name, size)
    if data is None or len(data) < size:
        return None
    return struct.unpack(endian(call) + "H", bytes(data[:2]))[0]


@register("sendmsg")
class Sendmsg(Decoder):
    enter_while_running = True     # the message sent (the kernel writes none of it back)

    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s" % (fd(ctx, call, a[0]), msghdr_text(ctx, call, a[1], sockfd=a[0]),
                               msg_flags(ctx, call, a[2]))


@register("recvmsg")
class Recvmsg(Decoder):
    """The caller's msg_namelen is read at entry; a failed call shows only it
    (`{msg_namelen=36}`); a msghdr unreadable at entry is shown as its address."""
    def enter(self, ctx, call):
        m = read_msghdr(ctx, call, call.args[1]) if call.args[1] else None
        call.saved = _i32(m[1]) if m is not None else None
        if m is None:
            return "%s, %s, %s" % (fd(ctx, call, call.args[0]), printers.ptr(call.args[1]),
                                   msg_flags(ctx, call, call.args[2]))
        return fd(ctx, call, call.args[0]) + ", "

    def exit(self, ctx, call):
        a = call.args
        namelen = call.saved
        if namelen is None:
            return ""
        if failed(call):
            msg = "{msg_namelen=%d}" % namelen
        else:
            msg = msghdr_text(ctx, call, a[1], call.ret, namelen, a[0])
        return "%s, %s" % (msg, msg_flags(ctx, call, a[2]))


IOV_MAX = 1024      # strace's limit on the mmsghdr entries it remembers and prints


def mmsg_array(ctx, call, addr, nmemb, msg_len_count, use_msg_len, namelens=None):
    """strace's decode_mmsgvec: `nmemb` struct mmsghdr through print_array, msg_len shown for
    the first msg_len_count entries, the iovec data cut to each msg_len when use_msg_len;
    namelens: the msg_namelen of each entry at entry (recvmmsg), which also bounds how many
    entries are shown (IOV_MAX at most, then `...`)."""
    if not addr:
        return "NULL"
    if not nmemb:
        return "[]"
    mm = MMSGHDR.on(call.abi)
    size = mm.size
    end = addr + nmemb * size
    if end >> 64:
        return printers.ptr(addr)
    style = ctx.style
    shown = nmemb if style.verbose or style.string_limit >= nmemb else style.string_limit
    count = IOV_MAX if namelens is None else min(IOV_MAX, len(namelens))
    parts = []
    for i in range(nmemb):
        cur = addr + i * size
        data = ctx.read(call, cur, size)
        if data is None or len(data) < size:
            if not i:
                return printers.ptr(addr)
            parts.append("... /* %s */" % printers.ptr(cur))
            break
        if i >= shown or not count:
            parts.append("...")
            break
        count -= 1
        v = mm.dict(data)
        m = tuple(v["msg_hdr." + n] for n in _MSGHDR_NAMES)
        text = "{msg_hdr=" + msghdr_fields(
            ctx, call, m, v["msg_len"] if use_msg_len else None,
            namelens[i] if namelens is not None else None)
        if i < msg_len_count:
            text += ", msg_len=%d" % v["msg_len"]
        parts.append(text + "}")
    return "[" + ", ".join(parts) + "]"


def _entry_namelens(ctx, call, addr, vlen):
    """The msg_namelen of each mmsghdr before the call (at most IOV_MAX, up to the first
    unreadable entry)."""
    mm = MMSGHDR.on(call.abi)
    out = []
    for i in range(min(vlen, IOV_MAX)):
        data = ctx.read(call, addr + i * mm.size, mm.size)
        if data is None or len(data) < mm.size:
            break
        out.append(_i32(mm.get(data, "msg_hdr.msg_namelen")))
    return out


@register("sendmmsg")
class Sendmmsg(Decoder):
    """Shown at exit, also when the call failed (strace clears the error to read them): vlen
    entries, msg_len for the ones sent, each iovec whole."""
    def enter(self, ctx, call):
        a = call.args
        if not ctx.style.deref:
            return "%s, %s, %d, %s" % (fd(ctx, call, a[0]), printers.ptr(a[1]), _u32(a[2]),
                                       msg_flags(ctx, call, a[3]))
        return fd(ctx, call, a[0]) + ", "

    def exit(self, ctx, call):
        if not ctx.style.deref:
            return ""
        a = call.args
        n = _u32(a[2])
        sent = 0 if failed(call) else _u32(call.ret)
        vec = mmsg_array(ctx, call, a[1], n, sent, False)
        return "%s, %d, %s" % (vec, n, msg_flags(ctx, call, a[3]))


@register("recvmmsg", "recvmmsg_time64")
class Recvmmsg(Decoder):
    def enter(self, ctx, call):
        a = call.args
        ts = timespec_arg(ctx, call, a[4])
        if not ctx.style.deref:
            return "%s, %s, %d, %s, %s" % (fd(ctx, call, a[0]), printers.ptr(a[1]), _u32(a[2]),
                                           msg_flags(ctx, call, a[3]), ts)
        call.saved = (ts, _entry_namelens(ctx, call, a[1], _u32(a[2])))
        return fd(ctx, call, a[0]) + ", "

    def exit(self, ctx, call):
        if not ctx.style.deref:
            return ""
        a = call.args
        ts, namelens = call.saved
        if failed(call):
            vec = printers.ptr(a[1])
        else:
            got = _u32(call.ret)
            vec = mmsg_array(ctx, call, a[1], got, got, True, namelens)
        return "%s, %d, %s, %s" % (vec, _u32(a[2]), msg_flags(ctx, call, a[3]), ts)

    def result(self, ctx, call):
        text = Decoder.result(self, ctx, call)
        if failed(call):
            return text
        if call.ret == 0:
            return text + " (Timeout)"
        if not call.args[4] or not ctx.style.deref:
            return text
        return "%s (left %s)" % (text, timespec_arg(ctx, call, call.args[4]))


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

