/*
 * Chapter 17: a client with two threads on one socket: one sends, the
 * other receives, as select did in one thread (chapter 8). The sender
 * half-closes when it is done; the receiver ends at EOF.
 *
 *     thread_client host port count
 */
#include "lib/common.h"

struct job {
	int fd, count;
};

static void *sender(void *arg)
{
	struct job *j = arg;
	struct buffer out;
	int i;

	buffer_init(&out);
	for (i = 1; i <= j->count; i++)
		buffer_printf(&out, "message %d\n", i);
	Writen(j->fd, out.data, out.len); /* in one write: one segment */
	buffer_free(&out);
	Shutdown(j->fd, SHUT_WR);
	return NULL;
}

int main(int argc, char **argv)
{
	struct job j;
	pthread_t tid;
	char line[MAXLINE], last[MAXLINE] = "";
	int port, lines = 0;

	if (argc != 4 || str_to_int(argv[2], &port) < 0 || str_to_int(argv[3], &j.count) < 0)
		err_quit("usage: thread_client host port count");
	if ((j.fd = tcp_client(argv[1], port)) < 0)
		return 1;
	pthread_create(&tid, NULL, sender, &j);
	while (Readline(j.fd, line, sizeof line) > 0) {
		lines++;
		strcpy(last, line);
	}
	pthread_join(tid, NULL);
	printf("%d lines came back, the last: %s", lines, last);
	Close(j.fd);
	return 0;
}
