"""Offline tests of getsockopt/setsockopt (minitrace/decode/sockopt/): fake tracee memory in,
strace 6.1's text out, for every level group, short and unreadable buffers, unknown levels and
options, `-e verbose=none` and the -X styles. The forms were checked against /usr/bin/strace
6.1 and its test suite (so_linger, so_peercred, so_error, sock_filter-v, ip_mreq,
net-icmp_filter, net-packet_mreq, net-tpacket_req, net-tpacket_stats, sockopt-sol_socket)."""
import socket
import struct

import syscalls

from minitrace import decode, events, printers
from decodertest import PID, Entry, FakeMemory, call_line

K = syscalls.constants("x86_64")
A = 0x10000       # the option value
B = 0x20000       # the option length
EBADF, EINVAL, EFAULT = -9, -22, -14
RAW = printers.Style(const_style="raw")
VERBOSE = printers.Style(const_style="verbose")


def i32(*values):
    return struct.pack("=%di" % len(values), *values)


def get_line(args, ret, before, after=None, style=None):
    """getsockopt whose optlen (at B) the kernel changes from `before` to `after` between
    entry and exit; `args` are (fd, level, name, optval memory {addr: bytes})."""
    fd, level, name, mem = args
    mem = dict(mem)
    mem[B] = i32(before)
    memory = FakeMemory(mem)
    call = events.Syscall(PID, "x86_64", 55, Entry("getsockopt"), (fd, level, name, A, B, 0),
                          0x401000)
    ctx = decode.Context(memory, style)
    dec = decode.lookup("getsockopt")
    head = dec.enter(ctx, call)
    if after is not None:
        memory.regions[B] = i32(after)
    call.ret = ret
    call.error = -ret if ret < 0 else 0
    return "getsockopt(%s%s) = %s" % (head, dec.exit(ctx, call), dec.result(ctx, call))


SOL_SOCKET = K["SOL_SOCKET"]


def test_linger():
    m = {A: i32(-15, -42)}
    assert call_line("setsockopt", [3, SOL_SOCKET, K["SO_LINGER"], A, 8], 0, m) == \
        "setsockopt(3, SOL_SOCKET, SO_LINGER, {l_onoff=-15, l_linger=-42}, 8) = 0"
    assert call_line("setsockopt", [3, SOL_SOCKET, K["SO_LINGER"], A, 4], EINVAL, m) == \
        "setsockopt(3, SOL_SOCKET, SO_LINGER, 0x10000, 4) = -1 EINVAL (Invalid argument)"
    # 8 bytes asked, 4 mapped: the address
    assert call_line("setsockopt", [3, SOL_SOCKET, K["SO_LINGER"], A, 8], EFAULT,
                     {A: i32(1)}) == \
        "setsockopt(3, SOL_SOCKET, SO_LINGER, 0x10000, 8) = -1 EFAULT (Bad address)"
    args = (3, SOL_SOCKET, K["SO_LINGER"], {A: i32(1, 0x12345678)})
    assert get_line(args, 0, 8) == \
        "getsockopt(3, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=305419896}, [8]) = 0"
    assert get_line(args, 0, 9, 8) == \
        "getsockopt(3, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=305419896}, [9 => 8]) = 0"
    # a length that cuts a field: that field in hex
    assert get_line(args, 0, 3) == \
        'getsockopt(3, SOL_SOCKET, SO_LINGER, {l_onoff="\\x01\\x00\\x00"}, [3]) = 0'
    assert get_line(args, 0, 4) == "getsockopt(3, SOL_SOCKET, SO_LINGER, {l_onoff=1}, [4]) = 0"
    assert get_line(args, 0, 7) == \
        'getsockopt(3, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger="\\x78\\x56\\x34"}, [7]) = 0'
    assert get_line(args, 0, 0) == "getsockopt(3, SOL_SOCKET, SO_LINGER, 0x10000, [0]) = 0"
    assert get_line(args, EFAULT, 8) == \
        "getsockopt(3, SOL_SOCKET, SO_LINGER, 0x10000, [8]) = -1 EFAULT (Bad address)"


