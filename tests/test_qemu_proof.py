"""The proof on real foreign kernels (tools/qemu_proof.py): Debian's kernel of each architecture
boots under qemu with Debian's python3, strace and busybox, and minitrace's traces of the same
programs must match strace's there, on both register paths. Slow (about a minute per
architecture, plus the first download): marked `slow`, so `pytest -m "not slow"` leaves it out;
`python3 tools/test.py` (CI) runs it. Missing qemu or packages FAIL it, with the script's reason.

The architectures chosen for the session run side by side, as many at a time as this process
has CPUs (each guest is one emulating qemu, one CPU busy; each has its own cache folder), started
by the first of these tests; each test then waits for its own architecture's result."""
import os
import signal
import subprocess
import sys
import threading

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCRIPT = os.path.join(ROOT, "tools", "qemu_proof.py")
# every architecture the script covers; aarch64 and riscv64 are the ones issue #8 requires
ARCHS = ["aarch64", "riscv64", "armhf", "ppc64el", "s390x"]
TIMEOUT = 20 * 60     # a cold cache downloads about 25 MB per architecture first

pytestmark = pytest.mark.slow


def side_by_side():
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def kill_group(proc):
    """End the script (SIGTERM: it kills its guest) and its session, if still there."""
    if proc.poll() is not None:
        return
    for signum, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, None)):
        try:
            os.killpg(proc.pid, signum)
        except OSError:
            return
        try:
            proc.wait(wait)
            return
        except subprocess.TimeoutExpired:
            continue


class Proofs(object):
    """tools/qemu_proof.py for each of ARCHS, at most `width` running at once; result(arch) is
    (exit status or None after TIMEOUT, output)."""

    def __init__(self, archs, width):
        self.results = {}
        self.procs = {}
        self.done = threading.Condition()
        self.slots = threading.Semaphore(width)
        self.stopped = False
        self.threads = [threading.Thread(target=self._run, args=(arch,)) for arch in archs]
        for t in self.threads:
            t.start()

    def _run(self, arch):
        try:
            result = self._prove(arch)
        except Exception as e:        # never leave its test waiting
            result = (None, "could not run tools/qemu_proof.py: %s: %s" % (type(e).__name__, e))
        with self.done:
            self.results[arch] = result
            self.done.notify_all()

    def _prove(self, arch):
        with self.slots:
            with self.done:
                if self.stopped:
                    return None, "not run: the test session was ending"
                proc = self.procs[arch] = subprocess.Popen(
                    [sys.executable, SCRIPT, "--arch", arch], stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT, cwd=ROOT, start_new_session=True)
            try:
                out = proc.communicate(timeout=TIMEOUT)[0]
                return proc.returncode, out.decode("utf-8", "replace")
            except subprocess.TimeoutExpired:
                kill_group(proc)
                return None, "no result after %d s:\n%s" % (
                    TIMEOUT, proc.communicate()[0].decode("utf-8", "replace")[-4000:])

    def result(self, arch):
        with self.done:
            while arch not in self.results:
                self.done.wait()
            return self.results[arch]

    def stop(self):
        """Kill what still runs (an interrupted session) and wait for the threads."""
        with self.done:
            self.stopped = True
            for proc in self.procs.values():
                kill_group(proc)
        for t in self.threads:
            t.join()


@pytest.fixture(scope="module")
def proofs(request):
    wanted = [item.callspec.params["arch"] for item in request.session.items
              if getattr(item, "originalname", None) == "test_traces_match_strace_under_qemu"
              and hasattr(item, "callspec")]
    runs = Proofs([a for a in ARCHS if a in wanted] or ARCHS, side_by_side())
    yield runs
    runs.stop()


@pytest.mark.parametrize("arch", ARCHS)
def test_traces_match_strace_under_qemu(arch, proofs):
    status, out = proofs.result(arch)
    if status is None:
        pytest.fail("tools/qemu_proof.py --arch %s: %s" % (arch, out))
    summary = [l for l in out.splitlines() if l.split(" ", 1)[0] in ("ok", "MISMATCH")]
    assert status == 0, "tools/qemu_proof.py --arch %s failed:\n%s" % (arch, out[-8000:])
    assert len(summary) == 1 and summary[0].startswith("ok ") and (" %s: " % arch) in summary[0], out
    # it compared something (the guest's @@MT DONE marker, checked by the script, says that
    # every case ran on both register paths)
    assert ": 0 lines compared" not in summary[0], summary[0]
