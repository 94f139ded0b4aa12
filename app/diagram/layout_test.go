package diagram

import (
	"encoding/xml"
	"io"
	"netplay/stack/trace"
	"strings"
	"testing"
)

func arrowLabels(l *Layout) []string {
	var s []string
	for _, a := range l.Arrows {
		s = append(s, a.Label)
	}
	return s
}

func TestComputeHandshake(t *testing.T) {
	ev := handshakeFixture()
	l := Compute(ev, fixtureOpts)

	if len(l.Lanes) != 2 || l.Lanes[0].Host != "server" || l.Lanes[1].Host != "client" {
		t.Fatalf("lanes = %+v, want server then client", l.Lanes)
	}
	if l.Lanes[0].Addrs != "10.0.0.2" {
		t.Errorf("server lane addrs = %q", l.Lanes[0].Addrs)
	}
	want := []string{"SYN seq=0", "SYN,ACK seq=0 ack=1", "ACK ack=1"}
	if got := arrowLabels(l); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("arrows = %q, want %q (ARP hidden by default)", got, want)
	}
	// Directions: SYN client→server, SYN-ACK server→client, ACK client→server.
	dirs := [][2]int{{1, 0}, {0, 1}, {1, 0}}
	for i, a := range l.Arrows {
		if a.From != dirs[i][0] || a.To != dirs[i][1] {
			t.Errorf("arrow %q goes %d→%d, want %d→%d", a.Label, a.From, a.To, dirs[i][0], dirs[i][1])
		}
		if a.EndRow <= a.SendRow || a.Y2 <= a.Y1 {
			t.Errorf("arrow %q: arrival row %d not after send row %d", a.Label, a.EndRow, a.SendRow)
		}
		if a.X1 != l.Lanes[a.From].X || a.X2 != l.Lanes[a.To].X {
			t.Errorf("arrow %q does not join the lifelines", a.Label)
		}
	}
	// Each arrow leaves after the previous one arrived (1 ms link, reply at arrival).
	for i := 1; i < len(l.Arrows); i++ {
		if l.Arrows[i].SendRow <= l.Arrows[i-1].EndRow {
			t.Errorf("arrow %d sent at row %d, before arrow %d arrived at row %d", i, l.Arrows[i].SendRow, i-1, l.Arrows[i-1].EndRow)
		}
	}
	// Rows run down in time.
	for i := 1; i < len(l.Rows); i++ {
		if l.Rows[i].T < l.Rows[i-1].T || l.Rows[i].Y <= l.Rows[i-1].Y {
			t.Fatalf("row %d (t=%d y=%.0f) above row %d (t=%d y=%.0f)", i, l.Rows[i].T, l.Rows[i].Y, i-1, l.Rows[i-1].T, l.Rows[i-1].Y)
		}
	}
	// Output and queue events take no row.
	for _, r := range l.Rows {
		if k := ev[r.Event].Kind; k == "output" || k == "queue" {
			t.Errorf("row for a %s event", k)
		}
	}

	// connect blocks from its start (before the SYN) until after the SYN-ACK arrives.
	var connect *Call
	for i := range l.Calls {
		if l.Calls[i].Name == "connect" {
			connect = &l.Calls[i]
		}
	}
	if connect == nil || !connect.Blocking {
		t.Fatalf("connect call = %+v, want a blocking call", connect)
	}
	if !(connect.Row1 < l.Arrows[0].SendRow && connect.Row2 > l.Arrows[1].EndRow) {
		t.Errorf("connect spans rows %d..%d, want it around SYN sent (%d) .. SYN-ACK arrived (%d)",
			connect.Row1, connect.Row2, l.Arrows[0].SendRow, l.Arrows[1].EndRow)
	}
	if connect.Text != "connect(3, 10.0.0.2:12345) = 0" || connect.Line != 20 {
		t.Errorf("connect text %q line %d", connect.Text, connect.Line)
	}

	// State bands: client SYN_SENT ends where ESTABLISHED starts; the server's
	// listener and its half-open connection get two slots.
	var synSent, clientEst *Band
	for i := range l.Bands {
		b := &l.Bands[i]
		switch {
		case b.Lane == 1 && b.State == "SYN_SENT":
			synSent = b
		case b.Lane == 1 && b.State == "ESTABLISHED":
			clientEst = b
		}
	}
	if synSent == nil || clientEst == nil {
		t.Fatalf("client bands %+v", l.Bands)
	}
	if synSent.Y2 != clientEst.Y1 || synSent.Row2 != clientEst.Row1 {
		t.Errorf("SYN_SENT band ends at %.1f, ESTABLISHED starts at %.1f", synSent.Y2, clientEst.Y1)
	}
	if clientEst.Row2 != len(l.Rows) {
		t.Errorf("ESTABLISHED band should run to the end, ends at row %d of %d", clientEst.Row2, len(l.Rows))
	}
	if l.Lanes[0].Slots != 2 || l.Lanes[1].Slots != 1 {
		t.Errorf("slots server=%d client=%d, want 2 and 1", l.Lanes[0].Slots, l.Lanes[1].Slots)
	}
	var ticks []string
	for _, tk := range l.Ticks {
		ticks = append(ticks, tk.Text)
	}
	if got := strings.Join(ticks, ","); got != "fd 3 LISTEN,SYN_SENT,SYN_RECV,ESTABLISHED,ESTABLISHED,fd 4 CLOSE_WAIT" {
		t.Errorf("ticks = %s", got)
	}
	// The accepted connection keeps one band slot from SYN_RECV (fd -1)
	// to fd 4: bands of one socket join end to start.
	var conn []Band
	for _, b := range l.Bands {
		if b.Lane == 0 && b.State != "LISTEN" {
			conn = append(conn, b)
		}
	}
	if len(conn) != 3 || conn[0].X != conn[2].X || conn[0].Row2 != conn[1].Row1 || conn[1].Row2 != conn[2].Row1 {
		t.Errorf("server connection bands = %+v", conn)
	}
	// accept was made at 0 after listen returned: its start row follows listen's row.
	var accept, listen *Call
	for i := range l.Calls {
		switch l.Calls[i].Name {
		case "accept":
			accept = &l.Calls[i]
		case "listen":
			listen = &l.Calls[i]
		}
	}
	if accept == nil || listen == nil || accept.Row1 != listen.Row2+1 {
		t.Errorf("accept starts at row %d, listen returned at row %d", accept.Row1, listen.Row2)
	}
	if len(l.Marks) != 1 || l.Marks[0].Text != "exit 0" || l.Marks[0].Err {
		t.Errorf("marks = %+v", l.Marks)
	}
}

