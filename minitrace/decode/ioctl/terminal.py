"""Terminal ioctls (type 'T'): termios, termios2, winsize, modem bits, ints.

Request values come from the generated constants; text only, no ptrace here.
"""
from minitrace import printers
from minitrace.decode.common import enum_text, failed, flag_text, read_ints, read_struct
from minitrace.decode.ioctl.base import NO_ARG
from minitrace.decode.layout import Struct, lookup, named

TYPES = (0x54,)

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
                ("TABDLY", ("TAB0", "TAB1", "TAB2", "XTABS"), "TAB?"),
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
_IN_TERMIO = ("TCSETA", "TCSETAW", "TCSETAF")
_OUT_INT = ("TIOCGPGRP", "TIOCGSID", "TIOCGETD", "TIOCGSOFTCAR", "TIOCGPTN", "FIONREAD",
            "TIOCOUTQ", "TIOCGEXCL", "TIOCGDEV")
_IN_INT = ("TIOCSPGRP", "TIOCSETD", "FIONBIO", "FIOASYNC", "TIOCPKT", "TIOCSSOFTCAR",
           "TIOCSPTLCK")
_NO_ARG = ("TIOCSBRK", "TIOCCBRK", "TIOCCONS", "TIOCNOTTY", "TIOCEXCL", "TIOCNXCL", "FIOCLEX",
           "FIONCLEX", "TIOCVHANGUP", "TIOCSSERIAL")
_IN_DEC = ("TCSBRK", "TCSBRKP", "TIOCSCTTY")
_IN_MODEM = ("TIOCMBIS", "TIOCMBIC", "TIOCMSET")




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


# struct termio (asm-generic/termios.h: the four flag words as unsigned short, c_line,
# c_cc[NCC]; NCC is 8, and 10 in powerpc's asm/termios.h): TCGETA/TCSETA*
NCC = {"ppc64le": 10}
_termio_cache = {}


@named("termio")
def termio_layout(abi):
    ncc = NCC.get(abi, 8)
    st = _termio_cache.get(ncc)
    if st is None:
        st = _termio_cache[ncc] = Struct("termio", [
            ("c_iflag", "u16"), ("c_oflag", "u16"), ("c_cflag", "u16"), ("c_lflag", "u16"),
            ("c_line", "u8"), ("c_cc", ("u8", ncc))])
    return st



# struct winsize (asm-generic/termios.h)
WINSIZE = named("winsize", Struct("winsize", [("ws_row", "u16"), ("ws_col", "u16"),
                                              ("ws_xpixel", "u16"), ("ws_ypixel", "u16")]))


def termios_text(ctx, call, addr, two=False, termio=False):
    """struct termios (or termios2, or the old struct termio) at addr: abbreviated
    `{c_iflag=..., ...}`, full with -v."""
    c = ctx.constants(call.abi)
    if termio:
        nccs, layout = NCC.get(call.abi, 8), termio_layout(call.abi).on(call.abi)
    else:
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


def _modem(ctx, call, addr):
    vals = read_ints(ctx, call, addr, 1, "I") if addr else None
    if vals is None:
        return printers.ptr(addr)
    return "[%s]" % flag_text(ctx, call, vals[0], MODEM_FLAGS, "TIOCM_???")


def _tiocsti(ctx, call, arg):
    data = ctx.read_data(call, arg, 1)
    return printers.ptr(arg) if not data else printers.quote_bytes(data, ctx.style)


# request name -> printer of the argument at entry (IN)
_IN = {}
_IN.update((n, lambda ctx, call, arg: termios_text(ctx, call, arg)) for n in _IN_TERMIOS)
_IN.update((n, lambda ctx, call, arg: termios_text(ctx, call, arg, True)) for n in _IN_TERMIOS2)
_IN.update((n, lambda ctx, call, arg: termios_text(ctx, call, arg, termio=True))
           for n in _IN_TERMIO)
_IN.update((n, int_text) for n in _IN_INT)
_IN.update((n, lambda ctx, call, arg: "%d" % printers.to_signed(arg, 32)) for n in _IN_DEC)
_IN.update((n, _modem) for n in _IN_MODEM)
_IN.update({
    "TIOCSWINSZ": winsize_text,
    "TCFLSH": lambda ctx, call, arg: enum_text(ctx, call, arg, TCFLSH_ARGS, "TC???"),
    "TCXONC": lambda ctx, call, arg: enum_text(ctx, call, arg, TCXONC_ARGS, "TC???"),
    "TIOCSTI": _tiocsti,
})
# request name -> printer of the argument at exit (OUT)
_OUT = {}
_OUT.update((n, lambda ctx, call, arg: termios_text(ctx, call, arg)) for n in _OUT_TERMIOS)
_OUT.update((n, int_text) for n in _OUT_INT)
_OUT.update({
    "TCGETS2": lambda ctx, call, arg: termios_text(ctx, call, arg, True),
    "TCGETA": lambda ctx, call, arg: termios_text(ctx, call, arg, termio=True),
    "TIOCGWINSZ": winsize_text,
    "TIOCMGET": _modem,
})


def _name(ctx, call, code):
    names = ctx.constants(call.abi)
    key = (call.abi, "terminal-ioctls")
    table = ctx._tables.get(key)
    if table is None:
        table = ctx._tables[key] = dict((names[n] & 0xffffffff, n) for n in
                                        set(_IN) | set(_OUT) | set(_NO_ARG) if n in names)
    return table.get(code)


def enter(ctx, call, code, arg):
    """The terminal request's argument at entry: (text, exit needed), or None (not decoded)."""
    name = _name(ctx, call, code)
    if name in _NO_ARG:
        return NO_ARG
    if name in _IN:
        return _IN[name](ctx, call, arg), False
    if name in _OUT:
        return None, True
    return None


def exit(ctx, call, code, arg):
    name = _name(ctx, call, code)
    if failed(call):
        return printers.ptr(arg)
    return _OUT[name](ctx, call, arg)
