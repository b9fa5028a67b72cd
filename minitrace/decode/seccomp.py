"""seccomp(2) and the classic BPF programs of seccomp filters (strace's seccomp.c,
bpf_filter.c, bpf_seccomp_filter.c): `{len=4, filter=[BPF_STMT(BPF_LD|BPF_W|BPF_ABS, 0x4),
BPF_JUMP(BPF_JMP|BPF_K|BPF_JEQ, 0xc000003e, 0, 0x1), ...]}`; the program itself only with -v."""
import struct

from minitrace import printers
from minitrace.arch import long_mask
from minitrace.decode import register
from minitrace.decode.common import endian, enum_text, failed, flag_text, read_ints, read_struct
from minitrace.decode.generic import Decoder
from minitrace.decode.layout import Struct, named

SECCOMP_OP_NAMES = ("SECCOMP_SET_MODE_STRICT", "SECCOMP_SET_MODE_FILTER",   # xlat/seccomp_ops.in
                    "SECCOMP_GET_ACTION_AVAIL", "SECCOMP_GET_NOTIF_SIZES")
SECCOMP_FILTER_FLAG_NAMES = ("SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_LOG",
                             "SECCOMP_FILTER_FLAG_SPEC_ALLOW", "SECCOMP_FILTER_FLAG_NEW_LISTENER",
                             "SECCOMP_FILTER_FLAG_TSYNC_ESRCH",
                             "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV")
SECCOMP_RET_NAMES = ("SECCOMP_RET_KILL_PROCESS", "SECCOMP_RET_KILL_THREAD", "SECCOMP_RET_TRAP",
                     "SECCOMP_RET_ERRNO", "SECCOMP_RET_USER_NOTIF", "SECCOMP_RET_TRACE",
                     "SECCOMP_RET_LOG", "SECCOMP_RET_ALLOW")        # xlat/seccomp_ret_action.in

# classic BPF (linux/filter.h, linux/bpf_common.h; the eBPF names strace's tables also hold come
# from linux/bpf.h): xlat/bpf_class.in, bpf_size.in, bpf_mode.in, bpf_src.in, bpf_op_alu.in,
# bpf_op_jmp.in, bpf_rval.in, bpf_miscop.in
BPF_CLASS_NAMES = ("BPF_LD", "BPF_LDX", "BPF_ST", "BPF_STX", "BPF_ALU", "BPF_JMP", "BPF_RET",
                   "BPF_MISC")
BPF_SIZE_NAMES = ("BPF_W", "BPF_H", "BPF_B", "BPF_DW")
BPF_MODE_NAMES = ("BPF_IMM", "BPF_ABS", "BPF_IND", "BPF_MEM", "BPF_LEN", "BPF_MSH", "BPF_XADD")
BPF_SRC_NAMES = ("BPF_K", "BPF_X")
BPF_ALU_NAMES = ("BPF_ADD", "BPF_SUB", "BPF_MUL", "BPF_DIV", "BPF_OR", "BPF_AND", "BPF_LSH",
                 "BPF_RSH", "BPF_NEG", "BPF_MOD", "BPF_XOR", "BPF_MOV", "BPF_ARSH", "BPF_END")
BPF_JMP_NAMES = ("BPF_JA", "BPF_JEQ", "BPF_JGT", "BPF_JGE", "BPF_JSET", "BPF_JNE", "BPF_JSGT",
                 "BPF_JSGE", "BPF_CALL", "BPF_EXIT", "BPF_JLT", "BPF_JLE", "BPF_JSLT",
                 "BPF_JSLE")
BPF_RVAL_NAMES = ("BPF_K", "BPF_X", "BPF_A")
BPF_MISCOP_NAMES = ("BPF_TAX", "BPF_TXA")
BPF_MAXINSNS = 4096         # linux/bpf_common.h

# struct sock_fprog (linux/filter.h): unsigned short len; struct sock_filter *filter
SOCK_FPROG = named("sock_fprog", Struct("sock_fprog", [("len", "u16"), ("filter", "ptr")]))
# struct seccomp_notif_sizes (linux/seccomp.h): three __u16
NOTIF_SIZES = named("seccomp_notif_sizes", Struct("seccomp_notif_sizes", [
    ("seccomp_notif", "u16"), ("seccomp_notif_resp", "u16"), ("seccomp_data", "u16")]))


def _x(ctx, call, value, names, unknown="BPF_???"):
    return enum_text(ctx, call, value, names, unknown)


