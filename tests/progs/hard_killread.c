/* Issue-10 workload: prints `ready PID` on stdout, then blocks in read(3) on an empty pipe
   until the test kills it with SIGKILL. */
#include <stdio.h>
#include <unistd.h>

int main(void) {
    int p[2];
    char c, buf[32];
    if (pipe(p) < 0) return 1;
    snprintf(buf, sizeof buf, "ready %d\n", (int)getpid());
    write(1, buf, __builtin_strlen(buf));
    read(p[0], &c, 1);
    return 2;
}
