"""Offline tests of decode/ioctl/sock.py (type 0x89): struct ifreq set at entry and read back at
exit, SIOCGIFCONF's struct ifconf and its ifreq array, the int, string, ifindex and address-only
commands (fake tracee memory in, strace's text out)."""
import socket
import struct

from minitrace import printers
from decodertest import call_line

A, B = 0x10000, 0x20000
EBADF = -9
RAW, VERBOSE = printers.Style(const_style="raw"), printers.Style(const_style="verbose")
# x86_64 numbers
SIOCSIFADDR, SIOCGIFADDR, SIOCSIFFLAGS, SIOCSIFHWADDR = 0x8916, 0x8915, 0x8914, 0x8924
SIOCSIFMAP, SIOCSIFMTU, SIOCGIFINDEX, SIOCGIFNAME = 0x8971, 0x8922, 0x8933, 0x8910
SIOCSIFNAME, SIOCGIFCONF, FIOSETOWN, FIOGETOWN = 0x8923, 0x8912, 0x8901, 0x8903
SIOCBRADDBR, SIOCBRADDIF, SIOCADDRT = 0x89a0, 0x89a2, 0x890b
IFREQ_SIZE = 40


def ifreq(name, union=b""):
    return name.ljust(16, b"\0") + union.ljust(24, b"\0")


def sockaddr_in(port, addr):
    return struct.pack("=H", socket.AF_INET) + struct.pack(">H", port) + \
        socket.inet_aton(addr) + bytes(8)


def test_set_ifreq_at_entry():
    mem = {A: ifreq(b"eth0", sockaddr_in(0x1bad, "127.0.0.1"))}
    assert call_line("ioctl", [3, SIOCSIFADDR, A], EBADF, mem) == \
        "ioctl(3, SIOCSIFADDR, {ifr_name=\"eth0\", ifr_addr={sa_family=AF_INET, " \
        "sin_port=htons(7085), sin_addr=inet_addr(\"127.0.0.1\")}}) = -1 EBADF " \
        "(Bad file descriptor)"
    # a name filling ifr_name without a NUL: 15 bytes and `...`
    mem = {A: ifreq(b"0123456789012345", struct.pack("=H", 0x1003))}
    assert call_line("ioctl", [3, SIOCSIFFLAGS, A], 0, mem) == \
        "ioctl(3, SIOCSIFFLAGS, {ifr_name=\"012345678901234\"..., " \
        "ifr_flags=IFF_UP|IFF_BROADCAST|IFF_MULTICAST}) = 0"
    mem = {A: ifreq(b"lo", struct.pack("=i", 1500))}
    assert call_line("ioctl", [3, SIOCSIFMTU, A], 0, mem) == \
        "ioctl(3, SIOCSIFMTU, {ifr_name=\"lo\", ifr_mtu=1500}) = 0"
    mem = {A: ifreq(b"lo", b"new0\0")}
    assert call_line("ioctl", [3, SIOCSIFNAME, A], 0, mem) == \
        "ioctl(3, SIOCSIFNAME, {ifr_name=\"lo\", ifr_newname=\"new0\"}) = 0"
    mem = {A: ifreq(b"lo", struct.pack("=QQHBBB", 0xd000, 0xdfff, 0x300, 5, 0, 1))}
    assert call_line("ioctl", [3, SIOCSIFMAP, A], 0, mem) == \
        "ioctl(3, SIOCSIFMAP, {ifr_name=\"lo\", ifr_map={mem_start=0xd000, mem_end=0xdfff, " \
        "base_addr=0x300, irq=0x5, dma=0, port=0x1}}) = 0"
    assert call_line("ioctl", [3, SIOCSIFADDR, A + 1], EBADF, {A: ifreq(b"lo")}) == \
        "ioctl(3, SIOCSIFADDR, 0x10001) = -1 EBADF (Bad file descriptor)"
    assert call_line("ioctl", [3, SIOCSIFADDR, 0], EBADF) == \
        "ioctl(3, SIOCSIFADDR, NULL) = -1 EBADF (Bad file descriptor)"


