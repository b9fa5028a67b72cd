"""Offline tests of the MTD ioctl family (type 'M', mtd/mtd-abi.h): fake tracee memory in,
strace 6.1's text out."""
import struct

from minitrace.printers import Style

from decodertest import call_line

A = 0x10000
EBADF = -9
BAD_FD = "-1 EBADF (Bad file descriptor)"
RAW, VERBOSE = Style(const_style="raw"), Style(const_style="verbose")

MEMGETINFO, MEMERASE, MEMWRITEOOB = 0x80204d01, 0x40084d02, 0xc0104d03
MEMGETREGIONCOUNT = 0x80044d07
MEMGETREGIONINFO, MEMGETOOBSEL, MEMGETBADBLOCK = 0xc0104d08, 0x80c84d0a, 0x40084d0b
OTPSELECT, OTPGETREGIONINFO, ECCGETLAYOUT = 0x80044d0d, 0x400c4d0f, 0x81484d11
ECCGETSTATS, MTDFILEMODE, MEMWRITEOOB64, MEMWRITE = 0x80104d12, 0x4d13, 0xc0184d15, 0xc0304d18


def test_erase_range_at_entry():
    mem = {A: struct.pack("<II", 0x1000, 0x2000)}
    assert call_line("ioctl", [3, MEMERASE, A], EBADF, mem) == \
        "ioctl(3, MIXER_WRITE(2) or MEMERASE, {start=0x1000, length=0x2000}) = " + BAD_FD
    assert call_line("ioctl", [3, MEMERASE, 0], EBADF) == \
        "ioctl(3, MIXER_WRITE(2) or MEMERASE, NULL) = " + BAD_FD


def test_oob_buffers_and_write_request():
    mem = {A: struct.pack("<IIQ", 1, 2, 0x7f00)}
    assert call_line("ioctl", [3, MEMWRITEOOB, A], 0, mem) == \
        "ioctl(3, MEMWRITEOOB, {start=0x1, length=0x2, ptr=0x7f00}) = 0"
    mem = {A: struct.pack("<QIIQ", 0x100000000, 0, 16, 0)}
    assert call_line("ioctl", [3, MEMWRITEOOB64, A], 0, mem) == \
        "ioctl(3, MEMWRITEOOB64, {start=0x100000000, length=0x10, usr_ptr=NULL}) = 0"
    mem = {A: struct.pack("<5QB7x", 1, 2, 3, 0x4000, 0x5000, 2)}
    assert call_line("ioctl", [3, MEMWRITE, A], 0, mem) == \
        "ioctl(3, MEMWRITE, {start=0x1, len=0x2, ooblen=0x3, usr_data=0x4000, usr_oob=0x5000" \
        ", mode=MTD_OPS_RAW}) = 0"
    mem = {A: struct.pack("<5QB7x", 1, 2, 3, 0, 0, 9)}
    assert call_line("ioctl", [3, MEMWRITE, A], 0, mem, style=VERBOSE) == \
        "ioctl(3, 0xc0304d18 /* MEMWRITE */, {start=0x1, len=0x2, ooblen=0x3, usr_data=NULL" \
        ", usr_oob=NULL, mode=0x9 /* MTD_OPS_??? */}) = 0"


def test_numbers_and_modes():
    mem = {A: struct.pack("<Q", 2 ** 40)}
    assert call_line("ioctl", [3, MEMGETBADBLOCK, A], 0, mem) == \
        "ioctl(3, MIXER_WRITE(11) or MEMGETBADBLOCK, [1099511627776]) = 0"
    assert call_line("ioctl", [3, OTPSELECT, A], 0, {A: struct.pack("<I", 2)}) == \
        "ioctl(3, MIXER_READ(13) or OTPSELECT, [MTD_OTP_USER]) = 0"
    assert call_line("ioctl", [3, MTDFILEMODE, 3], 0) == \
        "ioctl(3, MTDFILEMODE, MTD_FILE_MODE_RAW) = 0"
    assert call_line("ioctl", [3, MTDFILEMODE, 7], 0) == \
        "ioctl(3, MTDFILEMODE, 0x7 /* MTD_FILE_MODE_??? */) = 0"
    assert call_line("ioctl", [3, MTDFILEMODE, 0], 0, style=RAW) == "ioctl(3, 0x4d13, 0) = 0"
    assert call_line("ioctl", [3, MEMGETREGIONCOUNT, A], 0, {A: struct.pack("<i", -1)}) == \
        "ioctl(3, MIXER_READ(7) or MEMGETREGIONCOUNT, [-1]) = 0"


