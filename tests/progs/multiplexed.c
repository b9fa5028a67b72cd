/* Calls that glibc routes through a multiplexer on some 32-bit ABIs (built with -m32 by
 * tests/test_i386.py: socketcall(2) for sockets, ipc(2) for System V IPC), which strace shows
 * under the sub-call's name with its own arguments. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <unistd.h>

struct message { long mtype; char mtext[8]; };

static void sockets(void)
{
    struct sockaddr_in a = {0};
    socklen_t len = sizeof a;
    char buf[16];
    int one = 1, pair[2];
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    bind(s, (struct sockaddr *)&a, sizeof a);
    getsockname(s, (struct sockaddr *)&a, &len);
    sendto(s, "ping", 4, 0, (struct sockaddr *)&a, sizeof a);
    recvfrom(s, buf, sizeof buf, MSG_DONTWAIT, NULL, NULL);
    recv(s, buf, sizeof buf, MSG_DONTWAIT);                     /* EAGAIN */
    connect(s, (struct sockaddr *)&a, sizeof a);
    send(s, "pong", 4, 0);
    shutdown(s, SHUT_RDWR);
    close(s);
    socketpair(AF_UNIX, SOCK_STREAM, 0, pair);
    listen(pair[0], 1);                                         /* EINVAL */
    close(pair[0]);
    close(pair[1]);
    socket(AF_INET, 12345, 0);                                  /* EINVAL */
}

static void ipc(void)
{
    struct message m = {1, "hello"};
    struct sembuf op = {0, 1, IPC_NOWAIT};
    struct shmid_ds ds;
    int shm = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
    void *p = shmat(shm, NULL, SHM_RDONLY);
    int sem, msg;

    shmdt(p);
    shmat(-1, NULL, 0);                                         /* EINVAL */
    shmctl(shm, IPC_STAT, &ds);
    shmctl(shm, IPC_RMID, NULL);
    sem = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
    semop(sem, &op, 1);
    semctl(sem, 0, GETVAL);
    semctl(sem, 0, IPC_RMID);
    msg = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    msgsnd(msg, &m, 5, 0);
    msgrcv(msg, &m, sizeof m.mtext, 0, IPC_NOWAIT);
    msgrcv(msg, &m, sizeof m.mtext, 2, IPC_NOWAIT);             /* ENOMSG */
    msgctl(msg, IPC_RMID, NULL);
}

int main(void)
{
    sockets();
    ipc();
    return 0;
}
