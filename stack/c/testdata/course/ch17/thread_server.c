/*
 * Chapter 17: a thread per client. Each thread gets its descriptor in
 * memory of its own (never a pointer to the loop's variable, which the
 * next accept overwrites); a mutex guards the total they share. The main
 * thread joins them all before it prints the total.
 *
 *     thread_server port clients
 */
#include "lib/common.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long total;

static void *serve(void *arg)
{
	int fd = *(int *)arg;
	char buf[MAXLINE];
	ssize_t n;

	free(arg);
	while ((n = Read(fd, buf, sizeof buf)) > 0) {
		pthread_mutex_lock(&lock);
		total += n;
		pthread_mutex_unlock(&lock);
		Writen(fd, buf, n);
	}
	Close(fd);
	return NULL;
}

int main(int argc, char **argv)
{
	int lfd, port, clients, i;
	pthread_t tids[16];

	if (argc != 3 || str_to_int(argv[1], &port) < 0 || str_to_int(argv[2], &clients) < 0 || clients > 16)
		err_quit("usage: thread_server port clients (at most 16)");
	lfd = tcp_server_listen(NULL, port, LISTENQ);
	for (i = 0; i < clients; i++) {
		int *fd = Malloc(sizeof *fd);

		*fd = Accept(lfd, NULL, NULL);
		if ((errno = pthread_create(&tids[i], NULL, serve, fd)) != 0)
			err_sys("pthread_create");
	}
	for (i = 0; i < clients; i++)
		pthread_join(tids[i], NULL);
	printf("%d clients, %ld bytes echoed\n", clients, total);
	Close(lfd);
	return 0;
}
