"""syscalls.ConstantTable (a generated CONSTANTS_TEXT read by name): fast offline tests."""
import pytest

import syscalls

TEXT = "\nAB 1\nABC -2\nABD 0\nB_X 40\nZZ 9223372036854775807\n"


def test_lookup_by_name():
    t = syscalls.ConstantTable(TEXT)
    assert t["AB"] == 1 and t["ABC"] == -2 and t["ZZ"] == 9223372036854775807
    assert t.get("ABD") == 0 and t.get("ABD", 5) == 0      # a value of 0 is not "missing"
    assert t.get("A") is None and t.get("A", 7) == 7        # a prefix of a name is not a name
    assert t.get("BC") is None and t.get("X") is None       # nor is a name's tail
    assert "AB" in t and "A" not in t and "B_X" in t
    assert t.get(None) is None and t.get(None, 3) == 3 and None not in t   # as a dict's
    with pytest.raises(KeyError):
        t["NOPE"]
    assert t.get("AB") == 1                                  # from the cache the second time


def test_prefix_and_iteration():
    t = syscalls.ConstantTable(TEXT)
    assert t.prefixed("AB") == [("AB", 1), ("ABC", -2), ("ABD", 0)]
    assert t.prefixed("B_") == [("B_X", 40)]
    assert t.prefixed("Q") == []
    assert dict(t.items()) == {"AB": 1, "ABC": -2, "ABD": 0, "B_X": 40, "ZZ": 9223372036854775807}
    assert sorted(t) == ["AB", "ABC", "ABD", "B_X", "ZZ"] and len(t) == 5
    assert dict((k, t[k]) for k in t.keys()) == dict(t.items())


def test_generated_tables_read_as_their_lines():
    """Every ABI's table: the first and last line, and a name looked up agrees with the parse."""
    for abi in syscalls.ABIS:
        t = syscalls.constants(abi)
        whole = dict(t.items())
        assert len(whole) > 5000, abi
        for name in ("O_CREAT", "SIGKILL", "EPERM", "AT_FDCWD", sorted(whole)[0], sorted(whole)[-1]):
            assert syscalls.ConstantTable(t._text)[name] == whole[name], (abi, name)
        assert syscalls.constants(abi) is t


def test_every_name_of_every_table_is_found_by_the_bisection():
    """The bisection (down to a window, then one find) finds every line of x86_64's table
    (every 13th of the other ABIs'), and no name that is not a line: a name's prefix, a name
    with a character added, names before the first and after the last line."""
    for abi in syscalls.ABIS:
        text = syscalls.constants(abi)._text
        whole = dict(syscalls.ConstantTable(text).prefixed(""))
        names = sorted(whole)[::1 if abi == "x86_64" else 13]    # all of one, a part of each
        t = syscalls.ConstantTable(text)
        assert [name for name in names if t.get(name) != whole[name]] == [], abi
        t = syscalls.ConstantTable(text)
        absent = set(n[:-1] for n in names) | set(n + "_" for n in names) | \
            set(n + "A" for n in names) | {"", "0", "A", "~", "zzz"}
        assert [n for n in sorted(absent - set(whole)) if t.get(n) is not None] == [], abi


def test_bisection_down_to_single_lines(monkeypatch):
    """The small table with a window of 1: the bisection itself runs to its end."""
    monkeypatch.setattr(syscalls.ConstantTable, "WINDOW", 1)
    t = syscalls.ConstantTable(TEXT)
    assert [t.get(n) for n in ("AB", "ABC", "ABD", "B_X", "ZZ")] == [1, -2, 0, 40,
                                                                     9223372036854775807]
    assert [t.get(n) for n in ("", "A", "ABB", "ABE", "B", "B_", "Z", "ZZZ")] == [None] * 8
