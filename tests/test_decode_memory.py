"""Offline tests of the memory-family decoders: Syscalls built by hand, a fake tracee memory,
and the lines strace 6.1 really printed for the same calls (tests/progs/decode_memory.c,
/bin/true; section 2.3 of the strace reference for -X)."""
import struct

from minitrace import printers

from decodertest import call_line


M1 = 0xffffffffffffffff
P = 0x7f1406a1a000
RW, PRIV_ANON = 3, 0x22


def test_mmap():
    assert call_line("mmap", [0, 8192, RW, PRIV_ANON, M1, 0], 0x7f76a47c6000) == (
        "mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f76a47c6000")
    assert call_line("mmap", [0, 4096, 0, 0x21 | 0x4000, M1, 0], P) == (
        "mmap(NULL, 4096, PROT_NONE, MAP_SHARED|MAP_ANONYMOUS|MAP_NORESERVE, -1, 0) = 0x7f1406a1a000")
    assert call_line("mmap", [0x7fcf71388000, 1400832, 5, 0x812, 3, 155648], 0x7fcf71388000) == (
        "mmap(0x7fcf71388000, 1400832, PROT_READ|PROT_EXEC, MAP_PRIVATE|MAP_FIXED|MAP_DENYWRITE, "
        "3, 0x26000) = 0x7fcf71388000")
    assert call_line("mmap", [0, 4096, 1 | 0x40, 0x22 | 0x100 | 0x20000, M1, 0], P) == (
        "mmap(NULL, 4096, PROT_READ|0x40, MAP_PRIVATE|MAP_ANONYMOUS|MAP_GROWSDOWN|MAP_STACK, "
        "-1, 0) = 0x7f1406a1a000")
    assert call_line("mmap", [0, 2 << 20, 1, 0x22 | 0x40000 | (21 << 26), M1, 0], -12) == (
        "mmap(NULL, 2097152, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_HUGETLB|21<<MAP_HUGE_SHIFT, "
        "-1, 0) = -1 ENOMEM (Cannot allocate memory)")
    assert call_line("mmap", [P, 4096, 1, 0x22 | 0x100000, M1, 0], -17) == (
        "mmap(0x7f1406a1a000, 4096, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED_NOREPLACE, "
        "-1, 0) = -1 EEXIST (File exists)")
    assert call_line("mmap", [0, 4096, 1, 3 | 0x800000, M1, 0], -9) == (
        "mmap(NULL, 4096, PROT_READ, MAP_SHARED_VALIDATE|0x800000, -1, 0) = "
        "-1 EBADF (Bad file descriptor)")
    assert call_line("mmap", [0, 0, 1, 0xf, 99, 0x1000], -9) == (
        "mmap(NULL, 0, PROT_READ, 0xf /* MAP_??? */, 99, 0x1000) = -1 EBADF (Bad file descriptor)")
    assert call_line("mmap", [0, 4096, 1, 2 | 0x8000 | 0x2000, 3, 0x1000], P) == (
        "mmap(NULL, 4096, PROT_READ, MAP_PRIVATE|MAP_POPULATE|MAP_LOCKED, 3, 0x1000) = "
        "0x7f1406a1a000")


def test_mmap_const_styles():
    args = [0, 4096, 0x43, PRIV_ANON, M1, 0]
    assert call_line("mmap", args, 0x7f062c1bd000, style=printers.Style(const_style="verbose")) == (
        "mmap(NULL, 4096, 0x43 /* PROT_READ|PROT_WRITE|0x40 */, "
        "0x22 /* MAP_PRIVATE|MAP_ANONYMOUS */, -1, 0) = 0x7f062c1bd000")
    assert call_line("mmap", args, 0x7f7e599bd000, style=printers.Style(const_style="raw")) == (
        "mmap(NULL, 4096, 0x43, 0x22, -1, 0) = 0x7f7e599bd000")


def test_mmap_type_zero_is_map_file():
    args = [0, 0, 0, 0, 0, 0]
    assert call_line("mmap", args, -9) == (
        "mmap(NULL, 0, PROT_NONE, MAP_FILE, 0, 0) = -1 EBADF (Bad file descriptor)")
    assert call_line("mmap", args, -9, style=printers.Style(const_style="verbose")) == (
        "mmap(NULL, 0, 0 /* PROT_NONE */, 0 /* MAP_FILE */, 0, 0) = -1 EBADF (Bad file descriptor)")


