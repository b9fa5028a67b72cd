"""Decoders of System V and POSIX IPC (strace 6.1's ipc_shm.c, ipc_shmctl.c, ipc_sem.c,
ipc_semctl.c, ipc_msg.c, ipc_msgctl.c, print_msgbuf.c, mq.c, print_mq_attr.c): shm*, sem*,
msg*, mq_*. Structs (shmid64_ds, semid64_ds, msqid64_ds, their info structs, mq_attr) are read
in the tracee ABI's layout (uapi asm-generic/{shm,sem,msg}buf.h and x86's variants); text only.

The i386 `ipc` multiplexer is not decoded here (strace renames it to the subcall).
"""
import struct

from minitrace import printers
from minitrace.decode import register
from minitrace.decode.clock import sigevent_arg, timespec_arg
from minitrace.arch import long_bits
from minitrace.decode.array import print_array
from minitrace.decode.common import (endian, failed, fd, lbits, lmask, pid_arg, read_longs,
                                     read_struct, sint, ulong)
from minitrace.decode.file import in_string, open_modes, uid
from minitrace.decode.generic import Decoder, path_arg
from minitrace.decode.layout import Struct, named

# strace's xlat tables (src/xlat/*.in), in print order; values from the per-ABI constants
IPC_PRIVATE = ("IPC_PRIVATE",)                                    # ipc_private.in
RESOURCE_FLAGS = ("IPC_CREAT", "IPC_EXCL", "IPC_NOWAIT")          # resource_flags.in
SHM_RESOURCE_FLAGS = ("IPC_CREAT", "IPC_EXCL", "SHM_HUGETLB", "SHM_NORESERVE")
SHM_FLAGS = ("SHM_RDONLY", "SHM_RND", "SHM_REMAP", "SHM_EXEC")    # shm_flags.in
SEMOP_FLAGS = ("SEM_UNDO", "IPC_NOWAIT")                          # semop_flags.in
MSG_FLAGS = ("MSG_NOERROR", "MSG_EXCEPT", "MSG_COPY", "IPC_NOWAIT")   # ipc_msg_flags.in
MQ_ATTR_FLAGS = ("O_NONBLOCK",)                                   # mq_attr_flags.in
SHMCTL_CMDS = ("IPC_RMID", "IPC_SET", "IPC_STAT", "IPC_INFO", "SHM_LOCK", "SHM_UNLOCK",
               "SHM_STAT", "SHM_INFO", "SHM_STAT_ANY")
SEMCTL_CMDS = ("IPC_RMID", "IPC_SET", "IPC_STAT", "IPC_INFO", "GETPID", "GETVAL", "GETALL",
               "GETNCNT", "GETZCNT", "SETVAL", "SETALL", "SEM_STAT", "SEM_INFO", "SEM_STAT_ANY")
MSGCTL_CMDS = ("IPC_RMID", "IPC_SET", "IPC_STAT", "IPC_INFO", "MSG_STAT", "MSG_INFO",
               "MSG_STAT_ANY")
IPC_64_NAME = ("IPC_64",)
SHM_HUGE_SHIFT_NAME = ("SHM_HUGE_SHIFT",)

# ---------------------------------------------------------------------------------------------
# struct layouts, as tables of (name, code): "K" is __kernel_ulong_t, "L" __kernel_long_t (64-bit
# on 64-bit ABIs and x32), "T" a time: one __kernel_long_t, or on 32-bit ABIs a low and a high
# unsigned long (NAME and NAME_high); "P" the struct ipc64_perm; the rest struct codes.
# ipc_struct() turns a table into the decode.layout Struct of an ABI.


def _wide(call):
    return lbits(call) == 64 or call.abi == "x32"


# struct ipc64_perm (asm-generic/ipcbuf.h): key, uid, gid, cuid, cgid, mode, seq, __pad2, 2 K;
# __kernel_mode_t is 16-bit on i386 and arm (followed by 2 bytes of padding)
_PERM_HEAD = (("key", "I"), ("uid", "I"), ("gid", "I"), ("cuid", "I"), ("cgid", "I"))
_PERM = _PERM_HEAD + (("mode", "I"), ("seq", "H"), (None, "H"), (None, "K"), (None, "K"))
_PERM_MODE16 = _PERM_HEAD + (("mode", "H"), (None, "H"), ("seq", "H"), (None, "H"),
                             (None, "K"), (None, "K"))
