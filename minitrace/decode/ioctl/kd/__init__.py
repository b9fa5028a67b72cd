"""Linux console and keyboard ioctls (type 'K', linux/kd.h), as strace's kd_ioctl: the tone
and sound numbers with their frequency, the LED, mode, keyboard type and meta values (given or
pointed to), the screen maps and fonts (hex strings), the keymap entries (keys.py), the
diacritics tables, the key codes, the keyboard repeat, and the structs that hold a pointer
(fonts.py); the few commands without an argument."""
from minitrace import printers
from minitrace.decode.array import print_array_ex, unpacker
from minitrace.decode.common import const, failed, read_struct, sig
from minitrace.decode.ioctl.base import TableFamily
from minitrace.decode.ioctl.kd import fonts, keys
from minitrace.decode.layout import Struct, named

PIT_TICK_RATE = 1193182     # the kernel's PC speaker clock: the tone's divisor is of it
GPFIRST, GPLAST = 0x3b4, 0x3df      # the I/O ports KDADDIO/KDDELIO accept
MAX_DIACR = 256             # the kernel's table of diacritics
FONT_SIZE = 8192            # GIO_FONT/PIO_FONT: 256 characters of 32 rows of 8 pixels
CMAP_SIZE = 3 * 16          # 16 colours of red, green, blue

LEDS = ("LED_SCR", "LED_NUM", "LED_CAP")
KB_TYPES = ("KB_84", "KB_101", "KB_OTHER")
KD_MODES = ("KD_TEXT", "KD_GRAPHICS", "KD_TEXT0", "KD_TEXT1")
KB_MODES = ("K_RAW", "K_XLATE", "K_MEDIUMRAW", "K_UNICODE", "K_OFF")
META_VALUES = ("K_METABIT", "K_ESCPREFIX")

KBDIACR = Struct("kbdiacr", [("diacr", "u8"), ("base", "u8"), ("result", "u8")])
KBDIACRUC = Struct("kbdiacruc", [("diacr", "u32"), ("base", "u32"), ("result", "u32")])
DIACR_TABLE_OFFSET = 4      # after kb_cnt, in struct kbdiacrs and struct kbdiacrsuc
KBKEYCODE = named("kbkeycode", Struct("kbkeycode", [("scancode", "u32"), ("keycode", "u32")]))
KBD_REPEAT = named("kbd_repeat", Struct("kbd_repeat", [("delay", "s32"), ("period", "s32")]))
UNIMAPINIT = named("unimapinit", Struct("unimapinit", [
    ("advised_hashsize", "u16"), ("advised_hashstep", "u16"), ("advised_hashlevel", "u16")]))


def _sound(ctx, call, arg):
    """KIOCSOUND: the PIT divisor, with its frequency."""
    if ctx.style.const_style == "raw":
        return "%d" % arg
    freq = PIT_TICK_RATE // arg if arg else 0
    return "%d /* %s */" % (arg, "%d Hz" % freq if freq else "off")


