"""ptrace(2) as strace 6.1 prints it (its ptrace.c and ptrace_syscall_info.c): the request, the
pid, then addr and data by request: signals, PTRACE_O_* options, siginfo, signal masks, peeked
words at exit, PTRACE_PEEKSIGINFO's arguments and siginfo array, register sets in their iovec
(the length changed by the kernel as `8 => 4`), seccomp filters and metadata, and
PTRACE_GET_SYSCALL_INFO's struct cut at the length the kernel and the caller agree on.
"""
import struct

from minitrace import printers
from minitrace.decode import register
from minitrace.decode.common import (endian, failed, flag_text, lmask, pid_arg, read_longs,
                                     read_struct, sig)
from minitrace.decode.desc import IOVEC
from minitrace.decode.generic import Decoder
from minitrace.decode.layout import Struct, Union, lookup, named
from minitrace.decode import regsets
from minitrace.decode.seccomp import SECCOMP_FILTER_FLAG_NAMES, bpf_program
from minitrace.decode.sigcalls import sigset_arg, siginfo_arg
from minitrace.decode.signals import audit_arch_text, siginfo, syscall_field

# xlat/ptrace_cmds.in (linux/ptrace.h, asm/ptrace*.h): names in strace's order; a name the
# tracee's ABI lacks is dropped, so each ABI keeps its own arch-specific requests.
PTRACE_CMD_NAMES = (
    "PTRACE_TRACEME", "PTRACE_PEEKTEXT", "PTRACE_PEEKDATA", "PTRACE_PEEKUSR", "PTRACE_POKETEXT",
    "PTRACE_POKEDATA", "PTRACE_POKEUSR", "PTRACE_CONT", "PTRACE_KILL", "PTRACE_SINGLESTEP",
    "PTRACE_ATTACH", "PTRACE_DETACH", "PTRACE_SYSCALL", "PTRACE_SETOPTIONS",
    "PTRACE_GETEVENTMSG", "PTRACE_GETSIGINFO", "PTRACE_SETSIGINFO", "PTRACE_GETREGSET",
    "PTRACE_SETREGSET", "PTRACE_SEIZE", "PTRACE_INTERRUPT", "PTRACE_LISTEN",
    "PTRACE_PEEKSIGINFO", "PTRACE_GETSIGMASK", "PTRACE_SETSIGMASK",
    "PTRACE_SECCOMP_GET_FILTER", "PTRACE_SECCOMP_GET_METADATA", "PTRACE_GET_SYSCALL_INFO",
    "PTRACE_GET_RSEQ_CONFIGURATION",
    "PTRACE_GETREGS", "PTRACE_SETREGS", "PTRACE_GETFPREGS", "PTRACE_SETFPREGS",
    "PTRACE_GETFPXREGS", "PTRACE_SETFPXREGS", "PTRACE_GETHBPREGS", "PTRACE_SETHBPREGS",
    "PTRACE_OLDSETOPTIONS", "PTRACE_GETREGS64", "PTRACE_SETREGS64", "PTRACE_GET_THREAD_AREA",
    "PTRACE_SET_THREAD_AREA", "PTRACE_GETFDPIC", "PTRACE_SYSEMU", "PTRACE_SYSEMU_SINGLESTEP",
    "PTRACE_SINGLEBLOCK", "PTRACE_PEEKMTETAGS", "PTRACE_POKEMTETAGS", "PTRACE_GETWMMXREGS",
    "PTRACE_SETWMMXREGS", "PTRACE_SET_SYSCALL", "PTRACE_GETCRUNCHREGS", "PTRACE_SETCRUNCHREGS",
    "PTRACE_GETVFPREGS", "PTRACE_SETVFPREGS", "PTRACE_GETVRREGS", "PTRACE_SETVRREGS",
    "PTRACE_GETEVRREGS", "PTRACE_SETEVRREGS", "PTRACE_GETVSRREGS", "PTRACE_SETVSRREGS",
    "PTRACE_GET_DEBUGREG", "PTRACE_SET_DEBUGREG", "PTRACE_PEEKUSR_AREA", "PTRACE_POKEUSR_AREA",
    "PTRACE_PEEKTEXT_AREA", "PTRACE_PEEKDATA_AREA", "PTRACE_POKETEXT_AREA",
    "PTRACE_POKEDATA_AREA", "PTRACE_GET_LAST_BREAK", "PTRACE_PEEK_SYSTEM_CALL",
    "PTRACE_POKE_SYSTEM_CALL", "PTRACE_ENABLE_TE", "PTRACE_DISABLE_TE", "PTRACE_TE_ABORT_RAND",
    "PTRACE_ARCH_PRCTL")
