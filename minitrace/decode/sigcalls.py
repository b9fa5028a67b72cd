"""Decoders of signal syscalls: rt_sigaction, rt_sigprocmask, rt_sigreturn, sigaltstack,
rt_sigsuspend, rt_sigpending, rt_sigtimedwait, rt_sigqueueinfo, rt_tgsigqueueinfo, signalfd4,
pause, alarm. Structs are read in the tracee ABI's layout; text only, no ptrace, no printing.
(kill, tkill and tgkill live in process.py.)"""
import struct

from minitrace import printers
from minitrace.decode import register
from minitrace.decode.common import (const, endian, failed, fd, flag_text, lbits, lmask, pid_arg,
                                     read_ints, read_struct, sig, sint, uint, ulong)
from minitrace.decode.generic import Decoder
from minitrace.decode.layout import Struct, lookup, named
from minitrace.decode.signals import RTMIN, siginfo, signame

# ---------------------------------------------------------------------------------------------
# signal sets (strace's sprintsigmask_n)


def nsig_bytes(ctx, call):
    """The kernel's sigset_t size: _NSIG / 8 (asm/signal.h: _NSIG is 64 on every ABI we have;
    x86 defines it only under __KERNEL__, hence the default)."""
    return ctx.constants(call.abi).get("_NSIG", 64) // 8


def sigset_text(ctx, call, bits, nbytes):
    """`[HUP USR1 RTMIN RT_1]` of a mask whose bit n-1 is signal n; the complement `~[...]`
    when 2/3 or more of the bits of its 32-bit words are set (strace 6.1 signal.c). A program
    shows the same few masks again and again: the texts are remembered per ABI (ctx.memo)."""
    return printers.remembered(ctx.memo(call.abi, "sigset texts"),
                               (bits, nbytes, ctx.style.const_style),
                               _sigset_text, ctx, call, bits, nbytes)


