"""The `-c` / `-C` summary: per-syscall time, calls and errors, printed as strace's table.

Counts completed calls of known syscalls (strace leaves out calls that never returned, such as
exit_group, and numbers outside its tables). Time is system CPU time between the entry and exit
stops (wait4's rusage), or wall-clock time with -w, less the -O overhead. Knows no ptrace.
"""
from minitrace.arch import mode_name
from minitrace.events import EXIT

# column key: (header, width, numeric formatter or None for the name); strace(1) -U
COLUMNS = {
    "time-percent": ("% time", 6),
    "total-time": ("seconds", 11),
    "avg-time": ("usecs/call", 11),
    "calls": ("calls", 9),
    "errors": ("errors", 9),
    "min-time": ("shortest", 8),
    "max-time": ("longest", 8),
    "name": ("syscall", 16),
}
# strace's column names (count.c): the same names pick a -U column and a -S sort key
# ("time" is the percentage column, sorted by total time); "none"/"nothing" only sort
NAMES = (
    ("time", "time-percent"), ("time_percent", "time-percent"), ("time-percent", "time-percent"),
    ("time_total", "total-time"), ("time-total", "total-time"), ("total_time", "total-time"),
    ("total-time", "total-time"),
    ("min_time", "min-time"), ("min-time", "min-time"), ("shortest", "min-time"),
    ("time_min", "min-time"), ("time-min", "min-time"),
    ("longest", "max-time"), ("max_time", "max-time"), ("max-time", "max-time"),
    ("time_max", "max-time"), ("time-max", "max-time"),
    ("avg_time", "avg-time"), ("avg-time", "avg-time"), ("time_avg", "avg-time"),
    ("time-avg", "avg-time"),
    ("calls", "calls"), ("count", "calls"),
    ("error", "errors"), ("errors", "errors"),
    ("name", "name"), ("syscall", "name"), ("syscall_name", "name"), ("syscall-name", "name"),
    ("none", None), ("nothing", None),
)
COLUMN_ALIASES = dict((name, col) for name, col in NAMES if col is not None)
DEFAULT_COLUMNS = ("time-percent", "total-time", "avg-time", "calls", "errors", "name")
# -S: the percentage sorts as the total time does; none/nothing keep the order of first calls
SORT_ALIASES = dict((name, {"time-percent": "total-time", None: "nothing"}.get(col, col))
                    for name, col in NAMES)


class Row(object):
    __slots__ = ("abi", "name", "nr", "calls", "errors", "total", "min", "max")

    def __init__(self, name, nr, abi=None):
        self.abi = abi
        self.name = name
        self.nr = nr
        self.calls = 0
        self.errors = 0
        self.total = 0.0
        self.min = None
        self.max = 0.0

    def avg(self):
        return self.total / self.calls if self.calls else 0.0


