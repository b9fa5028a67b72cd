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
#include <linux/ptrace.h>
#include <linux/quota.h>
#include <linux/dqblk_xfs.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/un.h>
#include <linux/netlink.h>
#include <linux/if_packet.h>
#include <linux/if_addr.h>
#include <linux/filter.h>
#include <linux/uio.h>
#include <linux/poll.h>
#include <linux/eventpoll.h>
#include <linux/resource.h>
#include <linux/times.h>
#include <asm/fcntl.h>
#include <linux/openat2.h>
#include <linux/mount.h>
#include <linux/utime.h>
#include <linux/sched.h>
#include <linux/sched/types.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <linux/kcmp.h>
#include <linux/sysctl.h>
#include <linux/ipc.h>
#include <linux/shm.h>
#include <linux/sem.h>
#include <linux/msg.h>
#include <linux/mqueue.h>
#include <linux/fs.h>
#include <linux/fiemap.h>
#include <linux/blkpg.h>
#include <linux/blktrace_api.h>
#include <linux/counter.h>
#include <linux/hdreg.h>
#include <linux/gpio.h>
#include <linux/kd.h>
#include <linux/loop.h>
#include <linux/ptp_clock.h>
#include <linux/rtc.h>
#include <linux/userfaultfd.h>
#include <linux/dm-ioctl.h>
#include <mtd/mtd-abi.h>
#include <mtd/ubi-user.h>
#include <asm/termios.h>
#include <linux/futex.h>
#include <linux/utsname.h>
#include <linux/sysinfo.h>
#include <linux/bpf.h>
#if defined(__i386__) || defined(__x86_64__)
#include <asm/ldt.h>
#endif

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
	/* statfs64/fstatfs64 (the same header; packed on arm) */
	SIZE("statfs64", struct statfs64);
	FIELD("statfs64", struct statfs64, f_type); FIELD("statfs64", struct statfs64, f_bsize);
	FIELD("statfs64", struct statfs64, f_blocks); FIELD("statfs64", struct statfs64, f_bfree);
	FIELD("statfs64", struct statfs64, f_bavail); FIELD("statfs64", struct statfs64, f_files);
	FIELD("statfs64", struct statfs64, f_ffree); FIELD("statfs64", struct statfs64, f_fsid);
	FIELD("statfs64", struct statfs64, f_namelen);
	FIELD("statfs64", struct statfs64, f_frsize);
	FIELD("statfs64", struct statfs64, f_flags);
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
	F("siginfo", siginfo_t, si_addr_lsb); F("siginfo", siginfo_t, si_lower);
	F("siginfo", siginfo_t, si_upper); F("siginfo", siginfo_t, si_pkey);
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

/* socket option values (decode/sockopt/) */
static void sockopt_structs(void)
{
	SIZE("ip_mreq", struct ip_mreq);
	F("ip_mreq", struct ip_mreq, imr_multiaddr); F("ip_mreq", struct ip_mreq, imr_interface);
	SIZE("ipv6_mreq", struct ipv6_mreq);
	F("ipv6_mreq", struct ipv6_mreq, ipv6mr_multiaddr);
	F("ipv6_mreq", struct ipv6_mreq, ipv6mr_ifindex);
	SIZE("tpacket_req", struct tpacket_req);
	F("tpacket_req", struct tpacket_req, tp_block_size);
	F("tpacket_req", struct tpacket_req, tp_block_nr);
	F("tpacket_req", struct tpacket_req, tp_frame_size);
	F("tpacket_req", struct tpacket_req, tp_frame_nr);
	SIZE("packet_mreq", struct packet_mreq);
	F("packet_mreq", struct packet_mreq, mr_ifindex); F("packet_mreq", struct packet_mreq, mr_type);
	F("packet_mreq", struct packet_mreq, mr_alen);
	F("packet_mreq", struct packet_mreq, mr_address);
	SIZE("tpacket_stats_v3", struct tpacket_stats_v3);
	F("tpacket_stats_v3", struct tpacket_stats_v3, tp_packets);
	F("tpacket_stats_v3", struct tpacket_stats_v3, tp_drops);
	F("tpacket_stats_v3", struct tpacket_stats_v3, tp_freeze_q_cnt);
	SIZE("sock_filter", struct sock_filter);
	F("sock_filter", struct sock_filter, code); F("sock_filter", struct sock_filter, jt);
	F("sock_filter", struct sock_filter, jf); F("sock_filter", struct sock_filter, k);
	SIZE("sock_fprog", struct sock_fprog);
	F("sock_fprog", struct sock_fprog, len); F("sock_fprog", struct sock_fprog, filter);
}

static void net_structs(void)
{
	SIZE("sockaddr_in", struct sockaddr_in);
	F("sockaddr_in", struct sockaddr_in, sin_family); F("sockaddr_in", struct sockaddr_in, sin_port);
	F("sockaddr_in", struct sockaddr_in, sin_addr);
	SIZE("sockaddr_in6", struct sockaddr_in6);
	F("sockaddr_in6", struct sockaddr_in6, sin6_family);
	F("sockaddr_in6", struct sockaddr_in6, sin6_port);
	F("sockaddr_in6", struct sockaddr_in6, sin6_flowinfo);
	F("sockaddr_in6", struct sockaddr_in6, sin6_addr);
	F("sockaddr_in6", struct sockaddr_in6, sin6_scope_id);
	SIZE("sockaddr_un", struct sockaddr_un);
	F("sockaddr_un", struct sockaddr_un, sun_family); F("sockaddr_un", struct sockaddr_un, sun_path);
	SIZE("sockaddr_nl", struct sockaddr_nl);
	F("sockaddr_nl", struct sockaddr_nl, nl_family); F("sockaddr_nl", struct sockaddr_nl, nl_pid);
	F("sockaddr_nl", struct sockaddr_nl, nl_groups);
	SIZE("sockaddr_ll", struct sockaddr_ll);
	F("sockaddr_ll", struct sockaddr_ll, sll_family);
	F("sockaddr_ll", struct sockaddr_ll, sll_protocol);
	F("sockaddr_ll", struct sockaddr_ll, sll_ifindex);
	F("sockaddr_ll", struct sockaddr_ll, sll_hatype);
	F("sockaddr_ll", struct sockaddr_ll, sll_pkttype);
	F("sockaddr_ll", struct sockaddr_ll, sll_halen); F("sockaddr_ll", struct sockaddr_ll, sll_addr);
	SIZE("nlmsghdr", struct nlmsghdr);
	F("nlmsghdr", struct nlmsghdr, nlmsg_len); F("nlmsghdr", struct nlmsghdr, nlmsg_type);
	F("nlmsghdr", struct nlmsghdr, nlmsg_flags); F("nlmsghdr", struct nlmsghdr, nlmsg_seq);
	F("nlmsghdr", struct nlmsghdr, nlmsg_pid);
	SIZE("ifaddrmsg", struct ifaddrmsg);
	F("ifaddrmsg", struct ifaddrmsg, ifa_family); F("ifaddrmsg", struct ifaddrmsg, ifa_prefixlen);
	F("ifaddrmsg", struct ifaddrmsg, ifa_flags); F("ifaddrmsg", struct ifaddrmsg, ifa_scope);
	F("ifaddrmsg", struct ifaddrmsg, ifa_index);
	SIZE("iovec", struct iovec);
	F("iovec", struct iovec, iov_base); F("iovec", struct iovec, iov_len);
}

/* the kernel's struct linux_dirent of getdents (fs/readdir.c; not in the uapi headers): its
 * unsigned longs are 64-bit for x32, which enters the common 64-bit getdents */
struct linux_dirent {
	__kernel_ulong_t d_ino;
	__kernel_ulong_t d_off;
	unsigned short d_reclen;
	char d_name[1];
};
/* struct linux_dirent64 of getdents64 (include/linux/dirent.h) */
struct linux_dirent64 {
	__u64 d_ino;
	__s64 d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[1];
};