def test_hwaddr_cut_to_the_device_type():
    mem = {A: ifreq(b"eth0", struct.pack("=H", 1) + bytes(range(0x10, 0x1e)))}   # ARPHRD_ETHER
    assert call_line("ioctl", [3, SIOCSIFHWADDR, A], 0, mem) == \
        "ioctl(3, SIOCSIFHWADDR, {ifr_name=\"eth0\", ifr_hwaddr={sa_family=ARPHRD_ETHER, " \
        "sa_data=10:11:12:13:14:15}}) = 0"
    hexed = "".join("\\x%02x" % b for b in range(0x10, 0x1e))
    assert call_line("ioctl", [3, SIOCSIFHWADDR, A], 0, mem, style=RAW) == \
        "ioctl(3, 0x8924, {ifr_name=\"eth0\", ifr_hwaddr={sa_family=0x1, " \
        "sa_data=\"%s\"}}) = 0" % hexed
    assert call_line("ioctl", [3, SIOCSIFHWADDR, A], 0, mem, style=VERBOSE) == \
        "ioctl(3, 0x8924 /* SIOCSIFHWADDR */, {ifr_name=\"eth0\", ifr_hwaddr={sa_family=0x1 " \
        "/* ARPHRD_ETHER */, sa_data=\"%s\" /* 10:11:12:13:14:15 */}}) = 0" % hexed


def test_get_ifreq_at_entry_and_exit():
    assert call_line("ioctl", [3, SIOCGIFINDEX, A], 0, {A: ifreq(b"lo")},
                     exit_mem={A: ifreq(b"lo", struct.pack("=i", 1))}) == \
        "ioctl(3, SIOCGIFINDEX, {ifr_name=\"lo\", ifr_ifindex=1}) = 0"
    assert call_line("ioctl", [3, SIOCGIFINDEX, A], EBADF, {A: ifreq(b"lo")}) == \
        "ioctl(3, SIOCGIFINDEX, {ifr_name=\"lo\"}) = -1 EBADF (Bad file descriptor)"
    # SIOCGIFNAME: the index in, the name (ifr_name itself) out
    assert call_line("ioctl", [3, SIOCGIFNAME, A], 0, {A: ifreq(b"", struct.pack("=i", 1))},
                     exit_mem={A: ifreq(b"lo", struct.pack("=i", 1))}) == \
        "ioctl(3, SIOCGIFNAME, {ifr_ifindex=1, ifr_name=\"lo\"}) = 0"
    assert call_line("ioctl", [3, SIOCGIFADDR, A], 0, {A: ifreq(b"lo")},
                     exit_mem={A: ifreq(b"lo", sockaddr_in(0, "127.0.0.1"))}) == \
        "ioctl(3, SIOCGIFADDR, {ifr_name=\"lo\", ifr_addr={sa_family=AF_INET, " \
        "sin_port=htons(0), sin_addr=inet_addr(\"127.0.0.1\")}}) = 0"


def ifconf(length, buf):
    return struct.pack("=i4xQ", length, buf)


