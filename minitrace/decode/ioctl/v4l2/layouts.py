"""The structs of linux/videodev2.h the V4L2 ioctls take, as layout Structs (every ABI: the
pointers and longs follow the ABI's sizes)."""
from minitrace.decode.layout import Struct, Union, named

RECT = Struct("v4l2_rect", [("left", "s32"), ("top", "s32"), ("width", "u32"),
                            ("height", "u32")])
FRACT = Struct("v4l2_fract", [("numerator", "u32"), ("denominator", "u32")])

CAPABILITY = named("v4l2_capability", Struct("v4l2_capability", [
    ("driver", ("u8", 16)), ("card", ("u8", 32)), ("bus_info", ("u8", 32)), ("version", "u32"),
    ("capabilities", "u32"), ("device_caps", "u32"), (None, ("u32", 3))]))
FMTDESC = named("v4l2_fmtdesc", Struct("v4l2_fmtdesc", [
    ("index", "u32"), ("type", "u32"), ("flags", "u32"), ("description", ("u8", 32)),
    ("pixelformat", "u32"), ("mbus_code", "u32"), (None, ("u32", 3))]))

PIX_FORMAT = Struct("v4l2_pix_format", [
    ("width", "u32"), ("height", "u32"), ("pixelformat", "u32"), ("field", "u32"),
    ("bytesperline", "u32"), ("sizeimage", "u32"), ("colorspace", "u32"), ("priv", "u32"),
    ("flags", "u32"), ("ycbcr_enc", "u32"), ("quantization", "u32"), ("xfer_func", "u32")])
PLANE_PIX_FORMAT = Struct("v4l2_plane_pix_format", [
    ("sizeimage", "u32"), ("bytesperline", "u32"), (None, ("u16", 6))], packed=True)
PLANES_MAX = 8                  # VIDEO_MAX_PLANES
PIX_FORMAT_MPLANE = Struct("v4l2_pix_format_mplane", [
    ("width", "u32"), ("height", "u32"), ("pixelformat", "u32"), ("field", "u32"),
    ("colorspace", "u32"), ("plane_fmt", (PLANE_PIX_FORMAT, PLANES_MAX)),
    ("num_planes", "u8"), ("flags", "u8"), ("ycbcr_enc", "u8"), ("quantization", "u8"),
    ("xfer_func", "u8"), (None, ("u8", 7))], packed=True)
CLIP = named("v4l2_clip", Struct("v4l2_clip", [("c", RECT), ("next", "ptr")]))
WINDOW = Struct("v4l2_window", [
    ("w", RECT), ("field", "u32"), ("chromakey", "u32"), ("clips", "ptr"),
    ("clipcount", "u32"), ("bitmap", "ptr"), ("global_alpha", "u8")])
VBI_FORMAT = Struct("v4l2_vbi_format", [
    ("sampling_rate", "u32"), ("offset", "u32"), ("samples_per_line", "u32"),
    ("sample_format", "u32"), ("start", ("s32", 2)), ("count", ("u32", 2)), ("flags", "u32"),
    (None, ("u32", 2))])
SLICED_LINES = 24               # service_lines[2][24]
SLICED_VBI_FORMAT = Struct("v4l2_sliced_vbi_format", [
    ("service_set", "u16"), ("service_lines", ("u16", 2 * SLICED_LINES)), ("io_size", "u32"),
    (None, ("u32", 2))])
SDR_FORMAT = Struct("v4l2_sdr_format", [
    ("pixelformat", "u32"), ("buffersize", "u32"), (None, ("u8", 24))], packed=True)
META_FORMAT = Struct("v4l2_meta_format", [("dataformat", "u32"), ("buffersize", "u32")],
                     packed=True)
FORMAT_UNION = Union("v4l2_format_fmt", [
    ("pix", PIX_FORMAT), ("pix_mp", PIX_FORMAT_MPLANE), ("win", WINDOW), ("vbi", VBI_FORMAT),
    ("sliced", SLICED_VBI_FORMAT), ("sdr", SDR_FORMAT), ("meta", META_FORMAT),
    (None, ("u8", 200))])
FORMAT = named("v4l2_format", Struct("v4l2_format", [("type", "u32"), ("fmt", FORMAT_UNION)]))

REQUESTBUFFERS = named("v4l2_requestbuffers", Struct("v4l2_requestbuffers", [
    ("count", "u32"), ("type", "u32"), ("memory", "u32"), ("capabilities", "u32"),
    ("flags", "u8"), (None, ("u8", 3))]))
TIMEVAL = Struct("v4l2_timeval", [("tv_sec", "klong"), ("tv_usec", "klong")])
TIMECODE = Struct("v4l2_timecode", [
    ("type", "u32"), ("flags", "u32"), ("frames", "u8"), ("seconds", "u8"), ("minutes", "u8"),
    ("hours", "u8"), ("userbits", ("u8", 4))])
BUFFER = named("v4l2_buffer", Struct("v4l2_buffer", [
    ("index", "u32"), ("type", "u32"), ("bytesused", "u32"), ("flags", "u32"), ("field", "u32"),
    ("timestamp", TIMEVAL), ("timecode", TIMECODE), ("sequence", "u32"), ("memory", "u32"),
    ("m", Union("v4l2_buffer_m", [("offset", "u32"), ("userptr", "ulong"), ("planes", "ptr"),
                                  ("fd", "s32")])),
    ("length", "u32"), (None, "u32"), ("request_fd", "s32")]))
