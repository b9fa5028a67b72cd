"""KVM ioctls (type 0xae, linux/kvm.h), as strace 6.1's kvm_ioctl.

The descriptors KVM_CREATE_VM and KVM_CREATE_VCPU return (their path with -y), the capability
KVM_CHECK_EXTENSION asks about, KVM_CREATE_VCPU's cpu id, the memory slot of
KVM_SET_USER_MEMORY_REGION, the cpuid tables (entries only with -v) and, on x86, the vcpu's
registers and special registers (abbreviated without -v). With `-e kvm=vcpu` KVM_RUN's return
value has the exit reason the vcpu's kvm_run structure (mapped from its descriptor) holds.
"""
import os

from minitrace import printers
from minitrace.decode.array import print_array, unpacker
from minitrace.decode.common import failed, fd, flag_text, read_struct
from minitrace.decode.ioctl.base import TableFamily
from minitrace.decode.layout import Struct

MEM_FLAGS = ("KVM_MEM_LOG_DIRTY_PAGES", "KVM_MEM_READONLY")
CPUID_FLAGS = ("KVM_CPUID_FLAG_SIGNIFCANT_INDEX", "KVM_CPUID_FLAG_STATEFUL_FUNC",
               "KVM_CPUID_FLAG_STATE_READ_NEXT")
EXIT_REASONS = (
    "KVM_EXIT_UNKNOWN", "KVM_EXIT_EXCEPTION", "KVM_EXIT_IO", "KVM_EXIT_HYPERCALL",
    "KVM_EXIT_DEBUG", "KVM_EXIT_HLT", "KVM_EXIT_MMIO", "KVM_EXIT_IRQ_WINDOW_OPEN",
    "KVM_EXIT_SHUTDOWN", "KVM_EXIT_FAIL_ENTRY", "KVM_EXIT_INTR", "KVM_EXIT_SET_TPR",
    "KVM_EXIT_TPR_ACCESS", "KVM_EXIT_S390_SIEIC", "KVM_EXIT_S390_RESET", "KVM_EXIT_DCR",
    "KVM_EXIT_NMI", "KVM_EXIT_INTERNAL_ERROR", "KVM_EXIT_OSI", "KVM_EXIT_PAPR_HCALL",
    "KVM_EXIT_S390_UCONTROL", "KVM_EXIT_WATCHDOG", "KVM_EXIT_S390_TSCH", "KVM_EXIT_EPR",
    "KVM_EXIT_SYSTEM_EVENT", "KVM_EXIT_S390_STSI", "KVM_EXIT_IOAPIC_EOI", "KVM_EXIT_HYPERV",
    "KVM_EXIT_ARM_NISV", "KVM_EXIT_X86_RDMSR", "KVM_EXIT_X86_WRMSR",
    "KVM_EXIT_DIRTY_RING_FULL", "KVM_EXIT_AP_RESET_HOLD", "KVM_EXIT_X86_BUS_LOCK",
    "KVM_EXIT_XEN", "KVM_EXIT_RISCV_SBI", "KVM_EXIT_RISCV_CSR", "KVM_EXIT_NOTIFY")
# The KVM_CAP_* numbers are the same on every ABI; x86_64's headers define all strace names
# (the other ABIs' lack the x86-only ones).
CAP_PREFIX, CAP_ABI = "KVM_CAP_", "x86_64"
# a vcpu descriptor's path, and its kvm_run mapping in /proc/PID/maps (an anonymous inode: device
# major 0); exit_reason is the u32 after 8 bytes, the struct 2352 bytes long (linux 6.1)
VCPU_PREFIX = "anon_inode:kvm-vcpu:"
EXIT_REASON_OFFSET, KVM_RUN_SIZE = 8, 2352
X86_ABIS = frozenset(("x86_64", "i386", "x32"))

MEMORY_REGION = Struct("kvm_userspace_memory_region", [
    ("slot", "u32"), ("flags", "u32"), ("guest_phys_addr", "u64"), ("memory_size", "u64"),
    ("userspace_addr", "u64")])
REG_NAMES = ("rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rsp", "rbp", "r8", "r9", "r10", "r11",
             "r12", "r13", "r14", "r15", "rip", "rflags")
REGS = Struct("kvm_regs", [(name, "u64") for name in REG_NAMES])
SEGMENT_FIELDS = ("base", "limit", "selector", "type", "present", "dpl", "db", "s", "l", "g",
                  "avl")
