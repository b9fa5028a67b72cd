"""Offline tests of prctl (decode/prctl/), seccomp (decode/seccomp.py), pidfd_*, kcmp and syslog:
hand-built calls in, strace 6.1's text out (x86_64). The forms were checked against
/usr/bin/strace with strace's own test programs (prctl-*, seccomp-*, pidfd_*, kcmp, syslog)."""
import struct

from minitrace import printers

from decodertest import call_line

RAW = printers.Style(const_style="raw")
VERBOSE = printers.Style(const_style="verbose")
V = printers.Style(verbose=True)
EINVAL, EFAULT, EPERM = -22, -14, -1


def test_cap_ambient_and_unknown_cap():
    assert call_line("prctl", [47, 2, 13, 0, 0], EPERM) == (
        "prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_NET_RAW, 0, 0) = "
        "-1 EPERM (Operation not permitted)")
    assert call_line("prctl", [47, 2, 0xff, 0, 0], EINVAL) == (
        "prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, 0xff /* CAP_??? */, 0, 0) = "
        "-1 EINVAL (Invalid argument)")
    assert call_line("prctl", [47, 4, 1, 2, 3], 0) == (
        "prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0x1, 0x2, 0x3) = 0")
    assert call_line("prctl", [47, 2, 13, 0, 0], 0, style=RAW) == "prctl(0x2f, 0x2, 0xd, 0, 0) = 0"


def test_unknown_option_prints_hex():
    assert call_line("prctl", [0xffffffff, 0xfffffffe, 0xfffffffd, 0xfffffffc, 0xfffffffb],
                     EINVAL) == ("prctl(0xffffffff /* PR_??? */, 0xfffffffe, 0xfffffffd, "
                                 "0xfffffffc, 0xfffffffb) = -1 EINVAL (Invalid argument)")


def test_set_name_bounded_string():
    mem = {0x1000: b"0123456789abcdef\0", 0x2000: b"abc\0"}
    assert call_line("prctl", [15, 0x2000], 0, mem) == 'prctl(PR_SET_NAME, "abc") = 0'
    # no NUL in 15 bytes: cut with `...`
    assert call_line("prctl", [15, 0x1000], 0, mem) == (
        'prctl(PR_SET_NAME, "0123456789abcde"...) = 0')
    # the memory ends before a NUL or 15 bytes: the address
    short = {0x3000: b"xyz"}
    assert call_line("prctl", [15, 0x3000], EFAULT, short) == (
        "prctl(PR_SET_NAME, 0x3000) = -1 EFAULT (Bad address)")
    assert call_line("prctl", [16, 0x2000], 0, mem) == 'prctl(PR_GET_NAME, "abc") = 0'
    assert call_line("prctl", [16, 0x2000], EFAULT, mem) == (
        "prctl(PR_GET_NAME, 0x2000) = -1 EFAULT (Bad address)")


def test_sve_vector_lengths_every_style():
    assert call_line("prctl", [50, 0x2ea57], EINVAL) == (
        "prctl(PR_SVE_SET_VL, PR_SVE_VL_INHERIT|0xea57) = -1 EINVAL (Invalid argument)")
    assert call_line("prctl", [50, 0x10000], EINVAL) == (
        "prctl(PR_SVE_SET_VL, 0x10000|0) = -1 EINVAL (Invalid argument)")
    assert call_line("prctl", [50, 0x2ea57], EINVAL, style=VERBOSE) == (
        "prctl(0x32 /* PR_SVE_SET_VL */, 0x2ea57 /* PR_SVE_VL_INHERIT|0xea57 */) = "
        "-1 EINVAL (Invalid argument)")
    assert call_line("prctl", [50, 0x2ea57], EINVAL, style=RAW) == (
        "prctl(0x32, 0x2ea57) = -1 EINVAL (Invalid argument)")
    assert call_line("prctl", [51], 0x20010) == "prctl(PR_SVE_GET_VL) = 0x20010 (PR_SVE_VL_INHERIT|0x10)"
    assert call_line("prctl", [51], 0x10) == "prctl(PR_SVE_GET_VL) = 0x10"
    assert call_line("prctl", [51], 0x20010, style=RAW) == "prctl(0x33) = 0x20010"


