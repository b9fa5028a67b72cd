"""io_uring_setup, io_uring_enter, io_uring_register as strace 6.1 decodes them (io_uring.c)."""
import struct

from minitrace import printers
from minitrace.decode import register
from minitrace.decode.array import print_array, print_array_ex, unpacker
from minitrace.decode.common import (enum_text, failed, fd, flag_text, lbits, lmask, nonzero_tail,
                                     read_struct, uint)
from minitrace.decode.desc import IOVEC
from minitrace.decode.generic import Decoder
from minitrace.decode.layout import Struct
from minitrace.decode.resource import cpu_set
from minitrace.decode.sigcalls import sigset_arg

# xlat/uring_setup_flags.in, uring_setup_features.in, uring_enter_flags.in,
# uring_register_opcodes.in, uring_ops.in, uring_op_flags.in, uring_sqe_flags.in,
# uring_restriction_opcodes.in, uring_register_rsrc_flags.in, uring_files_update_fds.in
# (linux/io_uring.h; strace 6.1's lists, which stop before IORING_SETUP_SINGLE_ISSUER)
SETUP_FLAGS = (
    "IORING_SETUP_IOPOLL", "IORING_SETUP_SQPOLL", "IORING_SETUP_SQ_AFF", "IORING_SETUP_CQSIZE",
    "IORING_SETUP_CLAMP", "IORING_SETUP_ATTACH_WQ", "IORING_SETUP_R_DISABLED",
    "IORING_SETUP_SUBMIT_ALL", "IORING_SETUP_COOP_TASKRUN", "IORING_SETUP_TASKRUN_FLAG",
    "IORING_SETUP_SQE128", "IORING_SETUP_CQE32")
SETUP_FEATURES = (
    "IORING_FEAT_SINGLE_MMAP", "IORING_FEAT_NODROP", "IORING_FEAT_SUBMIT_STABLE",
    "IORING_FEAT_RW_CUR_POS", "IORING_FEAT_CUR_PERSONALITY", "IORING_FEAT_FAST_POLL",
    "IORING_FEAT_POLL_32BITS", "IORING_FEAT_SQPOLL_NONFIXED", "IORING_FEAT_EXT_ARG",
    "IORING_FEAT_NATIVE_WORKERS", "IORING_FEAT_RSRC_TAGS", "IORING_FEAT_CQE_SKIP",
    "IORING_FEAT_LINKED_FILE")
ENTER_FLAGS = ("IORING_ENTER_GETEVENTS", "IORING_ENTER_SQ_WAKEUP", "IORING_ENTER_SQ_WAIT",
               "IORING_ENTER_EXT_ARG", "IORING_ENTER_REGISTERED_RING")
REGISTER_OPCODES = (
    "IORING_REGISTER_BUFFERS", "IORING_UNREGISTER_BUFFERS", "IORING_REGISTER_FILES",
    "IORING_UNREGISTER_FILES", "IORING_REGISTER_EVENTFD", "IORING_UNREGISTER_EVENTFD",
    "IORING_REGISTER_FILES_UPDATE", "IORING_REGISTER_EVENTFD_ASYNC", "IORING_REGISTER_PROBE",
    "IORING_REGISTER_PERSONALITY", "IORING_UNREGISTER_PERSONALITY",
    "IORING_REGISTER_RESTRICTIONS", "IORING_REGISTER_ENABLE_RINGS", "IORING_REGISTER_FILES2",
    "IORING_REGISTER_FILES_UPDATE2", "IORING_REGISTER_BUFFERS2", "IORING_REGISTER_BUFFERS_UPDATE",
    "IORING_REGISTER_IOWQ_AFF", "IORING_UNREGISTER_IOWQ_AFF", "IORING_REGISTER_IOWQ_MAX_WORKERS",
    "IORING_REGISTER_RING_FDS", "IORING_UNREGISTER_RING_FDS", "IORING_REGISTER_PBUF_RING",
    "IORING_UNREGISTER_PBUF_RING")
