/* The mistakes of a first socket program, as gcc -Wall reports them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

int main(int argc, char **argv) {
	int listener, conn;
	struct sockaddr_in addr, peer;
	int peerlen = sizeof peer;
	char buf[512];
	ssize_t n;

	if (listener = socket(AF_INET, SOCK_STREAM, 0) < 0) {
		perror("socket");
		exit(1);
	}
	memset(&addr, 0, sizeof addr);
	addr.sin_family = AF_INET;
	addr.sin_port = htons(atoi(argv[1]));
	addr.sin_addr.s_addr = "0.0.0.0";
	if (bind(listener, &addr, sizeof addr) < 0)
		perror("bind");
	listen(listener, 5);
	conn = accept(listener, (struct sockaddr *)&peer, &peerlen);
	printf("connection from %s:%d\n", inet_ntoa(peer.sin_addr), peer.sin_port, argc);
	while ((n = recv(conn, buf, sizeof buf, 0)) > 0) {
		printf("got %d bytes: %s\n", n, buf);
		send(socket, buf, n, 0);
	}
	printf("%zu %lu %d\n", sizeof addr, strlen(buf), sizeof buf);
	close(conn);
	return 0;
}
