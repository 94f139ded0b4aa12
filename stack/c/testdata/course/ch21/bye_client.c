/*
 * Chapter 21: the client reads until the server closes, and closes after
 * it: the server's side of the connection is the one in TIME_WAIT.
 *
 *     bye_client host port
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	char buf[64];
	int fd, port;
	ssize_t n;

	if (argc != 3 || str_to_int(argv[2], &port) < 0)
		err_quit("usage: bye_client host port");
	if ((fd = tcp_client(argv[1], port)) < 0)
		return 1;
	while ((n = Read(fd, buf, sizeof buf)) > 0)
		printf("server: %.*s", (int)n, buf);
	Close(fd);
	return 0;
}
