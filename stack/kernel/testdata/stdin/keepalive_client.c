/* keepalive_client keeps its connection alive (SO_KEEPALIVE, and
   TCP_KEEPIDLE when KEEPIDLE is not 0) while it waits for a line. */
#include <netinet/tcp.h>
#include "port7000.h"
#define KEEPIDLE 0
int main(void) {
	int s = socket(AF_INET, SOCK_STREAM, 0), on = 1, idle = KEEPIDLE;
	setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
	if (idle) setsockopt(s, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle);
	if (dial(s) < 0) return 1;
	write(s, "hi\n", 3);
	char line[64];
	if (fgets(line, sizeof line, stdin)) write(s, line, strlen(line));
	return 0;
}