OPS = (
    "IORING_OP_NOP", "IORING_OP_READV", "IORING_OP_WRITEV", "IORING_OP_FSYNC",
    "IORING_OP_READ_FIXED", "IORING_OP_WRITE_FIXED", "IORING_OP_POLL_ADD", "IORING_OP_POLL_REMOVE",
    "IORING_OP_SYNC_FILE_RANGE", "IORING_OP_SENDMSG", "IORING_OP_RECVMSG", "IORING_OP_TIMEOUT",
    "IORING_OP_TIMEOUT_REMOVE", "IORING_OP_ACCEPT", "IORING_OP_ASYNC_CANCEL",
    "IORING_OP_LINK_TIMEOUT", "IORING_OP_CONNECT", "IORING_OP_FALLOCATE", "IORING_OP_OPENAT",
    "IORING_OP_CLOSE", "IORING_OP_FILES_UPDATE", "IORING_OP_STATX", "IORING_OP_READ",
    "IORING_OP_WRITE", "IORING_OP_FADVISE", "IORING_OP_MADVISE", "IORING_OP_SEND",
    "IORING_OP_RECV", "IORING_OP_OPENAT2", "IORING_OP_EPOLL_CTL", "IORING_OP_SPLICE",
    "IORING_OP_PROVIDE_BUFFERS", "IORING_OP_REMOVE_BUFFERS", "IORING_OP_TEE",
    "IORING_OP_SHUTDOWN", "IORING_OP_RENAMEAT", "IORING_OP_UNLINKAT", "IORING_OP_MKDIRAT",
    "IORING_OP_SYMLINKAT", "IORING_OP_LINKAT", "IORING_OP_MSG_RING", "IORING_OP_FSETXATTR",
    "IORING_OP_SETXATTR", "IORING_OP_FGETXATTR", "IORING_OP_GETXATTR", "IORING_OP_SOCKET",
    "IORING_OP_URING_CMD")
OP_FLAGS = ("IO_URING_OP_SUPPORTED",)
SQE_FLAGS = ("IOSQE_FIXED_FILE", "IOSQE_IO_DRAIN", "IOSQE_IO_LINK", "IOSQE_IO_HARDLINK",
             "IOSQE_ASYNC", "IOSQE_BUFFER_SELECT", "IOSQE_CQE_SKIP_SUCCESS")
RESTRICTION_OPCODES = ("IORING_RESTRICTION_REGISTER_OP", "IORING_RESTRICTION_SQE_OP",
                       "IORING_RESTRICTION_SQE_FLAGS_ALLOWED",
                       "IORING_RESTRICTION_SQE_FLAGS_REQUIRED")
RSRC_FLAGS = ("IORING_RSRC_REGISTER_SPARSE",)
FILES_UPDATE_FDS = ("IORING_REGISTER_FILES_SKIP",)
# enum io_wq_type of the kernel's io_uring/io-wq.h (not uapi), linux 6.1
IO_WQ_ACCT = {0: "IO_WQ_BOUND", 1: "IO_WQ_UNBOUND"}

# linux/io_uring.h
SQRING_OFFSETS = Struct("io_sqring_offsets", [
    ("head", "u32"), ("tail", "u32"), ("ring_mask", "u32"), ("ring_entries", "u32"),
    ("flags", "u32"), ("dropped", "u32"), ("array", "u32"), ("resv1", "u32"), ("resv2", "u64")])
CQRING_OFFSETS = Struct("io_cqring_offsets", [
    ("head", "u32"), ("tail", "u32"), ("ring_mask", "u32"), ("ring_entries", "u32"),
    ("overflow", "u32"), ("cqes", "u32"), ("flags", "u32"), ("resv1", "u32"), ("resv2", "u64")])
PARAMS = Struct("io_uring_params", [
    ("sq_entries", "u32"), ("cq_entries", "u32"), ("flags", "u32"), ("sq_thread_cpu", "u32"),
    ("sq_thread_idle", "u32"), ("features", "u32"), ("wq_fd", "s32"), ("resv", ("u32", 3)),
    ("sq_off", SQRING_OFFSETS), ("cq_off", CQRING_OFFSETS)])
FILES_UPDATE = Struct("io_uring_files_update", [("offset", "u32"), ("resv", "u32"),
                                                ("fds", "u64")])
RSRC_REGISTER = Struct("io_uring_rsrc_register", [("nr", "u32"), ("flags", "u32"),
                                                  ("resv2", "u64"), ("data", "u64"),
                                                  ("tags", "u64")])
RSRC_UPDATE2 = Struct("io_uring_rsrc_update2", [("offset", "u32"), ("resv", "u32"),
                                                ("data", "u64"), ("tags", "u64"), ("nr", "u32"),
                                                ("resv2", "u32")])
RSRC_UPDATE = Struct("io_uring_rsrc_update", [("offset", "u32"), ("resv", "u32"),
                                              ("data", "u64")])
