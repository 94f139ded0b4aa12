/*
 * http.c - just enough HTTP/1.0: a request line, headers, a response.
 */
#include "common.h"

int http_parse_request_line(const char *line, struct http_request *req)
{
	char buf[MAXLINE];
	char *parts[4];
	int n;

	snprintf(buf, sizeof buf, "%s", line);
	str_chomp(buf);
	n = str_split(buf, ' ', parts, 4);
	if (n != 3)
		return -1;
	if (strlen(parts[0]) >= sizeof req->method || strlen(parts[1]) >= sizeof req->path ||
	    strlen(parts[2]) >= sizeof req->version)
		return -1;
	strcpy(req->method, parts[0]);
	strcpy(req->path, parts[1]);
	strcpy(req->version, parts[2]);
	if (!str_starts_with(req->version, "HTTP/"))
		return -1;
	req->nheaders = 0;
	return 0;
}

/* http_read_request reads the request line and the headers up to the
 * empty line; 0, or -1 for a malformed request or a closed connection. */
int http_read_request(int fd, struct http_request *req)
{
	char line[MAXLINE];
	ssize_t n;

	if ((n = readline(fd, line, sizeof line)) <= 0)
		return -1;
	if (http_parse_request_line(line, req) < 0)
		return -1;
	for (;;) {
		if ((n = readline(fd, line, sizeof line)) <= 0)
			return -1;
		if (str_chomp(line) == 0)
			return 0;
		if (req->nheaders < (int)ARRAY_LEN(req->headers) &&
		    kv_parse_line(line, &req->headers[req->nheaders]) == 0)
			req->nheaders++;
	}
}

const char *http_status_text(int status)
{
	switch (status) {
	case 200:
		return "OK";
	case 400:
		return "Bad Request";
	case 404:
		return "Not Found";
	case 405:
		return "Method Not Allowed";
	case 500:
		return "Internal Server Error";
	}
	return "Unknown";
}

int http_respond(int fd, int status, const char *type, const char *body)
{
	struct buffer b;
	int r;

	buffer_init(&b);
	buffer_printf(&b, "HTTP/1.0 %d %s\r\n", status, http_status_text(status));
	buffer_printf(&b, "Content-Type: %s\r\n", type);
	buffer_printf(&b, "Content-Length: %lu\r\n\r\n", (unsigned long)strlen(body));
	buffer_append_str(&b, body);
	r = writen(fd, b.data, b.len) == (ssize_t)b.len ? 0 : -1;
	buffer_free(&b);
	return r;
}
