#!/usr/bin/env python3
"""Build dist/minitrace.pyz: one file holding the packages minitrace and syscalls, runnable by
any Python 3.6+ with nothing installed (`python3 minitrace.pyz -f -p PID`).

A zipapp (PEP 441): a `#!/usr/bin/env python3` line, then a zip archive whose __main__.py runs
the command line. Only the .py sources go in, sorted and with fixed timestamps, so two builds of
one checkout are byte-identical.

Run from the archive, every module is compiled at every start (zipimport keeps no byte code).
So the archive's __main__.py (BOOT) unpacks the packages, on the first run, into a per-user cache
keyed by the sha256 of the archive's contents (computed here and written into BOOT):
`$XDG_CACHE_HOME/minitrace/pyz-KEY/` (default `~/.cache/minitrace/pyz-KEY/`), made atomically
(unpacked into a temporary folder of mode 0700 beside it, then renamed), and runs from there, where
Python keeps the byte code of each module it imports in __pycache__ (one per interpreter
version). A cache folder not owned by us or writable by others is not used; when none can be
made (no writable cache directory), it runs from the archive as before. Python 2 gets
minitrace/__main__.py's one-line message (BOOT parses under Python 2 and leaves the cache alone).
Usage: python3 tools/make_pyz.py [-o OUTPUT]
"""
import argparse
import hashlib
import os
import stat
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGES = ("minitrace", "syscalls")
SHEBANG = b"#!/usr/bin/env python3\n"
# the archive's __main__.py: KEY is replaced by the contents' hash. Python 2 must parse it.
BOOT = r'''"""minitrace as one file: python3 minitrace.pyz [strace options] PROG [ARGS]

Unpacks itself once into a per-user cache (byte code kept there), else runs from the archive."""
import os
import sys

KEY = "@KEY@"


def cached():
    """The unpacked copy's folder (made now if need be), or None: run from the archive."""
    try:
        base = os.environ.get("XDG_CACHE_HOME") or ""
        if not os.path.isabs(base):
            base = os.path.join(os.path.expanduser("~"), ".cache")
        parent = os.path.join(base, "minitrace")
        folder = os.path.join(parent, "pyz-" + KEY)
        if not os.path.isdir(folder):
            unpack(parent, folder)
        st = os.stat(folder)
        if st.st_uid != os.geteuid() or st.st_mode & 0o022:
            return None
        done = os.path.join(folder, ".compiled-%s-%d" % (sys.implementation.cache_tag,
                                                          sys.flags.optimize))
        if not os.path.exists(done):
            compile_all(folder, done)
        return folder
    except Exception:
        return None


def compile_all(folder, done):
    """Byte code of every module for this interpreter (also under PYTHONDONTWRITEBYTECODE:
    the folder is ours), once per interpreter version; `done` marks it complete."""
    import compileall
    for package in ("minitrace", "syscalls"):
        if not compileall.compile_dir(os.path.join(folder, package), quiet=2):
            return
    with open(done, "w"):
        pass


def unpack(parent, folder):
    import shutil
    import tempfile
    import zipfile
    if not os.path.isdir(parent):
        os.makedirs(parent, 0o700)
    tmp = tempfile.mkdtemp(prefix=".tmp-pyz-", dir=parent)
    try:
        with zipfile.ZipFile(os.path.dirname(os.path.abspath(__file__))) as z:
            for name in z.namelist():
                if name.startswith(("minitrace/", "syscalls/")) and name.endswith(".py"):
                    z.extract(name, tmp)
        try:
            os.rename(tmp, folder)
        except OSError:
            if not os.path.isdir(folder):   # not a concurrent first run that got there first
                raise
    finally:
        if os.path.isdir(tmp):
            shutil.rmtree(tmp, ignore_errors=True)


if sys.version_info >= (3, 6) and not os.environ.get("MINITRACE_PYZ_NO_CACHE"):
    _folder = cached()
    if _folder is not None:
        sys.path.insert(0, _folder)
import runpy  # noqa: E402

runpy.run_module("minitrace", run_name="__main__")
'''
STAMP = (2020, 1, 1, 0, 0, 0)


def sources():
    """(path in the archive, path on disk) of every .py file of PACKAGES, sorted."""
    out = []
    for package in PACKAGES:
        for folder, dirs, files in os.walk(os.path.join(ROOT, package)):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
            for name in sorted(files):
                if name.endswith(".py"):
                    full = os.path.join(folder, name)
                    out.append((os.path.relpath(full, ROOT).replace(os.sep, "/"), full))
    return sorted(out)


def main_py(files):
    """BOOT with its KEY: the first 16 hex digits of the sha256 of BOOT and every (name, bytes)."""
    digest = hashlib.sha256(BOOT.encode())
    for arcname, data in files:
        digest.update(b"%d:%s\0%d:" % (len(arcname), arcname.encode(), len(data)))
        digest.update(data)
    return BOOT.replace("@KEY@", digest.hexdigest()[:16]).encode()


def build(target):
    folder = os.path.dirname(target)
    if folder and not os.path.isdir(folder):
        os.makedirs(folder)
    tmp = target + ".tmp"
    with open(tmp, "wb") as f:
        f.write(SHEBANG)
        with zipfile.ZipFile(f, "w", zipfile.ZIP_DEFLATED) as z:
            def add(arcname, data):
                info = zipfile.ZipInfo(arcname, STAMP)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                z.writestr(info, data)
            files = []
            for arcname, path in sources():
                with open(path, "rb") as src:
                    files.append((arcname, src.read()))
            add("__main__.py", main_py(files))
            for arcname, data in files:
                add(arcname, data)
    mode = os.stat(tmp).st_mode
    os.chmod(tmp, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    os.rename(tmp, target)
    return target


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", default=os.path.join(ROOT, "dist", "minitrace.pyz"))
    args = parser.parse_args(argv)
    path = build(args.output)
    sys.stdout.write("%s (%d bytes)\n" % (os.path.relpath(path), os.path.getsize(path)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
