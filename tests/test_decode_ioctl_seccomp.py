"""Offline tests of the seccomp user-notification ioctls (type 0x21): fake tracee memory in,
strace 6.1's text out."""
import struct

from minitrace.printers import Style

from decodertest import call_line

A = 0x10000
EBADF = -9
RECV, SEND, ID_VALID, ADDFD = 0xc0502100, 0xc0182101, 0x40082102, 0x40182103
ID_VALID_WRONG_DIR = 0x80082102
AUDIT_ARCH_X86_64, AUDIT_ARCH_I386 = 0xc000003e, 0x40000003
ARGS = "args=[0, 0x1, 0x2, 0x3, 0x4, 0x5]"


def notif(nr, arch, notif_id=0xdeadc0debadc0ded, pid=77, flags=0xdeefaced, ip=0):
    return struct.pack("<QII", notif_id, pid, flags) + struct.pack("<IIQ6Q", nr, arch, ip,
                                                                   *range(6))


def test_recv_struct_left_by_the_program_then_the_kernels():
    seen = "{id=0xdeadc0debadc0ded, pid=77, flags=0xdeefaced, data={nr=__NR_gettid, " \
        "arch=AUDIT_ARCH_X86_64, instruction_pointer=NULL, %s}}" % ARGS
    assert call_line("ioctl", [3, RECV, A], 0, {A: notif(186, AUDIT_ARCH_X86_64)}) == \
        "ioctl(3, SECCOMP_IOCTL_NOTIF_RECV, %s => %s) = 0" % (seen, seen)
    # failed: the address after ` => `
    assert call_line("ioctl", [3, RECV, A], EBADF, {A: notif(186, AUDIT_ARCH_X86_64)}) == \
        "ioctl(3, SECCOMP_IOCTL_NOTIF_RECV, %s => 0x10000) = -1 EBADF (Bad file descriptor)" \
        % seen


def test_recv_zeroed_struct_prints_at_exit_only():
    assert call_line("ioctl", [3, RECV, A], 0, {A: bytes(80)},
                     exit_mem={A: notif(186, AUDIT_ARCH_X86_64, ip=0x401000)}) == \
        "ioctl(3, SECCOMP_IOCTL_NOTIF_RECV, {id=0xdeadc0debadc0ded, pid=77, " \
        "flags=0xdeefaced, data={nr=__NR_gettid, arch=AUDIT_ARCH_X86_64, " \
        "instruction_pointer=0x401000, %s}}) = 0" % ARGS
    assert call_line("ioctl", [3, RECV, A], 0, {A: bytes(80)}) == \
        "ioctl(3, SECCOMP_IOCTL_NOTIF_RECV, {id=0, pid=0, flags=0, data={nr=0, " \
        "arch=0 /* AUDIT_ARCH_??? */, instruction_pointer=NULL, " \
        "args=[0, 0, 0, 0, 0, 0]}}) = 0"
    assert call_line("ioctl", [3, RECV, A], EBADF, {A: bytes(80)}) == \
        "ioctl(3, SECCOMP_IOCTL_NOTIF_RECV, 0x10000) = -1 EBADF (Bad file descriptor)"
    assert call_line("ioctl", [3, RECV, 0], EBADF) == \
        "ioctl(3, SECCOMP_IOCTL_NOTIF_RECV, NULL) = -1 EBADF (Bad file descriptor)"
    assert call_line("ioctl", [3, RECV, A + 1], EBADF, {A: bytes(80)}) == \
        "ioctl(3, SECCOMP_IOCTL_NOTIF_RECV, 0x10001) = -1 EBADF (Bad file descriptor)"


def _data_of(line):
    return line.split("data={", 1)[1].split(", instruction_pointer", 1)[0]


def test_recv_syscall_of_each_personality_and_style():
    cases = [
        # the tracee's own personality: `__NR_` names
        ("x86_64", 186, AUDIT_ARCH_X86_64, "abbrev", "nr=__NR_gettid, arch=AUDIT_ARCH_X86_64"),
        ("x86_64", 186, AUDIT_ARCH_X86_64, "raw", "nr=186, arch=0xc000003e"),
        ("x86_64", 186, AUDIT_ARCH_X86_64, "verbose",
         "nr=186 /* __NR_gettid */, arch=0xc000003e /* AUDIT_ARCH_X86_64 */"),
        # another of strace's personalities: the number and the bare name
        ("x86_64", 224, AUDIT_ARCH_I386, "abbrev", "nr=224 /* gettid */, arch=AUDIT_ARCH_I386"),
        ("x86_64", 224, AUDIT_ARCH_I386, "raw", "nr=224, arch=0x40000003"),
        ("x86_64", 0x400000ba, AUDIT_ARCH_X86_64, "abbrev",
         "nr=1073742010 /* gettid */, arch=AUDIT_ARCH_X86_64"),
        ("x32", 0x400000ba, AUDIT_ARCH_X86_64, "abbrev", "nr=__NR_gettid, arch=AUDIT_ARCH_X86_64"),
        ("i386", 186, AUDIT_ARCH_X86_64, "abbrev", "nr=186 /* gettid */, arch=AUDIT_ARCH_X86_64"),
        # no such call, no such arch
        ("x86_64", 0xbad5ca11, 0xfeedface, "abbrev",
         "nr=3134573073, arch=0xfeedface /* AUDIT_ARCH_??? */"),
    ]
    for abi, nr, arch, style, want in cases:
        line = call_line("ioctl", [3, RECV, A], 0, {A: notif(nr, arch)}, abi=abi,
                         style=Style(const_style=style))
        assert _data_of(line) == want, (abi, nr, style, line)


