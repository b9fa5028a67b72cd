"""Offline tests of the mount family (decode/mount.py) and the module calls (decode/module.py):
hand-built calls in, strace 6.1's text out (x86_64), in every -X style, with unreadable and
unterminated strings. The forms were checked against /usr/bin/strace with strace's mount,
umount2, fsopen, fsconfig, fsmount, fspick, move_mount, open_tree, mount_setattr,
init_module, finit_module and delete_module tests."""
import struct

from minitrace import printers

from decodertest import call_line

RAW = printers.Style(const_style="raw")
VERBOSE = printers.Style(const_style="verbose")
ENOENT, EINVAL, EFAULT, EBADF, ENOSYS = -2, -22, -14, -9, -38
S1, S2, S3, S4 = 0x10000, 0x11000, 0x12000, 0x13000
STRINGS = {S1: b"src\0", S2: b"/mnt\0", S3: b"ext4\0", S4: b"ro,x\0"}
MS_RDONLY, MS_REMOUNT, MS_BIND, MS_NOUSER, MS_MGC_VAL = 1, 0x20, 0x1000, 1 << 31, 0xc0ed0000


def test_mount_type_and_data_by_flags():
    assert call_line("mount", [S1, S2, S3, MS_RDONLY, S4], ENOENT, STRINGS) == (
        'mount("src", "/mnt", "ext4", MS_RDONLY, "ro,x") = -1 ENOENT (No such file or directory)')
    # a remount ignores the type, a bind mount the type and the data: their addresses
    assert call_line("mount", [S1, S2, S3, MS_REMOUNT, S4], ENOENT, STRINGS) == (
        'mount("src", "/mnt", 0x12000, MS_REMOUNT, "ro,x") = -1 ENOENT (No such file or directory)')
    assert call_line("mount", [S1, S2, 0, MS_BIND | MS_NOUSER, S4], 0, STRINGS) == (
        'mount("src", "/mnt", NULL, MS_BIND|MS_NOUSER, 0x13000) = 0')
    assert call_line("mount", [0, 0, 0, 0, 0], EFAULT) == (
        "mount(NULL, NULL, NULL, 0, NULL) = -1 EFAULT (Bad address)")
    assert call_line("mount", [0, 0, 0, 0x200, 0], EFAULT) == (
        "mount(NULL, NULL, NULL, 0x200 /* MS_??? */, NULL) = -1 EFAULT (Bad address)")


def test_mount_old_magic_in_every_style():
    args = [S1, S2, S3, MS_MGC_VAL | MS_RDONLY, S4]
    assert call_line("mount", args, 0, STRINGS).split(", ")[3] == "MS_MGC_VAL|MS_RDONLY"
    assert call_line("mount", args, 0, STRINGS, style=RAW).split(", ")[3] == "0xc0ed0000|0x1"
    assert call_line("mount", args, 0, STRINGS, style=VERBOSE).split(", ")[3] == (
        "0xc0ed0000 /* MS_MGC_VAL */|0x1 /* MS_RDONLY */")
    assert call_line("mount", [S1, S2, S3, MS_MGC_VAL, S4], 0, STRINGS).split(", ")[3] == (
        "MS_MGC_VAL")
    assert call_line("mount", [S1, S2, S3, MS_RDONLY, S4], 0, STRINGS,
                     style=VERBOSE).split(", ")[3] == "0x1 /* MS_RDONLY */"


def test_umount2_and_pivot_root():
    assert call_line("umount2", [S2, 0x1f], EINVAL, STRINGS) == (
        'umount2("/mnt", MNT_FORCE|MNT_DETACH|MNT_EXPIRE|UMOUNT_NOFOLLOW|0x10) = '
        "-1 EINVAL (Invalid argument)")
    assert call_line("umount2", [S2, 0x20], EINVAL, STRINGS) == (
        'umount2("/mnt", 0x20 /* MNT_??? */) = -1 EINVAL (Invalid argument)')
    assert call_line("umount2", [S2, 2], 0, STRINGS, style=RAW) == 'umount2("/mnt", 0x2) = 0'
    assert call_line("pivot_root", [S1, S2], EINVAL, STRINGS) == (
        'pivot_root("src", "/mnt") = -1 EINVAL (Invalid argument)')


