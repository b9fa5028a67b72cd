"""The keymap entries of the console keyboard (linux/keyboard.h), as strace's kd_ioctl prints
KDGKBENT/KDSKBENT's struct kbentry and KDGKBSENT/KDSKBSENT's struct kbsentry.

A key value is K(type, value): type in its high byte, value in its low byte. strace names it by
the key symbols of its type (`K_F1`, `K_HOLE`, `K_P0`...), else `K(KT_SPEC, 0x14)`, the value
as a quoted character for the character types (`K(KT_LATIN, 'a')`)."""
from minitrace import printers
from minitrace.decode.array import unpacker
from minitrace.decode.common import enum_text, failed, read_struct
from minitrace.decode.layout import Struct, named

# the modifiers, by their bit numbers KG_*: the shift, lock and sticky-lock keys of each
MODIFIERS = ("SHIFT", "ALTGR", "CTRL", "ALT", "SHIFTL", "SHIFTR", "CTRLL", "CTRLR", "CAPSSHIFT")

# the symbols of each key type that has them (every K_* constant of linux/keyboard.h that
# strace names); the order is the value order
FN_KEYS = tuple(["K_F%d" % i for i in range(1, 21)]
                + ["K_FIND", "K_INSERT", "K_REMOVE", "K_SELECT", "K_PGUP", "K_PGDN", "K_MACRO",
                   "K_HELP", "K_DO", "K_PAUSE"]
                + ["K_F%d" % i for i in range(21, 246)] + ["K_UNDO"])
SPEC_KEYS = ("K_HOLE", "K_ENTER", "K_SH_REGS", "K_SH_MEM", "K_SH_STAT", "K_BREAK", "K_CONS",
             "K_CAPS", "K_NUM", "K_HOLD", "K_SCROLLFORW", "K_SCROLLBACK", "K_BOOT", "K_CAPSON",
             "K_COMPOSE", "K_SAK", "K_DECRCONSOLE", "K_INCRCONSOLE", "K_SPAWNCONSOLE",
             "K_BARENUMLOCK", "K_ALLOCATED", "K_NOSUCHMAP")
PAD_KEYS = tuple(["K_P%d" % i for i in range(10)]
                 + ["K_PPLUS", "K_PMINUS", "K_PSTAR", "K_PSLASH", "K_PENTER", "K_PCOMMA",
                    "K_PDOT", "K_PPLUSMINUS", "K_PPARENL", "K_PPARENR"])
DEAD_KEYS = ("K_DGRAVE", "K_DACUTE", "K_DCIRCM", "K_DTILDE", "K_DDIERE", "K_DCEDIL",
             "K_DMACRON", "K_DBREVE", "K_DABDOT", "K_DABRING", "K_DDBACUTE", "K_DCARON",
             "K_DOGONEK", "K_DIOTA", "K_DVOICED", "K_DSEMVOICED", "K_DBEDOT", "K_DHOOK",
             "K_DHORN", "K_DSTROKE", "K_DABCOMMA", "K_DABREVCOMMA", "K_DDBGRAVE", "K_DINVBREVE",
             "K_DBECOMMA", "K_DCURRENCY", "K_DGREEK")
CUR_KEYS = ("K_DOWN", "K_LEFT", "K_RIGHT", "K_UP")
SHIFT_KEYS = tuple("K_" + m for m in MODIFIERS)
ASCII_KEYS = tuple(["K_ASC%d" % i for i in range(10)] + ["K_HEX%d" % i for i in range(10)]
                   + ["K_HEX" + c for c in "abcdef"])
LOCK_KEYS = tuple("K_%sLOCK" % m for m in MODIFIERS)
SLOCK_KEYS = tuple("K_%s_SLOCK" % m for m in MODIFIERS)
BRL_KEYS = tuple(["K_BRL_BLANK"] + ["K_BRL_DOT%d" % i for i in range(1, 11)])

KEY_TYPES = ("KT_LATIN", "KT_FN", "KT_SPEC", "KT_PAD", "KT_DEAD", "KT_CONS", "KT_CUR",
             "KT_SHIFT", "KT_META", "KT_ASCII", "KT_LOCK", "KT_LETTER", "KT_SLOCK", "KT_DEAD2",
             "KT_BRL")
SYMBOLS_BY_TYPE = (("KT_FN", FN_KEYS), ("KT_SPEC", SPEC_KEYS), ("KT_PAD", PAD_KEYS),
                   ("KT_DEAD", DEAD_KEYS), ("KT_CUR", CUR_KEYS), ("KT_SHIFT", SHIFT_KEYS),
                   ("KT_ASCII", ASCII_KEYS), ("KT_LOCK", LOCK_KEYS), ("KT_SLOCK", SLOCK_KEYS),
                   ("KT_BRL", BRL_KEYS))
# the types whose value is a character
CHAR_TYPES = ("KT_LATIN", "KT_META", "KT_LETTER", "KT_DEAD2")

KEY_TABLES = ("K_NORMTAB", "K_SHIFTTAB", "K_ALTTAB", "K_ALTSHIFTTAB")
# a kb_table that is not one of those is a set of modifier bits: `1<<KG_CTRL`
KEYMAP_BITS = tuple("KG_" + m for m in MODIFIERS[:8])

KBENTRY = named("kbentry", Struct("kbentry", [
    ("kb_table", "u8"), ("kb_index", "u8"), ("kb_value", "u16")]))
