"""SCSI generic ioctls (type 0x22, scsi/sg.h), as strace 6.1's scsi_ioctl.

SG_IO reads the interface id first: 'S' is a struct sg_io_hdr (v3), 'Q' a struct sg_io_v4 (the
bsg driver's), printed as the request at entry and the response the kernel wrote at exit (also
when the call failed); another id prints as `[N]`. The other commands take or return an int by
pointer, an int by value (SG_SET_TRANSFORM), SG_SCSI_RESET's reset type, or fill a struct
sg_scsi_id / sg_req_info.

scsi/sg.h is the kernel's internal header (Debian's uapi packages do not ship it): its values,
the same on every ABI, are declared here (`SG_VALUES`).
"""
from minitrace import printers
from minitrace.decode.common import indirect_int, read_struct
from minitrace.decode.desc import iovec_array
from minitrace.decode.array import unpacker
from minitrace.decode.ioctl.base import TableFamily, entry_state
from minitrace.decode.layout import Struct
from minitrace.decode.file import hex_buffer

# linux 6.1 include/scsi/sg.h (SG_FLAG_UNUSED_LUN_INHIBIT is its SG_FLAG_LUN_INHIBIT)
SG_VALUES = {
    "SG_DXFER_NONE": 0xffffffff, "SG_DXFER_TO_DEV": 0xfffffffe, "SG_DXFER_FROM_DEV": 0xfffffffd,
    "SG_DXFER_TO_FROM_DEV": 0xfffffffc,     # -1..-4, which strace compares as unsigned
    "SG_FLAG_DIRECT_IO": 1, "SG_FLAG_UNUSED_LUN_INHIBIT": 2, "SG_FLAG_MMAP_IO": 4,
    "SG_FLAG_NO_DXFER": 0x10000, "SG_FLAG_Q_AT_TAIL": 0x10, "SG_FLAG_Q_AT_HEAD": 0x20,
    "SG_INFO_CHECK": 1, "SG_INFO_DIRECT_IO": 2, "SG_INFO_MIXED_IO": 4,
    "SG_SCSI_RESET_NOTHING": 0, "SG_SCSI_RESET_DEVICE": 1, "SG_SCSI_RESET_BUS": 2,
    "SG_SCSI_RESET_HOST": 3, "SG_SCSI_RESET_TARGET": 4, "SG_SCSI_RESET_NO_ESCALATE": 0x100,
}
DXFER_DIRECTIONS = ("SG_DXFER_NONE", "SG_DXFER_TO_DEV", "SG_DXFER_FROM_DEV",
                    "SG_DXFER_TO_FROM_DEV")
SG_FLAGS = ("SG_FLAG_DIRECT_IO", "SG_FLAG_UNUSED_LUN_INHIBIT", "SG_FLAG_MMAP_IO",
            "SG_FLAG_NO_DXFER", "SG_FLAG_Q_AT_TAIL", "SG_FLAG_Q_AT_HEAD")
SG_INFO = ("SG_INFO_CHECK", "SG_INFO_DIRECT_IO", "SG_INFO_MIXED_IO")
SCSI_RESETS = ("SG_SCSI_RESET_NOTHING", "SG_SCSI_RESET_DEVICE", "SG_SCSI_RESET_BUS",
               "SG_SCSI_RESET_HOST", "SG_SCSI_RESET_TARGET")
NO_ESCALATE = "SG_SCSI_RESET_NO_ESCALATE"
# linux/bsg.h
BSG_PROTOCOLS = ("BSG_PROTOCOL_SCSI",)
BSG_SUBPROTOCOLS = ("BSG_SUB_PROTOCOL_SCSI_CMD", "BSG_SUB_PROTOCOL_SCSI_TMF",
                    "BSG_SUB_PROTOCOL_SCSI_TRANSPORT")
BSG_FLAGS = ("BSG_FLAG_Q_AT_TAIL", "BSG_FLAG_Q_AT_HEAD")

V3_ID, V4_ID = ord("S"), ord("Q")
ID_SIZE = 4          # the int interface_id / guard both versions start with

