"""Device mapper ioctls (type 0xfd, linux/dm-ioctl.h), as strace 6.1's dm_ioctl.

The argument is a struct dm_ioctl followed by a command's payload, printed as an array:
`[{version=[4, 1, 2], data_size=..., ...}, payload...]`, at entry and, when the call succeeded
or the kernel changed the header, ` => [...]` again at exit. The header stops after its
version when the ABI major is not 4, after data_size when that is smaller than the header.
The payloads (only with -v, `...` otherwise): the target specs of a table load (at entry) or of
a table status or device wait (at exit), the dependencies' dev_t list, the device name list,
the target versions, a target message (at entry; the answer string at exit when
DM_DATA_OUT_FLAG says there is one), the new name of a rename or the geometry string. A record
whose offset runs outside data_size prints as `??? /* misplaced ... */`.
"""
from minitrace import printers
from minitrace.decode.array import print_array, unpacker
from minitrace.decode.common import const, failed, read_struct
from minitrace.decode.file import makedev
from minitrace.decode.ioctl.base import TableFamily, entry_state
from minitrace.decode.layout import Struct, named
from minitrace.decode.sockaddr.fields import cstring

ABI_MAJOR = 4             # DM_VERSION_MAJOR: the header layout strace knows
NAME_LEN, UUID_LEN, TYPE_NAME_LEN = 128, 129, 16
# DM_EXISTS_FLAG is lvm2's (libdm), not the uapi header's: strace names it with this value
EXISTS_FLAG = ("DM_EXISTS_FLAG", 0x4)
FLAGS = ("DM_READONLY_FLAG", "DM_SUSPEND_FLAG", EXISTS_FLAG, "DM_PERSISTENT_DEV_FLAG",
         "DM_STATUS_TABLE_FLAG", "DM_ACTIVE_PRESENT_FLAG", "DM_INACTIVE_PRESENT_FLAG",
         "DM_BUFFER_FULL_FLAG", "DM_SKIP_BDGET_FLAG", "DM_SKIP_LOCKFS_FLAG", "DM_NOFLUSH_FLAG",
         "DM_QUERY_INACTIVE_TABLE_FLAG", "DM_UEVENT_GENERATED_FLAG", "DM_UUID_FLAG",
         "DM_SECURE_DATA_FLAG", "DM_DATA_OUT_FLAG", "DM_DEFERRED_REMOVE",
         "DM_INTERNAL_SUSPEND_FLAG", "DM_IMA_MEASUREMENT_FLAG")

# the header; its 7 trailing data bytes (padding to 8) are not read
DM_IOCTL = named("dm_ioctl", Struct("dm_ioctl", [
    ("version", ("u32", 3)), ("data_size", "u32"), ("data_start", "u32"), ("target_count", "u32"),
    ("open_count", "s32"), ("flags", "u32"), ("event_nr", "u32"), ("padding", "u32"),
    ("dev", "u64"), ("name", ("u8", NAME_LEN)), ("uuid", ("u8", UUID_LEN)), (None, ("u8", 7))]))
HEADER_SIZE = 305         # offsetof(struct dm_ioctl, data)
DATA_SIZE_AT = 12         # offsetof(struct dm_ioctl, data_size): a smaller data_size is no header
# the payload records: each is followed by a string (or, for the deps, an array of dev_t)
DM_TARGET_SPEC = named("dm_target_spec", Struct("dm_target_spec", [
    ("sector_start", "u64"), ("length", "u64"), ("status", "s32"), ("next", "u32"),
    ("target_type", ("u8", TYPE_NAME_LEN))]))
DM_TARGET_DEPS = named("dm_target_deps", Struct("dm_target_deps", [
    ("count", "u32"), ("padding", "u32")]))
DM_NAME_LIST = named("dm_name_list", Struct("dm_name_list", [("dev", "u64"), ("next", "u32")]))
DM_TARGET_VERSIONS = named("dm_target_versions", Struct("dm_target_versions", [
    ("next", "u32"), ("version", ("u32", 3))]))
DM_TARGET_MSG = named("dm_target_msg", Struct("dm_target_msg", [("sector", "u64")]))
# where each record's string starts (offsetof its flexible member)
SPEC_STRING, DEPS_DEVS, NAME_LIST_NAME, VERSIONS_NAME, MSG_MESSAGE = 40, 8, 12, 16, 8
NAME_LIST_EVENT_NR_SINCE = 37     # the ABI minor from which a name record may hold an event_nr

