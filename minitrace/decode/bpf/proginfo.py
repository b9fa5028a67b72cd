"""struct bpf_prog_info, the info BPF_OBJ_GET_INFO_BY_FD fills for a program, as strace 6.1's
print_bpf_prog_info prints it with -v: the counts and addresses the caller sets (and the
kernel may change) are kept from the entry and printed `OLD => NEW`; the arrays the kernel
fills (xlated_prog_insns, map_ids) are read for the smaller of the two counts."""
import time

from minitrace import printers
from minitrace.arch import endian
from minitrace.decode.array import print_array, unpacker
from minitrace.decode.bpf.attr import OBJ_NAME_LEN, U64
from minitrace.decode.bpf.prog import PROG_TYPES, ebpf_prog
from minitrace.decode.common import failed
from minitrace.decode.file import hex_buffer, makedev, uid
from minitrace.decode.layout import Struct, named
from minitrace.decode.sockaddr.fields import ifindex
from minitrace.decode.timefmt import time_comment

TAG_SIZE = 8            # BPF_TAG_SIZE of linux/bpf.h
INSN_SIZE = 8           # sizeof(struct bpf_insn)
# CLOCK_BOOTTIME of linux/time.h (time.CLOCK_BOOTTIME is Python 3.7+)
CLOCK_BOOTTIME = getattr(time, "CLOCK_BOOTTIME", 7)

# linux/bpf.h (6.1). gpl_compatible is a 1-bit field: its u32 word follows ifindex;
# load_time, netns_dev, netns_ino, run_time_ns, run_cnt, recursion_misses are plain __u64 at
# offsets 8-aligned on every ABI. strace 6.1 stops at verified_insns (PROG_INFO_SIZE); the
# kernel's attach_btf_obj_id, attach_btf_id and a pad follow.
PROG_INFO = named("bpf_prog_info", Struct("bpf_prog_info", [
    ("type", "u32"), ("id", "u32"), ("tag", ("u8", TAG_SIZE)), ("jited_prog_len", "u32"),
    ("xlated_prog_len", "u32"), ("jited_prog_insns", U64), ("xlated_prog_insns", U64),
    ("load_time", "u64@8"), ("created_by_uid", "u32"), ("nr_map_ids", "u32"), ("map_ids", U64),
    ("name", ("u8", OBJ_NAME_LEN)), ("ifindex", "u32"), ("gpl_compatible", "u32"),
    ("netns_dev", "u64@8"), ("netns_ino", "u64@8"), ("nr_jited_ksyms", "u32"),
    ("nr_jited_func_lens", "u32"), ("jited_ksyms", U64), ("jited_func_lens", U64),
    ("btf_id", "u32"), ("func_info_rec_size", "u32"), ("func_info", U64),
    ("nr_func_info", "u32"), ("nr_line_info", "u32"), ("line_info", U64),
    ("jited_line_info", U64), ("nr_jited_line_info", "u32"), ("line_info_rec_size", "u32"),
    ("jited_line_info_rec_size", "u32"), ("nr_prog_tags", "u32"), ("prog_tags", U64),
    ("run_time_ns", "u64@8"), ("run_cnt", "u64@8"), ("recursion_misses", "u64@8"),
    ("verified_insns", "u32"), (None, "u32"), (None, "u32"), (None, "u32")]))
PROG_INFO_SIZE = 220    # offsetofend(verified_insns): strace's size, not sizeof

# the fields strace keeps from the entry (struct obj_get_info_saved)
SAVED = ("jited_prog_len", "xlated_prog_len", "nr_map_ids", "nr_jited_ksyms",
         "nr_jited_func_lens", "jited_ksyms", "jited_func_lens", "func_info_rec_size",
         "nr_func_info", "nr_line_info", "nr_jited_line_info", "jited_line_info",
         "line_info_rec_size", "jited_line_info_rec_size", "nr_prog_tags")

_rtc_offset = []        # strace's static ts_rtc: the realtime - boottime offset, taken once


def _clock_ns(clock):
    if hasattr(time, "clock_gettime_ns"):
        return time.clock_gettime_ns(clock)
    return int(time.clock_gettime(clock) * 1000000000)


