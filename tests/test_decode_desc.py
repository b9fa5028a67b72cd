"""Offline tests of the desc-family decoders: fake tracee memory, a hand-built Syscall, and the
line strace 6.1 printed for the same call (tests/progs/decode_desc.c, x86_64)."""
import struct

from minitrace import printers
from decodertest import call_line
from test_decode_file import line, s, BUF, P1, P2, EFAULT, EINVAL

EBADF = -9


def test_read_write():
    m = {BUF: b"hello\tworld\n\"q\" \\ \1\177\377\0", P1: b"0123456789abcdefghijklmnopqrstuvwxyz"}
    assert line("write", [3, BUF, 22], m, 22) == \
        'write(3, "hello\\tworld\\n\\"q\\" \\\\ \\1\\177\\377\\0", 22) = 22'
    assert line("write", [3, P1, 36], m, 36) == \
        'write(3, "0123456789abcdefghijklmnopqrstuv"..., 36) = 36'
    assert line("write", [3, 0x10, 5], m, EFAULT) == \
        'write(3, 0x10, 5) = -1 EFAULT (Bad address)'
    assert line("write", [3, P1, 0], m, 0) == 'write(3, "", 0) = 0'
    assert line("read", [3, BUF, 5], m, 5) == 'read(3, "hello", 5) = 5'
    assert line("read", [3, 0, 5], m, 0) == 'read(3, NULL, 5) = 0'
    assert line("read", [99, BUF, 5], m, EBADF) == \
        'read(99, 0x30000, 5) = -1 EBADF (Bad file descriptor)'
    assert line("pread64", [3, BUF, 4, 2], m, 4) == 'pread64(3, "hell", 4, 2) = 4'
    assert line("pwrite64", [3, P1, 2, 100], m, 2) == 'pwrite64(3, "01", 2, 100) = 2'
    assert line("read", [3, P1, 256], m, 36, printers.Style(string_limit=4)) == \
        'read(3, "0123"..., 256) = 36'


def test_iovecs():
    iov = struct.pack("<QQQQ", P1, 6, P1 + 6, 6)
    m = {BUF: iov, P1: b"hello world\n"}
    assert line("writev", [4, BUF, 2], m, 12) == \
        'writev(4, [{iov_base="hello ", iov_len=6}, {iov_base="world\\n", iov_len=6}], 2) = 12'
    # readv shows only the returned bytes, spread over the buffers
    assert line("readv", [3, BUF, 2], m, 8) == \
        'readv(3, [{iov_base="hello ", iov_len=6}, {iov_base="wo", iov_len=6}], 2) = 8'
    assert line("readv", [3, 8, 2], m, EFAULT) == 'readv(3, 0x8, 2) = -1 EFAULT (Bad address)'
    assert line("preadv2", [3, BUF, 1, 0, 0, 1], m, 6) == \
        'preadv2(3, [{iov_base="hello ", iov_len=6}], 1, 0, RWF_HIPRI) = 6'
    assert line("pwritev2", [3, BUF, 1, 300, 0, 0x12], m, 6) == \
        'pwritev2(3, [{iov_base="hello ", iov_len=6}], 1, 300, RWF_DSYNC|RWF_APPEND) = 6'


def test_llseek():
    """arm's and ppc64le's _llseek: a 64-bit offset in two longs, the result in a loff_t
    (strace 6.1 under qemu printed `_llseek(3, 0, [0], SEEK_CUR) = 0`)."""
    m = {BUF: struct.pack("<q", 0), BUF + 8: struct.pack("<q", 1 << 33)}
    assert line("_llseek", [3, 0, 0, BUF, 1], m, 0, abi="arm") == "_llseek(3, 0, [0], SEEK_CUR) = 0"
    assert line("_llseek", [3, 2, 0, BUF + 8, 0], m, 0, abi="arm") == (
        "_llseek(3, 8589934592, [8589934592], SEEK_SET) = 0")
    assert line("_llseek", [3, 0xffffffff, 0xfffffffd, BUF, 2], m, EINVAL, abi="arm") == (
        "_llseek(3, -3, 0x30000, SEEK_END) = -1 EINVAL (Invalid argument)")
    le = {BUF: struct.pack("<q", 77)}
    assert line("_llseek", [0, 0, 77, BUF, 0], le, 0, abi="ppc64le") == (
        "_llseek(0, 77, [77], SEEK_SET) = 0")


