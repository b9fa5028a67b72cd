"""perf_event_open(2) as strace 6.1 decodes it (perf.c): struct perf_event_attr is read at
entry (its first 48 bytes without -v, else `size` bytes, at most the struct known) and printed
at exit, when an E2BIG shows the size the kernel wrote back (`size=0xa0 => 0x88`)."""
import struct

from minitrace import printers
from minitrace.decode import register
from minitrace.decode.clock import CLOCKS
from minitrace.decode.common import enum_text, fd, flag_text, lmask, sint
from minitrace.decode.generic import Decoder
from minitrace.decode.layout import Struct

# linux/perf_event.h: struct perf_event_attr as of PERF_ATTR_SIZE_VER7 (what strace 6.1 knows)
PERF_EVENT_ATTR = Struct("perf_event_attr", [
    ("type", "u32"), ("size", "u32"), ("config", "u64"), ("sample_period", "u64"),
    ("sample_type", "u64"), ("read_format", "u64"), ("flags", "u64"), ("wakeup_events", "u32"),
    ("bp_type", "u32"), ("config1", "u64"), ("config2", "u64"), ("branch_sample_type", "u64"),
    ("sample_regs_user", "u64"), ("sample_stack_user", "u32"), ("clockid", "s32"),
    ("sample_regs_intr", "u64"), ("aux_watermark", "u32"), ("sample_max_stack", "u16"),
    ("__reserved_2", "u16"), ("aux_sample_size", "u32"), ("__reserved_3", "u32"),
    ("sig_data", "u64")])
SIZE_VER0 = 64          # PERF_ATTR_SIZE_VER0: the smallest attr the kernel takes
ABBREV_SIZE = 48        # offsetof(struct perf_event_attr, wakeup_events): what strace reads without -v

# the one-bit fields of the 64-bit word after read_format, in bit order; precise_ip is 2 bits
FLAG_BITS = ("disabled", "inherit", "pinned", "exclusive", "exclude_user", "exclude_kernel",
             "exclude_hv", "exclude_idle", "mmap", "comm", "freq", "inherit_stat",
             "enable_on_exec", "task", "watermark")
PRECISE_IP_BIT = 15
FLAG_BITS2 = ("mmap_data", "sample_id_all", "exclude_host", "exclude_guest",
              "exclude_callchain_kernel", "exclude_callchain_user", "mmap2", "comm_exec",
              "use_clockid", "context_switch", "write_backward", "namespaces", "ksymbol",
              "bpf_event", "aux_output", "cgroup", "text_poke", "build_id", "inherit_thread",
              "remove_on_exec", "sigtrap")
RESERVED_1_BIT = 38
PRECISE_IP = ("arbitrary skid", "constant skid", "requested to have 0 skid", "must have 0 skid")

# xlat/perf_type_id.in, perf_attr_size.in, perf_hw_id.in, perf_sw_ids.in, perf_hw_cache_id.in,
# perf_hw_cache_op_id.in, perf_hw_cache_op_result_id.in (linux/perf_event.h)
PERF_TYPES = ("PERF_TYPE_HARDWARE", "PERF_TYPE_SOFTWARE", "PERF_TYPE_TRACEPOINT",
              "PERF_TYPE_HW_CACHE", "PERF_TYPE_RAW", "PERF_TYPE_BREAKPOINT")
ATTR_SIZES = tuple("PERF_ATTR_SIZE_VER%d" % i for i in range(8))
HW_IDS = ("PERF_COUNT_HW_CPU_CYCLES", "PERF_COUNT_HW_INSTRUCTIONS",
          "PERF_COUNT_HW_CACHE_REFERENCES", "PERF_COUNT_HW_CACHE_MISSES",
          "PERF_COUNT_HW_BRANCH_INSTRUCTIONS", "PERF_COUNT_HW_BRANCH_MISSES",
          "PERF_COUNT_HW_BUS_CYCLES", "PERF_COUNT_HW_STALLED_CYCLES_FRONTEND",
          "PERF_COUNT_HW_STALLED_CYCLES_BACKEND", "PERF_COUNT_HW_REF_CPU_CYCLES")
SW_IDS = ("PERF_COUNT_SW_CPU_CLOCK", "PERF_COUNT_SW_TASK_CLOCK", "PERF_COUNT_SW_PAGE_FAULTS",
          "PERF_COUNT_SW_CONTEXT_SWITCHES", "PERF_COUNT_SW_CPU_MIGRATIONS",
          "PERF_COUNT_SW_PAGE_FAULTS_MIN", "PERF_COUNT_SW_PAGE_FAULTS_MAJ",
          "PERF_COUNT_SW_ALIGNMENT_FAULTS", "PERF_COUNT_SW_EMULATION_FAULTS",
          "PERF_COUNT_SW_DUMMY", "PERF_COUNT_SW_BPF_OUTPUT", "PERF_COUNT_SW_CGROUP_SWITCHES")
