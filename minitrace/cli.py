"""The command line: strace's options, parsed getopt-style from one declarative table.

Parsing stops at the first non-option (the command). Errors are one line in strace's wording
plus its `Try ... -h` hint, exit 1. `main()` wires Options to the engine, renderer and output.
"""
import os
import signal
import sys

from minitrace import __version__, filters, inject, progname

NOARG, REQUIRED, OPTIONAL = 0, 1, 2

# (short, long, argument, key): the key names the handler in Parser.
OPTIONS = (
    ("f", "follow-forks", NOARG, "follow"),
    ("F", None, NOARG, "follow_F"),
    (None, "output-separately", NOARG, "separate"),
    ("p", "attach", REQUIRED, "pid"),
    ("o", "output", REQUIRED, "output"),
    ("A", "output-append-mode", NOARG, "append"),
    ("e", None, REQUIRED, "expr"),
    (None, "trace", REQUIRED, "e:trace"),
    (None, "signal", REQUIRED, "e:signal"),
    (None, "signals", REQUIRED, "e:signal"),
    (None, "status", REQUIRED, "e:status"),
    (None, "inject", REQUIRED, "e:inject"),
    (None, "fault", REQUIRED, "e:fault"),
    (None, "read", REQUIRED, "e:read"),
    (None, "raw", REQUIRED, "e:raw"),
    (None, "abbrev", REQUIRED, "e:abbrev"),
    (None, "verbose", REQUIRED, "e:verbose"),
    (None, "write", REQUIRED, "e:write"),
    (None, "quiet", OPTIONAL, "quiet_long"),
    (None, "silent", OPTIONAL, "quiet_long"),
    (None, "silence", OPTIONAL, "quiet_long"),
    ("q", None, NOARG, "quiet"),
    ("z", "successful-only", NOARG, "successful"),
    ("Z", "failed-only", NOARG, "failed"),
    (None, "failing-only", NOARG, "failed"),
    ("a", "columns", REQUIRED, "acolumn"),
    ("s", "string-limit", REQUIRED, "strsize"),
    ("v", "no-abbrev", NOARG, "verbose"),
    ("x", None, NOARG, "hex"),
    (None, "strings-in-hex", OPTIONAL, "hex_long"),
    ("X", "const-print-style", REQUIRED, "xstyle"),
    ("t", None, NOARG, "timestamp"),
    (None, "absolute-timestamps", OPTIONAL, "timestamp_long"),
    (None, "timestamps", OPTIONAL, "timestamp_long"),
    ("r", "relative-timestamps", OPTIONAL, "relative"),
    ("T", "syscall-times", OPTIONAL, "syscall_times"),
    ("n", "syscall-number", NOARG, "show_nr"),
    ("i", "instruction-pointer", NOARG, "show_ip"),
    ("k", "stack-traces", NOARG, "stack_traces"),
    (None, "py-stack", NOARG, "py_stack"),
    (None, "always-show-pid", NOARG, "always_show_pid"),
    (None, "json", NOARG, "json"),
    (None, "timeline", REQUIRED, "timeline"),
    (None, "regs", NOARG, "regs"),
    ("P", "trace-path", REQUIRED, "path"),
    ("y", None, NOARG, "decode_fds"),
    (None, "decode-fds", OPTIONAL, "decode_fds_long"),
    ("Y", None, NOARG, "decode_pids_comm"),
    (None, "decode-pids", REQUIRED, "e:decode-pids"),
    (None, "pidns-translation", NOARG, "decode_pids_pidns"),
    ("b", "detach-on", REQUIRED, "detach_on"),
    ("D", None, NOARG, "daemonize"),
    (None, "seccomp-bpf", NOARG, "seccomp_bpf"),
    (None, "daemonize", OPTIONAL, "daemonize_long"),
    ("E", "env", REQUIRED, "env"),
    ("u", "user", REQUIRED, "user"),
    (None, "kill-on-exit", NOARG, "kill_on_exit"),
    ("I", "interruptible", REQUIRED, "interruptible"),
    ("c", "summary-only", NOARG, "summary_only"),
    ("C", "summary", NOARG, "summary"),
    ("S", "summary-sort-by", REQUIRED, "sortby"),
    ("U", "summary-columns", REQUIRED, "columns"),
    ("w", "summary-wall-clock", NOARG, "wall"),
    ("O", "summary-syscall-overhead", REQUIRED, "overhead"),
    (None, "tips", OPTIONAL, "tips"),
    ("d", "debug", NOARG, "debug"),
    (None, "secontext", OPTIONAL, "unsupported_secontext"),
    (None, "kvm", REQUIRED, "e:kvm"),
    ("V", "version", NOARG, "version"),
    ("h", "help", NOARG, "help"),
)
SHORT = dict((o[0], o) for o in OPTIONS if o[0])
LONG = dict((o[1], o) for o in OPTIONS if o[1])


