"""Offline tests of the UBI ioctl family (types 'o' and 'O', mtd/ubi-user.h): fake tracee
memory in, strace 6.1's text out."""
import struct

from minitrace.printers import Style

from decodertest import call_line

A = 0x10000
EBADF = -9
BAD_FD = "-1 EBADF (Bad file descriptor)"
RAW, VERBOSE = Style(const_style="raw"), Style(const_style="verbose")

MKVOL, RSVOL, RNVOL, ATT, DET = 0x40986f00, 0x400c6f02, 0x51106f03, 0x40186f40, 0x40046f41
VOLUP, EBCH, EBMAP, SETVOLPROP = 0x40084f00, 0x40044f02, 0x40084f03, 0x40104f06
VOLCRBLK = 0x40804f07


def mkvol(name_len, name, vol_type=4, flags=1):
    return struct.pack("<iiqBBh4x128s", 1, 2, -3, vol_type, flags, name_len, name)


def test_make_volume_and_its_id_at_exit():
    req = mkvol(4, b"vol0")
    assert call_line("ioctl", [3, MKVOL, A], 0, {A: req}, exit_mem={A: struct.pack("<i", 7)}) \
        == 'ioctl(3, UBI_IOCMKVOL, {vol_id=1, alignment=2, bytes=-3, vol_type=UBI_STATIC_VOLUME' \
        ', flags=UBI_VOL_SKIP_CRC_CHECK_FLG, name_len=4, name="vol0"} => [7]) = 0'
    assert call_line("ioctl", [3, MKVOL, A], EBADF, {A: req}) == \
        'ioctl(3, UBI_IOCMKVOL, {vol_id=1, alignment=2, bytes=-3, vol_type=UBI_STATIC_VOLUME' \
        ', flags=UBI_VOL_SKIP_CRC_CHECK_FLG, name_len=4, name="vol0"}) = ' + BAD_FD
    assert call_line("ioctl", [3, MKVOL, A], EBADF, {A: mkvol(0, b"", 9, 2)}, style=VERBOSE) \
        == 'ioctl(3, 0x40986f00 /* UBI_IOCMKVOL */, {vol_id=1, alignment=2, bytes=-3' \
        ', vol_type=0x9 /* UBI_???_VOLUME */, flags=0x2 /* UBI_VOL_??? */, name_len=0' \
        ', name=""}) = ' + BAD_FD
    assert call_line("ioctl", [3, MKVOL, 0], EBADF) == "ioctl(3, UBI_IOCMKVOL, NULL) = " + BAD_FD


def test_names_by_their_length():
    def name_of(length, raw):
        line = call_line("ioctl", [3, MKVOL, A], EBADF, {A: mkvol(length, raw)})
        return line.split("name=", 1)[1].split("}")[0]
    assert name_of(2, b"0123") == '"01"...'
    assert name_of(-1, b"0123") == '""...'
    assert name_of(2, b"0\0" + b"23") == '"0"'
    assert name_of(1, b"0") == '"0"'
    assert name_of(200, b"x" * 128) == '"%s"...' % ("x" * 127)


def test_attach_and_the_device_number_at_exit():
    req = struct.pack("<iiih10x", 0, 1, 2048, 20)
    assert call_line("ioctl", [3, ATT, A], 0, {A: req}, exit_mem={A: struct.pack("<i", 3)}) == \
        "ioctl(3, UBI_IOCATT, {ubi_num=0, mtd_num=1, vid_hdr_offset=2048, max_beb_per1024=20}" \
        " => [3]) = 0"


def test_rename_entries():
    def entry(vol_id, name):
        return struct.pack("<ih2x128s", vol_id, len(name), name)
    req = struct.pack("<i12x", 2) + entry(5, b"a") + entry(6, b"bc") + b"\0" * 136 * 30
    assert call_line("ioctl", [3, RNVOL, A], EBADF, {A: req}) == \
        'ioctl(3, UBI_IOCRNVOL, {count=2, ents=[{vol_id=5, name_len=1, name="a"}' \
        ', {vol_id=6, name_len=2, name="bc"}]}) = ' + BAD_FD
    req = struct.pack("<i12x", -5) + b"\0" * 136 * 32
    assert call_line("ioctl", [3, RNVOL, A], EBADF, {A: req}) == \
        "ioctl(3, UBI_IOCRNVOL, {count=-5, ents=[]}) = " + BAD_FD


def test_small_requests():
    assert call_line("ioctl", [3, RSVOL, A], 0, {A: struct.pack("<qi", 1 << 40, 2)}) == \
        "ioctl(3, UBI_IOCRSVOL, {bytes=1099511627776, vol_id=2}) = 0"
    assert call_line("ioctl", [3, EBCH, A], 0, {A: struct.pack("<iiB7x", 1, 2, 3)}) == \
        "ioctl(3, UBI_IOCEBCH, {lnum=1, bytes=2, dtype=UBI_UNKNOWN}) = 0"
    assert call_line("ioctl", [3, EBMAP, A], 0, {A: struct.pack("<iB3x", 1, 9)}) == \
        "ioctl(3, UBI_IOCEBMAP, {lnum=1, dtype=0x9 /* UBI_??? */}) = 0"
    assert call_line("ioctl", [3, EBMAP, A], 0, {A: struct.pack("<iB3x", 1, 1)}, style=RAW) == \
        "ioctl(3, 0x40084f03, {lnum=1, dtype=0x1}) = 0"
    assert call_line("ioctl", [3, SETVOLPROP, A], 0, {A: struct.pack("<B7xQ", 1, 0xff)}) == \
        "ioctl(3, UBI_IOCSETVOLPROP, {property=UBI_VOL_PROP_DIRECT_WRITE, value=0xff}) = 0"


def test_numbers_and_no_argument():
    assert call_line("ioctl", [3, DET, A], EBADF, {A: struct.pack("<i", -2)}) == \
        "ioctl(3, UBI_IOCDET, [-2]) = " + BAD_FD
    assert call_line("ioctl", [3, VOLUP, A], EBADF, {A: struct.pack("<q", -2)}) == \
        "ioctl(3, UBI_IOCVOLUP, [-2]) = " + BAD_FD
    assert call_line("ioctl", [3, VOLUP, A + 8], EBADF, {A: struct.pack("<q", -2)}) == \
        "ioctl(3, UBI_IOCVOLUP, 0x10008) = " + BAD_FD
    assert call_line("ioctl", [3, VOLCRBLK, A], EBADF) == "ioctl(3, UBI_IOCVOLCRBLK) = " + BAD_FD


def test_other_command_of_the_types():
    assert call_line("ioctl", [3, 0x6f35, 0xbadc0ded], EBADF) == \
        "ioctl(3, NET_REMOVE_IF, 0xbadc0ded) = " + BAD_FD