HW_CACHE_IDS = ("PERF_COUNT_HW_CACHE_L1D", "PERF_COUNT_HW_CACHE_L1I", "PERF_COUNT_HW_CACHE_LL",
                "PERF_COUNT_HW_CACHE_DTLB", "PERF_COUNT_HW_CACHE_ITLB", "PERF_COUNT_HW_CACHE_BPU",
                "PERF_COUNT_HW_CACHE_NODE")
HW_CACHE_OPS = ("PERF_COUNT_HW_CACHE_OP_READ", "PERF_COUNT_HW_CACHE_OP_WRITE",
                "PERF_COUNT_HW_CACHE_OP_PREFETCH")
HW_CACHE_RESULTS = ("PERF_COUNT_HW_CACHE_RESULT_ACCESS", "PERF_COUNT_HW_CACHE_RESULT_MISS")
# xlat/perf_event_sample_format.in, perf_event_read_format.in, perf_branch_sample_type.in,
# perf_event_open_flags.in (linux/perf_event.h)
SAMPLE_FORMAT = (
    "PERF_SAMPLE_IP", "PERF_SAMPLE_TID", "PERF_SAMPLE_TIME", "PERF_SAMPLE_ADDR", "PERF_SAMPLE_READ",
    "PERF_SAMPLE_CALLCHAIN", "PERF_SAMPLE_ID", "PERF_SAMPLE_CPU", "PERF_SAMPLE_PERIOD",
    "PERF_SAMPLE_STREAM_ID", "PERF_SAMPLE_RAW", "PERF_SAMPLE_BRANCH_STACK",
    "PERF_SAMPLE_REGS_USER", "PERF_SAMPLE_STACK_USER", "PERF_SAMPLE_WEIGHT",
    "PERF_SAMPLE_DATA_SRC", "PERF_SAMPLE_IDENTIFIER", "PERF_SAMPLE_TRANSACTION",
    "PERF_SAMPLE_REGS_INTR", "PERF_SAMPLE_PHYS_ADDR", "PERF_SAMPLE_AUX", "PERF_SAMPLE_CGROUP",
    "PERF_SAMPLE_DATA_PAGE_SIZE", "PERF_SAMPLE_CODE_PAGE_SIZE", "PERF_SAMPLE_WEIGHT_STRUCT")
READ_FORMAT = ("PERF_FORMAT_TOTAL_TIME_ENABLED", "PERF_FORMAT_TOTAL_TIME_RUNNING",
               "PERF_FORMAT_ID", "PERF_FORMAT_GROUP", "PERF_FORMAT_LOST")
BRANCH_SAMPLE_TYPE = (
    "PERF_SAMPLE_BRANCH_USER", "PERF_SAMPLE_BRANCH_KERNEL", "PERF_SAMPLE_BRANCH_HV",
    "PERF_SAMPLE_BRANCH_ANY", "PERF_SAMPLE_BRANCH_ANY_CALL", "PERF_SAMPLE_BRANCH_ANY_RETURN",
    "PERF_SAMPLE_BRANCH_IND_CALL", "PERF_SAMPLE_BRANCH_ABORT_TX", "PERF_SAMPLE_BRANCH_IN_TX",
    "PERF_SAMPLE_BRANCH_NO_TX", "PERF_SAMPLE_BRANCH_COND", "PERF_SAMPLE_BRANCH_CALL_STACK",
    "PERF_SAMPLE_BRANCH_IND_JUMP", "PERF_SAMPLE_BRANCH_CALL", "PERF_SAMPLE_BRANCH_NO_FLAGS",
    "PERF_SAMPLE_BRANCH_NO_CYCLES", "PERF_SAMPLE_BRANCH_TYPE_SAVE", "PERF_SAMPLE_BRANCH_HW_INDEX",
    "PERF_SAMPLE_BRANCH_PRIV_SAVE")
OPEN_FLAGS = ("PERF_FLAG_FD_NO_GROUP", "PERF_FLAG_FD_OUTPUT", "PERF_FLAG_PID_CGROUP",
              "PERF_FLAG_FD_CLOEXEC")
# xlat/hw_breakpoint_type.in (linux/hw_breakpoint.h)
BP_TYPES = ("HW_BREAKPOINT_EMPTY", "HW_BREAKPOINT_R", "HW_BREAKPOINT_W", "HW_BREAKPOINT_RW",
            "HW_BREAKPOINT_X")
BP_TYPE_INVALID_MAX = 7     # HW_BREAKPOINT_X | HW_BREAKPOINT_RW: below it, a bad combination

_MASK32 = 0xffffffff


