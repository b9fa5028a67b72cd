/* interleave PROG [ARGS]: runs PROG in a child while this process makes system calls (wait4
 * with WNOHANG) without pause until PROG ends, so that under `-f` another tracee's stop comes
 * between nearly every call's entry and exit and PROG's lines are split into
 * `<unfinished ...>` / `<... resumed>` (the tracer's first child is reported first by waitpid
 * when both have a stop pending). Exits with PROG's exit code. */
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    int status = 0, go[2];
    pid_t child;
    char c;
    if (argc < 2 || pipe(go) != 0)
        return 2;
    child = fork();
    if (child == 0) {             /* PROG starts once the ticking has begun */
        close(go[1]);
        if (read(go[0], &c, 1) != 1)
            _exit(126);
        close(go[0]);
        execv(argv[1], argv + 1);
        _exit(127);
    }
    close(go[0]);
    waitpid(child, &status, WNOHANG);
    write(go[1], "g", 1);
    close(go[1]);
    while (waitpid(child, &status, WNOHANG) == 0)
        ;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}
