/* Bound to the port on every address: gets the broadcast datagram. */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

int main(void) {
	int s = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in a;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_port = htons(9000);
	if (bind(s, (struct sockaddr *)&a, sizeof a) < 0) {
		perror("bind");
		return 1;
	}
	char buf[64];
	struct sockaddr_in from;
	socklen_t len = sizeof from;
	int n = recvfrom(s, buf, sizeof buf, 0, (struct sockaddr *)&from, &len);
	printf("got %d bytes '%.*s' from %s\n", n, n, buf, inet_ntoa(from.sin_addr));
	return 0;
}
