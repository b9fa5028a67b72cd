/* Workload for tests/test_decode_live_net.py (net and poll groups): the seed trace (a connect
 * to the nscd socket failing with ENOENT, UDP sendto/recvfrom with a child answering on
 * 127.0.0.1, a non-blocking connect returning EINPROGRESS, poll and select on it), then the
 * other socket calls, addresses, options, control messages, netlink and epoll.
 * Loopback only; every wait is bounded (alarm, timeouts). */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void nscd(void)
{
	struct sockaddr_un sun = {AF_UNIX, "/var/run/nscd/socket"};
	int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	connect(s, (struct sockaddr *)&sun, sizeof(sun));
	close(s);
}

static void udp(void)
{
	struct sockaddr_in a = {AF_INET, 0, {htonl(INADDR_LOOPBACK)}}, from;
	socklen_t len = sizeof(a);
	char buf[64];
	int srv = socket(AF_INET, SOCK_DGRAM, 0), cli;
	pid_t pid;
	sigset_t chld, old;

	/* SIGCHLD stays pending until the child is reaped: its line has one place */
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, &old);
	bind(srv, (struct sockaddr *)&a, sizeof(a));
	getsockname(srv, (struct sockaddr *)&a, &len);
	pid = fork();
	if (pid == 0) {
		ssize_t n;
		alarm(5);
		len = sizeof(from);
		n = recvfrom(srv, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len);
		if (n > 0)
			sendto(srv, "pong", 4, 0, (struct sockaddr *)&from, len);
		_exit(0);
	}
	close(srv);
	cli = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
	sendto(cli, "ping\0\1\2", 7, MSG_NOSIGNAL, (struct sockaddr *)&a, sizeof(a));
	struct pollfd p = {cli, POLLIN, 0};
	poll(&p, 1, 5000);
	len = sizeof(from);
	recvfrom(cli, buf, sizeof(buf), MSG_DONTWAIT, (struct sockaddr *)&from, &len);
	recvfrom(cli, buf, sizeof(buf), MSG_DONTWAIT, NULL, NULL);
	waitpid(pid, NULL, 0);
	sigprocmask(SIG_SETMASK, &old, NULL);
	close(cli);
}

static void tcp(void)
{
	struct sockaddr_in a = {AF_INET, 0, {htonl(INADDR_LOOPBACK)}}, peer;
	socklen_t len = sizeof(a);
	int lst = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), one = 1, err = 0, c, acc, acc2;
	fd_set w, r;
	struct timeval tv = {1, 0};
	struct pollfd p[2];

	setsockopt(lst, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	bind(lst, (struct sockaddr *)&a, sizeof(a));
	listen(lst, 5);
	getsockname(lst, (struct sockaddr *)&a, &len);
	c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	connect(c, (struct sockaddr *)&a, sizeof(a));          /* EINPROGRESS */
	p[0].fd = c; p[0].events = POLLOUT;
	p[1].fd = lst; p[1].events = POLLIN | POLLPRI;
	poll(p, 2, 1000);
	FD_ZERO(&w); FD_SET(c, &w);
	FD_ZERO(&r); FD_SET(lst, &r);
	select(c + 1, &r, &w, NULL, &tv);
	len = sizeof(err);
	getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &len);
	setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	len = sizeof(peer);
	acc = accept(lst, (struct sockaddr *)&peer, &len);
	getpeername(c, (struct sockaddr *)&peer, &len);
	send(c, "hello", 5, 0);
	recv(acc, (char[16]){0}, 16, 0);
	shutdown(c, SHUT_WR);
	shutdown(acc, SHUT_RDWR);
	close(acc);
	close(c);
	c = socket(AF_INET, SOCK_STREAM, 0);
	connect(c, (struct sockaddr *)&a, sizeof(a));
	len = sizeof(peer);
	acc2 = accept4(lst, (struct sockaddr *)&peer, &len, SOCK_CLOEXEC | SOCK_NONBLOCK);
	close(acc2);
	close(c);
	close(lst);
	/* a refused non-blocking connect: SO_ERROR reports it */
	c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	connect(c, (struct sockaddr *)&a, sizeof(a));
	p[0].fd = c; p[0].events = POLLOUT;
	poll(p, 1, 1000);
	len = sizeof(err);
	getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &len);
	len = sizeof(one);
	getsockopt(c, SOL_SOCKET, SO_TYPE, &one, &len);
	close(c);
}

