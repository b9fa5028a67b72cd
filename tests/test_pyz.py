"""tools/make_pyz.py: the zipapp, built here into a temporary folder, traces /bin/true and
attaches with -f -p under the oldest and newest Pythons (3.6 and 3.13 from pyenv: the test
FAILS when one is missing), run from a folder without the checkout, with nothing installed."""
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


def test_contents(pyz):
    with open(pyz, "rb") as f:
        assert f.readline() == b"#!/usr/bin/env python3\n"
    names = zipfile.ZipFile(pyz).namelist()
    assert "__main__.py" in names and "minitrace/cli.py" in names
    assert "syscalls/table_x86_64.py" in names and "minitrace/decode/file.py" in names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]


@pytest.mark.parametrize("version", ["3.6", "3.13"])
def test_true(pyz, version):
    exe = python(version)
    lines, err, rc = tc.run_tool([exe, pyz], [], ["/bin/true"], cwd=tempfile.gettempdir(),
                                 env=clean_env())
    assert rc == 0 and "Traceback" not in err, err
    assert lines[0].startswith('execve("/bin/true", ["/bin/true"], ')
    assert lines[-1] == "+++ exited with 0 +++"
    strace_lines = tc.run_strace([], ["/bin/true"])[0]
    assert tc.syscall_names(lines) == tc.syscall_names(strace_lines)


@pytest.mark.parametrize("version", ["3.6", "3.13"])
def test_attach(pyz, version):
    exe = python(version)
    counter = tc.build("core_counter")
    target = subprocess.Popen([counter, "1000"], stdout=subprocess.DEVNULL)
    out = tempfile.mktemp(prefix="pyztrace")
    try:
        tracer = subprocess.Popen([exe, pyz, "-f", "-o", out, "-p", str(target.pid)],
                                  cwd=tempfile.gettempdir(), env=clean_env(),
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