RESTRICTION = Struct("io_uring_restriction", [("opcode", "u16"), ("op", "u8"), ("resv", "u8"),
                                              ("resv2", ("u32", 3))])
BUF_REG = Struct("io_uring_buf_reg", [("ring_addr", "u64"), ("ring_entries", "u32"),
                                      ("bgid", "u16"), ("pad", "u16"), ("resv", ("u64", 3))])
PROBE = Struct("io_uring_probe", [("last_op", "u8"), ("ops_len", "u8"), ("resv", "u16"),
                                  ("resv2", ("u32", 3))])
PROBE_OP = Struct("io_uring_probe_op", [("op", "u8"), ("resv", "u8"), ("flags", "u16"),
                                        ("resv2", "u32")])


def _xints(ctx, values):
    """print_xint_array_member over a small fixed array, cut by -s."""
    shown = printers.array_limit(len(values), ctx.style)
    parts = [printers.hexnum(v) for v in values[:shown]]
    if shown < len(values):
        parts.append("...")
    return "[" + ", ".join(parts) + "]"


def _array_field(v, name, count):
    return [v["%s[%d]" % (name, i)] for i in range(count)]


def _offsets(v, prefix, names):
    parts = ["%s=%d" % (n, v["%s.%s" % (prefix, n)]) for n in names]
    for n in ("resv1", "resv2"):
        if v["%s.%s" % (prefix, n)]:
            parts.append("%s=%#x" % (n, v["%s.%s" % (prefix, n)]))
    return "{" + ", ".join(parts) + "}"


@register("io_uring_setup")
class IoUringSetup(Decoder):
    def enter(self, ctx, call):
        addr = call.args[1]
        v = read_struct(ctx, call, addr, PARAMS.on(call.abi)) if addr else None
        head = uint(call.args[0]) + ", "
        if v is None:
            return head + printers.ptr(addr)
        call.saved = True
        parts = ["flags=" + flag_text(ctx, call, v["flags"], SETUP_FLAGS, "IORING_SETUP_???"),
                 "sq_thread_cpu=" + printers.hexnum(v["sq_thread_cpu"]),
                 "sq_thread_idle=%d" % v["sq_thread_idle"]]
        if v["flags"] & ctx.constants(call.abi).get("IORING_SETUP_ATTACH_WQ", 0):
            parts.append("wq_fd=" + fd(ctx, call, v["wq_fd"]))
        resv = _array_field(v, "resv", 3)
        if any(resv):
            parts.append("resv=" + _xints(ctx, resv))
        return head + "{" + ", ".join(parts)

    def exit(self, ctx, call):
        if not call.saved:
            return ""
        v = None if failed(call) else read_struct(ctx, call, call.args[1], PARAMS.on(call.abi))
        if v is None:
            return "}"
        return ", sq_entries=%d, cq_entries=%d, features=%s, sq_off=%s, cq_off=%s}" % (
            v["sq_entries"], v["cq_entries"],
            flag_text(ctx, call, v["features"], SETUP_FEATURES, "IORING_FEAT_???"),
            _offsets(v, "sq_off", ("head", "tail", "ring_mask", "ring_entries", "flags",
                                   "dropped", "array")),
            _offsets(v, "cq_off", ("head", "tail", "ring_mask", "ring_entries", "overflow",
                                   "cqes", "flags")))


@register("io_uring_enter")
class IoUringEnter(Decoder):
    def enter(self, ctx, call):
        a = call.args
        size = a[5] & lmask(call)
        return "%s, %s, %s, %s, %s, %d" % (
            fd(ctx, call, a[0]), uint(a[1]), uint(a[2]),
            flag_text(ctx, call, a[3] & 0xffffffff, ENTER_FLAGS, "IORING_ENTER_???"),
            sigset_arg(ctx, call, a[4], size), size)


# ---------------------------------------------------------------------------------------------
# io_uring_register: one function per opcode group, (ctx, call, addr, nargs) -> text


def _u32s(call):
    return lambda raw: struct.unpack(("<" if call.abi != "s390x" else ">") + "i", raw)[0]


def _fds(ctx, call, addr, nargs):
    return print_array(ctx, call, addr, nargs, 4, _u32s(call), lambda v: fd(ctx, call, v))


def _update_fd(ctx, call, value):
    if value < -1:
        return printers.enum(value, ctx.enum_table(call.abi, FILES_UPDATE_FDS), ctx.style,
                             None, decimal=True)
    return fd(ctx, call, value)


