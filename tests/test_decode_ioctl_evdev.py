"""Offline tests of decode/ioctl/evdev.py: read commands at exit, write commands at entry, bit
sets, struct input_absinfo / input_id / input_keymap_entry / ff_effect, the event code tables
built from the generated constants (fake tracee memory in, strace's text out)."""
import struct

from minitrace import printers
from minitrace.decode.context import Context
from minitrace.decode.ioctl import evdev
from decodertest import FakeMemory, call_line

A = 0x10000
EBADF = -9
RAW, VERBOSE = printers.Style(const_style="raw"), printers.Style(const_style="verbose")
FULL = printers.Style(verbose=True)
# x86_64 numbers: _IOR/_IOW('E', nr, size)
GVERSION, GID, GABS_X, SABS_X = 0x80044501, 0x80084502, 0x80184540, 0x401845c0
GBIT_KEY8, GNAME32, SFF, SKEYCODE = 0x80084521, 0x80204506, 0x40304580, 0x40084504
GRAB, RMFF = 0x40044590, 0x40044581


def test_read_commands_print_at_exit():
    assert call_line("ioctl", [3, GVERSION, A], 0, {A: struct.pack("=I", 0x10001)}) == \
        "ioctl(3, EVIOCGVERSION, [0x10001]) = 0"
    assert call_line("ioctl", [3, GID, A], 0, {A: struct.pack("=4H", 3, 1133, 49177, 273)}) == \
        "ioctl(3, EVIOCGID, {bustype=3, vendor=1133, product=49177, version=273}) = 0"
    assert call_line("ioctl", [3, GID, 0], EBADF) == \
        "ioctl(3, EVIOCGID, NULL) = -1 EBADF (Bad file descriptor)"
    assert call_line("ioctl", [3, GVERSION, A], EBADF, {A: bytes(4)}) == \
        "ioctl(3, EVIOCGVERSION, 0x10000) = -1 EBADF (Bad file descriptor)"


def test_absinfo_abbreviated_and_full():
    mem = {A: struct.pack("=6I", 5, 0, 255, 0, 15, 1)}
    assert call_line("ioctl", [3, GABS_X, A], 0, mem) == \
        "ioctl(3, EVIOCGABS(ABS_X), {value=5, minimum=0, ...}) = 0"
    assert call_line("ioctl", [3, GABS_X, A], 0, mem, style=FULL) == \
        "ioctl(3, EVIOCGABS(ABS_X), {value=5, minimum=0, maximum=255, fuzz=0, flat=15, " \
        "resolution=1}) = 0"
    # EVIOCSABS prints at entry; a size short of `flat` prints the address
    assert call_line("ioctl", [3, SABS_X, A], 0, mem) == \
        "ioctl(3, EVIOCSABS(ABS_X), {value=5, minimum=0, ...}) = 0"
    assert call_line("ioctl", [3, 0x401045c0, A], 0, mem) == \
        "ioctl(3, EVIOCSABS(ABS_X), 0x10000) = 0"


def test_bitsets():
    # the call returned 8 bytes: bits 1-5 set (KEY_ESC, KEY_1..KEY_4)
    mem = {A: struct.pack("=Q", 0x3e)}
    assert call_line("ioctl", [3, GBIT_KEY8, A], 8, mem) == \
        "ioctl(3, EVIOCGBIT(EV_KEY, 8), [KEY_ESC KEY_1 KEY_2 KEY_3 ...]) = 8"
    assert call_line("ioctl", [3, GBIT_KEY8, A], 8, mem, style=FULL) == \
        "ioctl(3, EVIOCGBIT(EV_KEY, 8), [KEY_ESC KEY_1 KEY_2 KEY_3 KEY_4]) = 8"
    assert call_line("ioctl", [3, GBIT_KEY8, A], 8, mem, style=RAW) == \
        "ioctl(3, 0x80084521, [0x3e]) = 8"
    # -X verbose: each bit as number and name, then the words
    assert call_line("ioctl", [3, GBIT_KEY8, A], 1, {A: struct.pack("=Q", 0xc)},
                     style=VERBOSE) == \
        "ioctl(3, 0x80084521 /* EVIOCGBIT(EV_KEY, 8) */, [0x2 /* KEY_1 */ 0x3 /* KEY_2 */] " \
        "/* [0xc] */) = 1"
    # EVIOCGBIT(0, ...): the event types
    assert call_line("ioctl", [3, 0x80084520, A], 8, {A: struct.pack("=Q", 0x1b)}) == \
        "ioctl(3, EVIOCGBIT(0, 8), [EV_SYN EV_KEY EV_ABS EV_MSC]) = 8"
    assert call_line("ioctl", [3, GBIT_KEY8, A], 0, mem) == \
        "ioctl(3, EVIOCGBIT(EV_KEY, 8), 0x10000) = 0"


