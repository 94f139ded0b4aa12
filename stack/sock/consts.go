package sock

// Linux values of the constants the socket API takes, as <sys/socket.h>,
// <netinet/in.h>, <netinet/tcp.h>, <fcntl.h> and <poll.h> define them.
const (
	AF_UNSPEC = 0
	AF_INET   = 2
	AF_INET6  = 10
	PF_INET   = AF_INET
	PF_INET6  = AF_INET6

	SOCK_STREAM   = 1
	SOCK_DGRAM    = 2
	SOCK_RAW      = 3
	SOCK_NONBLOCK = 0o4000
	SOCK_CLOEXEC  = 0o2000000

	IPPROTO_IP   = 0
	IPPROTO_TCP  = 6
	IPPROTO_UDP  = 17
	IPPROTO_IPV6 = 41

	SOL_SOCKET    = 1
	SO_REUSEADDR  = 2
	SO_TYPE       = 3
	SO_ERROR      = 4
	SO_BROADCAST  = 6
	SO_SNDBUF     = 7
	SO_RCVBUF     = 8
	SO_KEEPALIVE  = 9
	SO_LINGER     = 13
	SO_REUSEPORT  = 15
	SO_RCVTIMEO   = 20
	SO_SNDTIMEO   = 21
	SO_ACCEPTCONN = 30

	TCP_NODELAY   = 1
	TCP_MAXSEG    = 2
	TCP_KEEPIDLE  = 4
	TCP_KEEPINTVL = 5
	TCP_KEEPCNT   = 6

	IP_TOS = 1
	IP_TTL = 2

	IPV6_V6ONLY = 26

	F_GETFD    = 1
	F_SETFD    = 2
	F_GETFL    = 3
	F_SETFL    = 4
	FD_CLOEXEC = 1
	O_RDONLY   = 0
	O_WRONLY   = 1
	O_RDWR     = 2
	O_NONBLOCK = 0o4000

	SHUT_RD   = 0
	SHUT_WR   = 1
	SHUT_RDWR = 2

	MSG_PEEK     = 0x2
	MSG_TRUNC    = 0x20
	MSG_DONTWAIT = 0x40
	MSG_WAITALL  = 0x100
	MSG_NOSIGNAL = 0x4000

	POLLIN   = 0x1
	POLLPRI  = 0x2
	POLLOUT  = 0x4
	POLLERR  = 0x8
	POLLHUP  = 0x10
	POLLNVAL = 0x20

	// FD_SETSIZE is the number of descriptors an fd_set holds.
	FD_SETSIZE = 1024

	// SOMAXCONN is Linux's default net.core.somaxconn: listen's backlog
	// is capped there.
	SOMAXCONN = 4096

	// SizeofSockaddrIn and SizeofSockaddrIn6 are the sizes of struct
	// sockaddr_in and struct sockaddr_in6 on Linux.
	SizeofSockaddrIn  = 16
	SizeofSockaddrIn6 = 28
)
