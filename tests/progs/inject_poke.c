/* Pokes that fail, wholly or in part: a buffer whose second page is unmapped, chdir on its
 * last byte, its last word, just past it, on an odd address past it; getcwd poked at exit;
 * a poke asked for an argument chdir does not have is tried on every chdir. */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int main(void)
{
	long page = sysconf(_SC_PAGESIZE);
	char *buf = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char cwd[256];

	if (buf == MAP_FAILED || munmap(buf + page, page))
		return 1;
	memset(buf, '/', page);
	buf[page - 1] = 0;
	chdir(buf);                     /* a whole poke */
	chdir(buf + page - 1);          /* 1 byte of it */
	chdir(buf + page - 8);          /* 8 bytes of it */
	chdir(buf + page);              /* none */
	chdir(buf + page + 3);          /* none, unaligned */
	syscall(79, cwd, sizeof(cwd));  /* getcwd, poked at exit */
	return 0;
}
