/* send_client sends each line typed to port 7000 without waiting for an
   answer. */
#include "port7000.h"
int main(void) {
	int s = dial(socket(AF_INET, SOCK_STREAM, 0));
	if (s < 0) return 1;
	char line[256];
	while (fgets(line, sizeof line, stdin)) write(s, line, strlen(line));
	close(s);
	return 0;
}