def test_gifconf():
    lo = ifreq(b"lo", sockaddr_in(0, "127.0.0.1"))
    eth = ifreq(b"eth0", sockaddr_in(0, "10.0.0.2"))
    # the kernel filled 2 of the 3 entries' room
    assert call_line("ioctl", [3, SIOCGIFCONF, A], 0, {A: ifconf(120, B), B: lo + eth},
                     exit_mem={A: ifconf(80, B)}) == \
        "ioctl(3, SIOCGIFCONF, {ifc_len=120 /* 3 * sizeof(struct ifreq) */ => " \
        "80 /* 2 * sizeof(struct ifreq) */, ifc_buf=[{ifr_name=\"lo\", ifr_addr={" \
        "sa_family=AF_INET, sin_port=htons(0), sin_addr=inet_addr(\"127.0.0.1\")}}, " \
        "{ifr_name=\"eth0\", ifr_addr={sa_family=AF_INET, sin_port=htons(0), " \
        "sin_addr=inet_addr(\"10.0.0.2\")}}]}) = 0"
    # no buffer: the length the kernel needs, printed at exit only
    assert call_line("ioctl", [3, SIOCGIFCONF, A], 0, {A: ifconf(-1, 0)},
                     exit_mem={A: ifconf(80, 0)}) == \
        "ioctl(3, SIOCGIFCONF, {ifc_len=80 /* 2 * sizeof(struct ifreq) */, ifc_buf=NULL}) = 0"
    assert call_line("ioctl", [3, SIOCGIFCONF, A], EBADF, {A: ifconf(1, B)}) == \
        "ioctl(3, SIOCGIFCONF, {ifc_len=1, ifc_buf=0x20000}) = -1 EBADF (Bad file descriptor)"
    assert call_line("ioctl", [3, SIOCGIFCONF, A], EBADF, {}) == \
        "ioctl(3, SIOCGIFCONF, 0x10000) = -1 EBADF (Bad file descriptor)"
    # -s 1: one element, then `...`
    text = call_line("ioctl", [3, SIOCGIFCONF, A], 0, {A: ifconf(80, B), B: lo + eth},
                     style=printers.Style(string_limit=1))
    assert text.endswith("inet_addr(\"127.0.0.1\")}}, ...]}) = 0")


def test_int_string_ifindex_and_address_commands():
    assert call_line("ioctl", [3, FIOSETOWN, A], 0, {A: struct.pack("=i", 1234)}) == \
        "ioctl(3, FIOSETOWN, [1234]) = 0"
    assert call_line("ioctl", [3, FIOSETOWN, 0], EBADF) == \
        "ioctl(3, FIOSETOWN, NULL) = -1 EBADF (Bad file descriptor)"
    assert call_line("ioctl", [3, FIOGETOWN, A], 0, {A: struct.pack("=i", -1)}) == \
        "ioctl(3, FIOGETOWN, [-1]) = 0"
    assert call_line("ioctl", [3, FIOGETOWN, A], EBADF, {A: struct.pack("=i", -1)}) == \
        "ioctl(3, FIOGETOWN, 0x10000) = -1 EBADF (Bad file descriptor)"
    assert call_line("ioctl", [3, SIOCBRADDBR, A], 0, {A: b"br0\0"}) == \
        "ioctl(3, SIOCBRADDBR, \"br0\") = 0"
    assert call_line("ioctl", [3, SIOCBRADDBR, A], 0, {A: b"0123456789abcdefXYZ"}) == \
        "ioctl(3, SIOCBRADDBR, \"0123456789abcdef\"...) = 0"
    # an index no interface has here: the number
    assert call_line("ioctl", [3, SIOCBRADDIF, A], 0,
                     {A: ifreq(b"", struct.pack("=i", 987654))}) == \
        "ioctl(3, SIOCBRADDIF, {ifr_ifindex=987654}) = 0"
    assert call_line("ioctl", [3, SIOCADDRT, 0], EBADF) == \
        "ioctl(3, SIOCADDRT, NULL) = -1 EBADF (Bad file descriptor)"
    assert call_line("ioctl", [3, SIOCADDRT, A], EBADF) == \
        "ioctl(3, SIOCADDRT, 0x10000) = -1 EBADF (Bad file descriptor)"
    # a command strace does not decode: the argument as a number
    assert call_line("ioctl", [3, 0x89ff, 0], EBADF) == \
        "ioctl(3, _IOC(_IOC_NONE, 0x89, 0xff, 0), 0) = -1 EBADF (Bad file descriptor)"
