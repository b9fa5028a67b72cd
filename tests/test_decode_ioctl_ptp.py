"""Offline tests of the PTP hardware clock ioctls (type 0x3d): fake tracee memory in, strace's
text out (dates in UTC, as the other offline tests)."""
import struct

from minitrace.printers import Style

from decodertest import call_line

A = 0x10000
EBADF = -9
GETCAPS, GETCAPS2 = 0x80503d01, 0x80503d0a
EXTTS, EXTTS2 = 0x40103d02, 0x40103d0b
PEROUT, PEROUT2 = 0x40383d03, 0x40383d0c
ENABLE_PPS = 0x40043d04
SYS_OFFSET = 0x43403d05
EXTENDED = 0xc4c03d09
PRECISE2 = 0xc0403d11
GETFUNC, GETFUNC2 = 0xc0603d06, 0xc0603d0f
SETFUNC2 = 0x40603d10
DATE_1_2 = " /* 1970-01-01T00:00:01.000000002+0000 */"


def ts(sec, nsec, reserved=0):
    return struct.pack("<qII", sec, nsec, reserved)


def test_clock_caps_at_exit():
    caps = struct.pack("<8i12I", -1, 1, 2, 3, 1, 4, 1, 0, *([0] * 12))
    assert call_line("ioctl", [3, GETCAPS, A], 0, {A: caps}) == \
        "ioctl(3, PTP_CLOCK_GETCAPS, {max_adj=-1, n_alarm=1, n_ext_ts=2, n_per_out=3, pps=1, " \
        "n_pins=4, cross_timestamping=1, adjust_phase=0}) = 0"
    caps = struct.pack("<8i12I", *([0] * 8 + [0] * 11 + [0xbeef]))
    assert call_line("ioctl", [3, GETCAPS2, A], 0, {A: caps}) == \
        "ioctl(3, PTP_CLOCK_GETCAPS2, {max_adj=0, n_alarm=0, n_ext_ts=0, n_per_out=0, pps=0, " \
        "n_pins=0, cross_timestamping=0, adjust_phase=0, rsv=[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, " \
        "0, 0xbeef]}) = 0"
    assert call_line("ioctl", [3, GETCAPS, A], EBADF, {A: caps}) == \
        "ioctl(3, PTP_CLOCK_GETCAPS, 0x10000) = -1 EBADF (Bad file descriptor)"
    assert call_line("ioctl", [3, GETCAPS, 0], 0) == "ioctl(3, PTP_CLOCK_GETCAPS, NULL) = 0"


def test_extts_request():
    req = struct.pack("<4I", 7, 0x1 | 0x2 | 0x100, 0xdead, 0)
    assert call_line("ioctl", [3, EXTTS, A], EBADF, {A: req}) == \
        "ioctl(3, PTP_EXTTS_REQUEST, {index=7, flags=PTP_ENABLE_FEATURE|PTP_RISING_EDGE|" \
        "0x100}) = -1 EBADF (Bad file descriptor)"
    # the second form shows the reserved words
    assert call_line("ioctl", [3, EXTTS2, A], 0, {A: req}) == \
        "ioctl(3, PTP_EXTTS_REQUEST2, {index=7, flags=PTP_ENABLE_FEATURE|PTP_RISING_EDGE|" \
        "0x100, rsv=[0xdead, 0]}) = 0"
    req = struct.pack("<4I", 0, 0xf0, 0, 0)
    assert call_line("ioctl", [3, EXTTS, A], 0, {A: req}, style=Style(const_style="verbose")) \
        == "ioctl(3, 0x40103d02 /* PTP_EXTTS_REQUEST */, {index=0, flags=0xf0 /* PTP_??? */}) = 0"
    assert call_line("ioctl", [3, EXTTS, A + 1], 0, {A: req}) == \
        "ioctl(3, PTP_EXTTS_REQUEST, 0x10001) = 0"


