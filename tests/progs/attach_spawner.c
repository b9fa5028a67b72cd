/* attach_spawner ROUNDS THREADS FORKS: waits for one byte on stdin (the tracer is attached by
 * then), then per round starts THREADS threads and FORKS child processes that each make one
 * write to /dev/null and end, and waits for them all. Exits 0. */
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static int devnull;

static void *worker(void *arg)
{
    (void) arg;
    write(devnull, "t", 1);
    return NULL;
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 1;
    int threads = argc > 2 ? atoi(argv[2]) : 30;
    int forks = argc > 3 ? atoi(argv[3]) : 0;
    pthread_t tids[256];
    char c;
    devnull = open("/dev/null", O_WRONLY);
    if (read(0, &c, 1) != 1)
        return 2;
    for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < threads && i < 256; i++)
            pthread_create(&tids[i], NULL, worker, NULL);
        for (int i = 0; i < forks; i++)
            if (fork() == 0) {
                write(devnull, "p", 1);
                _exit(0);
            }
        for (int i = 0; i < threads && i < 256; i++)
            pthread_join(tids[i], NULL);
        for (int i = 0; i < forks; i++)
            wait(NULL);
    }
    return 0;
}
