"""Offline tests of the net, poll and ioctl decoders: fake tracee memory, a hand-built Syscall,
and the line strace 6.1 printed for the same call (tests/progs/decode_net.c and
decode_ioctl.c, x86_64)."""
import socket
import struct

from minitrace import printers
from decodertest import call_line

A = 0x10000       # a struct
B = 0x20000       # a length or a second struct
C = 0x30000
ENOENT, EFAULT, ENOTTY = -2, -14, -25


def un(path):
    return struct.pack("=H", 1) + path


def test_socket_and_addresses():
    assert call_line("socket", [1, 1 | 0o4000 | 0o2000000, 0], 3) == \
        "socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK, 0) = 3"
    assert call_line("socket", [2, 2, 0], 3) == "socket(AF_INET, SOCK_DGRAM, IPPROTO_IP) = 3"
    assert call_line("socket", [16, 0o2000003, 0], 3) == \
        "socket(AF_NETLINK, SOCK_RAW|SOCK_CLOEXEC, NETLINK_ROUTE) = 3"
    m = {A: un(b"/var/run/nscd/socket\0" + b"\0" * 87)}
    assert call_line("connect", [3, A, 110], ENOENT, m) == \
        'connect(3, {sa_family=AF_UNIX, sun_path="/var/run/nscd/socket"}, 110) = ' \
        '-1 ENOENT (No such file or directory)'
    m = {A: un(b"\0minitrace-test")}
    assert call_line("bind", [3, A, 17], 0, m) == \
        'bind(3, {sa_family=AF_UNIX, sun_path=@"minitrace-test"}, 17) = 0'
    sin = struct.pack("=H", 2) + struct.pack(">H", 53) + socket.inet_aton("62.30.112.39") + b"\0" * 8
    assert call_line("connect", [3, A, 16], 0, {A: sin}) == \
        'connect(3, {sa_family=AF_INET, sin_port=htons(53), ' \
        'sin_addr=inet_addr("62.30.112.39")}, 16) = 0'
    assert call_line("connect", [3, A, 16], 0, {A: sin}, style=printers.Style(const_style="raw")) \
        == 'connect(3, {sa_family=0x2, sin_port="\\x00\\x35", ' \
        'sin_addr="\\x3e\\x1e\\x70\\x27"}, 16) = 0'
    sin6 = (struct.pack("=H", 10) + struct.pack(">HI", 1, 0)
            + socket.inet_pton(socket.AF_INET6, "::1") + b"\0" * 4)
    assert call_line("bind", [3, A, 28], 0, {A: sin6}) == \
        'bind(3, {sa_family=AF_INET6, sin6_port=htons(1), sin6_flowinfo=htonl(0), ' \
        'inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}, 28) = 0'
    nl = struct.pack("=HHII", 16, 0, 0, 0)
    assert call_line("bind", [3, A, 12], 0, {A: nl}) == \
        "bind(3, {sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}, 12) = 0"
    bad = struct.pack("=H", 0xff) + b"abc" + b"\0" * 11
    assert call_line("connect", [3, A, 16], -22, {A: bad}) == \
        'connect(3, {sa_family=0xff /* AF_??? */, sa_data="abc\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0"}' \
        ', 16) = -1 EINVAL (Invalid argument)'
    assert call_line("connect", [3, 8, 16], EFAULT, {}) == \
        "connect(3, 0x8, 16) = -1 EFAULT (Bad address)"