SEGMENT = Struct("kvm_segment", [
    ("base", "u64"), ("limit", "u32"), ("selector", "u16"), ("type", "u8"), ("present", "u8"),
    ("dpl", "u8"), ("db", "u8"), ("s", "u8"), ("l", "u8"), ("g", "u8"), ("avl", "u8"),
    ("unusable", "u8"), (None, "u8")])
DTABLE = Struct("kvm_dtable", [("base", "u64"), ("limit", "u16"), (None, ("u16", 3))])
SEGMENTS = ("cs", "ds", "es", "fs", "gs", "ss", "tr", "ldt")
DTABLES = ("gdt", "idt")
CONTROL_REGS = ("cr0", "cr2", "cr3", "cr4", "cr8", "efer")
INTERRUPT_WORDS = 4                  # (KVM_NR_INTERRUPTS + 63) / 64
SREGS = Struct("kvm_sregs", [(name, SEGMENT) for name in SEGMENTS] +
               [(name, DTABLE) for name in DTABLES] +
               [(name, "u64") for name in CONTROL_REGS] +
               [("apic_base", "u64"), ("interrupt_bitmap", ("u64", INTERRUPT_WORDS))])
CPUID2 = Struct("kvm_cpuid2", [("nent", "u32"), (None, "u32")])
CPUID_ENTRY2 = Struct("kvm_cpuid_entry2", [
    ("function", "u32"), ("index", "u32"), ("flags", "u32"), ("eax", "u32"), ("ebx", "u32"),
    ("ecx", "u32"), ("edx", "u32"), (None, ("u32", 3))])

_cap_tables = {}


def _cap(ctx, call, arg):
    table = _cap_tables.get(CAP_ABI)
    if table is None:
        consts = ctx.constants(CAP_ABI)
        table = _cap_tables[CAP_ABI] = printers.enum_table(
            [name for name, _ in consts.prefixed(CAP_PREFIX)], consts)
    return printers.enum(arg, table, ctx.style, "KVM_CAP_???")


def _vcpu_id(ctx, call, arg):
    return str(arg & 0xffffffff)


def _memory_region(ctx, call, arg):
    v = read_struct(ctx, call, arg, MEMORY_REGION.on(call.abi))
    if v is None:
        return printers.ptr(arg)
    return "{slot=%d, flags=%s, guest_phys_addr=%s, memory_size=%d, userspace_addr=%s}" % (
        v["slot"], flag_text(ctx, call, v["flags"], MEM_FLAGS, "KVM_MEM_???"),
        printers.hexnum(v["guest_phys_addr"]), v["memory_size"],
        printers.hexnum(v["userspace_addr"]))


def _x86_only(show):
    """The struct printer on x86, the address on the other ABIs (strace's arch_kvm.c)."""
    def on_abi(ctx, call, arg):
        if call.abi not in X86_ABIS:
            return printers.ptr(arg)
        return show(ctx, call, arg)
    return on_abi


def _regs_text(ctx, call, arg):
    v = read_struct(ctx, call, arg, REGS.on(call.abi))
    if v is None:
        return printers.ptr(arg)
    shown = REG_NAMES if ctx.style.verbose else ("rax", None, "rsp", "rbp", None, "rip",
                                                  "rflags")
    return "{%s}" % ", ".join("..." if name is None else "%s=%s" % (name, printers.hexnum(v[name]))
                              for name in shown)


def _segment_text(v, name):
    return "{%s}" % ", ".join(
        "%s=%s" % (f, printers.hexnum(v[name + "." + f]) if f == "base" else v[name + "." + f])
        for f in SEGMENT_FIELDS)


def _sregs_text(ctx, call, arg):
    v = read_struct(ctx, call, arg, SREGS.on(call.abi))
    if v is None:
        return printers.ptr(arg)
    if not ctx.style.verbose:
        return "{cs=%s, ...}" % _segment_text(v, "cs")
    parts = ["%s=%s" % (name, _segment_text(v, name)) for name in SEGMENTS]
    parts += ["%s={base=%s, limit=%d}" % (name, printers.hexnum(v[name + ".base"]),
                                          v[name + ".limit"]) for name in DTABLES]
    parts += ["%s=%d" % (name, v[name]) for name in CONTROL_REGS]
    parts.append("apic_base=%s" % printers.hexnum(v["apic_base"]))
    parts.append("interrupt_bitmap=[%s]" % ", ".join(
        printers.hexnum(v["interrupt_bitmap[%d]" % i]) for i in range(INTERRUPT_WORDS)))
    return "{%s}" % ", ".join(parts)


