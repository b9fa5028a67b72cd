"""Decoders of waiting for descriptors: poll, ppoll, select, pselect6, epoll_*."""
from minitrace.decode import register  # noqa: F401
