"""keyctl(2) as strace 6.1 decodes it (keyctl.c): the command (linux/keyctl.h KEYCTL_*), then
each command's arguments. One row of COMMANDS per command: the text known at entry, and for the
commands whose buffer the kernel fills, the text printed at exit."""
import struct

from minitrace import printers
from minitrace.decode import register
from minitrace.decode.aio import iovecs
from minitrace.decode.array import print_array
from minitrace.decode.common import enum_text, failed, flag_text, sint, uint, ulong, ulong_value
from minitrace.decode.file import in_string, uid
from minitrace.decode.generic import Decoder, cstring_arg
from minitrace.decode.keys import key_serial
from minitrace.decode.layout import Struct

# xlat/keyctl_commands.in (linux/keyctl.h)
KEYCTL_COMMANDS = (
    "KEYCTL_GET_KEYRING_ID", "KEYCTL_JOIN_SESSION_KEYRING", "KEYCTL_UPDATE", "KEYCTL_REVOKE",
    "KEYCTL_CHOWN", "KEYCTL_SETPERM", "KEYCTL_DESCRIBE", "KEYCTL_CLEAR", "KEYCTL_LINK",
    "KEYCTL_UNLINK", "KEYCTL_SEARCH", "KEYCTL_READ", "KEYCTL_INSTANTIATE", "KEYCTL_NEGATE",
    "KEYCTL_SET_REQKEY_KEYRING", "KEYCTL_SET_TIMEOUT", "KEYCTL_ASSUME_AUTHORITY",
    "KEYCTL_GET_SECURITY", "KEYCTL_SESSION_TO_PARENT", "KEYCTL_REJECT", "KEYCTL_INSTANTIATE_IOV",
    "KEYCTL_INVALIDATE", "KEYCTL_GET_PERSISTENT", "KEYCTL_DH_COMPUTE", "KEYCTL_PKEY_QUERY",
    "KEYCTL_PKEY_ENCRYPT", "KEYCTL_PKEY_DECRYPT", "KEYCTL_PKEY_SIGN", "KEYCTL_PKEY_VERIFY",
    "KEYCTL_RESTRICT_KEYRING", "KEYCTL_MOVE", "KEYCTL_CAPABILITIES", "KEYCTL_WATCH_KEY")
# xlat/key_reqkeys.in (linux/keyctl.h)
KEY_REQKEYS = (
    "KEY_REQKEY_DEFL_NO_CHANGE", "KEY_REQKEY_DEFL_DEFAULT", "KEY_REQKEY_DEFL_THREAD_KEYRING",
    "KEY_REQKEY_DEFL_PROCESS_KEYRING", "KEY_REQKEY_DEFL_SESSION_KEYRING",
    "KEY_REQKEY_DEFL_USER_KEYRING", "KEY_REQKEY_DEFL_USER_SESSION_KEYRING",
    "KEY_REQKEY_DEFL_GROUP_KEYRING", "KEY_REQKEY_DEFL_REQUESTOR_KEYRING")
# xlat/key_perms.in (the kernel's include/linux/key.h: not uapi)
KEY_PERMS = tuple("KEY_%s_%s" % (who, what) for who in ("POS", "USR", "GRP", "OTH")
                  for what in ("VIEW", "READ", "WRITE", "SEARCH", "LINK", "SETATTR", "ALL"))
# xlat/keyctl_move_flags.in, keyctl_pkey_ops.in, keyctl_caps0.in, keyctl_caps1.in
KEYCTL_MOVE_FLAGS = ("KEYCTL_MOVE_EXCL",)
KEYCTL_PKEY_OPS = ("KEYCTL_SUPPORTS_ENCRYPT", "KEYCTL_SUPPORTS_DECRYPT", "KEYCTL_SUPPORTS_SIGN",
                   "KEYCTL_SUPPORTS_VERIFY")
