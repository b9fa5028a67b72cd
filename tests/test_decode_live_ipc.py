"""System V and POSIX IPC decoders against the real strace 6.1: tests/progs/decode_ipc.c under
both (`-o FILE`), run-specific values normalised (addresses, ipc ids and keys, the queue name's
pid, pids and times in the ds structs, system-wide counters of the *_INFO structs), lines
compared. At least 98% of the lines must be identical; the differing ones are printed on failure.
"""
import difflib
import re

import tracecmp

THRESHOLD = 0.98
IPC_CALLS = ("shmget,shmat,shmdt,shmctl,semget,semop,semtimedop,semctl,msgget,msgsnd,msgrcv,"
             "msgctl,mq_open,mq_unlink,mq_timedsend,mq_timedreceive,mq_notify,mq_getsetattr")

_RESULT_RE = re.compile(r"^(.*\))\s+(= [^=]*)$")
_GET_RE = re.compile(r"^(shm|sem|msg)get\(.*\) += (\d+)$")
_ID_CALL_RE = re.compile(r"^((shm|sem|msg)(?:at|ctl|op|timedop|snd|rcv)\()(\d+)")
_KEY_RE = re.compile(r"^((?:shm|sem|msg)get\()0x[0-9a-f]+")
_SUBS = [
    (re.compile(r"\b(key|shm_cpid|shm_lpid|msg_lspid|msg_lrpid|shm_atime|shm_dtime|shm_ctime|"
                r"sem_otime|sem_ctime|msg_stime|msg_rtime|msg_ctime)=\d+"), r"\1=N"),
    # system-wide counters (other users of System V IPC change them)
    (re.compile(r"\b(used_ids|shm_tot|shm_rss|shm_swp|semusz|semaem|msgpool|msgmap|msgtql)=\d+"),
     r"\1=N"),
    (re.compile(r'"minitrace-\d+"'), '"minitrace-PID"'),
    (re.compile(r"\{tv_sec=\d{6,}, tv_nsec=0\}"), "{tv_sec=N, tv_nsec=0}"),
    # GETPID returns a pid, the *_INFO commands the highest index in use: *ctl results
    (re.compile(r"^((?:shm|sem|msg)ctl\(.*\)) = \d+$"), r"\1 = N"),
]


def clean(lines):
    """Normalised lines (one process: no pid prefixes). Ids are labelled per kind: shm, sem and
    msg ids are separate spaces, and the same number may be a shm id and a msg id at once."""
    ids = {}
    out = []
    for line in tracecmp.normalise(lines):
        line = _RESULT_RE.sub(r"\1 \2", line)
        m = _GET_RE.match(line)
        if m:
            key = (m.group(1), m.group(2))
            ids.setdefault(key, "%sID%d" % (m.group(1), len(ids) + 1))
            line = line[:m.start(2)] + ids[key]
        m = _ID_CALL_RE.match(line)
        if m:
            line = m.group(1) + ids.get((m.group(2), m.group(3)), m.group(3)) + line[m.end():]
        line = _KEY_RE.sub(r"\1KEY", line)
        for rx, repl in _SUBS:
            line = rx.sub(repl, line)
        out.append(line)
    return out


def compare_runs(args, cmd):
    a = clean(tracecmp.run_strace(args, cmd)[0])
    b = clean(tracecmp.run_minitrace(args, cmd)[0])
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    same = sum(block.size for block in sm.get_matching_blocks())
    total = max(len(a), len(b))
    diffs = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag != "equal":
            diffs.append(("\n   ".join(a[i1:i2]) or "<none>", "\n   ".join(b[j1:j2]) or "<none>"))
    return (float(same) / total if total else 1.0), diffs, total


def check(args, cmd, minimum=1):
    ratio, diffs, total = compare_runs(args, cmd)
    report = "\n".join("strace:    %s\nminitrace: %s" % d for d in diffs)
    print("%s %s: %.1f%% of %d lines identical" % (" ".join(args), " ".join(cmd), 100 * ratio,
                                                  total))
    if diffs:
        print(report)
    assert total >= minimum, "only %d trace lines" % total
    assert ratio >= THRESHOLD, "%.1f%% identical (< %d%%):\n%s" % (100 * ratio,
                                                                  100 * THRESHOLD, report)
    return ratio


def test_ipc_workload(ptrace_ok):
    exe = tracecmp.build("decode_ipc")
    check(["-e", "trace=" + IPC_CALLS], [exe], minimum=90)


def test_ipc_workload_raw(ptrace_ok):
    exe = tracecmp.build("decode_ipc")
    check(["-X", "raw", "-e", "trace=" + IPC_CALLS], [exe], minimum=90)


def test_ipc_workload_verbose(ptrace_ok):
    exe = tracecmp.build("decode_ipc")
    check(["-X", "verbose", "-e", "trace=" + IPC_CALLS], [exe], minimum=90)


def test_ipc_workload_no_structures(ptrace_ok):
    """-e verbose=none: structures and arrays print as their addresses."""
    exe = tracecmp.build("decode_ipc")
    check(["-e", "verbose=none", "-e", "trace=" + IPC_CALLS], [exe], minimum=90)


def test_ipc_workload_short_strings(ptrace_ok):
    exe = tracecmp.build("decode_ipc")
    check(["-s", "4", "-v", "-e", "trace=" + IPC_CALLS], [exe], minimum=90)
