/*
 * Chapter 6: the same client with close() where shutdown belongs. The
 * server's answer arrives at a socket that no longer exists: the client's
 * kernel answers it with a reset, and the server's next write learns of it.
 *
 *     close_client host port
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	int fd, port;

	if (argc != 3 || str_to_int(argv[2], &port) < 0)
		err_quit("usage: close_client host port");
	if ((fd = tcp_client(argv[1], port)) < 0)
		return 1;
	Writen(fd, "only line\n", 10);
	Close(fd);
	printf("closed without waiting for the answer\n");
	return 0;
}
