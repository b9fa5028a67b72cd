"""tools/gen_ioctls.py's pieces: what it leaves out (EXCLUDED) and how it takes the commands of a
header of user space (USERLAND: OpenZFS's), from a small made-up header of the same shape."""
import os
import shutil
import sys
import tempfile

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import gen_ioctls  # noqa: E402
import gen_syscalls  # noqa: E402
import headerstore  # noqa: E402

# the shape of OpenZFS's sys/fs/zfs.h: an enum of plain numbers counted from a base, with range
# markers, an #ifdef between two definitions of the base, an alias, and an _IOR macro whose size
# is another macro of the header; a macro defined twice would be refused (not here)
ZFS_LIKE = """\
#ifndef _SYS_FS_TOY_H
#define _SYS_FS_TOY_H
#include <sys/nvpair.h>  /* a header of user space the generator never reads */
#define TOY_NAME_LEN 64 /* a comment */
#define TOY_UNUSED "not a number"
typedef enum toy_ioc {
#ifdef __FreeBSD__
    ZFS_IOC_FIRST = 0,
#else
    ZFS_IOC_FIRST = ('Z' << 8),
#endif
    ZFS_IOC = ZFS_IOC_FIRST,
    TOY_IOC_CREATE = ZFS_IOC_FIRST,  /* 0x5a00 */
    TOY_IOC_DESTROY,                 // 0x5a01
    TOY_IOC_PLATFORM = ZFS_IOC_FIRST + 0x80,
    TOY_IOC_NEXT,                    /* 0x5a81 */
    TOY_IOC_WIDE = 0x1234,           /* not of type 'Z' */
    ZFS_IOC_LAST
} toy_ioc_t;
#define BLKTOYNAME _IOR(0x12, 125, char[TOY_NAME_LEN])
struct toy { nvlist_t *nvl; };
#endif
"""

KSTAT_LIKE = """\
#define KSTAT_IOC_BASE ('K' << 8)
#define KSTAT_IOC_CHAIN_ID KSTAT_IOC_BASE | 0x01
#define KSTAT_IOC_READ KSTAT_IOC_BASE | 0x02
#define KSTAT_TYPE_IO 3
"""


@pytest.fixture
def folder():
    tmp = tempfile.mkdtemp(prefix="gen-ioctls-test.")
    try:
        yield tmp
    finally:
        shutil.rmtree(tmp)


def _write(folder, rel, text):
    path = os.path.join(folder, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)
    return path


def test_excluded_names_are_exact_and_prefixes_end_with_underscore():
    assert gen_ioctls.excluded("DMA_BUF_SET_NAME")
    assert not gen_ioctls.excluded("DMA_BUF_SET_NAME_A")
    assert gen_ioctls.excluded("PPPIOCGIDLE") and not gen_ioctls.excluded("PPPIOCGIDLE32")
    assert gen_ioctls.excluded("SOUND_MIXER_READ_VOLUME")
    assert gen_ioctls.excluded("ZFS_IOC") and not gen_ioctls.excluded("ZFS_IOC_POOL_CREATE")


def test_userland_unit_takes_the_enum_and_the_macros_it_needs(folder):
    path = _write(folder, "sys/fs/toy.h", ZFS_LIKE)
    head, made, plain, enums = gen_ioctls.userland_unit(path, "enum toy_ioc")
    assert made == ["BLKTOYNAME"]
    assert plain == ["ZFS_IOC_FIRST", "ZFS_IOC", "TOY_IOC_CREATE", "TOY_IOC_DESTROY",
                     "TOY_IOC_PLATFORM", "TOY_IOC_NEXT", "TOY_IOC_WIDE", "ZFS_IOC_LAST"]
    assert enums == set(plain)
    assert "#define TOY_NAME_LEN 64\n" in head
    assert "enum toy_ioc {" in head and "#ifdef __FreeBSD__" in head
    # nothing the commands do not use: no include of the header's own, no other macro
    assert "nvpair" not in head and "TOY_UNUSED" not in head and "struct toy" not in head
    assert "comment" not in head and "0x5a01" not in head


def test_userland_unit_by_macro_prefix(folder):
    path = _write(folder, "sys/kstat.h", KSTAT_LIKE)
    head, made, plain, enums = gen_ioctls.userland_unit(path, "KSTAT_IOC_")
    assert made == [] and enums == set()
    assert plain == ["KSTAT_IOC_BASE", "KSTAT_IOC_CHAIN_ID", "KSTAT_IOC_READ"]
    assert "#define KSTAT_IOC_BASE ('K' << 8)\n" in head and "KSTAT_TYPE_IO" not in head


def test_a_macro_defined_twice_is_refused(folder):
    path = _write(folder, "sys/kstat.h", KSTAT_LIKE + "#define KSTAT_IOC_BASE ('k' << 8)\n")
    with pytest.raises(gen_ioctls.GenError) as e:
        gen_ioctls.userland_unit(path, "KSTAT_IOC_")
    assert "KSTAT_IOC_BASE" in str(e.value)


def test_userland_commands_are_compiled_per_abi(folder, monkeypatch):
    # the made-up headers, compiled by x86_64's compiler with the stored kernel headers
    if shutil.which("gcc") is None:
        pytest.fail("gcc is needed to evaluate the commands")
    _write(folder, "toy/usr/include/sys/fs/toy.h", ZFS_LIKE)
    _write(folder, "toy/usr/include/sys/kstat.h", KSTAT_LIKE)
    monkeypatch.setattr(gen_ioctls, "USERLAND", {"toy-dev": [
        ("usr/include/sys/fs/toy.h", 0x5a, "enum toy_ioc"),
        ("usr/include/sys/kstat.h", 0x4b, "KSTAT_IOC_")]})
    stubs = os.path.join(folder, "stubs")
    gen_ioctls.write_stubs(stubs)
    with headerstore.Stored() as pkgs:
        pkgs["toy-dev"] = ("1.0", os.path.join(folder, "toy"))
        hdr = gen_syscalls.Headers(pkgs)
        incdirs = hdr.abi("x86_64")[1]
        values, skipped = gen_ioctls.userland_commands(hdr, "x86_64", incdirs, stubs)
    assert values == {
        "TOY_IOC_CREATE": 0x5a00, "TOY_IOC_DESTROY": 0x5a01, "TOY_IOC_PLATFORM": 0x5a80,
        "TOY_IOC_NEXT": 0x5a81, "BLKTOYNAME": 0x8040127d,   # _IOR: read, 64 bytes
        "KSTAT_IOC_CHAIN_ID": 0x4b01, "KSTAT_IOC_READ": 0x4b02}
    reasons = dict((what, why) for _, what, why in skipped)
    assert "TOY_IOC_WIDE" in reasons            # 0x1234 is no command of type 'Z'
    assert "ZFS_IOC_FIRST" not in values and "ZFS_IOC_LAST" not in values


def test_a_missing_userland_package_names_the_fix(monkeypatch):
    class Hdr(object):
        pkgs = {}
    monkeypatch.setattr(gen_ioctls, "USERLAND", {"toy-dev": []})
    with pytest.raises(gen_ioctls.GenError) as e:
        gen_ioctls.userland_commands(Hdr(), "x86_64", [], "")
    assert "fetch_headers.py --store" in str(e.value)
