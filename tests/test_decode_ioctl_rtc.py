"""Offline tests of the real-time clock ioctls (type 0x70): fake tracee memory in, strace's
text out."""
import struct

from minitrace.printers import Style

from decodertest import call_line

A = 0x10000
EBADF = -9
RTC_AIE_ON, RTC_UIE_OFF = 0x7001, 0x7004
RTC_ALM_SET, RTC_RD_TIME = 0x40247007, 0x80247009
RTC_IRQP_READ, RTC_IRQP_SET, RTC_EPOCH_READ = 0x8008700b, 0x4008700c, 0x8008700d
RTC_WKALM_SET, RTC_WKALM_RD = 0x4028700f, 0x80287010
RTC_PLL_GET = 0x80207011
RTC_VL_READ = 0x80047013
RTC_PARAM_GET, RTC_PARAM_SET = 0x40187013, 0x40187014
NVRAM_INIT = 0x7040

TIME = struct.pack("<9i", 1, 2, 3, 4, 5, 124, 6, 7, -1)
SHORT = "{tm_sec=1, tm_min=2, tm_hour=3, tm_mday=4, tm_mon=5, tm_year=124, ...}"
FULL = "{tm_sec=1, tm_min=2, tm_hour=3, tm_mday=4, tm_mon=5, tm_year=124, tm_wday=6, " \
    "tm_yday=7, tm_isdst=-1}"


def test_switches_and_numbers():
    assert call_line("ioctl", [3, RTC_AIE_ON, 5], 0) == "ioctl(3, RTC_AIE_ON) = 0"
    assert call_line("ioctl", [3, RTC_UIE_OFF, 5], 0) == \
        "ioctl(3, PHN_NOT_OH or RTC_UIE_OFF) = 0"
    assert call_line("ioctl", [3, RTC_IRQP_SET, (1 << 64) - 1], 0) == \
        "ioctl(3, RTC_IRQP_SET, 18446744073709551615) = 0"
    assert call_line("ioctl", [3, RTC_IRQP_READ, A], 0, {A: struct.pack("<Q", 64)}) == \
        "ioctl(3, RTC_IRQP_READ, [64]) = 0"
    assert call_line("ioctl", [3, RTC_EPOCH_READ, A], EBADF, {A: struct.pack("<Q", 64)}) == \
        "ioctl(3, RTC_EPOCH_READ, 0x10000) = -1 EBADF (Bad file descriptor)"
    # i386: the command holds a 4-byte unsigned long
    assert call_line("ioctl", [3, 0x8004700d, A], 0, {A: struct.pack("<I", 1900)},
                     abi="i386") == "ioctl(3, RTC_EPOCH_READ, [1900]) = 0"
    # a command of the type strace has no case for: the number at entry
    assert call_line("ioctl", [3, NVRAM_INIT, 0xdead], 0) == "ioctl(3, NVRAM_INIT, 0xdead) = 0"


def test_rtc_time():
    assert call_line("ioctl", [3, RTC_ALM_SET, A], EBADF, {A: TIME}) == \
        "ioctl(3, RTC_ALM_SET, %s) = -1 EBADF (Bad file descriptor)" % SHORT
    assert call_line("ioctl", [3, RTC_RD_TIME, A], 0, {A: TIME}, style=Style(verbose=True)) == \
        "ioctl(3, RTC_RD_TIME, %s) = 0" % FULL
    assert call_line("ioctl", [3, RTC_RD_TIME, A], EBADF, {A: TIME}) == \
        "ioctl(3, RTC_RD_TIME, 0x10000) = -1 EBADF (Bad file descriptor)"
    assert call_line("ioctl", [3, RTC_ALM_SET, 0], 0) == "ioctl(3, RTC_ALM_SET, NULL) = 0"
    assert call_line("ioctl", [3, RTC_ALM_SET, A], 0, {A: TIME}, style=Style(deref=False)) == \
        "ioctl(3, RTC_ALM_SET, 0x10000) = 0"


