#include <stdio.h>
#include <stddef.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <sys/select.h>
#include <poll.h>
#include <netdb.h>
#include <sys/time.h>
int main(void) {
    printf("%zu %zu %zu %zu %zu\n", sizeof(char), sizeof(short), sizeof(int), sizeof(long), sizeof(long long));
    printf("%zu %zu %zu %zu\n", sizeof(float), sizeof(double), sizeof(void *), sizeof(size_t));
    printf("%zu %zu %zu %zu\n", sizeof(struct sockaddr), sizeof(struct sockaddr_in), sizeof(struct sockaddr_in6), sizeof(struct sockaddr_storage));
    printf("%zu %zu %zu %zu\n", sizeof(fd_set), sizeof(struct pollfd), sizeof(struct timeval), sizeof(struct addrinfo));
    printf("%zu %zu %zu\n", offsetof(struct sockaddr_in, sin_port), offsetof(struct sockaddr_in, sin_addr), offsetof(struct addrinfo, ai_addr));
    printf("%zu %zu\n", offsetof(struct sockaddr_in6, sin6_addr), sizeof(struct hostent));
    printf("%d %d %d %d %d\n", AF_INET, AF_INET6, SOCK_STREAM, SOCK_DGRAM, SOL_SOCKET);
    printf("%d %d %d %d\n", SO_REUSEADDR, IPPROTO_TCP, INADDR_ANY, FD_SETSIZE);
    return 0;
}
