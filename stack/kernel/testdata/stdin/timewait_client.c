/* timewait_client closes its connection (TIME_WAIT), then waits for a line. */
#include "port7000.h"
int main(void) {
	int s = dial(socket(AF_INET, SOCK_STREAM, 0));
	if (s < 0) return 1;
	write(s, "hi\n", 3);
	close(s);
	usleep(10000);
	char line[64];
	if (fgets(line, sizeof line, stdin)) printf("typed %s", line);
	return 0;
}