# powerpc's asm/ipcbuf.h: a 32-bit seq, two unsigned long long
_PERM_PPC = _PERM_HEAD + (("mode", "I"), ("seq", "I"), (None, "I"), (None, "Q"), (None, "Q"))
# s390's asm/ipcbuf.h: the padding before seq
_PERM_S390 = _PERM_HEAD + (("mode", "I"), (None, "H"), ("seq", "H"), (None, "K"), (None, "K"))


def _perm_table(abi):
    if abi in ("i386", "arm"):
        return _PERM_MODE16
    return {"ppc64le": _PERM_PPC, "s390x": _PERM_S390}.get(abi, _PERM)
# struct shmid64_ds (asm-generic/shmbuf.h; x86_64's has the same fields)
_SHMID = (("shm_perm", "P"), ("shm_segsz", "K"), ("shm_atime", "T"), ("shm_dtime", "T"),
          ("shm_ctime", "T"), ("shm_cpid", "i"), ("shm_lpid", "i"), ("shm_nattch", "K"),
          (None, "K"), (None, "K"))
# powerpc's 64-bit shmid64_ds (asm/shmbuf.h): the times before shm_segsz
_SHMID_PPC64 = (("shm_perm", "P"), ("shm_atime", "T"), ("shm_dtime", "T"), ("shm_ctime", "T"),
                ("shm_segsz", "K"), ("shm_cpid", "i"), ("shm_lpid", "i"), ("shm_nattch", "K"),
                (None, "K"), (None, "K"))
# struct semid64_ds: x86_64/x32 (asm/sembuf.h) pad each time with an unused word
_SEMID_X86_64 = (("sem_perm", "P"), ("sem_otime", "L"), (None, "K"), ("sem_ctime", "L"),
                 (None, "K"), ("sem_nsems", "K"), (None, "K"), (None, "K"))
_SEMID = (("sem_perm", "P"), ("sem_otime", "T"), ("sem_ctime", "T"), ("sem_nsems", "K"),
          (None, "K"), (None, "K"))
# struct msqid64_ds (asm-generic/msgbuf.h; x86_64's has the same fields)
_MSQID = (("msg_perm", "P"), ("msg_stime", "T"), ("msg_rtime", "T"), ("msg_ctime", "T"),
          ("msg_cbytes", "K"), ("msg_qnum", "K"), ("msg_qbytes", "K"), ("msg_lspid", "i"),
          ("msg_lrpid", "i"), (None, "K"), (None, "K"))
_SHMINFO = (("shmmax", "K"), ("shmmin", "K"), ("shmmni", "K"), ("shmseg", "K"),
            ("shmall", "K"), (None, "K"), (None, "K"), (None, "K"), (None, "K"))
_SHM_INFO = (("used_ids", "i"), ("shm_tot", "K"), ("shm_rss", "K"), ("shm_swp", "K"),
             ("swap_attempts", "K"), ("swap_successes", "K"))
_SEMINFO = tuple((n, "i") for n in ("semmap", "semmni", "semmns", "semmnu", "semmsl", "semopm",
                                    "semume", "semusz", "semvmx", "semaem"))
_MSGINFO = tuple((n, "i") for n in ("msgpool", "msgmap", "msgmax", "msgmnb", "msgmni", "msgssz",
                                    "msgtql")) + (("msgseg", "H"),)
_MQ_ATTR = (("mq_flags", "L"), ("mq_maxmsg", "L"), ("mq_msgsize", "L"), ("mq_curmsgs", "L"),
            (None, "L"), (None, "L"), (None, "L"), (None, "L"))
# struct sembuf (linux/sem.h): 6 bytes, no padding
SEMBUF = named("sembuf", Struct("sembuf", [("sem_num", "u16"), ("sem_op", "s16"),
                                           ("sem_flg", "s16")]))
_CODES = {"I": "u32", "i": "s32", "H": "u16", "Q": "u64", "K": "kulong", "L": "klong"}
_structs = {}


