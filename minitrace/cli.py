"""The command line: strace's options, parsed getopt-style from one declarative table.

Parsing stops at the first non-option (the command). Errors are one line in strace's wording
plus its `Try ... -h` hint, exit 1. `main()` wires Options to the engine, renderer and output.
"""
import os
import signal
import sys

from minitrace import __version__, filters, inject

PROG = "minitrace"
NOARG, REQUIRED, OPTIONAL = 0, 1, 2

# (short, long, argument, key): the key names the handler in Parser.
OPTIONS = (
    ("f", "follow-forks", NOARG, "follow"),
    ("F", None, NOARG, "follow"),
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
    (None, "write", REQUIRED, "e:write"),
    (None, "quiet", OPTIONAL, "quiet_long"),
    (None, "silent", OPTIONAL, "quiet_long"),
    (None, "silence", OPTIONAL, "quiet_long"),
    ("q", None, NOARG, "quiet"),
    ("d", "debug", NOARG, "debug"),
    ("z", "successful-only", NOARG, "successful"),
    ("Z", "failed-only", NOARG, "failed"),
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
    (None, "always-show-pid", NOARG, "always_show_pid"),
    (None, "json", NOARG, "json"),
    (None, "regs", NOARG, "regs"),
    ("P", "trace-path", REQUIRED, "path"),
    ("y", None, NOARG, "decode_fds"),
    (None, "decode-fds", OPTIONAL, "decode_fds_long"),
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
        self.debug = 0                # -d: the tracer's own debug lines on stderr
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
        self.regs = False             # --regs: the registers of each syscall under its line


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


def _int_arg(flag, value, low=0):
    try:
        n = int(value, 10)
    except (TypeError, ValueError):
        n = None
    if n is None or n < low:
        raise UsageError("invalid %s argument: '%s'" % (flag, value))
    return n


def _apply(opts, key, value):
    if key.startswith("e:"):
        opts.exprs.append(key[2:] + "=" + value)
        return
    HANDLERS[key](opts, value)


def _follow(opts, value):
    if opts.follow_forks:
        opts.ff += 1
    opts.follow_forks = True


def _pid(opts, value):
    import re
    for item in re.split(r"[,\s]+", value.strip()):
        try:
            pid = int(item, 10)
        except ValueError:
            pid = -1
        if pid <= 0:
            raise UsageError("Invalid process id: '%s'" % item, hint=False)
        opts.pids.append(pid)


def _quiet_long(opts, value):
    opts.exprs.append("quiet=" + (value if value is not None else "all"))


def _hex_long(opts, value):
    value = value or "all"
    choices = {"none": "none", "non-ascii": "non-ascii", "all": "all",
               "non-ascii-chars": "non-ascii-chars"}
    if value not in choices:
        raise UsageError("invalid --strings-in-hex argument: '%s'" % value)
    opts.hex_strings = choices[value]


def _hex(opts, value):
    opts.hex_strings = "all" if opts.hex_strings == "non-ascii" else "non-ascii"


def _xstyle(opts, value):
    if value not in ("raw", "abbrev", "verbose"):
        raise UsageError("invalid -X argument: '%s'" % value)
    opts.const_style = value


# strace(1): precisions of --absolute-timestamps, --relative-timestamps and --syscall-times
PRECISIONS = {"s": 0, "ms": 3, "us": 6, "ns": 9}
TIMESTAMP_LEVELS = {1: ("time", 0), 2: ("time", 6), 3: ("unix", 6)}     # -t, -tt, -ttt


def _timestamp(opts, value):
    opts.t_count = min(opts.t_count + 1, 3)
    opts.timestamps = TIMESTAMP_LEVELS[opts.t_count]


def _timestamp_long(opts, value):
    """--absolute-timestamps=[[format:]none|time|unix][,[precision:]s|ms|us|ns]"""
    fmt, digits = "time", 0
    for item in (value or "").split(","):
        key, colon, v = item.rpartition(":")
        if not item:
            continue
        if v in ("none", "time", "unix") and key in ("", "format"):
            fmt = v
        elif v in PRECISIONS and key in ("", "precision"):
            digits = PRECISIONS[v]
        else:
            raise UsageError("invalid --absolute-timestamps argument: '%s'" % value)
    opts.timestamps = None if fmt == "none" else (fmt, digits)


def _precision(flag, attr):
    def apply(opts, value):
        if value is None:
            setattr(opts, attr, 6)
        elif value in PRECISIONS:
            setattr(opts, attr, PRECISIONS[value])
        else:
            raise UsageError("invalid %s argument: '%s'" % (flag, value))
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


def _columns(opts, value):
    from minitrace import summary
    cols = []
    for name in value.split(","):
        key = summary.COLUMN_ALIASES.get(name)
        if key is None:
            raise UsageError("unknown column name: '%s'" % name)
        cols.append(key)
    opts.columns = cols


# -O: a number of microseconds, or with a unit (strace(1): s, ms, us, ns)
_UNITS = (("ns", 1e-9), ("us", 1e-6), ("ms", 1e-3), ("s", 1.0))


def _overhead(opts, value):
    scale, number = 1e-6, value
    for unit, factor in _UNITS:
        if value.endswith(unit):
            scale, number = factor, value[:-len(unit)]
            break
    try:
        seconds = float(number) * scale
    except ValueError:
        seconds = -1
    if seconds < 0 or not number:
        raise UsageError("invalid -O argument: '%s'" % value)
    opts.overhead = seconds


DAEMONIZE = {None: 1, "grandchild": 1, "pgroup": 2, "pgrp": 2, "process_group": 2,
             "session": 3}


def _daemonize_long(opts, value):
    if value not in DAEMONIZE:
        raise UsageError("invalid --daemonize argument: '%s'" % value)
    opts.daemonize = DAEMONIZE[value]


def _decode_fds_short(opts, value):
    from minitrace import fdinfo
    opts.decode_fds = set(fdinfo.KINDS) if opts.decode_fds else {"path"}


def _detach_on(opts, value):
    if value != "execve":
        raise UsageError("Syscall '%s' for -b isn't supported" % value, hint=False)
    opts.detach_on_exec = True


def _user(opts, value):
    import pwd
    try:
        opts.user = pwd.getpwuid(int(value)) if value.isdigit() else pwd.getpwnam(value)
    except KeyError:
        raise UsageError("Cannot find user '%s'" % value, hint=False)


# -I: strace(1) "Startup"; numbers or names
INTERRUPTIBLE = {"1": 1, "anywhere": 1, "2": 2, "waiting": 2, "3": 3, "never": 3,
                 "4": 4, "never_tstp": 4}


def _interruptible(opts, value):
    level = INTERRUPTIBLE.get(value)
    if level is None:
        raise UsageError("invalid -I argument: '%s'" % value)
    opts.interruptible = level


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
    "separate": _setter("separate", lambda o, v: True),
    "pid": _pid,
    "output": _setter("output", lambda o, v: v),
    "append": _setter("append", lambda o, v: True),
    "expr": lambda o, v: o.exprs.append(v),
    "quiet": _setter("quiet", lambda o, v: o.quiet + 1),
    "debug": _setter("debug", lambda o, v: o.debug + 1),
    "quiet_long": _quiet_long,
    "successful": lambda o, v: o.exprs.append("status=successful"),
    "failed": lambda o, v: o.exprs.append("status=failed"),
    "acolumn": _setter("acolumn", lambda o, v: _int_arg("-a", v)),
    "strsize": _setter("string_limit", lambda o, v: _int_arg("-s", v)),
    "verbose": _setter("verbose", lambda o, v: True),
    "hex": _hex,
    "hex_long": _hex_long,
    "xstyle": _xstyle,
    "timestamp": _timestamp,
    "timestamp_long": _timestamp_long,
    "relative": _precision("--relative-timestamps", "relative"),
    "syscall_times": _precision("--syscall-times", "syscall_times"),
    "show_nr": _setter("show_nr", lambda o, v: True),
    "show_ip": _setter("show_ip", lambda o, v: True),
    "always_show_pid": _setter("always_show_pid", lambda o, v: True),
    "json": _setter("json", lambda o, v: True),
    "regs": _setter("regs", lambda o, v: True),
    "env": lambda o, v: o.env_changes.append(v),
    "path": lambda o, v: o.paths.append(v),
    "decode_fds": _decode_fds_short,
    "decode_fds_long": lambda o, v: o.exprs.append("decode-fds=" + (v or "path")),
    "detach_on": _detach_on,
    "daemonize": _setter("daemonize", lambda o, v: min(o.daemonize + 1, 3)),
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
              "verbose": "deref", "v": "deref",
              "decode-fds": "decode-fds", "decode-fd": "decode-fds"}


