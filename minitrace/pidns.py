"""--decode-pids=pidns (--pidns-translation) and --decode-pids=comm (-Y): what a pid the tracee
printed means in the tracer's PID namespace, and the command name of a process.

The one place that reads /proc for pids; decoders go through `decode.common.pid_arg`, the
renderer through `PidDecorator.prefix_comm`. The method is strace 6.1's (its src/pidns.c):

- A process's PID namespaces are the inode numbers of /proc/PID/ns/pid and of its parents
  (ioctl NS_GET_PARENT, up to the namespace the tracer may see: EPERM ends the walk). Its ids
  in them are the `NSpid:`/`NStgid:`/`NSpgid:`/`NSsid:` lines of /proc/PID/status, outermost
  first (the namespace /proc was mounted from down to the process's own).
- The pid N of a tracee's namespace is found by looking for the process whose id in that
  namespace is N; its id at our level is the answer. Where to look, in order: the process that
  answered last time for (kind, namespace, N); the processes read before (re-read to be sure
  they still say so); then every /proc entry, each process's threads first.
- When the tracee is in our namespace and /proc is ours (its `NSpid:` has one id) there is
  nothing to read: the pid is its own translation.

The reads go through a `ProcFS` (tests give a fake one); `Translator` keeps the caches.
"""
import errno
import os
from fcntl import ioctl as _ioctl

TID, TGID, PGID, SID = "tid", "tgid", "pgid", "sid"
# each at the start of its line of /proc/PID/status
_STATUS_KEYS = {TID: b"\nNSpid:\t", TGID: b"\nNStgid:\t", PGID: b"\nNSpgid:\t",
                SID: b"\nNSsid:\t"}
_STATUS_CHUNK = 4096
MAX_NS_DEPTH = 32           # the kernel's limit on nested PID namespaces (since Linux 3.7)
COMM_LEN = 16               # TASK_COMM_LEN: /proc/PID/comm holds at most 15 bytes and "\n"
_INT_MAX = 0x7fffffff


class ProcFS(object):
    """The reads of /proc the translation makes. `ns_get_parent`: the NS_GET_PARENT request
    (linux/nsfs.h, from the host ABI's constants); `report(message)`: strace's warnings."""

    def __init__(self, ns_get_parent, report=None, root="/proc"):
        self.ns_get_parent = ns_get_parent
        self.report = report or (lambda message: None)
        self.root = root
        # NS_GET_PARENT said ENOTTY once (or is unknown here): no translation, as strace
        self.parents_unsupported = ns_get_parent is None

    def _path(self, pid, name):
        return "%s/%s/%s" % (self.root, pid or "self", name)

    def ns_hierarchy(self, pid, limit=MAX_NS_DEPTH):
        """The inode numbers of process `pid`'s PID namespace and its parents, innermost first,
        at most `limit` of them; [] when unreadable. `pid` 0: the tracer itself."""
        try:
            fd = os.open(self._path(pid, "ns/pid"), os.O_RDONLY)
        except OSError:
            return []
        found = []
        try:
            while len(found) < limit:
                try:
                    found.append(os.fstat(fd).st_ino)
                except OSError:
                    break
                if len(found) >= limit or self.parents_unsupported:
                    break
                try:
                    parent = _ioctl(fd, self.ns_get_parent)
                except (IOError, OSError) as e:
                    if e.errno == errno.ENOTTY:
                        self.parents_unsupported = True
                        self.report("NS_* ioctl commands are not supported by the kernel")
                    elif e.errno != errno.EPERM:
                        self.report("get_ns_hierarchy: ioctl(NS_GET_PARENT): %s"
                                    % os.strerror(e.errno))
                    break
                os.close(fd)
                fd = parent
        finally:
            os.close(fd)
        return found

    def id_list(self, pid, kind):
        """The ids of `kind` in /proc/PID/status (outermost namespace first); [] when
        unreadable. `pid` 0: the tracer itself. Read as bytes with os.read: this runs at each
        pid a tracee prints under --pidns-translation (strace's pidns-cache test times it)."""
        key = _STATUS_KEYS[kind]
        try:
            fd = os.open(self._path(pid, "status"), os.O_RDONLY)
        except OSError:
            return []
        data = b""
        start = end = -1
        try:
            while end < 0:            # up to the end of the key's line, as strace's getline
                chunk = os.read(fd, _STATUS_CHUNK)
                if not chunk:
                    break
                data += chunk
                if start < 0:
                    start = data.find(key)
                if start >= 0:
                    end = data.find(b"\n", start + len(key))
        except OSError:
            return []
        finally:
            os.close(fd)
        if start < 0:
            return []
        ids = []
        for word in data[start + len(key):end if end >= 0 else len(data)].split(b"\t"):
            try:
                n = int(word)
            except ValueError:
                break
            if n < 0 or n > _INT_MAX:
                break
            ids.append(n)
        return ids[:MAX_NS_DEPTH]

    def _numbered(self, folder):
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return []
        out = []
        for entry in entries:
            name = entry.name
            if not name.isdigit():
                continue
            try:
                if not entry.is_dir(follow_symlinks=False):
                    continue
            except OSError:
                continue
            n = int(name)
            if 1 <= n <= _INT_MAX:
                out.append(n)
        return out

    def processes(self):
        """The pids /proc lists, in directory order."""
        return self._numbered(self.root)

    def threads(self, pid):
        """The thread ids of /proc/PID/task."""
        return self._numbered(os.path.join(self.root, str(pid), "task"))

    def comm(self, pid):
        """The first line of /proc/PID/comm (at most 15 bytes, no newline), b"" if none."""
        try:
            with open(self._path(pid, "comm"), "rb") as f:
                data = f.read(COMM_LEN - 1)
        except (IOError, OSError):
            return b""
        cut = data.find(b"\n")
        if cut >= 0:                  # fgets stops after the first newline
            data = data[:cut + 1]
        return data.rstrip(b"\n")


