"""The environment of a program minitrace starts: exactly the one minitrace was given, with
-E's changes applied as strace applies them, and nothing of what Python did to its own.

At start-up CPython may change its environment: PEP 538's locale coercion (a C or POSIX
LC_CTYPE, no LC_ALL) sets LC_CTYPE=C.UTF-8, and os.environ (and the C environ a plain exec
passes on) then hold one variable more, or another value, than minitrace was given. The kernel
keeps the exec-time environment in the process's memory (/proc/self/environ): that list, in
its order, is the base; a change made through os.environ since (by an API caller) is kept,
while what the interpreter itself set at start-up and nobody changed since is undone.
"""
import os

# PEP 538: the variable the interpreter sets, and the values it sets it to
_COERCED = b"LC_CTYPE"
_COERCION_TARGETS = (b"C.UTF-8", b"C.utf8", b"UTF-8")


def _exec_time_entries():
    """The environment this process was started with, as a list of b"NAME=VALUE" entries
    (None when /proc cannot tell)."""
    try:
        with open("/proc/self/environ", "rb") as f:
            data = f.read()
    except OSError:
        return None
    return [e for e in data.split(b"\0") if e]


def _name(entry):
    return entry.partition(b"=")[0]


def _as_map(entries):
    """getenv's view of a list of entries: the first entry of a name wins."""
    found = {}
    for e in entries:
        name, eq, value = e.partition(b"=")
        if eq and name not in found:
            found[name] = value
    return found


def given_environment():
    """The environment minitrace was given, as a list of entries in order, with the changes
    made through os.environ since start-up that were not the interpreter's own."""
    given = _exec_time_entries()
    current = dict(os.environb)
    if given is None:
        return [k + b"=" + v for k, v in current.items()]
    before = _as_map(given)
    now = current.get(_COERCED)
    if now != before.get(_COERCED) and now in _COERCION_TARGETS:
        if _COERCED in before:                  # coerced by the interpreter: as it was given
            current[_COERCED] = before[_COERCED]
        else:
            del current[_COERCED]
    if current == before:
        return list(given)                      # as given: order, duplicates and all
    out = []
    seen = set()
    for e in given:
        name = _name(e)
        if name in seen:
            continue
        seen.add(name)
        if name in current:
            out.append(e if before.get(name) == current[name] and b"=" in e
                       else name + b"=" + current[name])
    out.extend(k + b"=" + v for k, v in current.items() if k not in seen)
    return out


def apply_changes(entries, changes):
    """-E VAR=VAL replaces the first entry of VAR (or adds one at the end); -E VAR removes
    every entry of VAR: strace's make_env."""
    out = list(entries)
    for change in changes:
        if isinstance(change, str):
            change = os.fsencode(change)
        name, eq, _ = change.partition(b"=")
        if eq:
            for i, e in enumerate(out):
                if _name(e) == name:
                    out[i] = change
                    break
            else:
                out.append(change)
        else:
            out = [e for e in out if _name(e) != name]
    return out


def program_environment(changes=()):
    """The list of b"NAME=VALUE" entries a started program gets."""
    return apply_changes(given_environment(), changes or ())