def test_getsockopt_unreadable_optlen_is_decoded_at_entry():
    line = call_line("getsockopt", [3, SOL_SOCKET, K["SO_LINGER"], A, 0x7000], EFAULT, {})
    assert line == "getsockopt(3, SOL_SOCKET, SO_LINGER, 0x10000, 0x7000) = -1 EFAULT " \
        "(Bad address)"
    assert call_line("getsockopt", [-1, K["SOL_RAW"], K["ICMP_FILTER"], 0, 0], EBADF) == \
        "getsockopt(-1, SOL_RAW, ICMP_FILTER, NULL, NULL) = -1 EBADF (Bad file descriptor)"


def test_peercred_and_error():
    args = (3, SOL_SOCKET, K["SO_PEERCRED"], {A: i32(1234, 0, -1)})
    assert get_line(args, 0, 12) == \
        "getsockopt(3, SOL_SOCKET, SO_PEERCRED, {pid=1234, uid=0, gid=-1}, [12]) = 0"
    assert get_line(args, 0, 3) == \
        'getsockopt(3, SOL_SOCKET, SO_PEERCRED, {pid="\\xd2\\x04\\x00"}, [3]) = 0'
    assert get_line(args, 0, 8, style=RAW) == \
        "getsockopt(3, 0x1, 0x11, {pid=1234, uid=0}, [8]) = 0"
    err = (4, SOL_SOCKET, K["SO_ERROR"], {A: i32(111)})
    assert get_line(err, 0, 4) == "getsockopt(4, SOL_SOCKET, SO_ERROR, [ECONNREFUSED], [4]) = 0"
    assert get_line(err, 0, 5, 4) == \
        "getsockopt(4, SOL_SOCKET, SO_ERROR, [ECONNREFUSED], [5 => 4]) = 0"
    assert get_line(err, 0, 4, style=VERBOSE) == \
        "getsockopt(4, 0x1 /* SOL_SOCKET */, 0x4 /* SO_ERROR */, [111 /* ECONNREFUSED */], [4]) = 0"
    assert get_line(err, 0, 4, style=RAW) == "getsockopt(4, 0x1, 0x4, [111], [4]) = 0"
    # shorter than an int: the bytes in hex (never as text)
    assert get_line(err, 0, 1) == 'getsockopt(4, SOL_SOCKET, SO_ERROR, "\\x6f", [1]) = 0'
    assert get_line(err, 0, -1) == "getsockopt(4, SOL_SOCKET, SO_ERROR, 0x10000, [-1]) = 0"


def test_int_options_and_default():
    m = {A: i32(0) + b"\0"}
    assert get_line((3, SOL_SOCKET, K["SO_DEBUG"], m), 0, 3) == \
        'getsockopt(3, SOL_SOCKET, SO_DEBUG, "\\x00\\x00\\x00", [3]) = 0'
    assert call_line("setsockopt", [3, SOL_SOCKET, K["SO_SNDBUFFORCE"], A, 5], 0, m) == \
        "setsockopt(3, SOL_SOCKET, SO_SNDBUFFORCE, [0], 5) = 0"
    assert call_line("setsockopt", [3, SOL_SOCKET, K["SO_SNDBUFFORCE"], A, 3], 0, m) == \
        "setsockopt(3, SOL_SOCKET, SO_SNDBUFFORCE, 0x10000, 3) = 0"
    # not an int option: an int for 4 bytes, else a string; read one byte past -s or nothing
    assert get_line((3, SOL_SOCKET, K["SO_RCVTIMEO_OLD"], m), 0, 5) == \
        'getsockopt(3, SOL_SOCKET, SO_RCVTIMEO_OLD, "\\0\\0\\0\\0\\0", [5]) = 0'
    assert call_line("setsockopt", [3, SOL_SOCKET, K["SO_TYPE"], A, 6], EINVAL, m) == \
        "setsockopt(3, SOL_SOCKET, SO_TYPE, 0x10000, 6) = -1 EINVAL (Invalid argument)"
    assert call_line("setsockopt", [3, SOL_SOCKET, K["SO_TYPE"], A, -1], EINVAL, m) == \
        "setsockopt(3, SOL_SOCKET, SO_TYPE, 0x10000, -1) = -1 EINVAL (Invalid argument)"
    big = {A: b"x" * 40}
    assert call_line("setsockopt", [3, SOL_SOCKET, K["SO_BINDTODEVICE"], A, 40], 0, big) == \
        'setsockopt(3, SOL_SOCKET, SO_BINDTODEVICE, "%s"..., 40) = 0' % ("x" * 32)
    assert call_line("setsockopt", [3, SOL_SOCKET, K["SO_TXREHASH"], A, 4], 0,
                     {A: i32(255)}) == \
        "setsockopt(3, SOL_SOCKET, SO_TXREHASH, [SOCK_TXREHASH_DEFAULT], 4) = 0"
    assert call_line("setsockopt", [3, SOL_SOCKET, K["SO_TXREHASH"], A, 4], 0,
                     {A: i32(7)}, style=VERBOSE) == \
        "setsockopt(3, 0x1 /* SOL_SOCKET */, 0x4a /* SO_TXREHASH */, " \
        "[7 /* SOCK_TXREHASH_??? */], 4) = 0"


