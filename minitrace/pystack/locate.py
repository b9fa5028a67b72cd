"""Where a tracee's CPython is: the ELF file (libpython or the executable) that defines the
runtime state, its load address, its minor version and the layout to read it with.

The version comes from the file name (libpython3.11.so.1.0, python3.11), checked against the
`Py_Version` variable (3.11+) where the file has it; 3.13's _Py_DebugOffsets at the start of
_PyRuntime replaces our offsets with the tracee's own when its cookie is there.
"""
import os
import re
import struct

from minitrace.pystack import symbols
from minitrace.pystack.layouts import LAYOUTS

_NAME = re.compile(r"(?:^|/)(?:lib)?python(\d)\.(\d+)[a-z]*(?:$|\.so|-)")
SYMBOLS = ("_PyRuntime", "interp_head", "Py_Version", "PyCode_Type", "PyUnicode_Type",
           "PyBytes_Type")
DEBUG_COOKIE = b"xdebugpy"


class Interpreter(object):
    """One CPython in one process: .layout (our names -> offsets and facts), .version
    ((3, minor)), .interp_head (the address of the pointer to the first interpreter), and the
    run-time addresses of the type objects every object read is checked against;
    .debug_offsets: True when the offsets came from the tracee's _Py_DebugOffsets."""

    debug_offsets = False

    def __init__(self, version, layout, interp_head, types):
        self.version = version
        self.layout = layout
        self.interp_head = interp_head
        self.code_type, self.str_type, self.bytes_type = types


def _candidates(mappings, exe):
    """(path, version, mapping) of each mapped file named like a CPython, libpython first."""
    seen = set()
    out = []
    for m in mappings:
        if m.path in seen or not m.path.startswith("/"):
            continue
        match = _NAME.search(m.path)
        if match is None:
            continue
        seen.add(m.path)
        first = min((x for x in mappings if x.path == m.path), key=lambda x: x.start)
        rank = 0 if "/libpython" in m.path else (1 if m.path == exe else 2)
        out.append((rank, m.path, (int(match.group(1)), int(match.group(2))), first))
    out.sort(key=lambda c: c[0])
    return [c[1:] for c in out]


def find(pid, mappings, read, files):
    """The Interpreter of process `pid` (mappings: minitrace.stack.maps.Mapping list; read:
    read(addr, size) -> bytes or None; files: path -> Elf or None), or None."""
    try:
        exe = os.readlink("/proc/%d/exe" % pid)
    except OSError:
        exe = None
    for path, version, mapping in _candidates(mappings, exe):
        image = files(path)
        if image is None:
            continue
        found = symbols.find(image, SYMBOLS)
        if not found.get("PyCode_Type"):
            continue
        bias = image.load_bias(mapping.start, mapping.offset)
        if bias is None:
            continue
        if "Py_Version" in found:
            raw = read(found["Py_Version"] + bias, 4)
            if raw is not None and len(raw) == 4:
                hexversion = struct.unpack("<I", raw)[0]
                version = (hexversion >> 24, (hexversion >> 16) & 0xff)
        layout = LAYOUTS.get(version)
        if layout is None:
            continue
        layout = dict(layout)
        from_debug = False
        if "_PyRuntime" in found and version >= (3, 7):
            runtime = found["_PyRuntime"] + bias
            from_debug = _with_debug_offsets(layout, runtime, read)
            interp_head = runtime + layout["runtime_interpreters_head"]
        elif "interp_head" in found:
            interp_head = found["interp_head"] + bias
        else:
            continue
        types = tuple(found.get(n, 0) + bias if found.get(n) else 0
                      for n in ("PyCode_Type", "PyUnicode_Type", "PyBytes_Type"))
        interp = Interpreter(version, layout, interp_head, types)
        interp.debug_offsets = from_debug
        return interp
    return None


def _with_debug_offsets(layout, runtime, read):
    """3.13+: the tracee's own offsets from _Py_DebugOffsets, where its cookie is there, put
    into `layout`; True if they were."""
    where = layout.get("debug")
    if not where:
        return False
    end = max(where.values()) + 8
    raw = read(runtime, end)
    if raw is None or len(raw) < end or raw[:8] != DEBUG_COOKIE:
        return False
    for name, at in where.items():
        value = struct.unpack_from("<Q", raw, at)[0]
        if value < 1 << 20:           # an offset, not garbage
            layout[name] = value
    return True