func TestComputeOptions(t *testing.T) {
	ev := handshakeFixture()
	opt := fixtureOpts
	opt.ShowARP = true
	opt.Absolute = true
	l := Compute(ev, opt)
	want := "ARP who-has 10.0.0.2|ARP 10.0.0.2 is-at 02:00:00:00:00:02|SYN seq=1000|SYN,ACK seq=5000 ack=1001|ACK ack=5001"
	if got := strings.Join(arrowLabels(l), "|"); got != want {
		t.Errorf("arrows = %s\nwant     %s", got, want)
	}
	// The broadcast request has no receiver: it is drawn to the host that
	// owns the address asked for.
	if l.Arrows[0].To != 0 {
		t.Errorf("ARP request goes to lane %d, want 0 (server)", l.Arrows[0].To)
	}
	if hidden := Compute(ev, fixtureOpts); len(l.Rows) <= len(hidden.Rows) {
		t.Errorf("showing ARP should add rows: %d vs %d", len(l.Rows), len(hidden.Rows))
	}
	// Hosts not named in the options are still drawn.
	if l := Compute(ev, Options{}); len(l.Lanes) != 2 || l.Lanes[0].Host != "server" {
		t.Errorf("lanes without options = %+v", l.Lanes)
	}
}

func TestComputeDroppedAndErrors(t *testing.T) {
	l := Compute(refusedFixture(), fixtureOpts)
	if len(l.Arrows) != 4 {
		t.Fatalf("arrows = %q", arrowLabels(l))
	}
	drop := l.Arrows[0]
	if !drop.Dropped || drop.Fault != "drop nth=1" || drop.To != 0 {
		t.Fatalf("first SYN = %+v, want dropped towards the server", drop)
	}
	mid := (l.Lanes[0].X + l.Lanes[1].X) / 2
	if drop.X2 != mid || drop.EndRow != drop.SendRow {
		t.Errorf("dropped SYN ends at x=%.1f row %d, want halfway x=%.1f on its send row", drop.X2, drop.EndRow, mid)
	}
	if l.Arrows[2].Class != ClassRST || l.Arrows[2].Label != "RST,ACK ack=1" {
		t.Errorf("RST arrow = %+v", l.Arrows[2])
	}
	icmp := l.Arrows[3]
	if icmp.Class != ClassICMP || icmp.To != -1 || icmp.X2 <= icmp.X1 {
		t.Errorf("ICMP to an unknown host = %+v, want a stub to the right", icmp)
	}
	var refused bool
	for _, c := range l.Calls {
		if c.Name == "connect" && c.Err && c.Text == "connect(3, 10.0.0.2:81) = -1 ECONNREFUSED" && c.Blocking {
			refused = true
		}
	}
	if !refused {
		t.Errorf("no blocking connect ending in ECONNREFUSED: %+v", l.Calls)
	}
	if len(l.Marks) != 1 || !l.Marks[0].Err {
		t.Errorf("exit 1 should be marked as an error: %+v", l.Marks)
	}
	// The state went back to CLOSED: no band after it.
	for _, b := range l.Bands {
		if b.State == "CLOSED" {
			t.Errorf("band for CLOSED: %+v", b)
		}
	}
	if r := l.RowAt(1000 * ms); l.Rows[r].T != 1000*ms || (r+1 < len(l.Rows) && l.Rows[r+1].T == 1000*ms) {
		t.Errorf("RowAt(1s) = %d", r)
	}
	// Cut: up to the row of the retransmitted SYN, the events before the
	// RST are shown; at the last row, everything.
	if c := l.Cut(l.Arrows[1].SendRow); c != 2 {
		t.Errorf("Cut at the retransmission = %d, want 2", c)
	}
	if l.Cut(len(l.Rows)-1) != -1 || l.Cut(-1) != -1 {
		t.Errorf("Cut at the end or before the start should be -1")
	}
	if l.RowAt(-1) != -1 {
		t.Errorf("RowAt before the start should be -1")
	}
}

