"""Where a syscall stop's number, arguments and result come from.

PTRACE_GET_SYSCALL_INFO (Linux 5.3+) gives them in one call; otherwise the arch module decodes
PTRACE_GETREGSET(NT_PRSTATUS) (or, where that request fails, the arch's GETREGS_FALLBACK, as
strace's getregs_old). MINITRACE_NO_SYSCALL_INFO=1 forces the register path.
Returns plain tuples; knows nothing of names, decoding or output. RegisterLog (--regs) wraps a
source and keeps the registers of each pid's last syscall stop for the renderer.
"""
import ctypes
import errno
import os
import struct

from minitrace import arch, libc

# linux/ptrace.h struct ptrace_syscall_info: u8 op, u8 pad[3], u32 arch, u64 ip, u64 sp, union
_HEAD = struct.Struct("=BxxxIQQ")
_ENTRY = struct.Struct("=BxxxIQQQ6Q")
_EXIT = struct.Struct("=BxxxIQQqB")
_INFO_SIZE = 88
ERESTART_RESTARTBLOCK = 516     # include/linux/errno.h (kernel-internal)
_OP_ENTRY = libc.PTRACE_SYSCALL_INFO_ENTRY
_OP_EXIT = libc.PTRACE_SYSCALL_INFO_EXIT
_OP_SECCOMP = libc.PTRACE_SYSCALL_INFO_SECCOMP
_GET_SYSCALL_INFO = libc.PTRACE_GET_SYSCALL_INFO
_ptrace = libc.fast_ptrace


class SyscallInfoSource(object):
    """Reads syscall stops with PTRACE_GET_SYSCALL_INFO."""

    uses_regs = False

    def __init__(self, arch_module):
        self._buf = (ctypes.c_ubyte * _INFO_SIZE)()
        self._addr = ctypes.addressof(self._buf)
        self._abi_for = arch_module.abi_for

    def stop(self, pid, expect_entry):
        """Return ('entry', abi, nr, args, ip, sp) or ('exit', rval, is_error, ip) or None."""
        buf = self._buf
        if _ptrace(_GET_SYSCALL_INFO, pid, _INFO_SIZE, buf) == -1:
            libc.raise_errno()
        op = buf[0]
        if op == _OP_EXIT:
            v = _EXIT.unpack_from(buf)
            return ("exit", v[4], v[5], v[2])
        if op == _OP_ENTRY or op == _OP_SECCOMP:
            v = _ENTRY.unpack_from(buf)
            nr = v[4]
            abi = self._abi_for(v[1], nr) or "unknown"
            return ("entry", abi, nr, v[5:11], v[2], v[3])
        return None


    def ip(self, pid):
        """The instruction pointer at any ptrace-stop (op NONE still fills it), or None."""
        try:
            libc.ptrace(libc.PTRACE_GET_SYSCALL_INFO, pid, _INFO_SIZE, self._addr)
        except OSError:
            return None
        return _HEAD.unpack_from(self._buf)[2]


class RegsetSource(object):
    """Reads syscall stops from the register set, decoded by the arch module."""

    uses_regs = True

    def __init__(self, arch_module):
        self.arch = arch_module
        self._buf = ctypes.create_string_buffer(arch_module.REGSET_MAX)
        self._iov = libc.iovec(ctypes.addressof(self._buf), arch_module.REGSET_MAX)
        self._iov_p = ctypes.addressof(self._iov)
        self._clobber = arch_module.ENTRY_ARG0_CLOBBER
        self._stale_nr = arch_module.STALE_NR_ON_RESTART
        self._nr_known = set()      # pids whose number register can be trusted (arm restarts)
        # strace's use_getregs_old, decided at the first read: `regset` is the probing read
        # until PTRACE_GETREGSET first answers, then the plain one (it works) or the arch's
        # GETREGS_FALLBACK (it failed), so no stop after the first pays for the choice
        self._fallback = arch_module.GETREGS_FALLBACK
        if self._fallback is not None:
            self.regset = self._first_regset

    def regset(self, pid):
        self._iov.iov_len = self.arch.REGSET_MAX
        libc.ptrace(libc.PTRACE_GETREGSET, pid, libc.NT_PRSTATUS, self._iov_p)
        return ctypes.string_at(self._buf, self._iov.iov_len)

    def _first_regset(self, pid):
        try:
            data = RegsetSource.regset(self, pid)
        except OSError as e:
            if e.errno in (errno.EPERM, errno.ESRCH):   # says nothing about the request
                raise
            self.regset = self._old_regset
            return self._old_regset(pid)
        self.__dict__.pop("regset", None)               # the class's plain read from now on
        return data

    def _old_regset(self, pid):
        request, size, to_regset = self._fallback
        buf = ctypes.create_string_buffer(size)
        libc.ptrace(request, pid, 0, ctypes.addressof(buf))
        return to_regset(buf.raw)

    def stop(self, pid, expect_entry):
        regs = self.arch.decode(self.regset(pid))
        if expect_entry:
            args = tuple(regs.args)
            if args[0] == self._clobber.get(regs.abi):
                args = (proc_syscall(pid, 1, args[0]),) + args[1:]
            nr = regs.nr
            if regs.abi in self._stale_nr and pid not in self._nr_known:
                self._nr_known.add(pid)
                nr = proc_syscall(pid, 0, nr)
            return ("entry", regs.abi, nr, args, regs.ip, regs.sp)
        ret = regs.ret
        if ret == -ERESTART_RESTARTBLOCK and regs.abi in self._stale_nr:
            self._nr_known.discard(pid)
        return ("exit", ret, -4096 < ret < 0, regs.ip)


    def ip(self, pid):
        try:
            return self.arch.decode(self.regset(pid)).ip
        except (OSError, ValueError):
            return None


