"""x86 thread-local storage descriptors: set_thread_area, get_thread_area, modify_ldt (struct
user_desc of asm/ldt.h: three words, then single-bit fields in one unsigned int); and ioperm,
the other x86-only call of strace's small decoders."""
from minitrace import printers
from minitrace.decode import register
from minitrace.decode.common import failed, lmask, read_ints, read_struct
from minitrace.decode.generic import Decoder
from minitrace.decode.layout import Struct, named

USER_DESC = Struct("user_desc", [
    ("entry_number", "u32"), ("base_addr", "u32"), ("limit", "u32"), ("flags", "u32")])


@named("user_desc")
def user_desc_layout(abi):
    """Only x86 has the calls (asm/ldt.h; x86_64's extra `lm` bit fits the same word)."""
    return USER_DESC if abi in ("x86_64", "i386", "x32") else None


# the bit fields of `flags`, in order: (name, width); x86_64's `lm` follows (its 64-bit ABIs,
# whose kernel long is 8 bytes: strace prints it there only)
_BITS = (("seg_32bit", 1), ("contents", 2), ("read_exec_only", 1), ("limit_in_pages", 1),
         ("seg_not_present", 1), ("useable", 1))
_LM_ABIS = ("x86_64", "x32")


def entry_id(value):
    """strace's PRINT_VAL_ID: -1, else unsigned."""
    return "-1" if value == 0xffffffff else str(value)


def hex0(value):
    """strace's PRINT_VAL_0X of a u32: C's %#08x (`0x0fffff`, `00000000` for zero)."""
    return "%#08x" % value if value else "0" * 8


def desc_rest(call, v):
    """`, base_addr=..., limit=..., seg_32bit=..., ...}`: the fields after entry_number."""
    parts = ["base_addr=" + hex0(v["base_addr"]), "limit=" + hex0(v["limit"])]
    flags, shift = v["flags"], 0
    bits = _BITS + ((("lm", 1),) if call.abi in _LM_ABIS else ())
    for name, width in bits:
        parts.append("%s=%d" % (name, (flags >> shift) & ((1 << width) - 1)))
        shift += width
    return ", " + ", ".join(parts) + "}"


def user_desc(ctx, call, addr):
    """`{entry_number=-1, base_addr=0xf7f1c740, limit=0x0fffff, seg_32bit=1, ...}`."""
    v = read_struct(ctx, call, addr, USER_DESC.on(call.abi)) if addr else None
    if v is None:
        return printers.ptr(addr)
    return "{entry_number=%s%s" % (entry_id(v["entry_number"]), desc_rest(call, v))


@register("set_thread_area")
class SetThreadArea(Decoder):
    """The chosen slot follows the result: `= 0 (entry_number=12)`."""
    def enter(self, ctx, call):
        return user_desc(ctx, call, call.args[0])

    def result(self, ctx, call):
        text = Decoder.result(self, ctx, call)
        if failed(call):
            return text
        v = read_struct(ctx, call, call.args[0], USER_DESC.on(call.abi))
        return text if v is None else "%s (entry_number=%d)" % (text, v["entry_number"])


@register("get_thread_area")
class GetThreadArea(Decoder):
    """entry_number at entry (the slot asked for), the rest at exit; `, ...}` when the call
    failed, ` => N` when the kernel changed the number."""

    def enter(self, ctx, call):
        addr = call.args[0]
        v = read_ints(ctx, call, addr, 1, "I") if addr else None
        if v is None:
            return printers.ptr(addr)
        call.saved = v[0]
        return "{entry_number=" + entry_id(v[0])

    def exit(self, ctx, call):
        addr = call.args[0]
        entry = call.saved
        if not addr or not ctx.style.deref:
            return ""
        v = None if failed(call) else read_struct(ctx, call, addr, USER_DESC.on(call.abi))
        if v is None:
            return ", ...}" if entry is not None else ""
        if entry is None:
            head = " => {entry_number=" + entry_id(v["entry_number"])
        elif entry != v["entry_number"]:
            head = " => " + entry_id(v["entry_number"])
        else:
            head = ""
        return head + desc_rest(call, v)


@register("modify_ldt")
class ModifyLdt(Decoder):
    """func, the descriptor (only when the size is a user_desc's, else its address), the size.
    The kernel returns an int here: a 64-bit tracee sees an error as 0xffffffda, which strace
    prints as that value followed by the errno it stands for."""

    def enter(self, ctx, call):
        a = call.args
        size = a[2] & lmask(call)
        if size == USER_DESC.on(call.abi).size:
            desc = user_desc(ctx, call, a[1])
        else:
            desc = printers.ptr(a[1])
        return "%s, %s, %d" % (printers.sdec(a[0], 32), desc, size)

    def result(self, ctx, call):
        ret = call.ret
        if ret is None or call.error or ret < 0 or ret < 0xfffff000:
            return Decoder.result(self, ctx, call)
        err = -(ret & 0xffffffff) & 0xffffffff
        if not err:
            return Decoder.result(self, ctx, call)
        text = printers.errno_text(err, ctx.errno_names(call.abi))
        return str(ret) + text[2:] if text.startswith("-1 ") else text


@register("ioperm")
class Ioperm(Decoder):
    """from and num in hex, turn_on as an int."""

    def enter(self, ctx, call):
        mask = lmask(call)
        a = call.args
        return "%s, %s, %s" % (printers.hexnum(a[0] & mask), printers.hexnum(a[1] & mask),
                               printers.sdec(a[2], 32))
