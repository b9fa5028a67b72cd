"""GPIO character device ioctls (type 0xb4, linux/gpio.h), as strace 6.1's gpio_ioctl.

The v1 interface: the chip's info at exit; a line's info (its offset at entry, ` => {flags,
name, consumer}` at exit); the handle and event requests (at entry, ` => {fd=N}` at exit); the
handle's values and config. The v2 one: line info, the line request with its config, the config
alone, and the values (the mask at entry, ` => {bits=...}` at exit for a get).

A line attribute prints by its id: its flags, its output values or its debounce period; an
attribute of another id, or one with a nonzero padding, prints raw (`id=N, padding=..., data=`).
Arrays of the structs print at most -s elements without -v; padding prints only when nonzero.
"""
from minitrace import printers
from minitrace.decode.array import local_array
from minitrace.decode.common import const, failed, fd, flag_text, read_struct
from minitrace.decode.ioctl.base import TableFamily
from minitrace.decode.layout import Struct, Union, named
from minitrace.decode.sockaddr.fields import cstring

LINES_MAX = 64            # GPIOHANDLES_MAX, GPIO_V2_LINES_MAX
ATTRS_MAX = 10            # GPIO_V2_LINE_NUM_ATTRS_MAX
NAME_SIZE = 32            # GPIO_MAX_NAME_SIZE

# v1 line info flags (GPIOLINE_FLAG_*), in bit order
LINE_INFO_FLAGS = ("GPIOLINE_FLAG_KERNEL", "GPIOLINE_FLAG_IS_OUT", "GPIOLINE_FLAG_ACTIVE_LOW",
                   "GPIOLINE_FLAG_OPEN_DRAIN", "GPIOLINE_FLAG_OPEN_SOURCE",
                   "GPIOLINE_FLAG_BIAS_PULL_UP", "GPIOLINE_FLAG_BIAS_PULL_DOWN",
                   "GPIOLINE_FLAG_BIAS_DISABLE")
# v1 handle request flags (GPIOHANDLE_REQUEST_*), in bit order
HANDLE_FLAGS = ("GPIOHANDLE_REQUEST_INPUT", "GPIOHANDLE_REQUEST_OUTPUT",
                "GPIOHANDLE_REQUEST_ACTIVE_LOW", "GPIOHANDLE_REQUEST_OPEN_DRAIN",
                "GPIOHANDLE_REQUEST_OPEN_SOURCE", "GPIOHANDLE_REQUEST_BIAS_PULL_UP",
                "GPIOHANDLE_REQUEST_BIAS_PULL_DOWN", "GPIOHANDLE_REQUEST_BIAS_DISABLE")
# v1 event request flags: both edges (the two bits together) names them before either edge
EVENT_FLAGS = ("GPIOEVENT_REQUEST_BOTH_EDGES", "GPIOEVENT_REQUEST_RISING_EDGE",
               "GPIOEVENT_REQUEST_FALLING_EDGE")
# v2 line flags (GPIO_V2_LINE_FLAG_*), in bit order
V2_LINE_FLAGS = ("GPIO_V2_LINE_FLAG_USED", "GPIO_V2_LINE_FLAG_ACTIVE_LOW",
                 "GPIO_V2_LINE_FLAG_INPUT", "GPIO_V2_LINE_FLAG_OUTPUT",
                 "GPIO_V2_LINE_FLAG_EDGE_RISING", "GPIO_V2_LINE_FLAG_EDGE_FALLING",
                 "GPIO_V2_LINE_FLAG_OPEN_DRAIN", "GPIO_V2_LINE_FLAG_OPEN_SOURCE",
                 "GPIO_V2_LINE_FLAG_BIAS_PULL_UP", "GPIO_V2_LINE_FLAG_BIAS_PULL_DOWN",
                 "GPIO_V2_LINE_FLAG_BIAS_DISABLED", "GPIO_V2_LINE_FLAG_EVENT_CLOCK_REALTIME",
                 "GPIO_V2_LINE_FLAG_EVENT_CLOCK_HTE")

_NAME = ("u8", NAME_SIZE)

GPIOCHIP_INFO = named("gpiochip_info", Struct("gpiochip_info", [
    ("name", _NAME), ("label", _NAME), ("lines", "u32")]))
GPIOLINE_INFO = named("gpioline_info", Struct("gpioline_info", [
    ("line_offset", "u32"), ("flags", "u32"), ("name", _NAME), ("consumer", _NAME)]))