def _check(opts):
    if opts.ff and opts.output is None:
        opts.ff = 0
    if opts.ff:
        opts.separate = True
    if opts.summary and opts.separate:
        raise UsageError("(-c/--summary-only or -C/--summary) and -ff/--output-separately "
                         "are mutually exclusive")
    if not opts.summary:
        for flag, given in (("-w/--summary-wall-clock", opts.wall),
                            ("-U/--summary-columns", opts.columns)):
            if given:
                raise UsageError("%s must be given with (-c/--summary-only or -C/--summary)" % flag)
        if opts.sortby:
            warn("-S/--summary-sort-by has no effect without (-c/--summary-only or -C/--summary)")
    if not opts.command and not opts.pids:
        raise UsageError("must have PROG [ARGS] or -p PID")
    if opts.quiet >= 3:
        opts.quiet_set |= set(filters.QUIET)
    if opts.kill_on_exit and opts.pids:
        raise UsageError("--kill-on-exit and -p/--attach are mutually exclusive options")
    if opts.daemonize and not opts.command:
        raise UsageError("PROG [ARGS] must be specified with -D/--daemonize")
    if opts.interruptible is None:     # strace's defaults: -I4 with -D, -I3 with -o FILE PROG
        if opts.daemonize:
            opts.interruptible = 4
        else:
            opts.interruptible = 3 if (opts.output and opts.command and not opts.pids) else 2
    import syscalls
    from minitrace.arch import for_machine
    abis = for_machine().ABIS
    consts = syscalls.constants(abis[0])
    for expr in opts.exprs:
        qualifier, eq, value = expr.partition("=")
        key = QUALIFIERS.get(qualifier) if eq else None
        if key is None:
            qualifier, value = "trace", expr
            key = "trace"
        try:
            if key == "trace":
                opts.trace.add(value, abis)
            elif key == "signal":
                opts.signal_filter.set(value, consts)
            elif key == "decode-fds":
                from minitrace import fdinfo
                opts.decode_fds = filters.parse_choices("decode-fds", value, fdinfo.KINDS)
            elif key in ("raw", "abbrev", "deref"):
                chosen = filters.TraceSet()
                chosen.add(value, abis)
                setattr(opts, key, chosen)
            elif key in ("inject", "fault"):
                errnos = dict((name, nr) for nr, name in syscalls.errno_names(abis[0]).items())
                errnos.update((k, v) for k, v in consts.items() if k.startswith("E") and k.isupper())
                opts.inject_rules.append(inject.parse(key, value, abis, consts, errnos))
            elif key == "read":
                opts.read_fds.set("descriptor", value)
            elif key == "write":
                opts.write_fds.set("descriptor", value)
            elif key == "status":
                opts.status = filters.parse_choices("status", value, filters.STATUSES)
            elif key == "quiet":
                chosen = filters.parse_choices("quiet", value, filters.QUIET)
                opts.quiet_set |= chosen
                if "attach" in chosen:
                    opts.quiet = max(opts.quiet, 1)
                if "exit" in chosen:
                    opts.quiet = max(opts.quiet, 2)
        except filters.QualifyError as e:
            raise UsageError(str(e), hint=False)
    if opts.seccomp_bpf:
        if not opts.follow_forks:
            warn("--seccomp-bpf cannot be used without -f/--follow-forks, disabling")
            opts.seccomp_bpf = False
        elif not opts.command:
            warn("--seccomp-bpf is not enabled for processes attached with -p")
            opts.seccomp_bpf = False
        elif opts.trace.everything and not opts.trace.negate:
            warn("Seccomp filter is requested but there are no syscalls to filter.  "
                 "See -e trace to filter syscalls.")
            opts.seccomp_bpf = False


def find_program(name):
    """The path strace would exec for `name`: as given if it has a '/', else the first
    regular file on PATH. Raises UsageError "Can't stat"."""
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


def build_env(changes):
    """The command's environment after -E changes; None when there are none."""
    if not changes:
        return None
    env = dict(os.environ)
    for change in changes:
        name, eq, value = change.partition("=")
        if eq:
            env[name] = value
        else:
            env.pop(name, None)
    return env


def warn(message):
    sys.stderr.write("%s: %s\n" % (PROG, message))


def error(message, hint=False):
    sys.stderr.write("%s: %s\n" % (PROG, message))
    if hint:
        sys.stderr.write("Try '%s -h' for more information.\n" % PROG)


def main(argv=None):
    if argv is None:
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
