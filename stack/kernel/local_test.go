package kernel_test

import (
	"os"
	"strings"
	"testing"

	"netplay/stack/runner"
	"netplay/stack/trace"
)

func readTestdata(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Local sockets behave as Linux's: errno of every misuse, names and their
// lengths, backlog, stream and datagram semantics.
func TestUnixSocketsAsLinux(t *testing.T) {
	sameAsLinux(t, "unix", readTestdata(t, "unix.c"), "")
}

// Pipes behave as Linux's, and what goes through one is a local message
// in the trace, from the write end to the read end, marked read.
func TestPipesAsLinux(t *testing.T) {
	sameAsLinux(t, "pipe", readTestdata(t, "pipe.c"), "")
	res, tr := newWorld(t).host("a", "", `#include <unistd.h>
int main(void) {
	int p[2];
	char b[8];
	pipe(p);
	write(p[1], "hello", 5);
	write(p[1], "!", 1);
	read(p[0], b, 3);
	read(p[0], b, 3);
	write(p[1], "x", 1);
	return 0;
}
`).run(runner.Options{})
	got := strings.Join(localEvents(res.Events), " | ")
	if got != "fd 4 > fd 3: pipe, length 5 | fd 4 > fd 3: pipe, length 1 | fd 4 > fd 3: pipe, length 1" {
		t.Errorf("local events %q\n%s", got, tr)
	}
	var read []int64
	for _, e := range res.Events {
		if e.Kind == trace.KindLocal {
			read = append(read, e.Arrive)
		}
	}
	if len(read) != 3 || read[0] != 0 || read[1] != 0 || read[2] != -1 {
		t.Errorf("read at %v, want 0, 0 and not read", read)
	}
}

// Files, directories and stdio on files behave as Linux's.
func TestFilesAsLinux(t *testing.T) {
	sameAsLinux(t, "files", readTestdata(t, "files.c"), "")
}

// Symbolic links behave as Linux's: readlink's return without a NUL,
// lstat against stat, dangling links, O_CREAT through a link, O_EXCL and
// O_NOFOLLOW, ELOOP for loops and past 40 links, links to directories,
// relative and absolute targets; hard links. The trace shows symlink,
// readlink and link as strace does.
func TestSymlinksAsLinux(t *testing.T) {
	tr := sameAsLinux(t, "symlink", readTestdata(t, "symlink.c"), "")
	contains(t, tr, tr, `a symlink("target.txt", "l1") = 0`, `a readlink("l1", "target.txt", 64) = 10`,
		`a readlink("l1", "tar", 3) = 3`, `a readlink("target.txt", 64) = -1 EINVAL`,
		`a lstat("loop1") = 0`, `a stat("loop1") = -1 ELOOP`, `a link("target.txt", "hard") = 0`, `a link("d", "dh") = -1 EPERM`)
}

// TestVectoredIOAsLinux: readv, writev, sendmsg and recvmsg on local
// sockets, poll's band bits, select's written-back timeout, pselect,
// ppoll and fcntl's flags, against this machine's kernel.
func TestVectoredIOAsLinux(t *testing.T) {
	tr := sameAsLinux(t, "vecio", readTestdata(t, "vecio.c"), "")
	for _, want := range []string{
		"writev(3, [5 bytes, 10 bytes, 8 bytes], 3) = 23",
		"readv(4, [6, 31], 2) = 23",
		"recvmsg(6, [7, 3], 2) = 10",
		"fcntl(3, F_GETFL) = 0x2 (flags O_RDWR)",
		"fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0",
		"pselect6(7, [6], NULL, NULL, 1ms) = 0",
	} {
		if !strings.Contains(tr, want) {
			t.Errorf("the trace lacks %q:\n%s", want, tr)
		}
	}
}

// TestMsgUDPAsLinux: sendmsg and recvmsg over UDP on the loopback.
func TestMsgUDPAsLinux(t *testing.T) {
	sameAsLinux(t, "vecudp", readTestdata(t, "vecudp.c"), "")
}
