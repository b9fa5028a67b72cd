/* core_threads: two threads each write and sleep 20 ms; the main thread joins both. */
#include <pthread.h>
#include <unistd.h>

static void *worker(void *arg)
{
    write(1, (const char *)arg, 3);
    usleep(20000);
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, worker, "t1\n");
    pthread_join(a, NULL);
    pthread_create(&b, NULL, worker, "t2\n");
    pthread_join(b, NULL);
    write(1, "done\n", 5);
    return 0;
}