static void polls(void)
{
	int pf[2];
	struct pollfd p[2];
	struct timespec ts = {0, 1000000};
	sigset_t set;
	fd_set r;
	struct timeval tv = {0, 1000};

	pipe(pf);
	p[0].fd = pf[0]; p[0].events = POLLIN;
	p[1].fd = pf[1]; p[1].events = POLLOUT;
	poll(p, 1, 0);                                    /* Timeout */
	poll(p, 2, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	ppoll(p, 1, &ts, &set);
	ppoll(p, 2, NULL, NULL);
	FD_ZERO(&r); FD_SET(pf[0], &r);
	select(pf[0] + 1, &r, NULL, NULL, &tv);           /* Timeout */
	write(pf[1], "x", 1);
	FD_ZERO(&r); FD_SET(pf[0], &r);
	pselect(pf[0] + 1, &r, NULL, NULL, &ts, &set);
	syscall(SYS_select, pf[0] + 1, &r, NULL, NULL, &tv);
	syscall(SYS_select, 0, NULL, NULL, NULL, &tv);
	p[0].fd = 99;
	poll(p, 1, 0);                                    /* POLLNVAL */
	poll((struct pollfd *)8, 1, 0);                   /* EFAULT */

	int ep = epoll_create(1), ep2 = epoll_create1(EPOLL_CLOEXEC);
	struct epoll_event ev = {EPOLLIN | EPOLLET, {.u64 = 7}}, evs[4];
	epoll_ctl(ep, EPOLL_CTL_ADD, pf[0], &ev);
	ev.events = EPOLLOUT; ev.data.u64 = 0x1122334455667788ULL;
	epoll_ctl(ep, EPOLL_CTL_ADD, pf[1], &ev);
	epoll_ctl(ep, EPOLL_CTL_MOD, pf[1], &ev);
	epoll_wait(ep, evs, 4, 100);
	epoll_ctl(ep, EPOLL_CTL_DEL, pf[1], NULL);
	epoll_pwait(ep, evs, 4, 0, &set);
	syscall(SYS_epoll_pwait2, ep, evs, 4, &ts, NULL, 8);
	read(pf[0], (char[2]){0}, 1);
	epoll_wait(ep, evs, 4, 0);
	close(ep); close(ep2);
	close(pf[0]); close(pf[1]);
}

static void unix_msgs(void)
{
	int sv[2], pf[2], one = 1;
	char data[8] = "abcdefg", rbuf[16];
	union { char buf[CMSG_SPACE(sizeof(int)) + CMSG_SPACE(sizeof(struct ucred))]; struct cmsghdr al; } u;
	struct iovec iov[2] = {{data, 3}, {data + 3, 4}};
	struct msghdr m = {0};
	struct cmsghdr *c;
	struct ucred cr = {getpid(), getuid(), getgid()};
	struct sockaddr_un sun = {AF_UNIX};

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &one, sizeof(one));
	pipe(pf);
	memset(&u, 0, sizeof(u));
	m.msg_iov = iov; m.msg_iovlen = 2;
	m.msg_control = u.buf; m.msg_controllen = sizeof(u.buf);
	c = CMSG_FIRSTHDR(&m);
	c->cmsg_level = SOL_SOCKET; c->cmsg_type = SCM_RIGHTS; c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &pf[0], sizeof(int));
	c = CMSG_NXTHDR(&m, c);
	c->cmsg_level = SOL_SOCKET; c->cmsg_type = SCM_CREDENTIALS; c->cmsg_len = CMSG_LEN(sizeof(cr));
	memcpy(CMSG_DATA(c), &cr, sizeof(cr));
	sendmsg(sv[0], &m, 0);
	struct iovec riov = {rbuf, sizeof(rbuf)};
	memset(&m, 0, sizeof(m));
	memset(&u, 0, sizeof(u));
	m.msg_iov = &riov; m.msg_iovlen = 1;
	m.msg_control = u.buf; m.msg_controllen = sizeof(u.buf);
	recvmsg(sv[1], &m, MSG_CMSG_CLOEXEC);
	close(pf[0]); close(pf[1]);
	/* mmsg */
	struct mmsghdr mm[2];
	struct iovec i1 = {"one", 3}, i2 = {"two!", 4}, r1 = {rbuf, 8}, r2 = {rbuf + 8, 8};
	memset(mm, 0, sizeof(mm));
	mm[0].msg_hdr.msg_iov = &i1; mm[0].msg_hdr.msg_iovlen = 1;
	mm[1].msg_hdr.msg_iov = &i2; mm[1].msg_hdr.msg_iovlen = 1;
	int d[2];
	socketpair(AF_UNIX, SOCK_DGRAM, 0, d);
	sendmmsg(d[0], mm, 2, 0);
	memset(mm, 0, sizeof(mm));
	mm[0].msg_hdr.msg_iov = &r1; mm[0].msg_hdr.msg_iovlen = 1;
	mm[1].msg_hdr.msg_iov = &r2; mm[1].msg_hdr.msg_iovlen = 1;
	struct timespec ts = {1, 0};
	recvmmsg(d[1], mm, 2, MSG_DONTWAIT, &ts);
	close(d[0]); close(d[1]);
	close(sv[0]); close(sv[1]);
	/* abstract and unnamed unix addresses, bind errors */
	int s = socket(AF_UNIX, SOCK_DGRAM, 0);
	memcpy(sun.sun_path, "\0minitrace-test", 15);
	bind(s, (struct sockaddr *)&sun, offsetof(struct sockaddr_un, sun_path) + 15);
	socklen_t len = sizeof(sun);
	getsockname(s, (struct sockaddr *)&sun, &len);
	close(s);
	s = socket(AF_UNIX, SOCK_DGRAM, 0);
	len = sizeof(sun);
	getsockname(s, (struct sockaddr *)&sun, &len);
	struct sockaddr bad = {0xff, "abc"};
	connect(s, &bad, sizeof(bad));
	connect(s, (struct sockaddr *)8, 16);
	close(s);
}

