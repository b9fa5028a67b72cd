"""Offline tests of the Video4Linux2 ioctl family (type 'V', linux/videodev2.h): fake tracee
memory in, strace 6.1's text out."""
import struct

import syscalls
from minitrace.decode.ioctl.base import command_numbers, ioc_size
from minitrace.decode.ioctl.v4l2 import layouts
from minitrace.printers import Style

from decodertest import call_line

A = 0x10000
B = 0x20000
EBADF = -9
BAD_FD = "-1 EBADF (Bad file descriptor)"
RAW, VERBOSE, FULL = Style(const_style="raw"), Style(const_style="verbose"), Style(verbose=True)

QUERYCAP, ENUM_FMT, G_FMT, S_FMT = 0x80685600, 0xc0405602, 0xc0d05604, 0xc0d05605
REQBUFS, QUERYBUF, DQBUF, G_FBUF = 0xc0145608, 0xc0585609, 0xc0585611, 0x8030560a
STREAMON, G_PARM, S_STD, G_CTRL, S_CTRL = 0x40045612, 0xc0cc5615, 0x40085618, 0xc008561b, \
    0xc008561c
S_TUNER, QUERYCTRL, G_INPUT, S_CROP = 0x4054561e, 0xc0445624, 0x80045626, 0x4014563c
S_EXT_CTRLS, G_EXT_CTRLS, ENUM_FRAMESIZES, CREATE_BUFS = 0xc0205648, 0xc0205647, 0xc02c564a, \
    0xc100565c


def fourcc(text):
    return struct.unpack("<I", text.encode())[0]


def pix_format(type_, fmt):
    """A struct v4l2_format of `type_` whose fmt.pix is (width, height, format, field,
    bytesperline, sizeimage, colorspace)."""
    return struct.pack("<I4x7I", type_, *fmt).ljust(208, b"\0")


def test_every_struct_is_the_size_of_its_command_on_every_abi():
    by_command = {"VIDIOC_QUERYCAP": layouts.CAPABILITY, "VIDIOC_ENUM_FMT": layouts.FMTDESC,
                  "VIDIOC_G_FMT": layouts.FORMAT, "VIDIOC_REQBUFS": layouts.REQUESTBUFFERS,
                  "VIDIOC_QBUF": layouts.BUFFER, "VIDIOC_G_FBUF": layouts.FRAMEBUFFER,
                  "VIDIOC_G_PARM": layouts.STREAMPARM, "VIDIOC_ENUMSTD": layouts.STANDARD,
                  "VIDIOC_ENUMINPUT": layouts.INPUT, "VIDIOC_G_CTRL": layouts.CONTROL,
                  "VIDIOC_G_TUNER": layouts.TUNER, "VIDIOC_QUERYCTRL": layouts.QUERYCTRL,
                  "VIDIOC_QUERY_EXT_CTRL": layouts.QUERY_EXT_CTRL,
                  "VIDIOC_CROPCAP": layouts.CROPCAP, "VIDIOC_G_CROP": layouts.CROP,
                  "VIDIOC_G_EXT_CTRLS": layouts.EXT_CONTROLS,
                  "VIDIOC_ENUM_FRAMESIZES": layouts.FRMSIZEENUM,
                  "VIDIOC_ENUM_FRAMEINTERVALS": layouts.FRMIVALENUM,
                  "VIDIOC_CREATE_BUFS": layouts.CREATE_BUFFERS}
    for abi in syscalls.ABIS:
        numbers = command_numbers(abi)
        for name, layout in by_command.items():
            code = numbers.get(name, numbers.get(name + "_TIME32"))
            assert ioc_size(code, abi) == layout.on(abi).size, (abi, name)


def test_querycap_at_exit():
    caps = (b"uvcvideo".ljust(16, b"\0") + b"Camera".ljust(32, b"\0")
            + b"usb-1".ljust(32, b"\0") + struct.pack("<4I12x", 0x060100, 0x84200001, 0x04200001,
                                                      0))
    assert call_line("ioctl", [3, QUERYCAP, A], 0, {A: caps}) == (
        'ioctl(3, VIDIOC_QUERYCAP, {driver="uvcvideo", card="Camera", bus_info="usb-1", '
        "version=KERNEL_VERSION(6, 1, 0), capabilities=V4L2_CAP_VIDEO_CAPTURE|"
        "V4L2_CAP_EXT_PIX_FORMAT|V4L2_CAP_STREAMING|V4L2_CAP_DEVICE_CAPS, "
        "device_caps=V4L2_CAP_VIDEO_CAPTURE|V4L2_CAP_EXT_PIX_FORMAT|V4L2_CAP_STREAMING}) = 0")
    assert call_line("ioctl", [3, QUERYCAP, A], EBADF, {A: caps}) == \
        "ioctl(3, VIDIOC_QUERYCAP, 0x10000) = " + BAD_FD
    assert call_line("ioctl", [3, QUERYCAP, 0], EBADF) == \
        "ioctl(3, VIDIOC_QUERYCAP, NULL) = " + BAD_FD


