"""-e read=FDS / -e write=FDS: strace's hex and ASCII dumps of the data a call moved.

The dump is made at syscall exit (the tracee is still stopped), as strace 6.1 makes it:
- a call that writes (write, pwrite64, send, sendto, mq_timedsend, writev, pwritev, pwritev2,
  vmsplice, sendmsg, sendmmsg) dumps what it was given (its length argument, every iovec buffer
  whole), even when it failed;
- a call that reads (read, pread64, recv, recvfrom, mq_timedreceive, readv, preadv, preadv2,
  recvmsg, recvmmsg) dumps what it returned, and nothing when it failed;
- an iovec array is read whole (nothing is dumped if it cannot be), its buffers are dumped in
  order (` * N bytes in buffer I`) until the byte count or a zero-length buffer ends them;
- sendmmsg/recvmmsg dump each message the call returned (` = N buffers in vector I`), each up
  to its msg_len.
"""
import struct

from minitrace.decode.desc import IOVEC
from minitrace.decode.net import MMSGHDR, MSGHDR

# name -> (direction, shape): "buf" = (fd, buf, count) dumping `count` when writing and the
# returned size when reading; "iov" = (fd, iov, iovcnt); "msg" = (fd, msghdr *);
# "mmsg" = (fd, mmsghdr *)
CALLS = {
    "write": ("write", "buf"), "pwrite64": ("write", "buf"), "send": ("write", "buf"),
    "sendto": ("write", "buf"), "mq_timedsend": ("write", "buf"),
    "mq_timedsend_time64": ("write", "buf"),
    "writev": ("write", "iov"), "pwritev": ("write", "iov"), "pwritev2": ("write", "iov"),
    "vmsplice": ("write", "iov"),
    "sendmsg": ("write", "msg"), "sendmmsg": ("write", "mmsg"),
    "read": ("read", "buf"), "pread64": ("read", "buf"), "recv": ("read", "buf"),
    "recvfrom": ("read", "buf"), "mq_timedreceive": ("read", "buf"),
    "mq_timedreceive_time64": ("read", "buf"),
    "readv": ("read", "iov"), "preadv": ("read", "iov"), "preadv2": ("read", "iov"),
    "recvmsg": ("read", "msg"), "recvmmsg": ("read", "mmsg"), "recvmmsg_time64": ("read", "mmsg"),
}
UNLIMITED = (1 << 64) - 1      # a write's iovec buffers are dumped whole
FETCH = 1 << 16                 # bytes fetched from the tracee at a time (a multiple of 16)
MIN_OFFSET_DIGITS = 5           # wider only for dumps of more than 1 MiB
MAX_VECTORS = 1 << 16           # a failed sendmmsg (count -1) stops here at the latest


def offset_digits(length):
    """Hex digits of the offset column of a `length`-byte dump: 5, or as many as the last
    offset needs when the dump is longer than 0x100000 bytes."""
    if length > 1 << (4 * MIN_OFFSET_DIGITS):
        return 1 + ((length - 1).bit_length() - 1) // 4
    return MIN_OFFSET_DIGITS


def hexdump(data, offset=0, digits=MIN_OFFSET_DIGITS):
    """strace's dump lines: ` | 00000  61 62 ... 66  abc.def          |`, offsets starting at
    `offset`, written with `digits` hex digits at least."""
    lines = []
    for off in range(0, len(data), 16):
        chunk = bytearray(data[off:off + 16])
        hexes = ["%02x" % b for b in chunk]
        left = " ".join(hexes[:8])
        right = " ".join(hexes[8:])
        hexpart = (left + "  " + right) if right else left
        text = "".join(chr(b) if 0x20 <= b < 0x7f else "." for b in chunk)
        lines.append(" | %0*x  %-49s %-16s |" % (digits, offset + off, hexpart, text))
    return lines