def _update_fds(ctx, call, addr, nargs):
    return print_array(ctx, call, addr, nargs, 4, _u32s(call),
                       lambda v: _update_fd(ctx, call, v))


def _big_addr(call, addr):
    """print_big_u64_addr: a 64-bit address a 32-bit tracee cannot hold is printed in hex, and
    what it points to is not read."""
    if lbits(call) == 32 and addr >> 32:
        return "%#x" % addr, None
    return "", addr


def _buffers(ctx, call, addr, nargs):
    layout = IOVEC.on(call.abi)

    def one(raw):
        base, length = layout.unpack(raw, 0)
        return "{iov_base=%s, iov_len=%d}" % (printers.ptr(base), length)
    return print_array(ctx, call, addr, nargs, layout.size, lambda raw: raw, one)


def _files_update(ctx, call, addr, nargs):
    v = read_struct(ctx, call, addr, FILES_UPDATE.on(call.abi)) if addr else None
    if v is None:
        return printers.ptr(addr)
    parts = ["offset=%d" % v["offset"]]
    if v["resv"]:
        parts.append("resv=%#x" % v["resv"])
    prefix, target = _big_addr(call, v["fds"])
    fds = prefix + (" or " if prefix else "") + _update_fds(ctx, call, target, nargs) \
        if target is not None else prefix
    parts.append("fds=" + fds)
    return "{" + ", ".join(parts) + "}"


def _restriction(ctx, call, raw):
    v = RESTRICTION.on(call.abi).dict(raw)
    c = ctx.constants(call.abi)
    opcode = v["opcode"]
    parts = ["opcode=" + enum_text(ctx, call, opcode, RESTRICTION_OPCODES,
                                   "IORING_RESTRICTION_???")]
    if opcode == c.get("IORING_RESTRICTION_REGISTER_OP"):
        parts.append("register_op=" + enum_text(ctx, call, v["op"], REGISTER_OPCODES,
                                                "IORING_REGISTER_???"))
    elif opcode == c.get("IORING_RESTRICTION_SQE_OP"):
        parts.append("sqe_op=" + enum_text(ctx, call, v["op"], OPS, "IORING_OP_???"))
    elif opcode in (c.get("IORING_RESTRICTION_SQE_FLAGS_ALLOWED"),
                    c.get("IORING_RESTRICTION_SQE_FLAGS_REQUIRED")):
        parts.append("sqe_flags=" + flag_text(ctx, call, v["op"], SQE_FLAGS, "IOSQE_???"))
    else:
        parts[-1] += " /* op: %s */" % printers.hexnum(v["op"])
    if v["resv"]:
        parts.append("resv=%#x" % v["resv"])
    resv2 = _array_field(v, "resv2", 3)
    if any(resv2):
        parts.append("resv2=" + _xints(ctx, resv2))
    return "{" + ", ".join(parts) + "}"


def _restrictions(ctx, call, addr, nargs):
    size = RESTRICTION.on(call.abi).size
    return print_array(ctx, call, addr, nargs, size, lambda raw: raw,
                       lambda raw: _restriction(ctx, call, raw))


def _ring_fds(ctx, call, addr, nargs):
    layout = RSRC_UPDATE.on(call.abi)

    def one(raw):
        v = layout.dict(raw)
        parts = ["offset=%d" % (-1 if v["offset"] == 0xffffffff else v["offset"])]
        if v["resv"]:
            parts.append("resv=%#x" % v["resv"])
        parts.append("data=" + fd(ctx, call, v["data"]))
        return "{" + ", ".join(parts) + "}"
    return print_array(ctx, call, addr, nargs, layout.size, lambda raw: raw, one)


def _ring_fds_unregister(ctx, call, addr, nargs):
    layout = RSRC_UPDATE.on(call.abi)

    def one(raw):
        v = layout.dict(raw)
        parts = ["offset=%d" % v["offset"]]
        if v["resv"]:
            parts.append("resv=%#x" % v["resv"])
        if v["data"]:
            parts.append("data=%#x" % v["data"])
        return "{" + ", ".join(parts) + "}"
    return print_array(ctx, call, addr, nargs, layout.size, lambda raw: raw, one)


def _buf_reg(ctx, call, addr, nargs):
    v = read_struct(ctx, call, addr, BUF_REG.on(call.abi)) if addr else None
    if v is None:
        return printers.ptr(addr)
    parts = ["ring_addr=" + printers.ptr(v["ring_addr"]), "ring_entries=%d" % v["ring_entries"],
             "bgid=%d" % v["bgid"]]
    if v["pad"]:
        parts.append("pad=%#x" % v["pad"])
    resv = _array_field(v, "resv", 3)
    if any(resv):
        parts.append("resv=" + _xints(ctx, resv))
    return "{" + ", ".join(parts) + "}"


