"""Decoders of the process family (strace 6.1's execve.c, clone.c, wait.c, prctl.c, resource.c,
uid.c, ...): execve, exit, clone/clone3, wait4/waitid, kill/tkill/tgkill, the id calls, prctl,
arch_prctl, rlimits, uname, getrandom, rseq, umask, personality, sched affinity, rusage, times.

argv is printed in full (elements cut by -s, the array by -s elements unless -v); envp as
`0x7ffc... /* 23 vars */`, or in full with -v. Structs are read in the tracee ABI's layout.
"""
import struct

from minitrace import printers
from minitrace.arch import long_bits, long_mask
from minitrace.decode import register
from minitrace.decode.array import print_array, unpacker
from minitrace.decode.common import (const, dirfd, endian, enum_text, failed, fd, flag_text,
                                     indirect_int, indirect_ptr, nonzero_bytes, number_struct,
                                     pid_arg, pid_by_selector, pid_or_pgid, read_ints,
                                     read_longs, read_struct, sig, sint)
from minitrace.decode.clock import TIMEVAL
from minitrace.decode.generic import Decoder, cstring_arg, path_arg
from minitrace.decode.layout import Struct, named
from minitrace.decode.signals import signame, siginfo

MAX_ARRAY = 1 << 16     # bound on argv/envp elements counted in a hostile tracee


def read_pointer_array(ctx, call, addr, limit):
    """Up to `limit` pointers of a NULL-terminated array; (pointers, complete, readable)."""
    bits = long_bits(call.abi)
    size = bits // 8
    code = "I" if bits == 32 else "Q"
    out = []
    chunk = 64
    while len(out) < limit:
        want = min(chunk, limit - len(out))
        data = ctx.read(call, addr + len(out) * size, want * size)
        if not data:
            return out, False, bool(out)
        n = len(data) // size
        values = number_struct(call.abi, n, code).unpack_from(data)
        if 0 in values:
            out.extend(values[:values.index(0)])
            return out, True, True
        out.extend(values)
        if n < want:
            return out, False, True
    return out, False, True


def string_array(ctx, call, addr):
    """`["ls", "-l"]` as strace's printargv: each element cut by -s, the array cut at -s
    elements (`...`) unless -v, `..., ... /* 0x7ffc... */]` when it runs into unreadable
    memory; the address when -e verbose= excludes the call or nothing can be read."""
    if not addr or not ctx.style.deref:
        return printers.ptr(addr)
    verbose = ctx.style.verbose
    cap = MAX_ARRAY if verbose else ctx.style.string_limit + 1
    ptrs, complete, readable = read_pointer_array(ctx, call, addr, cap)
    if not readable:
        return printers.ptr(addr)
    parts = [cstring_arg(ctx, call, p) for p in ptrs[:cap - 1 if not verbose else cap]]
    if not verbose and len(ptrs) >= cap:
        parts.append("...")
    elif not complete and len(ptrs) < cap:
        size = long_bits(call.abi) // 8
        parts.append("... /* %s */" % printers.ptr(addr + len(ptrs) * size))
    return "[" + ", ".join(parts) + "]"


def env_summary(ctx, call, addr):
    """`0x7ffc... /* 23 vars */`, or the whole array with -v."""
    if not addr:
        return "NULL"
    if ctx.style.verbose:
        return string_array(ctx, call, addr)
    ptrs, complete, readable = read_pointer_array(ctx, call, addr, MAX_ARRAY)
    if not readable:
        return printers.ptr(addr)
    # strace: "1 var", "N vars"; an array running into unreadable memory is "unterminated"
    unterminated = not complete and len(ptrs) < MAX_ARRAY
    return "%s /* %d var%s%s */" % (printers.ptr(addr), len(ptrs), "" if len(ptrs) == 1 else "s",
                                    ", unterminated" if unterminated else "")


@register("execve")
class Execve(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s" % (path_arg(ctx, call, a[0]), string_array(ctx, call, a[1]),
                               env_summary(ctx, call, a[2]))


