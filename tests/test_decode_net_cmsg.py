"""Offline tests of control messages (minitrace/decode/cmsg.py) in sendmsg's msghdr: every
SOL_SOCKET and SOL_IP message strace 6.1 decodes, short data, unknown types and levels, a
cmsg_len past the buffer or below a header. The inputs are our own; the expected text is what
/usr/bin/strace 6.1 printed for them (sendmsg(-1, &msghdr, 0) through ctypes, x86_64)."""
import socket
import struct

import pytest

from decodertest import call_line

M = 0x10000         # the msghdr
C = 0x20000         # msg_control
EBADF = -9
def cm(level, ctype, data, clen=None):
    n = 16 + len(data) if clen is None else clen
    raw = struct.pack("<Qii", n, level, ctype) + data
    return raw + b"\0" * (-len(raw) % 8)
PKT = struct.pack("<i", 1) + socket.inet_aton("127.0.0.1") + socket.inet_aton("10.0.0.2")
EE = struct.pack("<IBBBBII", 111, 2, 3, 4, 0, 5, 6) + struct.pack("<H", 2) + struct.pack(">H", 9) + socket.inet_aton("1.2.3.4") + b"\0" * 8

CASES = [
 ("rights", cm(1, 1, struct.pack("<3i", 0, 1, -1))),
 ("creds", cm(1, 2, struct.pack("<iII", 42, 0xffffffff, 7))),
 ("creds_short", cm(1, 2, struct.pack("<ii", 42, 1))),
 ("security", cm(1, 3, b"sys\x01tem")),
 ("ts_old", cm(1, 29, struct.pack("<qq", 1700000000, 123))),
 ("tsns_old_short", cm(1, 35, struct.pack("<q", 5))),
 ("ts_new", cm(1, 63, struct.pack("<qq", -1, -2))),
 ("tsing_new", cm(1, 65, struct.pack("<6q", 1, 2, 3, 4, 5, 6))),
 ("unknown_scm", cm(1, 0x7777, b"ab")),
 ("pktinfo", cm(0, 8, PKT)),
 ("ttl", cm(0, 2, struct.pack("<2I", 64, 1))),
 ("tos", cm(0, 1, b"\x10\x00\x03")),
 ("recverr", cm(0, 11, EE)),
 ("origdst", cm(0, 20, struct.pack("<H", 2) + struct.pack(">H", 53) + socket.inet_aton("8.8.8.8") + b"\0" * 8)),
 ("ip_unknown", cm(0, 99, b"z")),
 ("other_level", cm(6, 5, b"tcp")),
 ("two", cm(1, 1, struct.pack("<i", 2)) + cm(0, 2, struct.pack("<I", 9))),
 ("len_past_end", cm(1, 1, struct.pack("<2i", 0, 1), clen=64)),
 ("len_short", cm(1, 1, b"", clen=8) + b"\0" * 16),
 ("trailing", cm(1, 1, struct.pack("<i", 2)) + b"\1\2\3\4"),
]
# where the messages a `... /* addr */` names begin, as offsets into msg_control
LEFT_AT = {"len_short": 16, "trailing": 24}

