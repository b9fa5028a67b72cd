/* Workload for tests/test_decode_live_fd.py: file-family syscalls, successful and failing,
 * with bad pointers. Run in an empty scratch directory (the test passes it as argv[1]). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <unistd.h>
#include <linux/openat2.h>

/* built with -m32 too (tests/test_i386.py): i386 has fstatat64 (struct stat64) instead */
#ifndef SYS_newfstatat
#define SYS_newfstatat SYS_fstatat64
#endif

int main(int argc, char **argv)
{
    /* room for i386's fstatat64, which fills a struct stat64 (larger than glibc's stat) */
    union { struct stat st; char room[256]; } stat_buf;
#define st stat_buf.st
    struct statfs sfs;
    struct statx stx;
    char buf[4096];
    int fd, dfd;

    if (argc < 2 || chdir(argv[1]) != 0)
        return 1;
    fd = open("f.txt", O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644);
    write(fd, "hello\n", 6);
    close(fd);
    syscall(SYS_open, "f.txt", O_RDONLY | O_CLOEXEC);
    syscall(SYS_open, "nonexistent", O_RDONLY);
    syscall(SYS_open, (char *)1, O_RDONLY);
    syscall(SYS_open, NULL, O_RDONLY);
    openat(AT_FDCWD, "f.txt", O_RDWR | O_NOFOLLOW | O_NONBLOCK);
    openat(AT_FDCWD, "f.txt", O_RDONLY | 0x40000000);
    openat(AT_FDCWD, ".", O_RDWR | O_TMPFILE, 0600);
    openat(AT_FDCWD, "f.txt", O_WRONLY | O_SYNC);
    openat(AT_FDCWD, "f.txt", O_WRONLY | O_DSYNC | O_DIRECT);
    dfd = openat(AT_FDCWD, ".", O_RDONLY | O_DIRECTORY | O_PATH);
    {
        struct open_how how = { .flags = O_RDONLY | O_CLOEXEC, .resolve = RESOLVE_BENEATH };
        syscall(SYS_openat2, dfd, "f.txt", &how, sizeof how);
        how.flags = O_WRONLY | O_CREAT; how.mode = 0640; how.resolve = 0;
        syscall(SYS_openat2, AT_FDCWD, "g.txt", &how, sizeof how);
        syscall(SYS_openat2, AT_FDCWD, "g.txt", &how, 8);
        syscall(SYS_openat2, AT_FDCWD, "g.txt", (void *)8, sizeof how);
    }
    syscall(SYS_creat, "c.txt", 0600);
    access("f.txt", F_OK);
    access("f.txt", R_OK | W_OK);
    access("/nonexistent", X_OK);
    syscall(SYS_access, "f.txt", 0x10);
    syscall(SYS_faccessat, AT_FDCWD, "f.txt", R_OK);
    syscall(SYS_faccessat2, AT_FDCWD, "f.txt", R_OK, AT_EACCESS | AT_SYMLINK_NOFOLLOW);
    syscall(SYS_stat, "f.txt", &st);
    syscall(SYS_stat, "/dev/null", &st);
    syscall(SYS_lstat, "nonexistent", &st);
    syscall(SYS_stat, "f.txt", (void *)0x1234);
    syscall(SYS_fstat, 0, &st);
    syscall(SYS_fstat, 99, &st);
    syscall(SYS_newfstatat, AT_FDCWD, "f.txt", &st, AT_SYMLINK_NOFOLLOW);
    syscall(SYS_newfstatat, dfd, "", &st, AT_EMPTY_PATH);
    syscall(SYS_newfstatat, AT_FDCWD, "f.txt", &st, 0x12345);
    syscall(SYS_statx, AT_FDCWD, "f.txt", AT_STATX_SYNC_AS_STAT, STATX_BASIC_STATS, &stx);
    syscall(SYS_statx, AT_FDCWD, "f.txt", AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT, STATX_ALL, &stx);
    syscall(SYS_statx, AT_FDCWD, "f.txt", AT_STATX_FORCE_SYNC, STATX_SIZE | STATX_MNT_ID, &stx);
    syscall(SYS_statx, AT_FDCWD, "nonexistent", AT_STATX_DONT_SYNC, STATX_TYPE, &stx);
    syscall(SYS_statx, AT_FDCWD, "/dev/null", 0, STATX_TYPE, &stx);
    statfs("/", &sfs);
    fstatfs(dfd, &sfs);
    statfs("/proc", &sfs);
    statfs("/nonexistent", &sfs);
    syscall(SYS_statfs, "/dev/null", (void *)1);
    symlink("f.txt", "l.lnk");
    symlinkat("target-does-not-exist", AT_FDCWD, "m.lnk");
    syscall(SYS_readlink, "l.lnk", buf, sizeof buf);
    syscall(SYS_readlink, "f.txt", buf, sizeof buf);
    syscall(SYS_readlinkat, AT_FDCWD, "m.lnk", buf, 5);
    syscall(SYS_readlinkat, AT_FDCWD, "l.lnk", (void *)8, 5);
    mkdir("d1", 0755);
    mkdir("d1", 01777);
    mkdirat(AT_FDCWD, "d2", 0700);
    mknod("fifo", S_IFIFO | 0644, 0);
    mknodat(AT_FDCWD, "chr", S_IFCHR | 0600, makedev(1, 3));
    link("f.txt", "h.txt");
    linkat(AT_FDCWD, "f.txt", AT_FDCWD, "h2.txt", AT_SYMLINK_FOLLOW);
    rename("h.txt", "h3.txt");
    renameat(AT_FDCWD, "h3.txt", AT_FDCWD, "h4.txt");
    syscall(SYS_renameat2, AT_FDCWD, "h4.txt", AT_FDCWD, "h2.txt", RENAME_NOREPLACE);
    syscall(SYS_renameat2, AT_FDCWD, "h4.txt", AT_FDCWD, "h2.txt", RENAME_EXCHANGE | 0x40);
    chmod("f.txt", 0600);
    fd = open("f.txt", O_RDONLY);
    fchmod(fd, 04755);
    fchmodat(AT_FDCWD, "f.txt", 0644, 0);
    chown("f.txt", -1, -1);
    lchown("l.lnk", 0, 0);
    fchown(fd, 65534, -1);
    fchownat(AT_FDCWD, "f.txt", -1, 0, AT_SYMLINK_NOFOLLOW);
    {
        struct timespec ts[2] = { { 1, 2 }, { 0, UTIME_NOW } };
        utimensat(AT_FDCWD, "f.txt", ts, 0);
        ts[0].tv_nsec = UTIME_OMIT;
        ts[1].tv_sec = 1700000000; ts[1].tv_nsec = 0;
        utimensat(AT_FDCWD, "f.txt", ts, AT_SYMLINK_NOFOLLOW);
        utimensat(fd, NULL, NULL, 0);
    }
    truncate("f.txt", 3);
    truncate("nonexistent", -1);
    ftruncate(fd, 10);
    syscall(SYS_getcwd, buf, sizeof buf);
    syscall(SYS_getcwd, buf, 1);
    fchdir(dfd);
    chdir("/nonexistent");
    chroot("/nonexistent");
    {
        int d = open(".", O_RDONLY | O_DIRECTORY);
        syscall(SYS_getdents64, d, buf, sizeof buf);
        syscall(SYS_getdents64, d, buf, sizeof buf);
        syscall(SYS_getdents64, 99, buf, sizeof buf);
        lseek(d, 0, SEEK_SET);
        syscall(SYS_getdents, d, buf, sizeof buf);
        close(d);
    }
    setxattr("f.txt", "user.foo", "bar", 3, XATTR_CREATE);
    lsetxattr("f.txt", "user.foo", "baz", 3, XATTR_REPLACE);
    fsetxattr(fd, "user.x", "", 0, 0);
    getxattr("f.txt", "user.foo", buf, sizeof buf);
    getxattr("f.txt", "user.foo", NULL, 0);
    getxattr("f.txt", "user.none", buf, sizeof buf);
    lgetxattr("f.txt", "user.foo", buf, 1);
    fgetxattr(fd, "user.foo", buf, sizeof buf);
    listxattr("f.txt", buf, sizeof buf);
    listxattr("f.txt", NULL, 0);
    llistxattr("f.txt", buf, sizeof buf);
    flistxattr(fd, buf, sizeof buf);
    removexattr("f.txt", "user.foo");
    lremovexattr("f.txt", "user.none");
    fremovexattr(fd, "user.x");
    {
        int in = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
        inotify_add_watch(in, ".", IN_MODIFY | IN_CREATE | IN_DELETE);
        inotify_add_watch(in, "f.txt", IN_ALL_EVENTS | IN_ONESHOT);
        inotify_add_watch(in, "/nonexistent", IN_ACCESS);
        inotify_rm_watch(in, 1);
        close(in);
    }
    unlink("h2.txt");
    unlink("nonexistent");
    unlinkat(AT_FDCWD, "d2", AT_REMOVEDIR);
    unlinkat(AT_FDCWD, "fifo", 0);
    rmdir("d1");
    rmdir("nonexistent");
    close(fd);
    return 0;
}