static void file_structs(void)
{
	SIZE("flock", struct flock);
	F("flock", struct flock, l_type); F("flock", struct flock, l_whence);
	F("flock", struct flock, l_start); F("flock", struct flock, l_len);
	F("flock", struct flock, l_pid);
#ifdef ABI_TIME32
	SIZE("flock64", struct flock64);       /* fcntl64's F_*LK64 and the OFD locks */
	F("flock64", struct flock64, l_type); F("flock64", struct flock64, l_whence);
	F("flock64", struct flock64, l_start); F("flock64", struct flock64, l_len);
	F("flock64", struct flock64, l_pid);
#endif
	SIZE("f_owner_ex", struct f_owner_ex);
	F("f_owner_ex", struct f_owner_ex, type); F("f_owner_ex", struct f_owner_ex, pid);
	SIZE("open_how", struct open_how);
	F("open_how", struct open_how, flags); F("open_how", struct open_how, mode);
	F("open_how", struct open_how, resolve);
	SIZE("linux_dirent", struct linux_dirent); SIZE("linux_dirent64", struct linux_dirent64);
	F("linux_dirent", struct linux_dirent, d_ino); F("linux_dirent", struct linux_dirent, d_off);
	F("linux_dirent", struct linux_dirent, d_reclen);
	EMIT("linux_dirent d_name", offsetof(struct linux_dirent, d_name), 0);
	F("linux_dirent64", struct linux_dirent64, d_ino);
	F("linux_dirent64", struct linux_dirent64, d_off);
	F("linux_dirent64", struct linux_dirent64, d_reclen);
	F("linux_dirent64", struct linux_dirent64, d_type);
	EMIT("linux_dirent64 d_name", offsetof(struct linux_dirent64, d_name), 0);
	SIZE("termios", struct termios);
	F("termios", struct termios, c_iflag); F("termios", struct termios, c_oflag);
	F("termios", struct termios, c_cflag); F("termios", struct termios, c_lflag);
	F("termios", struct termios, c_line); F("termios", struct termios, c_cc);
#ifdef __powerpc64__                    /* powerpc's termios has the speeds, and no termios2 */
	F("termios", struct termios, c_ispeed); F("termios", struct termios, c_ospeed);
#else
	SIZE("termios2", struct termios2);
	F("termios2", struct termios2, c_iflag); F("termios2", struct termios2, c_oflag);
	F("termios2", struct termios2, c_cflag); F("termios2", struct termios2, c_lflag);
	F("termios2", struct termios2, c_line); F("termios2", struct termios2, c_cc);
	F("termios2", struct termios2, c_ispeed); F("termios2", struct termios2, c_ospeed);
#endif
	SIZE("termio", struct termio);
	F("termio", struct termio, c_iflag); F("termio", struct termio, c_oflag);
	F("termio", struct termio, c_cflag); F("termio", struct termio, c_lflag);
	F("termio", struct termio, c_line); F("termio", struct termio, c_cc);
	SIZE("winsize", struct winsize);
	F("winsize", struct winsize, ws_row); F("winsize", struct winsize, ws_col);
	F("winsize", struct winsize, ws_xpixel); F("winsize", struct winsize, ws_ypixel);
	SIZE("file_clone_range", struct file_clone_range);
	F("file_clone_range", struct file_clone_range, src_fd);
	F("file_clone_range", struct file_clone_range, src_offset);
	F("file_clone_range", struct file_clone_range, src_length);
	F("file_clone_range", struct file_clone_range, dest_offset);
	SIZE("file_dedupe_range", struct file_dedupe_range);
	F("file_dedupe_range", struct file_dedupe_range, src_offset);
	F("file_dedupe_range", struct file_dedupe_range, src_length);
	F("file_dedupe_range", struct file_dedupe_range, dest_count);
	SIZE("file_dedupe_range_info", struct file_dedupe_range_info);
	F("file_dedupe_range_info", struct file_dedupe_range_info, dest_fd);
	F("file_dedupe_range_info", struct file_dedupe_range_info, dest_offset);
	F("file_dedupe_range_info", struct file_dedupe_range_info, bytes_deduped);
	F("file_dedupe_range_info", struct file_dedupe_range_info, status);
	SIZE("fstrim_range", struct fstrim_range);
	F("fstrim_range", struct fstrim_range, start); F("fstrim_range", struct fstrim_range, len);
	F("fstrim_range", struct fstrim_range, minlen);
	SIZE("fsxattr", struct fsxattr);
	F("fsxattr", struct fsxattr, fsx_xflags); F("fsxattr", struct fsxattr, fsx_extsize);
	F("fsxattr", struct fsxattr, fsx_nextents); F("fsxattr", struct fsxattr, fsx_projid);
	F("fsxattr", struct fsxattr, fsx_cowextsize);
	SIZE("fiemap", struct fiemap);
	F("fiemap", struct fiemap, fm_start); F("fiemap", struct fiemap, fm_length);
	F("fiemap", struct fiemap, fm_flags); F("fiemap", struct fiemap, fm_mapped_extents);
	F("fiemap", struct fiemap, fm_extent_count);
	SIZE("blkpg_ioctl_arg", struct blkpg_ioctl_arg);
	F("blkpg_ioctl_arg", struct blkpg_ioctl_arg, op);
	F("blkpg_ioctl_arg", struct blkpg_ioctl_arg, flags);
	F("blkpg_ioctl_arg", struct blkpg_ioctl_arg, datalen);
	F("blkpg_ioctl_arg", struct blkpg_ioctl_arg, data);
	SIZE("blkpg_partition", struct blkpg_partition);
	F("blkpg_partition", struct blkpg_partition, start);
	F("blkpg_partition", struct blkpg_partition, length);
	F("blkpg_partition", struct blkpg_partition, pno);
	F("blkpg_partition", struct blkpg_partition, devname);
	F("blkpg_partition", struct blkpg_partition, volname);
	SIZE("counter_watch", struct counter_watch);
	F("counter_watch", struct counter_watch, component);
	F("counter_watch", struct counter_watch, component.type);
	F("counter_watch", struct counter_watch, component.scope);
	F("counter_watch", struct counter_watch, component.parent);
	F("counter_watch", struct counter_watch, component.id);
	F("counter_watch", struct counter_watch, event);
	F("counter_watch", struct counter_watch, channel);
	SIZE("seccomp_notif", struct seccomp_notif);
	F("seccomp_notif", struct seccomp_notif, id);
	F("seccomp_notif", struct seccomp_notif, pid);
	F("seccomp_notif", struct seccomp_notif, flags);
	F("seccomp_notif", struct seccomp_notif, data);
	F("seccomp_notif", struct seccomp_notif, data.nr);
	F("seccomp_notif", struct seccomp_notif, data.arch);
	F("seccomp_notif", struct seccomp_notif, data.instruction_pointer);
	F("seccomp_notif", struct seccomp_notif, data.args);
	SIZE("seccomp_notif_resp", struct seccomp_notif_resp);
	F("seccomp_notif_resp", struct seccomp_notif_resp, id);
	F("seccomp_notif_resp", struct seccomp_notif_resp, val);
	F("seccomp_notif_resp", struct seccomp_notif_resp, error);
	F("seccomp_notif_resp", struct seccomp_notif_resp, flags);
	SIZE("seccomp_notif_addfd", struct seccomp_notif_addfd);
	F("seccomp_notif_addfd", struct seccomp_notif_addfd, id);
	F("seccomp_notif_addfd", struct seccomp_notif_addfd, flags);
	F("seccomp_notif_addfd", struct seccomp_notif_addfd, srcfd);
	F("seccomp_notif_addfd", struct seccomp_notif_addfd, newfd);
	F("seccomp_notif_addfd", struct seccomp_notif_addfd, newfd_flags);
	SIZE("uffdio_range", struct uffdio_range);
	F("uffdio_range", struct uffdio_range, start);
	F("uffdio_range", struct uffdio_range, len);
	SIZE("uffdio_api", struct uffdio_api);
	F("uffdio_api", struct uffdio_api, api);
	F("uffdio_api", struct uffdio_api, features);
	F("uffdio_api", struct uffdio_api, ioctls);
	SIZE("uffdio_register", struct uffdio_register);
	F("uffdio_register", struct uffdio_register, range);
	F("uffdio_register", struct uffdio_register, range.start);
	F("uffdio_register", struct uffdio_register, range.len);
	F("uffdio_register", struct uffdio_register, mode);
	F("uffdio_register", struct uffdio_register, ioctls);
	SIZE("uffdio_copy", struct uffdio_copy);
	F("uffdio_copy", struct uffdio_copy, dst);
	F("uffdio_copy", struct uffdio_copy, src);
	F("uffdio_copy", struct uffdio_copy, len);
	F("uffdio_copy", struct uffdio_copy, mode);
	F("uffdio_copy", struct uffdio_copy, copy);
	SIZE("uffdio_zeropage", struct uffdio_zeropage);
	F("uffdio_zeropage", struct uffdio_zeropage, range);
	F("uffdio_zeropage", struct uffdio_zeropage, range.start);
	F("uffdio_zeropage", struct uffdio_zeropage, range.len);
	F("uffdio_zeropage", struct uffdio_zeropage, mode);
	F("uffdio_zeropage", struct uffdio_zeropage, zeropage);
	SIZE("hd_geometry", struct hd_geometry);
	F("hd_geometry", struct hd_geometry, heads); F("hd_geometry", struct hd_geometry, sectors);
	F("hd_geometry", struct hd_geometry, cylinders); F("hd_geometry", struct hd_geometry, start);
	SIZE("hd_drive_cmd_hdr", struct hd_drive_cmd_hdr);
	F("hd_drive_cmd_hdr", struct hd_drive_cmd_hdr, command);
	F("hd_drive_cmd_hdr", struct hd_drive_cmd_hdr, sector_number);
	F("hd_drive_cmd_hdr", struct hd_drive_cmd_hdr, feature);
	F("hd_drive_cmd_hdr", struct hd_drive_cmd_hdr, sector_count);
	SIZE("gpiochip_info", struct gpiochip_info);
	F("gpiochip_info", struct gpiochip_info, name); F("gpiochip_info", struct gpiochip_info, label);
	F("gpiochip_info", struct gpiochip_info, lines);
	SIZE("gpioline_info", struct gpioline_info);
	F("gpioline_info", struct gpioline_info, line_offset);
	F("gpioline_info", struct gpioline_info, flags); F("gpioline_info", struct gpioline_info, name);
	F("gpioline_info", struct gpioline_info, consumer);
	SIZE("gpiohandle_request", struct gpiohandle_request);
	F("gpiohandle_request", struct gpiohandle_request, lineoffsets);
	F("gpiohandle_request", struct gpiohandle_request, flags);
	F("gpiohandle_request", struct gpiohandle_request, default_values);
	F("gpiohandle_request", struct gpiohandle_request, consumer_label);
	F("gpiohandle_request", struct gpiohandle_request, lines);
	F("gpiohandle_request", struct gpiohandle_request, fd);
	SIZE("gpiohandle_config", struct gpiohandle_config);
	F("gpiohandle_config", struct gpiohandle_config, flags);
	F("gpiohandle_config", struct gpiohandle_config, default_values);
	SIZE("gpiohandle_data", struct gpiohandle_data);
	F("gpiohandle_data", struct gpiohandle_data, values);
	SIZE("gpioevent_request", struct gpioevent_request);
	F("gpioevent_request", struct gpioevent_request, lineoffset);
	F("gpioevent_request", struct gpioevent_request, handleflags);
	F("gpioevent_request", struct gpioevent_request, eventflags);
	F("gpioevent_request", struct gpioevent_request, consumer_label);
	F("gpioevent_request", struct gpioevent_request, fd);
	SIZE("gpio_v2_line_values", struct gpio_v2_line_values);
	F("gpio_v2_line_values", struct gpio_v2_line_values, bits);
	F("gpio_v2_line_values", struct gpio_v2_line_values, mask);
	SIZE("gpio_v2_line_attribute", struct gpio_v2_line_attribute);
	F("gpio_v2_line_attribute", struct gpio_v2_line_attribute, id);
	F("gpio_v2_line_attribute", struct gpio_v2_line_attribute, padding);
	F("gpio_v2_line_attribute", struct gpio_v2_line_attribute, flags);
	F("gpio_v2_line_attribute", struct gpio_v2_line_attribute, values);
	F("gpio_v2_line_attribute", struct gpio_v2_line_attribute, debounce_period_us);
	SIZE("gpio_v2_line_config_attribute", struct gpio_v2_line_config_attribute);
	F("gpio_v2_line_config_attribute", struct gpio_v2_line_config_attribute, attr);
	F("gpio_v2_line_config_attribute", struct gpio_v2_line_config_attribute, attr.id);
	F("gpio_v2_line_config_attribute", struct gpio_v2_line_config_attribute, attr.padding);
	F("gpio_v2_line_config_attribute", struct gpio_v2_line_config_attribute, attr.flags);
	F("gpio_v2_line_config_attribute", struct gpio_v2_line_config_attribute, attr.values);
	F("gpio_v2_line_config_attribute", struct gpio_v2_line_config_attribute, attr.debounce_period_us);
	F("gpio_v2_line_config_attribute", struct gpio_v2_line_config_attribute, mask);
	SIZE("gpio_v2_line_config", struct gpio_v2_line_config);
	F("gpio_v2_line_config", struct gpio_v2_line_config, flags);
	F("gpio_v2_line_config", struct gpio_v2_line_config, num_attrs);
	F("gpio_v2_line_config", struct gpio_v2_line_config, padding);
	F("gpio_v2_line_config", struct gpio_v2_line_config, attrs);
	SIZE("gpio_v2_line_request", struct gpio_v2_line_request);
	F("gpio_v2_line_request", struct gpio_v2_line_request, offsets);
	F("gpio_v2_line_request", struct gpio_v2_line_request, consumer);
	F("gpio_v2_line_request", struct gpio_v2_line_request, config);
	F("gpio_v2_line_request", struct gpio_v2_line_request, config.flags);
	F("gpio_v2_line_request", struct gpio_v2_line_request, config.num_attrs);
	F("gpio_v2_line_request", struct gpio_v2_line_request, config.padding);
	F("gpio_v2_line_request", struct gpio_v2_line_request, config.attrs);
	F("gpio_v2_line_request", struct gpio_v2_line_request, num_lines);
	F("gpio_v2_line_request", struct gpio_v2_line_request, event_buffer_size);
	F("gpio_v2_line_request", struct gpio_v2_line_request, padding);
	F("gpio_v2_line_request", struct gpio_v2_line_request, fd);
	SIZE("gpio_v2_line_info", struct gpio_v2_line_info);
	F("gpio_v2_line_info", struct gpio_v2_line_info, name);
	F("gpio_v2_line_info", struct gpio_v2_line_info, consumer);
	F("gpio_v2_line_info", struct gpio_v2_line_info, offset);
	F("gpio_v2_line_info", struct gpio_v2_line_info, num_attrs);
	F("gpio_v2_line_info", struct gpio_v2_line_info, flags);
	F("gpio_v2_line_info", struct gpio_v2_line_info, attrs);
	F("gpio_v2_line_info", struct gpio_v2_line_info, padding);
	SIZE("kbentry", struct kbentry);
	F("kbentry", struct kbentry, kb_table); F("kbentry", struct kbentry, kb_index);
	F("kbentry", struct kbentry, kb_value);
	SIZE("kbkeycode", struct kbkeycode);
	F("kbkeycode", struct kbkeycode, scancode); F("kbkeycode", struct kbkeycode, keycode);
	SIZE("kbd_repeat", struct kbd_repeat);
	F("kbd_repeat", struct kbd_repeat, delay); F("kbd_repeat", struct kbd_repeat, period);
	SIZE("unimapinit", struct unimapinit);
	F("unimapinit", struct unimapinit, advised_hashsize);
	F("unimapinit", struct unimapinit, advised_hashstep);
	F("unimapinit", struct unimapinit, advised_hashlevel);
	SIZE("unimapdesc", struct unimapdesc);
	F("unimapdesc", struct unimapdesc, entry_ct); F("unimapdesc", struct unimapdesc, entries);
	SIZE("consolefontdesc", struct consolefontdesc);
	F("consolefontdesc", struct consolefontdesc, charcount);
	F("consolefontdesc", struct consolefontdesc, charheight);
	F("consolefontdesc", struct consolefontdesc, chardata);
	SIZE("console_font_op", struct console_font_op);
	F("console_font_op", struct console_font_op, op);
	F("console_font_op", struct console_font_op, flags);
	F("console_font_op", struct console_font_op, width);
	F("console_font_op", struct console_font_op, height);
	F("console_font_op", struct console_font_op, charcount);
	F("console_font_op", struct console_font_op, data);
	SIZE("loop_info", struct loop_info);
	F("loop_info", struct loop_info, lo_number);
	F("loop_info", struct loop_info, lo_device);
	F("loop_info", struct loop_info, lo_inode);
	F("loop_info", struct loop_info, lo_rdevice);
	F("loop_info", struct loop_info, lo_offset);
	F("loop_info", struct loop_info, lo_encrypt_type);
	F("loop_info", struct loop_info, lo_encrypt_key_size);
	F("loop_info", struct loop_info, lo_flags);
	F("loop_info", struct loop_info, lo_name);
	F("loop_info", struct loop_info, lo_encrypt_key);
	F("loop_info", struct loop_info, lo_init);
	F("loop_info", struct loop_info, reserved);
	SIZE("loop_info64", struct loop_info64);
	F("loop_info64", struct loop_info64, lo_device);
	F("loop_info64", struct loop_info64, lo_inode);
	F("loop_info64", struct loop_info64, lo_rdevice);
	F("loop_info64", struct loop_info64, lo_offset);
	F("loop_info64", struct loop_info64, lo_sizelimit);
	F("loop_info64", struct loop_info64, lo_number);
	F("loop_info64", struct loop_info64, lo_encrypt_type);
	F("loop_info64", struct loop_info64, lo_encrypt_key_size);
	F("loop_info64", struct loop_info64, lo_flags);
	F("loop_info64", struct loop_info64, lo_file_name);
	F("loop_info64", struct loop_info64, lo_crypt_name);
	F("loop_info64", struct loop_info64, lo_encrypt_key);
	F("loop_info64", struct loop_info64, lo_init);
	SIZE("loop_config", struct loop_config);
	F("loop_config", struct loop_config, fd);
	F("loop_config", struct loop_config, block_size);
	F("loop_config", struct loop_config, info);
	F("loop_config", struct loop_config, info.lo_device);
	F("loop_config", struct loop_config, info.lo_inode);
	F("loop_config", struct loop_config, info.lo_rdevice);
	F("loop_config", struct loop_config, info.lo_offset);
	F("loop_config", struct loop_config, info.lo_sizelimit);
	F("loop_config", struct loop_config, info.lo_number);
	F("loop_config", struct loop_config, info.lo_encrypt_type);
	F("loop_config", struct loop_config, info.lo_encrypt_key_size);
	F("loop_config", struct loop_config, info.lo_flags);
	F("loop_config", struct loop_config, info.lo_file_name);
	F("loop_config", struct loop_config, info.lo_crypt_name);
	F("loop_config", struct loop_config, info.lo_encrypt_key);
	F("loop_config", struct loop_config, info.lo_init);
	F("loop_config", struct loop_config, __reserved);
	SIZE("blk_user_trace_setup", struct blk_user_trace_setup);
	F("blk_user_trace_setup", struct blk_user_trace_setup, name);
	F("blk_user_trace_setup", struct blk_user_trace_setup, act_mask);
	F("blk_user_trace_setup", struct blk_user_trace_setup, buf_size);
	F("blk_user_trace_setup", struct blk_user_trace_setup, buf_nr);
	F("blk_user_trace_setup", struct blk_user_trace_setup, start_lba);
	F("blk_user_trace_setup", struct blk_user_trace_setup, end_lba);
	F("blk_user_trace_setup", struct blk_user_trace_setup, pid);
	SIZE("fiemap_extent", struct fiemap_extent);
	F("fiemap_extent", struct fiemap_extent, fe_logical);
	F("fiemap_extent", struct fiemap_extent, fe_physical);
	F("fiemap_extent", struct fiemap_extent, fe_length);
	F("fiemap_extent", struct fiemap_extent, fe_flags);
}

