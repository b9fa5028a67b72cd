"""The proof on real foreign kernels (tools/qemu_proof.py): Debian's kernel of each architecture
boots under qemu with Debian's python3, strace and busybox, and minitrace's traces of the same
programs must match strace's there, on both register paths. Slow (about half a minute per
architecture, plus the first download): marked `slow`, so `pytest -m "not slow"` leaves it out;
`python3 tools/test.py` (CI) runs it. Missing qemu or packages FAIL it, with the script's reason."""
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCRIPT = os.path.join(ROOT, "tools", "qemu_proof.py")
# every architecture the script covers; aarch64 and riscv64 are the ones issue #8 requires
ARCHS = ["aarch64", "riscv64", "armhf", "ppc64el", "s390x"]
TIMEOUT = 20 * 60     # a cold cache downloads about 25 MB per architecture first

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("arch", ARCHS)
def test_traces_match_strace_under_qemu(arch):
    proc = subprocess.Popen([sys.executable, SCRIPT, "--arch", arch], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, cwd=ROOT)
    try:
        out = proc.communicate(timeout=TIMEOUT)[0].decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        proc.kill()
        out = proc.communicate()[0].decode("utf-8", "replace")
        pytest.fail("tools/qemu_proof.py --arch %s: no result after %d s:\n%s"
                    % (arch, TIMEOUT, out[-4000:]))
    summary = [l for l in out.splitlines() if l.split(" ", 1)[0] in ("ok", "MISMATCH")]
    assert proc.returncode == 0, "tools/qemu_proof.py --arch %s failed:\n%s" % (arch, out[-8000:])
    assert len(summary) == 1 and summary[0].startswith("ok ") and (" %s: " % arch) in summary[0], out
    # it compared something (the guest's @@MT DONE marker, checked by the script, says that
    # every case ran on both register paths)
    assert ": 0 lines compared" not in summary[0], summary[0]
