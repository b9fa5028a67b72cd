"""Offline tests of decode/netlink/sock_diag: requests and replies of the inet, unix, netlink,
packet and smc families built here (bytes in), the text strace 6.1 prints (text out)."""
import socket
import struct

from minitrace import printers
from test_decode_netlink import A, nla, nlmsg, text

NETLINK_SOCK_DIAG = 4
SOCK_DIAG_BY_FAMILY, TCPDIAG_GETSOCK = 20, 18
NLM_F_REQUEST, NLM_F_DUMP, NLM_F_MULTI = 1, 0x300, 2
AF_UNIX, AF_INET, AF_INET6, AF_NETLINK, AF_PACKET, AF_SMC = 1, 2, 10, 16, 17, 43
IPPROTO_TCP = 6
TCP_ESTABLISHED, TCP_LISTEN = 1, 10

REQ_HDR = "{nlmsg_len=%d, nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, " \
    "nlmsg_seq=5, nlmsg_pid=0}"
MSG_HDR = "{nlmsg_len=%d, nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_MULTI, " \
    "nlmsg_seq=5, nlmsg_pid=77}"


def sockid(sport, dport, src, dst, family=AF_INET, ifindex=0, cookie=(0, 0)):
    af = socket.AF_INET if family == AF_INET else socket.AF_INET6
    size = 4 if family == AF_INET else 16
    pad = lambda a: socket.inet_pton(af, a) + b"\0" * (16 - size)
    return struct.pack(">HH", sport, dport) + pad(src) + pad(dst) + \
        struct.pack("=III", ifindex, *cookie)


def request(body):
    return nlmsg(SOCK_DIAG_BY_FAMILY, NLM_F_REQUEST | NLM_F_DUMP, body, seq=5)


def reply(body):
    return nlmsg(SOCK_DIAG_BY_FAMILY, NLM_F_MULTI, body, seq=5, pid=77)


def diag(data, style=None, readable=None):
    return text(data, NETLINK_SOCK_DIAG, style=style, readable=readable)


def test_inet_diag_req_v2_as_ss_sends_it():
    # ss -tan: all TCP states but SYN_RECV/NEW_SYN_RECV, INET_DIAG_INFO and more asked
    body = struct.pack("=BBBxI", AF_INET, IPPROTO_TCP, 0xd, 0xff6) + \
        sockid(0, 0, "0.0.0.0", "0.0.0.0")
    data = request(body)
    assert diag(data) == "[" + REQ_HDR % len(data) + ", {sdiag_family=AF_INET, " \
        "sdiag_protocol=IPPROTO_TCP, idiag_ext=1<<(INET_DIAG_MEMINFO-1)|" \
        "1<<(INET_DIAG_VEGASINFO-1)|1<<(INET_DIAG_CONG-1), idiag_states=1<<TCP_ESTABLISHED|" \
        "1<<TCP_SYN_SENT|1<<TCP_FIN_WAIT1|1<<TCP_FIN_WAIT2|1<<TCP_TIME_WAIT|1<<TCP_CLOSE|" \
        "1<<TCP_CLOSE_WAIT|1<<TCP_LAST_ACK|1<<TCP_LISTEN|1<<TCP_CLOSING, id={idiag_sport=htons(0), " \
        "idiag_dport=htons(0), idiag_src=inet_addr(\"0.0.0.0\"), idiag_dst=inet_addr(\"0.0.0.0\"), " \
        "idiag_if=0, idiag_cookie=[0, 0]}}]"
    # too short for the struct: the family, then ...
    short = request(struct.pack("=BB", AF_INET6, IPPROTO_TCP))
    assert diag(short) == "[" + REQ_HDR % 18 + ", {sdiag_family=AF_INET6, ...}]"
    # the rest of the struct unreadable: its address
    assert diag(data, readable=20) == "[" + REQ_HDR % len(data) + \
        ", {sdiag_family=AF_INET, %#x}]" % (A + 17)


