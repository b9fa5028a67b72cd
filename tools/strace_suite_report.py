"""The scoreboard of tools/strace_suite.py: a test's status and one-line reason (ours, never the
suite's text), families of tests, and the committed documents (docs/strace-suite.md, the pass
list, strace 6.1's reference list)."""
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOCS = os.path.join(ROOT, "docs")
DOC_MD = os.path.join(DOCS, "strace-suite.md")
DOC_PASS = os.path.join(DOCS, "strace-suite-pass.txt")
DOC_REFERENCE = os.path.join(DOCS, "strace-suite-reference.txt")
KILL_GRACE = 20         # seconds after that before the tool kills the test's whole session

PASS, FAIL, SKIP, ERROR, TIMEOUT = "pass", "fail", "skip", "error", "timeout"
STATUSES = (PASS, FAIL, SKIP, ERROR, TIMEOUT)

# families of the scoreboard: (family, test-name prefixes); the first match wins, other tests
# go by their name up to the first '-', '_' or '.'
FAMILIES = (
    ("ioctl", ("ioctl",)),
    ("netlink", ("netlink", "nlattr", "nfnetlink")),
    ("strace options", ("strace-",)),
    ("qual (-e filters, inject, fault)", ("qual_", "inject-", "filtering_", "filter-")),
    ("poke (inject poke_enter/exit)", ("poke",)),
)
IOCTL_NETLINK = ("ioctl", "netlink")
OTHER_FAMILIES = "(families of fewer than 3 tests)"


# ---------------------------------------------------------------- one-line reasons

HUNK = re.compile(r"^@@ -(\d+)(?:,\d+)? \+\d+(?:,\d+)? @@", re.M)


def first_difference(text):
    """The line of the expected output where the first unified diff hunk of TEXT differs."""
    m = HUNK.search(text)
    if not m:
        return None
    line = int(m.group(1))
    for body in text[m.end():].split("\n")[1:]:
        if body.startswith(" "):
            line += 1
        elif body.startswith(("-", "+")):
            return line
        else:
            break
    return line


def classify(rc, text, timed_out, timeout, tracer):
    """(status, one-line reason) of a test: reasons are ours, never the suite's text."""
    if timed_out:
        return TIMEOUT, "timeout after %d s (killed)" % (timeout + KILL_GRACE)
    if rc == 0:
        return PASS, ""
    internal = re.search(r"internal error: (\w+)|^Traceback \(most recent call last\)", text,
                         re.M)
    if internal and tracer == "minitrace":
        kind = internal.group(1)
        if not kind:
            ex = re.search(r"^(\w+(?:Error|Exception|Interrupt|Exit))\b", text, re.M)
            kind = ex.group(1) if ex else "traceback"
        return (ERROR if rc == 99 else FAIL), "internal error (%s)" % kind
    if rc == 77:
        return SKIP, "skipped under %s" % tracer
    if rc == 99:
        return ERROR, "hard error: the test's framework failed (exit status 99)"
    failed = re.findall(r": failed test: (.*)$", text, re.M)
    message = failed[-1] if failed else ""
    if re.search(r"time limit \(\d+\) exceeded", message):
        return TIMEOUT, "timeout after %d s" % timeout
    line = first_difference(text)
    if line is not None:
        return FAIL, "output differs at line %d" % line
    patterns = re.findall(r"^#\d+: ", text, re.M)
    if "Failed patterns of expected output:" in text and patterns:
        return FAIL, "%d expected pattern%s not matched" % (len(patterns),
                                                          "" if len(patterns) == 1 else "s")
    code = re.search(r" failed with code (\d+)$", message)
    if code:
        who = message.split(" ", 1)[0]
        if who.endswith("/strace") or who == "strace":
            said = re.search(r"^(?:strace|minitrace): (.+)$", text, re.M)
            if said and tracer == "minitrace":     # minitrace's own first message
                return FAIL, "tracer exit status %s (%s)" % (code.group(1), said.group(1)[:70])
            return FAIL, "tracer exit status %s" % code.group(1)
        if who.startswith("../"):
            return FAIL, "test program exit status %s" % code.group(1)
        return FAIL, "a helper command's exit status %s" % code.group(1)
    if message.endswith("output mismatch"):
        return FAIL, "output rejected by the test's check"
    if message:
        return FAIL, "a check of the test script failed"
    return FAIL, "exit status %d" % rc


# ---------------------------------------------------------------- lists and counts

def read_list(path):
    with open(path) as f:
        return [line.strip() for line in f if line.strip() and not line.startswith("#")]


def totals_text(c):
    return ", ".join("%d %s" % (c[s], s) for s in STATUSES)


def reference_totals():
    """{status: count} of the reference run, from the header of the committed list."""
    with open(DOC_REFERENCE) as f:
        first = f.readline()
    return dict((s, int(n)) for n, s in re.findall(r"(\d+) (%s)\b" % "|".join(STATUSES), first))


def counts(results, names=None):
    c = dict((s, 0) for s in STATUSES)
    for name, r in results.items():
        if names is None or name in names:
            c[r[0]] += 1
    return c


# ---------------------------------------------------------------- the scoreboard

def family(name):
    for fam, prefixes in FAMILIES:
        if name.startswith(prefixes):
            return fam
    return re.split(r"[-_.]", name, 1)[0] or name


# run.sh's own limit of one test (TIMEOUT_DURATION of strace's tests/init.sh), seconds
SUITE_LIMIT = 1500
# tests that start the tracer a thousand times and more (every combination of a syntax or of
# fault injection: 1,136 starts in qual_fault, 6,600 in filtering_syscall-syntax): 30 to 60 s
# under strace, 6 to 25 minutes under a tracer each of whose starts is a Python start
STARTUP_BOUND = ("qual_fault", "qual_fault-syscall", "filtering_syscall-syntax")


