"""quotactl and quotactl_fd as strace 6.1 prints them (its quota.c): the command as
`QCMD(Q_GETQUOTA, USRQUOTA)`, then by command the id (a uid, or a quota format for Q_QUOTAON) and
the data: a path, the VFS quota structs (if_dqblk, if_nextdqblk, if_dqinfo) and the XFS ones
(fs_disk_quota, fs_quota_stat, fs_quota_statv), abbreviated with `...` unless -v.
"""
from minitrace import printers
from minitrace.decode import register
from minitrace.decode.common import failed, fd, flag_text, read_ints, read_struct
from minitrace.decode.generic import Decoder, path_arg
from minitrace.decode.layout import Struct, lookup, named

# xlat/quotacmds.in: the commands of linux/quota.h and linux/dqblk_xfs.h (QCMD's upper bits)
QUOTA_CMD_NAMES = (
    "Q_SYNC", "Q_QUOTAON", "Q_QUOTAOFF", "Q_GETFMT", "Q_GETINFO", "Q_SETINFO", "Q_GETQUOTA",
    "Q_SETQUOTA", "Q_GETNEXTQUOTA", "Q_XQUOTAON", "Q_XQUOTAOFF", "Q_XGETQUOTA", "Q_XSETQLIM",
    "Q_XGETQSTAT", "Q_XQUOTARM", "Q_XQUOTASYNC", "Q_XGETQSTATV", "Q_XGETNEXTQUOTA")
# The v1/v2 commands of the quota interface before Linux 2.4.22 (include/linux/quota.h and
# quotacompat of 2.4: command numbers in the upper byte, OLD_CMD(n) = n << 8), which strace
# still names; no 6.1 header defines them.
OLD_QUOTA_CMDS = dict((n << 8, name) for n, name in (
    (0x1, "Q_V1_QUOTAON"), (0x2, "Q_V1_QUOTAOFF"), (0x3, "Q_V1_GETQUOTA"),
    (0x4, "Q_V1_SETQUOTA"), (0x5, "Q_V1_SETUSE"), (0x6, "Q_V1_SYNC"), (0x7, "Q_SETQLIM"),
    (0x8, "Q_V1_GETSTATS"), (0x10, "Q_V1_RSQUASH"), (0xd, "Q_V2_GETQUOTA"),
    (0xe, "Q_V2_SETQUOTA"), (0xf, "Q_V2_SETUSE"), (0x9, "Q_V2_GETINFO"), (0xa, "Q_V2_SETINFO"),
    (0xb, "Q_V2_SETGRACE"), (0xc, "Q_V2_SETFLAGS"), (0x11, "Q_V2_GETSTATS")))
QUOTA_TYPE_NAMES = ("USRQUOTA", "GRPQUOTA", "PRJQUOTA")            # xlat/quotatypes.in
QUOTA_FORMAT_NAMES = ("QFMT_VFS_OLD", "QFMT_VFS_V0", "QFMT_OCFS2",  # xlat/quota_formats.in
                      "QFMT_VFS_V1")
XFS_QUOTA_FLAG_NAMES = ("FS_QUOTA_UDQ_ACCT", "FS_QUOTA_UDQ_ENFD", "FS_QUOTA_GDQ_ACCT",
                        "FS_QUOTA_GDQ_ENFD", "FS_QUOTA_PDQ_ACCT", "FS_QUOTA_PDQ_ENFD")
XFS_DQBLK_FLAG_NAMES = ("FS_USER_QUOTA", "FS_PROJ_QUOTA", "FS_GROUP_QUOTA")
DQBLK_VALID_NAMES = ("QIF_BLIMITS", "QIF_SPACE", "QIF_ILIMITS", "QIF_INODES", "QIF_BTIME",
                     "QIF_ITIME")
DQINFO_FLAG_NAMES = ("DQF_ROOT_SQUASH", "DQF_SYS_FILE")
DQINFO_VALID_NAMES = ("IIF_BGRACE", "IIF_IGRACE", "IIF_FLAGS")

_DQB = [("dqb_bhardlimit", "u64"), ("dqb_bsoftlimit", "u64"), ("dqb_curspace", "u64"),
        ("dqb_ihardlimit", "u64"), ("dqb_isoftlimit", "u64"), ("dqb_curinodes", "u64"),
        ("dqb_btime", "u64"), ("dqb_itime", "u64"), ("dqb_valid", "u32")]
