"""UBI ioctls (types 'o' and 'O', mtd/ubi-user.h), as strace 6.1's ubi_ioctl.

The requests print at entry: attach (and the new device number, ` => [N]`, at exit), volume
make (and the new volume id at exit), resize, rename (up to UBI_MAX_RNVOL entries), LEB change
and map, volume property; the commands taking an int or a 64-bit number print it at entry, the
block device create/remove take no argument.
"""
from minitrace import printers
from minitrace.decode.array import local_array
from minitrace.decode.common import enum_text, failed, flag_text, read_struct
from minitrace.decode.ioctl.base import TableFamily, read_number
from minitrace.decode.layout import Struct, named
from minitrace.decode.sockaddr.fields import cstring

VOLUME_TYPES = ("UBI_DYNAMIC_VOLUME", "UBI_STATIC_VOLUME")
VOLUME_FLAGS = ("UBI_VOL_SKIP_CRC_CHECK_FLG",)
VOLUME_PROPS = ("UBI_VOL_PROP_DIRECT_WRITE",)
# The data types of a LEB change or map request: the uapi header no longer names them (the field
# is obsolete), strace still does.
DATA_TYPES = {1: "UBI_LONGTERM", 2: "UBI_SHORTTERM", 3: "UBI_UNKNOWN"}

NAME_SIZE = 128            # UBI_MAX_VOLUME_NAME + 1
RNVOL_MAX = 32             # UBI_MAX_RNVOL

# the signed bytes strace prints as enumerations are read unsigned (it zero-extends them)
UBI_ATTACH_REQ = named("ubi_attach_req", Struct("ubi_attach_req", [
    ("ubi_num", "s32"), ("mtd_num", "s32"), ("vid_hdr_offset", "s32"),
    ("max_beb_per1024", "s16"), ("disable_fm", "s8"), ("padding", ("s8", 9))]))
UBI_MKVOL_REQ = named("ubi_mkvol_req", Struct("ubi_mkvol_req", [
    ("vol_id", "s32"), ("alignment", "s32"), ("bytes", "s64"), ("vol_type", "u8"),
    ("flags", "u8"), ("name_len", "s16"), ("padding2", ("s8", 4)), ("name", ("u8", NAME_SIZE))],
    packed=True))
UBI_RSVOL_REQ = named("ubi_rsvol_req", Struct("ubi_rsvol_req", [
    ("bytes", "s64"), ("vol_id", "s32")], packed=True))
RNVOL_ENTRY = Struct("ubi_rnvol_req_ent", [
    ("vol_id", "s32"), ("name_len", "s16"), ("padding2", ("s8", 2)),
    ("name", ("u8", NAME_SIZE))], packed=True)
_RNVOL_ENTRY_SIZE = 136
# the entries are kept as their bytes, each read with RNVOL_ENTRY
UBI_RNVOL_REQ = named("ubi_rnvol_req", Struct("ubi_rnvol_req", [
    ("count", "s32"), ("padding1", ("s8", 12)), ("ents", ("u8", _RNVOL_ENTRY_SIZE * RNVOL_MAX))],
    packed=True))
UBI_LEB_CHANGE_REQ = named("ubi_leb_change_req", Struct("ubi_leb_change_req", [
    ("lnum", "s32"), ("bytes", "s32"), ("dtype", "u8"), ("padding", ("s8", 7))], packed=True))
UBI_MAP_REQ = named("ubi_map_req", Struct("ubi_map_req", [
    ("lnum", "s32"), ("dtype", "u8"), ("padding", ("s8", 3))], packed=True))
UBI_SET_VOL_PROP_REQ = named("ubi_set_vol_prop_req", Struct("ubi_set_vol_prop_req", [
    ("property", "u8"), ("padding", ("u8", 7)), ("value", "u64")], packed=True))


def _name(ctx, raw, length):
    """A name of `length` characters (clamped to the array), `...` when no NUL ends it."""
    return cstring(ctx, raw, 0, 1 + max(0, min(length, NAME_SIZE - 1)))


def _data_type(ctx, value):
    return printers.enum(value, DATA_TYPES, ctx.style, "UBI_???")


def _attach(ctx, call, v):
    return ["ubi_num=%d" % v["ubi_num"], "mtd_num=%d" % v["mtd_num"],
            "vid_hdr_offset=%d" % v["vid_hdr_offset"],
            "max_beb_per1024=%d" % v["max_beb_per1024"]]


