"""Offline tests of socket addresses (minitrace/decode/sockaddr/): every family strace 6.1
decodes, and the short and over-long lengths, in each -X style. The inputs are our own; the
expected text is what /usr/bin/strace 6.1 printed for them (connect(-1, buf, addrlen) through
ctypes, x86_64)."""
import socket
import struct

import pytest

from minitrace import printers
from decodertest import call_line

A = 0x10000
EBADF = -9


def H(v):
    return struct.pack("<H", v)


def I(v):
    return struct.pack("<I", v)


def pad(b, n):
    return b + b"\0" * (n - len(b))


def AX(call, ssid):
    """An AX.25 callsign: each character shifted left, then the SSID byte."""
    return bytes(bytearray([ord(c) << 1 for c in call.ljust(6)])) + bytes([0x60 | (ssid << 1)])


CASES = [
 ("un_long", pad(H(1) + b"/tmp/" + b"x" * 120, 128), 128),
 ("un_abstract_short", H(1) + b"\0ab\x01c", 6),
 ("un_3", H(1) + b"z", 3),
 ("in_short", H(2) + struct.pack(">H", 80) + socket.inet_aton("10.1.2.3"), 8),
 ("in_long", pad(H(2) + struct.pack(">H", 443) + socket.inet_aton("192.0.2.7"), 20), 20),
 ("in6_ll_scope", H(10) + struct.pack(">HI", 7, 9) + socket.inet_pton(socket.AF_INET6, "fe80::1") + I(1), 28),
 ("in6_scope_num", H(10) + struct.pack(">HI", 7, 9) + socket.inet_pton(socket.AF_INET6, "2001:db8::2") + I(1), 28),
 ("in6_noscope", H(10) + struct.pack(">HI", 7, 9) + socket.inet_pton(socket.AF_INET6, "::2"), 24),
 ("ipx", H(4) + struct.pack(">HI", 0x1234, 0xab) + b"\x00\x01\x02\x03\x04\x05" + b"\x00\x07", 16),
 ("ax25_plain", pad(H(3) + AX("N0CALL", 3) + b"\0\0\0" + I(0), 16), 16),
 ("ax25_digis", H(3) + AX("N0CALL", 3) + b"\0\0\0" + I(2) + AX("RELAY", 1) + AX("R2", 12), 30),
 ("ax25_sane", H(3) + AX("N0CALL", 3)[:6] + b"\x06" + b"\0\0\0" + I(2) + AX("RELAY", 1)[:6] + b"\x02" + b" " * 2 + b"\0" * 5, 30),
 ("ax25_raw", pad(H(3) + b"\x02" * 7 + b"\0\0\0" + I(0), 16), 16),
 ("ax25_odd", pad(H(3) + b"a" * 7 + b"\0\0\0" + I(0), 16), 16),
 ("ax25_more", H(3) + AX("N0CALL", 3) + b"\0\0\0" + I(1) + AX("RELAY", 1) + b"\1\2\3", 26),
 ("x25", H(9) + b"1234567\0" + b"\0" * 8, 18),
 ("x25_full", H(9) + b"A" * 16, 18),
 ("nl_pad", H(16) + H(5) + I(77) + I(3), 12),
 ("rxrpc_in", H(33) + H(1) + H(2) + H(16) + H(2) + struct.pack(">H", 7001) + socket.inet_aton("10.0.0.1") + b"\0" * 20, 36),
 ("rxrpc_in6_short", H(33) + H(2500) + H(1) + H(10) + H(10) + b"\1\2\3\4\5\6\7\x08" + b"\0" * 18, 36),
 ("rxrpc_other", H(33) + H(9) + H(5) + H(6) + H(1) + b"ab\x00d" + b"\0" * 24, 36),
 ("ieee_short", pad(H(36) + H(0) + I(2) + H(0xffff) + H(0xfffe), 20), 20),
 ("ieee_long", pad(H(36) + H(0) + I(3) + H(0x1234) + b"\x01\x02\x03\x04\x05\x06\x07\x08", 20), 20),
 ("ieee_none", pad(H(36) + H(0) + I(0) + H(5), 20), 20),
 ("alg", pad(H(38) + b"hash\0" + b"\0" * 9 + I(0x1000) + I(0x1001) + b"sha256\0", 40), 40),
 ("alg_long", H(38) + b"t" * 14 + I(0) + I(0) + b"nm", 26),
 ("nfc", H(39) + b"\0\0" + I(1) + I(5) + I(2), 16),
 ("nfc_more", pad(H(39) + b"\0\0" + I(0) + I(0) + I(9), 20), 20),
 ("nfc_llcp", pad(H(39) + b"\0\0" + I(0) + I(0x10) + I(4) + b"\x04\x02" + b"urn:nfc:sn:x" + b"\0" * 51 + b"\0" * 6 + struct.pack("<Q", 5), 96), 96),
 ("vsock", H(40) + H(0) + I(1234) + I(2) + b"\1" + b"\0\0\0", 16),
 ("vsock_odd", H(40) + H(3) + I(0xffffffff) + I(0xffffffff) + b"\6" + b"\0\1\0", 16),
 ("qrtr", H(42) + H(0) + I(0xffffffff) + I(0xfffffffe), 12),
 ("xdp", H(44) + H(0xa) + I(1) + I(3) + I(0xff), 16),
 ("xdp_umem", H(44) + H(1) + I(0) + I(0) + I(0), 16),
 ("mctp", H(45) + H(0) + I(0) + b"\xff\x01\x08\x00", 12),
 ("mctp_pads", H(45) + H(2) + I(7) + b"\x09\x00\x00\x05", 12),
 ("bt_hci", H(31) + H(3) + H(2), 6),
 ("bt_hci4", H(31) + H(3), 4),
 ("bt_sco", H(31) + b"\x01\x02\x03\x04\x05\x06", 8),
 ("bt_rc", H(31) + b"\x01\x02\x03\x04\x05\x06" + b"\x07\0", 10),
 ("bt_l2", H(31) + H(1) + b"\x01\x02\x03\x04\x05\x06" + H(4) + b"\x02\0", 14),
 ("bt_l2_dyn", H(31) + H(0x1005) + b"\x01\x02\x03\x04\x05\x06" + H(0x45), 12),
 ("bt_l2_le", H(31) + H(0x85) + b"\x01\x02\x03\x04\x05\x06" + H(3), 12),
 ("bt_l2_unk", H(31) + H(0x5) + b"\x01\x02\x03\x04\x05\x06" + H(0x20), 12),
 ("bt_odd", H(31) + b"xyzab", 7),
 ("unknown_fam", H(200) + b"\x01abc", 6),
 ("fam_only", H(2), 2),
]


