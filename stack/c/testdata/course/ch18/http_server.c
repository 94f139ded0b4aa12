/*
 * Chapter 18: a small HTTP/1.0 server on a poll() event loop: it reads a
 * request line and headers (lib/http.c), answers GET / and GET /hello,
 * 404 for anything else, 405 for other methods, and closes each
 * connection after its answer.
 *
 *     http_server port requests
 */
#include "lib/common.h"

static void answer(int fd, int *served)
{
	struct http_request req;
	char body[512];

	if (http_read_request(fd, &req) < 0) {
		http_respond(fd, 400, "text/plain", "bad request\n");
		return;
	}
	(*served)++;
	printf("%s %s %s\n", req.method, req.path, req.version);
	if (strcmp(req.method, "GET") != 0)
		http_respond(fd, 405, "text/plain", "only GET here\n");
	else if (strcmp(req.path, "/") == 0)
		http_respond(fd, 200, "text/html", "<h1>netplay course</h1>\n");
	else if (strcmp(req.path, "/hello") == 0) {
		const char *ua = kv_get(req.headers, req.nheaders, "User-Agent");

		snprintf(body, sizeof body, "hello, %s\n", ua ? ua : "stranger");
		http_respond(fd, 200, "text/plain", body);
	} else
		http_respond(fd, 404, "text/plain", "not found\n");
}

int main(int argc, char **argv)
{
	int lfd, port, requests, served = 0;

	if (argc != 3 || str_to_int(argv[1], &port) < 0 || str_to_int(argv[2], &requests) < 0)
		err_quit("usage: http_server port requests");
	lfd = tcp_server_listen(NULL, port, LISTENQ);
	while (served < requests) {
		struct pollfd p = {lfd, POLLIN, 0};
		int fd;

		Poll(&p, 1, -1);
		fd = Accept(lfd, NULL, NULL);
		answer(fd, &served);
		Close(fd);
	}
	Close(lfd);
	return 0;
}
