"""NETLINK_KOBJECT_UEVENT: udev's monitor messages (libudev's "libudev" header, struct
udev_monitor_netlink_header) or the kernel's text, as strace's netlink_kobject_uevent.c."""
import struct

from minitrace import printers
from minitrace.decode.netlink import message
from minitrace.decode.netlink.nlattr import string

_HEADER = "8sIIIIIIII"            # prefix[8], magic (network order), header_size, ...
_NAMES = ("prefix", "magic", "header_size", "properties_off", "properties_len",
          "filter_subsystem_hash", "filter_devtype_hash", "filter_tag_bloom_hi",
          "filter_tag_bloom_lo")
UDEV_MONITOR_MAGIC = 0xfeedcafe


def whole_buffer(v, addr, length):
    size = struct.calcsize("=" + _HEADER)
    raw = v.get(addr, size) if length >= size else None
    if raw is not None and raw[:8] == b"libudev\0":
        vals = struct.unpack("=" + _HEADER, raw)
        magic = struct.unpack(">I", raw[8:12])[0]
        if magic == UDEV_MONITOR_MAGIC:
            parts = ['prefix="libudev"', "magic=htonl(%#x)" % magic]
            for name, value in zip(_NAMES[2:], vals[2:]):
                parts.append("%s=%s" % (name, value if "bloom" not in name
                                        else printers.hexnum(value)))
            text = "{" + ", ".join(parts) + "}"
            if length > size:
                text += ", " + string(v, addr + size, length - size)
            return text
    return string(v, addr, length)


PROTOCOL = message.register(message.Protocol("NETLINK_KOBJECT_UEVENT"))
PROTOCOL.whole_buffer = whole_buffer