static void process_structs(void)
{
	SIZE("rlimit", struct rlimit);
	F("rlimit", struct rlimit, rlim_cur); F("rlimit", struct rlimit, rlim_max);
	SIZE("rlimit64", struct rlimit64);
	F("rlimit64", struct rlimit64, rlim_cur); F("rlimit64", struct rlimit64, rlim_max);
	SIZE("rusage", struct rusage);
	TV("rusage", struct rusage, ru_utime); TV("rusage", struct rusage, ru_stime);
	F("rusage", struct rusage, ru_maxrss); F("rusage", struct rusage, ru_ixrss);
	F("rusage", struct rusage, ru_idrss); F("rusage", struct rusage, ru_isrss);
	F("rusage", struct rusage, ru_minflt); F("rusage", struct rusage, ru_majflt);
	F("rusage", struct rusage, ru_nswap); F("rusage", struct rusage, ru_inblock);
	F("rusage", struct rusage, ru_oublock); F("rusage", struct rusage, ru_msgsnd);
	F("rusage", struct rusage, ru_msgrcv); F("rusage", struct rusage, ru_nsignals);
	F("rusage", struct rusage, ru_nvcsw); F("rusage", struct rusage, ru_nivcsw);
	SIZE("tms", struct tms);
	F("tms", struct tms, tms_utime); F("tms", struct tms, tms_stime);
	F("tms", struct tms, tms_cutime); F("tms", struct tms, tms_cstime);
	SIZE("clone_args", struct clone_args);
	F("clone_args", struct clone_args, flags); F("clone_args", struct clone_args, pidfd);
	F("clone_args", struct clone_args, child_tid); F("clone_args", struct clone_args, parent_tid);
	F("clone_args", struct clone_args, exit_signal); F("clone_args", struct clone_args, stack);
	F("clone_args", struct clone_args, stack_size); F("clone_args", struct clone_args, tls);
	F("clone_args", struct clone_args, set_tid); F("clone_args", struct clone_args, set_tid_size);
	F("clone_args", struct clone_args, cgroup);
	SIZE("mount_attr", struct mount_attr);
	F("mount_attr", struct mount_attr, attr_set); F("mount_attr", struct mount_attr, attr_clr);
	F("mount_attr", struct mount_attr, propagation);
	F("mount_attr", struct mount_attr, userns_fd);
	SIZE("utimbuf", struct utimbuf);
	F("utimbuf", struct utimbuf, actime); F("utimbuf", struct utimbuf, modtime);
	SIZE("sched_param", struct sched_param);
	F("sched_param", struct sched_param, sched_priority);
	SIZE("sock_fprog", struct sock_fprog);
	F("sock_fprog", struct sock_fprog, len); F("sock_fprog", struct sock_fprog, filter);
	SIZE("seccomp_notif_sizes", struct seccomp_notif_sizes);
	F("seccomp_notif_sizes", struct seccomp_notif_sizes, seccomp_notif);
	F("seccomp_notif_sizes", struct seccomp_notif_sizes, seccomp_notif_resp);
	F("seccomp_notif_sizes", struct seccomp_notif_sizes, seccomp_data);
	SIZE("ptrace_peeksiginfo_args", struct ptrace_peeksiginfo_args);
	F("ptrace_peeksiginfo_args", struct ptrace_peeksiginfo_args, off);
	F("ptrace_peeksiginfo_args", struct ptrace_peeksiginfo_args, flags);
	F("ptrace_peeksiginfo_args", struct ptrace_peeksiginfo_args, nr);
	SIZE("seccomp_metadata", struct seccomp_metadata);
	F("seccomp_metadata", struct seccomp_metadata, filter_off);
	F("seccomp_metadata", struct seccomp_metadata, flags);
	SIZE("ptrace_syscall_info", struct ptrace_syscall_info);
	F("ptrace_syscall_info", struct ptrace_syscall_info, op);
	F("ptrace_syscall_info", struct ptrace_syscall_info, arch);
	F("ptrace_syscall_info", struct ptrace_syscall_info, instruction_pointer);
	F("ptrace_syscall_info", struct ptrace_syscall_info, stack_pointer);
	F("ptrace_syscall_info", struct ptrace_syscall_info, entry);
	F("ptrace_syscall_info", struct ptrace_syscall_info, entry.nr);
	F("ptrace_syscall_info", struct ptrace_syscall_info, entry.args);
	F("ptrace_syscall_info", struct ptrace_syscall_info, exit);
	F("ptrace_syscall_info", struct ptrace_syscall_info, exit.rval);
	F("ptrace_syscall_info", struct ptrace_syscall_info, exit.is_error);
	F("ptrace_syscall_info", struct ptrace_syscall_info, seccomp);
	F("ptrace_syscall_info", struct ptrace_syscall_info, seccomp.nr);
	F("ptrace_syscall_info", struct ptrace_syscall_info, seccomp.args);
	F("ptrace_syscall_info", struct ptrace_syscall_info, seccomp.ret_data);
	/* quotactl (linux/quota.h, linux/dqblk_xfs.h) */
#define Q(n, t, m) F(n, t, m)
	SIZE("if_nextdqblk", struct if_nextdqblk);
	Q("if_nextdqblk", struct if_nextdqblk, dqb_bhardlimit);
	Q("if_nextdqblk", struct if_nextdqblk, dqb_bsoftlimit);
	Q("if_nextdqblk", struct if_nextdqblk, dqb_curspace);
	Q("if_nextdqblk", struct if_nextdqblk, dqb_ihardlimit);
	Q("if_nextdqblk", struct if_nextdqblk, dqb_isoftlimit);
	Q("if_nextdqblk", struct if_nextdqblk, dqb_curinodes);
	Q("if_nextdqblk", struct if_nextdqblk, dqb_btime);
	Q("if_nextdqblk", struct if_nextdqblk, dqb_itime);
	Q("if_nextdqblk", struct if_nextdqblk, dqb_valid);
	Q("if_nextdqblk", struct if_nextdqblk, dqb_id);
	SIZE("if_dqinfo", struct if_dqinfo);
	Q("if_dqinfo", struct if_dqinfo, dqi_bgrace); Q("if_dqinfo", struct if_dqinfo, dqi_igrace);
	Q("if_dqinfo", struct if_dqinfo, dqi_flags); Q("if_dqinfo", struct if_dqinfo, dqi_valid);
#define DQ(m) F("fs_disk_quota", struct fs_disk_quota, m)
	SIZE("fs_disk_quota", struct fs_disk_quota);
	DQ(d_version); DQ(d_flags); DQ(d_fieldmask); DQ(d_id); DQ(d_blk_hardlimit);
	DQ(d_blk_softlimit); DQ(d_ino_hardlimit); DQ(d_ino_softlimit); DQ(d_bcount); DQ(d_icount);
	DQ(d_itimer); DQ(d_btimer); DQ(d_iwarns); DQ(d_bwarns); DQ(d_itimer_hi); DQ(d_btimer_hi);
	DQ(d_rtbtimer_hi); DQ(d_rtb_hardlimit); DQ(d_rtb_softlimit); DQ(d_rtbcount);
	DQ(d_rtbtimer); DQ(d_rtbwarns);
#undef DQ
#define QS(m) F("fs_quota_stat", struct fs_quota_stat, m)
	SIZE("fs_quota_stat", struct fs_quota_stat);
	QS(qs_version); QS(qs_flags); QS(qs_uquota); QS(qs_uquota.qfs_ino); QS(qs_uquota.qfs_nblks);
	QS(qs_uquota.qfs_nextents); QS(qs_gquota); QS(qs_gquota.qfs_ino); QS(qs_gquota.qfs_nblks);
	QS(qs_gquota.qfs_nextents); QS(qs_incoredqs); QS(qs_btimelimit); QS(qs_itimelimit);
	QS(qs_rtbtimelimit); QS(qs_bwarnlimit); QS(qs_iwarnlimit);
#undef QS
#define QV(m) F("fs_quota_statv", struct fs_quota_statv, m)
	SIZE("fs_quota_statv", struct fs_quota_statv);
	QV(qs_version); QV(qs_flags); QV(qs_incoredqs); QV(qs_uquota); QV(qs_uquota.qfs_ino);
	QV(qs_uquota.qfs_nblks); QV(qs_uquota.qfs_nextents); QV(qs_gquota); QV(qs_gquota.qfs_ino);
	QV(qs_gquota.qfs_nblks); QV(qs_gquota.qfs_nextents); QV(qs_pquota); QV(qs_pquota.qfs_ino);
	QV(qs_pquota.qfs_nblks); QV(qs_pquota.qfs_nextents); QV(qs_btimelimit); QV(qs_itimelimit);
	QV(qs_rtbtimelimit); QV(qs_bwarnlimit); QV(qs_iwarnlimit);
#undef QV
#undef Q
	SIZE("kcmp_epoll_slot", struct kcmp_epoll_slot);
	F("kcmp_epoll_slot", struct kcmp_epoll_slot, efd); F("kcmp_epoll_slot", struct kcmp_epoll_slot, tfd);
	F("kcmp_epoll_slot", struct kcmp_epoll_slot, toff);
	SIZE("sysctl_args", struct __sysctl_args);
	F("sysctl_args", struct __sysctl_args, name); F("sysctl_args", struct __sysctl_args, nlen);
	F("sysctl_args", struct __sysctl_args, oldval); F("sysctl_args", struct __sysctl_args, oldlenp);
	F("sysctl_args", struct __sysctl_args, newval); F("sysctl_args", struct __sysctl_args, newlen);
	F("sysctl_args", struct __sysctl_args, __unused);
	SIZE("sched_attr", struct sched_attr);
	F("sched_attr", struct sched_attr, size); F("sched_attr", struct sched_attr, sched_policy);
	F("sched_attr", struct sched_attr, sched_flags); F("sched_attr", struct sched_attr, sched_nice);
	F("sched_attr", struct sched_attr, sched_priority);
	F("sched_attr", struct sched_attr, sched_runtime);
	F("sched_attr", struct sched_attr, sched_deadline);
	F("sched_attr", struct sched_attr, sched_period);
	F("sched_attr", struct sched_attr, sched_util_min);
	F("sched_attr", struct sched_attr, sched_util_max);
	SIZE("new_utsname", struct new_utsname);
	F("new_utsname", struct new_utsname, sysname); F("new_utsname", struct new_utsname, nodename);
	F("new_utsname", struct new_utsname, release); F("new_utsname", struct new_utsname, version);
	F("new_utsname", struct new_utsname, machine);
	F("new_utsname", struct new_utsname, domainname);
	SIZE("sysinfo", struct sysinfo);
	F("sysinfo", struct sysinfo, uptime); F("sysinfo", struct sysinfo, loads);
	F("sysinfo", struct sysinfo, totalram); F("sysinfo", struct sysinfo, freeram);
	F("sysinfo", struct sysinfo, sharedram); F("sysinfo", struct sysinfo, bufferram);
	F("sysinfo", struct sysinfo, totalswap); F("sysinfo", struct sysinfo, freeswap);
	F("sysinfo", struct sysinfo, procs); F("sysinfo", struct sysinfo, totalhigh);
	F("sysinfo", struct sysinfo, freehigh); F("sysinfo", struct sysinfo, mem_unit);
	SIZE("futex_waitv", struct futex_waitv);
	F("futex_waitv", struct futex_waitv, val); F("futex_waitv", struct futex_waitv, uaddr);
	F("futex_waitv", struct futex_waitv, flags); F("futex_waitv", struct futex_waitv, __reserved);
}

