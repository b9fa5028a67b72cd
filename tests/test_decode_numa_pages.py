"""Offline tests of the page-placement decoders (decode/numa.py, decode/array.py) and the small
fixes of the same round (mknod, fadvise64, memfd_create/memfd_secret, remap_file_pages,
utimensat): hand-built calls, a fake memory, strace 6.1's text."""
import struct

from minitrace import printers

from decodertest import call_line

P = 0x7f0000001000
RAW = printers.Style(const_style="raw")
VERBOSE = printers.Style(const_style="verbose")


def longs(*values):
    return struct.pack("<%dQ" % len(values), *values)


def test_move_pages_arrays():
    mem = {P: longs(0x7f0000aa0000, 0x7f0000bb0000), P + 0x100: struct.pack("<2i", 1, 0),
           P + 0x200: struct.pack("<2i", -14, 0)}
    assert call_line("move_pages", [42, 2, P, P + 0x100, P + 0x200, 2], 0, mem) == (
        "move_pages(42, 2, [0x7f0000aa0000, 0x7f0000bb0000], [1, 0], [-EFAULT, 0], "
        "MPOL_MF_MOVE) = 0")
    assert call_line("move_pages", [42, 2, P, 0, P + 0x200, 4], 0, mem, style=VERBOSE) == (
        "move_pages(42, 2, [0x7f0000aa0000, 0x7f0000bb0000], NULL, [-14 /* -EFAULT */, 0], "
        "0x4 /* MPOL_MF_MOVE_ALL */) = 0")
    assert call_line("move_pages", [42, 2, P, 0, P + 0x200, 4], 0, mem, style=RAW) == (
        "move_pages(42, 2, [0x7f0000aa0000, 0x7f0000bb0000], NULL, [-14, 0], 0x4) = 0")


def test_move_pages_short_and_failed():
    mem = {P: longs(0x7f0000aa0000)}
    # the second element is unreadable: `... /* its address */`; a failed call's status array
    # is its address; no element prints []
    assert call_line("move_pages", [42, 3, P, 0, P + 0x300, 4], -19, mem) == (
        "move_pages(42, 3, [0x7f0000aa0000, ... /* 0x7f0000001008 */], NULL, 0x7f0000001300, "
        "MPOL_MF_MOVE_ALL) = -1 ENODEV (No such device)")
    assert call_line("move_pages", [42, 0, P, P, P, 2], 0, mem) == (
        "move_pages(42, 0, [], [], [], MPOL_MF_MOVE) = 0")


def test_array_abbreviated_by_s():
    mem = {P: struct.pack("<4i", 1, 2, 3, 4)}
    style = printers.Style(string_limit=2)
    assert call_line("move_pages", [1, 4, 0, P, 0, 0], 0, mem, style=style) == (
        "move_pages(1, 4, NULL, [1, 2, ...], NULL, 0) = 0")
    verbose = printers.Style(string_limit=2, verbose=True)
    assert call_line("move_pages", [1, 4, 0, P, 0, 0], 0, mem, style=verbose) == (
        "move_pages(1, 4, NULL, [1, 2, 3, 4], NULL, 0) = 0")


def test_migrate_pages_nodemask():
    mem = {P: longs(1, 0)}
    assert call_line("migrate_pages", [7, 66, P, 0], 0, mem) == (
        "migrate_pages(7, 66, [0x00000000000001, 0000000000000000], NULL) = 0")
    # one long of the two readable
    assert call_line("migrate_pages", [7, 130, P, 0], 0, {P: longs(0)}) == (
        "migrate_pages(7, 130, [0000000000000000, ... /* 0x7f0000001008 */], NULL) = 0")


def test_mbind_mode_and_flags():
    assert call_line("mbind", [P, 4096, 2 | 0x8000, 0, 0, 0xffffffff], -22) == (
        "mbind(0x7f0000001000, 4096, MPOL_BIND|MPOL_F_STATIC_NODES, NULL, 0, "
        "MPOL_MF_STRICT|MPOL_MF_MOVE|MPOL_MF_MOVE_ALL|0xfffffff8) = -1 EINVAL (Invalid argument)")
    assert call_line("mbind", [P, 4096, 2 | 0x8000, 0, 0, 0], -22, style=VERBOSE) == (
        "mbind(0x7f0000001000, 4096, 0x8002 /* MPOL_BIND|MPOL_F_STATIC_NODES */, NULL, 0, 0) = "
        "-1 EINVAL (Invalid argument)")
    # an unknown mode with flags is a flag set; an unknown mode without is MPOL_???
    assert call_line("mbind", [P, 4096, 0xffffffffffff1fff | 0xe000, 0, 0, 0], -22) == (
        "mbind(0x7f0000001000, 4096, MPOL_F_STATIC_NODES|MPOL_F_RELATIVE_NODES|"
        "MPOL_F_NUMA_BALANCING|0xffffffffffff1fff, NULL, 0, 0) = -1 EINVAL (Invalid argument)")
    assert call_line("mbind", [P, 4096, 0xffffffff00000000, 0, 0, 0], 0) == (
        "mbind(0x7f0000001000, 4096, 0xffffffff00000000 /* MPOL_??? */, NULL, 0, 0) = 0")


