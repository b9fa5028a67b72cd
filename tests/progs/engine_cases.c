/* engine_cases MODE: tracer situations strace handles in its own way.
 *   clone_ptrace: a child made with CLONE_PTRACE (traced by our tracer without -f), killed by
 *                 SIGUSR1; the parent waits for it.
 *   writev:       one writev of 32 short strings from one buffer (to a closed descriptor).
 *   thread_exec:  the leader exits (SYS_exit) and then a second thread runs /bin/true, so the
 *                 thread's execve line is still open when its pid changes to the leader's.
 *   busy_delayed: three children make 20000 getppid calls each while the parent makes 200
 *                 gettimeofday calls (the ones a test delays), then waits for them. */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

static char stack[65536] __attribute__((aligned(16)));

static int child(void *arg)
{
    (void) arg;
    for (;;)
        pause();
    return 0;
}

static pid_t leader;

static int leader_gone(void)
{
    char path[64], buf[512];
    FILE *f;
    char *p;
    snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", leader, leader);
    f = fopen(path, "r");
    if (!f)
        return 1;
    p = fgets(buf, sizeof(buf), f);
    fclose(f);
    p = p ? strrchr(buf, ')') : NULL;
    return p && p[2] == 'Z';
}

static int running[2];

static void *thread(void *arg)
{
    char *argv[] = { "/bin/true", NULL };
    (void) arg;
    if (write(running[1], "", 1) != 1)
        _exit(5);
    while (!leader_gone())
        usleep(1000);
    execv(argv[0], argv);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "clone_ptrace")) {
        int status;
        pid_t pid = clone(child, stack + sizeof(stack), CLONE_PTRACE | SIGCHLD, NULL);
        if (pid < 0)
            return 2;
        kill(pid, SIGUSR1);
        if (waitpid(pid, &status, 0) != pid)
            return 3;
        return WIFSIGNALED(status) && WTERMSIG(status) == SIGUSR1 ? 0 : 4;
    }
    if (argc > 1 && !strcmp(argv[1], "writev")) {
        static char buf[64] = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz";
        static struct iovec io[32];
        for (int i = 0; i < 32; i++) {
            io[i].iov_base = buf + 32 - i;
            io[i].iov_len = i;
        }
        return writev(-1, io, 32) == -1 ? 0 : 1;
    }
    if (argc > 1 && !strcmp(argv[1], "thread_exec")) {
        pthread_t t;
        char c;
        leader = getpid();
        if (pipe(running) < 0)
            return 6;
        pthread_create(&t, NULL, thread, NULL);
        /* the thread runs: the tracer has seen its first stop and counts it, so the leader's
           exit line has its `[pid N] ` on stderr under either tracer (not a race) */
        if (read(running[0], &c, 1) != 1)
            return 7;
        syscall(SYS_exit, 0);
    }
    if (argc > 1 && !strcmp(argv[1], "busy_delayed")) {
        struct timeval tv;
        int status, failed = 0;
        char c[3];
        if (pipe(running) < 0)
            return 6;
        for (int child = 0; child < 3; child++) {
            pid_t pid = fork();
            if (pid < 0)
                return 8;
            if (!pid) {
                for (int i = 0; i < 20000; i++) {
                    syscall(SYS_getppid);
                    if (i == 100)
                        (void) !write(running[1], "", 1);
                }
                _exit(0);
            }
        }
        /* the children are busy: their stops keep coming while the parent's calls are delayed */
        if (read(running[0], c, 3) < 1)
            return 7;
        for (int i = 0; i < 200; i++)
            syscall(SYS_gettimeofday, &tv, NULL);
        while (wait(&status) > 0)
            failed |= status != 0;
        return failed ? 9 : 0;
    }
    return 1;
}
