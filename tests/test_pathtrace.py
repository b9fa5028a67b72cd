"""-P PATH (minitrace/pathtrace.py): which calls strace 6.1 keeps, decided from the call's
arguments, fake tracee memory for the strings and sets, and this process's own descriptors
(looked up in /proc/PID/fd as strace looks up the tracee's)."""
import os
import struct

import pytest
import syscalls

from minitrace import events, pathtrace
from decodertest import Entry, FakeMemory

MEM = 0x10000
FULL = "/dev/full"


@pytest.fixture
def full_fd():
    fd = os.open(FULL, os.O_WRONLY)
    yield fd
    os.close(fd)


@pytest.fixture
def null_fd():
    fd = os.open("/dev/null", os.O_RDONLY)
    yield fd
    os.close(fd)


def keeps(name, args, mem=None, abi="x86_64", paths=(FULL,)):
    args = tuple(args) + (0,) * (6 - len(args))
    call = events.Syscall(os.getpid(), abi, syscalls.table(abi).numbers.get(name, 0),
                          Entry(name), args, 0x401000)
    return pathtrace.PathFilter(list(paths))(FakeMemory(mem or {}), call)


def test_first_argument_by_class(full_fd, null_fd):
    assert keeps("dup", [full_fd])                     # %desc: a descriptor
    assert not keeps("dup", [null_fd])
    assert keeps("chdir", [MEM], {MEM: b"/dev/full\0"})        # %file: a path
    assert not keeps("chdir", [MEM], {MEM: b"/dev/full/\0"})
    assert keeps("connect", [full_fd])                 # %network: a descriptor
    assert not keeps("getpid", [full_fd])              # no class: never


def test_descriptor_pairs_and_at_calls(full_fd, null_fd):
    assert keeps("dup2", [null_fd, full_fd])
    assert keeps("sendfile", [null_fd, full_fd])
    assert keeps("openat", [full_fd, MEM], {MEM: b"x\0"})
    assert keeps("openat", [0xffffff9c, MEM], {MEM: b"/dev/full\0"})
    assert keeps("move_mount", [null_fd, MEM, full_fd, MEM], {MEM: b"\0"})
    assert keeps("move_mount", [null_fd, MEM, null_fd, MEM + 2], {MEM: b"a\0/dev/full\0"})
    assert keeps("symlinkat", [MEM, full_fd, 0], {MEM: b"x\0"})
    assert not keeps("symlinkat", [full_fd, null_fd, MEM], {MEM: b"x\0"})
    assert keeps("epoll_ctl", [null_fd, 1, full_fd])
    assert keeps("mmap", [0, 4096, 1, 1, full_fd, 0])


def test_calls_without_descriptor_arguments(full_fd):
    assert not keeps("pidfd_open", [full_fd])
    assert not keeps("eventfd2", [full_fd])
    assert not keeps("memfd_create", [MEM], {MEM: b"/dev/full\0"})


def test_unterminated_or_long_path_does_not_match():
    long_path = b"/" * 4095 + b"x"
    assert keeps("chdir", [MEM], {MEM: long_path + b"\0"}, paths=[long_path.decode()])
    assert not keeps("chdir", [MEM], {MEM: long_path + b"y\0"}, paths=[long_path.decode() + "y"])


def test_poll_sets(full_fd, null_fd):
    fds = struct.pack("<ihh", null_fd, 1, 0) + struct.pack("<ihh", full_fd, 4, 0)
    assert keeps("poll", [MEM, 2, 0], {MEM: fds})
    assert keeps("ppoll", [MEM + 8, 1, 0], {MEM: fds})
    assert not keeps("poll", [MEM, 1, 0], {MEM: fds})
    assert not keeps("poll", [MEM, 0, 0], {MEM: fds})
    # the readable elements are looked at
    assert keeps("poll", [MEM, 3, 0], {MEM: fds})


def fd_set(*fds):
    bits = 0
    for f in fds:
        bits |= 1 << f
    return struct.pack("<Q", bits)


def test_select_sets(full_fd, null_fd):
    mem = {MEM: fd_set(null_fd), MEM + 8: fd_set(null_fd, full_fd)}
    assert keeps("select", [full_fd + 1, MEM, MEM + 8, 0, 0], mem)
    assert keeps("pselect6", [full_fd + 1, 0, 0, MEM + 8, 0, 0], mem)
    assert not keeps("select", [full_fd, MEM, MEM + 8, 0, 0], mem)     # beyond nfds
    assert not keeps("select", [0xffffffff, MEM, MEM + 8, 0, 0], mem)  # negative nfds


def test_old_select_and_old_mmap_read_their_arguments(full_fd, null_fd):
    mem = {MEM: struct.pack("<5I", full_fd + 1, MEM + 32, 0, 0, 0),
           MEM + 32: struct.pack("<I", 1 << full_fd),
           MEM + 64: struct.pack("<6I", 0, 4096, 1, 1, full_fd, 0)}
    assert keeps("select", [MEM], mem, "i386")
    assert keeps("mmap", [MEM + 64], mem, "i386")
    assert not keeps("mmap", [MEM + 64, 0, 0, 0, full_fd], {}, "i386")


def test_fsconfig_by_command(full_fd):
    consts = syscalls.constants("x86_64")
    mem = {MEM: b"/dev/full\0"}
    assert keeps("fsconfig", [3, consts["FSCONFIG_SET_PATH"], 0, MEM, 0xffffff9c], mem)
    assert keeps("fsconfig", [3, consts["FSCONFIG_SET_PATH_EMPTY"], 0, 0, full_fd], mem)
    assert keeps("fsconfig", [3, consts["FSCONFIG_SET_FD"], 0, 0, full_fd], mem)
    assert not keeps("fsconfig", [full_fd, consts["FSCONFIG_SET_STRING"], MEM, MEM, full_fd], mem)


def test_fanotify_mark_mask_width(full_fd):
    mem = {MEM: b"/dev/full\0"}
    assert keeps("fanotify_mark", [3, 1, 2, 0xffffff9c, MEM], mem)
    assert keeps("fanotify_mark", [3, 1, 2, 0, 0xffffff9c, MEM], mem, "i386")
    assert not keeps("fanotify_mark", [3, 1, 2, 0xffffff9c, MEM], mem, "i386")


def test_deleted_file(tmp_path):
    path = str(tmp_path / "gone")
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    try:
        os.unlink(path)
        assert pathtrace.fd_path(os.getpid(), fd) == path
        assert keeps("write", [fd, 0, 0], paths=[path])
    finally:
        os.close(fd)