def _mkvol(ctx, call, v):
    return ["vol_id=%d" % v["vol_id"], "alignment=%d" % v["alignment"], "bytes=%d" % v["bytes"],
            "vol_type=" + enum_text(ctx, call, v["vol_type"], VOLUME_TYPES, "UBI_???_VOLUME"),
            "flags=" + flag_text(ctx, call, v["flags"], VOLUME_FLAGS, "UBI_VOL_???"),
            "name_len=%d" % v["name_len"], "name=" + _name(ctx, v["name"], v["name_len"])]


def _rnvol(ctx, call, v):
    compiled = RNVOL_ENTRY.on(call.abi)
    count = max(0, min(v["count"], RNVOL_MAX))
    entries = []
    for i in range(count):
        e = compiled.dict(v["ents"], i * _RNVOL_ENTRY_SIZE)
        entries.append("{vol_id=%d, name_len=%d, name=%s}" % (
            e["vol_id"], e["name_len"], _name(ctx, e["name"], e["name_len"])))
    return ["count=%d" % v["count"], "ents=" + local_array(ctx, entries)]


def _rsvol(ctx, call, v):
    return ["bytes=%d" % v["bytes"], "vol_id=%d" % v["vol_id"]]


def _leb_change(ctx, call, v):
    return ["lnum=%d" % v["lnum"], "bytes=%d" % v["bytes"],
            "dtype=" + _data_type(ctx, v["dtype"])]


def _map(ctx, call, v):
    return ["lnum=%d" % v["lnum"], "dtype=" + _data_type(ctx, v["dtype"])]


def _vol_prop(ctx, call, v):
    return ["property=" + enum_text(ctx, call, v["property"], VOLUME_PROPS, "UBI_VOL_PROP_???"),
            "value=" + printers.hexnum(v["value"])]


def _request(layout, show):
    """The request struct at the argument as `{...}` of show(ctx, call, v)'s fields."""
    def arg_text(ctx, call, arg):
        v = read_struct(ctx, call, arg, layout.on(call.abi))
        if v is None:
            return printers.ptr(arg)
        return "{" + ", ".join(show(ctx, call, v)) + "}"
    return arg_text


def _request_then_number(layout, show):
    """A request at entry and, when the call succeeded, ` => [N]` of the int the kernel wrote
    at its start (the new device or volume number)."""
    def enter(ctx, call, arg):
        v = read_struct(ctx, call, arg, layout.on(call.abi))
        if v is None:
            return printers.ptr(arg), False
        return "{" + ", ".join(show(ctx, call, v)) + "}", True

    def leave(ctx, call, arg):
        if failed(call):
            return ""
        return " => " + _number_at("i")(ctx, call, arg)
    return enter, leave


def _number_at(code):
    """`[N]` of the number of struct format `code` at the argument, in decimal."""
    def arg_text(ctx, call, arg):
        v = read_number(ctx, call, arg, code)
        return printers.ptr(arg) if v is None else "[%d]" % v
    return arg_text


_int = _number_at("i")

UBI = TableFamily(
    (0x6f, 0x4f),
    inp={"UBI_IOCRSVOL": _request(UBI_RSVOL_REQ, _rsvol),
         "UBI_IOCRNVOL": _request(UBI_RNVOL_REQ, _rnvol),
         "UBI_IOCEBCH": _request(UBI_LEB_CHANGE_REQ, _leb_change),
         "UBI_IOCEBMAP": _request(UBI_MAP_REQ, _map),
         "UBI_IOCSETVOLPROP": _request(UBI_SET_VOL_PROP_REQ, _vol_prop),
         "UBI_IOCVOLUP": _number_at("q"),
         "UBI_IOCDET": _int, "UBI_IOCEBER": _int, "UBI_IOCEBISMAP": _int, "UBI_IOCEBUNMAP": _int,
         "UBI_IOCRMVOL": _int, "UBI_IOCRPEB": _int, "UBI_IOCSPEB": _int},
    no_arg=("UBI_IOCVOLCRBLK", "UBI_IOCVOLRMBLK"),
    both={"UBI_IOCATT": _request_then_number(UBI_ATTACH_REQ, _attach),
          "UBI_IOCMKVOL": _request_then_number(UBI_MKVOL_REQ, _mkvol)})
