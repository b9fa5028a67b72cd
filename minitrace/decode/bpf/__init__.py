"""bpf(2) as strace 6.1 decodes it (bpf.c), one module per command group: map commands and
batches (map.py), program load/attach/detach/test run/query and raw tracepoints (prog.py),
pin/get and the id commands (obj.py), OBJ_GET_INFO_BY_FD (info.py, with -v the info structs
of mapinfo.py and proginfo.py), BTF load and task fd queries (btf.py), links (link.py).

The attr argument is read as strace reads it: `size` bytes (1 to a page) at once, else the
address; a command strace has no decoder for (ENABLE_STATS, ITER_CREATE, LINK_DETACH,
PROG_BIND_MAP) prints the address. A command that looks again at exit reads attr again then;
the size argument is printed after the decoding ends."""
from minitrace import printers
from minitrace.decode import register
from minitrace.decode.bpf import btf, info, link, obj, prog
from minitrace.decode.bpf import map as maps
from minitrace.decode.bpf.attr import PAGE_SIZE
from minitrace.decode.common import enum_text, failed, fd
from minitrace.decode.generic import Decoder

# enum bpf_cmd (linux/bpf.h; xlat/bpf_commands.in)
COMMAND_NAMES = (
    "BPF_MAP_CREATE", "BPF_MAP_LOOKUP_ELEM", "BPF_MAP_UPDATE_ELEM", "BPF_MAP_DELETE_ELEM",
    "BPF_MAP_GET_NEXT_KEY", "BPF_PROG_LOAD", "BPF_OBJ_PIN", "BPF_OBJ_GET", "BPF_PROG_ATTACH",
    "BPF_PROG_DETACH", "BPF_PROG_TEST_RUN", "BPF_PROG_GET_NEXT_ID", "BPF_MAP_GET_NEXT_ID",
    "BPF_PROG_GET_FD_BY_ID", "BPF_MAP_GET_FD_BY_ID", "BPF_OBJ_GET_INFO_BY_FD", "BPF_PROG_QUERY",
    "BPF_RAW_TRACEPOINT_OPEN", "BPF_BTF_LOAD", "BPF_BTF_GET_FD_BY_ID", "BPF_TASK_FD_QUERY",
    "BPF_MAP_LOOKUP_AND_DELETE_ELEM", "BPF_MAP_FREEZE", "BPF_BTF_GET_NEXT_ID",
    "BPF_MAP_LOOKUP_BATCH", "BPF_MAP_LOOKUP_AND_DELETE_BATCH", "BPF_MAP_UPDATE_BATCH",
    "BPF_MAP_DELETE_BATCH", "BPF_LINK_CREATE", "BPF_LINK_UPDATE", "BPF_LINK_GET_FD_BY_ID",
    "BPF_LINK_GET_NEXT_ID", "BPF_ENABLE_STATS", "BPF_ITER_CREATE", "BPF_LINK_DETACH",
    "BPF_PROG_BIND_MAP")

COMMANDS = {}
for _group in (maps, prog, obj, info, btf, link):
    COMMANDS.update(_group.COMMANDS)


def _read_attr(ctx, call, size):
    raw = ctx.read(call, call.args[1], size)
    if raw is None or len(raw) < size:
        return None
    return raw


@register("bpf")
class Bpf(Decoder):
    def enter(self, ctx, call):
        a = call.args
        cmd = a[0] & 0xffffffff
        size = a[2] & 0xffffffff
        head = enum_text(ctx, call, cmd, COMMAND_NAMES, "BPF_???") + ", "
        command = COMMANDS.get(ctx.enum_table(call.abi, COMMAND_NAMES).get(cmd))
        raw = _read_attr(ctx, call, size) if command and 0 < size <= PAGE_SIZE else None
        if raw is None:
            return head + printers.ptr(a[1]) + ", %d" % size
        text, state = command.enter(command.attr(ctx, call, raw, size))
        call.saved = (command, state)
        if state is None:
            return head + text + ", %d" % size
        return head + text

    def exit(self, ctx, call):
        if not call.saved or call.saved[1] is None:
            return ""
        command, state = call.saved
        size = call.args[2] & 0xffffffff
        raw = _read_attr(ctx, call, size)
        if raw is None:
            return printers.ptr(call.args[1]) + ", %d" % size
        return command.exit(command.attr(ctx, call, raw, size), state) + ", %d" % size

    def result(self, ctx, call):
        # RVAL_FD: a descriptor (with -y its path) when the value fits an int
        if call.saved and call.saved[0].returns_fd and not failed(call) \
                and 0 <= call.ret <= 0x7fffffff:
            return fd(ctx, call, call.ret)
        return Decoder.result(self, ctx, call)