def test_verbose_none_prints_addresses():
    quiet = printers.Style(deref=False)
    m = {A: i32(-15, -42), B: i32(8)}
    assert call_line("setsockopt", [3, SOL_SOCKET, K["SO_LINGER"], A, 8], 0, m, style=quiet) \
        == "setsockopt(3, SOL_SOCKET, SO_LINGER, 0x10000, 8) = 0"
    assert call_line("getsockopt", [3, SOL_SOCKET, K["SO_LINGER"], A, B], 0, m, style=quiet) \
        == "getsockopt(3, SOL_SOCKET, SO_LINGER, 0x10000, 0x20000) = 0"


def _filter():
    ins = [(0x30, 0, 0, (K["SKF_LL_OFF"] + 4) & 0xffffffff),       # ld [SKF_LL_OFF+4]
           (0x30, 0, 0, K["SKF_AD_OFF"] & 0xffffffff),             # ld [SKF_AD_OFF+PROTOCOL]
           (0x15, 0, 1, 0x11),                                      # jeq #0x11, 0, 1
           (0x06, 0, 0, 0xffffffff), (0x06, 0, 0, 0)]               # ret #-1; ret #0
    return b"".join(struct.pack("=HBBI", *i) for i in ins)


def test_socket_filter():
    C = 0x30000
    mem = {A: struct.pack("=H6xQ", 5, C), C: _filter()}
    text = "[BPF_STMT(BPF_LD|BPF_B|BPF_ABS, SKF_LL_OFF+4), " \
        "BPF_STMT(BPF_LD|BPF_B|BPF_ABS, SKF_AD_OFF+SKF_AD_PROTOCOL), " \
        "BPF_JUMP(BPF_JMP|BPF_K|BPF_JEQ, 0x11, 0, 0x1), BPF_STMT(BPF_RET|BPF_K, 0xffffffff), " \
        "BPF_STMT(BPF_RET|BPF_K, 0)]"
    v = printers.Style(verbose=True)
    assert call_line("setsockopt", [3, SOL_SOCKET, K["SO_ATTACH_FILTER"], A, 16], 0, mem,
                     style=v) == \
        "setsockopt(3, SOL_SOCKET, SO_ATTACH_FILTER, {len=5, filter=%s}, 16) = 0" % text
    # without -v the program is its address; a wrong length the whole struct's
    assert call_line("setsockopt", [3, SOL_SOCKET, K["SO_ATTACH_FILTER"], A, 16], 0, mem) == \
        "setsockopt(3, SOL_SOCKET, SO_ATTACH_FILTER, {len=5, filter=0x30000}, 16) = 0"
    assert call_line("setsockopt", [3, SOL_SOCKET, K["SO_ATTACH_FILTER"], A, 12], EINVAL,
                     mem) == \
        "setsockopt(3, SOL_SOCKET, SO_ATTACH_FILTER, 0x10000, 12) = -1 EINVAL (Invalid argument)"
    assert call_line("setsockopt", [3, SOL_SOCKET, K["SO_ATTACH_FILTER"], A, 16], 0, mem,
                     style=v.replace(const_style="raw")).startswith(
        "setsockopt(3, 0x1, 0x1a, {len=5, filter=[BPF_STMT(0|0x10|0x20, 0xffe00000+4), "
        "BPF_STMT(0|0x10|0x20, 0xfffff000+0), BPF_JUMP(0x5|0|0x10, 0x11, 0, 0x1), ")
    # SO_GET_FILTER: the length counts instructions; memory ending mid-array; a length of
    # 0 given: the address
    got = get_line((3, SOL_SOCKET, K["SO_GET_FILTER"], {A: _filter()[:16]}), 0, 5, style=v)
    assert got == "getsockopt(3, SOL_SOCKET, SO_GET_FILTER, [BPF_STMT(BPF_LD|BPF_B|BPF_ABS, " \
        "SKF_LL_OFF+4), BPF_STMT(BPF_LD|BPF_B|BPF_ABS, SKF_AD_OFF+SKF_AD_PROTOCOL), " \
        "... /* 0x10010 */], [5]) = 0"
    assert get_line((3, SOL_SOCKET, K["SO_GET_FILTER"], {A: _filter()}), 0, 0, 5, style=v) == \
        "getsockopt(3, SOL_SOCKET, SO_GET_FILTER, 0x10000, [0 => 5]) = 0"


