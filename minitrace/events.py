"""The event objects the engine yields (and the Python API hands out).

A Syscall is one system call: the engine yields it at entry (ENTER) and again, completed,
at exit (EXIT). The other kinds are small records. No behaviour lives here.
"""

ENTER = "enter"
EXIT = "exit"
SIGNAL = "signal"
GROUP_STOP = "group-stop"
PROCESS_EXIT = "process-exit"
ATTACHED = "attached"
DETACHED = "detached"
PERSONALITY = "personality"
SUPERSEDED = "superseded"
NOTICE = "notice"           # a message of the tracer's own (Event.text; Event.other: the -q class)
KINDS = (ENTER, EXIT, SIGNAL, GROUP_STOP, PROCESS_EXIT, ATTACHED, DETACHED, PERSONALITY, SUPERSEDED,
         NOTICE)
# not an event: yielded as (IDLE, None), with Engine.idle_events only, when the engine is about to
# wait and no stop is waiting (the moment for work that was put off); never in KINDS
IDLE = "idle"


class Syscall(object):
    """One system call of one tracee, filled in at entry and completed at exit."""

    __slots__ = ("pid", "abi", "nr", "name", "args", "ip", "entry_text", "exit_text",
                 "ret", "error", "ret_text", "start", "end", "cpu", "entry", "detached", "dump",
                 "sp", "saved", "stack", "python_stack")

    def __init__(self, pid, abi, nr, entry, args, ip, sp=None):
        self.pid = pid
        self.abi = abi
        self.nr = nr
        self.entry = entry          # the SysEnt: name, nargs, decoder, ...
        self.name = entry.name
        self.args = args
        self.ip = ip
        self.entry_text = ""
        self.exit_text = ""
        self.ret = None             # signed result; None while unfinished or if it never returned
        self.error = 0              # errno (positive) on failure
        self.ret_text = "?"
        self.start = self.end = None
        self.cpu = None             # system CPU seconds in the call (with -c), from rusage
        self.detached = False       # still in the call when we detached
        self.dump = None            # -e read=/write= hex dump lines
        self.sp = sp                # the stack pointer at entry
        self.saved = None           # what a decoder's enter() keeps for its exit()
        self.stack = None           # -k: the frames of the call (minitrace.stack)
        self.python_stack = None    # --py-stack: its Python frames (minitrace.pystack)

    def __repr__(self):
        return "<Syscall %s pid=%d ret=%r>" % (self.name, self.pid, self.ret)


class Event(object):
    """A non-syscall event: kind plus pid and a few named details."""

    __slots__ = ("kind", "pid", "signal", "status", "core", "text", "count", "abi", "time", "other",
                 "last_nr", "ip", "stack", "python_stack")

    def __init__(self, kind, pid, signal=None, status=None, core=False, text=None,
                 count=None, abi=None, other=None):
        self.kind = kind
        self.pid = pid
        self.signal = signal
        self.status = status
        self.core = core
        self.text = text
        self.count = count
        self.abi = abi
        self.other = other
        self.time = None
        self.last_nr = None
        self.ip = None
        self.stack = None
        self.python_stack = None

    def __repr__(self):
        return "<Event %s pid=%d>" % (self.kind, self.pid)