def _affinity(ctx, call, addr, nargs):
    return cpu_set(ctx, call, addr, nargs)


def _address(ctx, call, addr, nargs):
    return printers.ptr(addr)


def _tags(ctx, call, tags, nr):
    prefix, target = _big_addr(call, tags)
    text = prefix
    if target is not None:
        text = print_array(ctx, call, target, nr, 8, unpacker(call, "Q"), printers.hexnum)
    return ", tags=" + text


def _rsrc_data(ctx, call, opcode, data, nr):
    """print_io_uring_rsrc_data: the files or buffers a FILES2/BUFFERS2/*_UPDATE2 names."""
    prefix, target = _big_addr(call, data)
    text = prefix
    if target is not None:
        text = RSRC_DATA[opcode](ctx, call, target, nr)
    return ", data=" + text


def _register_rsrc(ctx, call, opcode, addr, size):
    """FILES2, BUFFERS2: struct io_uring_rsrc_register of `size` bytes (32 or more)."""
    v = read_struct(ctx, call, addr, RSRC_REGISTER.on(call.abi)) if size >= 32 else None
    if v is None:
        return printers.ptr(addr)
    text = "{nr=%d, flags=%s" % (v["nr"], flag_text(ctx, call, v["flags"], RSRC_FLAGS,
                                                    "IORING_RSRC_REGISTER_???"))
    if v["resv2"]:
        text += ", resv2=%#x" % v["resv2"]
    text += _rsrc_data(ctx, call, opcode, v["data"], v["nr"]) + _tags(ctx, call, v["tags"],
                                                                      v["nr"])
    return text + nonzero_tail(ctx, call, addr, 32, min(size, 4096)) + "}"


def _update_rsrc(ctx, call, opcode, addr, size):
    """FILES_UPDATE2, BUFFERS_UPDATE: struct io_uring_rsrc_update2 of `size` bytes."""
    v = read_struct(ctx, call, addr, RSRC_UPDATE2.on(call.abi)) if size >= 32 else None
    if v is None:
        return printers.ptr(addr)
    text = "{offset=%d" % v["offset"]
    if v["resv"]:
        text += ", resv=%#x" % v["resv"]
    text += _rsrc_data(ctx, call, opcode, v["data"], v["nr"]) + _tags(ctx, call, v["tags"],
                                                                      v["nr"])
    text += ", nr=%d" % v["nr"]
    if v["resv2"]:
        text += ", resv2=%#x" % v["resv2"]
    return text + nonzero_tail(ctx, call, addr, 32, min(size, 4096)) + "}"


RSRC_DATA = {
    "IORING_REGISTER_FILES2": _fds,
    "IORING_REGISTER_FILES_UPDATE2": _update_fds,
    "IORING_REGISTER_BUFFERS2": _buffers,
    "IORING_REGISTER_BUFFERS_UPDATE": _buffers,
}


# opcode -> printer of a struct io_uring_rsrc_register / io_uring_rsrc_update2 argument
RSRC_ARGS = {
    "IORING_REGISTER_FILES2": _register_rsrc,
    "IORING_REGISTER_BUFFERS2": _register_rsrc,
    "IORING_REGISTER_FILES_UPDATE2": _update_rsrc,
    "IORING_REGISTER_BUFFERS_UPDATE": _update_rsrc,
}


def _probe_op(ctx, call, raw):
    v = PROBE_OP.on(call.abi).dict(raw)
    parts = ["op=" + printers.enum(v["op"], ctx.enum_table(call.abi, OPS), ctx.style,
                                   "IORING_OP_???", decimal=True)]
    if v["resv"]:
        parts.append("resv=%#x" % v["resv"])
    parts.append("flags=" + flag_text(ctx, call, v["flags"], OP_FLAGS, "IO_URING_OP_???"))
    if v["resv2"]:
        parts.append("resv2=%#x" % v["resv2"])
    return "{" + ", ".join(parts) + "}"