class UsageError(Exception):
    """A bad command line: message, and whether to add the `Try ... -h` line."""

    def __init__(self, message, hint=True):
        Exception.__init__(self, message)
        self.hint = hint


class Options(object):
    def __init__(self):
        self.follow_forks = False
        self.ff = 0
        self.separate = False
        self.pids = []
        self.output = None
        self.append = False
        self.quiet = 0
        self.quiet_set = set()        # the -e quiet= names (and all of them with -qqq)
        self.acolumn = 40
        self.string_limit = 32
        self.verbose = False
        self.hex_strings = "none"
        self.const_style = "abbrev"
        self.timestamps = None        # None, or (format "time"|"unix", digits of the fraction)
        self.t_count = 0              # how many -t
        self.relative = None          # None, or digits of -r's fraction
        self.syscall_times = None     # None, or digits of -T's fraction
        self.show_nr = False
        self.show_ip = False
        self.always_show_pid = False
        self.env_changes = []
        self.paths = []
        self.decode_fds = set()       # -y {"path"}, -yy all of fdinfo.KINDS
        self.kvm_vcpu = False         # -e kvm=vcpu: KVM_RUN's exit reason
        self.detach_on_exec = False
        self.seccomp_bpf = False
        self.daemonize = 0            # -D 1 (grandchild), -DD 2 (pgroup), -DDD 3 (session)
        self.user = None              # a pwd entry (-u)
        self.kill_on_exit = False
        self.interruptible = None     # -I: 1 anywhere, 2 waiting, 3 never, 4 never_tstp
        self.trace = filters.TraceSet()
        self.signal_filter = filters.SignalSet()
        self.inject_rules = []
        self.raw = None               # -e raw=: a TraceSet of the syscalls printed raw
        self.abbrev = None            # -e abbrev=: a TraceSet of the syscalls abbreviated
        self.deref = None             # -e verbose=: a TraceSet of the syscalls whose structures
        #                               are dereferenced (strace's verbose(); default all)
        self.read_fds = filters.NumberSet()
        self.write_fds = filters.NumberSet()
        self.status = None
        self.command = []
        self.exprs = []
        self.summary = None           # None, "only" (-c) or "also" (-C)
        self.sortby = None
        self.columns = None
        self.wall = False
        self.overhead = 0.0
        self.json = False             # --json: one JSON object per event (jsonout.py)
        self.timeline = None          # --timeline FILE: Chrome trace-event JSON (timeline.py)
        self.stack_traces = False     # -k: the stack of each syscall and signal (minitrace.stack)
        self.py_stack = False         # --py-stack: the Python frames of each call (minitrace.pystack)
        self.regs = False             # --regs: the registers of each syscall under its line
        self.decode_pids = set()      # --decode-pids= / -Y / --pidns-translation: "comm", "pidns"
        self.tips = None              # --tips: (id or None for random, format)
        self.debug = False            # -d: strace's start-up debug lines (session.debug_lines)
        # what was given, for strace's checks of conflicting options (_check)
        self.given = {"f": 0, "follow-forks": False, "output-separately": False, "F": 0,
                      "t": 0, "absolute-timestamps": False, "x": 0, "strings-in-hex": False,
                      "y": 0, "decode-fds": 0, "D": 0, "daemonize": None, "q": 0, "quiet": 0,
                      "z": 0, "sortby": False}


