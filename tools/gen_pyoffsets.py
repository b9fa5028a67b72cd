#!/usr/bin/env python3
"""Generate minitrace/pystack/layouts.py: the struct offsets --py-stack reads in a CPython
tracee, one table per CPython minor version.

For each interpreter given (default: every pyenv Python 3.6+ found), a small C program is
compiled against that interpreter's own installed headers (Py_BUILD_CORE, for the internal
structs) and prints offsetof()/sizeof() of the fields named in FIELDS, plus the bits of the
str object's `state` bit field (kind, compact, ascii) found by setting each bit field in a zeroed
object. Nothing of CPython's source is copied: the compiler reads the headers installed with
each interpreter. Release builds (no Py_DEBUG / Py_TRACE_REFS) are what the tables describe.

    python3 tools/gen_pyoffsets.py              # every $(pyenv root)/versions/3.*
    python3 tools/gen_pyoffsets.py --check      # regenerate in memory and diff

Facts that are not offsets (which line table format, the unit of f_lasti) are in FACTS below.
"""
import glob
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "minitrace", "pystack", "layouts.py")

# our name -> [(first minor version, C expression or None = absent from then on), ...]
FIELDS = [
    ("runtime_interpreters_head", [(6, None), (7, "offsetof(_PyRuntimeState, interpreters.head)")]),
    ("interp_next", [(6, "offsetof(PyInterpreterState, next)")]),
    ("interp_threads_head", [(6, "offsetof(PyInterpreterState, tstate_head)"),
                             (11, "offsetof(PyInterpreterState, threads.head)")]),
    ("tstate_next", [(6, "offsetof(PyThreadState, next)")]),
    ("tstate_thread_id", [(6, "offsetof(PyThreadState, thread_id)")]),
    ("tstate_native_thread_id", [(6, None), (11, "offsetof(PyThreadState, native_thread_id)")]),
    # the current frame: tstate->frame, tstate->cframe->current_frame, tstate->current_frame
    ("tstate_frame", [(6, "offsetof(PyThreadState, frame)"), (11, "offsetof(PyThreadState, cframe)"),
                      (13, "offsetof(PyThreadState, current_frame)")]),
    ("cframe_current_frame", [(6, None), (11, "offsetof(_PyCFrame, current_frame)"), (13, None)]),
    ("frame_back", [(6, "offsetof(PyFrameObject, f_back)"),
                    (11, "offsetof(_PyInterpreterFrame, previous)")]),
    ("frame_code", [(6, "offsetof(PyFrameObject, f_code)"),
                    (11, "offsetof(_PyInterpreterFrame, f_code)"),
                    (13, "offsetof(_PyInterpreterFrame, f_executable)")]),
    ("frame_lasti", [(6, "offsetof(PyFrameObject, f_lasti)"), (11, None)]),
    ("frame_instr", [(6, None), (11, "offsetof(_PyInterpreterFrame, prev_instr)"),
                     (13, "offsetof(_PyInterpreterFrame, instr_ptr)")]),
    ("frame_owner", [(6, None), (11, "offsetof(_PyInterpreterFrame, owner)")]),
    ("frame_is_entry", [(6, None), (11, "offsetof(_PyInterpreterFrame, is_entry)"), (12, None)]),
    ("frame_owned_by_cstack", [(6, None), (12, "FRAME_OWNED_BY_CSTACK")]),
    ("code_filename", [(6, "offsetof(PyCodeObject, co_filename)")]),
    ("code_name", [(6, "offsetof(PyCodeObject, co_name)")]),
    ("code_firstlineno", [(6, "offsetof(PyCodeObject, co_firstlineno)")]),
    ("code_linetable", [(6, "offsetof(PyCodeObject, co_lnotab)"),
                        (10, "offsetof(PyCodeObject, co_linetable)")]),
    ("code_code_adaptive", [(6, None), (11, "offsetof(PyCodeObject, co_code_adaptive)")]),
    ("object_type", [(6, "offsetof(PyObject, ob_type)")]),
    ("bytes_size", [(6, "offsetof(PyVarObject, ob_size)")]),
    ("bytes_data", [(6, "offsetof(PyBytesObject, ob_sval)")]),
    ("str_length", [(6, "offsetof(PyASCIIObject, length)")]),
    ("str_state", [(6, "offsetof(PyASCIIObject, state)")]),
    ("str_ascii_size", [(6, "sizeof(PyASCIIObject)")]),
    ("str_compact_size", [(6, "sizeof(PyCompactUnicodeObject)")]),
]

# 3.13: _PyRuntime starts with _Py_DebugOffsets; these of our names are read from it at run
# time (the tracee's own offsets win over ours), each at this offset inside that struct
DEBUG_FIELDS = [
    ("runtime_interpreters_head", "runtime_state.interpreters_head"),
    ("interp_next", "interpreter_state.next"),
    ("interp_threads_head", "interpreter_state.threads_head"),
    ("tstate_next", "thread_state.next"),
    ("tstate_thread_id", "thread_state.thread_id"),
    ("tstate_native_thread_id", "thread_state.native_thread_id"),
    ("tstate_frame", "thread_state.current_frame"),
    ("frame_back", "interpreter_frame.previous"),
    ("frame_code", "interpreter_frame.executable"),
    ("frame_instr", "interpreter_frame.instr_ptr"),
    ("frame_owner", "interpreter_frame.owner"),
    ("code_filename", "code_object.filename"),
    ("code_name", "code_object.name"),
    ("code_firstlineno", "code_object.firstlineno"),
    ("code_linetable", "code_object.linetable"),
    ("code_code_adaptive", "code_object.co_code_adaptive"),
    ("object_type", "pyobject.ob_type"),
    ("bytes_size", "bytes_object.ob_size"),
    ("bytes_data", "bytes_object.ob_sval"),
    ("str_length", "unicode_object.length"),
    ("str_state", "unicode_object.state"),
    ("str_ascii_size", "unicode_object.asciiobject_size"),
]

