"""The multiplexers socketcall(2) and ipc(2) of i386 (minitrace/subcalls.py), offline: the raw
arguments of the multiplexer in, the line strace prints for the call carried out (strace 6.1's
lines for the same calls of tests/progs/multiplexed.c built with -m32); the trace filter and
the --seccomp-bpf number set see the carried calls."""
import struct

import syscalls

from minitrace import decode, events, filters, printers
from minitrace.sysent import SysTables
from decodertest import PID, FakeMemory

NR = syscalls.table("i386").numbers
ARRAY, BUF, PAIR = 0xffb05640, 0xffb05700, 0xffb05800


def longs(*values):
    return struct.pack("<%dI" % len(values), *values)


def line(tables, name, args, ret, mem=None, style=None):
    """`shown(args) = result` of a multiplexer call, through its SysEnt.subcall."""
    memory = FakeMemory(mem)
    nr = NR[name]
    ent = tables.entry("i386", nr)
    args = tuple(args) + (0,) * (6 - len(args))
    ent, args = ent.subcall(memory, PID, args)
    call = events.Syscall(PID, "i386", nr, ent, args, 0x8049000)
    ctx = decode.Context(memory, style)
    head = ent.decoder.enter(ctx, call)
    call.ret = ret
    call.error = -ret if -4095 <= ret < 0 else 0
    return "%s(%s%s) = %s" % (ent.name, head, ent.decoder.exit(ctx, call),
                              ent.decoder.result(ctx, call))


def everything():
    return SysTables(filters.TraceSet())


def test_socketcall_shows_the_call_with_its_argument_array():
    t = everything()
    assert line(t, "socketcall", [1, ARRAY], 3, {ARRAY: longs(2, 0o2000002, 0)}) == \
        "socket(AF_INET, SOCK_DGRAM|SOCK_CLOEXEC, IPPROTO_IP) = 3"
    assert line(t, "socketcall", [10, ARRAY], -11, {ARRAY: longs(3, BUF, 16, 0x40)}) == \
        "recv(3, %#x, 16, MSG_DONTWAIT) = -1 EAGAIN (Resource temporarily unavailable)" % BUF
    assert line(t, "socketcall", [9, ARRAY], 4, {ARRAY: longs(3, BUF, 4, 0),
                                                 BUF: b"pong"}) == 'send(3, "pong", 4, 0) = 4'
    assert line(t, "socketcall", [4, ARRAY], -22, {ARRAY: longs(3, 1)}) == \
        "listen(3, 1) = -1 EINVAL (Invalid argument)"


def test_socketcall_left_as_it_is():
    """An unknown sub-call, or an argument array that cannot be read: strace shows socketcall."""
    t = everything()
    assert line(t, "socketcall", [99, ARRAY], -22, {ARRAY: longs(0, 0, 0)}) == \
        "socketcall(99, %#x) = -1 EINVAL (Invalid argument)" % ARRAY
    assert line(t, "socketcall", [1, 8], -14) == \
        "socketcall(SYS_SOCKET, 0x8) = -1 EFAULT (Bad address)"
    assert line(t, "ipc", [99, 1, 2, 3], -38) == \
        "ipc(99, 0x1, 0x2, 0x3, 0, 0) = -1 ENOSYS (Function not implemented)"


def test_socketcall_left_as_it_is_in_every_constant_style():
    t = everything()
    assert line(t, "socketcall", [1, 8], -14, style=printers.Style(const_style="raw")) == \
        "socketcall(1, 0x8) = -1 EFAULT (Bad address)"
    assert line(t, "socketcall", [1, 8], -14, style=printers.Style(const_style="verbose")) == \
        "socketcall(1 /* SYS_SOCKET */, 0x8) = -1 EFAULT (Bad address)"


