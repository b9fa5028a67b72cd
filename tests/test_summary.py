"""The -c/-C summary against the real strace: the header, rule and total lines exactly, the
calls and errors of every row exactly, the row order for the deterministic sort keys, the
layout of every row (column widths), and the command-line errors. Times are not compared (they
are measured)."""
import re

import pytest

import tracecmp as tc

pytestmark = pytest.mark.usefixtures("ptrace_ok")

DEFAULT_ROW = re.compile(r"^[ \d]{2}\d\.\d\d [ \d]{3}\d\.\d{6} [ \d]{10}\d [ \d]{8}\d [ \d]{9} \S+$")


def tables(args, prog="core_unknown", argv=()):
    cmd = [tc.build(prog)] + list(argv)
    s = tc.run_strace(args, cmd)
    m = tc.run_minitrace(args, cmd)
    assert "Traceback" not in m[1], m[1]
    assert m[2] == s[2], (m[1], s[1])
    return s[0], m[0]


def split(lines):
    """(trace lines, table lines): the table starts at its header."""
    for i, line in enumerate(lines):
        if line.startswith(("% time", "syscall ", "    calls")):
            return lines[:i], lines[i:]
    return lines, []


def test_default_table_layout_and_counts():
    s, m = tables(["-c"])
    assert m[:2] == s[:2] and m[-2] == s[-2]
    for line in m[2:-2]:
        assert DEFAULT_ROW.match(line), line
    assert sorted((l.split()[-1], l.split()[3], l[46:55].strip()) for l in m[2:-2]) == \
        sorted((l.split()[-1], l.split()[3], l[46:55].strip()) for l in s[2:-2])
    assert m[-1].split()[3:] == s[-1].split()[3:]          # total: calls, errors, "total"
    assert m[-1].startswith("100.00 ")


@pytest.mark.parametrize("sort", ["calls", "name", "nothing", "errors"])
def test_deterministic_sort_orders(sort):
    s, m = tables(["-c", "-S", sort, "-U", "name,calls,errors"])
    assert m == s, tc.compare(s, m)


def test_columns_and_follow_forks_add_up_processes():
    s, m = tables(["-f", "-c", "-S", "name", "-U", "calls,name,errors"], prog="core_fork")
    assert m == s, tc.compare(s, m)


def test_summary_with_trace():
    s, m = tables(["-C", "-e", "trace=write,openat"])
    (st, stab), (mt, mtab) = split(s), split(m)
    assert tc.normalise(mt) == tc.normalise(st), tc.compare(st, mt)
    # rows are sorted by time (the default): which of two one-call rows comes first is chance
    assert sorted(l.split()[3:] for l in mtab[2:-2]) == sorted(l.split()[3:] for l in stab[2:-2])
    assert mtab[-1].split()[3:] == stab[-1].split()[3:]


def test_nothing_counted_prints_no_table():
    s, m = tables(["-c", "-e", "trace=none"])
    assert m == s == []


@pytest.mark.parametrize("args", [["-c", "-C"], ["-ff", "-o", "x", "-c"], ["-w"],
                                  ["-U", "calls"], ["-c", "-S", "bogus"], ["-c", "-U", "bogus"],
                                  ["-c", "-O", "x"]])
def test_errors_as_strace_words_them(args):
    s = tc.run_strace(args, ["/bin/true"], output="stderr")
    m = tc.run_minitrace(args, ["/bin/true"], output="stderr")
    assert m[2] == s[2] == 1
    assert tc.stderr_lines(m[1], "minitrace") == tc.stderr_lines(s[1], "strace")


@pytest.mark.parametrize("columns", [None, "name,calls,errors", "calls,name,errors",
                                     "calls,errors,name"])
def test_syscall_column_widens_for_long_names(columns):
    """strace widens the syscall column to the longest name counted plus one
    (`sched_get_priority_max`), header and rules included, with -U too."""
    args = ["-c", "-S", "name"] + (["-U", columns] if columns else [])
    s, m = tables(args, prog="summary_long_names")
    assert any("sched_get_priority_max" in l for l in s), s
    if columns:
        assert m == s, tc.compare(s, m)
    else:             # times are measured: compare the layout, calls, errors and names
        assert m[:2] == s[:2] and m[-2] == s[-2], tc.compare(s, m)
        assert [(len(l), l.split()[-1], l[46:55]) for l in m[2:-2]] == \
            [(len(l), l.split()[-1], l[46:55]) for l in s[2:-2]]