# linux/quota.h's if_dqblk, read packed (68 bytes) as strace does: the kernel's has tail padding
# on 64-bit ABIs, so this one is not in the layout check's registry
IF_DQBLK = Struct("if_dqblk", _DQB, packed=True)
IF_NEXTDQBLK = named("if_nextdqblk", Struct("if_nextdqblk", _DQB + [("dqb_id", "u32")]))
IF_DQINFO = named("if_dqinfo", Struct("if_dqinfo", [
    ("dqi_bgrace", "u64"), ("dqi_igrace", "u64"), ("dqi_flags", "u32"), ("dqi_valid", "u32")]))
FS_DISK_QUOTA = named("fs_disk_quota", Struct("fs_disk_quota", [   # linux/dqblk_xfs.h
    ("d_version", "s8"), ("d_flags", "u8"), ("d_fieldmask", "u16"), ("d_id", "u32"),
    ("d_blk_hardlimit", "u64"), ("d_blk_softlimit", "u64"), ("d_ino_hardlimit", "u64"),
    ("d_ino_softlimit", "u64"), ("d_bcount", "u64"), ("d_icount", "u64"), ("d_itimer", "s32"),
    ("d_btimer", "s32"), ("d_iwarns", "u16"), ("d_bwarns", "u16"), ("d_itimer_hi", "s8"),
    ("d_btimer_hi", "s8"), ("d_rtbtimer_hi", "s8"), (None, "s8"), ("d_rtb_hardlimit", "u64"),
    ("d_rtb_softlimit", "u64"), ("d_rtbcount", "u64"), ("d_rtbtimer", "s32"),
    ("d_rtbwarns", "u16"), (None, "s16"), (None, ("u8", 8))]))
_QFILESTAT = Struct("fs_qfilestat", [("qfs_ino", "u64"), ("qfs_nblks", "u64"),
                                     ("qfs_nextents", "u32")])
_QFILESTATV = Struct("fs_qfilestatv", [("qfs_ino", "u64"), ("qfs_nblks", "u64"),
                                       ("qfs_nextents", "u32"), (None, "u32")])
FS_QUOTA_STAT = named("fs_quota_stat", Struct("fs_quota_stat", [
    ("qs_version", "s8"), ("qs_flags", "u16"), (None, "s8"), ("qs_uquota", _QFILESTAT),
    ("qs_gquota", _QFILESTAT), ("qs_incoredqs", "u32"), ("qs_btimelimit", "s32"),
    ("qs_itimelimit", "s32"), ("qs_rtbtimelimit", "s32"), ("qs_bwarnlimit", "u16"),
    ("qs_iwarnlimit", "u16")]))
FS_QUOTA_STATV = named("fs_quota_statv", Struct("fs_quota_statv", [
    ("qs_version", "s8"), (None, "u8"), ("qs_flags", "u16"), ("qs_incoredqs", "u32"),
    ("qs_uquota", _QFILESTATV), ("qs_gquota", _QFILESTATV), ("qs_pquota", _QFILESTATV),
    ("qs_btimelimit", "s32"), ("qs_itimelimit", "s32"), ("qs_rtbtimelimit", "s32"),
    ("qs_bwarnlimit", "u16"), ("qs_iwarnlimit", "u16"), (None, "u16"), (None, "u16"),
    (None, "u32"), (None, ("u64", 7))]))

# how each command's id and data print, and whether the data is read at exit
_NOTHING = ("Q_QUOTAOFF", "Q_SYNC", "Q_XQUOTASYNC")
_AT_EXIT = ("Q_GETQUOTA", "Q_GETNEXTQUOTA", "Q_XGETQUOTA", "Q_XGETNEXTQUOTA", "Q_GETFMT",
            "Q_GETINFO", "Q_XGETQSTAT", "Q_XGETQSTATV")
_WITH_ID = ("Q_GETQUOTA", "Q_SETQUOTA", "Q_GETNEXTQUOTA", "Q_XGETQUOTA", "Q_XGETNEXTQUOTA",
            "Q_XSETQLIM")