def test_enum_fmt_index_and_type_at_entry_the_format_at_exit():
    desc = struct.pack("<3I32sI16x", 0, 1, 1, b"YUYV 4:2:2", fourcc("YUYV"))
    assert call_line("ioctl", [3, ENUM_FMT, A], 0, {A: desc}) == (
        "ioctl(3, VIDIOC_ENUM_FMT, {index=0, type=V4L2_BUF_TYPE_VIDEO_CAPTURE, "
        'flags=V4L2_FMT_FLAG_COMPRESSED, description="YUYV 4:2:2", '
        "pixelformat=v4l2_fourcc('Y', 'U', 'Y', 'V') /* V4L2_PIX_FMT_YUYV */}) = 0")
    assert call_line("ioctl", [3, ENUM_FMT, A], EBADF, {A: desc}) == \
        "ioctl(3, VIDIOC_ENUM_FMT, {index=0, type=V4L2_BUF_TYPE_VIDEO_CAPTURE}) = " + BAD_FD


def test_fourcc_styles_and_unnamed_bytes():
    fmt = pix_format(1, (640, 480, 0x0d5c2722, 1, 1280, 614400, 8))
    head = "ioctl(3, VIDIOC_S_FMT, {type=V4L2_BUF_TYPE_VIDEO_CAPTURE, fmt.pix={width=640, " \
           "height=480, pixelformat="
    tail = (", field=V4L2_FIELD_NONE, bytesperline=1280, sizeimage=614400, "
            "colorspace=V4L2_COLORSPACE_SRGB}}) = " + BAD_FD)
    assert call_line("ioctl", [3, S_FMT, A], EBADF, {A: fmt}) == \
        head + "v4l2_fourcc('\"', '\\'', '\\\\', '\\x0d')" + tail
    assert call_line("ioctl", [3, S_FMT, A], EBADF, {A: fmt}, style=RAW) == (
        "ioctl(3, 0xc0d05605, {type=0x1, fmt.pix={width=640, height=480, pixelformat=0xd5c2722, "
        "field=0x1, bytesperline=1280, sizeimage=614400, colorspace=0x8}}) = " + BAD_FD)


def test_s_fmt_prints_what_the_kernel_changed():
    before = pix_format(1, (640, 480, fourcc("YUYV"), 1, 1280, 614400, 8))
    after = pix_format(1, (320, 240, fourcc("YUYV"), 1, 640, 153600, 8))
    yuyv = "v4l2_fourcc('Y', 'U', 'Y', 'V') /* V4L2_PIX_FMT_YUYV */"
    assert call_line("ioctl", [3, S_FMT, A], 0, {A: before}, exit_mem={A: after}) == (
        "ioctl(3, VIDIOC_S_FMT, {type=V4L2_BUF_TYPE_VIDEO_CAPTURE, fmt.pix={width=640, "
        "height=480, pixelformat=%s, field=V4L2_FIELD_NONE, bytesperline=1280, "
        "sizeimage=614400, colorspace=V4L2_COLORSPACE_SRGB}} => {fmt.pix={width=320, "
        "height=240, pixelformat=%s, field=V4L2_FIELD_NONE, bytesperline=640, "
        "sizeimage=153600, colorspace=V4L2_COLORSPACE_SRGB}}) = 0" % (yuyv, yuyv))
    assert call_line("ioctl", [3, G_FMT, A], 0, {A: after}) == (
        "ioctl(3, VIDIOC_G_FMT, {type=V4L2_BUF_TYPE_VIDEO_CAPTURE, fmt.pix={width=320, "
        "height=240, pixelformat=%s, field=V4L2_FIELD_NONE, bytesperline=640, "
        "sizeimage=153600, colorspace=V4L2_COLORSPACE_SRGB}}) = 0" % yuyv)


