/* Serve one client: print what it sends until it closes. With the argument
   "reuse", set SO_REUSEADDR before bind, as a server that may be restarted
   at once should. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

int main(int argc, char **argv)
{
    int listenfd, connfd, on = 1;
    struct sockaddr_in name;
    char buf[64];
    ssize_t n;

    listenfd = socket(AF_INET, SOCK_STREAM, 0);
    if (listenfd < 0) {
        perror("socket");
        return 1;
    }
    if (argc > 1 && strcmp(argv[1], "reuse") == 0 &&
        setsockopt(listenfd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) < 0) {
        perror("setsockopt");
        return 1;
    }
    memset(&name, 0, sizeof(name));
    name.sin_family = AF_INET;
    name.sin_port = htons(12345);
    name.sin_addr.s_addr = htonl(INADDR_ANY);
    if (bind(listenfd, (struct sockaddr *) &name, sizeof(name)) < 0) {
        perror("bind");
        return 1;
    }
    if (listen(listenfd, 5) < 0) {
        perror("listen");
        return 1;
    }
    printf("listening\n");
    fflush(stdout);
    connfd = accept(listenfd, NULL, NULL);
    if (connfd < 0) {
        perror("accept");
        return 1;
    }
    while ((n = read(connfd, buf, sizeof(buf) - 1)) > 0) {
        buf[n] = '\0';
        printf("got %s\n", buf);
        fflush(stdout);
    }
    if (n < 0)
        perror("read");
    else
        printf("the client closed\n");
    close(connfd);
    close(listenfd);
    return 0;
}
