#!/usr/bin/env python3
"""Fetch the pinned Debian kernel-header packages and unpack them into a cache folder.

Uses `apt-get download PKG=VERSION` and `dpkg -x` only: nothing is installed, no root install is
needed. Pins live in tools/header-packages.txt; `--update-pins` rewrites them from apt's candidates.
"""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PINS = os.path.join(HERE, "header-packages.txt")
# apt's sandbox user "_apt" cannot write into a 0755 /tmp or into root's home: download as root.
APT_OPTS = ["-o", "APT::Sandbox::User=root"]


class FetchError(Exception):
    pass


def default_cache():
    env = os.environ.get("MINITRACE_HEADERS_CACHE")
    if env:
        return env
    return os.path.join(os.path.expanduser("~"), ".cache", "minitrace-headers")


def read_pins(path=PINS):
    """Return [(package, version)] in file order."""
    pins = []
    with open(path) as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                pkg, version = line.split()
                pins.append((pkg, version))
    return pins


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
        raise FetchError("cannot download %s %s (apt offers %s); run `%s --update-pins` to re-pin"
                         % (pkg, version, cand or "nothing", os.path.relpath(__file__)))
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


def fetch_all(cache=None, pins_path=PINS, log=None):
    """Fetch every pinned package; return {package: (version, folder)}."""
    cache = cache or default_cache()
    result = {}
    for pkg, version in read_pins(pins_path):
        result[pkg] = (version, fetch(pkg, version, cache, log))
    return result


def update_pins(pins_path=PINS):
    """Re-pin every package to apt's candidate; linux-headers-*-common follows linux-libc-dev."""
    pins = read_pins(pins_path)
    new = []
    libc_version = None
    for pkg, version in pins:
        if pkg.startswith("linux-headers-"):
            continue
        cand = candidate(pkg)
        if cand is None:
            raise FetchError("apt offers no version of %s (run `apt-get update` first)" % pkg)
        if pkg == "linux-libc-dev":
            libc_version = cand
        new.append((pkg, cand))
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
    with open(pins_path) as f:
        comments = [l for l in f if l.startswith("#")]
    with open(pins_path, "w") as f:
        f.writelines(comments)
        for pkg, version in new:
            f.write("%s %s\n" % (pkg, version))
    return new


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", help="cache folder (default $MINITRACE_HEADERS_CACHE or "
                                    "~/.cache/minitrace-headers)")
    ap.add_argument("--update-pins", action="store_true",
                    help="rewrite tools/header-packages.txt with apt's candidate versions first")
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args(argv)
    log = None if args.quiet else (lambda m: sys.stderr.write(m + "\n"))
    try:
        if args.update_pins:
            for pkg, version in update_pins():
                if log:
                    log("pinned %s %s" % (pkg, version))
        for pkg, (version, folder) in sorted(fetch_all(args.cache, log=log).items()):
            if not args.quiet:
                print("%s %s %s" % (pkg, version, folder))
    except FetchError as e:
        sys.stderr.write("fetch_headers: %s\n" % e)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
