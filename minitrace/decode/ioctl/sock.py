"""Socket ioctls (type 0x89, linux/sockios.h), as strace's sock_ioctl: struct ifreq given at
entry (SIOCSIF*) or named at entry and read back at exit (SIOCGIF*), the field each command
uses (an address, a hardware address, the flags, a number, a name, struct ifmap); SIOCGIFCONF's
struct ifconf with its array of ifreq; the int of the owner and mark commands; the bridge names
and interface indexes; the commands strace prints the argument of as an address."""
import struct

from minitrace import printers
from minitrace.decode.array import print_array
from minitrace.decode.common import (bounded_cstring, endian, failed, flag_text, indirect_int,
                                     lmask, read_struct)
from minitrace.decode.ioctl.base import TableFamily, entry_state
from minitrace.decode.layout import Struct
from minitrace.decode.netlink.route.common import IFF_FLAGS
from minitrace.decode.sockaddr import sockaddr_text
from minitrace.decode.sockaddr.fields import cstring, ifindex, mac
from minitrace.decode.sockaddr.link import ARPHRD_TYPES

IFNAMSIZ = 16
UNION_AT = IFNAMSIZ          # the union of struct ifreq follows ifr_name
SOCKADDR_SIZE = 16
SA_DATA_SIZE = 14
# struct ifreq: ifr_name, then a union whose largest member is struct ifmap
IFREQ = Struct("ifreq", [
    ("ifr_name", ("u8", IFNAMSIZ)), ("mem_start", "ulong"), ("mem_end", "ulong"),
    ("base_addr", "u16"), ("irq", "u8"), ("dma", "u8"), ("port", "u8")])
IFCONF = Struct("ifconf", [("ifc_len", "s32"), ("ifc_buf", "ptr")])

# The hardware address length of a device type (print_hwaddr cuts its colon form to it);
# the other types show the whole sa_data.
HWADDR_SIZES = (
    ("ARPHRD_NETROM", 7), ("ARPHRD_ETHER", 6), ("ARPHRD_AX25", 7), ("ARPHRD_IEEE802", 6),
    ("ARPHRD_ARCNET", 1), ("ARPHRD_DLCI", 2), ("ARPHRD_IEEE1394", 16), ("ARPHRD_EUI64", 8),
    ("ARPHRD_INFINIBAND", 20), ("ARPHRD_SLIP", 0), ("ARPHRD_ROSE", 5), ("ARPHRD_X25", 0),
    ("ARPHRD_CAN", 0), ("ARPHRD_MCTP", 1), ("ARPHRD_PPP", 0), ("ARPHRD_RAWHDLC", 0),
    ("ARPHRD_RAWIP", 0), ("ARPHRD_TUNNEL", 4), ("ARPHRD_TUNNEL6", 16), ("ARPHRD_LOOPBACK", 6),
    ("ARPHRD_LOCALTLK", 1), ("ARPHRD_FDDI", 6), ("ARPHRD_SIT", 4), ("ARPHRD_IPDDP", 0),
    ("ARPHRD_IPGRE", 4), ("ARPHRD_PIMREG", 0), ("ARPHRD_HIPPI", 6), ("ARPHRD_IRDA", 4),
    ("ARPHRD_IEEE80211", 6), ("ARPHRD_IEEE80211_PRISM", 6), ("ARPHRD_IEEE80211_RADIOTAP", 6),
    ("ARPHRD_IEEE802154", 8), ("ARPHRD_IEEE802154_MONITOR", 8), ("ARPHRD_PHONET", 1),
    ("ARPHRD_PHONET_PIPE", 1), ("ARPHRD_CAIF", 0), ("ARPHRD_IP6GRE", 16),
    ("ARPHRD_NETLINK", 0), ("ARPHRD_6LOWPAN", 8), ("ARPHRD_VSOCKMON", 0))


def _int(call, raw, off, code="i"):
    return struct.unpack_from(endian(call) + code, raw, off)[0]


def _sockaddr(ctx, call, raw):
    return sockaddr_text(ctx, call, raw[UNION_AT:UNION_AT + SOCKADDR_SIZE])


def _hwaddr(ctx, call, raw):
    family = _int(call, raw, UNION_AT, "H")
    consts = ctx.constants(call.abi)
    size = dict((consts.get(n), s) for n, s in HWADDR_SIZES).get(family)
    data = raw[UNION_AT + 2:UNION_AT + 2 + SA_DATA_SIZE]
    return "{sa_family=%s, sa_data=%s}" % (
        printers.enum(family, ctx.enum_table(call.abi, ARPHRD_TYPES), ctx.style, "ARPHRD_???"),
        mac(ctx, data, size))


def _flags(ctx, call, raw):
    return flag_text(ctx, call, _int(call, raw, UNION_AT, "H"), IFF_FLAGS, "IFF_???")