def test_process_madvise():
    iov = 0x7f14aac71fe0
    vec = struct.pack("<4Q", 0x8786858483828180, 10, 0x9796959493929190, 20)
    assert call_line("process_madvise", [0xdefaced00000000, iov, 2, 0xdefaced00000000,
                                         0xdefacedffffffff], -22, {iov: vec}) == (
        "process_madvise(0, [{iov_base=0x8786858483828180, iov_len=10}, "
        "{iov_base=0x9796959493929190, iov_len=20}], 2, MADV_NORMAL, 0xffffffff) "
        "= -1 EINVAL (Invalid argument)")
    assert call_line("process_madvise", [M1, 0, 0xdeadbeefdeadbeef, 20, 0], -22) == (
        "process_madvise(-1, NULL, 16045690984833335023, MADV_COLD, 0) "
        "= -1 EINVAL (Invalid argument)")
    assert call_line("process_madvise", [0, iov + 32, 0, 21, 0xcafef00d], -22, {iov: vec}) == (
        "process_madvise(0, [], 0, MADV_PAGEOUT, 0xcafef00d) = -1 EINVAL (Invalid argument)")
    assert call_line("process_madvise", [M1, iov + 16, 2, 0xdeadc0de, 0], -22, {iov: vec}) == (
        "process_madvise(-1, [{iov_base=0x9796959493929190, iov_len=20}, ... /* 0x7f14aac72000 */]"
        ", 2, 0xdeadc0de /* MADV_??? */, 0) = -1 EINVAL (Invalid argument)")


def test_mmap2_i386():
    m1 = 0xffffffff
    assert call_line("mmap2", [0, 8192, RW, PRIV_ANON, m1, 0], 0xf7f00000, abi="i386") == (
        "mmap2(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0xf7f00000")
    assert call_line("mmap2", [0, 4096, 1, 2, 3, 2], 0xf7f00000, abi="i386") == (
        "mmap2(NULL, 4096, PROT_READ, MAP_PRIVATE, 3, 0x2000) = 0xf7f00000")


def test_old_mmap_reads_a_struct():
    """i386, arm and s390x mmap is old_mmap: one pointer to six longs (s390x: big-endian)."""
    args = (0, 12288, 3, 0x22, (1 << 64) - 1, 0)
    m = {0x5000: struct.pack(">6Q", *args)}
    assert call_line("mmap", [0x5000], 0x3fff7ff8000, m, abi="s390x") == (
        "mmap(NULL, 12288, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x3fff7ff8000")
    m = {0x5000: struct.pack("<6I", 0, 4096, 1, 2, 3, 0x2000)}
    assert call_line("mmap", [0x5000], 0xb6f00000, m, abi="arm") == (
        "mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, 3, 0x2000) = 0xb6f00000")
    assert call_line("mmap", [0x5000], -14, {}, abi="s390x") == (
        "mmap(0x5000) = -1 EFAULT (Bad address)")


def test_brk_munmap():
    assert call_line("brk", [0], 0x56183041d000) == "brk(NULL) = 0x56183041d000"
    assert call_line("brk", [0x2100d00], 0x2100d00) == "brk(0x2100d00) = 0x2100d00"
    assert call_line("brk", [1], 0x3d3a0000) == "brk(0x1) = 0x3d3a0000"
    assert call_line("munmap", [0x7fcf71544000, 37891], 0) == "munmap(0x7fcf71544000, 37891) = 0"
    assert call_line("munmap", [M1, 32768], -22) == (
        "munmap(0xffffffffffffffff, 32768) = -1 EINVAL (Invalid argument)")
    assert call_line("munmap", [0, 4096], 0) == "munmap(NULL, 4096) = 0"


