/* Accepts argv[1] connections and closes each at once. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <netinet/in.h>

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 1;
	int l = socket(AF_INET, SOCK_STREAM, 0);
	int one = 1;
	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	struct sockaddr_in a = {0};
	a.sin_family = AF_INET;
	a.sin_port = htons(7000);
	bind(l, (struct sockaddr *)&a, sizeof a);
	listen(l, 5);
	for (int i = 0; i < n; i++)
		close(accept(l, NULL, NULL));
	close(l);
	return 0;
}