EXPECTED_ABBREV = {
    'un_long':
        '{sa_family=AF_UNIX, sun_path="/tmp/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}',
    'un_abstract_short':
        '{sa_family=AF_UNIX, sun_path=@"ab\\1"}',
    'un_3':
        '{sa_family=AF_UNIX, sun_path="z"}',
    'in_short':
        '{sa_family=AF_INET, sa_data="\\0P\\n\\1\\2\\3"}',
    'in_long':
        '{sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("192.0.2.7")}',
    'in6_ll_scope':
        '{sa_family=AF_INET6, sin6_port=htons(7), sin6_flowinfo=htonl(9), inet_pton(AF_INET6, "fe80::1", &sin6_addr), sin6_scope_id=if_nametoindex("lo")}',
    'in6_scope_num':
        '{sa_family=AF_INET6, sin6_port=htons(7), sin6_flowinfo=htonl(9), inet_pton(AF_INET6, "2001:db8::2", &sin6_addr), sin6_scope_id=1}',
    'in6_noscope':
        '{sa_family=AF_INET6, sin6_port=htons(7), sin6_flowinfo=htonl(9), inet_pton(AF_INET6, "::2", &sin6_addr)}',
    'ipx':
        '{sa_family=AF_IPX, sipx_port=htons(4660), sipx_network=htonl(0xab), sipx_node=[00, 0x1, 0x2, 0x3, 0x4, 0x5], sipx_type=00, sipx_zero=0x7}',
    'ax25_plain':
        '{sa_family=AF_AX25, sax25_call={ax25_call="\\x9c\\x60\\x86\\x82\\x98\\x98\\x66"} /* N0CALL-3 */, sax25_ndigis=0}',
    'ax25_digis':
        '{sa_family=AF_AX25, fsa_ax25={sax25_call={ax25_call="\\x9c\\x60\\x86\\x82\\x98\\x98\\x66"} /* N0CALL-3 */, sax25_ndigis=2}, fsa_digipeater=[{ax25_call="\\xa4\\x8a\\x98\\x82\\xb2\\x40\\x62"} /* RELAY-1 */, {ax25_call="\\xa4\\x64\\x40\\x40\\x40\\x40\\x78"} /* R2-12 */]}',
    'ax25_sane':
        '{sa_family=AF_AX25, fsa_ax25={sax25_call=N0CALL-3, sax25_ndigis=2}, fsa_digipeater=[RELAY-1, {ax25_call="\\x20\\x20\\x00\\x00\\x00\\x00\\x00"}]}',
    'ax25_raw':
        '{sa_family=AF_AX25, sax25_call={ax25_call="\\x02\\x02\\x02\\x02\\x02\\x02\\x02"}, sax25_ndigis=0}',
    'ax25_odd':
        '{sa_family=AF_AX25, sax25_call={ax25_call="\\x61\\x61\\x61\\x61\\x61\\x61\\x61"} /* 000000-0 */, sax25_ndigis=0}',
    'ax25_more':
        '{sa_family=AF_AX25, fsa_ax25={sax25_call={ax25_call="\\x9c\\x60\\x86\\x82\\x98\\x98\\x66"} /* N0CALL-3 */, sax25_ndigis=1}, fsa_digipeater=[{ax25_call="\\xa4\\x8a\\x98\\x82\\xb2\\x40\\x62"} /* RELAY-1 */], ...}',
    'x25':
        '{sa_family=AF_X25, sx25_addr={x25_addr="1234567"}}',
    'x25_full':
        '{sa_family=AF_X25, sx25_addr={x25_addr="AAAAAAAAAAAAAAA"...}}',
    'nl_pad':
        '{sa_family=AF_NETLINK, nl_pad=0x5, nl_pid=77, nl_groups=0x000003}',
    'rxrpc_in':
        '{sa_family=AF_RXRPC, srx_service=0x1 /* CM_SERVICE */, transport_type=SOCK_DGRAM, transport_len=16, transport={sin={sin_family=AF_INET, sin_port=htons(7001), sin_addr=inet_addr("10.0.0.1")}}}',
    'rxrpc_in6_short':
        '{sa_family=AF_RXRPC, srx_service=0x9c4 /* YFS_FS_SERVICE */, transport_type=SOCK_STREAM, transport_len=10, transport={sin6={sin6_family=AF_INET6, "\\1\\2\\3\\4\\5\\6\\7\\10"}}}',
    'rxrpc_other':
        '{sa_family=AF_RXRPC, srx_service=0x9 /* ???_SERVICE */, transport_type=SOCK_SEQPACKET, transport_len=6, transport={family=AF_UNIX, "ab\\0d"}}',
    'ieee_short':
        '{sa_family=AF_IEEE802154, addr={addr_type=0x2 /* IEEE802154_ADDR_SHORT */, pan_id=0xffff /* IEEE802154_PANID_BROADCAST */, short_addr=0xfffe /* IEEE802154_ADDR_UNDEF */}}',
    'ieee_long':
        '{sa_family=AF_IEEE802154, addr={addr_type=0x3 /* IEEE802154_ADDR_LONG */, pan_id=0x1234, hwaddr=01:02:03:04:05:06:07:08}}',
    'ieee_none':
        '{sa_family=AF_IEEE802154, addr={addr_type=0 /* IEEE802154_ADDR_NONE */, pan_id=0x5}}',
    'alg':
        '{sa_family=AF_ALG, salg_type="hash", salg_feat=0x1000 /* CRYPTO_ALG_KERN_DRIVER_ONLY */, salg_mask=0x1001 /* CRYPTO_ALG_KERN_DRIVER_ONLY|0x1 */, salg_name="sha256"}',
    'alg_long':
        '{sa_family=AF_ALG, salg_type="ttttttttttttt"..., salg_feat=0, salg_mask=0, salg_name="n"...}',
    'nfc':
        '{sa_family=AF_NFC, dev_idx=if_nametoindex("lo"), target_idx=0x5, nfc_protocol=NFC_PROTO_MIFARE}',
    'nfc_more':
        '{sa_family=AF_NFC, dev_idx=0, target_idx=0, nfc_protocol=0x9 /* NFC_PROTO_??? */, ...}',
    'nfc_llcp':
        '{sa_family=AF_NFC, dev_idx=0, target_idx=0x10, nfc_protocol=NFC_PROTO_ISO14443, dsap=0x4 /* LLCP_SAP_SNEP */, ssap=0x2 /* LLCP_SAP_IP */, service_name="", service_name_len=0}',
    'vsock':
        '{sa_family=AF_VSOCK, svm_cid=VMADDR_CID_HOST, svm_port=0x4d2, svm_flags=VMADDR_FLAG_TO_HOST}',
    'vsock_odd':
        '{sa_family=AF_VSOCK, svm_reserved1=0x3, svm_cid=VMADDR_CID_ANY, svm_port=VMADDR_PORT_ANY, svm_flags=0x6 /* VMADDR_FLAG_??? */, svm_zero="\\x00\\x01\\x00"}',
    'qrtr':
        '{sa_family=AF_QIPCRTR, sq_node=QRTR_NODE_BCAST, sq_port=QRTR_PORT_CTRL}',
    'xdp':
        '{sa_family=AF_XDP, sxdp_flags=XDP_COPY|XDP_USE_NEED_WAKEUP, sxdp_ifindex=if_nametoindex("lo"), sxdp_queue_id=3, sxdp_shared_umem_fd=0xff}',
    'xdp_umem':
        '{sa_family=AF_XDP, sxdp_flags=XDP_SHARED_UMEM, sxdp_ifindex=0, sxdp_queue_id=0, sxdp_shared_umem_fd=0}',
    'mctp':
        '{sa_family=AF_MCTP, smctp_network=MCTP_NET_ANY, smctp_addr={s_addr=MCTP_ADDR_ANY}, smctp_type=0x1, smctp_tag=0x8}',
    'mctp_pads':
        '{sa_family=AF_MCTP, __smctp_pad0=0x2, smctp_network=0x7, smctp_addr={s_addr=0x9}, smctp_type=0, smctp_tag=0, __smctp_pad1=0x5}',
    'bt_hci':
        '{sa_family=AF_BLUETOOTH, hci_dev=htobs(3), hci_channel=HCI_CHANNEL_MONITOR}',
    'bt_hci4':
        '{sa_family=AF_BLUETOOTH, hci_dev=htobs(3)}',
    'bt_sco':
        '{sa_family=AF_BLUETOOTH, sco_bdaddr=01:02:03:04:05:06}',
    'bt_rc':
        '{sa_family=AF_BLUETOOTH, rc_bdaddr=01:02:03:04:05:06, rc_channel=7}',
    'bt_l2':
        '{sa_family=AF_BLUETOOTH, l2_psm=htobs(L2CAP_PSM_SDP), l2_bdaddr=01:02:03:04:05:06, l2_cid=htobs(L2CAP_CID_ATT), l2_bdaddr_type=BDADDR_LE_RANDOM}',
    'bt_l2_dyn':
        '{sa_family=AF_BLUETOOTH, l2_psm=htobs(L2CAP_PSM_DYN_START+4), l2_bdaddr=01:02:03:04:05:06, l2_cid=htobs(L2CAP_CID_DYN_START+5)}',
    'bt_l2_le':
        '{sa_family=AF_BLUETOOTH, l2_psm=htobs(L2CAP_PSM_LE_DYN_START+5), l2_bdaddr=01:02:03:04:05:06, l2_cid=htobs(L2CAP_CID_A2MP)}',
    'bt_l2_unk':
        '{sa_family=AF_BLUETOOTH, l2_psm=htobs(0x5 /* L2CAP_PSM_??? */), l2_bdaddr=01:02:03:04:05:06, l2_cid=htobs(0x20 /* L2CAP_CID_??? */)}',
    'bt_odd':
        '{sa_family=AF_BLUETOOTH, sa_data="xyzab"}',
    'unknown_fam':
        '{sa_family=0xc8 /* AF_??? */, sa_data="\\1abc"}',
    'fam_only':
        '{sa_family=AF_INET}',
}

