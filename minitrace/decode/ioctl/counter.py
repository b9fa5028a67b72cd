"""Counter character device ioctls (type 0x3e, linux/counter.h), as strace's counter_ioctl:
COUNTER_ADD_WATCH_IOCTL's struct counter_watch at entry, the event switches without an
argument."""
from minitrace import printers
from minitrace.decode.common import enum_text, read_struct
from minitrace.decode.ioctl.base import TableFamily
from minitrace.decode.layout import Struct, named

COMPONENT_TYPES = ("COUNTER_COMPONENT_NONE", "COUNTER_COMPONENT_SIGNAL",
                   "COUNTER_COMPONENT_COUNT", "COUNTER_COMPONENT_FUNCTION",
                   "COUNTER_COMPONENT_SYNAPSE_ACTION", "COUNTER_COMPONENT_EXTENSION")
SCOPES = ("COUNTER_SCOPE_DEVICE", "COUNTER_SCOPE_SIGNAL", "COUNTER_SCOPE_COUNT")
EVENT_TYPES = ("COUNTER_EVENT_OVERFLOW", "COUNTER_EVENT_UNDERFLOW",
               "COUNTER_EVENT_OVERFLOW_UNDERFLOW", "COUNTER_EVENT_THRESHOLD",
               "COUNTER_EVENT_INDEX", "COUNTER_EVENT_CHANGE_OF_STATE", "COUNTER_EVENT_CAPTURE")

COUNTER_COMPONENT = Struct("counter_component", [
    ("type", "u8"), ("scope", "u8"), ("parent", "u8"), ("id", "u8")])
COUNTER_WATCH = named("counter_watch", Struct("counter_watch", [
    ("component", COUNTER_COMPONENT), ("event", "u8"), ("channel", "u8")]))


def _watch(ctx, call, arg):
    v = read_struct(ctx, call, arg, COUNTER_WATCH.on(call.abi))
    if v is None:
        return printers.ptr(arg)
    return "{component={type=%s, scope=%s, parent=%d, id=%d}, event=%s, channel=%d}" % (
        enum_text(ctx, call, v["component.type"], COMPONENT_TYPES, "COUNTER_COMPONENT_???"),
        enum_text(ctx, call, v["component.scope"], SCOPES, "COUNTER_SCOPE_???"),
        v["component.parent"], v["component.id"],
        enum_text(ctx, call, v["event"], EVENT_TYPES, "COUNTER_EVENT_???"), v["channel"])


COUNTER = TableFamily(
    (0x3e,),
    inp={"COUNTER_ADD_WATCH_IOCTL": _watch},
    no_arg=("COUNTER_ENABLE_EVENTS_IOCTL", "COUNTER_DISABLE_EVENTS_IOCTL"))
