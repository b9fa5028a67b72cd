"""Netlink, decoded as strace 6.1 decodes it: the messages of a send/recv buffer on a netlink
socket, each protocol in its own module (route, sock_diag, audit, xfrm, netfilter,
kobject_uevent, selinux, crypto, generic), over the shared machinery of `nlattr` (the buffer
view, strings, attributes) and `message` (headers, nlmsgerr, runs of messages).

Entry points for the socket decoders (decode/net.py):
- `fd_protocol(call, fd)`: the NETLINK_* protocol of a tracee descriptor, None if it is not a
  netlink socket (strace's getfdproto + get_fd_nl_family);
- `buffer_text(ctx, call, fd, addr, length, proto)`: the messages at addr;
- `sock_buffer(ctx, call, fd, addr, length)`: a send/recv buffer: messages on a netlink socket,
  else the quoted string;
- `iovec_text(ctx, call, fd, addr, count, data_size)`: a msghdr's iovec whose msg_name is a
  netlink address.
"""
import os

from minitrace import printers
from minitrace.decode.file import in_string

_machinery = []


def load():
    """(message, View), the protocol modules imported the first time a netlink buffer is shown
    (they register themselves with message.register): a trace without netlink never loads
    them (about 25 ms of start-up)."""
    if not _machinery:
        from minitrace.decode.netlink import (audit, crypto, generic,  # noqa: F401
                                              kobject_uevent, message, netfilter, route,
                                              selinux, sock_diag, xfrm)
        from minitrace.decode.netlink.nlattr import View
        _machinery.append((message, View))
    return _machinery[0]


def fd_protocol(call, fd, proc_pid=None):
    """The protocol number of the tracee's netlink socket `fd` (its inode in the tracee's
    /proc/PID/net/netlink), or None. `proc_pid`: the tracee's /proc entry when it is not its
    pid (ctx.proc_pid)."""
    fd = printers.to_signed(fd, 32)
    pid = call.pid if proc_pid is None else proc_pid
    if fd < 0 or not pid:
        return None
    path = "/proc/%d/fd/%d" % (pid, fd)
    try:
        # strace's getfdproto: the socket's protocol name, one call; only a netlink socket
        # goes on to the /proc table (its protocol number), every send/recv on TCP stops here
        if os.getxattr(path, "system.sockprotoname").rstrip(b"\0") != b"NETLINK":
            return None
    except (OSError, AttributeError):
        pass                          # not a socket, or no such attribute here: the link says
    try:
        link = os.readlink(path)
    except OSError:
        return None
    if not link.startswith("socket:["):
        return None
    inode = link[8:-1]
    for path in ("/proc/%d/net/netlink" % pid, "/proc/net/netlink"):
        try:
            with open(path) as f:
                next(f)
                for line in f:
                    parts = line.split()
                    if len(parts) > 9 and parts[-1] == inode:
                        return int(parts[1])
        except (OSError, StopIteration, ValueError):
            continue
        return None
    return None


def buffer_text(ctx, call, fd, addr, length, proto):
    """The netlink messages of `length` bytes at addr (proto: NETLINK_* number or None)."""
    if not addr:
        return "NULL"
    message, view = load()
    v = view(ctx, call, addr, length, proto, fd)
    return message.messages_text(v, addr, length)


def sock_buffer(ctx, call, fd, addr, length):
    """strace's decode_sockbuf: netlink messages when the descriptor is a netlink socket (and
    structures are shown: -e verbose=), else the buffer as a string."""
    if ctx.style.deref:
        proto = fd_protocol(call, fd, ctx.proc_pid(call.pid))
        if proto is not None:
            return buffer_text(ctx, call, fd, addr, length, proto)
    return in_string(ctx, call, addr, length)


def iovec_text(ctx, call, fd, addr, count, data_size=None):
    """A msghdr's iovec with netlink messages in each element (strace's iov_decode_netlink)."""
    from minitrace.decode.desc import IOVEC, MAX_IOV
    if not addr:
        return "NULL"
    iov = IOVEC.on(call.abi)
    count = min(count, MAX_IOV + 1)
    shown = printers.array_limit(count, ctx.style)
    raw = ctx.read(call, addr, shown * iov.size) if shown else b""
    if raw is None or len(raw) < min(shown, 1) * iov.size:
        return printers.ptr(addr)
    proto = fd_protocol(call, fd, ctx.proc_pid(call.pid))
    n = len(raw) // iov.size
    parts = []
    left = data_size
    for i in range(n):
        base, length = iov.unpack(raw, i * iov.size)
        want = length if left is None else min(length, left)
        if left is not None:
            left -= want
        parts.append("{iov_base=%s, iov_len=%d}" % (
            buffer_text(ctx, call, fd, base, want, proto), length))
    if n < shown:
        parts.append("... /* %s */" % printers.ptr(addr + n * iov.size))
    elif count > shown:
        parts.append("...")
    return "[" + ", ".join(parts) + "]"
