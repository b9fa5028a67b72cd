"""syscalls/ is exactly what tools/gen_syscalls.py makes from the pinned header packages."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(*args):
    p = subprocess.Popen([sys.executable] + list(args), cwd=ROOT, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, universal_newlines=True)
    out, err = p.communicate()
    return p.returncode, out, err


def test_regenerate_gives_the_same_files():
    # A failed download fails this test (never a skip): CI must be able to fetch the headers.
    rc, out, err = run("tools/fetch_headers.py", "--quiet")
    assert rc == 0, "fetch_headers.py failed: " + err.strip()
    rc, out, err = run("tools/gen_syscalls.py", "--check")
    assert rc == 0, "gen_syscalls.py --check failed: %s\n%s" % (err.strip(), out[:5000])
