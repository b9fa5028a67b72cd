"""Classic BPF programs (struct sock_fprog of SO_ATTACH_FILTER, SO_GET_FILTER) as strace 6.1's
print_bpf_fprog prints them: `{len=2, filter=[BPF_STMT(BPF_LD|BPF_B|BPF_ABS, SKF_LL_OFF+4),
BPF_JUMP(BPF_JMP|BPF_K|BPF_JEQ, 0x11, 0, 0x5)]}`. Text only."""
from minitrace import printers
from minitrace.decode.common import enum_text, read_struct
from minitrace.decode.layout import Struct, named
from minitrace.decode.sockopt.common import array

# linux/filter.h: struct sock_filter, struct sock_fprog
SOCK_FILTER = named("sock_filter", Struct("sock_filter", [
    ("code", "u16"), ("jt", "u8"), ("jf", "u8"), ("k", "u32")]))
SOCK_FPROG = named("sock_fprog", Struct("sock_fprog", [("len", "u16"), ("filter", "ptr")]))

# linux/bpf_common.h: the fields of an instruction code, BPF_CLASS() BPF_SIZE() BPF_MODE()
# BPF_OP() BPF_SRC(), and linux/filter.h's BPF_RVAL() BPF_MISCOP() (function-like macros)
CLASS_MASK, SIZE_MASK, MODE_MASK, OP_MASK, SRC_MASK = 0x07, 0x18, 0xe0, 0xf0, 0x08
RVAL_MASK, MISCOP_MASK = 0x18, 0xf8

# strace's xlat/bpf_class.in, bpf_size.in, bpf_mode.in, bpf_miscop.in, bpf_src.in,
# bpf_op_alu.in, bpf_op_jmp.in, bpf_rval.in, skf_ad.in (names of linux/bpf_common.h, filter.h)
CLASSES = ("BPF_LD", "BPF_LDX", "BPF_ST", "BPF_STX", "BPF_ALU", "BPF_JMP", "BPF_RET",
           "BPF_MISC")
SIZES = ("BPF_W", "BPF_H", "BPF_B", "BPF_DW")
MODES = ("BPF_IMM", "BPF_ABS", "BPF_IND", "BPF_MEM", "BPF_LEN", "BPF_MSH", "BPF_XADD")
MISCOPS = ("BPF_TAX", "BPF_TXA")
SRCS = ("BPF_K", "BPF_X")
ALU_OPS = ("BPF_ADD", "BPF_SUB", "BPF_MUL", "BPF_DIV", "BPF_OR", "BPF_AND", "BPF_LSH",
           "BPF_RSH", "BPF_NEG", "BPF_MOD", "BPF_XOR", "BPF_MOV", "BPF_ARSH", "BPF_END")
JMP_OPS = ("BPF_JA", "BPF_JEQ", "BPF_JGT", "BPF_JGE", "BPF_JSET", "BPF_JNE", "BPF_JSGT",
           "BPF_JSGE", "BPF_CALL", "BPF_EXIT", "BPF_JLT", "BPF_JLE", "BPF_JSLT", "BPF_JSLE")
RVALS = ("BPF_K", "BPF_X", "BPF_A")
SKF_AD = ("SKF_AD_PROTOCOL", "SKF_AD_PKTTYPE", "SKF_AD_IFINDEX", "SKF_AD_NLATTR",
          "SKF_AD_NLATTR_NEST", "SKF_AD_MARK", "SKF_AD_QUEUE", "SKF_AD_HATYPE", "SKF_AD_RXHASH",
          "SKF_AD_CPU", "SKF_AD_ALU_XOR_X", "SKF_AD_VLAN_TAG", "SKF_AD_VLAN_TAG_PRESENT",
          "SKF_AD_PAY_OFFSET", "SKF_AD_RANDOM", "SKF_AD_VLAN_TPID")
SKF_OFFSETS = ("SKF_AD_OFF", "SKF_NET_OFF", "SKF_LL_OFF")     # checked in this order


def _unknown(ctx, value):
    """`|0x4 /* BPF_??? */` (strace's PRINT_VAL_X + tprints_comment)."""
    text = printers.hexnum(value)
    return text if ctx.style.const_style == "raw" else text + " /* BPF_??? */"


