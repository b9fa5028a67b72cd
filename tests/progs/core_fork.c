/* core_fork: fork a child that writes and exits 7; the parent waits (wait4) and then
   fork+execve("/bin/true") and waits again; exits 0. */
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    int status;
    pid_t pid = fork();
    if (pid == 0) {
        write(1, "child\n", 6);
        _exit(7);
    }
    wait4(pid, &status, 0, NULL);
    pid = fork();
    if (pid == 0) {
        char *argv[] = {"/bin/true", NULL};
        char *envp[] = {NULL};
        execve("/bin/true", argv, envp);
        _exit(127);
    }
    wait4(pid, &status, 0, NULL);
    write(1, "parent\n", 7);
    return 0;
}
