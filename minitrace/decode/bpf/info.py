"""BPF_OBJ_GET_INFO_BY_FD of bpf(2): bpf_fd and info_len at entry, info_len (` => N` when the
kernel changed it) and the info address at exit, as strace 6.1's bpf.c prints them
without -v. (-v's bpf_map_info/bpf_prog_info structs are not decoded yet: the address.)"""
from minitrace import printers
from minitrace.decode.bpf.attr import U64, Command
from minitrace.decode.layout import Struct

GET_INFO = Struct("bpf_attr_get_info", [("bpf_fd", "s32"), ("info_len", "u32"), ("info", U64)])


class ObjGetInfoByFd(Command):
    layout = GET_INFO

    def enter(self, a):
        return "{info={%s, %s" % (a.fd("bpf_fd"), a.u("info_len")), a["info_len"]

    def exit(self, a, info_len):
        text = " => %d" % a["info_len"] if a["info_len"] != info_len else ""
        return "%s, info=%s}%s}" % (text, printers.ptr(a["info"]), a.extra())


COMMANDS = {"BPF_OBJ_GET_INFO_BY_FD": ObjGetInfoByFd()}
