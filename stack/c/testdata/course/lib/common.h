/*
 * common.h - the course's own header: every chapter program starts with
 *
 *     #include "lib/common.h"
 *
 * and links the helpers of the .c files in lib/. It pulls in the system headers a
 * socket program needs and declares the library.
 */
#ifndef COURSE_COMMON_H
#define COURSE_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>
#include <errno.h>
#include <unistd.h>
#include <fcntl.h>
#include <signal.h>
#include <time.h>
#include <sys/types.h>
#include <sys/time.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <sys/un.h>
#include <sys/ioctl.h>
#include <sys/epoll.h>
#include <pthread.h>
#include <poll.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <netdb.h>

#define MAXLINE   4096   /* the longest text line */
#define BUFFSIZE  8192   /* buffer size for reads and writes */
#define LISTENQ   16     /* the backlog listen() gets */
#define SERV_PORT 9877   /* the chapters' default port */
#define MAXFRAME  65536  /* the largest framed message */

typedef struct sockaddr SA;

#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* error.c: print a message and return or exit, as Stevens' error.c does */
void err_ret(const char *fmt, ...);
void err_sys(const char *fmt, ...);
void err_dump(const char *fmt, ...);
void err_msg(const char *fmt, ...);
void err_quit(const char *fmt, ...);

/* log.c */
extern int verbose;
void log_set_level(int level);
void logmsg(int level, const char *fmt, ...);

/* wrapsock.c: socket calls that end the program when they fail */
int Socket(int family, int type, int protocol);
void Bind(int fd, const SA *sa, socklen_t len);
void Listen(int fd, int backlog);
int Accept(int fd, SA *sa, socklen_t *lenp);
void Connect(int fd, const SA *sa, socklen_t len);
ssize_t Send(int fd, const void *buf, size_t len, int flags);
ssize_t Recv(int fd, void *buf, size_t len, int flags);
ssize_t Sendto(int fd, const void *buf, size_t len, int flags, const SA *to, socklen_t tolen);
ssize_t Recvfrom(int fd, void *buf, size_t len, int flags, SA *from, socklen_t *fromlen);
void Setsockopt(int fd, int level, int name, const void *val, socklen_t len);
void Getsockopt(int fd, int level, int name, void *val, socklen_t *lenp);
void Getsockname(int fd, SA *sa, socklen_t *lenp);
void Getpeername(int fd, SA *sa, socklen_t *lenp);
void Shutdown(int fd, int how);
int Select(int nfds, fd_set *rset, fd_set *wset, fd_set *eset, struct timeval *timeout);
int Poll(struct pollfd *fds, nfds_t nfds, int timeout);
void Inet_pton(int family, const char *src, void *dst);
const char *Inet_ntop(int family, const void *src, char *dst, socklen_t size);

/* wrapunix.c */
void Close(int fd);
ssize_t Read(int fd, void *buf, size_t n);
void Write(int fd, const void *buf, size_t n);
void *Malloc(size_t n);
void *Calloc(size_t n, size_t size);
void *Realloc(void *p, size_t n);
char *Strdup(const char *s);
int Fcntl(int fd, int cmd, int arg);
void Pipe(int fds[2]);
void Dup2(int from, int to);
void Gettimeofday(struct timeval *tv);
void Sleep_ms(long ms);

/* wrapstdio.c */
FILE *Fopen(const char *path, const char *mode);
void Fclose(FILE *f);
char *Fgets(char *buf, int n, FILE *f);
void Fputs(const char *s, FILE *f);

/* readn.c, writen.c, readline.c */
ssize_t readn(int fd, void *buf, size_t n);
ssize_t Readn(int fd, void *buf, size_t n);
ssize_t writen(int fd, const void *buf, size_t n);
void Writen(int fd, const void *buf, size_t n);
ssize_t readline(int fd, void *buf, size_t maxlen);
ssize_t Readline(int fd, void *buf, size_t maxlen);
ssize_t readline_pending(void);

/* sock_ntop.c */
char *sock_ntop(const SA *sa, socklen_t len);
char *sock_ntop_host(const SA *sa, socklen_t len);
int sock_get_port(const SA *sa, socklen_t len);
void sock_set_port(SA *sa, socklen_t len, int port);
int sock_cmp_addr(const SA *a, const SA *b, socklen_t len);

/* tcp.c */
int tcp_server_listen(const char *host, int port, int backlog);
int tcp_client(const char *host, int port);

/* udp.c */
int udp_server(const char *host, int port);
int udp_client(const char *host, int port, struct sockaddr_storage *to, socklen_t *tolen);

/* frame.c: messages with a 4-byte length in front, network order */
int send_frame(int fd, const void *buf, uint32_t len);
ssize_t recv_frame(int fd, void *buf, size_t cap);

