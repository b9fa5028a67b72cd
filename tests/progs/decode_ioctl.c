/* Workload for tests/test_decode_live_net.py (ioctl group): terminal requests on a pty,
 * FIO* on a pipe, failures on a non-tty and strace's generic _IOC(...) form. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pty.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>


int main(void)
{
	struct termios t;
	char t2[44];  /* struct termios2 */
	struct winsize ws = {24, 80, 0, 0};
	int m, s, n = 0, one = 1, p[2];
	pid_t pg;
	char c = 'x';

	ioctl(1, TCGETS, &t);                       /* ENOTTY: stdout is a file */
	ioctl(-1, TIOCGWINSZ, &ws);                 /* EBADF */
	if (openpty(&m, &s, NULL, NULL, NULL) < 0)
		return 1;
	ioctl(s, TCGETS, &t);
	t.c_lflag &= ~ECHO;
	t.c_cc[VMIN] = 1;
	ioctl(s, TCSETS, &t);
	ioctl(s, TCSETSW, &t);
	ioctl(s, TCSETSF, &t);
	ioctl(s, _IOC(_IOC_READ, 0x54, 0x2a, 44), t2);   /* TCGETS2 */
	ioctl(s, TIOCGWINSZ, &ws);
	ws.ws_row = 24; ws.ws_col = 80;
	ioctl(m, TIOCSWINSZ, &ws);
	ioctl(s, TIOCGWINSZ, &ws);
	ioctl(m, TIOCGPTN, &n);
	ioctl(m, TIOCGPGRP, &pg);
	ioctl(s, TIOCGSID, &pg);
	ioctl(s, TIOCGETD, &n);
	ioctl(s, TIOCOUTQ, &n);
	ioctl(s, TCFLSH, TCIFLUSH);
	ioctl(s, TCXONC, TCOON);
	ioctl(s, TCSBRK, 1);
	ioctl(s, TIOCMGET, &n);
	ioctl(s, TIOCEXCL);
	ioctl(s, TIOCGEXCL, &n);
	ioctl(s, TIOCNXCL);
	ioctl(m, TIOCSPTLCK, &one);
	ioctl(m, TIOCPKT, &n);
	ioctl(s, TIOCSTI, &c);
	ioctl(m, TCGETS, (void *)8);               /* EFAULT */
	pipe(p);
	write(p[1], "abc", 3);
	ioctl(p[0], FIONREAD, &n);
	ioctl(p[0], FIONBIO, &one);
	ioctl(p[0], FIOASYNC, &n);
	ioctl(p[0], FIOCLEX);
	ioctl(p[0], FIONCLEX);
	ioctl(p[0], _IOC(_IOC_READ, 0x12, 0x34, 0x8), &n);
	ioctl(p[0], _IOC(_IOC_READ | _IOC_WRITE, 0xbe, 0xef, 0x1ead), 0);
	ioctl(p[0], _IOC(_IOC_WRITE, 0x66, 0x99, 4), &one);
	ioctl(p[0], _IOC(_IOC_NONE, 0xee, 0x2, 0), 0x1234);
	ioctl(p[0], _IOC(_IOC_READ | _IOC_WRITE, 0xee, 0x3, 40), &t);
	ioctl(p[0], _IOC(_IOC_READ, 0xee, 0x4, 4), &n);
	ioctl(p[0], 0xdead, 0);
	ioctl(p[0], TCGETS, &t);
	return 0;
}
