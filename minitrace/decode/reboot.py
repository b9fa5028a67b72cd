"""reboot, swapon and the kexec calls (strace 6.1's reboot.c, swapon.c, kexec.c), all printed at
entry. Names mirror strace's xlat lists; values come from the generated constants
(linux/reboot.h, linux/kexec.h, and the kernel's include/linux/swap.h for SWAP_FLAG_*)."""
import struct

from minitrace import printers
from minitrace.arch import endian, long_bits
from minitrace.decode import register
from minitrace.decode.array import print_array
from minitrace.decode.common import (bounded_cstring, const, enum_text, fd, flag_text,
                                     ulong_value)
from minitrace.decode.file import in_string
from minitrace.decode.generic import Decoder, path_arg

# xlat/bootflags1.in, bootflags2.in, bootflags3.in (linux/reboot.h)
REBOOT_MAGIC1 = ("LINUX_REBOOT_MAGIC1",)
REBOOT_MAGIC2 = ("LINUX_REBOOT_MAGIC2", "LINUX_REBOOT_MAGIC2A", "LINUX_REBOOT_MAGIC2B",
                 "LINUX_REBOOT_MAGIC2C")
REBOOT_CMDS = ("LINUX_REBOOT_CMD_RESTART", "LINUX_REBOOT_CMD_HALT", "LINUX_REBOOT_CMD_CAD_ON",
               "LINUX_REBOOT_CMD_CAD_OFF", "LINUX_REBOOT_CMD_POWER_OFF",
               "LINUX_REBOOT_CMD_RESTART2", "LINUX_REBOOT_CMD_SW_SUSPEND",
               "LINUX_REBOOT_CMD_KEXEC")
RESTART2_ARG_MAX = 255      # the kernel copies at most 255 bytes of RESTART2's command

# xlat/swap_flags.in (the priority is the low bits, SWAP_FLAG_PRIO_MASK)
SWAP_FLAGS = ("SWAP_FLAG_PREFER", "SWAP_FLAG_DISCARD", "SWAP_FLAG_DISCARD_ONCE",
              "SWAP_FLAG_DISCARD_PAGES")

# xlat/kexec_load_flags.in, kexec_arch_values.in, kexec_file_load_flags.in (linux/kexec.h)
KEXEC_LOAD_FLAGS = ("KEXEC_ON_CRASH", "KEXEC_PRESERVE_CONTEXT")
KEXEC_ARCHES = ("KEXEC_ARCH_DEFAULT", "KEXEC_ARCH_386", "KEXEC_ARCH_68K", "KEXEC_ARCH_PARISC",
                "KEXEC_ARCH_X86_64", "KEXEC_ARCH_PPC", "KEXEC_ARCH_PPC64", "KEXEC_ARCH_IA_64",
                "KEXEC_ARCH_ARM", "KEXEC_ARCH_S390", "KEXEC_ARCH_SH", "KEXEC_ARCH_MIPS_LE",
                "KEXEC_ARCH_MIPS", "KEXEC_ARCH_AARCH64", "KEXEC_ARCH_RISCV",
                "KEXEC_ARCH_LOONGARCH")
KEXEC_FILE_FLAGS = ("KEXEC_FILE_UNLOAD", "KEXEC_FILE_ON_CRASH", "KEXEC_FILE_NO_INITRAMFS")


@register("reboot")
class Reboot(Decoder):
    def enter(self, ctx, call):
        a = call.args
        cmd = a[2] & 0xffffffff
        text = "%s, %s, %s" % (
            enum_text(ctx, call, a[0] & 0xffffffff, REBOOT_MAGIC1, "LINUX_REBOOT_MAGIC_???"),
            enum_text(ctx, call, a[1] & 0xffffffff, REBOOT_MAGIC2, "LINUX_REBOOT_MAGIC_???"),
            enum_text(ctx, call, cmd, REBOOT_CMDS, "LINUX_REBOOT_CMD_???"))
        if cmd == const(ctx, call, "LINUX_REBOOT_CMD_RESTART2"):
            text += ", " + bounded_cstring(ctx, call, a[3], RESTART2_ARG_MAX)
        return text


@register("swapon")
class Swapon(Decoder):
    """`swapon(path, SWAP_FLAG_PREFER|42)`: the flags, then the priority in decimal."""

    def enter(self, ctx, call):
        flags = call.args[1] & 0xffffffff
        mask = const(ctx, call, "SWAP_FLAG_PRIO_MASK") or 0
        prio = flags & mask
        flags &= ~mask
        text = "%d" % prio
        if flags:
            text = flag_text(ctx, call, flags, SWAP_FLAGS, "SWAP_FLAG_???") + "|" + text
        return "%s, %s" % (path_arg(ctx, call, call.args[0]), text)


def kexec_segments(ctx, call, addr, count):
    """`[{buf=..., bufsz=..., mem=..., memsz=...}, ...]` (struct kexec_segment: four words of
    the tracee's long); more than KEXEC_SEGMENT_MAX segments print the address."""
    limit = const(ctx, call, "KEXEC_SEGMENT_MAX")
    if limit is not None and count > limit:
        return printers.ptr(addr)
    word = long_bits(call.abi) // 8
    seg = struct.Struct("%s4%s" % (endian(call.abi), "I" if word == 4 else "Q"))

    def text(v):
        return "{buf=%s, bufsz=%d, mem=%s, memsz=%d}" % (printers.ptr(v[0]), v[1],
                                                         printers.ptr(v[2]), v[3])
    return print_array(ctx, call, addr, count, seg.size, seg.unpack, text)


@register("kexec_load")
class KexecLoad(Decoder):
    def enter(self, ctx, call):
        a = call.args
        count = ulong_value(call, a[1])
        flags = ulong_value(call, a[3])
        mask = const(ctx, call, "KEXEC_ARCH_MASK") or 0
        text = enum_text(ctx, call, flags & mask, KEXEC_ARCHES, "KEXEC_ARCH_???")
        if flags & ~mask:
            text += "|" + flag_text(ctx, call, flags & ~mask, KEXEC_LOAD_FLAGS, "KEXEC_???")
        return "%s, %d, %s, %s" % (printers.ptr(a[0]), count,
                                   kexec_segments(ctx, call, a[2], count), text)


@register("kexec_file_load")
class KexecFileLoad(Decoder):
    def enter(self, ctx, call):
        a = call.args
        length = ulong_value(call, a[2])
        return "%s, %s, %d, %s, %s" % (
            fd(ctx, call, a[0]), fd(ctx, call, a[1]), length, in_string(ctx, call, a[3], length),
            flag_text(ctx, call, ulong_value(call, a[4]), KEXEC_FILE_FLAGS, "KEXEC_FILE_???"))
