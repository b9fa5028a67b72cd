"""x86 thread-local storage descriptors: set_thread_area, get_thread_area (struct user_desc of
asm/ldt.h: three words, then single-bit fields in one unsigned int)."""
from minitrace import printers
from minitrace.decode import register
from minitrace.decode.common import failed, read_struct
from minitrace.decode.generic import Decoder
from minitrace.decode.layout import Struct, named

USER_DESC = Struct("user_desc", [
    ("entry_number", "u32"), ("base_addr", "u32"), ("limit", "u32"), ("flags", "u32")])


@named("user_desc")
def user_desc_layout(abi):
    """Only x86 has the calls (asm/ldt.h; x86_64's extra `lm` bit fits the same word)."""
    return USER_DESC if abi in ("x86_64", "i386", "x32") else None


# the bit fields of `flags`, in order: (name, width)
_BITS = (("seg_32bit", 1), ("contents", 2), ("read_exec_only", 1), ("limit_in_pages", 1),
         ("seg_not_present", 1), ("useable", 1))


def user_desc(ctx, call, addr):
    """`{entry_number=-1, base_addr=0xf7f1c740, limit=0xfffff, seg_32bit=1, ...}`."""
    v = read_struct(ctx, call, addr, USER_DESC.on(call.abi)) if addr else None
    if v is None:
        return printers.ptr(addr)
    parts = ["entry_number=%d" % printers.to_signed(v["entry_number"], 32),
             "base_addr=%s" % printers.hexnum(v["base_addr"]),
             "limit=%s" % printers.hexnum(v["limit"])]
    flags, shift = v["flags"], 0
    for name, width in _BITS:
        parts.append("%s=%d" % (name, (flags >> shift) & ((1 << width) - 1)))
        shift += width
    return "{" + ", ".join(parts) + "}"


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
    def exit(self, ctx, call):
        return printers.ptr(call.args[0]) if failed(call) else user_desc(ctx, call, call.args[0])