def ipc_struct(name, fields, abi):
    """The decode.layout Struct of table `fields` in `abi` (cached)."""
    key = (name, id(fields), abi)
    st = _structs.get(key)
    if st is None:
        wide = long_bits(abi) == 64 or abi == "x32"
        out = []
        for fname, code in fields:
            if code == "P":
                out.append((fname, ipc_struct("ipc64_perm", _perm_table(abi), abi)))
            elif code == "T" and not wide:
                out += [(fname, "ulong"), (fname + "_high" if fname else None, "ulong")]
            else:
                out.append((fname, "klong" if code == "T" else _CODES[code]))
        st = _structs[key] = Struct(name, out)
    return st


def _table(name, fields):
    named(name)(lambda abi: ipc_struct(name, fields, abi))


named("shmid64_ds")(lambda abi: ipc_struct("shmid64_ds", _shmid_table(abi), abi))
_table("msqid64_ds", _MSQID)
_table("shminfo64", _SHMINFO)
_table("shm_info", _SHM_INFO)
_table("seminfo", _SEMINFO)
_table("msginfo", _MSGINFO)
_table("mq_attr", _MQ_ATTR)
named("semid64_ds")(lambda abi: ipc_struct(
    "semid64_ds", _SEMID_X86_64 if abi in ("x86_64", "x32") else _SEMID, abi))


def _shmid_table(abi):
    return _SHMID_PPC64 if abi == "ppc64le" else _SHMID


def read_ipc(ctx, call, addr, name, fields):
    """dict name -> value of a struct in the tracee (the perm's fields without their
    "xxx_perm." prefix, the high halves of times joined), or None when unreadable."""
    st = ipc_struct(name, fields, call.abi).on(call.abi)
    v = read_struct(ctx, call, addr, st)
    if v is None:
        return None
    out = {}
    for key, value in v.items():
        if "." in key:
            out[key.split(".", 1)[1]] = value
        elif not key.endswith("_high"):
            out[key] = value
    for key, value in v.items():
        if key.endswith("_high"):
            out[key[:-5]] |= value << 32
    return out


def _fields(values, spec):
    return ", ".join("%s=%s" % (name, fmt(values[name])) for name, fmt in spec)


def _ipc_perm(v, full):
    """`{uid=0, gid=0, mode=0600, key=0, cuid=0, cgid=0}` (IPC_SET: the first three)."""
    text = "{uid=%s, gid=%s, mode=%s" % (uid(v["uid"]), uid(v["gid"]), printers.mode(v["mode"]))
    if full:
        text += ", key=%d, cuid=%s, cgid=%s" % (v["key"], uid(v["cuid"]), uid(v["cgid"]))
    return text + "}"


# ---------------------------------------------------------------------------------------------
# shared argument printers


def ipc_key(ctx, call, value):
    """`IPC_PRIVATE` or the key in hex (strace's printxval(ipc_private, ...))."""
    return printers.enum(value & 0xffffffff, ctx.enum_table(call.abi, IPC_PRIVATE), ctx.style)


def resource_flags(ctx, call, value, names):
    """`IPC_CREAT|IPC_EXCL|0600`: the flags above the permission bits, then the mode."""
    value &= 0xffffffff
    flags = value & ~0o777
    text = ""
    if flags:
        text = printers.flags(flags, ctx.flag_table(call.abi, names), ctx.style) + "|"
    return text + printers.mode(value & 0o777)


def _named(ctx, call, names, value):
    """One named constant as print_xlat prints it (by the -X style)."""
    return printers.enum(value, ctx.enum_table(call.abi, names), ctx.style)


def ctl_cmd(ctx, call, value, names, unknown):
    """strace's PRINTCTL: `IPC_64|IPC_STAT`, `SHM_LOCK`, `0x63 /* SHM_??? */`."""
    value &= 0xffffffff
    c = ctx.constants(call.abi)
    ipc64 = c.get("IPC_64", 0x100)
    text = ""
    if value & ipc64:
        text = _named(ctx, call, IPC_64_NAME, ipc64) + "|"
        value &= ~ipc64
    return text + printers.enum(value, ctx.enum_table(call.abi, names), ctx.style, unknown)


