#!/usr/bin/env python3
"""Where minitrace's CPU time goes on a real workload, sampled: the Python stack every few
milliseconds of the tracer's CPU time.

    python3 tools/cpu_sample.py [--out FILE] [--top N] -- MINITRACE-ARGUMENTS...
    python3 tools/cpu_sample.py --out /tmp/s -- -f -o /dev/null -p PID     (end it with SIGINT)

Runs minitrace in this process (tools/in_process.py) with an ITIMER_PROF timer: at each expiry
(the kernel's tick, about 4 ms of the process's user + system time here) a SIGPROF handler
records the innermost frame's function and line and every function on the stack. FILE gets
the sample count, then the functions by inclusive share (on the stack), by self share
(innermost), and the lines by self share. Unlike cProfile it adds nothing to each call, and
unlike decoder_times.py it sees everything: the engine, the renderer, and the time inside the
system calls and ctypes calls a line makes (a sample taken in the kernel or in C counts for the
Python line that made the call). A run needs about 1,000 samples (4 s of CPU) for shares of
a few percent to hold to about one point.
"""
import argparse
import collections
import os
import signal
import sys

import in_process
from in_process import ROOT

INTERVAL = 0.001        # seconds of CPU asked for; the kernel rounds it up to its tick


class Sampler(object):
    def __init__(self):
        self.samples = 0
        self.inclusive = collections.Counter()
        self.own = collections.Counter()
        self.lines = collections.Counter()

    @staticmethod
    def where(code):
        path = code.co_filename
        if path.startswith(ROOT + os.sep):
            path = os.path.relpath(path, ROOT)
        return "%s:%s" % (path, code.co_name)

    def on_signal(self, signum, frame):
        self.samples += 1
        if frame is None:
            return
        name = self.where(frame.f_code)
        self.own[name] += 1
        line = frame.f_lineno           # None where an instruction has no line (3.11+)
        self.lines["%s:%s" % (name, "?" if line is None else line)] += 1
        seen = set()
        while frame is not None:
            name = self.where(frame.f_code)
            if name not in seen:                # a recursive function counts once a sample
                seen.add(name)
                self.inclusive[name] += 1
            frame = frame.f_back

    def report(self, top):
        total = self.samples or 1
        out = ["samples %d" % self.samples]
        for title, counts in (("functions, inclusive", self.inclusive),
                              ("functions, self", self.own), ("lines, self", self.lines)):
            out.append("-- " + title)
            out.extend("%6.2f%%  %s" % (100.0 * n / total, what)
                       for what, n in counts.most_common(top))
        return "\n".join(out) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", help="the report's file (default: stderr)")
    parser.add_argument("--top", type=int, default=40, help="rows per table (default 40)")
    parser.add_argument("args", nargs=argparse.REMAINDER)
    opts = parser.parse_args(argv)
    args = opts.args[1:] if opts.args[:1] == ["--"] else opts.args
    if not args:
        parser.error("no minitrace arguments (after --)")
    minitrace_main = in_process.minitrace_main()
    sampler = Sampler()
    previous = signal.signal(signal.SIGPROF, sampler.on_signal)
    signal.setitimer(signal.ITIMER_PROF, INTERVAL, INTERVAL)
    try:
        status = minitrace_main(args)
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
        text = sampler.report(opts.top)
        if opts.out:
            with open(opts.out, "w") as f:
                f.write(text)
        else:
            sys.stderr.write(text)
    return status


if __name__ == "__main__":
    sys.exit(main())
