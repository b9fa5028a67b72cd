/* Workload for tests/test_printers.py: reads records (4-byte little-endian length, then the
 * bytes) from stdin and write()s each one to fd 1, so that strace -e trace=write shows how it
 * quotes every record. Reading goes through stdio (read(), not traced). */
#include <stdio.h>
#include <unistd.h>

static unsigned char buf[1 << 16];

int main(void)
{
	unsigned char len[4];
	while (fread(len, 1, 4, stdin) == 4) {
		size_t n = len[0] | len[1] << 8 | len[2] << 16 | (size_t)len[3] << 24;
		if (n > sizeof(buf) || fread(buf, 1, n, stdin) != n)
			return 1;
		if (write(1, buf, n) != (ssize_t)n)
			return 2;
	}
	return 0;
}
