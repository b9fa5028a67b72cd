"""Offline tests of _sysctl (decode/sysctl.py) in strace 6.1's text: struct __sysctl_args at
entry, its address when unreadable or when -e verbose= excludes the call. Forms checked
against /usr/bin/strace with strace's sysctl test."""
import struct

from minitrace import printers

from decodertest import call_line

ENOSYS = -38
ERR = " = -1 ENOSYS (Function not implemented)"


def _args64(name, nlen, oldval, oldlenp, newval, newlen):
    return struct.pack("<QiiQQQQ4Q", name, nlen, 0, oldval, oldlenp, newval, newlen, 0, 0, 0, 0)


def test_sysctl_struct():
    mem = {0x10000: _args64(0, 0, 0, 0, 0, 0)}
    assert call_line("_sysctl", [0x10000], ENOSYS, mem) == (
        "_sysctl({name=NULL, nlen=0, oldval=NULL, oldlenp=NULL, newval=NULL, newlen=0})" + ERR)
    mem = {0x10000: _args64(0x10050, -1, 0x7877767574737271, 0x6665646362617a79,
                            0x6e6d6c6b6a696867, 0xffffffffffffffff)}
    assert call_line("_sysctl", [0x10000], ENOSYS, mem) == (
        "_sysctl({name=0x10050, nlen=-1, oldval=0x7877767574737271, oldlenp=0x6665646362617a79, "
        "newval=0x6e6d6c6b6a696867, newlen=18446744073709551615})" + ERR)


def test_sysctl_unreadable_is_one_address():
    assert call_line("_sysctl", [0x10050], ENOSYS, {}) == "_sysctl(0x10050)" + ERR
    assert call_line("_sysctl", [0], ENOSYS, {}) == "_sysctl(NULL)" + ERR
    # the struct's reserved tail (__unused[4]) must be readable too, as strace's umove
    short = {0x10000: _args64(0, 0, 0, 0, 0, 0)[:48]}
    assert call_line("_sysctl", [0x10000], ENOSYS, short) == "_sysctl(0x10000)" + ERR
    mem = {0x10000: _args64(0, 0, 0, 0, 0, 0)}
    style = printers.Style(deref=False)
    assert call_line("_sysctl", [0x10000], ENOSYS, mem, style=style) == "_sysctl(0x10000)" + ERR


def test_sysctl_i386():
    mem = {0x10000: struct.pack("<IiIIII4I", 0x10030, 7, 0x1, 0x2, 0x3, 0xfffffffe, 0, 0, 0, 0)}
    assert call_line("_sysctl", [0x10000], ENOSYS, mem, abi="i386") == (
        "_sysctl({name=0x10030, nlen=7, oldval=0x1, oldlenp=0x2, newval=0x3, "
        "newlen=4294967294})" + ERR)