def test_perout_request():
    tail = struct.pack("<II", 5, 0) + ts(0, 0, 0x77)
    req = ts(1, 2) + ts(0, 500, 9) + tail
    assert call_line("ioctl", [3, PEROUT, A], 0, {A: req}) == \
        "ioctl(3, PTP_PEROUT_REQUEST, {start={sec=1, nsec=2}%s, period={sec=0, nsec=500, " \
        "reserved=0x9}, index=5, flags=0}) = 0" % DATE_1_2
    assert call_line("ioctl", [3, PEROUT2, A], 0, {A: req}) == \
        "ioctl(3, PTP_PEROUT_REQUEST2, {start={sec=1, nsec=2}%s, period={sec=0, nsec=500, " \
        "reserved=0x9}, index=5, flags=0, rsv=[0, 0, 0, 0x77]}) = 0" % DATE_1_2
    # a phase is no date; with a duty cycle the on time replaces the reserved words
    req = ts(1, 2) + ts(3, 0) + struct.pack("<II", 5, 0x2 | 0x4) + ts(-1, 7)
    assert call_line("ioctl", [3, PEROUT2, A], 0, {A: req}) == \
        "ioctl(3, PTP_PEROUT_REQUEST2, {phase={sec=1, nsec=2}, period={sec=3, nsec=0}, " \
        "index=5, flags=PTP_PEROUT_DUTY_CYCLE|PTP_PEROUT_PHASE, on={sec=-1, nsec=7}}) = 0"
    # -X raw: no date
    req = ts(1, 2) + ts(0, 0) + struct.pack("<II", 0, 0x1) + ts(0, 0)
    assert call_line("ioctl", [3, PEROUT, A], 0, {A: req}, style=Style(const_style="raw")) == \
        "ioctl(3, 0x40383d03, {start={sec=1, nsec=2}, period={sec=0, nsec=0}, index=0, " \
        "flags=0x1}) = 0"


def test_enable_pps_and_verbose_none():
    assert call_line("ioctl", [3, ENABLE_PPS, 1], 0) == "ioctl(3, PTP_ENABLE_PPS, 0x1) = 0"
    assert call_line("ioctl", [3, ENABLE_PPS, 0], 0) == "ioctl(3, PTP_ENABLE_PPS, 0) = 0"
    # -e verbose=none: strace decodes no PTP argument
    req = struct.pack("<4I", 7, 1, 0, 0)
    assert call_line("ioctl", [3, EXTTS, A], 0, {A: req}, style=Style(deref=False)) == \
        "ioctl(3, PTP_EXTTS_REQUEST, 0x10000) = 0"


def _sys_offset(n, rsv=(0, 0, 0)):
    return struct.pack("<4I", n, *rsv) + b"".join(
        ts(1, 2, i % 2) for i in range(51))


def test_sys_offset_samples():
    mem = {A: _sys_offset(1, (0, 0, 3))}
    sample = ["{sec=1, nsec=2}" + DATE_1_2, "{sec=1, nsec=2, reserved=0x1}" + DATE_1_2]
    assert call_line("ioctl", [3, SYS_OFFSET, A], 0, mem) == \
        "ioctl(3, PTP_SYS_OFFSET, {n_samples=1, rsv=[0, 0, 0x3], ts=[%s]}) = 0" % ", ".join(
            [sample[0], sample[1], sample[0]])
    assert call_line("ioctl", [3, SYS_OFFSET, A], EBADF, mem) == \
        "ioctl(3, PTP_SYS_OFFSET, {n_samples=1, rsv=[0, 0, 0x3]}) = -1 EBADF (Bad file " \
        "descriptor)"
    # n_samples is capped at PTP_MAX_SAMPLES, the array at -s elements
    line = call_line("ioctl", [3, SYS_OFFSET, A], 0, {A: _sys_offset(1000)},
                     style=Style(string_limit=2, const_style="raw"))
    assert line == "ioctl(3, 0x43403d05, {n_samples=1000, ts=[{sec=1, nsec=2}, " \
        "{sec=1, nsec=2, reserved=0x1}, ...]}) = 0"
    # what the kernel wrote cannot be read back
    assert call_line("ioctl", [3, SYS_OFFSET, A], 0, {A: _sys_offset(0)[:16]}) == \
        "ioctl(3, PTP_SYS_OFFSET, 0x10000) = 0"