def _cpuid_text(ctx, call, arg):
    head = CPUID2.on(call.abi)
    v = read_struct(ctx, call, arg, head)
    if v is None:
        return printers.ptr(arg)
    nent = v["nent"]
    if not ctx.style.verbose:
        entries = "[...]" if nent else "[]"
    else:
        entry = CPUID_ENTRY2.on(call.abi)

        def element(e):
            return "{function=%s, index=%s, flags=%s, eax=%s, ebx=%s, ecx=%s, edx=%s}" % (
                printers.hexnum(e["function"]), printers.hexnum(e["index"]),
                flag_text(ctx, call, e["flags"], CPUID_FLAGS, "KVM_CPUID_FLAG_???"),
                printers.hexnum(e["eax"]), printers.hexnum(e["ebx"]), printers.hexnum(e["ecx"]),
                printers.hexnum(e["edx"]))
        entries = print_array(ctx, call, arg + head.size, nent, entry.size, entry.dict, element)
    return "{nent=%d, entries=%s}" % (nent, entries)


def _returned_fd(ctx, call):
    return fd(ctx, call, call.ret) if 0 <= call.ret <= 0x7fffffff else None


def _vcpu_run_mapping(pid, vcpu_fd):
    """(start, end) of the kvm_run structure the tracee mapped from its vcpu descriptor, or
    None when the descriptor is no vcpu or the tracee did not map it."""
    try:
        link = os.readlink("/proc/%d/fd/%d" % (pid, vcpu_fd))
        with open("/proc/%d/maps" % pid) as f:
            lines = f.read().splitlines()
    except (OSError, IOError):
        return None
    if not link.startswith(VCPU_PREFIX):
        return None
    for line in lines:
        fields = line.split(None, 5)
        if len(fields) == 6 and fields[5] == link and fields[3].split(":")[0] == "00":
            start, end = (int(x, 16) for x in fields[0].split("-", 1))
            return start, end
    return None


def _run_exit_reason(ctx, call):
    """`0 (KVM_EXIT_HLT)` with -e kvm=vcpu: the exit reason of the vcpu's kvm_run."""
    if not ctx.kvm_vcpu or failed(call):
        return None
    vcpu_fd = printers.to_signed(call.args[0] & 0xffffffff, 32)
    pid = ctx.proc_pid(call.pid)
    mapping = _vcpu_run_mapping(pid, vcpu_fd) if vcpu_fd >= 0 and pid else None
    if mapping is None or mapping[1] - mapping[0] < KVM_RUN_SIZE:
        return None
    data = ctx.read_data(call, mapping[0] + EXIT_REASON_OFFSET, 4)
    if data is None or len(data) < 4:
        return None
    reason = unpacker(call, "I")(bytes(data[:4]))
    name = ctx.enum_table(call.abi, EXIT_REASONS).get(reason, "KVM_EXIT_???")
    return "%d (%s)" % (call.ret, name)


KVM = TableFamily(
    (0xae,),
    inp={"KVM_CREATE_VM": lambda ctx, call, arg: printers.hexnum(arg),
         "KVM_CHECK_EXTENSION": _cap, "KVM_CREATE_VCPU": _vcpu_id,
         "KVM_SET_USER_MEMORY_REGION": _memory_region, "KVM_SET_CPUID2": _cpuid_text,
         "KVM_SET_REGS": _x86_only(_regs_text), "KVM_SET_SREGS": _x86_only(_sregs_text)},
    out={"KVM_GET_REGS": _x86_only(_regs_text), "KVM_GET_SREGS": _x86_only(_sregs_text),
         "KVM_GET_SUPPORTED_CPUID": _cpuid_text, "KVM_GET_EMULATED_CPUID": _cpuid_text},
    # KVM_RUN's argument (unused) prints at exit, as strace's default does after its decoder
    both={"KVM_RUN": (lambda ctx, call, arg: (None, True),
                      lambda ctx, call, arg: printers.hexnum(arg))},
    results={"KVM_CREATE_VM": _returned_fd, "KVM_CREATE_VCPU": _returned_fd,
             "KVM_RUN": _run_exit_reason})
