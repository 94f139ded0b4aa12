package page

import (
	"strings"
	"testing"

	"netplay/app/diagram"
	"netplay/app/gallery"
	"netplay/stack/c"
	"netplay/stack/runner"
	"netplay/stack/scenario"
)

// realRun runs a gallery scenario natively with the real runner and C
// front end (what the page does in the browser).
func realRun(t *testing.T, id string, edit func(*scenario.Scenario)) *runner.Result {
	t.Helper()
	sc, err := gallery.Load(id)
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(sc)
	}
	res, err := runner.Run(sc, runner.Options{Compile: c.CompileProgram})
	if err != nil {
		t.Fatalf("run %s: %v", id, err)
	}
	return res
}

func TestRealHandshake(t *testing.T) {
	res := realRun(t, "handshake", nil)
	sc, _ := gallery.Load("handshake")
	p := New(Config{})
	p.OnInit()
	p.events = res.Events
	l := diagram.Compute(res.Events, p.diagramOptions())
	var labels []string
	for _, a := range l.Arrows {
		labels = append(labels, a.Label)
	}
	if len(labels) < 3 || strings.Join(labels[:3], "|") != "SYN seq=0|SYN,ACK seq=0 ack=1|ACK ack=1" {
		t.Errorf("arrows = %q", labels)
	}
	if len(l.Lanes) != len(sc.Hosts) {
		t.Errorf("lanes = %+v", l.Lanes)
	}

	// The sockets view of the server, at the end and when accept returned.
	if rows := Sockets(res.Events, "server", -1); len(rows) != 0 {
		t.Errorf("server sockets at the end = %+v, want none (all closed)", rows)
	}
	acceptAt := -1
	for i, e := range res.Events {
		if e.Host == "server" && e.Call == "accept" {
			acceptAt = i
		}
	}
	rows := Sockets(res.Events, "server", acceptAt)
	if len(rows) != 2 || rows[0].FD != 3 || rows[0].State != "LISTEN" || !rows[0].Queues || rows[0].Backlog != 5 ||
		rows[1].FD != 4 || rows[1].Peer == "*:*" {
		t.Errorf("server sockets after accept = %+v", rows)
	}
	client := Sockets(res.Events, "client", -1)
	if len(client) != 1 || client[0].State != "TIME_WAIT" || !client[0].Closed {
		t.Errorf("client sockets at the end = %+v, want the closed socket in TIME_WAIT", client)
	}
}
