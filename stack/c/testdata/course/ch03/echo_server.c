/*
 * Chapter 3: an echo server. It takes one framed greeting from each
 * client, answers with its own, then echoes the client's lines until the
 * client closes, and prints what it received.
 *
 *     echo_server [-p port] [-n clients] [-v]
 */
#include "lib/common.h"

static struct option_spec opts[] = {
	{'p', "a port", NULL},
	{'n', "a number of clients", NULL},
	{'v', NULL, NULL},
};

static void greet(int fd, int client)
{
	char msg[256], reply[300];
	ssize_t n;

	if ((n = recv_frame(fd, msg, sizeof msg - 1)) < 0)
		err_sys("recv_frame");
	msg[n] = 0;
	printf("client %d says: %s\n", client, msg);
	snprintf(reply, sizeof reply, "welcome, client %d", client);
	if (send_frame(fd, reply, strlen(reply)) < 0)
		err_sys("send_frame");
}

int main(int argc, char **argv)
{
	int port, clients, i, listenfd;
	struct stats st;

	if (options_parse(argc, argv, opts, ARRAY_LEN(opts)) < 0)
		err_quit("usage: echo_server [-p port] [-n clients] [-v]");
	if (str_to_int(option_value(opts, ARRAY_LEN(opts), 'p', "9877"), &port) < 0)
		err_quit("echo_server: bad port");
	if (str_to_int(option_value(opts, ARRAY_LEN(opts), 'n', "1"), &clients) < 0 || clients < 1)
		err_quit("echo_server: bad number of clients");
	if (option_value(opts, ARRAY_LEN(opts), 'v', NULL) != NULL)
		log_set_level(2);
	ignore_sigpipe();

	listenfd = tcp_server_listen(NULL, port, LISTENQ);
	stats_init(&st, "server received");
	for (i = 1; i <= clients; i++) {
		struct sockaddr_storage peer;
		socklen_t len = sizeof peer;
		int fd = Accept(listenfd, (SA *)&peer, &len);

		logmsg(2, "client %d from %s", i, sock_ntop((SA *)&peer, len));
		greet(fd, i);
		str_echo(fd, &st);
		Close(fd);
		printf("client %d done\n", i);
	}
	stats_print(&st, stdout);
	Close(listenfd);
	return 0;
}
