"""Fast offline tests of the small pure pieces: wait-status classification, qualifying
expressions, the summary table, injection rules, hex dumps, path-filter positions."""
import os
import signal

import pytest

from minitrace import filters, inject, iodump, libc, pathtrace, stops, summary


def test_classify_statuses():
    assert stops.classify(0x0300) == (stops.EXITED, 3)
    assert stops.classify(0x09) == (stops.KILLED, (9, False))
    assert stops.classify(0x8b) == (stops.KILLED, (11, True))
    assert stops.classify(stops.SYSCALL_STATUS) == (stops.SYSCALL, None)
    stop = lambda sig, event=0: (event << 16) | (sig << 8) | 0x7f
    assert stops.classify(stop(signal.SIGUSR1)) == (stops.SIGNAL, signal.SIGUSR1)
    assert stops.classify(stop(signal.SIGSTOP, libc.PTRACE_EVENT_STOP)) == (stops.GROUP_STOP, signal.SIGSTOP)
    assert stops.classify(stop(signal.SIGTRAP, libc.PTRACE_EVENT_STOP)) == (stops.INTERRUPT, signal.SIGTRAP)
    assert stops.classify(stop(signal.SIGTRAP, libc.PTRACE_EVENT_EXEC)) == (stops.EVENT, libc.PTRACE_EVENT_EXEC)


ABIS = ("x86_64", "i386", "x32")


def trace_set(*texts):
    t = filters.TraceSet()
    for text in texts:
        t.add(text, ABIS)
    return t


def test_trace_sets():
    assert trace_set()("x86_64", 0, "read")
    t = trace_set("open,read")
    assert t("x86_64", 0, "read") and not t("x86_64", 1, "write")
    t = trace_set("!read")
    assert not t("x86_64", 0, "read") and t("x86_64", 1, "write")
    t = trace_set("%file")
    assert t("x86_64", 257, "openat") and not t("x86_64", 0, "read")
    t = trace_set("/^(mk|rm)dir$")
    assert t("x86_64", 83, "mkdir") and not t("x86_64", 84, "mkdirat")
    t = trace_set("?nosuch,close")
    assert t("x86_64", 3, "close")
    assert not trace_set("none")("x86_64", 0, "read")
    assert trace_set("1")("x86_64", 1, "write")


def test_trace_regex_is_posix_extended():
    """`-e trace=/REGEX` is regcomp's POSIX ERE (strace): bracket classes, `\\d` a plain d,
    `**` a repeat of a repeat; not Python's re syntax."""
    t = trace_set("/^[[:alpha:]]+at$")
    assert t("x86_64", 257, "openat") and not t("x86_64", 2, "open")
    t = trace_set("/\\d")
    assert t("x86_64", 78, "getdents") and not t("x86_64", 18, "pwrite64")
    t = trace_set("/^ope*n**at$")
    assert t("x86_64", 257, "openat") and not t("x86_64", 437, "openat2")


@pytest.mark.parametrize("text,message", [
    ("nosuch", "invalid system call 'nosuch'"), ("%foo", "invalid system call '%foo'"),
    # regerror's words, as strace (glibc's regcomp)
    ("/[", "regcomp: [: Invalid regular expression"), ("99999", "invalid system call '99999'"),
    ("/[id", "regcomp: [id: Unmatched [, [^, [:, [., or [="),
    ("/{id", "regcomp: {id: Invalid preceding regular expression"),
    ("/[[:foo:]]", "regcomp: [[:foo:]]: Invalid character class name"),
])
def test_trace_set_errors(text, message):
    with pytest.raises(filters.QualifyError) as e:
        trace_set(text)
    assert str(e.value) == message


def test_signal_and_number_sets():
    import syscalls
    consts = syscalls.constants("x86_64")
    s = filters.SignalSet()
    s.set("!SIGALRM,io", consts)
    assert not s(signal.SIGALRM) and not s(signal.SIGIO) and s(signal.SIGCHLD)
    s.set("none", consts)
    assert not s(signal.SIGCHLD)
    n = filters.NumberSet()
    assert not n(3)
    n.set("descriptor", "3,4")
    assert n(3) and not n(5)
    n.set("descriptor", "!3")
    assert not n(3) and n(5)
    n.set("descriptor", "all")
    assert n(7)


