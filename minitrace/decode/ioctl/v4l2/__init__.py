"""Video4Linux2 ioctls (type 'V', linux/videodev2.h), as strace 6.1's v4l2_ioctl decodes them.

Each command has a printer (`COMMANDS`): what its struct shows at entry and what the kernel's
answer adds at exit, the setters printing ` => ` before what the kernel changed. The formats and
buffers are in buffers.py and formats.py, the controls in controls.py, the constants and the
values that are more than a constant (fourcc, control ids, buffer flags) in tables.py.
Commands it does not list print their argument as a number.
"""
from minitrace import printers
from minitrace.decode.common import enum_text, failed, flag_text, read_ints, read_struct
from minitrace.decode.ioctl.base import command_numbers
from minitrace.decode.layout import Struct
from minitrace.decode.ioctl.v4l2 import buffers, controls, layouts, tables
from minitrace.decode.ioctl.v4l2.common import Command, Value, name, struct_text

TYPES = (0x56,)


def _capability(ctx, call, v):
    pairs = [("driver", name(ctx, v["driver"])), ("card", name(ctx, v["card"])),
             ("bus_info", name(ctx, v["bus_info"])),
             ("version", _kernel_version(ctx, v["version"])),
             ("capabilities", flag_text(ctx, call, v["capabilities"], tables.DEVICE_CAPS,
                                        "V4L2_CAP_???"))]
    if v["device_caps"]:
        pairs.append(("device_caps", flag_text(ctx, call, v["device_caps"],
                                               tables.DEVICE_CAPS, "V4L2_CAP_???")))
    return struct_text(pairs)


def _kernel_version(ctx, value):
    """print_kernel_version: `KERNEL_VERSION(4, 10, 1)`."""
    text = "KERNEL_VERSION(%d, %d, %d)" % (value >> 16, (value >> 8) & 0xff, value & 0xff)
    cstyle = ctx.style.const_style
    if cstyle == "raw":
        return printers.hexnum(value)
    return "%s /* %s */" % (printers.hexnum(value), text) if cstyle == "verbose" else text


def _fmtdesc_in(ctx, call, v):
    return "index=%d, type=%s" % (v["index"], tables.buf_type(ctx, call, v["type"])), True


def _fmtdesc_out(ctx, call, v):
    return ", " + struct_text([
        ("flags", flag_text(ctx, call, v["flags"], tables.FMT_DESC_FLAGS, "V4L2_FMT_FLAG_???")),
        ("description", name(ctx, v["description"])),
        ("pixelformat", tables.fourcc(ctx, call, v["pixelformat"]))])


def _index(ctx, call, v):
    return "index=%d" % v["index"], True


def _standard_out(ctx, call, v):
    return ", " + struct_text([("name", name(ctx, v["name"])),
                               ("frameperiod", tables.fraction(v, "frameperiod")),
                               ("framelines", "%d" % v["framelines"])])


def _input_out(ctx, call, v):
    return ", " + struct_text([
        ("name", name(ctx, v["name"])),
        ("type", enum_text(ctx, call, v["type"], tables.INPUT_TYPES, "V4L2_INPUT_TYPE_???"))])


def _parm_fields(ctx, call, v):
    """The capture or output parameters (`parm.capture={...}`)."""
    member, mode, buffers_field = (
        ("capture", "capturemode", "readbuffers")
        if v["type"] == ctx.constants(call.abi).get("V4L2_BUF_TYPE_VIDEO_CAPTURE")
        else ("output", "outputmode", "writebuffers"))
    p = "parm.%s." % member
    return "parm.%s={%s}" % (member, struct_text([
        ("capability", flag_text(ctx, call, v[p + "capability"], tables.STREAMING_CAPS,
                                 "V4L2_CAP_???")),
        (mode, flag_text(ctx, call, v[p + mode], tables.CAPTURE_MODES, "V4L2_MODE_???")),
        ("timeperframe", tables.fraction(v, p + "timeperframe")),
        ("extendedmode", printers.hexnum(v[p + "extendedmode"])),
        (buffers_field, "%d" % v[p + buffers_field])]))


_PARM_TYPES = ("V4L2_BUF_TYPE_VIDEO_CAPTURE", "V4L2_BUF_TYPE_VIDEO_OUTPUT")


def _streamparm(is_get):
    """VIDIOC_G_PARM/S_PARM: the parameters of the video capture and output types."""
    def at_entry(ctx, call, v):
        text = "type=" + tables.buf_type(ctx, call, v["type"])
        consts = ctx.constants(call.abi)
        if not any(consts.get(n) == v["type"] for n in _PARM_TYPES):
            return text, False
        if is_get:
            return text, True
        return text + ", " + _parm_fields(ctx, call, v), True

    def at_exit(ctx, call, v):
        return (", %s" if is_get else "} => {%s") % _parm_fields(ctx, call, v)
    return Command(layouts.STREAMPARM, at_entry, at_exit)