def test_lengths_and_options():
    m = {A: un(b""), B: struct.pack("=i", 2)}
    # the kernel wrote 2 into the 110 we passed: FakeMemory holds the exit state, so the
    # entry value comes from a first region read at entry (same region here: [2])
    assert call_line("getsockname", [3, A, B], 0, m) == \
        "getsockname(3, {sa_family=AF_UNIX}, [2]) = 0"
    assert call_line("listen", [3, 5], 0) == "listen(3, 5) = 0"
    assert call_line("shutdown", [4, 1], 0) == "shutdown(4, SHUT_WR) = 0"
    assert call_line("setsockopt", [3, 1, 2, A, 4], 0, {A: struct.pack("=i", 1)}) == \
        "setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0"
    m = {A: struct.pack("=i", 111), B: struct.pack("=i", 4)}
    assert call_line("getsockopt", [3, 1, 4, A, B], 0, m) == \
        "getsockopt(3, SOL_SOCKET, SO_ERROR, [ECONNREFUSED], [4]) = 0"
    assert call_line("socketpair", [1, 1, 0, A], 0, {A: struct.pack("=ii", 5, 6)}) == \
        "socketpair(AF_UNIX, SOCK_STREAM, 0, [5, 6]) = 0"


def test_send_recv():
    assert call_line("sendto", [4, A, 5, 0, 0, 0], 5, {A: b"hello"}) == \
        'sendto(4, "hello", 5, 0, NULL, 0) = 5'
    assert call_line("recvfrom", [3, A, 64, 0x40, 0, 0], -11, {}) == \
        "recvfrom(3, 0x10000, 64, MSG_DONTWAIT, NULL, NULL) = " \
        "-1 EAGAIN (Resource temporarily unavailable)"
    # sendmsg with two iovecs and SCM_RIGHTS + SCM_CREDENTIALS
    msg = struct.pack("=Qi4xQQQQi4x", 0, 0, B, 2, C, 56, 0)
    iov = struct.pack("=QQQQ", 0x40000, 3, 0x40003, 4)
    cmsg = (struct.pack("=Qii", 20, 1, 1) + struct.pack("=i", 5) + b"\0" * 4
            + struct.pack("=Qii", 28, 1, 2) + struct.pack("=iII", 77, 0, 0) + b"\0" * 4)
    m = {A: msg, B: iov, C: cmsg, 0x40000: b"abcdefg"}
    assert call_line("sendmsg", [3, A, 0], 7, m) == \
        'sendmsg(3, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="abc", iov_len=3}, ' \
        '{iov_base="defg", iov_len=4}], msg_iovlen=2, msg_control=[{cmsg_len=20, ' \
        'cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[5]}, {cmsg_len=28, ' \
        'cmsg_level=SOL_SOCKET, cmsg_type=SCM_CREDENTIALS, cmsg_data={pid=77, uid=0, gid=0}}], ' \
        'msg_controllen=56, msg_flags=0}, 0) = 7'


def test_poll_select():
    m = {A: struct.pack("=ihh", 3, 1, 1)}
    assert call_line("poll", [A, 1, 5000], 1, m) == \
        "poll([{fd=3, events=POLLIN}], 1, 5000) = 1 ([{fd=3, revents=POLLIN}])"
    assert call_line("poll", [A, 1, 0], 0, {A: struct.pack("=ihh", 3, 1, 0)}) == \
        "poll([{fd=3, events=POLLIN}], 1, 0) = 0 (Timeout)"
    assert call_line("poll", [8, 1, 0], EFAULT, {}) == "poll(0x8, 1, 0) = -1 EFAULT (Bad address)"
    m = {A: struct.pack("=Q", 1 << 3), B: struct.pack("=Q", 1 << 4), C: struct.pack("=qq", 1, 0)}
    assert call_line("pselect6", [5, A, B, 0, C, 0], 2, m) == \
        "pselect6(5, [3], [4], NULL, {tv_sec=1, tv_nsec=0}, NULL) = 2 " \
        "(in [3], out [4], left {tv_sec=1, tv_nsec=0})"
    m = {B: struct.pack("=Q", 1 << 3), C: struct.pack("=qq", 0, 0)}
    assert call_line("select", [4, 0, B, 0, C], 0, m) == \
        "select(4, NULL, [3], NULL, {tv_sec=0, tv_usec=0}) = 0 (Timeout)"
    m = {A: struct.pack("=ihh", 3, 1, 0), B: struct.pack("=qq", 0, 1000000),
         C: struct.pack("=Q", 1 << 16)}
    assert call_line("ppoll", [A, 1, B, C, 8], 0, m) == \
        "ppoll([{fd=3, events=POLLIN}], 1, {tv_sec=0, tv_nsec=1000000}, [CHLD], 8) = 0 (Timeout)"


