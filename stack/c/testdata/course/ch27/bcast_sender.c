/*
 * Chapter 27: sending to a broadcast address needs SO_BROADCAST: without
 * it sendto fails with EACCES. With it, one datagram reaches every host
 * of the subnet.
 *
 *     bcast_sender broadcast-address port
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	struct sockaddr_storage to;
	socklen_t tolen;
	int fd, port, on = 1;

	if (argc != 3 || str_to_int(argv[2], &port) < 0)
		err_quit("usage: bcast_sender broadcast-address port");
	fd = udp_client(argv[1], port, &to, &tolen);
	if (sendto(fd, "to all, no option", 17, 0, (SA *)&to, tolen) < 0)
		printf("sendto %s without SO_BROADCAST: %s\n", argv[1], strerror(errno));
	Setsockopt(fd, SOL_SOCKET, SO_BROADCAST, &on, sizeof on);
	Sendto(fd, "to all", 6, 0, (SA *)&to, tolen);
	printf("sent to %s with SO_BROADCAST\n", argv[1]);
	Close(fd);
	return 0;
}
