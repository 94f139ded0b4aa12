//go:build linux

package linuxref

import (
	"context"
	"strings"
	"testing"
	"time"

	"netplay/stack/c"
	"netplay/stack/runner"
	"netplay/stack/scenario"
)

// An echo client that reads the lines a learner types and the server it
// talks to; the input is typed at the same moments on both sides.
const stdinEchoServer = `#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <netinet/in.h>
int main(void) {
	int l = socket(AF_INET, SOCK_STREAM, 0);
	int one = 1;
	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	struct sockaddr_in a;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_port = htons(7000);
	if (bind(l, (struct sockaddr *)&a, sizeof a) < 0) { perror("bind"); return 1; }
	listen(l, 5);
	int c = accept(l, NULL, NULL);
	char buf[256];
	int n;
	while ((n = read(c, buf, sizeof buf)) > 0) {
		for (int i = 0; i < n; i++)
			if (buf[i] >= 'a' && buf[i] <= 'z') buf[i] -= 32;
		write(c, buf, n);
	}
	printf("client gone\n");
	close(c);
	close(l);
	return 0;
}
`

const stdinEchoClient = `#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/select.h>
#include <netinet/in.h>
#include <arpa/inet.h>
int main(void) {
	int s = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_port = htons(7000);
	inet_pton(AF_INET, "10.0.0.2", &a.sin_addr);
	if (connect(s, (struct sockaddr *)&a, sizeof a) < 0) { perror("connect"); return 1; }
	char line[256];
	int typing = 1;
	for (;;) {
		fd_set r;
		FD_ZERO(&r);
		if (typing)
			FD_SET(0, &r);
		FD_SET(s, &r);
		if (select(s + 1, &r, NULL, NULL, NULL) < 0) { perror("select"); return 1; }
		if (FD_ISSET(s, &r)) {
			int n = read(s, line, sizeof line - 1);
			if (n <= 0) break;
			line[n] = 0;
			printf("echo: %s", line);
		}
		if (FD_ISSET(0, &r)) {
			if (!fgets(line, sizeof line, stdin)) {
				typing = 0; /* the end of input: no more to send */
				shutdown(s, SHUT_WR);
				continue;
			}
			send(s, line, strlen(line), 0);
		}
	}
	printf("bye\n");
	close(s);
	return 0;
}
`