def percent(a, b):
    return "%.1f%%" % (100.0 * a / b) if b else "-"


def scoreboard(mine, reference_pass, all_names, complete):
    """The text of docs/strace-suite.md."""
    ref = set(reference_pass)
    passed = set(n for n, r in mine.items() if r[0] == PASS)
    ok = passed & ref
    outside = set(n for n in ref if family(n) not in IOCTL_NETLINK)
    lines = [
        "# strace 6.1's test suite, run against minitrace",
        "",
        "Generated by `python3 tools/strace_suite.py --write-docs` (do not edit by hand): strace "
        "6.1's own tests, fetched and built at run time (never copied here), each run as "
        "automake runs it with `$STRACE` pointing at minitrace. The reference is Debian's "
        "strace 6.1 (`/usr/bin/strace`) on the same machine; a test it does not pass here "
        "(skipped, or needing a newer kernel) is out of scope. See HACKING.md, \"strace 6.1's "
        "test suite\".",
        "",
        "Each test has 60 s (our limit: a hang costs CI a minute), five times that for a few "
        "long ones, and run.sh's own %d s for the tests that start the tracer a thousand times "
        "and more (%s): each start of minitrace is a start of Python, so they take 6 to 25 "
        "minutes, against 30 to 60 s under strace. CI's ratchet leaves those to this full run."
        % (SUITE_LIMIT, ", ".join("`%s`" % n for n in STARTUP_BOUND)),
        "",
        "## Totals",
        "",
        "minitrace passes **%d of the %d tests strace 6.1 passes (%s)**; outside ioctl and "
        "netlink (tests named `ioctl*`, `netlink*`, `nlattr*`, `nfnetlink*`): %d of %d (%s)."
        % (len(ok), len(ref), percent(len(ok), len(ref)), len(ok & outside), len(outside),
           percent(len(ok & outside), len(outside))),
        "",
    ]
    scope = ("all %d tests of the suite" % len(all_names) if complete
             else "the %d tests strace 6.1 passes (a `--passing` run)" % len(mine))
    lines += ["Results over %s:" % scope, "",
              "| tracer | " + " | ".join(STATUSES) + " |",
              "|---|" + "---:|" * len(STATUSES)]
    c = counts(mine)
    lines.append("| minitrace | " + " | ".join(str(c[s]) for s in STATUSES) + " |")
    c = reference_totals()
    lines.append("| strace 6.1 (over all %d) | " % sum(c.values())
                 + " | ".join(str(c.get(s, 0)) for s in STATUSES) + " |")
    extra = sorted(passed - ref)
    if extra:
        lines += ["", "minitrace also passes %d test%s strace 6.1 does not pass here: %s."
                  % (len(extra), "" if len(extra) == 1 else "s",
                     ", ".join("`%s`" % n for n in extra))]
    groups = {}
    for n in ref:
        groups.setdefault(family(n), []).append(n)
    big = dict((f, ns) for f, ns in groups.items() if len(ns) >= 3)
    small = sorted(n for f, ns in groups.items() if len(ns) < 3 for n in ns)
    rows = sorted(big.items(), key=lambda kv: (-len(set(kv[1]) - ok), kv[0]))
    if small:
        rows.append((OTHER_FAMILIES, small))
    lines += ["", "## Families", "",
              "Tests strace 6.1 passes, grouped by the name's prefix; most failing first.", "",
              "| family | strace 6.1 passes | minitrace passes | rate | failing |",
              "|---|---:|---:|---:|---:|"]
    for label, rowset in (("**all**", ref), ("**outside ioctl and netlink**", outside)):
        k = len(set(rowset) & ok)
        lines.append("| %s | %d | %d | %s | %d |" % (label, len(rowset), k,
                                                     percent(k, len(rowset)), len(rowset) - k))
    for fam, ns in rows:
        k = len(set(ns) & ok)
        lines.append("| %s | %d | %d | %s | %d |" % (fam, len(ns), k, percent(k, len(ns)),
                                                     len(ns) - k))
    lines += ["", "## Failing tests", "",
              "Every test strace 6.1 passes that minitrace does not, with the reason (ours: the "
              "first line where the output differs from what the test expects, an exit status, "
              "a timeout, an internal error). `python3 tools/strace_suite.py --show TEST` prints "
              "one test's log; `python3 tools/strace_suite.py TEST` runs it again."]
    for fam, ns in rows:
        failing = sorted(n for n in ns if n not in ok)
        if not failing:
            continue
        lines += ["", "### %s (%d failing)" % (fam, len(failing)), ""]
        for n in failing:
            r = mine.get(n)
            lines.append("- `%s`: %s" % (n, r[1] if r else "not run"))
    return "\n".join(lines) + "\n"


def write_docs(mine, reference_pass, all_names, complete):
    if not os.path.isdir(DOCS):
        os.makedirs(DOCS)
    with open(DOC_MD, "w") as f:
        f.write(scoreboard(mine, reference_pass, all_names, complete))
    ref = set(reference_pass)
    with open(DOC_PASS, "w") as f:
        f.write("".join("%s\n" % n for n in sorted(n for n, r in mine.items()
                                                    if r[0] == PASS and n in ref)))


def write_reference(results, reference):
    c = counts(results)
    with open(DOC_REFERENCE, "w") as f:
        f.write("# %s (Debian's strace 6.1) over the %d tests: %s\n"
                % (reference, len(results), totals_text(c)))
        f.write("".join("%s\n" % n for n in sorted(n for n, r in results.items()
                                                    if r[0] == PASS)))
