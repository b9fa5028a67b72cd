"""NETLINK_GENERIC: the message type is a family id, named as strace names it from the
kernel's list of generic netlink families (CTRL_CMD_GETFAMILY dump), asked once."""
import socket
import struct

from minitrace.decode.netlink import message

_FAMILIES = {}
_LOADED = []
GENL_ID_CTRL = 0x10            # linux/genetlink.h


def _families():
    """id -> name of the generic netlink families of this host (strace's genl_families_xlat)."""
    if _LOADED:
        return _FAMILIES
    _LOADED.append(True)
    try:
        s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 16)   # NETLINK_GENERIC
    except (OSError, AttributeError):
        return _FAMILIES
    try:
        # nlmsghdr + genlmsghdr{cmd=CTRL_CMD_GETFAMILY(3), version=1}, NLM_F_REQUEST|NLM_F_DUMP
        s.sendto(struct.pack("=IHHIIBBH", 20, GENL_ID_CTRL, 0x301, 1, 0, 3, 1, 0), (0, 0))
        done = False
        while not done:
            data = s.recv(65536)
            off = 0
            while off + 16 <= len(data):
                length, mtype = struct.unpack_from("=IH", data, off)
                if length < 16 or mtype in (2, 3):          # NLMSG_ERROR, NLMSG_DONE
                    done = True
                    break
                _parse_family(data[off + 20:off + length])
                off += (length + 3) & ~3
            if not data:
                break
    except OSError:
        pass
    finally:
        s.close()
    return _FAMILIES


def _parse_family(attrs):
    fid = name = None
    off = 0
    while off + 4 <= len(attrs):
        alen, atype = struct.unpack_from("=HH", attrs, off)
        if alen < 4:
            break
        body = attrs[off + 4:off + alen]
        if atype == 1 and len(body) >= 2:          # CTRL_ATTR_FAMILY_ID
            fid = struct.unpack_from("=H", body)[0]
        elif atype == 2:                           # CTRL_ATTR_FAMILY_NAME
            name = body.split(b"\0")[0].decode("ascii", "replace")
        off += (alen + 3) & ~3
    if fid is not None and name:
        _FAMILIES[fid] = name


def type_text(v, mtype):
    from minitrace import printers
    return printers.enum(mtype, _families(), v.style, "GENERIC_FAMILY_???")


message.register(message.Protocol("NETLINK_GENERIC", type_text=type_text))
