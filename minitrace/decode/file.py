"""Decoders of the file family: paths, the stat family, directories, links, permissions, xattrs, inotify."""
from minitrace.decode import register  # noqa: F401
