#!/usr/bin/env python3
"""Run the test suite on a fresh machine: installs what the tests need, then runs pytest.

Usage: python3 tools/test.py [pytest arguments]     (default: the whole suite, tests/)
Needs: gcc, strace, gcc-multilib, qemu-system-arm/-misc/-ppc (apt-get), pytest (from
requirements-test.txt). `python3 tools/test.py -m "not slow"` leaves out the qemu proof.
"""
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def have_pytest():
    try:
        import pytest  # noqa: F401
        return True
    except ImportError:
        return False


def ensure_apt_lists():
    """The header-regeneration test downloads Debian packages: apt needs its package lists."""
    lists = "/var/lib/apt/lists"
    has_lists = os.path.isdir(lists) and any("Packages" in f for f in os.listdir(lists))
    if not has_lists and os.geteuid() == 0:
        subprocess.check_call(["apt-get", "update", "-qq"])


# Debian package -> a program it installs; the qemu ones (and qemu-system-data, their firmware:
# OpenSBI, SLOF, s390-ccw) are for tests/test_qemu_proof.py
PACKAGES = (("gcc", "gcc"), ("strace", "strace"), ("cpp", "cpp"),
            ("qemu-system-arm", "qemu-system-aarch64"), ("qemu-system-misc", "qemu-system-riscv64"),
            ("qemu-system-ppc", "qemu-system-ppc64"))


def ensure_debian_packages():
    missing = [p for p, tool in PACKAGES if not shutil.which(tool)]
    if os.uname().machine == "x86_64" and ("gcc" in missing or not _multilib_ok()):
        missing.append("gcc-multilib")          # gcc -m32, for the i386 tests
    if not missing:
        return
    if os.geteuid() != 0:
        sys.exit("tools/test.py: please install %s (apt-get install %s)"
                 % (" ".join(missing), " ".join(missing)))
    subprocess.check_call(["apt-get", "update", "-qq"])
    subprocess.check_call(["apt-get", "install", "-y", "-qq", "--no-install-recommends"] + missing)


def _multilib_ok():
    try:
        out = subprocess.run(["gcc", "-m32", "-print-file-name=crt1.o"], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, universal_newlines=True).stdout.strip()
    except OSError:
        return False
    return os.path.isabs(out)


def main():
    ensure_apt_lists()
    ensure_debian_packages()
    if not have_pytest():
        subprocess.check_call([sys.executable, "-m", "pip", "install", "-q", "-r",
                               os.path.join(ROOT, "requirements-test.txt")])
    args = sys.argv[1:] or ["tests"]
    os.chdir(ROOT)
    return subprocess.call([sys.executable, "-m", "pytest", "-q"] + args)


if __name__ == "__main__":
    sys.exit(main())
