/* core_hello: write, a failing open (ENOENT), getpid, exit_group(3). */
#include <fcntl.h>
#include <unistd.h>
#include <sys/syscall.h>

int main(void)
{
    write(1, "hello\n", 6);
    open("/nonexistent", O_RDONLY);
    getpid();
    syscall(SYS_exit_group, 3);
    return 0;
}
