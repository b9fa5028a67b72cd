"""Decoders of the scheduler calls: policies, sched_param, sched_attr, round-robin intervals and
the nice value (getpriority/setpriority). CPU affinity lives in resource.py."""
import errno
import struct

from minitrace import printers
from minitrace.decode import register
from minitrace.decode.clock import out_arg, timespec_arg
from minitrace.decode.common import (endian, enum_text, failed, flag_text, indirect_int,
                                     pid_arg, pid_by_selector, read_struct, sint, uint)
from minitrace.decode.generic import Decoder
from minitrace.decode.layout import Struct, named

# linux/sched.h: the policies strace names (SCHED_RESET_ON_FORK is not one of them)
POLICIES = ("SCHED_OTHER", "SCHED_FIFO", "SCHED_RR", "SCHED_BATCH", "SCHED_ISO", "SCHED_IDLE",
            "SCHED_DEADLINE")
SCHED_FLAGS = ("SCHED_FLAG_RESET_ON_FORK", "SCHED_FLAG_RECLAIM", "SCHED_FLAG_DL_OVERRUN",
               "SCHED_FLAG_KEEP_POLICY", "SCHED_FLAG_KEEP_PARAMS", "SCHED_FLAG_UTIL_CLAMP_MIN",
               "SCHED_FLAG_UTIL_CLAMP_MAX")
PRIO_WHICH = ("PRIO_PROCESS", "PRIO_PGRP", "PRIO_USER")
PRIO_PID_KINDS = (("PRIO_PROCESS", "tgid"), ("PRIO_PGRP", "pgid"))     # strace's priority_print_who

# struct sched_attr (linux/sched/types.h): the same on every ABI. VER0 is 48 bytes, VER1 56.
SCHED_ATTR = named("sched_attr", Struct("sched_attr", [
    ("size", "u32"), ("sched_policy", "u32"), ("sched_flags", "u64"), ("sched_nice", "s32"),
    ("sched_priority", "u32"), ("sched_runtime", "u64"), ("sched_deadline", "u64"),
    ("sched_period", "u64"), ("sched_util_min", "u32"), ("sched_util_max", "u32")]))
SCHED_ATTR_SIZE_VER0 = 48
SCHED_ATTR_SIZE_VER1 = 56


# struct sched_param (linux/sched/types.h), printed as strace does: `[priority]`
SCHED_PARAM = named("sched_param", Struct("sched_param", [("sched_priority", "s32")]))


def sched_param(ctx, call, addr):
    v = read_struct(ctx, call, addr, SCHED_PARAM.on(call.abi))
    return printers.ptr(addr) if v is None else "[%d]" % v["sched_priority"]


def policy(ctx, call, value):
    return enum_text(ctx, call, value & 0xffffffff, POLICIES, "SCHED_???")


def sched_attr(ctx, call, addr, usize):
    """`{size=48, sched_policy=SCHED_OTHER, sched_flags=0, ...}` (strace's print_sched_attr).
    `usize` is sched_getattr's size argument (the kernel then wrote the struct and its size);
    0 for sched_setattr, whose struct says its own size (0 meaning VER0). sched_setattr leaves
    out the policy under SCHED_FLAG_KEEP_POLICY/KEEP_PARAMS and the parameters under
    KEEP_PARAMS, as the kernel ignores them."""
    is_set = not usize
    if usize:
        size = min(usize, SCHED_ATTR_SIZE_VER1)
        data = ctx.read(call, addr, size)
        if data is None or len(data) < size:
            return printers.ptr(addr)
        data = bytes(data).ljust(SCHED_ATTR_SIZE_VER1, b"\0")
        size = struct.unpack(endian(call) + "I", data[:4])[0]
        declared = size
    else:
        head = ctx.read(call, addr, 4)
        if head is None or len(head) < 4:
            return printers.ptr(addr)
        declared = struct.unpack(endian(call) + "I", head)[0] or SCHED_ATTR_SIZE_VER0
        size = min(declared, SCHED_ATTR_SIZE_VER1)
        data = head
        if size >= SCHED_ATTR_SIZE_VER0:
            data = ctx.read(call, addr, size)
            if data is None or len(data) < size:
                return printers.ptr(addr)
        data = bytes(data).ljust(SCHED_ATTR_SIZE_VER1, b"\0")
    v = SCHED_ATTR.on(call.abi).dict(data)
    fields = ["size=%d" % v["size"]]
    if size >= SCHED_ATTR_SIZE_VER0:
        c = ctx.constants(call.abi)
        flags = v["sched_flags"]
        keep_params = flags & c.get("SCHED_FLAG_KEEP_PARAMS", 0)
        keep_any = flags & (c.get("SCHED_FLAG_KEEP_POLICY", 0) | keep_params)
        if not is_set or v["sched_policy"] >> 31 or not keep_any:
            fields.append("sched_policy=" + policy(ctx, call, v["sched_policy"]))
        fields.append("sched_flags=" + flag_text(ctx, call, flags, SCHED_FLAGS, "SCHED_FLAG_???"))
        if not is_set or not keep_params:
            fields += ["%s=%d" % (n, v[n]) for n in ("sched_nice", "sched_priority",
                                                     "sched_runtime", "sched_deadline",
                                                     "sched_period")]
        if size >= SCHED_ATTR_SIZE_VER1:
            fields += ["%s=%d" % (n, v[n]) for n in ("sched_util_min", "sched_util_max")]
    if declared > size:
        fields.append("...")
    return "{" + ", ".join(fields) + "}"


