"""NETLINK_SELINUX: SELNL_MSG_SETENFORCE (struct selnl_msg_setenforce) and
SELNL_MSG_POLICYLOAD (struct selnl_msg_policyload)."""
from minitrace.decode.netlink import message
from minitrace.decode.netlink.nlattr import hexstr, struct_text

SELNL_TYPES = ("SELNL_MSG_SETENFORCE", "SELNL_MSG_POLICYLOAD")
BODIES = {"SELNL_MSG_SETENFORCE": [("val", "i")], "SELNL_MSG_POLICYLOAD": [("seqno", "I")]}


def payload(v, hdr, addr, length):
    for name, fields in BODIES.items():
        if hdr[1] == v.const(name):
            if length < 4:
                return hexstr(v, addr, length)
            return struct_text(v, addr, fields)
    return None


message.register(message.Protocol("NETLINK_SELINUX", SELNL_TYPES, "SELNL_MSG_???",
                                  payload=payload))
