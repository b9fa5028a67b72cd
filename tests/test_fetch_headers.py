"""tools/fetch_headers.py's choice of packages and apt configurations, and tools/privateapt.py,
offline (apt is never run: the calls that would run it are replaced)."""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import fetch_headers  # noqa: E402
import headerstore  # noqa: E402
import privateapt  # noqa: E402


def _no_apt(*args, **kwargs):
    raise AssertionError("apt was asked: %r" % (args,))


def test_the_store_holds_every_package_fetched(monkeypatch):
    # every package of PACKAGES and PRIVATE_SOURCES is stored: --store asks apt for nothing
    monkeypatch.setattr(fetch_headers, "candidate", _no_apt)
    monkeypatch.setattr(fetch_headers, "apt_options", _no_apt)
    pins = fetch_headers.store_pins("/nonexistent")
    assert pins == fetch_headers.stored_pins()
    held = headerstore.packages(headerstore.read_manifest())
    for pkg in fetch_headers.PACKAGES + tuple(fetch_headers.PRIVATE_SOURCES):
        assert pkg in held, pkg


def test_store_adds_apts_candidate_of_a_new_private_package(monkeypatch):
    asked = []
    monkeypatch.setitem(fetch_headers.PRIVATE_SOURCES, "toy-dev", ("toy-suite", "contrib"))
    monkeypatch.setattr(fetch_headers, "apt_options",
                        lambda pkg, cache, mirror=None: ["-o", "opts-of-%s" % pkg])
    monkeypatch.setattr(fetch_headers, "candidate",
                        lambda pkg, opts=(): asked.append((pkg, list(opts))) or "1.2-3")
    pins = fetch_headers.store_pins("/nonexistent")
    assert asked == [("toy-dev", ["-o", "opts-of-toy-dev"])]
    assert ("toy-dev", "1.2-3") in pins
    assert set(pins) - set([("toy-dev", "1.2-3")]) == set(fetch_headers.stored_pins())


def test_a_machine_package_uses_the_machines_apt():
    assert fetch_headers.apt_options("linux-libc-dev", "/nonexistent") == fetch_headers.APT_OPTS


def test_private_configuration_stays_in_its_folder(tmp_path):
    opts, parts = privateapt.options(str(tmp_path))
    assert os.path.isdir(parts) and parts.startswith(str(tmp_path))
    values = dict(o.split("=", 1) for o in opts if o != "-o")
    assert values["Dir::Etc::SourceList"] == "/dev/null"
    for key in ("Dir::Etc::SourceParts", "Dir::State", "Dir::Cache", "Dir::State::status"):
        assert values[key].startswith(str(tmp_path)), key
    privateapt.write_source(parts, "deb [signed-by=K] http://mirror.invalid/debian s contrib")
    assert os.listdir(parts) == ["source.list"]
    with open(os.path.join(parts, "source.list")) as f:
        assert f.read() == "deb [signed-by=K] http://mirror.invalid/debian s contrib\n"
