"""NETLINK_SOCK_DIAG queries for -yy, as strace makes them: the endpoints of an INET socket
(inet_diag also lists bound sockets that /proc/net leaves out) and a UNIX socket's peer and
name. One netlink socket, opened on first use and kept (linux/sock_diag.h, linux/inet_diag.h,
linux/unix_diag.h)."""
import socket
import struct

NETLINK_SOCK_DIAG = 4
SOCK_DIAG_BY_FAMILY = 20
NLM_F_REQUEST, NLM_F_DUMP = 0x1, 0x300
NLMSG_ERROR, NLMSG_DONE = 2, 3
UDIAG_SHOW_NAME, UDIAG_SHOW_PEER = 0x1, 0x4
UNIX_DIAG_NAME, UNIX_DIAG_PEER = 0, 2

_NLMSGHDR = struct.Struct("=IHHII")        # len, type, flags, seq, pid
_UNIX_REQ = struct.Struct("=BBHIIIII")     # family, protocol, pad, states, ino, show, cookie[2]
_UNIX_MSG = struct.Struct("=BBBBIII")      # family, type, state, pad, ino, cookie[2]
_RTATTR = struct.Struct("=HH")             # len, type
# inet_diag_req_v2: family, protocol, ext, pad, states, then the 48-byte inet_diag_sockid
_INET_REQ = struct.Struct("=BBBBI48x")
# inet_diag_msg: family, state, timer, retrans; sockid: sport, dport (network order), src[16],
# dst[16], if, cookie[2]; then expires, rqueue, wqueue, uid, inode
_INET_MSG = struct.Struct("=BBBB2s2s16s16sIIIIIIII")


class SockDiag(object):
    def __init__(self):
        self._sock = None
        self.broken = False
        self._seq = 0

    def _ask(self, payload, flags=NLM_F_REQUEST):
        """The payloads of the kernel's answers to one SOCK_DIAG_BY_FAMILY request (a dump
        with flags=NLM_F_REQUEST|NLM_F_DUMP), or None."""
        if self.broken:
            return None
        out = []
        try:
            if self._sock is None:
                self._sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_SOCK_DIAG)
                self._sock.settimeout(1.0)
            self._seq += 1
            self._sock.sendto(_NLMSGHDR.pack(_NLMSGHDR.size + len(payload), SOCK_DIAG_BY_FAMILY,
                                             flags, self._seq, 0) + payload, (0, 0))
            while True:
                data = self._sock.recv(65536)
                pos = 0
                while pos + _NLMSGHDR.size <= len(data):
                    length, mtype, _, seq, _ = _NLMSGHDR.unpack_from(data, pos)
                    if length < _NLMSGHDR.size:
                        return out
                    if seq == self._seq:
                        if mtype in (NLMSG_DONE, NLMSG_ERROR) or mtype != SOCK_DIAG_BY_FAMILY:
                            return out
                        out.append(data[pos + _NLMSGHDR.size:pos + length])
                        if not flags & NLM_F_DUMP:
                            return out
                    pos += (length + 3) & ~3
        except (OSError, socket.error, struct.error):
            self.broken = True          # no sock_diag here: /proc/net is all we have
            return None

    def inet(self, family, protocol, inode):
        """((src, sport), (dst, dport)) of an AF_INET/AF_INET6 socket, from a dump of the
        protocol's sockets; None when the kernel does not list it (or has no inet_diag)."""
        msgs = self._ask(_INET_REQ.pack(family, protocol, 0, 0, 0xffffffff),
                         NLM_F_REQUEST | NLM_F_DUMP)
        size = 4 if family == socket.AF_INET else 16
        for data in msgs or ():
            if len(data) < _INET_MSG.size:
                continue
            v = _INET_MSG.unpack_from(data)
            if v[15] != inode or v[0] != family:
                continue
            sport, dport = struct.unpack(">H", v[4])[0], struct.unpack(">H", v[5])[0]
            return ((socket.inet_ntop(family, v[6][:size]), sport),
                    (socket.inet_ntop(family, v[7][:size]), dport))
        return None

    def unix(self, inode):
        """(peer inode or 0, name bytes or None) of a UNIX socket, or None."""
        msgs = self._ask(_UNIX_REQ.pack(socket.AF_UNIX, 0, 0, 0xffffffff, inode,
                                        UDIAG_SHOW_NAME | UDIAG_SHOW_PEER, 0xffffffff,
                                        0xffffffff))
        if not msgs or len(msgs[0]) < _UNIX_MSG.size:
            return None
        data = msgs[0]
        family, _, _, _, ino, _, _ = _UNIX_MSG.unpack_from(data)
        if family != socket.AF_UNIX or ino != inode:
            return None
        peer, name = 0, None
        pos = _UNIX_MSG.size
        while pos + _RTATTR.size <= len(data):
            alen, atype = _RTATTR.unpack_from(data, pos)
            if alen < _RTATTR.size:
                break
            value = data[pos + _RTATTR.size:pos + alen]
            if atype == UNIX_DIAG_NAME and name is None:
                name = value
            elif atype == UNIX_DIAG_PEER and len(value) >= 4:
                peer = struct.unpack("=I", value[:4])[0]
            pos += (alen + 3) & ~3
        return peer, name

    def close(self):
        if self._sock is not None:
            self._sock.close()
            self._sock = None
