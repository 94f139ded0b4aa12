package kernel

// Linux values of the constants the kernel's calls take, as <fcntl.h>,
// <unistd.h> and <sys/socket.h> define them on x86-64.
const (
	O_RDONLY    = 0
	O_WRONLY    = 1
	O_RDWR      = 2
	O_ACCMODE   = 3
	O_CREAT     = 0o100
	O_EXCL      = 0o200
	O_NOCTTY    = 0o400
	O_TRUNC     = 0o1000
	O_APPEND    = 0o2000
	O_NONBLOCK  = 0o4000
	O_DSYNC     = 0o10000
	O_ASYNC     = 0o20000
	O_DIRECT    = 0o40000
	O_LARGEFILE = 0o100000
	O_DIRECTORY = 0o200000
	O_NOFOLLOW  = 0o400000
	O_NOATIME   = 0o1000000
	O_CLOEXEC   = 0o2000000
	O_SYNC      = 0o4010000
	O_PATH      = 0o10000000
	O_TMPFILE   = 0o20200000

	F_DUPFD         = 0
	F_GETFD         = 1
	F_SETFD         = 2
	F_GETFL         = 3
	F_SETFL         = 4
	F_DUPFD_CLOEXEC = 1030
	FD_CLOEXEC      = 1

	SEEK_SET = 0
	SEEK_CUR = 1
	SEEK_END = 2

	R_OK = 4
	W_OK = 2
	X_OK = 1
	F_OK = 0

	AT_FDCWD     = -100
	AT_REMOVEDIR = 0x200

	AF_UNIX  = 1
	AF_LOCAL = AF_UNIX

	// SOCK_SEQPACKET is a local socket type netplay does not have.
	SOCK_SEQPACKET = 5

	// MaxFDs is RLIMIT_NOFILE's soft limit as Linux sets it: descriptors
	// are numbered below it, and open, socket … fail with EMFILE beyond
	// (SetFileLimit changes it).
	MaxFDs = 1024
	// NrOpen is fs.nr_open: no RLIMIT_NOFILE may be set above it.
	NrOpen = 1 << 20

	// SizeofSockaddrUn is sizeof(struct sockaddr_un): the family and 108
	// bytes of sun_path.
	SizeofSockaddrUn = 110
)
