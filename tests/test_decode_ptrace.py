"""Offline tests of ptrace(2) (decode/ptrace.py, decode/regsets.py): hand-built calls in,
strace 6.1's text out (x86_64). The forms were checked against /usr/bin/strace with strace's own
ptrace and ptrace_syscall_info test programs."""
import struct

from minitrace import printers

from decodertest import call_line

RAW = printers.Style(const_style="raw")
VERBOSE = printers.Style(const_style="verbose")
ESRCH, EINVAL = -3, -22
AUDIT_ARCH_X86_64 = 0xc000003e      # linux/audit.h: EM_X86_64 | __AUDIT_ARCH_64BIT | LE


def test_unknown_request_is_a_64_bit_hex_value():
    line = call_line("ptrace", [0xdeadbeeffffffeed, 42, 0, 0], ESRCH)
    assert line == ("ptrace(0xdeadbeeffffffeed /* PTRACE_??? */, 42, NULL, NULL) = "
                    "-1 ESRCH (No such process)")
    assert call_line("ptrace", [0xdeadbeeffffffeed, 42, 0, 0], ESRCH, style=RAW) == (
        "ptrace(0xdeadbeeffffffeed, 42, NULL, NULL) = -1 ESRCH (No such process)")


def test_traceme_and_requests_without_addr():
    assert call_line("ptrace", [0, 1, 2, 3], -1) == (
        "ptrace(PTRACE_TRACEME) = -1 EPERM (Operation not permitted)")
    assert call_line("ptrace", [0x4207, 0xffffffff, 5, 6], ESRCH) == (
        "ptrace(PTRACE_INTERRUPT, -1) = -1 ESRCH (No such process)")
    assert call_line("ptrace", [0x10, 7], 0, style=VERBOSE) == (
        "ptrace(0x10 /* PTRACE_ATTACH */, 7) = 0")


def test_signal_and_options_data():
    assert call_line("ptrace", [7, 9, 0, 10], 0) == "ptrace(PTRACE_CONT, 9, NULL, SIGUSR1) = 0"
    assert call_line("ptrace", [0x18, 9, 0, 0], 0) == "ptrace(PTRACE_SYSCALL, 9, NULL, 0) = 0"
    assert call_line("ptrace", [0x4200, 9, 0, 0x6], 0) == (
        "ptrace(PTRACE_SETOPTIONS, 9, NULL, PTRACE_O_TRACEFORK|PTRACE_O_TRACEVFORK) = 0")
    assert call_line("ptrace", [0x4206, 9, 0, 0x80000001], 0) == (
        "ptrace(PTRACE_SEIZE, 9, NULL, PTRACE_O_TRACESYSGOOD|0x80000000) = 0")


def test_peekuser_offsets_in_struct_user():
    def peek(off, style=None):
        return call_line("ptrace", [3, 9, off, 0], ESRCH, style=style)
    assert peek(0x50) == "ptrace(PTRACE_PEEKUSER, 9, 8*RAX, NULL) = -1 ESRCH (No such process)"
    assert peek(0x90) == "ptrace(PTRACE_PEEKUSER, 9, 8*EFL, NULL) = -1 ESRCH (No such process)"
    # past ss: fs_base..gs are not named, strace counts from 8*SS
    assert peek(0xa8) == "ptrace(PTRACE_PEEKUSER, 9, 8*SS+8, NULL) = -1 ESRCH (No such process)"
    assert peek(0x358) == ("ptrace(PTRACE_PEEKUSER, 9, offsetof(struct user, u_debugreg)+8, "
                           "NULL) = -1 ESRCH (No such process)")
    assert peek(0x390) == ("ptrace(PTRACE_PEEKUSER, 9, sizeof(struct user), NULL) = "
                           "-1 ESRCH (No such process)")
    assert peek(0x391) == "ptrace(PTRACE_PEEKUSER, 9, 0x391, NULL) = -1 ESRCH (No such process)"
    assert peek(0x50, VERBOSE) == ("ptrace(0x3 /* PTRACE_PEEKUSER */, 9, 0x50 /* 8*RAX */, "
                                   "NULL) = -1 ESRCH (No such process)")
    assert peek(0x50, RAW) == "ptrace(0x3, 9, 0x50, NULL) = -1 ESRCH (No such process)"


def test_peekdata_word_at_exit():
    mem = {0x5000: struct.pack("<Q", 0xdeadbeef)}
    assert call_line("ptrace", [2, 9, 0x1234, 0x5000], 0, mem) == (
        "ptrace(PTRACE_PEEKDATA, 9, 0x1234, [0xdeadbeef]) = 0")
    assert call_line("ptrace", [2, 9, 0x1234, 0x5000], ESRCH, mem) == (
        "ptrace(PTRACE_PEEKDATA, 9, 0x1234, 0x5000) = -1 ESRCH (No such process)")
    assert call_line("ptrace", [0x4201, 9, 0, 0x5000], 0, mem) == (
        "ptrace(PTRACE_GETEVENTMSG, 9, NULL, [3735928559]) = 0")


