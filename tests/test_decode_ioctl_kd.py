"""Offline tests of the console/keyboard ioctls (type 'K', linux/kd.h): fake tracee memory in,
strace 6.1's text out (the forms of its ioctl_kd tests)."""
import struct

from minitrace.printers import Style

from decodertest import call_line

A, B = 0x10000, 0x20000
EBADF, ENOMEM = -9, -12
ERR = "-1 EBADF (Bad file descriptor)"
RAW, VERBOSE = Style(const_style="raw"), Style(const_style="verbose")

KIOCSOUND, KDMKTONE, KDGETLED, KDSETLED, KDGKBTYPE, KDADDIO = (
    0x4b2f, 0x4b30, 0x4b31, 0x4b32, 0x4b33, 0x4b34)
KDENABIO, KDSETMODE, KDGETMODE, GIO_SCRNMAP, PIO_SCRNMAP = 0x4b36, 0x4b3a, 0x4b3b, 0x4b40, 0x4b41
KDGKBMODE, KDSKBMODE, KDGKBENT, KDSKBENT, KDGKBSENT, KDSKBSENT = (
    0x4b44, 0x4b45, 0x4b46, 0x4b47, 0x4b48, 0x4b49)
KDGKBDIACR, KDSKBDIACR, KDGETKEYCODE, KDSETKEYCODE, KDSIGACCEPT, KDKBDREP = (
    0x4b4a, 0x4b4b, 0x4b4c, 0x4b4d, 0x4b4e, 0x4b52)
PIO_FONT, KDGKBMETA, KDSKBMETA, KDGKBLED, KDSKBLED = 0x4b61, 0x4b62, 0x4b63, 0x4b64, 0x4b65
GIO_UNIMAP, PIO_UNIMAP, PIO_UNIMAPCLR, PIO_UNISCRNMAP = 0x4b66, 0x4b67, 0x4b68, 0x4b6a
GIO_FONTX, PIO_FONTX, PIO_FONTRESET, PIO_CMAP, KDFONTOP = 0x4b6b, 0x4b6c, 0x4b6d, 0x4b71, 0x4b72
KDSKBDIACRUC = 0x4bfb


def line(code, arg, ret=0, mem=None, **kw):
    return call_line("ioctl", [3, code, arg], ret, mem, **kw)


def test_sound_and_tone():
    assert line(KIOCSOUND, 440) == "ioctl(3, KIOCSOUND, 440 /* 2711 Hz */) = 0"
    assert line(KIOCSOUND, 0) == "ioctl(3, KIOCSOUND, 0 /* off */) = 0"
    assert line(KIOCSOUND, 1193183) == "ioctl(3, KIOCSOUND, 1193183 /* off */) = 0"
    assert line(KIOCSOUND, 440, style=RAW) == "ioctl(3, 0x4b2f, 440) = 0"
    assert line(KDMKTONE, 0xbadc0ded0001ffff) == \
        "ioctl(3, KDMKTONE, 1<<16|65535 /* 18 Hz, 1 ms */) = 0"
    assert line(KDMKTONE, 0x10000) == "ioctl(3, KDMKTONE, 1<<16|0 /* off */) = 0"
    assert line(KDMKTONE, 440, style=VERBOSE) == \
        "ioctl(3, 0x4b30 /* KDMKTONE */, 440 /* off */) = 0"


