/*
 * Chapter 11: a client that sends its header a few bytes at a time, with
 * pauses (the server's readn waits for all 10), then a large block in one
 * write, which travels as many segments.
 *
 *     dribble_client host port
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	static char block[20000];
	int fd, port;

	if (argc != 3 || str_to_int(argv[2], &port) < 0)
		err_quit("usage: dribble_client host port");
	if ((fd = tcp_client(argv[1], port)) < 0)
		return 1;
	Writen(fd, "HEAD", 4);
	Sleep_ms(50);
	Writen(fd, "ER:", 3);
	Sleep_ms(50);
	Writen(fd, "42;", 3);
	memset(block, 'x', sizeof block);
	Writen(fd, block, sizeof block);
	printf("sent 10 bytes in three writes, then %zu in one\n", sizeof block);
	Close(fd);
	return 0;
}
