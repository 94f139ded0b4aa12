package diagram

import (
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"netplay/app/gallery"
	"netplay/stack/c"
	"netplay/stack/runner"
	"netplay/stack/trace"
)

// drawnBox is a text or mark of a drawn diagram, read back from its SVG.
type drawnBox struct {
	what  string // "label", "text", "mark"
	text  string
	shape quad
}

var (
	translateRe = regexp.MustCompile(`translate\(([-0-9.]+),([-0-9.]+)\) rotate\(([-0-9.]+)\)`)
	shiftRe     = regexp.MustCompile(`^translate\(([-0-9.]+),0\)$`)
)

// drawnBoxes reads the SVG l draws for the whole diagram and returns the
// boxes of the arrows' labels, the texts beside the lifelines (calls,
// states, exits, spawns, cuts) and the marks (dots, ✕): from the SVG's
// own coordinates, not from the layout's placement.
func drawnBoxes(t *testing.T, svg string) []drawnBox {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(svg))
	var groups []string  // classes of the open <g>s
	var shifts []float64 // their sideways translations, summed (pinned lifelines)
	shift := func() float64 {
		if len(shifts) == 0 {
			return 0
		}
		return shifts[len(shifts)-1]
	}
	var out []drawnBox
	num := func(attr []xml.Attr, name string) float64 {
		for _, a := range attr {
			if a.Name.Local == name {
				v, err := strconv.ParseFloat(a.Value, 64)
				if err != nil {
					t.Fatalf("%s=%q", name, a.Value)
				}
				return v
			}
		}
		return 0
	}
	get := func(attr []xml.Attr, name string) string {
		for _, a := range attr {
			if a.Name.Local == name {
				return a.Value
			}
		}
		return ""
	}
	inGroup := func(cls string) bool {
		for _, g := range groups {
			if strings.Contains(" "+g+" ", " "+cls+" ") {
				return true
			}
		}
		return false
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "g":
				groups = append(groups, get(e.Attr, "class"))
				v := shift()
				if m := shiftRe.FindStringSubmatch(get(e.Attr, "transform")); m != nil {
					x, _ := strconv.ParseFloat(m[1], 64)
					v += x
				}
				shifts = append(shifts, v)
			case "circle":
				if inGroup("np-lane") || inGroup("np-rowfold") {
					continue
				}
				x, y, r := num(e.Attr, "cx")+shift(), num(e.Attr, "cy"), num(e.Attr, "r")
				out = append(out, drawnBox{"mark", "●", rect(x-r, y-r, x+r, y+r)})
			case "text":
				cls := get(e.Attr, "class")
				var s strings.Builder
				for {
					tok, err := dec.Token()
					if err != nil {
						t.Fatal(err)
					}
					if cd, ok := tok.(xml.CharData); ok {
						s.Write(cd)
					}
					if _, ok := tok.(xml.EndElement); ok {
						break
					}
				}
				text := s.String()
				switch {
				case inGroup("np-lane") || inGroup("np-rowfold") || inGroup("np-break") && cls != "np-cut" || cls == "np-time":
					// The header, the gutter and the time axis: left of
					// or above the lifelines.
				case cls == "np-label":
					m := translateRe.FindStringSubmatch(get(e.Attr, "transform"))
					if m == nil {
						t.Fatalf("label %q without its place", text)
					}
					x, _ := strconv.ParseFloat(m[1], 64)
					y, _ := strconv.ParseFloat(m[2], 64)
					deg, _ := strconv.ParseFloat(m[3], 64)
					out = append(out, drawnBox{"label", text, turned(x, y, deg, num(e.Attr, "y"), text, fontPx)})
				case cls == "np-x":
					x, y := num(e.Attr, "x")+shift(), num(e.Attr, "y")
					out = append(out, drawnBox{"mark", text, rect(x-6, y-11, x+6, y)})
				default:
					px := fontPx
					if inGroup("np-tick") {
						px = tickFontPx
					}
					out = append(out, drawnBox{"text", text, textBox(num(e.Attr, "x")+shift(), num(e.Attr, "y"), text, px)})
				}
			}
		case xml.EndElement:
			if e.Name.Local == "g" {
				groups, shifts = groups[:len(groups)-1], shifts[:len(shifts)-1]
			}
		}
	}
	return out
}

// galleryRun runs gallery scenario id natively and gives its events and
// the options the page draws it with.
func galleryRun(t testing.TB, id string) ([]trace.Event, Options) {
	t.Helper()
	sc, err := gallery.Load(id)
	if err != nil {
		t.Fatal(err)
	}
	res, err := runner.Run(sc, runner.Options{Compile: c.CompileProgram})
	if err != nil {
		t.Fatalf("%s: %v", id, err)
	}
	opt := Options{Addrs: map[string][]string{}}
	for _, h := range sc.Hosts {
		opt.Hosts = append(opt.Hosts, h.Name)
		opt.Addrs[h.Name] = h.Addrs
	}
	return res.Events, opt
}

