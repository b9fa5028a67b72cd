"""NETLINK_NETFILTER: the 8-bit subsystem and the subsystem's message type
(`NFNL_SUBSYS_NFTABLES<<8|NFT_MSG_NEWTABLE`), request flags by type, and the nfgenmsg header
with its attributes."""
import struct

from minitrace import printers
from minitrace.decode.netlink import message
from minitrace.decode.netlink.nlattr import Attrs, hexstr, nlattrs
from minitrace.decode.netlink.route.common import FAMILIES
CONTROL_TYPES = ("NFNL_MSG_BATCH_BEGIN", "NFNL_MSG_BATCH_END")
SUBSYSTEMS = ("NFNL_SUBSYS_NONE", "NFNL_SUBSYS_CTNETLINK", "NFNL_SUBSYS_CTNETLINK_EXP",
              "NFNL_SUBSYS_QUEUE", "NFNL_SUBSYS_ULOG", "NFNL_SUBSYS_OSF", "NFNL_SUBSYS_IPSET",
              "NFNL_SUBSYS_ACCT", "NFNL_SUBSYS_CTNETLINK_TIMEOUT", "NFNL_SUBSYS_CTHELPER",
              "NFNL_SUBSYS_NFTABLES", "NFNL_SUBSYS_NFT_COMPAT", "NFNL_SUBSYS_HOOK")
CT_TYPES = ("IPCTNL_MSG_CT_NEW", "IPCTNL_MSG_CT_GET", "IPCTNL_MSG_CT_DELETE",
            "IPCTNL_MSG_CT_GET_CTRZERO", "IPCTNL_MSG_CT_GET_STATS_CPU",
            "IPCTNL_MSG_CT_GET_STATS", "IPCTNL_MSG_CT_GET_DYING",
            "IPCTNL_MSG_CT_GET_UNCONFIRMED")
EXP_TYPES = ("IPCTNL_MSG_EXP_NEW", "IPCTNL_MSG_EXP_GET", "IPCTNL_MSG_EXP_DELETE",
             "IPCTNL_MSG_EXP_GET_STATS_CPU")
QUEUE_TYPES = ("NFQNL_MSG_PACKET", "NFQNL_MSG_VERDICT", "NFQNL_MSG_CONFIG",
               "NFQNL_MSG_VERDICT_BATCH")
ULOG_TYPES = ("NFULNL_MSG_PACKET", "NFULNL_MSG_CONFIG")
OSF_TYPES = ("OSF_MSG_ADD", "OSF_MSG_REMOVE")
IPSET_TYPES = ("IPSET_CMD_NONE", "IPSET_CMD_PROTOCOL", "IPSET_CMD_CREATE", "IPSET_CMD_DESTROY",
               "IPSET_CMD_FLUSH", "IPSET_CMD_RENAME", "IPSET_CMD_SWAP", "IPSET_CMD_LIST",
               "IPSET_CMD_SAVE", "IPSET_CMD_ADD", "IPSET_CMD_DEL", "IPSET_CMD_TEST",
               "IPSET_CMD_HEADER", "IPSET_CMD_TYPE", "IPSET_CMD_GET_BYNAME",
               "IPSET_CMD_GET_BYINDEX")
ACCT_TYPES = ("NFNL_MSG_ACCT_NEW", "NFNL_MSG_ACCT_GET", "NFNL_MSG_ACCT_GET_CTRZERO",
              "NFNL_MSG_ACCT_DEL", "NFNL_MSG_ACCT_OVERQUOTA")
TIMEOUT_TYPES = ("IPCTNL_MSG_TIMEOUT_NEW", "IPCTNL_MSG_TIMEOUT_GET", "IPCTNL_MSG_TIMEOUT_DELETE",
                 "IPCTNL_MSG_TIMEOUT_DEFAULT_SET", "IPCTNL_MSG_TIMEOUT_DEFAULT_GET")
