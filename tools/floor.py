#!/usr/bin/env python3
"""The floor of any tracer written in CPython on ctypes: a bare ptrace loop, nothing decoded.

    python3 tools/floor.py [--spin N] COMMAND [ARGS...]

Starts COMMAND traced (following forks, vforks, clones and execs, as `strace -f`) and at every
stop does only what any syscall tracer must: waitpid, one PTRACE_GET_SYSCALL_INFO at a syscall
stop, and the resume (PTRACE_SYSCALL), with ctypes called without argtypes. Prints nothing.
`--spin N` polls waitpid with WNOHANG up to N times before blocking (the vCPU does not halt
between stops). Exits with COMMAND's status. Used by tools/bench.py as the `floor` column.
Stdlib only; x86_64 and every other Linux architecture with PTRACE_GET_SYSCALL_INFO (5.3+).
"""
import ctypes
import ctypes.util
import os
import signal
import sys

PTRACE_TRACEME, PTRACE_SYSCALL, PTRACE_SETOPTIONS = 0, 24, 0x4200
PTRACE_GETEVENTMSG, PTRACE_GET_SYSCALL_INFO = 0x4201, 0x420e
OPTIONS = (0x01 | 0x02 | 0x04 | 0x08 | 0x10 | 0x00100000)   # SYSGOOD FORK VFORK CLONE EXEC EXITKILL
WALL = 0x40000000
SYSCALL_STOP = (0x80 | signal.SIGTRAP)


def main(argv):
    spin = 0
    if len(argv) > 2 and argv[1] == "--spin":
        spin = int(argv[2])
        argv = argv[2:]
    if len(argv) < 2:
        sys.exit("usage: floor.py [--spin N] COMMAND [ARGS...]")
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    ptrace = libc.ptrace
    ptrace.restype = ctypes.c_long
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
    info = ctypes.create_string_buffer(88)
    size = ctypes.c_void_p(88)
    live = set([pid])
    status_of_main = 0
    waitpid, wnohang = os.waitpid, os.WNOHANG
    ptrace(PTRACE_SYSCALL, pid, None, None)
    while live:
        got = (0, 0)
        for _ in range(spin):
            got = waitpid(-1, WALL | wnohang)
            if got[0]:
                break
        if not got[0]:
            got = waitpid(-1, WALL)
        tid, status = got
        if os.WIFEXITED(status) or os.WIFSIGNALED(status):
            live.discard(tid)
            if tid == pid:
                status_of_main = status
            continue
        live.add(tid)
        sig = (status >> 8) & 0xff
        if sig == SYSCALL_STOP:
            ptrace(PTRACE_GET_SYSCALL_INFO, tid, size, info)
            ptrace(PTRACE_SYSCALL, tid, None, None)
        elif sig == signal.SIGTRAP or sig == signal.SIGSTOP:   # events; a new task's first stop
            ptrace(PTRACE_SYSCALL, tid, None, None)
        else:
            ptrace(PTRACE_SYSCALL, tid, None, sig)             # deliver the signal
    if os.WIFSIGNALED(status_of_main):
        return 128 + os.WTERMSIG(status_of_main)
    return os.WEXITSTATUS(status_of_main)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
