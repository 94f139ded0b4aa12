package browser

import (
	"strings"
	"testing"
	"time"
)

// Issue 6: each lecture experiment opens from the gallery and from its own
// share link; three of them are run here and their diagrams checked.
func TestGalleryExperiments(t *testing.T) {
	ctx := newBrowser(t)
	openPage(t, ctx, "/")
	ids := eval[[]string](t, ctx, `Array.from(document.querySelectorAll('#np-gallery option')).map(o => o.value).filter(v => v)`)
	t.Logf("gallery: %v", ids)
	if len(ids) < 2 || ids[0] != "handshake" {
		t.Errorf("gallery menu = %v, want the handshake first", ids)
	}
	has := map[string]bool{}
	for _, id := range ids {
		has[id] = true
	}
	checks := []struct {
		id    string
		check func(t *testing.T, labels []string, calls, ticks string)
	}{
		{"refused", func(t *testing.T, labels []string, calls, ticks string) {
			if !hasPrefix(labels, "SYN seq=0") || !hasPrefix(labels, "RST,ACK") {
				t.Errorf("refused: arrows %q, want a SYN answered by RST,ACK", labels)
			}
			if !strings.Contains(calls, "connect(") || !strings.Contains(calls, "= -1 ECONNREFUSED") {
				t.Errorf("refused: calls\n%s", calls)
			}
		}},
		{"unreachable", func(t *testing.T, labels []string, calls, ticks string) {
			if !hasPrefix(labels, "ICMP") {
				t.Errorf("unreachable: arrows %q, want an ICMP one", labels)
			}
			if !strings.Contains(calls, "ENETUNREACH") {
				t.Errorf("unreachable: calls\n%s", calls)
			}
		}},
		{"ipv6", func(t *testing.T, labels []string, calls, ticks string) {
			want := []string{"SYN seq=0", "SYN,ACK seq=0 ack=1", "ACK ack=1"}
			for _, w := range want {
				if !hasPrefix(labels, w) {
					t.Errorf("ipv6: arrows %q lack %q", labels, w)
				}
			}
			if !strings.Contains(ticks, "ESTABLISHED") {
				t.Errorf("ipv6: states %s", ticks)
			}
		}},
	}
	for i, c := range checks {
		t.Run(c.id, func(t *testing.T) {
			if !has[c.id] {
				t.Skipf("no %s in the gallery yet", c.id)
			}
			gallery(t, ctx, c.id)
			waitFor(t, ctx, 10*time.Second, "teaching text", `document.querySelector('.np-teach') !== null`)
			run(t, ctx)
			c.check(t, eval[[]string](t, ctx, arrowLabels), calls(t, ctx), ticks(t, ctx))
			shot(t, ctx, "21-gallery-"+c.id)
			// The same experiment from its share link, in a new tab.
			link, sc := shareFragment(t, ctx)
			if sc.Title == "" {
				t.Errorf("%s: the link's scenario has no title", c.id)
			}
			ctx2, cancel := newTab(ctx)
			defer cancel()
			openPage(t, ctx2, strings.TrimPrefix(link, baseURL))
			waitFor(t, ctx2, 10*time.Second, "scenario from the link", `document.querySelector('.np-teach') !== null`)
			run(t, ctx2)
			c.check(t, eval[[]string](t, ctx2, arrowLabels), calls(t, ctx2), ticks(t, ctx2))
			if i == 0 {
				shot(t, ctx2, "22-gallery-link-"+c.id)
			}
		})
	}
}

// A scenario's "On Linux" note shows beside the diagram.
func TestOnLinux(t *testing.T) {
	ctx := newBrowser(t)
	openPage(t, ctx, "/")
	waitFor(t, ctx, 10*time.Second, "On Linux note", `document.querySelector('#np-linux') !== null`)
	if s := text(t, ctx, "#np-linux"); !strings.HasPrefix(s, "On Linux:") || len(s) < 30 {
		t.Errorf("On Linux note = %q", s)
	}
	click(t, ctx, "#np-lang")
	waitFor(t, ctx, 5*time.Second, "Chinese note", `document.querySelector('#np-linux').textContent.startsWith('在 Linux 上')`)
	click(t, ctx, "#np-lang")
}
