/* pidns_ids: calls whose arguments or results are pids, from a parent and a child it forks,
   for comparison with strace 6.1 under -Y and --pidns-translation (tests/test_pidns.py). Run
   under `unshare --pid --fork` its pids are 1 and 2 of a new PID namespace. The child renames
   itself (prctl PR_SET_NAME, a call not traced there) and later calls show the new name; pipes
   order the two so that every name a line shows is settled when it is printed. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    int fds[2];
    int status;
    pid_t me = getpid();
    cpu_set_t set;
    sigset_t chld;

    /* no SIGCHLD line: whether it comes before or after wait4 is the scheduler's choice */
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, NULL);

    syscall(SYS_getpid);
    syscall(SYS_gettid);
    syscall(SYS_getpgrp);
    syscall(SYS_getsid, 0);
    syscall(SYS_getpgid, me);
    syscall(SYS_getpriority, PRIO_PROCESS, me);
    syscall(SYS_sched_getscheduler, me);
    syscall(SYS_sched_getaffinity, me, sizeof(set), &set);
    syscall(SYS_prlimit64, me, RLIMIT_NOFILE, NULL, NULL);
    if (pipe(fds) < 0)
        return 1;
    syscall(SYS_fcntl, fds[0], F_SETOWN, me);
    syscall(SYS_fcntl, fds[0], F_GETOWN);

    int named[2], go[2];
    char c = 0;
    if (pipe(named) < 0 || pipe(go) < 0)
        return 1;
    pid_t child = fork();
    if (child < 0)
        return 1;
    if (child == 0) {
        pid_t self = syscall(SYS_getpid);
        close(go[1]);
        syscall(SYS_getppid);
        syscall(SYS_setpgid, 0, 0);
        syscall(SYS_getpgid, 0);
        prctl(PR_SET_NAME, "renamed<kid>");
        syscall(SYS_gettid);
        syscall(SYS_kill, me, 0);
        syscall(SYS_tgkill, self, self, 0);
        syscall(SYS_tkill, self, 0);
        syscall(SYS_kill, -self, 0);
        /* tell the parent the name is set, wait until it has looked at us */
        if (write(named[1], &c, 1) != 1 || read(go[0], &c, 1) < 0)
            _exit(1);
        _exit(0);
    }
    /* the child's name is settled before any line of ours shows it */
    close(go[0]);
    if (read(named[0], &c, 1) != 1)
        return 1;
    syscall(SYS_kill, child, 0);
    syscall(SYS_getpgid, child);
    syscall(SYS_wait4, child, &status, WNOHANG, NULL);
    close(go[1]);
    syscall(SYS_wait4, child, &status, 0, NULL);
    syscall(SYS_kill, child, 0);            /* reaped: no such process any more */
    syscall(SYS_getppid);
    return 0;
}