/* the IPC structs of the *ctl calls with IPC_64 (asm/{ipc,shm,sem,msg}buf.h); i386 and arm
 * split each time into a low and a high unsigned long */
#define PERM(n, t, m) F(n, t, m); F(n, t, m.key); F(n, t, m.uid); F(n, t, m.gid); \
	F(n, t, m.cuid); F(n, t, m.cgid); F(n, t, m.mode); F(n, t, m.seq)
#ifdef ABI_TIME32
#define TIME_HIGH(n, t, m) F(n, t, m); F(n, t, m##_high)
#else
#define TIME_HIGH(n, t, m) F(n, t, m)
#endif

static void ipc_structs(void)
{
	SIZE("shmid64_ds", struct shmid64_ds); PERM("shmid64_ds", struct shmid64_ds, shm_perm);
#ifdef ABI_X32
	/* x32's shmctl is the common 64-bit syscall: the kernel writes a 64-bit size_t, whose low
	 * half is the __kernel_size_t x32's asm/shmbuf.h declares (padding follows it) */
	EMIT("shmid64_ds shm_segsz", offsetof(struct shmid64_ds, shm_segsz), 8);
#else
	F("shmid64_ds", struct shmid64_ds, shm_segsz);
#endif
	TIME_HIGH("shmid64_ds", struct shmid64_ds, shm_atime);
	TIME_HIGH("shmid64_ds", struct shmid64_ds, shm_dtime);
	TIME_HIGH("shmid64_ds", struct shmid64_ds, shm_ctime);
	F("shmid64_ds", struct shmid64_ds, shm_cpid); F("shmid64_ds", struct shmid64_ds, shm_lpid);
	F("shmid64_ds", struct shmid64_ds, shm_nattch);
	SIZE("semid64_ds", struct semid64_ds); PERM("semid64_ds", struct semid64_ds, sem_perm);
	TIME_HIGH("semid64_ds", struct semid64_ds, sem_otime);
	TIME_HIGH("semid64_ds", struct semid64_ds, sem_ctime);
	F("semid64_ds", struct semid64_ds, sem_nsems);
	SIZE("msqid64_ds", struct msqid64_ds); PERM("msqid64_ds", struct msqid64_ds, msg_perm);
	TIME_HIGH("msqid64_ds", struct msqid64_ds, msg_stime);
	TIME_HIGH("msqid64_ds", struct msqid64_ds, msg_rtime);
	TIME_HIGH("msqid64_ds", struct msqid64_ds, msg_ctime);
	F("msqid64_ds", struct msqid64_ds, msg_cbytes); F("msqid64_ds", struct msqid64_ds, msg_qnum);
	F("msqid64_ds", struct msqid64_ds, msg_qbytes);
	F("msqid64_ds", struct msqid64_ds, msg_lspid); F("msqid64_ds", struct msqid64_ds, msg_lrpid);
	SIZE("shminfo64", struct shminfo64);
	F("shminfo64", struct shminfo64, shmmax); F("shminfo64", struct shminfo64, shmmin);
	F("shminfo64", struct shminfo64, shmmni); F("shminfo64", struct shminfo64, shmseg);
	F("shminfo64", struct shminfo64, shmall);
	SIZE("shm_info", struct shm_info);
	F("shm_info", struct shm_info, used_ids); F("shm_info", struct shm_info, shm_tot);
	F("shm_info", struct shm_info, shm_rss); F("shm_info", struct shm_info, shm_swp);
	F("shm_info", struct shm_info, swap_attempts); F("shm_info", struct shm_info, swap_successes);
	SIZE("seminfo", struct seminfo);
	F("seminfo", struct seminfo, semmap); F("seminfo", struct seminfo, semmni);
	F("seminfo", struct seminfo, semmns); F("seminfo", struct seminfo, semmnu);
	F("seminfo", struct seminfo, semmsl); F("seminfo", struct seminfo, semopm);
	F("seminfo", struct seminfo, semume); F("seminfo", struct seminfo, semusz);
	F("seminfo", struct seminfo, semvmx); F("seminfo", struct seminfo, semaem);
	SIZE("msginfo", struct msginfo);
	F("msginfo", struct msginfo, msgpool); F("msginfo", struct msginfo, msgmap);
	F("msginfo", struct msginfo, msgmax); F("msginfo", struct msginfo, msgmnb);
	F("msginfo", struct msginfo, msgmni); F("msginfo", struct msginfo, msgssz);
	F("msginfo", struct msginfo, msgtql); F("msginfo", struct msginfo, msgseg);
	SIZE("msgbuf", struct msgbuf);
	F("msgbuf", struct msgbuf, mtype); F("msgbuf", struct msgbuf, mtext);
	SIZE("sembuf", struct sembuf);
	F("sembuf", struct sembuf, sem_num); F("sembuf", struct sembuf, sem_op);
	F("sembuf", struct sembuf, sem_flg);
	SIZE("mq_attr", struct mq_attr);
	F("mq_attr", struct mq_attr, mq_flags); F("mq_attr", struct mq_attr, mq_maxmsg);
	F("mq_attr", struct mq_attr, mq_msgsize); F("mq_attr", struct mq_attr, mq_curmsgs);
}

