/* core_stop: the child stops itself with SIGSTOP, then writes; the parent sleeps 50 ms,
   sends SIGCONT, waits for the child's exit. SIGCHLD is blocked so that the parent's trace has
   no racy SIGCHLD lines (the child's stop/continue/exit would interrupt its calls). */
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    int status;
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGCHLD);
    sigprocmask(SIG_BLOCK, &set, NULL);
    pid_t pid = fork();
    if (pid == 0) {
        kill(getpid(), SIGSTOP);
        write(1, "cont\n", 5);
        _exit(0);
    }
    usleep(50000);
    kill(pid, SIGCONT);
    waitpid(pid, &status, 0);
    return 0;
}
