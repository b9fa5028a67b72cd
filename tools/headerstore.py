"""The headers the generators read (the kernel's, OpenZFS's), kept in the repository:
tools/headers/.

`inputs.tar.xz` holds exactly the files the generators read (each under `PACKAGE/path in the
package`), `MANIFEST.tsv` names each file's sha256, package and version. Generation unpacks the
archive into a temporary folder and checks every file against the manifest, so it runs offline
and gives the same answer on every machine and every day. The manifest is written by
`tools/fetch_headers.py --update` (or `--store`) from what a recorded generation read: cpp and
the compilers are run through `run()` below, which asks them for the files they include
(`-MD -MF`), and plain reads go through `open_input()`.
No network, no apt here: that is fetch_headers.py's job.
"""
import hashlib
import io
import os
import re
import shutil
import subprocess
import tarfile
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
STORE = os.path.join(HERE, "headers")
ARCHIVE = os.path.join(STORE, "inputs.tar.xz")
MANIFEST = os.path.join(STORE, "MANIFEST.tsv")
MANIFEST_HEAD = ("# The headers tools/ generators read (the kernel's, OpenZFS's), stored in\n"
                 "# inputs.tar.xz beside this file.\n"
                 "# Written by tools/fetch_headers.py; never edit by hand. Columns: sha256, package,\n"
                 "# version, path inside the package.\n")


class StoreError(Exception):
    pass


def sha256_of(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(65536), b""):
            h.update(block)
    return h.hexdigest()


def read_manifest(path=MANIFEST):
    """[(sha256, package, version, relpath)] in file order."""
    rows = []
    with open(path) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            digest, pkg, version, rel = line.rstrip("\n").split("\t")
            rows.append((digest, pkg, version, rel))
    return rows


def packages(rows):
    """{package: version} of manifest rows (one version per package)."""
    out = {}
    for _, pkg, version, _ in rows:
        if out.setdefault(pkg, version) != version:
            raise StoreError("manifest names two versions of %s" % pkg)
    return out


def unpack(dest, archive=ARCHIVE, manifest=MANIFEST):
    """Unpack the stored headers into dest; check each file's sha256 against the manifest.
    Return {package: (version, folder)}, the shape fetch_headers.fetch_all() returns."""
    if not os.path.exists(archive) or not os.path.exists(manifest):
        raise StoreError("%s or %s is missing" % (archive, manifest))
    rows = read_manifest(manifest)
    with tarfile.open(archive, "r:xz") as tar:
        members = tar.getmembers()
        for m in members:
            if not m.isfile() or m.name.startswith("/") or ".." in m.name.split("/"):
                raise StoreError("unexpected member %r in %s" % (m.name, archive))
        tar.extractall(dest, members)
    want = set()
    for digest, pkg, version, rel in rows:
        path = os.path.join(dest, pkg, rel)
        want.add(os.path.join(pkg, rel))
        if not os.path.isfile(path):
            raise StoreError("%s/%s is in the manifest but not in the archive" % (pkg, rel))
        if sha256_of(path) != digest:
            raise StoreError("%s/%s does not match its sha256 in the manifest" % (pkg, rel))
    extra = set(m.name for m in members) - want
    if extra:
        raise StoreError("the archive holds files the manifest does not name: %s"
                         % ", ".join(sorted(extra)[:5]))
    return dict((pkg, (version, os.path.join(dest, pkg))) for pkg, version in packages(rows).items())


class Stored(object):
    """The stored headers unpacked into a temporary folder for the length of a `with`."""

    def __enter__(self):
        self.tmp = tempfile.mkdtemp(prefix="minitrace-headers.")
        try:
            return unpack(self.tmp)
        except BaseException:
            shutil.rmtree(self.tmp, ignore_errors=True)
            raise

    def __exit__(self, *exc):
        shutil.rmtree(self.tmp, ignore_errors=True)


# ---------------------------------------------------------------------------------------------
# Recording what a generation reads
# ---------------------------------------------------------------------------------------------
class Recorder(object):
    """Collects the absolute paths of every file a generation reads."""

    def __init__(self):
        self.paths = set()


