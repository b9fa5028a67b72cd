"""seccomp user-notification ioctls (type '!' = 0x21, linux/seccomp.h), as strace's
seccomp_ioctl: SECCOMP_IOCTL_NOTIF_RECV's struct seccomp_notif (printed at entry only when the
program left something in it, then ` => ` and what the kernel wrote), SECCOMP_IOCTL_NOTIF_SEND's
struct seccomp_notif_resp and SECCOMP_IOCTL_NOTIF_ADDFD's struct seccomp_notif_addfd at entry,
and SECCOMP_IOCTL_NOTIF_ID_VALID's 64-bit id (also under the _IOR number older kernels
defined it with, which strace names SECCOMP_IOCTL_NOTIF_ID_VALID_WRONG_DIR)."""
from minitrace import printers
from minitrace.decode.array import unpacker
from minitrace.decode.common import failed, fd, flag_text, pid_arg, read_struct
from minitrace.decode.file import OPEN_FLAGS
from minitrace.decode.ioctl.base import (IOC_READ, TableFamily, command_numbers, ioc_dir, ioc_nr,
                                         ioc_size, ioc_type)
from minitrace.decode.layout import Struct, named
from minitrace.decode.numa import page_status as negated_errno
from minitrace.decode.signals import audit_arch_text, syscall_field

SECCOMP_DATA_ARGS = 6
SECCOMP_DATA = Struct("seccomp_data", [
    ("nr", "u32"), ("arch", "u32"), ("instruction_pointer", "u64"),
    ("args", ("u64", SECCOMP_DATA_ARGS))])
SECCOMP_NOTIF = named("seccomp_notif", Struct("seccomp_notif", [
    ("id", "u64"), ("pid", "u32"), ("flags", "u32"), ("data", SECCOMP_DATA)]))
SECCOMP_NOTIF_RESP = named("seccomp_notif_resp", Struct("seccomp_notif_resp", [
    ("id", "u64"), ("val", "s64"), ("error", "s32"), ("flags", "u32")]))
SECCOMP_NOTIF_ADDFD = named("seccomp_notif_addfd", Struct("seccomp_notif_addfd", [
    ("id", "u64"), ("flags", "u32"), ("srcfd", "u32"), ("newfd", "s32"),
    ("newfd_flags", "u32")]))

RESP_FLAGS = ("SECCOMP_USER_NOTIF_FLAG_CONTINUE",)
ADDFD_FLAGS = ("SECCOMP_ADDFD_FLAG_SETFD", "SECCOMP_ADDFD_FLAG_SEND")
ID_VALID = "SECCOMP_IOCTL_NOTIF_ID_VALID"
ID_SIZE = 8


def _notif_text(ctx, call, v):
    data = "{nr=%s, arch=%s, instruction_pointer=%s, args=[%s]}" % (
        syscall_field(ctx.constants(call.abi), v["data.nr"], v["data.arch"], ctx.style,
                      abi=call.abi),
        audit_arch_text(ctx.constants(call.abi), v["data.arch"], ctx.style),
        printers.ptr(v["data.instruction_pointer"]),
        ", ".join(printers.hexnum(v["data.args[%d]" % i]) for i in range(SECCOMP_DATA_ARGS)))
    return "{id=%s, pid=%s, flags=%s, data=%s}" % (
        printers.hexnum(v["id"]), pid_arg(ctx, call, v["pid"], "tgid"),
        printers.hexnum(v["flags"]), data)


def _recv_enter(ctx, call, arg):
    """The struct as the program left it, unless all zero (then only the kernel's at exit)."""
    v = read_struct(ctx, call, arg, SECCOMP_NOTIF.on(call.abi))
    if v is None:
        return printers.ptr(arg), False
    if not any(v.values()):
        return None, True
    return _notif_text(ctx, call, v) + " => ", True


def _recv_exit(ctx, call, arg):
    v = None if failed(call) else read_struct(ctx, call, arg, SECCOMP_NOTIF.on(call.abi))
    return printers.ptr(arg) if v is None else _notif_text(ctx, call, v)


def _resp(ctx, call, arg):
    v = read_struct(ctx, call, arg, SECCOMP_NOTIF_RESP.on(call.abi))
    if v is None:
        return printers.ptr(arg)
    return "{id=%s, val=%d, error=%s, flags=%s}" % (
        printers.hexnum(v["id"]), v["val"], negated_errno(ctx, call, v["error"]),
        flag_text(ctx, call, v["flags"], RESP_FLAGS, "SECCOMP_USER_NOTIF_FLAG_???"))


def _addfd(ctx, call, arg):
    v = read_struct(ctx, call, arg, SECCOMP_NOTIF_ADDFD.on(call.abi))
    if v is None:
        return printers.ptr(arg)
    return "{id=%s, flags=%s, srcfd=%s, newfd=%d, newfd_flags=%s}" % (
        printers.hexnum(v["id"]),
        flag_text(ctx, call, v["flags"], ADDFD_FLAGS, "SECCOMP_ADDFD_FLAG_???"),
        fd(ctx, call, v["srcfd"]), v["newfd"],
        flag_text(ctx, call, v["newfd_flags"], OPEN_FLAGS, "O_???"))


def _id(ctx, call, arg):
    data = ctx.read(call, arg, ID_SIZE) if arg else None
    if data is None or len(data) < ID_SIZE:
        return printers.ptr(arg)
    return "[%s]" % printers.hexnum(unpacker(call, "Q")(bytes(data[:ID_SIZE])))


def _wrong_dir(code, abi):
    """strace's SECCOMP_IOCTL_NOTIF_ID_VALID_WRONG_DIR: _IOR('!', 2, __u64)."""
    return (ioc_type(code) == 0x21 and ioc_dir(code, abi) == IOC_READ and ioc_nr(code) == 2
            and ioc_size(code, abi) == ID_SIZE)


class _Seccomp(TableFamily):
    """The table, with the wrong-direction number of NOTIF_ID_VALID decoded as that one."""

    def _command(self, call, code):
        if _wrong_dir(code, call.abi):
            return command_numbers(call.abi).get(ID_VALID, code)
        return code

    def enter(self, ctx, call, code, arg):
        return TableFamily.enter(self, ctx, call, self._command(call, code), arg)

    def exit(self, ctx, call, code, arg):
        return TableFamily.exit(self, ctx, call, self._command(call, code), arg)


SECCOMP = _Seccomp(
    (0x21,),
    inp={"SECCOMP_IOCTL_NOTIF_SEND": _resp, ID_VALID: _id,
         "SECCOMP_IOCTL_NOTIF_ADDFD": _addfd},
    both={"SECCOMP_IOCTL_NOTIF_RECV": (_recv_enter, _recv_exit)})