def _read_exact(memory, pid, addr, size):
    """`size` bytes at addr, or None when any of them is unreadable (strace's umoven)."""
    if size == 0:
        return b""
    data = memory.read(pid, addr, size)
    if data is None or len(data) < size:
        return None
    return data


def dump_buffer(memory, pid, addr, length):
    """The dump of `length` bytes at addr: nothing when the first bytes are unreadable, a
    `<Cannot fetch ...>` line where a later part is."""
    if length <= 0 or length + 16 > UNLIMITED or addr + length > UNLIMITED:
        return []
    digits = offset_digits(length)
    lines = []
    done = 0
    while done < length:
        size = min(length - done, FETCH)
        data = _read_exact(memory, pid, addr + done, size)
        if data is None:
            if done:
                lines.append(" | <Cannot fetch %d byte%s from pid %d @%#x>" % (
                    size, "" if size == 1 else "s", pid, addr + done))
            break
        lines.extend(hexdump(data, done, digits))
        done += size
    return lines


def dump_iovec(memory, call, addr, count, data_size):
    """The buffers of an iovec array of `count` entries (a C int), up to data_size bytes."""
    count &= 0xffffffff
    if count >= 0x80000000:
        count -= 1 << 32
    iov = IOVEC.on(call.abi)
    if count <= 0 or (iov.size * count) >> 32:
        return []
    raw = _read_exact(memory, call.pid, addr, iov.size * count)
    if raw is None:
        return []
    lines = []
    for i in range(count):
        base, length = iov.unpack(raw, i * iov.size)
        length = min(length, data_size)
        if not length:
            break
        data_size -= length
        lines.append(" * %d bytes in buffer %d" % (length, i))
        lines.extend(dump_buffer(memory, call.pid, base, length))
    return lines


def _msghdr(memory, call, addr, compiled):
    raw = _read_exact(memory, call.pid, addr, compiled.size)
    return None if raw is None else compiled.dict(raw)


def dump_msghdr(memory, call, addr, data_size):
    m = _msghdr(memory, call, addr, MSGHDR.on(call.abi))
    if m is None:
        return []
    return dump_iovec(memory, call, m["msg_iov"], m["msg_iovlen"], data_size)


def dump_mmsghdr(memory, call, addr, count):
    compiled = MMSGHDR.on(call.abi)
    lines = []
    for i in range(min(count, MAX_VECTORS)):
        m = _msghdr(memory, call, addr + i * compiled.size, compiled)
        if m is None:
            break
        iovlen = m["msg_hdr.msg_iovlen"]
        lines.append(" = %d buffers in vector %d" % (iovlen, i))
        lines.extend(dump_iovec(memory, call, m["msg_hdr.msg_iov"], iovlen, m["msg_len"]))
    return lines


class IoDump(object):
    """Called with (memory, call) at exit: the dump lines for the call, or None."""

    def __init__(self, read_fds, write_fds):
        self.fds = {"read": read_fds, "write": write_fds}

    def __call__(self, memory, call):
        spec = CALLS.get(call.name)
        if spec is None or call.ret is None:
            return None
        direction, shape = spec
        fd = call.args[0] & 0xffffffff
        if fd >= 0x80000000 or not self.fds[direction](fd):
            return None
        if direction == "read" and call.error:
            return None
        lines = self._dump(memory, call, direction, shape)
        return lines or None

    @staticmethod
    def _dump(memory, call, direction, shape):
        a = call.args
        if direction == "write":
            size = UNLIMITED
        else:
            size = call.ret
        if shape == "buf":
            return dump_buffer(memory, call.pid, a[1], a[2] if direction == "write" else size)
        if shape == "iov":
            return dump_iovec(memory, call, a[1], a[2], size)
        if shape == "msg":
            return dump_msghdr(memory, call, a[1], size)
        # a failed sendmmsg: strace's count is the (unsigned) -1 it returned
        count = (call.ret & 0xffffffff) if not call.error else 0xffffffff
        return dump_mmsghdr(memory, call, a[1], count)
