/*
 * Chapter 25: three ways to stop waiting for a datagram that never comes
 * (the port is closed: an unconnected socket never hears of the ICMP
 * error). alarm() and a handler installed without SA_RESTART: recvfrom
 * fails with EINTR. SO_RCVTIMEO: EAGAIN. select with a timeout: 0.
 *
 *     udp_timeouts host closed-port
 */
#include "lib/common.h"

static volatile sig_atomic_t alarms;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static int ask(const char *host, int port, struct sockaddr_storage *to, socklen_t *tolen)
{
	int fd = udp_client(host, port, to, tolen);

	Sendto(fd, "anyone?", 7, 0, (SA *)to, *tolen);
	return fd;
}

int main(int argc, char **argv)
{
	struct sockaddr_storage to;
	struct sigaction sa;
	struct timeval tv = {0, 200000};
	socklen_t tolen;
	char buf[64];
	fd_set rs;
	int fd, port, n;

	if (argc != 3 || str_to_int(argv[2], &port) < 0)
		err_quit("usage: udp_timeouts host closed-port");

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: the call is interrupted */
	sigaction(SIGALRM, &sa, NULL);
	fd = ask(argv[1], port, &to, &tolen);
	alarm(1);
	if (recvfrom(fd, buf, sizeof buf, 0, NULL, NULL) < 0)
		printf("alarm: recvfrom: %s (%d alarm)\n", strerror(errno), (int)alarms);
	Close(fd);

	fd = ask(argv[1], port, &to, &tolen);
	Setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	if (recvfrom(fd, buf, sizeof buf, 0, NULL, NULL) < 0)
		printf("SO_RCVTIMEO: recvfrom: %s\n", strerror(errno));
	Close(fd);

	fd = ask(argv[1], port, &to, &tolen);
	FD_ZERO(&rs);
	FD_SET(fd, &rs);
	tv.tv_sec = 0;
	tv.tv_usec = 300000;
	n = Select(fd + 1, &rs, NULL, NULL, &tv);
	printf("select: %d ready, time left %ld.%06ld\n", n, (long)tv.tv_sec, (long)tv.tv_usec);
	Close(fd);
	return 0;
}
