//go:build linux

package linuxref

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"netplay/internal/tier"
	"netplay/stack/scenario"
)

const testServer = `#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <netinet/in.h>
int main(void) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons(12345);
    if (bind(fd, (struct sockaddr *) &a, sizeof a) < 0) { perror("bind"); return 1; }
    listen(fd, 5);
    int c = accept(fd, 0, 0);
    char buf[8];
    read(c, buf, sizeof buf);
    close(c);
    close(fd);
    return 0;
}
`

const testClient = `#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
int main(int argc, char **argv) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons(atoi(argv[2]));
    inet_pton(AF_INET, argv[1], &a.sin_addr);
    if (connect(fd, (struct sockaddr *) &a, sizeof a) < 0) { perror("connect"); return 1; }
    printf("connected\n");
    close(fd);
    return 0;
}
`

// needRoot skips a test of the kernel's side outside the Linux tier, and
// where the tier cannot run (not root, tools missing).
func needRoot(t *testing.T) {
	t.Helper()
	tier.Need(t, tier.Linux)
	needTools(t)
}

func needTools(t *testing.T) {
	t.Helper()
	if err := Tools(); err != nil {
		t.Skipf("Linux reference: %v", err)
	}
}

func pair(faults ...scenario.Fault) *scenario.Scenario {
	return &scenario.Scenario{
		Version: 1, Seed: 1, Limit: scenario.Duration(20 * time.Second),
		Hosts: []scenario.Host{
			{Name: "server", Addrs: []string{"10.0.0.2/24"}, Program: testServer},
			{Name: "client", Addrs: []string{"10.0.0.1/24"}, Program: testClient, Start: scenario.Duration(10 * time.Millisecond), Args: []string{"10.0.0.2", "12345"}},
		},
		Links:  []scenario.Link{{Hosts: []string{"client", "server"}, Delay: scenario.Duration(time.Millisecond)}},
		Faults: faults,
	}
}

func sentBy(s *Side, host string) []string {
	var out []string
	for _, f := range s.Frames {
		if f.Kind != "tcp" || f.Sender != host {
			continue
		}
		x := f.Flags
		if f.Dropped {
			x += "✗"
		}
		out = append(out, x)
	}
	return out
}

// TestCountOnLinux checks the nft translation of a count rule on the real
// kernel: only the first two SYNs the server would receive are dropped.
func TestCountOnLinux(t *testing.T) {
	needRoot(t)
	t.Parallel()
	sc := pair(scenario.Fault{Drop: &scenario.Match{Host: "server", Dir: "in", Flags: "S", Count: 2}})
	res, err := Run(context.Background(), sc, Options{Limit: 15 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(sentBy(res.Side, "client"), " ")
	if !strings.HasPrefix(got, "S✗ S✗ S .") {
		t.Errorf("client sent %s, want S✗ S✗ S . …", got)
	}
	c := res.Side.Hosts["client"]
	if c.Status != 0 || c.Stdout != "connected\n" {
		t.Errorf("client: status %d, output %q, stderr %q", c.Status, c.Stdout, c.Stderr)
	}
}

// TestDirOutOnLinux: a rule on what a host sends, with a port, every match.
// The server's SYN,ACKs are all dropped, so the client times out; the
// limit kills it (status 137) long before.
func TestDirOutOnLinux(t *testing.T) {
	needRoot(t)
	t.Parallel()
	sc := pair(scenario.Fault{Drop: &scenario.Match{Host: "server", Dir: "out", Port: 12345, Proto: "tcp"}})
	res, err := Run(context.Background(), sc, Options{Limit: 4 * time.Second, Tail: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	cl, sv := sentBy(res.Side, "client"), sentBy(res.Side, "server")
	if len(cl) < 2 || cl[0] != "S" || cl[1] != "S" {
		t.Errorf("client sent %v, want SYN retransmissions that pass", cl)
	}
	for _, f := range sv {
		// The kill at the limit may make the server reset what it holds.
		if f != "S.✗" && !strings.HasPrefix(f, "R") {
			t.Errorf("server sent %v, want only dropped SYN,ACKs", sv)
			break
		}
	}
	if c := res.Side.Hosts["client"]; c.Status != 137 {
		t.Errorf("client status %d, want 137 (killed at the limit)", c.Status)
	}
}

func TestRunScratch(t *testing.T) {
	p := os.Getenv("LINUXREF_SCENARIO")
	if p == "" {
		t.Skip("LINUXREF_SCENARIO not set")
	}
	needTools(t) // LINUXREF_SCENARIO is the opt-in
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := scenario.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), sc, Options{Dir: os.Getenv("LINUXREF_DIR"), Log: t.Logf})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Side.Frames {
		t.Logf("%+v", f)
	}
	for h, r := range res.Side.Hosts {
		t.Logf("%s: %+v", h, *r)
	}
	t.Log(res.Notes)
}

// TestRulesetOnKernel loads a ruleset with every construct Ruleset writes
// into nft, on ports of a scratch namespace.
func TestRulesetOnKernel(t *testing.T) {
	needRoot(t)
	t.Parallel()
	sc := &scenario.Scenario{
		Hosts: []scenario.Host{{Name: "a"}, {Name: "b"}, {Name: "c"}},
		Links: []scenario.Link{{Hosts: []string{"a", "b", "c"}}},
		Faults: []scenario.Fault{
			{Drop: &scenario.Match{Host: "b", Dir: "in", Flags: "S", Count: 2}},
			{Drop: &scenario.Match{Host: "a", Dir: "out", Proto: "arp"}},
			{Drop: &scenario.Match{Host: "c", Proto: "icmp"}},
			{Drop: &scenario.Match{Port: 80, Flags: "R.", Proto: "tcp"}},
			{Drop: &scenario.Match{Proto: "udp", Count: 1}},
		},
	}
	ports := []Port{
		{Name: "l0p0", Link: 0, Host: "a", MAC: macOf(0, 0)},
		{Name: "l0p1", Link: 0, Host: "b", MAC: macOf(1, 0)},
		{Name: "l0p2", Link: 0, Host: "c", MAC: macOf(2, 0)},
	}
	rs, err := Ruleset(sc, ports)
	if err != nil {
		t.Fatal(err)
	}
	r := &run{ctx: context.Background()}
	r.prefix = newPrefix()
	r.wire = r.prefix + "-w"
	defer r.cleanup()
	if err := r.addNS(r.wire); err != nil {
		t.Fatal(err)
	}
	for _, p := range ports {
		if _, err := r.cmd("ip", "-n", r.wire, "link", "add", p.Name, "type", "veth", "peer", "name", "x"+p.Name); err != nil {
			t.Fatal(err)
		}
	}
	file := t.TempDir() + "/f.nft"
	if err := os.WriteFile(file, []byte(rs), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := r.inNS(r.wire, "nft", "-f", file); err != nil {
		t.Fatalf("%v\n%s\n%s", err, out, rs)
	}
}