class Summary(object):
    """Consumes EXIT events; `table()` gives the lines of strace's summary."""

    def __init__(self, sort="total-time", columns=DEFAULT_COLUMNS, wall=False, overhead=0.0,
                 abis=()):
        self.abis = tuple(abis)        # the host's ABIs, native first: one table each
        self.sort = sort
        self.columns = tuple(columns)
        self.wall = wall
        self.overhead = overhead
        self.rows = {}
        self.handlers = {EXIT: self.count}     # what it consumes, by event kind

    def handle(self, kind, ev):
        if kind == EXIT:
            self.count(ev)

    def count(self, ev):
        """One EXIT event: a completed call of a known syscall is counted."""
        if ev.ret is None or not ev.entry.known:
            return
        key = (ev.abi, ev.name)          # strace counts each personality apart
        row = self.rows.get(key)
        if row is None:
            row = self.rows[key] = Row(ev.name, ev.nr, ev.abi)
        spent = (ev.end - ev.start) if self.wall else (ev.cpu or 0.0)
        spent = max(spent - self.overhead, 0.0)
        row.calls += 1
        if ev.error:
            row.errors += 1
        row.total += spent
        row.min = spent if row.min is None else min(row.min, spent)
        row.max = max(row.max, spent)

    def _sorted(self, rows=None):
        rows = sorted(self.rows.values() if rows is None else rows, key=lambda r: r.nr)
        key = self.sort
        if key == "nothing":
            return rows
        if key == "name":
            return sorted(rows, key=lambda r: r.name)
        value = {"total-time": lambda r: r.total, "min-time": lambda r: r.min or 0.0,
                 "max-time": lambda r: r.max, "avg-time": Row.avg,
                 "calls": lambda r: r.calls, "errors": lambda r: r.errors}[key]
        return sorted(rows, key=value, reverse=True)   # stable: ties stay in number order

    def personalities(self):
        """The ABIs with counted calls, in strace's personality order (native first)."""
        seen = set(r.abi for r in self.rows.values())
        order = [a for a in self.abis if a in seen]
        return order + sorted(a for a in seen if a not in order)

    def table(self):
        """The summary's lines: a table per personality with counted calls, those after the
        native one under `System call usage summary for 32 bit mode:`; none when nothing was
        counted (as strace)."""
        out = []
        native = self.abis[0] if self.abis else None
        for abi in self.personalities():
            if abi != native and native is not None:
                out.append("System call usage summary for %s mode:" % mode_name(abi))
            out.extend(self._table([r for r in self.rows.values() if r.abi == abi]))
        return out

    def _table(self, rows):
        rows = self._sorted(rows)
        total = Row("total", 0)
        for r in rows:
            total.calls += r.calls
            total.errors += r.errors
            total.total += r.total
            total.max = max(total.max, r.max)
            total.min = r.min if total.min is None else min(total.min, r.min)
        cols = self.columns
        widths = self._widths(rows, total)
        divider = " ".join("-" * widths[c] for c in cols)
        out = [self._join([COLUMNS[c][0] for c in cols], widths), divider]
        for r in rows:
            out.append(self._join([self._cell(c, r, total) for c in cols], widths))
        out.append(divider)
        out.append(self._join([self._cell(c, total, total, is_total=True) for c in cols], widths))
        return out

    @staticmethod
    def _widths(rows, total):
        """strace's column widths: the header's (or the historical) width, widened to fit the
        largest value the column can hold (the name column: the longest name and a blank)."""
        widths = dict((c, w) for c, (header, w) in COLUMNS.items())
        longest_min = max([r.min or 0.0 for r in rows] or [0.0])
        fits = {
            "time-percent": len("100.00"),
            "total-time": len("%.6f" % total.total),
            "min-time": len("%d.000000" % int(longest_min)),
            "max-time": len("%d.000000" % int(total.max)),
            "avg-time": len("%d" % int(max([r.avg() for r in rows] or [0.0]) * 1e6)),
            "calls": len("%d" % total.calls),
            "errors": len("%d" % total.errors),
            "name": max([len(r.name) for r in rows] or [0]) + 1,
        }
        for c, w in fits.items():
            widths[c] = max(widths[c], w)
        return widths

    def _join(self, cells, widths):
        parts = []
        last = len(self.columns) - 1
        for i, (c, text) in enumerate(zip(self.columns, cells)):
            if c == "name":
                parts.append(text if i == last else text.ljust(widths[c]))
            else:
                parts.append(text.rjust(widths[c]))
        return " ".join(parts)

    def _cell(self, c, r, total, is_total=False):
        if c == "name":
            return r.name
        if c == "calls":
            return "%d" % r.calls
        if c == "errors":
            return "%d" % r.errors if r.errors else ""
        if c == "total-time":
            return "%.6f" % r.total
        if c == "avg-time":
            return "%d" % int(r.avg() * 1e6)
        if c == "min-time":
            return "%.6f" % (r.min or 0.0)
        if c == "max-time":
            return "%.6f" % r.max
        if is_total:
            return "100.00"
        return "%.2f" % (100.0 * r.total / total.total if total.total else 0.0)
