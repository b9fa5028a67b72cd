"""The constants Video4Linux2 values print with (linux/videodev2.h, v4l2-controls.h), and the
printers of the values that are more than a flag set or an enumeration: a pixel format (a
fourcc, `v4l2_fourcc('Y', 'U', 'Y', 'V') /* V4L2_PIX_FMT_YUYV */`), a control id (by name, or
`V4L2_CTRL_CLASS_USER+0x1234` within a class), a buffer's flags (flags, then its timestamp type
and source), a fraction, a rectangle.

The long tables (pixel formats, control ids) are every constant of the header with their
prefix, less the names that are not formats or ids (aliases, markers, bases, menu values).
"""
from minitrace import printers
from minitrace.decode.common import enum_text, flag_text

BUF_TYPES = ("V4L2_BUF_TYPE_VIDEO_CAPTURE", "V4L2_BUF_TYPE_VIDEO_OUTPUT",
             "V4L2_BUF_TYPE_VIDEO_OVERLAY", "V4L2_BUF_TYPE_VBI_CAPTURE",
             "V4L2_BUF_TYPE_VBI_OUTPUT", "V4L2_BUF_TYPE_SLICED_VBI_CAPTURE",
             "V4L2_BUF_TYPE_SLICED_VBI_OUTPUT", "V4L2_BUF_TYPE_VIDEO_OUTPUT_OVERLAY",
             "V4L2_BUF_TYPE_VIDEO_CAPTURE_MPLANE", "V4L2_BUF_TYPE_VIDEO_OUTPUT_MPLANE",
             "V4L2_BUF_TYPE_SDR_CAPTURE", "V4L2_BUF_TYPE_SDR_OUTPUT",
             "V4L2_BUF_TYPE_META_CAPTURE", "V4L2_BUF_TYPE_META_OUTPUT")
DEVICE_CAPS = tuple("V4L2_CAP_" + n for n in (
    "VIDEO_CAPTURE", "VIDEO_OUTPUT", "VIDEO_OVERLAY", "VBI_CAPTURE", "VBI_OUTPUT",
    "SLICED_VBI_CAPTURE", "SLICED_VBI_OUTPUT", "RDS_CAPTURE", "VIDEO_OUTPUT_OVERLAY",
    "HW_FREQ_SEEK", "RDS_OUTPUT", "VIDEO_CAPTURE_MPLANE", "VIDEO_OUTPUT_MPLANE",
    "VIDEO_M2M_MPLANE", "VIDEO_M2M", "TUNER", "AUDIO", "RADIO", "MODULATOR", "SDR_CAPTURE",
    "EXT_PIX_FORMAT", "SDR_OUTPUT", "META_CAPTURE", "READWRITE", "ASYNCIO", "STREAMING",
    "META_OUTPUT", "TOUCH", "DEVICE_CAPS"))
FMT_DESC_FLAGS = tuple("V4L2_FMT_FLAG_" + n for n in (
    "COMPRESSED", "EMULATED", "CONTINUOUS_BYTESTREAM", "DYN_RESOLUTION",
    "ENC_CAP_FRAME_INTERVAL", "CSC_COLORSPACE", "CSC_XFER_FUNC", "CSC_YCBCR_ENC",
    "CSC_QUANTIZATION"))
FIELDS = tuple("V4L2_FIELD_" + n for n in (
    "ANY", "NONE", "TOP", "BOTTOM", "INTERLACED", "SEQ_TB", "SEQ_BT", "ALTERNATE",
    "INTERLACED_TB", "INTERLACED_BT"))
COLORSPACES = tuple("V4L2_COLORSPACE_" + n for n in (
    "DEFAULT", "SMPTE170M", "SMPTE240M", "REC709", "BT878", "470_SYSTEM_M", "470_SYSTEM_BG",
    "JPEG", "SRGB", "OPRGB", "BT2020", "RAW", "DCI_P3"))
VBI_FLAGS = ("V4L2_VBI_UNSYNC", "V4L2_VBI_INTERLACED")
SLICED_FLAGS = tuple("V4L2_SLICED_" + n for n in (
    "VBI_625", "TELETEXT_B", "VPS", "CAPTION_525", "WSS_625"))
MEMORIES = tuple("V4L2_MEMORY_" + n for n in ("MMAP", "USERPTR", "OVERLAY", "DMABUF"))
BUF_FLAGS = tuple("V4L2_BUF_FLAG_" + n for n in (
    "MAPPED", "QUEUED", "DONE", "KEYFRAME", "PFRAME", "BFRAME", "ERROR", "IN_REQUEST",
    "TIMECODE", "INPUT", "PREPARED", "NO_CACHE_INVALIDATE", "NO_CACHE_CLEAN", "LAST",
    "REQUEST_FD"))
BUF_TIMESTAMP_TYPES = tuple("V4L2_BUF_FLAG_TIMESTAMP_" + n for n in (
    "UNKNOWN", "MONOTONIC", "COPY"))
