"""Offline tests of quotactl/quotactl_fd (decode/quota.py): hand-built calls in, strace 6.1's
text out (x86_64), checked against /usr/bin/strace with strace's quotactl* test programs."""
import struct

from minitrace import printers

from decodertest import call_line

RAW = printers.Style(const_style="raw")
VERBOSE = printers.Style(const_style="verbose")
V = printers.Style(verbose=True)
EINVAL, ENOENT = -22, -2
PATH = {0x100: b"/dev/sda1\0"}


def with_path(regions):
    mem = dict(PATH)
    mem.update(regions)
    return mem


def qcmd(cmd, qtype):
    return (cmd << 8) | qtype


def test_unknown_command_and_type():
    assert call_line("quotactl", [0xbadc0ded, 0, 0xffffffff, 0], EINVAL) == (
        "quotactl(QCMD(0xbadc0d /* Q_??? */, 0xed /* ???QUOTA */), NULL, -1, NULL) = "
        "-1 EINVAL (Invalid argument)")
    assert call_line("quotactl", [0, 0, 0, 0], EINVAL) == (
        "quotactl(QCMD(0 /* Q_??? */, USRQUOTA), NULL, 0, NULL) = -1 EINVAL (Invalid argument)")
    # the v1 command numbers of Linux 2.4
    assert call_line("quotactl", [qcmd(0x300, 0), 0, 5, 0], EINVAL) == (
        "quotactl(QCMD(Q_V1_GETQUOTA, USRQUOTA), NULL, 5, NULL) = -1 EINVAL (Invalid argument)")


def test_quotaon_format_and_path_every_style():
    mem = with_path({0x200: b"/q\0"})
    args = [qcmd(0x800002, 1), 0x100, 2, 0x200]
    assert call_line("quotactl", args, ENOENT, mem) == (
        'quotactl(QCMD(Q_QUOTAON, GRPQUOTA), "/dev/sda1", QFMT_VFS_V0, "/q") = '
        "-1 ENOENT (No such file or directory)")
    assert call_line("quotactl", args, ENOENT, mem, style=RAW) == (
        'quotactl(2147484161, "/dev/sda1", 0x2, "/q") = -1 ENOENT (No such file or directory)')
    assert call_line("quotactl", args, ENOENT, mem, style=VERBOSE) == (
        'quotactl(2147484161 /* QCMD(Q_QUOTAON, GRPQUOTA) */, "/dev/sda1", '
        '0x2 /* QFMT_VFS_V0 */, "/q") = -1 ENOENT (No such file or directory)')
    assert call_line("quotactl", [qcmd(0x800003, 2), 0x100], 0, PATH) == (
        'quotactl(QCMD(Q_QUOTAOFF, PRJQUOTA), "/dev/sda1") = 0')


def test_getquota_at_exit_abbreviated_unless_verbose():
    dq = struct.pack("<8QI", 1, 2, 3, 4, 5, 6, 7, 8, 0x3f)
    mem = with_path({0x300: dq})
    args = [qcmd(0x800007, 0), 0x100, 1000, 0x300]
    assert call_line("quotactl", args, 0, mem) == (
        'quotactl(QCMD(Q_GETQUOTA, USRQUOTA), "/dev/sda1", 1000, {dqb_bhardlimit=1, '
        "dqb_bsoftlimit=2, dqb_curspace=3, dqb_ihardlimit=4, dqb_isoftlimit=5, "
        "dqb_curinodes=6, ...}) = 0")
    assert call_line("quotactl", args, 0, mem, style=V) == (
        'quotactl(QCMD(Q_GETQUOTA, USRQUOTA), "/dev/sda1", 1000, {dqb_bhardlimit=1, '
        "dqb_bsoftlimit=2, dqb_curspace=3, dqb_ihardlimit=4, dqb_isoftlimit=5, "
        "dqb_curinodes=6, dqb_btime=7, dqb_itime=8, dqb_valid=QIF_BLIMITS|QIF_SPACE|"
        "QIF_ILIMITS|QIF_INODES|QIF_BTIME|QIF_ITIME}) = 0")
    assert call_line("quotactl", args, ENOENT, mem) == (
        'quotactl(QCMD(Q_GETQUOTA, USRQUOTA), "/dev/sda1", 1000, 0x300) = '
        "-1 ENOENT (No such file or directory)")


def test_setinfo_flags_and_getfmt():
    info = struct.pack("<QQII", 10, 20, 0x10100, 0x7)
    mem = with_path({0x400: info, 0x500: struct.pack("<I", 4)})
    assert call_line("quotactl", [qcmd(0x800006, 0), 0x100, 0, 0x400], 0, mem) == (
        'quotactl(QCMD(Q_SETINFO, USRQUOTA), "/dev/sda1", {dqi_bgrace=10, dqi_igrace=20, '
        "dqi_flags=DQF_SYS_FILE|0x100, dqi_valid=IIF_BGRACE|IIF_IGRACE|IIF_FLAGS}) = 0")
    assert call_line("quotactl", [qcmd(0x800004, 0), 0x100, 0, 0x500], 0, mem) == (
        'quotactl(QCMD(Q_GETFMT, USRQUOTA), "/dev/sda1", [QFMT_VFS_V1]) = 0')


def test_xfs_commands():
    flags = {0x600: struct.pack("<I", 0x5)}
    assert call_line("quotactl", [qcmd(0x5801, 0), 0, 0, 0x600], 0, flags) == (
        "quotactl(QCMD(Q_XQUOTAON, USRQUOTA), NULL, [FS_QUOTA_UDQ_ACCT|FS_QUOTA_GDQ_ACCT]) = 0")
    assert call_line("quotactl", [qcmd(0x5806, 0), 0, 0, 0x600], 0, flags) == (
        "quotactl(QCMD(Q_XQUOTARM, USRQUOTA), NULL, [FS_USER_QUOTA|FS_GROUP_QUOTA]) = 0")
    stat = struct.pack("<bxHb", 1, 0, 0).ljust(80, b"\0")     # sizeof(fs_quota_stat): 80
    assert call_line("quotactl", [qcmd(0x5805, 1), 0, 0, 0x700], 0, {0x700: stat}) == (
        "quotactl(QCMD(Q_XGETQSTAT, GRPQUOTA), NULL, {qs_version=1, ...}) = 0")


def test_quotactl_fd():
    assert call_line("quotactl_fd", [3, qcmd(0x800001, 0), 0, 0], 0) == (
        "quotactl_fd(3, QCMD(Q_SYNC, USRQUOTA)) = 0")
    assert call_line("quotactl_fd", [0xffffffff, qcmd(0x800008, 1), 7, 0x10], EINVAL) == (
        "quotactl_fd(-1, QCMD(Q_SETQUOTA, GRPQUOTA), 7, 0x10) = -1 EINVAL (Invalid argument)")
