"""userfaultfd ioctls (type 0xaa, linux/userfaultfd.h), as strace's uffdio_ioctl: the struct
the program passes printed at entry, and, when the call succeeded, what the kernel wrote back
at exit (UFFDIO_API's features when they changed and its ioctls, UFFDIO_REGISTER's ioctls,
UFFDIO_COPY's copy, UFFDIO_ZEROPAGE's zeropage); UFFDIO_UNREGISTER and UFFDIO_WAKE take a bare
range. strace 6.1 leaves the other commands (UFFDIO_WRITEPROTECT, UFFDIO_CONTINUE) undecoded."""
from minitrace import printers
from minitrace.decode.common import failed, flag_text, read_struct
from minitrace.decode.ioctl.base import TableFamily, command_numbers, entry_state, ioc_nr
from minitrace.decode.layout import Struct, named

UFFDIO_RANGE = named("uffdio_range", Struct("uffdio_range", [("start", "u64"), ("len", "u64")]))
UFFDIO_API = named("uffdio_api", Struct("uffdio_api", [
    ("api", "u64"), ("features", "u64"), ("ioctls", "u64")]))
UFFDIO_REGISTER = named("uffdio_register", Struct("uffdio_register", [
    ("range", UFFDIO_RANGE), ("mode", "u64"), ("ioctls", "u64")]))
UFFDIO_COPY = named("uffdio_copy", Struct("uffdio_copy", [
    ("dst", "u64"), ("src", "u64"), ("len", "u64"), ("mode", "u64"), ("copy", "u64")]))
UFFDIO_ZEROPAGE = named("uffdio_zeropage", Struct("uffdio_zeropage", [
    ("range", UFFDIO_RANGE), ("mode", "u64"), ("zeropage", "u64")]))

API_FEATURES = ("UFFD_FEATURE_PAGEFAULT_FLAG_WP", "UFFD_FEATURE_EVENT_FORK",
                "UFFD_FEATURE_EVENT_REMAP", "UFFD_FEATURE_EVENT_REMOVE",
                "UFFD_FEATURE_MISSING_HUGETLBFS", "UFFD_FEATURE_MISSING_SHMEM",
                "UFFD_FEATURE_EVENT_UNMAP", "UFFD_FEATURE_SIGBUS", "UFFD_FEATURE_THREAD_ID",
                "UFFD_FEATURE_MINOR_HUGETLBFS", "UFFD_FEATURE_MINOR_SHMEM",
                "UFFD_FEATURE_EXACT_ADDRESS", "UFFD_FEATURE_WP_HUGETLBFS_SHMEM")
COPY_MODES = ("UFFDIO_COPY_MODE_DONTWAKE", "UFFDIO_COPY_MODE_WP")
REGISTER_MODES = ("UFFDIO_REGISTER_MODE_MISSING", "UFFDIO_REGISTER_MODE_WP",
                  "UFFDIO_REGISTER_MODE_MINOR")
ZEROPAGE_MODES = ("UFFDIO_ZEROPAGE_MODE_DONTWAKE",)
# the ioctls masks are sets of `1<<_UFFDIO_X` bits, _UFFDIO_X being UFFDIO_X's _IOC_NR
API_IOCTLS = ("UFFDIO_REGISTER", "UFFDIO_UNREGISTER", "UFFDIO_API")
RANGE_IOCTLS = ("UFFDIO_WAKE", "UFFDIO_COPY", "UFFDIO_ZEROPAGE", "UFFDIO_WRITEPROTECT",
                "UFFDIO_CONTINUE")


def _ioctl_bits(ctx, call, value, commands, unknown):
    nums = command_numbers(call.abi)
    pairs = [("1<<_" + n, 1 << ioc_nr(nums[n])) for n in commands if n in nums]
    return printers.flags(value, pairs, ctx.style, unknown)


def _range(v, prefix=""):
    return "{start=%s, len=%s}" % (printers.hexnum(v[prefix + "start"]),
                                   printers.hexnum(v[prefix + "len"]))


