package kernel_test

import "testing"

// epoll behaves as Linux's: errno of every misuse, level- and
// edge-triggered reports, one-shot items re-armed, the ready list's order
// and round robin, nested epoll, on local sockets, pipes and loopback
// sockets.
func TestEpollAsLinux(t *testing.T) {
	sameAsLinux(t, "epoll", readTestdata(t, "epoll.c"), "")
}

// poll and select answer as Linux's on every kind of descriptor: files,
// directories and devices always ready, pipes, local stream, datagram and
// listening sockets, TCP and UDP sockets on the loopback, POLLRDHUP,
// POLLNVAL and select's EBADF.
func TestPollEveryKindAsLinux(t *testing.T) {
	sameAsLinux(t, "pollall", readTestdata(t, "pollall.c"), "")
}

// epoll, poll and select with threads: each thread blocks alone in its
// call; of two threads in epoll_wait on one instance, an event wakes the
// later one, as Linux's exclusive waiters.
func TestEpollThreadsAsLinux(t *testing.T) {
	sameAsLinux(t, "epoll_threads", readTestdata(t, "epoll_threads.c"), "")
}
