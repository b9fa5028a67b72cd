"""BPF_BTF_LOAD and BPF_TASK_FD_QUERY of bpf(2), as strace 6.1's bpf.c prints them."""
from minitrace.decode.bpf.attr import U64, Command, bounded_cstring
from minitrace.decode.file import in_string
from minitrace.decode.layout import Struct

# linux/bpf.h; xlat/bpf_task_fd_type.in
TASK_FD_TYPES = ("BPF_FD_TYPE_RAW_TRACEPOINT", "BPF_FD_TYPE_TRACEPOINT", "BPF_FD_TYPE_KPROBE",
                 "BPF_FD_TYPE_KRETPROBE", "BPF_FD_TYPE_UPROBE", "BPF_FD_TYPE_URETPROBE")

BTF_LOAD = Struct("bpf_attr_btf_load", [("btf", U64), ("btf_log_buf", U64), ("btf_size", "u32"),
                                        ("btf_log_size", "u32"), ("btf_log_level", "u32")])
BTF_LOAD_SIZE = 28      # offsetofend(btf_log_level)
TASK_FD_QUERY = Struct("bpf_attr_task_fd_query", [
    ("pid", "s32"), ("fd", "s32"), ("flags", "u32"), ("buf_len", "u32"), ("buf", U64),
    ("prog_id", "u32"), ("fd_type", "u32"), ("probe_offset", U64), ("probe_addr", U64)])


class BtfLoad(Command):
    layout = BTF_LOAD
    size = BTF_LOAD_SIZE
    returns_fd = True

    def fields(self, a):
        return ["btf=" + in_string(a.ctx, a.call, a["btf"], a["btf_size"]),
                a.addr("btf_log_buf"), a.u("btf_size"), a.u("btf_log_size"),
                a.u("btf_log_level")]


class TaskFdQuery(Command):
    """pid, fd, flags, buf_len at entry; the rest, written by the kernel, at exit."""
    layout = TASK_FD_QUERY

    def enter(self, a):
        return "{task_fd_query={pid=%d, %s, %s, %s" % (
            a["pid"], a.fd("fd"), a.u("flags"), a.u("buf_len")), a["buf_len"]

    def exit(self, a, buf_len):
        text = " => %d" % a["buf_len"] if a["buf_len"] != buf_len else ""
        return "%s, buf=%s, %s, %s, %s, %s}%s}" % (
            text, bounded_cstring(a.ctx, a.call, a["buf"], min(buf_len, a["buf_len"])),
            a.u("prog_id"), a.xval("fd_type", TASK_FD_TYPES, "BPF_FD_TYPE_???"),
            a.x("probe_offset"), a.x("probe_addr"), a.extra())


COMMANDS = {
    "BPF_BTF_LOAD": BtfLoad(),
    "BPF_TASK_FD_QUERY": TaskFdQuery(),
}