def test_name_string_and_write_commands():
    assert call_line("ioctl", [3, GNAME32, A], 8, {A: b"Keyboard" + bytes(24)}) == \
        "ioctl(3, EVIOCGNAME(32), \"Keyboard\") = 8"
    assert call_line("ioctl", [3, SKEYCODE, A], 0, {A: struct.pack("=2I", 30, 1)}) == \
        "ioctl(3, EVIOCSKEYCODE, [30, KEY_ESC]) = 0"
    assert call_line("ioctl", [3, GRAB, 1], 0) == "ioctl(3, EVIOCGRAB, 1) = 0"
    assert call_line("ioctl", [3, RMFF, 0xffffffff], EBADF) == \
        "ioctl(3, EVIOCRMFF, -1) = -1 EBADF (Bad file descriptor)"


def ff_effect(kind, union):
    head = struct.pack("=HhH2H2H", kind, -2, 100, 1, 2, 300, 4) + bytes(2)
    return head + union + bytes(32 - len(union))


def test_ff_effect():
    rumble = ff_effect(0x50, struct.pack("=2H", 1000, 2000))       # FF_RUMBLE
    assert call_line("ioctl", [3, SFF, A], 0, {A: rumble}) == \
        "ioctl(3, EVIOCSFF, {type=FF_RUMBLE, id=-2, direction=100, ...}) = 0"
    assert call_line("ioctl", [3, SFF, A], 0, {A: rumble}, style=FULL) == \
        "ioctl(3, EVIOCSFF, {type=FF_RUMBLE, id=-2, direction=100, trigger={button=1, " \
        "interval=2}, replay={length=300, delay=4}, rumble={strong_magnitude=1000, " \
        "weak_magnitude=2000}}) = 0"
    periodic = ff_effect(0x51, struct.pack("=HHhhH4HxxIQ", 0x5a, 50, -3, 4, 5, 6, 7, 8, 9, 2,
                                           0x7f0000001000))
    assert call_line("ioctl", [3, SFF, A], 0, {A: periodic}, style=FULL).endswith(
        "periodic={waveform=90, period=50, magnitude=-3, offset=4, phase=5, envelope="
        "{attack_length=6, attack_level=7, fade_length=8, fade_level=0x9}, custom_len=2, "
        "custom_data=0x7f0000001000}}) = 0")
    assert call_line("ioctl", [3, SFF, A], 0, {A: ff_effect(0xff, b"")}, style=FULL) == \
        "ioctl(3, EVIOCSFF, {type=0xff /* FF_??? */, id=-2, direction=100, trigger={button=1, " \
        "interval=2}, replay={length=300, delay=4}}) = 0"


class _Call(object):
    abi = "x86_64"


def test_code_tables_name_each_code_once_by_its_own_name():
    ctx = Context(FakeMemory({}))
    keys = evdev.code_table(ctx, _Call(), "key")
    assert keys[0x100] == "BTN_0" and keys[0x110] == "BTN_LEFT"
    assert keys[0x2c0] == "BTN_TRIGGER_HAPPY1" and keys[0x7a] == "KEY_HANGEUL"
    assert keys[0x130] == "BTN_SOUTH" and keys[0] == "KEY_RESERVED"
    for key in evdev.CODE_TABLES:
        table = evdev.code_table(ctx, _Call(), key)
        assert table, key
        # no alias or limit left: every name of the prefix that is kept names its own value
        assert not any(n.endswith(("_MAX", "_CNT")) for n in table.values()), key
    assert evdev.code_table(ctx, _Call(), "ff")[0x50] == "FF_RUMBLE"
    assert 0 not in evdev.code_table(ctx, _Call(), "ff")          # FF_STATUS_STOPPED is not
