"""The struct layouts of the common address families (linux/in.h, in6.h, un.h, netlink.h,
if_packet.h), registered for tests/test_layouts_cross.py: the decoders of this package read
these fields at fixed offsets (inet.py's SIN_LEN...), and the compiler check keeps those offsets
honest on every ABI. Network-order fields are byte arrays; sa_family and the rest are in the
tracee's byte order."""
from minitrace.decode.layout import Struct, named

SOCKADDR_IN = named("sockaddr_in", Struct("sockaddr_in", [
    ("sin_family", "u16"), ("sin_port", ("u8", 2)), ("sin_addr", ("u8", 4)), (None, ("u8", 8))]))
SOCKADDR_IN6 = named("sockaddr_in6", Struct("sockaddr_in6", [
    ("sin6_family", "u16"), ("sin6_port", ("u8", 2)), ("sin6_flowinfo", ("u8", 4)),
    ("sin6_addr", ("u8", 16)), ("sin6_scope_id", "u32")]))
SOCKADDR_UN = named("sockaddr_un", Struct("sockaddr_un", [
    ("sun_family", "u16"), ("sun_path", ("u8", 108))]))
SOCKADDR_NL = named("sockaddr_nl", Struct("sockaddr_nl", [
    ("nl_family", "u16"), (None, "u16"), ("nl_pid", "u32"), ("nl_groups", "u32")]))
SOCKADDR_LL = named("sockaddr_ll", Struct("sockaddr_ll", [
    ("sll_family", "u16"), ("sll_protocol", ("u8", 2)), ("sll_ifindex", "s32"),
    ("sll_hatype", "u16"), ("sll_pkttype", "u8"), ("sll_halen", "u8"), ("sll_addr", ("u8", 8))]))
