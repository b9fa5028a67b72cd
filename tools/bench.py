#!/usr/bin/env python3
"""Benchmark minitrace against strace (and python-ptrace's strace.py when installed).

Runs each workload untraced, under strace and under minitrace, alternating the tracers run by
run, and prints the median wall, user and sys seconds, the peak memory (max RSS of the tracer
and its children) and the ratio minitrace / strace of the medians. Stdlib only. minitrace's
byte code is compiled first and PYTHONDONTWRITEBYTECODE is dropped, as for an installed copy.

    python3 tools/bench.py [--runs N] [--only W1,W3] [--python PATH]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DD = ["dd", "if=/dev/zero", "of=/dev/null", "bs=1", "count=20000"]
W2 = ["sh", "-c", "for i in $(seq 200); do /bin/true; done"]

WORKLOADS = [
    ("W1", "dd, 40k syscalls, full decoding", ["-o", "/dev/null"], DD),
    ("W1-c", "dd with -c", ["-c", "-o", "/dev/null"], DD),
    ("W1-seccomp", "dd, --seccomp-bpf -f -e trace=openat", ["--seccomp-bpf", "-f", "-e", "trace=openat", "-o", "/dev/null"], DD),
    ("W2", "-f over 200 /bin/true", ["-f", "-o", "/dev/null"], W2),
    ("W3", "startup: /bin/true", ["-o", "/dev/null"], ["/bin/true"]),
]


def measure(argv):
    """(wall, user, sys, maxrss MB) of one run of argv, its children included."""
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_RDWR)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    _, status, ru = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    if os.WEXITSTATUS(status) == 127:
        raise RuntimeError("could not run %s" % argv[0])
    return wall, ru.ru_utime, ru.ru_stime, ru.ru_maxrss / 1024.0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--only", default="")
    ap.add_argument("--python", default=sys.executable, help="interpreter that runs minitrace")
    ap.add_argument("--ptrace-strace", default=shutil.which("strace.py"),
                    help="python-ptrace's strace.py, if installed")
    args = ap.parse_args()
    only = set(filter(None, args.only.split(",")))
    os.environ["PYTHONPATH"] = ROOT + os.pathsep + os.environ.get("PYTHONPATH", "")
    # measure minitrace as installed: with its byte code compiled (not re-compiled every run)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.call([args.python, "-m", "compileall", "-q", os.path.join(ROOT, "minitrace"),
                     os.path.join(ROOT, "syscalls")])
    tracers = [("untraced", None), ("strace", ["/usr/bin/strace"]),
               ("minitrace", [args.python, "-m", "minitrace"])]
    if args.ptrace_strace:
        tracers.append(("python-ptrace", [args.python, args.ptrace_strace]))
    print("%-11s %-14s %8s %8s %8s %8s %8s" % ("workload", "tracer", "wall", "user", "sys", "maxMB", "ratio"))
    for name, desc, topts, cmd in WORKLOADS:
        if only and name not in only:
            continue
        results = dict((t, []) for t, _ in tracers)
        for _ in range(args.runs):
            for tname, tcmd in tracers:
                if tcmd is None:
                    argv = cmd
                elif tname == "python-ptrace":
                    if "-c" in topts or "--seccomp-bpf" in topts:
                        continue
                    argv = tcmd + ["-f", "-o", "/dev/null"] + cmd if "-f" in topts else tcmd + ["-o", "/dev/null"] + cmd
                else:
                    argv = tcmd + topts + cmd
                try:
                    results[tname].append(measure(argv))
                except RuntimeError as e:
                    print("  %s: %s" % (tname, e))
        base = None
        for tname, _ in tracers:
            rows = results[tname]
            if not rows:
                continue
            med = [statistics.median(col) for col in zip(*rows)]
            if tname == "strace":
                base = med[0]
            ratio = "%.2f" % (med[0] / base) if base and tname not in ("untraced", "strace") else ""
            print("%-11s %-14s %8.3f %8.3f %8.3f %8.1f %8s" % (name, tname, med[0], med[1], med[2], med[3], ratio))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
