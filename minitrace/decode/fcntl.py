"""fcntl/fcntl64: every command, with struct flock (and flock64, f_owner_ex, the lease and
seal and notify values) in the tracee's ABI."""
from minitrace import printers
from minitrace.arch import long_bits
from minitrace.decode import register
from minitrace.decode.common import (enum_text, failed, fd, flag_text, lbits, lmask, pid_arg,
                                     pid_by_selector, pid_or_pgid, read_struct, sig)
from minitrace.decode.desc import WHENCE
from minitrace.decode.file import open_modes
from minitrace.decode.generic import Decoder
from minitrace.decode.layout import Struct, named
from minitrace.decode.signals import signame


# ---------------------------------------------------------------------------------------------
# fcntl

FCNTL_CMDS = ("F_DUPFD", "F_GETFD", "F_SETFD", "F_GETFL", "F_SETFL", "F_GETLK", "F_SETLK",
              "F_SETLKW", "F_SETOWN", "F_GETOWN", "F_SETSIG", "F_GETSIG", "F_GETLK64",
              "F_SETLK64", "F_SETLKW64", "F_SETOWN_EX", "F_GETOWN_EX", "F_GETOWNER_UIDS",
              "F_OFD_GETLK", "F_OFD_SETLK", "F_OFD_SETLKW", "F_SETLEASE", "F_GETLEASE",
              "F_NOTIFY", "F_CANCELLK", "F_DUPFD_CLOEXEC", "F_SETPIPE_SZ", "F_GETPIPE_SZ",
              "F_ADD_SEALS", "F_GET_SEALS")
FD_FLAGS = ("FD_CLOEXEC",)
LOCK_TYPES = ("F_RDLCK", "F_WRLCK", "F_UNLCK", "F_EXLCK", "F_SHLCK")
SEALS = ("F_SEAL_SEAL", "F_SEAL_SHRINK", "F_SEAL_GROW", "F_SEAL_WRITE", "F_SEAL_FUTURE_WRITE")
NOTIFY = ("DN_ACCESS", "DN_MODIFY", "DN_CREATE", "DN_DELETE", "DN_RENAME", "DN_ATTRIB",
          "DN_MULTISHOT")
OWNER_TYPES = ("F_OWNER_TID", "F_OWNER_PID", "F_OWNER_PGRP")


# struct flock (asm-generic/fcntl.h: __kernel_off_t, 64-bit for x32 whose fcntl is the common
# 64-bit syscall) and struct flock64 (i386 aligns its 64-bit members to 4, arm to 8)
FLOCK = named("flock", Struct("flock", [
    ("l_type", "s16"), ("l_whence", "s16"), ("l_start", "klong"), ("l_len", "klong"),
    ("l_pid", "s32")]))
FLOCK64 = Struct("flock64", [
    ("l_type", "s16"), ("l_whence", "s16"), ("l_start", "s64"), ("l_len", "s64"),
    ("l_pid", "s32")])
F_OWNER_EX = named("f_owner_ex", Struct("f_owner_ex", [("type", "s32"), ("pid", "s32")]))


@named("flock64")
def flock64_layout(abi):
    """flock64 differs from flock on the 32-bit ABIs only (fcntl64's F_*LK64)."""
    return FLOCK64 if long_bits(abi) == 32 and abi != "x32" else None


def flock_arg(ctx, call, addr, getlk, wide):
    """struct flock (wide=False) or flock64, as strace prints both."""
    if not addr:
        return "NULL"
    v = read_struct(ctx, call, addr, (FLOCK64 if wide else FLOCK).on(call.abi))
    if v is None:
        return printers.ptr(addr)
    ltype, whence, start, length, pid = (v["l_type"], v["l_whence"], v["l_start"], v["l_len"],
                                         v["l_pid"])
    text = "{l_type=%s, l_whence=%s, l_start=%d, l_len=%d" % (
        enum_text(ctx, call, ltype & 0xffff, LOCK_TYPES, "F_???"),
        enum_text(ctx, call, whence & 0xffff, WHENCE, "SEEK_???"), start, length)
    if getlk:
        text += ", l_pid=" + pid_arg(ctx, call, pid, "tgid")
    return text + "}"


# the kind of pid f_owner_ex holds, by its type (strace's print_f_owner_ex)
OWNER_PID_KINDS = (("F_OWNER_TID", "tid"), ("F_OWNER_PID", "tgid"), ("F_OWNER_PGRP", "pgid"))


