"""The bridge multicast database: struct br_port_msg (RTM_*MDB) and its MDBA_* attributes:
entries (struct br_mdb_entry and its extra attributes) and router ports (linux/if_bridge.h;
strace's rtnl_mdb.c)."""
import struct

from minitrace import printers
from minitrace.decode.netlink.nlattr import (
    Attrs, Header, ifname, inet_addr_text, nested, nla_clock_t, nlattrs, show_enum,
    show_ifindex)
from minitrace.decode.netlink.route.common import FAMILIES

MDB_STATES = ("MDB_TEMPORARY", "MDB_PERMANENT")
MDB_FLAGS = ("MDB_FLAGS_OFFLOAD", "MDB_FLAGS_FAST_LEAVE", "MDB_FLAGS_STAR_EXCL",
             "MDB_FLAGS_BLOCKED")
MDB_RTR_TYPES = ("MDB_RTR_TYPE_DISABLED", "MDB_RTR_TYPE_TEMP_QUERY", "MDB_RTR_TYPE_PERM",
                 "MDB_RTR_TYPE_TEMP")
EATTR = Attrs(("MDBA_MDB_EATTR_UNSPEC", "MDBA_MDB_EATTR_TIMER", "MDBA_MDB_EATTR_SRC_LIST",
               "MDBA_MDB_EATTR_GROUP_MODE", "MDBA_MDB_EATTR_SOURCE", "MDBA_MDB_EATTR_RTPROT"),
              "MDBA_MDB_EATTR_???", {"MDBA_MDB_EATTR_TIMER": nla_clock_t})
_ENTRY_SIZE = 28            # struct br_mdb_entry, its address union 16 bytes, padded


def _entry_info(v, addr, length, opaque=None):
    """struct br_mdb_entry (addr.proto in network order), then extra attributes."""
    if length < _ENTRY_SIZE:
        return None
    raw = v.get(addr, _ENTRY_SIZE)
    if raw is None:
        text = printers.ptr(addr)
    else:
        index, state, flags, vid = struct.unpack(v.order + "IBBH", raw[:8])
        proto = struct.unpack(">H", raw[24:26])[0]
        text = "{ifindex=%s, state=%s, flags=%s, vid=%d, addr={%s, proto=htons(%s)}}" % (
            ifname(index, v), v.enum(state, MDB_STATES, "MDB_???"),
            v.flags(flags, MDB_FLAGS, "MDB_FLAGS_???"), vid,
            inet_addr_text(v, proto, raw[8:24], "u"), v.enum(proto, FAMILIES, "AF_???"))
    if length > _ENTRY_SIZE:
        text += ", " + nlattrs(v, addr + _ENTRY_SIZE, length - _ENTRY_SIZE, EATTR)
    return text


def _router_type(v, addr, length, opaque=None):
    got = v.unpack(addr, "B")
    return printers.ptr(addr) if got is None else v.enum(got[0], MDB_RTR_TYPES,
                                                         "MDB_RTR_TYPE_???")


PATTR = Attrs(("MDBA_ROUTER_PATTR_UNSPEC", "MDBA_ROUTER_PATTR_TIMER", "MDBA_ROUTER_PATTR_TYPE",
               "MDBA_ROUTER_PATTR_INET_TIMER", "MDBA_ROUTER_PATTR_INET6_TIMER"),
              "MDBA_ROUTER_PATTR_???", {
                  "MDBA_ROUTER_PATTR_TIMER": nla_clock_t, "MDBA_ROUTER_PATTR_TYPE": _router_type,
                  "MDBA_ROUTER_PATTR_INET_TIMER": nla_clock_t,
                  "MDBA_ROUTER_PATTR_INET6_TIMER": nla_clock_t})


def _router_port(v, addr, length, opaque=None):
    """An ifindex, then the port's attributes."""
    if length < 4:
        return None
    got = v.unpack(addr, "I")
    text = printers.ptr(addr) if got is None else ifname(got[0], v)
    if length > 4:
        text += ", " + nlattrs(v, addr + 4, length - 4, PATTR)
    return text


MDB_ENTRY = Attrs(("MDBA_MDB_ENTRY_UNSPEC", "MDBA_MDB_ENTRY_INFO"), "MDBA_MDB_ENTRY_???", {
    "MDBA_MDB_ENTRY_INFO": _entry_info})
MDB = Attrs(("MDBA_MDB_UNSPEC", "MDBA_MDB_ENTRY"), "MDBA_MDB_???", {
    "MDBA_MDB_ENTRY": nested(MDB_ENTRY)})
ROUTER = Attrs(("MDBA_ROUTER_UNSPEC", "MDBA_ROUTER_PORT"), "MDBA_ROUTER_???", {
    "MDBA_ROUTER_PORT": _router_port})
MDBA = Attrs(("MDBA_UNSPEC", "MDBA_MDB", "MDBA_ROUTER"), "MDBA_???", {
    "MDBA_MDB": nested(MDB), "MDBA_ROUTER": nested(ROUTER)})
BR_PORT_MSG = Header([("family", "B", show_enum(FAMILIES, "AF_???")), (None, "3x", None),
                      ("ifindex", "I", show_ifindex)], MDBA)