# xlat/at_flags.in (linux/fcntl.h)
AT_FLAGS = ("AT_SYMLINK_NOFOLLOW", "AT_REMOVEDIR", "AT_SYMLINK_FOLLOW", "AT_NO_AUTOMOUNT",
            "AT_EMPTY_PATH", "AT_RECURSIVE")


@register("execveat")
class Execveat(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s, %s, %s" % (
            dirfd(ctx, call, a[0]), path_arg(ctx, call, a[1]),
            string_array(ctx, call, a[2]), env_summary(ctx, call, a[3]),
            flag_text(ctx, call, a[4] & 0xffffffff, AT_FLAGS, "AT_???"))


@register("exit", "exit_group")
class Exit(Decoder):
    enter_while_running = True     # numbers only

    def enter(self, ctx, call):
        return printers.sdec(call.args[0], 32)



# ---------------------------------------------------------------------------------------------
# helpers shared by this family

# ---------------------------------------------------------------------------------------------
# clone, clone3

# xlat/clone_flags.in (include/uapi/linux/sched.h), in strace's order
CLONE_NAMES = ("CLONE_VM", "CLONE_FS", "CLONE_FILES", "CLONE_SIGHAND", "CLONE_PIDFD",
               "CLONE_PTRACE", "CLONE_VFORK", "CLONE_PARENT", "CLONE_THREAD", "CLONE_NEWNS",
               "CLONE_SYSVSEM", "CLONE_SETTLS", "CLONE_PARENT_SETTID", "CLONE_CHILD_CLEARTID",
               "CLONE_UNTRACED", "CLONE_CHILD_SETTID", "CLONE_NEWCGROUP", "CLONE_NEWUTS",
               "CLONE_NEWIPC", "CLONE_NEWUSER", "CLONE_NEWPID", "CLONE_NEWNET", "CLONE_IO",
               "CLONE_NEWTIME")
# clone3 also knows the 64-bit flags of xlat/clone3_flags.in, printed after the others
CLONE3_NAMES = CLONE_NAMES + ("CLONE_CLEAR_SIGHAND", "CLONE_INTO_CGROUP")
# clone's argument order (kernel/fork.c CONFIG_CLONE_BACKWARDS*, as strace's clone.c sees it):
# (flags, stack, parent_tid, child_tid, tls) by ABI; the default is CLONE_BACKWARDS.
CLONE_ARGS = {"x86_64": (0, 1, 2, 3, 4), "x32": (0, 1, 2, 3, 4), "s390x": (1, 0, 2, 3, 4)}
CLONE_ARGS_DEFAULT = (0, 1, 2, 4, 3)


def clone_flags(ctx, call, flags, signal):
    """`CLONE_VM|...|SIGCHLD` (strace: the flags, then the exit signal, `0` if neither)."""
    parts = []
    if flags:
        parts.append(flag_text(ctx, call, flags, CLONE_NAMES, "CLONE_???"))
    if signal or not flags:
        parts.append(sig(ctx, call, signal))
    return "|".join(parts)


def indirect_fd(ctx, call, addr):
    """`[3]` (with -y `[3</path>]`) of a descriptor the kernel wrote (strace's printnum_fd)."""
    return indirect_int(ctx, call, addr, lambda v: fd(ctx, call, v))