KEYCTL_CAPS0 = (
    "KEYCTL_CAPS0_CAPABILITIES", "KEYCTL_CAPS0_PERSISTENT_KEYRINGS", "KEYCTL_CAPS0_DIFFIE_HELLMAN",
    "KEYCTL_CAPS0_PUBLIC_KEY", "KEYCTL_CAPS0_BIG_KEY", "KEYCTL_CAPS0_INVALIDATE",
    "KEYCTL_CAPS0_RESTRICT_KEYRING", "KEYCTL_CAPS0_MOVE")
KEYCTL_CAPS1 = ("KEYCTL_CAPS1_NS_KEYRING_NAME", "KEYCTL_CAPS1_NS_KEY_TAG",
                "KEYCTL_CAPS1_NOTIFICATIONS")

# linux/keyctl.h
DH_PARAMS = Struct("keyctl_dh_params", [("private", "s32"), ("prime", "s32"), ("base", "s32")])
KDF_PARAMS = Struct("keyctl_kdf_params", [("hashname", "ptr"), ("otherinfo", "ptr"),
                                          ("otherinfolen", "u32"), ("__spare", ("u32", 8))])
PKEY_PARAMS = Struct("keyctl_pkey_params", [("key_id", "s32"), ("in_len", "u32"),
                                            ("out_len", "u32"), ("__spare", ("u32", 7))])
PKEY_QUERY = Struct("keyctl_pkey_query", [
    ("supported_ops", "u32"), ("key_size", "u32"), ("max_data_size", "u16"),
    ("max_sig_size", "u16"), ("max_enc_size", "u16"), ("max_dec_size", "u16"),
    ("__spare", ("u32", 10))])


def _struct(ctx, call, addr, layout):
    """The struct's fields (dict) or None; arrays come back as lists."""
    compiled = layout.on(call.abi)
    data = ctx.read(call, addr, compiled.size) if addr else None
    if data is None or len(data) < compiled.size:
        return None
    return compiled.dict(data)


def _spare(ctx, v, count):
    """`, __spare=[0, 0x1, ...]` when any element is set (print_xint_array_member), else ''."""
    values = [v["__spare[%d]" % i] for i in range(count)]
    if not any(values):
        return ""
    shown = printers.array_limit(count, ctx.style)
    parts = [printers.hexnum(x) for x in values[:shown]]
    if shown < count:
        parts.append("...")
    return ", __spare=[%s]" % ", ".join(parts)


def _reply(ctx, call, addr, length, omit_trailing_nul):
    """A buffer the kernel filled (printstr_ex of min(ret, len) bytes); DESCRIBE and
    GET_SECURITY leave out a NUL in the last place shown (QUOTE_OMIT_TRAILING_0)."""
    if failed(call):
        return printers.ptr(addr)
    if not addr:
        return "NULL"
    ret = call.ret
    size = length if ret < 0 or ret > length else ret
    limit = ctx.style.string_limit
    n = min(size, limit)
    data = ctx.read_data(call, addr, n) if n else b""
    if data is None or len(data) < n:
        return printers.ptr(addr)
    if omit_trailing_nul and data[-1:] == b"\0":
        return printers.quote_bytes(data[:-1], ctx.style)
    return printers.quote_bytes(data, ctx.style, truncated=size > limit)


def _errno(ctx, call, err):
    """print_err of an unsigned error number: `ENODEV`, `-X raw` 19, `-X verbose`
    `19 /* ENODEV */`; an unknown number in decimal."""
    err &= 0xffffffff
    name = ctx.errno_names(call.abi).get(err) or printers.KERNEL_ERRNO_NAMES.get(err)
    cstyle = ctx.style.const_style
    if name is None or cstyle == "raw":
        return str(err)
    return name if cstyle == "abbrev" else "%d /* %s */" % (err, name)


# ---------------------------------------------------------------------------------------------
# entry texts: (ctx, call, a) -> text, a = the arguments after the command


def _serial(ctx, call, a):
    return key_serial(ctx, call, a[0])