def test_fsopen_fsmount_fspick_open_tree_move_mount():
    assert call_line("fsopen", [S3, 1], 3, STRINGS) == 'fsopen("ext4", FSOPEN_CLOEXEC) = 3'
    assert call_line("fsopen", [0, 0xfffffffe], EINVAL) == (
        "fsopen(NULL, 0xfffffffe /* FSOPEN_??? */) = -1 EINVAL (Invalid argument)")
    assert call_line("fsmount", [3, 1, 0x81], 4) == (
        "fsmount(3, FSMOUNT_CLOEXEC, MOUNT_ATTR_RDONLY|MOUNT_ATTR_NODIRATIME) = 4")
    assert call_line("fsmount", [-1, 0, 0x100000], EINVAL) == (
        "fsmount(-1, 0, 0x100000 /* MOUNT_ATTR_??? */) = -1 EINVAL (Invalid argument)")
    assert call_line("fspick", [-100, S2, 0x1 | 0x8 | 0x40], EINVAL, STRINGS) == (
        'fspick(AT_FDCWD, "/mnt", FSPICK_CLOEXEC|FSPICK_EMPTY_PATH|0x40) = '
        "-1 EINVAL (Invalid argument)")
    assert call_line("open_tree", [-1, S2, 0x1 | 0x80000 | 0x8000], 5, STRINGS) == (
        'open_tree(-1, "/mnt", OPEN_TREE_CLONE|OPEN_TREE_CLOEXEC|AT_RECURSIVE) = 5')
    assert call_line("open_tree", [-100, S2, 0x1], 5, STRINGS, style=VERBOSE) == (
        'open_tree(-100 /* AT_FDCWD */, "/mnt", 0x1 /* OPEN_TREE_CLONE */) = 5')
    assert call_line("move_mount", [3, 0, -100, S2, 0x4 | 0x100], 0, STRINGS) == (
        'move_mount(3, NULL, AT_FDCWD, "/mnt", MOVE_MOUNT_F_EMPTY_PATH|MOVE_MOUNT_SET_GROUP) = 0')


def test_fsconfig_by_command():
    key, val = 0x20000, 0x21000
    mem = {key: b"source\0", val: b"/dev/sda1\0" + b"\xff" * 8}
    assert call_line("fsconfig", [3, 1, key, val, 0], 0, mem) == (
        'fsconfig(3, FSCONFIG_SET_STRING, "source", "/dev/sda1", 0) = 0')
    assert call_line("fsconfig", [3, 3, key, val, -100], 0, mem) == (
        'fsconfig(3, FSCONFIG_SET_PATH, "source", "/dev/sda1", AT_FDCWD) = 0')
    assert call_line("fsconfig", [3, 2, key, val, 4], EINVAL, mem) == (
        'fsconfig(3, FSCONFIG_SET_BINARY, "source", "\\x2f\\x64\\x65\\x76", 4) = '
        "-1 EINVAL (Invalid argument)")
    # a binary value whose size is out of 0..1MiB is an address
    assert call_line("fsconfig", [3, 2, key, val, -1], EINVAL, mem) == (
        'fsconfig(3, FSCONFIG_SET_BINARY, "source", 0x21000, -1) = -1 EINVAL (Invalid argument)')
    assert call_line("fsconfig", [3, 5, key, val, 7], EBADF, mem) == (
        'fsconfig(3, FSCONFIG_SET_FD, "source", 0x21000, 7) = -1 EBADF (Bad file descriptor)')
    assert call_line("fsconfig", [3, 6, key, val, 7], 0, mem) == (
        "fsconfig(3, FSCONFIG_CMD_CREATE, 0x20000, 0x21000, 7) = 0")
    assert call_line("fsconfig", [3, 0xdead, key, val, 7], EINVAL, mem, style=VERBOSE) == (
        "fsconfig(3, 0xdead /* FSCONFIG_??? */, 0x20000, 0x21000, 7) = "
        "-1 EINVAL (Invalid argument)")
    # a key of 256 bytes without a NUL: cut by -s, `...`
    mem = {key: b"k" * 300}
    assert call_line("fsconfig", [3, 0, key, 0, 0], EINVAL, mem) == (
        'fsconfig(3, FSCONFIG_SET_FLAG, "%s"..., NULL, 0) = -1 EINVAL (Invalid argument)'
        % ("k" * 32))


