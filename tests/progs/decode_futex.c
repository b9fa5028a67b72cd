/* decode_futex: every futex operation with and without FUTEX_PRIVATE_FLAG and
   FUTEX_CLOCK_REALTIME, FUTEX_WAKE_OP encodings, unknown operations, and futex_waitv, for
   comparison with strace 6.1 (tests/test_decode_live_sigtime.py). None of the calls blocks. */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#ifndef SYS_futex_waitv
#define SYS_futex_waitv 449
#endif
#ifndef FUTEX_LOCK_PI2
#define FUTEX_LOCK_PI2 13
#endif

struct waitv { uint64_t val, uaddr; uint32_t flags, reserved; };

static long fx(uint32_t *u, int op, uint32_t val, void *t, uint32_t *u2, uint32_t val3)
{
    return syscall(SYS_futex, u, op, val, t, u2, val3);
}

int main(void)
{
    static uint32_t f[4];
    struct timespec ts = {0, 1000000}, abs;
    struct waitv wv[2];
    int priv, i;

    for (priv = 0; priv <= FUTEX_PRIVATE_FLAG; priv += FUTEX_PRIVATE_FLAG) {
        f[0] = 0;
        fx(f, FUTEX_WAIT | priv, 1, NULL, NULL, 0);                    /* EAGAIN */
        fx(f, FUTEX_WAIT | priv, 0, &ts, NULL, 0);                     /* ETIMEDOUT */
        fx(f, FUTEX_WAIT | priv | FUTEX_CLOCK_REALTIME, 1, &ts, NULL, 0); /* ENOSYS */
        fx(f, FUTEX_WAKE | priv, 1, NULL, NULL, 0);
        fx(f, FUTEX_WAKE | priv, INT32_MAX, NULL, NULL, 0);
        fx(f, FUTEX_FD | priv, 3, NULL, NULL, 0);
        fx(f, FUTEX_REQUEUE | priv, 1, (void *)2, f + 1, 0);
        fx(f, FUTEX_CMP_REQUEUE | priv, 1, (void *)2, f + 1, 0);
        fx(f, FUTEX_CMP_REQUEUE | priv, 1, (void *)2, f + 1, 5);       /* EAGAIN */
        fx(f, FUTEX_WAKE_OP | priv, 1, (void *)1, f + 1,
           FUTEX_OP(FUTEX_OP_SET, 0, FUTEX_OP_CMP_GT, 1));
        fx(f, FUTEX_WAKE_OP | priv, 1, (void *)0, f + 1,
           FUTEX_OP(FUTEX_OP_ADD | FUTEX_OP_OPARG_SHIFT, 4, FUTEX_OP_CMP_EQ, 0xfff));
        fx(f, FUTEX_WAKE_OP | priv, 1, (void *)0, f + 1,
           FUTEX_OP(FUTEX_OP_XOR, 0x123, FUTEX_OP_CMP_GE, 7));
        fx(f, FUTEX_WAKE_OP | priv, 0, (void *)0, f + 1, 0xdf000000);   /* unknown op/cmp */
        syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &abs);
        abs.tv_nsec = 0;
        fx(f, FUTEX_WAIT_BITSET | priv, 0, &abs, NULL, FUTEX_BITSET_MATCH_ANY);
        fx(f, FUTEX_WAIT_BITSET | priv, 1, NULL, NULL, 0x0f);          /* EAGAIN */
        fx(f, FUTEX_WAIT_BITSET | priv | FUTEX_CLOCK_REALTIME, 1, NULL, NULL,
           FUTEX_BITSET_MATCH_ANY);
        fx(f, FUTEX_WAIT_BITSET | priv, 0, &abs, NULL, 0);             /* EINVAL */
        fx(f, FUTEX_WAKE_BITSET | priv, 1, NULL, NULL, FUTEX_BITSET_MATCH_ANY);
        fx(f, FUTEX_WAKE_BITSET | priv, 1, NULL, NULL, 2);
        f[2] = 0;
        fx(f + 2, FUTEX_LOCK_PI | priv, 0, NULL, NULL, 0);
        fx(f + 2, FUTEX_UNLOCK_PI | priv, 0, NULL, NULL, 0);
        fx(f + 2, FUTEX_TRYLOCK_PI | priv, 0, NULL, NULL, 0);
        fx(f + 2, FUTEX_UNLOCK_PI | priv, 0, NULL, NULL, 0);
        fx(f + 2, FUTEX_LOCK_PI2 | priv, 0, &abs, NULL, 0);
        fx(f + 2, FUTEX_UNLOCK_PI | priv, 0, NULL, NULL, 0);
        fx(f + 2, FUTEX_LOCK_PI2 | priv | FUTEX_CLOCK_REALTIME, 0, NULL, NULL, 0);
        fx(f + 2, FUTEX_UNLOCK_PI | priv, 0, NULL, NULL, 0);
        fx(f, FUTEX_WAIT_REQUEUE_PI | priv, 0, &ts, f, 0);              /* EINVAL */
        fx(f, FUTEX_CMP_REQUEUE_PI | priv, 1, (void *)0, f + 3, 0);
        fx(f, 14 | priv, 1, (void *)3, f + 1, 0x55);                   /* unknown op */
    }
    fx(f, 0x7f, 1, NULL, NULL, 0);
    fx(f, 0x200 | FUTEX_WAKE, 1, NULL, NULL, 0);
    fx(f, FUTEX_WAKE | FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME, 1, NULL, NULL, 0);
    fx((void *)8, FUTEX_WAIT, 0, NULL, NULL, 0);                       /* EFAULT */
    fx(f, FUTEX_WAIT, 0, (void *)8, NULL, 0);                          /* EFAULT */

    /* futex_waitv */
    memset(wv, 0, sizeof wv);
    for (i = 0; i < 2; i++) {
        wv[i].uaddr = (uintptr_t)(f + i);
        wv[i].val = 1;
        wv[i].flags = FUTEX_32;
    }
    syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &abs);
    syscall(SYS_futex_waitv, wv, 2, 0, &abs, CLOCK_MONOTONIC);          /* EAGAIN */
    wv[0].val = 0;
    wv[1].val = 0;
    wv[1].flags = FUTEX_32 | FUTEX_PRIVATE_FLAG;
    syscall(SYS_futex_waitv, wv, 2, 0, &abs, CLOCK_MONOTONIC);          /* ETIMEDOUT */
    wv[0].val = 1;
    syscall(SYS_futex_waitv, wv, 1, 0, NULL, CLOCK_REALTIME);           /* EAGAIN */
    syscall(SYS_futex_waitv, wv, 0, 1, NULL, 99);                       /* EINVAL */
    syscall(SYS_futex_waitv, (void *)8, 1, 0, NULL, CLOCK_MONOTONIC);   /* EFAULT */
    return 0;
}