def test_tagged_addr_ctrl():
    assert call_line("prctl", [55, 0x7ffff, 0, 0, 0], EINVAL) == (
        "prctl(PR_SET_TAGGED_ADDR_CTRL, PR_TAGGED_ADDR_ENABLE|PR_MTE_TCF_MASK|"
        "0xffff<<PR_MTE_TAG_SHIFT, 0, 0, 0) = -1 EINVAL (Invalid argument)")
    assert call_line("prctl", [55, 0, 1, 2, 3], EINVAL, style=VERBOSE) == (
        "prctl(0x37 /* PR_SET_TAGGED_ADDR_CTRL */, 0 /* !PR_TAGGED_ADDR_ENABLE|PR_MTE_TCF_NONE */"
        ", 0x1, 0x2, 0x3) = -1 EINVAL (Invalid argument)")
    assert call_line("prctl", [56, 0, 0, 0, 0], 3) == (
        "prctl(PR_GET_TAGGED_ADDR_CTRL, 0, 0, 0, 0) = 0x3 (PR_TAGGED_ADDR_ENABLE|PR_MTE_TCF_0x2"
        ")".replace("PR_MTE_TCF_0x2", "PR_MTE_TCF_SYNC"))


def test_securebits_and_result_annotation():
    # needs SECBIT_* (linux/securebits.h) in the generated constants
    assert call_line("prctl", [28, 0xbadc0ded00000000], EPERM) == (
        "prctl(PR_SET_SECUREBITS, 0xbadc0ded00000000 /* SECBIT_??? */) = "
        "-1 EPERM (Operation not permitted)")
    assert call_line("prctl", [27], 0x2f) == (
        "prctl(PR_GET_SECUREBITS) = 0x2f (SECBIT_NOROOT|SECBIT_NOROOT_LOCKED|"
        "SECBIT_NO_SETUID_FIXUP|SECBIT_NO_SETUID_FIXUP_LOCKED|SECBIT_KEEP_CAPS_LOCKED)")
    assert call_line("prctl", [27], 0x2f, style=RAW) == "prctl(0x1b) = 0x2f"
    assert call_line("prctl", [27], 0) == "prctl(PR_GET_SECUREBITS) = 0"


def test_dumpable_pdeathsig_ptracer():
    assert call_line("prctl", [3], 1) == "prctl(PR_GET_DUMPABLE) = 1 (SUID_DUMP_USER)"
    assert call_line("prctl", [4, 3], EINVAL) == (
        "prctl(PR_SET_DUMPABLE, 0x3 /* SUID_DUMP_??? */) = -1 EINVAL (Invalid argument)")
    mem = {0x5000: struct.pack("<i", 9)}
    assert call_line("prctl", [2, 0x5000], 0, mem) == "prctl(PR_GET_PDEATHSIG, [SIGKILL]) = 0"
    assert call_line("prctl", [2, 0x5004], 0, mem) == "prctl(PR_GET_PDEATHSIG, 0x5004) = 0"
    assert call_line("prctl", [1, 200], EINVAL) == (
        "prctl(PR_SET_PDEATHSIG, 200) = -1 EINVAL (Invalid argument)")
    assert call_line("prctl", [0x59616d61, 0xffffffff], 0) == (
        "prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY) = 0")
    assert call_line("prctl", [0x59616d61, 0xffffffff], 0, style=VERBOSE) == (
        "prctl(0x59616d61 /* PR_SET_PTRACER */, -1 /* PR_SET_PTRACER_ANY */) = 0")


def test_sched_core_and_pac():
    mem = {0x6000: struct.pack("<Q", 0xdeadbeef)}
    assert call_line("prctl", [62, 0, 1234, 0, 0x6000], 0, mem) == (
        "prctl(PR_SCHED_CORE, PR_SCHED_CORE_GET, 1234, 0 /* PIDTYPE_PID */, [0xdeadbeef]) = 0")
    assert call_line("prctl", [62, 1, 1234, 7, 0], EINVAL, style=RAW) == (
        "prctl(0x3e, 0x1, 1234, 0x7, NULL) = -1 EINVAL (Invalid argument)")
    assert call_line("prctl", [62, 1, 1234, 7, 0], EINVAL) == (
        "prctl(PR_SCHED_CORE, PR_SCHED_CORE_CREATE, 1234, 0x7 /* PIDTYPE_??? */, NULL) = "
        "-1 EINVAL (Invalid argument)")
    assert call_line("prctl", [54, 0x20, 0, 0, 0], EINVAL) == (
        "prctl(PR_PAC_RESET_KEYS, 0x20 /* PR_PAC_??? */, 0, 0, 0) = -1 EINVAL (Invalid argument)")