GPIOHANDLE_REQUEST = named("gpiohandle_request", Struct("gpiohandle_request", [
    ("lineoffsets", ("u32", LINES_MAX)), ("flags", "u32"), ("default_values", ("u8", LINES_MAX)),
    ("consumer_label", _NAME), ("lines", "u32"), ("fd", "s32")]))
GPIOHANDLE_CONFIG = named("gpiohandle_config", Struct("gpiohandle_config", [
    ("flags", "u32"), ("default_values", ("u8", LINES_MAX)), (None, ("u32", 4))]))
GPIOHANDLE_DATA = named("gpiohandle_data", Struct("gpiohandle_data", [
    ("values", ("u8", LINES_MAX))]))
GPIOEVENT_REQUEST = named("gpioevent_request", Struct("gpioevent_request", [
    ("lineoffset", "u32"), ("handleflags", "u32"), ("eventflags", "u32"),
    ("consumer_label", _NAME), ("fd", "s32")]))

# the v2 structs: __aligned_u64 members are 8-aligned on every ABI (i386 too)
V2_LINE_VALUES = named("gpio_v2_line_values", Struct("gpio_v2_line_values", [
    ("bits", "u64@8"), ("mask", "u64@8")]))
V2_LINE_ATTRIBUTE = named("gpio_v2_line_attribute", Struct("gpio_v2_line_attribute", [
    ("id", "u32"), ("padding", "u32"),
    ("", Union("gpio_v2_line_attribute_value", [
        ("flags", "u64@8"), ("values", "u64@8"), ("debounce_period_us", "u32")]))]))
V2_CONFIG_ATTRIBUTE = named("gpio_v2_line_config_attribute", Struct(
    "gpio_v2_line_config_attribute", [("attr", V2_LINE_ATTRIBUTE), ("mask", "u64@8")]))
# The attribute arrays are kept as their bytes (one field to check against the compiler); their
# elements are read with the element's own layout.
_ATTR_SIZE, _CONFIG_ATTR_SIZE = 16, 24
V2_LINE_CONFIG = named("gpio_v2_line_config", Struct("gpio_v2_line_config", [
    ("flags", "u64@8"), ("num_attrs", "u32"), ("padding", ("u32", 5)),
    ("attrs", ("u8", _CONFIG_ATTR_SIZE * ATTRS_MAX))]))
V2_LINE_REQUEST = named("gpio_v2_line_request", Struct("gpio_v2_line_request", [
    ("offsets", ("u32", LINES_MAX)), ("consumer", _NAME), ("config", V2_LINE_CONFIG),
    ("num_lines", "u32"), ("event_buffer_size", "u32"), ("padding", ("u32", 5)), ("fd", "s32")]))
V2_LINE_INFO = named("gpio_v2_line_info", Struct("gpio_v2_line_info", [
    ("name", _NAME), ("consumer", _NAME), ("offset", "u32"), ("num_attrs", "u32"),
    ("flags", "u64@8"), ("attrs", ("u8", _ATTR_SIZE * ATTRS_MAX)), ("padding", ("u32", 4))]))


# ---------------------------------------------------------------------------------------------
# field printers


def _struct(pairs):
    """`{a=1, b=2}` of (name, text) pairs; a pair of None is left out."""
    return "{" + ", ".join("%s=%s" % p for p in pairs if p is not None) + "}"



def _upto(ctx, values, count):
    """The first `count` (at most all) of values, in decimal."""
    return local_array(ctx, ["%d" % x for x in values[:count]])


def _elements(v, name, size):
    return [v["%s[%d]" % (name, i)] for i in range(size)]


def _hex_elements(v, name, size):
    """PRINT_FIELD_X_ARRAY: every element, hex."""
    return "[" + ", ".join(printers.hexnum(x) for x in _elements(v, name, size)) + "]"


def _padding(v, size, prefix=""):
    """The padding field (`size` words under `prefix`), printed when not all zero."""
    key = prefix + "padding"
    if any(_elements(v, key, size)):
        return "padding", _hex_elements(v, key, size)
    return None


def _name(ctx, raw):
    return cstring(ctx, raw, 0, len(raw))


def _read(compiled_struct):
    """A reader of compiled_struct at an address: (ctx, call, arg) -> dict or None."""
    return lambda ctx, call, arg: read_struct(ctx, call, arg, compiled_struct.on(call.abi))