class _Process(object):
    """What was read of one /proc entry: its namespaces (innermost first) and its ids."""
    __slots__ = ("proc_pid", "ns", "ids")

    def __init__(self, proc_pid):
        self.proc_pid = proc_pid
        self.ns = []
        self.ids = {}

    def our_id(self, from_ns, from_id, kind):
        """Its id at our level if its id in namespace `from_ns` is `from_id`, else 0."""
        ids = self.ids.get(kind)
        depth = len(self.ns)
        if not depth or ids is None or len(ids) < depth:
            return 0
        for i, ns in enumerate(self.ns):
            if ns == from_ns:
                return ids[len(ids) - depth] if ids[len(ids) - i - 1] == from_id else 0
        return 0


class Translator(object):
    """Pids of a tracee's namespace -> pids of ours, with strace's caches."""

    def __init__(self, proc):
        self.proc = proc
        self._our_ns = None
        self._proc_is_ours = None
        self._tracee_ns = {}          # tracee pid (ours) -> its namespace (once known)
        self._answered = {}           # (kind, namespace, id) -> proc pid that answered
        self._processes = {}          # proc pid -> _Process
        self._own = {}                # tracee -> {TID/TGID: (its id in its namespace, ours)}

    def our_ns(self):
        if self._our_ns is None:
            found = self.proc.ns_hierarchy(0, 1)
            self._our_ns = found[0] if found else 0
        return self._our_ns

    def proc_is_ours(self):
        """Whether /proc was mounted from our PID namespace."""
        if self._proc_is_ours is None:
            self._proc_is_ours = len(self.proc.id_list(0, TID)) <= 1
        return self._proc_is_ours

    def tracee_ns(self, tracee):
        ns = self._tracee_ns.get(tracee)
        if ns is None:
            ns = 0
            proc_pid = self.translate(None, tracee, TID, True)[1]
            if proc_pid:
                found = self.proc.ns_hierarchy(proc_pid, 1)
                ns = found[0] if found else 0
            if ns:
                self._tracee_ns[tracee] = ns
        return ns

    def forget(self, tracee):
        """A tracee is gone: its pid may come back in another namespace."""
        self._tracee_ns.pop(tracee, None)
        self._own.pop(tracee, None)

    def _own_ids(self, tracee):
        """A tracee's own thread and process ids, {TID/TGID: (in its namespace, in ours)},
        read once: they do not change while it lives (a thread that execs takes its leader's
        ids, and the engine forgets its old pid). {} when unreadable (not kept)."""
        own = self._own.get(tracee)
        if own is None:
            own = {}
            proc_pid = self.proc_pid(tracee)
            ns = self.proc.ns_hierarchy(proc_pid) if proc_pid else []
            for kind in (TID, TGID) if ns else ():
                ids = self.proc.id_list(proc_pid, kind)
                if len(ids) >= len(ns):
                    own[kind] = (ids[-1], ids[len(ids) - len(ns)])
            if own:
                self._own[tracee] = own
        return own

    def to_ours(self, tracee, pid, kind):
        """Pid `pid` (of `kind`) of tracee `tracee`'s namespace in ours, or 0 if unknown.
        `tracee` None: `pid` is of our namespace already."""
        return self.translate(tracee, pid, kind)[0]

    def proc_pid(self, pid):
        """The /proc entry of our pid `pid` (strace's get_proc_pid), or 0."""
        return self.translate(None, pid, TID, True)[1]

    def translate(self, tracee, pid, kind, want_proc=False):
        """(pid in our namespace, its /proc pid when want_proc), zeros when unknown."""
        if pid <= 0:
            return 0, 0
        our_ns = self.our_ns()
        from_ns = our_ns if tracee is None else self.tracee_ns(tracee)
        if from_ns == our_ns and (not want_proc or self.proc_is_ours()):
            return pid, pid
        if not from_ns or self.proc.parents_unsupported:
            return 0, 0
        if tracee is not None and not want_proc and (kind == TID or kind == TGID):
            # its own pid (getpid, gettid): no /proc reads. strace re-reads two /proc files
            # a call here; at Python's cost that made the pidns-cache test of strace's suite
            # (at most 20 times slower than untranslated) fail on a loaded machine
            own = self._own_ids(tracee).get(kind)
            if own is not None and own[0] == pid:
                return own[1], 0
        key = (kind, from_ns, pid)
        result, found = 0, None
        cached = self._answered.get(key)
        if cached:
            result, found = self._reread(cached, from_ns, pid, kind)
        if not result:
            for proc_pid in sorted(self._processes):
                known = self._processes.get(proc_pid)
                if known is None or not known.our_id(from_ns, pid, kind):
                    continue
                result, found = self._reread(proc_pid, from_ns, pid, kind)
                if result:
                    break
        if not result:
            result, found = self._scan(from_ns, pid, kind)
        if not result:
            return 0, 0
        self._answered[key] = found.proc_pid
        return result, found.proc_pid

    def _reread(self, proc_pid, from_ns, from_id, kind):
        """Read /proc/proc_pid again (forgotten if gone) and ask it."""
        known = self._processes.get(proc_pid)
        if known is None:
            known = self._processes[proc_pid] = _Process(proc_pid)
        known.ns = self.proc.ns_hierarchy(proc_pid)
        ids = self.proc.id_list(proc_pid, kind) if known.ns else []
        if not ids:
            del self._processes[proc_pid]
            return 0, None
        known.ids[kind] = ids
        result = known.our_id(from_ns, from_id, kind)
        return (result, known) if result else (0, None)

    def _scan(self, from_ns, from_id, kind):
        """Every /proc entry, each process's threads first."""
        proc = self.proc
        for pid in proc.processes():
            for tid in proc.threads(pid):
                result, found = self._reread(tid, from_ns, from_id, kind)
                if result:
                    return result, found
            result, found = self._reread(pid, from_ns, from_id, kind)
            if result:
                return result, found
        return 0, None


