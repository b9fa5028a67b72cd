"""-y / -yy (--decode-fds): what a tracee's descriptor refers to, as strace prints it inside
`<...>`: a path, `pipe:[N]`, `anon_inode:[eventfd]`, and with -yy sockets by protocol and
address (`TCP:[127.0.0.1:47123->127.0.0.1:39000]`), devices (`/dev/null<char 1:3>`) and pidfds
(`pid:N`). Read from /proc/PID/fd, /proc/PID/fdinfo, the socket's sockprotoname attribute,
sock_diag (sockdiag.py) and /proc/net/* while the tracee is stopped.
"""
import os
import socket
import stat
import struct

from minitrace import printers
from minitrace.sockdiag import SockDiag

KINDS = ("path", "socket", "dev", "pidfd")
_UNIX_TYPES = {1: "UNIX-STREAM", 2: "UNIX", 5: "UNIX-SEQPACKET"}     # linux/net.h SOCK_*
_NAME_STYLE = printers.Style(string_limit=4096)           # socket names are never cut
_INET_TABLES = (("tcp", "TCP", socket.AF_INET), ("udp", "UDP", socket.AF_INET),
                ("tcp6", "TCPv6", socket.AF_INET6), ("udp6", "UDPv6", socket.AF_INET6))


def escape(text, hex_strings="none"):
    """A path inside `<...>` as strace quotes it (string_quote without quotes, `<` and `>`
    escaped too, -x/-xx applied: `\n`, `\74`, or the whole path in hex)."""
    return printers.quote_unquoted(text.encode("utf-8", "surrogateescape"), hex_strings, b"<>")


class FdDecorator(object):
    def __init__(self, kinds, hex_strings="none"):
        self.kinds = frozenset(kinds)
        self.hex_strings = hex_strings      # -x/-xx: how paths are quoted
        self._sockets = None      # a SocketNames, made on the first socket
        self.pids = None          # -Y / --pidns-translation: a pidns.PidDecorator
        # our pid -> its /proc entry (pidns.Translator.proc_pid: another when /proc was
        # mounted from another PID namespace), 0 if none; None: the same
        self.proc_pid = None

    def cwd(self, pid):
        """The `<cwd>` of AT_FDCWD (with the path kind only), or None."""
        if "path" not in self.kinds:
            return None
        if self.proc_pid is not None:
            pid = self.proc_pid(pid)
            if not pid:
                return None
        try:
            return escape(os.readlink("/proc/%d/cwd" % pid), self.hex_strings)
        except OSError:
            return None

    def decoration(self, pid, fd):
        """What follows the descriptor's number: `<text>`, `<path>(deleted)` for an unlinked
        file, or None."""
        what = self.describe(pid, fd)
        if what is None:
            return None
        return "<%s>%s" % what

    def describe(self, pid, fd):
        """(the text between `<` and `>`, `(deleted)` or ""), or None. Each kind of
        --decode-fds decorates its own kind of descriptor; `path` decorates everything else."""
        kinds = self.kinds
        if self.proc_pid is not None:
            pid = self.proc_pid(pid)
            if not pid:
                return None
        link = "/proc/%d/fd/%d" % (pid, fd)
        try:
            target = os.readlink(link)
        except OSError:
            return None
        target, deleted = split_deleted(link, target)
        if target.startswith("socket:[") and "socket" in kinds:
            if self._sockets is None:
                self._sockets = SocketNames()
            return self._sockets.name(link, int(target[8:-1])) or target, ""
        if target == "anon_inode:[pidfd]" and "pidfd" in kinds:
            pid_of = _fdinfo_field(pid, fd, "Pid:")
            if pid_of is not None:
                if self.pids is not None:       # -Y: `pid:N<comm>` (a pid of our namespace)
                    suffix = self.pids.suffix(None, int(pid_of), "tid")
                    return "pid:%s%s" % (pid_of, suffix), ""
                return "pid:%s" % pid_of, ""
        if "dev" in kinds and target.startswith("/"):
            try:
                st = os.stat(link)
            except OSError:
                st = None
            if st is not None and (stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode)):
                return "%s<%s %d:%d>" % (escape(target, self.hex_strings),
                                         "char" if stat.S_ISCHR(st.st_mode) else "block",
                                         os.major(st.st_rdev), os.minor(st.st_rdev)), ""
        if "path" not in kinds:
            return None
        return escape(target, self.hex_strings), "(deleted)" if deleted else ""


_DELETED = " (deleted)"


def split_deleted(link, target):
    """(target, deleted): the ` (deleted)` the kernel appends to an unlinked file's path taken
    off, when the path names no longer the same file (a file may be named `x (deleted)`): as
    strace's getfdpath, for -y here and for -P (pathtrace.fd_path)."""
    if len(target) <= len(_DELETED) or not target.endswith(_DELETED):
        return target, False
    try:
        st_link = os.stat(link)
    except OSError:
        return target, False
    try:
        st_path = os.lstat(target)
    except OSError:
        st_path = None
    if st_path is not None and (st_link.st_ino, st_link.st_dev) == (st_path.st_ino,
                                                                     st_path.st_dev):
        return target, False
    return target[:-len(_DELETED)], True


def _fdinfo_field(pid, fd, name):
    try:
        with open("/proc/%d/fdinfo/%d" % (pid, fd)) as f:
            for line in f:
                if line.startswith(name):
                    return line.split()[1]
    except (OSError, IOError, IndexError):
        pass
    return None


