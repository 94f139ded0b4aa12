/*
 * wrapsock.c - socket calls that end the program with a message when they
 * fail, so the chapters can call them without checking (UNP's style).
 */
#include "common.h"

int Socket(int family, int type, int protocol)
{
	int r;

	if ((r = socket(family, type, protocol)) < 0)
		err_sys("socket error");
	return r;
}

void Bind(int fd, const SA *sa, socklen_t len)
{
	if (bind(fd, sa, len) < 0)
		err_sys("bind error");
}

void Listen(int fd, int backlog)
{
	char *ptr;

	/* The LISTENQ environment variable overrides the backlog. */
	if ((ptr = getenv("LISTENQ")) != NULL)
		backlog = atoi(ptr);
	if (listen(fd, backlog) < 0)
		err_sys("listen error");
}

int Accept(int fd, SA *sa, socklen_t *lenp)
{
	int n;

again:
	if ((n = accept(fd, sa, lenp)) < 0) {
		/* A connection reset before accept returned it, or a signal. */
		if (errno == ECONNABORTED || errno == EINTR)
			goto again;
		err_sys("accept error");
	}
	return n;
}

void Connect(int fd, const SA *sa, socklen_t len)
{
	if (connect(fd, sa, len) < 0)
		err_sys("connect error");
}

ssize_t Send(int fd, const void *buf, size_t len, int flags)
{
	ssize_t r;

	if ((r = send(fd, buf, len, flags)) < 0)
		err_sys("send error");
	return r;
}

ssize_t Recv(int fd, void *buf, size_t len, int flags)
{
	ssize_t r;

	if ((r = recv(fd, buf, len, flags)) < 0)
		err_sys("recv error");
	return r;
}

ssize_t Sendto(int fd, const void *buf, size_t len, int flags, const SA *to, socklen_t tolen)
{
	ssize_t r;

	if ((r = sendto(fd, buf, len, flags, to, tolen)) < 0)
		err_sys("sendto error");
	return r;
}

ssize_t Recvfrom(int fd, void *buf, size_t len, int flags, SA *from, socklen_t *fromlen)
{
	ssize_t r;

	if ((r = recvfrom(fd, buf, len, flags, from, fromlen)) < 0)
		err_sys("recvfrom error");
	return r;
}

void Setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
	if (setsockopt(fd, level, name, val, len) < 0)
		err_sys("setsockopt error");
}

void Getsockopt(int fd, int level, int name, void *val, socklen_t *lenp)
{
	if (getsockopt(fd, level, name, val, lenp) < 0)
		err_sys("getsockopt error");
}

void Getsockname(int fd, SA *sa, socklen_t *lenp)
{
	if (getsockname(fd, sa, lenp) < 0)
		err_sys("getsockname error");
}

void Getpeername(int fd, SA *sa, socklen_t *lenp)
{
	if (getpeername(fd, sa, lenp) < 0)
		err_sys("getpeername error");
}

void Shutdown(int fd, int how)
{
	if (shutdown(fd, how) < 0)
		err_sys("shutdown error");
}

int Select(int nfds, fd_set *rset, fd_set *wset, fd_set *eset, struct timeval *timeout)
{
	int r;

	if ((r = select(nfds, rset, wset, eset, timeout)) < 0)
		err_sys("select error");
	return r;
}

int Poll(struct pollfd *fds, nfds_t nfds, int timeout)
{
	int r;

	if ((r = poll(fds, nfds, timeout)) < 0)
		err_sys("poll error");
	return r;
}

void Inet_pton(int family, const char *src, void *dst)
{
	int n;

	if ((n = inet_pton(family, src, dst)) < 0)
		err_sys("inet_pton error for %s", src);
	else if (n == 0)
		err_quit("inet_pton error for %s", src);
}

const char *Inet_ntop(int family, const void *src, char *dst, socklen_t size)
{
	const char *p;

	if (src == NULL)
		err_quit("NULL 3rd argument to inet_ntop");
	if ((p = inet_ntop(family, src, dst, size)) == NULL)
		err_sys("inet_ntop error");
	return p;
}