def test_multicast_requests():
    mreq = socket.inet_aton("224.0.0.3") + socket.inet_aton("127.0.0.1")
    sol_ip = K["SOL_IP"]
    assert call_line("setsockopt", [0, sol_ip, K["IP_ADD_MEMBERSHIP"], A, 8], 0, {A: mreq}) == \
        'setsockopt(0, SOL_IP, IP_ADD_MEMBERSHIP, {imr_multiaddr=inet_addr("224.0.0.3"), ' \
        'imr_interface=inet_addr("127.0.0.1")}, 8) = 0'
    assert call_line("setsockopt", [0, sol_ip, K["IP_ADD_MEMBERSHIP"], A, 7], EINVAL,
                     {A: mreq}) == \
        "setsockopt(0, SOL_IP, IP_ADD_MEMBERSHIP, 0x10000, 7) = -1 EINVAL (Invalid argument)"
    assert call_line("setsockopt", [0, sol_ip, K["IP_DROP_MEMBERSHIP"], A, 8], 0, {A: mreq},
                     style=VERBOSE) == \
        'setsockopt(0, 0 /* SOL_IP */, 0x24 /* IP_DROP_MEMBERSHIP */, ' \
        '{imr_multiaddr="\\xe0\\x00\\x00\\x03" /* inet_addr("224.0.0.3") */, ' \
        'imr_interface="\\x7f\\x00\\x00\\x01" /* inet_addr("127.0.0.1") */}, 8) = 0'
    mreq6 = socket.inet_pton(socket.AF_INET6, "ff01::c") + i32(1)
    lo = 'if_nametoindex("lo")' if socket.if_nameindex()[0][1] == "lo" else "1"
    assert call_line("setsockopt", [0, K["SOL_IPV6"], K["IPV6_ADD_MEMBERSHIP"], A, 20], 0,
                     {A: mreq6}) == \
        'setsockopt(0, SOL_IPV6, IPV6_ADD_MEMBERSHIP, {inet_pton(AF_INET6, "ff01::c", ' \
        '&ipv6mr_multiaddr), ipv6mr_interface=%s}, 20) = 0' % lo
    assert call_line("setsockopt", [0, K["SOL_IPV6"], K["IPV6_ADD_MEMBERSHIP"], A, 20], 0,
                     {A: mreq6}, style=RAW) == \
        'setsockopt(0, 0x29, 0x14, {ipv6mr_multiaddr="\\xff\\x01\\x00\\x00\\x00\\x00\\x00' \
        '\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x0c", ipv6mr_interface=1}, 20) = 0'
    sin = struct.pack("=H", 2) + struct.pack(">H", 0) + socket.inet_aton("224.0.0.3")
    greq = i32(0, 0) + sin + b"\0" * (128 - len(sin))
    assert call_line("setsockopt", [0, sol_ip, K["MCAST_JOIN_GROUP"], A, 136], 0,
                     {A: greq}) == \
        'setsockopt(0, SOL_IP, MCAST_JOIN_GROUP, {gr_interface=0, gr_group={sa_family=AF_INET, ' \
        'sin_port=htons(0), sin_addr=inet_addr("224.0.0.3")}}, 136) = 0'


