"""Offline tests of decode/netlink: netlink buffers built here (bytes in), the text strace 6.1
prints for them (text out); fake tracee memory, so a buffer can end in unreadable memory."""
import struct

from minitrace import decode, events, printers
from minitrace.decode import netlink
from decodertest import Entry, FakeMemory

A = 0x10000
NETLINK_ROUTE, NETLINK_SOCK_DIAG, NETLINK_NETFILTER, NETLINK_SELINUX = 0, 4, 12, 7
NETLINK_KOBJECT_UEVENT = 15
RTM_GETADDR, RTM_NEWLINK, RTM_GETROUTE = 22, 16, 26
NLM_F_REQUEST, NLM_F_DUMP, NLM_F_MULTI = 1, 0x300, 2
AF_INET, AF_INET6 = 2, 10


def nlmsg(mtype, flags, body=b"", seq=0, pid=0, length=None):
    if length is None:
        length = 16 + len(body)
    return struct.pack("=IHHII", length, mtype, flags, seq, pid) + body


def nla(ntype, payload, length=None):
    if length is None:
        length = 4 + len(payload)
    data = struct.pack("=HH", length, ntype) + payload
    return data + b"\0" * ((-len(data)) % 4)


def text(data, proto=NETLINK_ROUTE, length=None, style=None, readable=None):
    """The decoded buffer; `readable` bytes of it are in memory (all by default)."""
    mem = FakeMemory({A: data[:readable] if readable is not None else data})
    ctx = decode.Context(mem, style)
    call = events.Syscall(1, "x86_64", 44, Entry("sendto"), (0,) * 6, 0)
    return netlink.buffer_text(ctx, call, 3, A, len(data) if length is None else length, proto)


HDR_GETADDR = "{nlmsg_len=%d, nlmsg_type=RTM_GETADDR, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, " \
    "nlmsg_seq=1234, nlmsg_pid=0}"
IFA_LO = "{ifa_family=AF_INET, ifa_prefixlen=8, ifa_flags=IFA_F_PERMANENT, " \
    "ifa_scope=RT_SCOPE_HOST, ifa_index=if_nametoindex(\"lo\")}"
IFADDR_LO = struct.pack("=BBBBI", AF_INET, 8, 0x80, 254, 1)


def test_header_and_family_struct():
    data = nlmsg(RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP, struct.pack("=BBBBI", 2, 0, 0, 0, 0),
                 seq=1234)
    assert text(data) == "[" + HDR_GETADDR % 24 + ", {ifa_family=AF_INET, ifa_prefixlen=0, " \
        "ifa_flags=0, ifa_scope=RT_SCOPE_UNIVERSE, ifa_index=0}]"
    # a header alone, and a body too short for ifaddrmsg
    assert text(nlmsg(RTM_GETADDR, 0x301, seq=1234)) == HDR_GETADDR % 16
    assert text(nlmsg(RTM_GETADDR, 0x301, b"\2\0", seq=1234)) == \
        "[" + HDR_GETADDR % 18 + ", {ifa_family=AF_INET, ...}]"


def test_attributes_known_unknown_short_and_unreadable():
    body = IFADDR_LO + nla(2, bytes(bytearray([127, 0, 0, 1]))) + nla(3, b"lo\0") + \
        nla(0x3fff, b"ab")
    data = nlmsg(RTM_GETADDR, 0x301, body, seq=1234)
    assert text(data) == "[" + HDR_GETADDR % len(data) + ", " + IFA_LO + ", [" \
        '[{nla_len=8, nla_type=IFA_LOCAL}, inet_addr("127.0.0.1")], ' \
        '[{nla_len=7, nla_type=IFA_LABEL}, "lo"], ' \
        '[{nla_len=6, nla_type=0x3fff /* IFA_??? */}, "\\x61\\x62"]]]'
    # an attribute shorter than its header: the bytes in hex
    data = nlmsg(RTM_GETADDR, 0x301, IFADDR_LO + b"\1\2\3", seq=1234)
    assert text(data) == "[" + HDR_GETADDR % 27 + ", " + IFA_LO + ', "\\x01\\x02\\x03"]'
    # an address attribute whose payload lies in unreadable memory: its address
    data = nlmsg(RTM_GETADDR, 0x301, IFADDR_LO + nla(2, b"\1\2\3\4"), seq=1234)
    assert text(data, readable=len(data) - 4) == "[" + HDR_GETADDR % 32 + ", " + IFA_LO + \
        ", [{nla_len=8, nla_type=IFA_LOCAL}, %#x]]" % (A + 28)
    # too short for its decoder (IFA_CACHEINFO wants 16 bytes): the hex string
    data = nlmsg(RTM_GETADDR, 0x301, IFADDR_LO + nla(6, b"abc"), seq=1234)
    assert text(data).endswith('[{nla_len=7, nla_type=IFA_CACHEINFO}, "\\x61\\x62\\x63"]]')


