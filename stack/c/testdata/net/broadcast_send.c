/* A datagram to the link's broadcast address: refused with EACCES until
   SO_BROADCAST is set, then sent to every host of the link. The limited
   broadcast 255.255.255.255 has no route here (no default route), as on
   Linux. */
#include <stdio.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

static void send_to(int s, const char *to) {
	struct sockaddr_in a;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_port = htons(9000);
	inet_pton(AF_INET, to, &a.sin_addr);
	int r = sendto(s, "hello", 5, 0, (struct sockaddr *)&a, sizeof a);
	printf("sendto %s: %d %s\n", to, r, r < 0 ? strerror(errno) : "");
}

int main(void) {
	int s = socket(AF_INET, SOCK_DGRAM, 0);
	int on = 1, v = -1;
	socklen_t len = sizeof v;
	getsockopt(s, SOL_SOCKET, SO_BROADCAST, &v, &len);
	printf("SO_BROADCAST is %d\n", v);
	send_to(s, "10.0.0.255");
	send_to(s, "255.255.255.255");
	if (setsockopt(s, SOL_SOCKET, SO_BROADCAST, &on, sizeof on) < 0)
		perror("setsockopt");
	getsockopt(s, SOL_SOCKET, SO_BROADCAST, &v, &len);
	printf("SO_BROADCAST is %d\n", v);
	send_to(s, "10.0.0.255");
	send_to(s, "255.255.255.255");
	return 0;
}