KBENTRY_HEAD = Struct("kbentry_head", [("kb_table", "u8"), ("kb_index", "u8")])
KB_VALUE_OFFSET = 2
KB_STRING_OFFSET = 1
KB_STRING_SIZE = 512

_WHITESPACE = "tnvfr"      # \t..\r, escaped by their letter


def quoted_char(c):
    """strace's print_char(c, SCF_QUOTES | SCF_ESC_WS): `'a'`, `'\\''`, `'\\n'`, `'\\x7f'`."""
    if 0x20 <= c < 0x7f:
        return "'\\%c'" % c if c in (0x27, 0x5c) else "'%c'" % c
    if 9 <= c <= 13:
        return "'\\%s'" % _WHITESPACE[c - 9]
    return "'\\x%02x'" % c


def _symbols(ctx, call, ktype):
    """{key value: symbol} of a key type, or None (built once per ABI and type)."""
    consts = ctx.constants(call.abi)
    for type_name, names in SYMBOLS_BY_TYPE:
        if consts.get(type_name) == ktype:
            return ctx.enum_table(call.abi, names)
    return None


def key_value(ctx, call, value):
    """kb_value: `0x100 /* K_F1 */`, `0x214 /* K(KT_SPEC, 0x14) */`, `0x41 /* K(KT_LATIN,
    'A') */`; the number alone with -X raw."""
    text = printers.hexnum(value)
    if ctx.style.const_style == "raw":
        return text
    ktype, kval = value >> 8, value & 0xff
    symbols = _symbols(ctx, call, ktype)
    name = symbols.get(value) if symbols is not None else None
    if name is not None:
        return "%s /* %s */" % (text, name)
    consts = ctx.constants(call.abi)
    type_name = ctx.enum_table(call.abi, KEY_TYPES).get(ktype, printers.hexnum(ktype))
    if any(consts.get(n) == ktype for n in CHAR_TYPES):
        shown = quoted_char(kval)
    else:
        shown = printers.hexnum(kval)
    return "%s /* K(%s, %s) */" % (text, type_name, shown)


def _key_table(ctx, call, value):
    if value in ctx.enum_table(call.abi, KEY_TABLES):
        return enum_text(ctx, call, value, KEY_TABLES)
    pairs = _keymap_pairs(ctx, call)
    return printers.flags(value, pairs, ctx.style, "K_???")


def _keymap_pairs(ctx, call):
    consts = ctx.constants(call.abi)
    return printers.FlagTable([("1<<" + n, 1 << consts[n]) for n in KEYMAP_BITS if n in consts])


def kbentry_enter(get):
    """KDGKBENT / KDSKBENT at entry: the table and index; the value too for KDSKBENT."""
    def enter(ctx, call, arg):
        head = read_struct(ctx, call, arg, KBENTRY_HEAD.on(call.abi))
        if head is None:
            return printers.ptr(arg), False
        text = "{kb_table=%s, kb_index=%d" % (_key_table(ctx, call, head["kb_table"]),
                                              head["kb_index"])
        if get:
            return text, True
        return text + _kb_value(ctx, call, arg) + "}", False
    return enter


def kbentry_exit(ctx, call, arg):
    """KDGKBENT at exit: the value the kernel wrote (nothing when the call failed)."""
    return "}" if failed(call) else _kb_value(ctx, call, arg) + "}"


def _kb_value(ctx, call, arg):
    data = ctx.read(call, arg + KB_VALUE_OFFSET, 2)
    if data is None or len(data) < 2:
        return ", kb_value=???"
    return ", kb_value=%s" % key_value(ctx, call, unpacker(call, "H")(bytes(data[:2])))


def _fn_key_vals(ctx, call):
    """{KVAL(K_Fn): `KVAL(K_Fn)`}: the function keys by their low byte (kb_func)."""
    consts = ctx.constants(call.abi)
    return dict((consts[n] & 0xff, "KVAL(%s)" % n) for n in reversed(FN_KEYS) if n in consts)


def kbsentry_enter(get):
    """KDGKBSENT / KDSKBSENT at entry: the function key; its string too for KDSKBSENT."""
    def enter(ctx, call, arg):
        data = ctx.read(call, arg, 1)
        if not data:
            return printers.ptr(arg), False
        text = "{kb_func=%s" % printers.enum(bytearray(data)[0], _fn_key_vals(ctx, call),
                                             ctx.style, "KVAL(K_???)")
        if get:
            return text, True
        return text + _kb_string(ctx, call, arg) + "}", False
    return enter


def kbsentry_exit(ctx, call, arg):
    return "}" if failed(call) else _kb_string(ctx, call, arg) + "}"


def _kb_string(ctx, call, arg):
    """kb_string: up to its NUL (at most 512 bytes), cut by -s; `???` when the memory ends
    before a NUL."""
    data = ctx.read_data(call, arg + KB_STRING_OFFSET, KB_STRING_SIZE)
    data = bytes(data) if data is not None else b""
    nul = data.find(b"\0")
    if nul < 0 and len(data) < KB_STRING_SIZE:
        return ", kb_string=???"
    limit = ctx.style.string_limit
    if 0 <= nul < limit:
        return ", kb_string=%s" % printers.quote_bytes(data[:nul], ctx.style, limit)
    return ", kb_string=%s" % printers.quote_bytes(data[:limit], ctx.style, limit, True)