// TestStdinOnLinux: the stdin-driven client behaves on the kernel as in
// netplay, with its input piped in at the scenario's times: the same
// socket calls, output and exit statuses.
func TestStdinOnLinux(t *testing.T) {
	needRoot(t)
	t.Parallel()
	at := func(d time.Duration) scenario.Duration { return scenario.Duration(d) }
	sc := &scenario.Scenario{
		Version: 1, Seed: 1, Limit: scenario.Duration(20 * time.Second),
		Hosts: []scenario.Host{
			{Name: "server", Addrs: []string{"10.0.0.2/24"}, Program: stdinEchoServer},
			{Name: "client", Addrs: []string{"10.0.0.1/24"}, Program: stdinEchoClient, Start: at(100 * time.Millisecond),
				Stdin: []scenario.Input{{At: at(time.Second), Text: "hello\n"}, {At: at(2 * time.Second), Text: "world\n"},
					{At: at(3 * time.Second), EOF: true}}},
		},
		Links: []scenario.Link{{Hosts: []string{"client", "server"}, Delay: scenario.Duration(time.Millisecond)}},
	}
	res, err := runner.Run(sc, runner.Options{Compile: c.CompileProgram})
	if err != nil {
		t.Fatal(err)
	}
	np := FromTrace(res.Events)
	if got := np.Hosts["client"].Stdout; got != "echo: HELLO\necho: WORLD\nbye\n" {
		t.Fatalf("netplay's client printed %q", got)
	}
	lx, err := Run(context.Background(), sc, Options{Limit: 8 * time.Second, Tail: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	// The one difference allowed: netstack acknowledges data and a FIN at
	// once, where Linux delays the ACK and it rides on the echo or the
	// FIN that follows (README, "Where netstack differs from Linux").
	for _, d := range Compare(np, lx.Side).Diffs {
		if !onlyPureACKs(d.Text) {
			t.Errorf("differs from Linux:\n%s", d.Text)
		}
	}
}

// onlyPureACKs reports whether a difference of a connection's frames is
// only in pure ACKs.
func onlyPureACKs(diff string) bool {
	var np, lx string
	for _, l := range strings.Split(diff, "\n") {
		l = strings.TrimSpace(l)
		if v, ok := strings.CutPrefix(l, "netplay:"); ok {
			np = strings.TrimSpace(v)
		}
		if v, ok := strings.CutPrefix(l, "Linux:"); ok {
			lx = strings.TrimSpace(v)
		}
	}
	if !strings.HasPrefix(diff, "link ") || np == "" {
		return false
	}
	drop := func(s string) string {
		var kept []string
		for _, f := range strings.Split(s, ", ") {
			if f != "." {
				kept = append(kept, f)
			}
		}
		return strings.Join(kept, ", ")
	}
	return drop(np) == drop(lx)
}

// A course's local program: commands typed at the terminal go to a worker
// end of a socketpair and back, the answers to a log file, which is read
// back at the end of input.
const localWorker = `#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <unistd.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
int main(void) {
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0) { perror("socketpair"); return 1; }
	FILE *log = fopen("worker.log", "w");
	if (!log) { perror("fopen"); return 1; }
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, stdin)) > 0) {
		write(sv[0], line, n);                 /* to the worker */
		char buf[256];
		int got = read(sv[1], buf, sizeof buf);  /* the worker's side */
		for (int i = 0; i < got; i++) buf[i] = toupper((unsigned char)buf[i]);
		write(sv[1], buf, got);
		got = read(sv[0], buf, sizeof buf);
		fprintf(log, "%.*s", got, buf);
		printf("worker said %.*s", got, buf);
	}
	fclose(log);
	struct stat st;
	stat("worker.log", &st);
	printf("log has %ld bytes\n", (long)st.st_size);
	log = fopen("worker.log", "r");
	char buf[256];
	while (fgets(buf, sizeof buf, log))
		printf("log: %s", buf);
	fclose(log);
	unlink("worker.log");
	free(line);
	return 0;
}
`

// TestLocalProgramOnLinux runs localWorker with scripted input on the
// kernel and in netplay: the same output and status.
func TestLocalProgramOnLinux(t *testing.T) {
	needRoot(t)
	t.Parallel()
	at := func(d time.Duration) scenario.Duration { return scenario.Duration(d) }
	sc := &scenario.Scenario{
		Version: 1, Seed: 1, Limit: scenario.Duration(10 * time.Second),
		Hosts: []scenario.Host{{Name: "a", Addrs: []string{"10.0.0.1/24"}, Program: localWorker, Stdin: []scenario.Input{
			{At: at(500 * time.Millisecond), Text: "ping\n"}, {At: at(time.Second), Text: "hello world\n"},
			{At: at(1500 * time.Millisecond), EOF: true}}},
			{Name: "b", Addrs: []string{"10.0.0.2/24"}}}, // the Linux run captures a link
		Links: []scenario.Link{{Hosts: []string{"a", "b"}}},
	}
	res, err := runner.Run(sc, runner.Options{Compile: c.CompileProgram})
	if err != nil {
		t.Fatal(err)
	}
	np := FromTrace(res.Events)
	want := "worker said PING\nworker said HELLO WORLD\nlog has 17 bytes\nlog: PING\nlog: HELLO WORLD\n"
	if got := np.Hosts["a"].Stdout; got != want {
		t.Fatalf("netplay printed %q, want %q", got, want)
	}
	lx, err := Run(context.Background(), sc, Options{Limit: 5 * time.Second, Tail: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if rep := Compare(np, lx.Side); !rep.Same {
		t.Errorf("differs from Linux:\n%s", rep.Text())
	}
}
