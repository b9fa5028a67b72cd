"""A program minitrace starts gets exactly the environment minitrace was given, with -E
applied as strace applies it: Python's own start-up changes (PEP 538's LC_CTYPE coercion under
a C or POSIX locale) never reach it. The execve line is compared with strace's under each
locale setting, in UTF-8 mode too; and through the Python API, where a change the caller made
to os.environ is passed on."""
import os
import subprocess
import sys

import pytest

import tracecmp as tc

pytestmark = pytest.mark.usefixtures("ptrace_ok")

BASE = {"PATH": "/usr/bin:/bin", "PYTHONPATH": tc.MINITRACE_ROOT}
CASES = [
    ("LANG=C", {"LANG": "C"}, ()),
    ("LC_ALL=POSIX", {"LC_ALL": "POSIX"}, ()),
    ("LC_CTYPE=C", {"LC_CTYPE": "C"}, ()),
    ("no-locale", {}, ()),
    ("PYTHONUTF8=1", {"PYTHONUTF8": "1", "LANG": "C"}, ()),
    ("-X utf8", {"LANG": "C"}, ("-X", "utf8")),
    ("C.UTF-8", {"LANG": "C.UTF-8"}, ()),
]
E_OPTS = ["-E", "ADDED=1", "-E", "LANG=fr_FR.UTF-8", "-E", "PYTHONPATH"]


def _execve_line(argv, env):
    proc = subprocess.Popen(argv + ["-v", "-s", "4096", "-e", "trace=execve", "/bin/true"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            cwd="/")
    out, err = proc.communicate(timeout=60)
    lines = [l for l in err.decode("utf-8", "replace").splitlines() if l.startswith("execve(")]
    assert proc.returncode == 0 and len(lines) == 1, err
    return lines[0]


@pytest.mark.parametrize("extra_opts", [[], E_OPTS], ids=["plain", "-E"])
@pytest.mark.parametrize("name,variables,pyflags", CASES, ids=[c[0] for c in CASES])
def test_execve_environment_like_strace(name, variables, pyflags, extra_opts):
    env = dict(BASE)
    env.update(variables)
    want = _execve_line([tc.STRACE] + extra_opts, env)
    got = _execve_line([sys.executable] + list(pyflags) + ["-m", "minitrace"] + extra_opts, env)
    assert got == want


API_PROG = r'''
import os, minitrace
os.environ["FROM_CALLER"] = "yes"
for ev in minitrace.trace(["/bin/true"], trace="execve", verbose=True, string_limit=4096):
    if ev.type == "syscall" and ev.name == "execve":
        print(ev.arg_texts[2])
'''


def test_api_passes_the_callers_environment_without_coercion():
    env = dict(BASE, LANG="C")
    proc = subprocess.Popen([sys.executable, "-c", API_PROG], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd="/")
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    text = out.decode()
    assert "FROM_CALLER=yes" in text and "LANG=C" in text, text
    assert "LC_CTYPE" not in text, text
