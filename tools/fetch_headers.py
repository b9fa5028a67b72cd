#!/usr/bin/env python3
"""Move the kernel headers stored in tools/headers/ to other Debian packages, on purpose.

The generators never download: they read tools/headers/ (tools/headerstore.py). This tool is how
that store is made. `--update` takes apt's candidate versions of the header packages, `--store`
the versions the manifest names now (to store a header a generator has started to read; apt's
candidate for a package the store does not hold yet). Either downloads them (`apt-get download
PKG=VERSION` and `dpkg -x` into a cache folder: nothing is installed; the packages of
PRIVATE_SOURCES, which are in a component or suite the machine's apt sources may lack, through an
apt configuration of their own under the cache), runs every generator while recording the files
it reads, writes tools/headers/inputs.tar.xz and MANIFEST.tsv with exactly those files, and
regenerates syscalls/ from the new store. Review `git diff syscalls/` and commit it with tools/headers/.
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
# packages from a Debian source the machine's apt sources may lack, fetched through an apt
# configuration of their own (tools/privateapt.py) under the cache: package -> (suite, component).
# OpenZFS's headers (gen_ioctls.USERLAND) are in contrib; bookworm's OpenZFS (2.1.11) lacks two
# of the commands strace 6.1 names (ZFS_IOC_VDEV_GET_PROPS, ZFS_IOC_VDEV_SET_PROPS), the
# backports' has them all (gen_ioctls.EXCLUDED leaves out the ones newer than strace 6.1's list).
PRIVATE_SOURCES = {"libzfslinux-dev": ("bookworm-backports", "contrib")}
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


def store_pins(cache=None, mirror=None):
    """The stored pins, and apt's candidate of a package of PACKAGES or PRIVATE_SOURCES the
    store does not hold yet (a generator has started to read it)."""
    pins = stored_pins()
    held = set(pkg for pkg, _ in pins)
    for pkg in PACKAGES + tuple(sorted(PRIVATE_SOURCES)):
        if pkg not in held:
            cand = candidate(pkg, apt_options(pkg, cache or default_cache(), mirror))
            if cand is None:
                raise FetchError("apt offers no version of %s (run `apt-get update` first)" % pkg)
            pins.append((pkg, cand))
    return sorted(pins)


def _run(cmd, cwd=None):
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         universal_newlines=True)
    out, err = p.communicate()
    return p.returncode, out, err


_updated = set()


def apt_options(pkg, cache, mirror=None):
    """The apt options to fetch pkg with: the machine's configuration, or for a package of
    PRIVATE_SOURCES one of its own under the cache (its lists updated once a run)."""
    if pkg not in PRIVATE_SOURCES:
        return list(APT_OPTS)
    import privateapt
    suite, component = PRIVATE_SOURCES[pkg]
    folder = os.path.join(cache, ".apt-%s-%s" % (suite, component))
    opts, parts = privateapt.options(folder)
    if folder not in _updated:
        if mirror is None:
            import qemu_proof    # the host's Debian archive URI, as the qemu proof finds it
            try:
                mirror = qemu_proof.host_mirror()
            except qemu_proof.ProofError as e:
                raise FetchError(str(e))
        privateapt.write_source(parts, "deb [signed-by=%s] %s %s %s"
                                % (privateapt.KEYRING, mirror, suite, component))
        rc, out, err = _run(["apt-get"] + opts + ["-q", "update"])
        if rc != 0:
            raise FetchError("apt-get update (%s %s %s) failed: %s" % (
                mirror, suite, component, (err.strip().splitlines() or ["?"])[-1]))
        _updated.add(folder)
    return opts


def candidate(pkg, opts=()):
    """apt's candidate version of pkg, or None."""
    rc, out, _ = _run(["apt-cache"] + list(opts) + ["policy", pkg])
    m = re.search(r"Candidate:\s*(\S+)", out)
    if rc != 0 or not m or m.group(1) == "(none)":
        return None
    return m.group(1)


def _lists_missing():
    return not glob.glob("/var/lib/apt/lists/*Packages*")


def unpacked_dir(cache, pkg, version):
    return os.path.join(cache, "%s_%s" % (pkg, version.replace(":", "%3a")))


def fetch(pkg, version, cache, log=None, mirror=None):
    """Make sure pkg=version is unpacked in cache; return its folder."""
    dest = unpacked_dir(cache, pkg, version)
    if os.path.isdir(dest):
        return dest
    opts = apt_options(pkg, cache, mirror)
    dl = os.path.join(cache, ".download")
    if not os.path.isdir(dl):
        os.makedirs(dl)
    if log:
        log("fetching %s %s" % (pkg, version))
    rc, out, err = _run(["apt-get"] + opts + ["download", "%s=%s" % (pkg, version)], cwd=dl)
    if rc != 0:
        msg = (err.strip().splitlines() or ["apt-get download failed"])[-1]
        if pkg not in PRIVATE_SOURCES and (_lists_missing() or "Unable to locate package" in err):
            raise FetchError("cannot download %s %s: %s (run `apt-get update` first)"
                             % (pkg, version, msg))
        cand = candidate(pkg, opts)
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


def fetch_all(pins, cache=None, log=None, mirror=None):
    """Fetch every (package, version) of pins; return {package: (version, folder)}."""
    cache = cache or default_cache()
    result = {}
    for pkg, version in pins:
        result[pkg] = (version, fetch(pkg, version, cache, log, mirror))
    return result


def candidate_pins(cache=None, mirror=None):
    """apt's candidate of every package (PACKAGES, PRIVATE_SOURCES), and the
    linux-headers-*-common that follows linux-libc-dev's version."""
    cache = cache or default_cache()
    new = []
    for pkg in PACKAGES + tuple(sorted(PRIVATE_SOURCES)):
        cand = candidate(pkg, apt_options(pkg, cache, mirror))
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
    ap.add_argument("--mirror", help="Debian archive URI of PRIVATE_SOURCES' packages (default: "
                                     "the host's apt sources)")
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
        cache = args.cache or default_cache()
        if args.update:
            pins = candidate_pins(cache, args.mirror)
        elif args.store:
            pins = store_pins(cache, args.mirror)
        else:
            pins = stored_pins()
        pkgs = fetch_all(pins, cache, log=log, mirror=args.mirror)
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