CTHELPER_TYPES = ("NFNL_MSG_CTHELPER_NEW", "NFNL_MSG_CTHELPER_GET", "NFNL_MSG_CTHELPER_DEL")
NFT_TYPES = ("NFT_MSG_NEWTABLE", "NFT_MSG_GETTABLE", "NFT_MSG_DELTABLE", "NFT_MSG_NEWCHAIN",
             "NFT_MSG_GETCHAIN", "NFT_MSG_DELCHAIN", "NFT_MSG_NEWRULE", "NFT_MSG_GETRULE",
             "NFT_MSG_DELRULE", "NFT_MSG_NEWSET", "NFT_MSG_GETSET", "NFT_MSG_DELSET",
             "NFT_MSG_NEWSETELEM", "NFT_MSG_GETSETELEM", "NFT_MSG_DELSETELEM", "NFT_MSG_NEWGEN",
             "NFT_MSG_GETGEN", "NFT_MSG_TRACE", "NFT_MSG_NEWOBJ", "NFT_MSG_GETOBJ",
             "NFT_MSG_DELOBJ", "NFT_MSG_GETOBJ_RESET", "NFT_MSG_NEWFLOWTABLE",
             "NFT_MSG_GETFLOWTABLE", "NFT_MSG_DELFLOWTABLE")
COMPAT_TYPES = ("NFNL_MSG_COMPAT_GET",)
HOOK_TYPES = ("NFNL_MSG_HOOK_GET",)

# subsystem -> (its message type names, strace's default, {kind: type names})
BY_SUBSYSTEM = {
    "NFNL_SUBSYS_CTNETLINK": (CT_TYPES, "IPCTNL_MSG_CT_???", {
        "new": ("IPCTNL_MSG_CT_NEW",), "del": ("IPCTNL_MSG_CT_DELETE",),
        "get": ("IPCTNL_MSG_CT_GET", "IPCTNL_MSG_CT_GET_CTRZERO", "IPCTNL_MSG_CT_GET_STATS_CPU",
                "IPCTNL_MSG_CT_GET_STATS", "IPCTNL_MSG_CT_GET_DYING",
                "IPCTNL_MSG_CT_GET_UNCONFIRMED")}),
    "NFNL_SUBSYS_CTNETLINK_EXP": (EXP_TYPES, "IPCTNL_MSG_EXP_???", {
        "new": ("IPCTNL_MSG_EXP_NEW",), "del": ("IPCTNL_MSG_EXP_DELETE",),
        "get": ("IPCTNL_MSG_EXP_GET", "IPCTNL_MSG_EXP_GET_STATS_CPU")}),
    "NFNL_SUBSYS_QUEUE": (QUEUE_TYPES, "NFQNL_MSG_???", {}),
    "NFNL_SUBSYS_ULOG": (ULOG_TYPES, "NFULNL_MSG_???", {}),
    "NFNL_SUBSYS_OSF": (OSF_TYPES, "OSF_MSG_???", {}),
    "NFNL_SUBSYS_IPSET": (IPSET_TYPES, "IPSET_CMD_???", {}),
    "NFNL_SUBSYS_ACCT": (ACCT_TYPES, "NFNL_MSG_ACCT_???", {
        "new": ("NFNL_MSG_ACCT_NEW",), "del": ("NFNL_MSG_ACCT_DEL",),
        "get": ("NFNL_MSG_ACCT_GET", "NFNL_MSG_ACCT_GET_CTRZERO")}),
    "NFNL_SUBSYS_CTNETLINK_TIMEOUT": (TIMEOUT_TYPES, "IPCTNL_MSG_TIMEOUT_???", {
        "new": ("IPCTNL_MSG_TIMEOUT_NEW",), "del": ("IPCTNL_MSG_TIMEOUT_DELETE",),
        "get": ("IPCTNL_MSG_TIMEOUT_GET",)}),
    "NFNL_SUBSYS_CTHELPER": (CTHELPER_TYPES, "NFNL_MSG_CTHELPER_???", {
        "new": ("NFNL_MSG_CTHELPER_NEW",), "del": ("NFNL_MSG_CTHELPER_DEL",),
        "get": ("NFNL_MSG_CTHELPER_GET",)}),
    "NFNL_SUBSYS_NFTABLES": (NFT_TYPES, "NFT_MSG_???", {
        "new": ("NFT_MSG_NEWTABLE", "NFT_MSG_NEWCHAIN", "NFT_MSG_NEWRULE", "NFT_MSG_NEWSET",
                "NFT_MSG_NEWSETELEM", "NFT_MSG_NEWGEN", "NFT_MSG_NEWOBJ",
                "NFT_MSG_NEWFLOWTABLE"),
        "get": ("NFT_MSG_GETTABLE", "NFT_MSG_GETCHAIN", "NFT_MSG_GETRULE", "NFT_MSG_GETSET",
                "NFT_MSG_GETSETELEM", "NFT_MSG_GETGEN", "NFT_MSG_GETOBJ",
                "NFT_MSG_GETOBJ_RESET", "NFT_MSG_GETFLOWTABLE"),
        "del": ("NFT_MSG_DELTABLE", "NFT_MSG_DELCHAIN", "NFT_MSG_DELRULE", "NFT_MSG_DELSET",
                "NFT_MSG_DELSETELEM", "NFT_MSG_DELOBJ", "NFT_MSG_DELFLOWTABLE")}),
    "NFNL_SUBSYS_NFT_COMPAT": (COMPAT_TYPES, "NFNL_MSG_COMPAT_???", {
        "get": ("NFNL_MSG_COMPAT_GET",)}),
    "NFNL_SUBSYS_HOOK": (HOOK_TYPES, "NFT_MSG_HOOK_???", {"get": ("NFNL_MSG_HOOK_GET",)}),
}


