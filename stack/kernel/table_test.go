package kernel_test

import (
	"testing"

	"netplay/stack/kernel"
	"netplay/stack/linux/errno"
	"netplay/stack/sock"
	"netplay/stack/trace"
	"netplay/stack/vnet"
)

// runGo runs one Go program on a host of its own and returns the trace.
func runGo(t *testing.T, prog func(t *testing.T, k *kernel.Task)) []trace.Event {
	t.Helper()
	w := vnet.New(vnet.Options{Seed: 1})
	if _, err := w.AddHost("a", false); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Start("a", func(p *vnet.Thread) int { prog(t, kernel.New(p)); return 0 }, 0, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Run(); err != nil {
		t.Fatal(err)
	}
	return w.Trace().Events()
}

func want[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

// Descriptors point at open file descriptions: dup shares the status
// flags and keeps the file open until its last descriptor closes; fd
// flags (FD_CLOEXEC) are the descriptor's own; F_GETFL gives what Linux
// gives; descriptors stop at RLIMIT_NOFILE (EMFILE).
func TestDescriptors(t *testing.T) {
	runGo(t, func(t *testing.T, k *kernel.Task) {
		fl, _ := k.Fcntl(0, kernel.F_GETFL, 0)
		want(t, "F_GETFL(stdin)", fl, kernel.O_RDWR)
		s, _ := k.Socket(sock.AF_INET, sock.SOCK_STREAM|sock.SOCK_CLOEXEC, 0)
		fl, _ = k.Fcntl(s, kernel.F_GETFL, 0)
		want(t, "F_GETFL(socket)", fl, kernel.O_RDWR)
		fd, _ := k.Fcntl(s, kernel.F_GETFD, 0)
		want(t, "F_GETFD(socket)", fd, kernel.FD_CLOEXEC)
		d, err := k.Dup(s)
		want(t, "dup", d, 4)
		want(t, "dup errno", err, 0)
		fd, _ = k.Fcntl(d, kernel.F_GETFD, 0)
		want(t, "F_GETFD(dup)", fd, 0)
		k.Fcntl(d, kernel.F_SETFL, kernel.O_NONBLOCK)
		fl, _ = k.Fcntl(s, kernel.F_GETFL, 0)
		want(t, "F_GETFL after F_SETFL on the dup", fl, kernel.O_RDWR|kernel.O_NONBLOCK)
		want(t, "close", k.Close(s), 0)
		_, _, err = k.Accept(d, 0)
		want(t, "accept on the dup of a closed fd", err, errno.EINVAL) // still a socket, not listening
		n, _ := k.Dup3(d, 9, -1)
		want(t, "dup2", n, 9)
		_, err = k.Dup3(d, d, 0)
		want(t, "dup3 to itself", err, errno.EINVAL)
		n, _ = k.Dup3(d, d, -1)
		want(t, "dup2 to itself", n, d)
		n, _ = k.Fcntl(d, kernel.F_DUPFD, 5)
		want(t, "F_DUPFD 5", n, 5)
		_, err = k.Read(42, make([]byte, 1))
		want(t, "read(42)", err, errno.EBADF)
		_, err = k.Dup3(d, kernel.MaxFDs, -1)
		want(t, "dup2 past the limit", err, errno.EBADF)
		var last int
		for i := 0; ; i++ {
			fd, err := k.Dup(0)
			if err != 0 {
				want(t, "dup past the limit", err, errno.EMFILE)
				break
			}
			last = fd
		}
		want(t, "last descriptor", last, kernel.MaxFDs-1)
		_, err = k.Socket(sock.AF_INET, sock.SOCK_DGRAM, 0)
		want(t, "socket with no descriptor left", err, errno.EMFILE)
	})
}