def attr(attr_set=0, attr_clr=0, propagation=0, userns_fd=0):
    return struct.pack("<4Q", attr_set, attr_clr, propagation, userns_fd)


def test_mount_setattr():
    a = 0x30000
    mem = dict(STRINGS)
    mem[a] = attr(0x100000 | 1, 0x2, 1 << 18, 9)
    assert call_line("mount_setattr", [-1, S2, 0x8000, a, 32], 0, mem) == (
        'mount_setattr(-1, "/mnt", AT_RECURSIVE, {attr_set=MOUNT_ATTR_RDONLY|MOUNT_ATTR_IDMAP, '
        "attr_clr=MOUNT_ATTR_NOSUID, propagation=MS_PRIVATE, userns_fd=9}, 32) = 0")
    mem[a] = attr(1 << 40, 0, 1 << 20, 2 ** 64 - 1) + b"\0" * 8 + b"\x01"
    assert call_line("mount_setattr", [-1, S2, 0, a, 41], EINVAL, mem) == (
        'mount_setattr(-1, "/mnt", 0, {attr_set=0x10000000000 /* MOUNT_ATTR_??? */, attr_clr=0, '
        "propagation=MS_SHARED, userns_fd=18446744073709551615, "
        '/* bytes 32..40 */ "\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x01"}, 41) = '
        "-1 EINVAL (Invalid argument)")
    assert call_line("mount_setattr", [-1, S2, 0xffff66ff, 0, 31], EINVAL, mem) == (
        'mount_setattr(-1, "/mnt", 0xffff66ff /* AT_??? */, NULL, 31) = '
        "-1 EINVAL (Invalid argument)")
    assert call_line("mount_setattr", [-1, S2, 0, a + 0x1000, 32], EFAULT, mem) == (
        'mount_setattr(-1, "/mnt", 0, 0x31000, 32) = -1 EFAULT (Bad address)')


def test_module_calls():
    name = 0x40000
    mem = {name: b"0123456789abcdef" * 2 + b"X"}     # 33 bytes then unreadable memory
    assert call_line("delete_module", [name, 0x800], ENOSYS, mem) == (
        'delete_module("0123456789abcdef0123456789abcdef"..., O_NONBLOCK) = '
        "-1 ENOSYS (Function not implemented)")
    assert call_line("delete_module", [name + 0x100, 0xfacef157], ENOSYS, mem) == (
        "delete_module(0x40100, 0xfacef157 /* O_??? */) = -1 ENOSYS (Function not implemented)")
    # 16 bytes and no NUL before the memory ends: the address
    assert call_line("finit_module", [0xbeefface, name + 17, 6], ENOSYS, mem) == (
        "finit_module(-1091568946, 0x40011, "
        "MODULE_INIT_IGNORE_VERMAGIC|MODULE_INIT_COMPRESSED_FILE) = "
        "-1 ENOSYS (Function not implemented)")
    mem = {name: b"0123456789abcdef" * 2 + b"\0"}
    assert call_line("finit_module", [3, name, 0], ENOSYS, mem) == (
        'finit_module(3, "0123456789abcdef0123456789abcdef", 0) = '
        "-1 ENOSYS (Function not implemented)")
    assert call_line("init_module", [0xfffffeedffffface, 2 ** 64 - 1, 0], ENOSYS) == (
        "init_module(0xfffffeedffffface, 18446744073709551615, NULL) = "
        "-1 ENOSYS (Function not implemented)")