def test_leds_modes_and_meta():
    assert line(KDSETLED, 0xdeadc0defeedface) == \
        "ioctl(3, KDSETLED, LED_NUM|LED_CAP|0xc8) = 0"
    assert line(KDSETLED, 0xf0) == "ioctl(3, KDSETLED, 0xf0 /* LED_??? */) = 0"
    assert line(KDGETLED, A, 0, {A: b"\x07"}) == \
        "ioctl(3, KDGETLED, [LED_SCR|LED_NUM|LED_CAP]) = 0"
    assert line(KDGETLED, A, EBADF, {A: b"\x07"}) == "ioctl(3, KDGETLED, 0x10000) = " + ERR
    assert line(KDGETLED, 0, 0) == "ioctl(3, KDGETLED, NULL) = 0"
    assert line(KDGKBLED, A, 0, {A: b"\xfe"}) == \
        "ioctl(3, KDGKBLED, [LED_NUM|LED_CAP|LED_SCR<<4|LED_NUM<<4|LED_CAP<<4|0x88]) = 0"
    assert line(KDSKBLED, 0x70, style=VERBOSE) == \
        "ioctl(3, 0x4b65 /* KDSKBLED */, 0x70 /* LED_SCR<<4|LED_NUM<<4|LED_CAP<<4 */) = 0"
    assert line(KDGKBTYPE, A, 0, {A: b"\x02"}) == "ioctl(3, KDGKBTYPE, [KB_101]) = 0"
    assert line(KDGKBTYPE, A, 0, {A: b"\x00"}) == "ioctl(3, KDGKBTYPE, [0 /* KB_??? */]) = 0"
    assert line(KDSETMODE, 0xbadc0dedcacafefe) == \
        "ioctl(3, KDSETMODE, 0xcacafefe /* KD_??? */) = 0"
    assert line(KDGETMODE, A, 0, {A: struct.pack("=I", 1)}) == \
        "ioctl(3, KDGETMODE, [KD_GRAPHICS]) = 0"
    assert line(KDSKBMODE, 0xbadc0dedfeeddead) == \
        "ioctl(3, KDSKBMODE, -17965395 /* K_??? */) = 0"
    assert line(KDGKBMODE, A, 0, {A: struct.pack("=I", 3)}, style=VERBOSE) == \
        "ioctl(3, 0x4b44 /* KDGKBMODE */, [3 /* K_UNICODE */]) = 0"
    assert line(KDSKBMETA, 3) == "ioctl(3, KDSKBMETA, K_METABIT) = 0"
    assert line(KDGKBMETA, A, 0, {A: struct.pack("=I", 5)}) == \
        "ioctl(3, KDGKBMETA, [0x5 /* K_??? */]) = 0"


def test_io_ports_signals_and_no_argument():
    assert line(KDADDIO, 0x3c0) == "ioctl(3, KDADDIO, 0x3c0 /* GPFIRST + 12 */) = 0"
    assert line(KDADDIO, 0x3c0, style=RAW) == "ioctl(3, 0x4b34, 0x3c0) = 0"
    assert line(KDADDIO, 0x3e0) == "ioctl(3, KDADDIO, 0x3e0) = 0"
    assert line(KDSIGACCEPT, 1) == "ioctl(3, KDSIGACCEPT, SIGHUP) = 0"
    assert line(KDSIGACCEPT, 33) == "ioctl(3, KDSIGACCEPT, SIGRT_1) = 0"
    assert line(KDSIGACCEPT, 2 ** 64 - 1) == "ioctl(3, KDSIGACCEPT, 18446744073709551615) = 0"
    assert line(KDENABIO, 0xdeadface) == "ioctl(3, KDENABIO) = 0"
    assert line(PIO_FONTRESET, 0xdeadface, EBADF) == "ioctl(3, PIO_FONTRESET) = " + ERR


def test_key_entries():
    assert line(KDGKBENT, A, 0, {A: struct.pack("=BBH", 1, 7, 0x11d)}) == \
        "ioctl(3, KDGKBENT, {kb_table=K_SHIFTTAB, kb_index=7, kb_value=0x11d /* K_PAUSE */}) = 0"
    assert line(KDGKBENT, A, EBADF, {A: struct.pack("=BBH", 4, 7, 0x11d)}) == \
        "ioctl(3, KDGKBENT, {kb_table=1<<KG_CTRL, kb_index=7}) = " + ERR
    assert line(KDSKBENT, A, 0, {A: struct.pack("=BBH", 0, 0, 0xd5c)}) == \
        "ioctl(3, KDSKBENT, {kb_table=K_NORMTAB, kb_index=0, " \
        "kb_value=0xd5c /* K(KT_DEAD2, '\\\\') */}) = 0"
    assert line(KDSKBENT, A, 0, {A: struct.pack("=BBH", 0, 0, 0x214)}) == \
        "ioctl(3, KDSKBENT, {kb_table=K_NORMTAB, kb_index=0, " \
        "kb_value=0x214 /* K(KT_SPEC, 0x14) */}) = 0"
    assert line(KDSKBENT, A, 0, {A: struct.pack("=BBH", 0, 0, 0xf00d)}) == \
        "ioctl(3, KDSKBENT, {kb_table=K_NORMTAB, kb_index=0, " \
        "kb_value=0xf00d /* K(0xf0, 0xd) */}) = 0"
    # only the table and index are readable
    assert line(KDSKBENT, A, 0, {A: bytes([0xa8, 0xa8])}) == \
        "ioctl(3, KDSKBENT, {kb_table=1<<KG_ALT|1<<KG_SHIFTR|1<<KG_CTRLR, kb_index=168, " \
        "kb_value=???}) = 0"
    assert line(KDSKBENT, A, 0, {A: struct.pack("=BBH", 3, 1, 0x841)}, style=VERBOSE) == \
        "ioctl(3, 0x4b47 /* KDSKBENT */, {kb_table=0x3 /* K_ALTSHIFTTAB */, kb_index=1, " \
        "kb_value=0x841 /* K(KT_META, 'A') */}) = 0"
    assert line(KDSKBENT, A, 0, {A: struct.pack("=BBH", 3, 1, 0x841)}, style=RAW) == \
        "ioctl(3, 0x4b47, {kb_table=0x3, kb_index=1, kb_value=0x841}) = 0"
    assert line(KDSKBENT, A + 3, 0, {A: bytes(4)}) == "ioctl(3, KDSKBENT, 0x10003) = 0"


