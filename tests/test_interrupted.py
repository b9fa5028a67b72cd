"""An interrupted call's line is split where strace splits it, for every decoder: the entry
part (`ioctl(3, TCGETS <unfinished ...>`) and the exit part (`<... ioctl resumed>, 0x7f...)`)
are strace's. Each family workload runs under `interleave`, whose own process makes system
calls without pause, so under -f nearly every line of the workload is split; the split of each
call split under both tracers is compared (the call identified by its name and how many calls
of that name came before it)."""
import collections
import os
import re
import shutil
import tempfile

import pytest

import tracecmp as tc

pytestmark = pytest.mark.usefixtures("ptrace_ok")

# workload: needs a scratch directory as argv[1]?
WORKLOADS = [
    ("decode_desc", True), ("decode_file", True), ("decode_futex", False),
    ("decode_ioctl", False), ("decode_ipc", False), ("decode_memory", False),
    ("decode_net", False), ("decode_process", False), ("decode_sched", False),
    ("decode_siginfo", False), ("decode_signal", False), ("decode_time", False),
    ("allsys", False), ("printers_writes", False), ("multiplexed", False),
]
UNFINISHED_RE = re.compile(r"^([a-z_0-9]+)\((.*) <unfinished \.\.\.>$")
RESUMED_RE = re.compile(r"^<\.\.\. ([a-z_0-9]+) resumed>(.*?)(?:\s+= .*)?$")
NUMBER_RE = re.compile(r"\b(?:0x[0-9a-f]+|\d+)\b")
STRING_RE = re.compile(r'"(?:[^"\\]|\\.)*"(?:\.\.\.)?')


def _shape(text):
    """A part of a line with its strings and numbers (run-specific: paths, random bytes,
    times, ids) left out: where the line is split is what is compared."""
    return NUMBER_RE.sub("N", STRING_RE.sub("S", text))


def splits(lines, pid):
    """(name, nth call of that name) -> (entry part, exit part) of the calls of `pid` whose
    line was split; and the number of calls `pid` made."""
    seen = collections.Counter()
    open_call = None
    out = {}
    calls = 0
    for line in lines:
        who, body = tc.split_prefix(line)
        if who != pid:
            continue
        m = UNFINISHED_RE.match(body)
        if m:
            name = m.group(1)
            open_call = ((name, seen[name]), m.group(2))
            seen[name] += 1
            calls += 1
            continue
        m = RESUMED_RE.match(body)
        if m:
            if open_call is not None and open_call[0][0] == m.group(1):
                out[open_call[0]] = (_shape(open_call[1]), _shape(m.group(2)))
            open_call = None
            continue
        m = tc.CALL_RE.match(body)
        if m:
            seen[m.group(1)] += 1
            calls += 1
    return out, calls


@pytest.mark.parametrize("prog,scratch", WORKLOADS, ids=[w[0] for w in WORKLOADS])
def test_split_like_strace(prog, scratch):
    cmd = [tc.build("interleave"), tc.build(prog)]
    found = {}
    for tool, run in (("strace", tc.run_strace), ("minitrace", tc.run_minitrace)):
        tmp = tempfile.mkdtemp(prefix="split") if scratch else None
        try:
            lines = run(["-f"], cmd + ([tmp] if tmp else []), output="file")[0]
        finally:
            if tmp:
                shutil.rmtree(tmp)
        # P1 is interleave (its calls are the interruptions), P2 the workload
        found[tool] = splits(tc.normalise(lines), "P2")
    (want, calls), (got, _) = found["strace"], found["minitrace"]
    both = sorted(set(want) & set(got))
    # the scenario works: calls are split under both tracers (how many depends on the
    # scheduler: on a loaded machine fewer interleave; every call split under both is compared)
    assert calls and both, (len(both), calls)
    wrong = ["%s #%d: strace %r | %r, minitrace %r | %r" % (k + want[k] + got[k])
             for k in both if want[k] != got[k]]
    assert not wrong, "\n".join(wrong)
