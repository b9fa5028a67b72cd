#!/usr/bin/env python3
"""Move the kernel headers stored in tools/headers/ to other Debian packages, on purpose.

The generators never download: they read tools/headers/ (tools/headerstore.py). This tool is how
that store is made. `--update` takes apt's candidate versions of the header packages, `--store`
the versions the manifest names now (to store a header a generator has started to read). Either
downloads them (`apt-get download PKG=VERSION` and `dpkg -x` into a cache folder: nothing is
installed), runs every generator while recording the files it reads, writes
tools/headers/inputs.tar.xz and MANIFEST.tsv with exactly those files, and regenerates syscalls/
from the new store. Review `git diff syscalls/` and commit it with tools/headers/.
Without either flag it only fetches and unpacks the manifest's packages into the cache.
"""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import headerstore  # noqa: E402

# the packages whose headers the generators read; linux-headers-*-common (the kernel's
# include/linux/syscalls.h and internal headers) is found by name, following linux-libc-dev
PACKAGES = ("linux-libc-dev", "linux-libc-dev-arm64-cross", "linux-libc-dev-armhf-cross",
            "linux-libc-dev-riscv64-cross", "linux-libc-dev-ppc64el-cross",
            "linux-libc-dev-s390x-cross")
# the generators: modules of tools/ with generate(out_folder, {package: (version, folder)})
GENERATORS = ("gen_syscalls", "gen_ioctls")
# apt's sandbox user "_apt" cannot write into a 0755 /tmp or into root's home: download as root.
APT_OPTS = ["-o", "APT::Sandbox::User=root"]


class FetchError(Exception):
    pass


def default_cache():
    env = os.environ.get("MINITRACE_HEADERS_CACHE")
    if env:
        return env
    return os.path.join(os.path.expanduser("~"), ".cache", "minitrace-headers")


def stored_pins():
    """[(package, version)] of the headers stored now (tools/headers/MANIFEST.tsv)."""
    return sorted(headerstore.packages(headerstore.read_manifest()).items())


def _run(cmd, cwd=None):
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         universal_newlines=True)
    out, err = p.communicate()
    return p.returncode, out, err


def candidate(pkg):
    """apt's candidate version of pkg, or None."""
    rc, out, _ = _run(["apt-cache", "policy", pkg])
    m = re.search(r"Candidate:\s*(\S+)", out)
    if rc != 0 or not m or m.group(1) == "(none)":
        return None
    return m.group(1)


def _lists_missing():
    return not glob.glob("/var/lib/apt/lists/*Packages*")


def unpacked_dir(cache, pkg, version):
    return os.path.join(cache, "%s_%s" % (pkg, version.replace(":", "%3a")))


def fetch(pkg, version, cache, log=None):
    """Make sure pkg=version is unpacked in cache; return its folder."""
    dest = unpacked_dir(cache, pkg, version)
    if os.path.isdir(dest):
        return dest
    dl = os.path.join(cache, ".download")
    if not os.path.isdir(dl):
        os.makedirs(dl)
    if log:
        log("fetching %s %s" % (pkg, version))
    rc, out, err = _run(["apt-get"] + APT_OPTS + ["download", "%s=%s" % (pkg, version)], cwd=dl)
    if rc != 0:
        msg = (err.strip().splitlines() or ["apt-get download failed"])[-1]
        if _lists_missing() or "Unable to locate package" in err:
            raise FetchError("cannot download %s %s: %s (run `apt-get update` first)"
                             % (pkg, version, msg))
        cand = candidate(pkg)
        raise FetchError("cannot download %s %s (apt offers %s); `%s --update` moves the store "
                         "to apt's versions" % (pkg, version, cand or "nothing",
                                                os.path.relpath(__file__)))
    debs = glob.glob(os.path.join(dl, "%s_*.deb" % pkg))
    ver_file = version.replace(":", "%3a")
    debs = [d for d in debs if os.path.basename(d).startswith("%s_%s_" % (pkg, ver_file))]
    if not debs:
        raise FetchError("apt-get download %s=%s left no .deb in %s" % (pkg, version, dl))
    tmp = dest + ".part"
    if os.path.isdir(tmp):
        shutil.rmtree(tmp)
    rc, out, err = _run(["dpkg", "-x", debs[0], tmp])
    if rc != 0:
        raise FetchError("dpkg -x %s failed: %s" % (debs[0], err.strip()))
    os.rename(tmp, dest)
    os.unlink(debs[0])
    return dest