def test_epoll():
    m = {A: struct.pack("=IQ", 0x80000001, 7)}
    assert call_line("epoll_ctl", [5, 1, 3, A], 0, m) == \
        "epoll_ctl(5, EPOLL_CTL_ADD, 3, {events=EPOLLIN|EPOLLET, data={u32=7, u64=7}}) = 0"
    assert call_line("epoll_wait", [5, A, 4, 100], 1, {A: struct.pack("=IQ", 1, 7)}) == \
        "epoll_wait(5, [{events=EPOLLIN, data={u32=7, u64=7}}], 4, 100) = 1"
    assert call_line("epoll_create1", [0o2000000], 6) == "epoll_create1(EPOLL_CLOEXEC) = 6"


def test_ioctl():
    assert call_line("ioctl", [1, 0x5401, 0x7ffd57bdc730], ENOTTY) == \
        "ioctl(1, TCGETS, 0x7ffd57bdc730) = -1 ENOTTY (Inappropriate ioctl for device)"
    tio = struct.pack("=IIIIB", 0x500, 5, 0xbf, 0x8a3b, 0) + bytes(
        [3, 0x1c, 0x7f, 0x15, 4, 0, 1, 0, 0x11, 0x13, 0x1a, 0, 0x12, 0xf, 0x17, 0x16, 0, 0, 0])
    assert call_line("ioctl", [4, 0x5401, A], 0, {A: tio}) == \
        "ioctl(4, TCGETS, {c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR, " \
        "c_cflag=B38400|CS8|CREAD, c_lflag=ISIG|ICANON|ECHO|ECHOE|ECHOK|IEXTEN|ECHOCTL|ECHOKE, " \
        "...}) = 0"
    assert call_line("ioctl", [4, 0x5402, A], 0, {A: tio}, style=printers.Style(verbose=True)) \
        .startswith("ioctl(4, SNDCTL_TMR_START or TCSETS, {c_iflag=ICRNL|IXON, ")
    assert call_line("ioctl", [4, 0x5413, A], 0, {A: struct.pack("=HHHH", 24, 80, 0, 0)}) == \
        "ioctl(4, TIOCGWINSZ, {ws_row=24, ws_col=80, ws_xpixel=0, ws_ypixel=0}) = 0"
    assert call_line("ioctl", [3, 0x80045430, A], 0, {A: struct.pack("=i", 0)}) == \
        "ioctl(3, TIOCGPTN, [0]) = 0"
    assert call_line("ioctl", [5, 0x5421, A], 0, {A: struct.pack("=i", 1)}) == \
        "ioctl(5, FIONBIO, [1]) = 0"
    assert call_line("ioctl", [5, 0x5451, 0], 0) == "ioctl(5, FIOCLEX) = 0"
    assert call_line("ioctl", [5, 0x80081234, A], ENOTTY, {}) == \
        "ioctl(5, _IOC(_IOC_READ, 0x12, 0x34, 0x8), 0x10000) = " \
        "-1 ENOTTY (Inappropriate ioctl for device)"
    assert call_line("ioctl", [5, 0xdead, 0], ENOTTY) == \
        "ioctl(5, _IOC(_IOC_NONE, 0xde, 0xad, 0), 0) = -1 ENOTTY (Inappropriate ioctl for device)"
    assert call_line("ioctl", [5, 0x5401, A], ENOTTY, style=printers.Style(const_style="verbose")) \
        == "ioctl(5, 0x5401 /* TCGETS */, 0x10000) = -1 ENOTTY (Inappropriate ioctl for device)"