def test_inet_diag_req_compat_and_bytecode():
    body = struct.pack("=BBBB", AF_INET, 8, 0, 0) + \
        sockid(80, 0, "10.0.0.1", "0.0.0.0") + struct.pack("=II", 1 << TCP_LISTEN, 0)
    # INET_DIAG_REQ_BYTECODE: S_GE op, then its port op
    bc = struct.pack("=BBH", 2, 8, 12) + struct.pack("=BBH", 0, 0, 1024)
    data = nlmsg(TCPDIAG_GETSOCK, NLM_F_REQUEST, body + nla(1, bc))
    got = diag(data)
    assert got.startswith("[{nlmsg_len=%d, nlmsg_type=TCPDIAG_GETSOCK, " % len(data))
    assert ", {idiag_family=AF_INET, idiag_src_len=8, idiag_dst_len=0, idiag_ext=0, " \
        "id={idiag_sport=htons(80), idiag_dport=htons(0), idiag_src=inet_addr(\"10.0.0.1\"), " \
        "idiag_dst=inet_addr(\"0.0.0.0\"), idiag_if=0, idiag_cookie=[0, 0]}, " \
        "idiag_states=1<<TCP_LISTEN, idiag_dbs=0}, [{nla_len=12, " \
        "nla_type=INET_DIAG_REQ_BYTECODE}, {code=INET_DIAG_BC_S_GE, yes=8, no=12}, " \
        "{code=INET_DIAG_BC_NOP, yes=0, no=1024}]]" in got


def test_inet_diag_msg_with_attributes():
    body = struct.pack("=BBBB", AF_INET6, TCP_ESTABLISHED, 1, 0) + \
        sockid(22, 51000, "::1", "::1", AF_INET6, cookie=(7, 0)) + \
        struct.pack("=IIIII", 200, 0, 36, 1000, 123456)
    attrs = nla(4, b"cubic\0") + nla(8, b"\3") + nla(7, struct.pack("=III", 0, 131072, 5))
    data = reply(body + attrs)
    assert diag(data) == "[" + MSG_HDR % len(data) + ", {idiag_family=AF_INET6, " \
        "idiag_state=TCP_ESTABLISHED, idiag_timer=1, idiag_retrans=0, " \
        "id={idiag_sport=htons(22), idiag_dport=htons(51000), " \
        "inet_pton(AF_INET6, \"::1\", &idiag_src), inet_pton(AF_INET6, \"::1\", &idiag_dst), " \
        "idiag_if=0, idiag_cookie=[7, 0]}, idiag_expires=200, idiag_rqueue=0, " \
        "idiag_wqueue=36, idiag_uid=1000, idiag_inode=123456}, [" \
        "[{nla_len=10, nla_type=INET_DIAG_CONG}, \"cubic\"], " \
        "[{nla_len=5, nla_type=INET_DIAG_SHUTDOWN}, 0x3 /* RCV_SHUTDOWN|SEND_SHUTDOWN */], " \
        "[{nla_len=16, nla_type=INET_DIAG_SKMEMINFO}, [[SK_MEMINFO_RMEM_ALLOC]=0, " \
        "[SK_MEMINFO_RCVBUF]=131072, [SK_MEMINFO_WMEM_ALLOC]=5]]]]"


def test_sockid_xlat_styles():
    body = struct.pack("=BBBB", AF_INET, TCP_LISTEN, 0, 0) + \
        sockid(80, 0, "127.0.0.1", "0.0.0.0") + struct.pack("=IIIII", 0, 0, 0, 0, 9)
    data = reply(body)
    raw = diag(data, style=printers.Style(const_style="raw"))
    assert 'idiag_sport="\\x00\\x50", idiag_dport="\\x00\\x00", idiag_src="\\x7f\\x00\\x00' \
        '\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00", ' in raw
    verbose = diag(data, style=printers.Style(const_style="verbose"))
    assert 'idiag_sport="\\x00\\x50" /* htons(80) */' in verbose
    assert '\\x00\\x00" /* inet_addr("127.0.0.1") */, ' in verbose
    assert "idiag_state=0xa /* TCP_LISTEN */" in verbose


