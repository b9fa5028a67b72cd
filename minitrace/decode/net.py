"""Decoders of sockets: socket, bind, connect, accept, send/recv families, socket options, addresses, netlink headers."""
from minitrace.decode import register  # noqa: F401
