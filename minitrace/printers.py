"""The shared vocabulary of printers: values in, strace 6.1's exact text out.

Pure functions only: no ptrace, no I/O, no printing. Every rule here was checked against the
real /usr/bin/strace 6.1 (see tests/test_printers.py for the C calls and the lines observed).
"""

import functools
import os
import re

__all__ = [
    "Style", "DEFAULT_STYLE", "PATH_MAX",
    "quote_bytes", "quote_cstring", "quote_path",
    "buffer_read_size", "cstring_read_size", "path_read_size", "array_limit",
    "ptr", "hexnum", "to_signed", "to_unsigned", "sdec", "udec", "raw_arg",
    "FlagTable", "flag_table", "enum_table", "flags", "enum",
    "mode", "file_type_mode", "fd_or_atfdcwd", "AT_FDCWD",
    "errno_text", "retval", "is_error", "RESTART_CODES", "KERNEL_ERRNO_NAMES",
]

# ---------------------------------------------------------------------------------------------
# Settings


class Style(object):
    """Output settings shared by all printers (strace's -s, -x/-xx, -X, -v, -e verbose=).

    `verbose` is -v (structures in full, no `...`); `deref` is strace's verbose() of `-e verbose=`
    (False: structures and arrays print as their address, strings and buffers still as text)."""

    __slots__ = ("string_limit", "hex_strings", "const_style", "verbose", "deref")

    HEX_STRINGS = ("none", "non-ascii", "all", "non-ascii-chars")
    CONST_STYLES = ("abbrev", "raw", "verbose")

    def __init__(self, string_limit=32, hex_strings="none", const_style="abbrev", verbose=False,
                 deref=True):
        if hex_strings not in self.HEX_STRINGS:
            raise ValueError("hex_strings must be one of %s" % ", ".join(self.HEX_STRINGS))
        if const_style not in self.CONST_STYLES:
            raise ValueError("const_style must be one of %s" % ", ".join(self.CONST_STYLES))
        if string_limit < 0:
            raise ValueError("string_limit must be >= 0")
        self.string_limit = string_limit
        self.hex_strings = hex_strings
        self.const_style = const_style
        self.verbose = verbose
        self.deref = deref

    def replace(self, **changes):
        """A copy with some settings changed."""
        kw = dict((name, getattr(self, name)) for name in self.__slots__)
        kw.update(changes)
        return Style(**kw)

    def __repr__(self):
        return "Style(string_limit=%d, hex_strings=%r, const_style=%r, verbose=%r, deref=%r)" % (
            self.string_limit, self.hex_strings, self.const_style, self.verbose, self.deref)


DEFAULT_STYLE = Style()

# Paths are read up to PATH_MAX bytes (linux/limits.h); strace prints at most PATH_MAX - 1
# characters, then `...` when no NUL was found in the first PATH_MAX bytes.
PATH_MAX = 4096

# ---------------------------------------------------------------------------------------------
# Strings

# Bytes that print as themselves: 0x20..0x7e except `"` and `\`.
_PLAIN = bytes(c for c in range(0x20, 0x7f) if c not in (0x22, 0x5c))
# Bytes that need a NUMERIC escape (octal, or hex with -x): below 0x20 except \t\n\v\f\r, and
# 0x7f and up. Only these make -x print a whole string in hex.
_NUMERIC = bytes(c for c in range(256) if (c < 0x20 and not 9 <= c <= 13) or c >= 0x7f)
_NON_NUMERIC = bytes(c for c in range(256) if c not in _NUMERIC)
_NAMED = {9: "\\t", 10: "\\n", 11: "\\v", 12: "\\f", 13: "\\r", 0x22: '\\"', 0x5c: "\\\\"}


def _build(numeric):
    table = []
    for c in range(256):
        if c in _NAMED:
            table.append(_NAMED[c])
        elif 0x20 <= c < 0x7f:
            table.append(chr(c))
        else:
            table.append(numeric(c))
    return tuple(table)


