"""Register sets in tracee memory as strace 6.1 prints them (its regset.c and the x86
arch_prstatus_regset.c / arch_fpregset.c): PTRACE_GETREGSET/SETREGSET's NT_PRSTATUS and
NT_FPREGSET buffers, PTRACE_GETREGS/GETFPREGS. Each field is printed only when the buffer reaches
it; arrays are cut at the buffer's end. Only the x86 ABIs are decoded (as the address elsewhere).
"""
from minitrace import arch, printers
from minitrace.decode.layout import Struct, named

# struct user_fpregs_struct of x86_64's sys/user.h (the kernel's struct user_i387_struct)
FPREGS_X86_64 = Struct("user_fpregs_struct", [
    ("cwd", "u16"), ("swd", "u16"), ("ftw", "u16"), ("fop", "u16"), ("rip", "u64"),
    ("rdp", "u64"), ("mxcsr", "u32"), ("mxcr_mask", "u32"), ("st_space", ("u32", 32)),
    ("xmm_space", ("u32", 64)), ("padding", ("u32", 24))])
# struct user_fpregs_struct of i386's sys/user.h (the kernel's struct user_i387_ia32_struct)
FPREGS_I386 = Struct("user_fpregs_struct", [
    ("cwd", "u32"), ("swd", "u32"), ("twd", "u32"), ("fip", "u32"), ("fcs", "u32"),
    ("foo", "u32"), ("fos", "u32"), ("st_space", ("u32", 20))])

_X86 = ("x86_64", "x32", "i386")


@named("user_fpregs_struct")
def fpregs_layout(abi):
    if abi == "i386":
        return FPREGS_I386
    return FPREGS_X86_64 if abi in _X86 else None


def _fp_layout(abi):
    return fpregs_layout(abi).on(abi)


def _hex_array(ctx, values):
    limit = printers.array_limit(len(values), ctx.style)
    text = ", ".join(printers.hexnum(v) for v in values[:limit])
    if limit < len(values):
        text += ", ..."
    return "[" + text + "]"


def prstatus(ctx, call, addr, size):
    """An NT_PRSTATUS buffer of `size` bytes (struct user_regs_struct): `{r15=0x..., ...}`."""
    if call.abi not in _X86:
        return printers.ptr(addr)
    layout = arch.register_layout(call.abi)
    word = layout.word_bits // 8
    if not size or size % word:
        return printers.ptr(addr)
    fetch = min(size, layout.size)
    data = ctx.read(call, addr, fetch)
    if data is None or len(data) < fetch:
        return printers.ptr(addr)
    values = layout.unpack(data + b"\0" * (layout.size - fetch))
    parts = []
    for name, value in zip(layout.names, values):
        if layout.fields[name][0] >= fetch:
            break
        parts.append("%s=%s" % (name, printers.hexnum(value)))
    if size > layout.size:
        parts.append("...")
    return "{" + ", ".join(parts) + "}"


def fpregset(ctx, call, addr, size):
    """An NT_FPREGSET buffer of `size` bytes (struct user_fpregs_struct)."""
    if call.abi not in _X86:
        return printers.ptr(addr)
    compiled = _fp_layout(call.abi)
    word = 4 if call.abi == "i386" else 8
    if not size or size % word:
        return printers.ptr(addr)
    fetch = min(size, compiled.size)
    data = ctx.read(call, addr, fetch)
    if data is None or len(data) < fetch:
        return printers.ptr(addr)
    values = compiled.dict(data + b"\0" * (compiled.size - fetch))
    parts = []
    for name, (offset, fsize) in compiled.fields.items():
        if offset >= fetch:
            break
        if "[" not in name and (name + "[0]") in compiled.scalars:        # an array field
            n = (min(fetch, offset + fsize) - offset) // 4
            parts.append("%s=%s" % (name, _hex_array(
                ctx, [values["%s[%d]" % (name, i)] for i in range(n)])))
        else:
            parts.append("%s=%s" % (name, printers.hexnum(values[name])))
    if size > compiled.size:
        parts.append("...")
    return "{" + ", ".join(parts) + "}"


def full_prstatus(ctx, call, addr):
    """PTRACE_GETREGS/SETREGS's struct user_regs_struct."""
    if call.abi not in _X86:
        return printers.ptr(addr)
    return prstatus(ctx, call, addr, arch.register_layout(call.abi).size)


def full_fpregs(ctx, call, addr):
    """PTRACE_GETFPREGS/SETFPREGS's struct user_fpregs_struct."""
    if call.abi not in _X86:
        return printers.ptr(addr)
    return fpregset(ctx, call, addr, _fp_layout(call.abi).size)
