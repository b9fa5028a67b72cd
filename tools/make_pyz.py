#!/usr/bin/env python3
"""Build dist/minitrace.pyz: one file holding the packages minitrace and syscalls, runnable by
any Python 3.6+ with nothing installed (`python3 minitrace.pyz -f -p PID`).

A zipapp (PEP 441): a `#!/usr/bin/env python3` line, then a zip archive whose __main__.py runs
the command line. Only the .py sources go in (zipimport compiles them in memory), sorted and
with fixed timestamps, so two builds of one checkout are byte-identical.
Usage: python3 tools/make_pyz.py [-o OUTPUT]
"""
import argparse
import os
import stat
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGES = ("minitrace", "syscalls")
SHEBANG = b"#!/usr/bin/env python3\n"
# runs minitrace/__main__.py, whose version check Python 2 can parse (one line, no traceback)
MAIN = (b'"""minitrace as one file: python3 minitrace.pyz [strace options] PROG [ARGS]"""\n'
        b"import runpy\n\n"
        b'runpy.run_module("minitrace", run_name="__main__")\n')
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
            add("__main__.py", MAIN)
            for arcname, path in sources():
                with open(path, "rb") as src:
                    add(arcname, src.read())
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
