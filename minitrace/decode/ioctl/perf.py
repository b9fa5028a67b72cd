"""perf event ioctls (type 0x24 '$', linux/perf_event.h), as strace's perf_ioctl: the
PERF_IOC_FLAG_* of ENABLE/DISABLE/RESET, the plain numbers and descriptors given as the
argument, SET_FILTER's string, the u64 of PERIOD (at entry) and ID (at exit), QUERY_BPF's
struct perf_event_query_bpf split between entry and exit, MODIFY_ATTRIBUTES' struct
perf_event_attr (perf.py's printer of perf_event_open)."""
import struct

from minitrace import printers
from minitrace.decode import perf
from minitrace.decode.array import print_array, unpacker
from minitrace.decode.common import (PAGE_SIZE, bounded_cstring, endian, failed, fd, flag_text,
                                     sint)
from minitrace.decode.ioctl.base import TableFamily

IOC_FLAGS = ("PERF_IOC_FLAG_GROUP",)
# struct perf_event_query_bpf: u32 ids_len, u32 prog_cnt, u32 ids[]
QUERY_PROG_CNT, QUERY_IDS = 4, 8


def _flags(ctx, call, arg):
    return flag_text(ctx, call, arg & 0xffffffff, IOC_FLAGS, "PERF_IOC_FLAG_???")


def _u64_at(ctx, call, arg):
    """printnum_int64: `[N]`, NULL, or the address when unreadable."""
    data = ctx.read(call, arg, 8) if arg else None
    if data is None or len(data) < 8:
        return printers.ptr(arg)
    return "[%d]" % struct.unpack(endian(call) + "Q", bytes(data))[0]


def _u32_at(ctx, call, addr):
    data = ctx.read(call, addr, 4) if addr else None
    if data is None or len(data) < 4:
        return None
    return struct.unpack(endian(call) + "I", bytes(data))[0]


def _id_exit(ctx, call, arg):
    return printers.ptr(arg) if failed(call) else _u64_at(ctx, call, arg)


def _query_bpf_enter(ctx, call, arg):
    ids_len = _u32_at(ctx, call, arg)
    if ids_len is None:
        return printers.ptr(arg), False
    return "{ids_len=%d, " % ids_len, True


def _query_bpf_exit(ctx, call, arg):
    count = None if failed(call) else _u32_at(ctx, call, arg + QUERY_PROG_CNT)
    if count is None:
        return "...}"
    return "prog_cnt=%d, ids=%s}" % (count, print_array(
        ctx, call, arg + QUERY_IDS, count, 4, unpacker(call, "I"), lambda v: "%d" % v))


def _modify_attributes(ctx, call, arg):
    fetched = perf.fetch_attr(ctx, call, arg) if arg else None
    if fetched is None:
        return printers.ptr(arg)
    return perf.attr_text(ctx, call, arg, fetched)


PERF = TableFamily(
    (0x24,),
    inp=dict([(n, _flags) for n in ("PERF_EVENT_IOC_ENABLE", "PERF_EVENT_IOC_DISABLE",
                                    "PERF_EVENT_IOC_RESET")]
             + [(n, lambda ctx, call, arg: fd(ctx, call, arg))
                for n in ("PERF_EVENT_IOC_SET_OUTPUT", "PERF_EVENT_IOC_SET_BPF")]
             + [("PERF_EVENT_IOC_REFRESH", lambda ctx, call, arg: sint(arg)),
                ("PERF_EVENT_IOC_PAUSE_OUTPUT", lambda ctx, call, arg: "%d" % arg),
                ("PERF_EVENT_IOC_PERIOD", _u64_at),
                ("PERF_EVENT_IOC_SET_FILTER",
                 lambda ctx, call, arg: bounded_cstring(ctx, call, arg, PAGE_SIZE)),
                ("PERF_EVENT_IOC_MODIFY_ATTRIBUTES", _modify_attributes)]),
    both={"PERF_EVENT_IOC_ID": (lambda ctx, call, arg: (None, True), _id_exit),
          "PERF_EVENT_IOC_QUERY_BPF": (_query_bpf_enter, _query_bpf_exit)})
