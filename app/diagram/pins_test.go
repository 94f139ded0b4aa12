package diagram

import (
	"fmt"
	"strings"
	"testing"
)

// TestPins: scrolled sideways so that the client's lifeline alone is in
// view, the server's (in play: the handshake's frames) is drawn at the
// left edge, narrow, and the frames end on it; with both in view nothing
// moves.
func TestPins(t *testing.T) {
	l := Compute(handshakeFixture(), fixtureOpts)
	server, client := l.Lanes[0], l.Lanes[1]
	d := Draw{Selected: -1, Upto: -1, Left: server.X + 100, Right: client.X + 200}
	dx := l.pins(d, l.spans())
	if dx == nil || dx[0] != d.Left+PinInset-server.X || dx[1] != 0 {
		t.Fatalf("pins %v", dx)
	}
	svg := l.SVG(d, len(handshakeFixture()))
	if !strings.Contains(svg, `class="np-lane np-pinned" data-lane="server"`) {
		t.Errorf("the server's lifeline is not pinned")
	}
	syn := -1
	for i, a := range l.Arrows {
		if a.Label == "SYN seq=0" {
			syn = i
		}
	}
	if syn < 0 {
		t.Fatal("no SYN")
	}
	a := l.Arrows[syn]
	if want := fmt.Sprintf(`x2="%.1f"`, a.X2+dx[0]); !strings.Contains(svg, want) {
		t.Errorf("the SYN does not end on the pinned lifeline (%s)", want)
	}
	if h := l.HeaderSVG(Draw{Left: d.Left, Right: d.Right, Zoom: 1}); !strings.Contains(h, "np-pinned") {
		t.Errorf("the header does not pin the server's name")
	}
	if dx := l.pins(Draw{Left: 0, Right: l.Width}, l.spans()); dx != nil {
		t.Errorf("everything in view, yet pins %v", dx)
	}
}