@register("fcntl", "fcntl64")
class Fcntl(Decoder):
    def _cmd(self, ctx, call):
        c = ctx.constants(call.abi)
        cmd = call.args[1] & 0xffffffff
        names = {}
        for n in ("F_GETFD", "F_SETFD", "F_GETFL", "F_SETFL", "F_DUPFD", "F_DUPFD_CLOEXEC",
                  "F_SETLK", "F_SETLKW", "F_GETLK", "F_SETLK64", "F_SETLKW64", "F_GETLK64",
                  "F_OFD_SETLK", "F_OFD_SETLKW", "F_OFD_GETLK", "F_SETOWN", "F_GETOWN",
                  "F_SETPIPE_SZ", "F_GETPIPE_SZ", "F_ADD_SEALS", "F_GET_SEALS", "F_NOTIFY",
                  "F_SETLEASE", "F_GETLEASE", "F_SETSIG", "F_GETSIG", "F_SETOWN_EX",
                  "F_GETOWN_EX"):
            if c.get(n) == cmd and n not in names.values():
                names[n] = n
        # the 64-bit lock commands only differ on 32-bit ABIs
        for n in names:
            return n
        if lbits(call) == 32 and self.name == "fcntl64":
            k = {12: "F_GETLK64", 13: "F_SETLK64", 14: "F_SETLKW64"}    # asm-generic/fcntl.h
            return k.get(cmd)
        return None

    def enter(self, ctx, call):
        a = call.args
        cmd = self._cmd(ctx, call)
        head = "%s, %s" % (fd(ctx, call, a[0]), enum_text(ctx, call, a[1] & 0xffffffff, FCNTL_CMDS, "F_???"))
        arg = a[2]
        if cmd == "F_SETFD":
            return head + ", " + flag_text(ctx, call, arg & 0xffffffff, FD_FLAGS, "FD_???")
        if cmd == "F_SETOWN":
            return head + ", " + pid_or_pgid(ctx, call, arg)
        if cmd in ("F_SETPIPE_SZ", "F_DUPFD", "F_DUPFD_CLOEXEC"):
            return head + ", " + printers.sdec(arg, 32)
        if cmd == "F_SETFL":
            return head + ", " + open_modes(ctx, call, arg)
        if cmd in ("F_SETLK", "F_SETLKW"):
            return head + ", " + flock_arg(ctx, call, arg, False, False)
        if cmd in ("F_OFD_SETLK", "F_OFD_SETLKW", "F_SETLK64", "F_SETLKW64"):
            return head + ", " + flock_arg(ctx, call, arg, False, True)
        if cmd == "F_NOTIFY":
            return head + ", " + flag_text(ctx, call, arg & 0xffffffff, NOTIFY, "DN_???")
        if cmd == "F_SETLEASE":
            return head + ", " + enum_text(ctx, call, arg & 0xffffffff, LOCK_TYPES, "F_???")
        if cmd == "F_ADD_SEALS":
            return head + ", " + flag_text(ctx, call, arg & 0xffffffff, SEALS, "F_SEAL_???")
        if cmd == "F_SETOWN_EX":
            return head + ", " + self._owner(ctx, call, arg)
        if cmd == "F_SETSIG":
            return head + ", " + sig(ctx, call, arg & 0xffffffff)
        if cmd in ("F_GETLK", "F_OFD_GETLK", "F_GETLK64", "F_GETOWN_EX"):
            return head               # `, {...}` at exit, as strace splits it
        if cmd in ("F_GETFD", "F_GETFL", "F_GETOWN", "F_GETPIPE_SZ", "F_GET_SEALS",
                   "F_GETLEASE", "F_GETSIG"):
            return head
        return head + ", " + printers.hexnum(arg & lmask(call))

    def _owner(self, ctx, call, addr):
        v = read_struct(ctx, call, addr, F_OWNER_EX.on(call.abi))
        if v is None:
            return printers.ptr(addr)
        t, pid = v["type"], v["pid"]
        return "{type=%s, pid=%s}" % (enum_text(ctx, call, t, OWNER_TYPES, "F_OWNER_???"),
                                      pid_by_selector(ctx, call, pid, t, OWNER_PID_KINDS))

    def exit(self, ctx, call):
        cmd = self._cmd(ctx, call)
        arg = call.args[2]
        if cmd in ("F_GETLK", "F_OFD_GETLK", "F_GETLK64"):
            if failed(call):
                return ", " + printers.ptr(arg)
            return ", " + flock_arg(ctx, call, arg, True, cmd != "F_GETLK")
        if cmd == "F_GETOWN_EX":
            return ", " + (printers.ptr(arg) if failed(call) else self._owner(ctx, call, arg))
        return ""

    def result(self, ctx, call):
        text = Decoder.result(self, ctx, call)
        if failed(call):
            return text
        cmd = self._cmd(ctx, call)
        ret = call.ret
        if cmd == "F_GETFL":
            return "%s (flags %s)" % (printers.hexnum(ret), open_modes(ctx, call, ret, False))
        if cmd == "F_GETFD" and ret:
            return "%s (flags %s)" % (printers.hexnum(ret), flag_text(ctx, call, ret, FD_FLAGS))
        if cmd == "F_GET_SEALS" and ret:
            return "%s (seals %s)" % (printers.hexnum(ret),
                                      printers.flags(ret, ctx.flag_table(call.abi, SEALS)))
        if cmd == "F_GETSIG" and ret:
            return "%s (%s)" % (text, signame(ctx.constants(call.abi), ret))
        if cmd == "F_GETOWN" and 0 <= ret <= 0x7fffffff:
            return pid_arg(ctx, call, ret, "tgid")
        if cmd == "F_GETLEASE":
            name = enum_text(ctx, call, ret, LOCK_TYPES)
            return "%s (%s)" % (printers.hexnum(ret), name) if not name.startswith("0") else \
                printers.hexnum(ret)
        return text
