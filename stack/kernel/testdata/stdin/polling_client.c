/* polling_client sends a line, then polls a non-blocking socket for the
   echo without ever blocking. */
#include <errno.h>
#include <fcntl.h>
#include "port7000.h"
int main(void) {
	int s = dial(socket(AF_INET, SOCK_STREAM, 0));
	if (s < 0) return 1;
	fcntl(s, F_SETFL, O_NONBLOCK);
	send(s, "hi\n", 3, 0);
	char b[16];
	long tries = 0;
	int n;
	while ((n = recv(s, b, sizeof b, 0)) < 0 && errno == EAGAIN)
		tries++;
	printf("got %d bytes after %s\n", n, tries > 100 ? "many tries" : "few tries");
	return 0;
}
