"""Trusted Execution Environment ioctls (type 0xa4, linux/tee.h), as strace 6.1's tee_ioctl.

The commands passing a struct tee_ioctl_buf_data (open session, invoke, supplicant receive and
send) print the buffer's length and the argument struct it points to, with its parameters, at
entry; after ` => ` at exit what the kernel wrote (nothing more when the call failed). A buffer
too short or long (at most TEE_MAX_ARG_SIZE), unreadable, or (at entry) of another size than
its parameters need prints as `{buf_len=N, buf_ptr=0x...}`. The shared memory commands print
their struct at entry and ` => ` the kernel's at exit; TEE_IOC_VERSION's at exit; cancel and
close session at entry. TEE_IOC_SHM_REGISTER_FD is an out-of-tree command strace decodes.
"""
from minitrace import printers
from minitrace.decode.array import print_array, unpacker
from minitrace.decode.common import const, failed, fd, read_struct
from minitrace.decode.ioctl.base import TableFamily
from minitrace.decode.layout import Struct

GEN_CAPS = ("TEE_GEN_CAP_GP", "TEE_GEN_CAP_PRIVILEGED", "TEE_GEN_CAP_REG_MEM",
            "TEE_GEN_CAP_MEMREF_NULL")
IMPL_IDS = ("TEE_IMPL_ID_OPTEE", "TEE_IMPL_ID_AMDTEE")
OPTEE_CAPS = ("TEE_OPTEE_CAP_TZ",)
LOGIN_TYPES = ("TEE_IOCTL_LOGIN_PUBLIC", "TEE_IOCTL_LOGIN_USER", "TEE_IOCTL_LOGIN_GROUP",
               "TEE_IOCTL_LOGIN_APPLICATION", "TEE_IOCTL_LOGIN_USER_APPLICATION",
               "TEE_IOCTL_LOGIN_GROUP_APPLICATION")
GROUP_LOGINS = ("TEE_IOCTL_LOGIN_GROUP", "TEE_IOCTL_LOGIN_GROUP_APPLICATION")
PARAM_TYPES = ("TEE_IOCTL_PARAM_ATTR_TYPE_NONE", "TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT",
               "TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT", "TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INOUT",
               "TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT",
               "TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_OUTPUT",
               "TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INOUT")
MEMREF_TYPES = PARAM_TYPES[4:]
META = "TEE_IOCTL_PARAM_ATTR_META"
# values the kernel keeps out of the uapi header (drivers/tee, the GlobalPlatform client API)
LOCAL_VALUES = {
    "TEE_IOCTL_SHM_MAPPED": 0x1, "TEE_IOCTL_SHM_DMA_BUF": 0x2, "TEE_IOCTL_SHM_EXT_DMA_BUF": 0x4,
    "TEE_IOCTL_SHM_REGISTER": 0x8, "TEE_IOCTL_SHM_USER_MAPPED": 0x10,
    "TEE_IOCTL_SHM_POOL": 0x20, "TEE_IOCTL_SHM_KERNEL_MAPPED": 0x40,
    "TEEC_ORIGIN_API": 1, "TEEC_ORIGIN_COMMS": 2, "TEEC_ORIGIN_TEE": 3,
    "TEEC_ORIGIN_TRUSTED_APP": 4,
}
SHM_FLAGS = ("TEE_IOCTL_SHM_MAPPED", "TEE_IOCTL_SHM_DMA_BUF", "TEE_IOCTL_SHM_EXT_DMA_BUF",
             "TEE_IOCTL_SHM_REGISTER", "TEE_IOCTL_SHM_USER_MAPPED", "TEE_IOCTL_SHM_POOL",
             "TEE_IOCTL_SHM_KERNEL_MAPPED")
ORIGINS = ("TEEC_ORIGIN_API", "TEEC_ORIGIN_COMMS", "TEEC_ORIGIN_TEE", "TEEC_ORIGIN_TRUSTED_APP")
MAX_ARG_SIZE = 1024          # TEE_MAX_ARG_SIZE
# _IOWR(0xa4, 8, struct tee_ioctl_shm_register_fd_data): not in linux's header
SHM_REGISTER_FD = 0xc020a408