def parse_args(argv):
    """Parse strace-style arguments into Options (raises UsageError)."""
    opts = Options()
    i = 0
    n = len(argv)
    while i < n:
        arg = argv[i]
        if arg == "--":
            i += 1
            break
        if not arg.startswith("-") or arg == "-":
            break
        if arg.startswith("--"):
            name, eq, value = arg[2:].partition("=")
            spec = _long_option(name, arg)
            _CURRENT["long"], _CURRENT["name"] = True, spec[1]
            if spec[2] == NOARG and eq:
                raise UsageError("option '--%s' doesn't allow an argument" % spec[1])
            if spec[2] == REQUIRED and not eq:
                i += 1
                if i >= n:
                    raise UsageError("option '--%s' requires an argument" % spec[1])
                value = argv[i]
            _apply(opts, spec[3], value if (eq or spec[2] == REQUIRED) else None)
            i += 1
            continue
        j = 1
        while j < len(arg):
            c = arg[j]
            spec = SHORT.get(c)
            if spec is None:
                raise UsageError("invalid option -- '%s'" % c)
            _CURRENT["long"], _CURRENT["name"] = False, spec[1]
            if spec[2] == REQUIRED:
                value = arg[j + 1:]
                if not value:
                    i += 1
                    if i >= n:
                        raise UsageError("option requires an argument -- '%s'" % c)
                    value = argv[i]
                _apply(opts, spec[3], value)
                break
            _apply(opts, spec[3], None)
            j += 1
        i += 1
    opts.command = argv[i:]
    _check(opts)
    return opts


def _long_option(name, arg):
    spec = LONG.get(name)
    if spec is not None:
        return spec
    matches = [o for o in OPTIONS if o[1] and o[1].startswith(name)]
    if len(matches) == 1:
        return matches[0]
    if not matches or not name:
        raise UsageError("unrecognized option '%s'" % arg)
    raise UsageError("option '%s' is ambiguous; possibilities: %s"
                     % (arg.split("=")[0], " ".join("'--%s'" % o[1] for o in matches)))


def _int_arg(flag, value, max_val=filters.INT_MAX):
    """strace's string_to_uint with its bound: 0..max_val, else `invalid FLAG argument`."""
    n = filters.parse_uint(value, max_val)
    if n is None:
        raise UsageError("invalid %s argument: '%s'" % (flag, value))
    return n


def _flag_name(short, long_name):
    """How strace names an option in `invalid X argument`: as it was given."""
    return "--" + long_name if _CURRENT.get("long") else "-" + short


_CURRENT = {"long": False}        # was the option being applied given in its long form?


def _acolumn(opts, value):
    opts.acolumn = _int_arg(_flag_name("a", "columns"), value)
    if opts.acolumn == filters.INT_MAX:
        # strace allocates acolumn + 1 bytes in an int: INT_MAX overflows and it dies so
        raise UsageError("Out of memory", hint=False)


