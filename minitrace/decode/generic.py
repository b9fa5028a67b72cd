"""Decoders that need no knowledge of one syscall: by kernel prototype, and for unknown numbers.

PrototypeDecoder prints each argument by its C type (ints decimal, pointers hex or NULL, path
strings quoted); UnknownDecoder prints all six registers in hex, as strace does for syscall_0x...
"""
from minitrace import printers
from minitrace.decode.common import fd, pid_arg
from minitrace.arch import long_bits, long_mask

PATH_ARGS = frozenset(("filename", "pathname", "path", "oldname", "newname", "oldpath",
                       "newpath", "specialfile", "library", "dir_name", "old", "new"))
# unsigned long arguments that hold addresses (printed as pointers, NULL for 0)
ADDRESS_ARGS = frozenset(("addr", "start", "brk", "new_addr", "old_addr", "addr_hint"))
UNSIGNED_PREFIXES = ("unsigned", "u8", "u16", "u32", "u64", "__u", "size_t", "umode_t",
                     "uid_t", "gid_t", "old_uid_t", "old_gid_t", "rwf_t", "aio_context_t",
                     "qid_t", "key_t")
LONG_TYPES = frozenset(("long", "unsigned long", "size_t", "off_t", "ssize_t", "aio_context_t",
                        "__kernel_old_time_t", "time_t", "loff_t", "u64", "__u64", "s64"))

# int arguments that hold a file descriptor (by their name in the kernel prototypes)
FD_ARGS = frozenset(("fd", "dfd", "olddfd", "newdfd", "oldfd", "newfd", "fd_in", "fd_out",
                     "in_fd", "out_fd", "epfd"))

# argument kinds
K_SIGNED, K_UNSIGNED, K_POINTER, K_PATH, K_STRING, K_FD = range(6)


def arg_kind(ctype, name):
    """How an argument of this C type and name is printed: (kind, is_word_sized)."""
    t = ctype.replace("__user", "").replace("const", "").strip()
    if "*" in t:
        base = t.replace("*", "").strip()
        if base == "char" and t.count("*") == 1 and "const" in ctype:
            return (K_PATH if name in PATH_ARGS else K_STRING), True
        return K_POINTER, True
    t = " ".join(t.split())
    if name in ADDRESS_ARGS and t in ("unsigned long", "u64", "__u64"):
        return K_POINTER, True
    wide = t in LONG_TYPES
    if name in FD_ARGS:
        return K_FD, False
    if t.startswith(UNSIGNED_PREFIXES):
        return K_UNSIGNED, wide
    return K_SIGNED, wide


def format_arg(ctx, call, kind, wide, value):
    bits = long_bits(call.abi) if wide else 32
    if kind == K_SIGNED:
        return printers.sdec(value, bits)
    if kind == K_UNSIGNED:
        return printers.udec(value, bits)
    if kind == K_PATH:
        return path_arg(ctx, call, value)
    if kind == K_STRING:
        return cstring_arg(ctx, call, value)
    if kind == K_FD:
        return fd(ctx, call, value)
    return printers.ptr(value)


def path_arg(ctx, call, addr):
    """A NUL-terminated path: quoted, never cut by -s; NULL; unreadable -> its address."""
    if not addr:
        return "NULL"
    # strace reads PATH_MAX bytes: no NUL in them prints 4095 characters and `...`
    data, terminated = ctx.read_cstring(call, addr, printers.PATH_MAX - 1)
    if data is None:
        return printers.ptr(addr)
    return printers.quote_path(data, ctx.style, terminated)


def cstring_arg(ctx, call, addr):
    """A NUL-terminated string cut by -s."""
    if not addr:
        return "NULL"
    style = ctx.style
    # strace's printstr reads -s + 1 bytes (umovestr): a NUL among them ends the string, else
    # -s bytes and `...`; memory ending after those -s + 1 bytes does not matter
    data, terminated = ctx.read_cstring(call, addr, style.string_limit)
    if data is None:
        return printers.ptr(addr)
    return printers.quote_cstring(data, style, None, terminated)