VERSION = Struct("tee_ioctl_version_data", [
    ("impl_id", "u32"), ("impl_caps", "u32"), ("gen_caps", "u32")])
BUF_DATA = Struct("tee_ioctl_buf_data", [("buf_ptr", "u64"), ("buf_len", "u64")])
PARAM = Struct("tee_ioctl_param", [("attr", "u64"), ("a", "u64"), ("b", "u64"), ("c", "u64")])
OPEN_SESSION = Struct("tee_ioctl_open_session_arg", [
    ("uuid", ("u8", 16)), ("clnt_uuid", ("u8", 16)), ("clnt_login", "u32"),
    ("cancel_id", "u32"), ("session", "u32"), ("ret", "u32"), ("ret_origin", "u32"),
    ("num_params", "u32")])
INVOKE = Struct("tee_ioctl_invoke_arg", [
    ("func", "u32"), ("session", "u32"), ("cancel_id", "u32"), ("ret", "u32"),
    ("ret_origin", "u32"), ("num_params", "u32")])
SUPP_RECV = Struct("tee_iocl_supp_recv_arg", [("func", "u32"), ("num_params", "u32")])
SUPP_SEND = Struct("tee_iocl_supp_send_arg", [("ret", "u32"), ("num_params", "u32")])
CANCEL = Struct("tee_ioctl_cancel_arg", [("cancel_id", "u32"), ("session", "u32")])
CLOSE_SESSION = Struct("tee_ioctl_close_session_arg", [("session", "u32")])
SHM_ALLOC = Struct("tee_ioctl_shm_alloc_data", [("size", "u64"), ("flags", "u32"), ("id", "s32")])
SHM_REGISTER = Struct("tee_ioctl_shm_register_data", [
    ("addr", "u64"), ("length", "u64"), ("flags", "u32"), ("id", "s32")])
SHM_REGISTER_FD_DATA = Struct("tee_ioctl_shm_register_fd_data", [
    ("fd", "s64"), ("size", "u64"), ("flags", "u32"), (None, "u32"), ("id", "s32"),
    (None, "u32")])

_local = printers.ValueTables(LOCAL_VALUES).get


def _shm_flags(ctx, value):
    return printers.flags(value, _local("flags", SHM_FLAGS), ctx.style, "TEE_IOCTL_SHM_???")


def _origin(ctx, value):
    return printers.enum(value, _local("enum", ORIGINS), ctx.style, "TEEC_ORIGIN_???")


def _enum(ctx, call, value, names, unknown):
    return printers.enum(value, ctx.enum_table(call.abi, names), ctx.style, unknown)


def _uuid(data):
    h = "".join("%02x" % b for b in bytearray(data))
    return "-".join((h[:8], h[8:12], h[12:16], h[16:20], h[20:]))


def _param(ctx, call, p):
    attr = p["attr"]
    meta = const(ctx, call, META) or 0x100
    text = "attr=" + _enum(ctx, call, attr & ~meta, PARAM_TYPES, "TEE_IOCTL_PARAM_ATTR_")
    if attr & meta:
        text += "|" + META
    memref = ctx.enum_table(call.abi, MEMREF_TYPES)
    if attr == const(ctx, call, "TEE_IOCTL_PARAM_ATTR_TYPE_NONE"):
        pass
    elif attr in memref:
        text += ", shm_offs=%s, size=%s, shm_id=%d" % (printers.hexnum(p["a"]),
                                                       printers.hexnum(p["b"]), p["c"])
    else:
        text += ", a=%s, b=%s, c=%s" % tuple(printers.hexnum(p[k]) for k in "abc")
    return "{%s}" % text


def _params(ctx, call, addr, count):
    compiled = PARAM.on(call.abi)
    return ", params=" + print_array(ctx, call, addr, count, compiled.size, compiled.dict,
                                     lambda p: _param(ctx, call, p))


def _buf_text(buf):
    return "{buf_len=%d, buf_ptr=%s}" % (buf["buf_len"], printers.ptr(buf["buf_ptr"]))


