/* decode_time: time syscalls (nanosleep, clock_nanosleep, clock_gettime/settime/getres,
   gettimeofday, settimeofday, time, timerfd_*, setitimer/getitimer, timer_*, adjtimex,
   restart_syscall), successful and failing, for comparison with strace 6.1
   (tests/test_decode_live_sigtime.py). Raw syscall(): libc would use the vDSO. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <sys/timex.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void handler(int sig) { (void)sig; }

int main(void)
{
    struct timespec ts = {0, 1000000}, rem, abs;
    struct timeval tv;
    struct timezone tz;
    struct itimerval it, oit;
    struct itimerspec its, oits;
    struct sigevent sev;
    struct timex tx;
    struct sigaction sa;
    time_t t;
    int timerid, fd;
    pid_t child;

    syscall(SYS_nanosleep, &ts, &rem);
    syscall(SYS_nanosleep, &ts, NULL);
    ts.tv_nsec = 2000000000;
    syscall(SYS_nanosleep, &ts, NULL);                                   /* EINVAL */
    syscall(SYS_nanosleep, (void *)8, NULL);                             /* EFAULT */
    ts.tv_nsec = 1000000;
    syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &ts, NULL);
    syscall(SYS_clock_nanosleep, CLOCK_REALTIME, 0, &ts, &rem);
    syscall(SYS_clock_gettime, CLOCK_REALTIME, &abs);
    abs.tv_nsec = 0;
    syscall(SYS_clock_nanosleep, CLOCK_REALTIME, TIMER_ABSTIME, &abs, NULL);
    syscall(SYS_clock_nanosleep, CLOCK_BOOTTIME, 0x10, &ts, NULL);       /* EINVAL */
    syscall(SYS_clock_nanosleep, 99, 0, &ts, NULL);                      /* EINVAL */
    syscall(SYS_clock_nanosleep, CLOCK_THREAD_CPUTIME_ID, 0, &ts, NULL); /* EINVAL */
    syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
    syscall(SYS_clock_gettime, CLOCK_PROCESS_CPUTIME_ID, &ts);
    syscall(SYS_clock_gettime, CLOCK_BOOTTIME, NULL);                    /* EFAULT */
    syscall(SYS_clock_gettime, 99, &ts);                                 /* EINVAL */
    syscall(SYS_clock_gettime, -2, &ts);                                 /* a CPU clock */
    syscall(SYS_clock_getres, CLOCK_MONOTONIC_COARSE, &ts);
    syscall(SYS_clock_getres, CLOCK_TAI, NULL);
    ts.tv_sec = 0;
    ts.tv_nsec = 0;
    syscall(SYS_clock_settime, CLOCK_MONOTONIC, &ts);                    /* EINVAL */
    syscall(SYS_gettimeofday, &tv, &tz);
    syscall(SYS_gettimeofday, NULL, NULL);
    syscall(SYS_gettimeofday, &tv, NULL);
    syscall(SYS_settimeofday, NULL, NULL);
    tv.tv_sec = 1;
    tv.tv_usec = 2000000;
    syscall(SYS_settimeofday, &tv, NULL);                                /* EINVAL */
    syscall(SYS_time, &t);
    syscall(SYS_time, NULL);

    /* itimers */
    memset(&it, 0, sizeof it);
    it.it_value.tv_sec = 100;
    it.it_interval.tv_usec = 5000;
    setitimer(ITIMER_VIRTUAL, &it, &oit);
    getitimer(ITIMER_VIRTUAL, &oit);
    memset(&it, 0, sizeof it);
    setitimer(ITIMER_VIRTUAL, &it, NULL);
    getitimer(ITIMER_PROF, &oit);
    syscall(SYS_getitimer, 7, &oit);                                     /* EINVAL */
    syscall(SYS_setitimer, ITIMER_REAL, (void *)8, NULL);                /* EFAULT */

    /* POSIX timers */
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_SIGNAL;
    sev.sigev_signo = SIGUSR1;
    sev.sigev_value.sival_int = 5;
    syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, &timerid);
    memset(&its, 0, sizeof its);
    its.it_value.tv_sec = 30;
    syscall(SYS_timer_settime, timerid, 0, &its, &oits);
    syscall(SYS_timer_gettime, timerid, &oits);
    its.it_value.tv_sec = 2000000000;
    syscall(SYS_timer_settime, timerid, TIMER_ABSTIME, &its, NULL);
    syscall(SYS_timer_getoverrun, timerid);
    syscall(SYS_timer_delete, timerid);
    syscall(SYS_timer_delete, timerid);                                  /* EINVAL */
    sev.sigev_notify = SIGEV_NONE;
    syscall(SYS_timer_create, CLOCK_REALTIME, &sev, &timerid);
    syscall(SYS_timer_delete, timerid);
    syscall(SYS_timer_create, CLOCK_REALTIME, NULL, &timerid);
    syscall(SYS_timer_delete, timerid);
    sev.sigev_notify = SIGEV_THREAD_ID;
    sev._sigev_un._tid = getpid();
    syscall(SYS_timer_create, CLOCK_BOOTTIME, &sev, &timerid);
    syscall(SYS_timer_delete, timerid);
    syscall(SYS_timer_create, 99, &sev, &timerid);                       /* EINVAL */

    /* timerfd */
    fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
    its.it_value.tv_sec = 0;
    its.it_value.tv_nsec = 500000000;
    its.it_interval.tv_sec = 1;
    timerfd_settime(fd, 0, &its, &oits);
    timerfd_settime(fd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &its, NULL);
    timerfd_gettime(fd, &oits);
    timerfd_settime(fd, 0x10, &its, NULL);                               /* EINVAL */
    timerfd_create(CLOCK_REALTIME, 0x10);                                /* EINVAL */
    close(fd);

    /* adjtimex: a read-only query */
    memset(&tx, 0, sizeof tx);
    syscall(SYS_adjtimex, &tx);
    syscall(SYS_adjtimex, (void *)8);                                    /* EFAULT */

    /* an interrupted sleep: the child's clock_nanosleep gets ERESTART_RESTARTBLOCK and is
       resumed with restart_syscall after the handler */
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigaction(SIGUSR1, &sa, NULL);
    child = fork();
    if (child == 0) {
        struct timespec d = {5, 0}, r;
        syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &d, &r);   /* EINTR: a handler */
        d.tv_sec = 0;
        d.tv_nsec = 300000000;
        syscall(SYS_nanosleep, &d, &r);                 /* restarted after SIGCONT */
        _exit(0);
    }
    ts.tv_sec = 0;
    ts.tv_nsec = 100000000;
    syscall(SYS_nanosleep, &ts, NULL);
    kill(child, SIGUSR1);
    syscall(SYS_nanosleep, &ts, NULL);
    kill(child, SIGCONT);
    waitpid(child, NULL, 0);
    return 0;
}
