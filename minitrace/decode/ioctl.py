"""Decoders of ioctl: request names, terminal requests (termios, winsize, ints) and strace's
generic `_IOC(dir, type, nr, size)` form for requests it does not know.

Request values come from the generated constants; text only, no ptrace here.
"""

from minitrace import printers
from minitrace.decode import register
from minitrace.decode.common import (enum_text, failed, fd, flag_text, lbits, read_ints,
                                     read_struct)
from minitrace.decode.generic import Decoder
from minitrace.decode.layout import Struct, lookup, named

# The requests named (asm-generic/ioctls.h, linux/soundcard.h); codes shared by several names
# print as `A or B` in name order, as strace's ioctlent does. TIOCINQ is FIONREAD's alias.
IOCTL_NAMES = (
    "TCGETS", "TCSETS", "TCSETSW", "TCSETSF", "TCGETA", "TCSETA", "TCSETAW", "TCSETAF",
    "TCSBRK", "TCXONC", "TCFLSH", "TIOCEXCL", "TIOCNXCL", "TIOCSCTTY", "TIOCGPGRP",
    "TIOCSPGRP", "TIOCOUTQ", "TIOCSTI", "TIOCGWINSZ", "TIOCSWINSZ", "TIOCMGET", "TIOCMBIS",
    "TIOCMBIC", "TIOCMSET", "TIOCGSOFTCAR", "TIOCSSOFTCAR", "FIONREAD", "TIOCLINUX",
    "TIOCCONS", "TIOCGSERIAL", "TIOCSSERIAL", "TIOCPKT", "FIONBIO", "TIOCNOTTY", "TIOCSETD",
    "TIOCGETD", "TCSBRKP", "TIOCSBRK", "TIOCCBRK", "TIOCGSID", "TCGETS2", "TCSETS2",
    "TCSETSW2", "TCSETSF2", "TIOCGRS485", "TIOCSRS485", "TIOCGPTN", "TIOCSPTLCK", "TIOCGDEV",
    "TCGETX", "TCSETX", "TCSETXF", "TCSETXW", "TIOCSIG", "TIOCVHANGUP", "TIOCGPKT",
    "TIOCGPTLCK", "TIOCGEXCL", "TIOCGPTPEER", "TIOCGISO7816", "TIOCSISO7816", "FIONCLEX",
    "FIOCLEX", "FIOASYNC", "TIOCSERCONFIG", "TIOCSERGWILD", "TIOCSERSWILD", "TIOCGLCKTRMIOS",
    "TIOCSLCKTRMIOS", "TIOCSERGSTRUCT", "TIOCSERGETLSR", "TIOCSERGETMULTI",
    "TIOCSERSETMULTI", "TIOCMIWAIT", "TIOCGICOUNT", "FIOQSIZE", "FIOSETOWN", "FIOGETOWN",
    "SNDCTL_TMR_START", "SNDCTL_TMR_STOP", "SNDCTL_TMR_CONTINUE",
)

# _IOC layout of asm-generic/ioctl.h (x86, arm, riscv, s390); the direction names are
# strace's ioctl_dirs. (alpha/mips/powerpc/sparc use 13 size bits: not supported ABIs.)
_IOC_NRBITS, _IOC_TYPEBITS, _IOC_SIZEBITS = 8, 8, 14
_IOC_DIRS = ((2, "_IOC_READ"), (1, "_IOC_WRITE"))

# termios (asm-generic/termbits.h); flag tables as strace's xlat/term_*.in list them
TERM_IFLAGS = ("IGNBRK", "BRKINT", "IGNPAR", "PARMRK", "INPCK", "ISTRIP", "INLCR", "IGNCR",
               "ICRNL", "IUCLC", "IXON", "IXANY", "IXOFF", "IMAXBEL", "IUTF8")