_ESC_SHORT = _build(lambda c: "\\%o" % c)          # shortest octal: \0 \33 \177
_ESC_LONG = _build(lambda c: "\\%03o" % c)         # 3 digits, used before a digit 0-7
_ESC_HEXCHARS = _build(lambda c: "\\x%02x" % c)    # --strings-in-hex=non-ascii-chars
_ESC_HEXALL = tuple("\\x%02x" % c for c in range(256))
# A numeric-escape byte followed by an octal digit needs the 3-digit form (precompiled once).
_NEEDS_LONG = re.compile(b"[" + re.escape(_NUMERIC) + b"][0-7]")


# how many texts of values a program passes again and again are kept (remembered(), and the
# quoted short strings below)
TEXTS_KEPT = 256
# the quoted texts of short byte strings, by -x style, are kept (_quote_short, the least
# recently used going first): a program writes the same few short buffers again and again
# (dd bs=1's "\0", a newline, a prompt)
SHORT_QUOTED = 16


def _quote(data, hex_strings):
    """Quote bytes (already cut to what is printed) without any ellipsis."""
    if len(data) <= SHORT_QUOTED:
        return _quote_short(data, hex_strings)
    return _quote_any(data, hex_strings)


def _escaped(data, table):
    """`"..."` of data with each byte as `table` writes it (the escape tuples are str.translate
    tables: code point -> text; one C call a string)."""
    return '"' + data.decode("latin-1").translate(table) + '"'


def _quote_any(data, hex_strings):
    if hex_strings == "all":
        return _escaped(data, _ESC_HEXALL)
    if not data.translate(None, _PLAIN):                    # fast path: plain text
        return '"' + data.decode("ascii") + '"'
    if hex_strings == "none":
        if _NEEDS_LONG.search(data) is None:
            return _escaped(data, _ESC_SHORT)
        out = []
        last = len(data) - 1
        short = _ESC_SHORT
        longf = _ESC_LONG
        for i, c in enumerate(data):
            # the follower is looked at only inside the printed part (strace 6.1: "...u\1"...
            # for a 33-byte buffer whose 33rd byte is "7")
            if i < last and 0x30 <= data[i + 1] <= 0x37:
                out.append(longf[c])
            else:
                out.append(short[c])
        return '"' + "".join(out) + '"'
    if hex_strings == "non-ascii":
        table = _ESC_HEXALL if data.translate(None, _NON_NUMERIC) else _ESC_SHORT
    else:  # non-ascii-chars: only numeric escapes change, always 2 hex digits (even "\x001b")
        table = _ESC_HEXCHARS
    return _escaped(data, table)


_quote_short = functools.lru_cache(maxsize=TEXTS_KEPT)(_quote_any)


def quote_unquoted(data, hex_strings="none", escape=b""):
    """strace's string_quote without the surrounding quotes, the bytes in `escape` also
    written as numeric escapes (a -y path inside `<...>`: escape=b"<>"). Whether -x turns the
    whole string to hex is decided by the bytes that need an escape anyway, not by `escape`."""
    data = bytearray(data)
    escape = bytearray(escape)
    if not any(c in data for c in escape):
        return _quote(bytes(data), hex_strings)[1:-1]
    if hex_strings == "all" or (hex_strings == "non-ascii" and
                                bytes(data).translate(None, _NON_NUMERIC)):
        return _quote(bytes(data), "all")[1:-1]
    out = []
    last = len(data) - 1
    for i, c in enumerate(data):
        if c not in escape and c not in _NUMERIC:
            out.append(_ESC_SHORT[c])
        elif hex_strings == "non-ascii-chars":
            out.append("\\x%02x" % c)
        elif i < last and 0x30 <= data[i + 1] <= 0x37:
            out.append("\\%03o" % c)
        else:
            out.append("\\%o" % c)
    return "".join(out)