def _probe(ctx, call, addr, nargs, exiting):
    """struct io_uring_probe and its `nargs` ops (print_io_uring_probe): None when the entry
    finds it all zero (printed at exit only); at exit the ops the kernel filled in."""
    head = PROBE.on(call.abi)
    op_size = PROBE_OP.on(call.abi).size
    size = head.size + op_size * nargs
    raw = ctx.read(call, addr, size) if addr else None
    if raw is None or len(raw) < size:
        return printers.ptr(addr)
    if not exiting and not raw.strip(b"\0"):
        return None
    v = head.dict(raw[:head.size])
    parts = ["last_op=" + printers.enum(v["last_op"], ctx.enum_table(call.abi, OPS), ctx.style,
                                        "IORING_OP_???", decimal=True),
             "ops_len=%d" % v["ops_len"]]
    if v["resv"]:
        parts.append("resv=%#x" % v["resv"])
    resv2 = _array_field(v, "resv2", 3)
    if any(resv2):
        parts.append("resv2=" + _xints(ctx, resv2))
    count = min(v["ops_len"], nargs) if exiting else nargs
    shown = printers.array_limit(count, ctx.style)
    ops = [_probe_op(ctx, call, raw[head.size + i * op_size:head.size + (i + 1) * op_size])
           for i in range(shown)]
    if shown < count or (exiting and nargs < v["ops_len"]):
        ops.append("...")
    parts.append("ops=[" + ", ".join(ops) + "]")
    return "{" + ", ".join(parts) + "}"


def _iowq_max_workers(ctx, call, addr, nargs):
    """The two worker counts (print_io_uring_iowq_acct): `[[IO_WQ_BOUND]=4, ...]`; (text,
    whether the whole array was printed)."""
    def index(i):
        return printers.enum(i, IO_WQ_ACCT, ctx.style, "IO_WQ_???", decimal=True)
    return print_array_ex(ctx, call, addr, nargs, 4, unpacker(call, "I"), str, index=index)


# opcode -> text of arg (all at entry)
REGISTER_ARGS = {
    "IORING_REGISTER_BUFFERS": _buffers,
    "IORING_REGISTER_FILES": _fds,
    "IORING_REGISTER_EVENTFD": _fds,
    "IORING_REGISTER_EVENTFD_ASYNC": _fds,
    "IORING_REGISTER_FILES_UPDATE": _files_update,
    "IORING_REGISTER_RESTRICTIONS": _restrictions,
    "IORING_REGISTER_IOWQ_AFF": _affinity,
    "IORING_REGISTER_RING_FDS": _ring_fds,
    "IORING_UNREGISTER_RING_FDS": _ring_fds_unregister,
    "IORING_REGISTER_PBUF_RING": _buf_reg,
    "IORING_UNREGISTER_PBUF_RING": _buf_reg,
}


@register("io_uring_register")
class IoUringRegister(Decoder):
    def enter(self, ctx, call):
        a = call.args
        opcode = a[1] & 0xffffffff
        name = ctx.enum_table(call.abi, REGISTER_OPCODES).get(opcode)
        nargs = a[3] & 0xffffffff
        head = "%s, %s, " % (fd(ctx, call, a[0]),
                             enum_text(ctx, call, opcode, REGISTER_OPCODES,
                                       "IORING_REGISTER_???"))
        if name == "IORING_REGISTER_PROBE" and nargs <= 256:
            text = _probe(ctx, call, a[2], nargs, False)
            if text is None:                  # all zero: shown at exit only
                call.saved = ("probe", False)
                return head
            if text.startswith("{"):
                call.saved = ("probe", True)
                return head + text
        elif name == "IORING_REGISTER_IOWQ_MAX_WORKERS":
            text, complete = _iowq_max_workers(ctx, call, a[2], nargs)
            if complete:
                call.saved = ("max_workers", True)
                return head + text
        elif name in RSRC_ARGS:
            text = RSRC_ARGS[name](ctx, call, name, a[2], nargs)
        else:
            text = REGISTER_ARGS.get(name, _address)(ctx, call, a[2], nargs)
        return head + text + ", %d" % nargs

    def exit(self, ctx, call):
        if not call.saved:
            return ""
        kind, printed = call.saved
        a = call.args
        nargs = a[3] & 0xffffffff
        if failed(call) and kind == "probe":
            return "%s, %d" % ("" if printed else printers.ptr(a[2]), nargs)
        if failed(call):
            text = printers.ptr(a[2])
        elif kind == "probe":
            text = _probe(ctx, call, a[2], nargs, True)
        else:
            text = _iowq_max_workers(ctx, call, a[2], nargs)[0]
        return "%s%s, %d" % (" => " if printed else "", text, nargs)

