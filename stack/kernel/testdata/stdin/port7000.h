/* The programs of these tests meet on TCP port 7000: dial connects a
   client's socket to the server at 10.0.0.2, 10 ms after the start (the
   server is listening by then); accept_one listens and takes one
   connection. The tests give this file to the scenario as a project file,
   as a course's lib/ would be. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

static int dial(int s) {
	struct sockaddr_in a; memset(&a, 0, sizeof a); a.sin_family = AF_INET; a.sin_port = htons(7000);
	inet_pton(AF_INET, "10.0.0.2", &a.sin_addr);
	usleep(10000);
	if (connect(s, (struct sockaddr *)&a, sizeof a) < 0) { perror("connect"); return -1; }
	return s;
}

static int accept_one(void) {
	int l = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a; memset(&a, 0, sizeof a); a.sin_family = AF_INET; a.sin_port = htons(7000);
	bind(l, (struct sockaddr *)&a, sizeof a); listen(l, 5);
	return accept(l, 0, 0);
}
