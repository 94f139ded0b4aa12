/*
 * Chapter 26: addresses as the C library handles them: byte order,
 * text to binary and back (inet_pton, inet_ntop, inet_aton, inet_addr,
 * inet_ntoa), what each says of bad input, getnameinfo with numbers only,
 * and the sizes of the address structures.
 *
 *     addresses
 */
#include "lib/common.h"

static void pton4(const char *s)
{
	struct in_addr a;
	char back[INET_ADDRSTRLEN];
	int r = inet_pton(AF_INET, s, &a);

	printf("inet_pton(\"%s\") = %d", s, r);
	if (r == 1)
		printf(" -> %s (0x%08x in host order)", inet_ntop(AF_INET, &a, back, sizeof back), ntohl(a.s_addr));
	printf("\n");
}

static void pton6(const char *s)
{
	struct in6_addr a;
	char back[INET6_ADDRSTRLEN];
	int r = inet_pton(AF_INET6, s, &a);

	printf("inet_pton6(\"%s\") = %d", s, r);
	if (r == 1)
		printf(" -> %s", inet_ntop(AF_INET6, &a, back, sizeof back));
	printf("\n");
}

int main(void)
{
	const char *v4[] = {"10.0.0.1", "255.255.255.255", "1.2.3", "256.1.1.1", "01.2.3.4", " 1.2.3.4", ""};
	const char *v6[] = {"::1", "fd00:0:0:0:0:0:0:2", "::ffff:10.0.0.1", "2001:db8::1:0:0:1", "1::2::3", "fe80::1%eth0"};
	struct sockaddr_in sin;
	struct in_addr a;
	char host[NI_MAXHOST], serv[NI_MAXSERV], small[8];
	unsigned i;
	int r;

	printf("htons(0x1234) = 0x%04x, htonl(1) = 0x%08x, ntohs(htons(80)) = %u\n", htons(0x1234), htonl(1), ntohs(htons(80)));
	for (i = 0; i < ARRAY_LEN(v4); i++)
		pton4(v4[i]);
	for (i = 0; i < ARRAY_LEN(v6); i++)
		pton6(v6[i]);
	/* inet_aton takes the old forms too: "a.b.c" (c fills 16 bits), hex. */
	r = inet_aton("1.2.3", &a);
	printf("inet_aton(\"1.2.3\") = %d -> %s\n", r, inet_ntoa(a));
	r = inet_aton("0x7f.1", &a);
	printf("inet_aton(\"0x7f.1\") = %d -> %s\n", r, inet_ntoa(a));
	printf("inet_addr(\"bad\") == INADDR_NONE: %d\n", inet_addr("bad") == INADDR_NONE);
	a.s_addr = htonl(INADDR_LOOPBACK);
	if (inet_ntop(AF_INET, &a, small, sizeof small) == NULL)
		printf("inet_ntop into 8 bytes: %s\n", strerror(errno));
	if (inet_pton(AF_UNIX, "x", &a) < 0)
		printf("inet_pton(AF_UNIX): %s\n", strerror(errno));
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_port = htons(8080);
	inet_pton(AF_INET, "192.0.2.7", &sin.sin_addr);
	r = getnameinfo((SA *)&sin, sizeof sin, host, sizeof host, serv, sizeof serv, NI_NUMERICHOST | NI_NUMERICSERV);
	printf("getnameinfo: %d %s %s\n", r, host, serv);
	printf("sizes: sockaddr %zu, sockaddr_in %zu, sockaddr_in6 %zu, sockaddr_un %zu, sockaddr_storage %zu\n",
	       sizeof(struct sockaddr), sizeof(struct sockaddr_in), sizeof(struct sockaddr_in6),
	       sizeof(struct sockaddr_un), sizeof(struct sockaddr_storage));
	printf("INADDR_ANY %u, INADDR_BROADCAST 0x%x, INET_ADDRSTRLEN %d, INET6_ADDRSTRLEN %d\n", INADDR_ANY,
	       INADDR_BROADCAST, INET_ADDRSTRLEN, INET6_ADDRSTRLEN);
	return 0;
}