def _tuner_fields(ctx, call, v):
    return struct_text([
        ("name", name(ctx, v["name"])),
        ("type", enum_text(ctx, call, v["type"], tables.TUNER_TYPES, "V4L2_TUNER_???")),
        ("capability", flag_text(ctx, call, v["capability"], tables.TUNER_CAPS,
                                 "V4L2_TUNER_CAP_???")),
        ("rangelow", "%d" % v["rangelow"]), ("rangehigh", "%d" % v["rangehigh"]),
        ("rxsubchans", flag_text(ctx, call, v["rxsubchans"], tables.TUNER_SUBCHANNELS,
                                 "V4L2_TUNER_SUB_???")),
        ("audmode", enum_text(ctx, call, v["audmode"], tables.TUNER_AUDIO_MODES,
                              "V4L2_TUNER_MODE_???")),
        ("signal", "%d" % v["signal"]), ("afc", "%d" % v["afc"])])


def _tuner(is_get):
    """VIDIOC_G_TUNER/S_TUNER."""
    def at_entry(ctx, call, v):
        text = "index=%d" % v["index"]
        return (text if is_get else text + ", " + _tuner_fields(ctx, call, v)), True

    def at_exit(ctx, call, v):
        return (", %s" if is_get else "} => {%s") % _tuner_fields(ctx, call, v)
    return Command(layouts.TUNER, at_entry, at_exit)


def _cropcap_out(ctx, call, v):
    return ", " + struct_text([("bounds", tables.rect(v, "bounds")),
                               ("defrect", tables.rect(v, "defrect")),
                               ("pixelaspect", tables.fraction(v, "pixelaspect"))])


def _crop(is_get):
    """VIDIOC_G_CROP (the rectangle at exit) and VIDIOC_S_CROP (at entry)."""
    def at_entry(ctx, call, v):
        text = "type=" + tables.buf_type(ctx, call, v["type"])
        return (text, True) if is_get else (text + ", c=" + tables.rect(v, "c"), False)

    def at_exit(ctx, call, v):
        return ", c=" + tables.rect(v, "c")
    return Command(layouts.CROP, at_entry, at_exit)


def _frmsize_in(ctx, call, v):
    return "index=%d, pixel_format=%s" % (v["index"],
                                          tables.fourcc(ctx, call, v["pixel_format"])), True


def _frmsize_out(ctx, call, v):
    kind = v["type"]
    consts = ctx.constants(call.abi)
    pairs = [("type", enum_text(ctx, call, kind, tables.FRAMESIZE_TYPES,
                                "V4L2_FRMSIZE_TYPE_???"))]
    if kind == consts.get("V4L2_FRMSIZE_TYPE_DISCRETE"):
        pairs.append(("discrete", "{width=%d, height=%d}" % (v["discrete.width"],
                                                             v["discrete.height"])))
    elif kind == consts.get("V4L2_FRMSIZE_TYPE_STEPWISE"):
        pairs.append(("stepwise", "{%s}" % struct_text(
            (f, "%d" % v["stepwise." + f]) for f in (
                "min_width", "max_width", "step_width", "min_height", "max_height",
                "step_height"))))
    return ", " + struct_text(pairs)


def _frmival_in(ctx, call, v):
    return "index=%d, pixel_format=%s, width=%d, height=%d" % (
        v["index"], tables.fourcc(ctx, call, v["pixel_format"]), v["width"], v["height"]), True


def _frmival_out(ctx, call, v):
    kind = v["type"]
    consts = ctx.constants(call.abi)
    pairs = [("type", enum_text(ctx, call, kind, tables.FRAMEINTERVAL_TYPES,
                                "V4L2_FRMIVAL_TYPE_???"))]
    if kind == consts.get("V4L2_FRMIVAL_TYPE_DISCRETE"):
        pairs.append(("discrete", tables.fraction(v, "discrete")))
    elif kind in (consts.get("V4L2_FRMIVAL_TYPE_STEPWISE"),
                  consts.get("V4L2_FRMSIZE_TYPE_CONTINUOUS")):
        pairs.append(("stepwise", "{%s}" % struct_text(
            (f, tables.fraction(v, "stepwise." + f)) for f in ("min", "max", "step"))))
    return ", " + struct_text(pairs)


def _int(ctx, call, arg):
    """The unsigned int at arg, or None."""
    vals = read_ints(ctx, call, arg, 1, "I")
    return None if vals is None else vals[0]