def quote_bytes(data, style=None, limit=None, truncated=False):
    """A length-bounded buffer (read/write data): `"..."`, then `...` if cut by -s.

    `data` may be longer than the limit (it is cut here) or already cut by the reader, in which
    case pass truncated=True when the buffer was longer than what was read.
    """
    if style is None:
        style = DEFAULT_STYLE
    if limit is None:
        limit = style.string_limit
    if len(data) > limit:
        data = data[:limit]
        truncated = True
    text = _quote(bytes(data), style.hex_strings)
    return text + "..." if truncated else text


def quote_cstring(data, style=None, limit=None, terminated=True):
    """A NUL-terminated string cut by -s (argv/envp elements and the like).

    `data` is what was read (cstring_read_size(limit) bytes are enough); it is cut at its first
    NUL. `terminated=False` says the reader found no NUL: strace then prints `...`.
    """
    if style is None:
        style = DEFAULT_STYLE
    if limit is None:
        limit = style.string_limit
    data = bytes(data)
    nul = data.find(b"\0")
    if nul >= 0:
        data = data[:nul]
        terminated = True
    if len(data) > limit:
        data = data[:limit]
        terminated = False
    text = _quote(data, style.hex_strings)
    return text if terminated else text + "..."


def quote_path(data, style=None, terminated=True):
    """A path: never cut by -s; at most PATH_MAX - 1 characters, then `...` if no NUL was
    found in the first PATH_MAX bytes (strace 6.1 with 4096 'a's: 4095 of them, then `...`)."""
    if style is None:
        style = DEFAULT_STYLE
    data = bytes(data)
    nul = data.find(b"\0")
    if nul >= 0:
        data = data[:nul]
        terminated = True
    if len(data) > PATH_MAX - 1:
        data = data[:PATH_MAX - 1]
        terminated = False
    text = _quote(data, style.hex_strings)
    return text if terminated else text + "..."


def buffer_read_size(count, style=None):
    """Bytes to read for quote_bytes of a `count`-byte buffer: all of it up to -s, else -s + 1
    (strace's printstr_ex fetches one byte more than it prints, so a buffer longer than -s
    whose byte after the shown ones is unreadable prints as its address; quote_bytes cuts the
    extra byte and adds the `...`). Fewer bytes read than this: print the address."""
    limit = (style or DEFAULT_STYLE).string_limit
    return count if count <= limit else limit + 1


def cstring_read_size(style=None, limit=None):
    """Bytes to read for quote_cstring: limit + 1, to know whether to print `...`."""
    if limit is None:
        limit = (style or DEFAULT_STYLE).string_limit
    return limit + 1


def path_read_size():
    """Bytes to read for quote_path."""
    return PATH_MAX


def array_limit(count, style=None):
    """How many array elements to print: -s elements unless -v (then `...` if cut)."""
    style = style or DEFAULT_STYLE
    if style.verbose:
        return count
    return min(count, style.string_limit)


# ---------------------------------------------------------------------------------------------
# Numbers and pointers

def ptr(addr):
    """`NULL` or lowercase hex (`0x7ffd...`); NULL stays NULL with every -X."""
    return "%#x" % addr if addr else "NULL"


def hexnum(value):
    """C's %#x: `0` for zero, else `0x...`."""
    return "%#x" % value if value else "0"


def to_unsigned(value, bits=64):
    return value & ((1 << bits) - 1)


def to_signed(value, bits=64):
    value &= (1 << bits) - 1
    return value - (1 << bits) if value >> (bits - 1) else value


def sdec(value, bits=64):
    """Signed decimal of a register truncated to `bits` (a 32-bit int 0xffffffff is `-1`)."""
    return str(to_signed(value, bits))


def udec(value, bits=64):
    """Unsigned decimal (size_t 2**64-1 is `18446744073709551615`)."""
    return str(value & ((1 << bits) - 1))


def raw_arg(value, bits=64):
    """An argument in raw form (-e raw=, unknown syscalls): unsigned hex, `0` for zero."""
    return hexnum(value & ((1 << bits) - 1))


# ---------------------------------------------------------------------------------------------
# Flags and enumerations


