"""What the ioctl family modules share: the _IOC fields of a command and the result markers.

A family module has `TYPES` (the _IOC_TYPE bytes it decodes) and
  enter(ctx, call, code, arg) -> None (not decoded: the argument prints as a number),
                                 NO_ARG (the command takes no argument: nothing more prints),
                                 (text, exit_needed): text is the argument printed at entry (or
                                 None: nothing yet); with exit_needed, exit() prints the rest
  exit(ctx, call, code, arg)  -> the rest of the argument, or None (the argument as a number).
"""

NO_ARG = ("", False)

# asm-generic/ioctl.h's field widths; powerpc's direction field is 3 bits at 29 with 13 size
# bits, and its _IOC_NONE is 1 (not 0), _IOC_READ 2, _IOC_WRITE 4.
NRBITS, TYPEBITS = 8, 8
_SIZEBITS = {"ppc64le": 13}
_DIRS = {"ppc64le": (1, 2, 4)}       # (none, read, write)
IOC_NONE, IOC_READ, IOC_WRITE = 0, 2, 1


def ioc_nr(code):
    return code & 0xff


def ioc_type(code):
    return (code >> NRBITS) & 0xff


def ioc_size(code, abi=None):
    bits = _SIZEBITS.get(abi, 14)
    return (code >> (NRBITS + TYPEBITS)) & ((1 << bits) - 1)


def ioc_dir(code, abi=None):
    """The direction as asm-generic numbers it: 0 none, 1 write, 2 read, 3 both (or other bits)."""
    bits = _SIZEBITS.get(abi, 14)
    d = code >> (NRBITS + TYPEBITS + bits)
    dirs = _DIRS.get(abi)
    if dirs is None:
        return d
    none, read, write = dirs
    if d == none:
        return 0
    return (2 if d & read else 0) | (1 if d & write else 0) | (d & ~(read | write | none) and 4)
