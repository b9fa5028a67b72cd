#!/usr/bin/env python3
"""Where decoding time goes on a real workload: each decoder's own wall time per call.

    python3 tools/decoder_times.py [--top N] [--out FILE] [--cpu] -- MINITRACE-ARGUMENTS...
    taskset -c 0 python3 tools/decoder_times.py -- -f -o /dev/null sh -c 'ls; ls'

Runs minitrace in this process with the enter, exit and result methods of every registered
decoder class wrapped in a perf_counter_ns timer, and writes one line per (syscall, phase):
calls, total ms, the first call's ms (it imports modules and fills caches) and microseconds
per later call, the most costly first, then the totals and the tracer's CPU time. Only the
methods a decoder class defines itself are timed (an inherited Decoder.result is not), so the
total is a lower bound of the decoding cost. The timer adds about 0.2 us a call. Pin it
(`taskset -c 0`) to take the spin and the other vCPU out of the figures. Pinned, the wall
time of a decoder also counts the traced processes that run on that CPU meanwhile (W4's
server and client preempt the tracer: sendto's entry read 76 us wall, 50 us CPU): `--cpu`
times the tracer's own CPU time instead (time.thread_time_ns, 0.36 us a reading here: the
timer then adds about 0.7 us a call). cProfile's own cost per function call distorts exactly
these small functions; this does not.
The table goes to FILE (default: stderr, once the trace has ended). With -p, end it with SIGINT
(it then exits 0, where minitrace would die by the signal, as strace does).
"""
import collections
import os
import sys
import time

import in_process

PHASES = ("enter", "exit", "result")


def timed(times, clock=time.perf_counter_ns):
    """Wrap every registered decoder class's own PHASES; times[(name, phase)] = [ns, calls,
    ns of the first call] (the first call imports modules and fills caches: apart from the
    others, it would make a call that runs 300 times look several times dearer)."""
    from minitrace import decode
    decode.load_all()
    wrapped = set()
    for dec in list(decode.REGISTRY.values()):
        cls = type(dec)
        for phase in PHASES:
            if (cls, phase) in wrapped or phase not in cls.__dict__:
                continue
            wrapped.add((cls, phase))

            def timer(self, ctx, call, _method=cls.__dict__[phase], _phase=phase):
                start = clock()
                try:
                    return _method(self, ctx, call)
                finally:
                    row = times[(call.entry.name, _phase)]
                    spent = clock() - start
                    if not row[1]:
                        row[2] = spent
                    row[0] += spent
                    row[1] += 1
            setattr(cls, phase, timer)


def table(times, top):
    """The rows, dearest first: calls, total ms, the first call's ms, then the microseconds of
    each later call; then the totals and the tracer's own CPU time so far."""
    rows = sorted(times.items(), key=lambda kv: -kv[1][0])
    lines = ["%-22s %-6s %8s %10s %9s %10s" % ("syscall", "phase", "calls", "ms", "first ms",
                                                "us/later")]
    for (name, phase), (ns, calls, first) in rows[:top]:
        later = (ns - first) / 1e3 / (calls - 1) if calls > 1 else float("nan")
        lines.append("%-22s %-6s %8d %10.1f %9.2f %10.1f" % (name, phase, calls, ns / 1e6,
                                                              first / 1e6, later))
    lines.append("%-22s %-6s %8d %10.1f %9.2f" % (
        "total", "", sum(row[1] for row in times.values()),
        sum(row[0] for row in times.values()) / 1e6, sum(row[2] for row in times.values()) / 1e6))
    cpu = os.times()
    lines.append("the tracer's CPU time: %.1f ms (user %.1f, system %.1f), start-up included" % (
        (cpu[0] + cpu[1]) * 1e3, cpu[0] * 1e3, cpu[1] * 1e3))
    return "\n".join(lines) + "\n"


USAGE = "usage: decoder_times.py [--top N] [--out FILE] [--cpu] -- MINITRACE-ARGUMENTS..."


def main(argv):
    top, out, clock = 30, None, time.perf_counter_ns
    while argv and argv[0] != "--":
        if argv[0] == "--top" and len(argv) > 1:
            top, argv = int(argv[1]), argv[2:]
        elif argv[0] == "--out" and len(argv) > 1:
            out, argv = argv[1], argv[2:]
        elif argv[0] == "--cpu":
            clock, argv = time.thread_time_ns, argv[1:]
        else:
            sys.exit(USAGE)
    if len(argv) < 2:
        sys.exit(USAGE)
    minitrace_main = in_process.minitrace_main()   # -p ended by SIGINT: the table, exit 0
    times = collections.defaultdict(lambda: [0, 0, 0])
    timed(times, clock)
    try:
        status = minitrace_main(argv[1:])
    finally:
        text = table(times, top)
        if out:
            with open(out, "w") as f:
                f.write(text)
        else:
            os.write(2, text.encode())
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