def _attribute(ctx, call, v, prefix=""):
    """A line attribute's fields (the dict keys under `prefix`) by its id, or raw."""
    ident, padding = v[prefix + "id"], v[prefix + "padding"]
    if not padding:
        if ident == const(ctx, call, "GPIO_V2_LINE_ATTR_ID_FLAGS"):
            return "flags=" + flag_text(ctx, call, v[prefix + "flags"], V2_LINE_FLAGS,
                                        "GPIO_V2_LINE_FLAG_???")
        if ident == const(ctx, call, "GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES"):
            return "values=" + printers.hexnum(v[prefix + "values"])
        if ident == const(ctx, call, "GPIO_V2_LINE_ATTR_ID_DEBOUNCE"):
            return "debounce_period_us=%d" % v[prefix + "debounce_period_us"]
    raw = "id=%d" % ident
    if padding:
        raw += ", padding=%s" % printers.hexnum(padding)
    raw += ", data=%s" % printers.hexnum(v[prefix + "values"])
    return "attr={%s}" % raw if prefix else raw


def _attr_list(ctx, call, raw, count, element, show):
    """The first `count` (at most ATTRS_MAX) elements of an attribute array's bytes."""
    compiled = element.on(call.abi)
    count = min(count, ATTRS_MAX)
    return local_array(ctx, [show(compiled.dict(raw, i * compiled.size))
                              for i in range(count)])


def _line_config(ctx, call, v, prefix=""):
    def config_attr(a):
        return "{%s, mask=%s}" % (_attribute(ctx, call, a, "attr."), printers.hexnum(a["mask"]))
    num_attrs = v[prefix + "num_attrs"]
    return _struct([
        ("flags", flag_text(ctx, call, v[prefix + "flags"], V2_LINE_FLAGS,
                            "GPIO_V2_LINE_FLAG_???")),
        ("num_attrs", "%d" % num_attrs),
        _padding(v, 5, prefix),
        ("attrs", _attr_list(ctx, call, v[prefix + "attrs"], num_attrs, V2_CONFIG_ATTRIBUTE,
                             config_attr)) if num_attrs else None])


# ---------------------------------------------------------------------------------------------
# the commands: what prints at entry, at exit


def _whole(reader, show):
    """An argument read and printed at one stop: at entry (`inp`) or, as the kernel wrote it,
    at exit (`out`)."""
    def arg_text(ctx, call, arg):
        v = reader(ctx, call, arg)
        return printers.ptr(arg) if v is None else show(ctx, call, v)
    return arg_text


def _in_out(reader, show_in, show_out):
    """An argument printed at entry and, when the call succeeded, ` => {...}` at exit."""
    def enter(ctx, call, arg):
        v = reader(ctx, call, arg)
        if v is None:
            return printers.ptr(arg), False
        return show_in(ctx, call, v), True

    def leave(ctx, call, arg):
        if failed(call):
            return ""
        v = reader(ctx, call, arg)
        return " => " + (printers.ptr(arg) if v is None else show_out(ctx, call, v))
    return enter, leave


def _chip_info(ctx, call, v):
    return _struct([("name", _name(ctx, v["name"])), ("label", _name(ctx, v["label"])),
                    ("lines", "%d" % v["lines"])])


def _line_info_out(ctx, call, v):
    return _struct([("flags", flag_text(ctx, call, v["flags"], LINE_INFO_FLAGS,
                                        "GPIOLINE_FLAG_???")),
                    ("name", _name(ctx, v["name"])), ("consumer", _name(ctx, v["consumer"]))])


def _handle_request(ctx, call, v):
    lines = v["lines"]
    return _struct([
        ("lines", "%d" % lines),
        ("lineoffsets", _upto(ctx, _elements(v, "lineoffsets", LINES_MAX), lines)),
        ("flags", flag_text(ctx, call, v["flags"], HANDLE_FLAGS, "GPIOHANDLE_REQUEST_???")),
        ("default_values", _upto(ctx, bytearray(v["default_values"]), lines)),
        ("consumer_label", _name(ctx, v["consumer_label"]))])


def _event_request(ctx, call, v):
    return _struct([
        ("lineoffset", "%d" % v["lineoffset"]),
        ("handleflags", flag_text(ctx, call, v["handleflags"], HANDLE_FLAGS,
                                  "GPIOHANDLE_REQUEST_???")),
        ("eventflags", flag_text(ctx, call, v["eventflags"], EVENT_FLAGS,
                                 "GPIOEVENT_REQUEST_???")),
        ("consumer_label", _name(ctx, v["consumer_label"]))])


def _new_fd(ctx, call, v):
    return "{fd=%s}" % fd(ctx, call, v["fd"])


