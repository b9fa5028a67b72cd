"""Decoders of System V and POSIX IPC: shm*, sem*, msg*, mq_*."""
from minitrace.decode import register  # noqa: F401
