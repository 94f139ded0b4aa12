/*
 * Chapter 19: mkstemp makes a file of a unique name from a template (the
 * XXXXXX are replaced) and opens it; the program unlinks it at once and
 * keeps using the descriptor: a scratch file nobody else can open.
 *
 *     temp_file
 */
#include "lib/common.h"

int main(void)
{
	char name[] = "scratchXXXXXX";
	struct stat st;
	char buf[32];
	int fd, i;

	if ((fd = mkstemp(name)) < 0)
		err_sys("mkstemp");
	printf("template filled: %s\n", strcmp(name, "scratchXXXXXX") != 0 && strncmp(name, "scratch", 7) == 0 ? "yes" : "no");
	fstat(fd, &st);
	printf("mode %03o, size %lld\n", (unsigned)(st.st_mode & 0777), (long long)st.st_size);
	unlink(name);
	for (i = 0; i < 100; i++)
		Write(fd, "0123456789", 10);
	fstat(fd, &st);
	printf("after 100 writes: size %lld, links %lu\n", (long long)st.st_size, (unsigned long)st.st_nlink);
	lseek(fd, 995, SEEK_SET);
	printf("the last bytes: %.*s\n", (int)Read(fd, buf, sizeof buf), buf);
	Close(fd);
	return 0;
}
