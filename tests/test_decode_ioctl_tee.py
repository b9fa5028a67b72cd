"""Offline tests of the TEE ioctls (type 0xa4): fake tracee memory in, strace 6.1's text out."""
import struct

from minitrace.printers import Style

from decodertest import call_line

A, B = 0x10000, 0x20000
EBADF = -9
BAD = " = -1 EBADF (Bad file descriptor)"
VERSION, OPEN_SESSION, INVOKE, CANCEL = 0x800ca400, 0x8010a402, 0x8010a403, 0x8008a404
SHM_ALLOC, SHM_REGISTER, SHM_REGISTER_FD = 0xc010a401, 0xc018a409, 0xc020a408
RAW = Style(const_style="raw")
UUID = bytes(bytearray(range(0xa0, 0xb0)))
UUID_TEXT = "a0a1a2a3-a4a5-a6a7-a8a9-aaabacadaeaf"


def param(attr, a=1, b=2, c=3):
    return struct.pack("<4Q", attr, a, b, c)


def test_version_at_exit():
    mem = {A: struct.pack("<3I", 1, 1, 5)}
    assert call_line("ioctl", [3, VERSION, A], 0, mem) == \
        "ioctl(3, TEE_IOC_VERSION, {impl_id=TEE_IMPL_ID_OPTEE, " \
        "gen_caps=TEE_GEN_CAP_GP|TEE_GEN_CAP_REG_MEM, impl_caps=TEE_OPTEE_CAP_TZ}) = 0"
    mem = {A: struct.pack("<3I", 2, 7, 0)}
    assert call_line("ioctl", [3, VERSION, A], 0, mem) == \
        "ioctl(3, TEE_IOC_VERSION, {impl_id=TEE_IMPL_ID_AMDTEE, gen_caps=0, " \
        "impl_caps=0x7}) = 0"
    assert call_line("ioctl", [3, VERSION, A], EBADF, mem) == \
        "ioctl(3, TEE_IOC_VERSION, 0x10000)" + BAD
    assert call_line("ioctl", [3, VERSION, A], 0, mem, style=RAW) == \
        "ioctl(3, 0x800ca400, {impl_id=0x2, gen_caps=0, impl_caps=0x7}) = 0"


def test_invoke_in_and_out():
    params = param(0) + param(5, 0x10, 0x20, 7) + param(0x101)
    arg = struct.pack("<6I", 9, 0xabc, 4, 0, 0, 3)
    mem = {A: struct.pack("<QQ", B, 24 + 32 * 3), B: arg + params}
    head = "ioctl(3, TEE_IOC_INVOKE, {buf_len=120, buf_ptr={func=9, session=0xabc, " \
        "cancel_id=4, num_params=3, params=[{attr=TEE_IOCTL_PARAM_ATTR_TYPE_NONE}, " \
        "{attr=TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT, shm_offs=0x10, size=0x20, shm_id=7}, " \
        "{attr=TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT|TEE_IOCTL_PARAM_ATTR_META, a=0x1, b=0x2, " \
        "c=0x3}]}"
    assert call_line("ioctl", [3, INVOKE, A], EBADF, mem) == head + "})" + BAD
    out = struct.pack("<6I", 9, 0xabc, 4, 0xffff000a, 3, 1) + param(2, 4, 5, 6)
    assert call_line("ioctl", [3, INVOKE, A], 0, mem, exit_mem={B: out}) == head + \
        " => {ret=4294901770, ret_origin=TEEC_ORIGIN_TEE, params=[{attr=" \
        "TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT, a=0x4, b=0x5, c=0x6}]}}) = 0"


def test_buffers_printed_bare():
    arg = struct.pack("<6I", 9, 0xabc, 4, 0, 0, 3)
    for length in (0, 24, 2000):
        mem = {A: struct.pack("<QQ", B, length), B: arg}
        assert call_line("ioctl", [3, INVOKE, A], EBADF, mem) == \
            "ioctl(3, TEE_IOC_INVOKE, {buf_len=%d, buf_ptr=0x20000})" % length + BAD
    assert call_line("ioctl", [3, INVOKE, 0], EBADF) == "ioctl(3, TEE_IOC_INVOKE, NULL)" + BAD


def test_open_session_logins():
    def line(login, clnt=b"\x0d\xf0\xfe\xca" + bytes(12)):
        arg = UUID + clnt + struct.pack("<6I", login, 4, 0, 0, 0, 0)
        mem = {A: struct.pack("<QQ", B, 56), B: arg}
        return call_line("ioctl", [3, OPEN_SESSION, A], EBADF, mem)
    assert line(0) == "ioctl(3, TEE_IOC_OPEN_SESSION, {buf_len=56, buf_ptr={uuid=%s, " \
        "clnt_login=TEE_IOCTL_LOGIN_PUBLIC, cancel_id=4, num_params=0, params=NULL}})" \
        % UUID_TEXT + BAD
    assert "clnt_login=TEE_IOCTL_LOGIN_GROUP, clnt_uuid=3405705229, " in line(2)
    assert "clnt_login=0xff /* TEE_IOCTL_LOGIN_??? */, clnt_uuid=[0xd, 0xf0, 0xfe, 0xca, " \
        "0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], " in line(0xff)


def test_shared_memory():
    mem = {A: struct.pack("<QIi", 0x1000, 0x83, -1)}
    assert call_line("ioctl", [3, SHM_ALLOC, A], EBADF, mem) == \
        "ioctl(3, TEE_IOC_SHM_ALLOC, {size=0x1000, flags=TEE_IOCTL_SHM_MAPPED|" \
        "TEE_IOCTL_SHM_DMA_BUF|0x80})" + BAD
    assert call_line("ioctl", [3, SHM_ALLOC, A], 4, mem,
                     exit_mem={A: struct.pack("<QIi", 0x1000, 1, 7)}) == \
        "ioctl(3, TEE_IOC_SHM_ALLOC, {size=0x1000, flags=TEE_IOCTL_SHM_MAPPED|" \
        "TEE_IOCTL_SHM_DMA_BUF|0x80} => {size=0x1000, flags=TEE_IOCTL_SHM_MAPPED, id=7}) = 4"
    mem = {A: struct.pack("<QQIi", 0x7f00, 0x2000, 0, 0)}
    assert call_line("ioctl", [3, SHM_REGISTER, A], EBADF, mem) == \
        "ioctl(3, TEE_IOC_SHM_REGISTER, {addr=0x7f00, length=0x2000, flags=0})" + BAD
    mem = {A: struct.pack("<qQI4xi4x", 3, 0x3000, 2, 9)}
    assert call_line("ioctl", [3, SHM_REGISTER_FD, A], 5, mem) == \
        "ioctl(3, _IOC(_IOC_READ|_IOC_WRITE, 0xa4, 0x8, 0x20), {fd=3, " \
        "flags=TEE_IOCTL_SHM_DMA_BUF} => {size=0x3000, id=9}) = 5"


def test_cancel():
    assert call_line("ioctl", [3, CANCEL, A], EBADF, {A: struct.pack("<II", 5, 0xbad)}) == \
        "ioctl(3, TEE_IOC_CANCEL, {cancel_id=5, session=0xbad})" + BAD
