/* stack_calls: calls made a few functions deep, for -k (stack traces) compared with strace -k.
   Modes: plain (write/getpid from nested functions), threads (two threads each write), signal
   (a SIGUSR1 delivered while in a nested call), exit (exit_group from a nested call). */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

__attribute__((noinline)) static void leaf(const char *s)
{
    write(1, s, strlen(s));
    asm volatile("");
}

__attribute__((noinline)) void middle(const char *s)
{
    leaf(s);
    asm volatile("");
}

__attribute__((noinline)) void top(const char *s)
{
    middle(s);
    getpid();
    asm volatile("");
}

static void *thread_main(void *arg)
{
    top((const char *)arg);
    return NULL;
}

static void on_usr1(int sig) { (void)sig; }

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "plain";
    if (!strcmp(mode, "threads")) {
        pthread_t a, b;
        pthread_create(&a, NULL, thread_main, "a\n");
        pthread_join(a, NULL);
        pthread_create(&b, NULL, thread_main, "b\n");
        pthread_join(b, NULL);
    } else if (!strcmp(mode, "signal")) {
        signal(SIGUSR1, on_usr1);
        top("x\n");
        raise(SIGUSR1);
    } else if (!strcmp(mode, "exit")) {
        top("x\n");
        exit(3);
    } else {
        top("x\n");
    }
    return 0;
}