def fetch_all(pins, cache=None, log=None):
    """Fetch every (package, version) of pins; return {package: (version, folder)}."""
    cache = cache or default_cache()
    result = {}
    for pkg, version in pins:
        result[pkg] = (version, fetch(pkg, version, cache, log))
    return result


def candidate_pins():
    """apt's candidate of every package, and the linux-headers-*-common that follows
    linux-libc-dev's version."""
    new = []
    for pkg in PACKAGES:
        cand = candidate(pkg)
        if cand is None:
            raise FetchError("apt offers no version of %s (run `apt-get update` first)" % pkg)
        new.append((pkg, cand))
    libc_version = dict(new)["linux-libc-dev"]
    rc, out, _ = _run(["apt-cache", "search", "--names-only", r"^linux-headers-[0-9.]+-[0-9]+-common$"])
    best = None
    for line in out.splitlines():
        name = line.split()[0]
        cand = candidate(name)
        if not cand:
            continue
        key = (cand == libc_version, [int(x) for x in re.findall(r"\d+", cand)])
        if best is None or key > best[0]:
            best = (key, name, cand)
    if best is None:
        raise FetchError("apt offers no linux-headers-*-common package (run `apt-get update` first)")
    new.append((best[1], best[2]))
    return new


def record_and_store(pkgs, log=None):
    """Run every generator on pkgs while recording what it reads; write tools/headers/ with
    exactly those files; return the number of files stored."""
    import importlib
    paths = set()
    for name in GENERATORS:
        gen = importlib.import_module(name)
        tmp = tempfile.mkdtemp(prefix="record.")
        headerstore.start_recording()
        try:
            gen.generate(tmp, pkgs)
        finally:
            paths |= headerstore.stop_recording().paths
            shutil.rmtree(tmp)
        if log:
            log("%s read %d header files" % (name, len(paths)))
    return len(headerstore.write_store(pkgs, paths))


def regenerate(log=None):
    """Every generator's output written from the (new) store into the repository."""
    import importlib
    for name in GENERATORS:
        gen = importlib.import_module(name)
        for written in gen.generate_stored(os.path.join(ROOT, "syscalls")):
            if log:
                log("wrote syscalls/%s" % written)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", help="download cache folder (default $MINITRACE_HEADERS_CACHE or "
                                    "~/.cache/minitrace-headers)")
    group = ap.add_mutually_exclusive_group()
    group.add_argument("--update", action="store_true",
                       help="move tools/headers/ to apt's candidate versions and regenerate")
    group.add_argument("--store", action="store_true",
                       help="store again from the manifest's versions (a generator reads new "
                            "headers) and regenerate")
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args(argv)
    log = None if args.quiet else (lambda m: sys.stderr.write(m + "\n"))
    try:
        pins = candidate_pins() if args.update else stored_pins()
        pkgs = fetch_all(pins, args.cache, log=log)
        if args.update or args.store:
            n = record_and_store(pkgs, log)
            size = os.path.getsize(headerstore.ARCHIVE)
            if log:
                log("stored %d files (%d bytes compressed) in %s"
                    % (n, size, os.path.relpath(headerstore.STORE)))
            regenerate(log)
            if log:
                log("now review `git diff syscalls/` and commit it with tools/headers/")
        elif not args.quiet:
            for pkg, (version, folder) in sorted(pkgs.items()):
                print("%s %s %s" % (pkg, version, folder))
    except (FetchError, headerstore.StoreError) as e:
        sys.stderr.write("fetch_headers: %s\n" % e)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