def test_getregset_iovec_and_registers():
    regs = struct.pack("<QQ", 0x10, 0x7f00)
    mem = {0x1000: struct.pack("<QQ", 0x2000, 16), 0x2000: regs}
    assert call_line("ptrace", [0x4204, 9, 1, 0x1000], 0, mem) == (
        "ptrace(PTRACE_GETREGSET, 9, NT_PRSTATUS, {iov_base={r15=0x10, r14=0x7f00}, "
        "iov_len=16}) = 0")
    odd = {0x1000: struct.pack("<QQ", 0x2000, 12), 0x2000: regs}
    assert call_line("ptrace", [0x4205, 9, 1, 0x1000], EINVAL, odd) == (
        "ptrace(PTRACE_SETREGSET, 9, NT_PRSTATUS, {iov_base=0x2000, iov_len=12}) = "
        "-1 EINVAL (Invalid argument)")
    # NT_PRFPREG is printed by its glibc name; an unknown type as NT_???
    assert call_line("ptrace", [0x4204, 9, 2, 0x1000], ESRCH, mem) == (
        "ptrace(PTRACE_GETREGSET, 9, NT_FPREGSET, {iov_base=0x2000, iov_len=16}) = "
        "-1 ESRCH (No such process)")
    assert call_line("ptrace", [0x4204, 9, 0xbad, 0x9000], ESRCH, mem) == (
        "ptrace(PTRACE_GETREGSET, 9, 0xbad /* NT_??? */, 0x9000) = -1 ESRCH (No such process)")


def test_fpregset_fields_until_the_buffer_ends():
    fp = struct.pack("<HHHHQQII", 0x37f, 0, 0, 0, 0, 0, 0x1f80, 0xffff) + struct.pack("<2I", 1, 2)
    mem = {0x1000: struct.pack("<QQ", 0x2000, len(fp)), 0x2000: fp}
    assert call_line("ptrace", [0x4204, 9, 2, 0x1000], 0, mem) == (
        "ptrace(PTRACE_GETREGSET, 9, NT_FPREGSET, {iov_base={cwd=0x37f, swd=0, ftw=0, fop=0, "
        "rip=0, rdp=0, mxcsr=0x1f80, mxcr_mask=0xffff, st_space=[0x1, 0x2]}, iov_len=40}) = 0")


def test_peeksiginfo_arguments_and_result():
    args = struct.pack("<QIi", 5, 1, 2)
    si = struct.pack("<iii", 10, 0, -6) + b"\0" * 4 + struct.pack("<iI", 77, 0) + b"\0" * 104
    mem = {0x1000: args, 0x2000: si}
    assert call_line("ptrace", [0x4209, 9, 0x1000, 0x2000], 1, mem) == (
        "ptrace(PTRACE_PEEKSIGINFO, 9, {off=5, flags=PTRACE_PEEKSIGINFO_SHARED, nr=2}, "
        "[{si_signo=SIGUSR1, si_code=SI_TKILL, si_pid=77, si_uid=0}]) = 1")
    bad = {0x1000: struct.pack("<QIi", 0, 2, 1)}
    assert call_line("ptrace", [0x4209, 9, 0x1000, 0x2000], ESRCH, bad) == (
        "ptrace(PTRACE_PEEKSIGINFO, 9, {off=0, flags=0x2 /* PTRACE_PEEKSIGINFO_??? */, nr=1}, "
        "0x2000) = -1 ESRCH (No such process)")


def test_sigmask_size_in_decimal():
    mem = {0x1000: struct.pack("<Q", 1 << 9)}
    assert call_line("ptrace", [0x420b, 9, 8, 0x1000], 0, mem) == (
        "ptrace(PTRACE_SETSIGMASK, 9, 8, [USR1]) = 0")
    assert call_line("ptrace", [0x420a, 9, 8, 0x1000], ESRCH, mem) == (
        "ptrace(PTRACE_GETSIGMASK, 9, 8, 0x1000) = -1 ESRCH (No such process)")


def test_seccomp_metadata():
    mem = {0x1000: struct.pack("<QQ", 3, 2)}
    assert call_line("ptrace", [0x420d, 9, 16, 0x1000], 16, mem) == (
        "ptrace(PTRACE_SECCOMP_GET_METADATA, 9, 16, {filter_off=3, "
        "flags=SECCOMP_FILTER_FLAG_LOG}) = 16")
    assert call_line("ptrace", [0x420d, 9, 7, 0x1000], ESRCH, mem) == (
        "ptrace(PTRACE_SECCOMP_GET_METADATA, 9, 7, 0x1000) = -1 ESRCH (No such process)")
    assert call_line("ptrace", [0x420d, 9, 8, 0x1000], ESRCH, mem) == (
        "ptrace(PTRACE_SECCOMP_GET_METADATA, 9, 8, {filter_off=3}) = "
        "-1 ESRCH (No such process)")


