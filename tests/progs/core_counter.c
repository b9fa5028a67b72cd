/* core_counter N [FD]: write "N\n" with an incrementing counter to FD (default 1) every 10 ms,
   N times, then exit 0. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 100;
    int fd = argc > 2 ? atoi(argv[2]) : 1;
    char buf[32];
    struct timespec ts = {0, 10 * 1000 * 1000};
    for (long i = 0; i < n; i++) {
        int len = snprintf(buf, sizeof buf, "%ld\n", i);
        write(fd, buf, len);
        nanosleep(&ts, NULL);
    }
    return 0;
}
