"""Offline tests of the small ioctl families: counter (0x3e), hdio (0x03), nbd (0xab), nsfs
(0xb7) (fake tracee memory in, strace's text out)."""
import struct

from minitrace.printers import Style

from decodertest import call_line

A, B = 0x10000, 0x20000
EBADF, EIO = -9, -5


def test_counter_watch():
    assert call_line("ioctl", [3, 0x40063e00, A], 0, {A: bytes([2, 2, 1, 4, 6, 9])}) == \
        "ioctl(3, COUNTER_ADD_WATCH_IOCTL, {component={type=COUNTER_COMPONENT_COUNT, " \
        "scope=COUNTER_SCOPE_COUNT, parent=1, id=4}, event=COUNTER_EVENT_CAPTURE, " \
        "channel=9}) = 0"
    assert call_line("ioctl", [3, 0x40063e00, A], EBADF, {A: bytes([9, 7, 0, 0, 200, 0])},
                     style=Style(const_style="verbose")) == \
        "ioctl(3, 0x40063e00 /* COUNTER_ADD_WATCH_IOCTL */, {component={type=0x9 /* " \
        "COUNTER_COMPONENT_??? */, scope=0x7 /* COUNTER_SCOPE_??? */, parent=0, id=0}, " \
        "event=0xc8 /* COUNTER_EVENT_??? */, channel=0}) = -1 EBADF (Bad file descriptor)"
    assert call_line("ioctl", [3, 0x40063e00, 0], EBADF) == \
        "ioctl(3, COUNTER_ADD_WATCH_IOCTL, NULL) = -1 EBADF (Bad file descriptor)"
    assert call_line("ioctl", [3, 0x3e01, 7], 0) == "ioctl(3, COUNTER_ENABLE_EVENTS_IOCTL) = 0"


def test_hdio_geometry_and_numbers():
    assert call_line("ioctl", [3, 0x301, A], 0, {A: struct.pack("=BBH4xQ", 255, 63, 1024, 2048)}) \
        == "ioctl(3, HDIO_GETGEO, {heads=255, sectors=63, cylinders=1024, start=2048}) = 0"
    assert call_line("ioctl", [3, 0x301, A], EBADF, {}) == \
        "ioctl(3, HDIO_GETGEO, 0x10000) = -1 EBADF (Bad file descriptor)"
    assert call_line("ioctl", [3, 0x309, A], 0, {A: struct.pack("=Q", 1)}) == \
        "ioctl(3, HDIO_GET_32BIT, [1]) = 0"
    # HDIO_GET_NICE's value is a set of bit numbers' bits
    assert call_line("ioctl", [3, 0x30c, A], 0, {A: struct.pack("=Q", 0x4 | 0x100)}) == \
        "ioctl(3, HDIO_GET_NICE, [1 << IDE_NICE_0|0x100]) = 0"
    assert call_line("ioctl", [3, 0x329, 0x3], 0) == \
        "ioctl(3, HDIO_SET_NICE, 1 << IDE_NICE_DSC_OVERLAP|1 << IDE_NICE_ATAPI_OVERLAP) = 0"
    assert call_line("ioctl", [3, 0x32d, 7], EBADF) == \
        "ioctl(3, HDIO_SET_BUSSTATE, 0x7 /* BUSSTATE_??? */) = -1 EBADF (Bad file descriptor)"
    assert call_line("ioctl", [3, 0x328, A], 0, {A: struct.pack("=III", 1, 0x1f0, 14)}) == \
        "ioctl(3, HDIO_SCAN_HWIF, [0x1, 0x1f0, 0xe]) = 0"
    assert call_line("ioctl", [3, 0x30d, A], 0, {A: b"\x40\x00" + b"A" * 510}) == \
        "ioctl(3, HDIO_GET_IDENTITY, \"@\\0%s\"...) = 0" % ("A" * 30)
    # i386: the kernel long commands are left to the default (hex at entry)
    assert call_line("ioctl", [3, 0x309, A], 0, {A: struct.pack("=I", 1)}, abi="i386") == \
        "ioctl(3, HDIO_GET_32BIT, 0x10000) = 0"