U32 = 0xffffffff
MISPLACED = "??? /* misplaced %s */"

# commands without a data_start, without the device fields
NO_PARAMS = frozenset(("DM_VERSION", "DM_REMOVE_ALL", "DM_DEV_CREATE", "DM_DEV_REMOVE",
                       "DM_DEV_SUSPEND", "DM_DEV_STATUS", "DM_TABLE_CLEAR", "DM_DEV_ARM_POLL"))
NO_DEVICE = frozenset(("DM_REMOVE_ALL", "DM_LIST_DEVICES", "DM_LIST_VERSIONS"))
# the header counters: event_nr at entry, the three counters at a successful exit
EVENT_NR_IN = frozenset(("DM_DEV_RENAME", "DM_DEV_REMOVE", "DM_DEV_WAIT"))
COUNTERS_OUT = frozenset(("DM_DEV_CREATE", "DM_DEV_RENAME", "DM_DEV_SUSPEND", "DM_DEV_STATUS",
                          "DM_DEV_WAIT", "DM_TABLE_LOAD", "DM_TABLE_CLEAR", "DM_TABLE_DEPS",
                          "DM_TABLE_STATUS", "DM_TARGET_MSG"))


def _flag_pairs(ctx, call):
    return [n if isinstance(n, tuple) else (n, const(ctx, call, n)) for n in FLAGS
            if isinstance(n, tuple) or const(ctx, call, n) is not None]


def _u32_list(v, name):
    return "[%s]" % ", ".join("%d" % v["%s[%d]" % (name, i)] for i in range(3))


def _printstr(ctx, call, addr, length):
    """printstr_ex(addr, length, QUOTE_0_TERMINATED): (text, the string's length + 1 when a NUL
    ended it within the -s + 1 bytes fetched, else 0)."""
    limit = ctx.style.string_limit
    size = min(limit + 1, length)
    if size <= 0:
        return '""', 0
    data, terminated = ctx.read_cstring(call, addr, size - 1)
    if data is None:
        return printers.ptr(addr), 0
    if terminated:
        return printers.quote_bytes(bytes(data), ctx.style, size), len(data) + 1
    if size <= limit:                   # no NUL in the whole (short) string: all of it, `...`
        data = ctx.read_data(call, addr, size)
        if data is None or len(data) < size:
            return printers.ptr(addr), 0
    return printers.quote_bytes(bytes(data[:limit]), ctx.style, limit, True), 0


# ---------------------------------------------------------------------------------------------
# the header


def _header(ctx, call, name, v, entering):
    """(`{...}` of the header, whether the payload follows)."""
    parts = ["version=" + _u32_list(v, "version")]
    if v["version[0]"] != ABI_MAJOR:
        return "{%s /* unsupported device mapper ABI version */}" % parts[0], False
    parts.append("data_size=%d" % v["data_size"])
    if v["data_size"] < HEADER_SIZE:
        return "{%s /* data_size too small */}" % ", ".join(parts), False
    if name not in NO_PARAMS:
        parts.append("data_start=%d" % v["data_start"])
    if name not in NO_DEVICE:
        if v["dev"]:
            parts.append("dev=" + makedev(v["dev"], ctx.style))
        if v["name"][:1] not in (b"", b"\0"):
            parts.append("name=" + cstring(ctx, v["name"], 0, NAME_LEN))
        if v["uuid"][:1] not in (b"", b"\0"):
            parts.append("uuid=" + cstring(ctx, v["uuid"], 0, UUID_LEN))
    if entering:
        suspending = name == "DM_DEV_SUSPEND" and v["flags"] & const(ctx, call, "DM_SUSPEND_FLAG")
        if name == "DM_TABLE_LOAD":
            parts.append("target_count=%d" % v["target_count"])
        elif name in EVENT_NR_IN or (name == "DM_DEV_SUSPEND" and not suspending):
            parts.append("event_nr=%d" % v["event_nr"])
    elif not failed(call) and name in COUNTERS_OUT:
        parts += ["target_count=%d" % v["target_count"],
                  "open_count=%d" % (v["open_count"] & U32), "event_nr=%d" % v["event_nr"]]
    parts.append("flags=" + printers.flags(v["flags"], _flag_pairs(ctx, call), ctx.style,
                                           "DM_???"))
    return "{" + ", ".join(parts) + "}", True


