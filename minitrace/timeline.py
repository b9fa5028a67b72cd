"""`--timeline FILE`: the trace as Chrome trace-event JSON (the JSON Object Format that Perfetto's
UI and chrome://tracing open), written alongside the normal output.

One track per thread (tid), grouped by process (thread-group id) and named by command; each
syscall a complete event ("X": start, duration, name, the decoded arguments and result as
args); signals, exits, attaches and detaches instant events ("i"); a fork, vfork or clone a
flow ("s" at the parent's call, "f" at the child's first event); an execve an instant event and
a new process name. Events are written as they come (memory does not grow with the trace);
the names and the closing bracket at the end. Schema: docs/timeline.md. Never prints to the
trace output, never calls ptrace.
"""
import json
import time

from minitrace.convert import syscall_fields
from minitrace.events import (ATTACHED, DETACHED, EXIT, GROUP_STOP, PROCESS_EXIT, SIGNAL,
                              SUPERSEDED)

FORKS = frozenset(("fork", "vfork", "clone", "clone3"))
EXECS = frozenset(("execve", "execveat"))


def _proc_value(tid):
    """(Tgid, comm) of a live task from /proc, or (None, None)."""
    try:
        with open("/proc/%d/status" % tid) as f:
            head = f.read(4096)
    except (IOError, OSError):
        return None, None
    tgid = comm = None
    for line in head.splitlines():
        if line.startswith("Tgid:"):
            tgid = int(line.split()[1])
        elif line.startswith("Name:"):
            comm = line.split(None, 1)[1] if len(line.split(None, 1)) > 1 else ""
    return tgid, comm


def _us(seconds):
    return int(round(seconds * 1e6))


class Timeline(object):
    """A consumer of engine events (session.dispatch) writing one trace-event file."""

    def __init__(self, path, ctx, host_abi, proc=_proc_value):
        self.file = open(path, "w")
        self.ctx = ctx
        self.host_abi = host_abi
        self.proc = proc
        self.first = True
        self.tgid = {}            # tid -> thread-group id (the track's process)
        self.names = {}           # tgid -> command
        self.threads = {}         # tid -> command at first sight
        self.flows = {}           # child tid -> flow id of the fork that made it
        self.next_flow = 1
        self.last_ts = 0
        self.file.write('{"displayTimeUnit": "ms", "traceEvents": [\n')
        self.handlers = {EXIT: self.syscall, SIGNAL: self.signal, GROUP_STOP: self.signal,
                         PROCESS_EXIT: self.process_exit, ATTACHED: self.attached,
                         DETACHED: self.detached, SUPERSEDED: self.superseded}

    # -- bookkeeping -----------------------------------------------------------------------
    def _write(self, event):
        if not self.first:
            self.file.write(",\n")
        self.first = False
        self.file.write(json.dumps(event, sort_keys=True, default=str))

    def _track(self, tid):
        """The (pid, tid) pair of a task's track; learns its process and name once."""
        pid = self.tgid.get(tid)
        if pid is None:
            tgid, comm = self.proc(tid)
            pid = self.tgid[tid] = tgid or tid
            self.threads[tid] = comm or str(tid)
            self.names.setdefault(pid, comm or str(pid))
        return pid, tid

    def _instant(self, ev, name, args=None):
        pid, tid = self._track(ev.pid)
        ts = _us(ev.time if ev.time is not None else time.time())
        self.last_ts = max(self.last_ts, ts)
        event = {"ph": "i", "s": "t", "name": name, "cat": "process", "pid": pid, "tid": tid,
                 "ts": ts}
        if args:
            event["args"] = args
        self._write(event)
        self._flow_end(ev.pid, pid, ts)

    def _flow_end(self, tid, pid, ts):
        flow = self.flows.pop(tid, None)
        if flow is not None:
            self._write({"ph": "f", "bp": "e", "id": flow, "name": "fork", "cat": "process",
                         "pid": pid, "tid": tid, "ts": ts})

    # -- handlers --------------------------------------------------------------------------
    def syscall(self, call):
        if call.start is None:
            return
        pid, tid = self._track(call.pid)
        fields = syscall_fields(self.ctx, call)
        start = _us(call.start)
        end = _us(call.end) if call.end is not None else start
        self.last_ts = max(self.last_ts, end)
        self._flow_end(call.pid, pid, start)
        args = {"args": fields["args_text"], "ret": fields["ret_text"]}
        if fields["errno"]:
            args["errno"] = fields["errno"]
        self._write({"ph": "X", "name": call.name, "cat": "syscall", "pid": pid, "tid": tid,
                     "ts": start, "dur": max(end - start, 0), "args": args})
        if call.name in FORKS and call.ret is not None and call.ret > 0:
            flow = self.flows[call.ret] = self.next_flow
            self.next_flow += 1
            self._write({"ph": "s", "id": flow, "name": "fork", "cat": "process", "pid": pid,
                         "tid": tid, "ts": start})
        elif call.name in EXECS and call.ret == 0:
            _, comm = self.proc(call.pid)
            if comm:
                self.names[pid] = comm
                self.threads[tid] = comm
            self._write({"ph": "i", "s": "p", "name": "exec %s" % (comm or ""), "cat": "process",
                         "pid": pid, "tid": tid, "ts": end})

    def _signame(self, ev):
        from minitrace.decode import signals
        return signals.signame(self.ctx.constants(ev.abi or self.host_abi), ev.signal)

    def signal(self, ev):
        name = self._signame(ev)
        if ev.kind != SIGNAL:
            self._instant(ev, "stopped by %s" % name)
            return
        from minitrace.decode import signals
        info = signals.siginfo(self.ctx.constants(ev.abi or self.host_abi), ev.other) \
            if ev.other else None
        self._instant(ev, name, {"siginfo": info} if info else None)

    def process_exit(self, ev):
        if ev.signal:
            self._instant(ev, "killed by %s" % self._signame(ev))
        else:
            self._instant(ev, "exited with %s" % ev.status)

    def attached(self, ev):
        if ev.other is None:              # -p, or the started command: no fork flow
            self._instant(ev, "attached")
        else:
            self._track(ev.pid)

    def detached(self, ev):
        self._instant(ev, "detached")

    def superseded(self, ev):
        self._instant(ev, "superseded by execve", {"former": ev.other})

    def close(self):
        """Metadata (process and thread names) and the closing brackets."""
        if self.file is None:
            return
        for pid, name in sorted(self.names.items()):
            self._write({"ph": "M", "name": "process_name", "pid": pid, "tid": pid,
                         "args": {"name": "%s (%d)" % (name, pid)}})
        for tid, name in sorted(self.threads.items()):
            self._write({"ph": "M", "name": "thread_name", "pid": self.tgid[tid], "tid": tid,
                         "args": {"name": "%s %d" % (name, tid)}})
        self.file.write("\n]}\n")
        self.file.close()
        self.file = None
