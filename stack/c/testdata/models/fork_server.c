/* A process per connection: the parent accepts argv[1] clients, forks a
 * child for each and closes its copy of the connection (the child's keeps
 * it open); a SIGCHLD handler reaps the children with waitpid(-1, ...,
 * WNOHANG) as they end. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <netinet/in.h>

static volatile sig_atomic_t reaped, failed;

static void on_child(int sig)
{
	int saved = errno;
	int status;
	while (waitpid(-1, &status, WNOHANG) > 0) {
		reaped++;
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			failed++;
	}
	errno = saved;
}

static int serve(int fd)
{
	char buf[256];
	ssize_t n;
	int total = 0;
	while ((n = read(fd, buf, sizeof buf)) > 0) {
		if (write(fd, buf, n) != n)
			return 1;
		total += n;
	}
	printf("child done: %d bytes\n", total);
	return 0;
}

int main(int argc, char **argv)
{
	int clients = argc > 1 ? atoi(argv[1]) : 3;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_child;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	sigaction(SIGCHLD, &sa, NULL);

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
	for (int i = 0; i < clients; i++) {
		int c = accept(l, NULL, NULL);
		if (c < 0) {
			perror("accept");
			return 1;
		}
		pid_t pid = fork();
		if (pid < 0) {
			perror("fork");
			return 1;
		}
		if (pid == 0) {
			close(l);
			int r = serve(c);
			close(c);
			exit(r);
		}
		close(c);
	}
	while (reaped < clients)
		pause();
	printf("served %d clients, %d failed\n", (int)reaped, (int)failed);
	close(l);
	return 0;
}
