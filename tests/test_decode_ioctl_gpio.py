"""Offline tests of the GPIO ioctl family (type 0xb4, linux/gpio.h): fake tracee memory in,
strace 6.1's text out."""
import struct

from minitrace.printers import Style

from decodertest import call_line

A = 0x10000
EBADF = -9
RAW, VERBOSE = Style(const_style="raw"), Style(const_style="verbose")

CHIPINFO, LINEINFO, LINEHANDLE, LINEEVENT = 0x8044b401, 0xc048b402, 0xc16cb403, 0xc030b404
V2_LINEINFO, V2_LINEINFO_WATCH, V2_GET_LINE = 0xc100b405, 0xc100b406, 0xc250b407
HANDLE_GET_VALUES, HANDLE_SET_VALUES, HANDLE_SET_CONFIG = 0xc040b408, 0xc040b409, 0xc054b40a
LINEINFO_WATCH, LINEINFO_UNWATCH = 0xc048b40b, 0xc004b40c
V2_SET_CONFIG, V2_GET_VALUES, V2_SET_VALUES = 0xc110b40d, 0xc010b40e, 0xc010b40f

BAD_FD = "-1 EBADF (Bad file descriptor)"


def name(text):
    return text.encode().ljust(32, b"\0")


def line_info(offset, flags, line_name=b"line", consumer=b"user"):
    return struct.pack("<II32s32s", offset, flags, line_name, consumer)


def handle_request(lines, offsets, flags, defaults, label=b"me", fd=7):
    return struct.pack("<64II64B32sIi", *(list(offsets) + [0] * (64 - len(offsets)) + [flags]
                                          + list(defaults) + [0] * (64 - len(defaults))
                                          + [label, lines, fd]))


def attribute(ident, value, padding=0):
    return struct.pack("<IIQ", ident, padding, value)


def line_config(flags, attrs=(), padding=(0,) * 5, num_attrs=None):
    body = b"".join(attribute(i, v, p) + struct.pack("<Q", mask) for i, v, p, mask in attrs)
    count = len(attrs) if num_attrs is None else num_attrs
    return struct.pack("<QI5I", flags, count, *padding) + body.ljust(240, b"\0")


def v2_line_info(offset, flags, attrs=(), padding=(0,) * 4, num_attrs=None):
    body = b"".join(attribute(i, v, p) for i, v, p in attrs)
    count = len(attrs) if num_attrs is None else num_attrs
    return (name("line") + name("user") + struct.pack("<IIQ", offset, count, flags)
            + body.ljust(160, b"\0") + struct.pack("<4I", *padding))


def test_unknown_command_prints_its_argument_at_entry():
    assert call_line("ioctl", [3, 0xcfedb45e, 0xbadc0ded], EBADF) == \
        "ioctl(3, _IOC(_IOC_READ|_IOC_WRITE, 0xb4, 0x5e, 0xfed), 0xbadc0ded) = " + BAD_FD


def test_chip_info_at_exit():
    chip = name("gpiochip0") + name("pinctrl") + struct.pack("<I", 54)
    assert call_line("ioctl", [3, CHIPINFO, A], 0, {A: chip}) == \
        'ioctl(3, GPIO_GET_CHIPINFO_IOCTL, {name="gpiochip0", label="pinctrl", lines=54}) = 0'
    assert call_line("ioctl", [3, CHIPINFO, A], EBADF, {A: chip}) == \
        "ioctl(3, GPIO_GET_CHIPINFO_IOCTL, 0x10000) = " + BAD_FD
    assert call_line("ioctl", [3, CHIPINFO, 0], EBADF) == \
        "ioctl(3, GPIO_GET_CHIPINFO_IOCTL, NULL) = " + BAD_FD
    # a name filling its whole array: all but its last byte, then `...`
    full = b"x" * 32 + name("") + struct.pack("<I", 1)
    assert call_line("ioctl", [3, CHIPINFO, A], 0, {A: full}) == \
        'ioctl(3, GPIO_GET_CHIPINFO_IOCTL, {name="%s"..., label="", lines=1}) = 0' % ("x" * 31)