def _two_serials(ctx, call, a):
    return "%s, %s" % (key_serial(ctx, call, a[0]), key_serial(ctx, call, a[1]))


def _get_keyring_id(ctx, call, a):
    return "%s, %s" % (key_serial(ctx, call, a[0]), sint(a[1]))


def _string(ctx, call, a):
    return cstring_arg(ctx, call, a[0])


def _update(ctx, call, a):
    return "%s, %s, %s" % (key_serial(ctx, call, a[0]),
                           in_string(ctx, call, a[1], ulong_value(call, a[2])), ulong(call, a[2]))


def _read_id(ctx, call, a):
    return key_serial(ctx, call, a[0]) + ", "


def _search(ctx, call, a):
    return "%s, %s, %s, %s" % (key_serial(ctx, call, a[0]), cstring_arg(ctx, call, a[1]),
                               cstring_arg(ctx, call, a[2]), key_serial(ctx, call, a[3]))


def _restrict(ctx, call, a):
    return "%s, %s, %s" % (key_serial(ctx, call, a[0]), cstring_arg(ctx, call, a[1]),
                           cstring_arg(ctx, call, a[2]))


def _chown(ctx, call, a):
    return "%s, %s, %s" % (key_serial(ctx, call, a[0]), uid(a[1]), uid(a[2]))


def _setperm(ctx, call, a):
    return "%s, %s" % (key_serial(ctx, call, a[0]),
                       flag_text(ctx, call, a[1] & 0xffffffff, KEY_PERMS, "KEY_???"))


def _instantiate(ctx, call, a):
    return "%s, %s, %s, %s" % (key_serial(ctx, call, a[0]),
                               in_string(ctx, call, a[1], ulong_value(call, a[2])),
                               ulong(call, a[2]), key_serial(ctx, call, a[3]))


def _instantiate_iov(ctx, call, a):
    return "%s, %s, %s, %s" % (key_serial(ctx, call, a[0]),
                               iovecs(ctx, call, a[1], ulong_value(call, a[2]), True),
                               ulong(call, a[2]), key_serial(ctx, call, a[3]))


def _negate(ctx, call, a):
    return "%s, %s, %s" % (key_serial(ctx, call, a[0]), uint(a[1]), key_serial(ctx, call, a[2]))


def _reject(ctx, call, a):
    return "%s, %s, %s, %s" % (key_serial(ctx, call, a[0]), uint(a[1]), _errno(ctx, call, a[2]),
                               key_serial(ctx, call, a[3]))


def _reqkey(ctx, call, a):
    return printers.enum(printers.to_signed(a[0], 32), ctx.enum_table(call.abi, KEY_REQKEYS),
                         ctx.style, "KEY_REQKEY_DEFL_???", decimal=True)


def _set_timeout(ctx, call, a):
    return "%s, %s" % (key_serial(ctx, call, a[0]), uint(a[1]))


def _get_persistent(ctx, call, a):
    return "%s, %s" % (uid(a[0]), key_serial(ctx, call, a[1]))


def _move(ctx, call, a):
    return "%s, %s, %s, %s" % (
        key_serial(ctx, call, a[0]), key_serial(ctx, call, a[1]), key_serial(ctx, call, a[2]),
        flag_text(ctx, call, a[3] & 0xffffffff, KEYCTL_MOVE_FLAGS, "KEYCTL_MOVE_???"))


def _dh_compute(ctx, call, a):
    if not a[0]:
        return "NULL, "
    v = _struct(ctx, call, a[0], DH_PARAMS)
    if v is None:
        return printers.ptr(a[0]) + ", "
    return "{private=%s, prime=%s, base=%s}, " % tuple(
        key_serial(ctx, call, v[k]) for k in ("private", "prime", "base"))


def _pkey_query(ctx, call, a):
    return "%s, %s, %s, " % (key_serial(ctx, call, a[0]), printers.hexnum(ulong_value(call, a[1])),
                             cstring_arg(ctx, call, a[2]))