# strace's names where the kernel headers spell them otherwise
_SPELLING = {"PTRACE_PEEKUSR": "PTRACE_PEEKUSER", "PTRACE_POKEUSR": "PTRACE_POKEUSER",
             "NT_PRFPREG": "NT_FPREGSET"}

PTRACE_O_NAMES = (          # xlat/ptrace_setoptions_flags.in (linux/ptrace.h)
    "PTRACE_O_TRACESYSGOOD", "PTRACE_O_TRACEFORK", "PTRACE_O_TRACEVFORK",
    "PTRACE_O_TRACECLONE", "PTRACE_O_TRACEEXEC", "PTRACE_O_TRACEVFORKDONE",
    "PTRACE_O_TRACEEXIT", "PTRACE_O_TRACESECCOMP", "PTRACE_O_EXITKILL",
    "PTRACE_O_SUSPEND_SECCOMP")
PEEKSIGINFO_FLAG_NAMES = ("PTRACE_PEEKSIGINFO_SHARED",)     # xlat/ptrace_peeksiginfo_flags.in
SYSCALL_INFO_OP_NAMES = ("PTRACE_SYSCALL_INFO_NONE", "PTRACE_SYSCALL_INFO_ENTRY",
                         "PTRACE_SYSCALL_INFO_EXIT", "PTRACE_SYSCALL_INFO_SECCOMP")

# xlat/nt_descriptor_types.in: the kernel's linux/elf.h names (NT_PRFPREG printed NT_FPREGSET)
NT_NAMES = (
    "NT_PRSTATUS", "NT_PRFPREG", "NT_PRPSINFO", "NT_AUXV", "NT_PPC_VMX", "NT_PPC_SPE",
    "NT_PPC_VSX", "NT_PPC_TAR", "NT_PPC_PPR", "NT_PPC_DSCR", "NT_PPC_EBB", "NT_PPC_PMU",
    "NT_PPC_TM_CGPR", "NT_PPC_TM_CFPR", "NT_PPC_TM_CVMX", "NT_PPC_TM_CVSX", "NT_PPC_TM_SPR",
    "NT_PPC_TM_CTAR", "NT_PPC_TM_CPPR", "NT_PPC_TM_CDSCR", "NT_PPC_PKEY", "NT_386_TLS",
    "NT_386_IOPERM", "NT_X86_XSTATE", "NT_S390_HIGH_GPRS", "NT_S390_TIMER", "NT_S390_TODCMP",
    "NT_S390_TODPREG", "NT_S390_CTRS", "NT_S390_PREFIX", "NT_S390_LAST_BREAK",
    "NT_S390_SYSTEM_CALL", "NT_S390_TDB", "NT_S390_VXRS_LOW", "NT_S390_VXRS_HIGH",
    "NT_S390_GS_CB", "NT_S390_GS_BC", "NT_S390_RI_CB", "NT_S390_PV_CPU_DATA", "NT_ARM_VFP",
    "NT_ARM_TLS", "NT_ARM_HW_BREAK", "NT_ARM_HW_WATCH", "NT_ARM_SYSTEM_CALL", "NT_ARM_SVE",
    "NT_ARM_PAC_MASK", "NT_ARM_PACA_KEYS", "NT_ARM_PACG_KEYS", "NT_ARM_TAGGED_ADDR_CTRL",
    "NT_ARM_PAC_ENABLED_KEYS", "NT_ARM_SSVE", "NT_ARM_ZA", "NT_ARC_V2", "NT_VMCOREDD",
    "NT_MIPS_DSP", "NT_MIPS_FP_MODE", "NT_MIPS_MSA", "NT_LOONGARCH_CPUCFG", "NT_LOONGARCH_CSR",
    "NT_LOONGARCH_LSX", "NT_LOONGARCH_LASX", "NT_LOONGARCH_LBT", "NT_FILE", "NT_PRXFPREG",
    "NT_SIGINFO")
