/* An unknown syscall number, a failing and a succeeding call, for -z/-Z and syscall_0x... */
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
    syscall(0xbad, 1, 2, 3, 4, 5, 6);
    open("/nonexistent", O_RDONLY);
    write(1, "ok\n", 3);
    return 0;
}