def test_line_info_offset_at_entry_and_info_at_exit():
    info = line_info(50, 0, b"", b"")
    written = line_info(50, 0x4 | 0x8, b"line name", b"line consumer")
    assert call_line("ioctl", [3, LINEINFO, A], 0, {A: info}, exit_mem={A: written}) == \
        'ioctl(3, GPIO_GET_LINEINFO_IOCTL, {line_offset=50} => {flags=GPIOLINE_FLAG_ACTIVE_LOW' \
        '|GPIOLINE_FLAG_OPEN_DRAIN, name="line name", consumer="line consumer"}) = 0'
    assert call_line("ioctl", [3, LINEINFO_WATCH, A], 0, {A: line_info(1, 0x8000)},
                     style=VERBOSE) == \
        'ioctl(3, 0xc048b40b /* GPIO_GET_LINEINFO_WATCH_IOCTL */, {line_offset=1} => ' \
        '{flags=0x8000 /* GPIOLINE_FLAG_??? */, name="line", consumer="user"}) = 0'
    assert call_line("ioctl", [3, LINEINFO, A], 0, {A: line_info(1, 0x3)}, style=RAW) == \
        'ioctl(3, 0xc048b402, {line_offset=1} => {flags=0x3, name="line", consumer="user"}) = 0'
    # a failed call prints the offset only; an unreadable struct its address
    assert call_line("ioctl", [3, LINEINFO, A], EBADF, {A: info}) == \
        "ioctl(3, GPIO_GET_LINEINFO_IOCTL, {line_offset=50}) = " + BAD_FD
    assert call_line("ioctl", [3, LINEINFO, A + 1], EBADF, {A: info}) == \
        "ioctl(3, GPIO_GET_LINEINFO_IOCTL, 0x10001) = " + BAD_FD


def test_line_info_unwatch():
    assert call_line("ioctl", [3, LINEINFO_UNWATCH, A], 0, {A: struct.pack("<I", 78)}) == \
        "ioctl(3, GPIO_GET_LINEINFO_UNWATCH_IOCTL, {offset=78}) = 0"
    assert call_line("ioctl", [3, LINEINFO_UNWATCH, 0], EBADF) == \
        "ioctl(3, GPIO_GET_LINEINFO_UNWATCH_IOCTL, NULL) = " + BAD_FD


def test_handle_request_and_its_new_fd():
    request = handle_request(4, [18, 35, 52, 69], 0x4 | 0x10, [0, 1, 2, 6], b"line consumer")
    head = "ioctl(3, GPIO_GET_LINEHANDLE_IOCTL, {lines=4, lineoffsets=[18, 35, 52, 69], " \
        "flags=GPIOHANDLE_REQUEST_ACTIVE_LOW|GPIOHANDLE_REQUEST_OPEN_SOURCE, " \
        'default_values=[0, 1, 2, 6], consumer_label="line consumer"}'
    assert call_line("ioctl", [3, LINEHANDLE, A], 0, {A: request}) == head + " => {fd=7}) = 0"
    assert call_line("ioctl", [3, LINEHANDLE, A], EBADF, {A: request}) == head + ") = " + BAD_FD
    # more lines than the arrays hold: all 64, cut to -s elements without -v
    many = handle_request(65, range(1, 65), 0, range(64))
    text = call_line("ioctl", [3, LINEHANDLE, A], EBADF, {A: many})
    assert "lineoffsets=[%s, ...]" % ", ".join(str(i) for i in range(1, 33)) in text
    assert "default_values=[%s, ...]" % ", ".join(str(i) for i in range(32)) in text
    text = call_line("ioctl", [3, LINEHANDLE, A], EBADF, {A: many}, style=Style(verbose=True))
    assert "lineoffsets=[%s]" % ", ".join(str(i) for i in range(1, 65)) in text
    assert "flags=0, " in text


def test_event_request():
    request = struct.pack("<III32si", 4, 0x1, 0x3, b"ev", 101)
    assert call_line("ioctl", [3, LINEEVENT, A], 0, {A: request}) == \
        "ioctl(3, GPIO_GET_LINEEVENT_IOCTL, {lineoffset=4, handleflags=" \
        "GPIOHANDLE_REQUEST_INPUT, eventflags=GPIOEVENT_REQUEST_BOTH_EDGES, " \
        'consumer_label="ev"} => {fd=101}) = 0'
    request = struct.pack("<III32si", 4, 0x8000, 0x2 | 0x10, b"ev", 101)
    assert call_line("ioctl", [3, LINEEVENT, A], EBADF, {A: request}, style=VERBOSE) == \
        "ioctl(3, 0xc030b404 /* GPIO_GET_LINEEVENT_IOCTL */, {lineoffset=4, handleflags=" \
        "0x8000 /* GPIOHANDLE_REQUEST_??? */, eventflags=0x12 /* " \
        'GPIOEVENT_REQUEST_FALLING_EDGE|0x10 */, consumer_label="ev"}) = ' + BAD_FD