def test_mprotect():
    assert call_line("mprotect", [0x4a3000, 16384, 1], 0) == (
        "mprotect(0x4a3000, 16384, PROT_READ) = 0")
    assert call_line("mprotect", [P, 4096, 0], 0) == "mprotect(0x7f1406a1a000, 4096, PROT_NONE) = 0"
    assert call_line("mprotect", [P, 4096, 7 | 0x01000000], -22) == (
        "mprotect(0x7f1406a1a000, 4096, PROT_READ|PROT_WRITE|PROT_EXEC|PROT_GROWSDOWN) = "
        "-1 EINVAL (Invalid argument)")
    assert call_line("mprotect", [P + 1, 4096, 0x101], -22) == (
        "mprotect(0x7f1406a1a001, 4096, PROT_READ|0x100) = -1 EINVAL (Invalid argument)")
    assert call_line("pkey_mprotect", [P, 4096, RW, 0xffffffff], 0) == (
        "pkey_mprotect(0x7f1406a1a000, 4096, PROT_READ|PROT_WRITE, -1) = 0")


def test_madvise_msync():
    assert call_line("madvise", [P, 4096, 4], 0) == "madvise(0x7f1406a1a000, 4096, MADV_DONTNEED) = 0"
    assert call_line("madvise", [P, 4096, 15], 0) == (
        "madvise(0x7f1406a1a000, 4096, MADV_NOHUGEPAGE) = 0")
    assert call_line("madvise", [P, 4096, 77], -22) == (
        "madvise(0x7f1406a1a000, 4096, 0x4d /* MADV_??? */) = -1 EINVAL (Invalid argument)")
    assert call_line("msync", [P, 4096, 4], 0) == "msync(0x7f1406a1a000, 4096, MS_SYNC) = 0"
    assert call_line("msync", [P, 4096, 3], 0) == (
        "msync(0x7f1406a1a000, 4096, MS_ASYNC|MS_INVALIDATE) = 0")
    assert call_line("msync", [P + 1, 4096, 0x40], -22) == (
        "msync(0x7f1406a1a001, 4096, 0x40 /* MS_??? */) = -1 EINVAL (Invalid argument)")


def test_mincore():
    assert call_line("mincore", [P, 16384, 0x9000], 0, {0x9000: b"\0\0\0\0"}) == (
        "mincore(0x7f1406a1a000, 16384, [0, 0, 0, 0]) = 0")
    assert call_line("mincore", [P, 16384, 1], -14) == (
        "mincore(0x7f1406a1a000, 16384, 0x1) = -1 EFAULT (Bad address)")


def test_mlock_family():
    assert call_line("mlock", [P, 4096], 0) == "mlock(0x7f1406a1a000, 4096) = 0"
    assert call_line("munlock", [P, 4096], 0) == "munlock(0x7f1406a1a000, 4096) = 0"
    assert call_line("mlock2", [P, 4096, 1], 0) == "mlock2(0x7f1406a1a000, 4096, MLOCK_ONFAULT) = 0"
    assert call_line("mlock2", [P, 4096, 0], 0) == "mlock2(0x7f1406a1a000, 4096, 0) = 0"
    assert call_line("mlock2", [P, 4096, 8], -22) == (
        "mlock2(0x7f1406a1a000, 4096, 0x8 /* MLOCK_??? */) = -1 EINVAL (Invalid argument)")
    assert call_line("mlockall", [3], 0) == "mlockall(MCL_CURRENT|MCL_FUTURE) = 0"
    assert call_line("mlockall", [5], 0) == "mlockall(MCL_CURRENT|MCL_ONFAULT) = 0"
    assert call_line("mlockall", [0], -22) == "mlockall(0) = -1 EINVAL (Invalid argument)"
    assert call_line("munlockall", [], 0) == "munlockall() = 0"