def test_seccomp_filter_program_only_with_v():
    prog = struct.pack("<HBBI", 0x20, 0, 0, 4) + struct.pack("<HBBI", 0x15, 0, 1, 0xc000003e) \
        + struct.pack("<HBBI", 0x06, 0, 0, 0x50001)
    fprog = struct.pack("<HxxxxxxQ", 3, 0x8000)
    mem = {0x7000: fprog, 0x8000: prog}
    assert call_line("prctl", [22, 2, 0x7000], 0, mem) == (
        "prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, {len=3, filter=0x8000}) = 0")
    assert call_line("prctl", [22, 2, 0x7000], 0, mem, style=V) == (
        "prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, {len=3, filter=["
        "BPF_STMT(BPF_LD|BPF_W|BPF_ABS, 0x4), "
        "BPF_JUMP(BPF_JMP|BPF_K|BPF_JEQ, 0xc000003e, 0, 0x1), "
        "BPF_STMT(BPF_RET|BPF_K, SECCOMP_RET_ERRNO|0x1)]}) = 0")
    assert call_line("seccomp", [1, 0x80, 0x7001], EINVAL) == (
        "seccomp(SECCOMP_SET_MODE_FILTER, 0x80 /* SECCOMP_FILTER_FLAG_??? */, 0x7001) = "
        "-1 EINVAL (Invalid argument)")
    sizes = {0x9000: struct.pack("<HHH", 80, 24, 64)}
    assert call_line("seccomp", [3, 0, 0x9000], 0, sizes) == (
        "seccomp(SECCOMP_GET_NOTIF_SIZES, 0, {seccomp_notif=80, seccomp_notif_resp=24, "
        "seccomp_data=64}) = 0")
    assert call_line("seccomp", [2, 0, 0x9000], 0, {0x9000: struct.pack("<I", 0x7fff0000)}) == (
        "seccomp(SECCOMP_GET_ACTION_AVAIL, 0, [SECCOMP_RET_ALLOW]) = 0")


def test_pidfd_kcmp_syslog():
    assert call_line("pidfd_open", [0, 0x800], EINVAL) == (
        "pidfd_open(0, PIDFD_NONBLOCK) = -1 EINVAL (Invalid argument)")
    assert call_line("pidfd_open", [0, 0x800], EINVAL, style=RAW) == (
        "pidfd_open(0, 0x800) = -1 EINVAL (Invalid argument)")
    assert call_line("pidfd_getfd", [-1, 5, 0xffffffff], -9) == (
        "pidfd_getfd(-1, 5, 0xffffffff) = -1 EBADF (Bad file descriptor)")
    assert call_line("kcmp", [1, 2, 0, 3, 4], 1) == "kcmp(1, 2, KCMP_FILE, 3, 4) = 1"
    assert call_line("kcmp", [1, 2, 1, 3, 4], 0) == "kcmp(1, 2, KCMP_VM) = 0"
    assert call_line("kcmp", [0, 0, 0xda7adead, 5, 6], -3) == (
        "kcmp(0, 0, 0xda7adead /* KCMP_??? */, 0x5, 0x6) = -3 ESRCH (No such process)"
        .replace("-3 ESRCH", "-1 ESRCH"))
    # syslog's action is always `N /* NAME */`, even with -X raw (needs SYSLOG_ACTION_*)
    assert call_line("syslog", [10, 0, 0], 131072, style=RAW) == (
        "syslog(10 /* SYSLOG_ACTION_SIZE_BUFFER */) = 131072")
    assert call_line("syslog", [8, 0x10, 9], EINVAL) == (
        "syslog(8 /* SYSLOG_ACTION_CONSOLE_LEVEL */, 0x10, 9 /* LOGLEVEL_??? */) = "
        "-1 EINVAL (Invalid argument)")
    mem = {0xa000: b"<6>hello"}
    assert call_line("syslog", [3, 0xa000, 64], 8, mem) == (
        'syslog(3 /* SYSLOG_ACTION_READ_ALL */, "<6>hello", 64) = 8')