def test_handle_values_and_config():
    values = bytes(range(1, 65))
    shown = ", ".join(str(i) for i in range(1, 33))
    assert call_line("ioctl", [3, HANDLE_GET_VALUES, A], 0, {A: values}) == \
        "ioctl(3, GPIOHANDLE_GET_LINE_VALUES_IOCTL, {values=[%s, ...]}) = 0" % shown
    assert call_line("ioctl", [3, HANDLE_GET_VALUES, A], EBADF, {A: values}) == \
        "ioctl(3, GPIOHANDLE_GET_LINE_VALUES_IOCTL, 0x10000) = " + BAD_FD
    assert call_line("ioctl", [3, HANDLE_SET_VALUES, A], EBADF, {A: values}) == \
        "ioctl(3, GPIOHANDLE_SET_LINE_VALUES_IOCTL, {values=[%s, ...]}) = %s" % (shown, BAD_FD)
    assert call_line("ioctl", [3, HANDLE_SET_VALUES, A + 1], EBADF, {A: values}) == \
        "ioctl(3, GPIOHANDLE_SET_LINE_VALUES_IOCTL, 0x10001) = " + BAD_FD
    config = struct.pack("<I", 0x8000) + bytes(64) + bytes(16)
    assert call_line("ioctl", [3, HANDLE_SET_CONFIG, A], 0, {A: config},
                     style=Style(string_limit=4)) == \
        "ioctl(3, GPIOHANDLE_SET_CONFIG_IOCTL, {flags=0x8000 /* GPIOHANDLE_REQUEST_??? */, " \
        "default_values=[0, 0, 0, 0, ...]}) = 0"
    assert call_line("ioctl", [3, HANDLE_SET_CONFIG, A], 0, {A: config},
                     style=Style(string_limit=2, const_style="raw")) == \
        "ioctl(3, 0xc054b40a, {flags=0x8000, default_values=[0, 0, ...]}) = 0"


def test_v2_line_info_attributes_and_padding():
    info = v2_line_info(55, 0, num_attrs=0)
    written = v2_line_info(55, 0x2 | 0x100, [(3, 0xdeadbeef, 0), (2, 0xdeadbeefba11c0da, 0xfeed),
                                             (1, 0x8000, 0), (7, 0x5, 0)], padding=(0, 0, 9, 0))
    assert call_line("ioctl", [3, V2_LINEINFO, A], 0, {A: info}, exit_mem={A: written}) == \
        'ioctl(3, GPIO_V2_GET_LINEINFO_IOCTL, {offset=55} => {name="line", consumer="user", ' \
        "flags=GPIO_V2_LINE_FLAG_ACTIVE_LOW|GPIO_V2_LINE_FLAG_BIAS_PULL_UP, num_attrs=4, " \
        "attrs=[{debounce_period_us=3735928559}, {id=2, padding=0xfeed, " \
        "data=0xdeadbeefba11c0da}, {flags=0x8000 /* GPIO_V2_LINE_FLAG_??? */}, " \
        "{id=7, data=0x5}], padding=[0, 0, 0x9, 0]}) = 0"
    assert call_line("ioctl", [3, V2_LINEINFO_WATCH, A], 0, {A: info}, style=RAW) == \
        "ioctl(3, 0xc100b406, {offset=55} => {name=\"line\", consumer=\"user\", flags=0, " \
        "num_attrs=0}) = 0"
    # num_attrs past the array: its ten elements
    many = v2_line_info(1, 0, [(2, i, 0) for i in range(10)], num_attrs=11)
    text = call_line("ioctl", [3, V2_LINEINFO, A], 0, {A: many})
    assert text.endswith("num_attrs=11, attrs=[%s]}) = 0" % ", ".join(
        "{values=%s}" % ("0x%x" % i if i else "0") for i in range(10)))
    assert call_line("ioctl", [3, V2_LINEINFO, A], EBADF, {A: info}) == \
        "ioctl(3, GPIO_V2_GET_LINEINFO_IOCTL, {offset=55}) = " + BAD_FD