func TestUpright(t *testing.T) {
	for in, want := range map[float64]float64{10: 10, -10: -10, 170: -10, -170: 10, 90: 90} {
		if got := upright(in); got != want {
			t.Errorf("upright(%v) = %v, want %v", in, got, want)
		}
	}
}

func TestComputeEmpty(t *testing.T) {
	l := Compute(nil, fixtureOpts)
	if len(l.Rows) != 0 || len(l.Lanes) != 2 || l.Height <= HeaderH || l.Width <= 0 {
		t.Errorf("empty layout = %+v", l)
	}
	checkXML(t, l.SVG(All, 0))
}

// checkXML fails unless s is well-formed XML; it returns the class
// attribute of every element.
func checkXML(t *testing.T, s string) []string {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(s))
	var classes []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return classes
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed: %v\n%s", err, s)
		}
		if se, ok := tok.(xml.StartElement); ok {
			for _, a := range se.Attr {
				if a.Name.Local == "class" {
					classes = append(classes, a.Value)
				}
			}
		}
	}
}

func count(classes []string, prefix string) int {
	n := 0
	for _, c := range classes {
		if strings.HasPrefix(c, prefix) {
			n++
		}
	}
	return n
}

func TestSVG(t *testing.T) {
	l := Compute(refusedFixture(), fixtureOpts)
	s := l.SVG(All, 0)
	cls := checkXML(t, s)
	if n := count(cls, "np-arrow"); n != 4 {
		t.Errorf("%d arrows drawn, want 4", n)
	}
	if n := count(cls, "np-arrow np-syn np-dropped"); n != 1 {
		t.Errorf("%d dropped SYN arrows, want 1", n)
	}
	for _, want := range []string{"✕", "dropped by drop nth=1", "RST,ACK ack=1", "np-arrow np-rst", "np-arrow np-icmp",
		"connect(3, 10.0.0.2:81) = -1 ECONNREFUSED", "SYN_SENT", `data-line="21"`, "exit 1"} {
		if !strings.Contains(s, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}

	// Selection and source-line highlight.
	s = l.SVG(Draw{Selected: 3, Upto: -1, Line: 21, LineHost: "client"}, 0)
	cls = checkXML(t, s)
	if count(cls, "np-arrow np-rst np-sel") != 1 {
		t.Errorf("selected RST not marked")
	}
	if count(cls, "np-call np-err np-hl") != 1 {
		t.Errorf("line 21's call not highlighted: %q", cls)
	}

	// Stepping: only rows up to Upto are drawn; the retransmitted SYN is on
	// the wire and has no arrow head yet.
	retx := l.Arrows[1]
	s = l.SVG(Draw{Selected: -1, Upto: retx.SendRow}, 0)
	cls = checkXML(t, s)
	if n := count(cls, "np-arrow"); n != 2 {
		t.Errorf("step at the retransmission shows %d arrows, want 2", n)
	}
	if strings.Contains(s, "ECONNREFUSED") || strings.Contains(s, "exit 1") {
		t.Errorf("step shows things that happen later")
	}
	if !strings.Contains(s, "np-now") {
		t.Errorf("no 'now' line while stepping")
	}
}

func TestSVGEscapes(t *testing.T) {
	ev := []trace.Event{{T: 0, Host: "a<b>", Kind: "exit", Status: 1, Reason: `fault "x" & <y>`}}
	s := Compute(ev, Options{}).SVG(All, 0)
	checkXML(t, s)
	if strings.Contains(s, "<y>") || strings.Contains(s, "<b>") {
		t.Errorf("unescaped text in SVG: %s", s)
	}
}
