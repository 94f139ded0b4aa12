/* Connect to ADDRESS port 12345 and send "hello N" COUNT times, EVERY
   milliseconds apart, then wait LINGER ms and close. Each send's result
   is printed, and so is the error that ends it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

int main(int argc, char **argv)
{
    int fd, i, count, every, linger;
    struct sockaddr_in peer;
    char msg[32];

    if (argc < 5) {
        fprintf(stderr, "usage: talk ADDRESS COUNT EVERY_MS LINGER_MS\n");
        return 2;
    }
    count = atoi(argv[2]);
    every = atoi(argv[3]);
    linger = atoi(argv[4]);
    signal(SIGPIPE, SIG_IGN);
    fd = socket(AF_INET, SOCK_STREAM, 0);
    memset(&peer, 0, sizeof(peer));
    peer.sin_family = AF_INET;
    peer.sin_port = htons(12345);
    inet_pton(AF_INET, argv[1], &peer.sin_addr);
    if (connect(fd, (struct sockaddr *) &peer, sizeof(peer)) < 0) {
        perror("connect");
        return 1;
    }
    for (i = 1; i <= count; i++) {
        snprintf(msg, sizeof(msg), "hello %d", i);
        if (write(fd, msg, strlen(msg)) < 0) {
            perror("write");
            return 1;
        }
        printf("sent %s\n", msg);
        fflush(stdout);
        usleep(every * 1000);
    }
    usleep(linger * 1000);
    close(fd);
    printf("closed\n");
    return 0;
}