def qcmd_text(ctx, call, qcmd):
    """`QCMD(Q_GETQUOTA, USRQUOTA)`; -X raw the number; -X verbose `N /* QCMD(...) */`."""
    cstyle = ctx.style.const_style
    if cstyle == "raw":
        return str(qcmd)
    cmd, qtype = qcmd >> 8, qcmd & 0xff
    name = _cmd_name(ctx, call, cmd) or OLD_QUOTA_CMDS.get(cmd)
    tname = ctx.enum_table(call.abi, QUOTA_TYPE_NAMES).get(qtype)
    text = "QCMD(%s, %s)" % (
        name or "%s /* Q_??? */" % printers.hexnum(cmd),
        tname or "%s /* ???QUOTA */" % printers.hexnum(qtype))
    return "%d /* %s */" % (qcmd, text) if cstyle == "verbose" else text


def _cmd_name(ctx, call, cmd):
    return ctx.enum_table(call.abi, QUOTA_CMD_NAMES).get(cmd)


def _uid(value):
    return "-1" if value == 0xffffffff else str(value)


def _fields(v, names):
    return ["%s=%d" % (n, v[n]) for n in names]


def _dqblk(ctx, call, v, next_=False):
    parts = _fields(v, ("dqb_bhardlimit", "dqb_bsoftlimit", "dqb_curspace", "dqb_ihardlimit",
                        "dqb_isoftlimit", "dqb_curinodes"))
    if ctx.style.verbose:
        parts += _fields(v, ("dqb_btime", "dqb_itime"))
        parts.append("dqb_valid=" + flag_text(ctx, call, v["dqb_valid"], DQBLK_VALID_NAMES,
                                              "QIF_???"))
        if next_:
            parts.append("dqb_id=%d" % v["dqb_id"])
    else:
        if next_:
            parts.append("dqb_id=%d" % v["dqb_id"])
        parts.append("...")
    return parts


def _disk_quota(ctx, call, v):
    parts = ["d_version=%d" % v["d_version"],
             "d_flags=" + flag_text(ctx, call, v["d_flags"], XFS_DQBLK_FLAG_NAMES, "FS_???_QUOTA"),
             "d_fieldmask=%s" % printers.hexnum(v["d_fieldmask"])]
    parts += _fields(v, ("d_id", "d_blk_hardlimit", "d_blk_softlimit", "d_ino_hardlimit",
                         "d_ino_softlimit", "d_bcount", "d_icount"))
    if ctx.style.verbose:
        parts += _fields(v, ("d_itimer", "d_btimer", "d_iwarns", "d_bwarns", "d_rtb_hardlimit",
                             "d_rtb_softlimit", "d_rtbcount", "d_rtbtimer", "d_rtbwarns"))
    else:
        parts.append("...")
    return parts


def _qfilestat(v, prefix):
    return "%s={qfs_ino=%d, qfs_nblks=%d, qfs_nextents=%d}" % (
        prefix, v[prefix + ".qfs_ino"], v[prefix + ".qfs_nblks"], v[prefix + ".qfs_nextents"])


def _quota_stat(ctx, call, v, statv):
    parts = ["qs_version=%d" % v["qs_version"]]
    if not ctx.style.verbose:
        return parts + ["..."]
    parts.append("qs_flags=" + flag_text(ctx, call, v["qs_flags"], XFS_QUOTA_FLAG_NAMES,
                                         "FS_QUOTA_???"))
    if statv:
        parts.append("qs_incoredqs=%d" % v["qs_incoredqs"])
        parts += [_qfilestat(v, q) for q in ("qs_uquota", "qs_gquota", "qs_pquota")]
    else:
        parts += [_qfilestat(v, q) for q in ("qs_uquota", "qs_gquota")]
        parts.append("qs_incoredqs=%d" % v["qs_incoredqs"])
    parts += _fields(v, ("qs_btimelimit", "qs_itimelimit", "qs_rtbtimelimit", "qs_bwarnlimit",
                         "qs_iwarnlimit"))
    return parts


_STRUCTS = {"Q_GETQUOTA": (IF_DQBLK, _dqblk), "Q_SETQUOTA": (IF_DQBLK, _dqblk),
            "Q_GETNEXTQUOTA": ("if_nextdqblk", lambda c, k, v: _dqblk(c, k, v, True)),
            "Q_XGETQUOTA": ("fs_disk_quota", _disk_quota),
            "Q_XGETNEXTQUOTA": ("fs_disk_quota", _disk_quota),
            "Q_XSETQLIM": ("fs_disk_quota", _disk_quota),
            "Q_GETINFO": ("if_dqinfo", None), "Q_SETINFO": ("if_dqinfo", None),
            "Q_XGETQSTAT": ("fs_quota_stat", lambda c, k, v: _quota_stat(c, k, v, False)),
            "Q_XGETQSTATV": ("fs_quota_statv", lambda c, k, v: _quota_stat(c, k, v, True))}


