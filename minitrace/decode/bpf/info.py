"""BPF_OBJ_GET_INFO_BY_FD of bpf(2), as strace 6.1's bpf.c prints it: bpf_fd and info_len at
entry, info_len (` => N` when the kernel changed it) and info at exit.

info is an address unless -v. With -v, the kind of object behind bpf_fd (what its
/proc/PID/fd link names, strace's getfdpath, whatever -y says) picks the struct: a map's
(mapinfo.py) or a program's (proginfo.py); other objects (BTF, links) keep the address. The
info buffer is read as strace reads it: info_len bytes (1 to a page) at once, at entry with
the caller's info_len (what a program's printer keeps for the exit) and at exit with the
kernel's; the exit prints the address when that read fails."""
from minitrace import printers
from minitrace.decode.bpf import mapinfo, proginfo
from minitrace.decode.bpf.attr import PAGE_SIZE, U64, Attr, Command
from minitrace.decode.layout import Struct
from minitrace.pathtrace import fd_path

GET_INFO = Struct("bpf_attr_get_info", [("bpf_fd", "s32"), ("info_len", "u32"), ("info", U64)])

# getfdpath's text of a descriptor -> the printer of its info (strace's obj_printers)
PRINTERS = {"anon_inode:bpf-map": mapinfo.MapInfo(), "anon_inode:bpf-prog": proginfo.ProgInfo()}


def printer_of(ctx, call, bpf_fd):
    """The info printer of the object behind the tracee's descriptor, or None."""
    return PRINTERS.get(fd_path(ctx.proc_pid(call.pid), bpf_fd))


def read_info(ctx, call, printer, addr, size):
    """The info struct of `size` bytes at addr as an Attr, or None when unreadable."""
    if not 0 < size <= PAGE_SIZE:
        return None
    raw = ctx.read(call, addr, size)
    if raw is None or len(raw) < size:
        return None
    return Attr(ctx, call, printer.layout, raw, size, printer.size)


class ObjGetInfoByFd(Command):
    layout = GET_INFO

    def enter(self, a):
        head = "{info={%s, %s" % (a.fd("bpf_fd"), a.u("info_len"))
        printer = printer_of(a.ctx, a.call, a["bpf_fd"]) if a.ctx.style.verbose else None
        before = None
        if printer is not None:
            info = read_info(a.ctx, a.call, printer, a["info"], a["info_len"])
            # an unreadable info at entry leaves strace's saved values zero
            before = printer.entry(info or Attr(a.ctx, a.call, printer.layout, b"", 0,
                                                printer.size))
        return head, (a["info_len"], printer, before)

    def exit(self, a, state):
        info_len, printer, before = state
        text = " => %d" % a["info_len"] if a["info_len"] != info_len else ""
        info = None
        if printer is not None:
            info = read_info(a.ctx, a.call, printer, a["info"], a["info_len"])
        shown = printer.text(info, before) if info is not None else printers.ptr(a["info"])
        return "%s, info=%s}%s}" % (text, shown, a.extra())


COMMANDS = {"BPF_OBJ_GET_INFO_BY_FD": ObjGetInfoByFd()}
