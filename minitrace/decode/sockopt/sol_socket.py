"""SOL_SOCKET options (asm-generic/socket.h, asm/socket.h; strace 6.1's sock_options,
getsock_options and setsock_options lists): struct linger, struct ucred, SO_ERROR's errno,
SO_TXREHASH, classic BPF programs, and the int-like options."""
from minitrace import printers
from minitrace.decode.common import pid_arg
from minitrace.decode.layout import Struct, named
from minitrace.decode.net import UCRED
from minitrace.decode.sockopt import bpf_filter
from minitrace.decode.sockopt.common import (fields_by_len, id_dec, int_or_hex, num_int,
                                             read_int, read_exact, sdec, str_n)
from minitrace.decode.sockopt.level import Level

# the _OLD names first (strace 6.1 prints SO_RCVTIMEO_OLD for 20 on x86_64); SO_ATTACH_FILTER
# is named by the get/set lists
NAMES = ("SO_DEBUG", "SO_REUSEADDR", "SO_TYPE", "SO_ERROR", "SO_DONTROUTE", "SO_BROADCAST",
         "SO_SNDBUF", "SO_RCVBUF", "SO_KEEPALIVE", "SO_OOBINLINE", "SO_NO_CHECK", "SO_PRIORITY",
         "SO_LINGER", "SO_BSDCOMPAT", "SO_REUSEPORT", "SO_PASSCRED", "SO_PEERCRED",
         "SO_RCVLOWAT", "SO_SNDLOWAT", "SO_RCVTIMEO_OLD", "SO_SNDTIMEO_OLD",
         "SO_SECURITY_AUTHENTICATION", "SO_SECURITY_ENCRYPTION_TRANSPORT",
         "SO_SECURITY_ENCRYPTION_NETWORK", "SO_BINDTODEVICE", "SO_DETACH_FILTER",
         "SO_PEERNAME", "SO_TIMESTAMP_OLD", "SO_ACCEPTCONN", "SO_PEERSEC", "SO_SNDBUFFORCE",
         "SO_RCVBUFFORCE", "SO_PASSSEC", "SO_TIMESTAMPNS_OLD", "SO_MARK", "SO_TIMESTAMPING_OLD",
         "SO_PROTOCOL", "SO_DOMAIN", "SO_RXQ_OVFL", "SO_WIFI_STATUS", "SO_PEEK_OFF",
         "SO_NOFCS", "SO_LOCK_FILTER", "SO_SELECT_ERR_QUEUE", "SO_BUSY_POLL",
         "SO_MAX_PACING_RATE", "SO_BPF_EXTENSIONS", "SO_INCOMING_CPU", "SO_ATTACH_BPF",
         "SO_ATTACH_REUSEPORT_CBPF", "SO_ATTACH_REUSEPORT_EBPF", "SO_CNX_ADVICE", "SO_MEMINFO",
         "SO_INCOMING_NAPI_ID", "SO_COOKIE", "SO_PEERGROUPS", "SO_ZEROCOPY", "SO_TXTIME",
         "SO_BINDTOIFINDEX", "SO_TIMESTAMP_NEW", "SO_TIMESTAMPNS_NEW", "SO_TIMESTAMPING_NEW",
         "SO_RCVTIMEO_NEW", "SO_SNDTIMEO_NEW", "SO_DETACH_REUSEPORT_BPF",
         "SO_PREFER_BUSY_POLL", "SO_BUSY_POLL_BUDGET", "SO_NETNS_COOKIE", "SO_BUF_LOCK",
         "SO_RESERVE_MEM", "SO_TXREHASH", "SO_RCVMARK")
GET_NAMES = ("SO_GET_FILTER",)
SET_NAMES = ("SO_ATTACH_FILTER",)
# the options strace prints as an int, both ways
INT_OPTIONS = ("SO_DEBUG", "SO_REUSEADDR", "SO_DONTROUTE", "SO_BROADCAST", "SO_SNDBUF",
               "SO_RCVBUF", "SO_KEEPALIVE", "SO_OOBINLINE", "SO_NO_CHECK", "SO_PRIORITY",
               "SO_BSDCOMPAT", "SO_REUSEPORT", "SO_PASSCRED", "SO_RCVLOWAT", "SO_SNDLOWAT",
               "SO_DETACH_FILTER", "SO_TIMESTAMP_OLD", "SO_ACCEPTCONN", "SO_SNDBUFFORCE",
               "SO_RCVBUFFORCE", "SO_PASSSEC", "SO_TIMESTAMPNS_OLD", "SO_MARK",
               "SO_TIMESTAMPING_OLD", "SO_RXQ_OVFL", "SO_WIFI_STATUS", "SO_PEEK_OFF",
               "SO_NOFCS", "SO_LOCK_FILTER", "SO_SELECT_ERR_QUEUE", "SO_BUSY_POLL",
               "SO_INCOMING_CPU", "SO_CNX_ADVICE", "SO_INCOMING_NAPI_ID", "SO_ZEROCOPY",
               "SO_TIMESTAMP_NEW", "SO_TIMESTAMPNS_NEW", "SO_TIMESTAMPING_NEW",
               "SO_DETACH_REUSEPORT_BPF", "SO_PREFER_BUSY_POLL", "SO_BUSY_POLL_BUDGET",
               "SO_RESERVE_MEM", "SO_RCVMARK")
