"""memory.Memory on our own process (process_vm_readv needs no ptrace for oneself): a stop's
first read takes only its bytes, the reads after it go through the page cache, invalidate()
forgets both; the local buffer starts small and grows. Fast, offline."""
import ctypes
import os

from minitrace import memory

PID = os.getpid()


def _pages(n):
    """A ctypes buffer of n whole pages, page-aligned, filled with a known pattern: (keep, addr)."""
    raw = ctypes.create_string_buffer((n + 1) * memory.PAGE)
    addr = (ctypes.addressof(raw) + memory.PAGE - 1) & ~(memory.PAGE - 1)
    data = bytes(bytearray((i * 7 + i // memory.PAGE) & 0xff for i in range(n * memory.PAGE)))
    ctypes.memmove(addr, data, len(data))
    return raw, addr, data


def test_first_read_of_a_stop_takes_only_its_bytes_then_pages_are_cached():
    keep, addr, data = _pages(memory.CACHE_PAGES + 2)
    m = memory.Memory("vm")
    assert m.read(PID, addr + 5, 3) == data[5:8]
    assert m.touched and not m.pages                   # no page read for the first one
    assert m.read(PID, addr + 9, 2) == data[9:11]
    assert list(m.pages) == [addr]                     # the second read cached its page
    ctypes.memmove(addr + 9, b"zz", 2)                 # the cache holds until invalidate()
    assert m.read(PID, addr + 9, 2) == data[9:11]
    m.invalidate()
    assert not m.touched and not m.pages
    assert m.read(PID, addr + 9, 2) == b"zz"


def test_page_cache_keeps_the_newest_pages():
    keep, addr, data = _pages(memory.CACHE_PAGES + 2)
    m = memory.Memory("vm")
    m.read(PID, addr, 1)
    starts = [addr + i * memory.PAGE for i in range(memory.CACHE_PAGES + 2)]
    for start in starts:
        assert m.read(PID, start + 1, 4) == data[start - addr + 1:start - addr + 5]
    assert list(m.pages) == starts[-memory.CACHE_PAGES:]


def test_buffer_grows_for_a_large_read():
    """A read larger than the first local buffer comes back whole, a small one after it too,
    and the buffer never grows past MAX_READ."""
    size = 5 * memory.FIRST_BUFFER + 123
    data = bytes(bytearray((i * 7) & 0xff for i in range(size)))
    buf = ctypes.create_string_buffer(data, size)
    m = memory.Memory("vm")
    assert m.read(PID, ctypes.addressof(buf), size) == data
    assert m._buf_size >= size
    m.invalidate()
    assert m.read(PID, ctypes.addressof(buf) + 10, 3) == data[10:13]
    assert m.read(PID, ctypes.addressof(buf), memory.MAX_READ + 10)[:size] == data
    assert m._buf_size == memory.MAX_READ


def test_read_cstring_in_one_page_across_pages_and_at_the_limit():
    """A string ending in its page is found in the cached page; one running into the next page
    is joined across it; a NUL past `limit` gives the first `limit` bytes, unterminated; a
    string running into an unreadable page: the next test. Each as the page-by-page
    reader of /proc/PID/mem gives it."""
    keep, addr, data = _pages(3)
    page = memory.PAGE
    ctypes.memmove(addr + 100, b"/etc/passwd\0", 12)
    ctypes.memmove(addr + page - 3, b"abcdef\0", 7)           # crosses into the second page
    ctypes.memmove(addr + 2 * page + 10, b"x" * 50 + b"\0", 51)
    for method in ("vm", "proc"):
        m = memory.Memory(method)
        assert m.read_cstring(PID, addr + 100, 4096) == (b"/etc/passwd", True), method
        if method == "vm":
            assert list(m.pages) == [addr]                     # the page, read once, is kept
        assert m.read_cstring(PID, addr + page - 3, 4096) == (b"abcdef", True), method
        assert m.read_cstring(PID, addr + 2 * page + 10, 50) == (b"x" * 50, True), method
        assert m.read_cstring(PID, addr + 2 * page + 10, 49) == (b"x" * 49, False), method
        assert m.read_cstring(PID, addr + 2 * page + 10, 20) == (b"x" * 20, False), method
        m.invalidate()


def test_read_cstring_into_an_unreadable_page():
    """process_vm_readv stops at a PROT_NONE page (/proc/PID/mem reads through it: not here)."""
    import mmap
    area = mmap.mmap(-1, 2 * memory.PAGE)
    base = ctypes.addressof(ctypes.c_char.from_buffer(area))
    area[:] = b"y" * (2 * memory.PAGE)
    libc = ctypes.CDLL(None, use_errno=True)
    assert libc.mprotect(ctypes.c_void_p(base + memory.PAGE), memory.PAGE, 0) == 0
    try:
        m = memory.Memory("vm")
        assert m.read_cstring(PID, base + memory.PAGE - 8, 4096) == (None, False)
        assert m.read_cstring(PID, base + memory.PAGE - 8, 7) == (b"y" * 7, False)
    finally:
        libc.mprotect(ctypes.c_void_p(base + memory.PAGE), memory.PAGE, 3)
        del base
        area.close()
