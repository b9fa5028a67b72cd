"""Arrays of the tracee as strace 6.1's print_array prints them.

`[1, 2, 3]`; NULL; `[]` for no element; the address when the first element cannot be read (or
the call failed, for an array the kernel writes); `[1, 2, ... /* 0x7f... */]` when a later
element cannot be read; `[1, 2, ...]` past -s elements without -v (the element after the last
shown is still fetched first: an unreadable one prints `... /* addr */`).
"""

from minitrace import printers
from minitrace.arch import long_bits, long_mask
from minitrace.decode.common import number_struct


def print_array(ctx, call, addr, nmemb, elem_size, unpack, fmt, fetch=True):
    """Text of `nmemb` elements of `elem_size` bytes at addr; `unpack(bytes) -> value`,
    `fmt(value) -> text`. fetch=False: the elements are not readable (a failed call's OUT
    array), the address is printed as for an unreadable first element."""
    return print_array_ex(ctx, call, addr, nmemb, elem_size, unpack, fmt, fetch)[0]


def print_array_ex(ctx, call, addr, nmemb, elem_size, unpack, fmt, fetch=True, index=None,
                   truncated=False):
    """print_array's text and whether every element was printed or abbreviated (strace's
    print_array_ex return value: False for NULL, `[]`, an unreadable element).
    `index(i) -> text` prints `[text]=` before each element (PAF_PRINT_INDICES);
    truncated=True adds `...` after the last element (PAF_ARRAY_TRUNCATED)."""
    if not addr:
        return "NULL", False
    if not nmemb:
        return ("[...]" if truncated else "[]"), False
    mask = long_mask(call.abi)
    size = nmemb * elem_size
    if addr + size > mask:                # the end wraps the tracee's address space
        return printers.ptr(addr), False
    style = ctx.style
    shown = nmemb if style.verbose or style.string_limit >= nmemb else style.string_limit
    wanted = min(nmemb, shown + 1)
    data = ctx.read(call, addr, wanted * elem_size) if fetch else None
    readable = len(data) // elem_size if data else 0
    if not readable:
        return printers.ptr(addr), False
    parts = []
    complete = True
    cut = False
    for i in range(wanted):
        if i >= readable:
            parts.append("... /* %s */" % printers.ptr(addr + i * elem_size))
            complete = False
            cut = True
            break
        if i >= shown:
            parts.append("...")
            cut = True
            break
        text = fmt(unpack(data[i * elem_size:(i + 1) * elem_size]))
        parts.append(text if index is None else "[%s]=%s" % (index(i), text))
    if truncated and not cut:
        parts.append("...")
    return "[" + ", ".join(parts) + "]", complete


def unpacker(call, code):
    """An unpack function for one element of struct format `code` ("i", "I", "q", "Q") in the
    tracee's byte order; "L" is the tracee's unsigned long."""
    if code == "L":
        code = "Q" if long_bits(call.abi) == 64 else "I"
    st = number_struct(call.abi, 1, code)
    return lambda data: st.unpack(data)[0]


def long_size(call):
    return long_bits(call.abi) // 8


def local_array(ctx, texts):
    """Elements already read, as strace's print_local_array prints them: `[a, b, c]`, cut
    after -s elements (`[a, b, ...]`) unless -v."""
    limit = ctx.style.string_limit
    if not ctx.style.verbose and len(texts) > limit:
        texts = list(texts[:limit]) + ["..."]
    return "[" + ", ".join(texts) + "]"
