/*
 * unix.c - local sockets: a path in the file system names them, as a port
 * names a TCP socket. A path stays bound until it is unlinked.
 */
#include "common.h"

static socklen_t fill_un(struct sockaddr_un *sun, const char *path)
{
	memset(sun, 0, sizeof *sun);
	sun->sun_family = AF_UNIX;
	if (strlen(path) >= sizeof sun->sun_path)
		err_quit("unix socket path too long: %s", path);
	strcpy(sun->sun_path, path);
	return offsetof(struct sockaddr_un, sun_path) + strlen(path) + 1;
}

/* unix_listen binds a local socket of type (SOCK_STREAM or SOCK_DGRAM) to
 * path, after unlinking what an earlier run left there, and listens on a
 * stream socket. */
int unix_listen(const char *path, int type, int backlog)
{
	struct sockaddr_un sun;
	socklen_t len = fill_un(&sun, path);
	int fd = Socket(AF_UNIX, type, 0);

	unlink(path);
	Bind(fd, (SA *)&sun, len);
	if (type == SOCK_STREAM)
		Listen(fd, backlog);
	return fd;
}

/* unix_connect connects a new local socket of type to path: -1 and errno
 * when nothing listens there. */
int unix_connect(const char *path, int type)
{
	struct sockaddr_un sun;
	socklen_t len = fill_un(&sun, path);
	int fd = Socket(AF_UNIX, type, 0);

	if (connect(fd, (SA *)&sun, len) < 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}