def test_format_of_an_unknown_type_and_an_overlay_window_with_an_unreadable_clip():
    assert call_line("ioctl", [3, S_FMT, A], EBADF, {A: struct.pack("<I", 0x99).ljust(208,
                                                                                    b"\0")}) \
        == "ioctl(3, VIDIOC_S_FMT, {type=0x99 /* V4L2_BUF_TYPE_??? */}) = " + BAD_FD
    window = struct.pack("<I4xiiIIIIQI4xQB", 3, -1, 2, 10, 20, 0, 0x10, B, 2, 0, 0xff)
    clip = struct.pack("<iiIIQ", 1, 2, 3, 4, 0)
    assert call_line("ioctl", [3, S_FMT, A], 0, {A: window.ljust(208, b"\0"), B: clip}) == (
        "ioctl(3, VIDIOC_S_FMT, {type=V4L2_BUF_TYPE_VIDEO_OVERLAY, fmt.win={w={left=-1, top=2, "
        "width=10, height=20}, field=V4L2_FIELD_ANY, chromakey=0x10, clips=[{c={left=1, top=2, "
        "width=3, height=4}}, ... /* 0x20018 */], clipcount=2, bitmap=NULL, "
        "global_alpha=0xff}}) = 0")


def test_reqbufs_count_changed():
    assert call_line("ioctl", [3, REQBUFS, A], 0, {A: struct.pack("<5I", 4, 1, 1, 0, 0)},
                     exit_mem={A: struct.pack("<5I", 2, 1, 1, 0, 0)}) == (
        "ioctl(3, VIDIOC_REQBUFS, {type=V4L2_BUF_TYPE_VIDEO_CAPTURE, memory=V4L2_MEMORY_MMAP, "
        "count=4 => 2}) = 0")


def buffer(index, memory, m, flags, sec=0, usec=0):
    return struct.pack("<5I4xqq16xIIQI4xi4x", index, 1, 100, flags, 1, sec, usec, 0, memory, m,
                       4096, 0)


def test_buffers_flags_and_dequeue_timestamp():
    assert call_line("ioctl", [3, QUERYBUF, A], 0, {A: buffer(2, 1, 0x1000, 0x2003)}) == (
        "ioctl(3, VIDIOC_QUERYBUF, {type=V4L2_BUF_TYPE_VIDEO_CAPTURE, index=2, "
        "memory=V4L2_MEMORY_MMAP, m.offset=0x1000, length=4096, bytesused=100, "
        "flags=V4L2_BUF_FLAG_MAPPED|V4L2_BUF_FLAG_QUEUED|V4L2_BUF_FLAG_TIMESTAMP_MONOTONIC|"
        "V4L2_BUF_FLAG_TSTAMP_SRC_EOF, ...}) = 0")
    assert call_line("ioctl", [3, DQBUF, A], 0, {A: buffer(1, 2, 0x7f00, 0x10000, 5, 6)}) == (
        "ioctl(3, VIDIOC_DQBUF, {type=V4L2_BUF_TYPE_VIDEO_CAPTURE, index=1, "
        "memory=V4L2_MEMORY_USERPTR, m.userptr=0x7f00, length=4096, bytesused=100, "
        "flags=V4L2_BUF_FLAG_TIMESTAMP_UNKNOWN|V4L2_BUF_FLAG_TSTAMP_SRC_SOE, "
        "timestamp={tv_sec=5, tv_usec=6}, ...}) = 0")
    assert call_line("ioctl", [3, DQBUF, A], EBADF, {A: buffer(1, 2, 0, 0)}) == \
        "ioctl(3, VIDIOC_DQBUF, {type=V4L2_BUF_TYPE_VIDEO_CAPTURE}) = " + BAD_FD


def test_numbers_by_pointer():
    assert call_line("ioctl", [3, STREAMON, A], 0, {A: struct.pack("<I", 1)}) == \
        "ioctl(3, VIDIOC_STREAMON, [V4L2_BUF_TYPE_VIDEO_CAPTURE]) = 0"
    assert call_line("ioctl", [3, S_STD, A], 0, {A: struct.pack("<Q", 0xb000)}) == \
        "ioctl(3, VIDIOC_S_STD, [0xb000]) = 0"
    assert call_line("ioctl", [3, G_INPUT, A], 0, {A: struct.pack("<I", 0xffffffff)}) == \
        "ioctl(3, VIDIOC_G_INPUT, [4294967295]) = 0"
    assert call_line("ioctl", [3, G_INPUT, A], EBADF, {A: struct.pack("<I", 1)}) == \
        "ioctl(3, VIDIOC_G_INPUT, 0x10000) = " + BAD_FD
    assert call_line("ioctl", [3, G_FBUF, A], 0, {A: struct.pack("<IIQ32x", 1, 2, 0)}) == \
        "ioctl(3, VIDIOC_G_FBUF, {capability=0x1, flags=0x2, base=NULL}) = 0"


