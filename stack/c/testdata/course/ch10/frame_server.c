/*
 * Chapter 10: the server of framed messages: recv_frame reads the 4-byte
 * length, then exactly that many bytes, however the bytes arrived. Each
 * message is answered with its length and its reverse, framed too.
 *
 *     frame_server port
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	int lfd, fd, port;
	char msg[MAXLINE], out[MAXLINE + 32];
	ssize_t n;

	if (argc != 2 || str_to_int(argv[1], &port) < 0)
		err_quit("usage: frame_server port");
	lfd = tcp_server_listen(NULL, port, LISTENQ);
	fd = Accept(lfd, NULL, NULL);
	while ((n = recv_frame(fd, msg, sizeof msg - 1)) > 0) {
		int i, len;

		msg[n] = 0;
		len = snprintf(out, sizeof out, "%zd:", n);
		for (i = n - 1; i >= 0; i--)
			out[len++] = msg[i];
		printf("framed message of %zd bytes: %s\n", n, msg);
		send_frame(fd, out, len);
	}
	printf("client done\n");
	Close(fd);
	Close(lfd);
	return 0;
}
