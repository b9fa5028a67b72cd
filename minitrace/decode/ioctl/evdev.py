"""Input event device ioctls (type 'E', linux/input.h), as strace's evdev_ioctl: read commands
print their argument at exit (the address when the call failed), write commands at entry;
commands of both directions are not decoded. Bit sets (EVIOCGBIT, EVIOCGKEY...) print the names
of their set bits (`[KEY_ESC KEY_1 ...]`), with -X raw the words, with -X verbose both.
"""
import re
import struct

from minitrace import printers
from minitrace.decode.common import endian, failed, lbits, lmask, read_ints, read_struct
from minitrace.decode.ioctl.base import (IOC_READ, IOC_WRITE, command_numbers, ioc_dir, ioc_nr,
                                         ioc_size)
from minitrace.decode.layout import Struct

TYPES = (0x45,)

# The names of an event code table: the generated constants of a prefix, less the aliases and
# range markers input-event-codes.h defines next to them (strace names a code by its own name:
# BTN_0, not BTN_MISC; KEY_HANGEUL, not KEY_HANGUEL; linux/keyctl.h's KEY_SPEC_/KEY_REQKEY_ are no
# key codes, nor are linux/key.h's KEY_POS_/KEY_USR_/KEY_GRP_/KEY_OTH_ permissions; linux/elf.h's
# EV_NONE/EV_CURRENT are ELF versions, not event types).
_LIMITS = r"_(MAX|CNT)$"
CODE_TABLES = {
    "ev": (r"^EV_", _LIMITS + r"|^EV_(VERSION|NONE|CURRENT|NUM)$"),
    "key": (r"^(KEY|BTN)_", _LIMITS + r"|^KEY_(SPEC|REQKEY|POS|USR|GRP|OTH)_|^KEY_MIN_INTERESTING$"
            r"|^(KEY_(HANGUEL|"
            r"SCREENLOCK|DIRECTION|DASHBOARD|BRIGHTNESS_ZERO|WIMAX|ZOOM|SCREEN|"
            r"BRIGHTNESS_TOGGLE)|BTN_([ABXY]|MISC|MOUSE|JOYSTICK|GAMEPAD|DIGI|WHEEL|"
            r"TRIGGER_HAPPY))$"),
    "rel": (r"^REL_", _LIMITS),
    "abs": (r"^ABS_", _LIMITS),
    "mt": (r"^ABS_MT_", _LIMITS),
    "msc": (r"^MSC_", _LIMITS),
    "sw": (r"^SW_", _LIMITS + r"|^SW_RADIO$"),
    "led": (r"^LED_(NUML|CAPSL|SCROLLL|COMPOSE|KANA|SLEEP|SUSPEND|MUTE|MISC|MAIL|CHARGING)$",
            _LIMITS),
    "snd": (r"^SND_", _LIMITS),
    "rep": (r"^REP_", _LIMITS),
    "ff": (r"^FF_", _LIMITS + r"|_(MIN|MAX)$|^FF_MAX_EFFECTS$|^FF_STATUS_"),
    "ff_status": (r"^FF_STATUS_", _LIMITS),
    "prop": (r"^INPUT_PROP_", _LIMITS),
}
# EVIOCGBIT's event type -> (its code table, the constant of its highest code, unknown comment)
BIT_TABLES = {
    "EV_KEY": ("key", "KEY_MAX", "KEY_???"), "EV_REL": ("rel", "REL_MAX", "REL_???"),
    "EV_ABS": ("abs", "ABS_MAX", "ABS_???"), "EV_MSC": ("msc", "MSC_MAX", "MSC_???"),
    "EV_SW": ("sw", "SW_MAX", "SW_???"), "EV_LED": ("led", "LED_MAX", "LED_???"),
    "EV_SND": ("snd", "SND_MAX", "SND_???"), "EV_REP": ("rep", "REP_MAX", "REP_???"),
    "EV_FF": ("ff", "FF_MAX", "FF_???"),
    "EV_FF_STATUS": ("ff_status", "FF_STATUS_MAX", "FF_STATUS_???"),
}
# the variable-length read commands (named NAME(len)) by _IOC_NR of NAME(0)
SIZED_BITSETS = {
    "EVIOCGPROP": ("prop", "INPUT_PROP_MAX", "PROP_???"),
    "EVIOCGSND": ("snd", "SND_MAX", "SND_???"), "EVIOCGSW": ("sw", "SW_MAX", "SW_???"),
    "EVIOCGKEY": ("key", "KEY_MAX", "KEY_???"), "EVIOCGLED": ("led", "LED_MAX", "LED_???"),
}
SIZED_STRINGS = ("EVIOCGNAME", "EVIOCGPHYS", "EVIOCGUNIQ")
# _IOC_NR of the commands strace's table names with a length: linux/input.h
_SIZED_NR = {"EVIOCGNAME": 0x06, "EVIOCGPHYS": 0x07, "EVIOCGUNIQ": 0x08, "EVIOCGPROP": 0x09,
             "EVIOCGMTSLOTS": 0x0a, "EVIOCGKEY": 0x18, "EVIOCGLED": 0x19, "EVIOCGSND": 0x1a,
             "EVIOCGSW": 0x1b}