def test_unix_request_and_reply():
    req = request(struct.pack("=BBxxIII", AF_UNIX, 0, 0xffffffff, 0, 0x1f) + b"\xff" * 8)
    assert diag(req) == "[" + REQ_HDR % 40 + ", {sdiag_family=AF_UNIX, sdiag_protocol=0, " \
        "udiag_states=1<<TCP_ESTABLISHED|1<<TCP_SYN_SENT|1<<TCP_SYN_RECV|1<<TCP_FIN_WAIT1|" \
        "1<<TCP_FIN_WAIT2|1<<TCP_TIME_WAIT|1<<TCP_CLOSE|1<<TCP_CLOSE_WAIT|1<<TCP_LAST_ACK|" \
        "1<<TCP_LISTEN|1<<TCP_CLOSING|1<<TCP_NEW_SYN_RECV|0xffffe001, udiag_ino=0, " \
        "udiag_show=UDIAG_SHOW_NAME|UDIAG_SHOW_VFS|UDIAG_SHOW_PEER|UDIAG_SHOW_ICONS|" \
        "UDIAG_SHOW_RQLEN, udiag_cookie=[4294967295, 4294967295]}]"
    msg = struct.pack("=BBBxI", AF_UNIX, 1, TCP_LISTEN, 4242) + struct.pack("=II", 1, 2)
    attrs = nla(0, b"/run/x.sock\0") + nla(2, struct.pack("=I", 4243)) + \
        nla(1, struct.pack("=II", 99, (8 << 8) | 1)) + nla(3, struct.pack("=III", 5, 6, 7)) + \
        nla(4, struct.pack("=II", 0, 128))
    data = reply(msg + attrs)
    assert diag(data) == "[" + MSG_HDR % len(data) + ", {udiag_family=AF_UNIX, " \
        "udiag_type=SOCK_STREAM, udiag_state=TCP_LISTEN, udiag_ino=4242, " \
        "udiag_cookie=[1, 2]}, [[{nla_len=16, nla_type=UNIX_DIAG_NAME}, \"/run/x.sock\"], " \
        "[{nla_len=8, nla_type=UNIX_DIAG_PEER}, 4243], " \
        "[{nla_len=12, nla_type=UNIX_DIAG_VFS}, {udiag_vfs_dev=makedev(0x8, 0x1), " \
        "udiag_vfs_ino=99}], [{nla_len=16, nla_type=UNIX_DIAG_ICONS}, [5, 6, 7]], " \
        "[{nla_len=12, nla_type=UNIX_DIAG_RQLEN}, {udiag_rqueue=0, udiag_wqueue=128}]]]"


