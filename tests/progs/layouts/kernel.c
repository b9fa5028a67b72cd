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
#include <linux/time_types.h>
#include <linux/time.h>
#include <linux/timex.h>
#include <asm/signal.h>
#include <asm/siginfo.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/un.h>
#include <linux/netlink.h>
#include <linux/if_packet.h>
#include <linux/if_addr.h>
#include <linux/uio.h>
#include <linux/poll.h>
#include <linux/eventpoll.h>
#include <linux/resource.h>
#include <linux/times.h>
#include <asm/fcntl.h>
#include <linux/openat2.h>
#include <linux/sched.h>
#include <linux/sched/types.h>
#include <linux/ipc.h>
#include <linux/shm.h>
#include <linux/sem.h>
#include <linux/msg.h>
#include <linux/mqueue.h>
#include <asm/termios.h>
#include <linux/futex.h>
#include <linux/utsname.h>
#include <linux/sysinfo.h>

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

#define F(n, t, m) FIELD_AS(n, #m, t, m)   /* (#m before any macro in m expands: si_pid) */
#define TS(n, t, m) F(n, t, m); F(n, t, m.tv_sec); F(n, t, m.tv_nsec)
#define TV(n, t, m) F(n, t, m); F(n, t, m.tv_sec); F(n, t, m.tv_usec)

/* The time structs of the non-time64 calls: old_timespec32 & co. on i386 and arm (= the uapi
 * __kernel_old_* / linux/time.h structs there); __kernel_timespec & co. on 64-bit ABIs and on
 * x32, whose clock_gettime, nanosleep, timer_settime... are the common 64-bit syscalls. */
#ifdef ABI_TIME32
typedef struct __kernel_old_timespec timespec_t;
typedef struct itimerspec itimerspec_t;
typedef struct timex timex_t;
#else
typedef struct __kernel_timespec timespec_t;
typedef struct __kernel_itimerspec itimerspec_t;
typedef struct __kernel_timex timex_t;
#endif

static void time_structs(void)
{
	SIZE("timespec", timespec_t); F("timespec", timespec_t, tv_sec);
	F("timespec", timespec_t, tv_nsec);
	SIZE("timespec64", struct __kernel_timespec);        /* the *_time64 calls */
	F("timespec64", struct __kernel_timespec, tv_sec);
	F("timespec64", struct __kernel_timespec, tv_nsec);
	SIZE("itimerspec", itimerspec_t);
	TS("itimerspec", itimerspec_t, it_interval); TS("itimerspec", itimerspec_t, it_value);
	SIZE("itimerspec64", struct __kernel_itimerspec);
	TS("itimerspec64", struct __kernel_itimerspec, it_interval);
	TS("itimerspec64", struct __kernel_itimerspec, it_value);
	SIZE("timeval", struct __kernel_old_timeval);
	F("timeval", struct __kernel_old_timeval, tv_sec);
	F("timeval", struct __kernel_old_timeval, tv_usec);
	SIZE("itimerval", struct __kernel_old_itimerval);
	TV("itimerval", struct __kernel_old_itimerval, it_interval);
	TV("itimerval", struct __kernel_old_itimerval, it_value);
	SIZE("timezone", struct timezone);
	F("timezone", struct timezone, tz_minuteswest); F("timezone", struct timezone, tz_dsttime);
	SIZE("timex", timex_t);
	F("timex", timex_t, modes); F("timex", timex_t, offset); F("timex", timex_t, freq);
	F("timex", timex_t, maxerror); F("timex", timex_t, esterror); F("timex", timex_t, status);
	F("timex", timex_t, constant); F("timex", timex_t, precision);
	F("timex", timex_t, tolerance); TV("timex", timex_t, time); F("timex", timex_t, tick);
	F("timex", timex_t, ppsfreq); F("timex", timex_t, jitter); F("timex", timex_t, shift);
	F("timex", timex_t, stabil); F("timex", timex_t, jitcnt); F("timex", timex_t, calcnt);
	F("timex", timex_t, errcnt); F("timex", timex_t, stbcnt); F("timex", timex_t, tai);
}

/* The kernel's struct sigaction of rt_sigaction (include/linux/signal_types.h; compat_sigaction
 * has the same shape in 32-bit words): sa_restorer only where the arch has SA_RESTORER
 * (__ARCH_HAS_SA_RESTORER), a sigset_t of _NSIG = 64 bits in unsigned longs. */
struct kernel_sigaction {        /* (member names other than sa_*, which asm/signal.h defines) */
	void *handler;
	unsigned long flags;
#ifdef SA_RESTORER
	void *restorer;
#endif
	unsigned long mask[64 / (8 * sizeof(unsigned long))];
};

static void signal_structs(void)
{
	SIZE("sigaction", struct kernel_sigaction);
	FIELD_AS("sigaction", "sa_handler", struct kernel_sigaction, handler);
	FIELD_AS("sigaction", "sa_flags", struct kernel_sigaction, flags);
#ifdef SA_RESTORER
	FIELD_AS("sigaction", "sa_restorer", struct kernel_sigaction, restorer);
#endif
	FIELD_AS("sigaction", "sa_mask", struct kernel_sigaction, mask);
	SIZE("stack_t", stack_t);
	F("stack_t", stack_t, ss_sp); F("stack_t", stack_t, ss_flags); F("stack_t", stack_t, ss_size);
	/* siginfo_t of asm-generic/siginfo.h (x32: 4-aligned 64-bit si_utime/si_stime) */
	SIZE("siginfo", siginfo_t);
	F("siginfo", siginfo_t, si_signo); F("siginfo", siginfo_t, si_errno);
	F("siginfo", siginfo_t, si_code); F("siginfo", siginfo_t, si_pid);
	F("siginfo", siginfo_t, si_uid); F("siginfo", siginfo_t, si_status);
	F("siginfo", siginfo_t, si_utime); F("siginfo", siginfo_t, si_stime);
	F("siginfo", siginfo_t, si_value); F("siginfo", siginfo_t, si_addr);
	FIELD_AS("siginfo", "si_value.sival_int", siginfo_t, si_int);
	FIELD_AS("siginfo", "si_value.sival_ptr", siginfo_t, si_ptr);
	F("siginfo", siginfo_t, si_band); F("siginfo", siginfo_t, si_fd);
	FIELD_AS("siginfo", "si_timerid", siginfo_t, si_tid); F("siginfo", siginfo_t, si_overrun);
	F("siginfo", siginfo_t, si_call_addr); F("siginfo", siginfo_t, si_syscall);
	F("siginfo", siginfo_t, si_arch);
	SIZE("sigevent", struct sigevent);
	F("sigevent", struct sigevent, sigev_value); F("sigevent", struct sigevent, sigev_signo);
	F("sigevent", struct sigevent, sigev_value.sival_int);
	F("sigevent", struct sigevent, sigev_value.sival_ptr);
	F("sigevent", struct sigevent, sigev_notify);
	F("sigevent", struct sigevent, sigev_notify_thread_id);
	F("sigevent", struct sigevent, sigev_notify_function);
	F("sigevent", struct sigevent, sigev_notify_attributes);
}

static void poll_structs(void)
{
	SIZE("pollfd", struct pollfd);
	F("pollfd", struct pollfd, fd); F("pollfd", struct pollfd, events);
	F("pollfd", struct pollfd, revents);
	SIZE("epoll_event", struct epoll_event);
	F("epoll_event", struct epoll_event, events); F("epoll_event", struct epoll_event, data);
}

void layouts_kernel(void)
{
	stat_family();
	time_structs();
	signal_structs();
	poll_structs();
}
