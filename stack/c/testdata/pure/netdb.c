/* The protocols and services databases, as glibc reads /etc/protocols and
   /etc/services. */
#include <stdio.h>
#include <string.h>
#include <netdb.h>
#include <arpa/inet.h>
#include <sys/socket.h>

static void proto(struct protoent *p) {
	if (!p) {
		printf("  (none)\n");
		return;
	}
	printf("  %s %d", p->p_name, p->p_proto);
	for (char **a = p->p_aliases; *a; a++)
		printf(" alias %s", *a);
	printf("\n");
}

static void serv(struct servent *s) {
	if (!s) {
		printf("  (none)\n");
		return;
	}
	printf("  %s %d/%s", s->s_name, ntohs(s->s_port), s->s_proto);
	for (char **a = s->s_aliases; *a; a++)
		printf(" alias %s", *a);
	printf("\n");
}

int main(void) {
	const char *names[] = {"tcp", "udp", "icmp", "ip", "ipv6", "ipv6-icmp", "TCP", "nope"};
	for (int i = 0; i < 8; i++) {
		printf("getprotobyname(%s):\n", names[i]);
		proto(getprotobyname(names[i]));
	}
	int nums[] = {0, 1, 6, 17, 41, 58, 132, 250};
	for (int i = 0; i < 8; i++) {
		printf("getprotobynumber(%d):\n", nums[i]);
		proto(getprotobynumber(nums[i]));
	}
	struct { const char *name, *proto; } sv[] = {{"daytime", "tcp"}, {"daytime", "udp"}, {"http", NULL}, {"www", "tcp"}, {"echo", "udp"}, {"domain", "udp"}, {"ssh", "udp"}, {"nope", "tcp"}, {"smtp", "tcp"}};
	for (int i = 0; i < 9; i++) {
		printf("getservbyname(%s, %s):\n", sv[i].name, sv[i].proto ? sv[i].proto : "NULL");
		serv(getservbyname(sv[i].name, sv[i].proto));
	}
	int ports[] = {7, 13, 22, 53, 80, 443, 12345};
	for (int i = 0; i < 7; i++) {
		printf("getservbyport(%d, tcp):\n", ports[i]);
		serv(getservbyport(htons(ports[i]), "tcp"));
	}
	int n = 0;
	setprotoent(0);
	while (getprotoent())
		n++;
	endprotoent();
	printf("%d protocols\n", n);
	n = 0;
	setservent(0);
	while (getservent())
		n++;
	endservent();
	printf("%d services\n", n);

	struct addrinfo hints, *res;
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_INET;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE;
	int e = getaddrinfo(NULL, "http", &hints, &res);
	if (e == 0) {
		struct sockaddr_in *sin = (struct sockaddr_in *)res->ai_addr;
		printf("getaddrinfo(http): port %d\n", ntohs(sin->sin_port));
		char host[64], port[32];
		e = getnameinfo(res->ai_addr, res->ai_addrlen, host, sizeof host, port, sizeof port, NI_NUMERICHOST);
		printf("getnameinfo: %d %s %s\n", e, host, port);
		e = getnameinfo(res->ai_addr, res->ai_addrlen, host, sizeof host, port, sizeof port, NI_NUMERICHOST | NI_NUMERICSERV);
		printf("getnameinfo numeric: %d %s %s\n", e, host, port);
		freeaddrinfo(res);
	}
	hints.ai_socktype = SOCK_DGRAM;
	e = getaddrinfo(NULL, "ssh", &hints, &res);
	printf("getaddrinfo(ssh, udp): %d %s\n", e, e ? gai_strerror(e) : "ok");
	if (e == 0)
		freeaddrinfo(res);
	struct in_addr a;
	inet_aton("10.1.2.3", &a);
	printf("inet_netof %x inet_lnaof %x network %x\n", inet_netof(a), inet_lnaof(a), inet_network("172.16.5.4"));
	return 0;
}