@register("sched_getscheduler")
class SchedGetscheduler(Decoder):
    """`sched_getscheduler(0) = 0 (SCHED_OTHER)`: the policy's name after the number."""
    def enter(self, ctx, call):
        return pid_arg(ctx, call, call.args[0], "tgid")

    def result(self, ctx, call):
        text = Decoder.result(self, ctx, call)
        if failed(call):
            return text
        name = ctx.enum_table(call.abi, POLICIES).get(call.ret)
        return text if name is None else "%s (%s)" % (text, name)


@register("sched_setscheduler")
class SchedSetscheduler(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s" % (pid_arg(ctx, call, a[0], "tgid"), policy(ctx, call, a[1]),
                               sched_param(ctx, call, a[2]))


@register("sched_getparam")
class SchedGetparam(Decoder):
    def enter(self, ctx, call):
        return pid_arg(ctx, call, call.args[0], "tgid") + ", "

    def exit(self, ctx, call):
        return sched_param(ctx, call, call.args[1])


@register("sched_setparam")
class SchedSetparam(Decoder):
    def enter(self, ctx, call):
        return "%s, %s" % (pid_arg(ctx, call, call.args[0], "tgid"),
                           sched_param(ctx, call, call.args[1]))


@register("sched_get_priority_max", "sched_get_priority_min")
class SchedPriorityLimit(Decoder):
    def enter(self, ctx, call):
        return policy(ctx, call, call.args[0])


@register("sched_rr_get_interval", "sched_rr_get_interval_time64")
class SchedRrGetInterval(Decoder):
    def enter(self, ctx, call):
        return pid_arg(ctx, call, call.args[0], "tgid") + ", "

    def exit(self, ctx, call):
        return out_arg(ctx, call, call.args[1], timespec_arg)


@register("sched_setattr")
class SchedSetattr(Decoder):
    def enter(self, ctx, call):
        return "%s, %s" % (pid_arg(ctx, call, call.args[0], "tgid"),
                           sched_attr(ctx, call, call.args[1], 0))

    def exit(self, ctx, call):
        """The size the kernel wants, written back on E2BIG (only when -e verbose= keeps it)."""
        size = ""
        if call.error == errno.E2BIG:
            v = ctx.read(call, call.args[1], 4)
            if v is not None and len(v) == 4:
                size = " => {size=%d}" % struct.unpack(endian(call) + "I", bytes(v))[0]
        return size + ", " + uint(call.args[2])


@register("sched_getattr")
class SchedGetattr(Decoder):
    def enter(self, ctx, call):
        return pid_arg(ctx, call, call.args[0], "tgid") + ", "

    def exit(self, ctx, call):
        a = call.args
        size = a[2] & 0xffffffff
        if failed(call) or not size:
            attr = printers.ptr(a[1])
        else:
            attr = sched_attr(ctx, call, a[1], size)
        return "%s, %s, %s" % (attr, uint(size), uint(a[3]))


@register("getpriority")
class Getpriority(Decoder):
    def enter(self, ctx, call):
        which = call.args[0] & 0xffffffff
        return "%s, %s" % (enum_text(ctx, call, which, PRIO_WHICH, "PRIO_???"),
                           pid_by_selector(ctx, call, call.args[1], which, PRIO_PID_KINDS))


@register("setpriority")
class Setpriority(Decoder):
    def enter(self, ctx, call):
        a = call.args
        which = a[0] & 0xffffffff
        return "%s, %s, %s" % (enum_text(ctx, call, which, PRIO_WHICH, "PRIO_???"),
                               pid_by_selector(ctx, call, a[1], which, PRIO_PID_KINDS),
                               sint(a[2]))


def _cpu_number(value):
    return str(value & 0xffffffff)


@register("getcpu")
class Getcpu(Decoder):
    """All at exit: the cpu and node the kernel wrote (unsigned), the unused cache's address."""

    def enter(self, ctx, call):
        return ""

    def exit(self, ctx, call):
        a = call.args
        if failed(call):
            cpu, node = printers.ptr(a[0]), printers.ptr(a[1])
        else:
            cpu = indirect_int(ctx, call, a[0], _cpu_number)
            node = indirect_int(ctx, call, a[1], _cpu_number)
        return "%s, %s, %s" % (cpu, node, printers.ptr(a[2]))
