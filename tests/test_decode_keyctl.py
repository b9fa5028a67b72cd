"""Offline tests of decode/keyctl.py: each command's arguments as strace 6.1 prints them."""
import struct

from minitrace import printers

from decodertest import call_line

P = 0x7f0000004000
Q = 0x7f0000008000
RAW = printers.Style(const_style="raw")
VERBOSE = printers.Style(const_style="verbose")
SHORT = printers.Style(string_limit=4)


def test_unknown_command_and_no_argument_command():
    args = [0xabcd, 0x1234, 0, 0xffffffffffffffff, 7]
    assert call_line("keyctl", args, -95) == (
        "keyctl(0xabcd /* KEYCTL_??? */, 0x1234, 0, 0xffffffffffffffff, 0x7) = "
        "-1 EOPNOTSUPP (Operation not supported)")
    assert call_line("keyctl", args, -95, style=RAW).startswith("keyctl(0xabcd, 0x1234, ")
    assert call_line("keyctl", [18], 0) == "keyctl(KEYCTL_SESSION_TO_PARENT) = 0"
    assert call_line("keyctl", [18], 0, style=VERBOSE) == (
        "keyctl(0x12 /* KEYCTL_SESSION_TO_PARENT */) = 0")


def test_serials_ids_and_numbers():
    assert call_line("keyctl", [0, 0xfffffffd, 0xffffffff], 5) == (
        "keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_SESSION_KEYRING, -1) = 5")
    assert call_line("keyctl", [0, 0xfffffffd, 1], 5, style=VERBOSE) == (
        "keyctl(0 /* KEYCTL_GET_KEYRING_ID */, -3 /* KEY_SPEC_SESSION_KEYRING */, 1) = 5")
    assert call_line("keyctl", [4, 77, 0xffffffff, 1000], 0) == (
        "keyctl(KEYCTL_CHOWN, 77, -1, 1000) = 0")
    assert call_line("keyctl", [8, 0xfffffff9, 12], -126) == (
        "keyctl(KEYCTL_LINK, KEY_SPEC_REQKEY_AUTH_KEY, 12) = "
        "-1 ENOKEY (Required key not available)")
    assert call_line("keyctl", [13, 5, 0xfffffffe, 0xfffffffc], -1) == (
        "keyctl(KEYCTL_NEGATE, 5, 4294967294, KEY_SPEC_USER_KEYRING) = "
        "-1 EPERM (Operation not permitted)")
    assert call_line("keyctl", [22, 0xffffffff, 0xfffffffa], 9) == (
        "keyctl(KEYCTL_GET_PERSISTENT, -1, KEY_SPEC_GROUP_KEYRING) = 9")


def test_setperm_reqkey_reject_move():
    assert call_line("keyctl", [5, 3, 0x3f010000], 0) == (
        "keyctl(KEYCTL_SETPERM, 3, KEY_POS_VIEW|KEY_POS_READ|KEY_POS_WRITE|KEY_POS_SEARCH|"
        "KEY_POS_LINK|KEY_POS_SETATTR|KEY_USR_VIEW) = 0")
    assert call_line("keyctl", [5, 3, 0xc0000000], -22) == (
        "keyctl(KEYCTL_SETPERM, 3, 0xc0000000 /* KEY_??? */) = -1 EINVAL (Invalid argument)")
    assert call_line("keyctl", [14, 0xffffffff], 2) == (
        "keyctl(KEYCTL_SET_REQKEY_KEYRING, KEY_REQKEY_DEFL_NO_CHANGE) = 2")
    assert call_line("keyctl", [14, 0xffffff00], -22) == (
        "keyctl(KEYCTL_SET_REQKEY_KEYRING, -256 /* KEY_REQKEY_DEFL_??? */) = "
        "-1 EINVAL (Invalid argument)")
    assert call_line("keyctl", [14, 3], 2, style=VERBOSE) == (
        "keyctl(0xe /* KEYCTL_SET_REQKEY_KEYRING */, 3 /* KEY_REQKEY_DEFL_SESSION_KEYRING */) = 2")
    assert call_line("keyctl", [19, 1, 60, 19, 2], -1) == (
        "keyctl(KEYCTL_REJECT, 1, 60, ENODEV, 2) = -1 EPERM (Operation not permitted)")
    assert call_line("keyctl", [19, 1, 60, 19, 2], -1, style=VERBOSE).startswith(
        "keyctl(0x13 /* KEYCTL_REJECT */, 1, 60, 19 /* ENODEV */, 2)")
    assert call_line("keyctl", [19, 1, 60, 19, 2], -1, style=RAW).startswith(
        "keyctl(0x13, 1, 60, 19, 2)")
    assert call_line("keyctl", [19, 1, 60, 4000, 2], -1).startswith(
        "keyctl(KEYCTL_REJECT, 1, 60, 4000, 2)")
    assert call_line("keyctl", [30, 1, 0xffffffff, 2, 0xffffffff], -22) == (
        "keyctl(KEYCTL_MOVE, 1, KEY_SPEC_THREAD_KEYRING, 2, KEYCTL_MOVE_EXCL|0xfffffffe) = "
        "-1 EINVAL (Invalid argument)")


