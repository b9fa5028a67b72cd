"""Netlink messages: the nlmsghdr with its protocol's message types and flags, the payload
(the protocol's decoder, nlmsgerr with its extended acknowledgement, NLMSG_DONE's int) and the
run of messages in one buffer (strace's decode_netlink).

A protocol module registers a `Protocol`: its type names, the NLM_F_* flags its types take,
and its payload decoder.
"""
from minitrace import printers
from minitrace.decode.common import pid_arg
from minitrace.decode.layout import Struct, named
from minitrace.decode.netlink.nlattr import Attrs, array, hexstr, nla_str, nla_u32, nlattrs

# struct nlmsghdr (linux/netlink.h): fixed-size fields, the same layout on every ABI
NLMSGHDR = named("nlmsghdr", Struct("nlmsghdr", [
    ("nlmsg_len", "u32"), ("nlmsg_type", "u16"), ("nlmsg_flags", "u16"), ("nlmsg_seq", "u32"),
    ("nlmsg_pid", "u32")]))
NLMSG_HDRLEN = 16
NLMSG_MIN_TYPE = 0x10           # linux/netlink.h: types below are control messages

NLMSG_TYPES = ("NLMSG_NOOP", "NLMSG_ERROR", "NLMSG_DONE", "NLMSG_OVERRUN")
NLM_FLAGS = ("NLM_F_REQUEST", "NLM_F_MULTI", "NLM_F_ACK", "NLM_F_ECHO", "NLM_F_DUMP_INTR",
             "NLM_F_DUMP_FILTERED")
GET_FLAGS = NLM_FLAGS + ("NLM_F_DUMP", "NLM_F_ROOT", "NLM_F_MATCH", "NLM_F_ATOMIC")
NEW_FLAGS = NLM_FLAGS + ("NLM_F_REPLACE", "NLM_F_EXCL", "NLM_F_CREATE", "NLM_F_APPEND")
DELETE_FLAGS = NLM_FLAGS + ("NLM_F_NONREC", "NLM_F_BULK")
ACK_FLAGS = NLM_FLAGS + ("NLM_F_CAPPED", "NLM_F_ACK_TLVS")
# the kind of request a message type is -> its flag names
FLAGS_BY_KIND = {"new": NEW_FLAGS, "del": DELETE_FLAGS, "get": GET_FLAGS, None: NLM_FLAGS}

NLMSGERR_ATTRS = ("NLMSGERR_ATTR_UNUSED", "NLMSGERR_ATTR_MSG", "NLMSGERR_ATTR_OFFS",
                  "NLMSGERR_ATTR_COOKIE", "NLMSGERR_ATTR_POLICY", "NLMSGERR_ATTR_MISS_TYPE",
                  "NLMSGERR_ATTR_MISS_NEST")


class Protocol(object):
    """What strace knows of one NETLINK_* protocol.

    types/unknown: the names of its message types and strace's default (`RTM_???`);
    type_text(v, mtype): a decoder of the type when names are not enough (netfilter, generic);
    kind(v, mtype): "new", "del", "get" or None, which picks the NLM_F_* flags;
    payload(v, hdr, addr, length): the message body's text, or None for the hex string.
    """

    def __init__(self, name, types=(), unknown="NLMSG_???", type_text=None, kind=None,
                 payload=None):
        self.name = name
        self.types = types
        self.unknown = unknown
        self.type_text = type_text
        self.kind = kind
        self.payload = payload


PROTOCOLS = {}           # NETLINK_* name -> Protocol


def register(protocol):
    PROTOCOLS[protocol.name] = protocol
    return protocol


def protocol_of(v):
    """The Protocol of the view's socket, or None."""
    if v.proto is None:
        return None
    for name, p in PROTOCOLS.items():
        if v.const(name) == v.proto:
            return p
    return None


def kind_by_names(groups):
    """A `kind` function from {"new": (TYPE names), "del": (...), "get": (...)}."""
    def kind(v, mtype):
        for k, names in groups.items():
            if mtype in v.names(names):
                return k
        return None
    return kind


# ---------------------------------------------------------------------------------------------
# the header

def type_text(v, mtype, proto):
    if mtype >= NLMSG_MIN_TYPE and proto is not None:
        if proto.type_text is not None:
            return proto.type_text(v, mtype)
        return v.enum(mtype, proto.types, proto.unknown)
    return v.enum(mtype, NLMSG_TYPES, "NLMSG_???")


def flags_text(v, mtype, mflags, proto):
    names = NLM_FLAGS
    if mtype < NLMSG_MIN_TYPE:
        if mtype == v.const("NLMSG_ERROR"):
            names = ACK_FLAGS
    elif proto is not None and proto.kind is not None:
        names = FLAGS_BY_KIND[proto.kind(v, mtype)]
    return v.flags(mflags, names, "NLM_F_???")