def _fetch(ctx, call, arg, layout, entering):
    """(buf, argument struct, address of its params) of a buf_data command, or (text, None,
    None) when it prints as the address or the bare buffer."""
    buf = read_struct(ctx, call, arg, BUF_DATA.on(call.abi))
    if buf is None:
        return printers.ptr(arg), None, None
    compiled = layout.on(call.abi)
    if not compiled.size <= buf["buf_len"] <= MAX_ARG_SIZE:
        return _buf_text(buf), None, None
    v = read_struct(ctx, call, buf["buf_ptr"], compiled)
    if v is None or (entering and compiled.size + PARAM.on(call.abi).size * v["num_params"]
                     != buf["buf_len"]):
        return _buf_text(buf), None, None
    return buf, v, (buf["buf_ptr"] + compiled.size if v["num_params"] else 0)


def _open_session_in(ctx, call, v):
    login = v["clnt_login"]
    text = "uuid=%s, clnt_login=%s" % (_uuid(v["uuid"]), _enum(
        ctx, call, login, LOGIN_TYPES, "TEE_IOCTL_LOGIN_???"))
    if login in [const(ctx, call, n) for n in GROUP_LOGINS]:
        # connection data, not a uuid: the gid the client authenticates as
        text += ", clnt_uuid=%d" % unpacker(call, "I")(bytes(v["clnt_uuid"][:4]))
    elif login not in ctx.enum_table(call.abi, LOGIN_TYPES):
        text += ", clnt_uuid=[%s]" % ", ".join(printers.hexnum(b)
                                                for b in bytearray(v["clnt_uuid"]))
    return text + ", cancel_id=%d, num_params=%d" % (v["cancel_id"], v["num_params"])


# per command: (argument struct, its fields at entry, its fields at exit)
BUF_COMMANDS = {
    "TEE_IOC_OPEN_SESSION": (
        OPEN_SESSION, _open_session_in,
        lambda ctx, call, v: "session=%s, ret=%d, ret_origin=%s" % (
            printers.hexnum(v["session"]), v["ret"], _origin(ctx, v["ret_origin"]))),
    "TEE_IOC_INVOKE": (
        INVOKE,
        lambda ctx, call, v: "func=%d, session=%s, cancel_id=%d, num_params=%d" % (
            v["func"], printers.hexnum(v["session"]), v["cancel_id"], v["num_params"]),
        lambda ctx, call, v: "ret=%d, ret_origin=%s" % (v["ret"], _origin(ctx, v["ret_origin"]))),
    "TEE_IOC_SUPPL_RECV": (
        SUPP_RECV,
        lambda ctx, call, v: "func=%d, num_params=%d" % (v["func"], v["num_params"]),
        lambda ctx, call, v: "num_params=%d" % v["num_params"]),
    "TEE_IOC_SUPPL_SEND": (
        SUPP_SEND, lambda ctx, call, v: "num_params=%d" % v["num_params"],
        lambda ctx, call, v: "ret=%d" % v["ret"]),
}


def _buf_command(name):
    layout, show_in, show_out = BUF_COMMANDS[name]

    def enter(ctx, call, arg):
        buf, v, params = _fetch(ctx, call, arg, layout, True)
        if v is None:
            return buf, False
        return "{buf_len=%d, buf_ptr={%s%s}" % (buf["buf_len"], show_in(ctx, call, v),
                                                _params(ctx, call, params, v["num_params"])), True

    def exit(ctx, call, arg):
        if failed(call):
            return "}"
        buf, v, params = _fetch(ctx, call, arg, layout, False)
        if v is None:
            return " => " + buf
        return " => {%s%s}}" % (show_out(ctx, call, v),
                                _params(ctx, call, params, v["num_params"]))
    return enter, exit


