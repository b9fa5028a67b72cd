"""-y / -yy (--decode-fds): what a tracee's descriptor refers to, as strace prints it inside
`<...>`: a path, `pipe:[N]`, `anon_inode:[eventfd]`, and with -yy sockets by protocol and
address (`TCP:[127.0.0.1:47123->127.0.0.1:39000]`), devices (`/dev/null<char 1:3>`) and pidfds
(`pid:N`). Read from /proc/PID/fd, /proc/PID/fdinfo and /proc/net/* while the tracee is stopped.
"""
import os
import socket
import stat
import struct

KINDS = ("path", "socket", "dev", "pidfd")
_UNIX_TYPES = {1: "UNIX-STREAM", 2: "UNIX", 5: "UNIX-SEQPACKET"}     # linux/net.h SOCK_*
_INET_TABLES = (("tcp", "TCP", socket.AF_INET), ("udp", "UDP", socket.AF_INET),
                ("tcp6", "TCPv6", socket.AF_INET6), ("udp6", "UDPv6", socket.AF_INET6))


def escape(text):
    """A path inside `<...>`: non-printable bytes octal-escaped, `>` as `\\76` (strace)."""
    out = []
    for b in bytearray(text.encode("utf-8", "surrogateescape")):
        if b == 0x3e or b < 0x20 or b >= 0x7f or b == 0x5c:
            out.append("\\%o" % b if b != 0x5c else "\\\\")
        else:
            out.append(chr(b))
    return "".join(out)


class FdDecorator(object):
    def __init__(self, kinds):
        self.kinds = frozenset(kinds)

    def cwd(self, pid):
        """The `<cwd>` of AT_FDCWD (with the path kind only), or None."""
        if "path" not in self.kinds:
            return None
        try:
            return escape(os.readlink("/proc/%d/cwd" % pid))
        except OSError:
            return None

    def describe(self, pid, fd):
        """The text between `<` and `>` for this descriptor, or None. Each kind of
        --decode-fds decorates its own kind of descriptor; `path` decorates everything else."""
        kinds = self.kinds
        link = "/proc/%d/fd/%d" % (pid, fd)
        try:
            target = os.readlink(link)
        except OSError:
            return None
        if target.startswith("socket:[") and "socket" in kinds:
            return _socket(int(target[8:-1])) or target
        if target == "anon_inode:[pidfd]" and "pidfd" in kinds:
            pid_of = _fdinfo_field(pid, fd, "Pid:")
            if pid_of is not None:
                return "pid:%s" % pid_of
        if "dev" in kinds and target.startswith("/"):
            try:
                st = os.stat(link)
            except OSError:
                st = None
            if st is not None and (stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode)):
                return "%s<%s %d:%d>" % (escape(target),
                                         "char" if stat.S_ISCHR(st.st_mode) else "block",
                                         os.major(st.st_rdev), os.minor(st.st_rdev))
        return escape(target) if "path" in kinds else None


def _fdinfo_field(pid, fd, name):
    try:
        with open("/proc/%d/fdinfo/%d" % (pid, fd)) as f:
            for line in f:
                if line.startswith(name):
                    return line.split()[1]
    except (OSError, IOError, IndexError):
        pass
    return None


def _socket(inode):
    """`TCP:[local->peer]`, `UNIX-STREAM:[inode,"path"]`, `NETLINK:[inode]`... or None."""
    for name, label, family in _INET_TABLES:
        row = _proc_net_row("/proc/net/" + name, inode, 9)
        if row is not None:
            local, peer = _inet(row[1], family), _inet(row[2], family)
            if local[1] == 0:
                return "%s:[%d]" % (label, inode)
            if peer[1] == 0:
                return "%s:[%s]" % (label, _endpoint(local, family))
            return "%s:[%s->%s]" % (label, _endpoint(local, family), _endpoint(peer, family))
    row = _proc_net_row("/proc/net/unix", inode, 6)
    if row is not None:
        label = _UNIX_TYPES.get(int(row[4], 16), "UNIX")
        path = row[7] if len(row) > 7 else ""
        if path:
            return '%s:[%d,"%s"]' % (label, inode, path)
        return "%s:[%d]" % (label, inode)
    if _proc_net_row("/proc/net/netlink", inode, 9) is not None:
        return "NETLINK:[%d]" % inode
    return None


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