EXPECTED_RAW = {
    'un_long':
        '{sa_family=0x1, sun_path="/tmp/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}',
    'un_abstract_short':
        '{sa_family=0x1, sun_path=@"ab\\1"}',
    'un_3':
        '{sa_family=0x1, sun_path="z"}',
    'in_short':
        '{sa_family=0x2, sa_data="\\0P\\n\\1\\2\\3"}',
    'in_long':
        '{sa_family=0x2, sin_port="\\x01\\xbb", sin_addr="\\xc0\\x00\\x02\\x07"}',
    'in6_ll_scope':
        '{sa_family=0xa, sin6_port="\\x00\\x07", sin6_flowinfo="\\x00\\x00\\x00\\x09", sin6_addr="\\xfe\\x80\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x01", sin6_scope_id=1}',
    'in6_scope_num':
        '{sa_family=0xa, sin6_port="\\x00\\x07", sin6_flowinfo="\\x00\\x00\\x00\\x09", sin6_addr="\\x20\\x01\\x0d\\xb8\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02", sin6_scope_id=1}',
    'in6_noscope':
        '{sa_family=0xa, sin6_port="\\x00\\x07", sin6_flowinfo="\\x00\\x00\\x00\\x09", sin6_addr="\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02"}',
    'ipx':
        '{sa_family=0x4, sipx_port="\\x12\\x34", sipx_network=htonl(0xab), sipx_node=[00, 0x1, 0x2, 0x3, 0x4, 0x5], sipx_type=00, sipx_zero=0x7}',
    'ax25_plain':
        '{sa_family=0x3, sax25_call={ax25_call="\\x9c\\x60\\x86\\x82\\x98\\x98\\x66"} /* N0CALL-3 */, sax25_ndigis=0}',
    'ax25_digis':
        '{sa_family=0x3, fsa_ax25={sax25_call={ax25_call="\\x9c\\x60\\x86\\x82\\x98\\x98\\x66"} /* N0CALL-3 */, sax25_ndigis=2}, fsa_digipeater=[{ax25_call="\\xa4\\x8a\\x98\\x82\\xb2\\x40\\x62"} /* RELAY-1 */, {ax25_call="\\xa4\\x64\\x40\\x40\\x40\\x40\\x78"} /* R2-12 */]}',
    'ax25_sane':
        '{sa_family=0x3, fsa_ax25={sax25_call={ax25_call="\\x9c\\x60\\x86\\x82\\x98\\x98\\x06"}, sax25_ndigis=2}, fsa_digipeater=[{ax25_call="\\xa4\\x8a\\x98\\x82\\xb2\\x40\\x02"}, {ax25_call="\\x20\\x20\\x00\\x00\\x00\\x00\\x00"}]}',
    'ax25_raw':
        '{sa_family=0x3, sax25_call={ax25_call="\\x02\\x02\\x02\\x02\\x02\\x02\\x02"}, sax25_ndigis=0}',
    'ax25_odd':
        '{sa_family=0x3, sax25_call={ax25_call="\\x61\\x61\\x61\\x61\\x61\\x61\\x61"} /* 000000-0 */, sax25_ndigis=0}',
    'ax25_more':
        '{sa_family=0x3, fsa_ax25={sax25_call={ax25_call="\\x9c\\x60\\x86\\x82\\x98\\x98\\x66"} /* N0CALL-3 */, sax25_ndigis=1}, fsa_digipeater=[{ax25_call="\\xa4\\x8a\\x98\\x82\\xb2\\x40\\x62"} /* RELAY-1 */], ...}',
    'x25':
        '{sa_family=0x9, sx25_addr={x25_addr="1234567"}}',
    'x25_full':
        '{sa_family=0x9, sx25_addr={x25_addr="AAAAAAAAAAAAAAA"...}}',
    'nl_pad':
        '{sa_family=0x10, nl_pad=0x5, nl_pid=77, nl_groups=0x000003}',
    'rxrpc_in':
        '{sa_family=0x21, srx_service=0x1, transport_type=0x2, transport_len=16, transport={sin={sin_family=0x2, sin_port="\\x1b\\x59", sin_addr="\\x0a\\x00\\x00\\x01"}}}',
    'rxrpc_in6_short':
        '{sa_family=0x21, srx_service=0x9c4, transport_type=0x1, transport_len=10, transport={sin6={sin6_family=0xa, "\\1\\2\\3\\4\\5\\6\\7\\10"}}}',
    'rxrpc_other':
        '{sa_family=0x21, srx_service=0x9, transport_type=0x5, transport_len=6, transport={family=0x1, "ab\\0d"}}',
    'ieee_short':
        '{sa_family=0x24, addr={addr_type=0x2, pan_id=0xffff, short_addr=0xfffe}}',
    'ieee_long':
        '{sa_family=0x24, addr={addr_type=0x3, pan_id=0x1234, hwaddr="\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08"}}',
    'ieee_none':
        '{sa_family=0x24, addr={addr_type=0, pan_id=0x5}}',
    'alg':
        '{sa_family=0x26, salg_type="hash", salg_feat=0x1000, salg_mask=0x1001, salg_name="sha256"}',
    'alg_long':
        '{sa_family=0x26, salg_type="ttttttttttttt"..., salg_feat=0, salg_mask=0, salg_name="n"...}',
    'nfc':
        '{sa_family=0x27, dev_idx=1, target_idx=0x5, nfc_protocol=0x2}',
    'nfc_more':
        '{sa_family=0x27, dev_idx=0, target_idx=0, nfc_protocol=0x9, ...}',
    'nfc_llcp':
        '{sa_family=0x27, dev_idx=0, target_idx=0x10, nfc_protocol=0x4, dsap=0x4, ssap=0x2, service_name="", service_name_len=0}',
    'vsock':
        '{sa_family=0x28, svm_cid=0x2, svm_port=0x4d2, svm_flags=0x1}',
    'vsock_odd':
        '{sa_family=0x28, svm_reserved1=0x3, svm_cid=0xffffffff, svm_port=0xffffffff, svm_flags=0x6, svm_zero="\\x00\\x01\\x00"}',
    'qrtr':
        '{sa_family=0x2a, sq_node=0xffffffff, sq_port=0xfffffffe}',
    'xdp':
        '{sa_family=0x2c, sxdp_flags=0xa, sxdp_ifindex=1, sxdp_queue_id=3, sxdp_shared_umem_fd=0xff}',
    'xdp_umem':
        '{sa_family=0x2c, sxdp_flags=0x1, sxdp_ifindex=0, sxdp_queue_id=0, sxdp_shared_umem_fd=0}',
    'mctp':
        '{sa_family=0x2d, smctp_network=0, smctp_addr={s_addr=0xff}, smctp_type=0x1, smctp_tag=0x8}',
    'mctp_pads':
        '{sa_family=0x2d, __smctp_pad0=0x2, smctp_network=0x7, smctp_addr={s_addr=0x9}, smctp_type=0, smctp_tag=0, __smctp_pad1=0x5}',
    'bt_hci':
        '{sa_family=0x1f, hci_dev=htobs(3), hci_channel=0x2}',
    'bt_hci4':
        '{sa_family=0x1f, hci_dev=htobs(3)}',
    'bt_sco':
        '{sa_family=0x1f, sco_bdaddr="\\x01\\x02\\x03\\x04\\x05\\x06"}',
    'bt_rc':
        '{sa_family=0x1f, rc_bdaddr="\\x01\\x02\\x03\\x04\\x05\\x06", rc_channel=7}',
    'bt_l2':
        '{sa_family=0x1f, l2_psm=htobs(0x1), l2_bdaddr="\\x01\\x02\\x03\\x04\\x05\\x06", l2_cid=htobs(0x4), l2_bdaddr_type=0x2}',
    'bt_l2_dyn':
        '{sa_family=0x1f, l2_psm=htobs(0x1005), l2_bdaddr="\\x01\\x02\\x03\\x04\\x05\\x06", l2_cid=htobs(0x45)}',
    'bt_l2_le':
        '{sa_family=0x1f, l2_psm=htobs(0x85), l2_bdaddr="\\x01\\x02\\x03\\x04\\x05\\x06", l2_cid=htobs(0x3)}',
    'bt_l2_unk':
        '{sa_family=0x1f, l2_psm=htobs(0x5), l2_bdaddr="\\x01\\x02\\x03\\x04\\x05\\x06", l2_cid=htobs(0x20)}',
    'bt_odd':
        '{sa_family=0x1f, sa_data="xyzab"}',
    'unknown_fam':
        '{sa_family=0xc8, sa_data="\\1abc"}',
    'fam_only':
        '{sa_family=0x2}',
}