def test_mremap():
    assert call_line("mremap", [P, 16384, 32768, 1], -14) == (
        "mremap(0x7f1406a1a000, 16384, 32768, MREMAP_MAYMOVE) = -1 EFAULT (Bad address)")
    assert call_line("mremap", [M1, 4096, 8192, 0], -22) == (
        "mremap(0xffffffffffffffff, 4096, 8192, 0) = -1 EINVAL (Invalid argument)")
    assert call_line("mremap", [M1, 8192, 8192, 3, 0xffff], -22) == (
        "mremap(0xffffffffffffffff, 8192, 8192, MREMAP_MAYMOVE|MREMAP_FIXED, 0xffff) = "
        "-1 EINVAL (Invalid argument)")
    assert call_line("mremap", [M1, 8192, 8192, 8], -22) == (
        "mremap(0xffffffffffffffff, 8192, 8192, 0x8 /* MREMAP_??? */) = -1 EINVAL (Invalid argument)")
    assert call_line("mremap", [P, 4096, 8192, 1], 0x7f1406a00000) == (
        "mremap(0x7f1406a1a000, 4096, 8192, MREMAP_MAYMOVE) = 0x7f1406a00000")


def test_membarrier():
    assert call_line("membarrier", [0, 0], 0x3ff) == (
        "membarrier(MEMBARRIER_CMD_QUERY, 0) = 0x3ff (MEMBARRIER_CMD_GLOBAL|"
        "MEMBARRIER_CMD_GLOBAL_EXPEDITED|MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED|"
        "MEMBARRIER_CMD_PRIVATE_EXPEDITED|MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED|"
        "MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE|"
        "MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE|"
        "MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ|MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ|"
        "0x200)")
    assert call_line("membarrier", [8, 0], -1) == (
        "membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0) = -1 EPERM (Operation not permitted)")
    assert call_line("membarrier", [16, 0], 0) == (
        "membarrier(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0) = 0")
    assert call_line("membarrier", [1234, 0], -22) == (
        "membarrier(0x4d2 /* MEMBARRIER_CMD_??? */, 0) = -1 EINVAL (Invalid argument)")


def test_numa_policies():
    """set_mempolicy/get_mempolicy as strace printed them for `ps -p 1` (maxnode 1025 and
    1024 give 16 longs: the kernel reads maxnode - 1 bits)."""
    mask = 0x7ffd1000
    mem = {mask: struct.pack("<16Q", 1, *([0] * 15)), 0x7ffd2000: struct.pack("<i", 0)}
    zeros = ", ".join(["0000000000000000"] * 15)
    assert call_line("set_mempolicy", [5, mask, 1024], 0, mem) == (
        "set_mempolicy(MPOL_PREFERRED_MANY, [0x00000000000001, %s], 1024) = 0" % zeros)
    assert call_line("get_mempolicy", [0x7ffd2000, mask, 1025, 0, 0], 0, mem) == (
        "get_mempolicy([MPOL_DEFAULT], [0x00000000000001, %s], 1025, NULL, 0) = 0" % zeros)
    assert call_line("get_mempolicy", [0x7ffd2000, mask, 1025, 0, 0x10], -22, mem) == (
        "get_mempolicy(0x7ffd2000, 0x7ffd1000, 1025, NULL, 0x10 /* MPOL_??? */) = "
        "-1 EINVAL (Invalid argument)")
    assert call_line("mbind", [0x7f0000000000, 4096, 2 | 0x8000, mask, 65, 3], 0, mem) == (
        "mbind(0x7f0000000000, 4096, MPOL_BIND|MPOL_F_STATIC_NODES, [0x00000000000001], 65, "
        "MPOL_MF_STRICT|MPOL_MF_MOVE) = 0")


def test_pkey_alloc_access_rights_of_the_whole_long():
    assert call_line("pkey_alloc", [0, 0], 0) == "pkey_alloc(0, 0) = 0"
    assert call_line("pkey_alloc", [0, 0xbadc0ded00000002], -22) == (
        "pkey_alloc(0, PKEY_DISABLE_WRITE|0xbadc0ded00000000) = -1 EINVAL (Invalid argument)")
    assert call_line("pkey_alloc", [0x123456789abcdef0, 7], -22) == (
        "pkey_alloc(0x123456789abcdef0, PKEY_DISABLE_ACCESS|PKEY_DISABLE_WRITE|"
        "PKEY_DISABLE_EXECUTE) = -1 EINVAL (Invalid argument)")
    assert call_line("pkey_alloc", [1, 0xbadc0de8], -22) == (
        "pkey_alloc(0x1, 0xbadc0de8 /* PKEY_??? */) = -1 EINVAL (Invalid argument)")