# ---------------------------------------------------------------------------------------------
# the payloads: each returns the text after the header (`, ...` and the like) or ""


def _target_specs(ctx, call, arg, v, entering):
    count = v["target_count"]
    if not ctx.style.verbose:
        return ", ..." if count else ""
    out = []
    offset, end = v["data_start"], 0
    compiled = DM_TARGET_SPEC.on(call.abi)
    for i in range(count):
        if (i and offset <= end) or not offset < (offset + SPEC_STRING) & U32 <= v["data_size"]:
            out.append(MISPLACED % "struct dm_target_spec")
            break
        end = offset + SPEC_STRING
        if i >= ctx.style.string_limit:
            out.append("...")
            break
        s = read_struct(ctx, call, arg + offset, compiled)
        if s is None:
            out.append(printers.ptr(arg + offset))
            break
        fields = ["sector_start=%d" % s["sector_start"], "length=%d" % s["length"]]
        if not entering:
            fields.append("status=%d" % s["status"])
        fields += ["target_type=" + cstring(ctx, s["target_type"], 0, TYPE_NAME_LEN),
                   "string=" + _printstr(ctx, call, arg + end, v["data_size"] - end)[0]]
        out.append("{%s}" % ", ".join(fields))
        offset = ((offset if entering else v["data_start"]) + s["next"]) & U32
    return "".join(", " + o for o in out)


def _one_struct(ctx, call, arg, v, layout, header, what):
    """The payload's one struct at data_start, whose fixed part is `header` bytes: (None, its
    fields, where its fixed part ends), or (the text to print instead, None, 0): nothing, `...`
    without -v, strace's misplaced marker, or the address."""
    start, size = v["data_start"], v["data_size"]
    if start == size:
        return "", None, 0
    if not ctx.style.verbose:
        return ", ...", None, 0
    end = (start + header) & U32
    if not start < end <= size:
        return ", " + MISPLACED % what, None, 0
    s = read_struct(ctx, call, arg + start, layout.on(call.abi))
    if s is None:
        return ", " + printers.ptr(arg + start), None, 0
    return None, s, end


def _deps(ctx, call, arg, v, entering):
    text, s, end = _one_struct(ctx, call, arg, v, DM_TARGET_DEPS, DEPS_DEVS,
                               "struct dm_target_deps")
    if s is None:
        return text
    if s["count"] > (v["data_size"] - end) // 8:
        return ", " + MISPLACED % "struct dm_target_deps"
    devs = print_array(ctx, call, arg + end, s["count"], 8, unpacker(call, "Q"),
                       lambda dev: makedev(dev, ctx.style))
    return ", {count=%d, deps=%s}" % (s["count"], devs)


def _records(layout, name_offset, what, show):
    """A chain of records linked by their `next` offset (0 ends it), each shown by
    show(ctx, call, arg, v, record, name_at) -> text."""
    def payload(ctx, call, arg, v, entering):
        offset, size = v["data_start"], v["data_size"]
        if offset == size:
            return ""
        if not ctx.style.verbose:
            return ", ..."
        compiled = layout.on(call.abi)
        out = []
        count, end = 0, 0
        while True:
            if (count and offset <= end) or not offset < (offset + name_offset) & U32 <= size:
                out.append(MISPLACED % what)
                break
            end = offset + name_offset
            if count >= ctx.style.string_limit:
                out.append("...")
                break
            r = read_struct(ctx, call, arg + offset, compiled)
            if r is None:
                out.append(printers.ptr(arg + offset))
                break
            out.append(show(ctx, call, arg, v, r, offset))
            if not r["next"]:
                break
            offset = (offset + r["next"]) & U32
            count += 1
        return "".join(", " + o for o in out)
    return payload


def _name_record(ctx, call, arg, v, r, offset):
    at = arg + offset + NAME_LIST_NAME
    text, nul = _printstr(ctx, call, at, v["data_size"] - offset - NAME_LIST_NAME)
    fields = ["dev=" + makedev(r["dev"], ctx.style), "name=" + text]
    if nul > 0 and v["version[1]"] >= NAME_LIST_EVENT_NR_SINCE:
        event_at = (at + nul + 7) & ~7
        data = ctx.read(call, event_at, 4)
        if event_at + 4 <= arg + offset + r["next"] and data is not None and len(data) == 4:
            fields.append("event_nr=%d" % unpacker(call, "I")(bytes(data)))
    return "{%s}" % ", ".join(fields)