def _dqinfo(ctx, call, v):
    return ["dqi_bgrace=%d" % v["dqi_bgrace"], "dqi_igrace=%d" % v["dqi_igrace"],
            "dqi_flags=" + flag_text(ctx, call, v["dqi_flags"], DQINFO_FLAG_NAMES, "DQF_???"),
            "dqi_valid=" + flag_text(ctx, call, v["dqi_valid"], DQINFO_VALID_NAMES, "IIF_???")]


def data_text(ctx, call, name, addr):
    """The data argument of command `name` (at entry for SET commands, at exit for GET ones)."""
    if call.ret is not None and failed(call):
        return printers.ptr(addr)
    if name == "Q_GETFMT":
        words = read_ints(ctx, call, addr, 1, "I") if addr else None
        if words is None:
            return printers.ptr(addr)
        value = words[0]
        return "[%s]" % printers.enum(value, ctx.enum_table(call.abi, QUOTA_FORMAT_NAMES),
                                      ctx.style, "QFMT_VFS_???")
    if name in ("Q_XQUOTAON", "Q_XQUOTAOFF", "Q_XQUOTARM"):
        words = read_ints(ctx, call, addr, 1, "I") if addr else None
        if words is None:
            return printers.ptr(addr)
        value = words[0]
        if name == "Q_XQUOTARM":
            return "[%s]" % flag_text(ctx, call, value, XFS_DQBLK_FLAG_NAMES, "FS_???_QUOTA")
        return "[%s]" % flag_text(ctx, call, value, XFS_QUOTA_FLAG_NAMES, "FS_QUOTA_???")
    layout, fields = _STRUCTS[name]
    compiled = layout.on(call.abi) if isinstance(layout, Struct) else lookup(layout, call.abi)
    v = read_struct(ctx, call, addr, compiled)
    if v is None:
        return printers.ptr(addr)
    return "{" + ", ".join((fields or _dqinfo)(ctx, call, v)) + "}"


def _entry_rest(ctx, call, name, qid, addr):
    """What follows `special` (or the command, for quotactl_fd) at entry."""
    if name in _NOTHING:
        return ""
    if name == "Q_QUOTAON":
        return ", %s, %s" % (printers.enum(qid, ctx.enum_table(call.abi, QUOTA_FORMAT_NAMES),
                                           ctx.style, "QFMT_VFS_???"),
                             path_arg(ctx, call, addr))
    if name in _WITH_ID:
        text = ", %s, " % _uid(qid)
    elif name in _STRUCTS or name in ("Q_GETFMT", "Q_XQUOTAON", "Q_XQUOTAOFF", "Q_XQUOTARM"):
        text = ", "
    else:
        return ", %s, %s" % (_uid(qid), printers.ptr(addr))
    if name in _AT_EXIT:
        return text
    return text + data_text(ctx, call, name, addr)


class _Quota(Decoder):
    CMD_ARG = 0

    def _parts(self, ctx, call):
        qcmd = call.args[self.CMD_ARG] & 0xffffffff
        return qcmd, _cmd_name(ctx, call, qcmd >> 8)

    def exit(self, ctx, call):
        qcmd, name = self._parts(ctx, call)
        if name not in _AT_EXIT:
            return ""
        return data_text(ctx, call, name, call.args[3])


@register("quotactl")
class Quotactl(_Quota):
    def enter(self, ctx, call):
        qcmd, name = self._parts(ctx, call)
        a = call.args
        return "%s, %s%s" % (qcmd_text(ctx, call, qcmd), path_arg(ctx, call, a[1]),
                             _entry_rest(ctx, call, name, a[2] & 0xffffffff, a[3]))


@register("quotactl_fd")
class QuotactlFd(_Quota):
    CMD_ARG = 1

    def enter(self, ctx, call):
        qcmd, name = self._parts(ctx, call)
        a = call.args
        return "%s, %s%s" % (fd(ctx, call, a[0]), qcmd_text(ctx, call, qcmd),
                             _entry_rest(ctx, call, name, a[2] & 0xffffffff, a[3]))