def test_lseek_close_dup():
    assert line("lseek", [3, (1 << 64) - 3, 2], {}, 55) == 'lseek(3, -3, SEEK_END) = 55'
    assert line("lseek", [3, 0, 7], {}, EINVAL) == \
        'lseek(3, 0, 0x7 /* SEEK_??? */) = -1 EINVAL (Invalid argument)'
    assert line("close", [99], {}, EBADF) == 'close(99) = -1 EBADF (Bad file descriptor)'
    assert line("dup3", [3, 21, 0o2000000], {}, 21) == 'dup3(3, 21, O_CLOEXEC) = 21'
    assert line("dup3", [3, 21, 0], {}, 21) == 'dup3(3, 21, 0) = 21'
    assert line("close_range", [50, 0xffffffff, 0], {}) == 'close_range(50, 4294967295, 0) = 0'
    assert line("close_range", [50, 60, 4], {}) == 'close_range(50, 60, CLOSE_RANGE_CLOEXEC) = 0'


def test_fcntl():
    assert line("fcntl", [3, 1], {}, 0) == 'fcntl(3, F_GETFD) = 0'
    assert line("fcntl", [3, 1], {}, 1) == 'fcntl(3, F_GETFD) = 0x1 (flags FD_CLOEXEC)'
    assert line("fcntl", [3, 2, 1], {}) == 'fcntl(3, F_SETFD, FD_CLOEXEC) = 0'
    assert line("fcntl", [0, 3], {}, 0x8000) == \
        'fcntl(0, F_GETFL) = 0x8000 (flags O_RDONLY|O_LARGEFILE)'
    # -X verbose keeps the abbreviated F_GETFL annotation
    assert line("fcntl", [0, 3], {}, 0x8000, printers.Style(const_style="verbose")) == \
        'fcntl(0, 0x3 /* F_GETFL */) = 0x8000 (flags O_RDONLY|O_LARGEFILE)'
    assert line("fcntl", [3, 4, 0o6000], {}) == 'fcntl(3, F_SETFL, O_RDONLY|O_APPEND|O_NONBLOCK) = 0'
    assert line("fcntl", [3, 1030, 40], {}, 40) == 'fcntl(3, F_DUPFD_CLOEXEC, 40) = 40'
    fl = struct.pack("<hh4xqqi4x", 1, 0, 0, 10, 0)
    m = {BUF: fl, BUF + 0x100: struct.pack("<hh4xqqi4x", 2, 0, 0, 10, 0)}
    assert line("fcntl", [3, 6, BUF], m) == \
        'fcntl(3, F_SETLK, {l_type=F_WRLCK, l_whence=SEEK_SET, l_start=0, l_len=10}) = 0'
    assert line("fcntl", [3, 5, BUF + 0x100], m) == \
        'fcntl(3, F_GETLK, {l_type=F_UNLCK, l_whence=SEEK_SET, l_start=0, l_len=10, l_pid=0}) = 0'
    assert line("fcntl", [3, 7, 8], m, EFAULT) == \
        'fcntl(3, F_SETLKW, 0x8) = -1 EFAULT (Bad address)'
    assert line("fcntl", [3, 0x7777, 0x10], m, EINVAL) == \
        'fcntl(3, 0x7777 /* F_??? */, 0x10) = -1 EINVAL (Invalid argument)'


