"""The formats and buffers commands: VIDIOC_G_FMT/S_FMT/TRY_FMT, VIDIOC_REQBUFS,
VIDIOC_QUERYBUF/QBUF/DQBUF, VIDIOC_G_FBUF/S_FBUF, VIDIOC_CREATE_BUFS."""
from minitrace import printers
from minitrace.decode.common import const, failed, read_struct
from minitrace.decode.ioctl.v4l2 import formats, layouts, tables
from minitrace.decode.ioctl.v4l2.common import Command, read, struct_text


class Format(object):
    """VIDIOC_G_FMT (`is_get`: the format at exit) and VIDIOC_S_FMT/TRY_FMT (the format at
    entry, ` => {fmt...}` as the kernel changed it)."""

    def __init__(self, is_get):
        self.is_get = is_get
        self.read = read(layouts.FORMAT)

    def enter(self, ctx, call, arg):
        v = self.read(ctx, call, arg)
        if v is None:
            return printers.ptr(arg), False
        text = "{type=" + tables.buf_type(ctx, call, v["type"])
        if self.is_get:
            return text, True
        fmt = formats.fmt_text(ctx, call, v)
        if fmt is None:
            return text + "}", False
        if not fmt[1]:
            return "%s, %s}" % (text, fmt[0]), False
        return "%s, %s" % (text, fmt[0]), True

    def exit(self, ctx, call, arg):
        v = None if failed(call) else self.read(ctx, call, arg)
        fmt = None if v is None else formats.fmt_text(ctx, call, v)
        if fmt is None:
            return "}"
        return (", %s}" if self.is_get else "} => {%s}") % fmt[0]


def _reqbufs_in(ctx, call, v):
    return struct_text([("type", tables.buf_type(ctx, call, v["type"])),
                        ("memory", tables.memory(ctx, call, v["memory"])),
                        ("count", "%d" % v["count"])]), True


def _reqbufs_out(ctx, call, v):
    return " => %d" % v["count"]


REQBUFS = Command(layouts.REQUESTBUFFERS, _reqbufs_in, _reqbufs_out)


class Buffer(object):
    """VIDIOC_QUERYBUF/QBUF/DQBUF: the type and index at entry (DQBUF: the index at exit),
    the rest at exit; DQBUF adds the timestamp."""

    def __init__(self, dequeue):
        self.dequeue = dequeue
        self.read = read(layouts.BUFFER)

    def enter(self, ctx, call, arg):
        v = self.read(ctx, call, arg)
        if v is None:
            return printers.ptr(arg), False
        text = "{type=" + tables.buf_type(ctx, call, v["type"])
        if not self.dequeue:
            text += ", index=%d" % v["index"]
        return text, True

    def exit(self, ctx, call, arg):
        v = None if failed(call) else self.read(ctx, call, arg)
        if v is None:
            return "}"
        mem = v["memory"]
        pairs = [("index", "%d" % v["index"]) if self.dequeue else None,
                 ("memory", tables.memory(ctx, call, mem))]
        if mem == const(ctx, call, "V4L2_MEMORY_MMAP"):
            pairs.append(("m.offset", printers.hexnum(v["m.offset"])))
        elif mem == const(ctx, call, "V4L2_MEMORY_USERPTR"):
            pairs.append(("m.userptr", printers.ptr(v["m.userptr"])))
        pairs += [("length", "%d" % v["length"]), ("bytesused", "%d" % v["bytesused"]),
                  ("flags", tables.buffer_flags(ctx, call, v["flags"]))]
        if self.dequeue:
            usec = v["timestamp.tv_usec"]
            if usec < 0:                  # zero-extended, as strace does
                usec &= (1 << (8 * layouts.TIMEVAL.on(call.abi).fields["tv_usec"][1])) - 1
            pairs.append(("timestamp", "{tv_sec=%d, tv_usec=%d}" % (v["timestamp.tv_sec"],
                                                                   usec)))
        return ", " + struct_text(pairs) + ", ...}"


def _framebuffer(ctx, call, v):
    return struct_text([("capability", printers.hexnum(v["capability"])),
                        ("flags", printers.hexnum(v["flags"])),
                        ("base", printers.ptr(v["base"]))])


class Framebuffer(object):
    """VIDIOC_G_FBUF (at exit) and VIDIOC_S_FBUF (at entry)."""

    def __init__(self, is_get):
        self.is_get = is_get
        self.read = read(layouts.FRAMEBUFFER)

    def _text(self, ctx, call, arg):
        v = self.read(ctx, call, arg)
        return printers.ptr(arg) if v is None else "{%s}" % _framebuffer(ctx, call, v)

    def enter(self, ctx, call, arg):
        if self.is_get:
            return None, True
        return self._text(ctx, call, arg), False

    def exit(self, ctx, call, arg):
        return printers.ptr(arg) if failed(call) else self._text(ctx, call, arg)


class CreateBuffers(object):
    """VIDIOC_CREATE_BUFS: the request at entry; the buffers created annotate the return
    value (`= 0 ({index=0, count=2})`)."""

    def __init__(self):
        self.read = read(layouts.CREATE_BUFFERS)

    def enter(self, ctx, call, arg):
        v = self.read(ctx, call, arg)
        if v is None:
            return printers.ptr(arg), False
        fmt = formats.fmt_text(ctx, call, v, "format.")
        fmt_pairs = [("type", tables.buf_type(ctx, call, v["format.type"]))]
        if fmt is not None:
            fmt_pairs.append(tuple(fmt[0].split("=", 1)))
        return "{%s}" % struct_text([
            ("count", "%d" % v["count"]), ("memory", tables.memory(ctx, call, v["memory"])),
            ("format", "{%s}" % struct_text(fmt_pairs))]), False

    def result(self, ctx, call, arg):
        v = read_struct(ctx, call, arg, layouts.CREATE_BUFFERS.on(call.abi))
        if v is None:
            return None
        return "%d ({index=%d, count=%d})" % (call.ret, v["index"], v["count"])
