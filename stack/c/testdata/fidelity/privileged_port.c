/* The learner is user 1000 without CAP_NET_BIND_SERVICE: a port below
   1024 (net.ipv4.ip_unprivileged_port_start) is EACCES, once the address
   is known to be the host's (EADDRNOTAVAIL first). */
#include <stdio.h>
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
static void try(int type, const char *ip, int port) {
  int s = socket(AF_INET, type, 0);
  struct sockaddr_in a = {0}; a.sin_family = AF_INET; a.sin_port = htons(port); inet_pton(AF_INET, ip, &a.sin_addr);
  int r = bind(s, (struct sockaddr*)&a, sizeof a);
  printf("bind %s %s:%d: %d %s\n", type == SOCK_STREAM ? "tcp" : "udp", ip, port, r, r < 0 ? strerror(errno) : "");
}
int main(void){
  try(SOCK_STREAM, "0.0.0.0", 80); try(SOCK_DGRAM, "0.0.0.0", 53); try(SOCK_STREAM, "127.0.0.1", 1023);
  try(SOCK_STREAM, "10.9.9.9", 80); try(SOCK_STREAM, "0.0.0.0", 1024); try(SOCK_STREAM, "0.0.0.0", 0);
  try(SOCK_STREAM, "127.0.0.1", 1);
  int s6 = socket(AF_INET6, SOCK_STREAM, 0); struct sockaddr_in6 a6 = {0}; a6.sin6_family = AF_INET6; a6.sin6_port = htons(443);
  int r = bind(s6, (struct sockaddr*)&a6, sizeof a6); printf("bind6 443: %d %s\n", r, r < 0 ? strerror(errno) : "");
  return 0;
}