def _bits(call, word, first, width):
    """A bitfield of the 64-bit flags word: from the low bit on little-endian ABIs, from the
    high bit on big-endian ones (the C compilers' allocation)."""
    shift = first if call.abi not in _BIG_ENDIAN else 64 - first - width
    return (word >> shift) & ((1 << width) - 1)


_BIG_ENDIAN = frozenset(("s390x",))


def fetch_attr(ctx, call, addr):
    """The attr fields (dict) and the number of bytes read, or None (strace prints the
    address)."""
    compiled = PERF_EVENT_ATTR.on(call.abi)
    end = endian_of(call)
    raw = ctx.read_data(call, addr + 4, 4) if addr else None
    if raw is None or len(raw) < 4:
        return None
    size = struct.unpack(end + "I", raw)[0]
    size = min(size, compiled.size) or SIZE_VER0
    if size < SIZE_VER0:
        return None
    if not ctx.style.verbose:
        size = ABBREV_SIZE
    data = ctx.read(call, addr, size)
    if data is None or len(data) < size:
        return None
    return compiled.dict(bytes(data) + b"\0" * (compiled.size - size)), size


def endian_of(call):
    return ">" if call.abi in _BIG_ENDIAN else "<"


def _xval(ctx, call, value, names, unknown):
    return enum_text(ctx, call, value, names, unknown)


def _config(ctx, call, v):
    consts = ctx.constants(call.abi)
    kind, config = v["type"], v["config"]
    if kind == consts.get("PERF_TYPE_HARDWARE"):
        text = "%#x<<32|" % (config >> 32) if config >> 32 else ""
        return text + _xval(ctx, call, config & _MASK32, HW_IDS, "PERF_COUNT_HW_???")
    if kind == consts.get("PERF_TYPE_SOFTWARE"):
        return _xval(ctx, call, config, SW_IDS, "PERF_COUNT_SW_???")
    if kind == consts.get("PERF_TYPE_TRACEPOINT"):
        return str(config)
    if kind == consts.get("PERF_TYPE_HW_CACHE"):
        text = "%#x<<32|" % (config >> 32) if config >> 32 else ""
        if (config & _MASK32) >> 24:
            text += "%#x<<24|" % ((config & _MASK32) >> 24)
        return text + "%s<<16|%s<<8|%s" % (
            _xval(ctx, call, (config >> 16) & 0xff, HW_CACHE_RESULTS,
                  "PERF_COUNT_HW_CACHE_RESULT_???"),
            _xval(ctx, call, (config >> 8) & 0xff, HW_CACHE_OPS, "PERF_COUNT_HW_CACHE_OP_???"),
            _xval(ctx, call, config & 0xff, HW_CACHE_IDS, "PERF_COUNT_HW_CACHE_???"))
    return printers.hexnum(config)


def _flag_fields(ctx, call, v, parts):
    word = v["flags"]
    full = ctx.style.verbose
    for i, name in enumerate(FLAG_BITS):
        bit = _bits(call, word, i, 1)
        if full or bit:
            parts.append("%s=%d" % (name, bit))
    precise = _bits(call, word, PRECISE_IP_BIT, 2)
    parts.append("precise_ip=%d /* %s */" % (precise, PRECISE_IP[precise]))
    for i, name in enumerate(FLAG_BITS2):
        bit = _bits(call, word, PRECISE_IP_BIT + 2 + i, 1)
        if full or bit:
            parts.append("%s=%d" % (name, bit))
    reserved = _bits(call, word, RESERVED_1_BIT, 64 - RESERVED_1_BIT)
    if reserved:
        parts.append("__reserved_1=%#x /* Bits 63..38 */" % reserved)


# (field, its offset) of the optional tail: printing stops at the first one past what was read
_OFFSETS = {}


def _offset(call, name):
    key = call.abi
    offsets = _OFFSETS.get(key)
    if offsets is None:
        offsets = _OFFSETS[key] = dict((n, off) for n, (off, _) in
                                       PERF_EVENT_ATTR.on(call.abi).fields.items())
    return offsets[name]


