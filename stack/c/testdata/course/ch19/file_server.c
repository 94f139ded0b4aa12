/*
 * Chapter 19: a file server: it writes a file, then sends it to a client
 * that asks for it by name, preceded by its size (from stat), or "-1"
 * for a name it does not have.
 *
 *     file_server port requests
 */
#include "lib/common.h"

static void make_file(const char *name, int lines)
{
	FILE *f = Fopen(name, "w");
	int i;

	for (i = 1; i <= lines; i++)
		fprintf(f, "%04d the quick brown fox jumps over the lazy dog\n", i);
	Fclose(f);
}

int main(int argc, char **argv)
{
	int lfd, port, requests, i;

	if (argc != 3 || str_to_int(argv[1], &port) < 0 || str_to_int(argv[2], &requests) < 0)
		err_quit("usage: file_server port requests");
	make_file("data.txt", 200);
	lfd = tcp_server_listen(NULL, port, LISTENQ);
	for (i = 0; i < requests; i++) {
		char name[256], head[32], buf[BUFFSIZE];
		struct stat st;
		int fd = Accept(lfd, NULL, NULL), file;
		ssize_t n;

		if (Readline(fd, name, sizeof name) <= 0) {
			Close(fd);
			continue;
		}
		str_chomp(name);
		if (strchr(name, '/') != NULL || stat(name, &st) < 0 || (file = open(name, O_RDONLY)) < 0) {
			printf("%s: %s\n", name, strerror(errno ? errno : EACCES));
			Writen(fd, "-1\n", 3);
			Close(fd);
			continue;
		}
		n = snprintf(head, sizeof head, "%lld\n", (long long)st.st_size);
		Writen(fd, head, n);
		while ((n = Read(file, buf, sizeof buf)) > 0)
			Writen(fd, buf, n);
		printf("%s: sent %lld bytes\n", name, (long long)st.st_size);
		Close(file);
		Close(fd);
	}
	unlink("data.txt");
	Close(lfd);
	return 0;
}