def test_device_info_at_exit():
    info = struct.pack("<B3xIIIIIQ", 4, 0x400 | 0x800 | 0x10000, 0x100000, 0x20000, 0x800,
                       0x40, 0)
    assert call_line("ioctl", [3, MEMGETINFO, A], 0, {A: info}) == \
        "ioctl(3, MIXER_READ(1) or MEMGETINFO, {type=MTD_NANDFLASH, flags=MTD_WRITEABLE" \
        "|MTD_BIT_WRITEABLE|0x10000, size=0x100000, erasesize=0x20000, writesize=0x800" \
        ", oobsize=0x40, padding=0}) = 0"
    assert call_line("ioctl", [3, MEMGETINFO, A], EBADF, {A: info}) == \
        "ioctl(3, MIXER_READ(1) or MEMGETINFO, 0x10000) = " + BAD_FD


def test_oob_and_ecc_layouts():
    oobinfo = struct.pack("<II16I32I", 2, 3, *range(48))
    free = ", ".join("[%#x, %#x]" % (2 * i, 2 * i + 1) if i else "[0, 0x1]" for i in range(8))
    pos = ", ".join("%#x" % i for i in range(16, 48))
    assert call_line("ioctl", [3, MEMGETOOBSEL, A], 0, {A: oobinfo}) == \
        "ioctl(3, MIXER_READ(10) or MEMGETOOBSEL, {useecc=MTD_NANDECC_AUTOPLACE, eccbytes=0x3" \
        ", oobfree=[%s], eccpos=[%s]}) = 0" % (free, pos)
    layout = struct.pack("<I64II16I", 6, *(list(range(1, 65)) + [7] + list(range(16))))
    pos = ", ".join("%#x" % i for i in range(1, 33))
    free = ", ".join("{offset=%s, length=%#x}" % ("%#x" % (2 * i) if i else "0", 2 * i + 1)
                     for i in range(8))
    assert call_line("ioctl", [3, ECCGETLAYOUT, A], 0, {A: layout}) == \
        "ioctl(3, MIXER_READ(17) or ECCGETLAYOUT, {eccbytes=0x6, eccpos=[%s, ...], oobavail=0x7" \
        ", oobfree=[%s]}) = 0" % (pos, free)


def test_stats_and_otp_info():
    assert call_line("ioctl", [3, ECCGETSTATS, A], 0, {A: struct.pack("<4I", 1, 2, 3, 16)}) == \
        "ioctl(3, MIXER_READ(18) or ECCGETSTATS, {corrected=0x1, failed=0x2, badblocks=0x3" \
        ", bbtblocks=0x10}) = 0"
    assert call_line("ioctl", [3, OTPGETREGIONINFO, A], 0, {A: struct.pack("<3I", 16, 32, 1)}) \
        == "ioctl(3, MIXER_WRITE(15) or OTPGETREGIONINFO, {start=0x10, length=0x20, locked=1}) = 0"


def test_region_info_index_at_entry_rest_at_exit():
    mem = {A: struct.pack("<4I", 0, 0, 0, 5)}
    out = {A: struct.pack("<4I", 0x1000, 0x2000, 3, 5)}
    assert call_line("ioctl", [3, MEMGETREGIONINFO, A], 0, mem, exit_mem=out) == \
        "ioctl(3, MEMGETREGIONINFO, {regionindex=0x5, offset=0x1000, erasesize=0x2000" \
        ", numblocks=0x3}) = 0"
    assert call_line("ioctl", [3, MEMGETREGIONINFO, A], EBADF, mem) == \
        "ioctl(3, MEMGETREGIONINFO, {regionindex=0x5}) = " + BAD_FD
    assert call_line("ioctl", [3, MEMGETREGIONINFO, 0], EBADF) == \
        "ioctl(3, MEMGETREGIONINFO, NULL) = " + BAD_FD


def test_other_command_of_the_type():
    assert call_line("ioctl", [3, 0xc0ff4dfe, 0xdeadbeef], EBADF) == \
        "ioctl(3, _IOC(_IOC_READ|_IOC_WRITE, 0x4d, 0xfe, 0xff), 0xdeadbeef) = " + BAD_FD
