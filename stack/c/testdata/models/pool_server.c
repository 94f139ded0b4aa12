/* A thread pool: argv[2] workers take connections from a queue the main
 * thread fills (a mutex and two condition variables); argv[1] clients,
 * then one stop mark per worker. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <netinet/in.h>

#define QLEN 4

static struct {
	pthread_mutex_t lock;
	pthread_cond_t nonempty, nonfull;
	int fds[QLEN], head, count;
} q = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, PTHREAD_COND_INITIALIZER};

static void put(int fd)
{
	pthread_mutex_lock(&q.lock);
	while (q.count == QLEN)
		pthread_cond_wait(&q.nonfull, &q.lock);
	q.fds[(q.head + q.count) % QLEN] = fd;
	q.count++;
	pthread_cond_signal(&q.nonempty);
	pthread_mutex_unlock(&q.lock);
}

static int take(void)
{
	pthread_mutex_lock(&q.lock);
	while (q.count == 0)
		pthread_cond_wait(&q.nonempty, &q.lock);
	int fd = q.fds[q.head];
	q.head = (q.head + 1) % QLEN;
	q.count--;
	pthread_cond_signal(&q.nonfull);
	pthread_mutex_unlock(&q.lock);
	return fd;
}

static void *worker(void *arg)
{
	int handled = 0;
	for (;;) {
		int fd = take();
		if (fd < 0)
			break;
		char buf[256];
		ssize_t n;
		while ((n = read(fd, buf, sizeof buf)) > 0)
			write(fd, buf, n);
		close(fd);
		handled++;
	}
	return (void *)(long)handled;
}

int main(int argc, char **argv)
{
	int clients = argc > 1 ? atoi(argv[1]) : 4;
	int workers = argc > 2 ? atoi(argv[2]) : 2;
	int l = socket(AF_INET, SOCK_STREAM, 0);
	int one = 1;
	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	struct sockaddr_in a = {0};
	a.sin_family = AF_INET;
	a.sin_port = htons(7000);
	if (bind(l, (struct sockaddr *)&a, sizeof a) < 0) {
		perror("bind");
		return 1;
	}
	listen(l, 16);
	pthread_t t[16];
	for (int i = 0; i < workers; i++)
		pthread_create(&t[i], NULL, worker, NULL);
	for (int i = 0; i < clients; i++) {
		int c = accept(l, NULL, NULL);
		if (c < 0) {
			perror("accept");
			return 1;
		}
		put(c);
	}
	for (int i = 0; i < workers; i++)
		put(-1);
	int total = 0;
	for (int i = 0; i < workers; i++) {
		void *r;
		pthread_join(t[i], &r);
		total += (int)(long)r;
	}
	printf("%d workers served %d clients\n", workers, total);
	close(l);
	return 0;
}
