/* Issue-10 workload: does N (default 3000) getppid calls with a 1 ms sleep every 100, then
   creates the file argv[1] (a marker that the work was finished) and exits 0. Writes nothing
   on stdout/stderr, so a closed output pipe cannot hurt it. */
#include <fcntl.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>

int main(int argc, char **argv) {
    int n = argc > 2 ? atoi(argv[2]) : 3000;
    struct timespec ms = {0, 1000000};
    int i, fd;
    if (argc < 2) return 1;
    for (i = 0; i < n; i++) {
        syscall(SYS_getppid);
        if (i % 100 == 0) nanosleep(&ms, NULL);
    }
    fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) return 1;
    write(fd, "done\n", 5);
    close(fd);
    return 0;
}
