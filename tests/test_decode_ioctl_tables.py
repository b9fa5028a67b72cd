"""The generated ioctl tables (syscalls/ioctls_<abi>.py): names and per-ABI numbers."""
import syscalls


def test_shared_number_prints_both_names_in_strace_order():
    # linux/fs.h FICLONE and linux/btrfs.h BTRFS_IOC_CLONE: _IOW(0x94, 9, int)
    assert syscalls.ioctl_names("x86_64")[0x40049409] == "BTRFS_IOC_CLONE or FICLONE"


def test_plain_number_commands():
    names = syscalls.ioctl_names("x86_64")
    assert names[0x5401] == "TCGETS"
    assert names[0x8912] == "SIOCGIFCONF"
    assert names[0x2285] == "SG_IO"


def test_size_dependent_command_per_abi():
    # BLKGETSIZE64 is _IOR(0x12, 114, size_t): 8 bytes on 64-bit ABIs, 4 on i386/arm
    assert syscalls.ioctl_names("x86_64")[0x80081272] == "BLKGETSIZE64"
    assert syscalls.ioctl_names("i386")[0x80041272] == "BLKGETSIZE64"
    assert syscalls.ioctl_names("arm")[0x80041272] == "BLKGETSIZE64"
    assert 0x80081272 not in syscalls.ioctl_names("i386")


def test_powerpc_direction_bits():
    # powerpc: _IOC_NONE is 1 << 29 and _IOC_READ 2 << 29 (13 size bits)
    ppc = syscalls.ioctl_names("ppc64le")
    assert ppc[0x2000ae80] == "KVM_RUN"
    assert syscalls.ioctl_names("x86_64")[0xae80] == "KVM_RUN"


def test_compat_names_of_32bit_personalities():
    # strace names i386's FS_IOC_GETFLAGS number by its compat twin
    assert syscalls.ioctl_names("i386")[0x80046601] == "FS_IOC32_GETFLAGS"
    assert syscalls.ioctl_names("x86_64")[0x80086601] == "FS_IOC_GETFLAGS"
