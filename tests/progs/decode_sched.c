/* Workload for the scheduling decoders: policies, params, attrs, priorities. */
#define _GNU_SOURCE
#include <sched.h>
#include <stdint.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/sched.h>

struct attr {                   /* struct sched_attr (linux/sched/types.h), 56 bytes */
    uint32_t size, sched_policy;
    uint64_t sched_flags;
    int32_t sched_nice;
    uint32_t sched_priority;
    uint64_t sched_runtime, sched_deadline, sched_period;
    uint32_t sched_util_min, sched_util_max;
};

int main(void)
{
    struct sched_param p = { 0 };
    struct attr a;
    struct timespec ts;
    syscall(SYS_sched_getscheduler, 0);
    syscall(SYS_sched_getscheduler, 999999);
    syscall(SYS_sched_get_priority_max, SCHED_FIFO);
    syscall(SYS_sched_get_priority_min, SCHED_RR);
    syscall(SYS_sched_get_priority_min, 99);
    syscall(SYS_sched_getparam, 0, &p);
    syscall(SYS_sched_getparam, 0, NULL);
    syscall(SYS_sched_setparam, 0, &p);
    syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, &p);
    syscall(SYS_sched_setscheduler, 0, SCHED_BATCH | SCHED_RESET_ON_FORK, &p);
    syscall(SYS_sched_getscheduler, 0);
    syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, &p);
    p.sched_priority = 5;
    syscall(SYS_sched_setscheduler, 0, 77, &p);
    syscall(SYS_sched_rr_get_interval, 0, &ts);
    syscall(SYS_sched_rr_get_interval, 0, (void *)8);
    memset(&a, 0, sizeof a);
    syscall(SYS_sched_getattr, 0, &a, sizeof a, 0);
    syscall(SYS_sched_getattr, 0, &a, 48, 0);
    syscall(SYS_sched_getattr, 0, &a, 12, 0);
    syscall(SYS_sched_setattr, 0, &a, 0);
    a.size = 48; a.sched_flags = SCHED_FLAG_RESET_ON_FORK | 0x1000; a.sched_nice = 3;
    syscall(SYS_sched_setattr, 0, &a, 0);
    syscall(SYS_sched_setattr, 0, (void *)8, 0);
    syscall(SYS_getpriority, PRIO_PROCESS, 0);
    syscall(SYS_getpriority, PRIO_PGRP, 0);
    syscall(SYS_getpriority, PRIO_USER, 0);
    syscall(SYS_getpriority, 9, 0);
    syscall(SYS_setpriority, PRIO_PROCESS, 0, 0);
    syscall(SYS_setpriority, PRIO_PROCESS, 0, -30);
    syscall(SYS_sched_yield);
    return 0;
}
