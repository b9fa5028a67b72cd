"""minitrace: strace in pure Python (ctypes + the standard library).

The command line (``python3 -m minitrace``) is built on the same engine as the Python API.
"""

__version__ = "0.1.0"
