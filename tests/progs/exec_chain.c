/* Workload for personality changes: says hello, then execs the rest of its arguments (a 64-bit
 * build execs a 32-bit one and back: `[ Process PID=N runs in 32 bit mode. ]`). */
#include <unistd.h>

int main(int argc, char **argv)
{
    write(1, "hello\n", 6);
    if (argc > 1)
        execv(argv[1], argv + 1);
    return 0;
}
