"""Decoders of futex and futex_waitv."""
from minitrace.decode import register  # noqa: F401
