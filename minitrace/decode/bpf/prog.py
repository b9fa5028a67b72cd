"""Program commands of bpf(2): PROG_LOAD (the eBPF instructions with -v), PROG_ATTACH,
PROG_DETACH, PROG_TEST_RUN, PROG_QUERY, RAW_TRACEPOINT_OPEN, as strace 6.1's bpf.c."""
import struct

from minitrace import printers
from minitrace.decode.array import print_array, unpacker
from minitrace.decode.bpf.attr import OBJ_NAME_LEN, U64, Command, bounded_cstring
from minitrace.decode.common import enum_text, failed
from minitrace.decode.generic import cstring_arg
from minitrace.decode.layout import Struct
from minitrace.decode.sockaddr.fields import ifindex

# linux/bpf.h; xlat/bpf_prog_types.in, bpf_prog_flags.in, bpf_attach_type.in,
# bpf_attach_flags.in, bpf_query_flags.in, bpf_test_run_flags.in, ebpf_regs.in
PROG_TYPES = (
    "BPF_PROG_TYPE_UNSPEC", "BPF_PROG_TYPE_SOCKET_FILTER", "BPF_PROG_TYPE_KPROBE",
    "BPF_PROG_TYPE_SCHED_CLS", "BPF_PROG_TYPE_SCHED_ACT", "BPF_PROG_TYPE_TRACEPOINT",
    "BPF_PROG_TYPE_XDP", "BPF_PROG_TYPE_PERF_EVENT", "BPF_PROG_TYPE_CGROUP_SKB",
    "BPF_PROG_TYPE_CGROUP_SOCK", "BPF_PROG_TYPE_LWT_IN", "BPF_PROG_TYPE_LWT_OUT",
    "BPF_PROG_TYPE_LWT_XMIT", "BPF_PROG_TYPE_SOCK_OPS", "BPF_PROG_TYPE_SK_SKB",
    "BPF_PROG_TYPE_CGROUP_DEVICE", "BPF_PROG_TYPE_SK_MSG", "BPF_PROG_TYPE_RAW_TRACEPOINT",
    "BPF_PROG_TYPE_CGROUP_SOCK_ADDR", "BPF_PROG_TYPE_LWT_SEG6LOCAL", "BPF_PROG_TYPE_LIRC_MODE2",
    "BPF_PROG_TYPE_SK_REUSEPORT", "BPF_PROG_TYPE_FLOW_DISSECTOR", "BPF_PROG_TYPE_CGROUP_SYSCTL",
    "BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE", "BPF_PROG_TYPE_CGROUP_SOCKOPT",
    "BPF_PROG_TYPE_TRACING", "BPF_PROG_TYPE_STRUCT_OPS", "BPF_PROG_TYPE_EXT",
    "BPF_PROG_TYPE_LSM", "BPF_PROG_TYPE_SK_LOOKUP", "BPF_PROG_TYPE_SYSCALL")
PROG_FLAGS = ("BPF_F_STRICT_ALIGNMENT", "BPF_F_ANY_ALIGNMENT", "BPF_F_TEST_RND_HI32",
              "BPF_F_TEST_STATE_FREQ", "BPF_F_SLEEPABLE")
ATTACH_TYPES = (
    "BPF_CGROUP_INET_INGRESS", "BPF_CGROUP_INET_EGRESS", "BPF_CGROUP_INET_SOCK_CREATE",
    "BPF_CGROUP_SOCK_OPS", "BPF_SK_SKB_STREAM_PARSER", "BPF_SK_SKB_STREAM_VERDICT",
    "BPF_CGROUP_DEVICE", "BPF_SK_MSG_VERDICT", "BPF_CGROUP_INET4_BIND", "BPF_CGROUP_INET6_BIND",
    "BPF_CGROUP_INET4_CONNECT", "BPF_CGROUP_INET6_CONNECT", "BPF_CGROUP_INET4_POST_BIND",
    "BPF_CGROUP_INET6_POST_BIND", "BPF_CGROUP_UDP4_SENDMSG", "BPF_CGROUP_UDP6_SENDMSG",
    "BPF_LIRC_MODE2", "BPF_FLOW_DISSECTOR", "BPF_CGROUP_SYSCTL", "BPF_CGROUP_UDP4_RECVMSG",
    "BPF_CGROUP_UDP6_RECVMSG", "BPF_CGROUP_GETSOCKOPT", "BPF_CGROUP_SETSOCKOPT",
    "BPF_TRACE_RAW_TP", "BPF_TRACE_FENTRY", "BPF_TRACE_FEXIT", "BPF_MODIFY_RETURN",
    "BPF_LSM_MAC", "BPF_TRACE_ITER", "BPF_CGROUP_INET4_GETPEERNAME",
    "BPF_CGROUP_INET6_GETPEERNAME", "BPF_CGROUP_INET4_GETSOCKNAME",
    "BPF_CGROUP_INET6_GETSOCKNAME", "BPF_XDP_DEVMAP", "BPF_CGROUP_INET_SOCK_RELEASE",
    "BPF_XDP_CPUMAP", "BPF_SK_LOOKUP", "BPF_XDP", "BPF_SK_SKB_VERDICT", "BPF_SK_REUSEPORT_SELECT",
    "BPF_SK_REUSEPORT_SELECT_OR_MIGRATE", "BPF_PERF_EVENT", "BPF_TRACE_KPROBE_MULTI",
    "BPF_LSM_CGROUP")
