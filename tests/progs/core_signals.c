/* core_signals: "term": a SIGUSR1 handler, kill(getpid(), SIGUSR1), then kill(getpid(), SIGTERM)
   with the default action (killed by SIGTERM). "segv": write through a NULL pointer. */
#include <signal.h>
#include <string.h>
#include <unistd.h>

static void on_usr1(int sig)
{
    (void)sig;
    write(1, "usr1\n", 5);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "segv") == 0) {
        volatile int *p = (volatile int *)0;
        write(1, "segv\n", 5);
        *p = 1;
        return 0;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    kill(getpid(), SIGUSR1);
    kill(getpid(), SIGTERM);
    return 0;
}
