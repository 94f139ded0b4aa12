/*
 * Chapter 11: a read returns what has arrived, not what was asked for.
 * The server asks for 1000 bytes at a time and counts how many each read
 * gave; readn is the loop that insists.
 *
 *     short_read_server port
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	int lfd, fd, port, reads = 0;
	char buf[1000];
	long total = 0;
	ssize_t n;

	if (argc != 2 || str_to_int(argv[1], &port) < 0)
		err_quit("usage: short_read_server port");
	lfd = tcp_server_listen(NULL, port, LISTENQ);
	fd = Accept(lfd, NULL, NULL);
	n = Readn(fd, buf, 10);
	printf("readn(10) = %zd: %.10s\n", n, buf);
	while ((n = Read(fd, buf, sizeof buf)) > 0) {
		reads++;
		total += n;
	}
	printf("then %ld bytes in %s reads\n", total, reads > 1 ? "several" : "one");
	Close(fd);
	Close(lfd);
	return 0;
}