# Note types strace names that linux/elf.h of 6.1 lacks: the System V names of glibc 2.36's
# <elf.h> (values as there; the kernel's NT_TASKSTRUCT 4 is printed NT_PRXREG, as strace does)
# and the metag ones of the kernel's removed arch/metag (4.16).
NT_EXTRA = {4: "NT_PRXREG", 5: "NT_PLATFORM", 7: "NT_GWINDOWS", 8: "NT_ASRS", 10: "NT_PSTATUS",
            13: "NT_PSINFO", 14: "NT_PRCRED", 15: "NT_UTSNAME", 16: "NT_LWPSTATUS",
            17: "NT_LWPSINFO", 20: "NT_PRFPXREG", 0x500: "NT_METAG_CBUF",
            0x501: "NT_METAG_RPIPE", 0x502: "NT_METAG_TLS"}

PEEKSIGINFO_ARGS = named("ptrace_peeksiginfo_args", Struct("ptrace_peeksiginfo_args", [
    ("off", "u64"), ("flags", "u32"), ("nr", "s32")]))
SECCOMP_METADATA = named("seccomp_metadata", Struct("seccomp_metadata", [
    ("filter_off", "u64"), ("flags", "u64")]))
SYSCALL_INFO = named("ptrace_syscall_info", Struct("ptrace_syscall_info", [
    ("op", "u8"), (None, ("u8", 3)), ("arch", "u32"), ("instruction_pointer", "u64"),
    ("stack_pointer", "u64"),
    ("", Union("", [
        ("entry", Struct("entry", [("nr", "u64"), ("args", ("u64", 6))])),
        ("exit", Struct("exit", [("rval", "s64"), ("is_error", "u8")])),
        ("seccomp", Struct("seccomp", [("nr", "u64"), ("args", ("u64", 6)),
                                       ("ret_data", "u32")]))]))]))

# requests by how their addr and data print (names; the values come from the ABI's constants)
_NO_ADDR = ("PTRACE_ATTACH", "PTRACE_INTERRUPT", "PTRACE_KILL", "PTRACE_LISTEN")
_ADDR_DECIMAL = ("PTRACE_GETSIGMASK", "PTRACE_SETSIGMASK", "PTRACE_SECCOMP_GET_FILTER",
                 "PTRACE_SECCOMP_GET_METADATA", "PTRACE_GET_SYSCALL_INFO")
_DATA_SIGNAL = ("PTRACE_CONT", "PTRACE_DETACH", "PTRACE_SYSCALL", "PTRACE_SINGLESTEP",
                "PTRACE_SINGLEBLOCK", "PTRACE_SYSEMU", "PTRACE_SYSEMU_SINGLESTEP")
_DATA_OPTIONS = ("PTRACE_SEIZE", "PTRACE_SETOPTIONS", "PTRACE_OLDSETOPTIONS")
_DATA_AT_EXIT = ("PTRACE_PEEKDATA", "PTRACE_PEEKTEXT", "PTRACE_PEEKUSR", "PTRACE_GETEVENTMSG",
                 "PTRACE_GETSIGINFO", "PTRACE_GETSIGMASK", "PTRACE_PEEKSIGINFO",
                 "PTRACE_SECCOMP_GET_FILTER", "PTRACE_GET_SYSCALL_INFO")


def _request_name(ctx, call, request):
    return ctx.enum_table(call.abi, PTRACE_CMD_NAMES).get(request)


def _request_text(ctx, call, request, name):
    return printers.enum(request, {request: _SPELLING.get(name, name)} if name else {},
                         ctx.style, "PTRACE_???")


def _nt_text(ctx, call, value):
    table = ctx.enum_table(call.abi, NT_NAMES)
    name = table.get(value)
    name = _SPELLING.get(name, name) if name else NT_EXTRA.get(value)
    return printers.enum(value, {value: name} if name else {}, ctx.style, "NT_???")


# struct user of x86_64's sys/user.h: what PTRACE_PEEKUSER/POKEUSER offsets are named after
# (strace's userent.h): the registers `8*R15`... (sys/reg.h, eflags as 8*EFL), then the members
USER = Struct("user", [
    ("regs", ("u64", 27)), ("u_fpvalid", "s32"), ("i387", regsets.FPREGS_X86_64), ("u_tsize", "u64"),
    ("u_dsize", "u64"), ("u_ssize", "u64"), ("start_code", "u64"), ("start_stack", "u64"),
    ("signal", "s64"), ("reserved", "s32"), ("u_ar0", "ptr"), ("u_fpstate", "ptr"),
    ("magic", "u64"), ("u_comm", ("u8", 32)), ("u_debugreg", ("u64", 8))])