def test_strings_and_iovecs():
    mem = {P: b"keyring-name\0", Q: b"payload"}
    assert call_line("keyctl", [1, P], 10, mem, style=SHORT) == (
        'keyctl(KEYCTL_JOIN_SESSION_KEYRING, "keyr"...) = 10')
    assert call_line("keyctl", [2, 7, Q, 7], 0, mem) == (
        'keyctl(KEYCTL_UPDATE, 7, "payload", 7) = 0')
    assert call_line("keyctl", [10, 7, P, 0x1000, 0], -14, mem) == (
        'keyctl(KEYCTL_SEARCH, 7, "keyring-name", 0x1000, 0) = -1 EFAULT (Bad address)')
    iov = struct.pack("<QQQQ", Q, 3, 0x10, 5)
    mem[P + 0x100] = iov
    assert call_line("keyctl", [20, 7, P + 0x100, 2, 0xfffffffa], -1, mem) == (
        'keyctl(KEYCTL_INSTANTIATE_IOV, 7, [{iov_base="pay", iov_len=3}, '
        '{iov_base=0x10, iov_len=5}], 2, KEY_SPEC_GROUP_KEYRING) = '
        '-1 EPERM (Operation not permitted)')


def test_read_describe_at_exit():
    mem = {Q: b"user;0;0;3f010000;name\0"}
    assert call_line("keyctl", [6, 7, Q, 256], 23, mem, style=SHORT) == (
        'keyctl(KEYCTL_DESCRIBE, 7, "user"..., 256) = 23')
    # the NUL in the last place shown is left out, with no `...`
    assert call_line("keyctl", [6, 7, Q, 256], 23, mem) == (
        'keyctl(KEYCTL_DESCRIBE, 7, "user;0;0;3f010000;name", 256) = 23')
    # KEYCTL_READ keeps it, and prints no more than the buffer's size
    assert call_line("keyctl", [11, 7, Q, 4], 23, mem) == (
        'keyctl(KEYCTL_READ, 7, "user", 4) = 23')
    assert call_line("keyctl", [11, 7, Q, 256], -126, mem) == (
        "keyctl(KEYCTL_READ, 7, 0x7f0000008000, 256) = -1 ENOKEY (Required key not available)")
    assert call_line("keyctl", [17, 7, Q + 22, 256], 1, mem) == (
        'keyctl(KEYCTL_GET_SECURITY, 7, "", 256) = 1')


def test_dh_compute():
    params = struct.pack("<iii", -6, 99, 100)
    kdf = struct.pack("<QQI8I4x", P, Q, 3, *([0] * 7 + [0xabc]))
    mem = {P: b"sha256\0", P + 0x100: params, P + 0x200: kdf, Q: b"\x01\x02\x03"}
    assert call_line("keyctl", [23, P + 0x100, Q, 8, P + 0x200], -95, mem) == (
        "keyctl(KEYCTL_DH_COMPUTE, {private=KEY_SPEC_GROUP_KEYRING, prime=99, base=100}, "
        '0x7f0000008000, 8, {hashname="sha256", otherinfo="\\1\\2\\3", otherinfolen=3, '
        "__spare=[0, 0, 0, 0, 0, 0, 0, 0xabc]}) = -1 EOPNOTSUPP (Operation not supported)")
    assert call_line("keyctl", [23, 0, 0, 8, 0], -95, mem) == (
        "keyctl(KEYCTL_DH_COMPUTE, NULL, NULL, 8, NULL) = -1 EOPNOTSUPP (Operation not supported)")
    kdf = struct.pack("<QQI8I4x", 0, Q, 0, *([0] * 8))
    mem[P + 0x200] = kdf
    assert call_line("keyctl", [23, P + 0x100, Q, 8, P + 0x200], 3, mem) == (
        "keyctl(KEYCTL_DH_COMPUTE, {private=KEY_SPEC_GROUP_KEYRING, prime=99, base=100}, "
        '"\\1\\2\\3", 8, {hashname=NULL, otherinfo=0x7f0000008000, otherinfolen=0}) = 3')