def test_nested_attributes_and_flags():
    ifinfo = struct.pack("=BxHiII", 0, 772, 1, 0x49, 0)
    linkinfo = nla(1, b"veth\0")
    data = nlmsg(RTM_NEWLINK, NLM_F_MULTI, ifinfo + nla(0x8000 | 18, linkinfo) + nla(4, struct.pack("=I", 65536)))
    assert text(data) == (
        "[{nlmsg_len=56, nlmsg_type=RTM_NEWLINK, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=0, "
        "nlmsg_pid=0}, {ifi_family=AF_UNSPEC, ifi_type=ARPHRD_LOOPBACK, "
        "ifi_index=if_nametoindex(\"lo\"), ifi_flags=IFF_UP|IFF_LOOPBACK|IFF_RUNNING, "
        "ifi_change=0}, [[{nla_len=16, nla_type=NLA_F_NESTED|IFLA_LINKINFO}, "
        "[{nla_len=9, nla_type=IFLA_INFO_KIND}, \"veth\"]], "
        "[{nla_len=8, nla_type=IFLA_MTU}, 65536]]]")


def test_nlmsgerr_with_extended_ack():
    req = nlmsg(RTM_GETROUTE, NLM_F_REQUEST, seq=7, pid=0)
    ack = struct.pack("=i", -13) + req + nla(1, b"no way\0") + nla(2, struct.pack("=I", 16))
    data = nlmsg(2, 0x300, ack)                          # NLM_F_CAPPED|NLM_F_ACK_TLVS
    assert text(data) == (
        "[{nlmsg_len=%d, nlmsg_type=NLMSG_ERROR, nlmsg_flags=NLM_F_CAPPED|NLM_F_ACK_TLVS, "
        "nlmsg_seq=0, nlmsg_pid=0}, [{error=-EACCES, msg={nlmsg_len=16, "
        "nlmsg_type=RTM_GETROUTE, nlmsg_flags=NLM_F_REQUEST, nlmsg_seq=7, nlmsg_pid=0}}, "
        "[[{nla_len=11, nla_type=NLMSGERR_ATTR_MSG}, \"no way\"], "
        "[{nla_len=8, nla_type=NLMSGERR_ATTR_OFFS}, 16]]]]" % len(data))
    raw = printers.Style(const_style="raw")
    assert "{error=-13, msg=" in text(data, style=raw)
    verbose = printers.Style(const_style="verbose")
    assert "{error=-13 /* -EACCES */, msg=" in text(data, style=verbose)
    # an error shorter than struct nlmsgerr
    assert text(nlmsg(2, 0, b"\1\2")) == "[{nlmsg_len=18, nlmsg_type=NLMSG_ERROR, " \
        "nlmsg_flags=0, nlmsg_seq=0, nlmsg_pid=0}, \"\\x01\\x02\"]"


def test_multi_message_buffers_and_limits():
    done = nlmsg(3, NLM_F_MULTI, struct.pack("=i", 0))
    one = nlmsg(RTM_GETADDR, 0x301, seq=1234)
    assert text(one + done) == "[" + HDR_GETADDR % 16 + ", [{nlmsg_len=20, " \
        "nlmsg_type=NLMSG_DONE, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=0, nlmsg_pid=0}, 0]]"
    # -s 2: two messages, then ...
    style = printers.Style(string_limit=2)
    got = text(one * 3, style=style)
    assert got == "[" + HDR_GETADDR % 16 + ", " + HDR_GETADDR % 16 + ", ...]"
    # -v: no limit
    assert text(one * 3, style=style.replace(verbose=True)).count("RTM_GETADDR") == 3
    # a second header in unreadable memory
    assert text(one + one, readable=16) == "[" + HDR_GETADDR % 16 + ", ... /* %#x */]" % (A + 16)
    # a buffer shorter than a header
    assert text(b"\1\2\3") == '"\\x01\\x02\\x03"'


def test_xlat_styles_in_headers():
    data = nlmsg(RTM_GETADDR, 0x301, seq=1234)
    assert text(data, style=printers.Style(const_style="raw")) == \
        "{nlmsg_len=16, nlmsg_type=0x16, nlmsg_flags=0x301, nlmsg_seq=1234, nlmsg_pid=0}"
    assert text(data, style=printers.Style(const_style="verbose")) == \
        "{nlmsg_len=16, nlmsg_type=0x16 /* RTM_GETADDR */, nlmsg_flags=0x301 " \
        "/* NLM_F_REQUEST|NLM_F_DUMP */, nlmsg_seq=1234, nlmsg_pid=0}"