def _cmd(ctx, call, value):
    """The command without IPC_64."""
    return value & 0xffffffff & ~(ctx.constants(call.abi).get("IPC_64", 0x100))


def _cmd_is(ctx, call, cmd, *names):
    c = ctx.constants(call.abi)
    return any(c.get(n) == cmd for n in names)


# ---------------------------------------------------------------------------------------------
# shared memory


@register("shmget")
class Shmget(Decoder):
    def enter(self, ctx, call):
        a = call.args
        c = ctx.constants(call.abi)
        shift = c.get("SHM_HUGE_SHIFT")
        mask = c.get("SHM_HUGE_MASK")
        value = a[2] & 0xffffffff
        flags = value & ~0o777
        huge = flags & (mask << shift) if shift is not None and mask is not None else 0
        flags &= ~huge
        parts = []
        if flags or not huge:
            if flags:
                parts.append(printers.flags(flags, ctx.flag_table(call.abi, SHM_RESOURCE_FLAGS),
                                            ctx.style))
        if huge:
            name = printers.enum(shift, ctx.enum_table(call.abi, SHM_HUGE_SHIFT_NAME), ctx.style,
                                 decimal=True)
            parts.append("%d<<%s" % (huge >> shift, name))
        parts.append(printers.mode(value & 0o777))
        return "%s, %s, %s" % (ipc_key(ctx, call, a[0]), ulong(call, a[1]), "|".join(parts))


@register("shmat")
class Shmat(Decoder):
    ret_kind = "x"

    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s" % (sint(a[0]), printers.ptr(a[1]),
                               printers.flags(a[2] & 0xffffffff,
                                              ctx.flag_table(call.abi, SHM_FLAGS), ctx.style,
                                              "SHM_???"))


@register("shmat@ipc")
class ShmatIndirect(Shmat):
    """ipc(SHMAT) returns 0 and leaves the address in the word at its fourth argument: strace
    prints that address as the result."""
    def result(self, ctx, call):
        if not failed(call):
            got = read_longs(ctx, call, call.args[3], 1)
            if got is not None:
                return printers.hexnum(got[0])
        return Shmat.result(self, ctx, call)


@register("shmdt")
class Shmdt(Decoder):
    def enter(self, ctx, call):
        return printers.ptr(call.args[0])


def _shmid_ds(ctx, call, addr, full):
    v = read_ipc(ctx, call, addr, "shmid64_ds", _shmid_table(call.abi))
    if v is None:
        return printers.ptr(addr)
    text = "{shm_perm=" + _ipc_perm(v, full)
    if full:
        def pid(n):
            return pid_arg(ctx, call, n, "tgid")
        text += ", " + _fields(v, (("shm_segsz", str), ("shm_cpid", pid), ("shm_lpid", pid),
                                   ("shm_nattch", str), ("shm_atime", str),
                                   ("shm_dtime", str), ("shm_ctime", str)))
    return text + "}"


def _struct_text(ctx, call, addr, name, fields):
    v = read_ipc(ctx, call, addr, name, fields)
    if v is None:
        return printers.ptr(addr)
    return "{" + ", ".join("%s=%d" % (n, v[n]) for n, _ in fields if n) + "}"


class _IpcCtl(Decoder):
    """shmctl, semctl and msgctl: `ID, [SEMNUM, ]CMD, BUF`. IPC_SET shows the struct at entry;
    the STAT and INFO commands show it at exit (the INFO ones their own struct), the others
    the pointer. Each says its command table, its commands and its struct."""
    CMDS, UNKNOWN = None, None     # the command names, and the text of an unknown one
    CMD_ARG = 1                    # the command's argument (semctl: 2, after semnum)
    STAT = ()                      # the commands that fill the struct (and the INFO ones)
    INFO = {}                      # an INFO command -> (its struct's name, its fields)
    ds = None                      # (ctx, call, addr, full) -> the struct's text

    def buffer(self, call):
        return call.args[self.CMD_ARG + 1]

    def enter(self, ctx, call):
        a = call.args
        head = "".join(sint(v) + ", " for v in a[:self.CMD_ARG])
        head += ctl_cmd(ctx, call, a[self.CMD_ARG], self.CMDS, self.UNKNOWN) + ", "
        cmd = _cmd(ctx, call, a[self.CMD_ARG])
        if _cmd_is(ctx, call, cmd, "IPC_SET"):
            return head + self.ds(ctx, call, self.buffer(call), False)
        if _cmd_is(ctx, call, cmd, *self.STAT):
            return head
        return head + printers.ptr(self.buffer(call))

    def exit(self, ctx, call):
        cmd = _cmd(ctx, call, call.args[self.CMD_ARG])
        if not _cmd_is(ctx, call, cmd, *self.STAT):
            return ""
        addr = self.buffer(call)
        if failed(call):
            return printers.ptr(addr)
        for name, (struct_name, fields) in self.INFO.items():
            if _cmd_is(ctx, call, cmd, name):
                return _struct_text(ctx, call, addr, struct_name, fields)
        return self.ds(ctx, call, addr, True)