def _tail(ctx, call, v, size, parts):
    """The fields after __reserved_1 (-v only); False when the read size ended them."""
    consts = ctx.constants(call.abi)
    word = v["flags"]
    breakpoint = v["type"] == consts.get("PERF_TYPE_BREAKPOINT")
    if _bits(call, word, FLAG_BITS.index("watermark"), 1):
        parts.append("wakeup_watermark=%d" % v["wakeup_events"])
    else:
        parts.append("wakeup_events=%d" % v["wakeup_events"])
    if breakpoint:
        bp = v["bp_type"]
        parts.append("bp_type=" + _xval(
            ctx, call, bp, BP_TYPES,
            "HW_BREAKPOINT_INVALID" if bp <= BP_TYPE_INVALID_MAX else "HW_BREAKPOINT_???"))
        parts.append("bp_addr=" + printers.hexnum(v["config1"]))
    else:
        parts.append("config1=" + printers.hexnum(v["config1"]))

    def present(name):
        return _offset(call, name) < size
    if not present("config2"):
        return
    parts.append("bp_len=%d" % v["config2"] if breakpoint
                 else "config2=" + printers.hexnum(v["config2"]))
    if not present("branch_sample_type"):
        return
    sample_type = v["sample_type"]
    if sample_type & consts.get("PERF_SAMPLE_BRANCH_STACK", 0):
        parts.append("branch_sample_type=" + flag_text(
            ctx, call, v["branch_sample_type"], BRANCH_SAMPLE_TYPE, "PERF_SAMPLE_BRANCH_???"))
    if not present("sample_regs_user"):
        return
    parts.append("sample_regs_user=" + printers.hexnum(v["sample_regs_user"]))
    if not present("sample_stack_user"):
        return
    if sample_type & consts.get("PERF_SAMPLE_STACK_USER", 0):
        parts.append("sample_stack_user=" + printers.hexnum(v["sample_stack_user"]))
    if _bits(call, word, PRECISE_IP_BIT + 2 + FLAG_BITS2.index("use_clockid"), 1):
        if not present("clockid"):
            return
        parts.append("clockid=" + _xval(ctx, call, v["clockid"] & _MASK32, CLOCKS,
                                        "CLOCK_???"))
    if not present("sample_regs_intr"):
        return
    parts.append("sample_regs_intr=" + printers.hexnum(v["sample_regs_intr"]))
    if not present("aux_watermark"):
        return
    parts.append("aux_watermark=%d" % v["aux_watermark"])
    if not present("sample_max_stack"):
        return
    parts.append("sample_max_stack=%d" % v["sample_max_stack"])
    if not present("__reserved_2"):
        return
    if v["__reserved_2"]:
        parts[-1] += " /* bytes 110..111: %#x */" % v["__reserved_2"]
    if not present("aux_sample_size"):
        return
    parts.append("aux_sample_size=%d" % v["aux_sample_size"])
    if not present("__reserved_3"):
        return
    if v["__reserved_3"]:
        parts[-1] += " /* bytes 116..119: %#x */" % v["__reserved_3"]
    if not present("sig_data"):
        return
    parts.append("sig_data=" + printers.hexnum(v["sig_data"]))


def attr_text(ctx, call, addr, fetched):
    v, size = fetched
    consts = ctx.constants(call.abi)
    size_text = _xval(ctx, call, v["size"], ATTR_SIZES, "PERF_ATTR_SIZE_???")
    if call.error and call.error == consts.get("E2BIG"):
        raw = ctx.read_data(call, addr + 4, 4)
        if raw is None or len(raw) < 4:
            size_text += " => ???"
        else:
            size_text += " => " + _xval(ctx, call, struct.unpack(endian_of(call) + "I", raw)[0],
                                        ATTR_SIZES, "PERF_ATTR_SIZE_???")
    parts = ["type=" + _xval(ctx, call, v["type"], PERF_TYPES, "PERF_TYPE_???"),
             "size=" + size_text, "config=" + _config(ctx, call, v)]
    if _bits(call, v["flags"], FLAG_BITS.index("freq"), 1):
        parts.append("sample_freq=%d" % v["sample_period"])
    else:
        parts.append("sample_period=%d" % v["sample_period"])
    parts.append("sample_type=" + flag_text(ctx, call, v["sample_type"], SAMPLE_FORMAT,
                                            "PERF_SAMPLE_???"))
    parts.append("read_format=" + flag_text(ctx, call, v["read_format"], READ_FORMAT,
                                            "PERF_FORMAT_???"))
    _flag_fields(ctx, call, v, parts)
    if ctx.style.verbose:
        _tail(ctx, call, v, size, parts)
    if (v["size"] and v["size"] > size) or (not v["size"] and size < SIZE_VER0):
        parts.append("...")
    return "{" + ", ".join(parts) + "}"


@register("perf_event_open")
class PerfEventOpen(Decoder):
    def _rest(self, ctx, call):
        a = call.args
        return "%s, %s, %s, %s" % (
            sint(a[1]), sint(a[2]), fd(ctx, call, a[3]),
            flag_text(ctx, call, a[4] & lmask(call), OPEN_FLAGS, "PERF_FLAG_???"))

    def enter(self, ctx, call):
        addr = call.args[0]
        fetched = fetch_attr(ctx, call, addr) if addr else None
        if fetched is None:
            return "%s, %s" % (printers.ptr(addr), self._rest(ctx, call))
        call.saved = fetched
        return ""

    def exit(self, ctx, call):
        if call.saved is None:
            return ""
        return "%s, %s" % (attr_text(ctx, call, call.args[0], call.saved), self._rest(ctx, call))
