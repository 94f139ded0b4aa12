package browser

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"netplay/stack/scenario"
)

// openScenarioFile opens a scenario file through its #s= link and runs it.
func openScenarioFile(t *testing.T, path string) context.Context {
	t.Helper()
	ctx := newBrowser(t)
	openScenarioPath(t, ctx, path)
	run(t, ctx)
	return ctx
}

// openScenarioPath opens a scenario file (from the repository's root)
// through its #s= link.
func openScenarioPath(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot, path))
	if err != nil {
		t.Fatal(err)
	}
	sc, err := scenario.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	frag, err := scenario.EncodeFragment(sc)
	if err != nil {
		t.Fatal(err)
	}
	openPage(t, ctx, "/"+scenario.FragmentPrefix+frag)
}

// scrollThrough scrolls the diagram from top to bottom a screen at a
// time (the page draws what is on screen) and returns what js, a list
// of strings, gives at each step, without repeats.
func scrollThrough(t *testing.T, ctx context.Context, js string) []string {
	t.Helper()
	seen := map[string]bool{}
	var out []string
	for step := 0; step < 1000; step++ {
		for _, s := range eval[[]string](t, ctx, js) {
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
		if eval[bool](t, ctx, `(() => { const d = document.querySelector('#np-diagram'); const end = d.scrollTop + d.clientHeight >= d.scrollHeight - 1; d.scrollTop += d.clientHeight; return end })()`) {
			break
		}
		nextFrames(t, ctx)
	}
	eval[bool](t, ctx, `(() => { document.querySelector('#np-diagram').scrollTop = 0; return true })()`)
	return out
}

// diagramTexts returns the text of every element matching sel (inside
// #np-diagram) over the whole diagram, scrolled through: the page draws only
// the rows near the screen. Each element is told apart by the event it
// stands for and its place in that event's shape (a label is placed again
// where pinned lifelines move its arrow, so it may stand elsewhere, or
// cut, in another stretch: the longest text is kept), or else by where it
// stands.
func diagramTexts(t *testing.T, ctx context.Context, sel string) []string {
	t.Helper()
	rows := scrollThrough(t, ctx, fmt.Sprintf(`(() => { const d = document.querySelector('#np-diagram'); const top = d.getBoundingClientRect().top - d.scrollTop;
		return Array.from(d.querySelectorAll(%q)).map(e => {
			const g = e.closest('[data-ev]');
			const key = g ? 'ev' + g.dataset.ev + '.' + Array.from(g.querySelectorAll('text')).indexOf(e) : Math.round(e.getBoundingClientRect().top - top) + ',' + Math.round(e.getBoundingClientRect().left);
			return key + '|' + e.textContent;
		}) })()`, sel))
	var out []string
	at := map[string]int{}
	for _, r := range rows {
		key, text, _ := strings.Cut(r, "|")
		if i, ok := at[key]; ok {
			if len(text) > len(out[i]) {
				out[i] = text
			}
			continue
		}
		at[key] = len(out)
		out = append(out, text)
	}
	return out
}

// svgHeight is the drawn height of the diagram's SVG.
func svgHeight(t *testing.T, ctx context.Context) float64 {
	t.Helper()
	return eval[float64](t, ctx, `Number(document.querySelector('#np-diagram svg.np-diagram:not(.np-diagram-head)').getAttribute('height'))`)
}

// Issue 15, point 1: a 200 KB transfer read 63 bytes at a time is a
// screenful of rows with counts, not 3,000 reads; a fold unfolds; with
// folding off, the page draws what is on screen only, and scrolling to
// the end draws the end.
func TestDiagramFolds(t *testing.T) {
	ctx := openScenarioFile(t, "app/diagram/testdata/transfer200k.json")
	if n := count(t, ctx, "#np-diagram .np-rowfold"); n == 0 {
		t.Fatalf("no folds")
	}
	if l := eval[string](t, ctx, `document.querySelector('#np-fold').parentElement.textContent`); strings.TrimSpace(l) != "fold repeats" {
		t.Errorf("the fold checkbox says %q", l)
	}
	if c := calls(t, ctx); !strings.Contains(c, "read(3, 63) = 63 ×") {
		t.Errorf("no folded read with a count:\n%s", c)
	}
	folded := svgHeight(t, ctx)
	if folded > 2500 {
		t.Errorf("the folded diagram is %.0f px high", folded)
	}
	shot(t, ctx, "diagram-01-folded")

	// Unfold the biggest fold.
	eval[bool](t, ctx, `(() => { const fs = Array.from(document.querySelectorAll('#np-diagram .np-rowfold')); fs.sort((a, b) => b.getBBox().height - a.getBBox().height); fs[0].querySelector('rect').dispatchEvent(new MouseEvent('click', {bubbles: true})); return true })()`)
	waitFor(t, ctx, 10*time.Second, "a fold unfolded", `document.querySelector('#np-diagram .np-rowfold.np-unfolded') !== null`)
	if h := svgHeight(t, ctx); h < folded+1000 {
		t.Errorf("unfolding made the diagram %.0f px high (was %.0f)", h, folded)
	}
	shot(t, ctx, "diagram-02-unfolded-one")

	// Every row: thousands of rows, a few screens of them in the page.
	setChecked(t, ctx, "#np-fold", false)
	waitFor(t, ctx, 10*time.Second, "no folds", `document.querySelector('#np-diagram .np-rowfold') === null`)
	full := svgHeight(t, ctx)
	if full < 50000 {
		t.Errorf("unfolded the diagram is only %.0f px high", full)
	}
	if n := count(t, ctx, "#np-diagram g.np-call"); n > 300 || n == 0 {
		t.Errorf("%d call markers in the page: not drawn by the screenful", n)
	}
	eval[bool](t, ctx, `(() => { const d = document.querySelector('#np-diagram'); d.scrollTop = d.scrollHeight; return true })()`)
	waitFor(t, ctx, 10*time.Second, "the end drawn", `Array.from(document.querySelectorAll('#np-diagram .np-call text')).some(e => e.textContent.startsWith('read(3, 63) = 0'))`)
	if n := count(t, ctx, "#np-diagram g.np-call"); n > 300 {
		t.Errorf("%d call markers in the page at the end", n)
	}
	nextFrames(t, ctx)
	shot(t, ctx, "diagram-03-unfolded-end")
}

// Issue 15, point 3 (the diagram's part): the six-host backlog experiment
// fits the pane's width; the clients' lifelines narrow on a click; the
// seconds the SYNs wait show as breaks in time; a legend.
func TestDiagramManyHosts(t *testing.T) {
	ctx := newBrowser(t)
	openPage(t, ctx, "/")
	gallery(t, ctx, "backlog")
	run(t, ctx)
	paneW := eval[float64](t, ctx, `document.querySelector('#np-diagram').clientWidth`)
	width := func() float64 {
		return eval[float64](t, ctx, `Number(document.querySelector('#np-diagram svg.np-diagram:not(.np-diagram-head)').getAttribute('width'))`)
	}
	if w := width(); w <= paneW {
		t.Fatalf("at 100%% the diagram (%.0f px) already fits the pane (%.0f px)", w, paneW)
	}
	click(t, ctx, "#np-zoom-fit")
	waitFor(t, ctx, 10*time.Second, "fitted", fmt.Sprintf(`Number(document.querySelector('#np-diagram svg.np-diagram:not(.np-diagram-head)').getAttribute('width')) <= %f`, paneW))
	if sw := eval[float64](t, ctx, `document.querySelector('#np-diagram').scrollWidth`); sw > paneW+1 {
		t.Errorf("fitted, the pane still scrolls sideways (%.0f > %.0f)", sw, paneW)
	}
	shot(t, ctx, "diagram-04-backlog-fit")
	fitted := width()
	for _, h := range []string{"c1", "c2", "c3"} {
		eval[bool](t, ctx, fmt.Sprintf(`(() => { document.querySelector('#np-diagram svg.np-diagram:not(.np-diagram-head) [data-lane=%q] text').dispatchEvent(new MouseEvent('click', {bubbles: true})); return true })()`, h))
		waitFor(t, ctx, 5*time.Second, h+" narrowed", fmt.Sprintf(`document.querySelector('#np-diagram svg.np-diagram:not(.np-diagram-head) [data-lane=%q]').classList.contains('np-collapsed')`, h))
	}
	click(t, ctx, "#np-zoom-fit") // back to 100%
	click(t, ctx, "#np-zoom-fit") // and fitted again, to the narrower diagram
	waitFor(t, ctx, 10*time.Second, "fitted again", fmt.Sprintf(`Number(document.querySelector('#np-diagram svg.np-diagram:not(.np-diagram-head)').getAttribute('width')) <= %f`, paneW))
	if z, was := width()/eval[float64](t, ctx, `document.querySelector('#np-diagram svg.np-diagram:not(.np-diagram-head)').viewBox.baseVal.width`), fitted; z < 0.55 {
		t.Errorf("with three lifelines narrowed the fitted scale is %.2f (the width was %.0f)", z, was)
	}
	breaks := scrollThrough(t, ctx, `Array.from(document.querySelectorAll('#np-diagram .np-break text')).map(e => e.textContent + ' ' + e.getAttribute('y'))`)
	if len(breaks) < 2 {
		t.Errorf("breaks in time %q, want the 1 s and 2 s waits of the SYN retransmissions", breaks)
	}
	click(t, ctx, "#np-legend summary")
	waitFor(t, ctx, 5*time.Second, "legend open", `document.querySelectorAll('#np-legend .np-legend-item').length > 10`)
	legend := text(t, ctx, "#np-legend")
	for _, want := range []string{"LISTEN", "SYN_SENT", "ESTABLISHED", "SYN", "RST", "dropped", "Wireshark"} {
		if !strings.Contains(legend, want) {
			t.Errorf("legend lacks %q: %q", want, legend)
		}
	}
	labels := scrollThrough(t, ctx, arrowLabels)
	if !hasPrefix(labels, "[TCP Retransmission] SYN seq=0") || !hasPrefix(labels, "SYN seq=0 ✕ accept queue full (3/2)") {
		t.Errorf("labels lack the retransmissions or the full queue: %q", labels)
	}
	shot(t, ctx, "diagram-05-backlog-narrowed")
}

// Issue 15, point 7: clicking a frame moves the scrubber to its time (the
// sockets view and consoles show that moment, the later rows dimmed);
// the inspector says relative versus raw and decodes the options as
// tshark does; a dropped frame is marked in the pcapng tshark reads.
func TestDiagramExplains(t *testing.T) {
	ctx := handshake(t)
	clickArrow(t, ctx, "SYN seq=0")
	waitFor(t, ctx, 5*time.Second, "scrubber at the SYN", `Number(document.querySelector('#np-page').dataset.upto) >= 0 && document.querySelector('#np-diagram .np-later') !== null`)
	upto, _ := strconv.Atoi(eval[string](t, ctx, `document.querySelector('#np-page').dataset.upto`))
	if v, _ := strconv.Atoi(eval[string](t, ctx, `document.querySelector('#np-scrub').value`)); v != upto {
		t.Errorf("scrubber at %d, the page at row %d", v, upto)
	}
	if s := text(t, ctx, ".np-sockets"); !strings.Contains(s, "SYN_SENT") && !strings.Contains(s, "LISTEN") {
		t.Errorf("sockets view at the SYN: %q", s)
	}
	insp := text(t, ctx, "#np-inspector")
	for _, want := range []string{"seq (relative)=0", "seq (raw)=", "Maximum segment size: 1460 bytes", "Window scale: 7 (multiply by 128)", "SACK permitted", "The label above gives seq and ack relative"} {
		if !strings.Contains(insp, want) {
			t.Errorf("inspector lacks %q: %q", want, insp)
		}
	}
	shot(t, ctx, "diagram-06-click-syn")

	// Drop the SYN,ACK; the capture marks it.
	clickArrow(t, ctx, "SYN,ACK seq=0 ack=1")
	waitFor(t, ctx, 5*time.Second, "inspector shows the SYN,ACK", `document.querySelector('#np-inspector').textContent.includes('SYN,ACK')`)
	before := eval[int](t, ctx, runsDone)
	click(t, ctx, "#np-drop")
	runAfter(t, ctx, before)
	labels := eval[[]string](t, ctx, arrowLabels)
	if !hasPrefix(labels, "[TCP Retransmission] SYN,ACK seq=0 ack=1") {
		t.Errorf("the SYN,ACK sent again is not labelled a retransmission: %q", labels)
	}
	shot(t, ctx, "diagram-07-dropped-synack")
	dir := download(t, ctx, 10*time.Second, "#np-pcap")
	tshark, err := exec.LookPath("tshark")
	if err != nil {
		t.Skip("tshark not installed")
	}
	out, err := exec.Command(tshark, "-r", filepath.Join(dir, "netplay-handshake.pcapng"), "-Y", "frame.comment", "-T", "fields", "-e", "frame.comment", "-e", "tcp.flags.str").Output()
	if err != nil || !strings.Contains(string(out), "dropped: drop nth=") || strings.Count(string(out), "\n") != 1 {
		t.Errorf("tshark on the pcapng: %v\n%s", err, out)
	}
}

// laneOrder is the order of the diagram's lifelines, left to right.
const laneOrder = `Array.from(document.querySelectorAll('#np-diagram svg.np-diagram:not(.np-diagram-head) g.np-lane')).map(g => g.dataset.lane)`

// legendCrowded lists what is wrong with the legend's layout: an item
// over another, closer than 8 px to its neighbour on its line, or out of
// the legend's box.
const legendCrowded = `(() => {
	const box = document.querySelector('#np-legend').getBoundingClientRect();
	const items = Array.from(document.querySelectorAll('#np-legend .np-legend-item')).map(e => [e.textContent, e.getBoundingClientRect()]);
	const bad = [];
	items.forEach(([ta, a], i) => {
		if (a.width === 0 || a.left < box.left - 0.5 || a.right > box.right + 0.5) bad.push(ta + ' outside the legend');
		items.forEach(([tb, b], j) => {
			if (j <= i) return;
			const sameLine = a.top < b.bottom - 2 && b.top < a.bottom - 2;
			if (sameLine && a.left < b.right + 8 && b.left < a.right + 8) bad.push(ta + ' against ' + tb);
		});
	});
	return bad;
})()`

// Issue 15, point 3: the learner moves lifelines with the arrows beside
// their names (the order is kept for the scenario over a reload), the
// lifelines in play stay on screen scrolled sideways, the six-host
// backlog experiment fits the screen, and the legend's items stand
// apart, at 1280×800 and on a phone.
func TestLifelinesAndLegend(t *testing.T) {
	ctx := newBrowser(t)
	openPage(t, ctx, "/")
	gallery(t, ctx, "backlog")
	run(t, ctx)
	if got := strings.Join(eval[[]string](t, ctx, laneOrder), " "); got != "server c1 c2 c3 c4 c5" {
		t.Fatalf("lifelines %q", got)
	}
	// c5 next to the server, by the arrows a learner clicks (the sticky
	// header's, on top).
	for i := 0; i < 4; i++ {
		before := strings.Join(eval[[]string](t, ctx, laneOrder), " ")
		// Scrolled to c5 (pinned at an edge of the view, a lifeline has
		// no arrows: it is not where it stands).
		eval[any](t, ctx, `(() => { const d = document.querySelector('#np-diagram'), svg = d.querySelector('svg.np-diagram-head');
			const z = svg.width.baseVal.value / svg.viewBox.baseVal.width;
			d.scrollLeft = Number(svg.querySelector('g[data-lane="c5"] .np-host').getAttribute('x')) * z - d.clientWidth / 2; })()`)
		waitFor(t, ctx, 5*time.Second, "c5's arrows", `document.querySelector('#np-diagram .np-diagram-head [data-move="c5"][data-dir="-1"]') !== null`)
		clickAt(t, ctx, `#np-diagram .np-diagram-head [data-move="c5"][data-dir="-1"] rect`)
		waitFor(t, ctx, 5*time.Second, "c5 moved", fmt.Sprintf(`%s.join(' ') !== %q`, laneOrder, before))
	}
	if got := strings.Join(eval[[]string](t, ctx, laneOrder), " "); got != "server c5 c1 c2 c3 c4" {
		t.Errorf("after moving c5 left four times: %q", got)
	}
	// The rightmost lifeline has no arrow to the right, the leftmost none to the left.
	if n := count(t, ctx, `#np-diagram .np-diagram-head [data-move="server"][data-dir="-1"], #np-diagram .np-diagram-head [data-move="c4"][data-dir="1"]`); n != 0 {
		t.Errorf("%d arrows past the ends", n)
	}
	// Scrolled sideways to the last lifelines, the server's (in play) stays
	// on screen, pinned at the left edge with its name, and the frames end
	// on it.
	eval[any](t, ctx, `(() => { const d = document.querySelector('#np-diagram'); d.scrollLeft = d.scrollWidth; })()`)
	inView := func(sel string) string {
		return fmt.Sprintf(`(() => { const d = document.querySelector('#np-diagram').getBoundingClientRect(); const e = document.querySelector(%q); if (!e) return false; const r = e.getBoundingClientRect(); return r.left >= d.left && r.right <= d.right })()`, sel)
	}
	waitFor(t, ctx, 5*time.Second, "the server's lifeline pinned in view", inView(`#np-diagram svg.np-diagram:not(.np-diagram-head) g.np-lane.np-pinned[data-lane="server"] line.np-life`))
	waitFor(t, ctx, 5*time.Second, "the server's name pinned in view", inView(`#np-diagram .np-diagram-head g.np-pinned[data-lane="server"] .np-host`))
	shot(t, ctx, "lifelines-sideways")
	lanesKept(t, ctx, "1280 scrolled right", "server")
	// Scrolled back to the left, the clients right of the view (in play)
	// are pinned at its right edge, c4 (the last) nearest it, their names
	// too.
	eval[any](t, ctx, `(() => { document.querySelector('#np-diagram').scrollLeft = 0; })()`)
	waitFor(t, ctx, 5*time.Second, "nothing pinned at the left", `document.querySelector('#np-diagram .np-diagram-head g.np-pinned[data-lane="server"]') === null`)
	right := scrollToPinnedRight(t, ctx)
	waitFor(t, ctx, 5*time.Second, right+"'s name pinned in view", inView(fmt.Sprintf(`#np-diagram .np-diagram-head g.np-pinned[data-lane=%q] .np-host`, right)))
	lanesKept(t, ctx, "1280 at the left", right)
	shot(t, ctx, "lifelines-pinned-right")
	eval[any](t, ctx, `(() => { document.querySelector('#np-diagram').scrollTop = 0; })()`)

	click(t, ctx, "#np-zoom-fit")
	paneW := eval[float64](t, ctx, `document.querySelector('#np-diagram').clientWidth`)
	waitFor(t, ctx, 10*time.Second, "fitted", fmt.Sprintf(`Number(document.querySelector('#np-diagram svg.np-diagram:not(.np-diagram-head)').getAttribute('width')) <= %f`, paneW))
	if n := count(t, ctx, "#np-diagram .np-pinned"); n != 0 {
		t.Errorf("fitted, %d lifelines pinned", n)
	}
	click(t, ctx, "#np-legend summary")
	waitFor(t, ctx, 5*time.Second, "legend open", `document.querySelectorAll('#np-legend .np-legend-item').length > 10`)
	if bad := eval[[]string](t, ctx, legendCrowded); len(bad) > 0 {
		t.Errorf("legend at 1280×800: %q", bad)
	}
	shot(t, ctx, "lifelines-1280")

	// A reload keeps the order (the page reopens the backlog scenario).
	openPage(t, ctx, "/")
	waitFor(t, ctx, 10*time.Second, "backlog reopened", `document.querySelector('#np-gallery').value === 'backlog'`)
	run(t, ctx)
	if got := strings.Join(eval[[]string](t, ctx, laneOrder), " "); got != "server c5 c1 c2 c3 c4" {
		t.Errorf("after a reload: %q", got)
	}

	phone := newBrowser(t)
	within(t, phone, 10*time.Second, "phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(3)))
	openPage(t, phone, "/")
	gallery(t, phone, "backlog")
	run(t, phone)
	// On the phone the wide diagram keeps its clients at the right edge,
	// and scrolled right the server at the left.
	if eval[bool](t, phone, `(() => { const d = document.querySelector('#np-diagram'); return d.scrollWidth > d.clientWidth + 1 })()`) {
		right := scrollToPinnedRight(t, phone)
		lanesKept(t, phone, "390 at the left", right)
		shot(t, phone, "lifelines-phone-pinned-right")
		eval[any](t, phone, `(() => { const d = document.querySelector('#np-diagram'); d.scrollLeft = d.scrollWidth / 2; })()`)
		waitFor(t, phone, 5*time.Second, "the server pinned on the phone", `document.querySelector('#np-diagram svg.np-diagram:not(.np-diagram-head) g.np-lane.np-pinned[data-lane="server"]') !== null`)
		lanesKept(t, phone, "390 in the middle", "server")
		shot(t, phone, "lifelines-phone-pinned-both")
		eval[any](t, phone, `(() => { const d = document.querySelector('#np-diagram'); d.scrollLeft = 0; d.scrollTop = 0; })()`)
	} else {
		t.Errorf("the backlog fits the phone's pane: nothing to pin")
	}
	click(t, phone, "#np-legend summary")
	waitFor(t, phone, 5*time.Second, "legend open", `document.querySelectorAll('#np-legend .np-legend-item').length > 10`)
	eval[any](t, phone, `document.querySelector('#np-legend').scrollIntoView({block: 'end'})`)
	if bad := eval[[]string](t, phone, legendCrowded); len(bad) > 0 {
		t.Errorf("legend at 390×844: %q", bad)
	}
	if !eval[bool](t, phone, `document.documentElement.scrollWidth <= window.innerWidth`) {
		t.Errorf("the phone's page scrolls sideways")
	}
	shot(t, phone, "lifelines-phone")
}

// labelCollisions lists the arrows' labels drawn over another label, a
// call's, state's, exit's or spawn's text, a cut's line or a mark (a dot,
// a ✕), in the diagram as drawn: each text's box is the browser's own
// (getBBox, less the room above and below the letters a font's line
// keeps), turned as the text is, in the SVG's units.
const labelCollisions = `(() => {
	const svg = document.querySelector('#np-diagram svg.np-diagram:not(.np-diagram-head)');
	if (!svg) return ['no diagram'];
	const back = svg.getScreenCTM().inverse();
	const quad = (el, l, t, r, b) => {
		const bb = el.getBBox(), m = back.multiply(el.getScreenCTM());
		return [[bb.x + l, bb.y + t], [bb.x + bb.width - r, bb.y + t], [bb.x + bb.width - r, bb.y + bb.height - b], [bb.x + l, bb.y + bb.height - b]]
			.map(([x, y]) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f]);
	};
	const shadow = (q, nx, ny) => { let lo = Infinity, hi = -Infinity; for (const [x, y] of q) { const v = x * nx + y * ny; lo = Math.min(lo, v); hi = Math.max(hi, v); } return [lo, hi]; };
	const hits = (a, b) => {
		for (const s of [a, b]) for (let i = 0; i < 2; i++) {
			const nx = s[i + 1][1] - s[i][1], ny = s[i][0] - s[i + 1][0];
			const [alo, ahi] = shadow(a, nx, ny), [blo, bhi] = shadow(b, nx, ny);
			if (ahi <= blo + 1e-6 || bhi <= alo + 1e-6) return false;
		}
		return true;
	};
	const texts = sel => Array.from(svg.querySelectorAll(sel)).filter(e => e.textContent !== '').map(e => [e.textContent, quad(e, 0.5, 1.5, 0.5, 1)]);
	const labels = texts('.np-label');
	const others = texts('.np-call text, .np-tick text, .np-exit text, .np-signal text, .np-texit text, .np-action text, .np-spawn text, .np-cut')
		.concat(Array.from(svg.querySelectorAll('.np-x')).map(e => ['✕', quad(e, 1, 3, 1, 3)]))
		.concat(Array.from(svg.querySelectorAll('g[data-ev] circle')).map(e => ['a dot', quad(e, 0, 0, 0, 0)]));
	const bad = [];
	labels.forEach(([ta, a], i) => {
		labels.forEach(([tb, b], j) => { if (j > i && hits(a, b)) bad.push(ta + ' over the label ' + tb); });
		others.forEach(([tb, b]) => { if (hits(a, b)) bad.push(ta + ' over ' + tb); });
	});
	return bad;
})()`

// Issue 15, point 3: no label collisions. Through the whole six-host
// backlog (retransmitted SYNs on the same rows, queue-full marks, calls
// beside every lifeline) at 1280×800, scrolled back to the left with the
// lifelines right of the view pinned, then scrolled to the right, and on
// a phone, no arrow's label is drawn over another or over a text or a
// mark, measured in the browser; the labels are there.
func TestLabelsApart(t *testing.T) {
	ctx := newBrowser(t)
	openPage(t, ctx, "/")
	gallery(t, ctx, "backlog")
	run(t, ctx)
	check := func(where string) {
		t.Helper()
		if bad := scrollThrough(t, ctx, labelCollisions); len(bad) > 0 {
			shot(t, ctx, "fail-labels-"+safe(where))
			t.Errorf("%s: %d collisions: %q", where, len(bad), bad[:min(len(bad), 6)])
		}
	}
	if n := count(t, ctx, "#np-diagram .np-label"); n < 4 {
		t.Fatalf("%d labels drawn", n)
	}
	check("1280, left")
	shot(t, ctx, "labels-1280")
	eval[any](t, ctx, `(() => { const d = document.querySelector('#np-diagram'); d.scrollLeft = d.scrollWidth; })()`)
	waitFor(t, ctx, 5*time.Second, "pinned at the left", `document.querySelector('#np-diagram svg.np-diagram:not(.np-diagram-head) g.np-lane.np-pinned[data-lane="server"]') !== null`)
	check("1280, right")
	eval[any](t, ctx, `(() => { const d = document.querySelector('#np-diagram'); d.scrollTop = 1000; })()`)
	nextFrames(t, ctx)
	shot(t, ctx, "labels-1280-right")

	phone(t, ctx)
	eval[any](t, ctx, `(() => { const d = document.querySelector('#np-diagram'); d.scrollLeft = 0; d.scrollTop = 0; })()`)
	nextFrames(t, ctx)
	check("390")
	eval[any](t, ctx, `(() => { const d = document.querySelector('#np-diagram'); d.scrollTop = 1000; })()`)
	nextFrames(t, ctx)
	shot(t, ctx, "labels-phone")
}

// lanesOnScreen lists the lifelines as drawn (host, x on screen,
// pinned), and whether each is inside the diagram's pane.
const lanesOnScreen = `(() => {
	const pane = document.querySelector('#np-diagram').getBoundingClientRect();
	return Array.from(document.querySelectorAll('#np-diagram svg.np-diagram:not(.np-diagram-head) g.np-lane')).map(g => {
		const r = g.querySelector('line.np-life').getBoundingClientRect();
		return {Host: g.dataset.lane, X: r.left + r.width / 2, Pinned: g.classList.contains('np-pinned'), In: r.left >= pane.left && r.right <= pane.right};
	});
})()`

type laneOnScreen struct {
	Host       string
	X          float64
	Pinned, In bool
}

// lanesKept checks that the pinned lifelines are on screen, that no two
// lifelines on screen stand within 20 px of each other, and that the ones
// named are pinned.
func lanesKept(t *testing.T, ctx context.Context, where string, pinned ...string) {
	t.Helper()
	var on []laneOnScreen
	for _, ln := range eval[[]laneOnScreen](t, ctx, lanesOnScreen) {
		if ln.Pinned && !ln.In {
			t.Errorf("%s: %s pinned off screen (x %.0f)", where, ln.Host, ln.X)
		}
		if ln.In {
			if len(on) > 0 && ln.X-on[len(on)-1].X < 20 {
				t.Errorf("%s: %s at %.0f, %s at %.0f: too close", where, on[len(on)-1].Host, on[len(on)-1].X, ln.Host, ln.X)
			}
			on = append(on, ln)
		}
	}
	for _, h := range pinned {
		if !slices.ContainsFunc(on, func(ln laneOnScreen) bool { return ln.Host == h && ln.Pinned }) {
			t.Errorf("%s: %s not pinned on screen: %+v", where, h, on)
		}
	}
}

// scrollToPinnedRight scrolls the diagram down until a lifeline in play
// right of the view is pinned at its right edge (the clients' SYNs sent
// again come later than the first screen) and returns its host.
func scrollToPinnedRight(t *testing.T, ctx context.Context) string {
	t.Helper()
	const pinnedRight = `(() => {
		const d = document.querySelector('#np-diagram'), r = d.getBoundingClientRect();
		const g = Array.from(d.querySelectorAll('svg.np-diagram:not(.np-diagram-head) g.np-lane.np-pinned')).find(g => g.querySelector('line.np-life').getBoundingClientRect().left > r.left + r.width / 2);
		if (g) return g.dataset.lane;
		if (d.scrollTop + d.clientHeight < d.scrollHeight - 1) d.scrollTop += d.clientHeight / 2;
		return '';
	})()`
	waitFor(t, ctx, 20*time.Second, "a lifeline pinned at the right edge", pinnedRight+` !== ''`)
	return eval[string](t, ctx, pinnedRight)
}

// clickAt clicks the middle of the element matching sel with the mouse, as
// a learner does (whatever is on top there gets it).
func clickAt(t testing.TB, ctx context.Context, sel string) {
	t.Helper()
	type pt struct{ X, Y float64 }
	p := eval[pt](t, ctx, fmt.Sprintf(`(() => { const e = document.querySelector(%q); if (!e) return {X: -1, Y: -1}; e.scrollIntoView({block: 'nearest', inline: 'center'}); const r = e.getBoundingClientRect(); return {X: r.left + r.width / 2, Y: r.top + r.height / 2} })()`, sel))
	if p.X < 0 {
		shot(t, ctx, "fail-"+safe(t.Name()))
		t.Fatalf("nothing to click at %s", sel)
	}
	nextFrames(t, ctx) // a sideways scroll drawn
	within(t, ctx, 10*time.Second, "click "+sel, chromedp.MouseClickXY(p.X, p.Y))
}