def remembered(texts, key, make, *args):
    """texts[key], made by make(*args) the first time: for the texts of values a program
    passes again and again (flag sets, signal masks). Past TEXTS_KEPT of them, `texts` is
    emptied (a program that never repeats a value costs one dict, not a growing one)."""
    text = texts.get(key)
    if text is None:
        if len(texts) >= TEXTS_KEPT:
            texts.clear()
        text = texts[key] = make(*args)
    return text


class FlagTable(object):
    """Precomputed flag table: `pairs` ((name, value), ...) in print order, nonzero values;
    `zero` the name of value 0 (or None); optionally an enumerated part `value & mask` named by
    `enum` (dict value -> name, e.g. O_ACCMODE), printed first and always."""

    __slots__ = ("pairs", "zero", "mask", "enum", "enum_unknown", "texts")

    def __init__(self, pairs, zero=None, mask=0, enum=None, enum_unknown=None):
        self.pairs = tuple(pairs)
        self.zero = zero
        self.mask = mask
        self.enum = enum or {}
        self.enum_unknown = enum_unknown
        self.texts = {}      # (value, const_style, unknown_prefix) -> flags()'s (remembered)


def flag_table(names, consts, enum_mask=None, enum_names=(), enum_unknown=None):
    """Build a FlagTable from constant NAMES (print order) and one ABI's constants dict.

    Names absent from `consts` are dropped. The FIRST name may have value 0 (PROT_NONE, F_OK):
    it is printed for a zero value. Other names worth 0 on this ABI are dropped (a flag that
    does not exist there must not name the value 0).
    With enum_mask (a name or an int) the enum_names name the values of `flags & mask`.
    """
    pairs = []
    zero = None
    for i, name in enumerate(names):
        value = consts.get(name)
        if value is None:
            continue
        if value == 0:
            if i == 0:
                zero = name
        else:
            pairs.append((name, value))
    mask = 0
    enum = {}
    if enum_mask is not None:
        mask = consts.get(enum_mask, 0) if isinstance(enum_mask, str) else enum_mask
        for name in enum_names:
            value = consts.get(name)
            if value is not None and value not in enum:
                enum[value] = name
    return FlagTable(pairs, zero, mask, enum, enum_unknown)


class ValueTables(object):
    """Flag and enum tables over one fixed {name: value} dict (values no uapi header gives, kept
    in the decoder), each built once: get("flags" or "enum", names)."""

    def __init__(self, values):
        self.values = values
        self._built = {}

    def get(self, kind, names):
        t = self._built.get((kind, names))
        if t is None:
            build = flag_table if kind == "flags" else enum_table
            t = self._built[(kind, names)] = build(names, self.values)
        return t


def enum_table(names, consts):
    """dict value -> name for enum(); the first name of a value wins; absent names dropped."""
    table = {}
    for name in names:
        value = consts.get(name)
        if value is not None and value not in table:
            table[value] = name
    return table


def _flag_names(value, pairs):
    """(names, leftover) in table order; a multi-bit entry matches only when all bits are set."""
    names = []
    for name, bits in pairs:
        if value & bits == bits:
            names.append(name)
            value &= ~bits
            if not value:
                break
    return names, value


def flags(value, table, style=None, unknown_prefix=None):
    """Flag set as strace prints it: `O_WRONLY|O_CREAT|0x40000000`, `0x40 /* PROT_??? */`,
    `-X raw` `0x641`, `-X verbose` `0x641 /* O_WRONLY|O_CREAT|O_TRUNC|O_APPEND */`.

    `table` is a FlagTable (or a plain sequence of (name, value) pairs).
    style=None means the abbreviated form (used in return-value annotations, which -X keeps).
    """
    if not isinstance(table, FlagTable):
        table = FlagTable([(n, v) for n, v in table if v], next((n for n, v in table if not v), None))
    cstyle = style.const_style if style is not None else "abbrev"
    if cstyle == "raw":
        return hexnum(value)
    return remembered(table.texts, (value, cstyle, unknown_prefix),
                      _flags_text, value, table, cstyle, unknown_prefix)