TXREHASH_VALUES = ("SOCK_TXREHASH_DISABLED", "SOCK_TXREHASH_ENABLED", "SOCK_TXREHASH_DEFAULT")

# struct linger (sys/socket.h; the kernel's include/linux/socket.h)
LINGER = named("linger", Struct("linger", [("l_onoff", "s32"), ("l_linger", "s32")]))


def get_linger(ctx, call, addr, ulen, rlen):
    return fields_by_len(ctx, call, addr, rlen, LINGER.on(call.abi),
                         (("l_onoff", sdec), ("l_linger", sdec)))


def set_linger(ctx, call, addr, length):
    compiled = LINGER.on(call.abi)
    data = read_exact(ctx, call, addr, compiled.size) if length >= compiled.size else None
    if data is None:
        return printers.ptr(addr)
    return "{l_onoff=%d, l_linger=%d}" % compiled.unpack(data)


def get_ucred(ctx, call, addr, ulen, rlen):
    return fields_by_len(ctx, call, addr, rlen, UCRED.on(call.abi),
                         (("pid", lambda v: pid_arg(ctx, call, v, "tgid")), ("uid", id_dec),
                          ("gid", id_dec)))


def get_error(ctx, call, addr, ulen, rlen):
    """print_get_error: `[ECONNREFUSED]`, -X raw `[111]`, -X verbose `[111 /* ECONNREFUSED */]`;
    a shorter buffer in hex."""
    if rlen < 4:
        return str_n(ctx, call, addr, rlen, force_hex=True)
    err = read_int(ctx, call, addr) if ctx.style.deref else None
    if err is None:
        return printers.ptr(addr)
    err &= 0xffffffff
    name = ctx.errno_names(call.abi).get(err)
    cstyle = ctx.style.const_style
    if name is None or cstyle == "raw":
        return "[%d]" % err
    return "[%d /* %s */]" % (err, name) if cstyle == "verbose" else "[%s]" % name


def _txrehash(ctx, call, addr):
    v = read_int(ctx, call, addr)
    if v is None:
        return printers.ptr(addr)
    return "[%s]" % printers.enum(v, ctx.enum_table(call.abi, TXREHASH_VALUES), ctx.style,
                                  "SOCK_TXREHASH_???", decimal=True)


def get_txrehash(ctx, call, addr, ulen, rlen):
    if rlen < 4:
        return str_n(ctx, call, addr, rlen, force_hex=True)
    return _txrehash(ctx, call, addr)


def set_txrehash(ctx, call, addr, length):
    return printers.ptr(addr) if length < 4 else _txrehash(ctx, call, addr)


def get_filter(ctx, call, addr, ulen, rlen):
    """SO_GET_FILTER: the instructions (rlen counts them, a u16 in the kernel)."""
    if rlen & 0xffff != rlen:
        return printers.ptr(addr)
    return bpf_filter.filter_array(ctx, call, addr, rlen)


def set_filter(ctx, call, addr, length):
    if length & 0xffffffff != bpf_filter.fprog_size(call):
        return printers.ptr(addr)
    return bpf_filter.fprog_text(ctx, call, addr)


def get_int(ctx, call, addr, ulen, rlen):
    return int_or_hex(ctx, call, addr, rlen)


def set_int(ctx, call, addr, length):
    return printers.ptr(addr) if length < 4 else num_int(ctx, call, addr)


_GETTERS = {"SO_LINGER": get_linger, "SO_PEERCRED": get_ucred, "SO_ATTACH_FILTER": get_filter,
            "SO_ERROR": get_error, "SO_TXREHASH": get_txrehash}
_GETTERS.update((name, get_int) for name in INT_OPTIONS)
_SETTERS = {"SO_LINGER": set_linger, "SO_ATTACH_FILTER": set_filter,
            "SO_ATTACH_REUSEPORT_CBPF": set_filter, "SO_TXREHASH": set_txrehash}
_SETTERS.update((name, set_int) for name in INT_OPTIONS)

SOL_SOCKET = Level(NAMES, "SO_???", GET_NAMES, SET_NAMES, _GETTERS, _SETTERS)
