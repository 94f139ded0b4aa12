/*
 * Chapter 19: files with the same calls as sockets: open, write, lseek,
 * read, close; fstat for the size; unlink removes the name (an open
 * descriptor keeps the file until it is closed).
 *
 *     file_io
 */
#include "lib/common.h"

#define NAME "notes.txt"

int main(void)
{
	struct stat st;
	char buf[64];
	ssize_t n;
	int fd, fd2;

	fd = open(NAME, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		err_sys("open %s", NAME);
	Write(fd, "first line\nsecond line\n", 23);
	if (fstat(fd, &st) < 0)
		err_sys("fstat");
	printf("%s: %lld bytes, a regular file: %s\n", NAME, (long long)st.st_size, S_ISREG(st.st_mode) ? "yes" : "no");
	printf("lseek to 6: %lld\n", (long long)lseek(fd, 6, SEEK_SET));
	n = Read(fd, buf, 10);
	printf("read %zd: %.*s\n", n, (int)n, buf);
	printf("lseek to the end: %lld\n", (long long)lseek(fd, 0, SEEK_END));
	printf("read at the end: %zd\n", read(fd, buf, sizeof buf));
	if ((fd2 = open(NAME, O_WRONLY | O_CREAT | O_EXCL, 0644)) < 0)
		printf("open O_EXCL: %s\n", strerror(errno));
	if (unlink(NAME) < 0)
		err_sys("unlink");
	printf("after unlink, stat: %s\n", stat(NAME, &st) < 0 ? strerror(errno) : "still there");
	lseek(fd, 0, SEEK_SET);
	n = Read(fd, buf, sizeof buf);
	printf("the open descriptor still reads %zd bytes\n", n);
	Close(fd);
	if (open(NAME, O_RDONLY) < 0)
		printf("open after close: %s\n", strerror(errno));
	return 0;
}