ATTACH_FLAGS = ("BPF_F_ALLOW_OVERRIDE", "BPF_F_ALLOW_MULTI", "BPF_F_REPLACE")
QUERY_FLAGS = ("BPF_F_QUERY_EFFECTIVE",)
TEST_RUN_FLAGS = ("BPF_F_TEST_RUN_ON_CPU", "BPF_F_TEST_XDP_LIVE_FRAMES")
REGS = ("BPF_REG_0", "BPF_REG_1", "BPF_REG_2", "BPF_REG_3", "BPF_REG_4", "BPF_REG_5",
        "BPF_REG_6", "BPF_REG_7", "BPF_REG_8", "BPF_REG_9", "BPF_REG_10")
# eBPF opcode parts (linux/bpf_common.h, linux/bpf.h; xlat/ebpf_class.in, ebpf_mode.in,
# bpf_size.in + ebpf_size.in, bpf_src.in, bpf_op_alu.in + ebpf_op_alu.in, bpf_op_jmp.in +
# ebpf_op_jmp.in)
CLASSES = ("BPF_LD", "BPF_LDX", "BPF_ST", "BPF_STX", "BPF_ALU", "BPF_JMP", "BPF_JMP32",
           "BPF_ALU64")
MODES = ("BPF_IMM", "BPF_ABS", "BPF_IND", "BPF_MEM", "BPF_XADD")
SIZES = ("BPF_W", "BPF_H", "BPF_B", "BPF_DW")
SRCS = ("BPF_K", "BPF_X")
ALU_OPS = ("BPF_ADD", "BPF_SUB", "BPF_MUL", "BPF_DIV", "BPF_OR", "BPF_AND", "BPF_LSH",
           "BPF_RSH", "BPF_NEG", "BPF_MOD", "BPF_XOR", "BPF_MOV", "BPF_ARSH", "BPF_END")
JMP_OPS = ("BPF_JA", "BPF_JEQ", "BPF_JGT", "BPF_JGE", "BPF_JSET", "BPF_JNE", "BPF_JSGT",
           "BPF_JSGE", "BPF_CALL", "BPF_EXIT", "BPF_JLT", "BPF_JLE", "BPF_JSLT", "BPF_JSLE")
MAXINSNS = 4096         # BPF_MAXINSNS of linux/bpf_common.h

PROG_LOAD = Struct("bpf_attr_prog_load", [
    ("prog_type", "u32"), ("insn_cnt", "u32"), ("insns", U64), ("license", U64),
    ("log_level", "u32"), ("log_size", "u32"), ("log_buf", U64), ("kern_version", "u32"),
    ("prog_flags", "u32"), ("prog_name", ("u8", OBJ_NAME_LEN)), ("prog_ifindex", "u32"),
    ("expected_attach_type", "u32"), ("prog_btf_fd", "s32"), ("func_info_rec_size", "u32"),
    ("func_info", U64), ("func_info_cnt", "u32"), ("line_info_rec_size", "u32"),
    ("line_info", U64), ("line_info_cnt", "u32"), ("attach_btf_id", "u32"),
    ("attach_prog_fd", "s32"), (None, "u32"), ("fd_array", U64)])
PROG_ATTACH = Struct("bpf_attr_prog_attach", [
    ("target_fd", "s32"), ("attach_bpf_fd", "s32"), ("attach_type", "u32"),
    ("attach_flags", "u32"), ("replace_bpf_fd", "s32")])
PROG_DETACH = Struct("bpf_attr_prog_detach", [("target_fd", "s32"), (None, "u32"),
                                              ("attach_type", "u32")])