def _nothing(ctx, call, a):
    return ""


def _pkey_params(ctx, call, a, out):
    """keyctl_pkey_params, info, op1 (in_len bytes), and for VERIFY op2 (in2_len bytes)."""
    v = _struct(ctx, call, a[0], PKEY_PARAMS) if a[0] else None
    if v is None:
        head = printers.ptr(a[0])
    else:
        head = "{key_id=%s, in_len=%d, %s=%d%s}" % (
            key_serial(ctx, call, v["key_id"]), v["in_len"], "out_len" if out else "in2_len",
            v["out_len"], _spare(ctx, v, 7))
    parts = [head, cstring_arg(ctx, call, a[1])]
    parts.append(printers.ptr(a[2]) if v is None else in_string(ctx, call, a[2], v["in_len"]))
    if out and v is not None:
        call.saved = v["out_len"]
        return ", ".join(parts) + ", "
    parts.append(printers.ptr(a[3]) if v is None else in_string(ctx, call, a[3], v["out_len"]))
    return ", ".join(parts)


def _pkey_out(ctx, call, a):
    return _pkey_params(ctx, call, a, True)


def _pkey_verify(ctx, call, a):
    return _pkey_params(ctx, call, a, False)


def _unknown(ctx, call, a):
    return ", ".join(printers.hexnum(ulong_value(call, x)) for x in a[:4])


# ---------------------------------------------------------------------------------------------
# exit texts


def _read_out(omit_trailing_nul):
    def text(ctx, call, a):
        return "%s, %s" % (_reply(ctx, call, a[1], ulong_value(call, a[2]), omit_trailing_nul),
                           ulong(call, a[2]))
    return text


def _kdf(ctx, call, addr):
    if not addr:
        return "NULL"
    v = _struct(ctx, call, addr, KDF_PARAMS)
    if v is None:
        return printers.ptr(addr)
    n = v["otherinfolen"]
    # the kernel does not read otherinfo when otherinfolen is 0
    other = in_string(ctx, call, v["otherinfo"], n) if n else printers.ptr(v["otherinfo"])
    return "{hashname=%s, otherinfo=%s, otherinfolen=%d%s}" % (
        cstring_arg(ctx, call, v["hashname"]), other, n, _spare(ctx, v, 8))


def _dh_compute_out(ctx, call, a):
    length = ulong_value(call, a[2])
    if failed(call):
        buf = printers.ptr(a[1])
    else:
        size = length if call.ret > length else call.ret
        buf = in_string(ctx, call, a[1], size)
    return "%s, %s, %s" % (buf, ulong(call, a[2]), _kdf(ctx, call, a[3]))


def _pkey_query_out(ctx, call, a):
    addr = a[3]
    v = None if failed(call) or not addr else _struct(ctx, call, addr, PKEY_QUERY)
    if v is None:
        return printers.ptr(addr)
    return "{supported_ops=%s, key_size=%d, max_data_size=%d, max_sig_size=%d, " \
           "max_enc_size=%d, max_dec_size=%d%s}" % (
               flag_text(ctx, call, v["supported_ops"], KEYCTL_PKEY_OPS, "KEYCTL_SUPPORTS_???"),
               v["key_size"], v["max_data_size"], v["max_sig_size"], v["max_enc_size"],
               v["max_dec_size"], _spare(ctx, v, 10))


def _pkey_op_out(ctx, call, a):
    if failed(call):
        return printers.ptr(a[3])
    return in_string(ctx, call, a[3], call.saved or 0)


_CAPS = (KEYCTL_CAPS0, KEYCTL_CAPS1)
_CAPS_UNKNOWN = ("KEYCTL_CAPS0_???", "KEYCTL_CAPS1_???")