@register("shmctl")
class Shmctl(_IpcCtl):
    CMDS, UNKNOWN = SHMCTL_CMDS, "SHM_???"
    STAT = ("IPC_STAT", "SHM_STAT", "SHM_STAT_ANY", "IPC_INFO", "SHM_INFO")
    INFO = {"IPC_INFO": ("shminfo64", _SHMINFO), "SHM_INFO": ("shm_info", _SHM_INFO)}
    ds = staticmethod(_shmid_ds)


# ---------------------------------------------------------------------------------------------
# semaphores


@register("semget")
class Semget(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s" % (ipc_key(ctx, call, a[0]), sint(a[1]),
                               resource_flags(ctx, call, a[2], RESOURCE_FLAGS))


def sembuf_array(ctx, call, addr, count):
    """`[{sem_num=0, sem_op=1, sem_flg=SEM_UNDO}, ...]` (print_array: -s elements unless -v;
    `... /* addr */` at the first element past the readable memory); sem_flg's leftover
    bits in unsigned hex (a short zero-extended)."""
    st = SEMBUF.on(call.abi)
    table = ctx.flag_table(call.abi, SEMOP_FLAGS)

    def one(raw):
        num, op, flg = st.unpack(raw, 0)
        return "{sem_num=%d, sem_op=%d, sem_flg=%s}" % (
            num, op, printers.flags(flg & 0xffff, table, ctx.style, "SEM_???"))
    return print_array(ctx, call, addr, count & 0xffffffff, st.size, lambda raw: raw, one)


@register("semop")
class Semop(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s" % (sint(a[0]), sembuf_array(ctx, call, a[1], a[2]),
                               printers.udec(a[2], 32))


@register("semtimedop", "semtimedop_time64")
class Semtimedop(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s, %s" % (sint(a[0]), sembuf_array(ctx, call, a[1], a[2]),
                                   printers.udec(a[2], 32), timespec_arg(ctx, call, a[3]))


@register("semctl@ipc")
class SemctlIndirect(Decoder):
    """ipc(SEMCTL) passes a pointer to the union semun: strace prints the word there,
    `semctl(5, 0, IPC_64|GETVAL, [NULL])`."""
    def enter(self, ctx, call):
        a = call.args
        got = read_longs(ctx, call, a[3], 1)
        return "%s, %s, %s, %s" % (sint(a[0]), sint(a[1]),
                                   ctl_cmd(ctx, call, a[2], SEMCTL_CMDS, "SEM_???"),
                                   printers.ptr(a[3]) if got is None
                                   else "[%s]" % printers.ptr(got[0]))


def _semid_ds(ctx, call, addr, full):
    fields = _SEMID_X86_64 if call.abi in ("x86_64", "x32") else _SEMID
    v = read_ipc(ctx, call, addr, "semid64_ds", fields)
    if v is None:
        return printers.ptr(addr)
    text = "{sem_perm=" + _ipc_perm(v, full)
    if full:
        text += ", " + _fields(v, (("sem_otime", str), ("sem_ctime", str), ("sem_nsems", str)))
    return text + "}"