def _kernel_wrote(ctx, call, arg, layout):
    """The struct after a successful call, or None (then strace just closes the brace)."""
    return None if failed(call) else read_struct(ctx, call, arg, layout.on(call.abi))


def _entering(layout, show):
    """enter of a struct printed open at entry: show(ctx, call, values) -> text (or
    (text, state)); unreadable, the address alone."""
    def enter(ctx, call, arg):
        v = read_struct(ctx, call, arg, layout.on(call.abi))
        if v is None:
            return printers.ptr(arg), False
        text = show(ctx, call, v)
        return (text, True) if not isinstance(text, tuple) else (text[0], True, text[1])
    return enter


def _api_enter(ctx, call, v):
    return ("{api=%s, features=%s" % (
        printers.hexnum(v["api"]),
        flag_text(ctx, call, v["features"], API_FEATURES, "UFFD_FEATURE_???")), v["features"])


def _api_exit(ctx, call, arg):
    v = _kernel_wrote(ctx, call, arg, UFFDIO_API)
    if v is None:
        return "}"
    text = ""
    if entry_state(call) != v["features"]:
        text = " => features=" + flag_text(ctx, call, v["features"], API_FEATURES,
                                           "UFFD_FEATURE_???")
    return text + ", ioctls=%s}" % _ioctl_bits(ctx, call, v["ioctls"], API_IOCTLS, "_UFFDIO_???")


def _copy_enter(ctx, call, v):
    return "{dst=%s, src=%s, len=%s, mode=%s" % (
        printers.hexnum(v["dst"]), printers.hexnum(v["src"]), printers.hexnum(v["len"]),
        flag_text(ctx, call, v["mode"], COPY_MODES, "UFFDIO_COPY_???"))


def _register_enter(ctx, call, v):
    return "{range=%s, mode=%s" % (_range(v, "range."), flag_text(
        ctx, call, v["mode"], REGISTER_MODES, "UFFDIO_REGISTER_MODE_???"))


def _register_exit(ctx, call, arg):
    v = _kernel_wrote(ctx, call, arg, UFFDIO_REGISTER)
    if v is None:
        return "}"
    return ", ioctls=%s}" % _ioctl_bits(ctx, call, v["ioctls"], RANGE_IOCTLS, "UFFDIO_???")


def _zeropage_enter(ctx, call, v):
    return "{range=%s, mode=%s" % (_range(v, "range."), flag_text(
        ctx, call, v["mode"], ZEROPAGE_MODES, "UFFDIO_ZEROPAGE_???"))


def _count_exit(layout, field):
    """exit of UFFDIO_COPY / UFFDIO_ZEROPAGE: how many bytes the kernel did."""
    def exit_(ctx, call, arg):
        v = _kernel_wrote(ctx, call, arg, layout)
        return "}" if v is None else ", %s=%s}" % (field, printers.hexnum(v[field]))
    return exit_


def _bare_range(ctx, call, arg):
    v = read_struct(ctx, call, arg, UFFDIO_RANGE.on(call.abi))
    return printers.ptr(arg) if v is None else _range(v)


UFFDIO = TableFamily(
    (0xaa,),
    inp={"UFFDIO_UNREGISTER": _bare_range, "UFFDIO_WAKE": _bare_range},
    both={"UFFDIO_API": (_entering(UFFDIO_API, _api_enter), _api_exit),
          "UFFDIO_COPY": (_entering(UFFDIO_COPY, _copy_enter), _count_exit(UFFDIO_COPY, "copy")),
          "UFFDIO_REGISTER": (_entering(UFFDIO_REGISTER, _register_enter), _register_exit),
          "UFFDIO_ZEROPAGE": (_entering(UFFDIO_ZEROPAGE, _zeropage_enter),
                              _count_exit(UFFDIO_ZEROPAGE, "zeropage"))})
