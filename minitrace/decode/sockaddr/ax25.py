"""AF_AX25 addresses (linux/ax25.h: struct sockaddr_ax25, full_sockaddr_ax25), as strace 6.1's
print_sockaddr_data_ax25 and print_ax25_addr: a callsign `VALID-13` when it is sane, else its
seven bytes in hex with the callsign in a comment, or the bytes alone when the callsign would
not print."""
from minitrace.decode.sockaddr.fields import hex_bytes, s32

CALL_LEN = 7                # ax25_address.ax25_call: six shifted characters and the SSID byte
NDIGIS_AT = 12              # struct sockaddr_ax25: sax25_call at 2, int sax25_ndigis at 12
SOCKADDR_AX25_LEN = 16
MAX_DIGIS = 8               # AX25_MAX_DIGIS: full_sockaddr_ax25.fsa_digipeater at 16

_SANE = frozenset(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ ")


def _check(call_bytes):
    """check_ax25_address: "default" (print as -X says), "verbose" or "raw" (bytes only)."""
    ret = "default"
    space_seen = char_seen = False
    for c in bytearray(call_bytes[:CALL_LEN - 1]):
        if c & 1:
            ret = "verbose"
        c >>= 1
        if c == 0x20:
            space_seen = True
        else:
            char_seen = True
        if c not in _SANE or (c != 0x20 and space_seen):
            ret = "verbose"
        if c < 0x20 or c > 0x7e or c in (0x2a, 0x2f):       # unprintable, or `*` and `/`
            return "raw"
    last = bytearray(call_bytes)[CALL_LEN - 1]
    if last & ~0x1e or (not char_seen and last):
        ret = "verbose"
    return ret


def _callsign(call_bytes):
    """ax25_addr2str: the characters without trailing spaces, `-`, the SSID; `*` for none."""
    chars = [c >> 1 for c in bytearray(call_bytes[:CALL_LEN - 1])]
    while chars and chars[-1] == 0x20:
        chars.pop()
    ssid = (bytearray(call_bytes)[CALL_LEN - 1] >> 1) & 0xf
    text = "".join(map(chr, chars)) + "-%d" % ssid
    return "*" if text.startswith("-0") else text


def address(ctx, call_bytes):
    """print_ax25_addr of one ax25_address."""
    style = _check(call_bytes)
    if style == "default":
        style = ctx.style.const_style
    raw = "{ax25_call=%s}" % hex_bytes(call_bytes)
    if style == "raw":
        return raw
    if style == "verbose":
        return "%s /* %s */" % (raw, _callsign(call_bytes))
    return _callsign(call_bytes)


def ax25(ctx, call, buf, addrlen):
    ndigis = s32(call, buf, NDIGIS_AT)
    head = "sax25_call=%s, sax25_ndigis=%d" % (address(ctx, buf[2:2 + CALL_LEN]), ndigis)
    if not ndigis and addrlen <= SOCKADDR_AX25_LEN:
        return head
    parts = ["fsa_ax25={%s}" % head]
    has = min((addrlen - SOCKADDR_AX25_LEN) // CALL_LEN, MAX_DIGIS)
    want = min(max(ndigis, 0), MAX_DIGIS)
    if want:
        at = SOCKADDR_AX25_LEN
        digis = [address(ctx, buf[at + i * CALL_LEN:at + (i + 1) * CALL_LEN])
                 for i in range(min(has, want))]
        if want > has:
            digis.append("...")
        parts.append("fsa_digipeater=[%s]" % ", ".join(digis))
    if addrlen > has * CALL_LEN + SOCKADDR_AX25_LEN:
        parts.append("...")
    return ", ".join(parts)


PRINTERS = {"AF_AX25": (ax25, SOCKADDR_AX25_LEN)}
