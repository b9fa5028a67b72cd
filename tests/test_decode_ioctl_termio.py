"""Offline tests of the old struct termio of TCGETA/TCSETA* (decode/ioctl/terminal.py): unsigned
short flag words, c_line and eight c_cc entries (fake tracee memory in, strace's text out)."""
import struct

from minitrace import printers
from decodertest import call_line

A = 0x10000
TCGETA, TCSETA, TCSETAW = 0x5405, 0x5406, 0x5407       # x86_64 (asm-generic/ioctls.h)
FULL = printers.Style(verbose=True)


def termio(iflag, oflag, cflag, lflag, line, cc):
    return struct.pack("=4HB8Bx", iflag, oflag, cflag, lflag, line, *cc)


MEM = {A: termio(0x180, 0x5, 0xbf, 0xb, 0, (3, 28, 127, 21, 4, 0, 1, 0))}


def test_termio_at_entry_and_exit():
    text = "{c_iflag=IGNCR|ICRNL, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR, " \
           "c_cflag=B38400|CS8|CREAD, c_lflag=ISIG|ICANON|ECHO, "
    assert call_line("ioctl", [0, TCSETA, A], 0, MEM) == "ioctl(0, TCSETA, %s...}) = 0" % text
    assert call_line("ioctl", [0, TCGETA, A], 0, MEM, style=FULL) == \
        "ioctl(0, TCGETA, %sc_line=N_TTY, c_cc=[[VINTR]=0x3, [VQUIT]=0x1c, [VERASE]=0x7f, " \
        "[VKILL]=0x15, [VEOF]=0x4, [VTIME]=0, [VMIN]=0x1, [VSWTC]=0]}) = 0" % text


def test_termio_unknown_bits_null_and_unreadable():
    # the high bit of each short is no flag: printed as a number after the names
    assert call_line("ioctl", [0, TCSETA, A], 0, {A: termio(0x8001, 0, 0x800f, 0, 0, (0,) * 8)}
                     ).startswith("ioctl(0, TCSETA, {c_iflag=IGNBRK|0x8000, ")
    assert call_line("ioctl", [0, TCSETAW, 0], -14) == \
        "ioctl(0, TCSETAW, NULL) = -1 EFAULT (Bad address)"
    assert call_line("ioctl", [0, TCGETA, A], -14, MEM) == \
        "ioctl(0, TCGETA, 0x10000) = -1 EFAULT (Bad address)"
    # 17 of its 18 bytes readable: the address
    assert call_line("ioctl", [0, TCSETA, A], 0, {A: MEM[A][:17]}) == \
        "ioctl(0, TCSETA, 0x10000) = 0"
