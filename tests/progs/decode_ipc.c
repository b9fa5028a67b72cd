/* decode_ipc: System V IPC (shmget/shmat/shmdt/shmctl, semget/semop/semtimedop/semctl,
   msgget/msgsnd/msgrcv/msgctl) and POSIX message queues (mq_open, mq_timedsend,
   mq_timedreceive, mq_notify, mq_getsetattr, mq_unlink), successful and failing, for
   comparison with strace 6.1 (tests/test_decode_live_ipc.py). Raw syscall() where libc would
   change the call (semctl's union, bad pointers). Keys come from the pid so that parallel runs
   do not meet; the test normalises them. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <mqueue.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

union semun { int val; struct semid_ds *buf; unsigned short *array; struct seminfo *__buf; };

struct mbuf { long mtype; char mtext[64]; };

int main(void)
{
    key_t key = 0x4d540000 | (getpid() & 0xffff);
    char qname[64];
    struct shmid_ds sds;
    struct shminfo sinfo;
    struct shm_info sinfo2;
    struct semid_ds semds;
    struct seminfo seminf;
    struct msqid_ds mds;
    struct msginfo minfo;
    struct sembuf sops[2];
    struct timespec ts = {0, 1000000};
    struct mbuf m;
    unsigned short vals[2] = {3, 4};
    union semun arg;
    struct mq_attr attr, oattr;
    struct sigevent sev;
    char buf[128];
    unsigned int prio;
    int shm, sem, msg, msg2, huge;
    void *p;
    mqd_t q;

    /* ---- shared memory */
    shm = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
    shmget(key, 8192, IPC_CREAT | IPC_EXCL | 0640);
    shmget(key, 8192, IPC_CREAT | IPC_EXCL | 0640);            /* EEXIST */
    shmget(key + 1, 4096, 0);                                  /* ENOENT */
    shmget(key + 2, 4096, IPC_CREAT | SHM_NORESERVE | 0600);
    huge = shmget(key + 3, 2 << 20, IPC_CREAT | SHM_HUGETLB | (21 << 26) | 0600);
    p = shmat(shm, NULL, 0);
    shmat(shm, NULL, SHM_RDONLY | SHM_RND);
    shmat(-1, NULL, 0);                                        /* EINVAL */
    shmctl(shm, IPC_STAT, &sds);
    sds.shm_perm.mode = 0640;
    shmctl(shm, IPC_SET, &sds);
    shmctl(shm, IPC_INFO, (struct shmid_ds *)&sinfo);
    shmctl(shm, SHM_INFO, (struct shmid_ds *)&sinfo2);
    shmctl(shm, SHM_LOCK, NULL);
    shmctl(shm, SHM_UNLOCK, NULL);
    syscall(SYS_shmctl, shm, IPC_STAT | 0x100, &sds);          /* IPC_64|IPC_STAT */
    shmctl(shm, IPC_STAT, (struct shmid_ds *)8);               /* EFAULT */
    shmctl(-1, IPC_STAT, &sds);                                /* EINVAL */
    syscall(SYS_shmctl, shm, 99, NULL);                        /* EINVAL */
    shmdt(p);
    shmdt((void *)0x1000);                                     /* EINVAL */
    shmctl(shm, IPC_RMID, NULL);
    shmctl(shmget(key, 0, 0), IPC_RMID, NULL);
    shmctl(shmget(key + 2, 0, 0), IPC_RMID, NULL);
    if (huge >= 0)
        shmctl(huge, IPC_RMID, NULL);

    /* ---- semaphores */
    sem = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);
    semget(key, 1, IPC_CREAT | IPC_EXCL | 0666);
    semget(key, 1, IPC_CREAT | IPC_EXCL | 0666);               /* EEXIST */
    sops[0].sem_num = 0; sops[0].sem_op = 1; sops[0].sem_flg = 0;
    semop(sem, sops, 1);
    sops[0].sem_num = 0; sops[0].sem_op = -1; sops[0].sem_flg = SEM_UNDO;
    sops[1].sem_num = 1; sops[1].sem_op = 2; sops[1].sem_flg = IPC_NOWAIT | SEM_UNDO;
    semop(sem, sops, 2);
    sops[0].sem_num = 1; sops[0].sem_op = -5; sops[0].sem_flg = 0;
    semtimedop(sem, sops, 1, &ts);                             /* EAGAIN */
    sops[0].sem_flg = IPC_NOWAIT;
    semtimedop(sem, sops, 1, NULL);                            /* EAGAIN */
    semop(sem, (struct sembuf *)8, 1);                         /* EFAULT */
    sops[0].sem_num = 0; sops[0].sem_op = 0; sops[0].sem_flg = IPC_NOWAIT | 0x4000;
#ifdef SYS_semop                                               /* not on i386 (-m32) */
    syscall(SYS_semop, sem, sops, 1);                          /* the raw call, EAGAIN */
    syscall(SYS_semop, sem, NULL, 0);                          /* EINVAL */
