"""What the V4L2 command printers share: reading the argument's struct, and the two shapes of
a command printed across the call (fields at entry, more fields at exit)."""
from minitrace import printers
from minitrace.decode.common import failed, read_struct
from minitrace.decode.sockaddr.fields import cstring


def struct_text(pairs):
    """`a=1, b=2` of (name, text) pairs; a pair of None is left out."""
    return ", ".join("%s=%s" % p for p in pairs if p is not None)


def read(layout):
    """A reader of the layout at an address: (ctx, call, arg) -> dict or None."""
    return lambda ctx, call, arg: read_struct(ctx, call, arg, layout.on(call.abi))


def name(ctx, raw):
    """A char array field (PRINT_FIELD_CSTRING)."""
    return cstring(ctx, raw, 0, len(raw))


class Command(object):
    """A command whose struct prints at entry and exit.

    `at_entry(ctx, call, v)` -> (text, exit_needed): the struct's fields known at entry, after
    the `{`; `at_exit(ctx, call, v)` -> the text the kernel's answer adds (`, flags=...` or
    ` => {...`), printed when the call succeeded (or, with `on_error`, whatever it returned);
    the `}` closes it. `at_entry` None: nothing prints at entry (the kernel fills it all)."""

    def __init__(self, layout, at_entry, at_exit, on_error=False):
        self.read = read(layout)
        self.at_entry, self.at_exit, self.on_error = at_entry, at_exit, on_error

    def enter(self, ctx, call, arg):
        if self.at_entry is None:
            return None, True
        v = self.read(ctx, call, arg)
        if v is None:
            return printers.ptr(arg), False
        text, more = self.at_entry(ctx, call, v)
        return "{" + text + ("" if more else "}"), more

    def exit(self, ctx, call, arg):
        if self.at_entry is None:
            v = None if failed(call) else self.read(ctx, call, arg)
            if v is None:
                return printers.ptr(arg)
            return "{" + self.at_exit(ctx, call, v) + "}"
        v = None if failed(call) and not self.on_error else self.read(ctx, call, arg)
        return ("" if v is None else self.at_exit(ctx, call, v)) + "}"


class Value(object):
    """A command whose argument is a pointer to one number: `[value]`, read at entry (`inp`)
    or at exit."""

    def __init__(self, reader, show, at_exit=False):
        self.reader, self.show, self.at_exit_only = reader, show, at_exit

    def _text(self, ctx, call, arg):
        value = self.reader(ctx, call, arg) if arg else None
        return printers.ptr(arg) if value is None else "[%s]" % self.show(ctx, call, value)

    def enter(self, ctx, call, arg):
        if self.at_exit_only:
            return None, True
        return self._text(ctx, call, arg), False

    def exit(self, ctx, call, arg):
        return printers.ptr(arg) if failed(call) else self._text(ctx, call, arg)
