/*
 * Chapter 20: the client of the receive-flags chapter: TCP pieces with
 * pauses for peek_server, then datagrams of several lengths for
 * udp_trunc.
 *
 *     flags_client host tcp-port udp-host udp-port
 */
#include "lib/common.h"

int main(int argc, char **argv)
{
	struct sockaddr_storage to;
	socklen_t tolen;
	const char *dgrams[] = {"first datagram", "second one", "third, longer than four", "ok"};
	int fd, port, uport, i;

	if (argc != 5 || str_to_int(argv[2], &port) < 0 || str_to_int(argv[4], &uport) < 0)
		err_quit("usage: flags_client host tcp-port udp-host udp-port");
	if ((fd = tcp_client(argv[1], port)) < 0)
		return 1;
	Writen(fd, "HEADER", 6);
	Sleep_ms(50);
	Writen(fd, " and body", 9);
	Sleep_ms(350);
	Writen(fd, "12345", 5);
	Sleep_ms(100);
	Writen(fd, "67890", 5);
	Sleep_ms(100);
	Close(fd);

	fd = udp_client(argv[3], uport, &to, &tolen);
	for (i = 0; i < (int)ARRAY_LEN(dgrams); i++)
		Sendto(fd, dgrams[i], strlen(dgrams[i]), 0, (SA *)&to, tolen);
	printf("sent %d datagrams\n", i);
	Close(fd);
	return 0;
}
