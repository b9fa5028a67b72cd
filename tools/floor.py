#!/usr/bin/env python3
"""The floor of any tracer written in CPython on ctypes: a bare ptrace loop, nothing decoded.

    python3 tools/floor.py [--spin N] [--print FILE | --read FILE | --count FILE] COMMAND [ARGS...]
    python3 tools/floor.py [--spin N] [--print FILE | --read FILE | --count FILE] -p PID

Starts COMMAND traced (following forks, vforks, clones and execs, as `strace -f`) and at every
stop does only what any syscall tracer must: waitpid, one PTRACE_GET_SYSCALL_INFO at a syscall
stop, and the resume (PTRACE_SYSCALL), with ctypes called without argtypes, through a PyDLL
handle (the GIL kept over the call: the cheapest call ctypes has). Prints nothing.
`--spin N` polls waitpid with WNOHANG up to N times before blocking (the vCPU does not halt
between stops). `--print FILE` adds the least any tracer that prints strace's lines must add:
at each syscall exit, one line `NAME(ARG, ARG, ARG) = RET` written (buffered) to FILE, with up to
32 bytes of the buffer of a read or a write fetched from the tracee (process_vm_readv) and printed
in hex (strace escapes them, which costs more): a lower bound of decoding, for the `floor-print`
column. `--read FILE` is --print reading, at each stop, the tracee memory strace reads for the
call (READS) and asking for a socket's protocol where strace does, all of it printed in hex,
nothing decoded: the `floor-read` column, a lower bound that makes strace's own system calls.
`--count FILE` adds instead the least any tracer that counts as `strace -c` must add:
every wait is a wait4 with the tracee's rusage (strace -c's system time per call), each entry
keeps its number and system time, each exit adds its call, error and time to its number's row;
FILE gets one line per number at the end (the `floor-count` column of W1-c). Exits with
COMMAND's status. Used by tools/bench.py as the `floor` column.
`-p PID` attaches to every thread of a running process instead (PTRACE_SEIZE, following its new
threads and children, as `strace -f -p`), says `floor: attached` on stderr, and runs until the
process ends or the floor is killed (its tracees are then detached by the kernel): the floor of
W4, the live server (with `--print`, its floor-print: the file is flushed as the loop ends or
at SIGINT).
Stdlib only; x86_64 and every other Linux architecture with PTRACE_GET_SYSCALL_INFO (5.3+);
`--read` knows x86_64's syscall numbers only.
"""
import ctypes
import ctypes.util
import os
import signal
import struct
import sys

PTRACE_TRACEME, PTRACE_SYSCALL, PTRACE_SETOPTIONS = 0, 24, 0x4200
PTRACE_SEIZE, PTRACE_INTERRUPT = 0x4206, 0x4207
PTRACE_GETEVENTMSG, PTRACE_GET_SYSCALL_INFO = 0x4201, 0x420e
OPTIONS = (0x01 | 0x02 | 0x04 | 0x08 | 0x10 | 0x00100000)   # SYSGOOD FORK VFORK CLONE EXEC EXITKILL
WALL = 0x40000000
SYSCALL_STOP = (0x80 | signal.SIGTRAP)


class Iovec(ctypes.Structure):
    _fields_ = (("base", ctypes.c_void_p), ("len", ctypes.c_size_t))


class LinePrinter(object):
    """--print: the lines of syscall exits, from the PTRACE_GET_SYSCALL_INFO buffer."""

    def __init__(self, libc, out):
        self.out = out
        self.entries = {}
        self.names = {0: "read", 1: "write"}     # x86_64 numbers: W1's two calls
        self.data = ctypes.create_string_buffer(32)
        self.local = Iovec(ctypes.addressof(self.data), 32)
        self.remote = Iovec(0, 0)
        self.readv = libc.process_vm_readv
        self.readv.restype = ctypes.c_ssize_t
        self.local_ref, self.remote_ref = ctypes.byref(self.local), ctypes.byref(self.remote)

    def stop(self, tid, info):
        op = info[0]
        if op == b"\x01":                                   # entry: nr and the first three arguments
            self.entries[tid] = struct.unpack_from("<4Q", info, 24)
        elif op == b"\x02" and tid in self.entries:         # exit: the return value
            nr, a0, a1, a2 = self.entries.pop(tid)
            ret = struct.unpack_from("<q", info, 24)[0]
            name = self.names.get(nr)
            if name is None:
                arg = "%#x" % a1
                name = "syscall_%d" % nr
            else:
                self.remote.base, self.remote.len = a1, min(a2, 32)
                got = self.readv(tid, self.local_ref, 1, self.remote_ref, 1, 0)
                arg = self.data.raw[:max(got, 0)].hex()
            self.out.write("%s(%d, %s, %d) = %d\n" % (name, a0, arg, a2, ret))

    def close(self):
        self.out.close()