def test_send():
    resp = struct.pack("<QqiI", 0xdeadc0debadc0ded, -2675229516524167443, -0x4523f213,
                       0xfacecafe)
    assert call_line("ioctl", [3, SEND, A], EBADF, {A: resp}) == \
        "ioctl(3, SECCOMP_IOCTL_NOTIF_SEND, {id=0xdeadc0debadc0ded, " \
        "val=-2675229516524167443, error=-1159983635, " \
        "flags=0xfacecafe /* SECCOMP_USER_NOTIF_FLAG_??? */}) = -1 EBADF (Bad file descriptor)"
    resp = struct.pack("<QqiI", 5, 0, -63, 1)
    assert call_line("ioctl", [3, SEND, A], 0, {A: resp}) == \
        "ioctl(3, SECCOMP_IOCTL_NOTIF_SEND, {id=0x5, val=0, error=-ENOSR, " \
        "flags=SECCOMP_USER_NOTIF_FLAG_CONTINUE}) = 0"
    assert call_line("ioctl", [3, SEND, A], 0, {A: resp}, style=Style(const_style="raw")) == \
        "ioctl(3, 0xc0182101, {id=0x5, val=0, error=-63, flags=0x1}) = 0"
    assert call_line("ioctl", [3, SEND, A], 0, {A: resp},
                     style=Style(const_style="verbose")) == \
        "ioctl(3, 0xc0182101 /* SECCOMP_IOCTL_NOTIF_SEND */, {id=0x5, val=0, " \
        "error=-63 /* -ENOSR */, flags=0x1 /* SECCOMP_USER_NOTIF_FLAG_CONTINUE */}) = 0"
    assert call_line("ioctl", [3, SEND, 0], EBADF) == \
        "ioctl(3, SECCOMP_IOCTL_NOTIF_SEND, NULL) = -1 EBADF (Bad file descriptor)"


def test_id_valid_and_its_wrong_direction_twin():
    for code, name in ((ID_VALID, "SECCOMP_IOCTL_NOTIF_ID_VALID"),
                       (ID_VALID_WRONG_DIR, "SECCOMP_IOCTL_NOTIF_ID_VALID_WRONG_DIR")):
        assert call_line("ioctl", [3, code, A], EBADF,
                         {A: struct.pack("<Q", 0xdecaffedfacefeed)}) == \
            "ioctl(3, %s, [0xdecaffedfacefeed]) = -1 EBADF (Bad file descriptor)" % name
        assert call_line("ioctl", [3, code, A], 0, {A: bytes(8)}) == \
            "ioctl(3, %s, [0]) = 0" % name
        assert call_line("ioctl", [3, code, A + 4], 0, {A: bytes(8)}) == \
            "ioctl(3, %s, 0x10004) = 0" % name
        assert call_line("ioctl", [3, code, 0], 0) == "ioctl(3, %s, NULL) = 0" % name


def test_addfd():
    O_DSYNC, O_CLOEXEC, O_DIRECT = 0o10000, 0o2000000, 0o40000
    addfd = struct.pack("<QIIiI", 0xdeadc0debadfaced, 0xbadc0dec, 0xdeadface, -1091567891,
                        O_DSYNC | O_CLOEXEC)
    assert call_line("ioctl", [3, ADDFD, A], EBADF, {A: addfd}) == \
        "ioctl(3, SECCOMP_IOCTL_NOTIF_ADDFD, {id=0xdeadc0debadfaced, " \
        "flags=0xbadc0dec /* SECCOMP_ADDFD_FLAG_??? */, srcfd=-559023410, " \
        "newfd=-1091567891, newfd_flags=O_DSYNC|O_CLOEXEC}) = -1 EBADF (Bad file descriptor)"
    addfd = struct.pack("<QIIiI", 1, 3, 42, 7, O_DIRECT)
    assert call_line("ioctl", [3, ADDFD, A], 7, {A: addfd}) == \
        "ioctl(3, SECCOMP_IOCTL_NOTIF_ADDFD, {id=0x1, " \
        "flags=SECCOMP_ADDFD_FLAG_SETFD|SECCOMP_ADDFD_FLAG_SEND, srcfd=42, newfd=7, " \
        "newfd_flags=O_DIRECT}) = 7"
    assert call_line("ioctl", [3, ADDFD, A], 0, {A: bytes(24)}) == \
        "ioctl(3, SECCOMP_IOCTL_NOTIF_ADDFD, {id=0, flags=0, srcfd=0, newfd=0, " \
        "newfd_flags=0}) = 0"


def test_unknown_seccomp_command_prints_its_argument_as_a_number():
    assert call_line("ioctl", [-1, 0xc0042104, 0xdeadbeefbadc0ded], EBADF) == \
        "ioctl(-1, _IOC(_IOC_READ|_IOC_WRITE, 0x21, 0x4, 0x4), 0xdeadbeefbadc0ded) = " \
        "-1 EBADF (Bad file descriptor)"
