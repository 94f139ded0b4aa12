#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

int make_socket (uint16_t port)
{
  int sock;
  struct sockaddr_in name;

  sock = socket (PF_INET, SOCK_STREAM, 0);
  if (sock < 0)
    {
      perror ("socket");
      exit (EXIT_FAILURE);
    }
  name.sin_family = AF_INET;
  name.sin_port = htons (port);
  name.sin_addr.s_addr = htonl (INADDR_ANY);
  if (bind (sock, (struct sockaddr *) &name, sizeof (name)) < 0)
    {
      perror ("bind");
      exit (EXIT_FAILURE);
    }
  return sock;
}

int main(void)
{
  int listenfd = make_socket(12345);
  if (listen(listenfd, 1024) < 0) {
    perror("listen");
    return 1;
  }
  struct sockaddr_in cliaddr;
  socklen_t clilen = sizeof(cliaddr);
  int connfd = accept(listenfd, (struct sockaddr *) &cliaddr, &clilen);
  if (connfd < 0) {
    perror("accept");
    return 1;
  }
  char ip[INET_ADDRSTRLEN];
  inet_ntop(AF_INET, &cliaddr.sin_addr, ip, sizeof ip);
  printf("connection from %s (len %u)\n", ip, clilen);
  char buf[128];
  ssize_t n;
  while ((n = read(connfd, buf, sizeof buf)) > 0) {
    write(connfd, buf, n);
  }
  printf("client closed\n");
  close(connfd);
  close(listenfd);
  return 0;
}
