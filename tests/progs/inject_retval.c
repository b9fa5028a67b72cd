/* Calls whose results -e inject=...:retval= replaces with negative values: a pid (getpid,
 * getppid), a uid (geteuid), a descriptor (dup), a plain count (close), waitid's 0 (no pid:
 * printed unsigned, as strace's waitid returns no RVAL_TGID), an address (brk is left alone:
 * libc needs it). */
#include <sys/wait.h>
#include <unistd.h>
#include <sys/syscall.h>

int main(void)
{
	syscall(SYS_getpid);
	syscall(SYS_getppid);
	syscall(SYS_geteuid);
	syscall(SYS_dup, 0);
	syscall(SYS_waitid, P_ALL, 0, NULL, WNOHANG | WEXITED, NULL);
	syscall(SYS_close, 99);
	syscall(SYS_close, 98);
	return 0;
}
