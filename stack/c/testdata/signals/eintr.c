/* A blocking accept and read interrupted by SIGALRM: without SA_RESTART
 * they return EINTR; with it (argv[1] "restart") they go on, and the
 * client (argv[2] seconds late) is accepted and read. sleep, select and
 * poll return EINTR whatever the flags. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <netinet/in.h>

static volatile sig_atomic_t alarms;

static void on_alarm(int sig) { alarms++; }

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	int restart = argc > 1 && strcmp(argv[1], "restart") == 0;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	sa.sa_flags = restart ? SA_RESTART : 0;
	sigaction(SIGALRM, &sa, NULL);

	int l = socket(AF_INET, SOCK_STREAM, 0);
	int one = 1;
	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	struct sockaddr_in a = {0};
	a.sin_family = AF_INET;
	a.sin_port = htons(7000);
	bind(l, (struct sockaddr *)&a, sizeof a);
	listen(l, 5);

	alarm(1);
	int c = accept(l, NULL, NULL);
	if (c < 0)
		printf("accept: %s after %d alarm(s)\n", strerror(errno), alarms);
	else
		printf("accept: a client after %d alarm(s)\n", alarms);
	if (c < 0) {
		alarm(0);
		c = accept(l, NULL, NULL); /* the client comes */
		printf("accept again: %s\n", c < 0 ? strerror(errno) : "a client");
	}
	alarm(1);
	char buf[64];
	ssize_t n = read(c, buf, sizeof buf);
	if (n < 0)
		printf("read: %s after %d alarm(s)\n", strerror(errno), alarms);
	else
		printf("read: %zd bytes after %d alarm(s)\n", n, alarms);

	alarm(1);
	fd_set r;
	FD_ZERO(&r);
	FD_SET(l, &r);
	int s = select(l + 1, &r, NULL, NULL, NULL);
	printf("select: %d %s\n", s, s < 0 ? strerror(errno) : "");
	alarm(1);
	struct pollfd p = {l, POLLIN, 0};
	s = poll(&p, 1, -1);
	printf("poll: %d %s\n", s, s < 0 ? strerror(errno) : "");
	alarm(1);
	unsigned left = sleep(3);
	printf("sleep: about %s left\n", left >= 1 && left <= 2 ? "2 s" : "?");
	close(c);
	close(l);
	return 0;
}
