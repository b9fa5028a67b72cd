"""Decoders of the kernel key management calls (strace 6.1's keyctl.c): add_key, request_key.
Key serial numbers are ints printed in decimal, the special ones of linux/keyctl.h by name."""
from minitrace import printers
from minitrace.decode import register
from minitrace.decode.common import lmask, ulong
from minitrace.decode.file import in_string
from minitrace.decode.generic import Decoder, cstring_arg

# xlat/key_spec.in
KEY_SPEC = ("KEY_SPEC_THREAD_KEYRING", "KEY_SPEC_PROCESS_KEYRING", "KEY_SPEC_SESSION_KEYRING",
            "KEY_SPEC_USER_KEYRING", "KEY_SPEC_USER_SESSION_KEYRING", "KEY_SPEC_GROUP_KEYRING",
            "KEY_SPEC_REQKEY_AUTH_KEY", "KEY_SPEC_REQUESTOR_KEYRING")


def key_serial(ctx, call, value):
    """A key_serial_t (printxval_d): `KEY_SPEC_THREAD_KEYRING`, -X raw `-1`, -X verbose
    `-1 /* KEY_SPEC_THREAD_KEYRING */`, any other number in signed decimal."""
    value = printers.to_signed(value, 32)
    return printers.enum(value, ctx.enum_table(call.abi, KEY_SPEC), ctx.style, decimal=True)


@register("add_key")
class AddKey(Decoder):
    def enter(self, ctx, call):
        a = call.args
        length = a[3] & lmask(call)
        return "%s, %s, %s, %s, %s" % (
            cstring_arg(ctx, call, a[0]), cstring_arg(ctx, call, a[1]),
            in_string(ctx, call, a[2], length), ulong(call, a[3]), key_serial(ctx, call, a[4]))


@register("request_key")
class RequestKey(Decoder):
    def enter(self, ctx, call):
        a = call.args
        return "%s, %s, %s, %s" % (
            cstring_arg(ctx, call, a[0]), cstring_arg(ctx, call, a[1]),
            cstring_arg(ctx, call, a[2]), key_serial(ctx, call, a[3]))