def rtc_offset_ns():
    """Realtime minus boottime in ns (None when a clock cannot be read), taken at the first
    use, as strace's print_boottime."""
    if not _rtc_offset:
        try:
            boot = _clock_ns(CLOCK_BOOTTIME)
            rtc = _clock_ns(time.CLOCK_REALTIME)
        except (OSError, AttributeError):
            return None
        _rtc_offset.append(rtc - boot)
    return _rtc_offset[0]


def boottime_comment(ctx, ns):
    """print_boottime: the local time, in seconds, of a time in ns since boot (an
    approximation), none with -X raw."""
    offset = rtc_offset_ns()
    if ctx.style.const_style == "raw" or offset is None:
        return ""
    return time_comment((ns + offset) // 1000000000)


def _gpl_compatible(i):
    """The 1-bit field: the word's lowest bit, its highest on a big-endian ABI."""
    word = i["gpl_compatible"]
    return (word >> 31) if endian(i.call.abi) == ">" else word & 1


def _insns(i, before):
    ctx, call = i.ctx, i.call
    length = i["jited_prog_len"]
    jited = "jited_prog_insns=" + hex_buffer(ctx, call, i["jited_prog_insns"], length)
    count = min(before["xlated_prog_len"], i["xlated_prog_len"]) // INSN_SIZE
    xlated = "xlated_prog_insns=" + ebpf_prog(ctx, call, i["xlated_prog_insns"], count,
                                              fetch=not failed(call))
    return [i.xval("type", PROG_TYPES, "BPF_PROG_TYPE_???"), i.u("id"), i.hex_array("tag"),
            i.changed("jited_prog_len", before["jited_prog_len"]), jited,
            i.changed("xlated_prog_len", before["xlated_prog_len"]), xlated]


def _maps(i, before):
    ctx, call = i.ctx, i.call
    ids = print_array(ctx, call, i["map_ids"], min(before["nr_map_ids"], i["nr_map_ids"]), 4,
                      unpacker(call, "I"), str, fetch=not failed(call))
    return ["load_time=%d%s" % (i["load_time"], boottime_comment(ctx, i["load_time"])),
            "created_by_uid=" + uid(i["created_by_uid"]),
            i.changed("nr_map_ids", before["nr_map_ids"]), "map_ids=" + ids, i.cstring("name")]


def _netns(i, before):
    return ["ifindex=" + ifindex(i.ctx, i["ifindex"]), "gpl_compatible=%d" % _gpl_compatible(i),
            "netns_dev=" + makedev(i["netns_dev"], i.ctx.style), i.u("netns_ino")]


def _ksyms(i, before):
    return [i.changed("nr_jited_ksyms", before["nr_jited_ksyms"]),
            i.changed("nr_jited_func_lens", before["nr_jited_func_lens"]),
            i.changed("jited_ksyms", before["jited_ksyms"], printers.ptr),
            i.changed("jited_func_lens", before["jited_func_lens"], printers.ptr)]


def _btf(i, before):
    return [i.u("btf_id"), i.changed("func_info_rec_size", before["func_info_rec_size"]),
            i.addr("func_info"), i.changed("nr_func_info", before["nr_func_info"]),
            i.changed("nr_line_info", before["nr_line_info"]), i.addr("line_info"),
            i.changed("jited_line_info", before["jited_line_info"], printers.ptr),
            i.changed("nr_jited_line_info", before["nr_jited_line_info"]),
            i.changed("line_info_rec_size", before["line_info_rec_size"]),
            i.changed("jited_line_info_rec_size", before["jited_line_info_rec_size"]),
            i.changed("nr_prog_tags", before["nr_prog_tags"]), i.addr("prog_tags")]


def _runs(i, before):
    return [i.u("run_time_ns"), i.u("run_cnt")]


# (the first field of each group: printed when info_len reaches it)
GROUPS = ((None, _insns), ("load_time", _maps), ("ifindex", _netns),
          ("nr_jited_ksyms", _ksyms), ("btf_id", _btf), ("run_time_ns", _runs),
          ("recursion_misses", lambda i, before: [i.u64("recursion_misses")]),
          ("verified_insns", lambda i, before: [i.u("verified_insns")]))


class ProgInfo(object):
    layout = PROG_INFO
    size = PROG_INFO_SIZE

    def entry(self, i):
        """What the exit needs of the info at entry: the counts and addresses of SAVED."""
        return dict((name, i[name]) for name in SAVED)

    def text(self, i, before):
        return "{" + i.walk(GROUPS, before) + "}"
