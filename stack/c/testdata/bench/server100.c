#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/select.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <netdb.h>

#define MAX_CLIENTS 16
#define BUF_SIZE 1024

struct client {
    int fd;
    struct sockaddr_in addr;
    size_t received;
};

static struct client clients[MAX_CLIENTS];

int make_socket(uint16_t port)
{
    int sock;
    struct sockaddr_in name;

    sock = socket(PF_INET, SOCK_STREAM, 0);
    if (sock < 0) {
        perror("socket");
        exit(EXIT_FAILURE);
    }
    int on = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    memset(&name, 0, sizeof name);
    name.sin_family = AF_INET;
    name.sin_port = htons(port);
    name.sin_addr.s_addr = htonl(INADDR_ANY);
    if (bind(sock, (struct sockaddr *)&name, sizeof(name)) < 0) {
        perror("bind");
        exit(EXIT_FAILURE);
    }
    return sock;
}

static int add_client(int fd, const struct sockaddr_in *addr)
{
    for (int i = 0; i < MAX_CLIENTS; i++) {
        if (clients[i].fd < 0) {
            clients[i].fd = fd;
            clients[i].addr = *addr;
            clients[i].received = 0;
            return i;
        }
    }
    return -1;
}

static void drop_client(int i)
{
    char ip[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &clients[i].addr.sin_addr, ip, sizeof ip);
    printf("%s:%d left after %zu bytes\n", ip, ntohs(clients[i].addr.sin_port), clients[i].received);
    close(clients[i].fd);
    clients[i].fd = -1;
}

int main(int argc, char **argv)
{
    uint16_t port = argc > 1 ? (uint16_t)atoi(argv[1]) : 12345;
    signal(SIGPIPE, SIG_IGN);
    for (int i = 0; i < MAX_CLIENTS; i++) clients[i].fd = -1;
    int listenfd = make_socket(port);
    if (listen(listenfd, 128) < 0) {
        perror("listen");
        return 1;
    }
    for (;;) {
        fd_set rset;
        FD_ZERO(&rset);
        FD_SET(listenfd, &rset);
        int maxfd = listenfd;
        for (int i = 0; i < MAX_CLIENTS; i++) {
            if (clients[i].fd >= 0) {
                FD_SET(clients[i].fd, &rset);
                if (clients[i].fd > maxfd) maxfd = clients[i].fd;
            }
        }
        if (select(maxfd + 1, &rset, NULL, NULL, NULL) < 0) {
            if (errno == EINTR) continue;
            perror("select");
            return 1;
        }
        if (FD_ISSET(listenfd, &rset)) {
            struct sockaddr_in cli;
            socklen_t len = sizeof cli;
            int fd = accept(listenfd, (struct sockaddr *)&cli, &len);
            if (fd >= 0 && add_client(fd, &cli) < 0) close(fd);
        }
        for (int i = 0; i < MAX_CLIENTS; i++) {
            char buf[BUF_SIZE];
            if (clients[i].fd < 0 || !FD_ISSET(clients[i].fd, &rset)) continue;
            ssize_t n = recv(clients[i].fd, buf, sizeof buf, 0);
            if (n <= 0) { drop_client(i); continue; }
            clients[i].received += (size_t)n;
            send(clients[i].fd, buf, (size_t)n, 0);
        }
    }
}
