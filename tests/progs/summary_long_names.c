/* Syscalls with long names, for the -c table's widening syscall column (test_summary.py). */
#define _GNU_SOURCE
#include <sched.h>
#include <unistd.h>
#include <sys/syscall.h>

int main(void)
{
	cpu_set_t set;
	for (int i = 0; i < 3; i++)
		syscall(SYS_sched_getaffinity, 0, sizeof(set), &set);
	syscall(SYS_sched_get_priority_max, SCHED_OTHER);
	syscall(SYS_sched_get_priority_min, 12345);      /* EINVAL */
	return 0;
}