def test_icmp_filter():
    sol_raw, opt = K["SOL_RAW"], K["ICMP_FILTER"]
    assert call_line("setsockopt", [-1, sol_raw, opt, A, 4], EBADF, {A: i32(-1)}) == \
        "setsockopt(-1, SOL_RAW, ICMP_FILTER, ~[], 4) = -1 EBADF (Bad file descriptor)"
    assert call_line("setsockopt", [-1, sol_raw, opt, A, 8], EBADF,
                     {A: i32((1 << 0) | (1 << 8), 0)}) == \
        "setsockopt(-1, SOL_RAW, ICMP_FILTER, [ICMP_ECHOREPLY ICMP_ECHO], 8) = " \
        "-1 EBADF (Bad file descriptor)"
    # a bit past the named types; fewer than 4 bytes: the rest taken as set bits
    assert call_line("setsockopt", [-1, sol_raw, opt, A, 4], EBADF, {A: i32(1 << 20)}) == \
        "setsockopt(-1, SOL_RAW, ICMP_FILTER, [0x14 /* ICMP_??? */], 4) = " \
        "-1 EBADF (Bad file descriptor)"
    assert call_line("setsockopt", [-1, sol_raw, opt, A, 1], EBADF, {A: b"\x00"}) == \
        "setsockopt(-1, SOL_RAW, ICMP_FILTER, ~[ICMP_ECHOREPLY 0x1 /* ICMP_??? */ " \
        "0x2 /* ICMP_??? */ ICMP_DEST_UNREACH ICMP_SOURCE_QUENCH ICMP_REDIRECT " \
        "0x6 /* ICMP_??? */ 0x7 /* ICMP_??? */], 1) = -1 EBADF (Bad file descriptor)"
    assert call_line("setsockopt", [-1, sol_raw, opt, A, -2], EBADF, {A: i32(0)}) == \
        "setsockopt(-1, SOL_RAW, ICMP_FILTER, 0x10000, -2) = -1 EBADF (Bad file descriptor)"


def test_packet_options():
    sol_packet = K["SOL_PACKET"]
    req = i32(-1, -1, -1, -1)
    assert call_line("setsockopt", [-1, sol_packet, K["PACKET_RX_RING"], A, 16], EBADF,
                     {A: req}) == \
        "setsockopt(-1, SOL_PACKET, PACKET_RX_RING, {tp_block_size=4294967295, " \
        "tp_block_nr=4294967295, tp_frame_size=4294967295, tp_frame_nr=4294967295}, 16) = " \
        "-1 EBADF (Bad file descriptor)"
    assert call_line("setsockopt", [-1, sol_packet, K["PACKET_TX_RING"], A, 17], EBADF,
                     {A: req + b"\0"}) == \
        "setsockopt(-1, SOL_PACKET, PACKET_TX_RING, 0x10000, 17) = -1 EBADF (Bad file descriptor)"
    mreq = struct.pack("=iHH8s", 0, 1, 6, b"\x02\x00\x00\x00\x00\x01\xff\xff")
    assert call_line("setsockopt", [-1, sol_packet, K["PACKET_ADD_MEMBERSHIP"], A, 16], EBADF,
                     {A: mreq}) == \
        "setsockopt(-1, SOL_PACKET, PACKET_ADD_MEMBERSHIP, {mr_ifindex=0, " \
        "mr_type=PACKET_MR_PROMISC, mr_alen=6, mr_address=02:00:00:00:00:01}, 16) = " \
        "-1 EBADF (Bad file descriptor)"
    assert call_line("setsockopt", [-1, sol_packet, K["PACKET_DROP_MEMBERSHIP"], A, 16], EBADF,
                     {A: mreq}, style=VERBOSE) == \
        "setsockopt(-1, 0x107 /* SOL_PACKET */, 0x2 /* PACKET_DROP_MEMBERSHIP */, " \
        "{mr_ifindex=0, mr_type=0x1 /* PACKET_MR_PROMISC */, mr_alen=6, " \
        'mr_address="\\x02\\x00\\x00\\x00\\x00\\x01" /* 02:00:00:00:00:01 */}, 16) = ' \
        "-1 EBADF (Bad file descriptor)"
    assert call_line("setsockopt", [-1, sol_packet, 0xffffffff, 0, 0], EBADF) == \
        "setsockopt(-1, SOL_PACKET, 0xffffffff /* PACKET_??? */, NULL, 0) = " \
        "-1 EBADF (Bad file descriptor)"
    stats = (3, sol_packet, K["PACKET_STATISTICS"], {A: i32(7, 2, 1)})
    assert get_line(stats, 0, 12) == \
        "getsockopt(3, SOL_PACKET, PACKET_STATISTICS, {tp_packets=7, tp_drops=2, " \
        "tp_freeze_q_cnt=1}, [12]) = 0"
    assert get_line(stats, 0, 16, 6) == \
        "getsockopt(3, SOL_PACKET, PACKET_STATISTICS, {tp_packets=7, " \
        'tp_drops="\\x02\\x00"}, [16 => 6]) = 0'