def code_text(ctx, call, code):
    """print_bpf_filter_code of classic BPF."""
    c = ctx.constants(call.abi)
    cls = code & CLASS_MASK
    rest = code & ~CLASS_MASK
    parts = [enum_text(ctx, call, cls, CLASSES, "BPF_???")]
    e = lambda v, names: enum_text(ctx, call, v, names, "BPF_???")   # noqa: E731
    if cls in (c.get("BPF_ST"), c.get("BPF_STX")):
        if rest:
            parts.append(_unknown(ctx, rest))
    elif cls in (c.get("BPF_LD"), c.get("BPF_LDX")):
        parts += [e(code & SIZE_MASK, SIZES), e(code & MODE_MASK, MODES)]
    elif cls == c.get("BPF_MISC"):
        parts.append(e(code & MISCOP_MASK, MISCOPS))
        rest &= ~(code & MISCOP_MASK)
        if rest:
            parts.append(_unknown(ctx, rest))
    elif cls == c.get("BPF_ALU"):
        parts += [e(code & SRC_MASK, SRCS), e(code & OP_MASK, ALU_OPS)]
    elif cls == c.get("BPF_JMP"):
        parts += [e(code & SRC_MASK, SRCS), e(code & OP_MASK, JMP_OPS)]
    elif cls == c.get("BPF_RET"):
        parts.append(e(code & RVAL_MASK, RVALS))
        rest &= ~(code & RVAL_MASK)
        if rest:
            parts.append(_unknown(ctx, rest))
    return "|".join(parts)


def _xlat32(ctx, value, name):
    """print_xlat32: `SKF_AD_OFF`; -X raw `0xfffff000`; -X verbose `0xfffff000 /* SKF_AD_OFF */`."""
    cstyle = ctx.style.const_style
    if cstyle == "abbrev":
        return name
    return "%#x" % value if cstyle == "raw" else "%#x /* %s */" % (value, name)


def sock_k_text(ctx, call, code, k):
    """print_sock_filter_k: loads at the SKF_* offsets; else None."""
    c = ctx.constants(call.abi)
    if code & CLASS_MASK != c.get("BPF_LD") or code & MODE_MASK != c.get("BPF_ABS"):
        return None
    for name in SKF_OFFSETS:
        off = c.get(name)
        if off is None:
            continue
        off &= 0xffffffff
        if k >= off:
            if name == "SKF_AD_OFF":
                rel = enum_text(ctx, call, k - off, SKF_AD, "SKF_AD_???")
            else:
                rel = str(k - off)
            return "%s+%s" % (_xlat32(ctx, off, name), rel)
    return None


def insn_text(ctx, call, code, jt, jf, k):
    if jt or jf:
        return "BPF_JUMP(%s, %s, %s, %s)" % (code_text(ctx, call, code), printers.hexnum(k),
                                             printers.hexnum(jt), printers.hexnum(jf))
    kt = sock_k_text(ctx, call, code, k)
    return "BPF_STMT(%s, %s)" % (code_text(ctx, call, code),
                                 printers.hexnum(k) if kt is None else kt)


def filter_array(ctx, call, addr, count):
    """print_bpf_fprog: the instructions (`-v` only: else the address), at most BPF_MAXINSNS."""
    if not ctx.style.verbose:
        return printers.ptr(addr)
    sf = SOCK_FILTER.on(call.abi)
    limit = ctx.constants(call.abi).get("BPF_MAXINSNS", 4096)
    return array(ctx, call, addr, count, sf.size,
                 lambda data: insn_text(ctx, call, *sf.unpack(data)), limit)


def fprog_text(ctx, call, addr):
    """decode_bpf_fprog: `{len=N, filter=[...]}`, or the address."""
    v = read_struct(ctx, call, addr, SOCK_FPROG.on(call.abi))
    if v is None:
        return printers.ptr(addr)
    return "{len=%d, filter=%s}" % (v["len"], filter_array(ctx, call, v["filter"], v["len"]))


def fprog_size(call):
    return SOCK_FPROG.on(call.abi).size