def quote_comm(data, hex_strings="none"):
    """A command name inside `<...>` as strace prints it (string_quote without the quotes,
    `<` and `>` escaped too); -x/-xx apply."""
    if hex_strings == "all" or (hex_strings == "non-ascii" and any(
            c > 0x7e or (c < 0x20 and not 9 <= c <= 13) for c in bytearray(data))):
        return "".join("\\x%02x" % c for c in bytearray(data))
    out = []
    data = bytearray(data)
    for i, c in enumerate(data):
        if c in (0x22, 0x5c):
            out.append("\\" + chr(c))
        elif c in _NAMED_ESCAPES:
            out.append(_NAMED_ESCAPES[c])
        elif 0x20 <= c < 0x7f and c not in (0x3c, 0x3e):
            out.append(chr(c))
        elif hex_strings == "non-ascii-chars":
            out.append("\\x%02x" % c)
        elif i + 1 < len(data) and 0x30 <= data[i + 1] <= 0x37:
            out.append("\\%03o" % c)
        else:
            out.append("\\%o" % c)
    return "".join(out)


_NAMED_ESCAPES = {0x0c: "\\f", 0x0a: "\\n", 0x0d: "\\r", 0x09: "\\t", 0x0b: "\\v"}


def comm_suffix(data, hex_strings="none"):
    """`<name>`, or nothing for an empty (unreadable) name."""
    return "<%s>" % quote_comm(data, hex_strings) if data else ""