def _strsize(opts, value):
    opts.string_limit = _int_arg(_flag_name("s", "string-limit"), value, 0xffffffff // 4)


def _apply(opts, key, value):
    if key.startswith("e:"):
        qualify(opts, key[2:] + "=" + value)
        return
    HANDLERS[key](opts, value)


def _follow(opts, value):
    if _CURRENT["long"]:
        opts.given["follow-forks"] = True
    else:
        opts.given["f"] += 1


def _separate(opts, value):
    opts.given["output-separately"] = True


def _follow_F(opts, value):
    opts.given["F"] += 1


def _pid(opts, value):
    """strace's process_opt_p_list: PIDs split at blanks and commas (pidof, pgrep)."""
    import re
    for item in re.split(r"[\n\t ,]", value):
        pid = filters.parse_uint(item)
        if not pid:
            raise UsageError("Invalid process id: '%s'" % item, hint=False)
        if pid == os.getpid():
            raise UsageError("I'm sorry, I can't let you do that, Dave.", hint=False)
        opts.pids.append(pid)
        if not item:
            break


def _quiet_long(opts, value):
    qualify(opts, "quiet=" + (value if value is not None else "attach,personality"))


HEX_STRINGS = ("none", "non-ascii-chars", "non-ascii", "all")


def _hex_long(opts, value):
    value = "all" if value is None else value
    if value.lower() not in HEX_STRINGS:
        raise UsageError("invalid --strings-in-hex argument: '%s'" % value)
    opts.given["strings-in-hex"] = True
    opts.hex_strings = value.lower()


def _hex(opts, value):
    opts.given["x"] += 1
    opts.hex_strings = "all" if opts.given["x"] >= 2 else "non-ascii"


def _xstyle(opts, value):
    if value not in ("raw", "abbrev", "verbose"):
        raise UsageError("invalid %s argument: '%s'" % (_flag_name("X", "const-print-style"), value))
    opts.const_style = value


# strace(1): precisions of --absolute-timestamps, --relative-timestamps and --syscall-times
PRECISIONS = {"s": 0, "ms": 3, "us": 6, "ns": 9}
TIMESTAMP_LEVELS = {1: ("time", 0), 2: ("time", 6), 3: ("unix", 6)}     # -t, -tt, -ttt


def _timestamp(opts, value):
    opts.given["t"] += 1
    opts.t_count = min(opts.t_count + 1, 3)
    opts.timestamps = TIMESTAMP_LEVELS[opts.t_count]


TIMESTAMP_FORMATS = ("none", "time", "unix")


def _timestamp_long(opts, value):
    """--absolute-timestamps=[[format:]none|time|unix][,[precision:]s|ms|us|ns] (strace's
    parse_ts_arg: tokens in any order; what a value leaves out stays as the previous one set
    it; a bare `--timestamps` is `format:time`; the default precision is seconds)."""
    opts.given["absolute-timestamps"] = True
    fmt, digits = opts.given.get("ts", (None, 0))
    new_fmt = None
    for item in ("format:time" if value is None else value).split(","):
        if not item:
            continue
        low = item.lower()
        kinds = ("format", "precision")
        for prefix in kinds:
            if low.startswith(prefix + ":"):
                kinds, low = (prefix,), low[len(prefix) + 1:]
                break
        if "format" in kinds and low in TIMESTAMP_FORMATS:
            new_fmt = low
        elif "precision" in kinds and low in PRECISIONS:
            digits = PRECISIONS[low]
        else:
            raise UsageError("invalid --%s argument: '%s'" % (_CURRENT["name"], value))
    fmt = new_fmt or fmt or "time"
    opts.given["ts"] = (fmt, digits)
    opts.timestamps = None if fmt == "none" else (fmt, digits)


def _precision(flag, attr):
    def apply(opts, value):
        if value is None:
            setattr(opts, attr, 6)
        elif value.lower() in PRECISIONS:
            setattr(opts, attr, PRECISIONS[value.lower()])
        else:
            raise UsageError("invalid %s argument: '%s'" % (
                "--" + _CURRENT["name"] if _CURRENT["long"] else flag, value))
    return apply


def _summary_mode(mode):
    def apply(opts, value):
        if opts.summary not in (None, mode):
            raise UsageError("-c/--summary-only and -C/--summary are mutually exclusive")
        opts.summary = mode
    return apply


def _sortby(opts, value):
    from minitrace import summary
    key = summary.SORT_ALIASES.get(value)
    if key is None:
        raise UsageError("invalid sortby: '%s'" % value)
    opts.sortby = key
    opts.given["sortby"] = True


def _columns(opts, value):
    """strace's set_count_summary_columns: names split at commas, each column once."""
    from minitrace import summary
    cols = []
    rest = value
    while True:
        name, comma, after = rest.partition(",")
        key = summary.COLUMN_ALIASES.get(name)
        if key is None:
            raise UsageError("unknown column name: '%s'" % name)
        if key in cols:
            raise UsageError("call summary column has been provided more than once: '%s' "
                             "(-U option residual: '%s')" % (name, rest))
        cols.append(key)
        if not comma:
            break
        rest = after
    opts.columns = cols


# -O: a number of microseconds, or with a unit (strace(1): s, ms, us, ns)


def _overhead(opts, value):
    seconds = filters.parse_time(value)
    if seconds is None:
        raise UsageError("invalid %s argument: '%s'"
                         % (_flag_name("O", "summary-syscall-overhead"), value))
    opts.overhead = seconds


DAEMONIZE = {None: 1, "grandchild": 1, "pgroup": 2, "pgrp": 2, "process_group": 2,
             "session": 3}


def _daemonize_long(opts, value):
    level = DAEMONIZE.get(value if value is None else value.lower())
    if level is None:
        raise UsageError("invalid --daemonize argument: '%s'" % value)
    opts.given["daemonize"] = level


def _decode_fds_short(opts, value):
    opts.given["y"] += 1


def _detach_on(opts, value):
    if value != "execve":
        raise UsageError("Syscall '%s' for -b isn't supported" % value, hint=False)
    opts.detach_on_exec = True


def _user(opts, value):
    opts.user = value           # looked up by _check, after strace's warnings


def _lookup_user(name):
    import pwd
    if os.getuid() != 0 or os.geteuid() != 0:
        raise UsageError("You must be root to use the -u/--username option", hint=False)
    try:
        return pwd.getpwnam(name)
    except KeyError:
        raise UsageError("Cannot find user '%s'" % name, hint=False)


# -I: strace(1) "Startup"; a number 1..4 or a name
INTERRUPTIBLE = {"anywhere": 1, "always": 1, "waiting": 2, "never": 3, "never_tstp": 4}


def _interruptible(opts, value):
    level = INTERRUPTIBLE.get(value)
    if level is None:
        level = filters.parse_uint(value, 4)
    if not level:
        raise UsageError("invalid %s argument: '%s'" % (_flag_name("I", "interruptible"), value))
    opts.interruptible = level


def _tips(opts, value):
    """--tips[=[[id:]ID][,[format:]FORMAT]] (strace's parse_tips_arg)."""
    tip_id, fmt = (opts.tips or (None, "compact"))
    for token in (value or "").split(","):
        if not token:
            continue
        low = token.lower()
        kinds = ("id", "format")
        for prefix in kinds:
            if low.startswith(prefix + ":"):
                kinds, token, low = (prefix,), token[len(prefix) + 1:], low[len(prefix) + 1:]
                break
        if "id" in kinds and low == "random":
            tip_id = None
        elif "id" in kinds and filters.parse_uint(token) is not None:
            tip_id = filters.parse_uint(token)
        elif "format" in kinds and low in ("none", "compact", "full"):
            fmt = low
        else:
            raise UsageError("invalid --tips argument: '%s'" % value)
    opts.tips = (tip_id, fmt)


def _unsupported(message):
    """What strace built without a feature says (word for word) when asked for it."""
    def apply(opts, value):
        raise UsageError(message, hint=False)
    return apply


def _quiet_short(opts, value):
    opts.given["q"] += 1


def _status_short(status):
    def apply(opts, value):
        opts.given["z"] += 1
        opts.status = {status}
    return apply


def _version(opts, value):
    sys.stdout.write("minitrace -- version %s (strace 6.1 compatible)\n" % __version__)
    sys.exit(0)


def _help(opts, value):
    from minitrace import usage
    sys.stdout.write(usage.TEXT)
    sys.exit(0)


def _setter(attr, convert):
    def apply(opts, value):
        setattr(opts, attr, convert(opts, value))
    return apply


HANDLERS = {
    "follow": _follow,
    "follow_F": _follow_F,
    "separate": _separate,
    "pid": _pid,
    "output": _setter("output", lambda o, v: v),
    "append": _setter("append", lambda o, v: True),
    "expr": lambda o, v: qualify(o, v),
    "quiet": _quiet_short,
    "quiet_long": _quiet_long,
    "successful": _status_short("successful"),
    "failed": _status_short("failed"),
    "acolumn": _acolumn,
    "strsize": _strsize,
    "verbose": _setter("verbose", lambda o, v: True),
    "hex": _hex,
    "hex_long": _hex_long,
    "xstyle": _xstyle,
    "timestamp": _timestamp,
    "timestamp_long": _timestamp_long,
    "relative": _precision("-r", "relative"),
    "syscall_times": _precision("-T", "syscall_times"),
    "show_nr": _setter("show_nr", lambda o, v: True),
    "show_ip": _setter("show_ip", lambda o, v: True),
    "always_show_pid": _setter("always_show_pid", lambda o, v: True),
    "json": _setter("json", lambda o, v: True),
    "timeline": _setter("timeline", lambda o, v: v),
    "regs": _setter("regs", lambda o, v: True),
    "stack_traces": _setter("stack_traces", lambda o, v: True),
    "py_stack": _setter("py_stack", lambda o, v: True),
    "env": lambda o, v: o.env_changes.append(v),
    "path": lambda o, v: o.paths.append(v),
    "decode_fds": _decode_fds_short,
    "decode_fds_long": lambda o, v: qualify(o, "decode-fds=" + (v or "path")),
    "decode_pids_comm": lambda o, v: qualify(o, "decode-pids=comm"),
    "decode_pids_pidns": lambda o, v: qualify(o, "decode-pids=pidns"),
    "tips": _tips,
    "debug": _setter("debug", lambda o, v: True),
    "unsupported_secontext": _unsupported("SELinux context printing (--secontext option) is "
                                          "not supported by this build of strace"),
    "detach_on": _detach_on,
    "daemonize": _setter("daemonize", lambda o, v: o.daemonize + 1),
    "daemonize_long": _daemonize_long,
    "seccomp_bpf": _setter("seccomp_bpf", lambda o, v: True),
    "user": _user,
    "kill_on_exit": _setter("kill_on_exit", lambda o, v: True),
    "interruptible": _interruptible,
    "summary_only": _summary_mode("only"),
    "summary": _summary_mode("also"),
    "sortby": _sortby,
    "columns": _columns,
    "wall": _setter("wall", lambda o, v: True),
    "overhead": _overhead,
    "version": _version,
    "help": _help,
}

# -e qualifier names and their aliases (strace(1) "Filtering")
QUALIFIERS = {"trace": "trace", "t": "trace", "signal": "signal", "signals": "signal",
              "s": "signal", "status": "status", "quiet": "quiet", "silent": "quiet",
              "silence": "quiet", "q": "quiet", "read": "read", "reads": "read", "r": "read",
              "write": "write", "writes": "write", "w": "write", "inject": "inject",
              "fault": "fault", "raw": "raw", "x": "raw", "abbrev": "abbrev", "a": "abbrev",
              "verbose": "deref", "v": "deref", "kvm": "kvm",
              "decode-fds": "decode-fds", "decode-fd": "decode-fds",
              "decode-pids": "decode-pids", "decode-pid": "decode-pids", "secontext": "secontext"}
DECODE_PIDS = ("comm", "pidns")


def _host_abis():
    from minitrace.arch import for_machine
    return for_machine().ABIS


def qualify(opts, expr):
    """One `-e QUALIFIER=VALUE` (or a bare VALUE: trace), applied at once, as strace does."""
    import syscalls
    qualifier, eq, value = expr.partition("=")
    key = QUALIFIERS.get(qualifier) if eq else None
    if key is None:
        key, value = "trace", expr
    abis = _host_abis()
    try:
        if key == "trace":
            opts.trace.set(value, abis)
        elif key == "signal":
            opts.signal_filter.set(value, syscalls.constants(abis[0]))
        elif key == "decode-fds":
            from minitrace import fdinfo
            opts.decode_fds = filters.parse_choices("decode-fds", value, fdinfo.KINDS)
            opts.given["decode-fds"] += 1
        elif key == "decode-pids":
            opts.decode_pids = filters.parse_choices("decode-pids", value, DECODE_PIDS)
        elif key in ("raw", "abbrev", "deref"):
            chosen = filters.TraceSet()
            chosen.set(value, abis)
            setattr(opts, key, chosen)
        elif key in ("inject", "fault"):
            opts.inject_rules.append(inject.parse(key, value, abis))
        elif key == "read":
            opts.read_fds.set("descriptor", value)
        elif key == "write":
            opts.write_fds.set("descriptor", value)
        elif key == "status":
            opts.status = filters.parse_choices("status", value, filters.STATUSES)
        elif key == "quiet":
            opts.quiet_set = filters.parse_choices("quiet", value, filters.QUIET,
                                                   filters.QUIET_ALIASES)
            opts.given["quiet"] += 1
        elif key == "secontext":
            _unsupported("SELinux context printing (--secontext option) is not supported by "
                         "this build of strace")(opts, value)
        elif key == "kvm":
            if value != "vcpu":
                raise UsageError("invalid -e kvm= argument: '%s'" % value, hint=False)
            opts.kvm_vcpu = True
    except filters.QualifyError as e:
        raise UsageError(str(e), hint=e.hint)


# messages strace gives (and goes on) when -c makes an option pointless: (attribute, words)
_NO_EFFECT_WITH_C = (
    ("show_ip", "-i/--instruction-pointer"), ("show_nr", "-n/--syscall-number"),
    ("relative", "-r/--relative-timestamps"), ("timestamps", "-t/--absolute-timestamps"),
    ("syscall_times", "-T/--syscall-times"), ("decode_fds", "-y/--decode-fds"),
    ("stack_traces", "-k/--stack-traces"),
)


def _check(opts):
    """strace's checks after its option loop, in its order (so the first message is its)."""
    given = opts.given
    if not opts.command and not opts.pids:
        raise UsageError("must have PROG [ARGS] or -p PID")
    if given["daemonize"] is not None:
        if opts.daemonize:
            raise UsageError("-D and --daemonize cannot be provided simultaneously", hint=False)
        opts.daemonize = given["daemonize"]
    if opts.daemonize and not opts.command:
        raise UsageError("PROG [ARGS] must be specified with -D/--daemonize")
    if opts.daemonize > 3:
        raise UsageError("Too many -D's (%d), maximum supported -D count is 3" % opts.daemonize)
    if given["t"]:
        if given["absolute-timestamps"]:
            raise UsageError("-t and --absolute-timestamps cannot be provided simultaneously",
                             hint=False)
    if given["x"] and given["strings-in-hex"]:
        raise UsageError("-x and --strings-in-hex cannot be provided simultaneously", hint=False)
    if given["y"]:
        if given["decode-fds"]:
            raise UsageError("-y and --decode-fds cannot be provided simultaneously", hint=False)
        from minitrace import fdinfo
        opts.decode_fds = set(fdinfo.KINDS) if given["y"] >= 2 else {"path"}
    if opts.seccomp_bpf and opts.detach_on_exec:
        warn("--seccomp-bpf is not enabled because it is not compatible with -b")
        opts.seccomp_bpf = False
    if given["f"]:
        if given["follow-forks"]:
            raise UsageError("-f and --follow-forks cannot be provided simultaneously",
                             hint=False)
        if given["f"] >= 2 and given["output-separately"]:
            raise UsageError("-ff and --output-separately cannot be provided simultaneously",
                             hint=False)
        opts.follow_forks = True
        opts.separate = given["f"] >= 2
    else:
        opts.follow_forks = given["follow-forks"]
        opts.separate = given["output-separately"]
    if opts.seccomp_bpf:
        if opts.pids and not opts.command:
            warn("--seccomp-bpf is not enabled for processes attached with -p")
        if not opts.follow_forks:
            warn("--seccomp-bpf cannot be used without -f/--follow-forks, disabling")
            opts.seccomp_bpf = False
    if given["F"]:
        if opts.follow_forks:
            warn("deprecated option -F ignored")
        else:
            warn("option -F is deprecated, please use -f/--follow-forks instead")
            opts.follow_forks = True
    if opts.separate and opts.summary:
        raise UsageError("(-c/--summary-only or -C/--summary) and -ff/--output-separately "
                         "are mutually exclusive")
    if opts.wall and not opts.summary:
        raise UsageError("-w/--summary-wall-clock must be given with "
                         "(-c/--summary-only or -C/--summary)")
    if opts.columns and not opts.summary:
        raise UsageError("-U/--summary-columns must be given with "
                         "(-c/--summary-only or -C/--summary)")
    if given["sortby"] and not opts.summary:
        warn("-S/--summary-sort-by has no effect without (-c/--summary-only or -C/--summary)")
    if opts.summary == "only":
        for attr, words in _NO_EFFECT_WITH_C:
            if getattr(opts, attr):
                warn("%s has no effect with -c/--summary-only" % words)
    if opts.output is None:
        if opts.separate and not opts.follow_forks:
            warn("--output-separately has no effect without -o/--output")
        if opts.append:
            warn("-A/--output-append-mode has no effect without -o/--output")
    if given["z"] > 1:
        warn("Only the last of -z/--successful-only/-Z/--failed-only options will take "
             "effect. See status qualifier for more complex filters.")
    if opts.paths and "path-resolution" not in opts.quiet_set:
        from minitrace import pathtrace
        for note in pathtrace.resolve(opts.paths)[1]:
            warn(note)
    if opts.user is not None:
        opts.user = _lookup_user(opts.user)
    if opts.output is not None and opts.output[:1] in ("|", "!") and opts.separate:
        raise UsageError("piping the output and -ff/--output-separately are mutually exclusive")
    if opts.output is not None and opts.separate and len(opts.output) >= 4096 - 12:
        import errno     # strace: no room left for the `.PID` of -ff's file names
        raise UsageError("%s: %s" % (opts.output, os.strerror(errno.ENAMETOOLONG)), hint=False)
    if opts.output is None:
        opts.separate = False         # -ff without -o FILE is -f
    opts.ff = 1 if opts.separate else 0
    if opts.interruptible is None:     # strace's defaults: -I4 with -D, -I3 with -o FILE PROG
        if opts.daemonize:
            opts.interruptible = 4
        else:
            opts.interruptible = 3 if (opts.output and opts.command) else 2
    if given["q"]:
        if given["quiet"]:
            raise UsageError("-q and -e quiet/--quiet cannot be provided simultaneously",
                             hint=False)
        opts.quiet = min(given["q"], 3)
        opts.quiet_set = set(filters.QUIET) if given["q"] >= 3 else set()
    if opts.kill_on_exit and opts.pids:
        raise UsageError("--kill-on-exit and -p/--attach are mutually exclusive options")
    if opts.seccomp_bpf:
        if not opts.command:
            opts.seccomp_bpf = False
        elif opts.trace.everything and not opts.trace.negate:
            warn("Seccomp filter is requested but there are no syscalls to filter.  "
                 "See -e trace to filter syscalls.")
            opts.seccomp_bpf = False


def find_program(name):
    """The path strace would exec for `name`: as given if it has a '/', else the first
    regular file on PATH. Raises UsageError "Can't stat" (or strace's `exec: File name too
    long` for a name longer than PATH_MAX - 1)."""
    if len(name.encode("utf-8", "surrogateescape")) > 4095:
        import errno
        raise UsageError("exec: %s" % os.strerror(errno.ENAMETOOLONG), hint=False)
    if "/" in name:
        try:
            os.stat(name)
        except OSError as e:
            raise UsageError("Can't stat '%s': %s" % (name, e.strerror), hint=False)
        return name
    for d in os.environ.get("PATH", "/usr/local/bin:/bin:/usr/bin").split(":"):
        path = os.path.join(d or ".", name)
        try:
            st = os.stat(path)
        except OSError:
            continue
        import stat
        if stat.S_ISREG(st.st_mode) and os.access(path, os.X_OK):
            return path
    raise UsageError("Can't stat '%s': No such file or directory" % name, hint=False)


def _say(line):
    """A message line on stderr, as bytes: a path given in any encoding (surrogate escapes of
    undecodable bytes) is written back as the bytes it was, as strace writes it."""
    data = line.encode("utf-8", "surrogateescape")
    stream = getattr(sys.stderr, "buffer", None)
    if stream is None:
        sys.stderr.write(data.decode("utf-8", "replace"))
        return
    sys.stderr.flush()
    stream.write(data)
    stream.flush()


def warn(message):
    _say("%s: %s\n" % (progname.NAME, message))


def error(message, hint=False):
    _say("%s: %s\n" % (progname.NAME, message))
    if hint:
        _say("Try '%s -h' for more information.\n" % progname.NAME)


def main(argv=None):
    if argv is None:
        progname.set_from_argv(sys.argv[0] if sys.argv else None)
        argv = sys.argv[1:]
    try:
        opts = parse_args(argv)
        path = find_program(opts.command[0]) if opts.command else None
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGINT)
        return 130
    except UsageError as e:
        error(str(e), e.hint)
        return 1
    try:
        from minitrace import session
    except KeyboardInterrupt:      # Ctrl-C before anything was traced: just die by it
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGINT)
        return 130
    return session.run(opts, path)
