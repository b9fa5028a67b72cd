"""Loop device ioctls (type 'L', linux/loop.h), as strace's loop_ioctl: struct loop_info and
loop_info64 (set at entry, get at exit; their short form without -v), struct loop_config,
descriptors, the loop-control numbers. With -e verbose=none the structs are addresses."""
from minitrace import printers
from minitrace.decode.common import enum_text, fd, flag_text, read_struct
from minitrace.decode.file import makedev
from minitrace.decode.ioctl.base import TableFamily
from minitrace.decode.ioctl.block import _cstring
from minitrace.decode.layout import Struct, lookup, named

CRYPT_TYPES = ("LO_CRYPT_NONE", "LO_CRYPT_XOR", "LO_CRYPT_DES", "LO_CRYPT_FISH2",
               "LO_CRYPT_BLOW", "LO_CRYPT_CAST128", "LO_CRYPT_IDEA", "LO_CRYPT_DUMMY",
               "LO_CRYPT_SKIPJACK", "LO_CRYPT_CRYPTOAPI")
LO_FLAGS = ("LO_FLAGS_READ_ONLY", "LO_FLAGS_AUTOCLEAR", "LO_FLAGS_PARTSCAN",
            "LO_FLAGS_DIRECT_IO")
NAME_SIZE, KEY_SIZE = 64, 32          # LO_NAME_SIZE, LO_KEY_SIZE

# __kernel_old_dev_t of each ABI (asm/posix_types*.h)
_OLD_DEV = {"x86_64": "ulong", "x32": "ulong", "ppc64le": "ulong", "i386": "u16", "arm": "u16",
            "s390x": "u16", "aarch64": "u32", "riscv64": "u32"}


@named("loop_info")
def _loop_info(abi):
    dev = _OLD_DEV[abi]
    return Struct("loop_info", [
        ("lo_number", "s32"), ("lo_device", dev), ("lo_inode", "ulong"), ("lo_rdevice", dev),
        ("lo_offset", "s32"), ("lo_encrypt_type", "s32"), ("lo_encrypt_key_size", "s32"),
        ("lo_flags", "s32"), ("lo_name", ("u8", NAME_SIZE)),
        ("lo_encrypt_key", ("u8", KEY_SIZE)), ("lo_init", ("ulong", 2)),
        ("reserved", ("u8", 4))])


LOOP_INFO64_STRUCT = Struct("loop_info64", [
    ("lo_device", "u64"), ("lo_inode", "u64"), ("lo_rdevice", "u64"), ("lo_offset", "u64"),
    ("lo_sizelimit", "u64"), ("lo_number", "u32"), ("lo_encrypt_type", "u32"),
    ("lo_encrypt_key_size", "u32"), ("lo_flags", "u32"), ("lo_file_name", ("u8", NAME_SIZE)),
    ("lo_crypt_name", ("u8", NAME_SIZE)), ("lo_encrypt_key", ("u8", KEY_SIZE)),
    ("lo_init", ("u64", 2))])
LOOP_INFO64 = named("loop_info64", LOOP_INFO64_STRUCT)
LOOP_CONFIG = named("loop_config", Struct("loop_config", [
    ("fd", "u32"), ("block_size", "u32"), ("info", LOOP_INFO64_STRUCT),
    ("__reserved", ("u64", 8))]))


def _array(v, name, count):
    """An array field of a read struct: a u8 array is one bytes value, others one key each."""
    if name in v:
        return list(bytearray(v[name]))
    return [v["%s[%d]" % (name, i)] for i in range(count)]


def _hex_array(values):
    return "[%s]" % ", ".join(printers.hexnum(x) for x in values)


def _key(raw, size):
    n = min(size & 0xffffffff, KEY_SIZE)
    return printers.quote_bytes(bytes(bytearray(raw))[:n], limit=n)


def _crypt(ctx, call, v):
    return "lo_encrypt_type=%s, lo_encrypt_key_size=%d" % (
        enum_text(ctx, call, v["lo_encrypt_type"] & 0xffffffff, CRYPT_TYPES, "LO_CRYPT_???"),
        v["lo_encrypt_key_size"] & 0xffffffff)


def _flags(ctx, call, v):
    return "lo_flags=%s" % flag_text(ctx, call, v["lo_flags"] & 0xffffffff, LO_FLAGS,
                                     "LO_FLAGS_???")


def _struct_arg(show, compiled_of):
    def arg_text(ctx, call, arg):
        if not arg:
            return "NULL"
        if not ctx.style.deref:
            return printers.ptr(arg)
        v = read_struct(ctx, call, arg, compiled_of(call.abi))
        return printers.ptr(arg) if v is None else show(ctx, call, v)
    return arg_text


