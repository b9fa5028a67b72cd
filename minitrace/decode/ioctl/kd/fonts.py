"""The console font and unicode map commands whose structs hold a pointer (strace's
kd_mpers_ioctl): GIO_UNIMAP/PIO_UNIMAP's struct unimapdesc, GIO_FONTX/PIO_FONTX's struct
consolefontdesc, KDFONTOP's struct console_font_op."""
from minitrace import printers
from minitrace.decode.array import print_array
from minitrace.decode.common import const, enum_text, failed, read_struct
from minitrace.decode.ioctl.base import entry_state
from minitrace.decode.layout import Struct, named

UNIMAPDESC = named("unimapdesc", Struct("unimapdesc", [
    ("entry_ct", "u16"), ("entries", "ptr")]))
UNIPAIR = Struct("unipair", [("unicode", "u16"), ("fontpos", "u16")])
CONSOLEFONTDESC = named("consolefontdesc", Struct("consolefontdesc", [
    ("charcount", "u16"), ("charheight", "u16"), ("chardata", "ptr")]))
CONSOLE_FONT_OP = named("console_font_op", Struct("console_font_op", [
    ("op", "u32"), ("flags", "u32"), ("width", "u32"), ("height", "u32"),
    ("charcount", "u32"), ("data", "ptr")]))

FONT_OPS = ("KD_FONT_OP_SET", "KD_FONT_OP_GET", "KD_FONT_OP_SET_DEFAULT", "KD_FONT_OP_COPY")
# KD_FONT_FLAG_OLD left the uapi header (the kernel keeps it for itself); strace still names it
FONT_FLAG_OLD = ("KD_FONT_FLAG_OLD", 0x80000000)
FONT_NAME_MAX = 32          # the kernel's MAX_FONT_NAME: KD_FONT_OP_SET_DEFAULT's font name
MAX_FONT_CHARS = 512        # the kernel's limits on what a font op reads or writes
MAX_FONT_WIDTH = 32
FONT_ROWS = 32              # every character is kept 32 rows high (a row: 8 pixels a byte)


def hex_string(ctx, call, addr, length):
    """strace's printstr_ex(addr, length, QUOTE_FORCE_HEX): the first -s bytes in hex, `...`
    when the buffer is longer; one byte more than -s is read, all or nothing (else the
    address)."""
    if not addr:
        return "NULL"
    limit = ctx.style.string_limit
    size = min(limit + 1, length)
    data = ctx.read_data(call, addr, size) if size else b""
    if data is None or len(data) < size:
        return printers.ptr(addr)
    return printers.quote_bytes(bytes(data[:limit]), ctx.style.replace(hex_strings="all"), limit,
                                length > limit)


def _font_name(ctx, call, addr):
    """KD_FONT_OP_SET_DEFAULT's name: printstr_ex(addr, 32, QUOTE_0_TERMINATED |
    QUOTE_EXPECT_TRAILING_0): a name filling the whole buffer is shown without its last byte,
    followed by `...`."""
    if not addr:
        return "NULL"
    limit = ctx.style.string_limit
    size = min(limit + 1, FONT_NAME_MAX)
    data = ctx.read_data(call, addr, size)
    data = bytes(data) if data is not None else None
    if data is None or (b"\0" not in data and len(data) < size):
        return printers.ptr(addr)
    shown = min(size, limit)
    if shown == FONT_NAME_MAX:
        shown -= 1
    text = data[:shown]
    nul = text.find(b"\0")
    if nul >= 0:
        return printers.quote_bytes(text[:nul], ctx.style, shown)
    following = data[shown] if shown < len(data) else 0xff
    return printers.quote_bytes(text, ctx.style, shown, following != 0)


def _unipair(value):
    return "{unicode=%s, fontpos=%s}" % (printers.hexnum(value["unicode"]),
                                        printers.hexnum(value["fontpos"]))


def _entries(ctx, call, addr, count, fetch=True):
    pair = UNIPAIR.on(call.abi)
    return print_array(ctx, call, addr, count, pair.size, pair.dict, _unipair, fetch)


