"""What one socket option level is to the getsockopt/setsockopt decoders: its option names
and the printers of the options strace decodes (by option NAME; values come per ABI from the
generated constants)."""


class Level(object):
    """names: the option names of the level (strace's sock_*_options order: the first name of
    a value wins); get_names / set_names: names looked up after them for getsockopt /
    setsockopt only (SO_GET_FILTER / SO_ATTACH_FILTER); unknown: the `/* X_??? */` comment,
    None for a decimal option number. getters / setters: option name -> printer (see
    sockopt.common). get_default / set_default: the printer of the other options of the level
    (None: strace's default, an int for 4 bytes, else a string)."""

    def __init__(self, names, unknown, get_names=(), set_names=(), getters=None, setters=None,
                 get_default=None, set_default=None):
        self.names = names
        self.unknown = unknown
        self.get_names = names + get_names
        self.set_names = names + set_names
        self.getters = getters or {}
        self.setters = setters or {}
        self.get_default = get_default
        self.set_default = set_default