BUF_TIMESTAMP_SOURCES = ("V4L2_BUF_FLAG_TSTAMP_SRC_EOF", "V4L2_BUF_FLAG_TSTAMP_SRC_SOE")
STREAMING_CAPS = ("V4L2_CAP_TIMEPERFRAME",)
CAPTURE_MODES = ("V4L2_MODE_HIGHQUALITY",)
INPUT_TYPES = ("V4L2_INPUT_TYPE_TUNER", "V4L2_INPUT_TYPE_CAMERA", "V4L2_INPUT_TYPE_TOUCH")
TUNER_TYPES = tuple("V4L2_TUNER_" + n for n in (
    "RADIO", "ANALOG_TV", "DIGITAL_TV", "SDR", "RF"))
TUNER_CAPS = tuple("V4L2_TUNER_CAP_" + n for n in (
    "LOW", "NORM", "HWSEEK_BOUNDED", "HWSEEK_WRAP", "STEREO", "LANG2", "LANG1", "RDS",
    "RDS_BLOCK_IO", "RDS_CONTROLS", "FREQ_BANDS", "HWSEEK_PROG_LIM", "1HZ"))
TUNER_SUBCHANNELS = tuple("V4L2_TUNER_SUB_" + n for n in (
    "MONO", "STEREO", "LANG2", "LANG1", "RDS"))
TUNER_AUDIO_MODES = tuple("V4L2_TUNER_MODE_" + n for n in (
    "MONO", "STEREO", "LANG2", "LANG1", "LANG1_LANG2"))
CONTROL_TYPES = tuple("V4L2_CTRL_TYPE_" + n for n in (
    "INTEGER", "BOOLEAN", "MENU", "BUTTON", "INTEGER64", "CTRL_CLASS", "STRING", "BITMASK",
    "INTEGER_MENU", "U8", "U16", "U32", "AREA", "HDR10_CLL_INFO", "HDR10_MASTERING_DISPLAY",
    "H264_SPS", "H264_PPS", "H264_SCALING_MATRIX", "H264_SLICE_PARAMS", "H264_DECODE_PARAMS",
    "H264_PRED_WEIGHTS", "FWHT_PARAMS", "VP8_FRAME"))
CONTROL_FLAGS = tuple("V4L2_CTRL_FLAG_" + n for n in (
    "DISABLED", "GRABBED", "READ_ONLY", "UPDATE", "INACTIVE", "SLIDER", "WRITE_ONLY",
    "VOLATILE", "HAS_PAYLOAD", "EXECUTE_ON_WRITE", "MODIFY_LAYOUT"))
CONTROL_QUERY_FLAGS = ("V4L2_CTRL_FLAG_NEXT_CTRL", "V4L2_CTRL_FLAG_NEXT_COMPOUND")
CONTROL_CLASSES = tuple("V4L2_CTRL_CLASS_" + n for n in (
    "USER", "CODEC", "CAMERA", "FM_TX", "FLASH", "JPEG", "IMAGE_SOURCE", "IMAGE_PROC", "DV",
    "FM_RX", "RF_TUNER", "DETECT", "CODEC_STATELESS", "COLORIMETRY"))
FRAMESIZE_TYPES = tuple("V4L2_FRMSIZE_TYPE_" + n for n in ("DISCRETE", "CONTINUOUS", "STEPWISE"))
FRAMEINTERVAL_TYPES = tuple("V4L2_FRMIVAL_TYPE_" + n for n in (
    "DISCRETE", "CONTINUOUS", "STEPWISE"))

# The prefixed tables: (prefix, names of that prefix left out). Left out: the pixel format
# flags and marker, and the aliases of another name's value (the first name of a value wins).
PIX_FORMATS = ("V4L2_PIX_FMT_", ("V4L2_PIX_FMT_FLAG_PREMUL_ALPHA", "V4L2_PIX_FMT_FLAG_SET_CSC",
                                  "V4L2_PIX_FMT_PRIV_MAGIC", "V4L2_PIX_FMT_HM12",
                                  "V4L2_PIX_FMT_SUNXI_TILED_NV12"))
SDR_FORMATS = ("V4L2_SDR_FMT_", ())
META_FORMATS = ("V4L2_META_FMT_", ())
# control ids: the V4L2_CID_ names of a class's range, less the class and range bases, the
# end marker and the aliases
CONTROL_IDS = ("V4L2_CID_", ("V4L2_CID_LASTP1", "V4L2_CID_WHITENESS",
                             "V4L2_CID_MPEG_VIDEO_VPX_PROFILE"))
_CLASS_RANGE = 0x10000          # a class's control ids: the class value up to this past it
_SKIPPED_SUFFIXES = ("_BASE", "_CLASS")

_prefixed = {}


def prefixed_table(ctx, call, table):
    """{value: name} of the constants of a prefixed table (PIX_FORMATS...) in the call's ABI."""
    key = (call.abi, table[0])
    t = _prefixed.get(key)
    if t is None:
        prefix, left_out = table
        consts = ctx.constants(call.abi)
        t = {}
        for name, value in consts.prefixed(prefix):
            if name in left_out:
                continue
            if prefix == CONTROL_IDS[0] and (value < _CLASS_RANGE
                                             or name.endswith(_SKIPPED_SUFFIXES)):
                continue
            t.setdefault(value, name)
        _prefixed[key] = t
    return t