def _flags_text(value, table, cstyle, unknown_prefix):
    if table.mask:
        part = value & table.mask
        name = table.enum.get(part)
        if name is None:
            prefix = unknown_prefix if table.enum_unknown is None else table.enum_unknown
            name = hexnum(part) + (" /* %s */" % prefix if prefix else "")
        names, left = _flag_names(value & ~table.mask, table.pairs)
        text = "|".join([name] + names)
        if left:
            text += "|%#x" % left
        # strace 6.1 nests the comments here: `0x4 /* 0x4 /* MAP_??? */ */`
        return "%s /* %s */" % (hexnum(value), text) if cstyle == "verbose" else text
    if not value:
        if table.zero is None:
            return "0"
        return "0 /* %s */" % table.zero if cstyle == "verbose" else table.zero
    names, left = _flag_names(value, table.pairs)
    if not names:
        return "%#x /* %s */" % (value, unknown_prefix) if unknown_prefix else "%#x" % value
    text = "|".join(names)
    if left:
        text += "|%#x" % left
    return "%#x /* %s */" % (value, text) if cstyle == "verbose" else text


def enum(value, table, style=None, unknown_comment=None, decimal=False):
    """One constant of an enumeration: `SEEK_SET`; unknown `0x7 /* SEEK_??? */`;
    `-X raw` `0x1`; `-X verbose` `0x1 /* SEEK_CUR */`, `0 /* SEEK_SET */`.

    `table` is a dict value -> name (enum_table()). decimal=True for the few tables strace
    prints in decimal (signals: `15 /* SIGTERM */`, unknown `99` with unknown_comment=None).
    """
    cstyle = style.const_style if style is not None else "abbrev"
    name = table.get(value)
    if name is not None and cstyle == "abbrev":     # the common case: the number unused
        return name
    number = str(value) if decimal else hexnum(value)
    if cstyle == "raw":
        return number
    if name is None:
        return "%s /* %s */" % (number, unknown_comment) if unknown_comment else number
    return "%s /* %s */" % (number, name) if cstyle == "verbose" else name


# ---------------------------------------------------------------------------------------------
# Modes (umode_t: strace prints the low 16 bits, C's "%#03ho")

def _octal(value):
    text = "0%o" % value if value else "0"
    return text if len(text) >= 3 else text.rjust(3, "0")


def mode(value):
    """Permission mode: `0644`, `01777`, `007`, `000` (the same with every -X)."""
    return _octal(value & 0o177777)


# File types of linux/stat.h (the same on every Linux ABI).
_S_IFMT = 0o170000
_FILE_TYPES = {
    0o140000: "S_IFSOCK|", 0o120000: "S_IFLNK|", 0o100000: "S_IFREG|", 0o060000: "S_IFBLK|",
    0o040000: "S_IFDIR|", 0o020000: "S_IFCHR|", 0o010000: "S_IFIFO|", 0: "",
}


def file_type_mode(value, style=None):
    """Mode with its file type: `S_IFREG|0644`, `S_IFDIR|S_ISUID|S_ISGID|S_ISVTX|0777`,
    `S_IFREG|000`, `0644`; an unknown type prints the whole mode in octal (`0170644`)."""
    value &= 0o177777
    ftype = _FILE_TYPES.get(value & _S_IFMT)
    cstyle = style.const_style if style is not None else "abbrev"
    if ftype is None or cstyle == "raw":
        return _octal(value)
    text = "%s%s%s%s%s" % (
        ftype,
        "S_ISUID|" if value & 0o4000 else "",
        "S_ISGID|" if value & 0o2000 else "",
        "S_ISVTX|" if value & 0o1000 else "",
        _octal(value & 0o777))
    if cstyle == "verbose":
        return "%s /* %s */" % (_octal(value), text)
    return text


# ---------------------------------------------------------------------------------------------
# File descriptors