SG_IO_HDR = Struct("sg_io_hdr", [
    ("interface_id", "u32"), ("dxfer_direction", "u32"), ("cmd_len", "u8"),
    ("mx_sb_len", "u8"), ("iovec_count", "u16"), ("dxfer_len", "u32"), ("dxferp", "ptr"),
    ("cmdp", "ptr"), ("sbp", "ptr"), ("timeout", "u32"), ("flags", "u32"), ("pack_id", "s32"),
    ("usr_ptr", "ptr"), ("status", "u8"), ("masked_status", "u8"), ("msg_status", "u8"),
    ("sb_len_wr", "u8"), ("host_status", "u16"), ("driver_status", "u16"), ("resid", "s32"),
    ("duration", "u32"), ("info", "u32")])
SG_IO_V4 = Struct("sg_io_v4", [
    ("guard", "u32"), ("protocol", "u32"), ("subprotocol", "u32"), ("request_len", "u32"),
    ("request", "u64"), ("request_tag", "u64"), ("request_attr", "u32"),
    ("request_priority", "u32"), ("request_extra", "u32"), ("max_response_len", "u32"),
    ("response", "u64"), ("dout_iovec_count", "u32"), ("dout_xfer_len", "u32"),
    ("din_iovec_count", "u32"), ("din_xfer_len", "u32"), ("dout_xferp", "u64"),
    ("din_xferp", "u64"), ("timeout", "u32"), ("flags", "u32"), ("usr_ptr", "u64"),
    ("spare_in", "u32"), ("driver_status", "u32"), ("transport_status", "u32"),
    ("device_status", "u32"), ("retry_delay", "u32"), ("info", "u32"), ("duration", "u32"),
    ("response_len", "u32"), ("din_resid", "s32"), ("dout_resid", "s32"),
    ("generated_tag", "u64"), ("spare_out", "u32"), ("padding", "u32")])
SG_SCSI_ID = Struct("sg_scsi_id", [
    ("host_no", "s32"), ("channel", "s32"), ("scsi_id", "s32"), ("lun", "s32"),
    ("scsi_type", "s32"), ("h_cmd_per_lun", "s16"), ("d_queue_depth", "s16"),
    (None, ("s32", 2))])
SG_REQ_INFO = Struct("sg_req_info", [
    ("req_state", "s8"), ("orphan", "s8"), ("sg_io_owned", "s8"), ("problem", "s8"),
    ("pack_id", "s32"), ("usr_ptr", "ptr"), ("duration", "u32"), (None, "s32")])

_table = printers.ValueTables(SG_VALUES).get


def _sg_flags(ctx, value, names, unknown):
    return printers.flags(value, _table("flags", names), ctx.style, unknown)


def _sg_enum(ctx, value, names, unknown):
    return printers.enum(value, _table("enum", names), ctx.style, unknown)


# field printers: function(ctx, call, values, field) -> text
def _u(ctx, call, v, f):
    return str(v[f])


_d = _u


def _x(ctx, call, v, f):
    return printers.hexnum(v[f])


def _ptr(ctx, call, v, f):
    return printers.ptr(v[f])


def _flags_of(names, unknown):
    return lambda ctx, call, v, f: _sg_flags(ctx, v[f], names, unknown)


def _xval(names, unknown):
    return lambda ctx, call, v, f: printers.enum(v[f], ctx.enum_table(call.abi, names),
                                                 ctx.style, unknown)


def _buffer(length, count=None):
    """A data buffer of `length` (a field name) bytes: an iovec array when the `count` field
    is nonzero, else the bytes in hex."""
    def show(ctx, call, v, f):
        return data_buffer(ctx, call, v[f], v[length], v[count] if count else 0)
    return show


def data_buffer(ctx, call, addr, size, iovec_count):
    if iovec_count:
        return iovec_array(ctx, call, addr, iovec_count, size)
    return hex_buffer(ctx, call, addr, size)


def _fields(ctx, call, v, table):
    return ", ".join("%s=%s" % (f, show(ctx, call, v, f)) for f, show in table)


_dxfer_direction = lambda ctx, call, v, f: _sg_enum(ctx, v[f], DXFER_DIRECTIONS, "SG_DXFER_???")
_SG_FLAGS = _flags_of(SG_FLAGS, "SG_FLAG_???")
_SG_INFO = _flags_of(SG_INFO, "SG_INFO_???")

V3_REQUEST = (("dxfer_direction", _dxfer_direction), ("cmd_len", _u),
              ("cmdp", _buffer("cmd_len")), ("mx_sb_len", _u), ("iovec_count", _u),
              ("dxfer_len", _u), ("timeout", _u), ("flags", _SG_FLAGS))