def unimap_enter(get):
    """GIO_UNIMAP / PIO_UNIMAP at entry: the count (kept for the exit of GIO_UNIMAP) and, for
    PIO_UNIMAP, the pairs."""
    def enter(ctx, call, arg):
        v = read_struct(ctx, call, arg, UNIMAPDESC.on(call.abi))
        if v is None:
            return printers.ptr(arg), False
        text = "{entry_ct=%d" % v["entry_ct"]
        if get:
            return text, True, v["entry_ct"]
        return "%s, entries=%s}" % (text, _entries(ctx, call, v["entries"], v["entry_ct"])), False
    return enter


def unimap_exit(ctx, call, arg):
    """GIO_UNIMAP at exit: the count the kernel wrote, then as many pairs as the count had at
    entry (the pointer alone after an error other than ENOMEM)."""
    v = read_struct(ctx, call, arg, UNIMAPDESC.on(call.abi))
    if v is None:
        return "}"
    text = " => %d" % v["entry_ct"]
    if failed(call) and call.error != const(ctx, call, "ENOMEM"):
        return "%s, entries=%s}" % (text, printers.ptr(v["entries"]))
    return "%s, entries=%s}" % (text, _entries(ctx, call, v["entries"], entry_state(call),
                                               not failed(call)))


def _fontdesc(ctx, call, v, pointer_only):
    if pointer_only:
        data = printers.ptr(v["chardata"])
    else:
        data = hex_string(ctx, call, v["chardata"],
                          min(v["charcount"], MAX_FONT_CHARS) * FONT_ROWS)
    return "{charcount=%d, charheight=%d, chardata=%s}" % (v["charcount"], v["charheight"], data)


def fontx_enter(get):
    def enter(ctx, call, arg):
        v = read_struct(ctx, call, arg, CONSOLEFONTDESC.on(call.abi))
        if v is None:
            return printers.ptr(arg), False
        return _fontdesc(ctx, call, v, get), get
    return enter


def fontx_exit(ctx, call, arg):
    v = None if failed(call) else read_struct(ctx, call, arg, CONSOLEFONTDESC.on(call.abi))
    return "" if v is None else " => " + _fontdesc(ctx, call, v, False)


def _font_flags(ctx, call):
    dont_recalc = const(ctx, call, "KD_FONT_FLAG_DONT_RECALC")
    return printers.FlagTable([("KD_FONT_FLAG_DONT_RECALC", dont_recalc), FONT_FLAG_OLD])


def _font_op(ctx, call, v, entering):
    op = v["op"]
    consts = ctx.constants(call.abi)
    op_set, op_get, op_default, op_copy = [consts[n] for n in FONT_OPS]
    parts = []
    if entering:
        parts.append("op=" + enum_text(ctx, call, op, FONT_OPS, "KD_FONT_OP_???"))
        if op not in (op_default, op_copy):
            parts.append("flags=" + printers.flags(v["flags"], _font_flags(ctx, call), ctx.style,
                                                   "KD_FONT_FLAG_???"))
    if op != op_copy:
        parts.append("width=%d" % v["width"])
    parts.append("height=%d" % v["height"])
    if op not in (op_default, op_copy):
        parts.append("charcount=%d" % v["charcount"])
    if op == op_set or (op == op_get and not entering):
        length = ((min(v["width"], MAX_FONT_WIDTH) + 7) // 8 * FONT_ROWS
                  * min(v["charcount"], MAX_FONT_CHARS))
        parts.append("data=" + hex_string(ctx, call, v["data"], length))
    elif op == op_default:
        if entering:
            parts.append("data=" + _font_name(ctx, call, v["data"]))
    elif op != op_copy:
        parts.append("data=" + printers.ptr(v["data"]))
    return "{%s}" % ", ".join(parts)


def font_op_enter(ctx, call, arg):
    """KDFONTOP at entry; the kernel's answer follows at exit but for SET and COPY."""
    v = read_struct(ctx, call, arg, CONSOLE_FONT_OP.on(call.abi))
    if v is None:
        return printers.ptr(arg), False
    final = (const(ctx, call, "KD_FONT_OP_SET"), const(ctx, call, "KD_FONT_OP_COPY"))
    return _font_op(ctx, call, v, True), v["op"] not in final


def font_op_exit(ctx, call, arg):
    v = None if failed(call) else read_struct(ctx, call, arg, CONSOLE_FONT_OP.on(call.abi))
    return "" if v is None else " => " + _font_op(ctx, call, v, False)