class PidDecorator(object):
    """What -Y and --pidns-translation add after a pid (strace's printpid) and in the line
    prefix. `kinds`: the set of --decode-pids= words."""

    def __init__(self, kinds, translator, hex_strings="none"):
        self.show_comm = "comm" in kinds
        self.show_ns = "pidns" in kinds
        self.translator = translator
        self.hex_strings = hex_strings
        self._prefix_comm = {}        # tracee -> its name as last read (for its +++ line)

    def suffix(self, tracee, pid, kind, hex_strings=None):
        """After pid `pid` of tracee `tracee`'s namespace (tracee None: of ours): `<comm>`
        (-Y, thread and process ids only) and ` /* N in strace's PID NS */` when it differs."""
        comm = self.show_comm and (kind == TID or kind == TGID)
        if not (comm or self.show_ns):
            return ""
        ours = self.translator.to_ours(tracee, pid, kind)
        if not ours:
            return ""
        text = ""
        if comm:
            text = comm_suffix(self.translator.proc.comm(ours),
                               self.hex_strings if hex_strings is None else hex_strings)
        if self.show_ns and ours != pid:
            text += " /* %d in strace's PID NS */" % ours
        return text

    def prefix_comm(self, tracee):
        """`<comm>` of a tracee for the line prefix with -Y ("" without -Y): read again while
        it lives (a name set by prctl or execve shows at once), the last one read after."""
        if not self.show_comm:
            return ""
        proc_pid = self.translator.proc_pid(tracee)
        data = self.translator.proc.comm(proc_pid) if proc_pid else b""
        if data:
            text = self._prefix_comm[tracee] = comm_suffix(data, self.hex_strings)
            return text
        return self._prefix_comm.get(tracee, "")

    def forget(self, tracee):
        """After a tracee's last line: the name kept for it (the translator is told by the
        engine, Engine._forget, for every consumer)."""
        self._prefix_comm.pop(tracee, None)


def translator(host_abi, report=None):
    """A Translator reading this machine's /proc."""
    import syscalls
    request = syscalls.constants(host_abi).get("NS_GET_PARENT")
    return Translator(ProcFS(request, report))


def name_tracer(name, host_abi):
    """With -Y on the command line: give the tracer's process the name it was invoked by
    (`strace`, `minitrace`) rather than the interpreter's (`python3`), as strace's own
    /proc/self/comm reads; pids of the tracer (a getppid of the traced command) and a spawned
    command before its execve show it."""
    import ctypes
    import syscalls
    from minitrace import libc
    option = syscalls.constants(host_abi).get("PR_SET_NAME")
    if option is None or not name:
        return
    comm = os.path.basename(name).encode("utf-8", "replace")[:COMM_LEN - 1]
    buf = ctypes.create_string_buffer(comm)
    try:
        libc.prctl(option, ctypes.addressof(buf))
    except OSError:
        pass
