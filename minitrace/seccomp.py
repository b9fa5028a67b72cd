"""--seccomp-bpf: a classic-BPF seccomp filter, built in Python, that makes only the traced
syscalls stop (SECCOMP_RET_TRACE) and lets every other one run (SECCOMP_RET_ALLOW).

The program checks `seccomp_data.arch` (offset 4) for each ABI this kernel runs, then lets
through the runs of known, untraced numbers of `seccomp_data.nr` (offset 0; linux/seccomp.h);
everything else stops, numbers outside the tables included (strace traces those always). It is
installed by the spawned child before its execve; children inherit it.
"""
import ctypes
import struct

import syscalls

from minitrace import libc

SECCOMP_DATA_NR = 0        # offsetof(struct seccomp_data, nr)
SECCOMP_DATA_ARCH = 4      # offsetof(struct seccomp_data, arch)
_INSN = struct.Struct("=HBBI")     # struct sock_filter (linux/filter.h)


def program(arch_module, tables, consts):
    """The filter as bytes of sock_filter."""
    c = consts
    ld_abs = c["BPF_LD"] | c["BPF_W"] | c["BPF_ABS"]
    jeq = c["BPF_JMP"] | c["BPF_JEQ"] | c["BPF_K"]
    jge = c["BPF_JMP"] | c["BPF_JGE"] | c["BPF_K"]
    jgt = c["BPF_JMP"] | c["BPF_JGT"] | c["BPF_K"]
    ja = c["BPF_JMP"] | c["BPF_JA"]
    ret = c["BPF_RET"] | c["BPF_K"]
    trace, allow = c["SECCOMP_RET_TRACE"], c["SECCOMP_RET_ALLOW"]
    untraced = {}       # AUDIT_ARCH -> known numbers that run without a stop
    for abi in arch_module.ABIS:
        numbers = set(nr & 0xffffffff for nr in tables.untraced(abi))
        untraced.setdefault(arch_module.AUDIT_ARCH[abi], set()).update(numbers)
    insns = []
    for audit, numbers in sorted(untraced.items()):
        block = [(ld_abs, 0, 0, SECCOMP_DATA_NR)]
        for lo, hi in _runs(sorted(numbers)):
            # lo <= nr <= hi: allow; else go on to the next run
            block += [(jge, 0, 2, lo), (jgt, 1, 0, hi), (ret, 0, 0, allow)]
        block.append((ret, 0, 0, trace))
        insns += [(ld_abs, 0, 0, SECCOMP_DATA_ARCH), (jeq, 1, 0, audit), (ja, 0, 0, len(block))]
        insns += block
    insns.append((ret, 0, 0, allow))
    return b"".join(_INSN.pack(*i) for i in insns)


def _runs(numbers):
    """[(lo, hi), ...]: the maximal runs of consecutive numbers in a sorted list."""
    runs = []
    for n in numbers:
        if runs and runs[-1][1] == n - 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return [tuple(r) for r in runs]


class _SockFprog(ctypes.Structure):
    _fields_ = (("len", ctypes.c_ushort), ("filter", ctypes.c_void_p))


def install(prog, consts):
    """In the child, before exec: no_new_privs, then the filter. Raises OSError."""
    buf = ctypes.create_string_buffer(prog, len(prog))
    fprog = _SockFprog(len(prog) // _INSN.size, ctypes.addressof(buf))
    libc.prctl(consts["PR_SET_NO_NEW_PRIVS"], 1, 0, 0, 0)
    libc.prctl(consts["PR_SET_SECCOMP"], consts["SECCOMP_MODE_FILTER"],
               ctypes.addressof(fprog), 0, 0)


def host_constants(arch_module):
    return syscalls.constants(arch_module.ABIS[0])
