/*
 * Chapter 10: length-prefixed framing. TCP keeps no message boundaries:
 * the client writes all its framed messages in one buffer, and the server
 * must find them again by their lengths.
 *
 *     frame_client host port message...
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	struct buffer b;
	char reply[256];
	int fd, port, i;
	ssize_t n;

	if (argc < 4 || str_to_int(argv[2], &port) < 0)
		err_quit("usage: frame_client host port message...");
	if ((fd = tcp_client(argv[1], port)) < 0)
		return 1;
	buffer_init(&b);
	for (i = 3; i < argc; i++) {
		uint32_t len = htonl(strlen(argv[i]));

		buffer_append(&b, &len, 4);
		buffer_append_str(&b, argv[i]);
	}
	Writen(fd, b.data, b.len);
	printf("sent %d messages in one write of %zu bytes\n", argc - 3, b.len);
	buffer_free(&b);
	for (i = 3; i < argc; i++) {
		if ((n = recv_frame(fd, reply, sizeof reply - 1)) <= 0)
			err_quit("no reply");
		reply[n] = 0;
		printf("reply: %s\n", reply);
	}
	Close(fd);
	return 0;
}
