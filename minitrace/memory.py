"""Bounded reads of tracee memory: process_vm_readv, else /proc/PID/mem, else PTRACE_PEEKDATA.

Every read is capped (a tracee can pass any pointer and any length). Strings are read page by
page so that a string ending just before an unmapped page is still read. Knows nothing of syscalls.
"""
import ctypes
import errno
import os
import struct

from minitrace import libc, progname

PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
MAX_READ = 1 << 20          # no single read is larger than this
# strace's umove cache (ucopy.c): with process_vm_readv, reads of up to this many pages go
# through whole-page reads kept until the next stop, so the strings and structures of one call
# cost a read per page, not per item
CACHE_PAGES = 4
# the local buffer of process_vm_readv starts at this size and doubles (up to MAX_READ) when a
# read needs more: a 1 MB buffer made up front is 1 MB of every run's peak memory
FIRST_BUFFER = CACHE_PAGES * PAGE
_process_vm_readv = libc.process_vm_readv


class Memory(object):
    """Reads memory of any tracee by pid. `method` is 'vm', 'proc' or 'peek'."""

    def __init__(self, method=None):
        if method is None:
            method = "proc" if os.environ.get("MINITRACE_NO_PROCESS_VM_READV") == "1" else "vm"
        if method == "vm" and _process_vm_readv is None:
            method = "proc"                 # not in this libc
        self.method = method
        self._local = libc.iovec(0, 0)
        self._remote = libc.iovec(0, 0)
        self._local_p = ctypes.byref(self._local)
        self._remote_p = ctypes.byref(self._remote)
        self._set_buffer(FIRST_BUFFER)
        self._proc_fds = {}
        self._word = struct.calcsize("l")
        # page address -> its bytes, until invalidate(); in the order read (dicts keep it), so
        # the first is the oldest
        self.pages = {}
        # read through process_vm_readv since the last invalidate(): the engine calls that at
        # the next stop only then. A stop's first read within a page takes only its bytes (most
        # stops make one read: a third cheaper than the page); the reads after it use pages.
        self.touched = False

    def _set_buffer(self, size):
        self._buf = ctypes.create_string_buffer(size)
        self._buf_size = size
        self._view = memoryview(self._buf).cast("B")
        self._local.iov_base = ctypes.addressof(self._buf)

    def invalidate(self):
        """A new stop: what was read before may have changed."""
        self.pages.clear()
        self.touched = False

    def _page(self, pid, start):
        """The page at `start` (cached), or None if it cannot be read whole."""
        pages = self.pages
        data = pages.get(start)
        if data is None:
            data = self._read_vm(pid, start, PAGE)
            if data is None or len(data) < PAGE:
                return None
            if len(pages) >= CACHE_PAGES:
                del pages[next(iter(pages))]
            pages[start] = data
            self.touched = True
        return data

    def _read_cached(self, pid, addr, size):
        """Up to `size` bytes at `addr` through the page cache (None if none is readable), or
        NotImplemented when the range is not one the cache serves."""
        start = addr - addr % PAGE
        end = addr + size
        if not start or (end - start + PAGE - 1) // PAGE > CACHE_PAGES:
            return NotImplemented
        out = []
        pos = addr
        while pos < end:
            page = pos - pos % PAGE
            data = self._page(pid, page)
            if data is None:
                break
            take = min(end, page + PAGE) - pos
            out.append(data[pos - page:pos - page + take])
            pos += take
        return b"".join(out) if out else None

    def forget(self, pid):
        """Drop cached state for a pid that is gone or has exec'd."""
        fd = self._proc_fds.pop(pid, None)
        if fd is not None:
            os.close(fd)

    def read(self, pid, addr, size):
        """Up to `size` bytes at `addr`; fewer if the rest is unreadable; None if none is."""
        if size <= 0:
            return b""
        if size > MAX_READ:
            size = MAX_READ
        if self.method == "vm":
            start = addr - addr % PAGE
            if start and addr + size <= start + PAGE:   # within one page: the common case
                data = self.pages.get(start)
                if data is None:
                    if not self.touched:      # the stop's first read: only its bytes
                        self.touched = True
                        return self._read_vm(pid, addr, size)
                    data = self._page(pid, start)
                    if data is None:
                        return None
                return data[addr - start:addr - start + size]
            data = self._read_cached(pid, addr, size)
            if data is not NotImplemented:
                return data
            data = self._read_vm(pid, addr, size)
            if data is not None and len(data) < size:
                # a range crossing into an unmapped page fails as a whole: retry page by page
                data = self._read_pages(pid, addr, size, self._read_vm)
            return data
        if self.method == "proc":
            return self._read_pages(pid, addr, size, self._read_proc)
        return self._read_pages(pid, addr, size, self._read_peek)

    def read_cstring(self, pid, addr, limit):
        """Read a NUL-terminated string of at most `limit` bytes.

        Returns (data without the NUL, terminated); (None, False) when the memory ends before
        either a NUL or `limit` bytes (strace then prints the address, not a partial string).
        """
        if self.method == "vm":       # the common case: the NUL within the (cached) page
            start = addr - addr % PAGE
            if start:
                page = self._page(pid, start)
                if page is not None:
                    at = addr - start
                    nul = page.find(b"\0", at, at + limit + 1)
                    if nul >= 0:
                        return page[at:nul], True
            reader = self._read_vm_cstring
        else:
            reader = self._read_proc if self.method == "proc" else self._read_peek
        out = []
        got = 0
        while got < limit + 1:
            chunk = PAGE - ((addr + got) % PAGE)
            if chunk > limit + 1 - got:
                chunk = limit + 1 - got
            data = reader(pid, addr + got, chunk)
            nul = data.find(b"\0") if data else -1
            if nul >= 0:
                out.append(data[:nul])
                return b"".join(out), True
            if not data or len(data) < chunk:
                if got or data:             # strace's umovestr says where it stopped
                    got += len(data or b"")
                    progname.warn("umovestr" if self.method == "vm" else "umovestr_peekdata",
                                  "short read (%d < %d) @%#x: %s" % (
                                      got, limit + 1, addr, os.strerror(
                                          errno.EFAULT if self.method == "vm" else errno.EIO)))
                return None, False          # unreadable before the end of the string
            out.append(data)
            got += len(data)
        return b"".join(out)[:limit], False

    def _read_vm_cstring(self, pid, addr, size):
        data = self._read_cached(pid, addr, size)
        return self._read_vm(pid, addr, size) if data is NotImplemented else data

    def _read_pages(self, pid, addr, size, reader):
        out = []
        got = 0
        while got < size:
            chunk = PAGE - ((addr + got) % PAGE)
            if chunk > size - got:
                chunk = size - got
            data = reader(pid, addr + got, chunk)
            if not data:
                break
            out.append(data)
            got += len(data)
            if len(data) < chunk:
                break
        return b"".join(out) if out else None

    def _read_vm(self, pid, addr, size):
        if size > self._buf_size:
            self._set_buffer(min(MAX_READ, max(size, 2 * self._buf_size)))
        self._local.iov_len = size
        self._remote.iov_base = addr
        self._remote.iov_len = size
        n = _process_vm_readv(pid, self._local_p, 1, self._remote_p, 1, 0)
        if n > 0:
            return self._view[:n].tobytes()
        if n < 0 and libc.get_errno() in (errno.ENOSYS, errno.EPERM):   # fall back for good
            self.method = "proc"
            return self._read_proc(pid, addr, size)
        return None

    def _read_proc(self, pid, addr, size):
        fd = self._proc_fds.get(pid)
        try:
            if fd is None:
                fd = os.open("/proc/%d/mem" % pid, os.O_RDONLY | os.O_CLOEXEC)
                self._proc_fds[pid] = fd
            return os.pread(fd, size, addr) or None
        except (OSError, OverflowError, ValueError) as e:
            if fd is None and isinstance(e, OSError):   # no /proc/PID/mem here: PEEKDATA
                self.method = "peek"
                return self._read_peek(pid, addr, size)
            return None

    def _read_peek(self, pid, addr, size):
        word = self._word
        start = addr - addr % word
        out = []
        pos = start
        while pos < addr + size:
            try:
                value = libc.ptrace_peek(libc.PTRACE_PEEKDATA, pid, pos)
            except OSError:
                break
            out.append(struct.pack("l", value))
            pos += word
        data = b"".join(out)[addr - start:addr - start + size]
        return data or None