def _number(ctx, call, raw):
    return "%d" % _int(call, raw, UNION_AT)


def _name(ctx, call, raw):
    return cstring(ctx, raw, UNION_AT, IFNAMSIZ)


def _ifr_name(ctx, call, raw):
    return cstring(ctx, raw, 0, IFNAMSIZ)


def _ifmap(ctx, call, raw):
    v = IFREQ.on(call.abi).dict(raw)
    return "{mem_start=%s, mem_end=%s, base_addr=%s, irq=%s, dma=%s, port=%s}" % tuple(
        printers.hexnum(v[f]) for f in ("mem_start", "mem_end", "base_addr", "irq", "dma",
                                         "port"))


# the union member a command sets or gets: (field name, printer(ctx, call, ifreq bytes))
_ADDR = [("SIOC%sIF%s" % (d, a), ("ifr_" + f, _sockaddr)) for d in "SG" for a, f in (
    ("ADDR", "addr"), ("DSTADDR", "dstaddr"), ("BRDADDR", "broadaddr"), ("NETMASK", "netmask"))]
IFREQ_FIELDS = dict(
    _ADDR
    + [(n, ("ifr_hwaddr", _hwaddr)) for n in ("SIOCADDMULTI", "SIOCDELMULTI", "SIOCGIFHWADDR",
                                              "SIOCSIFHWADDR", "SIOCSIFHWBROADCAST")]
    + [(n, ("ifr_flags", _flags)) for n in ("SIOCSIFFLAGS", "SIOCGIFFLAGS")]
    + [(n, ("ifr_" + f, _number)) for n, f in (
        ("SIOCGIFINDEX", "ifindex"), ("SIOCSIFMETRIC", "metric"), ("SIOCGIFMETRIC", "metric"),
        ("SIOCSIFMTU", "mtu"), ("SIOCGIFMTU", "mtu"), ("SIOCSIFTXQLEN", "qlen"),
        ("SIOCGIFTXQLEN", "qlen"))]
    + [(n, ("ifr_" + f, _name)) for n, f in (
        ("SIOCSIFSLAVE", "slave"), ("SIOCGIFSLAVE", "slave"), ("SIOCSIFNAME", "newname"))]
    + [("SIOCGIFNAME", ("ifr_name", _ifr_name))]
    + [(n, ("ifr_map", _ifmap)) for n in ("SIOCSIFMAP", "SIOCGIFMAP")])
SET_IFREQ = ("SIOCADDMULTI", "SIOCDELMULTI", "SIOCSIFADDR", "SIOCSIFBRDADDR", "SIOCSIFDSTADDR",
             "SIOCSIFFLAGS", "SIOCSIFHWADDR", "SIOCSIFHWBROADCAST", "SIOCSIFMAP",
             "SIOCSIFMETRIC", "SIOCSIFMTU", "SIOCSIFNAME", "SIOCSIFNETMASK", "SIOCSIFSLAVE",
             "SIOCSIFTXQLEN")
GET_IFREQ = ("SIOCGIFADDR", "SIOCGIFBRDADDR", "SIOCGIFDSTADDR", "SIOCGIFFLAGS",
             "SIOCGIFHWADDR", "SIOCGIFINDEX", "SIOCGIFMAP", "SIOCGIFMETRIC", "SIOCGIFMTU",
             "SIOCGIFNAME", "SIOCGIFNETMASK", "SIOCGIFSLAVE", "SIOCGIFTXQLEN")
# commands whose argument strace prints as an address (NULL for 0)
ADDRESS_ONLY = (
    "SIOCADDDLCI", "SIOCADDRT", "SIOCBONDCHANGEACTIVE", "SIOCBONDENSLAVE", "SIOCBONDINFOQUERY",
    "SIOCBONDRELEASE", "SIOCBONDSETHWADDR", "SIOCBONDSLAVEINFOQUERY", "SIOCDARP",
    "SIOCDELDLCI", "SIOCDELRT", "SIOCDIFADDR", "SIOCDRARP", "SIOCETHTOOL", "SIOCGARP",
    "SIOCGHWTSTAMP", "SIOCGIFBR", "SIOCGIFCOUNT", "SIOCGIFMEM", "SIOCGIFPFLAGS", "SIOCGIFVLAN",
    "SIOCGMIIPHY", "SIOCGMIIREG", "SIOCGRARP", "SIOCGSKNS", "SIOCGSTAMP_OLD", "SIOCGSTAMP_NEW",
    "SIOCGSTAMPNS_OLD", "SIOCGSTAMPNS_NEW", "SIOCRTMSG", "SIOCSARP", "SIOCSHWTSTAMP",
    "SIOCSIFBR", "SIOCSIFLINK", "SIOCSIFMEM", "SIOCSIFPFLAGS", "SIOCSIFVLAN", "SIOCSMIIREG",
    "SIOCSRARP", "SIOCWANDEV")
