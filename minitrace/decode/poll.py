"""Decoders of waiting for descriptors: poll, ppoll, select, pselect6, epoll_*.

Text only: no ptrace, no printing. (The sigset reader here is a local copy: the shared one in
sigcalls.py was being written at the same time.)
"""
import struct

from minitrace import printers
from minitrace.decode import register
from minitrace.decode.array import print_array
from minitrace.decode.common import (const, endian, enum_text, failed, fd, flag_text, lbits,
                                     read_struct, sint)
from minitrace.decode.clock import timespec_arg, timeval_arg
from minitrace.decode.generic import Decoder
from minitrace.decode.layout import Struct, lookup, named
from minitrace.decode import sigcalls
from minitrace.decode.sigcalls import read_sigset

POLL_EVENTS = ("POLLIN", "POLLPRI", "POLLOUT", "POLLERR", "POLLHUP", "POLLNVAL", "POLLRDNORM",
               "POLLRDBAND", "POLLWRNORM", "POLLWRBAND", "POLLMSG", "POLLREMOVE", "POLLRDHUP")
EPOLL_EVENTS = ("EPOLLIN", "EPOLLPRI", "EPOLLOUT", "EPOLLERR", "EPOLLHUP", "EPOLLNVAL",
                "EPOLLRDNORM", "EPOLLRDBAND", "EPOLLWRNORM", "EPOLLWRBAND", "EPOLLMSG",
                "EPOLLRDHUP", "EPOLLEXCLUSIVE", "EPOLLWAKEUP", "EPOLLONESHOT", "EPOLLET")
EPOLL_CTL = ("EPOLL_CTL_ADD", "EPOLL_CTL_DEL", "EPOLL_CTL_MOD")
EPOLL_FLAGS = ("EPOLL_CLOEXEC",)
FD_SETSIZE = 1024 * 1024       # bound on the fd_set bytes read (strace caps nfds the same way)
MAX_POLLFDS = 1 << 16

def sigset_text(ctx, call, addr, size):
    """`[CHLD]` of a sigset_t of `size` bytes (4 or 8; else the address)."""
    if not addr:
        return "NULL"
    if size < 4 or size > 8 or size % 4:
        return printers.ptr(addr)
    bits = read_sigset(ctx, call, addr, size)
    return printers.ptr(addr) if bits is None else sigcalls.sigset_text(ctx, call, bits, size)


# ---------------------------------------------------------------------------------------------
# poll

# struct pollfd (asm-generic/poll.h)
POLLFD = named("pollfd", Struct("pollfd", [("fd", "s32"), ("events", "s16"), ("revents", "s16")]))


def pollfds_in(ctx, call, addr, nfds):
    """The pollfd array as strace's print_array prints it (`... /* addr */` where it stops
    being readable)."""
    st = POLLFD.on(call.abi)

    def element(values):
        f, ev, _ = values
        if f < 0:                                   # the kernel ignores its events
            return "{fd=%d}" % f
        return "{fd=%s, events=%s}" % (fd(ctx, call, f), flag_text(ctx, call, ev & 0xffff,
                                                                    POLL_EVENTS, "POLL???"))

    return print_array(ctx, call, addr, nfds, st.size, st.unpack, element)


def pollfds_out(ctx, call, addr, nfds, left=None):
    """What follows the return value as strace's poll exit makes it: ` ([{fd=3,
    revents=POLLIN}], left {...})`; the address of an unreadable pollfd ends the list; -s
    entries unless -v; nothing without -e verbose=; its 1024-byte buffer bounds the text."""
    if not ctx.style.deref or not addr or not nfds:
        return ""
    st = POLLFD.on(call.abi)
    limit = None if ctx.style.verbose else ctx.style.string_limit
    out = ""
    printed = 0
    for i in range(nfds):
        cur = addr + i * st.size
        data = ctx.read(call, cur, st.size)
        if data is None or len(data) < st.size:
            out += ("[" if not out else ", ") + printers.ptr(cur)
            break
        f, _, rev = st.unpack(data)
        if not rev:
            continue
        out += "[" if not out else ", "
        if limit is not None and printed >= limit:
            out += "..."
            break
        head = "{fd=%d, revents=" % f
        flags = flag_text(ctx, call, rev & 0xffff, POLL_EVENTS, "POLL???")
        if len(out) + len(head) + len(flags) + 1 >= _AUXSTR_SIZE - (2 + 16 + 9):
            out += "..."
            break
        out += head + flags + "}"
        printed += 1
    if out:
        out += "]"
    if left is not None:
        if len(out) + len(", left ") + 1 + len(left) < _AUXSTR_SIZE:
            out += ("left " if not out else ", left ") + left
        else:
            out += ", ..."
    return " (%s)" % out if out else ""


_AUXSTR_SIZE = 1024                                  # strace's outstr


