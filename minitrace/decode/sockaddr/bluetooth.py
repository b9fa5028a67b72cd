"""AF_BLUETOOTH addresses (net/bluetooth/: struct sockaddr_hci, sockaddr_sco, sockaddr_rc,
sockaddr_l2), told apart by their length, as strace 6.1's print_sockaddr_data_bt. Bluetooth
numbers are little-endian (`htobs`)."""
import struct

from minitrace import printers
from minitrace.decode.sockaddr.fields import mac, quoted, xval, xval_of

BDADDR_LEN = 6
# struct sockaddr_hci: u16 hci_dev at 2, u16 hci_channel at 4
HCI_DEV_END, SOCKADDR_HCI_LEN = 4, 6
SOCKADDR_SCO_LEN = 2 + BDADDR_LEN                   # sco_bdaddr at 2
SOCKADDR_RC_LEN = 10                                # rc_bdaddr at 2, u8 rc_channel at 8
# struct sockaddr_l2: u16 l2_psm at 2, l2_bdaddr at 4, u16 l2_cid at 10, u8 l2_bdaddr_type at 12
L2_BDADDR_TYPE_AT, SOCKADDR_L2_LEN = 12, 14

HCI_CHANNELS = ("HCI_CHANNEL_RAW", "HCI_CHANNEL_USER", "HCI_CHANNEL_MONITOR",
                "HCI_CHANNEL_CONTROL", "HCI_CHANNEL_LOGGING")
BDADDR_TYPES = ("BDADDR_BREDR", "BDADDR_LE_PUBLIC", "BDADDR_LE_RANDOM")
L2CAP_PSMS = ("L2CAP_PSM_SDP", "L2CAP_PSM_RFCOMM", "L2CAP_PSM_3DSP", "L2CAP_PSM_IPSP",
              "L2CAP_PSM_LE_DYN_START", "L2CAP_PSM_LE_DYN_END", "L2CAP_PSM_DYN_START",
              "L2CAP_PSM_AUTO_END", "L2CAP_PSM_DYN_END")
L2CAP_CIDS = ("L2CAP_CID_SIGNALING", "L2CAP_CID_CONN_LESS", "L2CAP_CID_ATT",
              "L2CAP_CID_LE_SIGNALING", "L2CAP_CID_SMP", "L2CAP_CID_SMP_BREDR",
              "L2CAP_CID_DYN_START", "L2CAP_CID_LE_DYN_END", "L2CAP_CID_DYN_END")
# L2CAP_CID_A2MP, in strace's list, left net/bluetooth/l2cap.h before Linux 6.1 (it was 0x0003)
L2CAP_CIDS_GONE = {0x0003: "L2CAP_CID_A2MP"}


def _le16(buf, off):
    return struct.unpack_from("<H", buf, off)[0]


def _l2_number(ctx, call, value, names, extra, ranges, unknown):
    """print_bluetooth_l2_psm/_cid: `htobs(L2CAP_PSM_SDP)`, a dynamic one as
    `htobs(L2CAP_PSM_DYN_START+4)`, an unknown one as `htobs(0x5 /* L2CAP_PSM_??? */)`."""
    c = ctx.constants(call.abi)
    table = dict(extra)
    table.update(ctx.enum_table(call.abi, names))
    name = table.get(value)
    named = None
    if name is None:
        for start, end in ranges:
            lo, hi = c.get(start), c.get(end, 0xffff)
            if lo is not None and lo <= value <= hi:
                named = "%s+%d" % (xval_of(ctx, lo, {lo: start}), value - lo)
                break
    else:
        named = name
    cstyle = ctx.style.const_style
    if cstyle == "raw":
        return "htobs(%s)" % printers.hexnum(value)
    if named is not None and cstyle == "abbrev":
        return "htobs(%s)" % named
    return "htobs(%s /* %s */)" % (printers.hexnum(value), named or unknown)


def psm(ctx, call, value):
    return _l2_number(ctx, call, value, L2CAP_PSMS, {},
                      (("L2CAP_PSM_LE_DYN_START", "L2CAP_PSM_LE_DYN_END"),
                       ("L2CAP_PSM_DYN_START", None)), "L2CAP_PSM_???")


def cid(ctx, call, value):
    return _l2_number(ctx, call, value, L2CAP_CIDS, L2CAP_CIDS_GONE,
                      (("L2CAP_CID_DYN_START", None),), "L2CAP_CID_???")


def bluetooth(ctx, call, buf, addrlen):
    if addrlen in (HCI_DEV_END, SOCKADDR_HCI_LEN):
        text = "hci_dev=htobs(%d)" % _le16(buf, 2)
        if addrlen == SOCKADDR_HCI_LEN:
            text += ", hci_channel=" + xval(ctx, call, _le16(buf, 4), HCI_CHANNELS,
                                            "HCI_CHANNEL_???")
        return text
    if addrlen == SOCKADDR_SCO_LEN:
        return "sco_bdaddr=" + mac(ctx, buf[2:2 + BDADDR_LEN])
    if addrlen == SOCKADDR_RC_LEN:
        return "rc_bdaddr=%s, rc_channel=%d" % (mac(ctx, buf[2:2 + BDADDR_LEN]),
                                                bytearray(buf)[8])
    if addrlen in (L2_BDADDR_TYPE_AT, SOCKADDR_L2_LEN):
        text = "l2_psm=%s, l2_bdaddr=%s, l2_cid=%s" % (
            psm(ctx, call, _le16(buf, 2)), mac(ctx, buf[4:4 + BDADDR_LEN]),
            cid(ctx, call, _le16(buf, 10)))
        if addrlen == SOCKADDR_L2_LEN:
            text += ", l2_bdaddr_type=" + xval(ctx, call, bytearray(buf)[12], BDADDR_TYPES,
                                               "BDADDR_???")
        return text
    return "sa_data=" + quoted(ctx, buf[2:addrlen])


PRINTERS = {"AF_BLUETOOTH": (bluetooth, 3)}
