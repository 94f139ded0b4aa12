/* An echo client: three lines, a while apart, each echoed back; then it
   closes. Its host's name (argv[1]) says which client it is. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

int main(int argc, char **argv) {
	const char *me = argc > 1 ? argv[1] : "client";
	int s = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(7000)};
	inet_pton(AF_INET, "10.0.0.2", &a.sin_addr);
	if (connect(s, (struct sockaddr *)&a, sizeof a) < 0) {
		perror("connect");
		return 1;
	}
	for (int i = 1; i <= 3; i++) {
		char line[64], echo[64];
		int n = snprintf(line, sizeof line, "%s line %d\n", me, i);
		send(s, line, n, 0);
		int got = 0;
		while (got < n) {
			int k = recv(s, echo + got, sizeof echo - got, 0);
			if (k <= 0) {
				printf("%s: the server went away\n", me);
				return 1;
			}
			got += k;
		}
		printf("%s: echo %.*s", me, got, echo);
		usleep(300000);
	}
	close(s);
	return 0;
}