EXPECTED_VERBOSE = {
    'un_long':
        '{sa_family=0x1 /* AF_UNIX */, sun_path="/tmp/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}',
    'un_abstract_short':
        '{sa_family=0x1 /* AF_UNIX */, sun_path=@"ab\\1"}',
    'un_3':
        '{sa_family=0x1 /* AF_UNIX */, sun_path="z"}',
    'in_short':
        '{sa_family=0x2 /* AF_INET */, sa_data="\\0P\\n\\1\\2\\3"}',
    'in_long':
        '{sa_family=0x2 /* AF_INET */, sin_port="\\x01\\xbb" /* htons(443) */, sin_addr="\\xc0\\x00\\x02\\x07" /* inet_addr("192.0.2.7") */}',
    'in6_ll_scope':
        '{sa_family=0xa /* AF_INET6 */, sin6_port="\\x00\\x07" /* htons(7) */, sin6_flowinfo="\\x00\\x00\\x00\\x09" /* htonl(9) */, sin6_addr="\\xfe\\x80\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x01" /* inet_pton(AF_INET6, "fe80::1") */, sin6_scope_id=1 /* if_nametoindex("lo") */}',
    'in6_scope_num':
        '{sa_family=0xa /* AF_INET6 */, sin6_port="\\x00\\x07" /* htons(7) */, sin6_flowinfo="\\x00\\x00\\x00\\x09" /* htonl(9) */, sin6_addr="\\x20\\x01\\x0d\\xb8\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02" /* inet_pton(AF_INET6, "2001:db8::2") */, sin6_scope_id=1}',
    'in6_noscope':
        '{sa_family=0xa /* AF_INET6 */, sin6_port="\\x00\\x07" /* htons(7) */, sin6_flowinfo="\\x00\\x00\\x00\\x09" /* htonl(9) */, sin6_addr="\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02" /* inet_pton(AF_INET6, "::2") */}',
    'ipx':
        '{sa_family=0x4 /* AF_IPX */, sipx_port="\\x12\\x34" /* htons(4660) */, sipx_network=htonl(0xab), sipx_node=[00, 0x1, 0x2, 0x3, 0x4, 0x5], sipx_type=00, sipx_zero=0x7}',
    'ax25_plain':
        '{sa_family=0x3 /* AF_AX25 */, sax25_call={ax25_call="\\x9c\\x60\\x86\\x82\\x98\\x98\\x66"} /* N0CALL-3 */, sax25_ndigis=0}',
    'ax25_digis':
        '{sa_family=0x3 /* AF_AX25 */, fsa_ax25={sax25_call={ax25_call="\\x9c\\x60\\x86\\x82\\x98\\x98\\x66"} /* N0CALL-3 */, sax25_ndigis=2}, fsa_digipeater=[{ax25_call="\\xa4\\x8a\\x98\\x82\\xb2\\x40\\x62"} /* RELAY-1 */, {ax25_call="\\xa4\\x64\\x40\\x40\\x40\\x40\\x78"} /* R2-12 */]}',
    'ax25_sane':
        '{sa_family=0x3 /* AF_AX25 */, fsa_ax25={sax25_call={ax25_call="\\x9c\\x60\\x86\\x82\\x98\\x98\\x06"} /* N0CALL-3 */, sax25_ndigis=2}, fsa_digipeater=[{ax25_call="\\xa4\\x8a\\x98\\x82\\xb2\\x40\\x02"} /* RELAY-1 */, {ax25_call="\\x20\\x20\\x00\\x00\\x00\\x00\\x00"}]}',
    'ax25_raw':
        '{sa_family=0x3 /* AF_AX25 */, sax25_call={ax25_call="\\x02\\x02\\x02\\x02\\x02\\x02\\x02"}, sax25_ndigis=0}',
    'ax25_odd':
        '{sa_family=0x3 /* AF_AX25 */, sax25_call={ax25_call="\\x61\\x61\\x61\\x61\\x61\\x61\\x61"} /* 000000-0 */, sax25_ndigis=0}',
    'ax25_more':
        '{sa_family=0x3 /* AF_AX25 */, fsa_ax25={sax25_call={ax25_call="\\x9c\\x60\\x86\\x82\\x98\\x98\\x66"} /* N0CALL-3 */, sax25_ndigis=1}, fsa_digipeater=[{ax25_call="\\xa4\\x8a\\x98\\x82\\xb2\\x40\\x62"} /* RELAY-1 */], ...}',
    'x25':
        '{sa_family=0x9 /* AF_X25 */, sx25_addr={x25_addr="1234567"}}',
    'x25_full':
        '{sa_family=0x9 /* AF_X25 */, sx25_addr={x25_addr="AAAAAAAAAAAAAAA"...}}',
    'nl_pad':
        '{sa_family=0x10 /* AF_NETLINK */, nl_pad=0x5, nl_pid=77, nl_groups=0x000003}',
    'rxrpc_in':
        '{sa_family=0x21 /* AF_RXRPC */, srx_service=0x1 /* CM_SERVICE */, transport_type=0x2 /* SOCK_DGRAM */, transport_len=16, transport={sin={sin_family=0x2 /* AF_INET */, sin_port="\\x1b\\x59" /* htons(7001) */, sin_addr="\\x0a\\x00\\x00\\x01" /* inet_addr("10.0.0.1") */}}}',
    'rxrpc_in6_short':
        '{sa_family=0x21 /* AF_RXRPC */, srx_service=0x9c4 /* YFS_FS_SERVICE */, transport_type=0x1 /* SOCK_STREAM */, transport_len=10, transport={sin6={sin6_family=0xa /* AF_INET6 */, "\\1\\2\\3\\4\\5\\6\\7\\10"}}}',
    'rxrpc_other':
        '{sa_family=0x21 /* AF_RXRPC */, srx_service=0x9 /* ???_SERVICE */, transport_type=0x5 /* SOCK_SEQPACKET */, transport_len=6, transport={family=0x1 /* AF_UNIX */, "ab\\0d"}}',
    'ieee_short':
        '{sa_family=0x24 /* AF_IEEE802154 */, addr={addr_type=0x2 /* IEEE802154_ADDR_SHORT */, pan_id=0xffff /* IEEE802154_PANID_BROADCAST */, short_addr=0xfffe /* IEEE802154_ADDR_UNDEF */}}',
    'ieee_long':
        '{sa_family=0x24 /* AF_IEEE802154 */, addr={addr_type=0x3 /* IEEE802154_ADDR_LONG */, pan_id=0x1234, hwaddr="\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08" /* 01:02:03:04:05:06:07:08 */}}',
    'ieee_none':
        '{sa_family=0x24 /* AF_IEEE802154 */, addr={addr_type=0 /* IEEE802154_ADDR_NONE */, pan_id=0x5}}',
    'alg':
        '{sa_family=0x26 /* AF_ALG */, salg_type="hash", salg_feat=0x1000 /* CRYPTO_ALG_KERN_DRIVER_ONLY */, salg_mask=0x1001 /* CRYPTO_ALG_KERN_DRIVER_ONLY|0x1 */, salg_name="sha256"}',
    'alg_long':
        '{sa_family=0x26 /* AF_ALG */, salg_type="ttttttttttttt"..., salg_feat=0, salg_mask=0, salg_name="n"...}',
    'nfc':
        '{sa_family=0x27 /* AF_NFC */, dev_idx=1 /* if_nametoindex("lo") */, target_idx=0x5, nfc_protocol=0x2 /* NFC_PROTO_MIFARE */}',
    'nfc_more':
        '{sa_family=0x27 /* AF_NFC */, dev_idx=0, target_idx=0, nfc_protocol=0x9 /* NFC_PROTO_??? */, ...}',
    'nfc_llcp':
        '{sa_family=0x27 /* AF_NFC */, dev_idx=0, target_idx=0x10, nfc_protocol=0x4 /* NFC_PROTO_ISO14443 */, dsap=0x4 /* LLCP_SAP_SNEP */, ssap=0x2 /* LLCP_SAP_IP */, service_name="", service_name_len=0}',
    'vsock':
        '{sa_family=0x28 /* AF_VSOCK */, svm_cid=0x2 /* VMADDR_CID_HOST */, svm_port=0x4d2, svm_flags=0x1 /* VMADDR_FLAG_TO_HOST */}',
    'vsock_odd':
        '{sa_family=0x28 /* AF_VSOCK */, svm_reserved1=0x3, svm_cid=0xffffffff /* VMADDR_CID_ANY */, svm_port=0xffffffff /* VMADDR_PORT_ANY */, svm_flags=0x6 /* VMADDR_FLAG_??? */, svm_zero="\\x00\\x01\\x00"}',
    'qrtr':
        '{sa_family=0x2a /* AF_QIPCRTR */, sq_node=0xffffffff /* QRTR_NODE_BCAST */, sq_port=0xfffffffe /* QRTR_PORT_CTRL */}',
    'xdp':
        '{sa_family=0x2c /* AF_XDP */, sxdp_flags=0xa /* XDP_COPY|XDP_USE_NEED_WAKEUP */, sxdp_ifindex=1 /* if_nametoindex("lo") */, sxdp_queue_id=3, sxdp_shared_umem_fd=0xff}',
    'xdp_umem':
        '{sa_family=0x2c /* AF_XDP */, sxdp_flags=0x1 /* XDP_SHARED_UMEM */, sxdp_ifindex=0, sxdp_queue_id=0, sxdp_shared_umem_fd=0}',
    'mctp':
        '{sa_family=0x2d /* AF_MCTP */, smctp_network=0 /* MCTP_NET_ANY */, smctp_addr={s_addr=0xff /* MCTP_ADDR_ANY */}, smctp_type=0x1, smctp_tag=0x8}',
    'mctp_pads':
        '{sa_family=0x2d /* AF_MCTP */, __smctp_pad0=0x2, smctp_network=0x7, smctp_addr={s_addr=0x9}, smctp_type=0, smctp_tag=0, __smctp_pad1=0x5}',
    'bt_hci':
        '{sa_family=0x1f /* AF_BLUETOOTH */, hci_dev=htobs(3), hci_channel=0x2 /* HCI_CHANNEL_MONITOR */}',
    'bt_hci4':
        '{sa_family=0x1f /* AF_BLUETOOTH */, hci_dev=htobs(3)}',
    'bt_sco':
        '{sa_family=0x1f /* AF_BLUETOOTH */, sco_bdaddr="\\x01\\x02\\x03\\x04\\x05\\x06" /* 01:02:03:04:05:06 */}',
    'bt_rc':
        '{sa_family=0x1f /* AF_BLUETOOTH */, rc_bdaddr="\\x01\\x02\\x03\\x04\\x05\\x06" /* 01:02:03:04:05:06 */, rc_channel=7}',
    'bt_l2':
        '{sa_family=0x1f /* AF_BLUETOOTH */, l2_psm=htobs(0x1 /* L2CAP_PSM_SDP */), l2_bdaddr="\\x01\\x02\\x03\\x04\\x05\\x06" /* 01:02:03:04:05:06 */, l2_cid=htobs(0x4 /* L2CAP_CID_ATT */), l2_bdaddr_type=0x2 /* BDADDR_LE_RANDOM */}',
    'bt_l2_dyn':
        '{sa_family=0x1f /* AF_BLUETOOTH */, l2_psm=htobs(0x1005 /* 0x1001 /* L2CAP_PSM_DYN_START */+4 */), l2_bdaddr="\\x01\\x02\\x03\\x04\\x05\\x06" /* 01:02:03:04:05:06 */, l2_cid=htobs(0x45 /* 0x40 /* L2CAP_CID_DYN_START */+5 */)}',
    'bt_l2_le':
        '{sa_family=0x1f /* AF_BLUETOOTH */, l2_psm=htobs(0x85 /* 0x80 /* L2CAP_PSM_LE_DYN_START */+5 */), l2_bdaddr="\\x01\\x02\\x03\\x04\\x05\\x06" /* 01:02:03:04:05:06 */, l2_cid=htobs(0x3 /* L2CAP_CID_A2MP */)}',
    'bt_l2_unk':
        '{sa_family=0x1f /* AF_BLUETOOTH */, l2_psm=htobs(0x5 /* L2CAP_PSM_??? */), l2_bdaddr="\\x01\\x02\\x03\\x04\\x05\\x06" /* 01:02:03:04:05:06 */, l2_cid=htobs(0x20 /* L2CAP_CID_??? */)}',
    'bt_odd':
        '{sa_family=0x1f /* AF_BLUETOOTH */, sa_data="xyzab"}',
    'unknown_fam':
        '{sa_family=0xc8 /* AF_??? */, sa_data="\\1abc"}',
    'fam_only':
        '{sa_family=0x2 /* AF_INET */}',
}


