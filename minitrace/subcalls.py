"""The multiplexers of some ABIs: socketcall(call, args) and ipc(call, first, second, third,
ptr, fifth), through which 32-bit glibc makes its socket and System V IPC calls (i386, s390x).

strace shows the call carried, not the carrier: `socket(AF_INET, ...)`, `shmget(...)`, traced,
filtered and counted under that name (strace's decode_socket_subcall and decode_ipc_subcall).
At the entry stop the engine asks the multiplexer's SysEnt (`SysEnt.subcall`) for the SysEnt of
the call carried and its arguments in the direct call's order; an unknown sub-call, or a
socketcall whose argument array cannot be read, stays as it is.
"""
import struct

from minitrace import arch

# linux/net.h SYS_SOCKET ... SYS_SENDMMSG: number -> (name, longs in the argument array)
SOCKET_CALLS = {
    1: ("socket", 3), 2: ("bind", 3), 3: ("connect", 3), 4: ("listen", 2), 5: ("accept", 3),
    6: ("getsockname", 3), 7: ("getpeername", 3), 8: ("socketpair", 4), 9: ("send", 4),
    10: ("recv", 4), 11: ("sendto", 6), 12: ("recvfrom", 6), 13: ("shutdown", 2),
    14: ("setsockopt", 5), 15: ("getsockopt", 5), 16: ("sendmsg", 3), 17: ("recvmsg", 3),
    18: ("accept4", 4), 19: ("recvmmsg", 5), 20: ("sendmmsg", 4)}

# linux/ipc.h SEMOP ... SHMCTL: number -> (name, decoder name, the positions among ipc's
# arguments after `call` that the direct call takes, in its order). ipc(SHMAT) leaves the
# address in *third and returns 0; ipc(SEMCTL) passes a pointer to the union semun;
# ipc(MSGRCV) of version 0 passes a pointer to {msgp, msgtyp}: their decoders (decode/ipc.py,
# "...@ipc") print them as strace does.
IPC_CALLS = {
    1: ("semop", "semop", (0, 3, 1)),
    2: ("semget", "semget", (0, 1, 2)),
    3: ("semctl", "semctl@ipc", (0, 1, 2, 3)),
    4: ("semtimedop", "semtimedop", (0, 3, 1, 4)),
    11: ("msgsnd", "msgsnd", (0, 3, 1, 2)),
    12: ("msgrcv", "msgrcv@ipc", (0, 3, 1, 4, 2)),
    13: ("msgget", "msgget", (0, 1)),
    14: ("msgctl", "msgctl", (0, 1, 3)),
    21: ("shmat", "shmat@ipc", (0, 3, 1, 2)),
    22: ("shmdt", "shmdt", (3,)),
    23: ("shmget", "shmget", (0, 1, 2)),
    24: ("shmctl", "shmctl", (0, 1, 3))}
# ipc(MSGRCV) of a version above 0 passes msgp and msgtyp directly
MSGRCV_DIRECT = ("msgrcv", "msgrcv", (0, 3, 1, 4, 2))


class SocketCall(object):
    """socketcall(call, args): the arguments are `nargs` longs at args."""

    def __init__(self, tables, abi, mux):
        self.tables, self.abi, self.mux = tables, abi, mux
        self.word = arch.long_bits(abi) // 8
        self.endian = arch.endian(abi)
        self.letter = "I" if self.word == 4 else "Q"

    def __call__(self, memory, pid, args):
        known = SOCKET_CALLS.get(args[0])
        if known is None:
            return self.mux, args
        name, nargs = known
        data = memory.read(pid, args[1], nargs * self.word)
        if data is None or len(data) < nargs * self.word:
            return self.mux, args
        values = struct.unpack("%s%d%s" % (self.endian, nargs, self.letter), data)
        return self.tables.subentry(self.abi, self.mux, name, name, nargs), values


class IpcCall(object):
    """ipc(call, first, second, third, ptr, fifth); the high 16 bits of `call` are a version."""

    def __init__(self, tables, abi, mux):
        self.tables, self.abi, self.mux = tables, abi, mux

    def __call__(self, memory, pid, args):
        call = args[0] & 0xffffffff
        known = IPC_CALLS.get(call & 0xffff)
        if known is None:
            return self.mux, args
        if call >> 16:
            if self.abi == "s390x":        # strace: s390's versioned calls are not sub-calls
                return self.mux, args
            if known[0] == "msgrcv":
                known = MSGRCV_DIRECT
        name, decoder, order = known
        rest = args[1:]
        return (self.tables.subentry(self.abi, self.mux, name, decoder, len(order)),
                tuple(rest[i] for i in order))


# the multiplexer's name -> its expander
MULTIPLEXERS = {"socketcall": SocketCall, "ipc": IpcCall}
_CARRIED = {"socketcall": tuple(n for n, _ in SOCKET_CALLS.values()),
            "ipc": tuple(c[0] for c in IPC_CALLS.values())}


# strace's class of every call a multiplexer carries (TN, TI in its subcall tables)
CLASS_OF_CARRIED = {"socketcall": "%network", "ipc": "%ipc"}


def carried_in_class(cls):
    """The carried calls that `-e trace=%CLASS` selects."""
    return tuple(n for mux, c in CLASS_OF_CARRIED.items() if c == cls for n in _CARRIED[mux])


def carried(name):
    """The names of the calls a multiplexer carries (none for any other syscall)."""
    return _CARRIED.get(name, ())