TERM_OFLAGS = ("OPOST", "OLCUC", "ONLCR", "OCRNL", "ONOCR", "ONLRET", "OFILL", "OFDEL")
TERM_LFLAGS = ("ISIG", "ICANON", "XCASE", "ECHO", "ECHOE", "ECHOK", "ECHONL", "NOFLSH",
               "IEXTEN", "ECHOCTL", "ECHOPRT", "ECHOKE", "FLUSHO", "PENDIN", "TOSTOP",
               "EXTPROC")
TERM_CFLAGS = ("CSTOPB", "CREAD", "PARENB", "PARODD", "HUPCL", "CLOCAL", "CMSPAR", "CRTSCTS")
BAUDS = ("B0", "B50", "B75", "B110", "B134", "B150", "B200", "B300", "B600", "B1200",
         "B1800", "B2400", "B4800", "B9600", "B19200", "B38400", "B57600", "B115200",
         "B230400", "B460800", "B500000", "B576000", "B921600", "B1000000", "B1152000",
         "B1500000", "B2000000", "B2500000", "B3000000", "B3500000", "B4000000", "BOTHER")
CSIZES = ("CS5", "CS6", "CS7", "CS8")
# the output delay fields: (mask, values, unknown comment)
OFLAG_DELAYS = (("NLDLY", ("NL0", "NL1"), "NL?"), ("CRDLY", ("CR0", "CR1", "CR2", "CR3"), "CR?"),
                ("TABDLY", ("TAB0", "TAB1", "TAB2", "TAB3"), "TAB?"),
                ("BSDLY", ("BS0", "BS1"), "BS?"), ("VTDLY", ("VT0", "VT1"), "VT?"),
                ("FFDLY", ("FF0", "FF1"), "FF?"))
LINE_DISCS = ("N_TTY", "N_SLIP", "N_MOUSE", "N_PPP", "N_STRIP", "N_AX25", "N_X25", "N_6PACK",
              "N_MASC", "N_R3964", "N_PROFIBUS_FDL", "N_IRDA", "N_SMSBLOCK", "N_HDLC",
              "N_SYNC_PPP", "N_HCI", "N_GIGASET_M101", "N_SLCAN", "N_PPS", "N_V253", "N_CAIF",
              "N_GSM0710", "N_TI_WL", "N_TRACESINK", "N_TRACEROUTER", "N_NCI", "N_SPEAKUP",
              "N_NULL")
CC_NAMES = ("VINTR", "VQUIT", "VERASE", "VKILL", "VEOF", "VTIME", "VMIN", "VSWTC", "VSTART",
            "VSTOP", "VSUSP", "VEOL", "VREPRINT", "VDISCARD", "VWERASE", "VLNEXT", "VEOL2")
TCFLSH_ARGS = ("TCIFLUSH", "TCOFLUSH", "TCIOFLUSH")
TCXONC_ARGS = ("TCOOFF", "TCOON", "TCIOFF", "TCION")
MODEM_FLAGS = ("TIOCM_LE", "TIOCM_DTR", "TIOCM_RTS", "TIOCM_ST", "TIOCM_SR", "TIOCM_CTS",
               "TIOCM_CAR", "TIOCM_RNG", "TIOCM_DSR", "TIOCM_OUT1", "TIOCM_OUT2", "TIOCM_LOOP")

# How each request's argument is printed: at entry (IN) or exit (OUT)
_IN_TERMIOS = ("TCSETS", "TCSETSW", "TCSETSF", "TIOCSLCKTRMIOS")
_OUT_TERMIOS = ("TCGETS", "TIOCGLCKTRMIOS")
_IN_TERMIOS2 = ("TCSETS2", "TCSETSW2", "TCSETSF2")
_OUT_INT = ("TIOCGPGRP", "TIOCGSID", "TIOCGETD", "TIOCGSOFTCAR", "TIOCGPTN", "FIONREAD",
            "TIOCOUTQ", "TIOCGEXCL", "TIOCGDEV")
_IN_INT = ("TIOCSPGRP", "TIOCSETD", "FIONBIO", "FIOASYNC", "TIOCPKT", "TIOCSSOFTCAR",
           "TIOCSPTLCK")