V3_RESPONSE = (("status", _x), ("masked_status", _x), ("msg_status", _x), ("sb_len_wr", _u),
               ("sbp", _buffer("sb_len_wr")), ("host_status", _x), ("driver_status", _x),
               ("resid", _d), ("duration", _u), ("info", _SG_INFO))
V4_REQUEST = (("protocol", _xval(BSG_PROTOCOLS, "BSG_PROTOCOL_???")),
              ("subprotocol", _xval(BSG_SUBPROTOCOLS, "BSG_SUB_PROTOCOL_???")),
              ("request_len", _u), ("request", _buffer("request_len")), ("request_tag", _x),
              ("request_attr", _u), ("request_priority", _u), ("request_extra", _u),
              ("max_response_len", _u), ("dout_iovec_count", _u), ("dout_xfer_len", _u),
              ("din_iovec_count", _u), ("din_xfer_len", _u),
              ("dout_xferp", _buffer("dout_xfer_len", "dout_iovec_count")), ("timeout", _u),
              ("flags", lambda ctx, call, v, f: printers.flags(
                  v[f], ctx.flag_table(call.abi, BSG_FLAGS), ctx.style, "BSG_FLAG_???")),
              ("usr_ptr", _x))
V4_RESPONSE_TAIL = (("driver_status", _x), ("transport_status", _x), ("device_status", _x),
                    ("retry_delay", _u), ("info", _SG_INFO), ("duration", _u),
                    ("response_len", _u), ("din_resid", _d), ("dout_resid", _d),
                    ("generated_tag", _x))
SCSI_ID_FIELDS = (("host_no", _d), ("channel", _d), ("scsi_id", _x), ("lun", _d),
                  ("scsi_type", _x), ("h_cmd_per_lun", _d), ("d_queue_depth", _d))
REQ_INFO_FIELDS = (("req_state", _d), ("orphan", _d), ("sg_io_owned", _d), ("problem", _d),
                   ("pack_id", _d), ("usr_ptr", _ptr), ("duration", _u))


def _din_len(size, resid):
    """The bytes the device wrote: the transfer length less a plausible residual count."""
    return size - resid if 0 < resid <= size else size


# -- SG_IO --------------------------------------------------------------------------------------

def _read_after_id(ctx, call, arg, layout):
    """The struct at arg with its id left out (strace reads from the field after it), or None."""
    compiled = layout.on(call.abi)
    data = ctx.read(call, arg + ID_SIZE, compiled.size - ID_SIZE)
    if data is None or len(data) < compiled.size - ID_SIZE:
        return None
    return compiled.dict(b"\0" * ID_SIZE + bytes(data))


def _v3_request(ctx, call, arg):
    head = "{interface_id='S', "
    v = _read_after_id(ctx, call, arg, SG_IO_HDR)
    if v is None:
        return head + printers.ptr(arg + ID_SIZE) + "}", False
    text = head + _fields(ctx, call, v, V3_REQUEST)
    if v["dxfer_direction"] in (SG_VALUES["SG_DXFER_TO_DEV"], SG_VALUES["SG_DXFER_TO_FROM_DEV"]):
        text += ", dxferp=" + data_buffer(ctx, call, v["dxferp"], v["dxfer_len"], v["iovec_count"])
    return text, True, (V3_ID, v)


def _v3_response(ctx, call, arg, entered):
    v = read_struct(ctx, call, arg, SG_IO_HDR.on(call.abi))
    if v is None:
        text = ""
        if entered["dxfer_direction"] == SG_VALUES["SG_DXFER_FROM_DEV"]:
            text = ", dxferp=" + printers.ptr(entered["dxferp"])
        return text + ", sbp=" + printers.ptr(entered["sbp"])
    if v["interface_id"] != V3_ID:
        return " => interface_id=%d" % v["interface_id"]
    text = ""
    direction = v["dxfer_direction"]
    if direction in (SG_VALUES["SG_DXFER_FROM_DEV"], SG_VALUES["SG_DXFER_TO_FROM_DEV"]):
        din_len = _din_len(v["dxfer_len"], v["resid"])
        buf = data_buffer(ctx, call, v["dxferp"], din_len, v["iovec_count"])
        if direction == SG_VALUES["SG_DXFER_FROM_DEV"]:
            text = ", dxferp=" + buf
        elif din_len:
            text = " => dxferp=" + buf
    return text + ", " + _fields(ctx, call, v, V3_RESPONSE)


