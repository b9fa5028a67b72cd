#!/usr/bin/env python3
"""Run the test suite on a fresh machine: installs what the tests need, then runs pytest.

Usage: python3 tools/test.py [pytest arguments]     (default: the whole suite, tests/)
Needs: gcc, strace, gcc-12-multilib and libc6-dev-i386, qemu-system-arm/-misc/-ppc, the cross
compilers and qemu-user-static of CROSS_PACKAGES (apt-get), pytest (from requirements-test.txt).
`python3 tools/test.py -m "not slow"` leaves out the qemu proof.
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
            ("qemu-system-arm", "qemu-system-aarch64"),
            ("qemu-system-misc", "qemu-system-riscv64"),
            ("qemu-system-ppc", "qemu-system-ppc64"))


# tests/test_layouts_cross.py (on x86_64 hosts): each foreign ABI's cross gcc, its libc headers
# (only a Recommends of the gcc package) and qemu-user to run what it builds. (package, the
# command or file that shows it is installed)
CROSS_PACKAGES = (
    ("gcc-aarch64-linux-gnu", "aarch64-linux-gnu-gcc"),
    ("libc6-dev-arm64-cross", "/usr/aarch64-linux-gnu/include/stdio.h"),
    ("gcc-arm-linux-gnueabihf", "arm-linux-gnueabihf-gcc"),
    ("libc6-dev-armhf-cross", "/usr/arm-linux-gnueabihf/include/stdio.h"),
    ("gcc-riscv64-linux-gnu", "riscv64-linux-gnu-gcc"),
    ("libc6-dev-riscv64-cross", "/usr/riscv64-linux-gnu/include/stdio.h"),
    ("gcc-powerpc64le-linux-gnu", "powerpc64le-linux-gnu-gcc"),
    ("libc6-dev-ppc64el-cross", "/usr/powerpc64le-linux-gnu/include/stdio.h"),
    ("gcc-s390x-linux-gnu", "s390x-linux-gnu-gcc"),
    ("libc6-dev-s390x-cross", "/usr/s390x-linux-gnu/include/stdio.h"),
    ("qemu-user-static", "qemu-s390x-static"),
)


def _installed(what):
    return os.path.exists(what) if what.startswith("/") else shutil.which(what) is not None


def ensure_debian_packages():
    missing = [p for p, tool in PACKAGES if not shutil.which(tool)]
    if os.uname().machine == "x86_64" and ("gcc" in missing or not _multilib_ok()):
        # gcc -m32, for the i386 tests. Not gcc-multilib: it conflicts with the cross compilers
        # (tests/tracecmp.py M32_FLAGS finds the asm headers instead)
        missing += ["gcc-12-multilib", "libc6-dev-i386"]
    if os.uname().machine == "x86_64":
        missing += [p for p, what in CROSS_PACKAGES if not _installed(what)]
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
