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


_HTONL = ("magic", "filter_subsystem_hash", "filter_devtype_hash", "filter_tag_bloom_hi",
          "filter_tag_bloom_lo")


def whole_buffer(v, addr, length):
    """struct udev_monitor_netlink_header (its network-order fields as htonl(0x...)), and in
    an array with it the properties after it; else the buffer as a string."""
    size = struct.calcsize("=" + _HEADER)
    raw = v.get(addr, size) if length >= size else None
    if raw is None or raw[:8] != b"libudev\0":
        return string(v, addr, length)
    native = struct.unpack(v.order + _HEADER, raw)
    network = struct.unpack(">" + _HEADER, raw)
    parts = ['prefix="libudev"']
    for i, name in enumerate(_NAMES[1:], 1):
        parts.append("%s=htonl(%s)" % (name, printers.hexnum(network[i])) if name in _HTONL
                     else "%s=%d" % (name, native[i]))
    text = "{" + ", ".join(parts) + "}"
    if length > size:
        text = "[%s, %s]" % (text, string(v, addr + size, length - size))
    return text


PROTOCOL = message.register(message.Protocol("NETLINK_KOBJECT_UEVENT"))
PROTOCOL.whole_buffer = whole_buffer