def test_v2_line_request():
    offsets = struct.pack("<64I", *([18, 35, 52, 69] + [0] * 60))
    config = line_config(0x4, [(1, 0x2, 0, 0x1), (1, 0, 0xfeedface, 0x3)])

    def request(event_buffer_size=0, padding=(0,) * 5):
        return offsets + name("line consumer") + config + struct.pack(
            "<II5Ii", 4, event_buffer_size, *(tuple(padding) + (100,)))
    head = "ioctl(3, GPIO_V2_GET_LINE_IOCTL, {num_lines=4, offsets=[18, 35, 52, 69], " \
        'consumer="line consumer", config={flags=GPIO_V2_LINE_FLAG_INPUT, num_attrs=2, ' \
        "attrs=[{flags=GPIO_V2_LINE_FLAG_ACTIVE_LOW, mask=0x1}, {attr={id=1, " \
        "padding=0xfeedface, data=0}, mask=0x3}]}"
    assert call_line("ioctl", [3, V2_GET_LINE, A], 0, {A: request()}) == \
        head + "} => {fd=100}) = 0"
    assert call_line("ioctl", [3, V2_GET_LINE, A], EBADF, {A: request(16, (0, 5, 0, 0, 0))}) \
        == head + ", event_buffer_size=16, padding=[0, 0x5, 0, 0, 0]}) = " + BAD_FD
    assert call_line("ioctl", [3, V2_GET_LINE, A + 8], EBADF, {A: request()}) == \
        "ioctl(3, GPIO_V2_GET_LINE_IOCTL, 0x10008) = " + BAD_FD


def test_v2_line_config():
    config = line_config(0x2 | 0x100, padding=(0, 0xfeedface, 0, 0, 0))
    assert call_line("ioctl", [3, V2_SET_CONFIG, A], 0, {A: config}) == \
        "ioctl(3, GPIO_V2_LINE_SET_CONFIG_IOCTL, {flags=GPIO_V2_LINE_FLAG_ACTIVE_LOW|" \
        "GPIO_V2_LINE_FLAG_BIAS_PULL_UP, num_attrs=0, padding=[0, 0xfeedface, 0, 0, 0]}) = 0"
    config = line_config(0x8000, [(3, 10, 0, 0x1)])
    assert call_line("ioctl", [3, V2_SET_CONFIG, A], EBADF, {A: config}, style=VERBOSE) == \
        "ioctl(3, 0xc110b40d /* GPIO_V2_LINE_SET_CONFIG_IOCTL */, {flags=0x8000 /* " \
        "GPIO_V2_LINE_FLAG_??? */, num_attrs=1, attrs=[{debounce_period_us=10, mask=0x1}]}) = " \
        + BAD_FD


def test_v2_values():
    values = struct.pack("<QQ", 0xcacafeedfacecafe, 0xfadebeaddeedbabe)
    assert call_line("ioctl", [3, V2_GET_VALUES, A], 0, {A: values}) == \
        "ioctl(3, GPIO_V2_LINE_GET_VALUES_IOCTL, {mask=0xfadebeaddeedbabe} => " \
        "{bits=0xcacafeedfacecafe}) = 0"
    assert call_line("ioctl", [3, V2_GET_VALUES, A], EBADF, {A: values}) == \
        "ioctl(3, GPIO_V2_LINE_GET_VALUES_IOCTL, {mask=0xfadebeaddeedbabe}) = " + BAD_FD
    assert call_line("ioctl", [3, V2_SET_VALUES, A], 0, {A: values}) == \
        "ioctl(3, GPIO_V2_LINE_SET_VALUES_IOCTL, {bits=0xcacafeedfacecafe, " \
        "mask=0xfadebeaddeedbabe}) = 0"
    assert call_line("ioctl", [3, V2_SET_VALUES, 0], EBADF) == \
        "ioctl(3, GPIO_V2_LINE_SET_VALUES_IOCTL, NULL) = " + BAD_FD


def test_i386_keeps_the_aligned_u64_layout():
    # gpio_v2_line_attribute's union is 8-aligned on i386 too (__aligned_u64)
    config = line_config(0, [(2, 0x11, 0, 0x1)])
    assert call_line("ioctl", [3, V2_SET_CONFIG, A], 0, {A: config}, abi="i386") == \
        "ioctl(3, GPIO_V2_LINE_SET_CONFIG_IOCTL, {flags=0, num_attrs=1, " \
        "attrs=[{values=0x11, mask=0x1}]}) = 0"