@register("clone")
class Clone(Decoder):
    enter_while_running = True     # numbers only
    ret_pid = "tid"

    def _idx(self, call):
        return CLONE_ARGS.get(call.abi, CLONE_ARGS_DEFAULT)

    def _flags(self, ctx, call):
        raw = call.args[self._idx(call)[0]] & long_mask(call.abi)
        csignal = const(ctx, call, "CSIGNAL") or 0xff
        return raw & ~csignal, raw & csignal

    def enter(self, ctx, call):
        i = self._idx(call)
        flags, signal = self._flags(ctx, call)
        return "child_stack=%s, flags=%s" % (printers.ptr(call.args[i[1]]),
                                             clone_flags(ctx, call, flags, signal))

    def exit(self, ctx, call):
        """parent_tid, tls, child_tidptr: in strace's order, each when its flag asks for it."""
        i = self._idx(call)
        a = call.args
        flags = self._flags(ctx, call)[0]
        c = ctx.constants(call.abi)
        out = []
        if flags & c.get("CLONE_PARENT_SETTID", 0):
            out.append("parent_tid=" + indirect_int(ctx, call, a[i[2]],
                                                     lambda v: pid_arg(ctx, call, v, "tid")))
        elif flags & c.get("CLONE_PIDFD", 0):
            out.append("parent_tid=" + indirect_fd(ctx, call, a[i[2]]))
        if flags & c.get("CLONE_SETTLS", 0):
            out.append("tls=" + printers.ptr(a[i[4]]))
        if flags & (c.get("CLONE_CHILD_SETTID", 0) | c.get("CLONE_CHILD_CLEARTID", 0)):
            out.append("child_tidptr=" + printers.ptr(a[i[3]]))
        return "".join(", " + x for x in out)


# xlat/setns_types.in and xlat/unshare_flags.in (linux/sched.h), in strace's order
SETNS_TYPES = ("CLONE_NEWTIME", "CLONE_NEWNS", "CLONE_NEWCGROUP", "CLONE_NEWUTS", "CLONE_NEWIPC",
               "CLONE_NEWUSER", "CLONE_NEWPID", "CLONE_NEWNET")
UNSHARE_FLAGS = ("CLONE_NEWTIME", "CLONE_VM", "CLONE_FS", "CLONE_FILES", "CLONE_SIGHAND",
                 "CLONE_THREAD", "CLONE_NEWNS", "CLONE_SYSVSEM", "CLONE_NEWCGROUP",
                 "CLONE_NEWUTS", "CLONE_NEWIPC", "CLONE_NEWUSER", "CLONE_NEWPID", "CLONE_NEWNET")


@register("setns")
class Setns(Decoder):
    def enter(self, ctx, call):
        return "%s, %s" % (fd(ctx, call, call.args[0]),
                           flag_text(ctx, call, call.args[1] & 0xffffffff, SETNS_TYPES,
                                     "CLONE_NEW???"))


@register("unshare")
class Unshare(Decoder):
    def enter(self, ctx, call):
        return flag_text(ctx, call, call.args[0] & long_mask(call.abi),
                         UNSHARE_FLAGS, "CLONE_???")


# struct clone_args (linux/sched.h): eleven __aligned_u64
_CLONE_ARGS_FIELDS = ("flags", "pidfd", "child_tid", "parent_tid", "exit_signal", "stack",
                      "stack_size", "tls", "set_tid", "set_tid_size", "cgroup")
CLONE_ARGS_STRUCT = named("clone_args", Struct("clone_args",
                                                [(n, "u64") for n in _CLONE_ARGS_FIELDS]))
_CLONE_ARGS_MIN = 64        # offsetofend(struct clone_args, tls) (CLONE_ARGS_SIZE_VER0)
_CGROUP_OFFSET = 80         # offsetof(struct clone_args, cgroup)
_SET_TID_MAX = 32           # kernel/fork.c: MAX_PID_NS_LEVEL
_INT_MAX = 0x7fffffff


