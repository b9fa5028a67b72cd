/* allsys: call each system call number given on the command line with zero arguments, safely.
 *
 * A seccomp filter first makes every system call fail with ENOSYS before it runs, so nothing
 * happens, yet a tracer still sees each entry and exit.  The only exception is exit/exit_group
 * with the status DONE, which the program uses at the end: it exits with status 42.
 * Used by tests/test_syscall_classes.py: `strace -e trace=%file ./allsys 0 1 2 ...` lists exactly the
 * members of strace's %file class that are among the numbers.  Usage: allsys NR... (0x... allowed).
 * Pass only numbers the running kernel's seccomp filters: x86_64 uretprobe (335, Linux 6.11+)
 * bypasses seccomp and kills the caller with SIGILL, so the tests pass the numbers of a 6.1 table.
 */
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#define DONE 42

/* if (nr == NR && args[0] == DONE) allow; */
#define ALLOW_EXIT(NR) \
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)), \
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (NR), 0, 3), \
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0])), \
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, DONE, 0, 1), \
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)

int main(int argc, char **argv)
{
	struct sock_filter filter[] = {
		ALLOW_EXIT(__NR_exit_group),
		ALLOW_EXIT(__NR_exit),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
	};
	struct sock_fprog prog = { sizeof(filter) / sizeof(filter[0]), filter };
	int i;

	if (argc < 2) {
		fprintf(stderr, "usage: allsys NR...\n");
		return 2;
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
	    syscall(__NR_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) != 0) {
		perror("allsys: seccomp");
		return 1;
	}
	for (i = 1; i < argc; i++)
		syscall(strtol(argv[i], NULL, 0), 0, 0, 0, 0, 0, 0);
	syscall(__NR_exit_group, DONE);
	return 1;
}