/* set_thread_area/get_thread_area (x86 only): three words, then bit fields in one unsigned int,
 * which minitrace reads whole as "flags" (offsetof cannot name a bit field) */
static void ldt_structs(void)
{
#if defined(__i386__) || defined(__x86_64__)
	SIZE("user_desc", struct user_desc);
	F("user_desc", struct user_desc, entry_number); F("user_desc", struct user_desc, base_addr);
	F("user_desc", struct user_desc, limit);
	EMIT("user_desc flags", offsetof(struct user_desc, limit) + sizeof(unsigned int),
	     sizeof(struct user_desc) - offsetof(struct user_desc, limit) - sizeof(unsigned int));
#endif
}

/* PTP clock and RTC ioctl arguments (decode/ioctl/ptp.py, rtc.py) */
#define PTP_TIME(n, t, m) F(n, t, m); F(n, t, m.sec); F(n, t, m.nsec); F(n, t, m.reserved)
static void clock_device_structs(void)
{
	SIZE("ptp_clock_time", struct ptp_clock_time);
	F("ptp_clock_time", struct ptp_clock_time, sec);
	F("ptp_clock_time", struct ptp_clock_time, nsec);
	F("ptp_clock_time", struct ptp_clock_time, reserved);
	SIZE("ptp_clock_caps", struct ptp_clock_caps);
	F("ptp_clock_caps", struct ptp_clock_caps, max_adj);
	F("ptp_clock_caps", struct ptp_clock_caps, n_alarm);
	F("ptp_clock_caps", struct ptp_clock_caps, n_ext_ts);
	F("ptp_clock_caps", struct ptp_clock_caps, n_per_out);
	F("ptp_clock_caps", struct ptp_clock_caps, pps);
	F("ptp_clock_caps", struct ptp_clock_caps, n_pins);
	F("ptp_clock_caps", struct ptp_clock_caps, cross_timestamping);
	F("ptp_clock_caps", struct ptp_clock_caps, adjust_phase);
	F("ptp_clock_caps", struct ptp_clock_caps, rsv);
	SIZE("ptp_extts_request", struct ptp_extts_request);
	F("ptp_extts_request", struct ptp_extts_request, index);
	F("ptp_extts_request", struct ptp_extts_request, flags);
	F("ptp_extts_request", struct ptp_extts_request, rsv);
	SIZE("ptp_perout_request", struct ptp_perout_request);
	PTP_TIME("ptp_perout_request", struct ptp_perout_request, start);
	PTP_TIME("ptp_perout_request", struct ptp_perout_request, period);
	F("ptp_perout_request", struct ptp_perout_request, index);
	F("ptp_perout_request", struct ptp_perout_request, flags);
	PTP_TIME("ptp_perout_request", struct ptp_perout_request, on);
	F("ptp_perout_request", struct ptp_perout_request, rsv);
	SIZE("ptp_sys_offset", struct ptp_sys_offset);
	F("ptp_sys_offset", struct ptp_sys_offset, n_samples);
	F("ptp_sys_offset", struct ptp_sys_offset, rsv);
	F("ptp_sys_offset", struct ptp_sys_offset, ts);
	SIZE("ptp_sys_offset_extended", struct ptp_sys_offset_extended);
	F("ptp_sys_offset_extended", struct ptp_sys_offset_extended, n_samples);
	F("ptp_sys_offset_extended", struct ptp_sys_offset_extended, rsv);
	F("ptp_sys_offset_extended", struct ptp_sys_offset_extended, ts);
	SIZE("ptp_sys_offset_precise", struct ptp_sys_offset_precise);
	PTP_TIME("ptp_sys_offset_precise", struct ptp_sys_offset_precise, device);
	PTP_TIME("ptp_sys_offset_precise", struct ptp_sys_offset_precise, sys_realtime);
	PTP_TIME("ptp_sys_offset_precise", struct ptp_sys_offset_precise, sys_monoraw);
	F("ptp_sys_offset_precise", struct ptp_sys_offset_precise, rsv);
	SIZE("ptp_pin_desc", struct ptp_pin_desc);
	F("ptp_pin_desc", struct ptp_pin_desc, name);
	F("ptp_pin_desc", struct ptp_pin_desc, index);
	F("ptp_pin_desc", struct ptp_pin_desc, func);
	F("ptp_pin_desc", struct ptp_pin_desc, chan);
	F("ptp_pin_desc", struct ptp_pin_desc, rsv);
	SIZE("rtc_time", struct rtc_time);
	F("rtc_time", struct rtc_time, tm_sec); F("rtc_time", struct rtc_time, tm_min);
	F("rtc_time", struct rtc_time, tm_hour); F("rtc_time", struct rtc_time, tm_mday);
	F("rtc_time", struct rtc_time, tm_mon); F("rtc_time", struct rtc_time, tm_year);
	F("rtc_time", struct rtc_time, tm_wday); F("rtc_time", struct rtc_time, tm_yday);
	F("rtc_time", struct rtc_time, tm_isdst);
	SIZE("rtc_wkalrm", struct rtc_wkalrm);
	F("rtc_wkalrm", struct rtc_wkalrm, enabled);
	F("rtc_wkalrm", struct rtc_wkalrm, pending);
	F("rtc_wkalrm", struct rtc_wkalrm, time);
	F("rtc_wkalrm", struct rtc_wkalrm, time.tm_sec); F("rtc_wkalrm", struct rtc_wkalrm, time.tm_min);
	F("rtc_wkalrm", struct rtc_wkalrm, time.tm_hour);
	F("rtc_wkalrm", struct rtc_wkalrm, time.tm_mday);
	F("rtc_wkalrm", struct rtc_wkalrm, time.tm_mon);
	F("rtc_wkalrm", struct rtc_wkalrm, time.tm_year);
	F("rtc_wkalrm", struct rtc_wkalrm, time.tm_wday);
	F("rtc_wkalrm", struct rtc_wkalrm, time.tm_yday);
	F("rtc_wkalrm", struct rtc_wkalrm, time.tm_isdst);
	SIZE("rtc_pll_info", struct rtc_pll_info);
	F("rtc_pll_info", struct rtc_pll_info, pll_ctrl);
	F("rtc_pll_info", struct rtc_pll_info, pll_value);
	F("rtc_pll_info", struct rtc_pll_info, pll_max);
	F("rtc_pll_info", struct rtc_pll_info, pll_min);
	F("rtc_pll_info", struct rtc_pll_info, pll_posmult);
	F("rtc_pll_info", struct rtc_pll_info, pll_negmult);
	F("rtc_pll_info", struct rtc_pll_info, pll_clock);
	SIZE("rtc_param", struct rtc_param);
	F("rtc_param", struct rtc_param, param);
	F("rtc_param", struct rtc_param, uvalue);
	F("rtc_param", struct rtc_param, index);
	F("rtc_param", struct rtc_param, __pad);
}

