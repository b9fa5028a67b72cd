"""getsockopt and setsockopt as strace 6.1 prints them (its net.c print_getsockopt /
print_setsockopt): the level, the option name of that level, and the option value by the
level's table (one module per level group: sol_socket.py, inet.py, packet.py, netlink.py,
other.py). Text only: no ptrace, no printing."""
from minitrace import printers
from minitrace.decode import register
from minitrace.decode.common import enum_text, failed, fd
from minitrace.decode.generic import Decoder
from minitrace.decode.sockopt import inet, netlink, other, packet, sol_socket
from minitrace.decode.sockopt.common import num_int, read_int, str_n

# strace 6.1's xlat/socketlayers.in: the levels in value order (AF_VSOCK: vsock takes its
# options at the level of its address family)
LEVEL_NAMES = ("SOL_IP", "SOL_SOCKET", "SOL_TCP", "SOL_UDP", "AF_VSOCK", "SOL_IPV6",
               "SOL_ICMPV6", "SOL_CAN_BASE", "SOL_CAN_RAW", "SOL_SCTP", "SOL_UDPLITE",
               "SOL_RAW", "SOL_IPX", "SOL_AX25", "SOL_ATALK", "SOL_NETROM", "SOL_ROSE",
               "SOL_DECNET", "SOL_X25", "SOL_PACKET", "SOL_ATM", "SOL_AAL", "SOL_IRDA",
               "SOL_NETBEUI", "SOL_LLC", "SOL_DCCP", "SOL_NETLINK", "SOL_TIPC", "SOL_RXRPC",
               "SOL_PPPOL2TP", "SOL_BLUETOOTH", "SOL_PNPIPE", "SOL_RDS", "SOL_IUCV", "SOL_CAIF",
               "SOL_ALG", "SOL_NFC", "SOL_KCM", "SOL_TLS", "SOL_XDP")

# level name -> its Level
LEVELS = {"SOL_SOCKET": sol_socket.SOL_SOCKET, "SOL_IP": inet.SOL_IP, "SOL_IPV6": inet.SOL_IPV6,
          "SOL_TCP": inet.SOL_TCP, "SOL_UDP": inet.SOL_UDP, "SOL_RAW": inet.SOL_RAW,
          "SOL_PACKET": packet.SOL_PACKET, "SOL_NETLINK": netlink.SOL_NETLINK}
LEVELS.update(other.LEVELS)

_by_value = {}


class _Bound(object):
    """A Level on one ABI: option value -> printer, for each direction."""

    def __init__(self, spec, consts):
        self.spec = spec
        self.getters = dict((consts[n], f) for n, f in spec.getters.items() if n in consts)
        self.setters = dict((consts[n], f) for n, f in spec.setters.items() if n in consts)


def level_of(ctx, call, level):
    """The Level of a level number (bound to the tracee's ABI), or None."""
    table = _by_value.get(call.abi)
    if table is None:
        c = ctx.constants(call.abi)
        table = _by_value[call.abi] = dict(
            (c[name], _Bound(spec, c)) for name, spec in LEVELS.items() if name in c)
    return table.get(level)


def level_text(ctx, call, level):
    return enum_text(ctx, call, level, LEVEL_NAMES, "SOL_??")


def optname_text(ctx, call, level, opt, getting):
    bound = level_of(ctx, call, level)
    if bound is None:
        return str(opt)
    spec = bound.spec
    return enum_text(ctx, call, opt, spec.get_names if getting else spec.set_names,
                     spec.unknown)


def _printer(ctx, call, level, opt, getting):
    """The printer of an option, the level's default printer, or None (strace's default)."""
    bound = level_of(ctx, call, level)
    if bound is None:
        return None
    if getting:
        return bound.getters.get(opt, bound.spec.get_default)
    return bound.setters.get(opt, bound.spec.set_default)


def getsockopt_value(ctx, call, level, opt, addr, ulen, rlen):
    """print_getsockopt."""
    if ulen <= 0 or rlen <= 0:
        return printers.ptr(addr)
    if addr and ctx.style.deref:
        printer = _printer(ctx, call, level, opt, True)
        if printer is not None:
            return printer(ctx, call, addr, ulen, rlen)
    if not ctx.style.deref:
        return printers.ptr(addr)
    return num_int(ctx, call, addr) if rlen == 4 else str_n(ctx, call, addr, rlen)


def setsockopt_value(ctx, call, level, opt, addr, length):
    """print_setsockopt."""
    if addr and ctx.style.deref:
        printer = _printer(ctx, call, level, opt, False)
        if printer is not None:
            return printer(ctx, call, addr, length)
    if not ctx.style.deref:
        return printers.ptr(addr)
    return num_int(ctx, call, addr) if length == 4 else str_n(ctx, call, addr, length)


def _i32(v):
    return printers.to_signed(v, 32)


@register("setsockopt")
class Setsockopt(Decoder):
    enter_while_running = True     # the value passed in

    def enter(self, ctx, call):
        a = call.args
        level, opt, length = a[1] & 0xffffffff, a[2] & 0xffffffff, _i32(a[4])
        return "%s, %s, %s, %s, %d" % (
            fd(ctx, call, a[0]), level_text(ctx, call, level),
            optname_text(ctx, call, level, opt, False),
            setsockopt_value(ctx, call, level, opt, a[3], length), length)


@register("getsockopt")
class Getsockopt(Decoder):
    def enter(self, ctx, call):
        a = call.args
        level, opt = a[1] & 0xffffffff, a[2] & 0xffffffff
        head = "%s, %s, %s, " % (fd(ctx, call, a[0]), level_text(ctx, call, level),
                                 optname_text(ctx, call, level, opt, True))
        ulen = read_int(ctx, call, a[4]) if ctx.style.deref and a[4] else None
        call.saved = ulen
        if ulen is None:
            return head + "%s, %s" % (printers.ptr(a[3]), printers.ptr(a[4]))
        return head

    def exit(self, ctx, call):
        ulen = call.saved
        if ulen is None:
            return ""
        a = call.args
        rlen = None if failed(call) else read_int(ctx, call, a[4])
        if rlen is None:
            return "%s, [%d]" % (printers.ptr(a[3]), ulen)
        value = getsockopt_value(ctx, call, a[1] & 0xffffffff, a[2] & 0xffffffff, a[3], ulen,
                                 rlen)
        return "%s, %s" % (value, "[%d => %d]" % (ulen, rlen) if ulen != rlen else "[%d]" % rlen)
