#!/usr/bin/env python3
"""Check that syscalls/ is what the generators make from the headers stored in tools/headers/.

Runs every generator of tools/fetch_headers.py's GENERATORS (gen_syscalls, gen_ioctls) from one
unpacked store, offline, into a temporary folder while recording the files each reads
(tools/headerstore.py), and reports:
- each generated file that differs from syscalls/ (a unified diff);
- a file of syscalls/ that no generator writes any more;
- a stored header that no generator read (the store must hold exactly the union of their reads:
  `tools/fetch_headers.py --store` rewrites it).
Without --check it regenerates syscalls/ from the store, every generator in turn.
"""
import argparse
import difflib
import importlib
import os
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import fetch_headers  # noqa: E402
import headerstore  # noqa: E402

# the files of syscalls/ that are written by hand
HANDWRITTEN = ("__init__.py", "__main__.py")


def _generators():
    return [(name, importlib.import_module(name)) for name in fetch_headers.GENERATORS]


def check(live=None):
    """Regenerate everything from the store into a temporary folder; return the diff text."""
    live = live or os.path.join(ROOT, "syscalls")
    tmp = tempfile.mkdtemp(prefix="gen_all.")
    try:
        diff, written, read = [], set(), set()
        with headerstore.Stored() as pkgs:
            for name, gen in _generators():
                out = os.path.join(tmp, name)
                headerstore.start_recording()
                try:
                    names = gen.generate(out, pkgs)
                finally:
                    read |= headerstore.stop_recording().paths
                for fname in names:
                    new = open(os.path.join(out, fname)).read().splitlines(True)
                    path = os.path.join(live, fname)
                    old = open(path).read().splitlines(True) if os.path.exists(path) else []
                    diff += difflib.unified_diff(old, new, "syscalls/" + fname,
                                                 "regenerated/" + fname)
                written |= set(names)
            stored = set(os.path.join(pkgs[pkg][1], rel)
                         for _, pkg, _, rel in headerstore.read_manifest())
            unread = sorted(os.path.relpath(p, os.path.dirname(pkgs[sorted(pkgs)[0]][1]))
                            for p in stored - read)
        for fname in sorted(os.listdir(live)):
            if fname.endswith(".py") and fname not in written and fname not in HANDWRITTEN:
                diff.append("syscalls/%s: not generated any more\n" % fname)
        if unread:
            diff.append("tools/headers/ stores %d file(s) no generator read (run "
                        "tools/fetch_headers.py --store): %s\n"
                        % (len(unread), ", ".join(unread[:5])))
        return "".join(diff)
    finally:
        shutil.rmtree(tmp)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true",
                    help="regenerate into a temporary folder and diff against syscalls/")
    args = ap.parse_args(argv)
    try:
        if args.check:
            diff = check()
            if diff:
                sys.stdout.write(diff)
                sys.stderr.write("gen_all: syscalls/ or tools/headers/ differ from a fresh "
                                 "generation\n")
                return 1
            return 0
        for name, gen in _generators():
            for fname in gen.generate_stored(os.path.join(ROOT, "syscalls")):
                sys.stderr.write("%s wrote syscalls/%s\n" % (name, fname))
    except headerstore.StoreError as e:
        sys.stderr.write("gen_all: %s\n" % e)
        return 1
    except Exception as e:
        if type(e).__name__ != "GenError":
            raise
        sys.stderr.write("gen_all: %s\n" % e)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
