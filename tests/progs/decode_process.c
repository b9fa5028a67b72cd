/* decode_process: process-family syscalls, successful and failing, for comparison with
   strace 6.1 (tests/test_decode_live_proc.py). Raw syscall() where libc would hide the call. */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/times.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/sched.h>

#ifndef SYS_clone3
#define SYS_clone3 435
#endif

int main(void)
{
    int status;
    pid_t pid, me = getpid();
    struct rlimit rl;
    struct rusage ru;
    struct tms tm;
    struct utsname un;
    unsigned char rnd[8];
    char name[16];
    cpu_set_t set;
    unsigned long fs = 0;
    siginfo_t si;

    /* ids */
    syscall(SYS_getuid); syscall(SYS_geteuid); syscall(SYS_getgid); syscall(SYS_getegid);
    syscall(SYS_getppid); syscall(SYS_gettid); syscall(SYS_getpgrp);
    syscall(SYS_getpgid, 0); syscall(SYS_getsid, 0); syscall(SYS_getpgid, 999999);
    syscall(SYS_setuid, syscall(SYS_getuid)); syscall(SYS_setgid, syscall(SYS_getgid));
    syscall(SYS_setpgid, 0, 0);
    syscall(SYS_setsid);
    syscall(SYS_setreuid, -1, -1); syscall(SYS_setregid, -1, -1);
    syscall(SYS_setresuid, -1, -1, -1); syscall(SYS_setresgid, -1, -1, -1);
    {
        uid_t r, e, s;
        syscall(SYS_getresuid, &r, &e, &s); syscall(SYS_getresgid, &r, &e, &s);
        syscall(SYS_getresuid, (void *)1, (void *)2, (void *)3);
    }
    syscall(SYS_setfsuid, -1); syscall(SYS_setfsgid, -1);
    {
        gid_t g[64];
        int n = syscall(SYS_getgroups, 0, NULL);
        syscall(SYS_getgroups, 64, g);
        syscall(SYS_setgroups, n, g);
    }

    /* misc */
    syscall(SYS_set_tid_address, &status);
    syscall(SYS_set_robust_list, (void *)0, 24);
    syscall(SYS_set_robust_list, (void *)8, 23);
    syscall(SYS_rseq, (void *)0, 0x20, 0, 0x53053053);
    syscall(SYS_umask, 022); syscall(SYS_umask, 0777); syscall(SYS_umask, 022);
    syscall(SYS_personality, 0xffffffff);
    syscall(SYS_personality, 0x40008);          /* PER_LINUX32|ADDR_NO_RANDOMIZE */
    syscall(SYS_personality, 0x4d);             /* PER_??? */
    syscall(SYS_personality, 0);
    syscall(SYS_getrandom, rnd, sizeof rnd, GRND_NONBLOCK);
    syscall(SYS_getrandom, rnd, 0, 0);
    syscall(SYS_getrandom, (void *)1, 4, GRND_RANDOM | 0x100);
    syscall(SYS_uname, &un);
    syscall(SYS_uname, (void *)1);
    syscall(SYS_arch_prctl, 0x1003 /* ARCH_GET_FS */, &fs);
    syscall(SYS_arch_prctl, 0x1004 /* ARCH_GET_GS */, &fs);
    syscall(SYS_arch_prctl, 0x9999, 0);
    syscall(SYS_sched_yield);
    syscall(SYS_sched_getaffinity, 0, sizeof set, &set);
    syscall(SYS_sched_getaffinity, 0, 1, &set);
    syscall(SYS_sched_setaffinity, 0, sizeof set, &set);
    syscall(SYS_sched_getscheduler, 0);
    syscall(SYS_sched_get_priority_max, SCHED_FIFO);
    syscall(SYS_sched_get_priority_min, 99);
    syscall(SYS_getpriority, PRIO_PROCESS, 0);
    syscall(SYS_setpriority, PRIO_PROCESS, 0, 0);

    /* rlimits */
    syscall(SYS_getrlimit, RLIMIT_NOFILE, &rl);
    syscall(SYS_getrlimit, RLIMIT_STACK, &rl);
    syscall(SYS_setrlimit, RLIMIT_STACK, &rl);
    syscall(SYS_getrlimit, 99, &rl);
    syscall(SYS_prlimit64, 0, RLIMIT_CORE, NULL, &rl);
    syscall(SYS_prlimit64, 0, RLIMIT_CORE, &rl, NULL);
    syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, &rl);
    rl.rlim_cur = 1000; rl.rlim_max = 2048;
    syscall(SYS_prlimit64, 0, RLIMIT_CPU, NULL, (void *)1);
    syscall(SYS_getrusage, RUSAGE_SELF, &ru);
    syscall(SYS_getrusage, 5, &ru);
    syscall(SYS_times, &tm);

    /* prctl */
    syscall(SYS_prctl, PR_SET_NAME, "decode-proc", 0, 0, 0);
    syscall(SYS_prctl, PR_GET_NAME, name, 0, 0, 0);
    syscall(SYS_prctl, PR_GET_DUMPABLE, 0, 0, 0, 0);
    syscall(SYS_prctl, PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0);
    syscall(SYS_prctl, PR_GET_PDEATHSIG, &status, 0, 0, 0);
    syscall(SYS_prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    syscall(SYS_prctl, PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
    syscall(SYS_prctl, PR_SET_DUMPABLE, 1, 0, 0, 0);
    syscall(SYS_prctl, PR_CAPBSET_READ, 0, 0, 0, 0);
    syscall(SYS_prctl, 0x7777, 1, 2, 3, 4);

    /* signals */
    signal(SIGUSR1, SIG_IGN);
    syscall(SYS_kill, me, SIGUSR1);
    syscall(SYS_kill, me, 0);
    syscall(SYS_kill, 999999, SIGTERM);
    syscall(SYS_kill, 999999, 40);              /* SIGRT_8 */
    syscall(SYS_tkill, syscall(SYS_gettid), SIGUSR1);
    syscall(SYS_tgkill, me, syscall(SYS_gettid), SIGUSR1);
    syscall(SYS_tgkill, me, me, 200);

    /* processes */
    pid = fork();
    if (pid == 0)
        _exit(3);
    syscall(SYS_wait4, pid, &status, 0, NULL);
    {
        int fds[2];
        char c;
        pipe(fds);
        pid = fork();
        if (pid == 0) {
            write(fds[1], "r", 1);      /* ready: killed in pause(), never inside a traced call */
            pause();
            _exit(0);
        }
        read(fds[0], &c, 1);
        close(fds[0]);
        close(fds[1]);
    }
    syscall(SYS_kill, pid, SIGKILL);
    syscall(SYS_wait4, pid, &status, __WALL, &ru);
    syscall(SYS_wait4, -1, &status, WNOHANG, NULL);
    pid = syscall(SYS_clone, SIGCHLD, 0, NULL, NULL, 0);
    if (pid == 0)
        syscall(SYS_exit_group, 0);
    syscall(SYS_waitid, P_PID, pid, &si, WEXITED, NULL);
    syscall(SYS_waitid, P_ALL, 0, &si, WEXITED | WNOHANG, NULL);
    pid = vfork();
    if (pid == 0)
        _exit(1);
    syscall(SYS_wait4, pid, &status, 0, NULL);
    {
        struct clone_args ca;
        int ptid = 0;
        memset(&ca, 0, sizeof ca);
        ca.flags = CLONE_PARENT_SETTID;
        ca.exit_signal = SIGCHLD;
        ca.parent_tid = (uintptr_t)&ptid;
        pid = syscall(SYS_clone3, &ca, 64);
        if (pid == 0)
            syscall(SYS_exit_group, 4);
        syscall(SYS_wait4, pid, &status, 0, NULL);
        ca.flags = 0;
        pid = syscall(SYS_clone3, &ca, 88);
        if (pid == 0)
            syscall(SYS_exit_group, 5);
        syscall(SYS_wait4, pid, &status, 0, NULL);
        syscall(SYS_clone3, &ca, 8);
        syscall(SYS_clone3, (void *)1, 64);
    }
    syscall(SYS_clone, CLONE_NEWPID | CLONE_NEWUSER | CLONE_THREAD, 0, NULL, NULL, 0);
    syscall(SYS_wait4, 999999, NULL, WNOHANG | WUNTRACED | WCONTINUED, NULL);
    syscall(SYS_fork) == 0 ? syscall(SYS_exit_group, 0) : syscall(SYS_wait4, -1, NULL, 0, NULL);
    return 0;
}
