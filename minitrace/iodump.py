"""-e read=FDS / -e write=FDS: strace's hex and ASCII dumps of the data a call moved.

The dump is made at syscall exit (the tracee is still stopped) from the bytes the call really
transferred: its return value, spread over the buffers of an iovec array.
"""
import struct

from minitrace.arch import endian, long_bits

# name -> (direction, layout): "buf" = (fd, buf, ...) moving the returned count, "len" =
# (fd, buf, len, ...) moving len, "iov" = (fd, iov, iovcnt, ...)
CALLS = {
    "read": ("read", "buf"), "pread64": ("read", "buf"), "recvfrom": ("read", "buf"),
    "recv": ("read", "buf"),
    "write": ("write", "buf"), "pwrite64": ("write", "buf"), "sendto": ("write", "buf"),
    "send": ("write", "buf"),
    "readv": ("read", "iov"), "preadv": ("read", "iov"), "preadv2": ("read", "iov"),
    "writev": ("write", "iov"), "pwritev": ("write", "iov"), "pwritev2": ("write", "iov"),
    # a message queue call returns 0, not the size sent: mq_timedsend dumps its msg_len argument
    "mq_timedreceive": ("read", "buf"), "mq_timedreceive_time64": ("read", "buf"),
    "mq_timedsend": ("write", "len"), "mq_timedsend_time64": ("write", "len"),
}
MAX_IOV = 1024          # UIO_MAXIOV (linux/uio.h)


def hexdump(data):
    """strace's dump lines: ` | 00000  61 62 ... 66  abc.def          |`."""
    lines = []
    for off in range(0, len(data), 16):
        chunk = bytearray(data[off:off + 16])
        hexes = ["%02x" % b for b in chunk]
        left = " ".join(hexes[:8])
        right = " ".join(hexes[8:])
        hexpart = (left + "  " + right) if right else left
        text = "".join(chr(b) if 0x20 <= b < 0x7f else "." for b in chunk)
        lines.append(" | %05x  %-49s %-16s |" % (off, hexpart, text))
    return lines


class IoDump(object):
    """Called with (memory, call) at exit: the dump lines for the call, or None."""

    def __init__(self, read_fds, write_fds):
        self.fds = {"read": read_fds, "write": write_fds}

    def __call__(self, memory, call):
        spec = CALLS.get(call.name)
        if spec is None or call.error or call.ret is None or call.ret < 0:
            return None
        direction, layout = spec
        size = call.args[2] if layout == "len" else call.ret
        if not size:
            return None
        fd = call.args[0] & 0xffffffff
        if not self.fds[direction](fd):
            return None
        if layout != "iov":
            data = memory.read(call.pid, call.args[1], size)
            return hexdump(data) if data else None
        return self._iov(memory, call)

    def _iov(self, memory, call):
        bits = long_bits(call.abi)
        size = bits // 8
        count = min(call.args[2] & 0xffffffff, MAX_IOV)
        raw = memory.read(call.pid, call.args[1], count * 2 * size)
        if not raw:
            return None
        n = len(raw) // (2 * size)
        words = struct.unpack("%s%d%s" % (endian(call.abi), 2 * n, "I" if bits == 32 else "Q"),
                              raw[:n * 2 * size])
        left = call.ret
        lines = []
        for i in range(n):
            if left <= 0:
                break
            base, length = words[2 * i], words[2 * i + 1]
            take = min(length, left)
            left -= take
            data = memory.read(call.pid, base, take) if take else b""
            lines.append(" * %d bytes in buffer %d" % (take, i))
            lines.extend(hexdump(data or b""))
        return lines
