"""_sysctl(2) (strace's sysctl.c; the syscall is gone since Linux 5.5, so it fails with ENOSYS):
its one argument, struct __sysctl_args, printed at entry, or its address when unreadable."""
from minitrace import printers
from minitrace.decode import register
from minitrace.decode.common import read_struct
from minitrace.decode.generic import Decoder
from minitrace.decode.layout import Struct, lookup, named

# struct __sysctl_args (linux/sysctl.h)
named("sysctl_args", Struct("__sysctl_args", [
    ("name", "ptr"), ("nlen", "s32"), ("oldval", "ptr"), ("oldlenp", "ptr"), ("newval", "ptr"),
    ("newlen", "ulong"), ("__unused", ("ulong", 4))]))

# the fields shown, in order, each with its printer
_FIELDS = (("name", printers.ptr), ("nlen", str), ("oldval", printers.ptr),
           ("oldlenp", printers.ptr), ("newval", printers.ptr), ("newlen", str))


@register("_sysctl")
class Sysctl(Decoder):
    def enter(self, ctx, call):
        addr = call.args[0]
        v = read_struct(ctx, call, addr, lookup("sysctl_args", call.abi))
        if v is None:
            return printers.ptr(addr)
        return "{%s}" % ", ".join("%s=%s" % (name, show(v[name])) for name, show in _FIELDS)
