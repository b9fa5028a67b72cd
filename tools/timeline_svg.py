#!/usr/bin/env python3
"""Draw a `--timeline` file as an SVG picture (stdlib only): one row per thread, grouped by
process, each syscall a box as long as it took (at least a hairline), coloured by its class
(file, network, process, memory, signal, other), failed calls outlined in red, instant events
(signals, exits, execs) as marks, forks as lines from parent to child.

    python3 tools/timeline_svg.py TRACE.json OUT.svg [--width 1200]

For a quick look without Perfetto (docs/timeline.md has an example made with it).
"""
import argparse
import json
import os
import sys
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import syscalls  # noqa: E402

COLOURS = (("%file", "#4c78a8"), ("%desc", "#72b7b2"), ("%network", "#f58518"),
           ("%process", "#54a24b"), ("%memory", "#b279a2"), ("%signal", "#e45756"))
OTHER = "#9d9d9d"
ROW, LABEL, TOP = 22, 190, 30


def colour_of(name):
    classes = syscalls.classes_of(name)
    for cls, colour in COLOURS:
        if cls in classes:
            return colour
    return OTHER


def render(trace, width=1200):
    events = trace["traceEvents"] if isinstance(trace, dict) else trace
    names = dict(((e["pid"], e["tid"]), e["args"]["name"]) for e in events
                 if e.get("ph") == "M" and e.get("name") == "thread_name")
    rows = sorted(set((e["pid"], e["tid"]) for e in events if e.get("ph") in ("X", "i", "s", "f")))
    timed = [e for e in events if "ts" in e]
    if not rows or not timed:
        raise ValueError("no events to draw")
    t0 = min(e["ts"] for e in timed)
    t1 = max(e["ts"] + e.get("dur", 0) for e in timed)
    span = float(max(t1 - t0, 1))
    plot = width - LABEL - 10
    x = lambda ts: LABEL + (ts - t0) * plot / span
    y = dict((row, TOP + i * ROW) for i, row in enumerate(rows))
    height = TOP + len(rows) * ROW + 40
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
           'font-family="sans-serif" font-size="11">' % (width, height),
           '<rect width="100%" height="100%" fill="white"/>',
           '<text x="8" y="18" font-size="13">minitrace --timeline: %d events, %.1f ms</text>'
           % (len(events), span / 1000.0)]
    for row in rows:
        out.append('<text x="8" y="%d">%s</text>' % (y[row] + 14, escape(names.get(row, str(row[1])))))
        out.append('<line x1="%d" x2="%d" y1="%d" y2="%d" stroke="#eee"/>'
                   % (LABEL, width - 10, y[row] + ROW - 2, y[row] + ROW - 2))
    starts = {}
    for e in events:
        ph = e.get("ph")
        row = (e.get("pid"), e.get("tid"))
        if ph == "X":
            w = max(e.get("dur", 0) * plot / span, 0.6)
            failed = "errno" in e.get("args", {})
            title = "%s(%s) = %s" % (e["name"], e["args"].get("args", ""), e["args"].get("ret", ""))
            out.append('<rect x="%.2f" y="%d" width="%.2f" height="%d" fill="%s"%s><title>%s</title></rect>'
                       % (x(e["ts"]), y[row] + 3, w, ROW - 8, colour_of(e["name"]),
                          ' stroke="#d62728" stroke-width="0.8"' if failed else "", escape(title)))
        elif ph == "i":
            cx = x(e["ts"])
            out.append('<path d="M%.2f %d l4 7 l-8 0 z" fill="#222"><title>%s</title></path>'
                       % (cx, y[row] + 6, escape(e["name"])))
        elif ph == "s":
            starts[e["id"]] = (x(e["ts"]), y[row] + ROW // 2)
        elif ph == "f" and e["id"] in starts:
            sx, sy = starts[e["id"]]
            out.append('<line x1="%.2f" y1="%d" x2="%.2f" y2="%d" stroke="#555" '
                       'stroke-dasharray="3,2"/>' % (sx, sy, x(e["ts"]), y[row] + ROW // 2))
    lx = LABEL
    for cls, colour in COLOURS + (("other", OTHER),):
        out.append('<rect x="%d" y="%d" width="10" height="10" fill="%s"/><text x="%d" y="%d">%s</text>'
                   % (lx, height - 22, colour, lx + 14, height - 13, escape(cls)))
        lx += 90
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("trace")
    ap.add_argument("svg")
    ap.add_argument("--width", type=int, default=1200)
    args = ap.parse_args()
    with open(args.trace) as f:
        trace = json.load(f)
    with open(args.svg, "w") as f:
        f.write(render(trace, args.width))
    return 0


if __name__ == "__main__":
    sys.exit(main())
