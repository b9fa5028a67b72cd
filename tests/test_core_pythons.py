"""minitrace runs under every Python from 3.6 on that pyenv has here
(`$(pyenv root)/versions/*/bin/python`): it traces /bin/true like strace does."""
import glob
import os
import re
import shutil
import subprocess

import pytest

import tracecmp as tc


def pyenv_root():
    exe = shutil.which("pyenv")
    if exe:
        try:
            out = subprocess.check_output([exe, "root"], stderr=subprocess.DEVNULL, timeout=30)
            root = out.decode().strip()
            if root and os.path.isdir(root):
                return root
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError):
            pass
    return os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")


def interpreters():
    """[(version string, path)] of the pyenv interpreters of version 3.6 or newer."""
    found = []
    for path in sorted(glob.glob(os.path.join(pyenv_root(), "versions", "*", "bin", "python"))):
        m = re.match(r"(\d+)\.(\d+)", os.path.basename(os.path.dirname(os.path.dirname(path))))
        if m and (int(m.group(1)), int(m.group(2))) >= (3, 6):
            found.append((os.path.basename(os.path.dirname(os.path.dirname(path))), path))
    return found


INTERPRETERS = interpreters()


def test_interpreters_found():
    assert INTERPRETERS, "no Python >= 3.6 under %s/versions/*/bin/python" % pyenv_root()


@pytest.mark.usefixtures("ptrace_ok")
@pytest.mark.parametrize("version,python", INTERPRETERS, ids=[v for v, _ in INTERPRETERS])
def test_true(version, python):
    lines, err, rc = tc.run_minitrace([], ["/bin/true"], python=python)
    where = "%s -m minitrace -o FILE /bin/true" % python
    assert "Traceback" not in err and "internal error" not in err, "%s:\n%s" % (where, err)
    assert rc == 0, "%s: exit status %s\n%s" % (where, rc, err)
    assert lines, "%s: empty trace\n%s" % (where, err)
    assert lines[0].startswith('execve("/bin/true", ["/bin/true"], '), "%s: %s" % (where, lines[0])
    assert lines[0].endswith(" = 0"), "%s: %s" % (where, lines[0])
    assert lines[-1] == "+++ exited with 0 +++", "%s: %s" % (where, lines[-1])
    slines = tc.run_strace([], ["/bin/true"])[0]
    diff = tc.compare(tc.syscall_names(slines), tc.syscall_names(lines))
    assert not diff, "%s: syscalls differ from strace's:\n%s" % (where, diff)