/* device mapper (decode/ioctl/dm.py): the records' flexible members are not fields there */
static void dm_structs(void)
{
	SIZE("dm_ioctl", struct dm_ioctl);
	F("dm_ioctl", struct dm_ioctl, version);
	F("dm_ioctl", struct dm_ioctl, data_size);
	F("dm_ioctl", struct dm_ioctl, data_start);
	F("dm_ioctl", struct dm_ioctl, target_count);
	F("dm_ioctl", struct dm_ioctl, open_count);
	F("dm_ioctl", struct dm_ioctl, flags);
	F("dm_ioctl", struct dm_ioctl, event_nr);
	F("dm_ioctl", struct dm_ioctl, padding);
	F("dm_ioctl", struct dm_ioctl, dev);
	F("dm_ioctl", struct dm_ioctl, name);
	F("dm_ioctl", struct dm_ioctl, uuid);
	SIZE("dm_target_spec", struct dm_target_spec);
	F("dm_target_spec", struct dm_target_spec, sector_start);
	F("dm_target_spec", struct dm_target_spec, length);
	F("dm_target_spec", struct dm_target_spec, status);
	F("dm_target_spec", struct dm_target_spec, next);
	F("dm_target_spec", struct dm_target_spec, target_type);
	SIZE("dm_target_deps", struct dm_target_deps);
	F("dm_target_deps", struct dm_target_deps, count);
	F("dm_target_deps", struct dm_target_deps, padding);
	SIZE("dm_name_list", struct dm_name_list);
	F("dm_name_list", struct dm_name_list, dev);
	F("dm_name_list", struct dm_name_list, next);
	SIZE("dm_target_versions", struct dm_target_versions);
	F("dm_target_versions", struct dm_target_versions, next);
	F("dm_target_versions", struct dm_target_versions, version);
	SIZE("dm_target_msg", struct dm_target_msg);
	F("dm_target_msg", struct dm_target_msg, sector);
}

