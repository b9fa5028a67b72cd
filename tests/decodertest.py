"""What the offline decoder tests share: a fake tracee memory and `call_line`, which runs a
decoder's three phases on a hand-built Syscall and joins them as the renderer does (no
alignment)."""
import syscalls

from minitrace import decode, events

PID = 4242


class FakeMemory(object):
    """Tracee memory as {address: bytes}; a read must start inside one region."""

    def __init__(self, regions=None):
        self.regions = dict(regions or {})

    def _find(self, addr):
        for base, data in self.regions.items():
            if base <= addr < base + len(data):
                return data[addr - base:]
        return None

    def read(self, pid, addr, size):
        data = self._find(addr)
        return None if data is None else data[:size]

    def read_cstring(self, pid, addr, limit):
        data = self._find(addr)
        if data is None:
            return None, False
        nul = data.find(b"\0", 0, limit + 1)
        if nul >= 0:
            return data[:nul], True
        if len(data) < limit + 1:
            return None, False       # the memory ends first, as memory.Memory.read_cstring
        return data[:limit], False


class Entry(object):
    """The part of a SysEnt a decoder looks at."""

    def __init__(self, name):
        self.name = name


def call_line(name, args, ret=0, mem=None, abi="x86_64", style=None, sp=None, exit_mem=None,
              pids=None):
    """`name(args) = result` for a call with these raw args and return value; `exit_mem`
    (regions) is what the kernel wrote over `mem` before the exit stop; `pids` the -Y /
    --pidns-translation decorator (an object with pidns.PidDecorator's suffix())."""
    args = tuple(args) + (0,) * (6 - len(args))
    nr = syscalls.table(abi).numbers.get(name, 0)
    call = events.Syscall(PID, abi, nr, Entry(name), args, 0x401000)
    call.sp = sp
    ctx = decode.Context(FakeMemory(mem), style)
    ctx.pids = pids
    dec = decode.lookup(name)
    head = dec.enter(ctx, call)
    if exit_mem:
        ctx.memory.regions.update(exit_mem)
    call.ret = ret
    call.error = -ret if ret is not None and -4095 <= ret < 0 else 0
    return "%s(%s%s) = %s" % (name, head, dec.exit(ctx, call), dec.result(ctx, call))