def _capabilities_out(ctx, call, a):
    if failed(call):
        buf = printers.ptr(a[0])
    else:
        pos = [0]

        def one(value):
            i = pos[0]
            pos[0] += 1
            if i < len(_CAPS):
                return flag_text(ctx, call, value, _CAPS[i], _CAPS_UNKNOWN[i])
            return printers.hexnum(value)
        count = min(ulong_value(call, a[1]), call.ret)
        buf = print_array(ctx, call, a[0], count, 1, lambda raw: struct.unpack("B", raw)[0],
                          one)
    return "%s, %s" % (buf, ulong(call, a[1]))


# command -> (entry text, exit text or None when everything is printed at entry)
COMMANDS = {
    "KEYCTL_GET_KEYRING_ID": (_get_keyring_id, None),
    "KEYCTL_JOIN_SESSION_KEYRING": (_string, None),
    "KEYCTL_UPDATE": (_update, None),
    "KEYCTL_REVOKE": (_serial, None),
    "KEYCTL_CLEAR": (_serial, None),
    "KEYCTL_INVALIDATE": (_serial, None),
    "KEYCTL_ASSUME_AUTHORITY": (_serial, None),
    "KEYCTL_LINK": (_two_serials, None),
    "KEYCTL_UNLINK": (_two_serials, None),
    "KEYCTL_DESCRIBE": (_read_id, _read_out(True)),
    "KEYCTL_READ": (_read_id, _read_out(False)),
    "KEYCTL_GET_SECURITY": (_read_id, _read_out(True)),
    "KEYCTL_SEARCH": (_search, None),
    "KEYCTL_CHOWN": (_chown, None),
    "KEYCTL_SETPERM": (_setperm, None),
    "KEYCTL_INSTANTIATE": (_instantiate, None),
    "KEYCTL_NEGATE": (_negate, None),
    "KEYCTL_SET_REQKEY_KEYRING": (_reqkey, None),
    "KEYCTL_SET_TIMEOUT": (_set_timeout, None),
    "KEYCTL_SESSION_TO_PARENT": (_nothing, None),
    "KEYCTL_REJECT": (_reject, None),
    "KEYCTL_INSTANTIATE_IOV": (_instantiate_iov, None),
    "KEYCTL_GET_PERSISTENT": (_get_persistent, None),
    "KEYCTL_DH_COMPUTE": (_dh_compute, _dh_compute_out),
    "KEYCTL_PKEY_QUERY": (_pkey_query, _pkey_query_out),
    "KEYCTL_PKEY_ENCRYPT": (_pkey_out, _pkey_op_out),
    "KEYCTL_PKEY_DECRYPT": (_pkey_out, _pkey_op_out),
    "KEYCTL_PKEY_SIGN": (_pkey_out, _pkey_op_out),
    "KEYCTL_PKEY_VERIFY": (_pkey_verify, None),
    "KEYCTL_RESTRICT_KEYRING": (_restrict, None),
    "KEYCTL_MOVE": (_move, None),
    "KEYCTL_CAPABILITIES": (_nothing, _capabilities_out),
}
_UNKNOWN = (_unknown, None)


@register("keyctl")
class Keyctl(Decoder):
    def _row(self, ctx, call):
        cmd = call.args[0] & 0xffffffff
        name = ctx.enum_table(call.abi, KEYCTL_COMMANDS).get(cmd)
        return COMMANDS.get(name, _UNKNOWN), name

    def enter(self, ctx, call):
        (entry, exit_text), name = self._row(ctx, call)
        cmd = enum_text(ctx, call, call.args[0] & 0xffffffff, KEYCTL_COMMANDS, "KEYCTL_???")
        if name == "KEYCTL_SESSION_TO_PARENT":
            return cmd
        return cmd + ", " + entry(ctx, call, call.args[1:])

    def exit(self, ctx, call):
        (entry, exit_text), name = self._row(ctx, call)
        # an encrypt/decrypt/sign whose params were unreadable is all printed at entry
        if exit_text is None or (exit_text is _pkey_op_out and call.saved is None):
            return ""
        return exit_text(ctx, call, call.args[1:])
