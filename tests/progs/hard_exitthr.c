/* Issue-10 workload: the process exits (exit_group(5)) while another thread is blocked in
   read(3) on an empty pipe. */
#include <pthread.h>
#include <time.h>
#include <unistd.h>

static int p[2];

static void *reader(void *arg) {
    char c;
    (void)arg;
    read(p[0], &c, 1);
    return NULL;
}

int main(void) {
    pthread_t th;
    struct timespec t = {0, 100000000};
    if (pipe(p) < 0) return 1;
    pthread_create(&th, NULL, reader, NULL);
    nanosleep(&t, NULL);
    _exit(5);
}