/* buffer.c: a growable byte buffer */
struct buffer {
	char *data;
	size_t len, cap;
};
void buffer_init(struct buffer *b);
void buffer_reserve(struct buffer *b, size_t extra);
void buffer_append(struct buffer *b, const void *p, size_t n);
void buffer_append_str(struct buffer *b, const char *s);
int buffer_printf(struct buffer *b, const char *fmt, ...);
void buffer_consume(struct buffer *b, size_t n);
ssize_t buffer_find(const struct buffer *b, int c);
void buffer_free(struct buffer *b);

/* ring.c: a fixed ring of bytes */
struct ring {
	unsigned char *data;
	size_t cap, head, len;
};
int ring_init(struct ring *r, size_t cap);
size_t ring_put(struct ring *r, const void *p, size_t n);
size_t ring_get(struct ring *r, void *p, size_t n);
size_t ring_peek(const struct ring *r, void *p, size_t n);
void ring_free(struct ring *r);

/* strutil.c */
char *str_trim(char *s);
char *str_upper(char *s);
char *str_lower(char *s);
int str_split(char *s, char sep, char **parts, int max);
int str_starts_with(const char *s, const char *prefix);
int str_to_int(const char *s, int *out);
size_t str_chomp(char *s);

/* hexdump.c */
void hexdump(FILE *out, const void *p, size_t n);

/* timeutil.c */
long now_ms(void);
long long now_us(void);
long elapsed_ms(const struct timeval *since);
const char *format_duration(long ms, char *buf, size_t size);

/* stats.c */
struct stats {
	const char *name;
	long count;
	long bytes;
	long min, max;
};
void stats_init(struct stats *s, const char *name);
void stats_add(struct stats *s, long n);
void stats_print(const struct stats *s, FILE *out);

/* options.c: -x value options without getopt */
struct option_spec {
	char flag;
	const char *what;
	const char *value;
};
int options_parse(int argc, char **argv, struct option_spec *specs, int nspecs);
const char *option_value(const struct option_spec *specs, int nspecs, char flag, const char *def);

/* nonblock.c */
int set_nonblock(int fd);
int clear_nonblock(int fd);
int connect_timeout(int fd, const SA *sa, socklen_t len, int ms);

/* kv.c: "key: value" lines, as HTTP headers */
struct kv {
	char key[64];
	char value[256];
};
int kv_parse_line(const char *line, struct kv *out);
const char *kv_get(const struct kv *kvs, int n, const char *key);

/* An inline helper: compiled where used, and only there. */
static inline int is_would_block(int err)
{
	return err == EAGAIN || err == EWOULDBLOCK;
}

/* echo.c: the echo chapters' halves, UNP's str_echo and str_cli */
void str_echo(int fd, struct stats *st);
void str_cli_lines(int fd, char **lines, int n, FILE *out);

/* signals.c */
typedef void sigfunc(int);
sigfunc *Signal(int signo, sigfunc *func);
void ignore_sigpipe(void);

/* unix.c: local (AF_UNIX) sockets bound to paths */
int unix_listen(const char *path, int type, int backlog);
int unix_connect(const char *path, int type);

/* addr.c: "host:port" and getaddrinfo */
int parse_host_port(const char *s, char *host, size_t hostlen, int *port);
int resolve_tcp(const char *host, const char *service, struct sockaddr_storage *ss, socklen_t *len);

/* pollset.c: a growing array of pollfd */
struct pollset {
	struct pollfd *fds;
	int n, cap;
};
void pollset_init(struct pollset *ps);
int pollset_add(struct pollset *ps, int fd, short events);
void pollset_remove(struct pollset *ps, int fd);
int pollset_find(const struct pollset *ps, int fd);
void pollset_free(struct pollset *ps);

/* loop.c: a select() event loop with a callback per descriptor */
typedef void loop_fn(int fd, void *arg);
struct loop;
struct loop *loop_new(void);
int loop_watch(struct loop *l, int fd, loop_fn *on_readable, void *arg);
void loop_unwatch(struct loop *l, int fd);
int loop_run_once(struct loop *l, int timeout_ms);
int loop_count(const struct loop *l);
void loop_free(struct loop *l);

/* http.c: just enough HTTP/1.0 for the event-loop chapter */
struct http_request {
	char method[16];
	char path[256];
	char version[16];
	struct kv headers[32];
	int nheaders;
};
int http_parse_request_line(const char *line, struct http_request *req);
int http_read_request(int fd, struct http_request *req);
int http_respond(int fd, int status, const char *type, const char *body);
const char *http_status_text(int status);

/* store.c: the key-value server chapter's table and its line protocol */
struct store;
struct store *store_new(int buckets);
int store_set(struct store *s, const char *key, const char *value);
const char *store_get(const struct store *s, const char *key);
int store_del(struct store *s, const char *key);
int store_len(const struct store *s);
void store_free(struct store *s);
int store_command(struct store *s, char *line, struct buffer *reply);

#endif