_BY_NR = dict((nr, name) for name, nr in _SIZED_NR.items())
EVIOCGBIT_NR, EVIOCGABS_NR, EVIOCSABS_NR = 0x20, 0x40, 0xc0

# (not in the layout cross check: linux/input.h cannot be compiled beside the other uapi headers
# of tests/progs/layouts/kernel.c, its sys/time.h redefines struct timeval)
INPUT_ID = Struct("input_id", [
    ("bustype", "u16"), ("vendor", "u16"), ("product", "u16"), ("version", "u16")])
# struct input_absinfo: six 32-bit fields (resolution came later: the command says the size)
ABSINFO_FIELDS = ("value", "minimum", "maximum", "fuzz", "flat", "resolution")
INPUT_KEYMAP_ENTRY = Struct("input_keymap_entry", [
    ("flags", "u8"), ("len", "u8"), ("index", "u16"), ("keycode", "u32"),
    ("scancode", ("u8", 32))])
_ENVELOPE = Struct("", [("attack_length", "u16"), ("attack_level", "u16"),
                        ("fade_length", "u16"), ("fade_level", "u16")])
FF_EFFECT_HEAD = Struct("ff_effect", [
    ("type", "u16"), ("id", "s16"), ("direction", "u16"), ("button", "u16"), ("interval", "u16"),
    ("length", "u16"), ("delay", "u16")])
FF_EFFECTS = {
    "FF_CONSTANT": ("constant", Struct("ff_constant_effect", [("level", "s16"),
                                                              ("envelope", _ENVELOPE)])),
    "FF_RAMP": ("ramp", Struct("ff_ramp_effect", [("start_level", "s16"), ("end_level", "s16"),
                                                  ("envelope", _ENVELOPE)])),
    "FF_PERIODIC": ("periodic", Struct("ff_periodic_effect", [
        ("waveform", "u16"), ("period", "u16"), ("magnitude", "s16"), ("offset", "s16"),
        ("phase", "u16"), ("envelope", _ENVELOPE), ("custom_len", "u32"),
        ("custom_data", "ptr")])),
    "FF_RUMBLE": ("rumble", Struct("ff_rumble_effect", [("strong_magnitude", "u16"),
                                                        ("weak_magnitude", "u16")])),
}
FF_UNION_OFFSET = 16             # after the 14 bytes of the head, at the union's alignment
FF_UNION_SIZE = {32: 28, 64: 32}  # struct ff_periodic_effect, the largest member


def code_table(ctx, call, key):
    """{code: name} of one of CODE_TABLES for the tracee's ABI (built once)."""
    cache = (call.abi, "evdev", key)
    t = ctx._tables.get(cache)
    if t is None:
        keep, drop = (re.compile(p) for p in CODE_TABLES[key])
        t = {}
        for name, value in sorted(ctx.constants(call.abi).items()):
            if keep.search(name) and not drop.search(name):
                t.setdefault(value, name)
        ctx._tables[cache] = t
    return t


def code_name(ctx, call, key, value, unknown):
    return printers.enum(value, code_table(ctx, call, key), ctx.style, unknown)


def _commands(abi):
    return dict((number, name) for name, number in command_numbers(abi).items()
                if name.startswith("EVIOC"))


_by_abi = {}


def command_name(abi, code):
    t = _by_abi.get(abi)
    if t is None:
        t = _by_abi[abi] = _commands(abi)
    return t.get(code)


# ---------------------------------------------------------------------------------------------
# argument printers: (ctx, call, code, arg) -> text

def _uint_ptr(fmt):
    def show(ctx, call, code, arg):
        v = read_ints(ctx, call, arg, 1, "I") if arg else None
        return printers.ptr(arg) if v is None else "[%s]" % (fmt % v[0])
    return show


def _int_ptr(ctx, call, code, arg):
    v = read_ints(ctx, call, arg, 1) if arg else None
    return printers.ptr(arg) if v is None else "[%d]" % v[0]


def _pair(ctx, call, code, arg):
    v = read_ints(ctx, call, arg, 2, "I") if arg else None
    return printers.ptr(arg) if v is None else "[%d, %d]" % v