@register("poll")
class Poll(Decoder):
    enter_while_running = True     # fd and events (the kernel writes only revents)

    def enter(self, ctx, call):
        a = call.args
        return "%s, %d, %s" % (pollfds_in(ctx, call, a[0], a[1] & 0xffffffff), a[1] & 0xffffffff,
                               sint(a[2]))

    def left(self, ctx, call):
        return None

    def result(self, ctx, call):
        text = Decoder.result(self, ctx, call)
        if failed(call):
            return text
        if call.ret == 0:
            return text + " (Timeout)"
        return text + pollfds_out(ctx, call, call.args[0], call.args[1] & 0xffffffff,
                                  self.left(ctx, call))


@register("ppoll", "ppoll_time64")
class Ppoll(Poll):
    def enter(self, ctx, call):
        a = call.args
        ts = timespec_arg(ctx, call, a[2])
        call.saved = ts
        return "%s, %d, %s, %s, %s" % (
            pollfds_in(ctx, call, a[0], a[1] & 0xffffffff), a[1] & 0xffffffff, ts,
            sigset_text(ctx, call, a[3], a[4]), printers.udec(a[4], lbits(call)))

    def left(self, ctx, call):
        return timespec_arg(ctx, call, call.args[2]) if call.args[2] else None


# ---------------------------------------------------------------------------------------------
# select