TEST_RUN = Struct("bpf_attr_test_run", [
    ("prog_fd", "s32"), ("retval", "u32"), ("data_size_in", "u32"), ("data_size_out", "u32"),
    ("data_in", U64), ("data_out", U64), ("repeat", "u32"), ("duration", "u32"),
    ("ctx_size_in", "u32"), ("ctx_size_out", "u32"), ("ctx_in", U64), ("ctx_out", U64),
    ("flags", "u32"), ("cpu", "u32"), ("batch_size", "u32")])
TEST_RUN_SIZE = 76      # offsetofend(batch_size): strace's size, not sizeof
QUERY = Struct("bpf_attr_query", [
    ("target_fd", "s32"), ("attach_type", "u32"), ("query_flags", "u32"),
    ("attach_flags", "u32"), ("prog_ids", U64), ("prog_cnt", "u32")])
QUERY_SIZE = 28
RAW_TP = Struct("bpf_attr_raw_tp", [("name", U64), ("prog_fd", "s32")])
RAW_TP_SIZE = 12
TP_NAME_SIZE = 128


def kernel_version(ctx, value):
    """print_kernel_version: `KERNEL_VERSION(4, 10, 1)` in every -X style."""
    cstyle = ctx.style.const_style
    text = "KERNEL_VERSION(%d, %d, %d)" % (value >> 16, (value >> 8) & 0xff, value & 0xff)
    if cstyle == "raw":
        return printers.hexnum(value)
    if cstyle == "verbose":
        return "%s /* %s */" % (printers.hexnum(value), text)
    return text


def _x(ctx, call, value, names):
    return enum_text(ctx, call, value, names, "BPF_???")


def ebpf_code(ctx, call, code):
    """print_bpf_filter_code(code, extended=true)."""
    cls = code & 7
    rest = code & ~7
    parts = [_x(ctx, call, cls, CLASSES)]
    name = ctx.enum_table(call.abi, CLASSES).get(cls)
    if name in ("BPF_LD", "BPF_LDX", "BPF_ST", "BPF_STX"):
        parts += [_x(ctx, call, code & 0x18, SIZES), _x(ctx, call, code & 0xe0, MODES)]
    elif name in ("BPF_ALU", "BPF_ALU64", "BPF_JMP"):
        parts += [_x(ctx, call, code & 0x08, SRCS),
                  _x(ctx, call, code & 0xf0, ALU_OPS if name != "BPF_JMP" else JMP_OPS)]
    elif rest:
        parts.append("%s /* BPF_??? */" % printers.hexnum(rest))
    return "|".join(parts)


def ebpf_prog(ctx, call, addr, count, fetch=True):
    """The instructions: the address unless -v (fetch=False: unreadable, as an array the
    kernel writes in a failed call)."""
    if not ctx.style.verbose:
        return printers.ptr(addr)
    order = "<" if call.abi != "s390x" else ">"
    seen = [0]

    def one(raw):
        seen[0] += 1
        if seen[0] > MAXINSNS:              # strace stops at BPF_MAXINSNS instructions
            return "..."
        code, regs, off, imm = struct.unpack(order + "BBhi", raw)
        dst, src = (regs & 0xf, regs >> 4) if order == "<" else (regs >> 4, regs & 0xf)
        return "{code=%s, dst_reg=%s, src_reg=%s, off=%d, imm=%s}" % (
            ebpf_code(ctx, call, code), enum_text(ctx, call, dst, REGS, "BPF_REG_???"),
            enum_text(ctx, call, src, REGS, "BPF_REG_???"), off,
            printers.hexnum(imm & 0xffffffff))
    return print_array(ctx, call, addr, min(count, MAXINSNS + 1), 8, lambda raw: raw, one,
                       fetch=fetch)