def test_netlink_options():
    sol_netlink = K["SOL_NETLINK"]
    assert call_line("setsockopt", [3, sol_netlink, K["NETLINK_EXT_ACK"], A, 4], 0,
                     {A: i32(1)}) == "setsockopt(3, SOL_NETLINK, NETLINK_EXT_ACK, [1], 4) = 0"
    # any length of 4 and more: an int; shorter: the address
    assert call_line("setsockopt", [3, sol_netlink, K["NETLINK_PKTINFO"], A, 8], 0,
                     {A: i32(1, 2)}) == "setsockopt(3, SOL_NETLINK, NETLINK_PKTINFO, [1], 8) = 0"
    assert call_line("setsockopt", [3, sol_netlink, K["NETLINK_PKTINFO"], A, 3], 0,
                     {A: i32(1)}) == \
        "setsockopt(3, SOL_NETLINK, NETLINK_PKTINFO, 0x10000, 3) = 0"
    assert call_line("setsockopt", [3, sol_netlink, 99, A, 4], 0, {A: i32(1)}) == \
        "setsockopt(3, SOL_NETLINK, 0x63 /* NETLINK_??? */, [1], 4) = 0"
    assert get_line((3, sol_netlink, K["NETLINK_LIST_MEMBERSHIPS"], {A: i32(5, 64)}), 0, 8) == \
        "getsockopt(3, SOL_NETLINK, NETLINK_LIST_MEMBERSHIPS, [5, 64], [8]) = 0"
    assert get_line((3, sol_netlink, K["NETLINK_NO_ENOBUFS"], {A: i32(0)}), 0, 2) == \
        "getsockopt(3, SOL_NETLINK, NETLINK_NO_ENOBUFS, [0], [2]) = 0"
    assert get_line((3, sol_netlink, K["NETLINK_EXT_ACK"], {A: i32(1)}), 0, 4, style=VERBOSE) \
        == "getsockopt(3, 0x10e /* SOL_NETLINK */, 0xb /* NETLINK_EXT_ACK */, [1], [4]) = 0"