// collisions lists the labels drawn over another label, a text or a mark.
func collisions(boxes []drawnBox) []string {
	var bad []string
	for i, a := range boxes {
		if a.what != "label" {
			continue
		}
		ab := a.shape.bounds()
		for j, b := range boxes {
			if j == i || b.what == "label" && j < i {
				continue
			}
			bb := b.shape.bounds()
			if ab.x2 <= bb.x1 || bb.x2 <= ab.x1 || ab.y2 <= bb.y1 || bb.y2 <= ab.y1 {
				continue
			}
			if a.shape.hits(b.shape) {
				bad = append(bad, fmt.Sprintf("label %q over %s %q (%.0f,%.0f)", a.text, b.what, b.text, ab.x1, ab.y1))
			}
		}
	}
	return bad
}

// TestNoLabelCollisions: in every gallery experiment (the six-host
// backlog among them) and the 200 KB transfer unfolded, no arrow's label
// is drawn over another's, a call's, state's or exit's text or a mark,
// read back from the SVG; what could not be placed whole is cut or left
// out with the whole in the tooltip, and that stays rare.
func TestNoLabelCollisions(t *testing.T) {
	type run struct {
		name   string
		events []trace.Event
		opt    Options
	}
	var runs []run
	for _, e := range gallery.List() {
		events, opt := galleryRun(t, e.ID)
		runs = append(runs, run{e.ID, events, opt})
		if e.ID == "backlog" {
			narrow := opt
			narrow.Collapse = map[string]bool{"c1": true, "c2": true, "c3": true}
			runs = append(runs, run{"backlog narrowed", events, narrow})
		}
	}
	transfer := fixtureOpts
	transfer.NoFold = true
	runs = append(runs, run{"transfer200k unfolded", runFile(t, "testdata/transfer200k.json"), transfer})

	labels, cut, none := 0, 0, 0
	for _, r := range runs {
		l := Compute(r.events, r.opt)
		boxes := drawnBoxes(t, l.SVG(All, len(r.events)))
		if bad := collisions(boxes); len(bad) > 0 {
			t.Errorf("%s: %d collisions, first %q", r.name, len(bad), bad[:min(len(bad), 5)])
		}
		for _, a := range l.Arrows {
			labels++
			switch {
			case a.Shown == "":
				none++
			case a.Shown != a.Text():
				cut++
				if !strings.HasSuffix(a.Shown, "…") || !strings.HasPrefix(a.Text(), strings.TrimSuffix(a.Shown, "…")) {
					t.Errorf("%s: %q cut as %q", r.name, a.Text(), a.Shown)
				}
			}
		}
	}
	t.Logf("%d labels: %d cut, %d left out", labels, cut, none)
	if labels == 0 || float64(cut+none) > 0.1*float64(labels) {
		t.Errorf("%d labels of %d cut or left out", cut+none, labels)
	}
}

// TestLabelsMakeRoom: both ends close at once, their FINs cross (the
// same rows, the same lifelines): drawn in their middles the two labels
// would cross as the arrows do. Each finds a place of its own, whole, and
// nothing is drawn over another.
func TestLabelsMakeRoom(t *testing.T) {
	events := handshakeFixture()
	exit := events[len(events)-1]
	events = append(events[:len(events)-1],
		trace.Event{T: 20 * ms, Host: "client", Kind: trace.KindSegment, Frame: 6, Src: "10.0.0.1:40000", Dst: "10.0.0.2:12345", Flags: "F.", Seq: 1, Ack: 1, SeqAbs: 1001, AckAbs: 5001, Win: 65535, Receiver: "server", Arrive: 21 * ms},
		trace.Event{T: 20 * ms, Host: "server", Kind: trace.KindSegment, Frame: 7, Src: "10.0.0.2:12345", Dst: "10.0.0.1:40000", Flags: "F.", Seq: 1, Ack: 1, SeqAbs: 5001, AckAbs: 1001, Win: 65535, Receiver: "client", Arrive: 21 * ms},
		exit)
	l := Compute(events, fixtureOpts)
	var fins []Arrow
	for _, a := range l.Arrows {
		if a.Shown != a.Text() {
			t.Errorf("%q drawn as %q", a.Text(), a.Shown)
		}
		if a.Frame >= 6 {
			fins = append(fins, a)
		}
	}
	if len(fins) != 2 {
		t.Fatalf("FINs %+v", fins)
	}
	if x1, y1 := fins[0].labelAt(fins[0].X2, fins[0].Y2); true {
		x2, y2 := fins[1].labelAt(fins[1].X2, fins[1].Y2)
		if math.Hypot(x1-x2, y1-y2) < 1 && fins[0].LabelDY == fins[1].LabelDY {
			t.Errorf("the crossing FINs' labels share one place")
		}
	}
	if bad := collisions(drawnBoxes(t, l.SVG(All, len(events)))); len(bad) > 0 {
		t.Errorf("collisions %q", bad)
	}
}
