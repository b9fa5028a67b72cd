"""Infrared remote control ioctls (type 'i', linux/lirc.h), as strace 6.1's lirc_ioctl.

Every command's argument is one __u32: the LIRC_SET_* values at entry, the LIRC_GET_* ones at
exit (the address when the call failed), as `[value]`: the features as LIRC_CAN_* flags, the
send and receive modes as one LIRC_MODE_*, the transmitter mask in hex, the rest in decimal.
"""
from minitrace import printers
from minitrace.decode.common import enum_text, flag_text, read_ints
from minitrace.decode.ioctl.base import TableFamily

# LIRC_CAN_* in the order strace prints them
FEATURES = ("LIRC_CAN_SEND_PULSE", "LIRC_CAN_SEND_LIRCCODE", "LIRC_CAN_SET_SEND_CARRIER",
            "LIRC_CAN_SET_SEND_DUTY_CYCLE", "LIRC_CAN_SET_TRANSMITTER_MASK",
            "LIRC_CAN_REC_MODE2", "LIRC_CAN_REC_SCANCODE", "LIRC_CAN_REC_LIRCCODE",
            "LIRC_CAN_SET_REC_CARRIER", "LIRC_CAN_MEASURE_CARRIER",
            "LIRC_CAN_USE_WIDEBAND_RECEIVER", "LIRC_CAN_SET_REC_TIMEOUT",
            "LIRC_CAN_GET_REC_RESOLUTION", "LIRC_CAN_SET_REC_CARRIER_RANGE")
MODES = ("LIRC_MODE_RAW", "LIRC_MODE_PULSE", "LIRC_MODE_MODE2", "LIRC_MODE_SCANCODE",
         "LIRC_MODE_LIRCCODE")


def _u32(show):
    """`[value]` of the __u32 at the argument, value printed by show(ctx, call, value)."""
    def arg_text(ctx, call, arg):
        v = read_ints(ctx, call, arg, 1, "I") if arg else None
        if v is None:
            return printers.ptr(arg)
        return "[%s]" % show(ctx, call, v[0])
    return arg_text


_decimal = _u32(lambda ctx, call, v: "%d" % v)
_mode = _u32(lambda ctx, call, v: enum_text(ctx, call, v, MODES, "LIRC_MODE_???"))
_features = _u32(lambda ctx, call, v: flag_text(ctx, call, v, FEATURES, "LIRC_CAN_???"))
_hex = _u32(lambda ctx, call, v: printers.hexnum(v))

LIRC = TableFamily(
    (0x69,),
    inp=dict([(n, _decimal) for n in (
        "LIRC_SET_SEND_CARRIER", "LIRC_SET_REC_CARRIER", "LIRC_SET_SEND_DUTY_CYCLE",
        "LIRC_SET_REC_TIMEOUT", "LIRC_SET_REC_TIMEOUT_REPORTS", "LIRC_SET_MEASURE_CARRIER_MODE",
        "LIRC_SET_REC_CARRIER_RANGE", "LIRC_SET_WIDEBAND_RECEIVER")]
             + [("LIRC_SET_SEND_MODE", _mode), ("LIRC_SET_REC_MODE", _mode),
                ("LIRC_SET_TRANSMITTER_MASK", _hex)]),
    out=dict([(n, _decimal) for n in (
        "LIRC_GET_REC_RESOLUTION", "LIRC_GET_MIN_TIMEOUT", "LIRC_GET_MAX_TIMEOUT",
        "LIRC_GET_LENGTH", "LIRC_GET_REC_TIMEOUT")]
             + [("LIRC_GET_SEND_MODE", _mode), ("LIRC_GET_REC_MODE", _mode),
                ("LIRC_GET_FEATURES", _features)]))
