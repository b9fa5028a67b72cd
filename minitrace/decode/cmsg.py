"""Control messages of sendmsg/recvmsg (struct cmsghdr, linux/socket.h), as strace 6.1's
decode_msg_control: `[{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS,
cmsg_data=[3]}]`, with the data of the SOL_SOCKET and SOL_IP messages strace decodes. Text
only: no ptrace, no printing.
"""
import struct

from minitrace import printers
from minitrace.decode.array import local_array
from minitrace.decode.common import endian, enum_text, fd, lbits, pid_arg
from minitrace.decode.sockaddr import sockaddr_text
from minitrace.decode.sockaddr.fields import SOCKADDR_MAX, ifindex, inet_addr
from minitrace.decode.timefmt import wide_time

# strace's scmvals and ip_cmsg_types, in their order (the first name of a value wins)
SCM_TYPES = ("SCM_RIGHTS", "SCM_CREDENTIALS", "SCM_SECURITY", "SO_WIFI_STATUS", "SO_TXTIME",
             "SO_TIMESTAMP_OLD", "SO_TIMESTAMPNS_OLD", "SO_TIMESTAMPING_OLD", "SO_TIMESTAMP_NEW",
             "SO_TIMESTAMPNS_NEW", "SO_TIMESTAMPING_NEW", "SCM_TIMESTAMPING_OPT_STATS",
             "SCM_TIMESTAMPING_PKTINFO")
IP_CMSG_TYPES = ("IP_TOS", "IP_TTL", "IP_RECVOPTS", "IP_RETOPTS", "IP_PKTINFO", "IP_RECVERR",
                 "IP_ORIGDSTADDR", "IP_CHECKSUM", "SCM_SECURITY")

# /proc/sys/net/core/optmem_max rounded up to 8 bytes, else sizeof(long long) * (2 * IOV_MAX +
# 512): the most of a control buffer strace reads
_OPTMEM_DEFAULT = 8 * (2 * 1024 + 512)
_optmem = []


def optmem_max():
    if not _optmem:
        try:
            with open("/proc/sys/net/core/optmem_max") as f:
                value = int(f.read().split()[0])
        except (OSError, ValueError, IndexError):
            value = 0
        _optmem.append((value + 7) & ~7 if value > 0 else _OPTMEM_DEFAULT)
    return _optmem[0]



def _ints(call, data, code):
    n = len(data) // 4
    return struct.unpack(endian(call) + "%d%s" % (n, code), data[:4 * n])


def _id(value):
    return "-1" if value == 0xffffffff else str(value)


def rights(ctx, call, data):
    return local_array(ctx, [fd(ctx, call, v) for v in _ints(call, data, "i")])


def creds(ctx, call, data):
    pid, uid, gid = struct.unpack_from(endian(call) + "iII", data)
    return "{pid=%s, uid=%s, gid=%s}" % (pid_arg(ctx, call, pid, "tgid"), _id(uid), _id(gid))


def security(ctx, call, data):
    return printers.quote_bytes(data, ctx.style, len(data))


