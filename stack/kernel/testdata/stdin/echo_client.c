/* echo_client sends each line typed to the echo server and prints the echo. */
#include "port7000.h"
int main(void) {
	int s = dial(socket(AF_INET, SOCK_STREAM, 0));
	if (s < 0) return 1;
	char line[256];
	while (fgets(line, sizeof line, stdin)) {
		write(s, line, strlen(line));
		int n = read(s, line, sizeof line - 1);
		if (n <= 0) break;
		line[n] = 0;
		printf("echo: %s", line);
	}
	printf("bye\n");
	return 0;
}