def _keycode(ctx, call, code, arg):
    v = read_ints(ctx, call, arg, 2, "I") if arg else None
    if v is None:
        return printers.ptr(arg)
    return "[%d, %s]" % (v[0], code_name(ctx, call, "key", v[1], "KEY_???"))


def _keycode_v2(ctx, call, code, arg):
    v = read_struct(ctx, call, arg, INPUT_KEYMAP_ENTRY.on(call.abi))
    if v is None:
        return printers.ptr(arg)
    head = "flags=%d, len=%d" % (v["flags"], v["len"])
    if not ctx.style.verbose:
        return "{%s, ...}" % head
    return "{%s, index=%d, keycode=%s, scancode=[%s]}" % (
        head, v["index"], code_name(ctx, call, "key", v["keycode"], "KEY_???"),
        ", ".join(printers.hexnum(b) for b in bytearray(v["scancode"])))


def _getid(ctx, call, code, arg):
    v = read_struct(ctx, call, arg, INPUT_ID.on(call.abi))
    if v is None:
        return printers.ptr(arg)
    return "{bustype=%d, vendor=%d, product=%d, version=%d}" % (
        v["bustype"], v["vendor"], v["product"], v["version"])


def _absinfo(ctx, call, code, arg):
    """struct input_absinfo, of the size the command says (resolution came later)."""
    size = ioc_size(code, call.abi)
    if size < 20:
        return printers.ptr(arg)
    data = ctx.read(call, arg, min(size, 24))
    if data is None or len(data) < min(size, 24):
        return printers.ptr(arg)
    count = len(data) // 4
    values = struct.unpack("%s%dI" % (endian(call), count), bytes(data[:count * 4]))
    if not ctx.style.verbose:
        return "{value=%d, minimum=%d, ...}" % values[:2]
    parts = ["%s=%d" % (f, v) for f, v in zip(ABSINFO_FIELDS[:5], values)]
    if size > 20:
        if size >= 24:
            parts.append("resolution=%d" % values[5])
        if size != 24:
            parts.append("...")
    return "{%s}" % ", ".join(parts)


def _mtslots(ctx, call, code, arg):
    count = ioc_size(code, call.abi) // 4
    if not count:
        return printers.ptr(arg)
    v = read_ints(ctx, call, arg, 1, "I") if arg else None
    if v is None:
        return printers.ptr(arg)
    return "{code=%s, values=%s}" % (code_name(ctx, call, "mt", v[0], "ABS_MT_???"),
                                     _int_array(ctx, call, arg + 4, count - 1))


def _int_array(ctx, call, addr, count):
    """print_array of ints: -s elements unless -v, the address of the first unreadable one."""
    shown = printers.array_limit(count, ctx.style)
    parts = []
    for i in range(shown):
        v = read_ints(ctx, call, addr + 4 * i, 1)
        if v is None:
            parts.append(printers.ptr(addr + 4 * i))
            break
        parts.append("%d" % v[0])
    else:
        if count > shown:
            parts.append("...")
    return "[%s]" % ", ".join(parts)


def _string(ctx, call, code, arg):
    if failed(call):
        return printers.ptr(arg)
    length = call.ret & 0xffffffff
    data = ctx.read_data(call, arg, min(length, ctx.style.string_limit + 1))
    if data is None:
        return printers.ptr(arg)
    return printers.quote_bytes(bytes(data)[:length], ctx.style,
                                truncated=length > ctx.style.string_limit)