def _info(op, nr_or_rval, words):
    head = struct.pack("<B3xIQQ", op, AUDIT_ARCH_X86_64, 0x401000, 0x7ffe0000)
    return head + struct.pack("<q", nr_or_rval) + struct.pack("<%dQ" % len(words), *words)


def test_get_syscall_info_cut_at_the_agreed_length():
    entry = {0x1000: _info(1, 80, [0x5000, 2, 3, 4, 5, 6])}
    assert call_line("ptrace", [0x420e, 9, 16, 0x1000], 80, entry) == (
        "ptrace(PTRACE_GET_SYSCALL_INFO, 9, 16, {op=PTRACE_SYSCALL_INFO_ENTRY, "
        "arch=AUDIT_ARCH_X86_64, instruction_pointer=0x401000}) = 80")
    assert call_line("ptrace", [0x420e, 9, 48, 0x1000], 80, entry) == (
        "ptrace(PTRACE_GET_SYSCALL_INFO, 9, 48, {op=PTRACE_SYSCALL_INFO_ENTRY, "
        "arch=AUDIT_ARCH_X86_64, instruction_pointer=0x401000, stack_pointer=0x7ffe0000, "
        "entry={nr=__NR_chdir, args=[0x5000, 0x2]}}) = 80")
    assert call_line("ptrace", [0x420e, 9, 40, 0x1000], 80, entry, style=VERBOSE) == (
        "ptrace(0x420e /* PTRACE_GET_SYSCALL_INFO */, 9, 40, "
        "{op=0x1 /* PTRACE_SYSCALL_INFO_ENTRY */, arch=0xc000003e /* AUDIT_ARCH_X86_64 */, "
        "instruction_pointer=0x401000, stack_pointer=0x7ffe0000, "
        "entry={nr=80 /* __NR_chdir */, args=[0x5000]}}) = 80")
    exit_ = {0x1000: _info(2, -2, [1])}
    assert call_line("ptrace", [0x420e, 9, 33, 0x1000], 33, exit_) == (
        "ptrace(PTRACE_GET_SYSCALL_INFO, 9, 33, {op=PTRACE_SYSCALL_INFO_EXIT, "
        "arch=AUDIT_ARCH_X86_64, instruction_pointer=0x401000, stack_pointer=0x7ffe0000, "
        "exit={rval=-ENOENT, is_error=1}}) = 33")
    assert call_line("ptrace", [0x420e, 9, 32, 0x1000], 33, exit_, style=RAW) == (
        "ptrace(0x420e, 9, 32, {op=0x2, arch=0xc000003e, instruction_pointer=0x401000, "
        "stack_pointer=0x7ffe0000, exit={rval=-2}}) = 33")
    # the kernel length 0 (op NONE, nothing copied) and a failed call: the address
    assert call_line("ptrace", [0x420e, 9, 1, 0x1000], -14, {}) == (
        "ptrace(PTRACE_GET_SYSCALL_INFO, 9, 1, 0x1000) = -1 EFAULT (Bad address)")


def test_setsiginfo_fault_details():
    def si(signo, code, extra):
        return struct.pack("<iii4xQ", signo, 0, code, 0xfeed) + extra
    pkey = {0x1000: (si(11, 4, struct.pack("<QI", 0, 7))).ljust(128, b"\0")}
    assert call_line("ptrace", [0x4203, 9, 0, 0x1000], ESRCH, pkey) == (
        "ptrace(PTRACE_SETSIGINFO, 9, NULL, {si_signo=SIGSEGV, si_code=SEGV_PKUERR, "
        "si_addr=0xfeed, si_pkey=7}) = -1 ESRCH (No such process)")
    bnd = {0x1000: (si(11, 3, struct.pack("<QQQ", 0, 0, 0x99))).ljust(128, b"\0")}
    assert call_line("ptrace", [0x4203, 9, 0, 0x1000], ESRCH, bnd) == (
        "ptrace(PTRACE_SETSIGINFO, 9, NULL, {si_signo=SIGSEGV, si_code=SEGV_BNDERR, "
        "si_addr=0xfeed, si_lower=NULL, si_upper=0x99}) = -1 ESRCH (No such process)")
    lsb = {0x1000: (si(7, 4, struct.pack("<h", 12))).ljust(128, b"\0")}
    assert call_line("ptrace", [0x4203, 9, 0, 0x1000], ESRCH, lsb) == (
        "ptrace(PTRACE_SETSIGINFO, 9, NULL, {si_signo=SIGBUS, si_code=BUS_MCEERR_AR, "
        "si_addr=0xfeed, si_addr_lsb=0xc}) = -1 ESRCH (No such process)")
    sys_ = {0x1000: (struct.pack("<iii4xQiI", 31, 0, 1, 0, 9999, 0x1234)).ljust(128, b"\0")}
    assert call_line("ptrace", [0x4203, 9, 0, 0x1000], ESRCH, sys_, style=RAW) == (
        "ptrace(0x4203, 9, NULL, {si_signo=31, si_code=0x1, si_call_addr=NULL, "
        "si_syscall=9999, si_arch=0x1234}) = -1 ESRCH (No such process)")