INT_IN = ("FIOSETOWN", "SIOCSIFENCAP", "SIOCSPGRP")
INT_OUT = ("FIOGETOWN", "SIOCATMARK", "SIOCGIFENCAP", "SIOCGPGRP", "SIOCOUTQNSD")


def _read_ifreq(ctx, call, arg):
    size = IFREQ.on(call.abi).size
    data = ctx.read(call, arg, size) if arg else None
    return None if data is None or len(data) < size else bytes(data)


def _field(ctx, call, name, raw):
    field, show = IFREQ_FIELDS[name]
    return "%s=%s" % (field, show(ctx, call, raw))


def _set_ifreq(name):
    def show(ctx, call, arg):
        raw = _read_ifreq(ctx, call, arg)
        if raw is None:
            return printers.ptr(arg)
        return "{ifr_name=%s, %s}" % (_ifr_name(ctx, call, raw), _field(ctx, call, name, raw))
    return show


def _get_ifreq(name):
    def enter(ctx, call, arg):
        raw = _read_ifreq(ctx, call, arg)
        if raw is None:
            return printers.ptr(arg), False
        if name == "SIOCGIFNAME":
            return "{ifr_ifindex=%d" % _int(call, raw, UNION_AT), True
        return "{ifr_name=%s" % _ifr_name(ctx, call, raw), True

    def exit(ctx, call, arg):
        raw = None if failed(call) else _read_ifreq(ctx, call, arg)
        return "}" if raw is None else ", %s}" % _field(ctx, call, name, raw)
    return enter, exit


def _bridge_ifindex(ctx, call, arg):
    raw = _read_ifreq(ctx, call, arg)
    if raw is None:
        return printers.ptr(arg)
    return "{ifr_ifindex=%s}" % ifindex(ctx, _int(call, raw, UNION_AT))


def _ifc_len(call, length):
    """ifc_len, with how many struct ifreq it holds when it is a positive multiple."""
    size = IFREQ.on(call.abi).size
    if length > 0 and length % size == 0:
        return "%d /* %d * sizeof(struct ifreq) */" % (length, length // size)
    return "%d" % length


def _ifconf_enter(ctx, call, arg):
    v = read_struct(ctx, call, arg, IFCONF.on(call.abi))
    if v is None:
        return printers.ptr(arg), False
    text = "{ifc_len=" + (_ifc_len(call, v["ifc_len"]) if v["ifc_buf"] else "")
    return text, True, (v["ifc_len"], v["ifc_buf"])


def _ifconf_ifreq(ctx, call):
    def show(raw):
        return "{ifr_name=%s, ifr_addr=%s}" % (_ifr_name(ctx, call, raw),
                                               _sockaddr(ctx, call, raw))
    return show


def _ifconf_exit(ctx, call, arg):
    in_len, in_buf = entry_state(call)
    v = read_struct(ctx, call, arg, IFCONF.on(call.abi))
    if v is None:
        return "%s, ifc_buf=%s}" % ("" if in_buf else _ifc_len(call, in_len),
                                    printers.ptr(in_buf))
    length, buf = v["ifc_len"], v["ifc_buf"]
    text = ""
    if in_buf and in_len != length:
        text += " => "
    if not in_buf or in_len != length:
        text += _ifc_len(call, length)
    if not in_buf or failed(call):
        text += ", ifc_buf=" + printers.ptr(in_buf)
        if in_buf != buf:
            text += " => " + printers.ptr(buf)
        return text + "}"
    size = IFREQ.on(call.abi).size
    count = (length & lmask(call)) // size    # the int as a size_t
    return text + ", ifc_buf=%s}" % print_array(ctx, call, buf, count, size, bytes,
                                                _ifconf_ifreq(ctx, call))


SOCK = TableFamily(
    (0x89,),
    inp=dict([(n, _set_ifreq(n)) for n in SET_IFREQ]
             + [(n, lambda ctx, call, arg: printers.ptr(arg)) for n in ADDRESS_ONLY]
             + [(n, lambda ctx, call, arg: indirect_int(ctx, call, arg)) for n in INT_IN]
             + [(n, lambda ctx, call, arg: bounded_cstring(ctx, call, arg, IFNAMSIZ))
                for n in ("SIOCBRADDBR", "SIOCBRDELBR")]
             + [(n, _bridge_ifindex) for n in ("SIOCBRADDIF", "SIOCBRDELIF")]),
    out=dict((n, lambda ctx, call, arg: indirect_int(ctx, call, arg)) for n in INT_OUT),
    both=dict([(n, _get_ifreq(n)) for n in GET_IFREQ]
              + [("SIOCGIFCONF", (_ifconf_enter, _ifconf_exit))]))
