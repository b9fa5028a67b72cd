"""Decoders of futex (every operation; the arguments printed depend on the operation, as in
strace 6.1's futex.c) and futex_waitv. Text only: no ptrace, no printing."""
from minitrace import printers
from minitrace.decode import register
from minitrace.decode.clock import Sleeping, clockid, timespec_arg
from minitrace.decode.array import print_array_ex
from minitrace.decode.common import const, flag_text, uint
from minitrace.decode.layout import Struct, named

# xlat/futexops.in: the operations (linux/futex.h), their _PRIVATE forms, and the few
# FUTEX_CLOCK_REALTIME combinations strace names; any other value is `0x... /* FUTEX_??? */`.
# Entries are names or `A|B` joins of names; the values come from the ABI's constants.
FUTEX_OPS = (
    "FUTEX_WAIT", "FUTEX_WAKE", "FUTEX_FD", "FUTEX_REQUEUE", "FUTEX_CMP_REQUEUE",
    "FUTEX_WAKE_OP", "FUTEX_LOCK_PI", "FUTEX_UNLOCK_PI", "FUTEX_TRYLOCK_PI",
    "FUTEX_WAIT_BITSET", "FUTEX_WAKE_BITSET", "FUTEX_WAIT_REQUEUE_PI", "FUTEX_CMP_REQUEUE_PI",
    "FUTEX_LOCK_PI2",
    "FUTEX_WAIT_PRIVATE", "FUTEX_WAKE_PRIVATE", "FUTEX_FD|FUTEX_PRIVATE_FLAG",
    "FUTEX_REQUEUE_PRIVATE", "FUTEX_CMP_REQUEUE_PRIVATE", "FUTEX_WAKE_OP_PRIVATE",
    "FUTEX_LOCK_PI_PRIVATE", "FUTEX_UNLOCK_PI_PRIVATE", "FUTEX_TRYLOCK_PI_PRIVATE",
    "FUTEX_WAIT_BITSET_PRIVATE", "FUTEX_WAKE_BITSET_PRIVATE",
    "FUTEX_WAIT_REQUEUE_PI_PRIVATE", "FUTEX_CMP_REQUEUE_PI_PRIVATE", "FUTEX_LOCK_PI2_PRIVATE",
    "FUTEX_WAIT|FUTEX_CLOCK_REALTIME", "FUTEX_WAIT_PRIVATE|FUTEX_CLOCK_REALTIME",
    "FUTEX_WAIT_BITSET|FUTEX_CLOCK_REALTIME", "FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME",
    "FUTEX_WAIT_REQUEUE_PI|FUTEX_CLOCK_REALTIME",
    "FUTEX_WAIT_REQUEUE_PI_PRIVATE|FUTEX_CLOCK_REALTIME",
)
# xlat/futexwakeops.in, xlat/futexwakecmps.in
FUTEX_WAKE_OPS = ("FUTEX_OP_SET", "FUTEX_OP_ADD", "FUTEX_OP_OR", "FUTEX_OP_ANDN",
                  "FUTEX_OP_XOR")
FUTEX_WAKE_CMPS = ("FUTEX_OP_CMP_EQ", "FUTEX_OP_CMP_NE", "FUTEX_OP_CMP_LT", "FUTEX_OP_CMP_LE",
                   "FUTEX_OP_CMP_GT", "FUTEX_OP_CMP_GE")
FUTEX_BITSETS = ("FUTEX_BITSET_MATCH_ANY",)
FUTEX_WAITV_FLAGS = ("FUTEX_32", "FUTEX_PRIVATE_FLAG")

_op_tables = {}


def op_table(ctx, abi):
    """value -> name of FUTEX_OPS for this ABI."""
    consts = ctx.constants(abi)
    key = (abi, id(consts))
    table = _op_tables.get(key)
    if table is None:
        table = {}
        for entry in FUTEX_OPS:
            parts = entry.split("|")
            if all(p in consts for p in parts):
                value = 0
                for p in parts:
                    value |= consts[p]
                table.setdefault(value, entry)
        _op_tables[key] = table
    return table


def wake_op_text(ctx, call, val3):
    """FUTEX_OP() of linux/futex.h: `FUTEX_OP_SET<<28|0<<12|FUTEX_OP_CMP_GT<<24|0x1`."""
    consts = ctx.constants(call.abi)
    shift = consts.get("FUTEX_OP_OPARG_SHIFT", 8)
    op = (val3 >> 28) & 0xf
    text = ""
    if op & shift:
        text = "FUTEX_OP_OPARG_SHIFT<<28|"
    op &= ~shift
    name = ctx.enum_table(call.abi, FUTEX_WAKE_OPS).get(op)
    text += (name + "<<28") if name else "%s<<28 /* FUTEX_OP_??? */" % printers.hexnum(op)
    text += "|%s<<12|" % printers.hexnum((val3 >> 12) & 0xfff)
    cmp_ = (val3 >> 24) & 0xf
    name = ctx.enum_table(call.abi, FUTEX_WAKE_CMPS).get(cmp_)
    text += (name + "<<24") if name else "%s<<24 /* FUTEX_OP_CMP_??? */" % printers.hexnum(cmp_)
    return text + "|" + printers.hexnum(val3 & 0xfff)


def bitset_text(ctx, call, val3):
    return printers.enum(val3, ctx.enum_table(call.abi, FUTEX_BITSETS), ctx.style)


