"""Checks of the generated syscalls/ data and of its API and explorer (no headers needed)."""
import os
import re
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
import syscalls  # noqa: E402

ANCHORS = {
    "x86_64": {"read": 0, "execve": 59, "openat": 257},
    "i386": {"open": 5, "execve": 11},
    "x32": {"read": 0x40000000, "execve": 0x40000000 + 520},
    "aarch64": {"openat": 56},
    "arm": {"open": 5, "execve": 11, "cacheflush": 0x0f0002},
    "riscv64": {"mmap": 222},
    "ppc64le": {"open": 5},
    "s390x": {"open": 5},
}


def exception_nargs():
    names = set()
    with open(os.path.join(ROOT, "tools", "prototype-exceptions.txt")) as f:
        for line in f:
            if line.startswith("nargs "):
                names.add(line.split()[1].split("@")[0])
    return names


@pytest.mark.parametrize("abi", syscalls.ABIS)
def test_anchors_and_uniqueness(abi):
    t = syscalls.table(abi)
    assert t.abi == abi
    for name, nr in ANCHORS[abi].items():
        assert t.numbers[name] == nr and t.names[nr] == name
    assert len(t.numbers) == len(t.names)          # no name twice
    assert set(t.nargs) == set(t.names)
    assert all(0 <= n <= 6 for n in t.nargs.values())


def test_absent():
    assert "open" not in syscalls.table("aarch64").numbers
    assert "mmap2" not in syscalls.table("riscv64").numbers
    assert "mmap2" in syscalls.table("arm").numbers


def test_every_syscall_has_prototype_or_exception():
    unimplemented = exception_nargs()
    missing = []
    for abi in syscalls.ABIS:
        for name in syscalls.table(abi).numbers:
            if syscalls.prototype(name, abi) is None and name not in unimplemented:
                missing.append((abi, name))
    assert missing == []


def test_nargs_follow_prototypes():
    x = syscalls.table("x86_64")
    assert x.nargs[x.numbers["openat"]] == 4
    assert x.nargs[x.numbers["getpid"]] == 0
    assert x.nargs[x.numbers["mmap"]] == 6
    # 64-bit arguments take a register pair on 32-bit ABIs; arm pairs start at an even register
    i = syscalls.table("i386")
    assert i.nargs[i.numbers["pread64"]] == 5
    a = syscalls.table("arm")
    assert a.nargs[a.numbers["pread64"]] == 6


def test_prototypes():
    assert syscalls.prototype("openat") == (
        ("int", "dfd"), ("const char __user *", "filename"), ("int", "flags"), ("umode_t", "mode"))
    assert [n for _, n in syscalls.prototype("clone", "x86_64")] == [
        "clone_flags", "newsp", "parent_tidptr", "child_tidptr", "tls"]
    assert [n for _, n in syscalls.prototype("clone", "i386")] == [
        "clone_flags", "newsp", "parent_tidptr", "tls", "child_tidptr"]
    assert syscalls.prototype("getpid") == ()
    assert syscalls.prototype("nosuch") is None
    assert syscalls.prototype("umount2")[0][1] == "name"


def test_classes():
    assert syscalls.classes_of("openat") == frozenset(["%file", "%desc"])
    assert "stat" in syscalls.class_members("%%stat")
    assert "getpid" in syscalls.class_members("%pure")
    with pytest.raises(ValueError):
        syscalls.class_members("%nosuch")


def test_constants_differ_per_abi():
    c = dict((abi, syscalls.constants(abi)) for abi in syscalls.ABIS)
    assert c["x86_64"]["O_DIRECTORY"] == 0o200000
    assert c["aarch64"]["O_DIRECTORY"] == 0o40000
    assert c["arm"]["O_DIRECTORY"] == 0o40000
    for abi in syscalls.ABIS:
        assert c[abi]["SIGUSR1"] == 10
        assert c[abi]["AT_FDCWD"] == -100
        assert c[abi]["O_RDONLY"] == 0
        assert c[abi]["AF_INET"] == 2 and c[abi]["SOCK_STREAM"] == 1
        assert c[abi]["EAGAIN"] == 11 and c[abi]["ENOENT"] == 2
    assert c["x86_64"]["TCGETS"] == 0x5401
    assert c["ppc64le"]["TCGETS"] == 0x402c7413          # _IOR('t', 19, struct termios)
    assert c["ppc64le"]["TIOCGWINSZ"] == 0x40087468
    assert c["x86_64"]["MAP_ANONYMOUS"] == 0x20
    assert c["x86_64"]["ARCH_SET_FS"] == 0x1002
    assert c["x86_64"]["RLIM_INFINITY"] == 2 ** 64 - 1
    assert c["i386"]["RLIM_INFINITY"] == 2 ** 32 - 1


def test_errno_names():
    for abi in syscalls.ABIS:
        e = syscalls.errno_names(abi)
        assert e[11] == "EAGAIN"
        assert e[2] == "ENOENT"
        assert e[512] == "ERESTARTSYS"
        assert e[516] == "ERESTART_RESTARTBLOCK"
        assert e[syscalls.constants(abi)["EOPNOTSUPP"]] == "EOPNOTSUPP"
        assert e[syscalls.constants(abi)["EDEADLK"]] == "EDEADLK"
    assert syscalls.errno_names("x86_64")[35] == "EDEADLK"


def test_unknown_abi():
    for f in (syscalls.table, syscalls.constants, syscalls.errno_names):
        with pytest.raises(ValueError):
            f("vax")


def run(*args):
    p = subprocess.Popen([sys.executable, "-m", "syscalls"] + list(args), cwd=ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    out, err = p.communicate()
    return p.returncode, out, err


def test_import_is_lazy():
    code = ("import sys, syscalls; print(sorted(m for m in sys.modules "
            "if m.startswith('syscalls.')))")
    p = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE,
                         universal_newlines=True)
    assert p.communicate()[0].strip() == "[]"


def test_explorer_name():
    rc, out, err = run("openat")
    assert rc == 0 and err == ""
    assert re.search(r"^  x86_64\s+257 ", out, re.M)
    assert re.search(r"^  aarch64\s+56 ", out, re.M)
    assert "long openat(int dfd, const char __user *filename, int flags, umode_t mode)" in out
    assert "classes: %desc %file" in out
    assert "x86_64   nr=rax (dfd=rdi, filename=rsi, flags=rdx, mode=r10) ret=rax" in out
    assert "s390x    nr=r1 (dfd=r2, filename=r3, flags=r4, mode=r5) ret=r2" in out
    rc, out, err = run("open")
    assert re.search(r"^  aarch64\s+-$", out, re.M)


def test_explorer_number_and_list():
    rc, out, err = run("257", "--abi", "x86_64")
    assert rc == 0 and out.startswith("openat\n")
    rc, out, err = run("--abi", "riscv64", "--list")
    assert rc == 0
    assert "222\tmmap\t6\n" in out
    assert len(out.splitlines()) == len(syscalls.table("riscv64").names)


@pytest.mark.parametrize("args,msg", [
    (["nosuch"], "syscalls: unknown system call 'nosuch'\n"),
    (["9999", "--abi", "x86_64"], "syscalls: unknown system call number 9999 on x86_64\n"),
    (["read", "--abi", "vax"], "syscalls: unknown ABI 'vax'"),
])
def test_explorer_errors(args, msg):
    rc, out, err = run(*args)
    assert rc == 1 and out == ""
    assert err.startswith(msg) and "Traceback" not in err and len(err.splitlines()) == 1