AT_FDCWD = -100   # linux/fcntl.h, the same on every ABI


def fd_or_atfdcwd(value, style=None):
    """A dirfd argument (int): `AT_FDCWD`, `-100` (-X raw), `-100 /* AT_FDCWD */` (-X verbose),
    else the signed 32-bit decimal (0x1ffffff9c is AT_FDCWD too: the kernel reads an int)."""
    fd = to_signed(value, 32)
    if fd != AT_FDCWD:
        return str(fd)
    cstyle = style.const_style if style is not None else "abbrev"
    if cstyle == "raw":
        return "-100"
    if cstyle == "verbose":
        return "-100 /* AT_FDCWD */"
    return "AT_FDCWD"


# ---------------------------------------------------------------------------------------------
# Return values

# Kernel-internal restart codes (include/linux/errno.h). strace prints `= ? NAME (text)`; the
# texts are strace's own, observed from strace 6.1 output with -e inject=getppid:error=N.
RESTART_CODES = {
    512: "? ERESTARTSYS (To be restarted if SA_RESTART is set)",
    513: "? ERESTARTNOINTR (To be restarted)",
    514: "? ERESTARTNOHAND (To be restarted if no handler)",
    516: "? ERESTART_RESTARTBLOCK (Interrupted by signal)",
}
# The other kernel-internal codes of include/linux/errno.h: strace 6.1 prints them as
# `-1 ENOIOCTLCMD (Unknown error 515)` (the name, then strerror's text); 519 and 520 have no
# name and print `-1 (errno 519)`. Observed with -e inject=getppid:error=N.
KERNEL_ERRNO_NAMES = {
    515: "ENOIOCTLCMD", 517: "EPROBE_DEFER", 518: "EOPENSTALE", 521: "EBADHANDLE",
    522: "ENOTSYNC", 523: "EBADCOOKIE", 524: "ENOTSUPP", 525: "ETOOSMALL",
    526: "ESERVERFAULT", 527: "EBADTYPE", 528: "EJUKEBOX", 529: "EIOCBQUEUED",
    530: "ERECALLCONFLICT",
}
MAX_ERRNO = 4095  # a return in -4095..-1 is an error (linux/err.h)

_strerror_cache = {}


def _strerror(err):
    text = _strerror_cache.get(err)
    if text is None:
        try:
            text = os.strerror(err)
        except (ValueError, OverflowError):
            text = "Unknown error %d" % err
        _strerror_cache[err] = text
    return text


def errno_text(err, errno_names):
    """`-1 ENOENT (No such file or directory)`; no name: `-1 (errno 600)`;
    restart codes: `? ERESTARTSYS (To be restarted if SA_RESTART is set)`.

    `err` is positive; errno_names is the tracee ABI's dict number -> name; the message is the
    host libc's strerror (as strace's).
    """
    restart = RESTART_CODES.get(err)
    if restart is not None:
        return restart
    name = errno_names.get(err) or KERNEL_ERRNO_NAMES.get(err)
    if name is None:
        return "-1 (errno %d)" % err
    return "-1 %s (%s)" % (name, _strerror(err))


def is_error(ret):
    """True if a (sign-extended) return value is an error."""
    return -MAX_ERRNO <= ret < 0


def retval(ret, errno_names, kind="d", bits=64):
    """The text after `= `: an error, or the value by kind: "d" signed decimal, "u" unsigned
    decimal, "x" hex (mmap/brk: `0x7f...`, zero is `0`), "o" octal (umask: `022`, `000`).
    `ret` is the return register, sign-extended in the tracee ABI's word size."""
    ret = to_signed(ret, bits)
    if -MAX_ERRNO <= ret < 0:
        return errno_text(-ret, errno_names)
    if kind == "d":
        return str(ret)
    if kind == "x":
        return hexnum(ret & ((1 << bits) - 1))
    if kind == "u":
        return str(ret & ((1 << bits) - 1))
    if kind == "o":
        return _octal(ret)
    raise ValueError("unknown return kind %r" % (kind,))