class Decoder(object):
    """Base: everything at entry, the result by `ret_kind` ("d", "u", "x", "o")."""

    ret_kind = "d"
    ret_pid = None      # "tid"/"tgid"/"pgid"/"sid": the result is a pid (strace's RVAL_TID...)
    # What the engine may do without calling the decoder (set for each subclass): its exit()
    # is Decoder's (it adds nothing), its result() is Decoder's for a plain signed decimal (a
    # result in 0..INT_MAX is then str(ret))
    plain_exit = True
    plain_result = True
    # enter() may run after the engine has resumed the tracee into its call, beside it (on
    # another CPU): it reads only what the call leaves as it is (IN arguments: a path, a
    # buffer to send, a structure passed in), never a value the kernel writes back (an in/out
    # length, a timeout it updates, an fd_set), nor an IN value of the type of an OUT one
    # (rt_sigprocmask's set and oldset, nanosleep's req and rem: a program may pass one
    # pointer for both, and the kernel writes the old value over the new). Each class says so
    # for itself in its body: a subclass does not inherit it (its enter() may differ); an
    # enter() that is Decoder's has it.
    enter_while_running = True

    def __init_subclass__(cls, **kw):
        super(Decoder, cls).__init_subclass__(**kw)
        cls.enter_while_running = bool(cls.__dict__.get("enter_while_running",
                                                        cls.enter is Decoder.enter))
        cls.plain_exit = cls.exit is Decoder.exit
        cls.plain_result = (cls.result is Decoder.result and cls.ret_kind == "d" and
                            cls.ret_pid is None)

    def __init__(self, name):
        self.name = name

    def enter(self, ctx, call):
        return ""

    def exit(self, ctx, call):
        return ""

    def result(self, ctx, call):
        ret = call.ret
        if ret is None:
            return "?"
        if 0 <= ret <= 0x7fffffff and self.ret_kind == "d":
            if self.ret_pid is not None and ctx.pids is not None:
                return pid_arg(ctx, call, ret, self.ret_pid)
            return str(ret)               # the common case, the same in every word size
        if not call.error and (ret < 0 or self.ret_pid is not None):
            return negative_success(call, ret, self.ret_kind, self.ret_pid is not None)
        return printers.retval(ret, ctx.errno_names(call.abi), self.ret_kind,
                               long_bits(call.abi))


def negative_success(call, ret, kind, is_pid=False):
    """A negative result that is not an error (an injected retval=: strace forces u_error to
    0), or a pid past INT_MAX: printed in the call's result format, unsigned in the kernel's
    long by default (`= 18446744073709551614`), a pid as a C int, a descriptor as a signed
    long, hex or octal by kind."""
    klong = 64 if long_bits(call.abi) == 64 or call.abi == "x32" else 32
    value = ret & ((1 << klong) - 1)
    if is_pid or getattr(call.entry, "returns_fd", False):
        return str(printers.to_signed(ret, 32 if is_pid else klong))
    if kind == "x":
        return printers.hexnum(value)
    if kind == "o":
        return printers.retval(value, {}, "o", klong)
    return str(value)


class PrototypeDecoder(Decoder):
    enter_while_running = True     # numbers, pointers, and `const char *` strings (IN)

    def __init__(self, name, prototype):
        Decoder.__init__(self, name)
        self.kinds = tuple(arg_kind(ctype, argname) for ctype, argname in (prototype or ()))
        if prototype is None:
            self.kinds = ((K_POINTER, True),) * 6

    def enter(self, ctx, call):
        args = call.args
        return ", ".join(format_arg(ctx, call, kind, wide, args[i])
                         for i, (kind, wide) in enumerate(self.kinds))


class UnknownDecoder(Decoder):
    enter_while_running = True     # registers only

    def __init__(self, name="syscall"):
        Decoder.__init__(self, name)

    def enter(self, ctx, call):
        mask = long_mask(call.abi)
        return ", ".join(printers.hexnum(a & mask) for a in call.args)


class RawDecoder(Decoder):
    """-e raw=: every argument the table counts, and the result, in hex (errors stay named)."""

    enter_while_running = True     # registers only

    def __init__(self, name, nargs):
        Decoder.__init__(self, name)
        self.nargs = nargs

    def enter(self, ctx, call):
        mask = long_mask(call.abi)
        return ", ".join(printers.hexnum(a & mask) for a in call.args[:self.nargs])

    def result(self, ctx, call):
        if call.ret is None:
            return "?"
        bits = long_bits(call.abi)
        if call.error:
            return printers.errno_text(call.error, ctx.errno_names(call.abi))
        return printers.hexnum(call.ret & ((1 << bits) - 1))


class StyledDecoder(object):
    """A decoder run with its own Style (-e abbrev=: some syscalls verbose, others not)."""

    plain_exit = plain_result = False       # always through the wrapped decoder, in its style

    def __init__(self, decoder, style):
        self.decoder = decoder
        self.style = style
        self.name = decoder.name

    def _run(self, method, ctx, call):
        saved, ctx.style = ctx.style, self.style
        try:
            return method(ctx, call)
        finally:
            ctx.style = saved

    def enter(self, ctx, call):
        return self._run(self.decoder.enter, ctx, call)

    def exit(self, ctx, call):
        return self._run(self.decoder.exit, ctx, call)

    def result(self, ctx, call):
        return self._run(self.decoder.result, ctx, call)
