"""Offline tests of the SCSI generic ioctls (type 0x22): fake tracee memory in, strace 6.1's
text out."""
import struct

from minitrace.printers import Style

from decodertest import call_line

A, B, C = 0x10000, 0x20000, 0x30000
EBADF = -9
BAD = " = -1 EBADF (Bad file descriptor)"
SG_IO, SG_GET_SCSI_ID, SG_SCSI_RESET = 0x2285, 0x2276, 0x2284
SG_SET_TIMEOUT, SG_GET_VERSION_NUM, SG_GET_TIMEOUT = 0x2201, 0x2282, 0x2202
SG_SET_TRANSFORM, SG_GET_REQUEST_TABLE = 0x2204, 0x2286
RAW, VERBOSE = Style(const_style="raw"), Style(const_style="verbose")


def sg_io_hdr(direction=-2, cmd_len=2, cmdp=B, dxfer_len=3, dxferp=C, flags=0x21, iovec_count=0,
              sb_len_wr=0, sbp=0, resid=0, info=1, iid=ord("S")):
    return struct.pack("<iiBBHIQQQIIi4xQBBBBHHiII4x", iid, direction, cmd_len, 18, iovec_count,
                       dxfer_len, dxferp, cmdp, sbp, 60000, flags, 7, 0, 2, 1, 0, sb_len_wr,
                       0x10, 0x20, resid, 5, info)


REQ = "{interface_id='S', dxfer_direction=%s, cmd_len=2, cmdp=\"\\x12\\x00\", mx_sb_len=18, " \
    "iovec_count=0, dxfer_len=3, timeout=60000, flags=%s"
RESP = "status=0x2, masked_status=0x1, msg_status=0, sb_len_wr=0, sbp=NULL, " \
    "host_status=0x10, driver_status=0x20, resid=%d, duration=5, info=SG_INFO_CHECK}"


def test_sg_io_v3_to_device():
    mem = {A: sg_io_hdr(), B: b"\x12\x00", C: b"abc"}
    assert call_line("ioctl", [3, SG_IO, A], 0, mem) == \
        "ioctl(3, SG_IO, " + REQ % ("SG_DXFER_TO_DEV", "SG_FLAG_DIRECT_IO|SG_FLAG_Q_AT_HEAD") + \
        ", dxferp=\"\\x61\\x62\\x63\", " + RESP % 0 + ") = 0"


def test_sg_io_v3_from_device_written_at_exit_less_resid():
    mem = {A: sg_io_hdr(direction=-3, resid=1), B: b"\x12\x00", C: b"\0\0\0"}
    line = call_line("ioctl", [3, SG_IO, A], 0, mem, exit_mem={C: b"xyz"})
    assert line == "ioctl(3, SG_IO, " + REQ % (
        "SG_DXFER_FROM_DEV", "SG_FLAG_DIRECT_IO|SG_FLAG_Q_AT_HEAD") + \
        ", dxferp=\"\\x78\\x79\", " + RESP % 1 + ") = 0"


def test_sg_io_v3_to_from_device_changed_buffer():
    mem = {A: sg_io_hdr(direction=-4, flags=0), B: b"\x12\x00", C: b"abc"}
    line = call_line("ioctl", [3, SG_IO, A], 0, mem, exit_mem={C: b"xyz"})
    assert line == "ioctl(3, SG_IO, " + REQ % ("SG_DXFER_TO_FROM_DEV", "0") + \
        ", dxferp=\"\\x61\\x62\\x63\" => dxferp=\"\\x78\\x79\\x7a\", " + RESP % 0 + ") = 0"


def test_sg_io_v3_iovec_buffer():
    iov = struct.pack("<QQQQ", C, 2, C + 0x100, 4)
    mem = {A: sg_io_hdr(iovec_count=2, dxfer_len=5, dxferp=0x40000), B: b"\x12\x00",
           0x40000: iov, C: b"ab", C + 0x100: b"cdef"}
    line = call_line("ioctl", [3, SG_IO, A], EBADF, mem)
    assert "dxferp=[{iov_base=\"ab\", iov_len=2}, {iov_base=\"cde\", iov_len=4}]" in line


def test_sg_io_v3_styles():
    mem = {A: sg_io_hdr(direction=-1, flags=0x40), B: b"\x12\x00"}
    line = call_line("ioctl", [3, SG_IO, A], 0, mem, style=RAW)
    assert line.startswith("ioctl(3, 0x2285, {interface_id='S', dxfer_direction=0xffffffff, ")
    assert "flags=0x40, " in line and "info=0x1}" in line
    line = call_line("ioctl", [3, SG_IO, A], 0, mem, style=VERBOSE)
    assert "dxfer_direction=0xffffffff /* SG_DXFER_NONE */" in line
    assert "flags=0x40 /* SG_FLAG_??? */" in line


def test_sg_io_unreadable_and_other_ids():
    assert call_line("ioctl", [3, SG_IO, 0], EBADF) == "ioctl(3, SG_IO, NULL)" + BAD
    assert call_line("ioctl", [3, SG_IO, A], EBADF) == "ioctl(3, SG_IO, 0x10000)" + BAD
    assert call_line("ioctl", [3, SG_IO, A], EBADF, {A: b"\x80\x80\x80\x80"}) == \
        "ioctl(3, SG_IO, [2155905152])" + BAD
    assert call_line("ioctl", [3, SG_IO, A], EBADF, {A: b"S\0\0\0"}) == \
        "ioctl(3, SG_IO, {interface_id='S', 0x10004})" + BAD
    assert call_line("ioctl", [3, SG_IO, A], EBADF, {A: b"Q\0\0\0"}) == \
        "ioctl(3, SG_IO, {guard='Q', 0x10004})" + BAD


