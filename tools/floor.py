#!/usr/bin/env python3
"""The floor of any tracer written in CPython on ctypes: a bare ptrace loop, nothing decoded.

    python3 tools/floor.py [--spin N] [--print FILE | --count FILE] COMMAND [ARGS...]
    python3 tools/floor.py [--spin N] [--print FILE | --count FILE] -p PID

Starts COMMAND traced (following forks, vforks, clones and execs, as `strace -f`) and at every
stop does only what any syscall tracer must: waitpid, one PTRACE_GET_SYSCALL_INFO at a syscall
stop, and the resume (PTRACE_SYSCALL), with ctypes called without argtypes, through a PyDLL
handle (the GIL kept over the call: the cheapest call ctypes has). Prints nothing.
`--spin N` polls waitpid with WNOHANG up to N times before blocking (the vCPU does not halt
between stops). `--print FILE` adds the least any tracer that prints strace's lines must add:
at each syscall exit, one line `NAME(ARG, ARG, ARG) = RET` written (buffered) to FILE, with up to
32 bytes of the buffer of a read or a write fetched from the tracee (process_vm_readv) and printed
in hex (strace escapes them, which costs more): a lower bound of decoding, for the `floor-print`
column. `--count FILE` adds instead the least any tracer that counts as `strace -c` must add:
every wait is a wait4 with the tracee's rusage (strace -c's system time per call), each entry
keeps its number and system time, each exit adds its call, error and time to its number's row;
FILE gets one line per number at the end (the `floor-count` column of W1-c). Exits with
COMMAND's status. Used by tools/bench.py as the `floor` column.
`-p PID` attaches to every thread of a running process instead (PTRACE_SEIZE, following its new
threads and children, as `strace -f -p`), says `floor: attached` on stderr, and runs until the
process ends or the floor is killed (its tracees are then detached by the kernel): the floor of
W4, the live server (with `--print`, its floor-print: the file is flushed as the loop ends or
at SIGINT).
Stdlib only; x86_64 and every other Linux architecture with PTRACE_GET_SYSCALL_INFO (5.3+).
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


WATCHERS = {"--print": LinePrinter, "--count": Counter}


def main(argv):
    spin = 0
    if len(argv) > 2 and argv[1] == "--spin":
        spin = int(argv[2])
        argv = argv[2:]
    kind = path = None
    if len(argv) > 2 and argv[1] in WATCHERS:
        kind, path = argv[1], argv[2]
        argv = argv[2:]
    if len(argv) < 2:
        sys.exit("usage: floor.py [--spin N] [--print FILE | --count FILE] COMMAND [ARGS...] "
                 "| -p PID")
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
