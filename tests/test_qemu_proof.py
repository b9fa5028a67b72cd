"""The proof on real foreign kernels (tools/qemu_proof.py): Debian's kernel of each architecture
boots under qemu with Debian's python3, strace and busybox, and minitrace's traces of the same
programs must match strace's there, on both register paths. Slow (about a minute per
architecture, plus the first download): marked `slow`, so `pytest -m "not slow"` leaves it out;
`python3 tools/test.py` (CI) runs it. Missing qemu or packages FAIL it, with the script's reason.

The architectures chosen for the session run side by side, as many at a time as this process
has CPUs (each guest is one emulating qemu, one CPU busy; each has its own cache folder), started
by the first of these tests; each test then waits for its own architecture's result."""
import concurrent.futures
import os
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


def end(proc):
    """End the script if it still runs: SIGTERM (it kills its guest; the guest also dies
    with it), then SIGKILL."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class Proofs(object):
    """tools/qemu_proof.py for each of ARCHS, at most `width` running at once; result(arch) is
    (exit status, or None when it gave no result, and its output or why)."""

    def __init__(self, archs, width):
        self.procs = []
        self.lock = threading.Lock()
        self.stopped = False
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=width)
        self.futures = dict((arch, self.pool.submit(self._prove, arch)) for arch in archs)

    def _prove(self, arch):
        with self.lock:
            if self.stopped:
                return None, "not run: the test session was ending"
            # in our process group: a Ctrl-C or a group signal reaches it too
            proc = subprocess.Popen([sys.executable, SCRIPT, "--arch", arch],
                                    stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=ROOT)
            self.procs.append(proc)
        try:
            out = proc.communicate(timeout=TIMEOUT)[0]
            return proc.returncode, out.decode("utf-8", "replace")
        except subprocess.TimeoutExpired:
            end(proc)
            return None, "no result after %d s:\n%s" % (
                TIMEOUT, proc.communicate()[0].decode("utf-8", "replace")[-4000:])

    def result(self, arch):
        try:
            return self.futures[arch].result()
        except Exception as e:        # e.g. Popen failed: the test says why
            return None, "could not run tools/qemu_proof.py: %s: %s" % (type(e).__name__, e)

    def stop(self):
        """Kill what still runs (an interrupted session) and wait for the workers."""
        with self.lock:
            self.stopped = True
            procs = list(self.procs)
        for proc in procs:
            end(proc)
        self.pool.shutdown(wait=True)


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
