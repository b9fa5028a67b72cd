"""Offline tests of the LIRC ioctl family (type 'i', linux/lirc.h): fake tracee memory in,
strace 6.1's text out."""
import struct

from minitrace.printers import Style

from decodertest import call_line

A = 0x10000
EBADF = -9
BAD_FD = "-1 EBADF (Bad file descriptor)"
RAW, VERBOSE = Style(const_style="raw"), Style(const_style="verbose")

GET_FEATURES, GET_REC_MODE, GET_MIN_TIMEOUT = 0x80046900, 0x80046902, 0x80046908
SET_SEND_MODE, SET_TRANSMITTER_MASK, SET_REC_TIMEOUT = 0x40046911, 0x40046917, 0x40046918
SET_REC_CARRIER_RANGE = 0x4004691f


def u32(value):
    return {A: struct.pack("<I", value)}


def test_set_values_at_entry():
    assert call_line("ioctl", [3, SET_REC_TIMEOUT, A], EBADF, u32(12000)) == \
        "ioctl(3, LIRC_SET_REC_TIMEOUT, [12000]) = " + BAD_FD
    assert call_line("ioctl", [3, SET_REC_TIMEOUT, A], 0, u32(4294967295)) == \
        "ioctl(3, LIRC_SET_REC_TIMEOUT, [4294967295]) = 0"
    assert call_line("ioctl", [3, SET_TRANSMITTER_MASK, A], 0, u32(31)) == \
        "ioctl(3, LIRC_SET_TRANSMITTER_MASK, [0x1f]) = 0"
    assert call_line("ioctl", [3, SET_REC_CARRIER_RANGE, A], 0, u32(40000)) == \
        "ioctl(3, IPMICTL_SET_MAINTENANCE_MODE_CMD or LIRC_SET_REC_CARRIER_RANGE, [40000]) = 0"
    assert call_line("ioctl", [3, SET_REC_TIMEOUT, 0], EBADF) == \
        "ioctl(3, LIRC_SET_REC_TIMEOUT, NULL) = " + BAD_FD


def test_modes():
    assert call_line("ioctl", [3, SET_SEND_MODE, A], 0, u32(8)) == \
        "ioctl(3, LIRC_SET_SEND_MODE, [LIRC_MODE_SCANCODE]) = 0"
    assert call_line("ioctl", [3, SET_SEND_MODE, A], 0, u32(3)) == \
        "ioctl(3, LIRC_SET_SEND_MODE, [0x3 /* LIRC_MODE_??? */]) = 0"
    assert call_line("ioctl", [3, SET_SEND_MODE, A], 0, u32(2), style=RAW) == \
        "ioctl(3, 0x40046911, [0x2]) = 0"
    assert call_line("ioctl", [3, GET_REC_MODE, A], 0, u32(1), style=VERBOSE) == \
        "ioctl(3, 0x80046902 /* LIRC_GET_REC_MODE */, [0x1 /* LIRC_MODE_RAW */]) = 0"


def test_get_values_at_exit():
    features = 0x2 | 0x200 | 0x20000000 | 0x4000000 | 0x8000000
    assert call_line("ioctl", [3, GET_FEATURES, A], 0, u32(features)) == \
        "ioctl(3, LIRC_GET_FEATURES, [LIRC_CAN_SEND_PULSE|LIRC_CAN_SET_SEND_DUTY_CYCLE" \
        "|LIRC_CAN_USE_WIDEBAND_RECEIVER|LIRC_CAN_GET_REC_RESOLUTION|0x8000000]) = 0"
    assert call_line("ioctl", [3, GET_FEATURES, A], 0, u32(0)) == \
        "ioctl(3, LIRC_GET_FEATURES, [0]) = 0"
    assert call_line("ioctl", [3, GET_FEATURES, A], EBADF, u32(2)) == \
        "ioctl(3, LIRC_GET_FEATURES, 0x10000) = " + BAD_FD
    assert call_line("ioctl", [3, GET_MIN_TIMEOUT, A], 0, u32(1100)) == \
        "ioctl(3, I2OVALIDATE or LIRC_GET_MIN_TIMEOUT, [1100]) = 0"
    assert call_line("ioctl", [3, GET_FEATURES, A + 4], 0, u32(0)) == \
        "ioctl(3, LIRC_GET_FEATURES, 0x10004) = 0"


def test_other_command_of_the_type_prints_its_argument():
    assert call_line("ioctl", [3, 0x69ff, A], EBADF) == \
        "ioctl(3, _IOC(_IOC_NONE, 0x69, 0xff, 0), 0x10000) = " + BAD_FD
