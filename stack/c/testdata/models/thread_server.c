/* Thread per connection: the main thread accepts argv[1] clients and
 * hands each to a thread of its own, then waits for them all. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int served, bytes;

static void *handle(void *arg)
{
	int fd = (int)(long)arg;
	char buf[256];
	ssize_t n;
	int total = 0;
	while ((n = read(fd, buf, sizeof buf)) > 0) {
		write(fd, buf, n);
		total += n;
	}
	close(fd);
	pthread_mutex_lock(&lock);
	served++;
	bytes += total;
	pthread_mutex_unlock(&lock);
	printf("client done: %d bytes\n", total);
	return NULL;
}

int main(int argc, char **argv)
{
	int clients = argc > 1 ? atoi(argv[1]) : 3;
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
	pthread_t *t = calloc(clients, sizeof *t);
	for (int i = 0; i < clients; i++) {
		int c = accept(l, NULL, NULL);
		if (c < 0) {
			perror("accept");
			return 1;
		}
		int e = pthread_create(&t[i], NULL, handle, (void *)(long)c);
		if (e != 0) {
			fprintf(stderr, "pthread_create: %s\n", strerror(e));
			return 1;
		}
	}
	for (int i = 0; i < clients; i++)
		pthread_join(t[i], NULL);
	printf("served %d clients, %d bytes\n", served, bytes);
	close(l);
	return 0;
}