def _subsystem(v, mtype):
    sub = (mtype >> 8) & 0xff
    return sub, v.names(SUBSYSTEMS).get(sub)


def type_text(v, mtype):
    control = v.names(CONTROL_TYPES).get(mtype)
    if control is not None:
        return v.enum(mtype, CONTROL_TYPES)
    sub, name = _subsystem(v, mtype)
    text = v.enum(sub, SUBSYSTEMS, "NFNL_SUBSYS_???") + "<<8|"
    spec = BY_SUBSYSTEM.get(name)
    if spec is None:
        return text + printers.hexnum(mtype & 0xff)
    return text + v.enum(mtype & 0xff, spec[0], spec[1])


def kind(v, mtype):
    _, name = _subsystem(v, mtype)
    spec = BY_SUBSYSTEM.get(name)
    if spec is None:
        return None
    return message.kind_by_names(spec[2])(v, mtype & 0xff)


VERSIONS = ("NFNETLINK_V0",)
# attributes of every subsystem: numbers only (strace decodes no netfilter attribute)
ANY_ATTRS = Attrs((), None)


def _res_id(v, mtype, raw):
    """res_id is big-endian; nftables used to send NFNL_SUBSYS_NFTABLES in host order."""
    value = struct.unpack(">H", raw)[0]
    nftables = v.const("NFNL_SUBSYS_NFTABLES")
    host = struct.unpack(v.order + "H", raw)[0]
    if (mtype >> 8) == nftables and value == nftables:
        return _named(v, host, "htons(NFNL_SUBSYS_NFTABLES)")
    if (mtype >> 8) == nftables and host == nftables:
        return _named(v, host, "NFNL_SUBSYS_NFTABLES")
    return "htons(%d)" % value


def _named(v, value, name):
    cstyle = v.style.const_style
    if cstyle == "raw":
        return printers.hexnum(value)
    return "%s /* %s */" % (printers.hexnum(value), name) if cstyle == "verbose" else name


def payload(v, hdr, addr, length):
    mtype = hdr[1]
    if mtype == v.const("NLMSG_DONE"):
        return None
    if length < 4:                                      # sizeof(struct nfgenmsg)
        return hexstr(v, addr, length)
    raw = v.get(addr, 4)
    if raw is None:
        return printers.ptr(addr)
    family, version = bytearray(raw[:2])
    text = "{nfgen_family=%s, version=%s, res_id=%s}" % (
        v.enum(family, FAMILIES, "AF_???"), v.enum(version, VERSIONS, "NFNETLINK_???"),
        _res_id(v, mtype, raw[2:]))
    if length > 4:
        batch = v.names(CONTROL_TYPES)
        if mtype in batch or mtype < message.NLMSG_MIN_TYPE:
            text += ", " + hexstr(v, addr + 4, length - 4)
        else:
            text += ", " + nlattrs(v, addr + 4, length - 4, ANY_ATTRS)
    return text


message.register(message.Protocol("NETLINK_NETFILTER", type_text=type_text, kind=kind,
                                  payload=payload))
