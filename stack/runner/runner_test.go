package runner

import (
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"testing"
	"time"

	"netplay/stack/kernel"
	"netplay/stack/linux/signal"
	"netplay/stack/scenario"
	"netplay/stack/sock"
	"netplay/stack/trace"
	"netplay/stack/vnet"
)

const routedJSON = `{
  "version": 1, "title": "through a router", "seed": 7, "limit": "20s",
  "hosts": [
    {"name": "client", "addrs": ["10.0.0.1/24"], "start": "1ms", "args": ["10.0.1.2", "80"],
     "program": "/* the test runs a Go program in its place */"},
    {"name": "router", "addrs": ["10.0.0.254/24", "10.0.1.254/24"], "forward": true},
    {"name": "server", "addrs": ["10.0.1.2/24"]}
  ],
  "links": [{"hosts": ["client", "router"], "delay": "1ms"}, {"hosts": ["router", "server"], "delay": "2ms"}],
  "routes": [{"host": "client", "to": "0.0.0.0/0", "via": "10.0.0.254"},
             {"host": "server", "to": "0.0.0.0/0", "via": "10.0.1.254"}],
  "faults": [{"drop": {"nth": 3}}]
}`

func listenOnce(p *vnet.Thread) int {
	fds := kernel.New(p)
	fd, _ := fds.Socket(sock.AF_INET, sock.SOCK_STREAM, 0)
	fds.Bind(fd, sock.SockaddrInet4(netip.IPv4Unspecified(), 80))
	fds.Listen(fd, 5)
	c, _, _ := fds.Accept(fd, 0)
	fds.Close(c)
	return 0
}

func connectArgs(p *vnet.Thread) int {
	fds := kernel.New(p)
	a := p.Args()
	var port uint16
	fmt.Sscan(a[1], &port)
	fd, _ := fds.Socket(sock.AF_INET, sock.SOCK_STREAM, 0)
	if err := fds.Connect(fd, sock.SockaddrInet4(netip.MustParseAddr(a[0]), port)); err != 0 {
		return 1
	}
	return 0
}

func TestRunBuildsTheScenarioWorld(t *testing.T) {
	sc, err := scenario.Parse([]byte(routedJSON))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(sc, Options{Programs: map[string]vnet.Program{"server": listenOnce, "client": connectArgs}})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	trace.WriteText(&b, res.Events, trace.TextOptions{})
	text := b.String()
	// Frame 3 is the client's first SYN (after the ARP exchange): dropped,
	// then retransmitted a second later and forwarded by the router.
	var syns []string
	var exit trace.Event
	for _, e := range res.Events {
		if e.Kind == trace.KindSegment && e.Flags == "S" {
			syns = append(syns, fmt.Sprintf("%s#%d dropped=%v", e.Host, e.Frame, e.Dropped))
		}
		if e.Kind == trace.KindExit && e.Host == "client" {
			exit = e
		}
	}
	if len(syns) < 3 || syns[0] != "client#3 dropped=true" || !strings.HasPrefix(syns[1], "client#") || !strings.HasPrefix(syns[2], "router#") {
		t.Fatalf("SYNs %v\n%s", syns, text)
	}
	if exit.Status != 0 {
		t.Fatalf("client exit %d\n%s", exit.Status, text)
	}
	if res.End != "all programs exited" {
		t.Errorf("end = %q", res.End)
	}
	if !strings.Contains(text, "[dropped: drop nth=3]") {
		t.Errorf("the dropped frame does not name its rule:\n%s", text)
	}
}

func TestRunReportsEveryCompileError(t *testing.T) {
	sc, err := scenario.Parse([]byte(`{"version":1,"hosts":[
	  {"name":"a","addrs":["10.0.0.1/24"],"program":"int main(){"},
	  {"name":"b","addrs":["10.0.0.2/24"],"program":"int main(){ return x; }","file":"bee.c"}],
	  "links":[{"hosts":["a","b"]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	compile := func(main scenario.File, _, _ []scenario.File) (vnet.Program, []string, error) {
		return nil, nil, fmt.Errorf("%s:1:1: cannot compile %d bytes", main.Name, len(main.Text))
	}
	_, err = Run(sc, Options{Compile: compile})
	var ce *CompileError
	if !errors.As(err, &ce) || err.Error() != "a.c:1:1: cannot compile 11 bytes\nbee.c:1:1: cannot compile 23 bytes" {
		t.Fatalf("err = %v", err)
	}
	if _, err := Run(sc, Options{}); !errors.Is(err, ErrNoCompiler) {
		t.Fatalf("without a compiler: %v", err)
	}
}

func TestRunStopsAnEndlessProgram(t *testing.T) {
	sc, err := scenario.Parse([]byte(`{"version":1,"hosts":[{"name":"spin"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	spins := 0
	spin := func(p *vnet.Thread) int {
		for {
			p.Yield()
			if spins++; spins == 100000 {
				close(stop) // the user presses Stop while it spins
			}
		}
	}
	res, err := Run(sc, Options{Programs: map[string]vnet.Program{"spin": spin}, Stop: stop})
	if err != nil {
		t.Fatal(err)
	}
	last := res.Events[len(res.Events)-1]
	if res.End != "stopped" || last.Kind != trace.KindExit || last.Reason != "stopped" || last.Status != signal.SIGINT.ExitStatus() {
		t.Fatalf("end %q, last event %+v", res.End, last)
	}
	_ = time.Second
}