@named("user")
def user_layout(abi):
    return USER if abi == "x86_64" else None


_USER_REGS = ("R15", "R14", "R13", "R12", "RBP", "RBX", "R11", "R10", "R9", "R8", "RAX", "RCX",
              "RDX", "RSI", "RDI", "ORIG_RAX", "RIP", "CS", "EFL", "RSP", "SS")
_user_offsets = []


def _user_table():
    """Sorted (offset, name) of x86_64's struct user, as strace names them."""
    if not _user_offsets:
        compiled = USER.on("x86_64")
        table = [(8 * i, "8*" + reg) for i, reg in enumerate(_USER_REGS)]
        for name, (offset, _size) in compiled.fields.items():
            if name != "regs" and "[" not in name and "." not in name:
                table.append((offset, "offsetof(struct user, %s)" % name))
        table.append((compiled.size, "sizeof(struct user)"))
        _user_offsets.extend(sorted(table))
    return _user_offsets


def user_offset(ctx, call, addr):
    """PTRACE_PEEKUSER/POKEUSER's offset (print_user_offset_addr): `8*RAX`, `8*SS+8`;
    -X verbose `0x50 /* 8*RAX */`; past struct user (or not x86_64) the address."""
    cstyle = ctx.style.const_style
    name = None
    if call.abi == "x86_64":
        best = None
        for offset, oname in _user_table():
            if offset > addr:
                break
            best = (offset, oname)
        if best is not None and not (addr > best[0] and best == _user_table()[-1]):
            name = best[1] + ("+%d" % (addr - best[0]) if addr != best[0] else "")
    if name is None or cstyle == "raw":
        return printers.ptr(addr)
    if cstyle == "verbose":
        return "%s /* %s */" % (printers.ptr(addr), name)
    return name


def _peeksiginfo_args(ctx, call, addr):
    v = read_struct(ctx, call, addr, lookup("ptrace_peeksiginfo_args", call.abi))
    if v is None:
        return printers.ptr(addr)
    return "{off=%d, flags=%s, nr=%d}" % (
        v["off"], flag_text(ctx, call, v["flags"], PEEKSIGINFO_FLAG_NAMES,
                            "PTRACE_PEEKSIGINFO_???"), v["nr"] & 0xffffffff)


def _iovec(ctx, call, addr):
    return read_struct(ctx, call, addr, IOVEC.on(call.abi))


def _regset(ctx, call, nt_name, base, length):
    if nt_name == "NT_PRSTATUS":
        return regsets.prstatus(ctx, call, base, length)
    if nt_name == "NT_PRFPREG":
        return regsets.fpregset(ctx, call, base, length)
    return printers.ptr(base)


