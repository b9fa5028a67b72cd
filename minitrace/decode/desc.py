"""Decoders of the desc family: read/write and their vector forms, lseek, close, dup, fcntl, pipes, eventfd, memfd, flock."""
from minitrace.decode import register  # noqa: F401
