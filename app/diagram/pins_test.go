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

	// Scrolled back left so that the server alone is in view: the
	// client's lifeline (in play) is pinned at the right edge.
	d = Draw{Selected: -1, Upto: -1, Left: 0, Right: server.X + 150}
	dx = l.pins(d, l.spans())
	if dx == nil || dx[1] != d.Right-PinInset-client.X || dx[0] != 0 {
		t.Fatalf("pins at the right %v", dx)
	}
	svg = l.SVG(d, len(handshakeFixture()))
	if !strings.Contains(svg, `class="np-lane np-pinned" data-lane="client"`) || strings.Contains(svg, `np-pinned" data-lane="server"`) {
		t.Errorf("the client's lifeline is not pinned at the right, alone")
	}
	if want := fmt.Sprintf(`x1="%.1f"`, a.X1+dx[1]); !strings.Contains(svg, want) {
		t.Errorf("the SYN does not leave the client's pinned lifeline (%s)", want)
	}
}

// TestPinsSixHosts: the six-host backlog on a phone's width (and on a
// wide screen's) scrolled anywhere keeps every lifeline in play on
// screen, in its order, and never draws two lifelines closer than they
// can stand (a pinned one narrow), nor one over another.
func TestPinsSixHosts(t *testing.T) {
	events, opt := galleryRun(t, "backlog")
	l := Compute(events, opt)
	if len(l.Lanes) != 6 {
		t.Fatalf("lanes %+v", l.Lanes)
	}
	for _, view := range []float64{370, 768} {
		for left := 0.0; left+view <= l.Width; left += 50 {
			d := Draw{Selected: -1, Upto: -1, Left: left, Right: left + view}
			dx := l.pins(d, l.spans())
			at := make([]float64, len(l.Lanes))
			for i, ln := range l.Lanes {
				at[i] = ln.X
				if dx != nil {
					at[i] += dx[i]
				}
			}
			pinned := 0
			for i := range at {
				// Every lane has frames in the whole diagram: all in play.
				if at[i] < d.Left || at[i] > d.Right {
					t.Errorf("view %.0f–%.0f: %s drawn at %.0f, off screen (pins %v)", d.Left, d.Right, l.Lanes[i].Host, at[i], dx)
				}
				if i > 0 && at[i]-at[i-1] < 24 {
					t.Errorf("view %.0f–%.0f: %s at %.0f and %s at %.0f, too close", d.Left, d.Right, l.Lanes[i-1].Host, at[i-1], l.Lanes[i].Host, at[i])
				}
				if dx != nil && dx[i] != 0 {
					pinned++
				}
			}
			if left > 0 && left+view < l.Lanes[5].X && pinned == 0 {
				t.Errorf("view %.0f–%.0f: nothing pinned", d.Left, d.Right)
			}
			// The labels of frames to and from pinned lifelines are
			// placed again on their arrows, over nothing.
			if bad := collisions(drawnBoxes(t, l.SVG(d, len(events)))); len(bad) > 0 {
				t.Errorf("view %.0f–%.0f: %d collisions, first %q", d.Left, d.Right, len(bad), bad[:min(3, len(bad))])
			}
		}
	}
	// The phone's first view: the server in view, the clients at the
	// right edge, c5 nearest it.
	d := Draw{Selected: -1, Upto: -1, Left: 0, Right: 370}
	dx := l.pins(d, l.spans())
	if dx == nil || dx[0] != 0 || l.Lanes[5].X+dx[5] != d.Right-PinInset {
		t.Errorf("phone's first view: pins %v", dx)
	}
	svg := l.SVG(d, len(events))
	if n := strings.Count(svg, "np-pinned"); n != 5 {
		t.Errorf("%d lifelines pinned on the phone's first view, want the five clients", n)
	}
}
