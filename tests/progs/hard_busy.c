/* Issue-10 workload: a busy multi-threaded process to attach to and detach from many times.
   Three threads make syscalls in a loop (getppid, and a 1 ms nanosleep now and then); the main
   thread waits in sigsuspend for SIGUSR1, counts each one and acknowledges it by writing "u\n"
   on stdout, so the sender never has two signals pending at once (none can be coalesced).
   On SIGTERM it prints `usr1=N` and exits 0. First line on stdout: `ready PID`. */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>

static volatile sig_atomic_t usr1, term;
static volatile int stop_threads;

static void on_usr1(int sig) { (void)sig; usr1++; }
static void on_term(int sig) { (void)sig; term = 1; }

static void put(const char *s) {
    size_t n = strlen(s);
    while (n) {
        ssize_t w = write(1, s, n);
        if (w <= 0) return;
        s += w; n -= w;
    }
}

static void *worker(void *arg) {
    struct timespec ms = {0, 1000000};
    unsigned long i = 0;
    (void)arg;
    while (!stop_threads) {
        syscall(SYS_getppid);
        if (++i % 16 == 0) nanosleep(&ms, NULL);
    }
    return NULL;
}

int main(void) {
    sigset_t block, wait_mask;
    struct sigaction sa;
    pthread_t th[3];
    char buf[64];
    int i, seen = 0;

    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigaddset(&block, SIGTERM);
    sigprocmask(SIG_BLOCK, &block, &wait_mask);   /* threads inherit the block: main gets them */
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    sa.sa_handler = on_term;
    sigaction(SIGTERM, &sa, NULL);
    for (i = 0; i < 3; i++) pthread_create(&th[i], NULL, worker, NULL);
    snprintf(buf, sizeof buf, "ready %d\n", (int)getpid());
    put(buf);
    while (!term) {
        sigsuspend(&wait_mask);
        while (seen < usr1) { seen++; put("u\n"); }
    }
    stop_threads = 1;
    for (i = 0; i < 3; i++) pthread_join(th[i], NULL);
    snprintf(buf, sizeof buf, "usr1=%d\n", (int)usr1);
    put(buf);
    return 0;
}
