"""A tracee's mappings from /proc/PID/maps, parsed as strace's mmap cache parses them (lines of
unknown protection skipped, duplicates and overlapping regions dropped), cached per process and
rebuilt after any call that changes mappings (one global generation, as strace's)."""
import bisect

MAX_MAPPINGS = 100000


class Mapping(object):
    __slots__ = ("start", "end", "executable", "offset", "path")

    def __init__(self, start, end, executable, offset, path):
        self.start, self.end, self.executable = start, end, executable
        self.offset, self.path = offset, path


class Table(object):
    def __init__(self, mappings):
        self.mappings = mappings
        self.starts = [m.start for m in mappings]

    def find(self, addr):
        i = bisect.bisect_right(self.starts, addr) - 1
        if i >= 0 and addr < self.mappings[i].end:
            return self.mappings[i]
        return None


def parse(text):
    """Mappings of /proc/PID/maps text, in address order."""
    out = []
    for line in text.splitlines()[:MAX_MAPPINGS]:
        fields = line.split(None, 5)
        if len(fields) < 6:
            continue                               # no path: strace's sscanf wants ten fields
        span, perms, offset, _, _, path = fields
        if len(perms) != 4 or perms[0] not in "r-" or perms[1] not in "w-" \
                or perms[2] not in "x-" or perms[3] not in "ps":
            continue
        try:
            start, end = (int(x, 16) for x in span.split("-", 1))
            offset = int(offset, 16)
        except ValueError:
            continue
        if end < start:
            break
        if out:
            last = out[-1]
            if last.start == start and last.end == end:
                continue                           # a duplicate ([vsyscall])
            if start <= last.start or start < last.end:
                continue                           # overlapping
        out.append(Mapping(start, end, perms[2] == "x", offset, path))
    return out


class Maps(object):
    def __init__(self):
        self.generation = 0
        self.tables = {}              # pid -> (generation, Table)

    def invalidate(self):
        self.generation += 1

    def forget(self, pid):
        self.tables.pop(pid, None)

    def of(self, pid):
        got = self.tables.get(pid)
        if got is not None and got[0] == self.generation:
            return got[1]
        try:
            with open("/proc/%d/maps" % pid) as f:
                mappings = parse(f.read())
        except (IOError, OSError, UnicodeDecodeError):
            return None
        if not mappings:
            return None
        table = Table(mappings)
        self.tables[pid] = (self.generation, table)
        return table