/* memory technology devices (decode/ioctl/mtd.py, ubi.py) */
static void mtd_structs(void)
{
	SIZE("erase_info_user", struct erase_info_user);
	F("erase_info_user", struct erase_info_user, start);
	F("erase_info_user", struct erase_info_user, length);
	SIZE("erase_info_user64", struct erase_info_user64);
	F("erase_info_user64", struct erase_info_user64, start);
	F("erase_info_user64", struct erase_info_user64, length);
	SIZE("mtd_oob_buf", struct mtd_oob_buf);
	F("mtd_oob_buf", struct mtd_oob_buf, start);
	F("mtd_oob_buf", struct mtd_oob_buf, length);
	F("mtd_oob_buf", struct mtd_oob_buf, ptr);
	SIZE("mtd_oob_buf64", struct mtd_oob_buf64);
	F("mtd_oob_buf64", struct mtd_oob_buf64, start);
	F("mtd_oob_buf64", struct mtd_oob_buf64, pad);
	F("mtd_oob_buf64", struct mtd_oob_buf64, length);
	F("mtd_oob_buf64", struct mtd_oob_buf64, usr_ptr);
	SIZE("mtd_write_req", struct mtd_write_req);
	F("mtd_write_req", struct mtd_write_req, start);
	F("mtd_write_req", struct mtd_write_req, len);
	F("mtd_write_req", struct mtd_write_req, ooblen);
	F("mtd_write_req", struct mtd_write_req, usr_data);
	F("mtd_write_req", struct mtd_write_req, usr_oob);
	F("mtd_write_req", struct mtd_write_req, mode);
	F("mtd_write_req", struct mtd_write_req, padding);
	SIZE("mtd_info_user", struct mtd_info_user);
	F("mtd_info_user", struct mtd_info_user, type);
	F("mtd_info_user", struct mtd_info_user, flags);
	F("mtd_info_user", struct mtd_info_user, size);
	F("mtd_info_user", struct mtd_info_user, erasesize);
	F("mtd_info_user", struct mtd_info_user, writesize);
	F("mtd_info_user", struct mtd_info_user, oobsize);
	F("mtd_info_user", struct mtd_info_user, padding);
	SIZE("region_info_user", struct region_info_user);
	F("region_info_user", struct region_info_user, offset);
	F("region_info_user", struct region_info_user, erasesize);
	F("region_info_user", struct region_info_user, numblocks);
	F("region_info_user", struct region_info_user, regionindex);
	SIZE("otp_info", struct otp_info);
	F("otp_info", struct otp_info, start);
	F("otp_info", struct otp_info, length);
	F("otp_info", struct otp_info, locked);
	SIZE("nand_oobinfo", struct nand_oobinfo);
	F("nand_oobinfo", struct nand_oobinfo, useecc);
	F("nand_oobinfo", struct nand_oobinfo, eccbytes);
	F("nand_oobinfo", struct nand_oobinfo, oobfree);
	F("nand_oobinfo", struct nand_oobinfo, eccpos);
	SIZE("nand_ecclayout_user", struct nand_ecclayout_user);
	F("nand_ecclayout_user", struct nand_ecclayout_user, eccbytes);
	F("nand_ecclayout_user", struct nand_ecclayout_user, eccpos);
	F("nand_ecclayout_user", struct nand_ecclayout_user, oobavail);
	F("nand_ecclayout_user", struct nand_ecclayout_user, oobfree);
	SIZE("mtd_ecc_stats", struct mtd_ecc_stats);
	F("mtd_ecc_stats", struct mtd_ecc_stats, corrected);
	F("mtd_ecc_stats", struct mtd_ecc_stats, failed);
	F("mtd_ecc_stats", struct mtd_ecc_stats, badblocks);
	F("mtd_ecc_stats", struct mtd_ecc_stats, bbtblocks);
	/* UBI (decode/ioctl/ubi.py) */
	SIZE("ubi_attach_req", struct ubi_attach_req);
	F("ubi_attach_req", struct ubi_attach_req, ubi_num);
	F("ubi_attach_req", struct ubi_attach_req, mtd_num);
	F("ubi_attach_req", struct ubi_attach_req, vid_hdr_offset);
	F("ubi_attach_req", struct ubi_attach_req, max_beb_per1024);
	F("ubi_attach_req", struct ubi_attach_req, disable_fm);
	F("ubi_attach_req", struct ubi_attach_req, padding);
	SIZE("ubi_mkvol_req", struct ubi_mkvol_req);
	F("ubi_mkvol_req", struct ubi_mkvol_req, vol_id);
	F("ubi_mkvol_req", struct ubi_mkvol_req, alignment);
	F("ubi_mkvol_req", struct ubi_mkvol_req, bytes);
	F("ubi_mkvol_req", struct ubi_mkvol_req, vol_type);
	F("ubi_mkvol_req", struct ubi_mkvol_req, flags);
	F("ubi_mkvol_req", struct ubi_mkvol_req, name_len);
	F("ubi_mkvol_req", struct ubi_mkvol_req, padding2);
	F("ubi_mkvol_req", struct ubi_mkvol_req, name);
	SIZE("ubi_rsvol_req", struct ubi_rsvol_req);
	F("ubi_rsvol_req", struct ubi_rsvol_req, bytes);
	F("ubi_rsvol_req", struct ubi_rsvol_req, vol_id);
	SIZE("ubi_rnvol_req", struct ubi_rnvol_req);
	F("ubi_rnvol_req", struct ubi_rnvol_req, count);
	F("ubi_rnvol_req", struct ubi_rnvol_req, padding1);
	F("ubi_rnvol_req", struct ubi_rnvol_req, ents);
	SIZE("ubi_leb_change_req", struct ubi_leb_change_req);
	F("ubi_leb_change_req", struct ubi_leb_change_req, lnum);
	F("ubi_leb_change_req", struct ubi_leb_change_req, bytes);
	F("ubi_leb_change_req", struct ubi_leb_change_req, dtype);
	F("ubi_leb_change_req", struct ubi_leb_change_req, padding);
	SIZE("ubi_map_req", struct ubi_map_req);
	F("ubi_map_req", struct ubi_map_req, lnum);
	F("ubi_map_req", struct ubi_map_req, dtype);
	F("ubi_map_req", struct ubi_map_req, padding);
	SIZE("ubi_set_vol_prop_req", struct ubi_set_vol_prop_req);
	F("ubi_set_vol_prop_req", struct ubi_set_vol_prop_req, property);
	F("ubi_set_vol_prop_req", struct ubi_set_vol_prop_req, padding);
	F("ubi_set_vol_prop_req", struct ubi_set_vol_prop_req, value);
}