def test_streamparm_capture_and_other_types():
    parm = struct.pack("<7I", 1, 0x1000, 1, 1, 30, 0, 4).ljust(204, b"\0")
    assert call_line("ioctl", [3, G_PARM, A], 0, {A: parm}) == (
        "ioctl(3, VIDIOC_G_PARM, {type=V4L2_BUF_TYPE_VIDEO_CAPTURE, parm.capture={"
        "capability=V4L2_CAP_TIMEPERFRAME, capturemode=V4L2_MODE_HIGHQUALITY, "
        "timeperframe=1/30, extendedmode=0, readbuffers=4}}) = 0")
    assert call_line("ioctl", [3, G_PARM, A], 0, {A: struct.pack("<I", 9).ljust(204, b"\0")}) \
        == "ioctl(3, VIDIOC_G_PARM, {type=V4L2_BUF_TYPE_VIDEO_CAPTURE_MPLANE}) = 0"


def test_control_ids():
    def g_ctrl(cid, style=None):
        return call_line("ioctl", [3, G_CTRL, A], EBADF, {A: struct.pack("<Ii", cid, 0)},
                         style=style)
    assert g_ctrl(0x980900) == "ioctl(3, VIDIOC_G_CTRL, {id=V4L2_CID_BRIGHTNESS}) = " + BAD_FD
    assert g_ctrl(0x9a1234) == \
        "ioctl(3, VIDIOC_G_CTRL, {id=V4L2_CTRL_CLASS_CAMERA+0x1234}) = " + BAD_FD
    assert g_ctrl(0x97abcd) == \
        "ioctl(3, VIDIOC_G_CTRL, {id=0x97abcd /* V4L2_CID_??? */}) = " + BAD_FD
    assert g_ctrl(0x980900, VERBOSE) == \
        "ioctl(3, 0xc008561b /* VIDIOC_G_CTRL */, {id=0x980900 /* V4L2_CID_BRIGHTNESS */}) = " \
        + BAD_FD
    assert g_ctrl(0x980900, RAW) == "ioctl(3, 0xc008561b, {id=0x980900}) = " + BAD_FD
    assert call_line("ioctl", [3, S_CTRL, A], 0, {A: struct.pack("<Ii", 0x980900, -1)},
                     exit_mem={A: struct.pack("<Ii", 0x980900, 5)}) == \
        "ioctl(3, VIDIOC_S_CTRL, {id=V4L2_CID_BRIGHTNESS, value=-1 => 5}) = 0"


def test_queryctrl_abbreviated_unless_verbose():
    asked = struct.pack("<II32s5i2I", 0x80000000 | 0x980900, 0, b"", 0, 0, 0, 0, 0, 0, 0)
    answer = struct.pack("<II32s5i2I", 0x980901, 1, b"Contrast", 0, 255, 1, 128, 0x20, 0, 0)
    head = "ioctl(3, VIDIOC_QUERYCTRL, {id=V4L2_CTRL_FLAG_NEXT_CTRL|V4L2_CID_BRIGHTNESS => " \
           'V4L2_CID_CONTRAST, type=V4L2_CTRL_TYPE_INTEGER, name="Contrast", '
    assert call_line("ioctl", [3, QUERYCTRL, A], 0, {A: asked}, exit_mem={A: answer}) == \
        head + "...}) = 0"
    assert call_line("ioctl", [3, QUERYCTRL, A], 0, {A: asked}, exit_mem={A: answer},
                     style=FULL) == \
        head + "minimum=0, maximum=255, step=1, default_value=128, " \
               "flags=V4L2_CTRL_FLAG_SLIDER}) = 0"


def test_tuner_set_prints_the_kernel_answer():
    tuner = struct.pack("<I32s6I2i16x", 0, b"FM", 1, 1, 10, 20, 2, 1, -5, 3)
    fields = ('name="FM", type=V4L2_TUNER_RADIO, capability=V4L2_TUNER_CAP_LOW, rangelow=10, '
              "rangehigh=20, rxsubchans=V4L2_TUNER_SUB_STEREO, audmode=V4L2_TUNER_MODE_STEREO, "
              "signal=-5, afc=3")
    assert call_line("ioctl", [3, S_TUNER, A], 0, {A: tuner}) == \
        "ioctl(3, VIDIOC_S_TUNER, {index=0, %s} => {%s}) = 0" % (fields, fields)