#endif
    arg.val = 7;
    semctl(sem, 0, SETVAL, arg);
    semctl(sem, 0, GETVAL);
    semctl(sem, 1, GETNCNT);
    semctl(sem, 1, GETZCNT);
    semctl(sem, 0, GETPID);
    arg.array = vals;
    semctl(sem, 0, SETALL, arg);
    semctl(sem, 0, GETALL, arg);
    arg.buf = &semds;
    semctl(sem, 0, IPC_STAT, arg);
    semds.sem_perm.mode = 0640;
    semctl(sem, 0, IPC_SET, arg);
    arg.__buf = &seminf;
    semctl(sem, 0, IPC_INFO, arg);
    semctl(sem, 0, SEM_INFO, arg);
    syscall(SYS_semctl, sem, 0, IPC_STAT, 8);                  /* EFAULT */
    syscall(SYS_semctl, sem, 0, 99, 0);                        /* EINVAL */
    semctl(-1, 0, GETVAL);                                     /* EINVAL */
    arg.buf = &semds;
    semctl(-1, 0, IPC_STAT, arg);                              /* EINVAL, readable buffer */
    semctl(sem, 0, IPC_RMID);
    semctl(semget(key, 0, 0), 0, IPC_RMID);

    /* ---- message queues */
    msg = msgget(key, IPC_CREAT | 0644);
    msg2 = msgget(IPC_PRIVATE, IPC_CREAT | IPC_EXCL | 0600);
    m.mtype = 1;
    strcpy(m.mtext, "hello");
    msgsnd(msg, &m, 5, 0);
    m.mtype = 2;
    strcpy(m.mtext, "a longer message that is over thirty-two bytes");
    msgsnd(msg, &m, strlen(m.mtext), IPC_NOWAIT);
    msgsnd(msg, (void *)8, 4, 0);                              /* EFAULT */
    memset(&m, 0, sizeof m);
    msgrcv(msg, &m, sizeof m.mtext, 0, 0);
    msgrcv(msg, &m, 10, 2, MSG_NOERROR);
    msgrcv(msg, &m, sizeof m.mtext, 5, IPC_NOWAIT);            /* ENOMSG */
    msgrcv(msg, &m, sizeof m.mtext, -3, IPC_NOWAIT | MSG_EXCEPT); /* ENOMSG */
    msgctl(msg, IPC_STAT, &mds);
    mds.msg_qbytes = 8192;
    msgctl(msg, IPC_SET, &mds);
    msgctl(msg, IPC_INFO, (struct msqid_ds *)&minfo);
    msgctl(msg, MSG_INFO, (struct msqid_ds *)&minfo);
    msgctl(msg, IPC_STAT, (struct msqid_ds *)8);               /* EFAULT */
    syscall(SYS_msgctl, msg, 99, NULL);                        /* EINVAL */
    msgctl(-1, IPC_STAT, &mds);                                /* EINVAL */
    msgsnd(msg, &m, 0, IPC_NOWAIT | 0x100000);
    msgctl(msg, IPC_RMID, NULL);
    msgctl(msg, IPC_RMID, NULL);                               /* EINVAL */
    msgctl(msg2, IPC_RMID, NULL);

    /* ---- POSIX message queues */
    snprintf(qname, sizeof qname, "/minitrace-%d", (int)getpid());
    memset(&attr, 0, sizeof attr);
    attr.mq_maxmsg = 10;
    attr.mq_msgsize = 8192;
    q = mq_open(qname, O_RDWR | O_CREAT | O_EXCL, 0600, &attr);
    mq_open(qname, O_RDWR | O_CREAT | O_EXCL, 0600, &attr);    /* EEXIST */
    mq_open(qname, O_RDONLY);
    mq_open(qname, O_WRONLY | O_CREAT | O_NONBLOCK, 0644, NULL);
    mq_open("/minitrace-no-such-queue", O_RDONLY);             /* ENOENT */
    mq_send(q, "hello", 5, 1);
    ts.tv_sec = time(NULL) + 100;
    ts.tv_nsec = 0;
    mq_timedsend(q, "world\0\1", 7, 3, &ts);
    mq_receive(q, buf, 8192, &prio);
    mq_receive(q, buf, 16, &prio);                             /* EMSGSIZE */
    mq_timedreceive(q, buf, 8192, NULL, &ts);
    mq_getattr(q, &oattr);
    attr.mq_flags = O_NONBLOCK;
    mq_setattr(q, &attr, &oattr);
    mq_receive(q, buf, 8192, &prio);                           /* EAGAIN */
    attr.mq_flags = 0;
    mq_setattr(q, &attr, NULL);
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_SIGNAL;
    sev.sigev_signo = SIGUSR1;
    sev.sigev_value.sival_int = 5;
    mq_notify(q, &sev);
    mq_notify(q, NULL);
    sev.sigev_notify = SIGEV_NONE;
    mq_notify(q, &sev);
    mq_notify(-1, NULL);                                       /* EBADF */
    syscall(SYS_mq_getsetattr, q, 8, 0);                       /* EFAULT */
    close(q);
    mq_timedsend(q, (char *)8, 3, 0, NULL);                    /* EBADF/EFAULT */
    mq_unlink(qname);
    mq_unlink(qname);                                          /* ENOENT */
    syscall(SYS_mq_unlink, 8);                                 /* EFAULT */
    return 0;
}
