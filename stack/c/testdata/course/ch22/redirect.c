/*
 * Chapter 22: descriptors are numbers in a table. dup2 makes 1 (stdout)
 * name a file, so printf writes there; the saved copy puts the terminal
 * back. stdio buffers: fflush before the switch, or the text lands on the
 * wrong side.
 *
 *     redirect
 */
#include "lib/common.h"

int main(void)
{
	char buf[256];
	int fd, saved;
	ssize_t n;

	printf("before: to the terminal\n");
	fflush(stdout);
	fd = open("out.log", O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		err_sys("open out.log");
	saved = dup(STDOUT_FILENO);
	Dup2(fd, STDOUT_FILENO);
	printf("during: into out.log\n");
	fflush(stdout);
	Dup2(saved, STDOUT_FILENO);
	Close(saved);
	printf("after: to the terminal again\n");
	lseek(fd, 0, SEEK_SET);
	n = Read(fd, buf, sizeof buf);
	printf("out.log holds %zd bytes: %.*s", n, (int)n, buf);
	Close(fd);
	unlink("out.log");
	return 0;
}
