/*
 * Chapter 5: a bound path stays in the file system after the socket is
 * closed: binding it again fails with EADDRINUSE until it is unlinked.
 * connect to a path with no socket behind it: ECONNREFUSED; to no path:
 * ENOENT.
 *
 *     unix_addrinuse
 */
#include "lib/common.h"

#define PATH "inuse.sock"

static int bind_path(const char *path)
{
	struct sockaddr_un sun;
	int fd = Socket(AF_UNIX, SOCK_STREAM, 0);

	memset(&sun, 0, sizeof sun);
	sun.sun_family = AF_UNIX;
	strcpy(sun.sun_path, path);
	if (bind(fd, (SA *)&sun, sizeof sun) < 0) {
		printf("bind %s: %s\n", path, strerror(errno));
		close(fd);
		return -1;
	}
	printf("bind %s: ok\n", path);
	return fd;
}

int main(void)
{
	struct stat st;
	int fd;

	unlink(PATH);
	fd = bind_path(PATH);
	if (stat(PATH, &st) == 0)
		printf("%s is a socket: %s\n", PATH, S_ISSOCK(st.st_mode) ? "yes" : "no");
	Close(fd);
	if (unix_connect(PATH, SOCK_STREAM) < 0)
		printf("connect %s after close: %s\n", PATH, strerror(errno));
	bind_path(PATH);
	unlink(PATH);
	if (unix_connect(PATH, SOCK_STREAM) < 0)
		printf("connect %s after unlink: %s\n", PATH, strerror(errno));
	fd = bind_path(PATH);
	Close(fd);
	unlink(PATH);
	return 0;
}
