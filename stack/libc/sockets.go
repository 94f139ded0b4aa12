package libc

// Sockets is the socket layer as the C library calls it: stack/sock's
// per-process fd table, through an adapter that turns its Errno results into
// plain ints (0 for success). Addresses are raw Linux sockaddr bytes.
type Sockets interface {
	Read(fd int, b []byte) (int, int)
	Write(fd int, b []byte) (int, int)
	Close(fd int) int
}