@register("clone3")
class Clone3(Decoder):
    enter_while_running = True     # struct clone_args (the kernel writes through its pointers, not into it)
    ret_pid = "tid"

    def _sizes(self, call):
        """(size, bytes strace fetches)."""
        size = call.args[1] & long_mask(call.abi)
        return size, min(size, CLONE_ARGS_STRUCT.on(call.abi).size)

    def _read(self, ctx, call, fetch):
        if fetch < _CLONE_ARGS_MIN:
            return None
        data = ctx.read(call, call.args[0], fetch)
        if data is None or len(data) < fetch:
            return None
        # a shorter (older) struct reads as zeros past its end, as the kernel does
        st = CLONE_ARGS_STRUCT.on(call.abi)
        return st.dict(bytes(data).ljust(st.size, b"\0"))

    def _later(self, ctx, call, a, size, fetch):
        """strace finishes the line at exit when the kernel writes something back (or there
        are bytes past the struct it knows)."""
        c = ctx.constants(call.abi)
        return bool(a["flags"] & (c.get("CLONE_PIDFD", 0) | c.get("CLONE_PARENT_SETTID", 0))
                    or size > fetch)

    def enter(self, ctx, call):
        size, fetch = self._sizes(call)
        a = self._read(ctx, call, fetch)
        if a is None:
            return "%s, %d" % (printers.ptr(call.args[0]), size)
        c = ctx.constants(call.abi)
        f = a["flags"]
        parts = ["flags=" + flag_text(ctx, call, f, CLONE3_NAMES, "CLONE_???")]
        if f & c.get("CLONE_PIDFD", 0):
            parts.append("pidfd=" + printers.ptr(a["pidfd"]))
        if f & (c.get("CLONE_CHILD_SETTID", 0) | c.get("CLONE_CHILD_CLEARTID", 0)):
            parts.append("child_tid=" + printers.ptr(a["child_tid"]))
        if f & c.get("CLONE_PARENT_SETTID", 0):
            parts.append("parent_tid=" + printers.ptr(a["parent_tid"]))
        if a["exit_signal"] < _INT_MAX:
            parts.append("exit_signal=" + sig(ctx, call, a["exit_signal"]))
        else:
            parts.append("exit_signal=%d" % a["exit_signal"])
        parts.append("stack=" + printers.ptr(a["stack"]))
        parts.append("stack_size=" + printers.hexnum(a["stack_size"]))
        if f & c.get("CLONE_SETTLS", 0):
            parts.append("tls=" + printers.ptr(a["tls"]))
        if a["set_tid"] or a["set_tid_size"]:
            n = a["set_tid_size"]
            if not a["set_tid"] or not n or n > _SET_TID_MAX:
                parts.append("set_tid=" + printers.ptr(a["set_tid"]))
            else:
                parts.append("set_tid=" + print_array(ctx, call, a["set_tid"], n, 4,
                                                      unpacker(call, "i"), str))
            parts.append("set_tid_size=%d" % n)
        if fetch > _CGROUP_OFFSET and (a["cgroup"] or f & c.get("CLONE_INTO_CGROUP", 0)):
            parts.append("cgroup=%d" % a["cgroup"])
        if size > fetch:
            tail = nonzero_bytes(ctx, call, call.args[0], fetch, size)
            if tail is not None:
                parts.append(tail)
        text = "{" + ", ".join(parts) + "}"
        if self._later(ctx, call, a, size, fetch):
            call.saved = "clone3"          # the line is finished at exit
            return text
        return "%s, %d" % (text, size)

    def exit(self, ctx, call):
        if call.saved != "clone3":
            return ""
        size, fetch = self._sizes(call)
        tail = ", %d" % size
        if failed(call):
            return tail
        a = self._read(ctx, call, fetch)     # read again: what the kernel wrote back
        if a is None:
            return " => %s%s" % (printers.ptr(call.args[0]), tail)
        c = ctx.constants(call.abi)
        out = []
        if a["flags"] & c.get("CLONE_PIDFD", 0):
            out.append("pidfd=" + indirect_fd(ctx, call, a["pidfd"]))
        if a["flags"] & c.get("CLONE_PARENT_SETTID", 0):
            out.append("parent_tid=" + indirect_int(ctx, call, a["parent_tid"],
                                                     lambda v: pid_arg(ctx, call, v, "tid")))
        if size > fetch:
            more = nonzero_bytes(ctx, call, call.args[0], fetch, size)
            if more is not None:
                out.append(more)
        return (" => {" + ", ".join(out) + "}" if out else "") + tail


# ---------------------------------------------------------------------------------------------
# wait4, waitid

