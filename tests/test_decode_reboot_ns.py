"""Offline tests of setns/unshare and setgroups (decode/process.py), getrandom's NULL buffer
(decode/resource.py), reboot, swapon and the kexec calls (decode/reboot.py), in strace 6.1's
text. Our own inputs (x86_64); forms checked against /usr/bin/strace with strace's setns,
unshare, setgroups, getrandom, reboot, swap, kexec_load and kexec_file_load tests."""
import struct

from minitrace import printers

from decodertest import call_line

VERBOSE = printers.Style(const_style="verbose")
EINVAL, EBADF, ENOSYS, EPERM = -22, -9, -38, -1


def test_setns_unshare():
    assert call_line("setns", [3, 0x40000000], EBADF) == (
        "setns(3, CLONE_NEWNET) = -1 EBADF (Bad file descriptor)")
    assert call_line("setns", [3, 0x80], EBADF) == (
        "setns(3, CLONE_NEWTIME) = -1 EBADF (Bad file descriptor)")
    assert call_line("setns", [3, 0x1], EINVAL) == (
        "setns(3, 0x1 /* CLONE_NEW??? */) = -1 EINVAL (Invalid argument)")
    assert call_line("setns", [3, 0], 0) == "setns(3, 0) = 0"
    assert call_line("unshare", [0x80 | 0x200 | 0x100000000], EINVAL) == (
        "unshare(CLONE_NEWTIME|CLONE_FS|0x100000000) = -1 EINVAL (Invalid argument)")
    assert call_line("unshare", [0xbadc0ded00000000], EINVAL) == (
        "unshare(0xbadc0ded00000000 /* CLONE_??? */) = -1 EINVAL (Invalid argument)")


def test_setgroups_partial_array():
    mem = {0x10000: struct.pack("<I", 0xffffffff)}
    assert call_line("setgroups", [2, 0x10000], EINVAL, mem) == (
        "setgroups(2, [-1, ... /* 0x10004 */]) = -1 EINVAL (Invalid argument)")
    assert call_line("setgroups", [1, 0x10000], EPERM, mem) == (
        "setgroups(1, [-1]) = -1 EPERM (Operation not permitted)")
    assert call_line("setgroups", [1, 0x20000], EINVAL, mem) == (
        "setgroups(1, 0x20000) = -1 EINVAL (Invalid argument)")


def test_getrandom_null():
    assert call_line("getrandom", [0, 0, 0], 0) == "getrandom(NULL, 0, 0) = 0"


def test_reboot():
    assert call_line("reboot", [0xfee1dead, 0x28121969, 0x4321fedc], EPERM) == (
        "reboot(LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_POWER_OFF) = "
        "-1 EPERM (Operation not permitted)")
    assert call_line("reboot", [0, 1, 0xa1b2c3d4, 0x10000], EINVAL, {0x10000: b"now\0"}) == (
        "reboot(0 /* LINUX_REBOOT_MAGIC_??? */, 0x1 /* LINUX_REBOOT_MAGIC_??? */, "
        'LINUX_REBOOT_CMD_RESTART2, "now") = -1 EINVAL (Invalid argument)')
    assert call_line("reboot", [0xfee1dead, 0x28121969, 0], 0, style=VERBOSE) == (
        "reboot(0xfee1dead /* LINUX_REBOOT_MAGIC1 */, 0x28121969 /* LINUX_REBOOT_MAGIC2 */, "
        "0 /* LINUX_REBOOT_CMD_CAD_OFF */) = 0")


def test_swapon():
    mem = {0x10000: b"/swap\0"}
    assert call_line("swapon", [0x10000, 0x8000 | 42], EPERM, mem) == (
        'swapon("/swap", SWAP_FLAG_PREFER|42) = -1 EPERM (Operation not permitted)')
    assert call_line("swapon", [0x10000, 0], EPERM, mem) == (
        'swapon("/swap", 0) = -1 EPERM (Operation not permitted)')
    assert call_line("swapon", [0x10000, 0x80000], EINVAL, mem) == (
        'swapon("/swap", 0x80000 /* SWAP_FLAG_??? */|0) = -1 EINVAL (Invalid argument)')


def test_kexec():
    segs = struct.pack("<8Q", 0, 10, 0x1000, 20, 0x2000, 30, 0x3000, 40)
    mem = {0x10000: segs}
    assert call_line("kexec_load", [0x100, 2, 0x10000, 0x3e0000 | 1], EPERM, mem) == (
        "kexec_load(0x100, 2, [{buf=NULL, bufsz=10, mem=0x1000, memsz=20}, {buf=0x2000, "
        "bufsz=30, mem=0x3000, memsz=40}], KEXEC_ARCH_X86_64|KEXEC_ON_CRASH) = "
        "-1 EPERM (Operation not permitted)")
    assert call_line("kexec_load", [0, 3, 0x10000, 0xda7a0000 | 0x10], ENOSYS, mem) == (
        "kexec_load(NULL, 3, [{buf=NULL, bufsz=10, mem=0x1000, memsz=20}, {buf=0x2000, "
        "bufsz=30, mem=0x3000, memsz=40}, ... /* 0x10040 */], 0xda7a0000 /* KEXEC_ARCH_??? */|"
        "0x10 /* KEXEC_??? */) = -1 ENOSYS (Function not implemented)")
    assert call_line("kexec_load", [0, 17, 0x10000, 0], ENOSYS, mem) == (
        "kexec_load(NULL, 17, 0x10000, KEXEC_ARCH_DEFAULT) = -1 ENOSYS (Function not implemented)")
    assert call_line("kexec_file_load", [3, -1, 7, 0x20000, 4], EPERM,
                     {0x20000: b"abcdef\0"}) == (
        'kexec_file_load(3, -1, 7, "abcdef\\0", KEXEC_FILE_NO_INITRAMFS) = '
        "-1 EPERM (Operation not permitted)")