_NO_ARG = ("TIOCSBRK", "TIOCCBRK", "TIOCCONS", "TIOCNOTTY", "TIOCEXCL", "TIOCNXCL", "FIOCLEX",
           "FIONCLEX", "TIOCVHANGUP", "TIOCSSERIAL")
_IN_DEC = ("TCSBRK", "TCSBRKP", "TIOCSCTTY")
_IN_MODEM = ("TIOCMBIS", "TIOCMBIC", "TIOCMSET")


def _names_by_code(ctx, abi):
    key = (abi, "ioctl-names")
    table = ctx._tables.get(key)
    if table is None:
        consts = ctx.constants(abi)
        table = {}
        for name in IOCTL_NAMES:
            value = consts.get(name)
            if value is not None:
                table.setdefault(value & 0xffffffff, []).append(name)
        table = ctx._tables[key] = dict((k, sorted(v)) for k, v in table.items())
    return table


def ioc_text(code, verbose):
    """strace's `_IOC(_IOC_READ, 0x12, 0x34, 0x8)` of a request number."""
    nr = code & 0xff
    typ = (code >> _IOC_NRBITS) & 0xff
    size = (code >> (_IOC_NRBITS + _IOC_TYPEBITS)) & ((1 << _IOC_SIZEBITS) - 1)
    d = code >> (_IOC_NRBITS + _IOC_TYPEBITS + _IOC_SIZEBITS)
    names = [n for bit, n in _IOC_DIRS if d & bit]
    left = d & ~3
    if not d:
        dirs = "_IOC_NONE"
    else:
        dirs = "|".join(names + (["%#x" % left] if left else []))
        if not names and not verbose:
            dirs += " /* _IOC_??? */"
    return "_IOC(%s, %s, %s, %s)" % (dirs, printers.hexnum(typ), printers.hexnum(nr),
                                      printers.hexnum(size))


def request_text(ctx, call, code):
    """The request as strace prints it: `TCGETS`, `A or B`, `_IOC(...)`; -X raw/verbose."""
    cstyle = ctx.style.const_style
    if cstyle == "raw":
        return printers.hexnum(code)
    names = _names_by_code(ctx, call.abi).get(code)
    text = " or ".join(names) if names else ioc_text(code, cstyle == "verbose")
    if cstyle == "verbose":
        return "%s /* %s */" % (printers.hexnum(code), text)
    return text


def request_name(ctx, call):
    names = _names_by_code(ctx, call.abi).get(call.args[1] & 0xffffffff)
    return names[-1] if names else None


# ---------------------------------------------------------------------------------------------
# termios

def _enum_part(ctx, call, value, names, unknown):
    return printers.enum(value, ctx.enum_table(call.abi, names), ctx.style, unknown)


# struct termios and termios2 of asm/termbits.h (asm-generic's: the four flag words, c_line,
# c_cc[NCCS]; termios2 adds the speeds). powerpc's termios puts c_cc before c_line and has the
# speeds (and no termios2).
_termios_cache = {}


def _termios(abi, two):
    import syscalls
    nccs = syscalls.constants(abi).get("NCCS", 19)
    ppc = abi == "ppc64le"
    key = (nccs, ppc, two)
    st = _termios_cache.get(key)
    if st is None:
        fields = [("c_iflag", "u32"), ("c_oflag", "u32"), ("c_cflag", "u32"), ("c_lflag", "u32")]
        line, cc = ("c_line", "u8"), ("c_cc", ("u8", nccs))
        fields += [cc, line] if ppc else [line, cc]
        if two or ppc:
            fields += [("c_ispeed", "u32"), ("c_ospeed", "u32")]
        st = _termios_cache[key] = Struct("termios2" if two else "termios", fields)
    return st


@named("termios")
def termios_layout(abi):
    return _termios(abi, False)


