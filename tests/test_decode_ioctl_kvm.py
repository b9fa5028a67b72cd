"""Offline tests of the KVM ioctls (type 0xae): fake tracee memory in, strace 6.1's text out."""
import struct

from minitrace.printers import Style

from decodertest import call_line

A = 0x10000
EBADF = -9
BAD = " = -1 EBADF (Bad file descriptor)"
CREATE_VM, CHECK_EXTENSION, CREATE_VCPU, RUN = 0xae01, 0xae03, 0xae41, 0xae80
SET_USER_MEMORY_REGION, SET_CPUID2, GET_SUPPORTED_CPUID = 0x4020ae46, 0x4008ae90, 0xc008ae05
GET_REGS, SET_REGS, GET_SREGS = 0x8090ae81, 0x4090ae82, 0x8138ae83
RAW, VERBOSE, FULL = Style(const_style="raw"), Style(const_style="verbose"), Style(verbose=True)


def test_create_and_check_extension():
    assert call_line("ioctl", [3, CREATE_VM, 0], 4) == "ioctl(3, KVM_CREATE_VM, 0) = 4"
    assert call_line("ioctl", [4, CREATE_VCPU, 0x100000002], 5) == \
        "ioctl(4, KVM_CREATE_VCPU, 2) = 5"
    assert call_line("ioctl", [3, CHECK_EXTENSION, 3], 1) == \
        "ioctl(3, KVM_CHECK_EXTENSION, KVM_CAP_USER_MEMORY) = 1"
    assert call_line("ioctl", [3, CHECK_EXTENSION, 3], 1, style=RAW) == \
        "ioctl(3, 0xae03, 0x3) = 1"
    assert call_line("ioctl", [3, CHECK_EXTENSION, 3], 1, style=VERBOSE) == \
        "ioctl(3, 0xae03 /* KVM_CHECK_EXTENSION */, 0x3 /* KVM_CAP_USER_MEMORY */) = 1"
    assert call_line("ioctl", [3, CHECK_EXTENSION, 0xdeadbeef], 0) == \
        "ioctl(3, KVM_CHECK_EXTENSION, 0xdeadbeef /* KVM_CAP_??? */) = 0"


def test_user_memory_region():
    mem = {A: struct.pack("<IIQQQ", 0, 3, 0x1000, 4096, 0x7f0000001000)}
    assert call_line("ioctl", [4, SET_USER_MEMORY_REGION, A], 0, mem) == \
        "ioctl(4, KVM_SET_USER_MEMORY_REGION, {slot=0, " \
        "flags=KVM_MEM_LOG_DIRTY_PAGES|KVM_MEM_READONLY, guest_phys_addr=0x1000, " \
        "memory_size=4096, userspace_addr=0x7f0000001000}) = 0"
    assert call_line("ioctl", [4, SET_USER_MEMORY_REGION, A], EBADF) == \
        "ioctl(4, KVM_SET_USER_MEMORY_REGION, 0x10000)" + BAD


def test_regs():
    mem = {A: struct.pack("<18Q", *range(1, 19))}
    assert call_line("ioctl", [5, SET_REGS, A], 0, mem) == \
        "ioctl(5, KVM_SET_REGS, {rax=0x1, ..., rsp=0x7, rbp=0x8, ..., rip=0x11, " \
        "rflags=0x12}) = 0"
    line = call_line("ioctl", [5, GET_REGS, A], 0, mem, style=FULL)
    assert line.startswith("ioctl(5, KVM_GET_REGS, {rax=0x1, rbx=0x2, rcx=0x3, rdx=0x4, ")
    assert line.endswith("r15=0x10, rip=0x11, rflags=0x12}) = 0")
    assert call_line("ioctl", [5, GET_REGS, A], EBADF, mem) == \
        "ioctl(5, KVM_GET_REGS, 0x10000)" + BAD


def test_sregs():
    segment = struct.pack("<QIHBBBBBBBBBx", 0xffff0000, 65535, 61440, 11, 1, 0, 0, 1, 0, 0, 0, 0)
    dtable = struct.pack("<QH6x", 0x2000, 0x27)
    mem = {A: segment * 8 + dtable * 2 + struct.pack("<7Q4Q", 0x10, 0, 0, 0, 0, 0, 0xfee00900,
                                                     0, 0, 0, 1 << 63)}
    cs = "{base=0xffff0000, limit=65535, selector=61440, type=11, present=1, dpl=0, db=0, " \
        "s=1, l=0, g=0, avl=0}"
    assert call_line("ioctl", [5, GET_SREGS, A], 0, mem) == \
        "ioctl(5, KVM_GET_SREGS, {cs=%s, ...}) = 0" % cs
    line = call_line("ioctl", [5, GET_SREGS, A], 0, mem, style=FULL)
    assert ", ldt=%s, gdt={base=0x2000, limit=39}, idt={base=0x2000, limit=39}, cr0=16, " \
        "cr2=0, cr3=0, cr4=0, cr8=0, efer=0, apic_base=0xfee00900, " \
        "interrupt_bitmap=[0, 0, 0, 0x8000000000000000]}) = 0" % cs in line


def test_cpuid():
    entry = struct.pack("<7I12x", 0xd, 1, 1, 0x1f, 0x240, 0x340, 0)
    mem = {A: struct.pack("<II", 2, 0) + entry * 2}
    assert call_line("ioctl", [3, GET_SUPPORTED_CPUID, A], 0, mem) == \
        "ioctl(3, KVM_GET_SUPPORTED_CPUID, {nent=2, entries=[...]}) = 0"
    assert call_line("ioctl", [5, SET_CPUID2, A], 0, {A: bytes(8)}) == \
        "ioctl(5, KVM_SET_CPUID2, {nent=0, entries=[]}) = 0"
    one = "{function=0xd, index=0x1, flags=KVM_CPUID_FLAG_SIGNIFCANT_INDEX, eax=0x1f, " \
        "ebx=0x240, ecx=0x340, edx=0}"
    assert call_line("ioctl", [5, SET_CPUID2, A], 0, mem, style=FULL) == \
        "ioctl(5, KVM_SET_CPUID2, {nent=2, entries=[%s, %s]}) = 0" % (one, one)
    assert call_line("ioctl", [3, GET_SUPPORTED_CPUID, A], -7, mem) == \
        "ioctl(3, KVM_GET_SUPPORTED_CPUID, 0x10000) = -1 E2BIG (Argument list too long)"
    assert call_line("ioctl", [5, SET_CPUID2, 0], -14) == \
        "ioctl(5, KVM_SET_CPUID2, NULL) = -1 EFAULT (Bad address)"


def test_run_without_kvm_vcpu():
    assert call_line("ioctl", [5, RUN, 0], 0) == "ioctl(5, KVM_RUN, 0) = 0"
    assert call_line("ioctl", [5, RUN, 0], EBADF) == "ioctl(5, KVM_RUN, 0)" + BAD
