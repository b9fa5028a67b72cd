/* Issue-10 workload: a zombie leader. The leader calls pthread_exit (syscall exit(0)) while a
   second thread goes on: it sleeps 100 ms, calls getppid, writes a line, then exit_group(3). */
#include <pthread.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>

static void *survivor(void *arg) {
    struct timespec t = {0, 100000000};
    (void)arg;
    nanosleep(&t, NULL);
    syscall(SYS_getppid);
    write(1, "survivor\n", 9);
    _exit(3);
}

int main(void) {
    pthread_t th;
    pthread_create(&th, NULL, survivor, NULL);
    pthread_exit(NULL);
}
