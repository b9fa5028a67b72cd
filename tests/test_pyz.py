"""tools/make_pyz.py: the zipapp, built here into a temporary folder, traces /bin/true and
attaches with -f -p under the oldest and newest Pythons (3.6 and 3.13 from pyenv: the test
FAILS when one is missing), run from a folder without the checkout, with nothing installed.
Its cache: unpacked on the first run into $XDG_CACHE_HOME (or ~/.cache)/minitrace/pyz-KEY/ and
run from there with byte code (seen by strace opening the cached .pyc files), not used when it
is writable by others, not made (the archive runs) when no cache directory is writable; the
trace is the same every way."""
import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile

import pytest

import tracecmp as tc
from test_core_pythons import pyenv_root

pytestmark = pytest.mark.usefixtures("ptrace_ok")


def python(version):
    found = sorted(glob.glob(os.path.join(pyenv_root(), "versions", version + "*", "bin", "python")))
    if not found:
        pytest.fail("no Python %s under %s/versions (pyenv install %s)"
                    % (version, pyenv_root(), version), pytrace=False)
    return found[-1]


@pytest.fixture(scope="module")
def pyz():
    folder = tempfile.mkdtemp(prefix="pyz")
    target = os.path.join(folder, "minitrace.pyz")
    subprocess.check_call([sys.executable, os.path.join(tc.ROOT, "tools", "make_pyz.py"),
                           "-o", target], stdout=subprocess.DEVNULL)
    yield target
    shutil.rmtree(folder, ignore_errors=True)


def clean_env():
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith("PYTHON"))
    return env


@pytest.fixture
def home():
    """A temporary folder: (environment whose HOME and XDG_CACHE_HOME are in it, the folder)."""
    folder = tempfile.mkdtemp(prefix="pyzhome")
    os.mkdir(os.path.join(folder, "home"))
    env = clean_env()
    env["PYTHONDONTWRITEBYTECODE"] = "1"      # the cache compiles its byte code even so
    env["HOME"] = os.path.join(folder, "home")
    env["XDG_CACHE_HOME"] = os.path.join(folder, "xdg")
    yield env, folder
    shutil.rmtree(folder, ignore_errors=True)


def cache_folders(env):
    return glob.glob(os.path.join(env["XDG_CACHE_HOME"], "minitrace", "*")) + \
        glob.glob(os.path.join(env["XDG_CACHE_HOME"], "minitrace", ".*"))


def traced_true(pyz, env, python=sys.executable):
    """(normalised trace of /bin/true by the pyz, the byte code files its Python loaded: the
    `code object from ...pyc` lines of python -v)."""
    lines, err, rc = tc.run_tool([python, "-v", pyz], [], ["/bin/true"],
                                 cwd=tempfile.gettempdir(), env=env)
    assert rc == 0 and "Traceback" not in err, err
    pycs = [l for l in err.splitlines() if l.startswith("# code object from") and ".pyc" in l]
    return tc.normalise(lines), pycs


def test_cache_used_on_second_run(pyz, home):
    env, _ = home
    first, first_pycs = traced_true(pyz, env)
    (folder,) = cache_folders(env)            # no temporary folder left beside it
    assert os.path.basename(folder).startswith("pyz-") and len(os.path.basename(folder)) == 20
    assert os.stat(folder).st_mode & 0o777 == 0o700
    assert os.stat(os.path.dirname(folder)).st_mode & 0o777 == 0o700
    made = os.stat(folder).st_ino
    second, pycs = traced_true(pyz, env)
    assert cache_folders(env) == [folder] and os.stat(folder).st_ino == made
    assert [l for l in pycs if "/minitrace/__pycache__/cli." in l and folder in l], pycs
    assert first == second
    assert first[0].startswith('execve("/bin/true", ["/bin/true"], ')
    assert first[-1] == "+++ exited with 0 +++"
    # another interpreter version compiles its own byte code there once, then uses it
    other = python("3.6")
    traced_true(pyz, env, other)
    third, pycs = traced_true(pyz, env, other)
    assert [l for l in pycs if "cli.cpython-36.pyc" in l and folder in l], pycs
    assert third == first