def test_hdio_drive_cmd():
    # the kernel writes status, error, nsector over the header (the same bytes here)
    hdr = bytes([0xec, 0, 1, 1])
    assert call_line("ioctl", [3, 0x31f, A], 0, {A: hdr + b"\x01\x02" + bytes(510)}) == \
        "ioctl(3, HDIO_DRIVE_CMD, {command=ATA_CMD_ID_ATA, sector_number=0, feature=1, " \
        "sector_count=1} => {status=0xec, error=0, nsector=1, buf=\"\\x01\\x02%s\"...}) = 0" % (
            "\\x00" * 30)
    # the buffer is read one byte past -s (32): when that byte is unreadable, the address
    hdr2 = bytes([0x80, 129, 130, 131])
    head = "ioctl(3, HDIO_DRIVE_CMD, {command=0x80 /* ATA_CMD_??? */, sector_number=129, " \
        "feature=130, sector_count=131} => {status=0x80, error=129, nsector=130, buf="
    assert call_line("ioctl", [3, 0x31f, A], 0, {A: hdr2 + bytes(range(32))}) == \
        head + "0x10004}) = 0"
    assert call_line("ioctl", [3, 0x31f, A], 0, {A: hdr2 + bytes(range(33))}) == \
        head + "\"%s\"...}) = 0" % "".join("\\x%02x" % i for i in range(32))
    # EIO still reports the device's status; other errors print nothing more
    assert call_line("ioctl", [3, 0x31f, A], EIO, {A: bytes([0x80, 0, 0, 0])}) == \
        "ioctl(3, HDIO_DRIVE_CMD, {command=0x80 /* ATA_CMD_??? */, sector_number=0, " \
        "feature=0, sector_count=0} => {status=0x80, error=0, nsector=0}) = -1 EIO " \
        "(Input/output error)"
    assert call_line("ioctl", [3, 0x31f, A], EBADF, {A: hdr}) == \
        "ioctl(3, HDIO_DRIVE_CMD, {command=ATA_CMD_ID_ATA, sector_number=0, feature=1, " \
        "sector_count=1}) = -1 EBADF (Bad file descriptor)"


def test_nbd():
    assert call_line("ioctl", [3, 0xab03, 0], 0) == "ioctl(3, NBD_DO_IT) = 0"
    assert call_line("ioctl", [3, 0xab02, 1 << 40], 0) == \
        "ioctl(3, NBD_SET_SIZE, 1099511627776) = 0"
    assert call_line("ioctl", [3, 0xab00, 5], 0) == "ioctl(3, NBD_SET_SOCK, 5) = 0"
    assert call_line("ioctl", [3, 0xab0a, 0x10 | 0x1 | 0x400 | 0x40], 0) == \
        "ioctl(3, NBD_SET_FLAGS, NBD_FLAG_HAS_FLAGS|NBD_FLAG_SEND_WRITE_ZEROES|" \
        "NBD_FLAG_SEND_CACHE|0x10) = 0"


def test_nsfs_return_values():
    assert call_line("ioctl", [3, 0xb701, 0], 4) == "ioctl(3, NS_GET_USERNS) = 4"
    assert call_line("ioctl", [3, 0xb703, 0], 0x10000000) == \
        "ioctl(3, NS_GET_NSTYPE) = 268435456 (CLONE_NEWUSER)"
    assert call_line("ioctl", [3, 0xb703, 0], 3) == "ioctl(3, NS_GET_NSTYPE) = 3"
    assert call_line("ioctl", [3, 0xb704, A], 0, {A: struct.pack("=I", 0xffffffff)}) == \
        "ioctl(3, NS_GET_OWNER_UID, [-1]) = 0"
    assert call_line("ioctl", [3, 0xb704, A], EBADF, {}) == \
        "ioctl(3, NS_GET_OWNER_UID, 0x10000) = -1 EBADF (Bad file descriptor)"