def proc_syscall(pid, index, default):
    """Field INDEX (0: the number, 1..6: the arguments) of the syscall a stopped tracee is in,
    from /proc/PID/syscall ("NR ARG1 ... ARG6 SP PC", arguments in hex): the kernel's own view
    (syscall_get_nr/syscall_get_arguments: arm's restart_syscall, riscv64's orig_a0), or DEFAULT
    when the file cannot say (no such file, "running", a kernel without it)."""
    try:
        with open("/proc/%d/syscall" % pid, "rb") as f:
            fields = f.read(256).split()
        return int(fields[index], 16 if index else 10)
    except (OSError, IndexError, ValueError):
        return default


def probe_syscall_info():
    """True if this kernel has PTRACE_GET_SYSCALL_INFO (it answers EIO without it)."""
    if os.environ.get("MINITRACE_NO_SYSCALL_INFO") == "1":
        return False
    try:
        uname = os.uname()
        major, minor = (int(x) for x in uname.release.split(".")[:2])
    except (ValueError, AttributeError):
        return True
    if (major, minor) < (5, 3):
        return False
    # a seccomp filter may refuse the request (EIO, as a kernel without it): ask about
    # ourselves, which a working request answers with ESRCH (we are not our own tracee)
    buf = ctypes.create_string_buffer(128)
    try:
        libc.ptrace(libc.PTRACE_GET_SYSCALL_INFO, os.getpid(), 128, ctypes.addressof(buf))
    except OSError as e:
        return e.errno != errno.EIO
    return True


def make_source(arch_module=None):
    arch_module = arch_module or arch.for_machine()
    if probe_syscall_info():
        return SyscallInfoSource(arch_module)
    return RegsetSource(arch_module)


class RegisterWriter(object):
    """Changes a stopped tracee's syscall number and result (fault injection), through the arch
    module's with_nr/with_ret and PTRACE_SETREGSET (plus NR_REQUEST where an arch needs it)."""

    def __init__(self, arch_module):
        self.arch = arch_module
        self.reader = RegsetSource(arch_module)

    def _setregset(self, pid, note, data):
        buf = ctypes.create_string_buffer(bytes(data), len(data))
        iov = libc.iovec(ctypes.addressof(buf), len(data))
        libc.ptrace(libc.PTRACE_SETREGSET, pid, note, ctypes.addressof(iov))

    def set_nr(self, pid, nr):
        arch = self.arch
        self._setregset(pid, arch.NR_REGSET, arch.with_nr(self.reader.regset(pid), nr))
        if arch.NR_REQUEST is not None:
            libc.ptrace(arch.NR_REQUEST, pid, 0, nr)

    def set_ret(self, pid, value):
        self._setregset(pid, libc.NT_PRSTATUS, self.arch.with_ret(self.reader.regset(pid), value))


class RegisterLog(object):
    """--regs: wraps a regs source and keeps, per pid, the registers of its last syscall stop
    (names from the arch's REG_NAMES). Made only with --regs: the default path never sees it.

    With PTRACE_GET_SYSCALL_INFO the values are the nr/args/rval the kernel reports; with the
    register path they are read from the regset at the registers STOP_REGS names (x86_64: the
    number from orig_rax, shown under its calling-convention name rax)."""

    def __init__(self, source, arch_module):
        self.source = source
        self.arch = arch_module
        self.uses_regs = source.uses_regs
        self.entry = {}       # pid -> (abi, nr, args)
        self.exit = {}        # pid -> ret

    def stop(self, pid, expect_entry):
        info = self.source.stop(pid, expect_entry)
        if info is None:
            return info
        if self.uses_regs:
            regs = self.arch.decode(self.source.regset(pid))
            where = self.arch.STOP_REGS.get(regs.abi)
            if where is None:
                return info
            values = regs.values
            if info[0] == "entry":
                self.entry[pid] = (regs.abi, values[where["nr"]],
                                   tuple(values[r] for r in where["args"]))
            else:
                self.exit[pid] = regs.ret
        elif info[0] == "entry":
            self.entry[pid] = (info[1], info[2], tuple(info[3]))
        else:
            self.exit[pid] = info[1]
        return info

    def ip(self, pid):
        return self.source.ip(pid)

    def of(self, call):
        """{"entry": [(reg, value), ...], "exit": [(reg, value)] or absent} of a completed call
        (its pid's last stops), or None when they are not known."""
        got = self.entry.get(call.pid)
        names = self.arch.REG_NAMES.get(call.abi)
        if got is None or names is None or got[1] != call.nr:
            return None
        abi, nr, args = got
        count = call.entry.nargs if call.entry.known else 6
        out = {"entry": [(names["nr"], nr)] + list(zip(names["args"][:count], args[:count]))}
        if call.ret is not None and call.pid in self.exit:
            out["exit"] = [(names["ret"], self.exit[call.pid])]
        return out