# what is not an offset: the line table's format and the unit of f_lasti (bytes: 1, code units: 2)
FACTS = {
    6: {"line_table": "lnotab", "lasti_unit": 1},
    10: {"line_table": "linetable310", "lasti_unit": 2},
    11: {"line_table": "locations311"},
}

C_HEAD = r"""
#define Py_BUILD_CORE 1
#include <Python.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <frameobject.h>
#if PY_VERSION_HEX >= 0x03070000 && PY_VERSION_HEX < 0x03080000
#include "internal/pystate.h"
#endif
#if PY_VERSION_HEX >= 0x03080000
#include "internal/pycore_pystate.h"
#endif
#if PY_VERSION_HEX >= 0x03090000
#include "internal/pycore_interp.h"
#include "internal/pycore_runtime.h"
#endif
#if PY_VERSION_HEX >= 0x030b0000
#include "internal/pycore_frame.h"
#include "internal/pycore_code.h"
#endif

static unsigned int state_bits(void (*set)(PyASCIIObject *))
{
    PyASCIIObject o;
    unsigned int w = 0;
    memset(&o, 0, sizeof o);
    set(&o);
    memcpy(&w, (char *)&o + offsetof(PyASCIIObject, state), sizeof w);
    return w;
}
static void set_kind(PyASCIIObject *o) { o->state.kind = 7; }
static void set_compact(PyASCIIObject *o) { o->state.compact = 1; }
static void set_ascii(PyASCIIObject *o) { o->state.ascii = 1; }

int main(void)
{
    printf("version %ld\n", (long)PY_VERSION_HEX);
    printf("str_kind_mask %u\n", state_bits(set_kind));
    printf("str_compact_bit %u\n", state_bits(set_compact));
    printf("str_ascii_bit %u\n", state_bits(set_ascii));
"""


def expression(entries, minor):
    chosen = None
    for first, expr in entries:
        if minor >= first:
            chosen = expr
    return chosen


def program(minor):
    lines = [C_HEAD]
    for name, entries in FIELDS:
        expr = expression(entries, minor)
        if expr is not None:
            lines.append('    printf("%s %%ld\\n", (long)(%s));\n' % (name, expr))
    if minor >= 13:
        for name, path in DEBUG_FIELDS:
            lines.append('    printf("debug.%s %%ld\\n", (long)offsetof(_Py_DebugOffsets, %s));\n'
                         % (name, path))
    lines.append("    return 0;\n}\n")
    return "".join(lines)


def measure(python):
    """(minor, {name: value}, {name: debug offset}) for one interpreter."""
    out = subprocess.check_output([python, "-c", "import sys, sysconfig; "
                                   "print(sys.version_info[1]); print(sysconfig.get_paths()['include'])"])
    minor, include = out.decode().split("\n")[:2]
    minor = int(minor)
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "offsets.c")
        exe = os.path.join(tmp, "offsets")
        with open(src, "w") as f:
            f.write(program(minor))
        subprocess.check_call(["cc", "-w", "-I", include, "-I", os.path.join(include, "internal"),
                               src, "-o", exe])
        text = subprocess.check_output([exe]).decode()
    values, debug = {}, {}
    for line in text.splitlines():
        name, value = line.split()
        if name.startswith("debug."):
            debug[name[6:]] = int(value)
        else:
            values[name] = int(value)
    for first in sorted(FACTS):
        if minor >= first:
            values.update(FACTS[first])
    return minor, values, debug


def render(results):
    out = ['"""CPython struct offsets for --py-stack, one table per minor version.\n\n'
           'GENERATED by tools/gen_pyoffsets.py from offsetof()/sizeof() compiled against each\n'
           'interpreter\'s installed headers (x86_64, release builds): do not edit by hand.\n'
           '"version": PY_VERSION_HEX of the headers measured; "debug": (3.13+) where each value\n'
           'sits inside _Py_DebugOffsets, read from the tracee when its cookie is there.\n"""\n\n'
           'LAYOUTS = {\n']
    for minor in sorted(results):
        values, debug = results[minor]
        out.append("    (3, %d): {\n" % minor)
        for name in sorted(values):
            out.append("        %r: %r,\n" % (name, values[name]))
        if debug:
            out.append("        'debug': {\n")
            for name in sorted(debug):
                out.append("            %r: %d,\n" % (name, debug[name]))
            out.append("        },\n")
        out.append("    },\n")
    out.append("}\n")
    return "".join(out)


def pythons():
    root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    found = []
    for path in glob.glob(os.path.join(root, "versions", "3.*", "bin", "python3")):
        found.append(path)
    return sorted(found)


def main(argv):
    check = "--check" in argv
    given = [a for a in argv if not a.startswith("--")] or pythons()
    results = {}
    for python in given:
        minor, values, debug = measure(python)
        results[minor] = (values, debug)
    text = render(results)
    if check:
        with open(OUT) as f:
            same = f.read() == text
        print("up to date" if same else "DIFFERS: run tools/gen_pyoffsets.py")
        return 0 if same else 1
    with open(OUT, "w") as f:
        f.write(text)
    print("wrote %s (%s)" % (os.path.relpath(OUT), ", ".join("3.%d" % m for m in sorted(results))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
