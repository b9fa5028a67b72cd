#!/usr/bin/env python3
"""The -k oracle for tools/qemu_proof.py on aarch64: Debian's arm64 strace is built without
stack traces (bookworm 6.1, trixie, sid: "Stack traces (-k/--stack-traces option) are not
supported by this build of strace"), so this builds one: strace 6.1's source, cross-compiled
with aarch64-linux-gnu-gcc against Debian bookworm's arm64 libunwind (1.6.2, the version
Debian's x86_64 strace -k uses), and lays out a root tree for `qemu_proof.py --k-oracle TREE`:
usr/bin/strace-k plus libunwind's and liblzma's shared libraries.

Usage: python3 tools/qemu_k_oracle.py [--cache DIR] [--source strace_6.1.orig.tar.xz]
       [--mirror URI]       (prints the tree's path; about 3 minutes the first time)

The packages come through qemu_proof.py's private apt (nothing of the host's apt state is
touched); the source tarball defaults to the one tools/strace_suite.py keeps in its cache.
Needs: gcc-aarch64-linux-gnu, make.
"""
import argparse
import glob
import os
import shutil
import subprocess
import sys
import tarfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import qemu_proof as qp  # noqa: E402

PACKAGES = ("libunwind-dev", "libunwind8", "liblzma5", "liblzma-dev")
# what strace-k loads in the guest (libunwind-ptrace, libunwind-aarch64 and their needs)
LIBS = ("libunwind.so.8*", "libunwind-aarch64.so.8*", "libunwind-ptrace.so.0*", "liblzma.so.5*")
TRIPLET = "aarch64-linux-gnu"


def default_source():
    cache = (os.environ.get("MINITRACE_STRACE_SUITE_CACHE")
             or os.path.join(os.path.expanduser("~"), ".cache", "minitrace-strace-suite"))
    return os.path.join(cache, "src", "strace_6.1.orig.tar.xz")


def build(cache, source, mirror):
    folder = os.path.join(cache, "aarch64-k")
    tree = os.path.join(folder, "tree")
    strace = os.path.join(tree, "usr", "bin", "strace-k")
    if os.path.exists(strace):
        return tree
    sysroot = os.path.join(folder, "sysroot")
    debs = os.path.join(folder, "debs")
    for d in (sysroot, debs, tree):
        if os.path.isdir(d):
            shutil.rmtree(d)
        os.makedirs(d)
    apt = qp.PrivateApt(os.path.join(folder, "apt"), qp.ARCHS["aarch64"], mirror)
    qp.log("k-oracle: apt-get update, download %s" % " ".join(PACKAGES))
    apt.update()
    apt.download(PACKAGES, debs)
    for deb in sorted(os.listdir(debs)):
        qp.run(["dpkg", "-x", os.path.join(debs, deb), sysroot], what="dpkg -x " + deb)
    src = os.path.join(folder, "src")
    if os.path.isdir(src):
        shutil.rmtree(src)
    os.makedirs(src)
    with tarfile.open(source) as t:
        t.extractall(src)
    top = os.path.join(src, sorted(os.listdir(src))[0])
    libdirs = [os.path.join(sysroot, d, TRIPLET) for d in ("usr/lib", "lib")]
    qp.log("k-oracle: configure and build strace for %s (a few minutes)" % TRIPLET)
    qp.run(["./configure", "--host=" + TRIPLET, "--with-libunwind", "--enable-mpers=no",
            "--disable-gcc-Werror",
            "CPPFLAGS=-I%s -I%s" % (os.path.join(sysroot, "usr/include"),
                                    os.path.join(sysroot, "usr/include", TRIPLET)),
            "LDFLAGS=%s -Wl,-rpath-link=%s" % (" ".join("-L" + d for d in libdirs),
                                               ":".join(libdirs))],
           cwd=top, what="strace's configure")
    qp.run(["make", "-j%d" % (os.cpu_count() or 1), "-C", "src"], cwd=top, what="make")
    libs = os.path.join(tree, "usr", "lib", TRIPLET)
    os.makedirs(libs)
    os.makedirs(os.path.dirname(strace))
    for d in libdirs:
        for pattern in LIBS:
            for path in glob.glob(os.path.join(d, pattern)):
                dest = os.path.join(libs, os.path.basename(path))
                if os.path.islink(path):
                    os.symlink(os.readlink(path), dest)
                else:
                    shutil.copyfile(path, dest)
    qp.run([TRIPLET + "-strip", "-o", strace + ".part", os.path.join(top, "src", "strace")],
           what="strip")
    os.chmod(strace + ".part", 0o755)
    os.rename(strace + ".part", strace)
    shutil.rmtree(src)
    shutil.rmtree(debs)
    return tree


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", default=qp.default_cache())
    ap.add_argument("--source", default=default_source(), help="strace_6.1.orig.tar.xz")
    ap.add_argument("--mirror")
    args = ap.parse_args(argv)
    try:
        print(build(args.cache, args.source, args.mirror or qp.host_mirror()))
    except (qp.ProofError, OSError, tarfile.TarError) as e:
        sys.stderr.write("qemu_k_oracle: %s\n" % e)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
