/* Sends 10 bytes at once and waits for all ten back. */
#include <stdio.h>
#include <unistd.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

int main(void) {
	int s = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(7000)};
	inet_pton(AF_INET, "10.0.0.2", &a.sin_addr);
	if (connect(s, (struct sockaddr *)&a, sizeof a) < 0) {
		perror("connect");
		return 1;
	}
	send(s, "0123456789", 10, 0);
	char buf[10];
	int got = 0;
	while (got < 10) {
		int k = recv(s, buf + got, sizeof buf - got, 0);
		if (k <= 0)
			break;
		got += k;
		printf("got %d of 10\n", got);
		fflush(stdout);
	}
	return 0;
}