_recorder = None


def start_recording():
    global _recorder
    _recorder = Recorder()
    return _recorder


def stop_recording():
    global _recorder
    rec, _recorder = _recorder, None
    return rec


def _parse_deps(text):
    """Make-style dependency text (`-: a.h b.h \\`) -> the prerequisite paths."""
    text = text.replace("\\\n", " ")
    paths = []
    for line in text.splitlines():
        if ":" not in line:
            continue
        _, deps = line.split(":", 1)
        paths += [p.replace("\\ ", " ") for p in re.split(r"(?<!\\)\s+", deps) if p]
    return paths


def run(cmd, source, exclude=()):
    """Run cpp or a compiler on `source` (C text on stdin); return (rc, stdout, stderr).
    While recording, the files it includes are added to the recorder, except those under a
    folder of `exclude` (a generator's own stand-in headers, which are no package's files)."""
    exclude = tuple(os.path.join(os.path.abspath(d), "") for d in exclude)
    depfile = None
    if _recorder is not None:
        fd, depfile = tempfile.mkstemp(prefix="deps.", suffix=".d")
        os.close(fd)
        cmd = list(cmd[:1]) + ["-MD", "-MF", depfile] + list(cmd[1:])
    try:
        p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, universal_newlines=True)
        out, err = p.communicate(source)
        if depfile is not None and p.returncode == 0:
            with open(depfile) as f:
                for path in _parse_deps(f.read()):
                    path = os.path.abspath(path) if path != "-" else None
                    if path and not path.startswith(exclude):
                        _recorder.paths.add(path)
        return p.returncode, out, err
    finally:
        if depfile is not None:
            os.unlink(depfile)


def open_input(path):
    """open() for a header read as text by a generator (recorded)."""
    if _recorder is not None:
        _recorder.paths.add(os.path.abspath(path))
    return io.open(path, encoding="utf-8", errors="surrogateescape")


def write_store(pkgs, paths, store=STORE):
    """Write inputs.tar.xz and MANIFEST.tsv from recorded absolute `paths`, each inside one of
    the package folders of `pkgs` ({package: (version, folder)}). Deterministic bytes."""
    rows = []
    folders = sorted(((os.path.abspath(folder) + os.sep, pkg, version)
                      for pkg, (version, folder) in pkgs.items()), reverse=True)
    repo = os.path.dirname(HERE) + os.sep
    for path in sorted(paths):
        if path.startswith(repo):
            continue                  # the repository's own inputs (tools/stub-include/...)
        for prefix, pkg, version in folders:
            if path.startswith(prefix):
                rows.append((pkg, version, path[len(prefix):], path))
                break
        else:
            raise StoreError("a generator read %s, which is in no header package" % path)
    rows.sort()
    if not os.path.isdir(store):
        os.makedirs(store)
    tmp_archive = os.path.join(store, "inputs.tar.xz.part")
    with open(tmp_archive, "wb") as raw:
        # a fixed preset and no file names or times in the xz/tar headers: the same bytes each time
        import lzma
        with lzma.LZMAFile(raw, "wb", preset=6) as xz:
            with tarfile.open(fileobj=xz, mode="w", format=tarfile.GNU_FORMAT) as tar:
                for pkg, version, rel, path in rows:
                    info = tarfile.TarInfo("%s/%s" % (pkg, rel))
                    data = open(path, "rb").read()
                    info.size, info.mtime, info.mode = len(data), 0, 0o644
                    info.uid = info.gid = 0
                    info.uname = info.gname = ""
                    tar.addfile(info, io.BytesIO(data))
    with open(os.path.join(store, "MANIFEST.tsv"), "w") as f:
        f.write(MANIFEST_HEAD)
        for pkg, version, rel, path in rows:
            f.write("%s\t%s\t%s\t%s\n" % (sha256_of(path), pkg, version, rel))
    os.rename(tmp_archive, os.path.join(store, "inputs.tar.xz"))
    return rows