def test_pipes_and_friends():
    m = {BUF: struct.pack("<ii", 5, 6), P1: struct.pack("<q", 5), P1 + 0x100: s("demo")}
    assert line("pipe2", [BUF, 0o2004000], m) == 'pipe2([5, 6], O_NONBLOCK|O_CLOEXEC) = 0'
    assert line("pipe2", [8, 0], m, EFAULT) == 'pipe2(0x8, 0) = -1 EFAULT (Bad address)'
    assert line("pipe", [BUF], m) == 'pipe([5, 6]) = 0'
    # sendfile: the offset is read at entry and again at exit (here both read 5)
    assert line("sendfile", [9, 3, P1, 5], m, 5) == 'sendfile(9, 3, [5] => [5], 5) = 5'
    assert line("sendfile", [9, 3, 0, 5], m, 5) == 'sendfile(9, 3, NULL, 5) = 5'
    assert line("sendfile", [9, 99, P1, 5], m, EBADF) == \
        'sendfile(9, 99, [5], 5) = -1 EBADF (Bad file descriptor)'
    assert line("splice", [7, 0, 9, P1, 6, 5], m, 6) == \
        'splice(7, NULL, 9, [5], 6, SPLICE_F_MOVE|SPLICE_F_MORE) = 6'
    assert line("eventfd2", [0, 0o2004000], m, 13) == 'eventfd2(0, EFD_CLOEXEC|EFD_NONBLOCK) = 13'
    assert line("eventfd2", [5, 1], m, 14) == 'eventfd2(5, EFD_SEMAPHORE) = 14'
    assert line("memfd_create", [P1 + 0x100, 3], m, 16) == \
        'memfd_create("demo", MFD_CLOEXEC|MFD_ALLOW_SEALING) = 16'
    assert line("memfd_create", [P1 + 0x100, 0x54000004], m, 17) == \
        'memfd_create("demo", MFD_HUGETLB|21<<MFD_HUGE_SHIFT) = 17'
    assert line("flock", [3, 6], m) == 'flock(3, LOCK_EX|LOCK_NB) = 0'
    assert line("fadvise64", [3, 0, 0, 2], m) == 'fadvise64(3, 0, 0, POSIX_FADV_SEQUENTIAL) = 0'
    assert line("fallocate", [3, 3, 0, 10], m) == \
        'fallocate(3, FALLOC_FL_KEEP_SIZE|FALLOC_FL_PUNCH_HOLE, 0, 10) = 0'
    assert line("ftruncate", [3, 0], m) == 'ftruncate(3, 0) = 0'


def test_iovec_arrays_as_print_array():
    iov = struct.pack("<QQQQ", P1, 6, P1 + 6, 6)
    m = {BUF: iov, P1: b"hello world\n"}
    # a failed readv: the array with the buffers' addresses
    assert line("readv", [3, BUF, 2], m, EBADF) == (
        'readv(3, [{iov_base=0x10000, iov_len=6}, {iov_base=0x10006, iov_len=6}], 2)'
        ' = -1 EBADF (Bad file descriptor)')
    assert line("preadv", [3, BUF, 0, 7], m, EINVAL) == \
        'preadv(3, [], 0, 7) = -1 EINVAL (Invalid argument)'
    # an element past the readable memory: `... /* addr */`
    assert line("writev", [1, BUF + 16, 2], m, EFAULT) == (
        'writev(1, [{iov_base="world\\n", iov_len=6}, ... /* 0x30020 */], 2)'
        ' = -1 EFAULT (Bad address)')
    # more elements than -s shows
    assert line("writev", [1, BUF, 2], m, 12, printers.Style(string_limit=1)) == \
        'writev(1, [{iov_base="h"..., iov_len=6}, ...], 2) = 12'


def test_process_vm_readv_writev():
    local = struct.pack("<QQQQ", P1, 3, P1 + 3, 4)
    remote = struct.pack("<QQ", P2, 7)
    m = {BUF: local + remote, P1: b"abcdefg"}
    assert line("process_vm_readv", [77, BUF, 2, BUF + 32, 1, 0], m, 5) == (
        'process_vm_readv(77, [{iov_base="abc", iov_len=3}, {iov_base="de", iov_len=4}], 2,'
        ' [{iov_base=0x20000, iov_len=7}], 1, 0) = 5')
    assert line("process_vm_readv", [77, BUF, 1, BUF + 32, 1, 0], m, -3) == (
        'process_vm_readv(77, [{iov_base=0x10000, iov_len=3}], 1,'
        ' [{iov_base=0x20000, iov_len=7}], 1, 0) = -1 ESRCH (No such process)')
    assert line("process_vm_writev", [77, BUF, 1, BUF + 32, 1, 0], m, 3) == (
        'process_vm_writev(77, [{iov_base="abc", iov_len=3}], 1,'
        ' [{iov_base=0x20000, iov_len=7}], 1, 0) = 3')


