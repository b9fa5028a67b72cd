"""Object commands of bpf(2): OBJ_PIN/OBJ_GET, *_GET_NEXT_ID, *_GET_FD_BY_ID, as strace 6.1's
bpf.c prints them."""
from minitrace.decode.bpf.attr import U64, Command
from minitrace.decode.generic import path_arg
from minitrace.decode.layout import Struct

# linux/bpf.h; xlat/bpf_file_mode_flags.in
FILE_MODE_FLAGS = ("BPF_F_RDONLY", "BPF_F_WRONLY")

OBJ_PIN = Struct("bpf_attr_obj_pin", [("pathname", U64), ("bpf_fd", "s32"),
                                      ("file_flags", "u32")])
GET_ID = Struct("bpf_attr_get_id", [("start_id", "u32"), ("next_id", "u32"),
                                    ("open_flags", "u32")])
PROG_FD_BY_ID = Struct("bpf_attr_prog_fd_by_id", [("prog_id", "u32"), ("next_id", "u32"),
                                                  ("open_flags", "u32")])
MAP_FD_BY_ID = Struct("bpf_attr_map_fd_by_id", [("map_id", "u32"), ("next_id", "u32"),
                                                ("open_flags", "u32")])
BTF_FD_BY_ID = Struct("bpf_attr_btf_fd_by_id", [("btf_id", "u32")])
LINK_FD_BY_ID = Struct("bpf_attr_link_fd_by_id", [("link_id", "u32")])


class ObjPin(Command):
    layout = OBJ_PIN
    returns_fd = True

    def fields(self, a):
        p = ["pathname=" + path_arg(a.ctx, a.call, a["pathname"]), a.fd("bpf_fd")]
        if a.has("file_flags"):
            p.append(a.flags("file_flags", FILE_MODE_FLAGS, "BPF_F_???"))
        return p


class GetNextId(Command):
    """start_id and next_id at entry; at exit ` => N` when next_id changed, then
    open_flags."""
    layout = GET_ID

    def enter(self, a):
        return "{%s, %s" % (a.u("start_id"), a.u("next_id")), a["next_id"]

    def exit(self, a, next_id):
        text = " => %d" % a["next_id"] if a["next_id"] != next_id else ""
        if not a.has("open_flags"):
            return text + "}"
        return "%s, %s%s}" % (text, a.flags("open_flags", FILE_MODE_FLAGS, "BPF_F_???"),
                              a.extra())


class _FdById(Command):
    returns_fd = True
    id_name = None

    def fields(self, a):
        p = [a.u(self.id_name)]
        if self.layout is BTF_FD_BY_ID or self.layout is LINK_FD_BY_ID:
            return p
        p.append(a.u("next_id"))
        if a.has("open_flags"):
            p.append(a.flags("open_flags", FILE_MODE_FLAGS, "BPF_F_???"))
        return p


class ProgGetFdById(_FdById):
    layout = PROG_FD_BY_ID
    id_name = "prog_id"


class MapGetFdById(_FdById):
    layout = MAP_FD_BY_ID
    id_name = "map_id"


class BtfGetFdById(_FdById):
    layout = BTF_FD_BY_ID
    id_name = "btf_id"


class LinkGetFdById(_FdById):
    layout = LINK_FD_BY_ID
    id_name = "link_id"


COMMANDS = {
    "BPF_OBJ_PIN": ObjPin(),
    "BPF_OBJ_GET": ObjPin(),
    "BPF_PROG_GET_NEXT_ID": GetNextId(),
    "BPF_MAP_GET_NEXT_ID": GetNextId(),
    "BPF_BTF_GET_NEXT_ID": GetNextId(),
    "BPF_LINK_GET_NEXT_ID": GetNextId(),
    "BPF_PROG_GET_FD_BY_ID": ProgGetFdById(),
    "BPF_MAP_GET_FD_BY_ID": MapGetFdById(),
    "BPF_BTF_GET_FD_BY_ID": BtfGetFdById(),
    "BPF_LINK_GET_FD_BY_ID": LinkGetFdById(),
}