def test_crop_and_frame_sizes():
    assert call_line("ioctl", [3, S_CROP, A], 0, {A: struct.pack("<IiiII", 1, -1, 0, 8, 9)}) \
        == "ioctl(3, VIDIOC_S_CROP, {type=V4L2_BUF_TYPE_VIDEO_CAPTURE, c={left=-1, top=0, " \
           "width=8, height=9}}) = 0"
    sizes = struct.pack("<5I28x", 0, fourcc("MJPG"), 1, 640, 480)
    assert call_line("ioctl", [3, ENUM_FRAMESIZES, A], 0, {A: sizes}) == (
        "ioctl(3, VIDIOC_ENUM_FRAMESIZES, {index=0, pixel_format=v4l2_fourcc('M', 'J', 'P', "
        "'G') /* V4L2_PIX_FMT_MJPEG */, type=V4L2_FRMSIZE_TYPE_DISCRETE, "
        "discrete={width=640, height=480}}) = 0")


def test_ext_controls_and_error_index():
    controls = struct.pack("<IIIiI4xQ", 0x980000, 2, 1, 0, 0, B)
    array = struct.pack("<III", 0x980900, 0, 0) + struct.pack("<q", 7) + \
        struct.pack("<III", 0x980901, 2, 0) + struct.pack("<Q", B + 0x100)
    mem = {A: controls, B: array, B + 0x100: b"ab"}
    items = ('[{id=V4L2_CID_BRIGHTNESS, size=0, value=7, value64=7}, '
             '{id=V4L2_CID_CONTRAST, size=2, string="ab"}]')
    assert call_line("ioctl", [3, S_EXT_CTRLS, A], EBADF, mem) == (
        "ioctl(3, VIDIOC_S_EXT_CTRLS, {ctrl_class=V4L2_CTRL_CLASS_USER, count=2, controls=%s} "
        "=> {controls=%s, error_idx=1}) = %s" % (items, items, BAD_FD))
    assert call_line("ioctl", [3, G_EXT_CTRLS, A], 0, mem) == (
        "ioctl(3, VIDIOC_G_EXT_CTRLS, {ctrl_class=V4L2_CTRL_CLASS_USER, count=2, "
        "controls=%s}) = 0" % items)
    assert call_line("ioctl", [3, G_EXT_CTRLS, A], 0, {A: struct.pack("<IIIiI4xQ", 0, 0, 0, 0,
                                                                        0, 0)}) == \
        "ioctl(3, VIDIOC_G_EXT_CTRLS, {ctrl_class=0 /* V4L2_CTRL_CLASS_??? */, count=0}) = 0"


def test_create_bufs_annotates_the_return_value():
    request = struct.pack("<3I4x", 0, 3, 1) + pix_format(1, (8, 8, 0, 0, 8, 64, 0)) + bytes(32)
    created = struct.pack("<3I4x", 5, 2, 1) + pix_format(1, (8, 8, 0, 0, 8, 64, 0)) + bytes(32)
    assert call_line("ioctl", [3, CREATE_BUFS, A], 0, {A: request}, exit_mem={A: created}) == (
        "ioctl(3, VIDIOC_CREATE_BUFS, {count=3, memory=V4L2_MEMORY_MMAP, format={"
        "type=V4L2_BUF_TYPE_VIDEO_CAPTURE, fmt.pix={width=8, height=8, "
        "pixelformat=v4l2_fourcc('\\x00', '\\x00', '\\x00', '\\x00'), field=V4L2_FIELD_ANY, "
        "bytesperline=8, sizeimage=64, colorspace=V4L2_COLORSPACE_DEFAULT}}}) = "
        "0 ({index=5, count=2})")


def test_unlisted_command_prints_its_argument_as_a_number():
    assert call_line("ioctl", [3, 0xc0345641, A], EBADF) == \
        "ioctl(3, VIDIOC_ENUMAUDIO, 0x10000) = " + BAD_FD


def test_i386_buffer_names():
    numbers = command_numbers("i386")
    buf = struct.pack("<5Iii16x4I8x", 2, 1, 100, 0, 1, 0, 0, 0, 1, 0x1000, 4096)
    assert call_line("ioctl", [3, numbers["VIDIOC_QBUF_TIME32"], A], 0, {A: buf},
                     abi="i386").startswith(
        "ioctl(3, VIDIOC_QBUF_TIME32, {type=V4L2_BUF_TYPE_VIDEO_CAPTURE, index=2, "
        "memory=V4L2_MEMORY_MMAP, m.offset=0x1000, length=4096,")


def test_not_decoded_under_verbose_none():
    caps = bytes(104)
    assert call_line("ioctl", [3, QUERYCAP, A], 0, {A: caps}, style=Style(deref=False)) == \
        "ioctl(3, VIDIOC_QUERYCAP, 0x10000) = 0"