def _tone(ctx, call, arg):
    """KDMKTONE: duration in ms << 16 | PIT divisor."""
    arg &= 0xffffffff
    ticks, count = arg >> 16, arg & 0xffff
    text = "%d<<16|%d" % (ticks, count) if ticks else "%d" % count
    if ctx.style.const_style == "raw":
        return text
    if ticks and count:
        return "%s /* %d Hz, %d ms */" % (text, PIT_TICK_RATE // count, ticks)
    return text + " /* off */"


def _default_leds(ctx, call):
    """KDGKBLED's flags: the LEDs, then the default LEDs four bits up (`LED_SCR<<4`)."""
    consts = ctx.constants(call.abi)
    leds = [(n, consts[n]) for n in LEDS if n in consts]
    return printers.FlagTable(leds + [(n + "<<4", v << 4) for n, v in leds])


def _leds(dflt):
    def show(ctx, call, value):
        value &= 0xff
        if dflt:
            return printers.flags(value, _default_leds(ctx, call), ctx.style, "LED_???")
        return printers.flags(value, ctx.flag_table(call.abi, LEDS), ctx.style, "LED_???")
    return show


def _enum(names, unknown, decimal=False):
    """An enumeration of an unsigned int (printed as an int with decimal)."""
    def show(ctx, call, value):
        value &= 0xffffffff
        if decimal:
            value = printers.to_signed(value, 32)
        return printers.enum(value, ctx.enum_table(call.abi, names), ctx.style, unknown, decimal)
    return show


def _pointed(size, fmt):
    """The value is the `size`-byte unsigned number the argument points to: `[value]`."""
    code = {1: "B", 4: "I"}[size]

    def show(ctx, call, arg):
        data = ctx.read(call, arg, size)
        if data is None or len(data) < size:
            return printers.ptr(arg)
        return "[%s]" % fmt(ctx, call, unpacker(call, code)(bytes(data[:size])))
    return show


def _io_port(ctx, call, arg):
    text = printers.hexnum(arg)
    if GPFIRST <= arg <= GPLAST and ctx.style.const_style != "raw":
        return "%s /* GPFIRST + %d */" % (text, arg - GPFIRST)
    return text


def _sigaccept(ctx, call, arg):
    return sig(ctx, call, arg) if arg < 0x7fffffff else "%d" % arg


def _hex_string(length):
    """A buffer of `length` bytes (or of the constant of that name) in hex."""
    def show(ctx, call, arg):
        size = const(ctx, call, length) if isinstance(length, str) else length
        return fonts.hex_string(ctx, call, arg, size)
    return show


def _uni_char(ctx, call, value):
    """A GIO_UNISCRNMAP entry: a character, or UNI_DIRECT_BASE + a font position."""
    base, mask = const(ctx, call, "UNI_DIRECT_BASE"), const(ctx, call, "UNI_DIRECT_MASK")
    if (value & ~mask) != base or ctx.style.const_style == "raw":
        return printers.hexnum(value)
    direct = "UNI_DIRECT_BASE+%s" % printers.hexnum(value & mask)
    if ctx.style.const_style == "verbose":
        return "%s /* %s */" % (printers.hexnum(value), direct)
    return direct


def _uni_screen_map(ctx, call, arg):
    return print_array_ex(ctx, call, arg, const(ctx, call, "E_TABSZ"), 2, unpacker(call, "H"),
                          lambda v: _uni_char(ctx, call, v))[0]


def _diacr_char(v):
    return "{diacr=%s, base=%s, result=%s}" % (
        keys.quoted_char(v["diacr"]), keys.quoted_char(v["base"]), keys.quoted_char(v["result"]))


def _diacr_uc(v):
    return "{diacr=%s, base=%s, result=%s}" % (
        printers.hexnum(v["diacr"]), printers.hexnum(v["base"]), printers.hexnum(v["result"]))


def _diacritics(layout, field, fmt):
    """struct kbdiacrs / kbdiacrsuc: the count, then as many entries (at most the kernel's)."""
    def show(ctx, call, arg):
        data = ctx.read(call, arg, 4)
        if data is None or len(data) < 4:
            return printers.ptr(arg)
        count = unpacker(call, "I")(bytes(data[:4]))
        elem = layout.on(call.abi)
        entries = print_array_ex(ctx, call, arg + DIACR_TABLE_OFFSET, min(count, MAX_DIACR),
                                 elem.size, elem.dict, fmt, truncated=count > MAX_DIACR)[0]
        return "{kb_cnt=%d, %s=%s}" % (count, field, entries)
    return show


def _keycode_enter(get):
    def enter(ctx, call, arg):
        v = read_struct(ctx, call, arg, KBKEYCODE.on(call.abi))
        if v is None:
            return printers.ptr(arg), False
        text = "{scancode=%s, keycode=%s" % (printers.hexnum(v["scancode"]),
                                             printers.hexnum(v["keycode"]))
        return (text, True) if get else (text + "}", False)
    return enter


def _keycode_exit(ctx, call, arg):
    v = None if failed(call) else read_struct(ctx, call, arg, KBKEYCODE.on(call.abi))
    return "}" if v is None else " => %s}" % printers.hexnum(v["keycode"])


def _entry_only(enter):
    """A command whose argument is all printed at entry, by an enter of a getter/setter pair."""
    return lambda ctx, call, arg: enter(ctx, call, arg)[0]


def _repeat(v):
    return "{delay=%d, period=%d}" % (v["delay"], v["period"])


def _kbdrep_enter(ctx, call, arg):
    v = read_struct(ctx, call, arg, KBD_REPEAT.on(call.abi))
    if v is None:
        return printers.ptr(arg), False
    return _repeat(v), True


def _kbdrep_exit(ctx, call, arg):
    v = None if failed(call) else read_struct(ctx, call, arg, KBD_REPEAT.on(call.abi))
    return "" if v is None else " => " + _repeat(v)


def _unimapclr(ctx, call, arg):
    v = read_struct(ctx, call, arg, UNIMAPINIT.on(call.abi))
    if v is None:
        return printers.ptr(arg)
    return "{advised_hashsize=%d, advised_hashstep=%d, advised_hashlevel=%d}" % (
        v["advised_hashsize"], v["advised_hashstep"], v["advised_hashlevel"])


_leds_plain, _leds_default = _leds(False), _leds(True)
_kb_type = _enum(KB_TYPES, "KB_???")
_kd_mode = _enum(KD_MODES, "KD_???")
_kb_mode = _enum(KB_MODES, "K_???", decimal=True)
_meta = _enum(META_VALUES, "K_???")
_diacr = _diacritics(KBDIACR, "kbdiacr", _diacr_char)
_diacruc = _diacritics(KBDIACRUC, "kbdiacruc", _diacr_uc)

KD = TableFamily(
    (0x4b,),
    inp={"KIOCSOUND": _sound, "KDMKTONE": _tone,
         "KDSETLED": _leds_plain, "KDSKBLED": _leds_default,
         "KDADDIO": _io_port, "KDDELIO": _io_port,
         "KDSETMODE": _kd_mode, "KDSKBMODE": _kb_mode,
         "KDSKBMETA": _meta, "KDSIGACCEPT": _sigaccept,
         "PIO_SCRNMAP": _hex_string("E_TABSZ"), "PIO_FONT": _hex_string(FONT_SIZE),
         "PIO_CMAP": _hex_string(CMAP_SIZE), "PIO_UNISCRNMAP": _uni_screen_map,
         "KDSKBDIACR": _diacr, "KDSKBDIACRUC": _diacruc, "PIO_UNIMAPCLR": _unimapclr,
         "KDSKBENT": _entry_only(keys.kbentry_enter(False)),
         "KDSKBSENT": _entry_only(keys.kbsentry_enter(False)),
         "KDSETKEYCODE": _entry_only(_keycode_enter(False)),
         "PIO_UNIMAP": _entry_only(fonts.unimap_enter(False)),
         "PIO_FONTX": _entry_only(fonts.fontx_enter(False))},
    out={"KDGETLED": _pointed(1, _leds_plain), "KDGKBLED": _pointed(1, _leds_default),
         "KDGKBTYPE": _pointed(1, _kb_type), "KDGETMODE": _pointed(4, _kd_mode),
         "KDGKBMODE": _pointed(4, _kb_mode), "KDGKBMETA": _pointed(4, _meta),
         "GIO_SCRNMAP": _hex_string("E_TABSZ"), "GIO_FONT": _hex_string(FONT_SIZE),
         "GIO_CMAP": _hex_string(CMAP_SIZE), "GIO_UNISCRNMAP": _uni_screen_map,
         "KDGKBDIACR": _diacr, "KDGKBDIACRUC": _diacruc},
    no_arg=("KDENABIO", "KDDISABIO", "KDMAPDISP", "KDUNMAPDISP", "PIO_FONTRESET"),
    both={"KDGKBENT": (keys.kbentry_enter(True), keys.kbentry_exit),
          "KDGKBSENT": (keys.kbsentry_enter(True), keys.kbsentry_exit),
          "KDGETKEYCODE": (_keycode_enter(True), _keycode_exit),
          "KDKBDREP": (_kbdrep_enter, _kbdrep_exit),
          "GIO_UNIMAP": (fonts.unimap_enter(True), fonts.unimap_exit),
          "GIO_FONTX": (fonts.fontx_enter(True), fonts.fontx_exit),
          "KDFONTOP": (fonts.font_op_enter, fonts.font_op_exit)})