# --read: what strace reads of each call (x86_64 numbers; the calls of W1, W2 and W4): its name,
# the reads at entry and at exit, each (argument, size), the size a number of bytes or one of
# the rules below, read only where the argument is not NULL; last, the descriptor argument
# whose socket protocol strace asks the kernel for (getxattr system.sockprotoname, as for a
# send or a receive), or None.
ARG2, RET, STRING, NFDS, ARG1, TIMEOUT = "arg2", "ret", "string", "nfds", "arg1", "timeout"
ALL = "all"             # the whole buffer of the return value's size (getdents64's)
SOCKADDR = 16
READS = {
    0: ("read", (), ((1, RET),), None),
    1: ("write", ((1, ARG2),), (), None),
    7: ("poll", ((0, NFDS),), ((0, NFDS),), None),
    13: ("rt_sigaction", ((1, 32),), ((2, 32),), None),
    14: ("rt_sigprocmask", ((1, 8),), ((2, 8),), None),
    17: ("pread64", (), ((1, RET),), None),
    21: ("access", ((0, STRING),), (), None),
    44: ("sendto", ((1, ARG2), (4, SOCKADDR)), (), 0),
    45: ("recvfrom", ((5, 4),), ((1, RET), (4, SOCKADDR)), 0),
    51: ("getsockname", ((2, 4),), ((1, SOCKADDR), (2, 4)), None),
    59: ("execve", ((0, STRING),), (), None),
    61: ("wait4", (), ((1, 4),), None),
    79: ("getcwd", (), ((0, STRING),), None),
    202: ("futex", ((3, TIMEOUT),), (), None),
    217: ("getdents64", (), ((1, ALL),), None),
    257: ("openat", ((1, STRING),), (), None),
    262: ("newfstatat", ((1, STRING),), ((2, 144),), None),
    288: ("accept4", ((2, 4),), ((1, SOCKADDR), (2, 4)), None),
    302: ("prlimit64", ((2, 16),), ((3, 16),), None),
    435: ("clone3", ((0, ARG1),), ((0, ARG1),), None),
}
SHOWN = 32              # bytes of a buffer printed (strace's default -s)
PAGE = 4096
MOST = 1 << 16          # the most read at once (the local buffer's size)
# each rule's size, from the arguments, the return value (0 at entry) and the address (ARG2's
# and RET's, the commonest, are made in ReadingPrinter.reads: up to SHOWN of the second
# argument or the return value)
SIZES = {
    ALL: lambda args, ret, addr: ret,
    STRING: lambda args, ret, addr: min(256, PAGE - addr % PAGE),   # to the page's end
    NFDS: lambda args, ret, addr: 8 * args[1],
    ARG1: lambda args, ret, addr: args[1],
    # FUTEX_WAIT and FUTEX_WAIT_BITSET take a timeout; the other commands a number there
    TIMEOUT: lambda args, ret, addr: 16 if args[1] & 0x7f in (0, 9) else 0,
}
DENTS = struct.Struct("<QqH")
ARGS = struct.Struct("<7Q")             # the number and the six arguments of an entry
RET_VALUE = struct.Struct("<q")