def test_remap_file_pages():
    assert call_line("remap_file_pages", [P, 8192, 3, 5, 0x22], -22) == (
        "remap_file_pages(0x7f0000001000, 8192, PROT_READ|PROT_WRITE, 5, "
        "MAP_PRIVATE|MAP_ANONYMOUS) = -1 EINVAL (Invalid argument)")
    assert call_line("remap_file_pages", [P, 8192, 3, 5, 0x22], -22, style=RAW) == (
        "remap_file_pages(0x7f0000001000, 8192, 0x3, 5, 0x22) = -1 EINVAL (Invalid argument)")
    assert call_line("remap_file_pages", [0, 0, 0xff00000000, 0, 0xf], -22) == (
        "remap_file_pages(NULL, 0, 0xff00000000 /* PROT_??? */, 0, 0xf /* MAP_??? */) = "
        "-1 EINVAL (Invalid argument)")


def test_mknod_dev_is_unsigned_int():
    mem = {P: b"node\0"}
    assert call_line("mknod", [P, 0o20644, 0xdeadbeef00000107], -17, mem) == (
        'mknod("node", S_IFCHR|0644, makedev(0x1, 0x7)) = -1 EEXIST (File exists)')


def test_fadvise64_unknown_advice():
    assert call_line("fadvise64", [3, 0, 0, 0x99], -22) == (
        "fadvise64(3, 0, 0, 0x99 /* POSIX_FADV_??? */) = -1 EINVAL (Invalid argument)")


def test_memfd_name_at_the_end_of_memory():
    name = b"x" * 250                         # MFD_NAME_MAX_LEN + 1 bytes, then unmapped
    style = printers.Style(string_limit=256)
    assert call_line("memfd_create", [P, 0], -22, {P: name}, style=style) == (
        'memfd_create("%s"..., 0) = -1 EINVAL (Invalid argument)' % ("x" * 250))
    assert call_line("memfd_create", [P, 0], -22, {P: name[:20]}, style=style) == (
        "memfd_create(0x7f0000001000, 0) = -1 EINVAL (Invalid argument)")
    assert call_line("memfd_create", [P, 0], -22, {P: name}) == (
        'memfd_create("%s"..., 0) = -1 EINVAL (Invalid argument)' % ("x" * 32))


def test_memfd_secret():
    assert call_line("memfd_secret", [0x80000], 4) == "memfd_secret(O_CLOEXEC) = 4"
    assert call_line("memfd_secret", [0x80000 | 0x100], -22) == (
        "memfd_secret(O_CLOEXEC|0x100) = -1 EINVAL (Invalid argument)")
    assert call_line("memfd_secret", [0x100], -22) == (
        "memfd_secret(0x100) = -1 EINVAL (Invalid argument)")


def test_utimensat_dates():
    mem = {P: struct.pack("<4q", 0, 0, -1, 2000000000), P + 0x40: b"f\0"}
    assert call_line("utimensat", [0xffffff9c, P + 0x40, P, 0], -2, mem) == (
        'utimensat(AT_FDCWD, "f", [{tv_sec=0, tv_nsec=0}, {tv_sec=-1, tv_nsec=2000000000}], 0) '
        "= -1 ENOENT (No such file or directory)")
    mem = {P: struct.pack("<2qqQ", 0, 0, 0, 0xbadc0dedbadc0ded), P + 0x40: b"f\0"}
    assert call_line("utimensat", [0xffffff9c, P + 0x40, P, 0], -2, mem) == (
        'utimensat(AT_FDCWD, "f", [{tv_sec=0, tv_nsec=0}, {tv_sec=0, '
        'tv_nsec=13464652300624334317}], 0) = -1 ENOENT (No such file or directory)')


def test_set_mempolicy_home_node_flags_in_hex():
    assert call_line("set_mempolicy_home_node", [0, 0, 0, 0], 0) == (
        "set_mempolicy_home_node(NULL, 0, 0, 0) = 0")
    assert call_line("set_mempolicy_home_node", [P, 1, 2, 3], -22) == (
        "set_mempolicy_home_node(0x7f0000001000, 1, 2, 0x3) = -1 EINVAL (Invalid argument)")
    big = (1 << 64) - 1
    assert call_line("set_mempolicy_home_node", [big, big - 1, big - 2, big - 3], -22) == (
        "set_mempolicy_home_node(0xffffffffffffffff, 18446744073709551614, "
        "18446744073709551613, 0xfffffffffffffffc) = -1 EINVAL (Invalid argument)")
