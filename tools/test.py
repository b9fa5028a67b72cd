#!/usr/bin/env python3
"""Run the test suite on a fresh machine: installs what the tests need, then runs pytest.

Usage: python3 tools/test.py [--no-install] [pytest arguments]   (default: the whole suite)
Before installing, it says what it installs and why, one line a group; apt's own output goes to
a log file (shown when apt fails). `--no-install` installs nothing: it names what is missing
and runs the tests with what is there (the tests that need a missing piece fail and say so).
`python3 tools/test.py -m "not slow"` leaves out the proof on foreign kernels (qemu).
"""
import fcntl
import os
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOG = os.path.join(os.path.expanduser("~"), ".cache", "minitrace-test-install.log")
# apt waits for dpkg's lock (another apt on the machine) instead of failing at once
APT_WAIT = ["-o", "DPkg::Lock::Timeout=1200"]


def _multilib_ok():
    try:
        p = subprocess.Popen(["gcc", "-m32", "-print-file-name=crt1.o"], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, universal_newlines=True)
        out = p.communicate()[0].strip()
    except OSError:
        return False
    return os.path.isabs(out)


def _have(what):
    """A command on PATH, an absolute file path, or a callable check."""
    if callable(what):
        return what()
    return os.path.exists(what) if what.startswith("/") else shutil.which(what) is not None


X86_64 = os.uname().machine == "x86_64"

# (why, [(Debian package, what shows it is there)], only on x86_64 hosts?)
GROUPS = (
    ("compiler, preprocessor and the oracle: the test programs and real strace 6.1",
     [("gcc", "gcc"), ("cpp", "cpp"), ("strace", "strace"), ("make", "make"),
      ("xz-utils", "xz")], False),
    ("32-bit compiler for the i386 tests (gcc -m32; not gcc-multilib, which conflicts with the "
     "cross compilers)",
     [("gcc-12-multilib", _multilib_ok), ("libc6-dev-i386", "/usr/include/x86_64-linux-gnu/gnu/stubs-32.h")],
     True),
    ("cross compilers and qemu-user for the struct layout check of five foreign ABIs",
     [("gcc-aarch64-linux-gnu", "aarch64-linux-gnu-gcc"),
      ("libc6-dev-arm64-cross", "/usr/aarch64-linux-gnu/include/stdio.h"),
      ("gcc-arm-linux-gnueabihf", "arm-linux-gnueabihf-gcc"),
      ("libc6-dev-armhf-cross", "/usr/arm-linux-gnueabihf/include/stdio.h"),
      ("gcc-riscv64-linux-gnu", "riscv64-linux-gnu-gcc"),
      ("libc6-dev-riscv64-cross", "/usr/riscv64-linux-gnu/include/stdio.h"),
      ("gcc-powerpc64le-linux-gnu", "powerpc64le-linux-gnu-gcc"),
      ("libc6-dev-ppc64el-cross", "/usr/powerpc64le-linux-gnu/include/stdio.h"),
      ("gcc-s390x-linux-gnu", "s390x-linux-gnu-gcc"),
      ("libc6-dev-s390x-cross", "/usr/s390x-linux-gnu/include/stdio.h"),
      ("qemu-user-static", "qemu-s390x-static")], True),
    ("qemu-system for the proof on foreign kernels (aarch64, riscv64, armhf, ppc64el, s390x)",
     [("qemu-system-arm", "qemu-system-aarch64"), ("qemu-system-misc", "qemu-system-riscv64"),
      ("qemu-system-ppc", "qemu-system-ppc64")], False),
    ("iproute2 for the netlink comparisons (ip, ss)", [("iproute2", "ip")], False),
)


def missing_groups():
    """[(why, [packages missing])] for this host."""
    out = []
    for why, pkgs, x86_only in GROUPS:
        if x86_only and not X86_64:
            continue
        missing = [pkg for pkg, what in pkgs if not _have(what)]
        if missing:
            out.append((why, missing))
    return out


def have_pytest():
    try:
        import pytest  # noqa: F401
        return True
    except ImportError:
        return False


def say(msg):
    sys.stdout.write("tools/test.py: %s\n" % msg)
    sys.stdout.flush()


def _logged(cmd, log):
    """Run cmd with its output appended to the log file; exit with the log's tail on failure."""
    log.write("\n$ %s\n" % " ".join(cmd))
    log.flush()
    rc = subprocess.call(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                         env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
    if rc != 0:
        log.flush()
        with open(log.name) as f:
            tail = f.read().splitlines()[-25:]
        sys.stderr.write("\n".join(tail) + "\n")
        sys.exit("tools/test.py: `%s` failed (exit %d); the whole log is %s"
                 % (" ".join(cmd), rc, log.name))


def install(groups):
    if os.geteuid() != 0:
        sys.exit("tools/test.py: as root it would install them; otherwise run: apt-get install %s"
                 % " ".join(p for _, pkgs in groups for p in pkgs))
    if not os.path.isdir(os.path.dirname(LOG)):
        os.makedirs(os.path.dirname(LOG))
    # two copies of the tests started together on one machine install one after the other:
    # the second finds the packages there (apt itself would fail on dpkg's lock at once)
    with open(LOG + ".lock", "a") as lock, open(LOG, "a") as log:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            say("waiting for another tools/test.py that is installing packages ...")
            fcntl.flock(lock, fcntl.LOCK_EX)
            groups = missing_groups()
            if not groups:
                say("installed by the other one")
                return
        start = time.time()
        say("apt-get update (package lists) ...")
        _logged(["apt-get", "update", "-q"] + APT_WAIT, log)
        for n, (why, pkgs) in enumerate(groups, 1):
            say("[%d/%d] installing %s ..." % (n, len(groups), " ".join(pkgs)))
            t = time.time()
            _logged(["apt-get", "install", "-y", "-q", "--no-install-recommends",
                     "-o", "Dpkg::Progress-Fancy=0"] + APT_WAIT + pkgs, log)
            say("[%d/%d] done in %.0f s" % (n, len(groups), time.time() - t))
        say("installed in %.0f s (apt's output: %s)" % (time.time() - start, LOG))


def compile_byte_code():
    """minitrace's byte code for this interpreter, in the checkout's __pycache__ folders (ignored
    by git), as an installed copy has it: the tests start minitrace over a thousand times, and
    where PYTHONDONTWRITEBYTECODE is set (this project's machines set it) each start would compile
    every module again (0.6 s against 0.2 s a start here)."""
    subprocess.check_call([sys.executable, "-m", "compileall", "-q",
                           os.path.join(ROOT, "minitrace"), os.path.join(ROOT, "syscalls")])


def main():
    args = sys.argv[1:]
    no_install = "--no-install" in args
    args = [a for a in args if a != "--no-install"]
    groups = missing_groups()
    if groups:
        say("the tests need these Debian packages, not installed here:")
        for why, pkgs in groups:
            say("  %s: %s" % (why, " ".join(pkgs)))
        if no_install:
            say("--no-install: running without them; the tests that need them will fail")
        else:
            install(groups)
    if not have_pytest():
        if no_install:
            sys.exit("tools/test.py: pytest is missing (pip install -r requirements-test.txt)")
        say("installing pytest (requirements-test.txt) with pip ...")
        subprocess.check_call([sys.executable, "-m", "pip", "install", "-q", "-r",
                               os.path.join(ROOT, "requirements-test.txt")])
    os.chdir(ROOT)
    compile_byte_code()
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"] + (args or ["tests"])
    say("running %s" % " ".join(cmd[1:]))
    return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main())
