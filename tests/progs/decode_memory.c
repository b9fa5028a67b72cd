/* decode_memory: memory-family syscalls, successful and failing, for comparison with
   strace 6.1 (tests/test_decode_live_proc.py). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

int main(void)
{
    long pg = 4096;
    unsigned char vec[4];
    char *p, *q;
    int fd = open("/proc/self/exe", O_RDONLY);

    syscall(SYS_brk, 0);
    p = (char *)syscall(SYS_mmap, 0, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    syscall(SYS_mmap, 0, pg, PROT_NONE, MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    syscall(SYS_mmap, 0, pg, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd, 0);
    syscall(SYS_mmap, 0, pg, PROT_READ | 0x40, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK | MAP_GROWSDOWN, -1, 0);
    syscall(SYS_mmap, 0, 2 << 20, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB | (21 << 26), -1, 0);
    syscall(SYS_mmap, p, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    syscall(SYS_mmap, 0, pg, PROT_READ, MAP_SHARED_VALIDATE | 0x800000, -1, 0);
    syscall(SYS_mmap, 0, 0, PROT_READ, 0xf, 99, 0x1000);
    syscall(SYS_mmap, 0, pg, PROT_READ, MAP_PRIVATE | MAP_POPULATE | MAP_LOCKED, fd, pg);
    syscall(SYS_mprotect, p, pg, PROT_READ);
    syscall(SYS_mprotect, p, pg, PROT_NONE);
    syscall(SYS_mprotect, p, pg, PROT_READ | PROT_WRITE | PROT_EXEC | PROT_GROWSDOWN);
    syscall(SYS_mprotect, p + 1, pg, PROT_READ | 0x100);
    syscall(SYS_pkey_mprotect, p, pg, PROT_READ | PROT_WRITE, -1);
    syscall(SYS_madvise, p, pg, MADV_DONTNEED);
    syscall(SYS_madvise, p, pg, MADV_WILLNEED);
    syscall(SYS_madvise, p, pg, MADV_NOHUGEPAGE);
    syscall(SYS_madvise, p, pg, 77);
    syscall(SYS_msync, p, pg, MS_SYNC);
    syscall(SYS_msync, p, pg, MS_ASYNC | MS_INVALIDATE);
    syscall(SYS_msync, p + 1, pg, 0x40);
    syscall(SYS_mincore, p, 4 * pg, vec);
    syscall(SYS_mincore, p, 4 * pg, (void *)1);
    syscall(SYS_mlock, p, pg);
    syscall(SYS_munlock, p, pg);
    syscall(SYS_mlock2, p, pg, MLOCK_ONFAULT);
    syscall(SYS_mlock2, p, pg, 0);
    syscall(SYS_mlock2, p, pg, 8);
    syscall(SYS_mlockall, MCL_CURRENT | MCL_FUTURE);
    syscall(SYS_mlockall, MCL_CURRENT | MCL_ONFAULT);
    syscall(SYS_mlockall, 0);
    syscall(SYS_munlockall);
    p = (char *)syscall(SYS_mmap, 0, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    q = (char *)syscall(SYS_mremap, p, 4 * pg, 8 * pg, MREMAP_MAYMOVE);
    syscall(SYS_mremap, q, pg, 2 * pg, 0);
    q = (char *)syscall(SYS_mremap, q, 2 * pg, 2 * pg, MREMAP_MAYMOVE | MREMAP_FIXED, q + 16 * pg);
    syscall(SYS_mremap, q, 2 * pg, 2 * pg, 8);
    syscall(SYS_munmap, q, 2 * pg);
    syscall(SYS_munmap, q + 1, pg);
    syscall(SYS_membarrier, 0, 0);
    syscall(SYS_membarrier, 8 /* REGISTER_PRIVATE_EXPEDITED */, 0);
    syscall(SYS_membarrier, 16 /* PRIVATE_EXPEDITED */, 0);
    syscall(SYS_membarrier, 1234, 0);
    syscall(SYS_brk, 1);
    syscall(SYS_brk, syscall(SYS_brk, 0) + pg);
    return 0;
}