def _siginfo_array(ctx, call, addr, count):
    """PTRACE_PEEKSIGINFO's result: `count` siginfo_t of the tracer's... of the tracee's ABI."""
    if not addr:
        return "NULL"
    si_size = 128
    limit = printers.array_limit(count, ctx.style)
    data = ctx.read(call, addr, si_size * limit) if limit else b""
    if data is None or len(data) < si_size:
        return printers.ptr(addr) if count else "[]"
    consts = ctx.constants(call.abi)
    items = []
    n = min(limit, len(data) // si_size)
    for i in range(n):
        items.append(siginfo(consts, data[i * si_size:(i + 1) * si_size], ctx.style, call.abi,
                             pid_text=lambda n: pid_arg(ctx, call, n, "tgid")))
    if n < limit:
        items.append("... /* %s */" % printers.ptr(addr + n * si_size))
    elif limit < count:
        items.append("...")
    return "[" + ", ".join(items) + "]"


def syscall_info(ctx, call, addr, user_len):
    """PTRACE_GET_SYSCALL_INFO's struct, cut at min(user length, kernel length)."""
    compiled = lookup("ptrace_syscall_info", call.abi)
    mask = (1 << 64) - 1
    kernel_len = mask if call.error else call.ret & mask
    seccomp_end = sum(compiled.fields["seccomp.ret_data"])
    fetch = min(user_len, kernel_len, seccomp_end)
    data = ctx.read_data(call, addr, fetch) if fetch and addr else None
    if data is None or len(data) < fetch:
        return printers.ptr(addr)
    v = compiled.dict(data + b"\0" * (compiled.size - fetch))
    end = dict((name, off + size) for name, (off, size) in compiled.fields.items())
    op = v["op"]
    parts = ["op=" + printers.enum(op, ctx.enum_table(call.abi, SYSCALL_INFO_OP_NAMES),
                                   ctx.style, "PTRACE_SYSCALL_INFO_???")]
    for field in ("arch", "instruction_pointer", "stack_pointer"):
        if fetch < end[field]:
            return "{" + ", ".join(parts) + "}"
        if field == "arch":
            parts.append("arch=" + audit_arch_text(ctx.constants(call.abi), v["arch"], ctx.style))
        else:
            parts.append("%s=%s" % (field, printers.hexnum(v[field])))
    ops = ctx.enum_table(call.abi, SYSCALL_INFO_OP_NAMES)
    opname = ops.get(op)
    if fetch >= end["entry.nr"] and opname in ("PTRACE_SYSCALL_INFO_ENTRY",
                                               "PTRACE_SYSCALL_INFO_SECCOMP"):
        which = "entry" if opname == "PTRACE_SYSCALL_INFO_ENTRY" else "seccomp"
        inner = ["nr=" + syscall_field(ctx.constants(call.abi), v[which + ".nr"], v["arch"],
                                       ctx.style)]
        nargs = (fetch - compiled.fields[which + ".args"][0]) // 8
        if nargs > 0:
            inner.append("args=[%s]" % ", ".join(
                printers.hexnum(v["%s.args[%d]" % (which, i)]) for i in range(min(nargs, 6))))
        if which == "seccomp" and fetch >= seccomp_end:
            inner.append("ret_data=%d" % v["seccomp.ret_data"])
        parts.append("%s={%s}" % (which, ", ".join(inner)))
    elif fetch >= end["entry.nr"] and opname == "PTRACE_SYSCALL_INFO_EXIT":
        whole = fetch >= end["exit.is_error"]
        rval = v["exit.rval"]
        if whole and v["exit.is_error"]:
            name = ctx.errno_names(call.abi).get(-rval)
            text = printers.enum(rval, {rval: "-" + name} if name else {}, ctx.style,
                                 decimal=True)
        else:
            text = str(rval)
        inner = "rval=" + text
        if whole:
            inner += ", is_error=%d" % v["exit.is_error"]
        parts.append("exit={%s}" % inner)
    return "{" + ", ".join(parts) + "}"


def _seccomp_metadata_exit(ctx, call, addr):
    size = call.ret if not call.error else 0
    text = ""
    offset = 8
    if not call.error and size > offset:
        data = ctx.read_data(call, addr + offset, 8) if size >= 16 else None
        if data is None or len(data) < 8:
            text += ", ???"
        else:
            flags = struct.unpack(endian(call) + "Q", data)[0]
            text += ", flags=" + flag_text(ctx, call, flags, SECCOMP_FILTER_FLAG_NAMES,
                                           "SECCOMP_FILTER_FLAG_???")
            if size > 16:
                text += ", ..."
    return text + "}"


@register("ptrace")
class Ptrace(Decoder):
    def enter(self, ctx, call):
        a = call.args
        mask = lmask(call)
        request, addr, data = a[0] & mask, a[2] & mask, a[3] & mask
        name = _request_name(ctx, call, request)
        call.saved = {"name": name, "at_exit": None}
        text = _request_text(ctx, call, request, name)
        if name == "PTRACE_TRACEME":
            return text
        text += ", " + pid_arg(ctx, call, a[1], "tgid")
        if name in _NO_ADDR:
            return text
        text += ", "
        if name in ("PTRACE_PEEKUSR", "PTRACE_POKEUSR"):
            text += user_offset(ctx, call, addr)
        elif name in ("PTRACE_GETREGSET", "PTRACE_SETREGSET"):
            text += _nt_text(ctx, call, addr)
        elif name in _ADDR_DECIMAL:
            text += str(addr)
        elif name == "PTRACE_PEEKSIGINFO":
            text += _peeksiginfo_args(ctx, call, addr)
        elif name == "PTRACE_SETREGS":
            return text + regsets.full_prstatus(ctx, call, data)
        elif name == "PTRACE_SETFPREGS":
            return text + regsets.full_fpregs(ctx, call, data)
        elif name in ("PTRACE_GETREGS", "PTRACE_GETFPREGS"):
            call.saved["at_exit"] = name
            return text
        else:
            text += printers.ptr(addr)
        text += ", "
        if name in _DATA_SIGNAL:
            return text + sig(ctx, call, data)
        if name in _DATA_OPTIONS:
            return text + flag_text(ctx, call, data, PTRACE_O_NAMES, "PTRACE_O_???")
        if name == "PTRACE_SETSIGINFO":
            return text + siginfo_arg(ctx, call, data)
        if name == "PTRACE_SETSIGMASK":
            return text + sigset_arg(ctx, call, data, addr)
        if name == "PTRACE_GETREGSET":
            iov = _iovec(ctx, call, data)
            if iov is None:
                return text + printers.ptr(data)
            call.saved["at_exit"] = name
            call.saved["len"] = iov["iov_len"]
            return text
        if name == "PTRACE_SETREGSET":
            iov = _iovec(ctx, call, data)
            if iov is None:
                return text + printers.ptr(data)
            call.saved["at_exit"] = name
            call.saved["len"] = iov["iov_len"]
            return text + "{iov_base=%s, iov_len=%d" % (
                _regset(ctx, call, _nt_name(ctx, call, addr), iov["iov_base"], iov["iov_len"]),
                iov["iov_len"])
        if name == "PTRACE_SECCOMP_GET_METADATA":
            if addr < 8:
                return text + printers.ptr(data)
            raw = ctx.read(call, data, 8)
            if raw is None or len(raw) < 8:
                return text + printers.ptr(data)
            call.saved["at_exit"] = name
            return text + "{filter_off=%d" % struct.unpack(endian(call) + "Q", raw)[0]
        if name in _DATA_AT_EXIT and ctx.style.deref:
            call.saved["at_exit"] = name
            return text
        return text + printers.ptr(data)

    def exit(self, ctx, call):
        saved = call.saved or {}
        name = saved.get("at_exit")
        if name is None:
            return ""
        mask = lmask(call)
        addr, data = call.args[2] & mask, call.args[3] & mask
        if name in ("PTRACE_GETREGS", "PTRACE_GETFPREGS"):
            if failed(call):
                return printers.ptr(data)
            if name == "PTRACE_GETREGS":
                return regsets.full_prstatus(ctx, call, data)
            return regsets.full_fpregs(ctx, call, data)
        if name in ("PTRACE_PEEKDATA", "PTRACE_PEEKTEXT", "PTRACE_PEEKUSR"):
            if failed(call) or not data:
                return printers.ptr(data)
            v = read_longs(ctx, call, data, 1)
            return printers.ptr(data) if v is None else "[%s]" % printers.ptr(v[0])
        if name == "PTRACE_GETEVENTMSG":
            if failed(call) or not data:
                return printers.ptr(data)
            v = read_longs(ctx, call, data, 1)
            return printers.ptr(data) if v is None else "[%d]" % v[0]
        if name == "PTRACE_GETSIGINFO":
            return printers.ptr(data) if failed(call) else siginfo_arg(ctx, call, data)
        if name == "PTRACE_GETSIGMASK":
            return sigset_arg(ctx, call, data, addr)
        if name == "PTRACE_PEEKSIGINFO":
            if failed(call):
                return printers.ptr(data)
            return _siginfo_array(ctx, call, data, call.ret)
        if name == "PTRACE_SECCOMP_GET_FILTER":
            if failed(call):
                return printers.ptr(data)
            return bpf_program(ctx, call, data, call.ret)
        if name == "PTRACE_SECCOMP_GET_METADATA":
            return _seccomp_metadata_exit(ctx, call, data)
        if name == "PTRACE_GET_SYSCALL_INFO":
            return syscall_info(ctx, call, data, addr)
        iov = _iovec(ctx, call, data)
        old = saved.get("len")
        if name == "PTRACE_SETREGSET":
            if iov is not None and iov["iov_len"] != old:
                return " => %d}" % iov["iov_len"]
            return "}"
        # PTRACE_GETREGSET
        if iov is None:
            return printers.ptr(data)
        base = iov["iov_base"]
        regs = printers.ptr(base) if failed(call) else _regset(
            ctx, call, _nt_name(ctx, call, addr), base, iov["iov_len"])
        if old == iov["iov_len"]:
            length = "%d" % old
        else:
            length = "%d => %d" % (old, iov["iov_len"])
        return "{iov_base=%s, iov_len=%s}" % (regs, length)


def _nt_name(ctx, call, addr):
    return ctx.enum_table(call.abi, NT_NAMES).get(addr & 0xffffffff)