def _v4_request(ctx, call, arg):
    head = "{guard='Q', "
    v = _read_after_id(ctx, call, arg, SG_IO_V4)
    if v is None:
        return head + printers.ptr(arg + ID_SIZE) + "}", False
    return head + _fields(ctx, call, v, V4_REQUEST), True, (V4_ID, v)


def _v4_response(ctx, call, arg, entered):
    v = read_struct(ctx, call, arg, SG_IO_V4.on(call.abi))
    if v is None:
        return ", response=%s, din_xferp=%s" % (printers.hexnum(entered["response"]),
                                                printers.hexnum(entered["din_xferp"]))
    if v["guard"] != V4_ID:
        return " => guard=%d" % v["guard"]
    din = data_buffer(ctx, call, v["din_xferp"], _din_len(v["din_xfer_len"], v["din_resid"]),
                      v["din_iovec_count"])
    return ", response_len=%d, response=%s, din_xferp=%s, %s" % (
        v["response_len"], hex_buffer(ctx, call, v["response"], v["response_len"]), din,
        _fields(ctx, call, v, V4_RESPONSE_TAIL))


SG_IO_VERSIONS = {V3_ID: (_v3_request, _v3_response), V4_ID: (_v4_request, _v4_response)}


def _sg_io_enter(ctx, call, arg):
    data = ctx.read(call, arg, ID_SIZE)
    if data is None or len(data) < ID_SIZE:
        return printers.ptr(arg), False
    iid = unpacker(call, "I")(bytes(data[:ID_SIZE]))
    version = SG_IO_VERSIONS.get(iid)
    if version is None:
        return "[%d]" % iid, False
    return version[0](ctx, call, arg)


def _sg_io_exit(ctx, call, arg):
    iid, entered = entry_state(call)
    return SG_IO_VERSIONS[iid][1](ctx, call, arg, entered) + "}"


# -- the other commands -----------------------------------------------------------------------

def _struct_out(layout, table):
    def show(ctx, call, arg):
        v = read_struct(ctx, call, arg, layout.on(call.abi))
        return printers.ptr(arg) if v is None else "{%s}" % _fields(ctx, call, v, table)
    return show


def _reset(ctx, call, arg):
    def value_text(value):
        no_escalate = SG_VALUES[NO_ESCALATE]
        text = ""
        if value & no_escalate:
            text = _sg_enum(ctx, no_escalate, (NO_ESCALATE,), None) + "|"
        return text + _sg_enum(ctx, value & ~no_escalate, SCSI_RESETS, "SG_SCSI_RESET_???")
    return indirect_int(ctx, call, arg, lambda n: value_text(n & 0xffffffff))


def _int(ctx, call, arg):
    return indirect_int(ctx, call, arg)


INT_IN = ("SG_NEXT_CMD_LEN", "SG_SET_COMMAND_Q", "SG_SET_DEBUG", "SG_SET_FORCE_LOW_DMA",
          "SG_SET_FORCE_PACK_ID", "SG_SET_KEEP_ORPHAN", "SG_SET_RESERVED_SIZE",
          "SG_SET_TIMEOUT")
INT_OUT = ("SG_EMULATED_HOST", "SG_GET_ACCESS_COUNT", "SG_GET_COMMAND_Q", "SG_GET_KEEP_ORPHAN",
           "SG_GET_LOW_DMA", "SG_GET_NUM_WAITING", "SG_GET_PACK_ID", "SG_GET_RESERVED_SIZE",
           "SG_GET_SG_TABLESIZE", "SG_GET_TRANSFORM", "SG_GET_VERSION_NUM")

_inp = dict((name, _int) for name in INT_IN)
_inp.update({"SG_SCSI_RESET": _reset,
             "SG_SET_TRANSFORM": lambda ctx, call, arg: printers.hexnum(arg & 0xffffffff)})
_out = dict((name, _int) for name in INT_OUT)
_out.update({"SG_GET_SCSI_ID": _struct_out(SG_SCSI_ID, SCSI_ID_FIELDS),
             "SG_GET_REQUEST_TABLE": _struct_out(SG_REQ_INFO, REQ_INFO_FIELDS)})

SCSI = TableFamily((0x22,), inp=_inp, out=_out, no_arg=("SG_GET_TIMEOUT",),
                   both={"SG_IO": (_sg_io_enter, _sg_io_exit)})
