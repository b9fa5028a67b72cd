/* Issue-10 workload: a hostile tracee. Every call passes something a tracer must survive:
   invalid pointers, absurd lengths and counts, strings and arrays that run into an unmapped
   (PROT_NONE) page without a terminator, and bytes that would act on a terminal.
   `page` is a read-write page followed by a PROT_NONE guard page. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>

int main(void) {
    long ps = sysconf(_SC_PAGESIZE);
    char *page = mmap(NULL, 2 * ps, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *guard = page + ps;
    int zero = open("/dev/zero", O_RDONLY);          /* fd 3 */
    struct iovec *iov;
    char **argv;
    long i, n;

    if (page == MAP_FAILED || zero != 3) return 1;
    mprotect(guard, ps, PROT_NONE);

    /* invalid pointers */
    syscall(SYS_open, (char *)1, O_RDONLY);
    syscall(SYS_write, 1, (void *)0x10, 5);
    syscall(SYS_stat, "/", (void *)0x1234);
    syscall(SYS_read, 3, (void *)-1L, 16);

    /* read with a length of 1 TiB: into the guard page (EFAULT), and into the last 64 bytes
       of the good page (the kernel stops at the fault: a short read of 64, or EFAULT when
       it reports no progress; which one varies from run to run) */
    syscall(SYS_read, 3, guard, 1L << 40);
    syscall(SYS_read, 3, guard - 64, 1L << 40);

    /* writev with a count of 10**9 (EINVAL) and NULL / invalid / guard-bounded iovec arrays */
    syscall(SYS_writev, 1, NULL, 1000000000L);
    syscall(SYS_writev, 1, (void *)1, 1000);
    n = ps / sizeof(struct iovec);
    iov = (struct iovec *)page;
    for (i = 0; i < n; i++) { iov[i].iov_base = (void *)"x"; iov[i].iov_len = 1; }
    syscall(SYS_writev, 1, iov, 1000000000L);
    syscall(SYS_writev, 1, iov, n + 10);

    /* a path without its NUL, running into the guard page */
    memset(page, 'a', ps);
    syscall(SYS_open, guard - 100, O_RDONLY);
    syscall(SYS_open, page, O_RDONLY);               /* 4096 bytes, no NUL: also ENAMETOOLONG/EFAULT */

    /* an argv array filling the page with no NULL terminator, each element the same string */
    argv = (char **)page;
    for (i = 0; i < ps / (long)sizeof(char *); i++) argv[i] = "loop";
    syscall(SYS_execve, "/nonexistent/hostile", argv, argv);

    /* bytes that would act on a terminal: clear screen, carriage return, 8-bit CSI */
    syscall(SYS_write, 1, "\033[2J\rX\2331m\033]0;title\007", 20);
    syscall(SYS_open, "\033[2J\r\233", O_RDONLY);
    return 0;
}
