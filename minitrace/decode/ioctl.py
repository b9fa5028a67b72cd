"""Decoders of ioctl: terminal requests and strace's generic _IOC form."""
from minitrace.decode import register  # noqa: F401
