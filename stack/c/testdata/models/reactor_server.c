/* An event loop with worker threads: the main thread waits in epoll_wait
 * for the listener, the clients and a socketpair; a ready client (watched
 * one-shot, so one worker at a time has it) goes to a queue that argv[2]
 * workers take from under a mutex and condition variable; a worker echoes
 * one read and wakes the loop by writing the descriptor (negative once the
 * client has closed) to the socketpair, and the loop watches the client
 * again. The server ends once argv[1] clients have closed. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <netinet/in.h>

#define MAXQ 64

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ready = PTHREAD_COND_INITIALIZER;
static int queue[MAXQ], head, tail, stopping;
static int wake[2];

static void push(int fd)
{
	pthread_mutex_lock(&lock);
	queue[tail++ % MAXQ] = fd;
	pthread_cond_signal(&ready);
	pthread_mutex_unlock(&lock);
}

static void *worker(void *arg)
{
	long served = 0;
	(void)arg;
	for (;;) {
		pthread_mutex_lock(&lock);
		while (head == tail && !stopping)
			pthread_cond_wait(&ready, &lock);
		if (head == tail) {
			pthread_mutex_unlock(&lock);
			return (void *)served;
		}
		int fd = queue[head++ % MAXQ];
		pthread_mutex_unlock(&lock);

		char buf[256];
		ssize_t n = read(fd, buf, sizeof buf);
		int note = fd;
		if (n > 0) {
			write(fd, buf, n);
		} else {
			close(fd);
			note = -1;
			served++;
		}
		write(wake[1], &note, sizeof note);
	}
}

int main(int argc, char **argv)
{
	int clients = argc > 1 ? atoi(argv[1]) : 3;
	int nworkers = argc > 2 ? atoi(argv[2]) : 2;
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, wake) < 0) {
		perror("socketpair");
		return 1;
	}
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

	int ep = epoll_create1(0);
	struct epoll_event ev = {.events = EPOLLIN};
	ev.data.fd = l;
	epoll_ctl(ep, EPOLL_CTL_ADD, l, &ev);
	ev.data.fd = wake[0];
	epoll_ctl(ep, EPOLL_CTL_ADD, wake[0], &ev);

	pthread_t tids[16];
	if (nworkers > 16)
		nworkers = 16;
	for (int i = 0; i < nworkers; i++)
		pthread_create(&tids[i], NULL, worker, NULL);

	int closed = 0;
	while (closed < clients) {
		struct epoll_event evs[8];
		int n = epoll_wait(ep, evs, 8, -1);
		for (int i = 0; i < n; i++) {
			int fd = evs[i].data.fd;
			if (fd == l) {
				int c = accept(l, NULL, NULL);
				struct epoll_event cev = {.events = EPOLLIN | EPOLLONESHOT};
				cev.data.fd = c;
				epoll_ctl(ep, EPOLL_CTL_ADD, c, &cev);
			} else if (fd == wake[0]) {
				int note;
				read(wake[0], &note, sizeof note);
				if (note < 0) {
					closed++;
				} else {
					struct epoll_event cev = {.events = EPOLLIN | EPOLLONESHOT};
					cev.data.fd = note;
					epoll_ctl(ep, EPOLL_CTL_MOD, note, &cev);
				}
			} else {
				push(fd);
			}
		}
	}
	pthread_mutex_lock(&lock);
	stopping = 1;
	pthread_cond_broadcast(&ready);
	pthread_mutex_unlock(&lock);
	long total = 0;
	for (int i = 0; i < nworkers; i++) {
		void *r;
		pthread_join(tids[i], &r);
		total += (long)r;
	}
	printf("%d workers served %ld clients from one event loop\n", nworkers, total);
	close(ep);
	close(l);
	return 0;
}