def test_fallback_without_writable_cache(pyz, home):
    env, folder = home
    cached, _ = traced_true(pyz, env)
    blocker = os.path.join(folder, "file")   # a path under a regular file: not even root
    with open(blocker, "w"):                 # can make a folder there
        pass
    env["HOME"] = os.path.join(blocker, "home")
    env["XDG_CACHE_HOME"] = os.path.join(blocker, "xdg")
    uncached, pycs = traced_true(pyz, env)
    assert not [l for l in pycs if "/minitrace/__pycache__/" in l], pycs
    assert uncached == cached
    env["XDG_CACHE_HOME"] = ""               # empty: ~/.cache, here also unwritable
    assert traced_true(pyz, env)[0] == cached


def test_cache_writable_by_others_is_not_used(pyz, home):
    env, _ = home
    cached, _ = traced_true(pyz, env)
    (folder,) = cache_folders(env)
    os.chmod(folder, 0o777)
    again, pycs = traced_true(pyz, env)
    assert not [l for l in pycs if folder in l], pycs
    assert again == cached


def test_concurrent_first_runs(pyz, home):
    env, _ = home
    procs = [subprocess.Popen([sys.executable, pyz, "-o", os.devnull, "/bin/true"], env=env,
                              cwd=tempfile.gettempdir(), stderr=subprocess.PIPE)
             for _ in range(4)]
    for p in procs:
        err = p.communicate(timeout=120)[1].decode()
        assert p.returncode == 0 and "Traceback" not in err, err
    (folder,) = cache_folders(env)            # one cache, no temporary folder left over
    assert os.path.basename(folder).startswith("pyz-")


def test_contents(pyz):
    with open(pyz, "rb") as f:
        assert f.readline() == b"#!/usr/bin/env python3\n"
    names = zipfile.ZipFile(pyz).namelist()
    assert "__main__.py" in names and "minitrace/cli.py" in names
    assert "syscalls/table_x86_64.py" in names and "minitrace/decode/file.py" in names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]


@pytest.mark.parametrize("version", ["3.6", "3.13"])
def test_true(pyz, version, home):
    exe = python(version)
    lines, err, rc = tc.run_tool([exe, pyz], [], ["/bin/true"], cwd=tempfile.gettempdir(),
                                 env=home[0])
    assert rc == 0 and "Traceback" not in err, err
    assert lines[0].startswith('execve("/bin/true", ["/bin/true"], ')
    assert lines[-1] == "+++ exited with 0 +++"
    strace_lines = tc.run_strace([], ["/bin/true"])[0]
    assert tc.syscall_names(lines) == tc.syscall_names(strace_lines)


@pytest.mark.parametrize("version", ["3.6", "3.13"])
def test_attach(pyz, version, home):
    exe = python(version)
    counter = tc.build("core_counter")
    target = subprocess.Popen([counter, "1000"], stdout=subprocess.DEVNULL)
    out = tempfile.mktemp(prefix="pyztrace")
    try:
        tracer = subprocess.Popen([exe, pyz, "-f", "-o", out, "-p", str(target.pid)],
                                  cwd=tempfile.gettempdir(), env=home[0],
                                  stderr=subprocess.PIPE)
        deadline = time.time() + 30
        while time.time() < deadline:
            if os.path.exists(out) and os.path.getsize(out) > 200:
                break
            time.sleep(0.1)
        tracer.send_signal(signal.SIGINT)
        err = tracer.communicate(timeout=30)[1].decode()
        assert "Process %d attached" % target.pid in err and "detached" in err, err
        assert target.poll() is None, "the traced program did not survive the detach"
        with open(out) as f:
            text = f.read()
        assert "write(1, " in text and "nanosleep(" in text, text
    finally:
        target.kill()
        target.wait()
        if os.path.exists(out):
            os.unlink(out)