def _line(name, style):
    data, addrlen = dict((n, (d, l)) for n, d, l in CASES)[name]
    return call_line("connect", [0xffffffff, A, addrlen], EBADF, {A: bytes(data)}, style=style)


def _expected(text, name):
    addrlen = dict((n, l) for n, _, l in CASES)[name]
    return "connect(-1, %s, %d) = -1 EBADF (Bad file descriptor)" % (text, addrlen)


@pytest.mark.parametrize("name", sorted(EXPECTED_ABBREV))
def test_abbrev(name):
    assert _line(name, None) == _expected(EXPECTED_ABBREV[name], name)


@pytest.mark.parametrize("name", sorted(EXPECTED_RAW))
def test_xraw(name):
    assert _line(name, printers.Style(const_style="raw")) == _expected(EXPECTED_RAW[name], name)


@pytest.mark.parametrize("name", sorted(EXPECTED_VERBOSE))
def test_xverbose(name):
    assert _line(name, printers.Style(const_style="verbose")) == \
        _expected(EXPECTED_VERBOSE[name], name)


def test_every_case_has_its_three_forms():
    assert set(EXPECTED_ABBREV) == set(EXPECTED_RAW) == set(EXPECTED_VERBOSE) == \
        set(n for n, _, _ in CASES)


def test_lengths_below_a_family_and_unreadable():
    assert call_line("connect", [3, A, 1], EBADF, {A: H(2)}) == \
        "connect(3, 0x10000, 1) = -1 EBADF (Bad file descriptor)"
    assert call_line("connect", [3, A, 0xffffffff], EBADF, {A: H(2)}) == \
        "connect(3, 0x10000, -1) = -1 EBADF (Bad file descriptor)"
    # an address longer than sockaddr_storage is read as its first 128 bytes: all or nothing
    assert call_line("connect", [3, A, 200], EBADF, {A: H(2) + b"\0" * 100}) == \
        "connect(3, 0x10000, 200) = -1 EBADF (Bad file descriptor)"