# xlat/wait4_options.in as strace 6.1 prints it: WUNTRACED's value is named WSTOPPED, after
# WEXITED; the __W flags from the highest bit down
WAIT_NAMES = ("WNOHANG", "WEXITED", "WSTOPPED", "WCONTINUED", "WNOWAIT", "__WCLONE", "__WALL",
              "__WNOTHREAD")
IDTYPE_NAMES = ("P_ALL", "P_PID", "P_PGID", "P_PIDFD")
PTRACE_EVENT_NAMES = ("PTRACE_EVENT_FORK", "PTRACE_EVENT_VFORK", "PTRACE_EVENT_CLONE",
                      "PTRACE_EVENT_EXEC", "PTRACE_EVENT_VFORK_DONE", "PTRACE_EVENT_EXIT",
                      "PTRACE_EVENT_SECCOMP", "PTRACE_EVENT_STOP")


def wait_status(ctx, call, status):
    """`[{WIFEXITED(s) && WEXITSTATUS(s) == 0}]` (strace's printstatus)."""
    status &= 0xffffffff
    low = status & 0x7f
    consts = ctx.constants(call.abi)         # the status names signals whatever -X says
    if status & 0xff == 0x7f:
        s = (status >> 8) & 0xff
        text = "{WIFSTOPPED(s) && WSTOPSIG(s) == %s%s}" % (signame(consts, s & 0x7f),
                                                          " | 0x80" if s & 0x80 else "")
        status &= ~((s << 8) | 0x7f)
    elif low and low != 0x7f:
        text = "{WIFSIGNALED(s) && WTERMSIG(s) == %s%s}" % (
            signame(consts, low), " && WCOREDUMP(s)" if status & 0x80 else "")
        status &= ~(low | 0x80)
    elif low == 0 and status & 0xffff != 0xffff:
        text = "{WIFEXITED(s) && WEXITSTATUS(s) == %d}" % ((status >> 8) & 0xff)
        status &= ~0xff00
    elif status & 0xffff == 0xffff:
        text = "{WIFCONTINUED(s)}"
        status &= ~0xffff
    else:
        return "[%#x]" % status
    if status >> 16:
        text += " | %s << 16" % enum_text(ctx, call, status >> 16, PTRACE_EVENT_NAMES,
                                        "PTRACE_EVENT_???")
        status &= 0xffff
    if status:
        text += " | %#x" % status
    return "[" + text + "]"


def timeval(sec, usec):
    """strace's print_timeval: tv_usec unsigned (a negative one zero-extended from its size)."""
    return "{tv_sec=%d, tv_usec=%d}" % (sec, usec)


_RUSAGE_LONGS = ("ru_maxrss", "ru_ixrss", "ru_idrss", "ru_isrss", "ru_minflt", "ru_majflt",
                 "ru_nswap", "ru_inblock", "ru_oublock", "ru_msgsnd", "ru_msgrcv",
                 "ru_nsignals", "ru_nvcsw", "ru_nivcsw")


# struct rusage (linux/resource.h): __kernel_old_timeval and __kernel_long_t, 64-bit for x32
# (getrusage and wait4 are common syscalls there)
RUSAGE = named("rusage", Struct("rusage", [("ru_utime", TIMEVAL), ("ru_stime", TIMEVAL)]
                                + [(n, "klong") for n in _RUSAGE_LONGS]))


def rusage(ctx, call, addr):
    """`{ru_utime={tv_sec=0, tv_usec=73}, ru_stime={...}, ...}`, every field with -v."""
    compiled = RUSAGE.on(call.abi)
    v = read_struct(ctx, call, addr, compiled)
    if v is None:
        return printers.ptr(addr)

    def u(name):        # strace prints every field but tv_sec unsigned (PRINT_FIELD_U)
        return v[name] & ((1 << (8 * compiled.fields[name][1])) - 1)
    text = "{ru_utime=%s, ru_stime=%s" % (timeval(v["ru_utime.tv_sec"], u("ru_utime.tv_usec")),
                                          timeval(v["ru_stime.tv_sec"], u("ru_stime.tv_usec")))
    if ctx.style.verbose:
        return text + "".join(", %s=%d" % (n, u(n)) for n in _RUSAGE_LONGS) + "}"
    return text + ", ...}"