EXPECTED = {
    'rights':
        '[{cmsg_len=28, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[0, 1, -1]}]',
    'creds':
        '[{cmsg_len=28, cmsg_level=SOL_SOCKET, cmsg_type=SCM_CREDENTIALS, cmsg_data={pid=42, uid=-1, gid=7}}]',
    'creds_short':
        '[{cmsg_len=24, cmsg_level=SOL_SOCKET, cmsg_type=SCM_CREDENTIALS}]',
    'security':
        '[{cmsg_len=23, cmsg_level=SOL_SOCKET, cmsg_type=SCM_SECURITY, cmsg_data="sys\\1tem"}]',
    'ts_old':
        '[{cmsg_len=32, cmsg_level=SOL_SOCKET, cmsg_type=SO_TIMESTAMP_OLD, cmsg_data={tv_sec=1700000000, tv_usec=123}}]',
    'tsns_old_short':
        '[{cmsg_len=24, cmsg_level=SOL_SOCKET, cmsg_type=SO_TIMESTAMPNS_OLD, cmsg_data=???}]',
    'ts_new':
        '[{cmsg_len=32, cmsg_level=SOL_SOCKET, cmsg_type=SO_TIMESTAMP_NEW, cmsg_data={tv_sec=-1, tv_usec=18446744073709551614}}]',
    'tsing_new':
        '[{cmsg_len=64, cmsg_level=SOL_SOCKET, cmsg_type=SO_TIMESTAMPING_NEW, cmsg_data=[{tv_sec=1, tv_nsec=2}, {tv_sec=3, tv_nsec=4}, {tv_sec=5, tv_nsec=6}]}]',
    'unknown_scm':
        '[{cmsg_len=18, cmsg_level=SOL_SOCKET, cmsg_type=0x7777 /* SCM_??? */}]',
    'pktinfo':
        '[{cmsg_len=28, cmsg_level=SOL_IP, cmsg_type=IP_PKTINFO, cmsg_data={ipi_ifindex=if_nametoindex("lo"), ipi_spec_dst=inet_addr("127.0.0.1"), ipi_addr=inet_addr("10.0.0.2")}}]',
    'ttl':
        '[{cmsg_len=24, cmsg_level=SOL_IP, cmsg_type=IP_TTL, cmsg_data=[64, 1]}]',
    'tos':
        '[{cmsg_len=19, cmsg_level=SOL_IP, cmsg_type=IP_TOS, cmsg_data=[0x10, 0, 0x3]}]',
    'recverr':
        '[{cmsg_len=48, cmsg_level=SOL_IP, cmsg_type=IP_RECVERR, cmsg_data={ee_errno=111, ee_origin=2, ee_type=3, ee_code=4, ee_info=5, ee_data=6, offender={sa_family=AF_INET, sin_port=htons(9), sin_addr=inet_addr("1.2.3.4")}}}]',
    'origdst':
        '[{cmsg_len=32, cmsg_level=SOL_IP, cmsg_type=IP_ORIGDSTADDR, cmsg_data={sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("8.8.8.8")}}]',
    'ip_unknown':
        '[{cmsg_len=17, cmsg_level=SOL_IP, cmsg_type=0x63 /* IP_??? */}]',
    'other_level':
        '[{cmsg_len=19, cmsg_level=SOL_TCP, cmsg_type=0x5}]',
    'two':
        '[{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[2]}, {cmsg_len=20, cmsg_level=SOL_IP, cmsg_type=IP_TTL, cmsg_data=[9]}]',
    'len_past_end':
        '[{cmsg_len=64, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[0, 1]}]',
    'len_short':
        '[{cmsg_len=8, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS}, ... /* %s */]',
    'trailing':
        '[{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[2]}, ... /* %s */]',
}


def _msghdr(control_len):
    return struct.pack("<QI4xQQQQi4x", 0, 0, 0, 0, C, control_len, 0)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_control_messages(name):
    data = dict(CASES)[name]
    want = EXPECTED[name]
    if name in LEFT_AT:
        want = want % hex(C + LEFT_AT[name])
    line = call_line("sendmsg", [0xffffffff, M, 0], EBADF, {M: _msghdr(len(data)), C: data})
    assert line == "sendmsg(-1, {msg_name=NULL, msg_namelen=0, msg_iov=NULL, msg_iovlen=0, " \
        "msg_control=%s, msg_controllen=%d, msg_flags=0}, 0) = -1 EBADF (Bad file descriptor)" % (
            want, len(data))


def test_short_or_unreadable_control_is_its_address():
    for length, mem in ((15, {C: b"\0" * 15}), (32, {})):
        mem = dict(mem)
        mem[M] = _msghdr(length)
        assert call_line("sendmsg", [3, M, 0], EBADF, mem) == \
            "sendmsg(3, {msg_name=NULL, msg_namelen=0, msg_iov=NULL, msg_iovlen=0, " \
            "msg_control=0x20000, msg_controllen=%d, msg_flags=0}, 0) = " \
            "-1 EBADF (Bad file descriptor)" % length


def test_rights_are_cut_to_the_string_limit():
    data = struct.pack("<Qii", 16 + 4 * 40, 1, 1) + struct.pack("<40i", *range(40))
    line = call_line("sendmsg", [3, M, 0], EBADF, {M: _msghdr(len(data)), C: data})
    assert "cmsg_data=[%s, ...]}]" % ", ".join(str(i) for i in range(32)) in line