def nlmsghdr_text(v, hdr, proto):
    length, mtype, mflags, seq, pid = hdr
    return "{nlmsg_len=%d, nlmsg_type=%s, nlmsg_flags=%s, nlmsg_seq=%d, nlmsg_pid=%s}" % (
        length, type_text(v, mtype, proto), flags_text(v, mtype, mflags, proto), seq,
        pid_arg(v.ctx, v.call, pid, "tgid"))


# ---------------------------------------------------------------------------------------------
# payloads

def _cookie(v, addr, length, opaque=None):
    return array(v, addr, length, 1, lambda a: _byte(v, a))


def _byte(v, addr):
    raw = v.get(addr, 1)
    return None if raw is None else str(bytearray(raw)[0])


NLMSGERR = Attrs(NLMSGERR_ATTRS, "NLMSGERR_ATTR_???", {
    "NLMSGERR_ATTR_MSG": nla_str, "NLMSGERR_ATTR_OFFS": nla_u32,
    "NLMSGERR_ATTR_COOKIE": _cookie})


def err_text(v, err):
    """strace's print_err(err, negated): `-EACCES`, -X raw `-13`, -X verbose `-13 /* -EACCES */`."""
    name = v.ctx.errno_names(v.call.abi).get(-err) if err < 0 else None
    cstyle = v.style.const_style
    if name is None or cstyle == "raw":
        return str(err)
    if cstyle == "verbose":
        return "%d /* -%s */" % (err, name)
    return "-" + name


def nlmsgerr_text(v, proto, addr, length, capped):
    if length < 20:                              # sizeof(struct nlmsgerr)
        return hexstr(v, addr, length)
    got = v.unpack(addr, "iIHHII")
    if got is None:
        return printers.ptr(addr)
    err, msg = got[0], got[1:]
    addr += 4
    length -= 4
    msg_len = max(NLMSG_HDRLEN, msg[0])
    payload = min(length, NLMSG_HDRLEN if capped else msg_len)
    text = "{error=%s, msg=%s}" % (err_text(v, err),
                                   with_payload(v, msg, proto, addr, payload))
    if length > payload:
        text = "[%s, %s]" % (text, nlattrs(v, addr + payload, length - payload, NLMSGERR))
    return text


def payload_text(v, hdr, proto, addr, length):
    mtype = hdr[1]
    if mtype == v.const("NLMSG_ERROR"):
        return nlmsgerr_text(v, proto, addr, length, hdr[2] & (v.const("NLM_F_CAPPED") or 0))
    done = v.const("NLMSG_DONE")
    if (mtype >= NLMSG_MIN_TYPE or mtype == done) and proto is not None and \
            proto.payload is not None:
        text = proto.payload(v, hdr, addr, length)
        if text is not None:
            return text
    if mtype == done and length == 4:
        got = v.unpack(addr, "i")
        return printers.ptr(addr) if got is None else str(got[0])
    return hexstr(v, addr, length)


def with_payload(v, hdr, proto, addr, length):
    """strace's decode_nlmsghdr_with_payload: `{hdr}` or `[{hdr}, payload]`."""
    msg_len = min(hdr[0], length)
    head = nlmsghdr_text(v, hdr, proto)
    if msg_len <= NLMSG_HDRLEN:
        return head
    return "[%s, %s]" % (head, payload_text(v, hdr, proto, addr + NLMSG_HDRLEN,
                                            msg_len - NLMSG_HDRLEN))


# ---------------------------------------------------------------------------------------------
# a buffer of messages

def messages_text(v, addr, length):
    """strace's decode_netlink over the view's buffer."""
    proto = protocol_of(v)
    whole = getattr(proto, "whole_buffer", None)
    if whole is not None:
        return whole(v, addr, length)
    parts = []
    is_array = False
    elt = 0
    while True:
        if length < NLMSG_HDRLEN:
            parts.append(hexstr(v, addr, length))
            break
        hdr = v.unpack(addr, "IHHII")
        if hdr is None:
            parts.append("... /* %s */" % printers.ptr(addr) if is_array else printers.ptr(addr))
            break
        if v.abbrev and elt == v.limit:
            parts.append("...")
            break
        step = (hdr[0] + 3) & ~3
        next_addr = None
        if hdr[0] >= NLMSG_HDRLEN:
            next_len = length - step if length >= step else 0
            if next_len and addr + step > addr:
                next_addr = addr + step
        if not is_array and next_addr is not None:
            is_array = True
        parts.append(with_payload(v, hdr, proto, addr, length))
        if next_addr is None:
            break
        addr = next_addr
        length = next_len
        elt += 1
    if is_array:
        return "[" + ", ".join(parts) + "]"
    return parts[0]