def test_other_protocols():
    # netfilter: subsystem<<8|type, nfgenmsg
    data = nlmsg((10 << 8) | 0, NLM_F_REQUEST | 0x400, struct.pack("=BBH", 2, 0, 0))
    assert text(data, NETLINK_NETFILTER) == (
        "[{nlmsg_len=20, nlmsg_type=NFNL_SUBSYS_NFTABLES<<8|NFT_MSG_NEWTABLE, "
        "nlmsg_flags=NLM_F_REQUEST|NLM_F_CREATE, nlmsg_seq=0, nlmsg_pid=0}, "
        "{nfgen_family=AF_INET, version=NFNETLINK_V0, res_id=htons(0)}]")
    # selinux
    data = nlmsg(0x10, 0, struct.pack("=i", 1))
    assert text(data, NETLINK_SELINUX) == "[{nlmsg_len=20, nlmsg_type=SELNL_MSG_SETENFORCE, " \
        "nlmsg_flags=0, nlmsg_seq=0, nlmsg_pid=0}, {val=1}]"
    # sock_diag: the family of a request
    data = nlmsg(20, 0x301, b"\0")
    assert text(data, NETLINK_SOCK_DIAG) == "[{nlmsg_len=17, nlmsg_type=SOCK_DIAG_BY_FAMILY, " \
        "nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=0, nlmsg_pid=0}, {family=AF_UNSPEC}]"
    # an unknown protocol: the control types only
    assert text(nlmsg(0x20, 0), None) == \
        "{nlmsg_len=16, nlmsg_type=0x20 /* NLMSG_??? */, nlmsg_flags=0, nlmsg_seq=0, nlmsg_pid=0}"
    # kobject_uevent: the kernel's text
    assert text(b"add@/devices/x\0ACTION=add\0", NETLINK_KOBJECT_UEVENT) == \
        '"add@/devices/x\\0ACTION=add\\0"'
    # libudev's header: network-order fields as htonl(), the properties in an array with it
    udev = b"libudev\0" + struct.pack(">I", 0xfeedcafe) + struct.pack("=III", 40, 40, 7) + \
        struct.pack(">IIII", 0x12345678, 0, 1, 2)
    assert text(udev + b"A=b\0", NETLINK_KOBJECT_UEVENT) == (
        '[{prefix="libudev", magic=htonl(0xfeedcafe), header_size=40, properties_off=40, '
        'properties_len=7, filter_subsystem_hash=htonl(0x12345678), filter_devtype_hash=htonl(0), '
        'filter_tag_bloom_hi=htonl(0x1), filter_tag_bloom_lo=htonl(0x2)}, "A=b\\0"]')


def test_route_grown_stats_and_small_fields():
    ifinfo = struct.pack("=BxHiII", 0, 772, 1, 0, 0)
    stats64 = struct.pack("=25Q", *range(1, 26))
    full = text(nlmsg(RTM_NEWLINK, 0, ifinfo + nla(23, stats64)))
    assert "rx_nohandler=24, rx_otherhost_dropped=25}]]" in full
    # an older kernel's struct (up to rx_nohandler): those fields; a length of no version: hex
    older = text(nlmsg(RTM_NEWLINK, 0, ifinfo + nla(23, stats64[:24 * 8])))
    assert older.endswith("rx_compressed=22, tx_compressed=23, rx_nohandler=24}]]")
    odd = text(nlmsg(RTM_NEWLINK, 0, ifinfo + nla(23, stats64[:20])))
    assert odd.endswith('[{nla_len=24, nla_type=IFLA_STATS64}, "\\x01\\x00\\x00\\x00\\x00\\x00'
                        '\\x00\\x00\\x02\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x03\\x00\\x00\\x00"]]')
    # a neighbour's NDA_PORT in network order
    ndmsg = struct.pack("=BxxxiHBB", AF_INET, 1, 0x80, 0, 0)
    got = text(nlmsg(28, 0, ndmsg + nla(6, struct.pack(">H", 4789))))          # RTM_GETNEIGH
    assert got.endswith("[{nla_len=6, nla_type=NDA_PORT}, htons(4789)]]")
    # DCB commands by name
    got = text(nlmsg(78, NLM_F_REQUEST, struct.pack("=BBxx", 0, 1)))            # RTM_GETDCB
    assert got.endswith("{dcb_family=AF_UNSPEC, cmd=DCB_CMD_GSTATE}]")
