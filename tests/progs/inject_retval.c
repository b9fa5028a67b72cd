/* Calls whose results -e inject=...:retval= replaces with negative values: a pid (getpid,
 * getppid), a uid (geteuid), a descriptor (dup), a plain count (close), an address (brk is
 * left alone: libc needs it). */
#include <unistd.h>
#include <sys/syscall.h>

int main(void)
{
	syscall(SYS_getpid);
	syscall(SYS_getppid);
	syscall(SYS_geteuid);
	syscall(SYS_dup, 0);
	syscall(SYS_close, 99);
	syscall(SYS_close, 98);
	return 0;
}