class OnePid(object):
    """--pidns-translation where the tracee's process 77 is our 5077."""

    def suffix(self, tracee, pid, kind, hex_strings=None):
        return " /* 5077 in strace's PID NS */" if (pid, kind) == (77, "tgid") else ""


def test_process_vm_pid_translated():
    m = {BUF: struct.pack("<QQ", P2, 7)}
    assert call_line("process_vm_readv", [77, BUF, 0, BUF, 0, 0], 0, m, pids=OnePid()) == (
        "process_vm_readv(77 /* 5077 in strace's PID NS */, [], 0, [], 0, 0) = 0")
    assert call_line("process_vm_writev", [77, BUF, 0, BUF, 1, 0], 0, m, pids=OnePid()) == (
        "process_vm_writev(77 /* 5077 in strace's PID NS */, [], 0,"
        " [{iov_base=0x20000, iov_len=7}], 1, 0) = 0")
    assert call_line("process_vm_readv", [0xdeadbeef, 0, 0, 0, 0, 0], -22, pids=OnePid()) == (
        "process_vm_readv(-559038737, NULL, 0, NULL, 0, 0) = -1 EINVAL (Invalid argument)")


def test_sendfile_offsets_unsigned_and_old_sendfile():
    m = {P1: struct.pack("<q", -1), P2: struct.pack("<I", 0xfffffffe)}
    assert line("sendfile", [4, 5, P1, 1], m, EINVAL) == \
        'sendfile(4, 5, [18446744073709551615], 1) = -1 EINVAL (Invalid argument)'
    assert line("sendfile64", [4, 5, P2, 1], m, EINVAL, abi="i386") == \
        'sendfile64(4, 5, 0x20000, 1) = -1 EINVAL (Invalid argument)'
    # i386's sendfile: a 32-bit offset; with count 0 all is shown at entry
    assert line("sendfile", [4, 5, P2, 1], m, 1, abi="i386") == \
        'sendfile(4, 5, [4294967294] => [4294967294], 1) = 1'
    assert line("sendfile", [4, 5, P2, 0], m, 0, abi="i386") == \
        'sendfile(4, 5, [4294967294], 0) = 0'
    assert line("sendfile", [4, 5, P2 + 2, 1], m, EINVAL) == \
        'sendfile(4, 5, 0x20002, 1) = -1 EINVAL (Invalid argument)'


def test_userfaultfd_flags():
    assert line("userfaultfd", [0], None, 3) == "userfaultfd(0) = 3"
    assert line("userfaultfd", [0x80801], None, 10) == (
        "userfaultfd(UFFD_USER_MODE_ONLY|O_NONBLOCK|O_CLOEXEC) = 10")
    assert line("userfaultfd", [(1 << 64) - 1], None, EINVAL) == (
        "userfaultfd(UFFD_USER_MODE_ONLY|O_NONBLOCK|O_CLOEXEC|0xfff7f7fe) = -1 EINVAL "
        "(Invalid argument)")


def test_vmsplice_iovec_and_flags():
    iov = struct.pack("<QQQQ", P1, 3, P2, 5)
    m = {BUF: iov, P1: b"012", P2: b"34567"}
    assert line("vmsplice", [1, BUF, 2, 2], m, 8) == (
        'vmsplice(1, [{iov_base="012", iov_len=3}, {iov_base="34567", iov_len=5}], 2, '
        'SPLICE_F_NONBLOCK) = 8')
    assert line("vmsplice", [1, 0, 0, 0x10], None, EINVAL) == (
        "vmsplice(1, NULL, 0, 0x10 /* SPLICE_F_??? */) = -1 EINVAL (Invalid argument)")
