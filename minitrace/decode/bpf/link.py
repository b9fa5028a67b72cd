"""Link commands of bpf(2): LINK_CREATE (its union guessed from attach_type: target_btf_id,
iter_info, perf_event, kprobe_multi), LINK_UPDATE, as strace 6.1's bpf.c prints them."""

from minitrace import printers
from minitrace.arch import long_bits
from minitrace.decode.array import print_array, unpacker
from minitrace.decode.bpf.attr import U64, Command
from minitrace.decode.bpf.prog import ATTACH_FLAGS, ATTACH_TYPES
from minitrace.decode.common import fd
from minitrace.decode.generic import cstring_arg
from minitrace.decode.layout import Struct, Union

# linux/bpf.h; xlat/bpf_link_create_kprobe_multi_flags.in
KPROBE_MULTI_FLAGS = ("BPF_F_KPROBE_MULTI_RETURN",)

LINK_CREATE = Struct("bpf_attr_link_create", [
    ("prog_fd", "s32"), ("target_fd", "s32"), ("attach_type", "u32"), ("flags", "u32"),
    ("", Union("", [
        ("target_btf_id", "u32"),
        ("", Struct("", [("iter_info", U64), ("iter_info_len", "u32")])),
        ("perf_event", Struct("", [("bpf_cookie", U64)])),
        ("kprobe_multi", Struct("", [("flags", "u32"), ("cnt", "u32"), ("syms", U64),
                                     ("addrs", U64), ("cookies", U64)]))]))])
LINK_UPDATE = Struct("bpf_attr_link_update", [("link_fd", "s32"), ("new_prog_fd", "s32"),
                                              ("flags", "u32"), ("old_prog_fd", "s32")])


def _end(a, name):
    off, size = a.layout.fields[name]
    return off + size


def _target_btf(a):
    p = [a.u("target_btf_id")] if a["target_btf_id"] else []
    return p, _end(a, "target_btf_id")


def _iter(a):
    u32 = unpacker(a.call, "I")
    info = print_array(a.ctx, a.call, a["iter_info"], a["iter_info_len"], 4, u32,
                       lambda v: "{map={map_fd=%s}}" % fd(a.ctx, a.call, v))
    return ["iter_info=" + info, a.u("iter_info_len")], _end(a, "iter_info_len")


def _perf_event(a):
    return ["perf_event={%s}" % a.x("perf_event.bpf_cookie")], _end(a, "perf_event.bpf_cookie")


def _kprobe_multi(a):
    ctx, call = a.ctx, a.call
    cnt = a["kprobe_multi.cnt"]
    wsize = long_bits(call.abi) // 8
    syms = print_array(ctx, call, a["kprobe_multi.syms"], cnt, wsize, unpacker(call, "L"),
                       lambda p: cstring_arg(ctx, call, p))
    u64 = unpacker(call, "Q")
    addrs = print_array(ctx, call, a["kprobe_multi.addrs"], cnt, 8, u64, printers.hexnum)
    cookies = print_array(ctx, call, a["kprobe_multi.cookies"], cnt, 8, u64, printers.hexnum)
    text = "kprobe_multi={%s, %s, syms=%s, addrs=%s, cookies=%s}" % (
        a.flags("kprobe_multi.flags", KPROBE_MULTI_FLAGS, "BPF_F_???"), a.u("kprobe_multi.cnt"),
        syms, addrs, cookies)
    return [text], _end(a, "kprobe_multi.cookies")


# attach type -> the union member strace prints (others: none, the union is extra data)
UNION_BY_ATTACH = {
    "BPF_CGROUP_INET_INGRESS": _target_btf,
    "BPF_TRACE_ITER": _iter,
    "BPF_PERF_EVENT": _perf_event,
    "BPF_TRACE_KPROBE_MULTI": _kprobe_multi,
}


class LinkCreate(Command):
    layout = LINK_CREATE
    returns_fd = True

    def enter(self, a):
        p = [a.fd("prog_fd"), a.fd("target_fd"), a.xval("attach_type", ATTACH_TYPES, "BPF_???"),
             a.x("flags")]
        if not a.has("target_btf_id"):
            return "{link_create={" + ", ".join(p) + "}}", None
        name = a.ctx.enum_table(a.call.abi, ATTACH_TYPES).get(a["attach_type"])
        member = UNION_BY_ATTACH.get(name)
        if member is None:
            extra_from = _end(a, "flags")
        else:
            more, extra_from = member(a)
            p += more
        return "{link_create={" + ", ".join(p) + "}" + a.extra(extra_from) + "}", None


class LinkUpdate(Command):
    layout = LINK_UPDATE

    def enter(self, a):
        p = [a.fd("link_fd"), a.fd("new_prog_fd"), a.flags("flags", ATTACH_FLAGS, "BPF_F_???")]
        if a["flags"] & a.ctx.constants(a.call.abi).get("BPF_F_REPLACE", 0):
            p.append(a.fd("old_prog_fd"))
        return "{link_update={" + ", ".join(p) + "}" + a.extra() + "}", None


COMMANDS = {
    "BPF_LINK_CREATE": LinkCreate(),
    "BPF_LINK_UPDATE": LinkUpdate(),
}