_STD_ID = Struct("v4l2_std_id", [("value", "u64")])


def _std_id(ctx, call, arg):
    """The v4l2_std_id (a u64) at arg, or None."""
    v = read_struct(ctx, call, arg, _STD_ID.on(call.abi))
    return None if v is None else v["value"]

COMMANDS = {
    "VIDIOC_QUERYCAP": Command(layouts.CAPABILITY, None, _capability),
    "VIDIOC_ENUM_FMT": Command(layouts.FMTDESC, _fmtdesc_in, _fmtdesc_out),
    "VIDIOC_G_FMT": buffers.Format(True),
    "VIDIOC_S_FMT": buffers.Format(False),
    "VIDIOC_TRY_FMT": buffers.Format(False),
    "VIDIOC_REQBUFS": buffers.REQBUFS,
    "VIDIOC_QUERYBUF": buffers.Buffer(False),
    "VIDIOC_QBUF": buffers.Buffer(False),
    "VIDIOC_DQBUF": buffers.Buffer(True),
    # i386's names of the same numbers (its struct v4l2_buffer has a 32-bit time_t)
    "VIDIOC_QUERYBUF_TIME32": buffers.Buffer(False),
    "VIDIOC_QBUF_TIME32": buffers.Buffer(False),
    "VIDIOC_DQBUF_TIME32": buffers.Buffer(True),
    "VIDIOC_G_FBUF": buffers.Framebuffer(True),
    "VIDIOC_S_FBUF": buffers.Framebuffer(False),
    "VIDIOC_STREAMON": Value(_int, tables.buf_type),
    "VIDIOC_STREAMOFF": Value(_int, tables.buf_type),
    "VIDIOC_G_PARM": _streamparm(True),
    "VIDIOC_S_PARM": _streamparm(False),
    "VIDIOC_G_STD": Value(_std_id, lambda ctx, call, x: printers.hexnum(x), at_exit=True),
    "VIDIOC_S_STD": Value(_std_id, lambda ctx, call, x: printers.hexnum(x)),
    "VIDIOC_ENUMSTD": Command(layouts.STANDARD, _index, _standard_out),
    "VIDIOC_ENUMINPUT": Command(layouts.INPUT, _index, _input_out),
    "VIDIOC_G_CTRL": controls.G_CTRL,
    "VIDIOC_S_CTRL": controls.S_CTRL,
    "VIDIOC_G_TUNER": _tuner(True),
    "VIDIOC_S_TUNER": _tuner(False),
    "VIDIOC_QUERYCTRL": controls.QUERYCTRL,
    "VIDIOC_QUERY_EXT_CTRL": controls.QUERY_EXT_CTRL,
    "VIDIOC_G_INPUT": Value(_int, lambda ctx, call, x: "%d" % x, at_exit=True),
    "VIDIOC_S_INPUT": Value(_int, lambda ctx, call, x: "%d" % x),
    "VIDIOC_CROPCAP": Command(layouts.CROPCAP, lambda ctx, call, v: (
        "type=" + tables.buf_type(ctx, call, v["type"]), True), _cropcap_out),
    "VIDIOC_G_CROP": _crop(True),
    "VIDIOC_S_CROP": _crop(False),
    "VIDIOC_S_EXT_CTRLS": controls.ExtControls(False),
    "VIDIOC_TRY_EXT_CTRLS": controls.ExtControls(False),
    "VIDIOC_G_EXT_CTRLS": controls.ExtControls(True),
    "VIDIOC_ENUM_FRAMESIZES": Command(layouts.FRMSIZEENUM, _frmsize_in, _frmsize_out),
    "VIDIOC_ENUM_FRAMEINTERVALS": Command(layouts.FRMIVALENUM, _frmival_in, _frmival_out),
    "VIDIOC_CREATE_BUFS": buffers.CreateBuffers(),
}

_by_abi = {}


def _command(call, code):
    t = _by_abi.get(call.abi)
    if t is None:
        nums = command_numbers(call.abi)
        t = _by_abi[call.abi] = dict((nums[n], c) for n, c in COMMANDS.items() if n in nums)
    return t.get(code)


def enter(ctx, call, code, arg):
    command = _command(call, code)
    if command is None or not ctx.style.deref:
        return None                   # strace decodes none of them under -e verbose=none
    return command.enter(ctx, call, arg)


def exit(ctx, call, code, arg):
    return _command(call, code).exit(ctx, call, arg)


def result(ctx, call, code):
    command = _command(call, code)
    show = getattr(command, "result", None)
    if show is None or failed(call) or not ctx.style.deref:
        return None
    return show(ctx, call, call.args[2])