@named("termios2")
def termios2_layout(abi):
    return None if abi == "ppc64le" else _termios(abi, True)


# struct winsize (asm-generic/termios.h)
WINSIZE = named("winsize", Struct("winsize", [("ws_row", "u16"), ("ws_col", "u16"),
                                              ("ws_xpixel", "u16"), ("ws_ypixel", "u16")]))


def termios_text(ctx, call, addr, two=False):
    """struct termios (or termios2) at addr: abbreviated `{c_iflag=..., ...}`, full with -v."""
    c = ctx.constants(call.abi)
    nccs = c.get("NCCS", 19)
    layout = lookup("termios2" if two else "termios", call.abi)
    v = read_struct(ctx, call, addr, layout) if layout is not None else None
    if v is None:
        return printers.ptr(addr)
    iflag, oflag, cflag, lflag, line = (v["c_iflag"], v["c_oflag"], v["c_cflag"], v["c_lflag"],
                                        v["c_line"])
    style = ctx.style
    parts = ["c_iflag=" + flag_text(ctx, call, iflag, TERM_IFLAGS)]
    # c_oflag: the delay fields, then the flags
    oparts = []
    for mask_name, names, unknown in OFLAG_DELAYS:
        mask = c.get(mask_name, 0)
        oparts.append(_enum_part(ctx, call, oflag & mask, names, unknown))
        oflag &= ~mask
    oparts.append(flag_text(ctx, call, oflag, TERM_OFLAGS))
    parts.append("c_oflag=" + "|".join(oparts))
    # c_cflag: speed, input speed (<<IBSHIFT), character size, flags
    cbaud, cibaud, csize = c.get("CBAUD", 0), c.get("CIBAUD", 0), c.get("CSIZE", 0)
    cparts = [_enum_part(ctx, call, cflag & cbaud, BAUDS, "B???")]
    if cflag & cibaud:
        shift = c.get("IBSHIFT", 16)
        cparts.append("%s<<%s" % (_enum_part(ctx, call, (cflag & cibaud) >> shift, BAUDS, "B???"),
                                  "IBSHIFT" if style.const_style != "raw" else str(shift)))
    cparts.append(_enum_part(ctx, call, cflag & csize, CSIZES, "CS?"))
    cparts.append(flag_text(ctx, call, cflag & ~(cbaud | cibaud | csize), TERM_CFLAGS))
    parts.append("c_cflag=" + "|".join(cparts))
    parts.append("c_lflag=" + flag_text(ctx, call, lflag, TERM_LFLAGS))
    if not style.verbose:
        parts.append("...")
    else:
        parts.append("c_line=" + enum_text(ctx, call, line, LINE_DISCS, "N_???"))
        ccnames = ctx.enum_table(call.abi, CC_NAMES)
        cc = []
        for i in range(nccs):
            name = ccnames.get(i, str(i))      # named with every -X (strace 6.1)
            cc.append("[%s]=%s" % (name, printers.hexnum(bytearray(v["c_cc"])[i])))
        parts.append("c_cc=[" + ", ".join(cc) + "]")
        if two:
            parts += ["c_ispeed=%d" % v["c_ispeed"], "c_ospeed=%d" % v["c_ospeed"]]
    return "{" + ", ".join(parts) + "}"


def winsize_text(ctx, call, addr):
    v = read_struct(ctx, call, addr, WINSIZE.on(call.abi))
    if v is None:
        return printers.ptr(addr)
    return "{ws_row=%d, ws_col=%d, ws_xpixel=%d, ws_ypixel=%d}" % (
        v["ws_row"], v["ws_col"], v["ws_xpixel"], v["ws_ypixel"])


def int_text(ctx, call, addr):
    """printnum_int: `[5]`, NULL, or the address."""
    if not addr:
        return "NULL"
    vals = read_ints(ctx, call, addr, 1)
    return printers.ptr(addr) if vals is None else "[%d]" % vals[0]


