/* Workload for tests/test_decode_live_fd.py: descriptor-family syscalls, successful and
 * failing, with bad pointers. argv[1] is an empty scratch directory. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <linux/memfd.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>
#include <linux/close_range.h>

int main(int argc, char **argv)
{
    char buf[256];
    int p[2], fd, fd2;
    struct iovec iov[3];
    struct flock fl;
    loff_t off;

    if (argc < 2 || chdir(argv[1]) != 0)
        return 1;
    fd = open("data", O_RDWR | O_CREAT | O_TRUNC, 0644);
    write(fd, "hello\tworld\n\"q\" \\ \1\177\377", 22);
    write(fd, "0123456789abcdefghijklmnopqrstuvwxyz", 36);
    write(fd, "", 0);
    write(99, "x", 1);
    write(fd, (void *)0x10, 5);
    lseek(fd, 0, SEEK_SET);
    read(fd, buf, 5);
    read(fd, buf, sizeof buf);
    read(fd, buf, sizeof buf);
    read(fd, NULL, 5);
    read(fd, (void *)0x10, 0);
    read(99, buf, 5);
    lseek(fd, -3, SEEK_END);
    lseek(fd, 2, SEEK_CUR);
    lseek(fd, 0, 7);
    lseek(fd, 0, SEEK_DATA);
    pread64(fd, buf, 4, 2);
    pwrite64(fd, "XY", 2, 100);
    pread64(fd, buf, 4, 1000);
    iov[0].iov_base = "hello "; iov[0].iov_len = 6;
    iov[1].iov_base = "world\n"; iov[1].iov_len = 6;
    writev(fd, iov, 2);
    lseek(fd, 0, SEEK_SET);
    iov[0].iov_base = buf; iov[0].iov_len = 4;
    iov[1].iov_base = buf + 10; iov[1].iov_len = 20;
    iov[2].iov_base = buf + 40; iov[2].iov_len = 100;
    readv(fd, iov, 3);
    readv(fd, (void *)8, 2);
    preadv(fd, iov, 2, 3);
    pwritev(fd, iov, 1, 200);
    preadv2(fd, iov, 2, 0, RWF_HIPRI);
    pwritev2(fd, iov, 1, 300, RWF_DSYNC | RWF_APPEND);
    preadv2(fd, iov, 1, -1, 0);
    dup(fd);
    dup2(fd, 20);
    dup3(fd, 21, O_CLOEXEC);
    dup3(fd, 21, 0);
    dup(99);
    fcntl(fd, F_GETFD);
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    fcntl(fd, F_GETFD);
    fcntl(fd, F_GETFL);
    fcntl(0, F_GETFL);
    fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK);
    fcntl(fd, F_DUPFD, 30);
    fcntl(fd, F_DUPFD_CLOEXEC, 40);
    fl.l_type = F_WRLCK; fl.l_whence = SEEK_SET; fl.l_start = 0; fl.l_len = 10;
    fcntl(fd, F_SETLK, &fl);
    fl.l_type = F_RDLCK;
    fcntl(fd, F_GETLK, &fl);
    fcntl(fd, F_SETLKW, (void *)8);
    fcntl(fd, F_OFD_GETLK, &fl);
    fcntl(fd, F_GETOWN);
    fcntl(fd, F_GETPIPE_SZ);
    fcntl(fd, 0x7777, 0x10);
    flock(fd, LOCK_EX | LOCK_NB);
    flock(fd, LOCK_UN);
    fsync(fd);
    fdatasync(fd);
    syscall(SYS_pipe, p);
    close(p[0]); close(p[1]);
    pipe2(p, O_CLOEXEC | O_NONBLOCK);
    pipe2(p, 0);
    syscall(SYS_pipe2, (void *)8, 0);
    write(p[1], "ping", 4);
    read(p[0], buf, 16);
    fd2 = open("copy", O_WRONLY | O_CREAT | O_TRUNC, 0600);
    off = 0;
    sendfile(fd2, fd, &off, 5);
    sendfile(fd2, fd, NULL, 5);
    sendfile(fd2, 99, &off, 5);
    write(p[1], "splice", 6);
    splice(p[0], NULL, fd2, &off, 6, SPLICE_F_MOVE | SPLICE_F_MORE);
    off = 0;
    copy_file_range(fd, &off, fd2, NULL, 4, 0);
    copy_file_range(fd, NULL, fd2, NULL, 4, 0);
    {
        int q[2];
        pipe2(q, 0);
        write(p[1], "tee", 3);
        tee(p[0], q[1], 3, SPLICE_F_NONBLOCK);
    }
    eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    eventfd(5, EFD_SEMAPHORE);
    eventfd(0, 0);
    memfd_create("demo", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    memfd_create("huge", MFD_HUGETLB | MFD_HUGE_2MB);
    posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    posix_fadvise(fd, 10, 100, POSIX_FADV_DONTNEED);
    fallocate(fd, 0, 0, 4096);
    fallocate(fd, FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE, 0, 10);
    ftruncate(fd, 0);
    close(99);
    syscall(SYS_close_range, 50, ~0U, 0);
    syscall(SYS_close_range, 50, 60, CLOSE_RANGE_CLOEXEC);
    close(fd);
    close(fd2);
    return 0;
}
