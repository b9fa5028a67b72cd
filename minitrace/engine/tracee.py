"""What the engine keeps per traced task, and the error it reports in one line."""


class TraceError(Exception):
    """A problem to report in one line (the CLI prints it as `minitrace: MESSAGE`)."""


class Tracee(object):
    __slots__ = ("pid", "in_syscall", "call", "abi", "table", "startup", "last_nr",
                 "spawned", "attached", "execed", "injected")

    def __init__(self, pid, startup=False, spawned=False, attached=False):
        self.pid = pid
        self.in_syscall = False
        self.call = None
        self.abi = None
        self.table = None
        self.startup = startup        # spawned child before its execve: print nothing
        self.last_nr = None
        self.spawned = spawned
        self.attached = attached      # attached with -p (detach leaves it running)
        self.execed = not spawned     # a spawned child before its first successful execve
        self.injected = None          # the inject.Rule acting on the call in progress

