#!/usr/bin/env python3
"""Where minitrace's Python work goes, counted, not timed: the bytecodes it executes per source line.

    python3 tools/bytecode_lines.py --out FILE -- [minitrace options] COMMAND [ARGS...]
    python3 tools/bytecode_lines.py --diff SMALL LARGE UNITS [--top N]

The first form runs minitrace in this process with a sys.settrace hook that counts every
bytecode (opcode events, Python 3.7+) by file and line, and writes FILE: one `COUNT FILE:LINE`
per line, most first. The tracer runs 20 to 30 times slower, so timing-dependent behaviour (a
server's futex calls, the spin) may differ from a plain run; the counts of one code path do not
depend on the machine's load, where wall times move by a fifth. minitrace's own exit status is
not kept (a trace ended by SIGINT still writes FILE).

The second form subtracts two such files (a run of the same workload, small and large) and
divides by UNITS (the calls or requests between them), so that start-up cancels out: the
bytecodes per unit by function (the innermost `def` around each line) and by line. A bytecode
is not a fixed cost (a ctypes call is one CALL and about 2,000 instructions), so read it beside
`bench.py --instructions`. Example, per W1 call:

    python3 tools/bytecode_lines.py --out /tmp/a -- -o /dev/null dd if=/dev/zero of=/dev/null bs=1 count=1000
    python3 tools/bytecode_lines.py --out /tmp/b -- -o /dev/null dd if=/dev/zero of=/dev/null bs=1 count=3000
    python3 tools/bytecode_lines.py --diff /tmp/a /tmp/b 4000
"""
import ast
import collections
import linecache
import os
import sys

import in_process
from in_process import ROOT


def record(out, argv):
    """Run minitrace with `argv` under the counting hook; write the counts to `out`."""
    minitrace_main = in_process.minitrace_main()   # a trace ended by a signal: still write
    counts = collections.Counter()

    def on_call(frame, event, arg):
        frame.f_trace_opcodes = True
        filename = frame.f_code.co_filename

        def on_opcode(frame, event, arg):
            if event == "opcode":
                counts[(filename, frame.f_lineno)] += 1
            return on_opcode
        return on_opcode

    sys.settrace(on_call)
    try:
        minitrace_main(argv)
    finally:
        sys.settrace(None)
        with open(out, "w") as f:
            for (filename, line), n in counts.most_common():
                f.write("%d %s:%s\n" % (n, os.path.relpath(filename, ROOT), line))


def load(path):
    counts = {}
    with open(path) as f:
        for row in f:
            n, where = row.split(" ", 1)
            counts[where.strip()] = int(n)
    return counts


_functions = {}


def function_of(filename, line):
    """`FILE:NAME` of the innermost def around `line` (`FILE:?` outside any)."""
    if filename not in _functions:
        spans = []
        try:
            with open(os.path.join(ROOT, filename)) as f:
                tree = ast.parse(f.read())
            spans = [(node.lineno, getattr(node, "end_lineno", node.lineno), node.name)
                     for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)]
        except (OSError, SyntaxError, ValueError):
            pass
        _functions[filename] = spans
    inner = None
    for start, end, name in _functions[filename]:
        if start <= line <= end and (inner is None or start > inner[0]):
            inner = (start, name)
    return "%s:%s" % (filename, inner[1] if inner else "?")


def diff(small, large, units, top):
    a, b = load(small), load(large)
    per_line = dict((k, (b.get(k, 0) - a.get(k, 0)) / float(units)) for k in set(a) | set(b))
    per_function = collections.Counter()
    for where, n in per_line.items():
        filename, _, line = where.rpartition(":")
        if line.isdigit():
            per_function[function_of(filename, int(line))] += n
    print("bytecodes per unit: %.0f" % sum(per_line.values()))
    print("-- by function")
    for name, n in per_function.most_common(top):
        print("%9.1f  %s" % (n, name))
    print("-- by line")
    for where, n in sorted(per_line.items(), key=lambda item: -item[1])[:top]:
        filename, _, line = where.rpartition(":")
        text = linecache.getline(os.path.join(ROOT, filename), int(line)) if line.isdigit() else ""
        print("%9.1f  %-36s %s" % (n, where, text.strip()[:70]))


def main(argv):
    if len(argv) >= 4 and argv[0] == "--out" and argv[2] == "--":
        record(argv[1], argv[3:])
        return 0
    if len(argv) in (4, 6) and argv[0] == "--diff":
        top = int(argv[5]) if len(argv) == 6 and argv[4] == "--top" else 30
        diff(argv[1], argv[2], argv[3], top)
        return 0
    sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