def bpf_code(ctx, call, code):
    """`BPF_LD|BPF_W|BPF_ABS` (strace's print_bpf_filter_code, classic BPF)."""
    cls = code & 0x07
    rest = code & ~cls
    parts = [_x(ctx, call, cls, BPF_CLASS_NAMES)]
    name = ctx.enum_table(call.abi, BPF_CLASS_NAMES).get(cls)
    if name in ("BPF_ST", "BPF_STX"):
        if rest:
            parts.append("%#x /* BPF_??? */" % rest)
    elif name in ("BPF_LD", "BPF_LDX"):
        parts += [_x(ctx, call, code & 0x18, BPF_SIZE_NAMES), _x(ctx, call, code & 0xe0,
                                                                BPF_MODE_NAMES)]
    elif name == "BPF_MISC":
        parts.append(_x(ctx, call, code & 0xf8, BPF_MISCOP_NAMES))
    elif name in ("BPF_ALU", "BPF_JMP"):
        parts += [_x(ctx, call, code & 0x08, BPF_SRC_NAMES),
                  _x(ctx, call, code & 0xf0, BPF_ALU_NAMES if name == "BPF_ALU"
                     else BPF_JMP_NAMES)]
    elif name == "BPF_RET":
        parts.append(_x(ctx, call, code & 0x18, BPF_RVAL_NAMES))
        rest &= ~0x18
        if rest:
            parts.append("%#x /* BPF_??? */" % rest)
    return "|".join(parts)


def seccomp_k(ctx, call, code, k):
    """The constant of a BPF_RET: `SECCOMP_RET_ERRNO|0x1`; None for other classes."""
    if code & 0x07 != ctx.constants(call.abi).get("BPF_RET", 6):
        return None
    action = k & 0xffff0000                 # SECCOMP_RET_ACTION_FULL
    text = enum_text(ctx, call, action, SECCOMP_RET_NAMES, "SECCOMP_RET_???")
    data = k & ~action
    return text + ("|%#x" % data if data else "")


def bpf_insn(ctx, call, code, jt, jf, k):
    if jt or jf:
        return "BPF_JUMP(%s, %s, %s, %s)" % (bpf_code(ctx, call, code), printers.hexnum(k),
                                             printers.hexnum(jt), printers.hexnum(jf))
    kt = seccomp_k(ctx, call, code, k)
    return "BPF_STMT(%s, %s)" % (bpf_code(ctx, call, code),
                                 printers.hexnum(k) if kt is None else kt)


def bpf_program(ctx, call, addr, count):
    """The instructions (strace's print_array: -s elements unless -v... strace prints them all,
    up to BPF_MAXINSNS)."""
    if not ctx.style.verbose:
        return printers.ptr(addr)
    if not addr:
        return "NULL"
    if count == 0:
        return "[]"
    data = ctx.read(call, addr, min(count, BPF_MAXINSNS + 1) * 8)
    if not data or len(data) < 8:
        return printers.ptr(addr)
    insn = struct.Struct(endian(call) + "HBBI")   # struct sock_filter: code, jt, jf, k
    out = []
    n = len(data) // 8
    for i in range(min(n, count)):
        if i >= BPF_MAXINSNS:
            out.append("...")
            break
        out.append(bpf_insn(ctx, call, *insn.unpack_from(data, i * 8)))
    else:
        if n < count:
            out.append("... /* %s */" % printers.ptr(addr + n * 8))
    return "[" + ", ".join(out) + "]"


def seccomp_fprog(ctx, call, addr):
    """`{len=12, filter=0x55...}` (the program in full with -v)."""
    v = read_struct(ctx, call, addr, SOCK_FPROG.on(call.abi))
    if v is None:
        return printers.ptr(addr)
    return "{len=%d, filter=%s}" % (v["len"], bpf_program(ctx, call, v["filter"], v["len"]))


@register("seccomp")
class Seccomp(Decoder):
    def _name(self, ctx, call):
        return ctx.enum_table(call.abi, SECCOMP_OP_NAMES).get(call.args[0] & 0xffffffff)

    def enter(self, ctx, call):
        a = call.args
        op = enum_text(ctx, call, a[0] & 0xffffffff, SECCOMP_OP_NAMES, "SECCOMP_SET_MODE_???")
        name = self._name(ctx, call)
        mask = long_mask(call.abi)
        flags = a[1] & 0xffffffff
        if name == "SECCOMP_SET_MODE_FILTER":
            return "%s, %s, %s" % (op, flag_text(ctx, call, flags, SECCOMP_FILTER_FLAG_NAMES,
                                                 "SECCOMP_FILTER_FLAG_???"),
                                   seccomp_fprog(ctx, call, a[2] & mask))
        if name == "SECCOMP_GET_ACTION_AVAIL":
            addr = a[2] & mask
            v = read_ints(ctx, call, addr, 1, "I") if addr else None
            act = printers.ptr(addr) if v is None else "[%s]" % enum_text(
                ctx, call, v[0], SECCOMP_RET_NAMES, "SECCOMP_RET_???")
            return "%s, %s, %s" % (op, printers.hexnum(flags), act)
        if name == "SECCOMP_GET_NOTIF_SIZES":
            return "%s, %s, " % (op, printers.hexnum(flags))
        return "%s, %s, %s" % (op, printers.hexnum(flags), printers.ptr(a[2] & mask))

    def exit(self, ctx, call):
        if self._name(ctx, call) != "SECCOMP_GET_NOTIF_SIZES":
            return ""
        addr = call.args[2] & long_mask(call.abi)
        v = None if failed(call) else read_struct(ctx, call, addr, NOTIF_SIZES.on(call.abi))
        if v is None:
            return printers.ptr(addr)
        return "{seccomp_notif=%d, seccomp_notif_resp=%d, seccomp_data=%d}" % (
            v["seccomp_notif"], v["seccomp_notif_resp"], v["seccomp_data"])
