"""Socket addresses (struct sockaddr of every family strace 6.1 decodes), as its print_sockaddr
and decode_sockaddr: `{sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("1.2.3.4")}`.
One module per family group; each gives PRINTERS: family name -> (printer, the shortest address
length it prints; a shorter one prints as sa_data). Text only: no ptrace, no printing.
"""
import struct

from minitrace import printers
from minitrace.decode.common import endian, enum_text
from minitrace.decode.sockaddr import (alg, ax25, bluetooth, fixed_fields, ieee802154, inet,
                                       layouts, legacy, link, nfc, rxrpc)  # noqa: F401
from minitrace.decode.sockaddr.fields import (FAMILIES, SOCK_TYPES, SOCKADDR_BUF,  # noqa: F401
                                              SOCKADDR_MAX, ifindex, ifname, quoted)

PRINTERS = {}
for _module in (inet, ax25, legacy, link, bluetooth, rxrpc, ieee802154, alg, nfc, fixed_fields):
    PRINTERS.update(_module.PRINTERS)


_BY_VALUE = {}


def _by_value(ctx, abi):
    """family value -> (printer, min_len) on this ABI, built once."""
    table = _BY_VALUE.get(abi)
    if table is None:
        c = ctx.constants(abi)
        table = _BY_VALUE[abi] = dict((c[name], entry) for name, entry in PRINTERS.items()
                                      if name in c)
    return table


def sockaddr_text(ctx, call, data):
    """struct sockaddr bytes (already cut to the address length, at most SOCKADDR_MAX) as
    print_sockaddr prints them."""
    addrlen = len(data)
    buf = bytes(data) + b"\0" * (SOCKADDR_BUF - addrlen)
    fam = struct.unpack_from(endian(call) + "H", buf, 0)[0]
    text = "{sa_family=" + enum_text(ctx, call, fam, FAMILIES, "AF_???")
    if addrlen <= 2:
        return text + "}"
    entry = _by_value(ctx, call.abi).get(fam)
    if entry is not None and addrlen >= entry[1]:
        return text + ", " + entry[0](ctx, call, buf, addrlen) + "}"
    return text + ", sa_data=" + quoted(ctx, buf[2:addrlen]) + "}"


def sockaddr_arg(ctx, call, addr, addrlen):
    """decode_sockaddr: a sockaddr pointer with its length (an int): NULL, the address when
    shorter than a family or unreadable, else the address, cut to SOCKADDR_MAX bytes."""
    if not addr:
        return "NULL"
    addrlen = printers.to_signed(addrlen, 32)
    if addrlen < 2:
        return printers.ptr(addr)
    size = min(addrlen, SOCKADDR_MAX)
    data = ctx.read(call, addr, size)
    if data is None or len(data) < size:
        return printers.ptr(addr)
    return sockaddr_text(ctx, call, bytes(data))

