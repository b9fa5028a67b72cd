"""ioprio_get and ioprio_set as strace 6.1 prints them (its ioprio.c): `IOPRIO_WHO_*`, the pid,
and the priority as `IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4)` (ioprio_get's in its result)."""
from minitrace import printers
from minitrace.decode import register
from minitrace.decode.common import const, enum_text, pid_by_selector, sint
from minitrace.decode.generic import Decoder

IOPRIO_WHO_NAMES = ("IOPRIO_WHO_PROCESS", "IOPRIO_WHO_PGRP",      # xlat/ioprio_who.in
                    "IOPRIO_WHO_USER")
WHO_PID_KINDS = (("IOPRIO_WHO_PROCESS", "tgid"), ("IOPRIO_WHO_PGRP", "pgid"))
IOPRIO_CLASS_NAMES = ("IOPRIO_CLASS_NONE", "IOPRIO_CLASS_RT",      # xlat/ioprio_class.in
                      "IOPRIO_CLASS_BE", "IOPRIO_CLASS_IDLE")      # (linux/ioprio.h)


def prio_value(ctx, call, ioprio):
    """`IOPRIO_PRIO_VALUE(class, data)` of a 32-bit priority (the class unmasked, as strace)."""
    shift = const(ctx, call, "IOPRIO_CLASS_SHIFT")
    klass, data = ioprio >> shift, ioprio & ((1 << shift) - 1)
    return "IOPRIO_PRIO_VALUE(%s, %d)" % (
        enum_text(ctx, call, klass, IOPRIO_CLASS_NAMES, "IOPRIO_CLASS_???"), data)


def _which_who(ctx, call):
    a = call.args
    which = a[0] & 0xffffffff
    return "%s, %s" % (enum_text(ctx, call, which, IOPRIO_WHO_NAMES, "IOPRIO_WHO_???"),
                       pid_by_selector(ctx, call, a[1], which, WHO_PID_KINDS))


@register("ioprio_get")
class IoprioGet(Decoder):
    def enter(self, ctx, call):
        return _which_who(ctx, call)

    def result(self, ctx, call):
        base = Decoder.result(self, ctx, call)
        if call.ret is None or call.error or ctx.style.const_style == "raw":
            return base
        return "%s (%s)" % (base, prio_value(ctx, call, call.ret & 0xffffffff))


@register("ioprio_set")
class IoprioSet(Decoder):
    def enter(self, ctx, call):
        ioprio = call.args[2] & 0xffffffff
        cstyle = ctx.style.const_style
        if cstyle == "raw":
            text = sint(ioprio)
        elif cstyle == "verbose":
            text = "%s /* %s */" % (sint(ioprio), prio_value(ctx, call, ioprio))
        else:
            text = prio_value(ctx, call, ioprio)
        return "%s, %s" % (_which_who(ctx, call), text)
