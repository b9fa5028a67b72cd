"""Struct layouts checked against the compiler of every ABI minitrace decodes.

tests/progs/layouts/*.c print, with offsetof/sizeof, the fields of the register set and of the
structs the decoders read, as each ABI's C compiler lays them out (Debian's cross gcc for the
foreign architectures, run under qemu-user; gcc -m32 / -mx32 for i386 and x32). The expected
values come from that program, the actual ones from minitrace's own tables: the arch modules'
register Layouts (arch.register_layout) and the decoders' Structs (minitrace.decode.layout).
A missing cross compiler or qemu FAILS with the packages to install (tools/test.py installs them).
"""
import errno
import hashlib
import os
import shutil
import subprocess

import pytest

import tracecmp
from minitrace import arch
from minitrace.decode import layout

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "tests", "progs", "layouts")
BUILD = os.path.join(ROOT, "tests", ".build")
SOURCES = ("main.c", "kernel.c", "libc.c", "v4l2.c", "btrfs.c")

# abi -> (compiler argv, runner argv prefix, Debian packages that provide both)
TARGETS = {
    "x86_64": (["gcc", "-m64"], [], "gcc"),
    "i386": (["gcc"] + list(tracecmp.M32_FLAGS), [], "gcc-12-multilib libc6-dev-i386"),
    # x86's uapi asm/ headers serve -mx32 too (see tracecmp.M32_FLAGS)
    "x32": (["gcc", "-mx32"] + list(tracecmp.M32_FLAGS[1:]), [], "gcc-12-multilib libc6-dev-x32"),
    "aarch64": (["aarch64-linux-gnu-gcc"], ["qemu-aarch64-static"],
                "gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user-static"),
    "arm": (["arm-linux-gnueabihf-gcc"], ["qemu-arm-static"],
            "gcc-arm-linux-gnueabihf libc6-dev-armhf-cross qemu-user-static"),
    "riscv64": (["riscv64-linux-gnu-gcc"], ["qemu-riscv64-static"],
                "gcc-riscv64-linux-gnu libc6-dev-riscv64-cross qemu-user-static"),
    "ppc64le": (["powerpc64le-linux-gnu-gcc"], ["qemu-ppc64le-static"],
                "gcc-powerpc64le-linux-gnu libc6-dev-ppc64el-cross qemu-user-static"),
    "s390x": (["s390x-linux-gnu-gcc"], ["qemu-s390x-static"],
              "gcc-s390x-linux-gnu libc6-dev-s390x-cross qemu-user-static"),
}


def _missing_tools(abi):
    cc, runner, packages = TARGETS[abi]
    missing = [t for t in (cc[0],) + tuple(runner[:1]) if shutil.which(t) is None]
    if missing:
        return "%s: %s not found: apt-get install --no-install-recommends %s" % (
            abi, " and ".join(missing), packages)
    return None


