"""Engine events -> the plain event objects of the Python API and the fields `--json` writes.

`Converter` applies -e signal= and -e status= as the text output does; `syscall_fields` splits a
call's text back into per-argument values (`split_args`, `value_of`). Shared by api.py and
jsonout.py; imports neither.
"""
import time

from minitrace.events import (ATTACHED, DETACHED, ENTER, EXIT, GROUP_STOP, PERSONALITY,
                              PROCESS_EXIT, SIGNAL, SUPERSEDED, NOTICE)


class Event(object):
    """One event. Always: .type, .pid, .time (seconds since the epoch).

    type "syscall": .abi .name .nr .args (raw ints, one per argument) .args_text (the text
    strace prints between the parentheses) .arg_texts (that text split per argument)
    .values (a plain Python value per argument: int, str/bytes for strings, list of names for
    flags, None for NULL, else the argument's text) .ret (signed int; None if the call never
    returned) .ret_text .errno ("ENOENT" or None) .duration (seconds or None) .unfinished
    .regs (with regs=True: {"entry": {reg: value}, "exit": {reg: value}})
    .stack (with stack=True, as strace -k: [{"path", "symbol", "offset", "address"}, ...])
    .python_stack (with python_stack=True, a CPython tracee's frames: [{"file", "line",
    "function"}, ...], innermost first).
    type "signal": .signal (name) .signo .siginfo (strace's {si_signo=...} text).
    type "stop" (group-stop): .signal .signo.  type "exit": .status (exit code or None)
    .signal/.signo (killing signal or None) .core.  type "attach": .parent (pid of the forking
    tracee, None for -p) .threads.  type "detach".  type "personality": .abi.
    type "superseded": .former (the pid of the thread that exec'd).
    Any other attribute reads as None."""

    def __init__(self, fields):
        self.__dict__.update(fields)

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return None

    def as_dict(self):
        """The event's fields (those of --json, less "v")."""
        return dict(self.__dict__)

    def __repr__(self):
        if self.type == "syscall":
            return "<Event syscall pid=%d %s(%s) = %s>" % (self.pid, self.name, self.args_text,
                                                          self.ret_text)
        return "<Event %s pid=%d>" % (self.type, self.pid)


class Converter(object):
    """(kind, engine event) -> Event objects, applying -e signal= and -e status= as the text
    output does. Callable; returns a list (empty for ENTER: a call is one event, at its exit)."""

    def __init__(self, ctx, host_abi, opts, regs_log=None):
        self.ctx = ctx
        self.host_abi = host_abi
        self.show_signal = opts.signal_filter
        self.status = opts.status
        self.regs_log = regs_log
        self.abi_of = {}
        self.handlers = {ENTER: lambda ev: [], EXIT: self.syscall, SIGNAL: self.signal,
                         GROUP_STOP: self.group_stop, PROCESS_EXIT: self.process_exit,
                         ATTACHED: self.attached, DETACHED: self.detached,
                         PERSONALITY: self.personality, SUPERSEDED: self.superseded,
                         NOTICE: lambda ev: []}

    def __call__(self, kind, ev):
        return self.handlers[kind](ev)

    def syscall(self, call):
        if self.status is not None:
            if call.ret is None:
                status = "detached" if call.detached else "unfinished"
            else:
                status = "failed" if call.error else "successful"
            if status not in self.status:
                return []
        return [Event(syscall_fields(self.ctx, call, self.regs_log))]

    def _signal_fields(self, kind, ev):
        from minitrace.decode import signals
        consts = self.ctx.constants(self.abi_of.get(ev.pid) or ev.abi or self.host_abi)
        return {"type": kind, "pid": ev.pid, "time": time.time(),
                "signal": signals.signame(consts, ev.signal), "signo": ev.signal}

    def signal(self, ev):
        if not self.show_signal(ev.signal):
            return []
        from minitrace.decode import signals
        fields = self._signal_fields("signal", ev)
        consts = self.ctx.constants(self.abi_of.get(ev.pid) or ev.abi or self.host_abi)
        fields["siginfo"] = signals.siginfo(consts, ev.other) if ev.other else None
        if ev.stack is not None:
            fields["stack"] = stack_fields(ev.stack)
        if ev.python_stack is not None:
            fields["python_stack"] = python_stack_fields(ev.python_stack)
        return [Event(fields)]

    def group_stop(self, ev):
        if not self.show_signal(ev.signal):
            return []
        return [Event(self._signal_fields("stop", ev))]

    def process_exit(self, ev):
        fields = {"type": "exit", "pid": ev.pid, "time": time.time(), "status": ev.status,
                  "signal": None, "signo": ev.signal, "core": bool(ev.core)}
        if ev.signal is not None:
            fields["signal"] = self._signal_fields("exit", ev)["signal"]
        return [Event(fields)]

    def attached(self, ev):
        return [Event({"type": "attach", "pid": ev.pid, "time": time.time(), "parent": ev.other,
                       "threads": ev.count})]

    def detached(self, ev):
        out = []
        if ev.other is not None:          # the call it sat in, left unfinished
            out = self.syscall(ev.other)
        out.append(Event({"type": "detach", "pid": ev.pid, "time": time.time()}))
        return out

    def personality(self, pair):
        ev, call = pair
        self.abi_of[ev.pid] = ev.abi
        return [Event({"type": "personality", "pid": ev.pid, "time": time.time(),
                       "abi": ev.abi})]

    def superseded(self, ev):
        return [Event({"type": "superseded", "pid": ev.pid, "time": time.time(),
                       "former": ev.other})]


_MARKS = (" <unfinished ...>", " <detached ...>")