def test_key_strings():
    text = b"\x1b[[A" + bytes(508)
    assert line(KDGKBSENT, A, 0, {A: b"\x00" + text}) == \
        "ioctl(3, KDGKBSENT, {kb_func=KVAL(K_F1), kb_string=\"\\33[[A\"}) = 0"
    assert line(KDGKBSENT, A, EBADF, {A: b"\x00" + text}) == \
        "ioctl(3, KDGKBSENT, {kb_func=KVAL(K_F1)}) = " + ERR
    assert line(KDSKBSENT, A, 0, {A: b"\x19" + b"x" * 512}) == \
        "ioctl(3, KDSKBSENT, {kb_func=KVAL(K_PGDN), kb_string=\"%s\"...}) = 0" % ("x" * 32)
    # the memory ends before a NUL
    assert line(KDSKBSENT, A, 0, {A: b"\xff" + b"x" * 40}, style=VERBOSE) == \
        "ioctl(3, 0x4b49 /* KDSKBSENT */, {kb_func=0xff /* KVAL(K_UNDO) */, " \
        "kb_string=???}) = 0"


def test_diacritics():
    table = struct.pack("=I", 2) + b"`ab'\n\\"
    assert line(KDSKBDIACR, A, 0, {A: table}) == \
        "ioctl(3, KDSKBDIACR, {kb_cnt=2, kbdiacr=[{diacr='`', base='a', result='b'}, " \
        "{diacr='\\'', base='\\n', result='\\\\'}]}) = 0"
    assert line(KDGKBDIACR, A, EBADF, {A: table}) == "ioctl(3, KDGKBDIACR, 0x10000) = " + ERR
    assert line(KDGKBDIACR, A, 0, {A: struct.pack("=I", 3) + b"abcdef"}) == \
        "ioctl(3, KDGKBDIACR, {kb_cnt=3, kbdiacr=[{diacr='a', base='b', result='c'}, " \
        "{diacr='d', base='e', result='f'}, ... /* 0x1000a */]}) = 0"
    many = struct.pack("=I", 257) + struct.pack("=768I", *range(768))
    out = line(KDSKBDIACRUC, A, 0, {A: many})
    assert out.startswith("ioctl(3, KDSKBDIACRUC, {kb_cnt=257, kbdiacruc=[{diacr=0, base=0x1, "
                          "result=0x2}, {diacr=0x3, ")
    assert out.endswith("{diacr=0x5d, base=0x5e, result=0x5f}, ...]}) = 0")
    out = line(KDSKBDIACRUC, A, 0, {A: many}, style=Style(string_limit=1024))
    assert out.endswith("{diacr=0x2fd, base=0x2fe, result=0x2ff}, ...]}) = 0")


