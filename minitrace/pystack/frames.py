"""Read the Python frames of one thread of a CPython tracee, through its memory.

thread state: interpreters from the runtime's head (interp->next), thread states from each
interpreter's head (tstate->next); the thread is the one whose native_thread_id is its tid
(3.11+), else whose thread_id (pthread_self()) is its fs_base. Frames: from the thread's
current frame along f_back / previous; each frame's code object gives co_filename, co_name,
co_firstlineno and the line table; the offset in the bytecode is f_lasti (3.6-3.10, in bytes
or code units) or the frame's instruction pointer less the start of co_code_adaptive (3.11+).

Every read is bounded and checked: pointers must be non-null and aligned, objects must have
the expected type (PyCode_Type, PyUnicode_Type, PyBytes_Type), sizes within limits, walks
within counts and free of cycles. A read that fails or does not check ends the walk with
what was read so far: a torn read while other threads run gives fewer frames, never a hang.
"""
import struct
from collections import namedtuple

from minitrace.pystack.linetable import line_of

MAX_FRAMES = 256
MAX_THREADS = 4096
MAX_INTERPRETERS = 64
WALKS = 2                  # see Reader.thread_state
MAX_STRING = 4096              # characters of a file or function name
MAX_TABLE = 1 << 18            # bytes of a line table
CODE_CACHE = 4096

# line None: no line for that instruction; entry: the last Python frame of one C-level
# evaluation (_PyEval_EvalFrameDefault), for placing frames among -k's native frames
PyFrame = namedtuple("PyFrame", "filename name line entry")

_Q = struct.Struct("<Q")
_q = struct.Struct("<q")
_I = struct.Struct("<I")
_i = struct.Struct("<i")