def stack_fields(frames):
    """-k frames (minitrace.stack.unwind.Frame) as plain values: {path, symbol, offset,
    address} per frame (symbol null when none), {error, address} for strace's error lines."""
    out = []
    for f in frames:
        if f.path is None:
            out.append({"error": f.symbol, "address": f.file_offset or None})
        else:
            out.append({"path": f.path, "symbol": f.symbol or None, "offset": f.offset,
                        "address": f.file_offset})
    return out


def python_stack_fields(frames):
    """--py-stack frames (minitrace.pystack.PyFrame) as plain values: {file, line, function}."""
    return [{"file": f.filename, "line": f.line, "function": f.name} for f in frames]


def syscall_fields(ctx, call, regs_log=None):
    """The fields of a completed (or abandoned) Syscall as plain values."""
    text = call.entry_text + call.exit_text
    for mark in _MARKS:
        if text.endswith(mark):
            text = text[:-len(mark)]
    text = text.rstrip()
    if text.endswith(","):
        text = text[:-1]
    ent = call.entry
    count = ent.nargs if ent.known else 6
    texts = split_args(text)
    names = _arg_names(call)
    values = [value_of(t, names[i] if i < len(names) else None) for i, t in enumerate(texts)]
    errno_name = None
    if call.error:
        errno_name = ctx.errno_names(call.abi).get(call.error) or ("errno %d" % call.error)
    fields = {"type": "syscall", "pid": call.pid, "time": call.start, "abi": call.abi,
              "name": call.name, "nr": call.nr, "args": list(call.args[:count]),
              "args_text": text, "arg_texts": texts, "values": values,
              "ret": call.ret, "ret_text": call.ret_text, "errno": errno_name,
              "duration": (call.end - call.start
                           if call.end is not None and call.start is not None else None),
              "unfinished": call.ret is None}
    if call.stack is not None:
        fields["stack"] = stack_fields(call.stack)
    if call.python_stack is not None:
        fields["python_stack"] = python_stack_fields(call.python_stack)
    if regs_log is not None:
        regs = regs_log.of(call)
        if regs is not None:
            regs = dict((side, dict(pairs)) for side, pairs in regs.items())
        fields["regs"] = regs
    return fields


def _arg_names(call):
    import syscalls
    if not call.entry.known:
        return ()
    try:
        proto = syscalls.prototype(call.name, call.abi)
    except ValueError:
        proto = None
    return [name for _, name in proto] if proto else ()


# ----- the text of the argument list -> one text and one value per argument ------------------
_OPEN = "([{"
_CLOSE = ")]}"


def split_args(text):
    """Split strace's argument text at the top-level ", ", respecting "quoted strings" (with
    their backslash escapes), brackets, braces, parentheses and /* comments */."""
    out = []
    depth = 0
    start = 0
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == '"':
            i += 1
            while i < n and text[i] != '"':
                i += 2 if text[i] == "\\" else 1
        elif c == "/" and text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n - 1 if end < 0 else end + 1
        elif c in _OPEN:
            depth += 1
        elif c in _CLOSE:
            depth -= 1
        elif c == "," and depth <= 0 and text.startswith(", ", i):
            out.append(text[start:i])
            start = i + 2
            i += 1
        i += 1
    last = text[start:]
    if last or out:
        out.append(last)
    return out


_ESCAPES = {"n": 10, "t": 9, "r": 13, "v": 11, "f": 12, "\\": 92, '"': 34, "a": 7, "b": 8}
_FLAG_ARGS = ("flags", "flag", "mode", "prot", "umode", "how", "options", "type")


def unquote(text):
    """The bytes of a strace "quoted string" (escapes undone; a trailing ... is dropped)."""
    body = text[1:text.rindex('"')]
    out = bytearray()
    i = 0
    n = len(body)
    while i < n:
        c = body[i]
        if c != "\\":
            out += c.encode("utf-8", "surrogateescape")
            i += 1
            continue
        nxt = body[i + 1:i + 2]
        if nxt == "x":
            out.append(int(body[i + 2:i + 4], 16))
            i += 4
        elif nxt.isdigit():
            j = i + 1
            while j < n and j < i + 4 and body[j] in "01234567":
                j += 1
            out.append(int(body[i + 1:j], 8) & 0xff)
            i = j
        else:
            out.append(_ESCAPES.get(nxt, ord(nxt or "\\")))
            i += 2
    return bytes(out)


def _number(text):
    try:
        if text.startswith(("0x", "-0x")):
            return int(text, 16)
        if len(text) > 1 and text.startswith("0") and text.isdigit():
            return int(text, 8)
        return int(text, 10)
    except ValueError:
        return None


def _is_name(text):
    return bool(text) and (text[0].isalpha() or text[0] == "_") and \
        text.replace("_", "").isalnum() and text.upper() == text


def value_of(text, arg_name=None):
    """A plain value for one argument's text: int for numbers, str (bytes if not UTF-8) for a
    complete quoted string, a list of names (and ints) for flags, None for NULL; anything
    else (structs, arrays, truncated strings) stays the text."""
    if text == "NULL":
        return None
    if text.startswith('"'):
        if not text.endswith('"'):           # cut by -s (`"abc"...`) or not a plain string
            return text
        try:
            data = unquote(text)
        except (ValueError, IndexError):
            return text
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return data
    number = _number(text)
    if number is not None:
        return number
    parts = text.split("|")
    if all(_is_name(p) or _number(p) is not None for p in parts):
        items = [p if _is_name(p) else _number(p) for p in parts]
        if len(items) > 1 or (arg_name and arg_name.endswith(_FLAG_ARGS)):
            return items
        return items[0]
    return text