static void inet6(void)
{
	struct sockaddr_in6 a = {AF_INET6, 0, 0, IN6ADDR_LOOPBACK_INIT, 0};
	int s = socket(AF_INET6, SOCK_DGRAM, 0), off = 0;
	setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof(off));
	bind(s, (struct sockaddr *)&a, sizeof(a));
	a.sin6_port = htons(1);
	connect(s, (struct sockaddr *)&a, sizeof(a));
	close(s);
}

static void netlink(void)
{
	struct sockaddr_nl sa = {AF_NETLINK};
	struct { struct nlmsghdr h; struct ifaddrmsg m; } req;
	char buf[16];
	struct iovec iov = {buf, sizeof(buf)};
	struct msghdr m = {&sa, sizeof(sa), &iov, 1, NULL, 0, 0};
	int s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	bind(s, (struct sockaddr *)&sa, sizeof(sa));
	socklen_t len = sizeof(sa);
	getsockname(s, (struct sockaddr *)&sa, &len);
	memset(&req, 0, sizeof(req));
	req.h.nlmsg_len = sizeof(req);
	req.h.nlmsg_type = RTM_GETADDR;
	req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	req.h.nlmsg_seq = 1234;
	req.m.ifa_family = AF_INET;
	sa.nl_pid = 0;
	sendto(s, &req, sizeof(req), 0, (struct sockaddr *)&sa, sizeof(sa));
	recvmsg(s, &m, 0);
	close(s);
}

int main(void)
{
	nscd();
	udp();
	tcp();
	polls();
	unix_msgs();
	inet6();
	netlink();
	return 0;
}
