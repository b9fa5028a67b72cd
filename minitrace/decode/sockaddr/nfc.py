"""AF_NFC addresses (linux/nfc.h's struct sockaddr_nfc and struct sockaddr_nfc_llcp, whose
service_name_len is a size_t), as strace 6.1's print_sockaddr_data_nfc."""
from minitrace import printers
from minitrace.decode.common import lbits
from minitrace.decode.sockaddr.fields import (ifindex, quoted, u32, u64, xval,
                                              xval_of)

# struct sockaddr_nfc: u32 dev_idx at 4, u32 target_idx at 8, u32 nfc_protocol at 12.
# struct sockaddr_nfc_llcp adds u8 dsap at 16, u8 ssap at 17, char service_name[63] at 18 and
# size_t service_name_len at 84 (32-bit) or 88 (64-bit)
SOCKADDR_NFC_LEN = 16
SERVICE_NAME_AT = 18
SERVICE_NAME_MAX = 63           # NFC_LLCP_MAX_SERVICE_NAME
LLCP_LEN = {32: 88, 64: 96}
SNSZ_AT = {32: 84, 64: 88}

NFC_PROTOS = ("NFC_PROTO_JEWEL", "NFC_PROTO_MIFARE", "NFC_PROTO_FELICA", "NFC_PROTO_ISO14443",
              "NFC_PROTO_NFC_DEP", "NFC_PROTO_ISO14443_B", "NFC_PROTO_ISO15693")
# The LLCP service access points strace names (its nfc_saps list): net/nfc/llcp.h of Linux 6.1,
# not in include/
LLCP_SAPS = {0x1: "LLCP_SAP_SDP", 0x2: "LLCP_SAP_IP", 0x3: "LLCP_SAP_OBEX", 0x4: "LLCP_SAP_SNEP",
             0xff: "LLCP_SAP_MAX"}


def nfc(ctx, call, buf, addrlen):
    text = "dev_idx=%s, target_idx=%s, nfc_protocol=%s" % (
        ifindex(ctx, u32(call, buf, 4)), printers.hexnum(u32(call, buf, 8)),
        xval(ctx, call, u32(call, buf, 12), NFC_PROTOS, "NFC_PROTO_???"))
    bits = lbits(call)
    if addrlen < LLCP_LEN[bits]:
        return text + (", ..." if addrlen > SOCKADDR_NFC_LEN else "")
    snsz = (u64 if bits == 64 else u32)(call, buf, SNSZ_AT[bits])
    b = bytearray(buf)
    name = buf[SERVICE_NAME_AT:SERVICE_NAME_AT + min(SERVICE_NAME_MAX, snsz)]
    return text + ", dsap=%s, ssap=%s, service_name=%s, service_name_len=%d" % (
        xval_of(ctx, b[16], LLCP_SAPS, verbose=True),
        xval_of(ctx, b[17], LLCP_SAPS, verbose=True), quoted(ctx, name), snsz)


PRINTERS = {"AF_NFC": (nfc, SOCKADDR_NFC_LEN)}
