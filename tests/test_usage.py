"""`minitrace --help` (usage.TEXT) lists every option of cli.OPTIONS, short and long, and
README.md's usage section is the same text."""
import os
import re
import subprocess
import sys

import tracecmp as tc
from minitrace import cli, usage


def _mentioned(flag, text):
    return re.search(r"(?<![\w-])%s(?![\w-])" % re.escape(flag), text) is not None


def test_every_option_is_in_the_help():
    missing = []
    for short, long_name, _, _ in cli.OPTIONS:
        if short and not _mentioned("-" + short, usage.TEXT):
            missing.append("-" + short)
        if long_name and not _mentioned("--" + long_name, usage.TEXT):
            missing.append("--" + long_name)
    assert not missing, "options missing from minitrace/usage.py: %s" % " ".join(missing)


def test_every_option_in_the_help_exists():
    for flag in set(re.findall(r"(?<![\w-])--([a-z][a-z-]+)", usage.TEXT)):
        assert flag in cli.LONG, "--%s is in the help but not in cli.OPTIONS" % flag
    for flag in set(re.findall(r"(?<![\w-])-([A-Za-z])\b", usage.TEXT)):
        assert flag in cli.SHORT, "-%s is in the help but not in cli.OPTIONS" % flag


def test_help_output():
    for flag in ("-h", "--help"):
        out = subprocess.check_output([sys.executable, "-m", "minitrace", flag], cwd=tc.ROOT)
        assert out.decode() == usage.TEXT


def test_readme_has_the_usage():
    with open(os.path.join(tc.ROOT, "README.md")) as f:
        readme = f.read()
    assert usage.TEXT in readme, "README.md: paste usage.TEXT into the Usage section"
