"""Offline tests of decode/ioctl/loop.py (type 'L'): loop_info/loop_info64 short and -v forms,
the encryption fields shown when a type is set, loop_config's reserved words, -e verbose=none
(fake tracee memory in, strace's text out)."""
import struct

from minitrace.printers import Style

from decodertest import call_line

A = 0x10000
EBADF = -9


def _info64(crypt=0, flags=1, name=b"/tmp/img"):
    return struct.pack("=QQQQQIIII", 0x801, 12, 0, 4096, 0, 7, crypt, 3, flags) + \
        name.ljust(64, b"\0") + b"xor".ljust(64, b"\0") + b"key".ljust(32, b"\0") + \
        struct.pack("=QQ", 1, 2)


def test_info64_short_and_full():
    assert call_line("ioctl", [3, 0x4c04, A], 0, {A: _info64()}) == \
        "ioctl(3, LOOP_SET_STATUS64, {lo_offset=0x1000, lo_number=7, lo_flags=LO_FLAGS_READ_ONLY, " \
        "lo_file_name=\"/tmp/img\", ...}) = 0"
    assert call_line("ioctl", [3, 0x4c04, A], 0, {A: _info64(crypt=1, flags=0x40)}) == \
        "ioctl(3, LOOP_SET_STATUS64, {lo_offset=0x1000, lo_number=7, " \
        "lo_encrypt_type=LO_CRYPT_XOR, lo_encrypt_key_size=3, lo_flags=0x40 /* LO_FLAGS_??? */, " \
        "lo_file_name=\"/tmp/img\", lo_crypt_name=\"xor\", lo_encrypt_key=\"key\", ...}) = 0"
    assert call_line("ioctl", [3, 0x4c04, A], 0, {A: _info64()}, style=Style(verbose=True)) == \
        "ioctl(3, LOOP_SET_STATUS64, {lo_device=makedev(0x8, 0x1), lo_inode=12, " \
        "lo_rdevice=makedev(0, 0), lo_offset=0x1000, lo_sizelimit=0, lo_number=7, " \
        "lo_encrypt_type=LO_CRYPT_NONE, lo_encrypt_key_size=3, lo_flags=LO_FLAGS_READ_ONLY, " \
        "lo_file_name=\"/tmp/img\", lo_crypt_name=\"xor\", lo_encrypt_key=\"key\", " \
        "lo_init=[0x1, 0x2]}) = 0"
    assert call_line("ioctl", [3, 0x4c04, A], 0, {A: _info64()}, style=Style(deref=False)) == \
        "ioctl(3, LOOP_SET_STATUS64, 0x10000) = 0"


def test_old_info_at_exit():
    info = struct.pack("=i4xQQQiiii", -1, 0x801, 5, 0, 512, 0, 0, 4) + b"n" * 64 + bytes(32) + \
        struct.pack("=QQ", 0, 0) + b"\xa0\0\0\0" + bytes(4)
    assert call_line("ioctl", [3, 0x4c03, A], 0, {A: info}) == \
        "ioctl(3, LOOP_GET_STATUS, {lo_number=-1, lo_offset=0x200, lo_flags=LO_FLAGS_AUTOCLEAR, " \
        "lo_name=\"%s\"..., ...}) = 0" % ("n" * 63)
    assert call_line("ioctl", [3, 0x4c03, A], EBADF, {A: info}) == \
        "ioctl(3, LOOP_GET_STATUS, 0x10000) = -1 EBADF (Bad file descriptor)"
    # i386's loop_info: __kernel_old_dev_t is an unsigned short
    info32 = struct.pack("=iH2xIH2xiiii", 2, 0x801, 5, 0, 512, 0, 0, 0) + bytes(64 + 32 + 8 + 4)
    assert call_line("ioctl", [3, 0x4c03, A], 0, {A: info32}, abi="i386",
                     style=Style(verbose=True)).startswith(
        "ioctl(3, LOOP_GET_STATUS, {lo_number=2, lo_device=makedev(0x8, 0x1), lo_inode=5, "
        "lo_rdevice=makedev(0, 0), lo_offset=0x200,")


def test_config_and_numbers():
    config = struct.pack("=II", 4, 512) + _info64() + struct.pack("=8Q", 0, 0, 0, 9, 0, 0, 0, 0)
    assert call_line("ioctl", [3, 0x4c0a, A], 0, {A: config}) == \
        "ioctl(3, LOOP_CONFIGURE, {fd=4, block_size=512, info={lo_offset=0x1000, lo_number=7, " \
        "lo_flags=LO_FLAGS_READ_ONLY, lo_file_name=\"/tmp/img\", ...}, " \
        "__reserved=[0, 0, 0, 0x9, 0, 0, 0, 0]}) = 0"
    assert call_line("ioctl", [3, 0x4c00, 0xffffffff], EBADF) == \
        "ioctl(3, LOOP_SET_FD, -1) = -1 EBADF (Bad file descriptor)"
    assert call_line("ioctl", [3, 0x4c80, 0xfffffffe], 0) == "ioctl(3, LOOP_CTL_ADD, -2) = 0"
    assert call_line("ioctl", [3, 0x4c01, 5], 0) == "ioctl(3, LOOP_CLR_FD) = 0"