def _info_text(ctx, call, v):
    full = ctx.style.verbose
    crypt = full or v["lo_encrypt_type"] != 0
    parts = ["lo_number=%d" % v["lo_number"]]
    if full:
        parts += ["lo_device=%s" % makedev(v["lo_device"], ctx.style),
                  "lo_inode=%d" % v["lo_inode"],
                  "lo_rdevice=%s" % makedev(v["lo_rdevice"], ctx.style)]
    parts.append("lo_offset=%s" % printers.hexnum(v["lo_offset"] & 0xffffffff))
    if crypt:
        parts.append(_crypt(ctx, call, v))
    parts += [_flags(ctx, call, v), "lo_name=%s" % _cstring(v["lo_name"])]
    if crypt:
        parts.append("lo_encrypt_key=%s" % _key(v["lo_encrypt_key"], v["lo_encrypt_key_size"]))
    if full:
        parts += ["lo_init=%s" % _hex_array(_array(v, "lo_init", 2)),
                  "reserved=%s" % _hex_array(_array(v, "reserved", 4))]
    else:
        parts.append("...")
    return "{%s}" % ", ".join(parts)


def _info64_text(ctx, call, v, prefix=""):
    full = ctx.style.verbose
    crypt = full or v[prefix + "lo_encrypt_type"] != 0

    def f(name):
        return v[prefix + name]
    if full:
        parts = ["lo_device=%s" % makedev(f("lo_device"), ctx.style),
                 "lo_inode=%d" % f("lo_inode"),
                 "lo_rdevice=%s" % makedev(f("lo_rdevice"), ctx.style),
                 "lo_offset=%s" % printers.hexnum(f("lo_offset")),
                 "lo_sizelimit=%d" % f("lo_sizelimit"),
                 "lo_number=%d" % f("lo_number")]
    else:
        parts = ["lo_offset=%s" % printers.hexnum(f("lo_offset")),
                 "lo_number=%d" % f("lo_number")]
    if crypt:
        parts.append(_crypt(ctx, call, {"lo_encrypt_type": f("lo_encrypt_type"),
                                        "lo_encrypt_key_size": f("lo_encrypt_key_size")}))
    parts += [_flags(ctx, call, {"lo_flags": f("lo_flags")}),
              "lo_file_name=%s" % _cstring(f("lo_file_name"))]
    if crypt:
        parts += ["lo_crypt_name=%s" % _cstring(f("lo_crypt_name")),
                  "lo_encrypt_key=%s" % _key(f("lo_encrypt_key"), f("lo_encrypt_key_size"))]
    parts.append("lo_init=%s" % _hex_array(_array(v, prefix + "lo_init", 2))
                 if full else "...")
    return "{%s}" % ", ".join(parts)


def _config_text(ctx, call, v):
    text = "{fd=%s, block_size=%d, info=%s" % (fd(ctx, call, v["fd"]), v["block_size"],
                                              _info64_text(ctx, call, v, "info."))
    reserved = _array(v, "__reserved", 8)
    if any(reserved):
        text += ", __reserved=%s" % _hex_array(reserved)
    return text + "}"


_INFO = _struct_arg(_info_text, lambda abi: lookup("loop_info", abi))
_INFO64 = _struct_arg(_info64_text, LOOP_INFO64.on)
_CONFIG = _struct_arg(_config_text, LOOP_CONFIG.on)


def _fd_arg(ctx, call, arg):
    return fd(ctx, call, arg)


LOOP = TableFamily(
    (0x4c,),
    inp=dict([("LOOP_SET_STATUS", _INFO), ("LOOP_SET_STATUS64", _INFO64),
              ("LOOP_CONFIGURE", _CONFIG), ("LOOP_SET_FD", _fd_arg),
              ("LOOP_CHANGE_FD", _fd_arg)]
             + [(n, lambda ctx, call, arg: "%d" % printers.to_signed(arg & 0xffffffff, 32))
                for n in ("LOOP_CTL_ADD", "LOOP_CTL_REMOVE")]
             + [(n, lambda ctx, call, arg: "%d" % arg)
                for n in ("LOOP_SET_DIRECT_IO", "LOOP_SET_BLOCK_SIZE")]),
    out={"LOOP_GET_STATUS": _INFO, "LOOP_GET_STATUS64": _INFO64},
    no_arg=("LOOP_CLR_FD", "LOOP_SET_CAPACITY", "LOOP_CTL_GET_FREE"))