@register("semctl")
class Semctl(_IpcCtl):
    CMDS, UNKNOWN = SEMCTL_CMDS, "SEM_???"
    CMD_ARG = 2
    STAT = ("IPC_STAT", "SEM_STAT", "SEM_STAT_ANY", "IPC_INFO", "SEM_INFO")
    INFO = {"IPC_INFO": ("seminfo", _SEMINFO), "SEM_INFO": ("seminfo", _SEMINFO)}
    ds = staticmethod(_semid_ds)

    def buffer(self, call):
        return call.args[3] & lmask(call)     # the union semun, a long


# ---------------------------------------------------------------------------------------------
# message queues


@register("msgget")
class Msgget(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s" % (ipc_key(ctx, call, a[0]),
                           resource_flags(ctx, call, a[1], RESOURCE_FLAGS))


# struct msgbuf (linux/msg.h): a __kernel_long_t mtype (64-bit for x32, whose msgsnd/msgrcv are
# the common 64-bit syscalls), then the text
MSGBUF = named("msgbuf", Struct("msgbuf", [("mtype", "klong"), ("mtext", ("u8", 1))]))


def msgbuf(ctx, call, addr, count):
    """`{mtype=1, mtext="hello"}` with `count` bytes of text, or the address."""
    if failed(call) and call.name == "msgrcv":
        return printers.ptr(addr)
    st = MSGBUF.on(call.abi)
    text_at = st.fields["mtext"][0]
    data = ctx.read(call, addr, text_at) if addr else None
    if data is None or len(data) < text_at:
        return printers.ptr(addr)
    mtype = st.get(data, "mtype")
    return "{mtype=%d, mtext=%s}" % (mtype, in_string(ctx, call, addr + text_at, count))


def _msg_flags(ctx, call, value):
    return printers.flags(value & 0xffffffff, ctx.flag_table(call.abi, MSG_FLAGS), ctx.style,
                          "MSG_???")


@register("msgsnd")
class Msgsnd(Decoder):
    def enter(self, ctx, call):
        a = call.args
        count = a[2] & lmask(call)
        return "%s, %s, %s, %s" % (sint(a[0]), msgbuf(ctx, call, a[1], count), ulong(call, a[2]),
                                   _msg_flags(ctx, call, a[3]))


@register("msgrcv")
class Msgrcv(Decoder):
    def enter(self, ctx, call):
        return sint(call.args[0]) + ", "

    def exit(self, ctx, call):
        a = call.args
        return _msgrcv_text(ctx, call, a[1], a[2], a[3], a[4])


def _msgrcv_text(ctx, call, msgp, size, msgtyp, flags):
    count = size & lmask(call)
    return "%s, %s, %s, %s" % (msgbuf(ctx, call, msgp, count), ulong(call, size),
                               printers.sdec(msgtyp, lbits(call)), _msg_flags(ctx, call, flags))


@register("msgrcv@ipc")
class MsgrcvIndirect(Msgrcv):
    """ipc(MSGRCV) of version 0: arguments (msqid, &{msgp, msgtyp}, msgsz, -, msgflg); read at
    exit, as strace, which prints only the pair's address when the call failed."""
    def exit(self, ctx, call):
        a = call.args
        pair = None if failed(call) else read_longs(ctx, call, a[1], 2)
        if pair is None:
            return "%s, %s, %s" % (printers.ptr(a[1]), ulong(call, a[2]),
                                   _msg_flags(ctx, call, a[4]))
        return _msgrcv_text(ctx, call, pair[0], a[2], pair[1], a[4])


def _msqid_ds(ctx, call, addr, full):
    v = read_ipc(ctx, call, addr, "msqid64_ds", _MSQID)
    if v is None:
        return printers.ptr(addr)
    text = "{msg_perm=" + _ipc_perm(v, full)
    if full:
        text += ", " + _fields(v, (("msg_stime", str), ("msg_rtime", str), ("msg_ctime", str),
                                   ("msg_qnum", str)))
    text += ", msg_qbytes=%d" % v["msg_qbytes"]
    if full:
        text += ", msg_lspid=%d, msg_lrpid=%d" % (v["msg_lspid"], v["msg_lrpid"])
    return text + "}"


