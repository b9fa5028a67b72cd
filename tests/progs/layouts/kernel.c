/* Layouts of the kernel's own structs (uapi headers only: no libc header is included here, so
 * `struct stat` is the kernel's asm/stat.h one, not glibc's).  See layouts.h. */
#include <linux/types.h>
#include "layouts.h"

/* x32 enters statfs/fstatfs through the common 64-bit syscalls (numbers below 512 in
 * arch/x86/entry/syscalls/syscall_64.tbl), which fill the x86_64 struct statfs; the uapi header
 * would give x32 __u32 words (glibc's x32 struct statfs has 64-bit ones, as the kernel). */
#ifdef ABI_X32
#define __statfs_word __kernel_long_t
#endif
#include <asm/stat.h>
#include <asm/statfs.h>
#include <linux/stat.h>

/* STAT_FIELDS(layout, C type): the members the stat decoder prints (asm/stat.h names) */
#define STAT_FIELDS(n, t)                                                                   \
	SIZE(n, t); FIELD(n, t, st_dev); FIELD(n, t, st_ino); FIELD(n, t, st_mode);          \
	FIELD(n, t, st_nlink); FIELD(n, t, st_uid); FIELD(n, t, st_gid); FIELD(n, t, st_rdev);  \
	FIELD(n, t, st_size); FIELD(n, t, st_blksize); FIELD(n, t, st_blocks);                 \
	FIELD(n, t, st_atime); FIELD(n, t, st_atime_nsec); FIELD(n, t, st_mtime);             \
	FIELD(n, t, st_mtime_nsec); FIELD(n, t, st_ctime); FIELD(n, t, st_ctime_nsec)

#define STATX_TS(n, t, m) \
	FIELD(n, t, m); FIELD(n, t, m.tv_sec); FIELD(n, t, m.tv_nsec)

static void stat_family(void)
{
	/* stat/fstat/lstat/newfstatat; i386 and arm: stat64/fstat64/lstat64/fstatat64 too */
	STAT_FIELDS("stat", struct stat);
#if defined(__i386__) || defined(__arm__)
	STAT_FIELDS("stat64", struct stat64);
#endif
	SIZE("statx", struct statx);
	FIELD("statx", struct statx, stx_mask); FIELD("statx", struct statx, stx_blksize);
	FIELD("statx", struct statx, stx_attributes); FIELD("statx", struct statx, stx_nlink);
	FIELD("statx", struct statx, stx_uid); FIELD("statx", struct statx, stx_gid);
	FIELD("statx", struct statx, stx_mode); FIELD("statx", struct statx, stx_ino);
	FIELD("statx", struct statx, stx_size); FIELD("statx", struct statx, stx_blocks);
	FIELD("statx", struct statx, stx_attributes_mask);
	STATX_TS("statx", struct statx, stx_atime); STATX_TS("statx", struct statx, stx_btime);
	STATX_TS("statx", struct statx, stx_ctime); STATX_TS("statx", struct statx, stx_mtime);
	FIELD("statx", struct statx, stx_rdev_major); FIELD("statx", struct statx, stx_rdev_minor);
	FIELD("statx", struct statx, stx_dev_major); FIELD("statx", struct statx, stx_dev_minor);
	FIELD("statx", struct statx, stx_mnt_id);
	FIELD("statx", struct statx, stx_dio_mem_align);
	FIELD("statx", struct statx, stx_dio_offset_align);
	/* statfs/fstatfs (asm/statfs.h: asm-generic's, or the arch's own) */
	SIZE("statfs", struct statfs);
	FIELD("statfs", struct statfs, f_type); FIELD("statfs", struct statfs, f_bsize);
	FIELD("statfs", struct statfs, f_blocks); FIELD("statfs", struct statfs, f_bfree);
	FIELD("statfs", struct statfs, f_bavail); FIELD("statfs", struct statfs, f_files);
	FIELD("statfs", struct statfs, f_ffree); FIELD("statfs", struct statfs, f_fsid);
	FIELD("statfs", struct statfs, f_namelen); FIELD("statfs", struct statfs, f_frsize);
	FIELD("statfs", struct statfs, f_flags);
}

void layouts_kernel(void)
{
	stat_family();
}
