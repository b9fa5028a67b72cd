"""The controls commands: VIDIOC_G_CTRL/S_CTRL, VIDIOC_QUERYCTRL, VIDIOC_QUERY_EXT_CTRL,
VIDIOC_G_EXT_CTRLS/S_EXT_CTRLS/TRY_EXT_CTRLS."""
from minitrace import printers
from minitrace.decode.array import print_array_ex
from minitrace.decode.common import enum_text, failed, flag_text
from minitrace.decode.file import in_string
from minitrace.decode.ioctl.base import entry_state
from minitrace.decode.ioctl.v4l2 import layouts, tables
from minitrace.decode.ioctl.v4l2.common import Command, name, read, struct_text


def _control(is_get):
    """VIDIOC_G_CTRL (the value at exit) and VIDIOC_S_CTRL (` => value` at exit)."""
    def at_entry(ctx, call, v):
        pairs = [("id", tables.control_id(ctx, call, v["id"]))]
        if not is_get:
            pairs.append(("value", "%d" % v["value"]))
        return struct_text(pairs), True

    def at_exit(ctx, call, v):
        return (", value=%d" if is_get else " => %d") % v["value"]
    return Command(layouts.CONTROL, at_entry, at_exit)


G_CTRL, S_CTRL = _control(True), _control(False)


def _hex_array(v, key, count):
    return "[" + ", ".join(printers.hexnum(v["%s[%d]" % (key, i)]) for i in range(count)) + "]"


class QueryControl(object):
    """VIDIOC_QUERYCTRL and VIDIOC_QUERY_EXT_CTRL: the id asked at entry, the control at exit
    (its id again when the kernel changed it, the limits unless abbreviated)."""

    def __init__(self, layout, extended):
        self.read = read(layout)
        self.extended = extended
        self.reserved = 32 if extended else 2

    def enter(self, ctx, call, arg):
        v = self.read(ctx, call, arg)
        if v is None:
            return printers.ptr(arg), False
        return "{id=" + tables.control_id(ctx, call, v["id"], True), True, v["id"]

    def exit(self, ctx, call, arg):
        v = None if failed(call) else self.read(ctx, call, arg)
        if v is None:
            return "}"
        text = ""
        if v["id"] != entry_state(call):
            text = " => " + tables.control_id(ctx, call, v["id"])
        pairs = [("type", enum_text(ctx, call, v["type"], tables.CONTROL_TYPES,
                                    "V4L2_CTRL_TYPE_???")),
                 ("name", name(ctx, v["name"]))]
        if not ctx.style.verbose:
            return text + ", " + struct_text(pairs) + ", ...}"
        pairs += [("minimum", "%d" % v["minimum"]), ("maximum", "%d" % v["maximum"]),
                  ("step", "%d" % v["step"]), ("default_value", "%d" % v["default_value"]),
                  ("flags", flag_text(ctx, call, v["flags"], tables.CONTROL_FLAGS,
                                      "V4L2_CTRL_FLAG_???"))]
        if self.extended:
            dims = min(v["nr_of_dims"], 4)
            pairs += [("elem_size", "%d" % v["elem_size"]), ("elems", "%d" % v["elems"]),
                      ("nr_of_dims", "%d" % v["nr_of_dims"]),
                      ("dims", "[" + ", ".join("%d" % v["dims[%d]" % i]
                                               for i in range(dims)) + "]")]
        if any(v["reserved[%d]" % i] for i in range(self.reserved)):
            pairs.append(("reserved", _hex_array(v, "reserved", self.reserved)))
        return text + ", " + struct_text(pairs) + "}"


QUERYCTRL = QueryControl(layouts.QUERYCTRL, False)
QUERY_EXT_CTRL = QueryControl(layouts.QUERY_EXT_CTRL, True)


def _controls(ctx, call, v):
    """(text, complete) of the controls array."""
    element = layouts.EXT_CONTROL.on(call.abi)

    def show(c):
        pairs = [("id", tables.control_id_name(ctx, call, c["id"])),
                 ("size", "%d" % c["size"])]
        if c["size"]:
            pairs.append(("string", in_string(ctx, call, c["string"], c["size"])))
        else:
            pairs += [("value", "%d" % c["value"]), ("value64", "%d" % c["value64"])]
        return "{%s}" % struct_text(pairs)
    return print_array_ex(ctx, call, v["controls"], v["count"], element.size, element.dict,
                          show)


class ExtControls(object):
    """VIDIOC_G_EXT_CTRLS (the controls at exit) and VIDIOC_S_EXT_CTRLS/TRY_EXT_CTRLS (the
    controls at entry, ` => {controls=...}` at exit); a failed call adds error_idx."""

    def __init__(self, is_get):
        self.is_get = is_get
        self.read = read(layouts.EXT_CONTROLS)

    def enter(self, ctx, call, arg):
        v = self.read(ctx, call, arg)
        if v is None:
            return printers.ptr(arg), False
        text = "{" + struct_text([
            ("ctrl_class", enum_text(ctx, call, v["ctrl_class"], tables.CONTROL_CLASSES,
                                     "V4L2_CTRL_CLASS_???")),
            ("count", "%d" % v["count"])])
        if not v["count"]:
            return text + "}", False
        if self.is_get:
            return text, True
        controls, complete = _controls(ctx, call, v)
        text += ", controls=" + controls
        return (text, True) if complete else (text + "}", False)

    def exit(self, ctx, call, arg):
        v = self.read(ctx, call, arg)
        if v is None:
            return "}"
        text = ", " if self.is_get else "} => {"
        text += "controls=" + _controls(ctx, call, v)[0]
        if failed(call):
            text += ", error_idx=%d" % v["error_idx"]
        return text + "}"