def build(abi):
    """tests/.build/layouts-ABI, rebuilt when the sources or the compiler command changed (a
    hash of both is kept beside it: a checkout can make a source older than the binary)."""
    cc, _, packages = TARGETS[abi]
    exe = os.path.join(BUILD, "layouts-" + abi)
    srcs = [os.path.join(SRC, s) for s in SOURCES]
    digest = hashlib.sha1(" ".join(cc).encode())
    for path in srcs + [os.path.join(SRC, "layouts.h")]:
        with open(path, "rb") as f:
            digest.update(f.read())
    key = digest.hexdigest()
    try:
        with open(exe + ".key") as f:
            if f.read() == key and os.path.exists(exe):
                return exe
    except IOError:
        pass
    if not os.path.isdir(BUILD):
        os.makedirs(BUILD)
    tmp = exe + ".tmp%d" % os.getpid()
    proc = subprocess.Popen(cc + ["-O1", "-static", "-Wall", "-o", tmp] + srcs,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = proc.communicate()[0].decode("utf-8", "replace")
    if proc.returncode != 0:
        pytest.fail("%s cannot build the layout program (packages: %s):\n%s"
                    % (" ".join(cc), packages, out))
    os.rename(tmp, exe)
    with open(exe + ".key", "w") as f:
        f.write(key)
    return exe


def table_text(abi, exe):
    """The program's output: run natively or under qemu-user; a binary this kernel will not
    execute (x32 on a kernel without CONFIG_X86_X32_ABI) gives its section to objcopy."""
    runner = TARGETS[abi][1]
    try:
        proc = subprocess.Popen(runner + [exe], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except OSError as e:
        if e.errno != errno.ENOEXEC:
            raise
        out = exe + ".section"
        subprocess.check_call(["objcopy", "-O", "binary", "--only-section=layouts", exe, out])
        with open(out) as f:
            return f.read()
    out, err = proc.communicate()
    assert proc.returncode == 0, "%s: %s failed: %s" % (abi, exe, err.decode("utf-8", "replace"))
    return out.decode("ascii")


def parse(text):
    """{layout: {field: (offset, size)}} of the program's lines; "*" is sizeof."""
    out = {}
    for line in text.splitlines():
        name, field, offset, size = line.split()
        out.setdefault(name, {})[field] = (int(offset.lstrip("$#")), int(size.lstrip("$#")))
    return out


def minitrace_table(abi):
    """The same shape, from minitrace's own tables."""
    regs = arch.register_layout(abi)
    long_size = arch.long_bits(abi) // 8
    out = {
        "model": {"long": (0, long_size), "pointer": (0, long_size),
                  "big_endian": (0, int(arch.endian(abi) == ">"))},
        "regs": dict(regs.fields, **{"*": (0, regs.size)}),
        "regset": {"*": (0, _regset_size(abi))},
    }
    for name in layout.registered():
        c = layout.lookup(name, abi)
        if c is not None:
            out[name] = dict(c.fields, **{"*": (0, c.size)})
    return out


def _regset_size(abi):
    for name in arch.ALL:
        size = arch.by_name(name).REGSET_SIZES.get(abi)
        if size:
            return size
    return None


def differences(expected, actual):
    """One line per layout or field that differs."""
    lines = []
    for name in sorted(set(expected) | set(actual)):
        exp, act = expected.get(name), actual.get(name)
        if act is None:
            lines.append("%s: minitrace has no layout (the compiler's: %s)" % (name, _fmt(exp)))
            continue
        if exp is None:
            lines.append("%s: not checked: the C program does not print it" % name)
            continue
        for field in sorted(set(exp) | set(act), key=lambda f: (exp.get(f) or act.get(f), f)):
            e, a = exp.get(field), act.get(field)
            if e != a:
                lines.append("%s.%s: compiler %s, minitrace %s" % (
                    name, field, _fmt1(e), _fmt1(a)))
    return lines


def _fmt1(value):
    return "absent" if value is None else "offset %d size %d" % value


def _fmt(fields):
    return ", ".join("%s@%d/%d" % (f, o, s) for f, (o, s) in sorted(fields.items(),
                                                                   key=lambda i: i[1]))


@pytest.mark.parametrize("abi", sorted(TARGETS, key=list(TARGETS).index))
def test_layouts_match_the_compiler(abi):
    problem = _missing_tools(abi)
    if problem:
        pytest.fail(problem + " (tools/test.py installs them on Debian)")
    expected = parse(table_text(abi, build(abi)))
    diffs = differences(expected, minitrace_table(abi))
    if diffs:
        pytest.fail("%s: %d layout differences (compiler vs minitrace):\n  %s"
                    % (abi, len(diffs), "\n  ".join(diffs)), pytrace=False)


def test_every_abi_is_checked():
    import syscalls
    assert sorted(TARGETS) == sorted(syscalls.ABIS)


def test_the_check_sees_a_wrong_offset():
    """differences() reports a field that moved, one that is missing, and a missing layout."""
    expected = {"stat": {"st_ino": (8, 8), "st_mode": (24, 4), "*": (0, 144)},
                "statx": {"*": (0, 256)}}
    actual = {"stat": {"st_ino": (8, 8), "*": (0, 144), "st_size": (48, 8)}}
    diffs = differences(expected, actual)
    assert diffs == ["stat.st_mode: compiler offset 24 size 4, minitrace absent",
                     "stat.st_size: compiler absent, minitrace offset 48 size 8",
                     "statx: minitrace has no layout (the compiler's: *@0/256)"]