FRAMEBUFFER = named("v4l2_framebuffer", Struct("v4l2_framebuffer", [
    ("capability", "u32"), ("flags", "u32"), ("base", "ptr"), ("fmt", ("u32", 8))]))

STREAMPARM = named("v4l2_streamparm", Struct("v4l2_streamparm", [
    ("type", "u32"),
    ("parm", Union("v4l2_streamparm_parm", [
        ("capture", Struct("v4l2_captureparm", [
            ("capability", "u32"), ("capturemode", "u32"), ("timeperframe", FRACT),
            ("extendedmode", "u32"), ("readbuffers", "u32"), (None, ("u32", 4))])),
        ("output", Struct("v4l2_outputparm", [
            ("capability", "u32"), ("outputmode", "u32"), ("timeperframe", FRACT),
            ("extendedmode", "u32"), ("writebuffers", "u32"), (None, ("u32", 4))])),
        (None, ("u8", 200))]))]))
STANDARD = named("v4l2_standard", Struct("v4l2_standard", [
    ("index", "u32"), ("id", "u64"), ("name", ("u8", 24)), ("frameperiod", FRACT),
    ("framelines", "u32"), (None, ("u32", 4))]))
INPUT = named("v4l2_input", Struct("v4l2_input", [
    ("index", "u32"), ("name", ("u8", 32)), ("type", "u32"), ("audioset", "u32"),
    ("tuner", "u32"), ("std", "u64"), ("status", "u32"), ("capabilities", "u32"),
    (None, ("u32", 3))]))
CONTROL = named("v4l2_control", Struct("v4l2_control", [("id", "u32"), ("value", "s32")]))
TUNER = named("v4l2_tuner", Struct("v4l2_tuner", [
    ("index", "u32"), ("name", ("u8", 32)), ("type", "u32"), ("capability", "u32"),
    ("rangelow", "u32"), ("rangehigh", "u32"), ("rxsubchans", "u32"), ("audmode", "u32"),
    ("signal", "s32"), ("afc", "s32"), (None, ("u32", 4))]))
QUERYCTRL = named("v4l2_queryctrl", Struct("v4l2_queryctrl", [
    ("id", "u32"), ("type", "u32"), ("name", ("u8", 32)), ("minimum", "s32"),
    ("maximum", "s32"), ("step", "s32"), ("default_value", "s32"), ("flags", "u32"),
    ("reserved", ("u32", 2))]))
QUERY_EXT_CTRL = named("v4l2_query_ext_ctrl", Struct("v4l2_query_ext_ctrl", [
    ("id", "u32"), ("type", "u32"), ("name", ("u8", 32)), ("minimum", "s64"),
    ("maximum", "s64"), ("step", "u64"), ("default_value", "s64"), ("flags", "u32"),
    ("elem_size", "u32"), ("elems", "u32"), ("nr_of_dims", "u32"), ("dims", ("u32", 4)),
    ("reserved", ("u32", 32))]))
CROPCAP = named("v4l2_cropcap", Struct("v4l2_cropcap", [
    ("type", "u32"), ("bounds", RECT), ("defrect", RECT), ("pixelaspect", FRACT)]))
CROP = named("v4l2_crop", Struct("v4l2_crop", [("type", "u32"), ("c", RECT)]))
EXT_CONTROLS = named("v4l2_ext_controls", Struct("v4l2_ext_controls", [
    ("ctrl_class", "u32"), ("count", "u32"), ("error_idx", "u32"), ("request_fd", "s32"),
    (None, "u32"), ("controls", "ptr")]))
EXT_CONTROL = named("v4l2_ext_control", Struct("v4l2_ext_control", [
    ("id", "u32"), ("size", "u32"), (None, "u32"),
    ("", Union("v4l2_ext_control_value", [("value", "s32"), ("value64", "s64"),
                                          ("string", "ptr")], packed=True))], packed=True))
FRMSIZEENUM = named("v4l2_frmsizeenum", Struct("v4l2_frmsizeenum", [
    ("index", "u32"), ("pixel_format", "u32"), ("type", "u32"),
    ("", Union("v4l2_frmsize_union", [
        ("discrete", Struct("v4l2_frmsize_discrete", [("width", "u32"), ("height", "u32")])),
        ("stepwise", Struct("v4l2_frmsize_stepwise", [
            ("min_width", "u32"), ("max_width", "u32"), ("step_width", "u32"),
            ("min_height", "u32"), ("max_height", "u32"), ("step_height", "u32")]))])),
    (None, ("u32", 2))]))
FRMIVALENUM = named("v4l2_frmivalenum", Struct("v4l2_frmivalenum", [
    ("index", "u32"), ("pixel_format", "u32"), ("width", "u32"), ("height", "u32"),
    ("type", "u32"),
    ("", Union("v4l2_frmival_union", [
        ("discrete", FRACT),
        ("stepwise", Struct("v4l2_frmival_stepwise", [
            ("min", FRACT), ("max", FRACT), ("step", FRACT)]))])),
    (None, ("u32", 2))]))
CREATE_BUFFERS = named("v4l2_create_buffers", Struct("v4l2_create_buffers", [
    ("index", "u32"), ("count", "u32"), ("memory", "u32"), ("format", FORMAT),
    ("capabilities", "u32"), ("flags", "u32"), (None, ("u32", 6))]))
