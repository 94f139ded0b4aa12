package diagram

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

func TestDiagramComponent(t *testing.T) {
	d := &Diagram{Events: handshakeFixture(), Options: fixtureOpts, Draw: All}
	disp := app.NewClientTester(d)
	defer disp.Close()
	disp.Consume()

	html := app.HTMLString(d)
	for _, want := range []string{`class="np-diagram-wrap"`, "<svg", "SYN seq=0", "SYN,ACK seq=0 ack=1", "ACK ack=1", "ESTABLISHED", "accept(3, 10.0.0.1:40000) = 4"} {
		if !strings.Contains(html, want) {
			t.Errorf("rendered diagram lacks %q", want)
		}
	}
	if strings.Contains(html, "who-has") {
		t.Errorf("ARP shown although hidden by default")
	}
	first := d.Layout()

	// Toggling options recomputes the layout and re-renders.
	d.Options.ShowARP = true
	d.Options.Absolute = true
	disp.Consume()
	d.Update()
	disp.Consume()
	html = app.HTMLString(d)
	if !strings.Contains(html, "who-has 10.0.0.2") || !strings.Contains(html, "SYN seq=1000") {
		t.Errorf("after toggles the diagram lacks ARP or absolute numbers")
	}
	if d.Layout() == first {
		t.Errorf("layout not recomputed after the options changed")
	}
	if again := d.Layout(); d.Layout() != again {
		t.Errorf("layout recomputed without a change")
	}
}
