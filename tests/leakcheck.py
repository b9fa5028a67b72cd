"""The leak check of a test session: what the tests leave behind fails the run.

At the start of a session (conftest.pytest_configure) the pytest process
- moves into an IPC namespace of its own (unshare(CLONE_NEWIPC), as root), so every System V
  IPC object seen at the end was made by this session (another suite running at the same time
  has its own): objects still there at the end are leaks;
- marks its environment (MINITRACE_TEST_SESSION) so that every process a test starts carries
  the mark, whoever its parent is by then: a marked process still running at the end is a leak;
- points TMPDIR at a fresh folder: anything left in it (pytest's own tmp_path folders aside)
  is a leak.
At the end each leak is named, then removed (killed, IPC_RMID, deleted), so that a failing run
does not leave it for the next one either. Nothing here asserts a time.
"""
import ctypes
import ctypes.util
import os
import shutil
import signal
import subprocess
import tempfile
import time

CLONE_NEWIPC = 0x08000000      # linux/sched.h
MARK = "MINITRACE_TEST_SESSION"
SYSV_KINDS = (("msg", "-q"), ("shm", "-m"), ("sem", "-s"))   # /proc/sysvipc/NAME, ipcrm flag


def _unshare_ipc():
    """True when this process now has an IPC namespace of its own."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.unshare(CLONE_NEWIPC) == 0
    except (OSError, AttributeError):
        return False


def sysv_objects():
    """{(kind, id)} of the System V IPC objects this IPC namespace holds."""
    found = set()
    for kind, _ in SYSV_KINDS:
        try:
            with open("/proc/sysvipc/%s" % kind) as f:
                next(f, None)
                for line in f:
                    fields = line.split()
                    if len(fields) > 1:
                        found.add((kind, int(fields[1])))
        except (IOError, OSError):
            pass
    return found


def _parent(pid):
    with open("/proc/%d/stat" % pid) as f:
        stat = f.read()
    return int(stat[stat.rindex(")") + 2:].split()[1])


def _descends_from(pid, ancestor):
    while pid > 1:
        pid = _parent(pid)
        if pid == ancestor:
            return True
    return False


def marked_processes(mark):
    """{pid: command} of live processes (not zombies) whose environment carries MARK=mark.
    A process in the middle of an execve shows an empty environment (the kernel sets the new
    one's bounds after it has closed the close-on-exec descriptors, which is when Popen
    returns): such a process counts when it descends from this one."""
    needle = ("%s=%s" % (MARK, mark)).encode()
    found = {}
    me = os.getpid()
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) == me:
            continue
        try:
            with open("/proc/%s/environ" % name, "rb") as f:
                environ = f.read()
            if needle not in environ.split(b"\0") and (
                    environ or not _descends_from(int(name), me)):
                continue
            with open("/proc/%s/stat" % name) as f:
                stat = f.read()
            if stat[stat.rindex(")") + 2:].startswith("Z"):
                continue
            with open("/proc/%s/cmdline" % name, "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode("utf-8", "replace").strip()
            found[int(name)] = cmd[:200]
        except (IOError, OSError, ValueError):
            continue
    return found


class Session(object):
    def __init__(self):
        self.mark = "%d.%d" % (os.getpid(), int(time.time() * 1000))
        os.environ[MARK] = self.mark
        self.private_ipc = _unshare_ipc()
        self.ipc_before = sysv_objects()
        self.tmp = tempfile.mkdtemp(prefix="mt-session.")  # no "strace" in test paths
        os.chmod(self.tmp, 0o1777)    # like /tmp: tests that run as nobody create files there
        os.environ["TMPDIR"] = self.tmp
        tempfile.tempdir = None

    def finish(self, grace=10.0):
        """One line per leak (empty: nothing left behind); removes what it names."""
        leaks = []
        # processes: allow those being torn down at this moment to finish dying
        deadline = time.time() + grace
        procs = marked_processes(self.mark)
        while procs and time.time() < deadline:
            time.sleep(0.2)
            procs = marked_processes(self.mark)
        for pid, cmd in sorted(procs.items()):
            leaks.append("process %d still running: %s" % (pid, cmd))
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        where = "" if self.private_ipc else " (shared IPC namespace: maybe another user's)"
        flags = dict(SYSV_KINDS)
        for kind, ident in sorted(sysv_objects() - self.ipc_before):
            leaks.append("System V %s id %d left behind%s" % (kind, ident, where))
            if self.private_ipc:
                subprocess.call(["ipcrm", flags[kind], str(ident)])
        left = sorted(n for n in os.listdir(self.tmp) if not n.startswith("pytest-of-"))
        for name in left:
            leaks.append("temporary file left behind: %s" % os.path.join("$TMPDIR", name))
        shutil.rmtree(self.tmp, ignore_errors=True)
        return leaks