def test_sg_io_v3_id_changed_and_struct_gone_at_exit():
    mem = {A: sg_io_hdr(direction=-3, sbp=0x50000), B: b"\x12\x00"}
    line = call_line("ioctl", [3, SG_IO, A], 0, mem, exit_mem={A: sg_io_hdr(iid=1)})
    assert line.endswith("flags=SG_FLAG_DIRECT_IO|SG_FLAG_Q_AT_HEAD => interface_id=1}) = 0")


def sg_io_v4(request=B, request_len=2, response=0, response_len=0, din=C, din_len=3,
             din_resid=0, flags=0x10):
    return struct.pack("<iIIIQQIIIIQIIIIQQIIQIIIIIIIIiiQII", ord("Q"), 0, 0, request_len,
                       request, 0xab, 1, 2, 3, 96, response, 0, 0, 0, din_len, 0, din, 30000,
                       flags, 0xfeed, 0, 1, 2, 3, 4, 1, 7, response_len, din_resid, 0, 0x99,
                       0, 0)


def test_sg_io_v4():
    mem = {A: sg_io_v4(din_resid=1), B: b"\x12\x00", C: b"xyz"}
    assert call_line("ioctl", [3, SG_IO, A], 0, mem) == (
        "ioctl(3, SG_IO, {guard='Q', protocol=BSG_PROTOCOL_SCSI, "
        "subprotocol=BSG_SUB_PROTOCOL_SCSI_CMD, request_len=2, request=\"\\x12\\x00\", "
        "request_tag=0xab, request_attr=1, request_priority=2, request_extra=3, "
        "max_response_len=96, dout_iovec_count=0, dout_xfer_len=0, din_iovec_count=0, "
        "din_xfer_len=3, dout_xferp=NULL, timeout=30000, flags=BSG_FLAG_Q_AT_TAIL, "
        "usr_ptr=0xfeed, response_len=0, response=NULL, din_xferp=\"\\x78\\x79\", "
        "driver_status=0x1, transport_status=0x2, device_status=0x3, retry_delay=4, "
        "info=SG_INFO_CHECK, duration=7, response_len=0, din_resid=1, dout_resid=0, "
        "generated_tag=0x99}) = 0")
    line = call_line("ioctl", [3, SG_IO, A], 0, mem, style=RAW)
    assert "protocol=0, subprotocol=0," in line and "flags=0x10," in line


def test_other_commands():
    assert call_line("ioctl", [3, SG_GET_TIMEOUT, 0xdeadbeef], EBADF) == \
        "ioctl(3, SG_GET_TIMEOUT)" + BAD
    assert call_line("ioctl", [3, SG_SET_TIMEOUT, A], EBADF, {A: struct.pack("<i", -5)}) == \
        "ioctl(3, SG_SET_TIMEOUT, [-5])" + BAD
    assert call_line("ioctl", [3, SG_GET_VERSION_NUM, A], 0, {A: struct.pack("<i", 30536)}) \
        == "ioctl(3, SG_GET_VERSION_NUM, [30536]) = 0"
    assert call_line("ioctl", [3, SG_GET_VERSION_NUM, A], EBADF) == \
        "ioctl(3, SG_GET_VERSION_NUM, 0x10000)" + BAD
    assert call_line("ioctl", [3, SG_SET_TRANSFORM, 0xfacefeed]) == \
        "ioctl(3, SG_SET_TRANSFORM, 0xfacefeed) = 0"
    assert call_line("ioctl", [3, 0x22ff, 0xdead]) == \
        "ioctl(3, _IOC(_IOC_NONE, 0x22, 0xff, 0), 0xdead) = 0"


def test_scsi_reset():
    for value, text in ((0x100, "SG_SCSI_RESET_NO_ESCALATE|SG_SCSI_RESET_NOTHING"),
                        (1, "SG_SCSI_RESET_DEVICE"),
                        (0xfacefeed, "0xfacefeed /* SG_SCSI_RESET_??? */")):
        assert call_line("ioctl", [3, SG_SCSI_RESET, A], 0, {A: struct.pack("<I", value)}) == \
            "ioctl(3, SG_SCSI_RESET, [%s]) = 0" % text
    assert call_line("ioctl", [3, SG_SCSI_RESET, A], 0, {A: struct.pack("<I", 0x101)},
                     style=RAW) == "ioctl(3, 0x2284, [0x100|0x1]) = 0"


def test_scsi_id_and_request_table():
    mem = {A: struct.pack("<iiiiihhii", 1, 2, 3, 4, 5, 6, 7, 0, 0)}
    assert call_line("ioctl", [3, SG_GET_SCSI_ID, A], 0, mem) == \
        "ioctl(3, SG_GET_SCSI_ID, {host_no=1, channel=2, scsi_id=0x3, lun=4, scsi_type=0x5, " \
        "h_cmd_per_lun=6, d_queue_depth=7}) = 0"
    assert call_line("ioctl", [3, SG_GET_SCSI_ID, 0], EBADF) == \
        "ioctl(3, SG_GET_SCSI_ID, NULL)" + BAD
    mem = {A: struct.pack("<bbbbiQIi", 1, 0, 1, -1, 9, 0x1234, 8, 0)}
    assert call_line("ioctl", [3, SG_GET_REQUEST_TABLE, A], 0, mem) == \
        "ioctl(3, SG_GET_REQUEST_TABLE, {req_state=1, orphan=0, sg_io_owned=1, problem=-1, " \
        "pack_id=9, usr_ptr=0x1234, duration=8}) = 0"