class ProgLoad(Command):
    layout = PROG_LOAD
    returns_fd = True

    def fields(self, a):
        ctx, call = a.ctx, a.call
        p = [a.xval("prog_type", PROG_TYPES, "BPF_PROG_TYPE_???"), a.u("insn_cnt"),
             "insns=" + ebpf_prog(ctx, call, a["insns"], a["insn_cnt"]),
             "license=" + cstring_arg(ctx, call, a["license"])]
        if not a.has("log_level"):
            return p
        p += [a.u("log_level"), a.u("log_size"),
              "log_buf=" + bounded_cstring(ctx, call, a["log_buf"], a["log_size"])]
        if not a.has("kern_version"):
            return p
        p.append("kern_version=" + kernel_version(ctx, a["kern_version"]))
        if not a.has("prog_flags"):
            return p
        p.append(a.flags("prog_flags", PROG_FLAGS, "BPF_F_???"))
        if not a.has("prog_name"):
            return p
        p.append(a.cstring_sz("prog_name"))
        if not a.has("prog_ifindex"):
            return p
        p.append("prog_ifindex=" + ifindex(ctx, a["prog_ifindex"]))
        if not a.has("expected_attach_type"):
            return p
        p.append(a.xval("expected_attach_type", ATTACH_TYPES, "BPF_???"))
        if not a.has("prog_btf_fd"):
            return p
        p += [a.fd("prog_btf_fd"), a.u("func_info_rec_size"), a.addr("func_info"),
              a.u("func_info_cnt"), a.u("line_info_rec_size"), a.addr("line_info"),
              a.u("line_info_cnt")]
        if not a.has("attach_btf_id"):
            return p
        p.append(a.u("attach_btf_id"))
        if not a.has("attach_prog_fd"):
            return p
        p.append(a.fd("attach_prog_fd"))
        if not a.has("fd_array"):
            return p
        return p + [a.addr("fd_array")]


class ProgAttach(Command):
    layout = PROG_ATTACH

    def fields(self, a):
        p = [a.fd("target_fd"), a.fd("attach_bpf_fd"),
             a.xval("attach_type", ATTACH_TYPES, "BPF_???"),
             a.flags("attach_flags", ATTACH_FLAGS, "BPF_F_???")]
        if a.has("replace_bpf_fd"):
            p.append(a.fd("replace_bpf_fd"))
        return p


class ProgDetach(Command):
    layout = PROG_DETACH

    def fields(self, a):
        return [a.fd("target_fd"), a.xval("attach_type", ATTACH_TYPES, "BPF_???")]


class ProgTestRun(Command):
    layout = TEST_RUN
    size = TEST_RUN_SIZE

    def enter(self, a):
        p = [a.fd("prog_fd"), a.u("retval"), a.u("data_size_in"), a.u("data_size_out"),
             a.addr("data_in"), a.addr("data_out"), a.u("repeat"), a.u("duration")]
        if a.has("ctx_size_in"):
            p += [a.u("ctx_size_in"), a.u("ctx_size_out"), a.addr("ctx_in"), a.addr("ctx_out")]
        if a.has("flags"):
            p += [a.flags("flags", TEST_RUN_FLAGS, "BPF_F_???"), a.u("cpu")]
        if a.has("batch_size"):
            p.append(a.u("batch_size"))
        return "{test={" + ", ".join(p) + "}" + a.extra() + "}", None


class ProgQuery(Command):
    """Target and flags at entry; the ids the kernel wrote and prog_cnt (`2 => 1` when it
    changed) at exit."""
    layout = QUERY
    size = QUERY_SIZE

    def enter(self, a):
        p = [a.fd("target_fd"), a.xval("attach_type", ATTACH_TYPES, "BPF_???"),
             a.flags("query_flags", QUERY_FLAGS, "BPF_F_QUERY_???"),
             a.flags("attach_flags", ATTACH_FLAGS, "BPF_F_???")]
        return "{query={" + ", ".join(p) + ", prog_ids=", a["prog_cnt"]

    def exit(self, a, count):
        ids = print_array(a.ctx, a.call, a["prog_ids"], a["prog_cnt"], 4,
                          unpacker(a.call, "I"), str, fetch=not failed(a.call))
        cnt = "%d => %d" % (count, a["prog_cnt"]) if count != a["prog_cnt"] \
            else str(a["prog_cnt"])
        return "%s, prog_cnt=%s}%s}" % (ids, cnt, a.extra())


class RawTracepointOpen(Command):
    layout = RAW_TP
    size = RAW_TP_SIZE

    def enter(self, a):
        return "{raw_tracepoint={name=%s, %s}%s}" % (
            bounded_cstring(a.ctx, a.call, a["name"], TP_NAME_SIZE), a.fd("prog_fd"),
            a.extra()), None


COMMANDS = {
    "BPF_PROG_LOAD": ProgLoad(),
    "BPF_PROG_ATTACH": ProgAttach(),
    "BPF_PROG_DETACH": ProgDetach(),
    "BPF_PROG_TEST_RUN": ProgTestRun(),
    "BPF_PROG_QUERY": ProgQuery(),
    "BPF_RAW_TRACEPOINT_OPEN": RawTracepointOpen(),
}