def bitset(ctx, call, arg, key, max_name, unknown):
    """strace's decode_bitset: the set bits of the bytes the call returned (up to the highest
    code), named; the words with -X raw and -X verbose."""
    if failed(call):
        return printers.ptr(arg)
    max_nr = ctx.constants(call.abi).get(max_name, 0)
    ret = call.ret & lmask(call)
    nbits = max_nr if ret > max_nr // 8 else ret * 8
    word = lbits(call) // 8
    size = (nbits + 7) // 8
    size = (size + word - 1) // word * word
    if not size:
        return printers.ptr(arg)
    data = ctx.read(call, arg, size)
    if data is None or len(data) < size:
        return printers.ptr(arg)
    words = struct.unpack("%s%d%s" % (endian(call), size // word, "I" if word == 4 else "Q"),
                          bytes(data))
    cstyle = ctx.style.const_style
    text = ""
    if cstyle != "raw":
        names = []
        bits = [i for i in range(nbits) if words[i // (word * 8)] >> (i % (word * 8)) & 1]
        for n, i in enumerate(bits):
            if n > 3 and not ctx.style.verbose:
                names.append("...")
                break
            names.append(code_name(ctx, call, key, i, unknown))
        text = "[%s]" % " ".join(names)
    if cstyle == "abbrev":
        return text
    array = "[%s]" % ", ".join(printers.hexnum(w) for w in words)
    return array if cstyle == "raw" else "%s /* %s */" % (text, array)


def _bit(ctx, call, code, arg):
    ev = ioc_nr(code) - EVIOCGBIT_NR
    if ev == 0:
        return bitset(ctx, call, arg, "ev", "EV_MAX", "EV_???")
    name = code_table(ctx, call, "ev").get(ev)
    if name == "EV_PWR":
        return _int_ptr(ctx, call, code, arg)
    spec = BIT_TABLES.get(name)
    if spec is None:
        return printers.ptr(arg)
    return bitset(ctx, call, arg, *spec)


def _ff_effect(ctx, call, code, arg):
    size = FF_UNION_OFFSET + FF_UNION_SIZE[lbits(call)]
    data = ctx.read(call, arg, size)
    if data is None or len(data) < size:
        return printers.ptr(arg)
    data = bytes(data)
    head = FF_EFFECT_HEAD.on(call.abi).dict(data)
    text = "{type=%s, id=%d, direction=%d, " % (
        code_name(ctx, call, "ff", head["type"], "FF_???"), head["id"], head["direction"])
    if not ctx.style.verbose:
        return text + "...}"
    text += "trigger={button=%d, interval=%d}, replay={length=%d, delay=%d}" % (
        head["button"], head["interval"], head["length"], head["delay"])
    effect = FF_EFFECTS.get(code_table(ctx, call, "ff").get(head["type"]))
    if effect is not None:
        field, st = effect
        v = st.on(call.abi).dict(data[FF_UNION_OFFSET:])
        text += ", %s={%s}" % (field, _effect_fields(v, st))
    return text + "}"


def _effect_fields(v, st):
    parts = []
    for name, ctype in st.fields:
        if isinstance(ctype, Struct):
            e = dict((f, v["%s.%s" % (name, f)]) for f, _ in ctype.fields)
            parts.append("%s={attack_length=%d, attack_level=%d, fade_length=%d, "
                         "fade_level=%s}" % (name, e["attack_length"], e["attack_level"],
                                             e["fade_length"], printers.hexnum(e["fade_level"])))
        elif ctype == "ptr":
            parts.append("%s=%s" % (name, printers.ptr(v[name])))
        else:
            parts.append("%s=%d" % (name, v[name]))
    return ", ".join(parts)


# fixed-number commands: name -> printer
READS = {
    "EVIOCGVERSION": _uint_ptr("%#x"), "EVIOCGEFFECTS": _uint_ptr("%u"), "EVIOCGID": _getid,
    "EVIOCGREP": _pair, "EVIOCGKEYCODE": _keycode, "EVIOCGKEYCODE_V2": _keycode_v2,
}
WRITES = {
    "EVIOCSREP": _pair, "EVIOCSKEYCODE": _keycode, "EVIOCSKEYCODE_V2": _keycode_v2,
    "EVIOCRMFF": lambda ctx, call, code, arg: "%d" % printers.to_signed(arg & 0xffffffff, 32),
    "EVIOCGRAB": lambda ctx, call, code, arg: "%d" % arg,
    "EVIOCREVOKE": lambda ctx, call, code, arg: "%d" % arg,
    "EVIOCSCLOCKID": _uint_ptr("%u"), "EVIOCSFF": _ff_effect,
}


def _read_printer(abi, code):
    name = command_name(abi, code)
    if name in READS:
        return READS[name]
    nr = ioc_nr(code)
    sized = _BY_NR.get(nr)
    if sized == "EVIOCGMTSLOTS":
        return _mtslots
    if sized in SIZED_STRINGS:
        return _string
    if sized in SIZED_BITSETS:
        spec = SIZED_BITSETS[sized]
        return lambda ctx, call, code, arg: bitset(ctx, call, arg, *spec)
    if EVIOCGABS_NR <= nr < EVIOCGABS_NR + 0x40:
        return _absinfo
    if EVIOCGBIT_NR <= nr < EVIOCGBIT_NR + 0x20:
        return _bit
    return lambda ctx, call, code, arg: printers.ptr(arg)


def enter(ctx, call, code, arg):
    d = ioc_dir(code, call.abi)
    if d == IOC_READ:
        return None, True
    if d != IOC_WRITE:
        return None
    name = command_name(call.abi, code)
    if name in WRITES:
        return WRITES[name](ctx, call, code, arg), False
    if EVIOCSABS_NR <= ioc_nr(code) < EVIOCSABS_NR + 0x40:
        return _absinfo(ctx, call, code, arg), False
    return printers.ptr(arg), False


def exit(ctx, call, code, arg):
    printer = _read_printer(call.abi, code)
    if failed(call) and printer is not _string:
        return printers.ptr(arg)
    return printer(ctx, call, code, arg)