def test_key_codes_and_repeat():
    codes = {A: struct.pack("=II", 0xdecaffed, 0)}
    assert line(KDGETKEYCODE, A, 0, codes) == \
        "ioctl(3, KDGETKEYCODE, {scancode=0xdecaffed, keycode=0 => 0}) = 0"
    assert line(KDGETKEYCODE, A, EBADF, codes) == \
        "ioctl(3, KDGETKEYCODE, {scancode=0xdecaffed, keycode=0}) = " + ERR
    assert line(KDSETKEYCODE, A, 0, codes) == \
        "ioctl(3, KDSETKEYCODE, {scancode=0xdecaffed, keycode=0}) = 0"
    rep = {A: struct.pack("=ii", -1, 250)}
    assert line(KDKBDREP, A, 0, rep, exit_mem={A: struct.pack("=ii", 500, 33)}) == \
        "ioctl(3, KDKBDREP, {delay=-1, period=250} => {delay=500, period=33}) = 0"
    assert line(KDKBDREP, A, EBADF, rep) == \
        "ioctl(3, KDKBDREP, {delay=-1, period=250}) = " + ERR
    assert line(KDKBDREP, A + 4, EBADF, rep) == "ioctl(3, KDKBDREP, 0x10004) = " + ERR


def test_maps_and_fonts_as_hex():
    assert line(PIO_SCRNMAP, A, 0, {A: bytes(range(256))}) == \
        "ioctl(3, PIO_SCRNMAP, \"%s\"...) = 0" % "".join("\\x%02x" % i for i in range(32))
    # one byte more than -s must be readable
    assert line(PIO_SCRNMAP, A, 0, {A: bytes(32)}) == "ioctl(3, PIO_SCRNMAP, 0x10000) = 0"
    assert line(GIO_SCRNMAP, A, EBADF, {A: bytes(256)}) == \
        "ioctl(3, GIO_SCRNMAP, 0x10000) = " + ERR
    assert line(PIO_CMAP, A, 0, {A: bytes(48)}, style=Style(string_limit=64)) == \
        "ioctl(3, PIO_CMAP, \"%s\") = 0" % ("\\x00" * 48)
    assert line(PIO_FONT, 0, 0) == "ioctl(3, PIO_FONT, NULL) = 0"
    assert line(PIO_UNIMAPCLR, A, 0, {A: struct.pack("=3H", 1, 2, 3)}) == \
        "ioctl(3, PIO_UNIMAPCLR, {advised_hashsize=1, advised_hashstep=2, " \
        "advised_hashlevel=3}) = 0"


def test_unicode_screen_map():
    umap = {A: struct.pack("=3H", 0x41, 0xf0d5, 0xf200) + bytes(506)}
    assert line(PIO_UNISCRNMAP, A, 0, umap, style=Style(string_limit=3)) == \
        "ioctl(3, PIO_UNISCRNMAP, [0x41, UNI_DIRECT_BASE+0xd5, 0xf200, ...]) = 0"
    assert line(PIO_UNISCRNMAP, A, 0, umap, style=Style(string_limit=2, const_style="verbose"))\
        == "ioctl(3, 0x4b6a /* PIO_UNISCRNMAP */, [0x41, 0xf0d5 /* UNI_DIRECT_BASE+0xd5 */, " \
        "...]) = 0"
    assert line(PIO_UNISCRNMAP, A, 0, umap, style=Style(string_limit=2, const_style="raw")) == \
        "ioctl(3, 0x4b6a, [0x41, 0xf0d5, ...]) = 0"


def _with(regions, desc):
    out = dict(regions)
    out[A] = desc
    return out