def _version_record(ctx, call, arg, v, r, offset):
    at = offset + VERSIONS_NAME
    return "{name=%s, version=%s}" % (_printstr(ctx, call, arg + at, v["data_size"] - at)[0],
                                      _u32_list(r, "version"))


def _target_msg(ctx, call, arg, v, entering):
    text, s, end = _one_struct(ctx, call, arg, v, DM_TARGET_MSG, MSG_MESSAGE,
                               "struct dm_target_msg")
    if s is None:
        return text
    return ", {sector=%d, message=%s}" % (s["sector"], _printstr(
        ctx, call, arg + end, v["data_size"] - end)[0])


def _string(ctx, call, arg, v, entering):
    if not ctx.style.verbose:
        return ", ..."
    start, size = v["data_start"], v["data_size"]
    if start > size:
        return ", " + MISPLACED % "string"
    return ", {string=%s}" % _printstr(ctx, call, arg + start, size - start)[0]


def _out_string(ctx, call, arg, v, entering):
    """A target message's answer, when the kernel says it wrote one."""
    if v["flags"] & const(ctx, call, "DM_DATA_OUT_FLAG"):
        return _string(ctx, call, arg, v, entering)
    return ""


_names = _records(DM_NAME_LIST, NAME_LIST_NAME, "struct dm_name_list", _name_record)
_versions = _records(DM_TARGET_VERSIONS, VERSIONS_NAME, "struct dm_target_versions",
                     _version_record)

# command -> (payload at entry, payload at a successful exit)
PAYLOADS = {
    "DM_TABLE_LOAD": (_target_specs, None),
    "DM_DEV_WAIT": (None, _target_specs), "DM_TABLE_STATUS": (None, _target_specs),
    "DM_TABLE_DEPS": (None, _deps),
    "DM_LIST_DEVICES": (None, _names),
    "DM_LIST_VERSIONS": (None, _versions),
    "DM_TARGET_MSG": (_target_msg, _out_string),
    "DM_DEV_RENAME": (_string, None), "DM_DEV_SET_GEOMETRY": (_string, None),
}
COMMANDS = ("DM_VERSION", "DM_REMOVE_ALL", "DM_LIST_DEVICES", "DM_DEV_CREATE", "DM_DEV_REMOVE",
            "DM_DEV_RENAME", "DM_DEV_SUSPEND", "DM_DEV_STATUS", "DM_DEV_WAIT", "DM_TABLE_LOAD",
            "DM_TABLE_CLEAR", "DM_TABLE_DEPS", "DM_TABLE_STATUS", "DM_LIST_VERSIONS",
            "DM_TARGET_MSG", "DM_DEV_SET_GEOMETRY", "DM_DEV_ARM_POLL")


# ---------------------------------------------------------------------------------------------
# the commands


def _read_header(ctx, call, arg):
    """The header's fields, or None when unreadable or its data_size ends before data_start."""
    compiled = DM_IOCTL.on(call.abi)
    data = ctx.read(call, arg, HEADER_SIZE) if arg else None
    if data is None or len(data) < HEADER_SIZE:
        return None
    v = compiled.dict(bytes(data) + b"\0" * (compiled.size - HEADER_SIZE))
    return v if v["data_size"] >= DATA_SIZE_AT else None


def _array(ctx, call, name, arg, v, entering):
    header, more = _header(ctx, call, name, v, entering)
    payload = PAYLOADS.get(name, (None, None))[0 if entering else 1]
    if more and payload is not None and (entering or not failed(call)):
        header += payload(ctx, call, arg, v, entering)
    return "[" + header + "]"


def _key(v):
    """What the exit compares with the entry to see whether the kernel rewrote the header."""
    return (v["version[0]"], v["version[1]"], v["version[2]"], v["data_size"], v["data_start"],
            v["flags"])


def _command(name):
    def enter(ctx, call, arg):
        v = _read_header(ctx, call, arg)
        if v is None:
            return None, True, None         # the address, at exit (strace tries again there)
        return _array(ctx, call, name, arg, v, True), True, _key(v)

    def leave(ctx, call, arg):
        entry = entry_state(call)
        if entry is None:
            return None
        v = _read_header(ctx, call, arg)
        if v is None or (failed(call) and _key(v) == entry):
            return ""
        return " => " + _array(ctx, call, name, arg, v, False)
    return enter, leave


DM = TableFamily((0xfd,), both=dict((name, _command(name)) for name in COMMANDS))
