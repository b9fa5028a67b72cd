/* Issue-10 workload: execve from a non-leader thread. The leader calls pause(); a second thread
   sleeps 50 ms, then execs /bin/true (which exits 0). `hard_texec N` forks N children that each
   do this and exits 0 once all were reaped with status 0 (else 1). */
#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

static void *exec_true(void *arg) {
    struct timespec t = {0, 50000000};
    char *argv[] = {"/bin/true", NULL};
    char *envp[] = {NULL};
    (void)arg;
    nanosleep(&t, NULL);
    execve("/bin/true", argv, envp);
    _exit(99);
}

static void thread_exec(void) {
    pthread_t th;
    pthread_create(&th, NULL, exec_true, NULL);
    pause();
    _exit(98);
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 0;
    int i, status, ok = 0;
    if (n == 0) thread_exec();
    for (i = 0; i < n; i++) {
        pid_t pid = fork();
        if (pid == 0) thread_exec();
        if (pid < 0) return 1;
    }
    while (wait(&status) > 0)
        if (WIFEXITED(status) && WEXITSTATUS(status) == 0) ok++;
    return ok == n ? 0 : 1;
}
