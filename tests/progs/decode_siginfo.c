/* decode_siginfo: signals whose siginfo strace prints in full: SI_TIMER (a POSIX timer with
   SIGEV_SIGNAL and an overrun), SI_MESGQ (mq_notify), SI_QUEUE (sigqueue), SI_TKILL, SI_USER,
   and SIGCHLD of a child that exits and of one that is killed, for comparison with strace 6.1
   under -X abbrev/raw/verbose (tests/test_decode_siginfo.py). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <mqueue.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile int got;

static void handler(int sig, siginfo_t *si, void *uc) { (void)si; (void)uc; got = sig; }

int main(void)
{
    struct sigaction sa;
    struct sigevent sev;
    struct itimerspec its;
    struct mq_attr attr;
    timer_t t;
    sigset_t set;
    union sigval v;
    char qname[64];
    pid_t pid;
    mqd_t q;
    int status;

    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);
    sigaction(SIGRTMIN + 2, &sa, NULL);

    /* SI_TIMER: one shot */
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_SIGNAL;
    sev.sigev_signo = SIGUSR1;
    sev.sigev_value.sival_int = 5;
    timer_create(CLOCK_MONOTONIC, &sev, &t);
    memset(&its, 0, sizeof its);
    its.it_value.tv_nsec = 1000000;
    timer_settime(t, 0, &its, NULL);
    while (got != SIGUSR1)
        pause();
    timer_delete(t);

    /* SI_TIMER with overruns: a periodic timer while the signal is blocked */
    sigemptyset(&set);
    sigaddset(&set, SIGRTMIN + 2);
    sigprocmask(SIG_BLOCK, &set, NULL);
    sev.sigev_signo = SIGRTMIN + 2;
    sev.sigev_value.sival_ptr = (void *)0x1234;
    timer_create(CLOCK_MONOTONIC, &sev, &t);
    its.it_value.tv_nsec = 1000000;
    its.it_interval.tv_nsec = 1000000;
    timer_settime(t, 0, &its, NULL);
    usleep(20000);
    got = 0;
    sigprocmask(SIG_UNBLOCK, &set, NULL);   /* delivered now, si_overrun > 0 */
    timer_delete(t);

    /* SI_QUEUE, SI_TKILL, SI_USER */
    v.sival_int = 42;
    sigqueue(getpid(), SIGUSR2, v);
    syscall(SYS_tgkill, getpid(), getpid(), SIGUSR2);
    kill(getpid(), SIGUSR2);

    /* SI_MESGQ */
    snprintf(qname, sizeof qname, "/minitrace-si-%d", (int)getpid());
    memset(&attr, 0, sizeof attr);
    attr.mq_maxmsg = 4;
    attr.mq_msgsize = 16;
    q = mq_open(qname, O_RDWR | O_CREAT, 0600, &attr);
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_SIGNAL;
    sev.sigev_signo = SIGUSR2;
    sev.sigev_value.sival_int = 7;
    mq_notify(q, &sev);
    mq_send(q, "x", 1, 0);
    mq_close(q);
    mq_unlink(qname);

    /* SIGCHLD: an exit and a kill */
    pid = fork();
    if (pid == 0)
        _exit(3);
    waitpid(pid, &status, 0);
    pid = fork();
    if (pid == 0) {
        pause();
        _exit(0);
    }
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    return 0;
}