@register("msgctl")
class Msgctl(_IpcCtl):
    CMDS, UNKNOWN = MSGCTL_CMDS, "MSG_???"
    STAT = ("IPC_STAT", "MSG_STAT", "MSG_STAT_ANY", "IPC_INFO", "MSG_INFO")
    INFO = {"IPC_INFO": ("msginfo", _MSGINFO), "MSG_INFO": ("msginfo", _MSGINFO)}
    ds = staticmethod(_msqid_ds)


# ---------------------------------------------------------------------------------------------
# POSIX message queues


def mq_attr(ctx, call, addr, decode_flags):
    """`{mq_flags=0, mq_maxmsg=10, mq_msgsize=8192, mq_curmsgs=0}` (mq_flags in hex for
    mq_open, as O_ flags for mq_getsetattr)."""
    v = read_ipc(ctx, call, addr, "mq_attr", _MQ_ATTR)
    if v is None:
        return printers.ptr(addr)
    if decode_flags:
        flags = printers.flags(v["mq_flags"] & ((1 << 64) - 1),
                               ctx.flag_table(call.abi, MQ_ATTR_FLAGS), ctx.style, "O_???")
    else:
        flags = printers.hexnum(v["mq_flags"] & ((1 << 64) - 1))
    return "{mq_flags=%s, mq_maxmsg=%d, mq_msgsize=%d, mq_curmsgs=%d}" % (
        flags, v["mq_maxmsg"], v["mq_msgsize"], v["mq_curmsgs"])


@register("mq_open")
class MqOpen(Decoder):
    def enter(self, ctx, call):
        a = call.args
        text = "%s, %s" % (path_arg(ctx, call, a[0]), open_modes(ctx, call, a[1]))
        if a[1] & (ctx.constants(call.abi).get("O_CREAT") or 0):
            text += ", %s, %s" % (printers.mode(a[2]), mq_attr(ctx, call, a[3], False))
        return text


@register("mq_unlink")
class MqUnlink(Decoder):
    def enter(self, ctx, call):
        return path_arg(ctx, call, call.args[0])


@register("mq_timedsend", "mq_timedsend_time64")
class MqTimedsend(Decoder):
    def enter(self, ctx, call):
        a = call.args
        n = a[2] & lmask(call)
        return "%s, %s, %s, %s, %s" % (fd(ctx, call, a[0]), in_string(ctx, call, a[1], n), ulong(call, a[2]),
                                       printers.udec(a[3], 32), timespec_arg(ctx, call, a[4]))


@register("mq_timedreceive", "mq_timedreceive_time64")
class MqTimedreceive(Decoder):
    def enter(self, ctx, call):
        return fd(ctx, call, call.args[0]) + ", "

    def exit(self, ctx, call):
        a = call.args
        if failed(call):
            msg = printers.ptr(a[1])
            prio = printers.ptr(a[3])
        else:
            msg = in_string(ctx, call, a[1], call.ret)
            prio = "NULL"
            if a[3]:
                data = ctx.read(call, a[3], 4)
                prio = (printers.ptr(a[3]) if data is None or len(data) < 4
                        else "[%d]" % struct.unpack(endian(call) + "I", data)[0])
        # the timeout is read by the kernel at entry: printed the same way on failure
        return "%s, %s, %s, %s" % (msg, ulong(call, a[2]), prio, timespec_arg(ctx, call, a[4]))


@register("mq_notify")
class MqNotify(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s" % (fd(ctx, call, a[0]), sigevent_arg(ctx, call, a[1]))


@register("mq_getsetattr")
class MqGetsetattr(Decoder):
    def enter(self, ctx, call):
        a = call.args
        new = "NULL" if not a[1] else mq_attr(ctx, call, a[1], True)
        return "%s, %s, " % (fd(ctx, call, a[0]), new)

    def exit(self, ctx, call):
        a = call.args
        if not a[2]:
            return "NULL"
        if failed(call):
            return printers.ptr(a[2])
        return mq_attr(ctx, call, a[2], True)


@register("ipc")
class Ipc(Decoder):
    """ipc(2) with a call subcalls.py does not know: `ipc(99, 0x1, 0x2, 0x3, 0, 0)`."""
    def enter(self, ctx, call):
        a = call.args
        return ", ".join([printers.udec(a[0], 32)] + [printers.hexnum(v) for v in a[1:6]])