def _struct_both(layout, show_in, show_out):
    """A struct printed at entry, then ` => ` the kernel's (nothing when the call failed)."""
    def enter(ctx, call, arg):
        v = read_struct(ctx, call, arg, layout.on(call.abi))
        if v is None:
            return printers.ptr(arg), False
        return show_in(ctx, call, v), True

    def exit(ctx, call, arg):
        if failed(call):
            return ""
        v = read_struct(ctx, call, arg, layout.on(call.abi))
        return " => " + (printers.ptr(arg) if v is None else show_out(ctx, call, v))
    return enter, exit


def _struct_in(layout, show):
    def text(ctx, call, arg):
        v = read_struct(ctx, call, arg, layout.on(call.abi))
        return printers.ptr(arg) if v is None else show(ctx, call, v)
    return text


def _version(ctx, call, v):
    impl_id = v["impl_id"]
    if impl_id == const(ctx, call, "TEE_IMPL_ID_OPTEE"):
        caps = printers.flags(v["impl_caps"], ctx.flag_table(call.abi, OPTEE_CAPS), ctx.style,
                              "TEE_OPTEE_CAP_???")
    else:
        caps = printers.hexnum(v["impl_caps"])
    return "{impl_id=%s, gen_caps=%s, impl_caps=%s}" % (
        _enum(ctx, call, impl_id, IMPL_IDS, "TEE_IMPL_ID_???"),
        printers.flags(v["gen_caps"], ctx.flag_table(call.abi, GEN_CAPS), ctx.style,
                       "TEE_GEN_CAP_???"), caps)


SHM_ALLOC_IO = _struct_both(
    SHM_ALLOC,
    lambda ctx, call, v: "{size=%s, flags=%s}" % (printers.hexnum(v["size"]),
                                                  _shm_flags(ctx, v["flags"])),
    lambda ctx, call, v: "{size=%s, flags=%s, id=%d}" % (printers.hexnum(v["size"]),
                                                         _shm_flags(ctx, v["flags"]), v["id"]))
SHM_REGISTER_IO = _struct_both(
    SHM_REGISTER,
    lambda ctx, call, v: "{addr=%s, length=%s, flags=%s}" % (
        printers.ptr(v["addr"]), printers.hexnum(v["length"]), _shm_flags(ctx, v["flags"])),
    lambda ctx, call, v: "{length=%s, flags=%s, id=%d}" % (
        printers.hexnum(v["length"]), _shm_flags(ctx, v["flags"]), v["id"]))
SHM_REGISTER_FD_IO = _struct_both(
    SHM_REGISTER_FD_DATA,
    lambda ctx, call, v: "{fd=%s, flags=%s}" % (fd(ctx, call, v["fd"]),
                                                _shm_flags(ctx, v["flags"])),
    lambda ctx, call, v: "{size=%s, id=%d}" % (printers.hexnum(v["size"]), v["id"]))


class _Tee(TableFamily):
    """The table, with the out-of-tree TEE_IOC_SHM_REGISTER_FD decoded by its number."""

    def enter(self, ctx, call, code, arg):
        if code == SHM_REGISTER_FD:
            return SHM_REGISTER_FD_IO[0](ctx, call, arg)
        return TableFamily.enter(self, ctx, call, code, arg)

    def exit(self, ctx, call, code, arg):
        if code == SHM_REGISTER_FD:
            return SHM_REGISTER_FD_IO[1](ctx, call, arg)
        return TableFamily.exit(self, ctx, call, code, arg)


TEE = _Tee(
    (0xa4,),
    inp={"TEE_IOC_CANCEL": _struct_in(CANCEL, lambda ctx, call, v: "{cancel_id=%d, session=%s}"
                                      % (v["cancel_id"], printers.hexnum(v["session"]))),
         "TEE_IOC_CLOSE_SESSION": _struct_in(
             CLOSE_SESSION, lambda ctx, call, v: "{session=%s}" % printers.hexnum(v["session"]))},
    out={"TEE_IOC_VERSION": _struct_in(VERSION, lambda ctx, call, v: _version(ctx, call, v))},
    both=dict([(name, _buf_command(name)) for name in BUF_COMMANDS] +
              [("TEE_IOC_SHM_ALLOC", SHM_ALLOC_IO), ("TEE_IOC_SHM_REGISTER", SHM_REGISTER_IO)]))