def buf_type(ctx, call, value):
    return enum_text(ctx, call, value, BUF_TYPES, "V4L2_BUF_TYPE_???")


def memory(ctx, call, value):
    return enum_text(ctx, call, value, MEMORIES, "V4L2_MEMORY_???")


def field(ctx, call, value):
    return enum_text(ctx, call, value, FIELDS, "V4L2_FIELD_???")


def colorspace(ctx, call, value):
    return enum_text(ctx, call, value, COLORSPACES, "V4L2_COLORSPACE_???")


def _fourcc_char(c):
    """One byte of a fourcc as a C character literal: `'a'`, `'\\''`, `'\\x0d'`."""
    if 0x20 <= c < 0x7f:
        return "'\\%c'" % c if c in (0x27, 0x5c) else "'%c'" % c
    return "'\\x%02x'" % c


def fourcc(ctx, call, value, table=PIX_FORMATS):
    """A pixel format: `v4l2_fourcc('S', '5', '0', '8') /* V4L2_PIX_FMT_SPCA508 */` (the name
    when `table` has it); -X raw the number."""
    if ctx.style.const_style == "raw":
        return printers.hexnum(value)
    text = "v4l2_fourcc(%s)" % ", ".join(_fourcc_char((value >> s) & 0xff)
                                         for s in (0, 8, 16, 24))
    name = prefixed_table(ctx, call, table).get(value) if table else None
    return text if name is None else "%s /* %s */" % (text, name)


def _named(ctx, value, name):
    """A value by a name strace makes up (print_xlat_ex in the default style)."""
    cstyle = ctx.style.const_style
    if cstyle == "raw":
        return printers.hexnum(value)
    if cstyle == "verbose":
        return "%s /* %s */" % (printers.hexnum(value), name)
    return name


def control_id(ctx, call, cid, query_flags=False):
    """A control id (print_v4l2_cid): by name; else within a class `V4L2_CTRL_CLASS_X+0x12`;
    else `0x... /* V4L2_CID_??? */`. query_flags: the id of a query, whose high bits ask for
    the next control (`V4L2_CTRL_FLAG_NEXT_CTRL|...`)."""
    if ctx.style.const_style == "raw":
        return printers.hexnum(cid)
    head = ""
    if query_flags:
        consts = ctx.constants(call.abi)
        mask = 0
        for name in CONTROL_QUERY_FLAGS:
            mask |= consts.get(name, 0)
        if cid & mask:
            head = flag_text(ctx, call, cid & mask, CONTROL_QUERY_FLAGS,
                             "V4L2_CTRL_FLAG_NEXT_???") + "|"
            cid &= ~mask
    name = prefixed_table(ctx, call, CONTROL_IDS).get(cid)
    if name is not None:
        return head + _named(ctx, cid, name)
    consts = ctx.constants(call.abi)
    best = None
    for cname in CONTROL_CLASSES:
        value = consts.get(cname)
        if value is not None and value <= cid and (best is None or value > best[1]):
            best = (cname, value)
    if best is None or cid - best[1] >= _CLASS_RANGE:
        return head + "%s /* V4L2_CID_??? */" % printers.hexnum(cid)
    return head + _named(ctx, cid, "%s+%s" % (best[0], printers.hexnum(cid - best[1])))


def control_id_name(ctx, call, cid):
    """A control id by its name alone (no class fallback)."""
    return printers.enum(cid, prefixed_table(ctx, call, CONTROL_IDS), ctx.style,
                         "V4L2_CID_???")


def buffer_flags(ctx, call, value):
    """A buffer's flags: the flags, then its timestamp type and source (each of its mask)."""
    if ctx.style.const_style == "raw":
        return printers.hexnum(value)
    consts = ctx.constants(call.abi)
    ts_type = value & consts.get("V4L2_BUF_FLAG_TIMESTAMP_MASK", 0xe000)
    ts_src = value & consts.get("V4L2_BUF_FLAG_TSTAMP_SRC_MASK", 0x70000)
    flags = value & ~ts_type & ~ts_src
    parts = []
    if flags:
        parts.append(flag_text(ctx, call, flags, BUF_FLAGS, "V4L2_BUF_FLAG_???"))
    parts.append(enum_text(ctx, call, ts_type, BUF_TIMESTAMP_TYPES,
                           "V4L2_BUF_FLAG_TIMESTAMP_???"))
    parts.append(enum_text(ctx, call, ts_src, BUF_TIMESTAMP_SOURCES,
                           "V4L2_BUF_FLAG_TSTAMP_SRC_???"))
    return "|".join(parts)


def fraction(v, key):
    """A struct v4l2_fract: `30/1`."""
    return "%d/%d" % (v[key + ".numerator"], v[key + ".denominator"])


def rect(v, key):
    """A struct v4l2_rect."""
    return "{left=%d, top=%d, width=%d, height=%d}" % (
        v[key + ".left"], v[key + ".top"], v[key + ".width"], v[key + ".height"])