# the protocols strace asks inet_diag about: sockprotoname -> (family, IPPROTO_*)
_INET_PROTOCOLS = {
    "TCP": (socket.AF_INET, 6), "UDP": (socket.AF_INET, 17), "UDPLITE": (socket.AF_INET, 136),
    "DCCP": (socket.AF_INET, 33), "SCTP": (socket.AF_INET, 132), "L2TP/IP": (socket.AF_INET, 115),
    "PING": (socket.AF_INET, 1), "RAW": (socket.AF_INET, 255),
    "TCPv6": (socket.AF_INET6, 6), "UDPv6": (socket.AF_INET6, 17),
    "UDPLITEv6": (socket.AF_INET6, 136), "DCCPv6": (socket.AF_INET6, 33),
    "SCTPv6": (socket.AF_INET6, 132), "L2TP/IPv6": (socket.AF_INET6, 115),
    "PINGv6": (socket.AF_INET6, 1), "RAWv6": (socket.AF_INET6, 255),
}


class SocketNames(object):
    """What strace prints for a socket inode with -yy. Like strace, a socket's details are
    remembered once found (1024 slots by inode): a connection closed by its peer keeps the
    endpoints it was first printed with."""

    def __init__(self):
        self.diag = SockDiag()
        self._slots = [None] * 1024

    def name(self, link, inode):
        slot = self._slots[inode & 1023]
        if slot is not None and slot[0] == inode:
            return slot[1]
        proto = _sockprotoname(link)
        details = self._details(proto, inode)
        if details is not None:
            self._slots[inode & 1023] = (inode, details)
            return details
        return "%s:[%d]" % (proto, inode) if proto else None

    def _details(self, proto, inode):
        if proto in _INET_PROTOCOLS:
            family, number = _INET_PROTOCOLS[proto]
            ends = self.diag.inet(family, number, inode)
            if ends is None and self.diag.broken:
                ends = _proc_net_inet(proto, family, inode)
            if ends is None:
                return None
            (src, sport), (dst, dport) = ends
            if dport or dst.strip("0.:"):
                return "%s:[%s->%s]" % (proto, _endpoint((src, sport), family),
                                        _endpoint((dst, dport), family))
            return "%s:[%s]" % (proto, _endpoint((src, sport), family))
        if proto is None or proto.startswith("UNIX"):
            row = _proc_net_row("/proc/net/unix", inode, 6)
            if row is not None:
                return _unix(proto or _UNIX_TYPES.get(int(row[4], 16), "UNIX"), inode,
                             self.diag)
        if proto is None or proto == "NETLINK":
            row = _proc_net_row("/proc/net/netlink", inode, 9)
            if row is not None:
                return _netlink(int(row[1]), int(row[2]), inode)
        return None


def _proc_net_inet(proto, family, inode):
    """The endpoints from /proc/net/{tcp,udp,tcp6,udp6} (where sock_diag is missing)."""
    for name, label, fam in _INET_TABLES:
        if label == proto:
            row = _proc_net_row("/proc/net/" + name, inode, 9)
            if row is not None:
                return _inet(row[1], family), _inet(row[2], family)
    return None


def _sockprotoname(link):
    try:
        return os.getxattr(link, "system.sockprotoname").rstrip(b"\0").decode("ascii")
    except (OSError, UnicodeError):
        return None


def _unix(label, inode, diag):
    """`UNIX-STREAM:[inode->peer,"path"]` (an abstract name as `@"name"`), from sock_diag."""
    found = diag.unix(inode)
    peer, name = found if found is not None else (0, None)
    if not peer and not name:
        return None
    text = "%s:[%d" % (label, inode)
    if peer:
        text += "->%d" % peer
    if name:
        abstract = name[:1] == b"\0"
        name = name[1:] if abstract else name.split(b"\0")[0]
        text += "," + ("@" if abstract else "") + printers.quote_bytes(name, _NAME_STYLE)
    return text + "]"


def _netlink(protocol, portid, inode):
    """`NETLINK:[ROUTE:1234]` for a bound socket, `NETLINK:[inode]` otherwise."""
    if not portid:
        return None
    from minitrace.decode.net import NETLINK_PROTOS
    consts = _host_constants()
    names = dict((consts[n], n) for n in sorted(NETLINK_PROTOS) if n in consts)
    name = names.get(protocol)
    if name is None:
        return "NETLINK:[%d]" % protocol
    return "NETLINK:[%s:%d]" % (name[len("NETLINK_"):], portid)


def _host_constants():
    import syscalls
    from minitrace.arch import for_machine
    return syscalls.constants(for_machine().ABIS[0])


def _proc_net_row(path, inode, column):
    try:
        with open(path) as f:
            next(f)
            for line in f:
                row = line.split()
                if len(row) > column and row[column] == str(inode):
                    return row
    except (OSError, IOError, StopIteration):
        pass
    return None


def _inet(text, family):
    """("addr", port) of a /proc/net address such as `0100007F:15B3`: the address is printed
    as 32-bit words, each in host byte order."""
    addr, port = text.split(":")
    packed = b"".join(struct.pack("=I", int(addr[i:i + 8], 16)) for i in range(0, len(addr), 8))
    return socket.inet_ntop(family, packed), int(port, 16)


def _endpoint(addr_port, family):
    addr, port = addr_port
    return ("[%s]:%d" if family == socket.AF_INET6 else "%s:%d") % (addr, port)
