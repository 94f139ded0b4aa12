/* Connects to argv[1]:argv[2] after argv[3] seconds (its start is the
 * scenario's), sends a line after argv[4] more, closes. */
#include <netdb.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/socket.h>

int main(int argc, char **argv)
{
	struct addrinfo hints = {0}, *res;
	hints.ai_family = AF_INET;
	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo(argv[1], argv[2], &hints, &res) != 0)
		return 2;
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (connect(fd, res->ai_addr, res->ai_addrlen) < 0)
		return 1;
	sleep(atoi(argv[3]));
	write(fd, "hello\n", 6);
	sleep(1);
	close(fd);
	return 0;
}
