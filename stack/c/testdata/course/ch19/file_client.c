/*
 * Chapter 19: the file server's client: it asks for a file, stores what
 * comes in a local file ("copy-" and its name), and checks the size with
 * stat.
 *
 *     file_client host port name...
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	int port, i;

	if (argc < 4 || str_to_int(argv[2], &port) < 0)
		err_quit("usage: file_client host port name...");
	for (i = 3; i < argc; i++) {
		char req[300], head[32], buf[BUFFSIZE], copy[300];
		long long size, got = 0;
		struct stat st;
		int fd = tcp_client(argv[1], port), out;
		ssize_t n;

		if (fd < 0)
			return 1;
		n = snprintf(req, sizeof req, "%s\n", argv[i]);
		Writen(fd, req, n);
		if (Readline(fd, head, sizeof head) <= 0 || (size = atoll(head)) < 0) {
			printf("%s: the server has no such file\n", argv[i]);
			Close(fd);
			continue;
		}
		snprintf(copy, sizeof copy, "copy-%s", argv[i]);
		out = open(copy, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (out < 0)
			err_sys("open %s", copy);
		/* readline may have read past the header: take what it holds. */
		while (got < size && (n = Readline(fd, buf, sizeof buf)) > 0) {
			Write(out, buf, n);
			got += n;
		}
		Close(out);
		Close(fd);
		stat(copy, &st);
		printf("%s: %lld bytes announced, %lld stored in %s\n", argv[i], size, (long long)st.st_size, copy);
		unlink(copy);
	}
	return 0;
}
