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


def test_openzfs_commands_on_every_abi():
    # OpenZFS's /dev/zfs and kstat commands are plain numbers, the same on every ABI
    for abi in syscalls.ABIS:
        names = syscalls.ioctl_names(abi)
        assert names[0x5a00] == "ZFS_IOC_POOL_CREATE"
        assert names[0x5a41] == "ZFS_IOC_SEND_SPACE"
        assert names[0x5a56] == "ZFS_IOC_VDEV_SET_PROPS"
        assert names[0x5a81] == "ZFS_IOC_EVENTS_NEXT"
        assert names[0x5a85] == "ZFS_IOC_JAIL"           # not OpenZFS 2.2's USERNS_ATTACH too
        assert names[0x5a88] == "ZFS_IOC_GET_BOOTENV"
        assert names[0x4b01] == "KSTAT_IOC_CHAIN_ID"
        assert names[0x4b03] == "KSTAT_IOC_WRITE"
        # the enum's markers and the commands newer than strace 6.1's list are left out
        for number in (0x4b00, 0x5a57, 0x5a80, 0x5a89):
            assert number not in names, (abi, hex(number))
        assert sum(1 for n in names.values() if n.startswith(("ZFS_IOC_", "KSTAT_IOC_"))) == 98


def test_blkzname_is_an_ior_of_256_bytes():
    # _IOR(0x12, 125, char[256]): powerpc's read bit differs
    assert syscalls.ioctl_names("x86_64")[0x8100127d] == "BLKZNAME"
    assert syscalls.ioctl_names("i386")[0x8100127d] == "BLKZNAME"
    assert syscalls.ioctl_names("ppc64le")[0x4100127d] == "BLKZNAME"


def test_excluded_names_do_not_hide_their_longer_relatives():
    # strace 6.1 lacks DMA_BUF_SET_NAME and PPPIOCGIDLE but knows their _A/_B and 32/64 forms
    names = syscalls.ioctl_names("x86_64")
    assert names[0x40046201] == "DMA_BUF_SET_NAME_A"
    assert names[0x40086201] == "DMA_BUF_SET_NAME_B"
    assert names[0x8008743f] == "PPPIOCGIDLE32"
    assert names[0x8010743f] == "PPPIOCGIDLE64"