class ReadingPrinter(LinePrinter):
    """--read: floor-print reading, at each syscall stop, the memory strace reads for the call
    (READS: the same process_vm_readv calls, and its getxattr for a socket's protocol), printed
    in hex at the exit with every argument; a getdents64 buffer is walked for its entry count,
    as strace's `/* N entries */`. Nothing is decoded: a lower bound of the cost of printing
    strace's lines for a workload of these calls."""

    def __init__(self, libc, out):
        LinePrinter.__init__(self, libc, out)
        self.buffer = bytearray(MOST)        # read into in place: a slice of it is the data
        self.data = (ctypes.c_char * len(self.buffer)).from_buffer(self.buffer)
        self.local.base = ctypes.addressof(self.data)
        self.getxattr = libc.getxattr
        self.getxattr.restype = ctypes.c_ssize_t
        self.proto = ctypes.create_string_buffer(32)

    def reads(self, tid, rules, args, ret):
        shown = ""
        remote, local = self.remote, self.local
        for arg, rule in rules:
            addr = args[arg]
            if not addr:
                continue
            if rule == RET:                   # the commonest rules inline
                size = ret if ret < SHOWN else SHOWN
            elif rule == ARG2:
                size = args[2] if args[2] < SHOWN else SHOWN
            else:
                size = SIZES[rule](args, ret, addr) if rule in SIZES else rule
            if size <= 0:
                continue
            remote.base, remote.len = addr, size
            local.len = min(size, MOST)
            got = self.readv(tid, self.local_ref, 1, self.remote_ref, 1, 0)
            data = self.buffer[:got] if got > 0 else b""
            if rule == STRING:
                data = data.split(b"\0", 1)[0]
            elif rule == ALL:
                shown += ", /* %d entries */" % count_dents(data)
                continue
            shown += ", " + data[:SHOWN].hex()
        return shown

    def stop(self, tid, info):
        op = info[0]
        if op == b"\x01":
            args = ARGS.unpack_from(info, 24)
            rule = READS.get(args[0])
            self.entries[tid] = (args[0], args[1:],
                                 self.reads(tid, rule[1], args[1:], 0) if rule else "")
        elif op == b"\x02" and tid in self.entries:
            nr, args, shown = self.entries.pop(tid)
            ret = RET_VALUE.unpack_from(info, 24)[0]
            rule = READS.get(nr)
            if rule is None:
                name = "syscall_%d" % nr
            else:
                name = rule[0]
                if rule[2] and ret >= 0:
                    shown += self.reads(tid, rule[2], args, ret)
                if rule[3] is not None:
                    self.getxattr(b"/proc/%d/fd/%d" % (tid, args[rule[3]]),
                                  b"system.sockprotoname", self.proto, 32)
            self.out.write("%s(%#x, %#x, %#x%s) = %d\n" % (name, args[0], args[1], args[2],
                                                            shown, ret))


def count_dents(data):
    """The entries of a getdents64 buffer (each one's d_reclen leads to the next)."""
    at = entries = 0
    while at + DENTS.size <= len(data):
        reclen = DENTS.unpack_from(data, at)[2]
        if not reclen:
            break
        at += reclen
        entries += 1
    return entries


class Counter(object):
    """--count: strace -c's rows (calls, errors, system time) by syscall number, from the
    rusage of every wait (given to stop() as `stime`)."""

    def __init__(self, libc, out):
        self.out = out
        self.entries = {}
        self.rows = {}
        self.stime = 0.0

    def stop(self, tid, info):
        op = info[0]
        if op == b"\x01":
            self.entries[tid] = (struct.unpack_from("<Q", info, 24)[0], self.stime)
        elif op == b"\x02" and tid in self.entries:
            nr, start = self.entries.pop(tid)
            row = self.rows.get(nr)
            if row is None:
                row = self.rows[nr] = [0, 0, 0.0]
            row[0] += 1
            if info[32] != b"\x00":
                row[1] += 1
            row[2] += self.stime - start

    def close(self):
        for nr, (calls, errors, spent) in sorted(self.rows.items()):
            self.out.write("%d %d %d %.6f\n" % (nr, calls, errors, spent))
        self.out.close()


WATCHERS = {"--print": LinePrinter, "--read": ReadingPrinter, "--count": Counter}