class _Ent(object):
    known = True

    def __init__(self, name):
        self.name = name


class _Call(object):
    def __init__(self, name, nr, spent, error=0):
        self.entry, self.name, self.nr, self.abi = _Ent(name), name, nr, "x86_64"
        self.ret, self.error, self.cpu = (-error if error else 0), error, spent
        self.start, self.end = 0.0, spent


def test_summary_table_layout():
    from minitrace.events import EXIT
    s = summary.Summary()
    for call in (_Call("write", 1, 0.002), _Call("openat", 257, 0.001, error=2),
                 _Call("openat", 257, 0.001)):
        s.handle(EXIT, call)
    assert s.table() == [
        "% time     seconds  usecs/call     calls    errors syscall",
        "------ ----------- ----------- --------- --------- ----------------",
        " 50.00    0.002000        2000         1           write",
        " 50.00    0.002000        1000         2         1 openat",
        "------ ----------- ----------- --------- --------- ----------------",
        "100.00    0.004000        1333         3         1 total",
    ]
    s = summary.Summary(sort="name", columns=("calls", "name", "errors"))
    s.handle(EXIT, _Call("write", 1, 0.0))
    assert s.table()[2] == "%9d %-16s %9s" % (1, "write", "")


def test_injection_when():
    rule = inject.Rule()
    hits = lambda r: [n for n in range(1, 12) if r.hits(n)]
    assert hits(rule) == list(range(1, 12))
    rule.first, rule.last, rule.step = 3, 3, 1
    assert hits(rule) == [3]
    rule.first, rule.last, rule.step = 2, None, 3
    assert hits(rule) == [2, 5, 8, 11]
    rule.first, rule.last, rule.step = 2, 6, 2
    assert hits(rule) == [2, 4, 6]


def test_injection_parse():
    r = inject.parse("inject", "openat:error=ENOENT:when=3+", ABIS)
    assert (r.error, r.first, r.last, r.step) == (2, 3, None, 1)
    assert inject.Hit(r, (0,) * 6).mark() == " (INJECTED)"
    r = inject.parse("inject", "close:delay_exit=100ms", ABIS)
    assert r.delay_exit == 0.1 and inject.Hit(r, (0,) * 6).mark() == " (DELAYED)"
    assert inject.parse("fault", "mkdir", ABIS).error == 38
    assert inject.parse("fault", "mkdir:error=einval", ABIS).error == 22   # any case, as strace
    for bad in ("write", "write:error=FOO", "write:when=0", "write:signal=NOPE",
                "write:error=4096"):
        with pytest.raises(filters.QualifyError):
            inject.parse("inject", bad, ABIS)


def test_hexdump():
    assert iodump.hexdump(b"abc\0def") == [
        " | 00000  61 62 63 00 64 65 66                              abc.def          |"]
    lines = iodump.hexdump(b"0123456789abcdefghij")
    assert lines[0] == (" | 00000  30 31 32 33 34 35 36 37  38 39 61 62 63 64 65 66  "
                        "0123456789abcdef |")
    assert lines[1].startswith(" | 00010  67 68 69 6a ")


def test_path_filter_positions(tmp_path):
    f = pathtrace.PathFilter([str(tmp_path)])
    assert f.shape("openat") == (("fd", 0), ("path", 1))
    assert f.shape("close") == (("fd", 0),)
    assert f.shape("renameat2") == (("fd", 0), ("fd", 2), ("path", 1), ("path", 3))
    link = tmp_path / "l"
    link.symlink_to(tmp_path)
    g = pathtrace.PathFilter([str(link)])
    assert g.notes == ['Requested path "%s" resolved into "%s"' % (link, os.path.realpath(str(link)))]