def test_names_of_other_levels_and_unknowns():
    m = {A: i32(1)}
    assert call_line("setsockopt", [3, K["SOL_TCP"], K["TCP_NODELAY"], A, 4], 0, m) == \
        "setsockopt(3, SOL_TCP, TCP_NODELAY, [1], 4) = 0"
    assert call_line("setsockopt", [3, K["SOL_UDP"], K["UDP_GRO"], A, 4], 0, m) == \
        "setsockopt(3, SOL_UDP, UDP_GRO, [1], 4) = 0"
    assert call_line("setsockopt", [3, K["SOL_ALG"], K["ALG_SET_KEY"], A, 3], 0,
                     {A: b"k\0y"}) == 'setsockopt(3, SOL_ALG, ALG_SET_KEY, "k\\0y", 3) = 0'
    assert call_line("setsockopt", [3, K["SOL_XDP"], K["XDP_RX_RING"], A, 4], 0, m) == \
        "setsockopt(3, SOL_XDP, XDP_RX_RING, [1], 4) = 0"
    assert call_line("setsockopt", [3, K["SOL_TIPC"], K["TIPC_IMPORTANCE"], A, 4], 0, m) == \
        "setsockopt(3, SOL_TIPC, TIPC_IMPORTANCE, [1], 4) = 0"
    assert call_line("setsockopt", [3, K["AF_VSOCK"], 0, A, 4], 0, m) == \
        "setsockopt(3, AF_VSOCK, SO_VM_SOCKETS_BUFFER_SIZE, [1], 4) = 0"
    assert call_line("getsockopt", [3, K["SOL_IP"], K["IPT_SO_GET_INFO"], A, B], 0,
                     {A: i32(1), B: i32(4)}) == \
        "getsockopt(3, SOL_IP, IPT_SO_GET_INFO, [1], [4]) = 0"
    assert call_line("setsockopt", [3, K["SOL_IP"], K["IPT_SO_SET_REPLACE"], A, 4], 0, m) == \
        "setsockopt(3, SOL_IP, IPT_SO_SET_REPLACE, [1], 4) = 0"
    # an unknown level: `0xbad /* SOL_?? */` and the option in decimal
    assert call_line("setsockopt", [3, 0xbad, 0xffffffff, A, 4], 0, m) == \
        "setsockopt(3, 0xbad /* SOL_?? */, 4294967295, [1], 4) = 0"
    assert call_line("setsockopt", [3, 0xbad, 7, A, 4], 0, m, style=RAW) == \
        "setsockopt(3, 0xbad, 7, [1], 4) = 0"
    assert call_line("setsockopt", [3, K["SOL_TCP"], 200, A, 4], 0, m, style=RAW) == \
        "setsockopt(3, 0x6, 0xc8, [1], 4) = 0"
    assert call_line("setsockopt", [3, K["SOL_TCP"], 200, 0, 0], 0) == \
        "setsockopt(3, SOL_TCP, 0xc8 /* TCP_??? */, NULL, 0) = 0"


def test_packet_address_with_negative_ifindex():
    """sockaddr_ll: an sll_ifindex of no interface (negative as an int) was an internal error
    (OverflowError in if_indextoname); strace prints it unsigned. halen past the address
    length ends in `...`; halen 0 prints no sll_addr."""
    sll = struct.pack("=H", K["AF_PACKET"]) + struct.pack(">H", 3) + \
        struct.pack("=iHBB", -87097619, 1, 0, 9) + b"abcdefgh"
    assert call_line("connect", [-1, A, 20], EBADF, {A: sll}) == \
        "connect(-1, {sa_family=AF_PACKET, sll_protocol=htons(ETH_P_ALL), " \
        "sll_ifindex=4207869677, sll_hatype=ARPHRD_ETHER, sll_pkttype=PACKET_HOST, " \
        "sll_halen=9, sll_addr=[0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, ...]}, 20) = " \
        "-1 EBADF (Bad file descriptor)"
    assert call_line("connect", [-1, A, 20], EBADF, {A: sll}, style=VERBOSE).startswith(
        'connect(-1, {sa_family=0x11 /* AF_PACKET */, sll_protocol="\\x00\\x03" /* '
        "htons(ETH_P_ALL) */, sll_ifindex=4207869677, sll_hatype=0x1 /* ARPHRD_ETHER */, "
        "sll_pkttype=0 /* PACKET_HOST */, sll_halen=9, ")
    empty = sll[:11] + b"\0" + b"\0" * 8
    assert call_line("connect", [-1, A, 20], EBADF, {A: empty}, style=RAW) == \
        'connect(-1, {sa_family=0x11, sll_protocol="\\x00\\x03", sll_ifindex=4207869677, ' \
        "sll_hatype=0x1, sll_pkttype=0, sll_halen=0}, 20) = -1 EBADF (Bad file descriptor)"