def _fdset(ctx, call, addr, nfds, always=False):
    """The set fds of an fd_set, or None if unreadable. always=True: read even when
    -e verbose= excludes the call (strace's result decoration `(in [3], ...)` does).
    strace reads (nfds + 7) / 8 bytes rounded up to the tracee's long, nfds at most 2**20."""
    nfds = min(nfds, FD_SETSIZE)
    if nfds <= 0:
        return []
    word = lbits(call) // 8
    nbytes = (((nfds + 7) // 8) + word - 1) & -word
    data = (ctx.read_data if always else ctx.read)(call, addr, nbytes)
    if data is None or len(data) < nbytes:
        return None
    code = "Q" if word == 8 else "I"
    words = struct.unpack(endian(call) + "%d%s" % (nbytes // word, code), data)
    out = []
    for i, w in enumerate(words):
        while w:
            low = w & -w
            n = i * 8 * word + low.bit_length() - 1
            if n < nfds:
                out.append(n)
            w &= w - 1
    return out


def fdset_text(ctx, call, addr, nfds):
    """`[3 4 9]`, every set descriptor (no -s limit); the address when nfds is not positive
    (strace reads no set then) or the set is unreadable."""
    if not addr or nfds <= 0:
        return printers.ptr(addr)
    fds = _fdset(ctx, call, addr, nfds)
    if fds is None:
        return printers.ptr(addr)
    return "[" + " ".join(fd(ctx, call, f) for f in fds) + "]"


class _Select(Decoder):
    timeout = staticmethod(timeval_arg)

    def enter(self, ctx, call):
        a = call.args
        nfds = printers.to_signed(a[0], 32)
        sets = [fdset_text(ctx, call, a[i], nfds) for i in (1, 2, 3)]
        return "%d, %s, %s, %s, %s" % (nfds, sets[0], sets[1], sets[2],
                                       self.timeout(ctx, call, a[4])) + self.tail(ctx, call)

    def tail(self, ctx, call):
        return ""

    def result(self, ctx, call):
        """strace's auxstr: the ready descriptors by set, counted down from the result (a set
        that adds none still closes with `]`), and `left` the timeout; ` ()` when none is
        readable; its 1024-byte buffer bounds the text."""
        text = Decoder.result(self, ctx, call)
        if failed(call):
            return text
        if call.ret == 0:
            return text + " (Timeout)"
        a = call.args
        nfds = printers.to_signed(a[0], 32)
        ready = call.ret
        out, sep = "", ""
        for label, i in (("in", 1), ("out", 2), ("except", 3)):
            if ready <= 0:
                break
            fds = _fdset(ctx, call, a[i], nfds, always=True) if a[i] else None
            if fds is None:
                continue
            first = True
            for f in fds:
                if len(out) < _AUXSTR_ROOM:
                    out += ("%s%s [%d" % (sep, label, f)) if first else " %d" % f
                    first, sep = False, ", "
                ready -= 1
                if ready == 0:
                    break
            if out:
                out += "]"
        if a[4]:
            left = self.timeout(ctx, call, a[4])
            if len(out) + len("left ") + 1 + len(sep) + len(left) < _AUXSTR_SIZE:
                out += "%sleft %s" % (sep, left)
        return "%s (%s)" % (text, out)


_AUXSTR_ROOM = _AUXSTR_SIZE - (len(", except [") + 1 + 12 + 2)


@register("select", "_newselect")
class Select(_Select):
    pass


# pselect6's sixth argument (struct sigset_argpack of fs/select.c): two words of the kernel's
# long, 64-bit for x32 too (its pselect6 is the common 64-bit syscall; glibc passes two
# __syscall_ulong_t)
SIGSET_ARGPACK = Struct("sigset_argpack", [("ss", "kulong"), ("ss_len", "kulong")])


@register("pselect6", "pselect6_time64")
class Pselect6(_Select):
    timeout = staticmethod(timespec_arg)

    def tail(self, ctx, call):
        addr = call.args[5]
        if not addr:
            return ", NULL"
        v = read_struct(ctx, call, addr, SIGSET_ARGPACK.on(call.abi))
        if v is None:
            return ", " + printers.ptr(addr)
        return ", {sigmask=%s, sigsetsize=%d}" % (sigset_text(ctx, call, v["ss"], v["ss_len"]),
                                                  v["ss_len"])


# ---------------------------------------------------------------------------------------------
# epoll

# struct epoll_event (linux/eventpoll.h): EPOLL_PACKED on x86 (12 bytes), naturally aligned
# elsewhere (16)
_EPOLL_EVENT = [("events", "u32"), ("data", "u64")]
EPOLL_EVENT_X86 = Struct("epoll_event", _EPOLL_EVENT, packed=True)
EPOLL_EVENT = Struct("epoll_event", _EPOLL_EVENT)


@named("epoll_event")
def epoll_event_layout(abi):
    return EPOLL_EVENT_X86 if abi in ("x86_64", "x32", "i386") else EPOLL_EVENT


def epoll_event_text(ctx, call, data):
    events, u64 = lookup("epoll_event", call.abi).unpack(data)
    # data.u32 is the union's first 4 bytes: the high half of u64 on a big-endian ABI
    u32 = u64 >> 32 if endian(call) == ">" else u64 & 0xffffffff
    return "{events=%s, data={u32=%d, u64=%d}}" % (
        flag_text(ctx, call, events, EPOLL_EVENTS, "EPOLL???"), u32, u64)


def _event_size(call):
    return lookup("epoll_event", call.abi).size


def epoll_events(ctx, call, addr, count):
    size = _event_size(call)
    shown = printers.array_limit(count, ctx.style)
    data = ctx.read(call, addr, size * shown) if shown else b""
    if data is None or len(data) < size * shown:
        return printers.ptr(addr)
    parts = [epoll_event_text(ctx, call, data[i * size:(i + 1) * size]) for i in range(shown)]
    if count > shown:
        parts.append("...")
    return "[" + ", ".join(parts) + "]"


@register("epoll_create")
class EpollCreate(Decoder):
    def enter(self, ctx, call):
        return sint(call.args[0])


@register("epoll_create1")
class EpollCreate1(Decoder):
    def enter(self, ctx, call):
        return flag_text(ctx, call, call.args[0] & 0xffffffff, EPOLL_FLAGS, "EPOLL_???")


@register("epoll_ctl")
class EpollCtl(Decoder):
    enter_while_running = True     # the event passed in

    def enter(self, ctx, call):
        a = call.args
        head = "%s, %s, %s, " % (fd(ctx, call, a[0]), enum_text(ctx, call, a[1] & 0xffffffff, EPOLL_CTL,
                                                     "EPOLL_CTL_???"), fd(ctx, call, a[2]))
        # EPOLL_CTL_DEL takes no event: strace prints only its address
        if not a[3] or a[1] & 0xffffffff == const(ctx, call, "EPOLL_CTL_DEL"):
            return head + printers.ptr(a[3])
        data = ctx.read(call, a[3], _event_size(call))
        if data is None or len(data) < _event_size(call):
            return head + printers.ptr(a[3])
        return head + epoll_event_text(ctx, call, data)


@register("epoll_wait")
class EpollWait(Decoder):
    enter_while_running = True     # the descriptor only

    def enter(self, ctx, call):
        return fd(ctx, call, call.args[0]) + ", "

    def events(self, ctx, call):
        a = call.args
        if failed(call):
            return printers.ptr(a[1])
        return epoll_events(ctx, call, a[1], call.ret)

    def exit(self, ctx, call):
        a = call.args
        return "%s, %s, %s" % (self.events(ctx, call), sint(a[2]), sint(a[3]))


@register("epoll_pwait")
class EpollPwait(EpollWait):
    enter_while_running = True     # the descriptor only

    def exit(self, ctx, call):
        a = call.args
        return "%s, %s, %s, %s, %s" % (self.events(ctx, call), sint(a[2]), sint(a[3]),
                                       sigset_text(ctx, call, a[4], a[5]),
                                       printers.udec(a[5], lbits(call)))


@register("epoll_pwait2")
class EpollPwait2(EpollWait):
    """The timeout and the sigmask are read at exit, as strace: addresses when the call
    failed (umoven_or_printaddr)."""

    def exit(self, ctx, call):
        a = call.args
        if failed(call):
            ts, mask = printers.ptr(a[3]), printers.ptr(a[4])
        else:
            ts, mask = timespec_arg(ctx, call, a[3]), sigset_text(ctx, call, a[4], a[5])
        return "%s, %s, %s, %s, %s" % (self.events(ctx, call), sint(a[2]), ts, mask,
                                       printers.udec(a[5], lbits(call)))