def test_netlink_packet_and_smc():
    req = request(struct.pack("=BBxxII", AF_NETLINK, 0xff, 0, 0x9) + b"\0" * 8)
    assert "{sdiag_family=AF_NETLINK, sdiag_protocol=NDIAG_PROTO_ALL, ndiag_ino=0, " \
        "ndiag_show=NDIAG_SHOW_MEMINFO|NDIAG_SHOW_FLAGS, ndiag_cookie=[0, 0]}" in diag(req)
    msg = struct.pack("=BBBBIIII", AF_NETLINK, 3, 0, 7, 1234, 0, 0, 555) + b"\0" * 8
    data = reply(msg + nla(4, struct.pack("=I", 0x21)))
    assert diag(data).endswith("{ndiag_family=AF_NETLINK, ndiag_type=SOCK_RAW, " \
        "ndiag_protocol=NETLINK_ROUTE, ndiag_state=TCP_CLOSE, ndiag_portid=1234, " \
        "ndiag_dst_portid=0, ndiag_dst_group=0, ndiag_ino=555, ndiag_cookie=[0, 0]}, " \
        "[{nla_len=8, nla_type=NETLINK_DIAG_FLAGS}, NDIAG_FLAG_CB_RUNNING|NDIAG_FLAG_CAP_ACK]]")
    msg = struct.pack("=BBHI", AF_PACKET, 3, 3, 77) + b"\0" * 8
    data = reply(msg + nla(0, struct.pack("=IIIIII", 1, 2, 0, 0, 0, 1)))
    assert diag(data).endswith("{pdiag_family=AF_PACKET, pdiag_type=SOCK_RAW, " \
        "pdiag_num=ETH_P_ALL, pdiag_ino=77, pdiag_cookie=[0, 0]}, [{nla_len=28, " \
        "nla_type=PACKET_DIAG_INFO}, {pdi_index=if_nametoindex(\"lo\"), " \
        "pdi_version=TPACKET_V3, pdi_reserve=0, pdi_copy_thresh=0, pdi_tstamp=0, " \
        "pdi_flags=PDI_RUNNING}]]")
    # AF_SMC: diag_ext after two pad bytes, AF_INET addresses
    req = request(struct.pack("=BxxB", AF_SMC, 3) + sockid(1, 2, "1.2.3.4", "5.6.7.8"))
    assert "{diag_family=AF_SMC, diag_ext=1<<(SMC_DIAG_CONNINFO-1)|1<<(SMC_DIAG_LGRINFO-1), " \
        "id={idiag_sport=htons(1), idiag_dport=htons(2), idiag_src=inet_addr(\"1.2.3.4\"), " \
        "idiag_dst=inet_addr(\"5.6.7.8\"), idiag_if=0, idiag_cookie=[0, 0]}}" in diag(req)
    msg = struct.pack("=BBBB", AF_SMC, 1, 1, 0) + sockid(1, 2, "1.2.3.4", "5.6.7.8") + \
        struct.pack("=IQ", 0, 9)
    data = reply(msg + nla(5, struct.pack("=II", 0x03030000, 0)))
    assert diag(data).endswith("diag_uid=0, diag_inode=9}, [{nla_len=12, " \
        "nla_type=SMC_DIAG_FALLBACK}, {reason=0x3030000 /* SMC_CLC_DECL_NOSMCDEV */, " \
        "peer_diagnosis=0 /* SMC_CLC_DECL_??? */}]]")


def test_unknown_family_and_done():
    data = reply(struct.pack("=B", 99) + b"\1\2")
    assert diag(data) == "[" + MSG_HDR % 19 + ", {family=0x63 /* AF_??? */, data=\"\\x01\\x02\"}]"
    done = nlmsg(3, NLM_F_MULTI, struct.pack("=i", 0), seq=5, pid=77)
    assert diag(done) == "[{nlmsg_len=20, nlmsg_type=NLMSG_DONE, nlmsg_flags=NLM_F_MULTI, " \
        "nlmsg_seq=5, nlmsg_pid=77}, 0]"


def test_packet_diag_filter_as_classic_bpf():
    msg = struct.pack("=BBHI", AF_PACKET, 3, 3, 77) + b"\0" * 8
    prog = struct.pack("=HBBI", 0x30, 0, 0, 0xfffff004) + struct.pack("=HBBI", 0x6, 0, 0, 42)
    data = reply(msg + nla(7, prog))
    verbose = printers.Style(verbose=True)
    assert diag(data, style=verbose).endswith(
        "[{nla_len=20, nla_type=PACKET_DIAG_FILTER}, [BPF_STMT(BPF_LD|BPF_B|BPF_ABS, "
        "SKF_AD_OFF+SKF_AD_PKTTYPE), BPF_STMT(BPF_RET|BPF_K, 0x2a)]]]")
    # without -v the program's address; cut short, the readable instructions
    assert diag(data).endswith("nla_type=PACKET_DIAG_FILTER}, %#x]]" % (A + len(data) - 16))
    assert diag(data, style=verbose, readable=len(data) - 8).endswith(
        "SKF_AD_OFF+SKF_AD_PKTTYPE), ... /* %#x */]]]" % (A + len(data) - 8))