@register("wait4", "waitpid")
class Wait4(Decoder):
    enter_while_running = True     # numbers only
    ret_pid = "tgid"

    def enter(self, ctx, call):
        return pid_or_pgid(ctx, call, call.args[0]) + ", "

    def exit(self, ctx, call):
        a = call.args
        if failed(call) or call.ret == 0 or not a[1]:
            status = printers.ptr(a[1])
        else:
            vals = read_ints(ctx, call, a[1], 1)
            status = printers.ptr(a[1]) if vals is None else wait_status(ctx, call, vals[0])
        options = flag_text(ctx, call, a[2] & 0xffffffff, WAIT_NAMES, "W???")
        if self.name == "waitpid":                  # no rusage argument
            return "%s, %s" % (status, options)
        ru = rusage(ctx, call, a[3]) if not failed(call) and call.ret > 0 else printers.ptr(a[3])
        return "%s, %s, %s" % (status, options, ru)


@register("waitid")
class Waitid(Decoder):
    def enter(self, ctx, call):
        a = call.args
        idtype = a[0] & 0xffffffff
        if idtype == const(ctx, call, "P_PIDFD"):
            ident = fd(ctx, call, a[1])
        else:
            ident = pid_by_selector(ctx, call, a[1], idtype, WAITID_PID_KINDS)
        return "%s, %s, " % (enum_text(ctx, call, idtype, IDTYPE_NAMES, "P_???"), ident)

    def exit(self, ctx, call):
        a = call.args
        info = printers.ptr(a[2])
        if a[2] and not failed(call):
            raw = ctx.read(call, a[2], 128)
            if raw is not None and len(raw) == 128:
                info = "{}" if raw[:4] == b"\0\0\0\0" else siginfo(
                    ctx.constants(call.abi), raw, ctx.style, call.abi,
                    pid_text=lambda n: pid_arg(ctx, call, n, "tgid"))
        ru = rusage(ctx, call, a[4]) if not failed(call) else printers.ptr(a[4])
        return "%s, %s, %s" % (info, flag_text(ctx, call, a[3] & 0xffffffff, WAIT_NAMES, "W???"),
                               ru)


# waitid's id by its idtype (strace's waitid; P_PIDFD's is a descriptor)
WAITID_PID_KINDS = (("P_PID", "tgid"), ("P_PGID", "pgid"))


# ---------------------------------------------------------------------------------------------
# signals sent to processes

@register("kill")
class Kill(Decoder):
    enter_while_running = True     # numbers only

    def enter(self, ctx, call):
        return "%s, %s" % (pid_or_pgid(ctx, call, call.args[0]),
                           sig(ctx, call, call.args[1] & 0xffffffff))


@register("tkill")
class Tkill(Decoder):
    enter_while_running = True     # numbers only

    def enter(self, ctx, call):
        return "%s, %s" % (pid_arg(ctx, call, call.args[0], "tid"),
                           sig(ctx, call, call.args[1] & 0xffffffff))


@register("tgkill")
class Tgkill(Decoder):
    enter_while_running = True     # numbers only

    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s" % (pid_arg(ctx, call, a[0], "tgid"), pid_arg(ctx, call, a[1], "tid"),
                               sig(ctx, call, a[2] & 0xffffffff))


# ---------------------------------------------------------------------------------------------
# the process's ids (strace's getpid.c): results that are pids

@register("getpid", "getppid", "fork", "vfork")
class ProcessId(Decoder):
    ret_pid = "tgid"


@register("gettid")
class ThreadId(Decoder):
    ret_pid = "tid"


@register("getpgrp")
class ProcessGroup(Decoder):
    ret_pid = "pgid"


@register("getpgid")
class GetPgid(Decoder):
    ret_pid = "pgid"

    def enter(self, ctx, call):
        return pid_arg(ctx, call, call.args[0], "tgid")