def main(argv):
    spin = 0
    if len(argv) > 2 and argv[1] == "--spin":
        spin = int(argv[2])
        argv = argv[2:]
    kind = path = None
    if len(argv) > 2 and argv[1] in WATCHERS:
        kind, path = argv[1], argv[2]
        argv = argv[2:]
    if kind == "--read" and os.uname().machine != "x86_64":
        sys.exit("floor.py: --read knows x86_64's syscall numbers only")
    if len(argv) < 2:
        sys.exit("usage: floor.py [--spin N] [--print FILE | --read FILE | --count FILE] "
                 "COMMAND [ARGS...] | -p PID")
    libc = ctypes.PyDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    ptrace = libc.ptrace
    ptrace.restype = ctypes.c_long
    # what is called at each syscall stop, and closed (its FILE written) at the end
    watcher = WATCHERS[kind](libc, open(path, "w")) if kind else None
    if argv[1] == "-p" and len(argv) == 3:
        try:
            return attached(ptrace, int(argv[2]), spin, watcher)
        finally:
            if watcher is not None:
                watcher.close()
    pid = os.fork()
    if pid == 0:
        ptrace(PTRACE_TRACEME, 0, None, None)
        os.kill(os.getpid(), signal.SIGSTOP)
        try:
            os.execvp(argv[1], argv[1:])
        finally:
            os._exit(127)
    os.waitpid(pid, WALL)
    ptrace(PTRACE_SETOPTIONS, pid, None, OPTIONS)
    ptrace(PTRACE_SYSCALL, pid, None, None)
    status_of_main = loop(ptrace, pid, set([pid]), spin, watcher)
    if watcher is not None:
        watcher.close()
    if os.WIFSIGNALED(status_of_main):
        return 128 + os.WTERMSIG(status_of_main)
    return os.WEXITSTATUS(status_of_main)


def attached(ptrace, pid, spin, watcher):
    """-p PID: seize every thread (no EXITKILL: they outlive us), stop each once (its first
    stop resumes it with PTRACE_SYSCALL), then the loop. SIGINT ends it (KeyboardInterrupt,
    even when started with SIGINT ignored, as `&` does), so that FILE is flushed."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    tids = set()
    for name in os.listdir("/proc/%d/task" % pid):
        tid = int(name)
        if ptrace(PTRACE_SEIZE, tid, None, OPTIONS & ~0x00100000) == 0:
            ptrace(PTRACE_INTERRUPT, tid, None, None)
            tids.add(tid)
    sys.stderr.write("floor: attached to %d threads\n" % len(tids))
    sys.stderr.flush()
    try:
        loop(ptrace, pid, tids, spin, watcher)
    except KeyboardInterrupt:
        pass
    return 0


def loop(ptrace, pid, live, spin, watcher):
    """Until no tracee is left: the stops, as any tracer must take them. Returns the wait
    status of `pid`'s end."""
    info = ctypes.create_string_buffer(88)
    size = ctypes.c_void_p(88)
    status_of_main = 0
    waitpid, wnohang = os.waitpid, os.WNOHANG
    counter = watcher if isinstance(watcher, Counter) else None
    wait = waitpid if counter is None else os.wait4   # --count: each wait gives the rusage
    while live:
        got = (0, 0)
        for _ in range(spin):
            got = wait(-1, WALL | wnohang)
            if got[0]:
                break
        if not got[0]:
            got = wait(-1, WALL)
        if counter is None:
            tid, status = got
        else:
            tid, status, rusage = got
            counter.stime = rusage.ru_stime
        if os.WIFEXITED(status) or os.WIFSIGNALED(status):
            live.discard(tid)
            if tid == pid:
                status_of_main = status
            continue
        live.add(tid)
        sig = (status >> 8) & 0xff
        if sig == SYSCALL_STOP:
            ptrace(PTRACE_GET_SYSCALL_INFO, tid, size, info)
            if watcher is not None:
                watcher.stop(tid, info)
            ptrace(PTRACE_SYSCALL, tid, None, None)
        elif sig == signal.SIGTRAP or sig == signal.SIGSTOP:   # events; a new task's first stop
            ptrace(PTRACE_SYSCALL, tid, None, None)
        else:
            ptrace(PTRACE_SYSCALL, tid, None, sig)             # deliver the signal
    return status_of_main


if __name__ == "__main__":
    sys.exit(main(sys.argv))