def test_sys_offset_extended():
    data = struct.pack("<4I", 1, 0, 0, 0) + ts(1, 2) + ts(0, 0, 0xf) + ts(-5, 1) + bytes(1200 - 48)
    assert call_line("ioctl", [3, EXTENDED, A], 0, {A: data}) == \
        "ioctl(3, PTP_SYS_OFFSET_EXTENDED, {n_samples=1, ts=[[{sec=1, nsec=2}%s, " \
        "{sec=0, nsec=0, reserved=0xf}, {sec=-5, nsec=1} " \
        "/* 1969-12-31T23:59:55.000000001+0000 */]]}) = 0" % DATE_1_2
    assert call_line("ioctl", [3, EXTENDED, A], 0, {A: data}, exit_mem={A: data[:20]}) == \
        "ioctl(3, PTP_SYS_OFFSET_EXTENDED, {n_samples=1, ???}) = 0"
    assert call_line("ioctl", [3, EXTENDED, A], 0, {A: bytes(1216)}) == \
        "ioctl(3, PTP_SYS_OFFSET_EXTENDED, {n_samples=0, ts=[]}) = 0"


def test_sys_offset_precise():
    data = ts(1, 2) + ts(0, 2000000000) + ts(1, 2, 4) + struct.pack("<4I", 0, 1, 0, 0)
    assert call_line("ioctl", [3, PRECISE2, A], 0, {A: data}) == \
        "ioctl(3, PTP_SYS_OFFSET_PRECISE2, {device={sec=1, nsec=2}%s, " \
        "sys_realtime={sec=0, nsec=2000000000}, sys_monoraw={sec=1, nsec=2, reserved=0x4}, " \
        "rsv=[0, 0x1, 0, 0]}) = 0" % DATE_1_2


def _pin(name, func, rsv0=0):
    return name.ljust(64, b"\0")[:64] + struct.pack("<8I", 2, func, 3, rsv0, 0, 0, 0, 0)


def test_pin_descriptors():
    before = _pin(b"", 0, 0x5)
    after = _pin(b"SMA1\n", 1, 0x5)
    assert call_line("ioctl", [3, GETFUNC, A], 0, {A: before}, exit_mem={A: after}) == \
        "ioctl(3, PTP_PIN_GETFUNC, {index=2, name=\"SMA1\\n\", func=PTP_PF_EXTTS, chan=3}) = 0"
    assert call_line("ioctl", [3, GETFUNC2, A], EBADF, {A: before}) == \
        "ioctl(3, PTP_PIN_GETFUNC2, {index=2, rsv=[0x5, 0, 0, 0, 0]}) = -1 EBADF " \
        "(Bad file descriptor)"
    # a name without its NUL: all but its last byte, then ...
    assert call_line("ioctl", [3, GETFUNC, A], 0, {A: _pin(b"x" * 64, 9)}) == \
        "ioctl(3, PTP_PIN_GETFUNC, {index=2, name=\"%s\"..., func=0x9 /* PTP_PF_??? */, " \
        "chan=3}) = 0" % ("x" * 63)
    assert call_line("ioctl", [3, SETFUNC2, A], 0, {A: _pin(b"ignored", 0, 1)},
                     style=Style(const_style="verbose")) == \
        "ioctl(3, 0x40603d10 /* PTP_PIN_SETFUNC2 */, {index=2, func=0 /* PTP_PF_NONE */, " \
        "chan=3, rsv=[0x1, 0, 0, 0, 0]}) = 0"
    assert call_line("ioctl", [3, GETFUNC, A], 0, {A: before}, exit_mem={A: before[:8]}) == \
        "ioctl(3, PTP_PIN_GETFUNC, {index=2, ???}) = 0"
