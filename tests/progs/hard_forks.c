/* Issue-10 workload: fork N (default 500) short-lived children as fast as possible, then reap
   them all. Each child exits with 0 at once. Exits 3 when every child was reaped with status 0
   (a distinctive status the tracer must mirror), 1 otherwise. */
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 500;
    int i, status, ok = 0;
    for (i = 0; i < n; i++) {
        pid_t pid = fork();
        if (pid == 0) _exit(0);
        if (pid < 0) return 1;
    }
    while (wait(&status) > 0)
        if (WIFEXITED(status) && WEXITSTATUS(status) == 0) ok++;
    return ok == n ? 3 : 1;
}