# The arguments after uaddr and op, by command (strace's futex.c): the fields each prints, in
# order. A command of none of these prints UNKNOWN. The values are looked up in the tracee
# ABI's constants once (_shape_table); the first row of a value wins.
FIELDS = {
    "val": lambda ctx, call, a: uint(a[2]),
    "val2": lambda ctx, call, a: uint(a[3]),
    "timeout": lambda ctx, call, a: timespec_arg(ctx, call, a[3]),
    "utime": lambda ctx, call, a: printers.ptr(a[3]),
    "uaddr2": lambda ctx, call, a: printers.ptr(a[4]),
    "val3": lambda ctx, call, a: str(a[5] & 0xffffffff),
    "val3_hex": lambda ctx, call, a: printers.hexnum(a[5] & 0xffffffff),
    "bitset": lambda ctx, call, a: bitset_text(ctx, call, a[5] & 0xffffffff),
    "wake_op": lambda ctx, call, a: wake_op_text(ctx, call, a[5] & 0xffffffff),
}
SHAPES = (
    ("FUTEX_WAIT", ("val", "timeout")),
    ("FUTEX_LOCK_PI", ("timeout",)),
    ("FUTEX_LOCK_PI2", ("timeout",)),
    ("FUTEX_WAIT_BITSET", ("val", "timeout", "bitset")),
    ("FUTEX_WAKE_BITSET", ("val", "bitset")),
    ("FUTEX_REQUEUE", ("val", "val2", "uaddr2")),
    ("FUTEX_CMP_REQUEUE", ("val", "val2", "uaddr2", "val3")),
    ("FUTEX_CMP_REQUEUE_PI", ("val", "val2", "uaddr2", "val3")),
    ("FUTEX_WAKE_OP", ("val", "val2", "uaddr2", "wake_op")),
    ("FUTEX_WAIT_REQUEUE_PI", ("val", "timeout", "uaddr2")),
    ("FUTEX_FD", ("val",)),
    ("FUTEX_WAKE", ("val",)),
    ("FUTEX_UNLOCK_PI", ()),
    ("FUTEX_TRYLOCK_PI", ()),
)
UNKNOWN = ("val", "utime", "uaddr2", "val3_hex")
_shape_tables = {}


def _shape_table(ctx, abi):
    """command value -> the field functions of its SHAPES row, for this ABI."""
    table = _shape_tables.get(abi)
    if table is None:
        consts = ctx.constants(abi)
        table = {}
        for name, fields in SHAPES:
            value = consts.get(name)
            if value is not None:
                table.setdefault(value, tuple(FIELDS[f] for f in fields))
        _shape_tables[abi] = table
    return table


_UNKNOWN = tuple(FIELDS[f] for f in UNKNOWN)


def _operation(ctx, abi, op):
    """(the text of command `op`, the functions of the fields it prints) on this ABI."""
    return (printers.enum(op, op_table(ctx, abi), ctx.style, "FUTEX_???"),
            _shape_table(ctx, abi).get(op & 127, _UNKNOWN))


@register("futex", "futex_time64")
class Futex(Sleeping):
    enter_while_running = True     # numbers and the timeout passed in

    def enter(self, ctx, call):
        a = call.args
        op = a[1] & 0xffffffff
        # a program uses a few commands, again and again (a threaded one thousands of times)
        op_text, fields = printers.remembered(ctx.memo(call.abi, "futex operations"),
                                              (op, ctx.style.const_style),
                                              _operation, ctx, call.abi, op)
        parts = [printers.ptr(a[0]), op_text]
        for field in fields:
            parts.append(field(ctx, call, a))
        return ", ".join(parts)


# struct futex_waitv of linux/futex.h: u64 val, u64 uaddr, u32 flags, u32 __reserved
WAITV = named("futex_waitv", Struct("futex_waitv", [("val", "u64"), ("uaddr", "u64"),
                                                    ("flags", "u32"), ("__reserved", "u32")]))


def waiter_text(ctx, call, v):
    """`{val=0x1, uaddr=0x..., flags=FUTEX_32}`; a nonzero __reserved is shown too."""
    text = "{val=%s, uaddr=%s, flags=%s" % (
        printers.hexnum(v[0]), printers.ptr(v[1]),
        flag_text(ctx, call, v[2], FUTEX_WAITV_FLAGS, "FUTEX_???"))
    if v[3]:
        text += ", __reserved=" + printers.hexnum(v[3])
    return text + "}"


def waitv_array(ctx, call, addr, count):
    """The waiters through print_array; past FUTEX_WAITV_MAX of them, `...` (the kernel's
    limit: strace stops there)."""
    fmt = WAITV.on(call.abi)
    limit = const(ctx, call, "FUTEX_WAITV_MAX") or 128
    return print_array_ex(ctx, call, addr, min(count, limit), fmt.size,
                          lambda data: fmt.unpack(data, 0),
                          lambda v: waiter_text(ctx, call, v), truncated=count > limit)[0]


class _Wide(object):
    """A view of the call whose name says 64-bit time fields (struct __kernel_timespec)."""

    def __init__(self, call):
        self._call = call
        self.name = "futex_waitv_time64"

    def __getattr__(self, attr):
        return getattr(self._call, attr)


@register("futex_waitv")
class FutexWaitv(Sleeping):
    def enter(self, ctx, call):
        a = call.args
        count = a[1] & 0xffffffff
        return "%s, %s, %s, %s, %s" % (
            waitv_array(ctx, call, a[0], count), uint(a[1]), printers.hexnum(a[2] & 0xffffffff),
            timespec_arg(ctx, _Wide(call), a[3]), clockid(ctx, call, a[4]))