class Reader(object):
    """The frames of threads of one process (one locate.Interpreter), reading through read(addr,
    size) -> bytes or None; reread() makes the reads after it see the memory as it is now."""

    def __init__(self, interp, read, reread=None):
        self.interp = interp
        self.lay = interp.layout
        self.read = read
        self.reread = reread or (lambda: None)  # drops what read() keeps of earlier reads
        self.codes = {}           # (code address, its header bytes) -> (filename, name, first, table)

    # -- reads ---------------------------------------------------------------------------
    def ptr(self, addr):
        if not addr or addr & 7:
            return None
        raw = self.read(addr, 8)
        if raw is None or len(raw) < 8:
            return None
        return _Q.unpack(raw)[0]

    def block(self, addr, size):
        if not addr or addr & 7:
            return None
        raw = self.read(addr, size)
        if raw is None or len(raw) < size:
            return None
        return raw

    def typed(self, addr, type_addr, size):
        """`size` bytes of the object at addr if its ob_type is type_addr (when known)."""
        raw = self.block(addr, size)
        if raw is None:
            return None
        if type_addr and _Q.unpack_from(raw, self.lay["object_type"])[0] != type_addr:
            return None
        return raw

    def string(self, addr):
        lay = self.lay
        head = self.typed(addr, self.interp.str_type, lay["str_compact_size"])
        if head is None:
            return None
        length = _q.unpack_from(head, lay["str_length"])[0]
        state = _I.unpack_from(head, lay["str_state"])[0]
        if not 0 <= length <= MAX_STRING or not state & lay["str_compact_bit"]:
            return None
        if state & lay["str_ascii_bit"]:
            raw = self.read(addr + lay["str_ascii_size"], length) if length else b""
            if raw is None or len(raw) < length:
                return None
            return raw.decode("ascii", "replace")
        mask = lay["str_kind_mask"]
        kind = (state & mask) // (mask & -mask)
        codec = {1: "latin-1", 2: "utf-16-le", 4: "utf-32-le"}.get(kind)
        if codec is None:
            return None
        raw = self.read(addr + lay["str_compact_size"], length * kind) if length else b""
        if raw is None or len(raw) < length * kind:
            return None
        return raw.decode(codec, "replace")

    def bytes_object(self, addr):
        lay = self.lay
        head = self.typed(addr, self.interp.bytes_type, lay["bytes_data"])
        if head is None:
            return None
        size = _q.unpack_from(head, lay["bytes_size"])[0]
        if not 0 <= size <= MAX_TABLE:
            return None
        raw = self.read(addr + lay["bytes_data"], size) if size else b""
        if raw is None or len(raw) < size:
            return None
        return raw

    # -- structure -----------------------------------------------------------------------
    def thread_state(self, tid, fs_base):
        """The PyThreadState address of thread `tid`, or None.

        Up to 3.11 a thread state is made by the thread that starts the new thread, with the
        starter's ids, which the new thread overwrites with its own once it runs: until then
        two states carry the starter's ids, the new one (first in the list) with no frame. The
        state running a frame wins; without one, the first that matches.

        The list is read while the process's other threads run: one that ends frees its
        state, and a walk that had just reached it follows whatever free() wrote there (glibc's
        tcache key, as `next`) and misses the rest of the list. A walk that finds nothing is
        made once more from the head, with what was read dropped first (by then the ended
        thread is out of the list)."""
        if self.lay.get("tstate_native_thread_id") is None and not fs_base:
            return None
        for walk in range(WALKS):
            if walk:
                self.reread()
            ts = self._scan_threads(tid, fs_base)
            if ts is not None:
                return ts
        return None

    def _scan_threads(self, tid, fs_base):
        lay = self.lay
        native = lay.get("tstate_native_thread_id")
        first = None
        interp = self.ptr(self.interp.interp_head)
        seen = set()
        for _ in range(MAX_INTERPRETERS):
            if not interp or interp in seen:
                break
            seen.add(interp)
            ts = self.ptr(interp + lay["interp_threads_head"])
            for _ in range(MAX_THREADS):
                if not ts or ts in seen:
                    break
                seen.add(ts)
                if native is not None:
                    raw = self.block(ts + native - native % 8, 8)
                    match = raw is not None and _q.unpack_from(raw, native % 8)[0] == tid
                else:
                    match = self.ptr(ts + lay["tstate_thread_id"]) == fs_base
                if match:
                    if self.current_frame(ts):
                        return ts
                    first = first or ts
                ts = self.ptr(ts + lay["tstate_next"])
            interp = self.ptr(interp + lay["interp_next"])
        return first

    def current_frame(self, ts):
        lay = self.lay
        frame = self.ptr(ts + lay["tstate_frame"])
        if "cframe_current_frame" in lay and frame:
            frame = self.ptr(frame + lay["cframe_current_frame"])
        return frame

    def code(self, addr):
        """(filename, name, firstlineno, line table bytes) of a code object, or None."""
        lay = self.lay
        size = max(lay["code_filename"], lay["code_name"], lay["code_linetable"],
                   lay["code_firstlineno"]) + 8
        head = self.typed(addr, self.interp.code_type, size)
        if head is None:
            return None
        key = (addr, head)
        got = self.codes.get(key)
        if got is not None:
            return got
        filename = self.string(_Q.unpack_from(head, lay["code_filename"])[0])
        name = self.string(_Q.unpack_from(head, lay["code_name"])[0])
        table = self.bytes_object(_Q.unpack_from(head, lay["code_linetable"])[0])
        if filename is None or name is None:
            return None
        got = (filename, name, _i.unpack_from(head, lay["code_firstlineno"])[0], table)
        if len(self.codes) >= CODE_CACHE:
            self.codes.clear()
        self.codes[key] = got
        return got

    def frames(self, tid, fs_base=0):
        """The Python frames of thread `tid`, innermost first (empty: no Python running)."""
        ts = self.thread_state(tid, fs_base)
        if ts is None:
            return []
        lay = self.lay
        frame = self.current_frame(ts)
        fields = [lay[k] for k in ("frame_back", "frame_code", "frame_lasti", "frame_instr",
                                   "frame_owner", "frame_is_entry") if k in lay]
        size = (max(fields) // 8 + 1) * 8
        back, code_at = lay["frame_back"], lay["frame_code"]
        cstack = lay.get("frame_owned_by_cstack")
        out = []
        seen = set()
        while frame and len(out) < MAX_FRAMES and frame not in seen:
            seen.add(frame)
            raw = self.block(frame, size)
            if raw is None:
                break
            previous = _Q.unpack_from(raw, back)[0]
            if cstack is not None and raw[lay["frame_owner"]] == cstack:
                if out:                # the frame before a C shim ends one evaluation
                    out[-1] = out[-1]._replace(entry=True)
                frame = previous
                continue
            info = self.code(_Q.unpack_from(raw, code_at)[0])
            if info is None:           # not a code object (3.13 f_executable), or torn
                frame = previous
                continue
            filename, name, first, table = info
            if "frame_lasti" in lay:
                offset = _i.unpack_from(raw, lay["frame_lasti"])[0] * lay["lasti_unit"]
                entry = True
            else:
                instr = _Q.unpack_from(raw, lay["frame_instr"])[0]
                offset = instr - (_Q.unpack_from(raw, code_at)[0] + lay["code_code_adaptive"])
                entry = "frame_is_entry" in lay and bool(raw[lay["frame_is_entry"]])
            line = None
            if table is not None and -2 <= offset < MAX_TABLE * 64:
                try:
                    line = line_of(lay["line_table"], table, first, offset)
                except (IndexError, ValueError):
                    line = None
            out.append(PyFrame(filename, name, line, entry))
            frame = previous
        if out and cstack is not None:
            out[-1] = out[-1]._replace(entry=True)
        return out