def _time_pair(call, data, code, names):
    size = struct.calcsize(code) * 2
    if len(data) < size:
        return None
    sec, frac = struct.unpack_from(endian(call) + code * 2, data)
    return "{tv_sec=%d, %s=%d}" % (sec, names, frac & ((1 << (8 * size // 2)) - 1))


def _klong(call):
    """The old timestamps' fields: __kernel_long_t (64-bit on x32)."""
    return "q" if wide_time(call.abi) else "i"


def timeval_old(ctx, call, data):
    return _time_pair(call, data, _klong(call), "tv_usec") or "???"


def timespec_old(ctx, call, data):
    return _time_pair(call, data, _klong(call), "tv_nsec") or "???"


def timeval_new(ctx, call, data):
    return _time_pair(call, data, "q", "tv_usec") or "???"


def timespec_new(ctx, call, data):
    return _time_pair(call, data, "q", "tv_nsec") or "???"


def _timespec3(call, data, code):
    size = struct.calcsize(code) * 2
    if len(data) < 3 * size:
        return "???"
    return "[%s]" % ", ".join(_time_pair(call, data[i * size:], code, "tv_nsec") for i in range(3))


def timestamping_old(ctx, call, data):
    return _timespec3(call, data, _klong(call))


def timestamping_new(ctx, call, data):
    return _timespec3(call, data, "q")


def ip_pktinfo(ctx, call, data):
    """struct in_pktinfo: int ipi_ifindex, ipi_spec_dst, ipi_addr."""
    return "{ipi_ifindex=%s, %s, %s}" % (
        ifindex(ctx, struct.unpack_from(endian(call) + "I", data)[0]),
        inet_addr(ctx, "AF_INET", data[4:8], "ipi_spec_dst"),
        inet_addr(ctx, "AF_INET", data[8:12], "ipi_addr"))


def uints(ctx, call, data):
    return local_array(ctx, [str(v) for v in _ints(call, data, "I")])


def xint8s(ctx, call, data):
    return local_array(ctx, [printers.hexnum(b) for b in bytearray(data)])


SOCK_EE_LEN = 16 + 16       # struct sock_extended_err, then the offender's struct sockaddr_in


def ip_recverr(ctx, call, data):
    err, origin, etype, code, _pad, info, edata = struct.unpack_from(endian(call) + "IBBBBII",
                                                                     data)
    return ("{ee_errno=%d, ee_origin=%d, ee_type=%d, ee_code=%d, ee_info=%d, ee_data=%d, "
            "offender=%s}") % (err, origin, etype, code, info, edata,
                               sockaddr_text(ctx, call, data[16:32]))


def ip_origdstaddr(ctx, call, data):
    return sockaddr_text(ctx, call, data[:SOCKADDR_MAX])


# level -> {type name: (printer, the shortest data it prints)}
PRINTERS = {
    "SOL_SOCKET": {
        "SCM_RIGHTS": (rights, 4), "SCM_CREDENTIALS": (creds, 12), "SCM_SECURITY": (security, 1),
        "SO_TIMESTAMP_OLD": (timeval_old, 1), "SO_TIMESTAMPNS_OLD": (timespec_old, 1),
        "SO_TIMESTAMPING_OLD": (timestamping_old, 1), "SO_TIMESTAMP_NEW": (timeval_new, 1),
        "SO_TIMESTAMPNS_NEW": (timespec_new, 1), "SO_TIMESTAMPING_NEW": (timestamping_new, 1),
    },
    "SOL_IP": {
        "IP_PKTINFO": (ip_pktinfo, 12), "IP_TTL": (uints, 4), "IP_TOS": (xint8s, 1),
        "IP_RECVOPTS": (xint8s, 1), "IP_RETOPTS": (xint8s, 1), "IP_RECVERR": (ip_recverr, 32),
        "IP_ORIGDSTADDR": (ip_origdstaddr, 16), "IP_CHECKSUM": (uints, 4),
        "SCM_SECURITY": (security, 1),
    },
}
TYPE_NAMES = {"SOL_SOCKET": (SCM_TYPES, "SCM_???"), "SOL_IP": (IP_CMSG_TYPES, "IP_???")}


def _type_and_data(ctx, call, level, ctype, data):
    c = ctx.constants(call.abi)
    for level_name, (names, unknown) in TYPE_NAMES.items():
        if level == c.get(level_name):
            text = enum_text(ctx, call, ctype & 0xffffffff, names, unknown)
            for type_name, (printer, min_len) in PRINTERS[level_name].items():
                if ctype == c.get(type_name) and len(data) >= min_len:
                    return text + ", cmsg_data=" + printer(ctx, call, data)
            return text
    return printers.hexnum(ctype & 0xffffffff)


def control_text(ctx, call, addr, in_len, level_names):
    """msg_control's value for msg_controllen `in_len`: the messages, `...` when more follow,
    the address when shorter than a header or unreadable. level_names: the SOL_ names."""
    word = lbits(call) // 8
    hsize = 2 * 4 + word                  # cmsg_len is a size_t; then int level, int type
    control_len = min(in_len, optmem_max())
    data = ctx.read(call, addr, control_len) if control_len >= hsize else None
    if data is None or len(data) < control_len:
        return printers.ptr(addr)
    data = bytes(data)
    code = endian(call) + ("Q" if word == 8 else "I") + "ii"
    parts = []
    off, left = 0, control_len
    while left >= hsize:
        clen, level, ctype = struct.unpack_from(code, data, off)
        length = min(clen, left)
        body = data[off + hsize:off + length] if length > hsize else b""
        parts.append("{cmsg_len=%d, cmsg_level=%s, cmsg_type=%s}" % (
            clen, enum_text(ctx, call, level & 0xffffffff, level_names, "SOL_???"),
            _type_and_data(ctx, call, level, ctype, body)))
        if length < hsize:
            left -= hsize
            break
        step = (clen + word - 1) & ~(word - 1)
        if step >= left:
            left = 0
            break
        off += step
        left -= step
    if left:
        parts.append("... /* %s */" % printers.ptr(addr + control_len - left))
    elif control_len < in_len:
        parts.append("...")
    return "[" + ", ".join(parts) + "]"