# The _IOC_TYPE values of the command families strace 6.1 has a decoder for (ioctl.c,
# ioctl_decode): a command of those families it does not know has its argument printed at
# entry; a command of any other family at exit (`ioctl(3, _IOC(...) <unfinished ...>`).
_DECODED_TYPES = frozenset([0x03, 0x12, 0x21, 0x22, 0x24, 0x3d, 0x3e] +
                           [ord(c) for c in "EIKLMORTVWXfiop"] +
                           [0x89, 0x94, 0xa4, 0xaa, 0xab, 0xae, 0xb4, 0xb7, 0xfd])


@register("ioctl")
class Ioctl(Decoder):
    def enter(self, ctx, call):
        a = call.args
        code = a[1] & 0xffffffff
        head = "%s, %s" % (fd(ctx, call, a[0]), request_text(ctx, call, code))
        name = request_name(ctx, call)
        arg = a[2] & ((1 << lbits(call)) - 1)
        rest = self._in_arg(ctx, call, name, arg)
        if rest is None:              # printed at exit, after `, ` (strace's split)
            call.saved = True
            return head
        return head + rest

    def _in_arg(self, ctx, call, name, arg):
        """`, ARG` when the argument is decoded at entry ("" when there is none); None when
        strace prints it at exit: a value the kernel fills in, or an unknown command's
        argument (strace's ioctl_decode left it undecoded: `, 0x...` at exit)."""
        if name in _NO_ARG:
            return ""
        if name in _IN_TERMIOS:
            return ", " + termios_text(ctx, call, arg)
        if name in _IN_TERMIOS2:
            return ", " + termios_text(ctx, call, arg, True)
        if name == "TIOCSWINSZ":
            return ", " + winsize_text(ctx, call, arg)
        if name in _IN_INT:
            return ", " + int_text(ctx, call, arg)
        if name in _IN_DEC:
            return ", %d" % printers.to_signed(arg, 32)
        if name == "TCFLSH":
            return ", " + enum_text(ctx, call, arg, TCFLSH_ARGS, "TC???")
        if name == "TCXONC":
            return ", " + enum_text(ctx, call, arg, TCXONC_ARGS, "TC???")
        if name in _IN_MODEM:
            return ", " + self._modem(ctx, call, arg)
        if name == "TIOCSTI":
            data = ctx.read_data(call, arg, 1)
            return ", " + (printers.ptr(arg) if not data
                           else printers.quote_bytes(data, ctx.style))
        if name in _OUT_TERMIOS or name in _OUT_INT or name in ("TCGETS2", "TIOCGWINSZ",
                                                                "TIOCMGET"):
            return None
        if (call.args[1] >> 8) & 0xff in _DECODED_TYPES:
            return ", " + printers.hexnum(arg)
        return None

    def _modem(self, ctx, call, addr):
        vals = read_ints(ctx, call, addr, 1, "I") if addr else None
        if vals is None:
            return printers.ptr(addr)
        return "[%s]" % flag_text(ctx, call, vals[0], MODEM_FLAGS, "TIOCM_???")

    def exit(self, ctx, call):
        if not call.saved:            # everything was printed at entry
            return ""
        return ", " + self._out_arg(ctx, call, request_name(ctx, call),
                                    call.args[2] & ((1 << lbits(call)) - 1))

    def _out_arg(self, ctx, call, name, arg):
        out = (name in _OUT_TERMIOS or name in _OUT_INT
               or name in ("TCGETS2", "TIOCGWINSZ", "TIOCMGET"))
        if not out:
            return printers.hexnum(arg)
        if failed(call):
            return printers.ptr(arg)
        if name in _OUT_TERMIOS:
            return termios_text(ctx, call, arg)
        if name == "TCGETS2":
            return termios_text(ctx, call, arg, True)
        if name == "TIOCGWINSZ":
            return winsize_text(ctx, call, arg)
        if name == "TIOCMGET":
            return self._modem(ctx, call, arg)
        return int_text(ctx, call, arg)