def test_pkey():
    params = struct.pack("<iII7I", 5, 3, 2, *([0] * 7))
    mem = {P: b"enc=pkcs1\0", Q: b"abc", Q + 0x10: b"xy", P + 0x100: params}
    # encrypt: the output buffer at exit, out_len bytes
    assert call_line("keyctl", [25, P + 0x100, P, Q, Q + 0x10], 2, mem) == (
        'keyctl(KEYCTL_PKEY_ENCRYPT, {key_id=5, in_len=3, out_len=2}, "enc=pkcs1", "abc", '
        '"xy") = 2')
    assert call_line("keyctl", [25, P + 0x100, P, Q, Q + 0x10], -22, mem) == (
        'keyctl(KEYCTL_PKEY_ENCRYPT, {key_id=5, in_len=3, out_len=2}, "enc=pkcs1", "abc", '
        "0x7f0000008010) = -1 EINVAL (Invalid argument)")
    # unreadable params: the three pointers at entry
    assert call_line("keyctl", [27, 0x10, P, Q, Q + 0x10], -14, mem) == (
        'keyctl(KEYCTL_PKEY_SIGN, 0x10, "enc=pkcs1", 0x7f0000008000, 0x7f0000008010) = '
        "-1 EFAULT (Bad address)")
    # verify: in2_len, and __spare when set
    params = struct.pack("<iII7I", 5, 3, 2, 1, 0, 0, 0, 0, 0, 0)
    mem[P + 0x100] = params
    assert call_line("keyctl", [28, P + 0x100, P, Q, Q + 0x10], -22, mem) == (
        'keyctl(KEYCTL_PKEY_VERIFY, {key_id=5, in_len=3, in2_len=2, '
        '__spare=[0x1, 0, 0, 0, 0, 0, 0]}, "enc=pkcs1", "abc", "xy") = '
        "-1 EINVAL (Invalid argument)")
    query = struct.pack("<II4H10I", 3, 2048, 256, 256, 256, 256, *([0] * 10))
    mem[Q + 0x100] = query
    assert call_line("keyctl", [24, 5, 0, P, Q + 0x100], 0, mem) == (
        'keyctl(KEYCTL_PKEY_QUERY, 5, 0, "enc=pkcs1", {supported_ops=KEYCTL_SUPPORTS_ENCRYPT|'
        "KEYCTL_SUPPORTS_DECRYPT, key_size=2048, max_data_size=256, max_sig_size=256, "
        "max_enc_size=256, max_dec_size=256}) = 0")
    assert call_line("keyctl", [24, 5, 0, P, Q + 0x100], -22, mem) == (
        'keyctl(KEYCTL_PKEY_QUERY, 5, 0, "enc=pkcs1", 0x7f0000008100) = '
        "-1 EINVAL (Invalid argument)")


def test_capabilities():
    mem = {Q: b"\xff\x03\x80"}
    assert call_line("keyctl", [31, Q, 8], 3, mem) == (
        "keyctl(KEYCTL_CAPABILITIES, [KEYCTL_CAPS0_CAPABILITIES|KEYCTL_CAPS0_PERSISTENT_KEYRINGS|"
        "KEYCTL_CAPS0_DIFFIE_HELLMAN|KEYCTL_CAPS0_PUBLIC_KEY|KEYCTL_CAPS0_BIG_KEY|"
        "KEYCTL_CAPS0_INVALIDATE|KEYCTL_CAPS0_RESTRICT_KEYRING|KEYCTL_CAPS0_MOVE, "
        "KEYCTL_CAPS1_NS_KEYRING_NAME|KEYCTL_CAPS1_NS_KEY_TAG, 0x80], 8) = 3")
    assert call_line("keyctl", [31, Q, 1], 3, {Q: b"\x00"}) == (
        "keyctl(KEYCTL_CAPABILITIES, [0], 1) = 3")
    assert call_line("keyctl", [31, Q, 8], -14, mem) == (
        "keyctl(KEYCTL_CAPABILITIES, 0x7f0000008000, 8) = -1 EFAULT (Bad address)")


def test_i386_words():
    mem = {P: b"abc"}
    assert call_line("keyctl", [2, 0xfffffffb, P, 3], 0, mem, abi="i386") == (
        'keyctl(KEYCTL_UPDATE, KEY_SPEC_USER_SESSION_KEYRING, "abc", 3) = 0')
    assert call_line("keyctl", [0xfffffff0, 1, 2, 3, 4], -95, abi="i386") == (
        "keyctl(0xfffffff0 /* KEYCTL_??? */, 0x1, 0x2, 0x3, 0x4) = "
        "-1 EOPNOTSUPP (Operation not supported)")