def test_ipc_arguments_in_the_direct_calls_order():
    t = everything()
    assert line(t, "ipc", [23, 0, 4096, 0o1600], 983060) == \
        "shmget(IPC_PRIVATE, 4096, IPC_CREAT|0600) = 983060"
    assert line(t, "ipc", [22, 0, 0, 0, 0xf7f54000], 0) == "shmdt(0xf7f54000) = 0"
    assert line(t, "ipc", [4, 655363, 1, 0, BUF], 0, {BUF: struct.pack("<HhH", 0, 1, 0o4000)}) \
        == "semtimedop(655363, [{sem_num=0, sem_op=1, sem_flg=IPC_NOWAIT}], 1, NULL) = 0"
    assert line(t, "ipc", [24, 983060, 0x100, 0, 0], 0) == \
        "shmctl(983060, IPC_64|IPC_RMID, NULL) = 0"
    assert line(t, "ipc", [11, 164626, 5, 0, BUF], 0, {BUF: longs(1) + b"hello"}) == \
        'msgsnd(164626, {mtype=1, mtext="hello"}, 5, 0) = 0'


def test_ipc_calls_strace_prints_its_own_way():
    t = everything()
    # shmat: the kernel returns 0, the address is in the word at `third`
    assert line(t, "ipc", [21, 983060, 0o10000, PAIR, 0], 0, {PAIR: longs(0xf7f96000)}) == \
        "shmat(983060, NULL, SHM_RDONLY) = 0xf7f96000"
    # semctl: the word at the union semun pointer, in brackets
    assert line(t, "ipc", [3, 655363, 0, 0x10c, BUF], 1, {BUF: longs(0)}) == \
        "semctl(655363, 0, IPC_64|GETVAL, [NULL]) = 1"
    # msgrcv of version 0: {msgp, msgtyp} at ptr; only its address when the call failed
    mem = {PAIR: longs(BUF, 0), BUF: longs(1) + b"hello\0\0\0"}
    assert line(t, "ipc", [12, 164626, 8, 0o4000, PAIR], 5, mem) == \
        'msgrcv(164626, {mtype=1, mtext="hello\\0\\0\\0"}, 8, 0, IPC_NOWAIT) = 5'
    assert line(t, "ipc", [12, 164626, 8, 0o4000, PAIR], -42, mem) == \
        "msgrcv(164626, %#x, 8, IPC_NOWAIT) = -1 ENOMSG (No message of desired type)" % PAIR
    # version 1: msgp and msgtyp passed directly
    assert line(t, "ipc", [12 | 1 << 16, 164626, 8, 0o4000, BUF, 0], 5, mem) == \
        'msgrcv(164626, {mtype=1, mtext="hello\\0\\0\\0"}, 8, 0, IPC_NOWAIT) = 5'


def test_socket_type_as_strace():
    """tprint_sock_type: an unknown type is printed with the flags."""
    t = everything()
    for arg, text in ((12345, "0x3039 /* SOCK_??? */"), (1 | 0x3000, "SOCK_STREAM|0x3000 /* SOCK_??? */"),
                      (9 | 0o2000000, "SOCK_CLOEXEC|0x9"),
                      (2 | 0o2000000 | 0x3000, "SOCK_DGRAM|SOCK_CLOEXEC|0x3000")):
        assert line(t, "socketcall", [1, ARRAY], -22, {ARRAY: longs(2, arg, 0)}) == \
            "socket(AF_INET, %s, IPPROTO_IP) = -1 EINVAL (Invalid argument)" % text


def test_the_filter_sees_the_call_carried():
    sel = filters.TraceSet()
    sel.add("socket,shmget", ["i386"])
    t = SysTables(sel)
    mem = FakeMemory({ARRAY: longs(2, 2, 0)})
    sock, _ = t.entry("i386", NR["socketcall"]).subcall(mem, PID, (1, ARRAY, 0, 0, 0, 0))
    assert (sock.name, sock.traced) == ("socket", True)
    bind, _ = t.entry("i386", NR["socketcall"]).subcall(mem, PID, (2, ARRAY, 0, 0, 0, 0))
    assert (bind.name, bind.traced) == ("bind", False)
    # --seccomp-bpf must let the multiplexers stop: they carry traced calls
    untraced = t.untraced("i386")
    assert NR["socketcall"] not in untraced and NR["ipc"] not in untraced
    assert NR["read"] in untraced
    sel = filters.TraceSet()
    sel.add("read", ["i386"])
    assert NR["socketcall"] in SysTables(sel).untraced("i386")