def test_wkalrm_and_pll():
    wk = bytes([1, 255, 0, 0]) + TIME
    assert call_line("ioctl", [3, RTC_WKALM_SET, A], 0, {A: wk}) == \
        "ioctl(3, RTC_WKALM_SET, {enabled=1, pending=255, time=%s}) = 0" % SHORT
    assert call_line("ioctl", [3, RTC_WKALM_RD, A], 0, {A: wk}, style=Style(verbose=True)) == \
        "ioctl(3, RTC_WKALM_RD, {enabled=1, pending=255, time=%s}) = 0" % FULL
    pll = struct.pack("<6iq", 1, -2, 3, 4, 5, 6, -7)
    assert call_line("ioctl", [3, RTC_PLL_GET, A], 0, {A: pll}) == \
        "ioctl(3, RTC_PLL_GET, {pll_ctrl=1, pll_value=-2, pll_max=3, pll_min=4, " \
        "pll_posmult=5, pll_negmult=6, pll_clock=-7}) = 0"


def test_vl_read():
    assert call_line("ioctl", [3, RTC_VL_READ, A], 0, {A: struct.pack("<I", 0x13)}) == \
        "ioctl(3, RTC_VL_READ, [RTC_VL_DATA_INVALID|RTC_VL_BACKUP_LOW|" \
        "RTC_VL_BACKUP_SWITCH]) = 0"
    assert call_line("ioctl", [3, RTC_VL_READ, A], 0, {A: struct.pack("<I", 0x100)}) == \
        "ioctl(3, RTC_VL_READ, [0x100 /* RTC_VL_??? */]) = 0"
    assert call_line("ioctl", [3, RTC_VL_READ, A], 0, {A: struct.pack("<I", 0)},
                     style=Style(const_style="raw")) == "ioctl(3, 0x80047013, [0]) = 0"


def _param(param, value, index=0, pad=0):
    return struct.pack("<QQII", param, value, index, pad)


def test_param_set():
    assert call_line("ioctl", [3, RTC_PARAM_SET, A], 0, {A: _param(0, 0x21 | (1 << 40), 3)}) \
        == "ioctl(3, RTC_PARAM_SET, {param=RTC_PARAM_FEATURES, uvalue=1<<RTC_FEATURE_ALARM|" \
        "1<<RTC_FEATURE_CORRECTION|0x10000000000, index=3}) = 0"
    assert call_line("ioctl", [3, RTC_PARAM_SET, A], 0, {A: _param(1, (1 << 64) - 5, 0, 9)}) \
        == "ioctl(3, RTC_PARAM_SET, {param=RTC_PARAM_CORRECTION, svalue=-5, index=0, " \
        "__pad=0x9}) = 0"
    assert call_line("ioctl", [3, RTC_PARAM_SET, A], 0, {A: _param(2, 7)},
                     style=Style(const_style="verbose")) == \
        "ioctl(3, 0x40187014 /* RTC_PARAM_SET */, {param=0x2 /* RTC_PARAM_BACKUP_SWITCH_MODE " \
        "*/, uvalue=0x7 /* RTC_BSM_??? */, index=0}) = 0"
    assert call_line("ioctl", [3, RTC_PARAM_SET, A], 0, {A: _param(9, 0xff)}) == \
        "ioctl(3, RTC_PARAM_SET, {param=0x9 /* RTC_PARAM_??? */, uvalue=0xff, index=0}) = 0"


def test_param_get():
    before = _param(2, 0, 1)
    after = _param(2, 3, 1, 4)
    assert call_line("ioctl", [3, RTC_PARAM_GET, A], 0, {A: before}, exit_mem={A: after}) == \
        "ioctl(3, RTC_PARAM_GET, {param=RTC_PARAM_BACKUP_SWITCH_MODE, index=1} => " \
        "{uvalue=RTC_BSM_STANDBY, __pad=0x4}) = 0"
    assert call_line("ioctl", [3, RTC_PARAM_GET, A], EBADF, {A: before}) == \
        "ioctl(3, RTC_PARAM_GET, {param=RTC_PARAM_BACKUP_SWITCH_MODE, index=1} => 0x10000) = " \
        "-1 EBADF (Bad file descriptor)"
    assert call_line("ioctl", [3, RTC_PARAM_GET, A + 8], 0, {A: before}) == \
        "ioctl(3, RTC_PARAM_GET, 0x10008) = 0"
    assert call_line("ioctl", [3, RTC_PARAM_GET, A], 0, {A: _param(0, 1 << 8)}) == \
        "ioctl(3, RTC_PARAM_GET, {param=RTC_PARAM_FEATURES, index=0} => " \
        "{uvalue=0x100 /* 1<<RTC_FEATURE_??? */}) = 0"
