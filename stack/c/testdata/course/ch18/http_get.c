/*
 * Chapter 18: an HTTP client: for each path, a connection, a request, and
 * the response read to EOF (HTTP/1.0: the server closes after it). It
 * prints the status line and the body.
 *
 *     http_get host port method path...
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	int port, i;

	if (argc < 5 || str_to_int(argv[2], &port) < 0)
		err_quit("usage: http_get host port method path...");
	for (i = 4; i < argc; i++) {
		struct buffer resp;
		char req[512], buf[BUFFSIZE], *body, *eol;
		ssize_t n;
		int fd = tcp_client(argv[1], port);

		if (fd < 0)
			return 1;
		n = snprintf(req, sizeof req, "%s %s HTTP/1.0\r\nHost: %s\r\nUser-Agent: course-client\r\n\r\n", argv[3], argv[i], argv[1]);
		Writen(fd, req, n);
		buffer_init(&resp);
		while ((n = Read(fd, buf, sizeof buf)) > 0)
			buffer_append(&resp, buf, n);
		buffer_append(&resp, "", 1);
		Close(fd);
		eol = strstr(resp.data, "\r\n");
		body = strstr(resp.data, "\r\n\r\n");
		if (eol == NULL || body == NULL)
			err_quit("a bad response: %s", resp.data);
		printf("%s -> %.*s: %s", argv[i], (int)(eol - resp.data), resp.data, body + 4);
		buffer_free(&resp);
	}
	return 0;
}