def test_unicode_maps_count_from_entry():
    desc = struct.pack("=H6xQ", 2, B)
    pairs = {B: struct.pack("=4H", 0x41, 1, 0x42, 2)}
    # the kernel's count at exit, the pairs of the count at entry
    got = _with(pairs, struct.pack("=H6xQ", 1, B))
    assert line(GIO_UNIMAP, A, 0, _with(pairs, desc), exit_mem=got) == \
        "ioctl(3, GIO_UNIMAP, {entry_ct=2 => 1, entries=[{unicode=0x41, fontpos=0x1}, " \
        "{unicode=0x42, fontpos=0x2}]}) = 0"
    assert line(GIO_UNIMAP, A, EBADF, _with(pairs, desc)) == \
        "ioctl(3, GIO_UNIMAP, {entry_ct=2 => 2, entries=0x20000}) = " + ERR
    assert line(GIO_UNIMAP, A, ENOMEM, _with(pairs, desc)) == \
        "ioctl(3, GIO_UNIMAP, {entry_ct=2 => 2, entries=0x20000}) = -1 ENOMEM " \
        "(Cannot allocate memory)"
    assert line(PIO_UNIMAP, A, 0, _with(pairs, desc)) == \
        "ioctl(3, PIO_UNIMAP, {entry_ct=2, entries=[{unicode=0x41, fontpos=0x1}, " \
        "{unicode=0x42, fontpos=0x2}]}) = 0"
    # i386: a 4-byte pointer after the count
    assert line(PIO_UNIMAP, A, 0, _with(pairs, struct.pack("=H2xI", 0, B)),
                abi="i386") == "ioctl(3, PIO_UNIMAP, {entry_ct=0, entries=[]}) = 0"


def test_fontx():
    desc = {A: struct.pack("=HH4xQ", 1, 16, B), B: b"\xff" * 32}
    assert line(PIO_FONTX, A, 0, desc) == \
        "ioctl(3, PIO_FONTX, {charcount=1, charheight=16, chardata=\"%s\"}) = 0" % (
            "\\xff" * 32)
    assert line(GIO_FONTX, A, 0, desc) == \
        "ioctl(3, GIO_FONTX, {charcount=1, charheight=16, chardata=0x20000} => " \
        "{charcount=1, charheight=16, chardata=\"%s\"}) = 0" % ("\\xff" * 32)
    assert line(GIO_FONTX, A, EBADF, desc) == \
        "ioctl(3, GIO_FONTX, {charcount=1, charheight=16, chardata=0x20000}) = " + ERR


def _font_op(op, flags, width, height, count, data):
    return struct.pack("=5I4xQ", op, flags, width, height, count, data)


def test_font_op():
    font = {A: _font_op(0, 1, 1, 16, 1, B), B: bytes(range(32))}
    assert line(KDFONTOP, A, 0, font) == \
        "ioctl(3, KDFONTOP, {op=KD_FONT_OP_SET, flags=KD_FONT_FLAG_DONT_RECALC, width=1, " \
        "height=16, charcount=1, data=\"%s\"}) = 0" % "".join(
            "\\x%02x" % i for i in range(32))
    get = {A: _font_op(1, 0, 0, 0, 0, B), B: b""}
    assert line(KDFONTOP, A, 0, get) == \
        "ioctl(3, KDFONTOP, {op=KD_FONT_OP_GET, flags=0, width=0, height=0, charcount=0, " \
        "data=0x20000} => {width=0, height=0, charcount=0, data=\"\"}) = 0"
    assert line(KDFONTOP, A, 0, {A: _font_op(4, 0xdeadbeef, 1, 2, 3, 0)}, style=VERBOSE) == \
        "ioctl(3, 0x4b72 /* KDFONTOP */, {op=0x4 /* KD_FONT_OP_??? */, " \
        "flags=0xdeadbeef /* KD_FONT_FLAG_DONT_RECALC|KD_FONT_FLAG_OLD|0x5eadbeee */, " \
        "width=1, height=2, charcount=3, data=NULL} => {width=1, height=2, charcount=3, " \
        "data=NULL}) = 0"
    name = {A: _font_op(2, 0, 8, 16, 0, B), B: b"default8x16\0"}
    assert line(KDFONTOP, A, EBADF, name) == \
        "ioctl(3, KDFONTOP, {op=KD_FONT_OP_SET_DEFAULT, width=8, height=16, " \
        "data=\"default8x16\"}) = " + ERR
    # a name filling the 32 bytes is shown without its last byte
    full = {A: _font_op(2, 0, 8, 16, 0, B), B: b"y" * 32}
    assert line(KDFONTOP, A, 0, full) == \
        "ioctl(3, KDFONTOP, {op=KD_FONT_OP_SET_DEFAULT, width=8, height=16, " \
        "data=\"%s\"...} => {width=8, height=16}) = 0" % ("y" * 31)
    assert line(KDFONTOP, A, 0, {A: _font_op(3, 0, 8, 16, 0, B)}) == \
        "ioctl(3, KDFONTOP, {op=KD_FONT_OP_COPY, height=16}) = 0"
