/* decode_signal: signal syscalls (rt_sigaction, rt_sigprocmask, rt_sigreturn, sigaltstack,
   rt_sigsuspend, rt_sigpending, rt_sigtimedwait, rt_sigqueueinfo, rt_tgsigqueueinfo,
   signalfd4, pause, alarm), successful and failing, for comparison with strace 6.1
   (tests/test_decode_live_sigtime.py). Raw syscall() where libc would change the call. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int got;

static void handler(int sig) { got = sig; }
static void action(int sig, siginfo_t *si, void *uc) { (void)si; (void)uc; got = sig; }

int main(void)
{
    struct sigaction sa, old;
    sigset_t set, oset;
    stack_t ss, oss;
    siginfo_t si;
    struct timespec ts = {0, 1000000};
    pid_t me = getpid();
    static char stack[65536];
    uint64_t raw;

    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = action;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGUSR2);
    sigaction(SIGUSR1, &sa, NULL);
    sa.sa_handler = SIG_IGN;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGPIPE);
    sigaction(SIGPIPE, &sa, &old);
    sigaction(SIGPIPE, NULL, &old);
    sa.sa_handler = handler;
    sa.sa_flags = SA_ONSTACK | SA_NODEFER | SA_RESETHAND | SA_NOCLDSTOP;
    sigfillset(&sa.sa_mask);
    sigaction(SIGCHLD, &sa, &old);
    sa.sa_flags = 0;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGRTMIN);
    sigaddset(&sa.sa_mask, SIGRTMAX);
    sigaddset(&sa.sa_mask, SIGHUP);
    sigaction(SIGRTMIN + 1, &sa, NULL);
    sigaction(SIGRTMAX, &sa, NULL);
    sa.sa_handler = SIG_DFL;
    sigaction(SIGALRM, &sa, &old);
    sigaction(SIGKILL, &sa, NULL);                              /* EINVAL */
    syscall(SYS_rt_sigaction, SIGUSR2, (void *)8, NULL, 8);     /* EFAULT */
    syscall(SYS_rt_sigaction, SIGUSR2, NULL, NULL, 4);          /* EINVAL */
    syscall(SYS_rt_sigaction, 99, NULL, NULL, 8);               /* EINVAL */
    /* a raw kernel sigaction with unknown flag bits and no restorer */
    {
        unsigned long ksa[4] = {(unsigned long)handler, 0x10000000 | 0x800, 0, 0x5};
        unsigned long kold[4];
        syscall(SYS_rt_sigaction, SIGWINCH, ksa, kold, 8);
        syscall(SYS_rt_sigaction, SIGWINCH, NULL, kold, 8);
    }

    /* masks */
    sigemptyset(&set);
    sigprocmask(SIG_SETMASK, &set, &oset);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGINT);
    sigprocmask(SIG_BLOCK, &set, &oset);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    sigfillset(&set);
    sigprocmask(SIG_BLOCK, &set, &oset);
    sigprocmask(SIG_SETMASK, &oset, NULL);
    for (raw = 0; raw < 3; raw++) {
        uint64_t m = raw == 0 ? 0xffffffffULL : raw == 1 ? 0x00000000ffff0000ULL : 0xfffffffe7fffffffULL;
        syscall(SYS_rt_sigprocmask, SIG_BLOCK, &m, NULL, 8);
        syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, &m, NULL, 8);
    }
    syscall(SYS_rt_sigprocmask, 7, NULL, NULL, 8);              /* how ignored without set */
    syscall(SYS_rt_sigprocmask, 7, &set, NULL, 8);              /* EINVAL */
    syscall(SYS_rt_sigprocmask, SIG_BLOCK, (void *)8, NULL, 8); /* EFAULT */
    syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, NULL, 16);     /* EINVAL */
    syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &oset, 8);

    /* delivery: rt_sigreturn reads the mask from the frame */
    kill(me, SIGUSR1);
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    sigaddset(&set, SIGTERM);
    sigprocmask(SIG_BLOCK, &set, NULL);
    kill(me, SIGUSR1);
    sigprocmask(SIG_UNBLOCK, &set, NULL);

    /* pending, suspend, timedwait */
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, NULL);
    kill(me, SIGUSR2);
    sigpending(&oset);
    syscall(SYS_rt_sigpending, &oset, 4);                       /* EINVAL */
    sigtimedwait(&set, &si, &ts);
    sigtimedwait(&set, &si, &ts);                               /* EAGAIN */
    sigtimedwait(&set, NULL, &ts);
    kill(me, SIGUSR2);
    sigwaitinfo(&set, NULL);
    syscall(SYS_rt_sigtimedwait, &set, NULL, NULL, 4);          /* EINVAL */
    alarm(1);
    alarm(0);
    sigemptyset(&set);
    sigaddset(&set, SIGALRM);
    sigprocmask(SIG_BLOCK, &set, NULL);
    {
        struct itimerval it = {{0, 0}, {0, 20000}};
        sigset_t w;
        sigemptyset(&w);
        sigaddset(&w, SIGALRM);
        setitimer(ITIMER_REAL, &it, NULL);
        sigwaitinfo(&w, &si);
    }
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGCHLD);       /* the child's SIGCHLD waits for the unblock below */
    sigprocmask(SIG_BLOCK, &set, NULL);
    {
        sigset_t w;
        pid_t child;
        sigemptyset(&w);
        sigaddset(&w, SIGCHLD);
        if ((child = fork()) == 0) {
            usleep(20000);
            kill(getppid(), SIGUSR1);
            _exit(0);
        }
        sigsuspend(&w);
        waitpid(child, NULL, 0);
    }
    syscall(SYS_rt_sigsuspend, &set, 4);                        /* EINVAL */

    /* queued signals */
    {
        union sigval v;
        v.sival_int = 42;
        sigqueue(me, SIGUSR1, v);
        sigprocmask(SIG_UNBLOCK, &set, NULL);
        memset(&si, 0, sizeof si);
        si.si_signo = SIGUSR1;
        si.si_code = SI_QUEUE;
        si.si_pid = me;
        si.si_uid = getuid();
        si.si_value.sival_int = 7;
        syscall(SYS_rt_tgsigqueueinfo, me, me, SIGUSR1, &si);
        syscall(SYS_rt_sigqueueinfo, me, SIGUSR1, (void *)8);   /* EFAULT */
        si.si_code = SI_USER;
        syscall(SYS_rt_sigqueueinfo, me, SIGUSR1, &si);         /* EPERM */
    }

    /* alternate stack */
    ss.ss_sp = stack;
    ss.ss_size = sizeof stack;
    ss.ss_flags = 0;
    sigaltstack(&ss, &oss);
    sigaltstack(NULL, &oss);
    raise(SIGCHLD);
    ss.ss_flags = SS_DISABLE;
    sigaltstack(&ss, NULL);
    sigaltstack(NULL, &oss);
    ss.ss_flags = 0x10;
    sigaltstack(&ss, NULL);                                     /* EINVAL */
    sigaltstack((void *)8, NULL);                               /* EFAULT */

    /* signalfd */
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    sigaddset(&set, SIGQUIT);
    {
        int fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
        signalfd(fd, &set, 0);
        syscall(SYS_signalfd4, -1, &set, 4, 0);                 /* EINVAL */
        syscall(SYS_signalfd4, -1, &set, 8, 0x40);              /* EINVAL */
        close(fd);
    }

    /* pause, interrupted by an alarm */
    sa.sa_handler = handler;
    sa.sa_flags = 0;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, NULL);
    sigemptyset(&set);
    sigprocmask(SIG_SETMASK, &set, NULL);
    {
        struct itimerval it = {{0, 0}, {0, 20000}};
        setitimer(ITIMER_REAL, &it, NULL);
        pause();
    }
    return 0;
}