def _sigset_text(ctx, call, bits, nbytes):
    nbits = ((nbytes + 3) // 4) * 32 if nbytes < 8 else 64
    bits &= (1 << nbits) - 1
    text = ""
    if bin(bits).count("1") >= nbits * 2 // 3:
        bits = ~bits & ((1 << nbits) - 1)
        text = "~"
    consts = ctx.constants(call.abi)
    cstyle = ctx.style.const_style
    names = []
    n = 0
    while bits:
        if bits & 1:
            names.append(_sigset_member(consts, n + 1, cstyle))
        bits >>= 1
        n += 1
    return text + "[" + " ".join(names) + "]"


def _sigset_member(consts, sig, cstyle):
    """`USR1`; -X raw `10`; -X verbose `10 /* USR1 */`; unknown: the number."""
    name = signame(consts, sig)
    if name == str(sig) or cstyle == "raw":
        return str(sig)
    name = name[3:] if name.startswith("SIG") else name
    return "%d /* %s */" % (sig, name) if cstyle == "verbose" else name


def read_sigset(ctx, call, addr, nbytes):
    """The mask at addr as an int (bit n-1 = signal n), or None; nbytes <= sigset_t size."""
    data = ctx.read(call, addr, nbytes)
    if data is None or len(data) < nbytes:
        return None
    if endian(call) == "<":   # little-endian words, lowest first: the bytes are the number
        return int.from_bytes(data[:nbytes], "little")
    word = lbits(call) // 8
    padded = data + b"\0" * (-len(data) % word)
    code = "Q" if word == 8 else "I"
    words = struct.unpack("%s%d%s" % (endian(call), len(padded) // word, code), padded)
    value = 0
    for i, w in enumerate(words):
        value |= w << (i * word * 8)
    return value & ((1 << (nbytes * 8)) - 1)


def sigset_arg(ctx, call, addr, size, min_len=None):
    """A sigset_t pointer with its size argument (print_sigset_addr_len): the address when the
    size is not between min_len (the word size) and sizeof(sigset_t), or on a failed exit."""
    if not addr:
        return "NULL"
    if min_len is None:
        min_len = lbits(call) // 8
    if size < min_len or size > nsig_bytes(ctx, call) or (call.ret is not None and failed(call)):
        return printers.ptr(addr)
    value = read_sigset(ctx, call, addr, size)
    if value is None:
        return printers.ptr(addr)
    return sigset_text(ctx, call, value, size)


# ---------------------------------------------------------------------------------------------
# rt_sigaction

# xlat/sigact_flags.in, in strace's order (aliases SA_NOMASK/SA_ONESHOT never print; strace
# 6.1 prints SA_UNSUPPORTED/SA_EXPOSE_TAGBITS as numbers)
SA_FLAGS = ("SA_RESTORER", "SA_ONSTACK", "SA_RESTART", "SA_INTERRUPT", "SA_NODEFER",
            "SA_RESETHAND", "SA_SIGINFO", "SA_NOCLDSTOP", "SA_NOCLDWAIT")


def sa_handler(ctx, call, value):
    """SIG_DFL (0), SIG_IGN (1), SIG_ERR (-1) or the address (signal.h)."""
    mask = lmask(call)
    names = {0: "SIG_DFL", 1: "SIG_IGN", mask: "SIG_ERR"}
    if value in names:
        return printers.enum(value, names, ctx.style)
    return printers.ptr(value)


# The kernel's struct sigaction of rt_sigaction (include/linux/signal_types.h; compat_sigaction
# for 32-bit tracees of a 64-bit kernel and x32): sa_restorer only where the ABI has SA_RESTORER;
# sa_mask a sigset_t of _NSIG (64) bits in unsigned longs (declared here as two u32, which has
# the same size and an alignment that fits every ABI), read by read_sigset
SIGACTION_RESTORER = Struct("sigaction", [
    ("sa_handler", "ptr"), ("sa_flags", "ulong"), ("sa_restorer", "ptr"), ("sa_mask", ("u32", 2))])
SIGACTION = Struct("sigaction", [("sa_handler", "ptr"), ("sa_flags", "ulong"),
                                 ("sa_mask", ("u32", 2))])


@named("sigaction")
def sigaction_layout(abi):
    import syscalls
    return SIGACTION_RESTORER if "SA_RESTORER" in syscalls.constants(abi) else SIGACTION


def sigaction_arg(ctx, call, addr):
    """struct sigaction: handler, flags, [restorer if the ABI has SA_RESTORER], mask."""
    if not addr:
        return "NULL"
    st = lookup("sigaction", call.abi)
    v = read_struct(ctx, call, addr, st)
    nbytes = nsig_bytes(ctx, call)
    mask = read_sigset(ctx, call, addr + st.fields["sa_mask"][0], nbytes) if v else None
    if mask is None:
        return printers.ptr(addr)
    flags = v["sa_flags"]
    text = "{sa_handler=%s, sa_mask=%s, sa_flags=%s" % (
        sa_handler(ctx, call, v["sa_handler"]), sigset_text(ctx, call, mask, nbytes),
        flag_text(ctx, call, flags, SA_FLAGS, "SA_???"))
    restorer = const(ctx, call, "SA_RESTORER")
    if restorer and flags & restorer:
        text += ", sa_restorer=" + printers.ptr(v["sa_restorer"])
    return text + "}"


@register("rt_sigaction")
class RtSigaction(Decoder):
    # not while running: the old action may be written over the new one (act == oldact)
    enter_while_running = False

    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, " % (sig(ctx, call, a[0]), sigaction_arg(ctx, call, a[1]))

    def exit(self, ctx, call):
        a = call.args
        old = printers.ptr(a[2]) if failed(call) else sigaction_arg(ctx, call, a[2])
        return "%s, %s" % (old, ulong(call, a[3]))


# ---------------------------------------------------------------------------------------------
# masks

SIGPROCMASK_CMDS = ("SIG_BLOCK", "SIG_UNBLOCK", "SIG_SETMASK")


@register("rt_sigprocmask")
class RtSigprocmask(Decoder):
    # not while running: the old set may be written over the new one (set == oldset)
    enter_while_running = False

    def enter(self, ctx, call):
        a = call.args
        how = printers.enum(a[0] & 0xffffffff, ctx.enum_table(call.abi, SIGPROCMASK_CMDS),
                            ctx.style, "SIG_???")
        return "%s, %s, " % (how, sigset_arg(ctx, call, a[1], a[3]))

    def exit(self, ctx, call):
        a = call.args
        return "%s, %s" % (sigset_arg(ctx, call, a[2], a[3]), ulong(call, a[3]))


@register("rt_sigpending")
class RtSigpending(Decoder):
    def exit(self, ctx, call):
        a = call.args
        return "%s, %s" % (sigset_arg(ctx, call, a[0], a[1], 1), ulong(call, a[1]))


@register("rt_sigsuspend")
class RtSigsuspend(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s" % (sigset_arg(ctx, call, a[0], a[1]), ulong(call, a[1]))


@register("signalfd4", "signalfd")
class Signalfd(Decoder):
    FLAGS = ("SFD_CLOEXEC", "SFD_NONBLOCK")

    def enter(self, ctx, call):
        a = call.args
        text = "%s, %s, %s" % (fd(ctx, call, a[0]), sigset_arg(ctx, call, a[1], a[2]), ulong(call, a[2]))
        if self.name == "signalfd4":
            text += ", " + flag_text(ctx, call, a[3] & 0xffffffff, self.FLAGS, "SFD_???")
        return text


# ---------------------------------------------------------------------------------------------
# rt_sigreturn: the mask saved in the signal frame on the stack

# Offset of the saved mask from the stack pointer at rt_sigreturn entry (strace's
# arch_rt_sigframe.c + offsetof(struct rt_sigframe, uc.uc_sigmask), arch/*/include/asm/
# sigframe.h): x86_64 sp = frame + 8 (the restorer address was popped by `ret`), mask at frame
# + 8 (pretcode) + 40 (uc_flags, uc_link, uc_stack) + 256 (sigcontext); i386 sp = frame + 4,
# mask at frame + 16 + 128 (siginfo) + 20 + 88 (sigcontext_32); aarch64 sp = frame, mask at
# 128 (siginfo) + 40; riscv64 the same (arch/riscv/kernel/signal.c: struct rt_sigframe { siginfo;
# ucontext }, uc_sigmask after uc_flags, uc_link and the 24-byte uc_stack).
# arm sp = frame: struct rt_sigframe { siginfo (128); struct sigframe { ucontext uc; ... } }, and
# uc_sigmask follows uc_flags, uc_link, uc_stack (12) and the 84-byte sigcontext: 128 + 104.
# ppc64le: the kernel finds the ucontext at sp + __SIGNAL_FRAMESIZE (128, asm/ptrace.h), and
# ppc64's uc_sigmask follows uc_flags, uc_link and uc_stack (asm/ucontext.h): 128 + 40.
# s390x sp = frame: struct rt_sigframe { callee_used_stack[160]; u16 svc_insn; siginfo (at 168);
# struct ucontext_extended (at 296) } (arch/s390/kernel/signal.c), whose uc_sigmask follows
# uc_flags, uc_link, uc_stack and the 344-byte _sigregs (asm/ucontext.h): 296 + 40 + 344.
SIGFRAME_MASK = {"x86_64": 296, "i386": 248, "aarch64": 168, "riscv64": 168, "arm": 232,
                 "ppc64le": 168, "s390x": 680}
# sigreturn (the non-rt frame): arm sp = struct sigframe, whose ucontext comes first
# (arch/arm/kernel/signal.c; the arm64 kernel's compat_sigframe is the same); s390x sp = struct
# sigframe { callee_used_stack[__SIGNAL_FRAMESIZE = 160]; struct sigcontext sc (oldmask first) }
OLD_SIGFRAME_MASK = {"arm": 104, "s390x": 160}
# i386 sp = frame + 8 (`ret` popped pretcode, __kernel_sigreturn popped sig) = &frame->sc: the low
# word of the mask is sc.oldmask (sigcontext_32 offset 80), the high one extramask after the
# sigcontext (88) and the unused _fpstate_32 (624) of struct sigframe_ia32
OLD_SIGFRAME_SPLIT_MASK = {"i386": (80, 712)}


@register("rt_sigreturn", "sigreturn")
class RtSigreturn(Decoder):
    def enter(self, ctx, call):
        if self.name == "sigreturn" and call.abi in OLD_SIGFRAME_SPLIT_MASK and call.sp:
            return self._split(ctx, call, *OLD_SIGFRAME_SPLIT_MASK[call.abi])
        offset = (SIGFRAME_MASK if self.name == "rt_sigreturn" else OLD_SIGFRAME_MASK).get(call.abi)
        sp = call.sp if offset is not None else None
        if sp is None:
            return ""
        nbytes = nsig_bytes(ctx, call)
        mask = read_sigset(ctx, call, sp + offset, nbytes)
        if mask is None:
            return "{mask=%s}" % printers.ptr(sp + offset)
        return "{mask=%s}" % sigset_text(ctx, call, mask, nbytes)

    def _split(self, ctx, call, low_at, high_at):
        low = read_ints(ctx, call, call.sp + low_at, 1, "I")
        high = read_ints(ctx, call, call.sp + high_at, 1, "I")
        if low is None or high is None:
            return "{mask=%s}" % printers.ptr(call.sp + low_at)
        return "{mask=%s}" % sigset_text(ctx, call, low[0] | high[0] << 32, 8)


# ---------------------------------------------------------------------------------------------
# sigaltstack

SS_FLAGS = ("SS_ONSTACK", "SS_DISABLE", "SS_AUTODISARM")


# stack_t (asm/signal.h)
STACK_T = named("stack_t", Struct("stack_t", [("ss_sp", "ptr"), ("ss_flags", "s32"),
                                              ("ss_size", "ulong")]))


def stack_t(ctx, call, addr):
    """`{ss_sp=0x..., ss_flags=SS_DISABLE, ss_size=65536}`: void *, int, size_t."""
    if not addr:
        return "NULL"
    v = read_struct(ctx, call, addr, STACK_T.on(call.abi))
    if v is None:
        return printers.ptr(addr)
    return "{ss_sp=%s, ss_flags=%s, ss_size=%d}" % (
        printers.ptr(v["ss_sp"]), flag_text(ctx, call, v["ss_flags"] & 0xffffffff, SS_FLAGS,
                                            "SS_???"), v["ss_size"])


@register("sigaltstack")
class Sigaltstack(Decoder):
    def enter(self, ctx, call):
        return stack_t(ctx, call, call.args[0]) + ", "

    def exit(self, ctx, call):
        addr = call.args[1]
        return printers.ptr(addr) if failed(call) else stack_t(ctx, call, addr)


# ---------------------------------------------------------------------------------------------
# waiting for and queueing signals


def siginfo_arg(ctx, call, addr):
    """A siginfo_t in tracee memory, in the tracee's layout."""
    if not addr:
        return "NULL"
    data = ctx.read(call, addr, 128)
    if data is None or len(data) < 128:
        return printers.ptr(addr)
    return siginfo(ctx.constants(call.abi), data, ctx.style, call.abi,
                   lambda n: fd(ctx, call, n), lambda n: pid_arg(ctx, call, n, "tgid"))


@register("rt_sigtimedwait")
class RtSigtimedwait(Decoder):
    def enter(self, ctx, call):
        head = sigset_arg(ctx, call, call.args[0], call.args[3]) + ", "
        if call.args[1]:
            return head
        return head + self._rest(ctx, call)    # no siginfo to fill in: all at entry (strace)

    def exit(self, ctx, call):
        a = call.args
        if not a[1]:
            return ""
        info = printers.ptr(a[1]) if failed(call) else siginfo_arg(ctx, call, a[1])
        return info + self._rest(ctx, call)[4:]

    @staticmethod
    def _rest(ctx, call):
        """`NULL, TIMEOUT, SIZE` (the siginfo pointer's place first)."""
        from minitrace.decode.clock import timespec_arg
        a = call.args
        return "NULL, %s, %s" % (timespec_arg(ctx, call, a[2]), ulong(call, a[3]))

    def result(self, ctx, call):
        text = Decoder.result(self, ctx, call)
        if call.ret is not None and not failed(call) and call.ret > 0:
            text += " (%s)" % signame(ctx.constants(call.abi), call.ret)   # not styled
        return text


@register("rt_sigqueueinfo")
class RtSigqueueinfo(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s" % (pid_arg(ctx, call, a[0], "tgid"), sig(ctx, call, a[1]),
                               siginfo_arg(ctx, call, a[2]))


@register("rt_tgsigqueueinfo")
class RtTgsigqueueinfo(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s, %s" % (pid_arg(ctx, call, a[0], "tgid"),
                                   pid_arg(ctx, call, a[1], "tid"),
                                   sig(ctx, call, a[2]),
                                   siginfo_arg(ctx, call, a[3]))


@register("alarm")
class Alarm(Decoder):
    ret_kind = "u"

    def enter(self, ctx, call):
        return uint(call.args[0])


@register("pause")
class Pause(Decoder):
    pass


__all__ = ["sigset_text", "sigset_arg", "read_sigset", "nsig_bytes", "RTMIN"]