def _handle_values(ctx, call, v):
    return "{values=%s}" % _upto(ctx, bytearray(v["values"]), LINES_MAX)


def _handle_config(ctx, call, v):
    return _struct([
        ("flags", flag_text(ctx, call, v["flags"], HANDLE_FLAGS, "GPIOHANDLE_REQUEST_???")),
        ("default_values", _upto(ctx, bytearray(v["default_values"]), LINES_MAX))])


def _v2_line_info_out(ctx, call, v):
    def attr(a):
        return "{%s}" % _attribute(ctx, call, a)
    num_attrs = v["num_attrs"]
    return _struct([
        ("name", _name(ctx, v["name"])), ("consumer", _name(ctx, v["consumer"])),
        ("flags", flag_text(ctx, call, v["flags"], V2_LINE_FLAGS, "GPIO_V2_LINE_FLAG_???")),
        ("num_attrs", "%d" % num_attrs),
        ("attrs", _attr_list(ctx, call, v["attrs"], num_attrs, V2_LINE_ATTRIBUTE, attr))
        if num_attrs else None,
        _padding(v, 4)])


def _v2_line_request(ctx, call, v):
    buffer_size = v["event_buffer_size"]
    return _struct([
        ("num_lines", "%d" % v["num_lines"]),
        ("offsets", _upto(ctx, _elements(v, "offsets", LINES_MAX), v["num_lines"])),
        ("consumer", _name(ctx, v["consumer"])),
        ("config", _line_config(ctx, call, v, "config.")),
        ("event_buffer_size", "%d" % buffer_size) if buffer_size else None,
        _padding(v, 5)])


def _fields(fmt, names):
    """`{a=..., b=...}` of the named values, each by fmt(value)."""
    def show(ctx, call, v):
        return _struct([(n, fmt(v[n])) for n in names])
    return show


def _hex_fields(*names):
    return _fields(printers.hexnum, names)


def _u_fields(*names):
    return _fields(str, names)


_line_info = _in_out(_read(GPIOLINE_INFO), _u_fields("line_offset"), _line_info_out)
_v2_line_info = _in_out(_read(V2_LINE_INFO), _u_fields("offset"), _v2_line_info_out)
# GPIO_GET_LINEINFO_UNWATCH_IOCTL's argument: a line offset, printed as a struct of it
_UNWATCH = Struct("gpioline_unwatch", [("offset", "u32")])

GPIO = TableFamily(
    (0xb4,),
    inp={"GPIO_GET_LINEINFO_UNWATCH_IOCTL": _whole(_read(_UNWATCH), _u_fields("offset")),
         "GPIOHANDLE_SET_LINE_VALUES_IOCTL": _whole(_read(GPIOHANDLE_DATA), _handle_values),
         "GPIOHANDLE_SET_CONFIG_IOCTL": _whole(_read(GPIOHANDLE_CONFIG), _handle_config),
         "GPIO_V2_LINE_SET_CONFIG_IOCTL": _whole(_read(V2_LINE_CONFIG), _line_config),
         "GPIO_V2_LINE_SET_VALUES_IOCTL": _whole(_read(V2_LINE_VALUES), _hex_fields("bits", "mask"))},
    out={"GPIO_GET_CHIPINFO_IOCTL": _whole(_read(GPIOCHIP_INFO), _chip_info),
         "GPIOHANDLE_GET_LINE_VALUES_IOCTL": _whole(_read(GPIOHANDLE_DATA), _handle_values)},
    both={"GPIO_GET_LINEINFO_IOCTL": _line_info,
          "GPIO_GET_LINEINFO_WATCH_IOCTL": _line_info,
          "GPIO_GET_LINEHANDLE_IOCTL": _in_out(_read(GPIOHANDLE_REQUEST), _handle_request,
                                               _new_fd),
          "GPIO_GET_LINEEVENT_IOCTL": _in_out(_read(GPIOEVENT_REQUEST), _event_request, _new_fd),
          "GPIO_V2_GET_LINEINFO_IOCTL": _v2_line_info,
          "GPIO_V2_GET_LINEINFO_WATCH_IOCTL": _v2_line_info,
          "GPIO_V2_GET_LINE_IOCTL": _in_out(_read(V2_LINE_REQUEST), _v2_line_request, _new_fd),
          "GPIO_V2_LINE_GET_VALUES_IOCTL": _in_out(_read(V2_LINE_VALUES), _hex_fields("mask"),
                                                   _hex_fields("bits"))})
