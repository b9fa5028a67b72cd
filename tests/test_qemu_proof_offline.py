"""tools/qemu_proof.py's comparison, offline: the -k stack lines (` > ...`) are counted apart
(the summary's "-k: N stack lines, M identical"), and the guest runs its -k cases only under a
strace built with -k (--k-oracle), so the proof without it is what it was."""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))

import qemu_guest  # noqa: E402
import qemu_proof  # noqa: E402


def run(lines):
    return {"trace": lines, "stderr": []}


def test_stack_lines_counted_apart():
    strace = ["getpid() = 30001", " > /lib/libc.so.6(getpid+0x8) [0xd0a08]",
              " > /bin/busybox(+0x0) [0x61dc]", "exit_group(0) = ?", "+++ exited with 0 +++"]
    mine = list(strace)
    mine[2] = " > /bin/busybox() [0x61dc]"
    parts = {("k-true", "plain", "strace"): run(strace),
             ("k-true", "plain", "minitrace"): run(mine)}
    status = {("k-true", "plain", "strace"): "0", ("k-true", "plain", "minitrace"): "0"}
    stack = []
    total, same, known, problems = qemu_proof.compare_run(parts, status, (6, 1), stack)
    assert (total, same) == (5, 4) and stack == [2, 1]
    assert len(problems) == 1 and "busybox()" in problems[0]


def test_k_cases_only_with_the_oracle():
    assert all("-k" in opts for _, opts, _ in qemu_guest.K_CASES)
    assert not any("-k" in opts for _, opts, _ in qemu_guest.CASES)
    assert qemu_guest.K_STRACE == "/usr/bin/strace-k"
