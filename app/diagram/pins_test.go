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
	// Reordered (c5 beside the server, as the learner does) and drawn a
	// stretch at a time, where not every lifeline is in play: those in
	// play are on screen, the others where they stand, none too close.
	reordered := opt
	reordered.Hosts = []string{"server", "c5", "c1", "c2", "c3", "c4"}
	r := Compute(events, reordered)
	for top := HeaderH; top < r.Height; top += 300 {
		bottom := top + 700
		play := make([]bool, len(r.Lanes))
		in := func(y1, y2 float64) bool { return max(y1, y2) >= top && min(y1, y2) <= bottom }
		for _, a := range r.Arrows {
			if in(a.Y1, a.Y2) {
				play[a.From] = true
				if a.To >= 0 {
					play[a.To] = true
				}
			}
		}
		for _, c := range r.Calls {
			if in(c.Y1, c.Y2) {
				play[c.Lane] = true
			}
		}
		for _, k := range r.Ticks {
			if in(k.Y, k.Y) {
				play[k.Lane] = true
			}
		}
		for _, m := range r.Marks {
			if in(m.Y, m.Y) {
				play[m.Lane] = true
			}
		}
		for _, view := range []float64{370, 763} {
			for left := 0.0; left+view <= r.Width; left += 100 {
				d := Draw{Selected: -1, Upto: -1, Top: top, Bottom: bottom, Left: left, Right: left + view}
				dx := r.pins(d, r.spans())
				var drawn []float64 // x of the lifelines on screen, in order
				for i, ln := range r.Lanes {
					x := ln.X
					if dx != nil {
						x += dx[i]
					}
					if x >= d.Left && x <= d.Right {
						drawn = append(drawn, x)
					} else if play[i] {
						t.Errorf("stretch %.0f, view %.0f–%.0f: %s in play drawn at %.0f (pins %v)", top, d.Left, d.Right, ln.Host, x, dx)
					}
				}
				for k := 1; k < len(drawn); k++ {
					if drawn[k]-drawn[k-1] < 24 {
						t.Errorf("stretch %.0f, view %.0f–%.0f: lifelines at %v", top, d.Left, d.Right, drawn)
						break
					}
				}
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
