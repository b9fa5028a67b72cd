"""--json: events -> one JSON object per line (schema: docs/json-schema.md, version 1).

A consumer next to render.Renderer, writing through the same output.Output (stderr, -o, -ff,
-o '|cmd'). The fields come from convert.Converter, so the API and --json carry the same data.
Never calls ptrace, never decodes.
"""
import base64
import json

from minitrace.convert import Converter
from minitrace.events import ATTACHED, DETACHED, PERSONALITY, PROCESS_EXIT, SUPERSEDED

VERSION = 1


def _default(value):
    """Strings that are not valid UTF-8 (bytes values) become {"b64": base64 of the bytes}."""
    if isinstance(value, (bytes, bytearray)):
        return {"b64": base64.b64encode(bytes(value)).decode("ascii")}
    raise TypeError("not JSON serialisable: %r" % (value,))


def dumps(fields):
    """One event's fields as a JSON line (without the newline), "v" first."""
    out = {"v": VERSION}
    out.update(fields)
    return json.dumps(out, default=_default, ensure_ascii=False, separators=(", ", ": "))


class JsonWriter(object):
    """Writes each event as a JSON line to the tracee's stream. Quiet options (-q, -qq,
    -e quiet=) leave out the same kinds of events as in the text output."""

    def __init__(self, output, opts, ctx, host_abi, regs_log=None):
        self.out = output
        self.convert = Converter(ctx, host_abi, opts, regs_log)
        quiet = opts.quiet
        chosen = opts.quiet_set
        skip = set()
        if quiet >= 1 or "attach" in chosen:
            skip |= set((ATTACHED, DETACHED))
        if quiet >= 2 or "exit" in chosen:
            skip.add(PROCESS_EXIT)
        if quiet >= 1 or "personality" in chosen:
            skip.add(PERSONALITY)
        if quiet >= 2 or "superseded" in chosen or "thread-execve" in chosen:
            skip.add(SUPERSEDED)
        self.skip = skip

    def handle(self, kind, ev):
        if kind in self.skip:
            if kind == DETACHED and ev.other is not None:
                kind = None                   # its unfinished call is still reported
            elif kind == PROCESS_EXIT:
                self.out.release(ev.pid)
                return
            else:
                return
        events = self.convert(kind or DETACHED, ev)
        if kind is None:
            events = events[:-1]
        if not events:
            return
        stream = self.out.stream(events[0].pid)
        stream.file.write("".join(dumps(e.as_dict()) + "\n" for e in events))
        if kind == PROCESS_EXIT:
            self.out.release(ev.pid)


def summary_lines(table):
    """-c/-C with --json: the summary as one JSON object (a list of one line; none when
    nothing was counted, as the text table)."""
    if not table.rows:
        return []
    rows = table._sorted()
    total_time = sum(r.total for r in rows)
    out = []
    for r in rows:
        out.append({"abi": r.abi, "name": r.name, "nr": r.nr, "calls": r.calls,
                    "errors": r.errors,
                    "seconds": round(r.total, 6),
                    "usecs_per_call": int(r.avg() * 1e6),
                    "min": round(r.min or 0.0, 6), "max": round(r.max, 6),
                    "percent": round(100.0 * r.total / total_time, 2) if total_time else 0.0})
    total = {"calls": sum(r.calls for r in rows), "errors": sum(r.errors for r in rows),
             "seconds": round(total_time, 6)}
    return [dumps({"type": "summary", "clock": "wall" if table.wall else "system",
                   "rows": out, "total": total})]
