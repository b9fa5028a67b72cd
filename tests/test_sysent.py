"""Offline tests of the per-ABI dispatch tables (minitrace/sysent.py)."""
import syscalls

from minitrace import filters
from minitrace.sysent import SysTables


def test_on_invalid_is_told_at_every_entry_of_an_unknown_number():
    """-d (strace's get_scno debug line): a number outside the tables is reported at each of its
    entries, so its SysEnt is not kept; known numbers are kept and never reported."""
    told = []
    t = SysTables(filters.TraceSet(), on_invalid=lambda pid, nr: told.append((pid, nr)))
    for pid in (10, 11):
        ent = t.entry("x86_64", 0x1c3, pid)
        assert (ent.name, ent.known, ent.traced) == ("syscall_0x1c3", False, True)
    assert told == [(10, 0x1c3), (11, 0x1c3)]
    assert 0x1c3 not in t.get("x86_64")
    nr = syscalls.table("x86_64").numbers["chdir"]
    assert t.entry("x86_64", nr, 10) is t.get("x86_64")[nr]
    assert told == [(10, 0x1c3), (11, 0x1c3)]


def test_unknown_numbers_are_kept_without_on_invalid():
    t = SysTables(filters.TraceSet())
    ent = t.entry("x86_64", 0x1c3)
    assert t.get("x86_64")[0x1c3] is ent
