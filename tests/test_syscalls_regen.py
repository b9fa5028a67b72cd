"""syscalls/ is exactly what the generators (tools/gen_syscalls.py, tools/gen_ioctls.py) make from
the headers stored in tools/headers/, offline, and the store holds exactly what they read; the
store (tools/headerstore.py) is checked file by file against its manifest."""
import os
import shutil
import subprocess
import sys
import tempfile

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import headerstore  # noqa: E402


def run(cmd):
    p = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         universal_newlines=True)
    out, err = p.communicate()
    return p.returncode, out, err


def test_regenerate_offline_gives_the_same_files():
    # in a network namespace of its own (no interface but a down loopback): nothing can be fetched
    assert shutil.which("unshare"), "unshare (util-linux) is needed to prove the check is offline"
    rc, out, err = run(["unshare", "--net", sys.executable, "tools/gen_all.py", "--check"])
    assert rc == 0, "gen_all.py --check failed: %s\n%s" % (err.strip(), out[:5000])


def test_store_holds_what_the_manifest_names():
    rows = headerstore.read_manifest()
    pkgs = headerstore.packages(rows)
    assert "linux-libc-dev" in pkgs and any(p.endswith("-common") for p in pkgs)
    assert os.path.getsize(headerstore.ARCHIVE) < 4 * 1024 * 1024
    with headerstore.Stored() as unpacked:
        assert sorted(unpacked) == sorted(pkgs)


@pytest.fixture
def fake_packages():
    tmp = tempfile.mkdtemp(prefix="store-test.")
    try:
        pkgs = {}
        for pkg, files in (("pkg-a", {"usr/include/a.h": b"#define A 1\n"}),
                           ("pkg-b", {"usr/include/b/b.h": b"#define B 2\n",
                                      "usr/include/b/c.h": b"#define C 3\n"})):
            folder = os.path.join(tmp, "src", pkg)
            for rel, data in files.items():
                path = os.path.join(folder, rel)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "wb") as f:
                    f.write(data)
            pkgs[pkg] = ("1.%d" % len(files), folder)
        yield tmp, pkgs
    finally:
        shutil.rmtree(tmp)


def _read(pkgs):
    return [os.path.join(pkgs["pkg-a"][1], "usr/include/a.h"),
            os.path.join(pkgs["pkg-b"][1], "usr/include/b/c.h")]


def test_store_round_trip_and_same_bytes(fake_packages):
    tmp, pkgs = fake_packages
    store1, store2 = os.path.join(tmp, "s1"), os.path.join(tmp, "s2")
    headerstore.write_store(pkgs, _read(pkgs), store1)
    headerstore.write_store(pkgs, reversed(_read(pkgs)), store2)
    for name in ("inputs.tar.xz", "MANIFEST.tsv"):
        assert open(os.path.join(store1, name), "rb").read() == \
            open(os.path.join(store2, name), "rb").read()
    dest = os.path.join(tmp, "out")
    got = headerstore.unpack(dest, os.path.join(store1, "inputs.tar.xz"),
                             os.path.join(store1, "MANIFEST.tsv"))
    assert got == {"pkg-a": ("1.1", os.path.join(dest, "pkg-a")),
                   "pkg-b": ("1.2", os.path.join(dest, "pkg-b"))}
    # only the files read are stored: b.h was not read
    assert os.path.exists(os.path.join(dest, "pkg-b/usr/include/b/c.h"))
    assert not os.path.exists(os.path.join(dest, "pkg-b/usr/include/b/b.h"))


def test_store_refuses_a_changed_file(fake_packages):
    tmp, pkgs = fake_packages
    store = os.path.join(tmp, "s")
    headerstore.write_store(pkgs, _read(pkgs), store)
    manifest = os.path.join(store, "MANIFEST.tsv")
    text = open(manifest).read()
    digest = headerstore.sha256_of(os.path.join(pkgs["pkg-a"][1], "usr/include/a.h"))
    with open(manifest, "w") as f:
        f.write(text.replace(digest, "0" * 64))
    with pytest.raises(headerstore.StoreError) as e:
        headerstore.unpack(os.path.join(tmp, "out"), os.path.join(store, "inputs.tar.xz"), manifest)
    assert "sha256" in str(e.value)


def test_a_file_outside_the_packages_is_refused(fake_packages):
    tmp, pkgs = fake_packages
    with pytest.raises(headerstore.StoreError):
        headerstore.write_store(pkgs, _read(pkgs) + ["/etc/hostname"], os.path.join(tmp, "s"))


def test_excluded_folders_are_not_recorded(fake_packages):
    # a generator's stand-in headers (a temporary folder) are compiled with but never recorded
    tmp, pkgs = fake_packages
    stubs = os.path.join(tmp, "stubs")
    os.makedirs(stubs)
    with open(os.path.join(stubs, "stub.h"), "w") as f:
        f.write("#define STUB 4\n")
    cmd = ["cpp", "-nostdinc", "-I", os.path.join(pkgs["pkg-b"][1], "usr/include"), "-I", stubs,
           "-x", "c", "-"]
    headerstore.start_recording()
    try:
        rc, out, err = headerstore.run(cmd, "#include <b/c.h>\n#include <stub.h>\nC STUB\n",
                                       exclude=[stubs])
    finally:
        paths = headerstore.stop_recording().paths
    assert rc == 0, err
    assert "3 4" in out
    assert paths == set([os.path.join(pkgs["pkg-b"][1], "usr/include/b/c.h")])


def test_dependency_lines_are_parsed():
    text = "-: /a/b.h /a/c.h \\\n /a/d\\ e.h\n/a/b.h:\n"
    assert headerstore._parse_deps(text) == ["/a/b.h", "/a/c.h", "/a/d e.h"]
