"""struct v4l2_format: its `fmt` union printed by the buffer type (print_v4l2_format_fmt), for
VIDIOC_G_FMT/S_FMT/TRY_FMT and VIDIOC_CREATE_BUFS's format."""
from minitrace import printers
from minitrace.decode.array import local_array, print_array_ex
from minitrace.decode.common import const, flag_text
from minitrace.decode.ioctl.v4l2 import layouts, tables


def _struct(pairs):
    return "{" + ", ".join("%s=%s" % p for p in pairs if p is not None) + "}"


def _elements(v, key, count):
    return [v["%s[%d]" % (key, i)] for i in range(count)]



def _pix(ctx, call, v, p):
    return _struct([
        ("width", "%d" % v[p + "width"]), ("height", "%d" % v[p + "height"]),
        ("pixelformat", tables.fourcc(ctx, call, v[p + "pixelformat"])),
        ("field", tables.field(ctx, call, v[p + "field"])),
        ("bytesperline", "%d" % v[p + "bytesperline"]),
        ("sizeimage", "%d" % v[p + "sizeimage"]),
        ("colorspace", tables.colorspace(ctx, call, v[p + "colorspace"]))]), True


def _pix_mp(ctx, call, v, p):
    num_planes = v[p + "num_planes"]
    planes = ["{sizeimage=%d, bytesperline=%d}" % (v["%splane_fmt[%d].sizeimage" % (p, i)],
                                                   v["%splane_fmt[%d].bytesperline" % (p, i)])
              for i in range(min(num_planes, layouts.PLANES_MAX))]
    return _struct([
        ("width", "%d" % v[p + "width"]), ("height", "%d" % v[p + "height"]),
        ("pixelformat", tables.fourcc(ctx, call, v[p + "pixelformat"])),
        ("field", tables.field(ctx, call, v[p + "field"])),
        ("colorspace", tables.colorspace(ctx, call, v[p + "colorspace"])),
        ("plane_fmt", local_array(ctx, planes)),
        ("num_planes", "%d" % num_planes)]), True


def _win(ctx, call, v, p):
    clip = layouts.CLIP.on(call.abi)

    def show_clip(c):
        return "{c=%s}" % tables.rect(c, "c")
    clips, complete = print_array_ex(ctx, call, v[p + "clips"], v[p + "clipcount"], clip.size,
                                     clip.dict, show_clip)
    alpha = v[p + "global_alpha"]
    return _struct([
        ("w", tables.rect(v, p + "w")),
        ("field", tables.field(ctx, call, v[p + "field"])),
        ("chromakey", printers.hexnum(v[p + "chromakey"])),
        ("clips", clips), ("clipcount", "%d" % v[p + "clipcount"]),
        ("bitmap", printers.ptr(v[p + "bitmap"])),
        ("global_alpha", printers.hexnum(alpha)) if alpha else None]), complete


def _vbi(ctx, call, v, p):
    return _struct([
        ("sampling_rate", "%d" % v[p + "sampling_rate"]), ("offset", "%d" % v[p + "offset"]),
        ("samples_per_line", "%d" % v[p + "samples_per_line"]),
        ("sample_format", tables.fourcc(ctx, call, v[p + "sample_format"])),
        ("start", local_array(ctx, ["%d" % x for x in _elements(v, p + "start", 2)])),
        ("count", local_array(ctx, ["%d" % x for x in _elements(v, p + "count", 2)])),
        ("flags", flag_text(ctx, call, v[p + "flags"], tables.VBI_FLAGS, "V4L2_VBI_???"))]), True


def _sliced(ctx, call, v, p):
    lines = _elements(v, p + "service_lines", 2 * layouts.SLICED_LINES)
    rows = [local_array(ctx, [printers.hexnum(x) for x in lines[i:i + layouts.SLICED_LINES]])
            for i in (0, layouts.SLICED_LINES)]
    return _struct([
        ("service_set", flag_text(ctx, call, v[p + "service_set"], tables.SLICED_FLAGS,
                                  "V4L2_SLICED_???")),
        ("service_lines", local_array(ctx, rows)),
        ("io_size", "%d" % v[p + "io_size"])]), True


def _sdr(ctx, call, v, p):
    size = v[p + "buffersize"]
    return _struct([
        ("pixelformat", tables.fourcc(ctx, call, v[p + "pixelformat"], tables.SDR_FORMATS)),
        ("buffersize", "%d" % size) if size else None]), True


def _meta(ctx, call, v, p):
    return _struct([
        ("dataformat", tables.fourcc(ctx, call, v[p + "dataformat"], tables.META_FORMATS)),
        ("buffersize", "%d" % v[p + "buffersize"])]), True


# the union member of each buffer type
BY_TYPE = (
    (("V4L2_BUF_TYPE_VIDEO_CAPTURE", "V4L2_BUF_TYPE_VIDEO_OUTPUT"), "pix", _pix),
    (("V4L2_BUF_TYPE_VIDEO_CAPTURE_MPLANE", "V4L2_BUF_TYPE_VIDEO_OUTPUT_MPLANE"), "pix_mp",
     _pix_mp),
    (("V4L2_BUF_TYPE_VIDEO_OUTPUT_OVERLAY", "V4L2_BUF_TYPE_VIDEO_OVERLAY"), "win", _win),
    (("V4L2_BUF_TYPE_VBI_CAPTURE", "V4L2_BUF_TYPE_VBI_OUTPUT"), "vbi", _vbi),
    (("V4L2_BUF_TYPE_SLICED_VBI_CAPTURE", "V4L2_BUF_TYPE_SLICED_VBI_OUTPUT"), "sliced", _sliced),
    (("V4L2_BUF_TYPE_SDR_OUTPUT", "V4L2_BUF_TYPE_SDR_CAPTURE"), "sdr", _sdr),
    (("V4L2_BUF_TYPE_META_OUTPUT", "V4L2_BUF_TYPE_META_CAPTURE"), "meta", _meta),
)


def fmt_text(ctx, call, v, prefix=""):
    """(`fmt.pix={...}`, complete) of the v4l2_format whose fields are v's keys under prefix;
    None for a buffer type of no known member. complete is False when an array of it could not
    all be read (the window's clips)."""
    buf_type = v[prefix + "type"]
    for type_names, member, show in BY_TYPE:
        if any(const(ctx, call, n) == buf_type for n in type_names):
            text, complete = show(ctx, call, v, "%sfmt.%s." % (prefix, member))
            return "fmt.%s=%s" % (member, text), complete
    return None