/* BPF_OBJ_GET_INFO_BY_FD's info structs (decode/bpf/mapinfo.py, proginfo.py) */
#define BPF_MAP_INFO(m) F("bpf_map_info", struct bpf_map_info, m)
#define BPF_PROG_INFO(m) F("bpf_prog_info", struct bpf_prog_info, m)
static void bpf_structs(void)
{
	SIZE("bpf_map_info", struct bpf_map_info);
	BPF_MAP_INFO(type); BPF_MAP_INFO(id); BPF_MAP_INFO(key_size); BPF_MAP_INFO(value_size);
	BPF_MAP_INFO(max_entries); BPF_MAP_INFO(map_flags); BPF_MAP_INFO(name);
	BPF_MAP_INFO(ifindex); BPF_MAP_INFO(btf_vmlinux_value_type_id); BPF_MAP_INFO(netns_dev);
	BPF_MAP_INFO(netns_ino); BPF_MAP_INFO(btf_id); BPF_MAP_INFO(btf_key_type_id);
	BPF_MAP_INFO(btf_value_type_id); BPF_MAP_INFO(map_extra);
	SIZE("bpf_prog_info", struct bpf_prog_info);
	BPF_PROG_INFO(type); BPF_PROG_INFO(id); BPF_PROG_INFO(tag); BPF_PROG_INFO(jited_prog_len);
	BPF_PROG_INFO(xlated_prog_len); BPF_PROG_INFO(jited_prog_insns);
	BPF_PROG_INFO(xlated_prog_insns); BPF_PROG_INFO(load_time); BPF_PROG_INFO(created_by_uid);
	BPF_PROG_INFO(nr_map_ids); BPF_PROG_INFO(map_ids); BPF_PROG_INFO(name);
	BPF_PROG_INFO(ifindex);
	/* gpl_compatible is a 1-bit field (offsetof cannot name it): minitrace reads the 32-bit
	 * storage unit that holds it, the one after ifindex */
	EMIT("bpf_prog_info gpl_compatible", offsetof(struct bpf_prog_info, ifindex)
	     + sizeof(__u32), sizeof(__u32));
	BPF_PROG_INFO(netns_dev); BPF_PROG_INFO(netns_ino); BPF_PROG_INFO(nr_jited_ksyms);
	BPF_PROG_INFO(nr_jited_func_lens); BPF_PROG_INFO(jited_ksyms);
	BPF_PROG_INFO(jited_func_lens); BPF_PROG_INFO(btf_id); BPF_PROG_INFO(func_info_rec_size);
	BPF_PROG_INFO(func_info); BPF_PROG_INFO(nr_func_info); BPF_PROG_INFO(nr_line_info);
	BPF_PROG_INFO(line_info); BPF_PROG_INFO(jited_line_info);
	BPF_PROG_INFO(nr_jited_line_info); BPF_PROG_INFO(line_info_rec_size);
	BPF_PROG_INFO(jited_line_info_rec_size); BPF_PROG_INFO(nr_prog_tags);
	BPF_PROG_INFO(prog_tags); BPF_PROG_INFO(run_time_ns); BPF_PROG_INFO(run_cnt);
	BPF_PROG_INFO(recursion_misses); BPF_PROG_INFO(verified_insns);
}

void layouts_kernel(void)
{
	bpf_structs();
	ldt_structs();
	stat_family();
	time_structs();
	signal_structs();
	poll_structs();
	net_structs();
	sockopt_structs();
	file_structs();
	process_structs();
	ipc_structs();
	clock_device_structs();
	mtd_structs();
	dm_structs();
}