@register("getsid")
class GetSid(Decoder):
    ret_pid = "sid"

    def enter(self, ctx, call):
        return pid_arg(ctx, call, call.args[0], "tgid")


@register("setpgid")
class SetPgid(Decoder):
    def enter(self, ctx, call):
        return "%s, %s" % (pid_arg(ctx, call, call.args[0], "tgid"),
                           pid_arg(ctx, call, call.args[1], "pgid"))


# ---------------------------------------------------------------------------------------------
# user and group ids (strace's printuid: -1 stays -1, others unsigned)

def uid(call, value, bits):
    value &= (1 << bits) - 1
    return "-1" if value == (1 << bits) - 1 else str(value)


def id_bits(name, abi):
    """The legacy 16-bit id calls of i386/arm (setuid vs setuid32)."""
    return 16 if abi in ("i386", "arm") and not name.endswith("32") else 32


@register("setuid", "setgid", "setfsuid", "setfsgid", "setreuid", "setregid", "setresuid",
          "setresgid", "setuid32", "setgid32", "setfsuid32", "setfsgid32", "setreuid32",
          "setregid32", "setresuid32", "setresgid32")
class SetIds(Decoder):
    def __init__(self, name):
        Decoder.__init__(self, name)
        base = name.replace("32", "")
        self.count = 3 if base.startswith("setres") else 2 if base.startswith("setre") else 1

    def enter(self, ctx, call):
        bits = id_bits(self.name, call.abi)
        return ", ".join(uid(call, call.args[i], bits) for i in range(self.count))


@register("getresuid", "getresgid", "getresuid32", "getresgid32")
class GetResIds(Decoder):
    def exit(self, ctx, call):
        bits = id_bits(self.name, call.abi)
        out = []
        for addr in call.args[:3]:
            text = printers.ptr(addr)
            if not failed(call) and addr:
                data = ctx.read(call, addr, bits // 8)
                if data is not None and len(data) == bits // 8:
                    v = struct.unpack(endian(call) + ("I" if bits == 32 else "H"), data)
                    text = "[%s]" % uid(call, v[0], bits)
            out.append(text)
        return ", ".join(out)


def gid_array(ctx, call, addr, count, bits):
    """`[0, 4294967294, ...]` as strace's print_array (-1 stays -1), `... /* addr */` where the
    memory ends."""
    return print_array(ctx, call, addr, count, bits // 8,
                       unpacker(call, "I" if bits == 32 else "H"), lambda v: uid(call, v, bits))


@register("getgroups", "getgroups32")
class Getgroups(Decoder):
    def enter(self, ctx, call):
        return sint(call.args[0]) + ", "

    def exit(self, ctx, call):
        a = call.args
        if failed(call):
            return printers.ptr(a[1])
        # strace reads as many ids as the result counts, even when the size was 0
        return gid_array(ctx, call, a[1], call.ret, id_bits(self.name, call.abi))


@register("setgroups", "setgroups32")
class Setgroups(Decoder):
    def enter(self, ctx, call):
        a = call.args
        n = printers.to_signed(a[0], 32)
        if n < 0 or n > 65536:
            return "%d, %s" % (n, printers.ptr(a[1]))
        return "%d, %s" % (n, gid_array(ctx, call, a[1], n, id_bits(self.name, call.abi)))





# ---------------------------------------------------------------------------------------------
# robust futex lists

@register("get_robust_list")
class GetRobustList(Decoder):
    """`get_robust_list(pid, [0x7f...], [24])`: the head pointer and the length it wrote (the
    addresses when the call failed, as strace's umove_or_printaddr)."""

    def enter(self, ctx, call):
        return pid_arg(ctx, call, call.args[0], "tid") + ", "

    def exit(self, ctx, call):
        a = call.args
        if failed(call):
            return "%s, %s" % (printers.ptr(a[1]), printers.ptr(a[2]))
        length = read_longs(ctx, call, a[2], 1) if a[2] else None
        return "%s, %s" % (indirect_ptr(ctx, call, a[1]),
                           printers.ptr(a[2]) if length is None else "[%d]" % length[0])
